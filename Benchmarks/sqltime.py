#!/usr/bin/env python3
"""The SQL of one request, timed directly in the database.

  sqltime.py capture LOGFILE OFFSET OUT.json   statements a request issued, from a PostgreSQL log written
                                               with log_min_duration_statement = 0, starting at byte OFFSET
  sqltime.py postgres OUT.json PGURL           runs them with psql (\\timing), inside a rolled-back transaction
  sqltime.py sqlite OUT.json DBFILE            runs them with SQLite on the same data (same seed and day)

Both replays run the statements twice on one connection and time the second pass, as the server's pooled
connections find the catalog and the pages they need already loaded.

Prints the total milliseconds. The server logs its statements with their parameters; both replays
substitute the parameters as literals, so the database does exactly the work the server asked for.
"""
import json, re, sqlite3, subprocess, sys, time

DURATION = re.compile(r"duration: ([0-9.]+) ms\s+(parse|bind|execute) [^:]*: (.*)$")
PARAM = re.compile(r"\$(\d+) = ('(?:[^']|'')*'|NULL)")
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
OURS = ("pg_reload_conf", "ALTER SYSTEM", "bench-marker")


def capture(log, offset, out):
    with open(log, "rb") as f:
        f.seek(int(offset))
        lines = f.read().decode("utf-8", "replace").splitlines()
    statements, logged_ms = [], 0.0
    for i, line in enumerate(lines):
        m = DURATION.search(line)
        if not m or any(s in line for s in OURS):
            continue
        logged_ms += float(m.group(1))
        if m.group(2) != "execute" or re.match(r"(BEGIN|COMMIT|ROLLBACK|START TRANSACTION)\b", m.group(3), re.I):
            continue
        params = {}
        if i + 1 < len(lines) and "DETAIL:  parameters:" in lines[i + 1]:
            params = {int(k): v for k, v in PARAM.findall(lines[i + 1])}
        statements.append({"sql": m.group(3), "params": params})
    json.dump({"statements": statements, "logged_ms": logged_ms}, open(out, "w"), ensure_ascii=False)
    print(f"{len(statements)} statements, {logged_ms:.2f} ms logged by PostgreSQL")


def literal(sql, params, sqlite):
    def value(n):
        # The captured parameters are keyed by number; JSON keeps the keys as strings.
        v = params.get(str(n), params.get(n, "NULL"))
        if sqlite and v != "NULL":
            raw = v[1:-1].replace("''", "'")
            if UUID.match(raw):
                return "'" + raw.upper() + "'"  # Fluent's SQLite driver stores UUIDs as upper-case text
            if raw in ("t", "f"):
                return "1" if raw == "t" else "0"
            if re.fullmatch(r"-?[0-9]+", raw):
                return raw
        return v
    return re.sub(r"\$(\d+)", lambda m: value(int(m.group(1))), sql)


def run_postgres(data, url):
    # Twice in one session, timing the second pass: the first statements of a new connection load the
    # catalog (about 1 ms for the first statement and for each table first touched here), which the server's
    # pooled connections did long ago.
    one = "BEGIN;\n" + "".join(literal(s["sql"], s["params"], False) + ";\n" for s in data["statements"]) + "ROLLBACK;\n"
    script = "\\timing on\n" + one + "\\echo SECOND-PASS\n" + one
    run = subprocess.run(["psql", url, "-X", "-q", "-o", "/dev/null"], input=script, capture_output=True, text=True)
    if run.returncode != 0 or "SECOND-PASS" not in run.stdout:
        sys.exit(f"psql failed: {run.stderr.strip()[:300]}")
    times = [float(x) for x in re.findall(r"Time: ([0-9.]+) ms", run.stdout.split("SECOND-PASS", 1)[1])]
    if len(times) < 2:
        sys.exit("psql timed no statement")
    return sum(times[1:-1])


def run_sqlite(data, path):
    # As the server does: a connection that has read the schema and the pages the statements touch (the
    # first pass), every statement prepared afresh (no statement cache), timed on the second pass.
    db = sqlite3.connect(path, isolation_level=None, cached_statements=0)
    total = 0.0
    for second in (False, True):
        db.execute("BEGIN")
        for s in data["statements"]:
            sql = literal(s["sql"], s["params"], True)
            start = time.perf_counter()
            try:
                db.execute(sql).fetchall()
            except sqlite3.Error as e:
                if second:
                    print(f"skipped ({e}): {sql[:120]}", file=sys.stderr)
            if second:
                total += (time.perf_counter() - start) * 1000
        db.execute("ROLLBACK")
    return total


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "capture":
        capture(*sys.argv[2:5])
    else:
        data = json.load(open(sys.argv[2]))
        best = min((run_postgres if mode == "postgres" else run_sqlite)(data, sys.argv[3]) for _ in range(5))
        print(f"{best:.2f}")
