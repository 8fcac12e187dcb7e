"""Hostile input against a running server, with the default limits:
- the bomb set (deflate bombs inflating to 1 GB in a .docx and an .xlsx, declared sizes that lie,
  thousands of tiny entries, XML nested 100,000 deep, a row of 250,000 cells, a 1 MB shared string
  used by 10,000 cells, an oversized text report), with the largest legal files (read to the end), sent
  four at a time, twice over: every bomb gets a 4xx, the server's resident memory stays within 100 MB of its idle level (sampled every 10 ms and
  by the kernel's high-water mark), and a signed-in user's requests made meanwhile are all served;
- a burst of 100 anonymous feedback posts from one address spread over two servers on one PostgreSQL:
  exactly the allowed number (RECTIFY_FEEDBACK_PER_ADDRESS, 5) is stored.
"""
import io
import json
import os
import random
import struct
import tempfile
import threading
import time
import zipfile

import pytest

import harness

MB = 1024 * 1024
MEMORY_GOAL = 100 * MB


def zip_bytes(parts):
    """parts: (name, bytes or (byte, count), compress); a (byte, count) content is streamed in 1 MB chunks."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, content, compress in parts:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
            if isinstance(content, tuple):
                byte, count = content
                info.file_size = count
                with zf.open(info, "w") as f:
                    chunk = byte * MB
                    for _ in range(count // MB):
                        f.write(chunk)
            else:
                zf.writestr(info, content)
    return out.getvalue()


def lie_about_sizes(data, declared=100):
    """Every local header and central directory record declares `declared` bytes inflated."""
    data = bytearray(data)
    i = 0
    while i + 4 <= len(data):
        sig = data[i:i + 4]
        if sig == b"PK\x03\x04":
            data[i + 22:i + 26] = struct.pack("<I", declared); i += 30
        elif sig == b"PK\x01\x02":
            data[i + 24:i + 28] = struct.pack("<I", declared); i += 46
        else:
            i += 1
    return bytes(data)


WORKBOOK = [
    ("xl/workbook.xml", '<workbook xmlns:r="r"><sheets><sheet name="整改台账" sheetId="1" r:id="rId1"/></sheets></workbook>', True),
    ("xl/_rels/workbook.xml.rels", '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>', True),
]


def bombs():
    docx_bomb = zip_bytes([("word/document.xml", (b"\0", 1024 * MB), True)])
    cells = "".join(f'<row r="{n}"><c r="A{n}" t="s"><v>0</v></c></row>' for n in range(1, 10_001))
    return [
        ("docx deflate bomb (1 GB)", "bomb.docx", docx_bomb),
        ("declared sizes that lie", "liar.docx", lie_about_sizes(docx_bomb)),
        ("xlsx deflate bomb (1 GB)", "bomb.xlsx", zip_bytes(WORKBOOK + [("xl/worksheets/sheet1.xml", (b" ", 1024 * MB), True)])),
        ("5,000 tiny entries", "entries.docx",
         zip_bytes([("word/document.xml", "<w:document/>", False)] + [(f"word/p{n}.xml", "", False) for n in range(5000)])),
        ("XML nested 100,000 deep (stored)", "deep.docx", zip_bytes([("word/document.xml", "<w:p>" * 100_000 + "</w:p>" * 100_000, False)])),
        ("a row of 250,000 cells (stored)", "columns.xlsx",
         zip_bytes(WORKBOOK + [("xl/worksheets/sheet1.xml",
                                '<worksheet><sheetData><row r="1">' + "<c><v>1</v></c>" * 250_000 + "</row></sheetData></worksheet>", False)])),
        ("a 1 MB shared string in 10,000 cells", "shared.xlsx",
         zip_bytes(WORKBOOK + [("xl/worksheets/sheet1.xml", f"<worksheet><sheetData>{cells}</sheetData></worksheet>", True),
                               ("xl/sharedStrings.xml", "<sst><si><t>" + "x" * MB + "</t></si></sst>", True)])),
        ("a 15 MB text report", "huge.txt", ("一、整改情况。" * (15 * MB // 21)).encode()),
    ]


def large_legal_files():
    """Files just within the limits, read to the end: the most memory a legal upload may cost."""
    rng = random.Random(7)

    def sentence(n):
        return (f"（{n}）关于第{n}项问题{rng.randrange(10**9)}：已完成整改{rng.randrange(99)}项，收回资金{rng.randrange(9999)}."
                f"{rng.randrange(10, 99)}万元，建立健全制度{rng.randrange(9)}项，约谈提醒{rng.randrange(20)}人。")

    paragraphs = []
    size = 0
    while size < 3.8 * MB and len(paragraphs) < 5_900:
        p = "<w:p><w:r><w:t>" + "".join(sentence(len(paragraphs) + k) for k in range(1, 9)) + "</w:t></w:r></w:p>\n"
        paragraphs.append(p)
        size += len(p.encode())
    document = '<w:document xmlns:w="w"><w:body>\n' + "".join(paragraphs) + "</w:body></w:document>"
    text = "关于巡察整改进展情况的通报"
    n = 0
    while len(text.encode()) < 0.95 * MB and n < 5_900:
        n += 1
        text += "\n" + sentence(n)
    return [
        (f"a {size / MB:.1f} MB document.xml of {len(paragraphs)} paragraphs (legal)", "large.docx",
         zip_bytes([("word/document.xml", document, True)])),
        (f"a {len(text.encode()) / MB:.1f} MB text report of {n + 1} lines (legal)", "large.txt", text.encode()),
    ]


def rss(pid, field="VmRSS"):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    return 0


@pytest.fixture(scope="module")
def sqlite_server(artifacts):
    work = harness.sqlite_workdir("rectify-hostile-")
    admin = harness.create_token(work, "sys-hostile-admin", "admin")
    server = harness.Server(work, name="hostile").start()
    yield server, admin
    server.stop()
    harness.keep_logs(artifacts, work)
    harness.remove_dir(work)


def test_the_bomb_set_leaves_memory_bounded_and_other_users_served(sqlite_server):
    server, admin = sqlite_server
    api = harness.API(server.url, admin)
    inspection = api.get("/api/v1/inspections?per=1")[0]["items"][0]["id"]
    set_of_bombs = bombs()
    legal = large_legal_files()
    print(f"\nbomb sizes: " + ", ".join(f"{name} {len(data) / MB:.2f} MB" for name, _, data in set_of_bombs))

    # Warm up (a check of a real report, a few reads) and take the idle level.
    for _ in range(3):
        api.get("/api/v1/me")
        harness.request("POST", server.url + "/api/v1/checks?name=ok.txt", "一、整改情况\n（一）已完成。\n".encode(),
                        {"Authorization": "Bearer " + admin})
    time.sleep(1)
    pid = server.proc.pid
    idle = rss(pid)
    hwm_before = rss(pid, "VmHWM")

    peak = [idle]
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            peak[0] = max(peak[0], rss(pid))
            time.sleep(0.01)

    reader_results = []

    def reader():
        while not stop.is_set():
            started = time.monotonic()
            status, _, _ = harness.request("GET", server.url + "/api/v1/me", headers={"Authorization": "Bearer " + admin})
            reader_results.append((status, time.monotonic() - started))
            time.sleep(0.05)

    answers = []
    lock = threading.Lock()

    def attack(name, file_name, data):
        path = (f"/api/v1/imports/ledger?inspectionId={inspection}&dryRun=true&name={file_name}" if file_name.endswith(".xlsx")
                else f"/api/v1/checks?name={file_name}")
        started = time.monotonic()
        status, _, body = harness.request("POST", server.url + path, data,
                                          {"Authorization": "Bearer " + admin, "Content-Type": "application/octet-stream"}, timeout=120)
        with lock:
            answers.append((name, status, time.monotonic() - started, body[:300]))

    threads = [threading.Thread(target=sample), threading.Thread(target=reader)]
    for t in threads:
        t.start()
    try:
        work = [b for b in set_of_bombs + legal for _ in range(2)]
        for i in range(0, len(work), 4):
            batch = [threading.Thread(target=attack, args=b) for b in work[i:i + 4]]
            for t in batch:
                t.start()
            for t in batch:
                t.join(timeout=180)
    finally:
        time.sleep(0.3)
        stop.set()
        for t in threads:
            t.join(timeout=30)
    hwm_after = rss(pid, "VmHWM")

    for name, status, seconds, body in answers:
        print(f"  {name}: {status} in {seconds:.2f} s  {body.decode(errors='replace')[:140]}")
    latencies = sorted(s for _, s in reader_results)
    print(f"idle {idle / MB:.1f} MB, sampled peak {peak[0] / MB:.1f} MB (+{(peak[0] - idle) / MB:.1f}), "
          f"high-water mark {hwm_before / MB:.1f} -> {hwm_after / MB:.1f} MB; "
          f"{len(reader_results)} reads meanwhile, slowest {latencies[-1] * 1000:.0f} ms, median {latencies[len(latencies) // 2] * 1000:.0f} ms")

    assert len(answers) == 2 * (len(set_of_bombs) + len(legal))
    bomb_answers = [(name, status) for name, status, _, _ in answers if "(legal)" not in name]
    # Every bomb is refused by a limit (413), but the row past Excel's last column, which is damage (422).
    wrong = [(name, status) for name, status in bomb_answers if status != (422 if name.startswith("a row of") else 413)]
    assert not wrong, wrong
    # The legal files are read to the end: checked (200) or said not to be a report (422), never refused by a limit.
    assert all(status in (200, 422) for name, status, _, _ in answers if "(legal)" in name), answers
    assert peak[0] - idle <= MEMORY_GOAL
    assert hwm_after - idle <= MEMORY_GOAL or hwm_after == hwm_before
    assert reader_results and all(status == 200 for status, _ in reader_results)
    assert latencies[-1] < 2.0
    assert not server.server_errors()


def test_a_feedback_burst_over_two_servers_stores_the_allowed_number(postgres, artifacts):
    url = postgres.create(f"rectify_sys_feedback_{os.getpid()}")
    env = {"DATABASE_URL": url, "RECTIFY_SCAN_INTERVAL_MINUTES": "0"}
    work_a = tempfile.mkdtemp(prefix="rectify-feedback-a-")
    work_b = tempfile.mkdtemp(prefix="rectify-feedback-b-")
    harness.run_cli(["demo"], work_a, env)
    office = harness.create_token(work_a, "sys-feedback-admin", "admin", env)
    a = harness.Server(work_a, env, name="feedback-a").start()
    b = harness.Server(work_b, env, name="feedback-b").start()
    try:
        api = harness.API(a.url, office)
        inspection = api.get("/api/v1/inspections?per=1")[0]["items"][0]["id"]
        status, _, body = api.call("POST", "/api/v1/publications", {"inspectionId": inspection})
        assert status == 201, body
        before = int(postgres.rows(url, "SELECT count(*) FROM public_feedback")[0][0])
        audit_before = int(postgres.rows(url, "SELECT count(*) FROM audit_events WHERE entity = 'public_feedback'")[0][0])

        statuses = []
        lock = threading.Lock()

        def post(n):
            server = a if n % 2 == 0 else b
            status, headers, _ = harness.request("POST", server.url + "/api/v1/public-feedback",
                                                 json.dumps({"inspectionId": inspection, "text": f"第{n}条意见"}).encode(),
                                                 {"Content-Type": "application/json"})
            with lock:
                statuses.append((status, headers.get("Retry-After")))

        threads = [threading.Thread(target=post, args=(n,)) for n in range(100)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        stored = int(postgres.rows(url, "SELECT count(*) FROM public_feedback")[0][0]) - before
        audited = int(postgres.rows(url, "SELECT count(*) FROM audit_events WHERE entity = 'public_feedback'")[0][0]) - audit_before
        created = sum(1 for s, _ in statuses if s == 201)
        refused = [r for s, r in statuses if s == 429]
        print(f"\n100 posts over two servers: {created} created, {len(refused)} refused (429), {stored} stored, {audited} audited")
        assert len(statuses) == 100
        assert created == 5 and stored == 5 and audited == 5
        assert len(refused) == 95 and all(r and int(r) > 0 for r in refused)
    finally:
        a.stop()
        b.stop()
        harness.keep_logs(artifacts, work_a)
        harness.keep_logs(artifacts, work_b)
        harness.remove_dir(work_a)
        harness.remove_dir(work_b)
