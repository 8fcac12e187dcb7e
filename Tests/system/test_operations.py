"""Running Rectify in production: SIGTERM lets requests in flight finish, hands the job leases back
and exits 0; with LOG_FORMAT=json every log line is one JSON object carrying the proxy's request id,
which also reaches the audit event; and no password, token, session cookie, one-time password, SMTP
password or webhook key appears in any log line, even at LOG_LEVEL=trace."""
import base64
import json
import os
import re
import secrets
import signal
import socket
import socketserver
import sqlite3
import threading
import time
import urllib.parse
import uuid

import pytest

import harness

FIXTURE = os.path.join(os.path.dirname(__file__), "..", "Fixtures", "reports", "07-hefeng-county-committee.txt")


def read_response(sock):
    data = b""
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            return data
        data += chunk


def test_sigterm_finishes_the_request_in_flight_and_exits_zero(artifacts):
    work = harness.sqlite_workdir("rectify-sigterm-")
    token = harness.create_token(work, "ops-sigterm", "supervisor")
    server = harness.Server(work, {"RECTIFY_SHUTDOWN_GRACE_SECONDS": "20", "LOG_LEVEL": "info"}, name="sigterm").start()
    try:
        # The periodic scan ran at start and keeps its lease for the period (an hour).
        db = os.path.join(work, "rectify.sqlite")
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            with sqlite3.connect(db) as conn:
                leases = conn.execute("SELECT name, expires_at_ms FROM job_leases").fetchall()
            if len(leases) >= 2:
                break
            time.sleep(0.2)
        assert any(expires > time.time() * 1000 + 600_000 for _, expires in leases), leases

        body = open(FIXTURE, "rb").read()
        sock = socket.create_connection(("127.0.0.1", server.port), timeout=30)
        head = (f"POST /api/v1/checks?name=report.txt HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n"
                f"Content-Type: application/octet-stream\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode()
        half = len(body) // 2
        sock.sendall(head + body[:half])
        time.sleep(0.5)
        os.kill(server.proc.pid, signal.SIGTERM)
        time.sleep(1.0)
        assert server.proc.poll() is None, "the server ended with a request in flight"
        with pytest.raises(harness.CONNECTION_ERRORS):
            harness.request("GET", server.url + "/healthz", timeout=2)

        sock.sendall(body[half:])
        response = read_response(sock)
        sock.close()
        status = int(response.split(b" ", 2)[1])
        assert status == 200, response[:400]
        assert b"claims" in response or b"report" in response

        assert server.proc.wait(timeout=25) == 0, server.log_tail()
        with sqlite3.connect(db) as conn:
            leases = conn.execute("SELECT name, expires_at_ms FROM job_leases").fetchall()
        assert leases and all(expires <= time.time() * 1000 for _, expires in leases), f"leases kept: {leases}"
    finally:
        server.stop()
        harness.keep_logs(artifacts, work)
        harness.remove_dir(work)


class FakeSMTP:
    """Answers SMTP well enough for the client, AUTH PLAIN included."""

    def __init__(self):
        outer = self
        self.auth_lines = []

        class Handler(socketserver.StreamRequestHandler):
            def handle(self):
                self.wfile.write(b"220 fake\r\n")
                in_data = False
                for raw in self.rfile:
                    line = raw.decode(errors="replace").rstrip("\r\n")
                    if in_data:
                        if line == ".":
                            in_data = False
                            self.wfile.write(b"250 queued\r\n")
                        continue
                    verb = line.split(" ")[0].upper()
                    if verb == "EHLO":
                        self.wfile.write(b"250-fake\r\n250 AUTH PLAIN\r\n")
                    elif verb == "AUTH":
                        outer.auth_lines.append(line)
                        self.wfile.write(b"235 ok\r\n")
                    elif verb == "DATA":
                        in_data = True
                        self.wfile.write(b"354 go\r\n")
                    elif verb == "QUIT":
                        self.wfile.write(b"221 bye\r\n")
                        return
                    else:
                        self.wfile.write(b"250 ok\r\n")

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class FakeHook:
    def __init__(self):
        import http.server
        outer = self
        self.paths = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                outer.paths.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"errcode":0}')

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def test_json_logs_carry_the_request_id_and_never_a_secret(artifacts):
    work = harness.sqlite_workdir("rectify-logs-")
    smtp, hook = FakeSMTP(), FakeHook()
    smtp_password = "smtp-" + secrets.token_hex(8)
    metrics_token = "metrics-" + secrets.token_hex(12)
    hook_key = "robotkey" + secrets.token_hex(8)
    env = {"LOG_FORMAT": "json", "LOG_LEVEL": "trace", "RECTIFY_SCAN_INTERVAL_MINUTES": "0",
           "RECTIFY_SMTP_HOST": "127.0.0.1", "RECTIFY_SMTP_PORT": str(smtp.port), "RECTIFY_SMTP_FROM": "rectify@example.org",
           "RECTIFY_SMTP_USER": "rectify", "RECTIFY_SMTP_PASSWORD": smtp_password, "RECTIFY_METRICS_TOKEN": metrics_token}
    cli_logs = []
    created = harness.run_cli(["user", "create", "--name", "ops-admin", "--role", "admin"], work, env)
    cli_logs.append(created.stderr)
    admin_token = re.search(r"^api token: (\S+)", created.stdout, re.M).group(1)
    server = harness.Server(work, env, name="jsonlogs").start()
    try:
        base = server.url
        secret_values = {"demo password": harness.DEMO_PASSWORD, "admin API token": admin_token,
                         "SMTP password": smtp_password, "metrics token": metrics_token, "webhook key": hook_key,
                         "SMTP AUTH PLAIN": base64.b64encode(f"\0rectify\0{smtp_password}".encode()).decode()}

        # A password sent to the API, and the token it returns.
        status, _, raw = harness.request("POST", base + "/api/v1/auth/login",
                                         json.dumps({"username": "office", "password": harness.DEMO_PASSWORD}).encode(),
                                         {"Content-Type": "application/json"})
        assert status == 200, raw
        office_token = json.loads(raw)["token"]
        secret_values["office API token"] = office_token

        # A password sent from the sign-in page, and the session cookie and CSRF token that follow.
        status, headers, html = harness.request("GET", base + "/login", headers={"Accept": "text/html"})
        anonymous = re.search(r"rectify_session=([^;]*)", headers["Set-Cookie"]).group(1)
        csrf = re.search(rb'name="_csrf" value="([^"]+)"', html).group(1).decode()
        form = urllib.parse.urlencode({"username": "office", "password": harness.DEMO_PASSWORD, "_csrf": csrf, "next": "/board"})
        status, headers, _ = harness.request("POST", base + "/login", form.encode(), {
            "Accept": "text/html", "Content-Type": "application/x-www-form-urlencoded", "Cookie": f"rectify_session={anonymous}"})
        assert status in (302, 303), status
        session = re.search(r"rectify_session=([^;]*)", headers["Set-Cookie"]).group(1)
        secret_values["session cookie"] = session
        secret_values["CSRF token"] = csrf
        status, _, _ = harness.request("GET", base + "/board", headers={"Accept": "text/html", "Cookie": f"rectify_session={session}"})
        assert status == 200

        # A one-time password issued for a new user.
        admin = harness.API(base, admin_token)
        status, _, made = admin.call("POST", "/api/v1/users", {"username": "ops-new", "displayName": "运维新用户", "role": "supervisor"})
        assert status == 201, made
        secret_values["one-time password"] = made["oneTimePassword"]

        # A write carrying the proxy's request id.
        request_id = "proxy-" + uuid.uuid4().hex[:12]
        office = harness.API(base, office_token)
        units, _ = office.get("/api/v1/organizations?per=5")  # the office's own body and its units
        body = {"name": "刘洋", "organizationId": units["items"][0]["id"]}
        status, headers, person = office.call("POST", "/api/v1/people", body, headers={"X-Request-Id": request_id})
        assert status == 201, person
        assert headers["X-Request-Id"] == request_id
        events, _ = admin.get(f"/api/v1/audit?requestId={request_id}")
        assert [e["requestId"] for e in events["items"]] == [request_id] and events["items"][0]["entity"] == "person"

        # The metrics token.
        status, _, text = harness.request("GET", base + "/metrics", headers={"Authorization": f"Bearer {metrics_token}"})
        assert status == 200 and b"http_requests_total" in text

        # Deliveries: a mail through the relay with AUTH PLAIN, a WeCom-style robot with its key in the address.
        channels = [("email", "ops@example.org"), ("wecom", f"http://127.0.0.1:{hook.port}/cgi-bin/webhook/send?key={hook_key}")]
        channel_ids = []
        for kind, target in channels:
            status, _, channel = admin.call("POST", "/api/v1/notification-channels", {"name": f"运维测试{kind}", "kind": kind, "target": target})
            assert status == 201, channel
            channel_ids.append(channel["id"])
        # One message per channel, as a notice would leave them (written here: the test needs no rule to fire).
        conn = sqlite3.connect(os.path.join(work, "rectify.sqlite"), timeout=30)
        with conn:
            for channel_id in channel_ids:
                conn.execute("INSERT INTO outbox_messages (id, channel_id, subject, body, state, attempts, next_attempt_at_ms) "
                             "VALUES (?, ?, '测试', '测试通知', 'pending', 0, 0)", (str(uuid.uuid4()).upper(), channel_id))
        conn.close()
        tick = harness.run_cli(["tick"], work, env)
        cli_logs.append(tick.stderr)
        assert smtp.auth_lines, "the mail relay saw no AUTH"
        assert hook.paths and hook_key in hook.paths[0], "the robot saw no delivery"
    finally:
        server.stop()
        smtp.close()
        hook.close()
        harness.keep_logs(artifacts, work)

    with open(server.log_path, errors="replace") as f:
        server_log = f.read()
    logs = server_log + "".join(cli_logs)
    try:
        json_lines = [line for line in server_log.splitlines() if line.startswith("{")]
        assert len(json_lines) > 50, f"only {len(json_lines)} JSON lines"
        parsed = [json.loads(line) for line in json_lines]
        assert {"time", "level", "label", "message"} <= set(parsed[0])
        of_request = [p for p in parsed if p.get("request_id") == request_id]
        access = [p for p in of_request if p["message"] == "request"]
        assert access and access[0]["route"] == "/api/v1/people" and access[0]["status"] == 201 and "duration_ms" in access[0], of_request
        assert access[0].get("user_id") and access[0].get("organization_id"), access[0]
        assert len(of_request) > 1, "the request's other log lines (SQL at trace) do not carry its id"
        for line in server_log.splitlines():
            if line.startswith("{"):
                continue
            # The few lines `serve` prints for a person at start (demo accounts) are not log lines.
            assert not re.match(r"\d{4}-\d\d-\d\dT", line), f"a text log line with LOG_FORMAT=json: {line}"
        for what, value in secret_values.items():
            assert value not in logs, f"the {what} appears in the log"
        assert "[redacted]" in logs, "nothing was redacted at trace level: the test did not reach the secrets"
    finally:
        harness.remove_dir(work)
