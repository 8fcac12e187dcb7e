"""Two `rectify serve` processes on one PostgreSQL database, in different working directories:
- a browser session started by signing in on server A works on server B, and signing out on B ends it on A;
- evidence uploaded through A downloads byte for byte through B;
- an If-Match race split across A and B has one winner, and writers on both at once leave one intact audit chain;
- the escalation scan: two concurrent `rectify tick` runs issue every reminder notice once, and with
  RECTIFY_SCAN_INTERVAL_MINUTES=1 the two servers together take the scan's lease once per interval.
  A trigger installed by the test logs every committed write to job_leases, so each acquisition is
  counted with the server (process id in the holder) that took it.
"""
import hashlib
import http.client
import http.server
import json
import os
import re
import subprocess
import tempfile
import threading
import time
import urllib.parse
import uuid

import pytest

import harness

LATE_ANSWER_TITLE = "关于逾期未报送举一反三自查情况的"

INTERVAL_SECONDS = 60  # RECTIFY_SCAN_INTERVAL_MINUTES=1, the smallest interval the configuration accepts
STAGGER_SECONDS = 3  # B starts this long after A, as servers of one installation rarely start in the same instant
OBSERVE_AFTER_B = INTERVAL_SECONDS + 8  # watch until both servers had their second scan

LEASE_LOG = """
CREATE TABLE sys_lease_log (n serial PRIMARY KEY, name text, holder text, expires_at_ms bigint,
                            logged_ms bigint DEFAULT (extract(epoch FROM clock_timestamp()) * 1000)::bigint);
CREATE FUNCTION sys_lease_log() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO sys_lease_log (name, holder, expires_at_ms) VALUES (NEW.name, NEW.holder, NEW.expires_at_ms);
  RETURN NEW;
END $$;
CREATE TRIGGER sys_lease_log AFTER INSERT OR UPDATE ON job_leases FOR EACH ROW EXECUTE FUNCTION sys_lease_log();
"""


@pytest.fixture(scope="module")
def cluster(postgres, artifacts):
    url = postgres.create(f"rectify_sys_two_{os.getpid()}")
    env = {"DATABASE_URL": url, "RECTIFY_SCAN_INTERVAL_MINUTES": "1"}
    work_a = tempfile.mkdtemp(prefix="rectify-two-a-")
    work_b = tempfile.mkdtemp(prefix="rectify-two-b-")
    harness.run_cli(["demo"], work_a, env)
    writer = harness.create_token(work_a, "sys-two-writer", "admin", env)
    hook = WebhookReceiver()

    # A webhook channel, so every notice the scan issues is delivered to this process and counted.
    setup = harness.Server(work_a, env | {"RECTIFY_SCAN_INTERVAL_MINUTES": "0"}, name="two-setup").start()
    try:
        status, _, body = harness.API(setup.url, writer).call("POST", "/api/v1/notification-channels", {
            "name": "sys-webhook", "kind": "webhook", "target": hook.url, "active": True})
        assert status == 201, body
    finally:
        setup.stop()

    # Two scans at once from the two working directories, before the servers start.
    ticks = [subprocess.Popen([harness.binary(), "tick"], cwd=w, env=harness.base_env(env), text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT) for w in (work_a, work_b)]
    tick_output = [t.communicate(timeout=harness.CLI_TIMEOUT)[0] for t in ticks]
    assert all(t.returncode == 0 for t in ticks), tick_output
    postgres.psql(url, LEASE_LOG)

    a = harness.Server(work_a, env, name="two-a")
    b = harness.Server(work_b, env, name="two-b")
    try:
        a.start()
        a_started = time.time()
        time.sleep(STAGGER_SECONDS)
        b.start()
        b_started = time.time()
        yield {"url": url, "env": env, "a": a, "b": b, "writer": writer, "ticks": tick_output, "hook": hook,
               "a_started": a_started, "b_started": b_started}
    finally:
        a.stop()
        b.stop()
        hook.close()
        harness.keep_logs(artifacts, work_a)
        harness.keep_logs(artifacts, work_b)
        harness.remove_dir(work_a)
        harness.remove_dir(work_b)


class WebhookReceiver:
    """An HTTP endpoint in this process that records every webhook delivery."""

    def __init__(self):
        deliveries = self.deliveries = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                deliveries.append(self.rfile.read(int(self.headers.get("Content-Length") or 0)))
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def session_cookie(headers):
    for value in headers.get_all("Set-Cookie") or []:
        match = re.match(r"rectify_session=([^;]*)", value)
        if match:
            return match.group(1)
    return None


def csrf_token(html):
    match = re.search(rb'name="_csrf" value="([^"]+)"', html)
    assert match, "no CSRF field in the page"
    return match.group(1).decode()


def page(base, path, cookie=None):
    headers = {"Accept": "text/html"}
    if cookie:
        headers["Cookie"] = f"rectify_session={cookie}"
    return harness.request("GET", base + path, headers=headers)


def post_form(base, path, fields, cookie):
    body = urllib.parse.urlencode(fields).encode()
    return harness.request("POST", base + path, body, {
        "Accept": "text/html", "Content-Type": "application/x-www-form-urlencoded", "Cookie": f"rectify_session={cookie}"})


def test_session_started_on_a_works_on_b(cluster):
    a, b = cluster["a"].url, cluster["b"].url
    status, headers, html = page(a, "/login")
    assert status == 200
    anonymous = session_cookie(headers)
    assert anonymous, "GET /login set no session cookie"
    status, headers, _ = post_form(a, "/login", {"username": "office", "password": harness.DEMO_PASSWORD,
                                                 "_csrf": csrf_token(html), "next": "/board"}, anonymous)
    assert status in (302, 303) and headers["Location"] == "/board", (status, headers.items())
    signed_in = session_cookie(headers)
    assert signed_in and signed_in != anonymous, "signing in must start a new session"

    status, headers, _ = page(b, "/board")
    assert status in (302, 303) and headers["Location"].startswith("/login"), "B shows the board without a session"
    status, _, board = page(b, "/board", signed_in)
    assert status == 200 and b'action="/logout"' in board, f"B did not accept A's session: {status}"
    status, _, _ = post_form(b, "/logout", {"_csrf": "forged"}, signed_in)
    assert status == 403, f"sign-out on B with a forged CSRF token answered {status}"
    status, headers, _ = post_form(b, "/logout", {"_csrf": csrf_token(board)}, signed_in)
    assert status in (302, 303) and headers["Location"] == "/login", f"sign-out on B with B's CSRF token: {status}"
    status, headers, _ = page(a, "/board", signed_in)
    assert status in (302, 303) and headers["Location"].startswith("/login"), "the session signed out on B still works on A"
    print("\n[two-servers] signed in on A (POST /login with CSRF): B shows the board with that cookie (200), "
          "B refuses a forged CSRF token (403) and signs out with the token from its own page, A then redirects to /login")


def multipart(name, data):
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
            f"Content-Type: application/octet-stream\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def test_evidence_uploaded_on_a_downloads_on_b(cluster):
    token = cluster["writer"]
    on_a = harness.API(cluster["a"].url, token)
    on_b = harness.API(cluster["b"].url, token)
    measure = harness.open_measures(on_a, 1)[0]["id"]
    status, _, report = on_a.call("POST", "/api/v1/progress-reports",
                                  {"measureId": measure, "text": "sys-two evidence", "progress": 40})
    assert status == 201, report
    files = {"sys-evidence.pdf": b"%PDF-1.4\n" + os.urandom(400_000),
             "sys-evidence.png": b"\x89PNG\r\n\x1a\n" + os.urandom(150_000)}
    uploaded = {}
    body, content_type = multipart("sys-evidence.pdf", files["sys-evidence.pdf"])
    # API.call sends JSON bodies; the uploads go through harness.request directly.
    status, _, raw = harness.request("POST", f"{cluster['a'].url}/api/v1/progress-reports/{report['id']}/evidence", body,
                                     {"Authorization": "Bearer " + token, "Content-Type": content_type})
    assert status == 201, raw
    uploaded["sys-evidence.pdf"] = json.loads(raw)
    status, _, raw = harness.request(
        "POST", f"{cluster['a'].url}/api/v1/progress-reports/{report['id']}/evidence?name=sys-evidence.png",
        files["sys-evidence.png"], {"Authorization": "Bearer " + token, "Content-Type": "application/octet-stream"})
    assert status == 201, raw
    uploaded["sys-evidence.png"] = json.loads(raw)

    listed, _ = on_b.get(f"/api/v1/progress-reports/{report['id']}")
    assert sorted(e["id"] for e in listed["evidence"]) == sorted(d["id"] for d in uploaded.values())
    for name, dto in uploaded.items():
        status, headers, data = harness.request("GET", f"{cluster['b'].url}/api/v1/evidence/{dto['id']}",
                                                headers={"Authorization": "Bearer " + token})
        assert status == 200, data
        assert data == files[name], f"{name}: B returned {len(data)} bytes, A stored {len(files[name])}"
        assert hashlib.sha256(data).hexdigest() == dto["sha256"]
        print(f"\n[two-servers] {name}: {len(data)} bytes uploaded on A, downloaded on B identical "
              f"(sha256 {dto['sha256'][:16]}…, {headers['Content-Type']})")


def test_writes_through_both_servers_keep_one_chain(cluster):
    """Writers on A and on B at once: one If-Match race across the servers has one winner, and the
    audit chain stays one chain (the head row lock serializes writers of both processes)."""
    token = cluster["writer"]
    servers = [cluster["a"], cluster["b"]]
    on_a = harness.API(servers[0].url, token)
    measures = [m["id"] for m in harness.open_measures(on_a, 3)]
    race_measure, write_measures = measures[0], measures[1:]

    _, headers = on_a.get(f"/api/v1/measures/{race_measure}")
    version = harness.etag_version(headers)
    clients = 16
    barrier = threading.Barrier(clients, timeout=30)
    statuses = [None] * clients

    def racer(i):
        conn = http.client.HTTPConnection("127.0.0.1", servers[i % 2].port, timeout=30)
        try:
            conn.connect()
            barrier.wait()
            conn.request("PATCH", f"/api/v1/measures/{race_measure}", json.dumps({"text": f"sys-two race {i}"}).encode(),
                         {"Authorization": "Bearer " + token, "Content-Type": "application/json", "If-Match": f'"{version}"'})
            statuses[i] = conn.getresponse().status
        except Exception as e:  # recorded and asserted below
            statuses[i] = repr(e)
        finally:
            conn.close()

    writes_per_client = 12
    results = []
    lock = threading.Lock()

    def writer(i):
        api = harness.API(servers[i % 2].url, token)
        for n in range(writes_per_client):
            status, _, body = api.call("POST", "/api/v1/progress-reports", {
                "measureId": write_measures[i % 2], "text": f"sys-two w{i} n{n}", "progress": (i * 7 + n) % 100})
            with lock:
                results.append(status)

    started = time.monotonic()
    threads = [threading.Thread(target=racer, args=(i,)) for i in range(clients)]
    threads += [threading.Thread(target=writer, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    elapsed = time.monotonic() - started
    wins = statuses.count(200)
    auditor = harness.create_token(cluster["a"].workdir, "sys-two-auditor", "supervisor", cluster["env"])
    verdicts = [harness.API(s.url, auditor).get("/api/v1/audit/verify")[0] for s in servers]
    cli = harness.run_cli(["audit", "verify"], cluster["b"].workdir, cluster["env"], check=False)
    print(f"\n[two-servers] If-Match race across A and B, {clients} clients: {wins} x 200, {statuses.count(409)} x 409; "
          f"{len(results)} progress reports through both at once in {elapsed:.1f}s ({results.count(201)} x 201); "
          f"audit verify: A {verdicts[0]['intact']}, B {verdicts[1]['intact']} ({verdicts[0]['checked']} events), "
          f"CLI exit {cli.returncode}")
    assert wins == 1 and statuses.count(409) == clients - 1, statuses
    assert results == [201] * len(results) and len(results) == 8 * writes_per_client, sorted(set(results))
    assert all(v["intact"] for v in verdicts) and cli.returncode == 0, (verdicts, cli.stdout, cli.stderr)


def test_notices_and_deliveries_happen_once(cluster, postgres):
    url = cluster["url"]
    ticks = cluster["ticks"]
    issued = [int(m.group(1)) for out in ticks for m in [re.search(r"(\d+) notices issued", out)] if m]
    skipped = sum("skipped" in out for out in ticks)
    keys = postgres.rows(url, "SELECT count(*), count(DISTINCT key), count(DISTINCT notice_id) FROM escalation_keys")[0]
    duplicates = postgres.rows(url, """
        SELECT ni.measure_id, n.title, count(*) FROM notice_items ni JOIN reminder_notices n ON n.id = ni.notice_id
        WHERE n.id IN (SELECT notice_id FROM escalation_keys) GROUP BY ni.measure_id, n.title HAVING count(*) > 1""")
    serials = postgres.rows(url, """
        SELECT inspection_id, year, serial, count(*) FROM reminder_notices GROUP BY inspection_id, year, serial HAVING count(*) > 1""")
    sent = [int(m.group(1)) for out in ticks for m in [re.search(r"notifications: (\d+) sent", out)] if m]
    # A tick's delivery may find the other holding the lease; then server A's first run delivers.
    deadline = time.monotonic() + 20
    while postgres.rows(url, "SELECT count(*) FROM outbox_messages WHERE state <> 'sent'")[0][0] != "0" \
            and time.monotonic() < deadline:
        time.sleep(0.5)
    outbox, attempts = map(int, postgres.rows(url, "SELECT count(*), coalesce(sum(attempts), 0) FROM outbox_messages")[0])
    delivered = list(cluster["hook"].deliveries)
    print(f"\n[two-servers] two concurrent `rectify tick`: notices issued {issued}, skipped for the lease {skipped}; "
          f"escalation keys {keys[0]} ({keys[1]} distinct) on {keys[2]} notices; webhook messages sent by the ticks "
          f"{sent}; outbox {outbox} messages, {attempts} attempts, webhook received {len(delivered)} ({len(set(delivered))} distinct)")
    # Late 举一反三 answers are noticed by the same scan, one notice per body and step, their keys kept on the answers.
    late, late_distinct = map(int, postgres.rows(url, f"""
        SELECT count(*), count(DISTINCT inspection_id || title) FROM reminder_notices WHERE title LIKE '{LATE_ANSWER_TITLE}%'""")[0])
    notices = int(keys[2]) + late
    assert sum(issued) == notices and int(keys[2]) > 0, f"the ticks issued {issued}, the database holds {notices} scan notices"
    assert keys[0] == keys[1] and not duplicates and not serials and late == late_distinct, (keys, duplicates, serials, late)
    assert outbox == notices and sum(sent) <= outbox, f"outbox {outbox}, sent by the ticks {sent}, notices {notices}"
    assert len(delivered) == len(set(delivered)) == outbox == attempts, f"{len(delivered)} deliveries of {outbox} messages"


def test_escalation_scan_runs_once_per_interval(cluster, postgres):
    url = cluster["url"]
    keys = postgres.rows(url, "SELECT count(*) FROM escalation_keys")[0][0]
    outbox = int(postgres.rows(url, "SELECT count(*) FROM outbox_messages")[0][0])
    wait = cluster["b_started"] + OBSERVE_AFTER_B - time.time()
    if wait > 0:
        time.sleep(wait)
    observed_until = time.time()
    keys_after = postgres.rows(url, "SELECT count(*) FROM escalation_keys")[0][0]
    pids = {str(cluster["a"].proc.pid): "A", str(cluster["b"].proc.pid): "B"}
    acquisitions, deliveries = [], 0
    for name, holder, expires, logged in postgres.rows(
            url, "SELECT name, holder, expires_at_ms, logged_ms FROM sys_lease_log ORDER BY n"):
        # Taking a lease sets its expiry minutes ahead; releasing sets it to the run's start.
        if int(expires) - int(logged) < 120_000:
            continue
        if name == "escalation-scan":
            server = next((label for pid, label in pids.items() if f"-{pid}-" in holder), holder)
            acquisitions.append((int(logged) / 1000 - cluster["a_started"], server))
        elif name == "outbox-delivery":
            deliveries += 1
    window = observed_until - cluster["a_started"]
    intervals = int(window // INTERVAL_SECONDS) + 1
    timeline = ", ".join(f"{server} at +{t:.1f}s" for t, server in acquisitions)
    print(f"\n[two-servers] webhook deliveries after the servers ran: {len(cluster['hook'].deliveries)} of {outbox} messages")
    print(f"[two-servers] scan lease taken {len(acquisitions)} times in {window:.0f}s "
          f"({intervals} intervals of {INTERVAL_SECONDS}s, B started {STAGGER_SECONDS}s after A): {timeline}; "
          f"outbox delivery lease taken {deliveries} times; escalation keys {keys} -> {keys_after}")
    assert keys_after == keys, "the servers' scans issued notices the ticks had already issued"
    assert len(cluster["hook"].deliveries) == outbox, "the servers delivered messages the ticks had already delivered"
    errors = cluster["a"].server_errors() + cluster["b"].server_errors()
    assert not errors, errors[:10]
    assert acquisitions, "no server ran the escalation scan"
    assert len(acquisitions) <= intervals, (
        f"the escalation scan ran {len(acquisitions)} times in {intervals} intervals ({timeline}): "
        "each server runs it every interval; the lease only keeps two runs from overlapping")
