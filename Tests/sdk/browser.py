"""Headless Chromium from Debian's packages, driven by Selenium through Debian's chromedriver.

Both paths are given to Selenium, so Selenium Manager never runs and nothing is downloaded.
`missing()` names what a machine lacks; the browser tests fail with that message rather than
skip (.ci/run installs the packages on a fresh machine).
"""
import os

CHROMIUM = os.environ.get("VPNGW_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("VPNGW_CHROMEDRIVER", "/usr/bin/chromedriver")
APT = "apt-get install -y chromium chromium-driver"


def missing():
    """A message naming what the browser tests need and this machine lacks, or None."""
    absent = [path for path in (CHROMIUM, CHROMEDRIVER) if not os.access(path, os.X_OK)]
    if absent:
        return (f"the browser tests need Debian's headless Chromium and its driver, missing here: "
                f"{', '.join(absent)}. Install them with: {APT} (.ci/run does this on a fresh machine)")
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "the browser tests need Selenium: pip install -r Tests/sdk/requirements.txt"
    return None


def chrome(width=1400, height=1000):
    """A new headless Chromium session (the caller quits it)."""
    problem = missing()
    if problem:
        raise RuntimeError(problem)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-proxy-server",
                "--disable-extensions", "--disable-background-networking", "--no-first-run", "--lang=en-US",
                f"--window-size={width},{height}"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)


def console_errors(driver):
    """Console messages at level SEVERE since the last call (a CSP violation is one)."""
    return [entry for entry in driver.get_log("browser") if entry.get("level") == "SEVERE"]
