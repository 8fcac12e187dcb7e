"""Self-inspection tasks (举一反三) in a real headless Chromium against `rectify serve --demo`.

The supervisor turns a problem of the housing bureau into a task for that bureau and the transport
bureau; the transport bureau's office answers "not found", the housing bureau's office answers
"found" with a measure, and the supervisor's task page shows both answers and the problem entered
in the ledger. The demo's own open task has a late answer, which the board shows.
"""
import datetime

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_browser_flow import BASE, api, browser, shot, sign_in, submit, token  # noqa: F401 (fixture)

HOUSING = "江川市住房和城乡建设局党组"
TRANSPORT = "江川市交通运输局党组"


def check_body(driver, name):
    box = driver.find_element(By.XPATH, f"//form[@id='new-task']//label[contains(., '{name}')]/input")
    if not box.is_selected():
        box.click()


def answer_row(driver, taskpath):
    driver.get(BASE + taskpath)
    assert driver.find_elements(By.ID, "answer-form"), "the office sees the answer form"


def test_a_task_from_creation_to_the_last_bodys_answer(browser):
    supervisor_token = token("supervisor")
    problems = api("/api/v1/problems?per=200", supervisor_token)["items"]
    problem = next(p for p in problems if p["title"] == "工程招投标监管存在漏洞")

    # The board shows the demo task's late answer.
    sign_in(browser, "supervisor")
    assert "举一反三自查逾期未报送" in browser.page_source
    shot(browser, "si-01-board-late")

    # 1. From the problem's page, the supervisor issues the task to two bodies.
    browser.get(f"{BASE}/problems/{problem['id']}")
    browser.find_element(By.ID, "issue-self-inspection").click()
    assert "工程招投标监管存在漏洞" in browser.find_element(By.ID, "task-title").get_attribute("value")
    days = browser.find_element(By.ID, "task-days")
    days.clear()
    days.send_keys("10")
    check_body(browser, HOUSING)
    check_body(browser, TRANSPORT)
    shot(browser, "si-02-new-task")
    submit(browser, "#new-task button[type=submit]", "done=issued")
    assert "举一反三自查任务已部署。" in browser.page_source
    assert browser.page_source.count("待报送") >= 2
    taskpath = browser.current_url.replace(BASE, "").split("?")[0]
    shot(browser, "si-03-issued")

    # 2. The transport bureau's office finds nothing and says how it checked.
    sign_in(browser, "office-transport")
    browser.get(f"{BASE}/self-inspection-tasks")
    assert "工程招投标监管存在漏洞" in browser.page_source
    assert HOUSING not in browser.page_source
    answer_row(browser, taskpath)
    assert HOUSING not in browser.page_source
    browser.find_element(By.ID, "state-not-found").click()
    browser.find_element(By.ID, "answer-explanation").send_keys("对照近三年工程项目招标情况逐项检查，未发现同类问题。")
    submit(browser, "#answer-form button[type=submit]", "done=answered")
    assert "自查情况已报送。" in browser.page_source and "未查找到同类问题" in browser.page_source
    shot(browser, "si-04-transport-answered")

    # 3. The housing bureau's office finds the problem and plans a measure; a refusal keeps the entries.
    sign_in(browser, "office")
    answer_row(browser, taskpath)
    browser.find_element(By.ID, "state-found").click()
    browser.find_element(By.ID, "answer-problem-title").send_keys("小额工程项目招标把关不严")
    browser.find_element(By.ID, "measure-text-1").send_keys("制定小额工程项目发包管理规定，实行集体研究决定。")
    submit(browser, "#answer-form button[type=submit]", "牵头单位不能为空")
    assert browser.find_element(By.ID, "answer-problem-title").get_attribute("value") == "小额工程项目招标把关不严"
    units = api("/api/v1/organizations?per=200", token("office"))["items"]
    Select(browser.find_element(By.ID, "measure-unit-1")).select_by_value(next(u["id"] for u in units if u["name"] == "建筑市场监管科"))
    deadline = (datetime.date.today() + datetime.timedelta(days=45)).isoformat()
    browser.execute_script("arguments[0].value = arguments[1]", browser.find_element(By.ID, "measure-deadline-1"), deadline)
    shot(browser, "si-05-found-form")
    submit(browser, "#answer-form button[type=submit]", "done=answered")
    assert "查找到同类问题" in browser.page_source
    shot(browser, "si-06-housing-answered")

    # 4. The supervisor sees every body's answer and follows the problem into the ledger.
    sign_in(browser, "supervisor")
    browser.get(BASE + taskpath)
    rows = browser.find_elements(By.CSS_SELECTOR, "#answers tbody tr")
    assert len(rows) == 2 and all("已按期报送" in row.text for row in rows)
    shot(browser, "si-07-supervisor-task")
    browser.find_element(By.LINK_TEXT, "查看录入台账的问题").click()
    assert "小额工程项目招标把关不严" in browser.page_source and "举一反三、自查自纠问题" in browser.page_source
    assert "建筑市场监管科" in browser.page_source and "制定小额工程项目发包管理规定" in browser.page_source
    shot(browser, "si-08-problem-in-ledger")


def test_the_task_page_fits_a_phone(browser):
    browser.set_window_size(390, 844)
    sign_in(browser, "supervisor")
    browser.get(f"{BASE}/self-inspection-tasks")
    browser.find_element(By.CSS_SELECTOR, "table.list a").click()
    width = browser.execute_script("return document.documentElement.scrollWidth")
    assert width <= 400, width
    shot(browser, "si-09-task-phone")
