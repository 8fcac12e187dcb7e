"""People management (人员管理) in a real headless Chromium against `rectify serve --demo`.

The office adds a person, edits, moves them to another unit and marks them as transferred (调离);
the person's change history and the audit log show each action, and the measure form on a problem
page offers the person as leader while serving and no longer once they have left.
"""
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_browser_flow import BASE, api, browser, shot, sign_in, submit, token  # noqa: F401 (fixture)


def form_for(driver, action_suffix):
    return driver.find_element(By.CSS_SELECTOR, f"form[action$='{action_suffix}']")


def unit_id(office_token, name):
    units = api("/api/v1/organizations?per=200", office_token)["items"]
    return next(u["id"] for u in units if u["name"] == name)


def open_problem(office_token):
    problems = api("/api/v1/problems?per=200", office_token)["items"]
    problem = next(p for p in problems if p["status"] not in ("closed", "pending_close_out"))
    return problem["id"]


def leader_choices(driver, problem_id):
    driver.get(f"{BASE}/problems/{problem_id}")
    return [o.get_attribute("value") for o in driver.find_elements(By.CSS_SELECTOR, "#measure-leader option")]


def test_the_office_adds_edits_moves_and_marks_a_person_as_left(browser):
    office_token = token("office")
    name = f"郑立新{int(time.time()) % 100000}"
    sign_in(browser, "office")

    # Add: a refused form comes back with its message beside the field and the entries kept.
    browser.get(f"{BASE}/people")
    assert "人员管理" in browser.title
    browser.find_element(By.ID, "name").send_keys("   ")
    browser.find_element(By.ID, "title").send_keys("副科长")
    submit(browser, "form[action^='/people?'] button[type=submit]", "姓名不能为空")
    assert browser.find_element(By.ID, "name").get_attribute("aria-invalid") == "true"
    assert browser.find_element(By.ID, "title").get_attribute("value") == "副科长"
    shot(browser, "people-01-refused")
    name_field = browser.find_element(By.ID, "name")
    name_field.clear()
    name_field.send_keys(name)
    Select(browser.find_element(By.ID, "rank")).select_by_visible_text("科级")
    Select(browser.find_element(By.ID, "organizationId")).select_by_value(unit_id(office_token, "办公室"))
    submit(browser, "form[action^='/people?'] button[type=submit]", "done=created")
    person_id = browser.current_url.split("/people/")[1].split("?")[0]
    assert name in browser.find_element(By.TAG_NAME, "h1").text
    shot(browser, "people-02-created")

    # Edit the title.
    title = browser.find_element(By.ID, "title")
    title.clear()
    title.send_keys("科长")
    submit(browser, f"form[action='/people/{person_id}'] button[type=submit]", "done=saved")

    # Move to another unit of the body.
    Select(form_for(browser, "/move").find_element(By.NAME, "organizationId")).select_by_value(unit_id(office_token, "计划财务科"))
    submit(browser, "form[action$='/move'] button[type=submit]", "done=moved")
    assert "计划财务科" in browser.find_element(By.TAG_NAME, "main").text

    # While serving, the measure form offers the person as leader.
    problem_id = open_problem(office_token)
    assert person_id in leader_choices(browser, problem_id)

    # Mark as transferred (调离) on today's date, the form's default.
    browser.get(f"{BASE}/people/{person_id}")
    Select(browser.find_element(By.ID, "departure")).select_by_visible_text("调离")
    submit(browser, "form[action$='/leave'] button[type=submit]", "done=left")
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "调离" in main and "撤销标记" in main
    for words in ["新增", "职务：副科长 → 科长", "调整单位", "办公室 → 计划财务科", "标记调离"]:
        assert words in main, words
    shot(browser, "people-03-left-with-trail")

    # The audit log holds the four writes, in order.
    events = api(f"/api/v1/audit?entity=person&entityId={person_id}&order=asc", token("supervisor"))["items"]
    assert [e["action"] for e in events] == ["create", "update", "update", "update"]
    assert all("office" in e["actorName"] for e in events)

    # No longer offered as leader of a new measure; still listed, as left, for history.
    choices = leader_choices(browser, problem_id)
    assert person_id not in choices and len(choices) > 1
    shot(browser, "people-04-measure-form")
    browser.get(f"{BASE}/people?status=left")
    assert name in browser.page_source
    browser.get(f"{BASE}/people")
    assert name not in browser.page_source
    assert api(f"/api/v1/people/{person_id}", office_token)["departure"] == "transferred"


def test_a_unit_reporter_is_refused_the_people_pages(browser):
    sign_in(browser, "reporter-office")
    assert "/people" not in [a.get_attribute("pathname") for a in browser.find_elements(By.CSS_SELECTOR, "nav a")]
    browser.get(f"{BASE}/people")
    assert "新增人员" not in browser.page_source
    shot(browser, "people-05-reporter-refused")


def test_the_people_pages_fit_a_phone(browser):
    browser.set_window_size(390, 844)
    sign_in(browser, "office")
    for path in ["/people", "/people?status=all"]:
        browser.get(BASE + path)
        width = browser.execute_script("return document.documentElement.scrollWidth")
        assert width <= 400, (path, width)
    person = browser.find_element(By.CSS_SELECTOR, "table.list tbody a").get_attribute("href")
    browser.get(person)
    width = browser.execute_script("return document.documentElement.scrollWidth")
    assert width <= 400, width
    shot(browser, "people-06-phone")
