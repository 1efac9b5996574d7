"""The scenario behind docs/ui.png (run by scripts/ui-screenshot): the default fixture, a few
calls through the official SDK (routes created, one refused, a transit route, a fault), then
the live state page photographed by headless Chromium."""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "sdk"))
from alibabacloud_tea_openapi import exceptions as tea_exceptions  # noqa: E402
from alibabacloud_vpc20160428 import models as m  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from browser import chrome  # noqa: E402
from emulator import GATEWAY, GATEWAY_CONNECTION, GATEWAY_CONNECTION_2, REGION, TRANSIT, Emulator  # noqa: E402


def scenario(emu):
    tea = emu.tea()

    def route(dest, next_hop=GATEWAY_CONNECTION, weight=100, publish=False):
        return m.CreateVpnRouteEntryRequest(region_id=REGION, vpn_gateway_id=GATEWAY, route_dest=dest, next_hop=next_hop,
                                            weight=weight, publish_vpc=publish, description="from the SDK")

    tea.create_vpn_route_entry(route("10.50.0.0/24", publish=True))
    emu.complete_tasks()
    tea.create_vpn_route_entry(route("10.50.0.0/24", GATEWAY_CONNECTION_2, weight=0, publish=True))
    emu.complete_tasks()
    tea.create_vco_route_entry(m.CreateVcoRouteEntryRequest(region_id=REGION, vpn_connection_id=TRANSIT,
                                                            route_dest="10.60.0.0/16", next_hop=TRANSIT, weight=100))
    tea.create_vpn_route_entry(route("10.70.0.0/24"))
    try:   # the gateway is still updating: refused with VpnGateway.Configuring
        tea.create_vpn_route_entry(route("10.80.0.0/24"))
    except tea_exceptions.ClientException:
        pass
    tea.describe_vpn_gateway(m.DescribeVpnGatewayRequest(region_id=REGION, vpn_gateway_id=GATEWAY))
    emu.fault(action="DeleteVpnRouteEntry", code="Appliance.Configuring", count=2)


def main(out):
    emu = Emulator("--task-duration", "60000", "--seed", "1").start()
    driver = None
    try:
        scenario(emu)
        driver = chrome(1400, 1000)
        driver.get(f"http://{emu.endpoint}/_emulator/ui")
        wait = WebDriverWait(driver, 15)
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#journal tbody.entry")) >= 6)
        wait.until(lambda d: "10.70.0.0/24" in d.find_element(By.ID, "routes").text)
        # Open the refused call, to show its parameters and rule.
        refused = [b for b in driver.find_elements(By.CSS_SELECTOR, "#journal tbody.entry.error")][0]
        refused.find_element(By.CSS_SELECTOR, "button.disclosure").click()
        wait.until(lambda d: refused.find_element(By.CSS_SELECTOR, "tr.details").is_displayed())
        time.sleep(1.2)   # past the highlight of new journal rows
        driver.execute_script("document.activeElement.blur(); window.scrollTo(0, 0)")
        # The whole page in one picture: a viewport as tall as the document.
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": 1400, "height": height, "deviceScaleFactor": 1, "mobile": False})
        time.sleep(0.5)
        driver.save_screenshot(out)
        print(f"wrote {out} (1400x{height})")
    finally:
        if driver:
            driver.quit()
        emu.stop()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "docs/ui.png")
