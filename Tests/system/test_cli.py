"""The command line as a user meets it, on the embedded SQLite database:
- commands that need no database create none (`--help`, `check FILE`, `<command> --help`);
- commands print their result or one clear error, without the framework's INFO logs;
- long work shows a bar on a terminal (standard error is a pty) and plain periodic lines in a log,
  nothing with --quiet, and standard output keeps only the result (JSON stays JSON);
- Ctrl-C (SIGINT) leaves nothing half-written: exit status 130, an interrupted `generate` keeps whole
  bodies (and `--append` finishes it exactly as one run would), `report public --all` keeps whole
  documents and no partial file, an interrupted `backup` leaves no file, `rectify audit verify` passes.
"""
import json
import os
import pty
import re
import select
import shutil
import signal
import sqlite3
import subprocess
import tempfile
import time
import zipfile

import pytest

import harness

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "Fixtures", "reports")
REPORT = os.path.join(FIXTURES, "07-hefeng-county-committee.txt")
BODIES = 30
# An INFO log line as the standard log handler writes it (`… info codes.vapor.application: …`) or as
# Vapor's console logger does (`[ INFO ] …`).
INFO_LOG = re.compile(r"^\S+ info |\[ INFO \]", re.M)
TABLES = ["organizations", "people", "users", "inspections", "problems", "measures", "progress_reports",
          "evidence_files", "audit_events"]


def command_env():
    """The environment of a user who sets no log level (harness.base_env sets one for servers)."""
    env = harness.base_env()
    env.pop("LOG_LEVEL", None)
    return env


def run(args, cwd, timeout=harness.CLI_TIMEOUT):
    return subprocess.run([harness.binary()] + list(args), cwd=cwd, env=command_env(), capture_output=True,
                          text=True, timeout=timeout)


def start(args, cwd, stderr=subprocess.PIPE):
    return subprocess.Popen([harness.binary()] + list(args), cwd=cwd, env=command_env(), stdout=subprocess.PIPE,
                            stderr=stderr, stdin=subprocess.DEVNULL, text=stderr == subprocess.PIPE)


def counts(path):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {table: db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] for table in TABLES}
    finally:
        db.close()


def audit_head(path):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return db.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone()
    finally:
        db.close()


def run_on_terminal(args, cwd, timeout=120):
    """Runs rectify with standard error on a pseudo-terminal and standard output into a file;
    returns what the terminal showed, standard output and the exit status."""
    master, slave = pty.openpty()
    env = command_env()
    env["TERM"] = "xterm"
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen([harness.binary()] + list(args), cwd=cwd, env=env, stdout=out, stderr=slave,
                                stdin=subprocess.DEVNULL)
        os.close(slave)
        terminal = read_pty(master, proc, timeout)
        proc.wait(timeout=30)
        os.close(master)
        out.seek(0)
        return terminal, out.read().decode(), proc.returncode


def read_pty(master, proc, timeout):
    """Everything written to the pty until the process ends."""
    data = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            data += chunk
        elif proc.poll() is not None:
            break
    return data.decode(errors="replace")


@pytest.fixture(scope="module")
def generated():
    """A ledger of BODIES generated bodies in one uninterrupted run, with its output."""
    work = tempfile.mkdtemp(prefix="rectify-cli-")
    proc = run(["generate", "--bodies", str(BODIES), "--seed", "3"], work, timeout=300)
    assert proc.returncode == 0, proc.stderr
    yield {"dir": work, "db": os.path.join(work, "rectify.sqlite"), "stderr": proc.stderr, "stdout": proc.stdout}
    harness.remove_dir(work)


def test_commands_that_need_no_database_create_no_file():
    work = tempfile.mkdtemp(prefix="rectify-nodb-")
    try:
        for args in (["--help"], ["check", REPORT], ["check", FIXTURES, "--format", "csv"], ["generate", "--help"],
                     ["import", "report", "--help"], ["backup", "--help"], ["audit", "--help"],
                     ["import", "report", REPORT, "--dry-run"]):
            proc = run(args, work)
            assert proc.returncode == 0, f"{args}: {proc.stderr}"
            assert os.listdir(work) == [], f"rectify {' '.join(args)} left {os.listdir(work)}"
    finally:
        harness.remove_dir(work)


def test_commands_print_no_info_logs_and_one_message_for_a_refused_option():
    work = tempfile.mkdtemp(prefix="rectify-quiet-")
    try:
        dry = run(["import", "report", REPORT, "--dry-run"], work)
        assert dry.returncode == 0, dry.stderr
        assert not INFO_LOG.search(dry.stderr) and not INFO_LOG.search(dry.stdout)
        assert dry.stderr.strip() == "dry run: nothing written"

        # The first real import migrates a new database: the migrator's notes are not shown.
        real = run(["import", "report", REPORT], work)
        assert real.returncode == 0, real.stderr
        assert not INFO_LOG.search(real.stderr) and "Migrator" not in real.stderr, real.stderr
        assert re.fullmatch(r"imported: inspection [0-9A-F-]{36}, \d+ problems, \d+ measures\n", real.stderr), real.stderr

        for args in (["import", "report", REPORT, "--bogus"], ["generate", "--bodies", "many"], ["generate", "--rounds", "11"], ["audit", "verify", "--nope"],
                     ["backup"], ["report", "public", "--all", "--inspection", "x", "--out", "docs"]):
            refused = run(args, work)
            assert refused.returncode != 0, args
            lines = refused.stderr.strip().splitlines()
            assert len(lines) == 1 and lines[0].startswith("rectify: "), f"{args}: {refused.stderr!r}"
            assert refused.stdout == "", args

        # LOG_LEVEL still brings the logs back.
        env = command_env()
        env["LOG_LEVEL"] = "info"
        other = tempfile.mkdtemp(prefix="rectify-logs-")
        try:
            logged = subprocess.run([harness.binary(), "import", "report", REPORT], cwd=other, env=env, capture_output=True,
                                    text=True, timeout=harness.CLI_TIMEOUT)
            assert logged.returncode == 0 and "[Migrator]" in logged.stderr
        finally:
            harness.remove_dir(other)
    finally:
        harness.remove_dir(work)


def test_generate_in_a_log_prints_a_line_every_five_seconds(generated):
    lines = generated["stderr"].splitlines()
    running = [line for line in lines if re.fullmatch(
        rf"generate: \d+/{BODIES} bodies \(\d+%\), [\d.]+/s, about \d+ (s|min)( \d+ s)? left; \d+ rows", line)]
    final = [line for line in lines if re.fullmatch(rf"generate: {BODIES}/{BODIES} bodies \(100%\) in .+; \d+ rows", line)]
    assert len(final) == 1 and lines[-1] == final[0], generated["stderr"]
    assert len(running) + len(final) == len(lines), f"nothing else on standard error: {generated['stderr']}"
    # A line at the first step 5 s or more after the one before: one per 5 s of work at most, and at
    # least one per 6 s while a body takes under a second. The work's time is the final line's.
    took = re.search(r" in (?:(\d+) min ?)?(?:(\d+) s)? ", final[0])
    seconds = int(took.group(1) or 0) * 60 + int(took.group(2) or 0)
    assert (seconds - 1) // 6 <= len(running) <= seconds // 5, f"{len(running)} lines in {seconds} s"
    done = [int(re.match(r"generate: (\d+)/", line).group(1)) for line in running]
    assert done == sorted(set(done)), "each line counts further"
    assert "合计" in generated["stdout"] and "generate:" not in generated["stdout"]
    print(f"\ngenerate --bodies {BODIES}: {seconds} s of work, {len(running)} periodic lines")


def test_generate_on_a_terminal_draws_the_bar_and_quiet_prints_nothing():
    work = tempfile.mkdtemp(prefix="rectify-bar-")
    try:
        terminal, stdout, code = run_on_terminal(["generate", "--bodies", "4"], work)
        assert code == 0
        assert re.search(r"generate \[=+ *\] \d/4 bodies \(\d+%\)", terminal), terminal[:500]
        assert "\x1b[1A\x1b[2K" in terminal, "each frame replaces the one before"
        assert re.search(r"generate: 4/4 bodies \(100%\) in \d+ s", terminal)
        assert "\x1b" not in stdout and "bodies" not in stdout and "合计" in stdout

        quiet_dir = tempfile.mkdtemp(prefix="rectify-quiet-", dir=work)
        quiet = run(["generate", "--bodies", "2", "--quiet"], quiet_dir, timeout=300)
        assert quiet.returncode == 0 and quiet.stdout == "" and quiet.stderr == "", quiet.stderr
        assert counts(os.path.join(quiet_dir, "rectify.sqlite"))["inspections"] == 2
    finally:
        harness.remove_dir(work)


def test_json_on_standard_output_stays_json_beside_the_bar_and_the_lines():
    work = tempfile.mkdtemp(prefix="rectify-json-")
    try:
        args = ["import", "report", FIXTURES, "--dry-run", "--format", "json"]
        piped = run(args, work)
        assert piped.returncode == 0, piped.stderr
        outcomes = json.loads(piped.stdout)
        assert len(outcomes) >= 20
        assert re.search(rf"import report: {len(outcomes)}/{len(outcomes)} reports read \(100%\)", piped.stderr)

        terminal, stdout, code = run_on_terminal(args, work)
        assert code == 0
        assert json.loads(stdout) == outcomes
        assert re.search(r"import report: \d+/\d+ reports read \(100%\) in \d+ s", terminal), terminal[-300:]
    finally:
        harness.remove_dir(work)


def wait_for(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.005)
    raise AssertionError(f"timed out waiting for {what}")


def inspections(path):
    try:
        return counts(path)["inspections"]
    except sqlite3.Error:
        return 0


def test_ctrl_c_during_generate_keeps_whole_bodies_and_append_finishes_the_same_ledger(generated):
    work = tempfile.mkdtemp(prefix="rectify-sigint-")
    try:
        db = os.path.join(work, "rectify.sqlite")
        proc = start(["generate", "--bodies", str(BODIES), "--seed", "3"], work)
        wait_for(lambda: inspections(db) >= 3, 120, "three bodies")
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=60)
        assert proc.returncode == 130, stderr
        match = re.search(rf"interrupted \(SIGINT\): (\d+) of {BODIES} bodies written, each whole with its audit event\. "
                          r"To add the rest: rectify (generate --bodies (\d+) --seed 3 --append)", stderr)
        assert match, stderr
        written = int(match.group(1))
        assert 3 <= written < BODIES and int(match.group(3)) == BODIES - written
        assert stdout == ""
        state = counts(db)
        # Each body is one round with one `generate` event: no round without its event or the reverse.
        assert state["inspections"] == written
        check = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        events = check.execute("SELECT COUNT(*) FROM audit_events WHERE action = 'generate'").fetchone()[0]
        orphans = check.execute("SELECT COUNT(*) FROM problems WHERE inspection_id NOT IN (SELECT id FROM inspections)").fetchone()[0]
        check.close()
        assert events == written and orphans == 0
        assert run(["audit", "verify"], work).returncode == 0

        resumed = run(match.group(2).split(), work, timeout=300)
        assert resumed.returncode == 0, resumed.stderr
        assert counts(db) == counts(generated["db"]), "the interrupted run and its continuation equal one run"
        assert audit_head(db) == audit_head(generated["db"])
        print(f"\ngenerate interrupted after {written} of {BODIES} bodies; --append finished the same ledger")
    finally:
        harness.remove_dir(work)


def interrupt_under_way(arguments, cwd, under_way):
    """Runs `rectify` with arguments(attempt) and sends SIGINT once under_way(attempt) holds. Work that
    ends before the signal comes is run again, up to five attempts (a document or a backup takes a
    fraction of a second). Returns the interrupted attempt and its standard error."""
    for attempt in range(5):
        proc = start(arguments(attempt), cwd)
        try:
            wait_for(lambda: proc.poll() is not None or under_way(attempt), 120, "the work under way")
        finally:
            if proc.poll() is None:
                proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=60)
        if proc.returncode != 0:
            assert proc.returncode == 130, stderr
            return attempt, stderr
    raise AssertionError(f"rectify {' '.join(arguments(0))} was not interrupted in five attempts")


def test_ctrl_c_during_report_all_keeps_whole_documents_and_no_partial_file(generated):
    work = tempfile.mkdtemp(prefix="rectify-docs-")
    try:
        shutil.copy(generated["db"], os.path.join(work, "rectify.sqlite"))
        before = counts(os.path.join(work, "rectify.sqlite"))

        def folder(attempt):
            return os.path.join(work, f"docs-{attempt}")

        def two_written(attempt):
            return os.path.isdir(folder(attempt)) and len([n for n in os.listdir(folder(attempt)) if n.endswith(".docx")]) >= 2

        attempt, stderr = interrupt_under_way(lambda n: ["report", "public", "--all", "--out", folder(n)], work, two_written)
        names = os.listdir(folder(attempt))
        assert all(not name.startswith(".") for name in names), f"a partial file was left: {names}"
        assert 2 <= len(names) < BODIES
        assert re.search(rf"interrupted \(SIGINT\): {len(names)} of {BODIES} documents written, each whole", stderr), stderr
        for name in names:
            with zipfile.ZipFile(os.path.join(folder(attempt), name)) as docx:
                assert docx.testzip() is None and "word/document.xml" in docx.namelist()
        assert counts(os.path.join(work, "rectify.sqlite")) == before
        assert run(["audit", "verify"], work).returncode == 0
    finally:
        harness.remove_dir(work)


def test_ctrl_c_during_backup_leaves_no_file(generated):
    work = tempfile.mkdtemp(prefix="rectify-backup-")
    try:
        shutil.copy(generated["db"], os.path.join(work, "rectify.sqlite"))
        attempt, stderr = interrupt_under_way(lambda n: ["backup", "--out", f"backup-{n}.sqlite"], work,
                                              lambda n: any(".partial-" in name for name in os.listdir(work)))
        assert "interrupted (SIGINT)" in stderr
        left = sorted(os.listdir(work))
        assert f"backup-{attempt}.sqlite" not in left and not any(".partial-" in name for name in left), left
        assert run(["audit", "verify"], work).returncode == 0
        done = run(["backup", "--out", "whole.sqlite"], work)
        assert done.returncode == 0, done.stderr
        assert counts(os.path.join(work, "whole.sqlite")) == counts(generated["db"])
    finally:
        harness.remove_dir(work)
