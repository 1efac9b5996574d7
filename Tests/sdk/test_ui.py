"""The live state page (GET /_emulator/ui) in headless Chromium, next to the official SDK.

Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver) driven by
Selenium: when they are missing these tests fail with that message (see browser.py). The page
polls the control API about once a second, so every check waits for the page to catch up
without reloading it.
"""
import json
import time

import pytest
from alibabacloud_tea_openapi import exceptions as tea_exceptions
from alibabacloud_vpc20160428 import models as m
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from browser import chrome, console_errors, missing
from emulator import GATEWAY, GATEWAY_CONNECTION, REGION, Emulator

WAIT = 8   # seconds: several polls


@pytest.fixture(scope="module")
def browser():
    problem = missing()
    if problem:
        pytest.fail(problem, pytrace=False)
    driver = chrome()
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def ui_emu():
    """An emulator whose writes keep a gateway `updating` for 2 s, long enough to see it."""
    e = Emulator("--task-duration", "2000").start()
    yield e
    assert e.stop() == 0, e.logs()


def wait(driver, condition, timeout=WAIT, message=""):
    return WebDriverWait(driver, timeout, poll_frequency=0.1).until(condition, message)


def text(driver, css):
    return " ".join(e.text for e in driver.find_elements(By.CSS_SELECTOR, css))


def open_page(driver, emu):
    driver.get(f"http://{emu.endpoint}/_emulator/ui")
    wait(driver, lambda d: GATEWAY in text(d, "#gateways tbody"), message="the gateways never showed")
    console_errors(driver)   # drop what loading logged so far (nothing is expected)


@pytest.fixture
def page(browser, ui_emu):
    ui_emu.reset()
    open_page(browser, ui_emu)
    yield browser
    errors = console_errors(browser)
    assert errors == [], errors   # no script error, no Content-Security-Policy violation


def create_route(emu, dest, **extra):
    return emu.tea().create_vpn_route_entry(m.CreateVpnRouteEntryRequest(
        region_id=REGION, vpn_gateway_id=GATEWAY, route_dest=dest, next_hop=GATEWAY_CONNECTION, weight=100,
        publish_vpc=False, **extra))


def gateway_status(driver):
    cells = driver.find_elements(By.CSS_SELECTOR, f'#gateways tbody tr[data-key="{GATEWAY}"] td:nth-child(3)')
    return cells[0].text if cells else ""


# ---------------------------------------------------------------------------------------------

def test_a_route_created_through_the_sdk_appears_without_a_reload(page, ui_emu):
    page.execute_script("window.loadedOnce = true")
    wait(page, lambda d: "10.1.0.0/24" in text(d, "#routes tbody"), message="the fixture route never showed")
    assert "10.50.0.0/24" not in text(page, "#routes tbody")
    create_route(ui_emu, "10.50.0.0/24", description="from the browser test")
    wait(page, lambda d: "10.50.0.0/24" in text(d, "#routes tbody"), message="the new route never showed")
    first = page.find_element(By.CSS_SELECTOR, "#routes tbody tr")
    assert first.text.split()[:3] == ["10.50.0.0/24", GATEWAY_CONNECTION, "100"], "newest first"
    assert "from the browser test" in first.text
    assert "1–2 of 2" in page.find_element(By.ID, "routes-range").text
    assert "2 / 20" in page.find_element(By.CSS_SELECTOR, f'#gateways tbody tr[data-key="{GATEWAY}"]').text
    assert page.execute_script("return window.loadedOnce") is True, "the page was reloaded"


def test_a_gateway_shows_updating_with_a_countdown_then_active(page, ui_emu):
    assert gateway_status(page).startswith("active")
    create_route(ui_emu, "10.51.0.0/24")
    started = time.monotonic()
    wait(page, lambda d: gateway_status(d).startswith("updating"), message="never updating")
    status = gateway_status(page)
    seconds = float(status.split()[1])   # "updating 1.4 s"
    assert 0 <= seconds <= 2.0 and status.endswith(" s"), status
    assert GATEWAY in text(page, "#tasks tbody")
    wait(page, lambda d: gateway_status(d) == "active", timeout=6, message="never active again")
    assert time.monotonic() - started >= 1.0, "the task lasts 2 s"
    wait(page, lambda d: GATEWAY not in text(d, "#tasks tbody"), message="the task stayed listed")


def test_complete_now_ends_the_task(page, ui_emu):
    ui_emu.config(taskDurationMs=60000)
    try:
        create_route(ui_emu, "10.52.0.0/24")
        wait(page, lambda d: gateway_status(d).startswith("updating"))
        button = page.find_element(By.ID, "complete-tasks")
        wait(page, lambda d: button.is_enabled())
        button.click()
        wait(page, lambda d: gateway_status(d) == "active", message="complete now did not end the task")
        assert ui_emu.control_json("GET", "/_emulator/tasks")[1]["tasks"] == []
    finally:
        ui_emu.config(taskDurationMs=2000)


def test_an_injected_fault_appears_and_clearing_it_works(page, ui_emu):
    ui_emu.fault(action="DeleteVpnRouteEntry", code="Appliance.Configuring", count=2)
    wait(page, lambda d: "Appliance.Configuring" in text(d, "#faults tbody"), message="the fault never showed")
    row = page.find_element(By.CSS_SELECTOR, "#faults tbody tr")
    assert "DeleteVpnRouteEntry" in row.text and "fault-1" in row.text
    page.find_element(By.ID, "clear-faults").click()
    wait(page, lambda d: text(d, "#faults tbody") == "", message="the fault stayed listed")
    assert ui_emu.control_json("GET", "/_emulator/faults")[1]["faults"] == []

    # The form injects one; the call it answers uses it up.
    Select(page.find_element(By.ID, "fault-action")).select_by_value("CreateVpnRouteEntry")
    page.find_element(By.ID, "fault-code").send_keys("TaskConflict")
    page.find_element(By.CSS_SELECTOR, "#fault-form button[type=submit]").click()
    wait(page, lambda d: "TaskConflict" in text(d, "#faults tbody"), message="the form's fault never showed")
    faults = ui_emu.control_json("GET", "/_emulator/faults")[1]["faults"]
    assert [(f["action"], f["code"], f["count"]) for f in faults] == [("CreateVpnRouteEntry", "TaskConflict", 1)]
    with pytest.raises(tea_exceptions.ClientException) as info:
        create_route(ui_emu, "10.53.0.0/24")
    assert info.value.code == "TaskConflict"
    wait(page, lambda d: text(d, "#faults tbody") == "", message="the used-up fault stayed listed")


def test_the_journal_shows_the_rule_id_of_a_rejected_call_and_its_parameters(page, ui_emu):
    with pytest.raises(tea_exceptions.ClientException) as info:
        create_route(ui_emu, "0.0.0.0/0")
    code = info.value.code
    entry = ui_emu.control_json("GET", f"/_emulator/requests?code={code}")[1]["requests"][-1]
    rule = entry["rule"]
    assert rule and code == "OperationFailed.InvalidCidrBlock"
    wait(page, lambda d: rule in text(d, "#journal tbody.entry.error tr.summary"), message="the rule never showed")
    body = page.find_element(By.CSS_SELECTOR, "#journal tbody.entry.error")
    summary = body.find_element(By.CSS_SELECTOR, "tr.summary").text
    assert "CreateVpnRouteEntry" in summary and "400" in summary and code in summary and "LTAI5tEmulatorDefaultKey" in summary
    details = body.find_element(By.CSS_SELECTOR, "tr.details")
    assert not details.is_displayed()

    # Keyboard: Enter opens the row, Space closes it; it stays open (and focused) across polls.
    toggle = body.find_element(By.CSS_SELECTOR, "button.disclosure")
    toggle.send_keys(Keys.ENTER)
    wait(page, lambda d: details.is_displayed())
    assert toggle.get_attribute("aria-expanded") == "true"
    assert "RouteDest" in details.text and "0.0.0.0/0" in details.text and rule in details.text
    assert entry["requestId"] in details.text
    create_route(ui_emu, "10.54.0.0/24")   # a new entry arrives above it
    wait(page, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#journal tbody.entry")) == 2)
    time.sleep(1.5)
    assert details.is_displayed(), "an open row stays open across refreshes"
    assert page.switch_to.active_element == toggle, "focus stays where it was"
    toggle.send_keys(Keys.SPACE)
    wait(page, lambda d: not details.is_displayed())

    # A click on the row opens it too; the code filter keeps only matching calls.
    body.find_element(By.CSS_SELECTOR, "tr.summary td:nth-child(2)").click()
    wait(page, lambda d: details.is_displayed())
    page.find_element(By.ID, "journal-code").send_keys(code)
    wait(page, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#journal tbody.entry")) == 1)
    assert code in text(page, "#journal tbody.entry tr.summary")


def test_reset_asks_first(page, ui_emu):
    create_route(ui_emu, "10.55.0.0/24")
    ui_emu.complete_tasks()
    wait(page, lambda d: "10.55.0.0/24" in text(d, "#routes tbody"))
    page.find_element(By.ID, "reset").click()
    dialog = page.find_element(By.ID, "reset-dialog")
    wait(page, lambda d: dialog.is_displayed(), message="no confirmation")
    dialog.find_element(By.CSS_SELECTOR, 'button[value="cancel"]').click()
    wait(page, lambda d: not dialog.is_displayed())
    time.sleep(1.5)
    assert "10.55.0.0/24" in text(page, "#routes tbody"), "cancel keeps everything"
    page.find_element(By.ID, "reset").click()
    wait(page, lambda d: dialog.is_displayed())
    page.find_element(By.ID, "reset-confirm").click()
    wait(page, lambda d: "10.55.0.0/24" not in text(d, "#routes tbody"), message="the reset did not happen")
    assert [r["routeDest"] for r in ui_emu.state()["vpnRouteEntries"]] == ["10.1.0.0/24"]


def test_polling_stops_while_the_tab_is_hidden(page):
    calls = "return performance.getEntriesByType('resource').filter(e => e.name.includes('/_emulator/resources')).length"
    page.execute_script("Object.defineProperty(document, 'visibilityState', {value: 'hidden', configurable: true});"
                        "document.dispatchEvent(new Event('visibilitychange'))")
    time.sleep(0.5)   # a poll under way ends
    hidden = page.execute_script(calls)
    time.sleep(2.5)
    assert page.execute_script(calls) == hidden, "no call while hidden"
    assert "hidden" in page.find_element(By.ID, "live-text").text
    page.execute_script("delete document.visibilityState; document.dispatchEvent(new Event('visibilitychange'))")
    wait(page, lambda d: d.execute_script(calls) > hidden, message="polling did not resume")


def test_the_page_makes_no_rpc_call(page, ui_emu):
    _, before = ui_emu.control_json("GET", "/_emulator/health")
    time.sleep(2.5)   # a few polls
    _, after = ui_emu.control_json("GET", "/_emulator/health")
    assert after["requests"] == before["requests"]
    assert ui_emu.control_json("GET", "/_emulator/requests")[1]["requests"] == []
    assert "No request recorded." in page.find_element(By.ID, "journal-empty").text


def test_with_a_control_token_nothing_loads_until_the_token_is_given(browser):
    token = "ui-test-token-7f3a"
    emu = Emulator("--control-token", token).start()
    try:
        browser.get(f"http://{emu.endpoint}/_emulator/ui")   # the page itself needs no token
        form = browser.find_element(By.ID, "login")
        wait(browser, lambda d: form.is_displayed(), message="no token form")
        assert "control token" in browser.find_element(By.ID, "login-message").text
        time.sleep(1.5)
        assert not browser.find_element(By.ID, "main").is_displayed()
        assert GATEWAY not in browser.page_source and "LTAI5t" not in browser.page_source, "nothing loads"

        field = browser.find_element(By.ID, "token")
        field.send_keys("wrong-token", Keys.ENTER)
        wait(browser, lambda d: "refused" in d.find_element(By.ID, "login-message").text, message="a wrong token passed")
        assert GATEWAY not in browser.page_source

        browser.find_element(By.ID, "token").send_keys(token, Keys.ENTER)
        wait(browser, lambda d: GATEWAY in text(d, "#gateways tbody"), message="the right token showed nothing")
        assert not form.is_displayed()
        assert browser.execute_script("return sessionStorage.getItem('vpngw-emulator.control-token')") == token
        urls = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)") + [browser.current_url]
        assert any("/_emulator/resources" in u for u in urls)
        assert not [u for u in urls if token in u or "wrong-token" in u], "the token is never in an address"
        errors = console_errors(browser)
        assert all("401" in e["message"] for e in errors), errors   # only the refused calls
    finally:
        browser.execute_script("sessionStorage.clear()")
        assert emu.stop() == 0, emu.logs()


def test_the_page_is_plain_files_with_a_strict_policy(ui_emu):
    status, body = ui_emu.control("GET", "/_emulator/ui")
    assert status == 200 and b"<table" in body and b"<caption" in body and b'scope="col"' in body
    import urllib.request
    with urllib.request.urlopen(f"http://{ui_emu.endpoint}/_emulator/ui/app.js", timeout=5) as r:
        assert r.headers["Content-Type"] == "text/javascript; charset=utf-8"
        assert r.headers["Cache-Control"] == "no-store"
        policy = r.headers["Content-Security-Policy"]
        assert policy.startswith("default-src 'self';") and "unsafe" not in policy
    status, raw = ui_emu.control("GET", "/_emulator/resources")
    assert status == 200 and json.loads(raw)["accountId"] == "1234567890123456"
