"""End-to-end flow in a real headless Chromium against a running Rectify server with the demo.

Run by .ci/run: RECTIFY_URL (default http://127.0.0.1:18081) must point at `rectify serve --demo`.
Screenshots of every step go to screenshots/ (kept out of git) so a person can look.
"""
import json
import os
import pathlib
import urllib.parse
import urllib.request

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

BASE = os.environ.get("RECTIFY_URL", "http://127.0.0.1:18081")
PASSWORD = "rectify-demo-2024"
SHOTS = pathlib.Path(os.environ.get("RECTIFY_SCREENSHOTS", "screenshots"))


def api(path, token=None, body=None):
    request = urllib.request.Request(BASE + path, method="POST" if body is not None else "GET")
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    data = json.dumps(body).encode() if body is not None else None
    with urllib.request.urlopen(request, data, timeout=30) as response:
        return json.loads(response.read() or b"null")


def token(username):
    return api("/api/v1/auth/login", body={"username": username, "password": PASSWORD})["token"]


@pytest.fixture
def browser():
    options = webdriver.ChromeOptions()
    for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1366,768", "--lang=zh-CN"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(30)
    SHOTS.mkdir(exist_ok=True)
    yield driver
    driver.quit()


def submit(driver, css, expect):
    """Clicks a submit button and waits for the page the server redirects to."""
    driver.find_element(By.CSS_SELECTOR, css).click()
    WebDriverWait(driver, 15).until(lambda d: expect in d.current_url or expect in d.page_source)


def shot(driver, name):
    driver.save_screenshot(str(SHOTS / f"{name}.png"))


def sign_in(driver, username):
    driver.delete_all_cookies()
    driver.get(BASE + "/login")
    driver.find_element(By.ID, "username").send_keys(username)
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    WebDriverWait(driver, 15).until(lambda d: d.current_url.endswith("/board"))


def office_measure(office_token):
    units = api("/api/v1/organizations?per=200", office_token)["items"]
    office_unit = next(u["id"] for u in units if u["name"] == "办公室")
    measures = api(f"/api/v1/measures?leadUnitId={office_unit}&status=in_progress&per=200", office_token)["items"]
    assert measures, "the demo has an in-progress measure of 办公室"
    return measures[0]


def test_report_review_close_out_and_board(browser, tmp_path):
    office_token = token("office")
    measure = office_measure(office_token)
    evidence = tmp_path / "会议纪要.txt"
    evidence.write_text("专题会议纪要：整改措施已全部落实。\n", encoding="utf-8")

    # 1. The unit's reporter reports 100% with a file.
    sign_in(browser, "reporter-office")
    shot(browser, "01-reporter-board")
    browser.get(f"{BASE}/measures/{measure['id']}/report")
    progress = browser.find_element(By.ID, "progress")
    progress.clear()
    progress.send_keys("100")
    browser.find_element(By.ID, "text").send_keys("各项措施已全部完成，相关制度已印发实施。")
    browser.find_element(By.ID, "files").send_keys(str(evidence))
    shot(browser, "02-report-form")
    submit(browser, "form.report button[type=submit]", "done=reported")
    assert "会议纪要.txt" in browser.page_source
    shot(browser, "03-reported")

    # 2. The office approves the report, the reporter requests close-out, the office agrees.
    sign_in(browser, "office")
    browser.get(f"{BASE}/problems/{measure['problemId']}")
    submit(browser, "form[action$='/review'] button[value=approve]", "done=reviewed")
    assert "审核通过" in browser.page_source
    shot(browser, "04-office-approved")

    sign_in(browser, "reporter-office")
    browser.get(f"{BASE}/problems/{measure['problemId']}")
    submit(browser, f"form[action='/close-out'] input[value='{measure['id']}'] ~ button[value=approve]", "done=closeout")

    sign_in(browser, "office")
    browser.get(f"{BASE}/problems/{measure['problemId']}")
    submit(browser, f"form[action='/close-out'] input[value='{measure['id']}'] ~ button[value=approve]", "done=closeout")
    shot(browser, "05-office-review")

    # 3. The leader signs off from the review queue.
    sign_in(browser, "leader")
    browser.get(f"{BASE}/review")
    assert measure["text"][:10] in browser.page_source
    shot(browser, "06-leader-queue")
    browser.get(f"{BASE}/problems/{measure['problemId']}")
    submit(browser, f"form[action='/close-out'] input[value='{measure['id']}'] ~ button[value=approve]", "done=closeout")
    assert "领导签批销号" in browser.page_source

    # 4. The board shows the measure closed, with the word as well as the colour.
    browser.get(f"{BASE}/board")
    assert "已销号" in browser.page_source
    shot(browser, "07-board")
    assert api(f"/api/v1/measures/{measure['id']}", office_token)["status"] == "closed"


def test_another_units_reporter_cannot_open_the_measure(browser):
    measure = office_measure(token("office"))
    sign_in(browser, "reporter-build")
    browser.get(f"{BASE}/measures/{measure['id']}/report")
    assert "页面不存在" in browser.page_source
    assert browser.find_elements(By.ID, "progress") == []
    shot(browser, "08-other-unit-refused")


def test_the_board_fits_a_phone(browser):
    browser.set_window_size(390, 844)
    sign_in(browser, "office")
    browser.get(f"{BASE}/board")
    width = browser.execute_script("return document.documentElement.scrollWidth")
    assert width <= 400, width
    shot(browser, "09-board-phone")


def test_the_public_reads_the_published_report_and_sends_feedback(browser):
    office_token = token("office")
    inspection = api("/api/v1/inspections?per=1", office_token)["items"][0]["id"]
    url = api("/api/v1/publications", office_token, {"inspectionId": inspection})["url"]
    browser.delete_all_cookies()
    browser.get(BASE + url)
    assert "关于巡察整改进展情况的通报" in browser.page_source
    shot(browser, "10-public-report")
    browser.find_element(By.ID, "text").send_keys("建议在小区公示栏公布整改完成时间。")
    browser.find_element(By.ID, "contact").send_keys("王先生")
    submit(browser, "#feedback form button[type=submit]", "sent=1")
    assert "您的意见已收到" in browser.page_source
    shot(browser, "11-feedback-sent")
    feedback = api("/api/v1/public-feedback?per=200", office_token)["items"]
    assert any(item["text"] == "建议在小区公示栏公布整改完成时间。" for item in feedback)


def tab_to(driver, predicate, limit=60):
    """Presses Tab until the focused element satisfies `predicate`; returns every element passed."""
    passed = []
    for _ in range(limit):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        active = driver.switch_to.active_element
        passed.append(active)
        if predicate(active):
            return passed
    raise AssertionError("Tab never reached the element")


def focus_is_visible(driver):
    style = driver.execute_script(
        "const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth];")
    return style[0] != "none" and style[1] not in ("0px", "")


def test_keyboard_alone_signs_in_reports_and_navigates(browser):
    """Without a mouse: the skip link comes first, every stop shows its focus, the login form and a
    report form are filled and sent with the keyboard, and the navigation is reachable."""
    browser.delete_all_cookies()
    browser.get(BASE + "/login")
    ActionChains(browser).send_keys(Keys.TAB).perform()
    skip = browser.switch_to.active_element
    assert skip.text == "跳到正文" and focus_is_visible(browser)
    tab_to(browser, lambda e: e.get_attribute("id") == "username")
    assert focus_is_visible(browser)
    ActionChains(browser).send_keys("reporter-office", Keys.TAB, PASSWORD, Keys.ENTER).perform()
    WebDriverWait(browser, 15).until(lambda d: "/login" not in d.current_url)
    shot(browser, "keyboard-1-signed-in")

    # Every control on the way to the problem list shows where the focus is.
    tab_to(browser, lambda e: (e.get_attribute("href") or "").endswith("/problems"))
    assert focus_is_visible(browser)
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    WebDriverWait(browser, 15).until(lambda d: d.current_url.rstrip("/").endswith("/problems") or "/problems?" in d.current_url)
    shot(browser, "keyboard-2-problems")

    # On an open measure's problem page, reach its report form by keyboard only.
    measure = office_measure(token("office"))
    browser.get(f"{BASE}/problems/{measure['problemId']}")
    tab_to(browser, lambda e: (e.get_attribute("href") or "").endswith(f"/measures/{measure['id']}/report"), limit=300)
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    WebDriverWait(browser, 15).until(lambda d: d.current_url.endswith("/report"))
    tab_to(browser, lambda e: e.get_attribute("name") == "progress")
    assert focus_is_visible(browser)
    active = browser.switch_to.active_element
    active.send_keys(Keys.CONTROL, "a")
    ActionChains(browser).send_keys("55").perform()
    tab_to(browser, lambda e: e.get_attribute("name") == "text", limit=5)
    ActionChains(browser).send_keys("键盘填报：已完成台账梳理。").perform()
    tab_to(browser, lambda e: e.tag_name == "button" and e.get_attribute("type") == "submit", limit=10)
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    WebDriverWait(browser, 15).until(lambda d: "done=reported" in d.current_url)
    assert "键盘填报" in browser.page_source
    shot(browser, "keyboard-3-reported")


def test_the_admin_imports_next_years_holiday_notice(browser):
    """Pasted on the admin page, previewed, imported: the page then lists the year as imported."""
    notice = (pathlib.Path(__file__).parent.parent / "Fixtures" / "holiday-notices" / "2027-text.txt").read_text(encoding="utf-8")
    sign_in(browser, "admin")
    browser.get(f"{BASE}/admin#calendar")
    browser.find_element(By.NAME, "text").send_keys(notice)
    submit(browser, "form.report button[type=submit]:not([formaction])", "工作日变化")
    page = browser.page_source
    assert "2027年2月5日（星期五）：工作日 → 休息日（春节）" in page
    assert "2027年2月14日（星期日）：休息日 → 工作日（调休上班）" in page
    shot(browser, "10-calendar-preview")
    # The text stays in the form for the import.
    assert "国务院办公厅关于2027年部分节假日安排的通知" in browser.find_element(By.NAME, "text").get_attribute("value")
    submit(browser, "form.report button[formaction]", "已导入2027年节假日安排")
    rows = [row.text for row in browser.find_elements(By.CSS_SELECTOR, "#calendar + p + table tbody tr, #calendar + table tbody tr")]
    assert any(row.startswith("2027 导入") for row in rows), rows
    shot(browser, "11-calendar-imported")
    years = api("/api/v1/calendar/years", token("admin"))["years"]
    assert years[-1]["year"] == 2027 and years[-1]["origin"] == "imported"


def test_search_from_the_header_on_a_phone(browser):
    """The search box in the header, on a phone: hits grouped under their body and round with the words
    marked, nothing wider than the screen; a unit's reporter finds only measures it may open."""
    office_token = token("office")
    problem = api("/api/v1/problems?per=1", office_token)["items"][0]
    phrase = problem["title"][:4]
    browser.set_window_size(390, 844)
    sign_in(browser, "office")
    box = browser.find_element(By.ID, "site-q")
    box.send_keys(phrase, Keys.ENTER)
    WebDriverWait(browser, 15).until(lambda d: "/search?" in d.current_url)
    marks = browser.find_elements(By.CSS_SELECTOR, ".hits mark")
    assert marks and all(phrase in m.text for m in marks)
    assert browser.find_elements(By.CSS_SELECTOR, ".search-group h2")
    width = browser.execute_script("return document.documentElement.scrollWidth")
    assert width <= 400, width
    shot(browser, "12-search-phone")

    reporter_token = token("reporter-office")
    query = urllib.parse.quote(phrase)
    found = api(f"/api/v1/search?q={query}&kind=measure&per=200", reporter_token)
    readable = {m["id"] for m in api("/api/v1/measures?per=200", reporter_token)["items"]}
    assert {hit["id"] for hit in found["items"]} <= readable
    assert found["total"] == len(found["items"])
