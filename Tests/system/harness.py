"""Helpers for the system tests: running the `rectify` binary, HTTP without third-party packages,
free ports, PostgreSQL databases through psql.

Every wait here is bounded: servers must answer within SERVER_START_TIMEOUT, commands within their
timeout, HTTP requests within HTTP_TIMEOUT.
"""
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.parse

SERVER_START_TIMEOUT = 60
HTTP_TIMEOUT = 20
CLI_TIMEOUT = 120
DEMO_PASSWORD = "rectify-demo-2024"

# Errors that mean the connection broke or was refused: the request may or may not have reached the server.
CONNECTION_ERRORS = (ConnectionError, socket.timeout, TimeoutError, http.client.HTTPException, OSError)


def binary():
    path = os.environ.get("RECTIFY_BIN")
    if not path or not os.access(path, os.X_OK):
        raise RuntimeError("RECTIFY_BIN must name the rectify executable")
    return os.path.abspath(path)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def base_env(extra=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("RECTIFY_") and k != "DATABASE_URL"}
    env["LOG_LEVEL"] = "warning"
    env.update(extra or {})
    return env


def run_cli(args, cwd, env=None, timeout=CLI_TIMEOUT, check=True):
    """Runs `rectify ARGS` in cwd; returns the CompletedProcess (stdout and stderr as text)."""
    proc = subprocess.run([binary()] + list(args), cwd=cwd, env=base_env(env), capture_output=True,
                          text=True, timeout=timeout)
    if check and proc.returncode != 0:
        raise AssertionError(f"rectify {' '.join(args)} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}")
    return proc


def create_token(cwd, name, role, env=None, unit=None):
    args = ["user", "create", "--name", name, "--role", role]
    if unit:
        args += ["--unit", unit]
    out = run_cli(args, cwd, env).stdout
    match = re.search(r"^api token: (\S+)", out, re.M)
    assert match, f"no api token in: {out}"
    return match.group(1)


class Server:
    """One `rectify serve` process in its own working directory."""

    def __init__(self, workdir, env=None, name="server"):
        self.workdir = workdir
        self.env = env or {}
        self.name = name
        self.port = free_port()
        self.proc = None
        self.starts = 0
        self.log_path = os.path.join(workdir, f"{name}.log")

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout=SERVER_START_TIMEOUT):
        assert self.proc is None or self.proc.poll() is not None
        log = open(self.log_path, "a")
        log.write(f"--- start {self.starts + 1} ---\n")
        log.flush()
        self.proc = subprocess.Popen([binary(), "serve", "--hostname", "127.0.0.1", "--port", str(self.port)],
                                     cwd=self.workdir, env=base_env(self.env), stdout=log, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, start_new_session=True)
        log.close()
        self.starts += 1
        pid_file = os.environ.get("RECTIFY_SYSTEM_PIDS")
        if pid_file:
            with open(pid_file, "a") as f:
                f.write(f"{self.proc.pid}\n")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"{self.name} exited with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                status, _, _ = request("GET", self.url + "/api/v1/openapi.json", timeout=2)
                if status == 200:
                    return self
            except CONNECTION_ERRORS:
                pass
            time.sleep(0.05)
        self.stop()
        raise AssertionError(f"{self.name} did not answer within {timeout}s:\n{self.log_tail()}")

    def kill(self, sig=signal.SIGKILL):
        """Sends sig to the server and waits for it to end."""
        if self.proc and self.proc.poll() is None:
            os.kill(self.proc.pid, sig)
            self.proc.wait(timeout=30)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.kill(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)

    def log_tail(self, lines=40):
        try:
            with open(self.log_path, errors="replace") as f:
                return "".join(f.readlines()[-lines:])
        except OSError:
            return ""

    def server_errors(self):
        """Log lines that report a server-side error (5xx or an uncaught error)."""
        try:
            with open(self.log_path, errors="replace") as f:
                return [line.rstrip() for line in f if re.search(r"\[ (ERROR|CRITICAL) \]", line)]
        except OSError:
            return []


def request(method, url, body=None, headers=None, timeout=HTTP_TIMEOUT):
    """One HTTP request on a fresh connection; returns (status, headers as a message, body bytes).
    Connection failures raise one of CONNECTION_ERRORS."""
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        path = parts.path + (("?" + parts.query) if parts.query else "")
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.headers, response.read()
    finally:
        conn.close()


class API:
    """JSON calls with a bearer token."""

    def __init__(self, base, token):
        self.base = base
        self.token = token

    def call(self, method, path, body=None, headers=None, timeout=HTTP_TIMEOUT):
        h = {"Authorization": "Bearer " + self.token, "Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            h["Content-Type"] = "application/json"
        h.update(headers or {})
        status, rh, raw = request(method, self.base + path, data, h, timeout)
        try:
            payload = json.loads(raw) if raw else None
        except ValueError:
            payload = raw
        return status, rh, payload

    def get(self, path):
        status, rh, payload = self.call("GET", path)
        assert status == 200, f"GET {path}: {status} {payload}"
        return payload, rh


def open_measures(api, count):
    """Measures that accept progress reports and edits (neither closed nor awaiting close-out)."""
    page, _ = api.get("/api/v1/measures?per=200")
    found = [m for m in page["items"] if m["status"] in ("not_started", "in_progress", "basically_completed", "reopened")]
    assert len(found) >= count, f"need {count} open measures, the demo has {len(found)}"
    return found[:count]


def etag_version(headers):
    return int(headers["ETag"].strip('W/" '))


def sqlite_workdir(prefix):
    """A temporary working directory holding a fresh SQLite ledger with the demo loaded."""
    work = tempfile.mkdtemp(prefix=prefix)
    run_cli(["demo"], work)
    return work


def remove_dir(path):
    shutil.rmtree(path, ignore_errors=True)


class Postgres:
    """Creates and drops databases on the server RECTIFY_PG_URL names, with psql."""

    def __init__(self, url):
        self.url = url
        self.created = []

    def database_url(self, name):
        parts = urllib.parse.urlsplit(self.url)
        return urllib.parse.urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, ""))

    def psql(self, url, sql, timeout=60):
        proc = subprocess.run(["psql", url, "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-c", sql],
                              capture_output=True, text=True, timeout=timeout)
        if proc.returncode != 0:
            raise AssertionError(f"psql failed: {proc.stderr}\n{sql}")
        return proc.stdout

    def rows(self, url, sql):
        """Rows of a query as lists of strings (separator |)."""
        out = self.psql(url, sql)
        return [line.split("|") for line in out.splitlines() if line]

    def create(self, name):
        self.psql(self.url, f'DROP DATABASE IF EXISTS "{name}"')
        self.psql(self.url, f'CREATE DATABASE "{name}"')
        self.created.append(name)
        return self.database_url(name)

    def drop_all(self):
        for name in self.created:
            try:
                self.psql(self.url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            except (AssertionError, subprocess.TimeoutExpired):
                pass
        self.created = []


def keep_logs(artifacts, workdir):
    """Copies a test's server logs (named after their servers) into the artifacts folder."""
    for name in os.listdir(workdir):
        if name.endswith(".log"):
            shutil.copy(os.path.join(workdir, name), os.path.join(artifacts, name))
