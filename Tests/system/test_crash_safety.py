"""Crash safety on the embedded SQLite database (WAL): writers keep making acknowledged writes
through the API while the server is killed with SIGKILL at random moments and restarted.

After every kill, before the restart, the database file is read directly (sqlite3 module) and checked:
- every write acknowledged with a 2xx is there with its content and its audit event;
- no write is half there: each touched measure equals the `after` of its last audit event, and progress
  reports and their `create` events (with the measure's `report_progress` event just before) match one
  to one, so a row without its audit event or an event without its row fails; likewise evidence files
  and their `upload` events, with the stored bytes hashing to the recorded SHA-256;
- writes refused (409) or never delivered are absent, writes in flight at the kill are wholly present
  or wholly absent;
- the audit head names the last event, the file passes `PRAGMA integrity_check`, and
  `rectify audit verify` passes; after the restart `GET /api/v1/audit/verify` agrees.

SIGKILL ends the process, not the machine: this shows that a write is acknowledged only after its
transaction committed and that a torn transaction is rolled back, not fsync behaviour on power loss.
"""
import hashlib
import json
import os
import random
import signal
import sqlite3
import threading
import time

import pytest

import harness

SEED = int(os.environ.get("RECTIFY_SYSTEM_SEED", "20261126"))
KILLS = int(os.environ.get("RECTIFY_CRASH_KILLS", "24"))
WRITERS = 6
TIME_BUDGET = 150  # seconds for the kill loop; it stops early (and fails below 20 kills) past this


class Op:
    """One write: a progress report (POST), an edit of the measure's text (PATCH with If-Match) or an
    evidence file on an acknowledged report (POST, raw bytes). `token` is the report's or the edit's
    text, or the file's name: unique, so the database shows whether the write is there."""

    def __init__(self, kind, writer, measure, token, progress=None, expected=None):
        self.kind = kind
        self.writer = writer
        self.measure = measure
        self.token = token
        self.progress = progress
        self.expected = expected
        self.state = "sending"
        self.status = None
        self.id = None
        self.version = None
        self.error = None
        self.inflight_at_kill = None
        self.report = None
        self.sha256 = None


class Coordinator:
    def __init__(self):
        self.lock = threading.Lock()
        self.ready = threading.Event()
        self.stop = threading.Event()
        self.ops = []
        self.sending = set()
        self.anomalies = []
        self.base = None

    def begin(self, op):
        with self.lock:
            self.ops.append(op)
            self.sending.add(op)

    def end(self, op, state, status=None, error=None):
        with self.lock:
            op.state = state
            op.status = status
            op.error = error
            self.sending.discard(op)

    def busy(self):
        with self.lock:
            return len(self.sending)


def writer(index, token, measure_id, coord):
    try:
        write_until_stopped(index, token, measure_id, coord)
    except Exception as e:  # a writer that dies must fail the test, not thin out the load
        coord.anomalies.append(f"writer {index} stopped: {e!r}")


def write_until_stopped(index, token, measure_id, coord):
    rng = random.Random(SEED * 1000 + index)
    n = 0
    last_report = None  # evidence goes to this writer's latest acknowledged report
    while not coord.stop.is_set():
        if not coord.ready.wait(timeout=0.2):
            continue
        api = harness.API(coord.base, token)
        n += 1
        roll = rng.random()
        kind = "patch" if roll < 0.35 else "evidence" if roll < 0.6 and last_report else "report"
        text = f"sys-crash w{index} n{n} {kind} {rng.getrandbits(32):08x}"
        if kind == "evidence":
            name = f"sys-crash-w{index}-n{n}.pdf"
            data = b"%PDF-1.4\n" + rng.randbytes(rng.randint(8_000, 256_000))
            op = Op("evidence", index, measure_id, name)
            op.report = last_report
            op.sha256 = hashlib.sha256(data).hexdigest()
            coord.begin(op)
            call = lambda: harness.request(
                "POST", f"{coord.base}/api/v1/progress-reports/{op.report}/evidence?name={name}", data,
                {"Authorization": "Bearer " + token, "Content-Type": "application/octet-stream"}, timeout=10)
        elif kind == "patch":
            try:
                status, headers, body = api.call("GET", f"/api/v1/measures/{measure_id}", timeout=10)
            except harness.CONNECTION_ERRORS:
                continue
            if status != 200:
                coord.anomalies.append(f"GET measure answered {status}: {body}")
                continue
            op = Op("patch", index, measure_id, text, expected=harness.etag_version(headers))
            coord.begin(op)
            call = lambda: api.call("PATCH", f"/api/v1/measures/{measure_id}", {"text": text},
                                    {"If-Match": f'"{op.expected}"'}, timeout=10)
        else:
            op = Op("report", index, measure_id, text, progress=rng.randint(1, 99))
            coord.begin(op)
            call = lambda: api.call("POST", "/api/v1/progress-reports",
                                    {"measureId": measure_id, "text": text, "progress": op.progress}, timeout=10)
        try:
            status, headers, body = call()
            if kind == "evidence":
                body = json.loads(body) if body.startswith(b"{") else body
        except ConnectionRefusedError as e:
            coord.end(op, "refused", error=repr(e))
            time.sleep(0.02)
            continue
        except harness.CONNECTION_ERRORS as e:
            coord.end(op, "unknown", error=repr(e))
            continue
        if 200 <= status < 300:
            op.id = body.get("id")
            op.version = body.get("version")
            if kind == "report":
                last_report = op.id
            coord.end(op, "acked", status)
        elif status == 409:
            coord.end(op, "rejected", status, error=body)
        else:
            coord.end(op, "error", status, error=body)
            coord.anomalies.append(f"{op.kind} {op.token} answered {status}: {body}")


def after_of(raw):
    return json.loads(raw) if raw else {}


def check_database(path, ops, measures):
    """Reads the killed server's file and returns (problems, committed unacknowledged ops)."""
    problems = []
    con = sqlite3.connect(path, timeout=30)
    try:
        integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
        if integrity != "ok":
            problems.append(f"integrity_check: {integrity}")
        head = con.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone()
        last = con.execute("SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1").fetchone()
        if tuple(head) != tuple(last):
            problems.append(f"audit head {head} does not name the last event {last}")
        wanted = {m.lower() for m in measures}
        rows = {}
        for mid, version, text, progress in con.execute("SELECT id, version, text, progress FROM measures"):
            key = str(mid).lower()
            if key in wanted:
                rows[key] = (version, text, progress)
        last_event = {}
        patch_events = {}  # text -> list of after dicts
        creates = {}  # report id -> (seq, after)
        by_seq = {}
        for seq, action, entity, entity_id, after in con.execute(
                "SELECT seq, action, entity, entity_id, after FROM audit_events "
                "WHERE entity IN ('measure', 'progress_report') ORDER BY seq"):
            entity_id = entity_id.lower()
            if entity == "measure" and entity_id in wanted:
                data = after_of(after)
                last_event[entity_id] = data
                by_seq[seq] = (action, entity_id, data)
                if action == "update":
                    patch_events.setdefault(data.get("text"), []).append(data)
            elif entity == "progress_report" and action == "create":
                data = after_of(after)
                if str(data.get("text", "")).startswith("sys-crash "):
                    creates[entity_id] = (seq, data)
        uploads = {}  # evidence id -> after
        for entity_id, after in con.execute(
                "SELECT entity_id, after FROM audit_events WHERE entity = 'evidence_file' AND action = 'upload'"):
            data = after_of(after)
            if str(data.get("name", "")).startswith("sys-crash-"):
                uploads[entity_id.lower()] = data
        evidence = {}  # evidence id -> (name, report id, sha256 column, sha256 of the bytes, size, byte count)
        for eid, rid, name, size, digest, data in con.execute(
                "SELECT id, progress_report_id, name, size, sha256, data FROM evidence_files WHERE name LIKE 'sys-crash-%'"):
            evidence[str(eid).lower()] = (name, str(rid).lower(), digest, hashlib.sha256(data).hexdigest(), size, len(data))
        reports = {}
        for rid, mid, text, progress in con.execute("SELECT id, measure_id, text, progress FROM progress_reports"):
            if text.startswith("sys-crash "):
                reports[str(rid).lower()] = (text, progress, str(mid).lower())
    finally:
        con.close()

    for mid, (version, text, progress) in rows.items():
        data = last_event.get(mid)
        if data is None or (data.get("version"), data.get("text"), data.get("progress")) != (version, text, progress):
            problems.append(f"measure {mid} is (v{version}, {text!r}, {progress}) but its last audit event says {data}")
    if set(reports) != set(creates):
        problems.append(f"progress reports without create event: {sorted(set(reports) - set(creates))}; "
                        f"create events without report: {sorted(set(creates) - set(reports))}")
    for rid, (seq, data) in creates.items():
        before = by_seq.get(seq - 1)
        if not before or before[0] != "report_progress" or before[1] != str(data["measureId"]).lower() \
                or before[2].get("progress") != data.get("progress"):
            problems.append(f"report {rid} (event {seq}) lacks the measure's report_progress event before it: {before}")
        row = reports.get(rid)
        if row and (row[0], row[1]) != (data.get("text"), data.get("progress")):
            problems.append(f"report {rid} row {row[:2]} differs from its event {data}")
    if set(evidence) != set(uploads):
        problems.append(f"evidence without upload event: {sorted(set(evidence) - set(uploads))}; "
                        f"upload events without evidence: {sorted(set(uploads) - set(evidence))}")
    for eid, (name, rid, digest, actual, size, length) in evidence.items():
        data = uploads.get(eid, {})
        if digest != actual or size != length or (data and (data.get("sha256"), data.get("name")) != (digest, name)):
            problems.append(f"evidence {eid} {name}: stored sha256 {digest}, bytes hash to {actual}, size {size}/{length}, event {data}")
    evidence_names = {}
    for eid, (name, rid, digest, _, _, _) in evidence.items():
        evidence_names.setdefault(name, []).append((eid, rid, digest))
    report_texts = {}
    for rid, (text, progress, mid) in reports.items():
        report_texts.setdefault(text, []).append((rid, progress, mid))

    committed_unacked = []
    for op in ops:
        if op.state == "sending":
            continue
        if op.kind == "report":
            found = report_texts.get(op.token, [])
            if op.state == "acked":
                if [(r, p) for r, p, _ in found] != [(str(op.id).lower(), op.progress)]:
                    problems.append(f"acknowledged report {op.token} ({op.id}) missing or altered: {found}")
            elif len(found) > 1 or (found and op.state in ("rejected", "refused", "error")):
                problems.append(f"{op.state} report {op.token} present {len(found)} times")
            elif found:
                committed_unacked.append(op)
        elif op.kind == "evidence":
            found = evidence_names.get(op.token, [])
            if op.state == "acked":
                if found != [(str(op.id).lower(), str(op.report).lower(), op.sha256)]:
                    problems.append(f"acknowledged evidence {op.token} ({op.id}) missing or altered: {found}")
            elif len(found) > 1 or (found and op.state in ("rejected", "refused", "error")):
                problems.append(f"{op.state} evidence {op.token} present {len(found)} times")
            elif found:
                committed_unacked.append(op)
        else:
            found = patch_events.get(op.token, [])
            if op.state == "acked":
                version = rows[op.measure.lower()][0]
                if len(found) != 1 or found[0].get("version") != op.version or version < op.version:
                    problems.append(f"acknowledged edit {op.token} (v{op.version}) missing or altered: {found}, measure at v{version}")
            elif len(found) > 1 or (found and op.state in ("rejected", "refused", "error")):
                problems.append(f"{op.state} edit {op.token} present {len(found)} times")
            elif found:
                committed_unacked.append(op)
    return problems, committed_unacked


@pytest.fixture
def crash_setup(artifacts):
    work = harness.sqlite_workdir("rectify-crash-")
    server = harness.Server(work, name="crash")
    yield work, server
    server.stop()
    harness.keep_logs(artifacts, work)
    harness.remove_dir(work)


def test_sigkill_during_acknowledged_writes(crash_setup, artifacts):
    work, server = crash_setup
    db_path = os.path.join(work, "rectify.sqlite")
    assert os.path.exists(db_path), "rectify demo did not create rectify.sqlite in the working directory"
    writer_token = harness.create_token(work, "sys-crash-writer", "admin")
    auditor_token = harness.create_token(work, "sys-crash-auditor", "supervisor")
    server.start()
    api = harness.API(server.url, writer_token)
    measures = [m["id"] for m in harness.open_measures(api, WRITERS)]
    journal = sqlite3.connect(db_path).execute("PRAGMA journal_mode").fetchone()[0]
    assert journal == "wal", f"expected WAL, the file is in {journal} mode"

    coord = Coordinator()
    coord.base = server.url
    threads = [threading.Thread(target=writer, args=(i, writer_token, measures[i], coord), daemon=True)
               for i in range(WRITERS)]
    for t in threads:
        t.start()
    rng = random.Random(SEED)
    kills = 0
    inflight_total = 0
    inflight_committed = 0
    restart_seconds = []
    problems = []
    started = time.monotonic()
    coord.ready.set()
    try:
        while kills < KILLS and time.monotonic() - started < TIME_BUDGET:
            time.sleep(rng.uniform(0.15, 1.2))
            coord.ready.clear()  # writers start nothing new; requests already sent stay in flight
            with coord.lock:
                inflight = set(coord.sending)
            server.kill(signal.SIGKILL)
            kills += 1
            deadline = time.monotonic() + 20
            while coord.busy() and time.monotonic() < deadline:
                time.sleep(0.02)
            assert coord.busy() == 0, "writers still waiting for answers 20s after the kill"
            for op in inflight:
                op.inflight_at_kill = kills
            lost = [op for op in inflight if op.state != "acked"]
            inflight_total += len(lost)
            with coord.lock:
                ops = list(coord.ops)
            found, committed = check_database(db_path, ops, measures)
            inflight_committed += sum(1 for op in committed if op.inflight_at_kill == kills)
            problems += [f"after kill {kills}: {p}" for p in found]
            verify = harness.run_cli(["audit", "verify"], work, check=False, timeout=60)
            if verify.returncode != 0:
                problems.append(f"after kill {kills}: rectify audit verify exited {verify.returncode}: {verify.stdout} {verify.stderr}")
            t0 = time.monotonic()
            server.start()
            restart_seconds.append(time.monotonic() - t0)
            status, _, body = harness.API(server.url, auditor_token).call("GET", "/api/v1/audit/verify")
            if status != 200 or not body.get("intact"):
                problems.append(f"after restart {kills}: GET /api/v1/audit/verify answered {status} {body}")
            if problems:
                break
            coord.ready.set()
    finally:
        coord.stop.set()
        coord.ready.set()
        for t in threads:
            t.join(timeout=15)
    coord.ready.clear()
    elapsed = time.monotonic() - started
    with coord.lock:
        ops = list(coord.ops)
    server.stop()
    found, _ = check_database(db_path, ops, measures)
    problems += [f"at the end: {p}" for p in found]
    verify = harness.run_cli(["audit", "verify"], work, check=False, timeout=60)
    if verify.returncode != 0:
        problems.append(f"at the end: rectify audit verify exited {verify.returncode}: {verify.stdout}")

    by_state = {}
    for op in ops:
        by_state.setdefault((op.kind, op.state), 0)
        by_state[(op.kind, op.state)] += 1
    acked = sum(v for (k, s), v in by_state.items() if s == "acked")
    print(f"\n[crash] seed {SEED}: {kills} SIGKILLs in {elapsed:.1f}s, {WRITERS} writers, "
          f"{len(ops)} writes sent, {acked} acknowledged "
          f"(reports {by_state.get(('report', 'acked'), 0)}, edits {by_state.get(('patch', 'acked'), 0)}, "
          f"evidence files {by_state.get(('evidence', 'acked'), 0)})")
    print(f"[crash] in flight at a kill without an answer: {inflight_total} "
          f"({inflight_committed} found committed, {inflight_total - inflight_committed} absent); "
          f"by state: {dict(sorted((f'{k}/{s}', v) for (k, s), v in by_state.items()))}")
    print(f"[crash] restart to first answer: mean {sum(restart_seconds) / max(1, len(restart_seconds)):.2f}s, "
          f"max {max(restart_seconds, default=0):.2f}s; rectify audit verify passed after "
          f"{kills - sum(1 for p in problems if 'audit verify' in p)} of {kills} kills")
    server_errors = server.server_errors()
    if problems or coord.anomalies or server_errors:
        with open(os.path.join(artifacts, "crash-problems.txt"), "w") as f:
            f.write("\n".join(problems + coord.anomalies + server_errors) + "\n")
            for op in ops:
                f.write(json.dumps({k: v for k, v in vars(op).items() if k != "error"} | {"error": repr(op.error)}) + "\n")
    assert not problems, "\n".join(problems[:20])
    assert not coord.anomalies, "\n".join(coord.anomalies[:20])
    assert not server_errors, "\n".join(server_errors[:20])
    assert kills >= 20, f"only {kills} kills within {TIME_BUDGET}s"
    assert acked >= 100, f"only {acked} acknowledged writes"
