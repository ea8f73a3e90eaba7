"""Save screenshots of the main pages of a running store (for the README and reviews).

    python tools/screenshots.py STORE OUT_DIR

Serves ``STORE`` (a store folder, e.g. after ``newsgraph ingest seeds``) with
``newsgraph serve`` on a free loopback port and drives Debian's headless ``chromium`` with
``chromium-driver`` (Selenium, from the ``test`` extra) over the home page, a saved query,
the timeline, the competing figures, the editor and an entity page, one PNG each. Not a
test: it checks nothing (the browser tests in tests/server/test_browser.py do).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlsplit

HOST = "127.0.0.1"
WAIT_SECONDS = 20
QUERY = (
    "SELECT ?speakerName ?text ?date ?statement WHERE {\n  ?statement a ng:Statement ;"
    "\n    ng:saidBy/rdfs:label ?speakerName ;\n    ng:text ?text .\n"
    "  OPTIONAL { ?statement ng:saidOn ?date }\n}\nORDER BY ?date\nLIMIT 8\n"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def wait_until_up(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"screenshots: the server stopped (status {server.returncode})")
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"screenshots: no answer from {url} in {WAIT_SECONDS} s")


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    store, folder = Path(sys.argv[1]), Path(sys.argv[2])
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    if chromium is None or not Path(driver_path).exists():
        print("screenshots: apt-get install chromium chromium-driver", file=sys.stderr)
        return 2
    from selenium import webdriver  # the `test` extra: only this script needs it here
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    newsgraph = Path(sys.executable).parent / "newsgraph"
    server = subprocess.Popen(
        [str(newsgraph), "serve", "--store", str(store), "--host", HOST, "--port", str(port)]
    )
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900"):
        options.add_argument(flag)
    driver = None
    try:
        base = f"http://{HOST}:{port}"
        wait_until_up(base + "/sparql", server)
        driver = webdriver.Chrome(
            options=options, service=webdriver.ChromeService(executable_path=driver_path)
        )

        def shot(name: str, path: str, ready: str) -> None:
            driver.get(base + path)
            WebDriverWait(driver, WAIT_SECONDS).until(
                ec.visibility_of_element_located((By.CSS_SELECTOR, ready))
            )
            height = driver.execute_script("return document.documentElement.scrollHeight")
            driver.set_window_size(1280, min(max(height, 700), 2400))
            driver.save_screenshot(str(folder / f"{name}.png"))
            driver.set_window_size(1280, 900)
            print(folder / f"{name}.png")

        person = "/queries/statements-by-person?person=Vladimir+Putin"
        shot("home", "/", "ul.counts")
        shot("saved-query", person, "table.results")
        shot("timeline", "/queries/timeline", "figure.timeline")
        shot("competing-figures", "/queries/competing-figures?what=troops+killed", "table.results")
        shot("editor", "/editor?query=" + quote(QUERY), "#editor-results table")
        driver.get(base + person)
        links = driver.find_elements(By.CSS_SELECTOR, "table.results td.iri a")
        if len(links) > 1:
            shot("entity", urlsplit(links[1].get_attribute("href") or "").path, "h1")
    finally:
        if driver is not None:
            driver.quit()
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
