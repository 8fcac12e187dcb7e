#!/usr/bin/env python3
"""The SQL of one request, timed directly in the database.

  sqltime.py capture LOGFILE OFFSET OUT.json   statements a request issued, from a PostgreSQL log written
                                               with log_min_duration_statement = 0, starting at byte OFFSET
  sqltime.py postgres OUT.json PGURL           runs them with psql (\\timing), inside a rolled-back transaction
  sqltime.py sqlite OUT.json DBFILE            runs them with SQLite on the same data (same seed and day)

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
    # catalog (1-1.5 ms for each table first touched here), which the server's pooled connections did long ago.
    one = "BEGIN;\n" + "".join(literal(s["sql"], s["params"], False) + ";\n" for s in data["statements"]) + "ROLLBACK;\n"
    script = "\\timing on\n" + one + "\\echo SECOND-PASS\n" + one
    out = subprocess.run(["psql", url, "-X", "-q", "-o", "/dev/null"], input=script, capture_output=True, text=True).stdout
    times = [float(x) for x in re.findall(r"Time: ([0-9.]+) ms", out.split("SECOND-PASS", 1)[-1])]
    return sum(times[1:-1]) if len(times) >= 2 else sum(times)


def run_sqlite(data, path):
    # As the server does: one connection that has already read the schema (the first statement on a
    # new connection parses it, 0.3 ms here), and every statement prepared afresh (no statement cache).
    db = sqlite3.connect(path, isolation_level=None, cached_statements=0)
    db.execute("SELECT count(*) FROM sqlite_master").fetchall()
    db.execute("BEGIN")
    total = 0.0
    for s in data["statements"]:
        sql = literal(s["sql"], s["params"], True)
        start = time.perf_counter()
        try:
            db.execute(sql).fetchall()
        except sqlite3.Error as e:
            print(f"skipped ({e}): {sql[:120]}", file=sys.stderr)
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
