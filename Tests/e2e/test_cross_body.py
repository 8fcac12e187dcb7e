"""Common problems (共性问题) and repeated problems (屡查屡犯) in a real headless Chromium.

The administrator builds, through the API, two bodies of one sector whose latest rounds share a
finding worded alike, and a body inspected twice with a finding found again. The supervisor sees
the common problem grouped on its page with the chart, computes the repeats from the page and
confirms the match there; the API then shows it confirmed.
"""
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from test_browser_flow import BASE, api, browser, shot, sign_in, submit, token  # noqa: F401 (fixture)


def make_body(admin, name):
    return api("/api/v1/organizations", admin, {"name": name, "kind": "body", "sector": "housing"})["id"]


def make_round(admin, body, title, feedback):
    return api("/api/v1/inspections", admin, {
        "title": title, "kind": "inspection", "inspectingGroup": "市委第二巡察组", "inspectedBodyId": body,
        "onsiteStart": "2023-10-08", "onsiteEnd": "2023-11-30", "feedbackDate": feedback, "rectificationDeadline": "2024-04-10",
    })["id"]


def make_problem(admin, round_id, title, category):
    return api("/api/v1/problems", admin, {
        "inspectionId": round_id, "source": "inspection_feedback", "title": title, "category": category, "deadline": "2024-06-30",
    })["id"]


def test_common_problem_grouped_and_repeat_confirmed_from_the_pages(browser):
    admin = token("admin")
    tag = f"E2E{int(time.time()) % 100000}"
    first_body = make_body(admin, f"市住房保障中心党组{tag}")
    second_body = make_body(admin, f"市房屋征收服务中心党组{tag}")
    earlier_round = make_round(admin, first_body, f"市委第一轮巡察{tag}", "2023-12-05")
    latest_round = make_round(admin, first_body, f"市委第六轮巡察{tag}", "2024-01-10")
    other_round = make_round(admin, second_body, f"市委第六轮巡察{tag}", "2024-01-12")
    common = f"住宅专项维修资金归集使用监管不到位{tag}，2023年逾期未归集资金较多"
    make_problem(admin, latest_round, common, "业务工作")
    make_problem(admin, other_round, f"住宅专项维修资金归集使用监管不到位{tag}，2022年逾期未归集资金较多", "业务工作")
    earlier = make_problem(admin, earlier_round, f"机关食堂采购未执行政府采购程序{tag}，涉及金额12.5万元", "财务管理")
    repeated = make_problem(admin, latest_round, f"机关食堂采购未执行政府采购程序{tag}，涉及金额36万元", "财务管理")

    sign_in(browser, "supervisor")
    browser.get(f"{BASE}/common-problems?sector=housing&threshold=0.5")
    assert "共性问题" in browser.title
    table = browser.find_element(By.ID, "common-groups")
    group = next(row for row in table.find_elements(By.CSS_SELECTOR, "tr.group") if tag in row.text and "维修资金" in row.text)
    assert "2" in [cell.text for cell in group.find_elements(By.TAG_NAME, "td")]
    group.find_element(By.TAG_NAME, "summary").click()
    links = [a.text for a in group.find_elements(By.CSS_SELECTOR, ".members a")]
    assert len([text for text in links if tag in text]) == 2
    assert browser.find_elements(By.CSS_SELECTOR, ".charts svg")
    shot(browser, "cross-body-01-common-problems")

    browser.get(f"{BASE}/repeats")
    Select(browser.find_element(By.CSS_SELECTOR, "form[action='/repeats/scan'] select[name=bodyId]")).select_by_value(first_body)
    submit(browser, "form[action='/repeats/scan'] button[type=submit]", "notice=scanned")
    section = next(s for s in browser.find_elements(By.CSS_SELECTOR, "section.repeat") if tag in s.text)
    assert "涉及金额36万元" in section.text and "涉及金额12.5万元" in section.text
    assert "待认定" in section.text
    shot(browser, "cross-body-02-repeat-suggested")
    section.find_element(By.CSS_SELECTOR, "button[value=confirmed]").click()
    WebDriverWait(browser, 15).until(lambda d: "已认定屡查屡犯" in d.page_source)
    shot(browser, "cross-body-03-repeat-confirmed")

    supervisor = token("supervisor")
    matches = api(f"/api/v1/repeat-matches?bodyId={first_body}", supervisor)["items"]
    match = next(m for m in matches if m["newProblem"]["problemId"] == repeated)
    assert match["earlierProblem"]["problemId"] == earlier
    assert match["state"] == "confirmed" and match["version"] == 2
