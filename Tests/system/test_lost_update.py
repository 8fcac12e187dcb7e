"""No lost update, on SQLite and on PostgreSQL, through a running server:
(a) many clients send an edit of one measure with the same If-Match version at once: exactly one
    succeeds, every other one gets 409 and changes nothing;
(b) clients read-modify-write a counter kept in the measure's text, retrying on 409: the final counter,
    the version and the audit log's updates all equal the number of successful updates;
(c) progress reports, which read and check their measure before they wait for the ledger, and edits of
    the same measure at once: every report is accepted, no edit is overwritten, and each audit event
    starts from the measure as the one before it left it.
"""
import http.client
import json
import os
import re
import tempfile
import threading
import time

import pytest

import harness

RACE_CLIENTS = 20
RACE_ROUNDS = 10
RMW_CLIENTS = 8
RMW_INCREMENTS = 10
MIXED_REPORTERS = 6
MIXED_REPORTS = 10
MIXED_EDITORS = 4
MIXED_EDITS = 10
DEADLINE = 90  # seconds for one scenario


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def backend(request, postgres, artifacts):
    work = tempfile.mkdtemp(prefix=f"rectify-lost-{request.param}-")
    env = {}
    if request.param == "postgres":
        env["DATABASE_URL"] = postgres.create(f"rectify_sys_lost_{os.getpid()}")
    harness.run_cli(["demo"], work, env)
    writer = harness.create_token(work, "sys-lost-writer", "admin", env)
    auditor = harness.create_token(work, "sys-lost-auditor", "supervisor", env)
    server = harness.Server(work, env, name=f"lost-{request.param}").start()
    measures = [m["id"] for m in harness.open_measures(harness.API(server.url, writer), 3)]
    yield {"name": request.param, "server": server, "writer": writer, "auditor": auditor, "measures": measures}
    server.stop()
    harness.keep_logs(artifacts, work)
    harness.remove_dir(work)


def audit_events(base, token, measure_id):
    """The measure's audit events, oldest first."""
    api = harness.API(base, token)
    events, page = [], 1
    while True:
        body, _ = api.get(f"/api/v1/audit?entity=measure&entityId={measure_id}&order=asc&per=200&page={page}")
        events += body["items"]
        if page * 200 >= body["total"]:
            return events
        page += 1


def audit_updates(base, token, measure_id):
    """The measure's `update` audit events, oldest first."""
    return [e for e in audit_events(base, token, measure_id) if e["action"] == "update"]


def count_up(api, measure, prefix, increments, deadline, lock, stats):
    """One client's read-modify-write of the counter kept in the measure's text as "PREFIX N", retrying
    on 409 until it has made `increments` edits: counts them in stats["edits"], the 409s in
    stats["conflicts"] and anything else in stats["other"]."""
    done = 0
    while done < increments and time.monotonic() < deadline:
        status, headers, body = api.call("GET", f"/api/v1/measures/{measure}")
        if status != 200:
            with lock:
                stats["other"].append((status, body))
            return
        counter = int(re.fullmatch(re.escape(prefix) + r" (\d+)", body["text"]).group(1))
        status, _, reply = api.call("PATCH", f"/api/v1/measures/{measure}", {"text": f"{prefix} {counter + 1}"},
                                    {"If-Match": headers["ETag"]})
        with lock:
            if status == 200:
                stats["edits"] += 1
                done += 1
            elif status == 409:
                stats["conflicts"] += 1
            else:
                stats["other"].append((status, reply))
                return


def test_same_if_match_only_one_wins(backend):
    server, token, measure = backend["server"], backend["writer"], backend["measures"][0]
    api = harness.API(server.url, token)
    outcomes = []
    started = time.monotonic()
    for rnd in range(RACE_ROUNDS):
        current, headers = api.get(f"/api/v1/measures/{measure}")
        version = harness.etag_version(headers)
        barrier = threading.Barrier(RACE_CLIENTS, timeout=30)
        results = [None] * RACE_CLIENTS

        def client(i):
            text = f"sys-race r{rnd} c{i}"
            body = json.dumps({"text": text}).encode()
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
            try:
                conn.connect()
                barrier.wait()
                conn.request("PATCH", f"/api/v1/measures/{measure}", body=body, headers={
                    "Authorization": "Bearer " + token, "Content-Type": "application/json", "If-Match": f'"{version}"'})
                response = conn.getresponse()
                results[i] = (response.status, text, response.read())
            except Exception as e:  # recorded and asserted below
                results[i] = (None, text, repr(e).encode())
            finally:
                conn.close()

        threads = [threading.Thread(target=client, args=(i,)) for i in range(RACE_CLIENTS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        statuses = sorted(str(r[0]) for r in results)
        winners = [r for r in results if r[0] == 200]
        losers = [r for r in results if r[0] == 409]
        assert len(winners) == 1 and len(losers) == RACE_CLIENTS - 1, f"round {rnd}: statuses {statuses}: {results}"
        for _, _, raw in losers:
            assert json.loads(raw)["error"]["code"], raw
        after, headers = api.get(f"/api/v1/measures/{measure}")
        assert harness.etag_version(headers) == version + 1, f"round {rnd}: version {headers['ETag']}, expected {version + 1}"
        assert after["text"] == winners[0][1], f"round {rnd}: text {after['text']!r}, the winner wrote {winners[0][1]!r}"
        outcomes.append((version, statuses.count("200"), statuses.count("409")))
    updates = [e for e in audit_updates(server.url, backend["auditor"], measure)
               if json.loads(e["after"])["text"].startswith("sys-race ")]
    assert len(updates) == RACE_ROUNDS, f"{len(updates)} update events for {RACE_ROUNDS} rounds"
    assert time.monotonic() - started < DEADLINE
    print(f"\n[lost-update/{backend['name']}] same If-Match: {RACE_ROUNDS} rounds x {RACE_CLIENTS} clients: "
          f"each round 1 x 200 and {RACE_CLIENTS - 1} x 409 ({outcomes}); {len(updates)} update events, "
          f"{time.monotonic() - started:.1f}s")
    assert not server.server_errors(), server.server_errors()[:10]


def test_read_modify_write_retrying_on_409(backend):
    server, token, measure = backend["server"], backend["writer"], backend["measures"][1]
    api = harness.API(server.url, token)
    status, headers, body = api.call("PATCH", f"/api/v1/measures/{measure}", {"text": "sys-counter 0"},
                                     {"If-Match": f'"{api.get(f"/api/v1/measures/{measure}")[0]["version"]}"'})
    assert status == 200, body
    start_version = harness.etag_version(headers)
    lock = threading.Lock()
    stats = {"edits": 0, "conflicts": 0, "other": []}
    deadline = time.monotonic() + DEADLINE

    def client(i):
        count_up(api, measure, "sys-counter", RMW_INCREMENTS, deadline, lock, stats)

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(RMW_CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=DEADLINE + 30)
    final, headers = api.get(f"/api/v1/measures/{measure}")
    counter = int(final["text"].split()[-1])
    version = harness.etag_version(headers)
    counters = [int(json.loads(e["after"])["text"].split()[-1]) for e in audit_updates(server.url, backend["auditor"], measure)
                if json.loads(e["after"])["text"].startswith("sys-counter ") and json.loads(e["after"])["version"] > start_version]
    print(f"\n[lost-update/{backend['name']}] read-modify-write: {RMW_CLIENTS} clients, {stats['edits']} successful "
          f"updates, {stats['conflicts']} answered 409 and retried, final counter {counter}, version "
          f"{start_version} -> {version}, {len(counters)} update events in the audit log, {time.monotonic() - started:.1f}s")
    assert not stats["other"], f"unexpected answers: {stats['other'][:5]}"
    assert stats["edits"] == RMW_CLIENTS * RMW_INCREMENTS, f"only {stats['edits']} updates before the deadline"
    assert counter == stats["edits"], f"lost update: counter {counter} after {stats['edits']} successful updates"
    assert version - start_version == stats["edits"]
    assert counters == list(range(1, stats["edits"] + 1)), f"audit counters {counters}"
    assert not server.server_errors(), server.server_errors()[:10]


def test_reports_and_edits_of_one_measure_at_once(backend):
    server, token, measure = backend["server"], backend["writer"], backend["measures"][2]
    api = harness.API(server.url, token)
    status, _, body = api.call("POST", "/api/v1/progress-reports", {"measureId": measure, "text": "sys-mixed 开始", "progress": 1})
    assert status == 201, body
    current, headers = api.get(f"/api/v1/measures/{measure}")
    status, headers, body = api.call("PATCH", f"/api/v1/measures/{measure}", {"text": "sys-mixed 0"},
                                     {"If-Match": headers["ETag"]})
    assert status == 200, body
    start_version = harness.etag_version(headers)
    lock = threading.Lock()
    stats = {"reports": 0, "edits": 0, "conflicts": 0, "other": []}
    deadline = time.monotonic() + DEADLINE

    def reporter(i):
        for k in range(MIXED_REPORTS):
            if time.monotonic() > deadline:
                return
            status, _, reply = api.call("POST", "/api/v1/progress-reports",
                                        {"measureId": measure, "text": f"sys-mixed 报告 {i}-{k}", "progress": 10 + k})
            with lock:
                if status == 201:
                    stats["reports"] += 1
                else:
                    stats["other"].append((status, reply))

    def editor(i):
        count_up(api, measure, "sys-mixed", MIXED_EDITS, deadline, lock, stats)

    started = time.monotonic()
    threads = [threading.Thread(target=reporter, args=(i,)) for i in range(MIXED_REPORTERS)]
    threads += [threading.Thread(target=editor, args=(i,)) for i in range(MIXED_EDITORS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=DEADLINE + 30)
    final, headers = api.get(f"/api/v1/measures/{measure}")
    version = harness.etag_version(headers)
    events = [e for e in audit_events(server.url, backend["auditor"], measure)
              if json.loads(e["after"] or "{}").get("version", 0) > start_version]
    print(f"\n[lost-update/{backend['name']}] reports and edits at once: {stats['reports']} reports, {stats['edits']} edits "
          f"({stats['conflicts']} edits answered 409 and retried), version {start_version} -> {version}, "
          f"{len(events)} audit events, {time.monotonic() - started:.1f}s")
    assert not stats["other"], f"unexpected answers: {stats['other'][:5]}"
    assert stats["reports"] == MIXED_REPORTERS * MIXED_REPORTS, f"only {stats['reports']} reports before the deadline"
    assert stats["edits"] == MIXED_EDITORS * MIXED_EDITS, f"only {stats['edits']} edits before the deadline"
    assert final["text"] == f"sys-mixed {stats['edits']}", f"an edit was overwritten: text {final['text']!r}"
    assert version - start_version == stats["reports"] + stats["edits"]
    actions = [e["action"] for e in events]
    assert events and json.loads(events[0]["before"])["version"] == start_version, events[:1]
    assert actions.count("report_progress") == stats["reports"] and actions.count("update") == stats["edits"], actions
    for previous, event in zip(events, events[1:]):
        before, after, last = json.loads(event["before"]), json.loads(event["after"]), json.loads(previous["after"])
        assert before["version"] == last["version"] and after["version"] == last["version"] + 1, (previous, event)
        assert before["text"] == last["text"], f"event {event['sequence']} starts from a stale measure: {before['text']!r}"
    assert not server.server_errors(), server.server_errors()[:10]
