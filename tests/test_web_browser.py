"""The timeline page in a real headless Chromium: entries render, a click expands, a filter works.

Runs the app with uvicorn in a thread on a free loopback port, over injected frames (no store,
no network). Skips when chromium/chromedriver or selenium are absent. Set BW_SCREENSHOT_DIR to
keep the screenshots somewhere other than the test's tmp folder.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
from test_timeline_data import sample_frame

from brinkwatch.web import FramesProvider, create_app

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("BW_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("BW_CHROMEDRIVER", "/usr/bin/chromedriver")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def server():
    uvicorn = pytest.importorskip("uvicorn")
    port = _free_port()
    app = create_app(provider=FramesProvider(sample_frame()))
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):  # wait until it accepts connections
        if srv.started:
            break
        time.sleep(0.05)
    else:
        pytest.fail("uvicorn did not start")
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture()
def browser(tmp_path):
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.skip("chromium / chromedriver not installed")
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,1400", f"--user-data-dir={tmp_path / 'chrome-profile'}",
                # no network: every non-loopback request goes to a closed port (loopback is never proxied)
                "--proxy-server=http://127.0.0.1:9"):
        opts.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def _shot(driver, tmp_path: Path, name: str) -> Path:
    folder = Path(os.environ.get("BW_SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    driver.save_screenshot(str(path))
    assert path.stat().st_size > 10_000  # a real rendering, not a blank image
    return path


def test_timeline_page_in_chromium(server, browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(browser, 15)
    browser.get(server + "/")
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "details.entry")))

    # entries render, grouped by day, with their source counts; the CSS is applied (served locally)
    entries = browser.find_elements(By.CSS_SELECTOR, "details.entry")
    assert len(entries) == 5
    days = [h.text for h in browser.find_elements(By.CSS_SELECTOR, ".day h2 time")]
    assert days[:2] == ["Saturday 1 March 2025", "Sunday 2 March 2025"] and days[-1] == "Date unknown"
    request = browser.find_element(By.CSS_SELECTOR, "details.entry[data-plover='REQUEST']")
    assert "2 sources" in request.find_element(By.CSS_SELECTOR, ".count").text
    border = request.value_of_css_property("border-left-color")
    assert border.replace(" ", "") in ("rgb(201,131,0)", "rgba(201,131,0,1)")  # verbal conflict colour

    # evidence is hidden until the entry is clicked, then shows sentences, outlets and links
    evidence = request.find_element(By.CSS_SELECTOR, ".evidence")
    assert not evidence.is_displayed()
    request.find_element(By.TAG_NAME, "summary").click()
    wait.until(lambda d: evidence.is_displayed())
    assert request.get_attribute("open") is not None
    quotes = [q.text for q in request.find_elements(By.CSS_SELECTOR, ".evidence blockquote")]
    assert len(quotes) == 3 and any("urged Peru to recall" in q for q in quotes)
    outlets = {o.text for o in request.find_elements(By.CSS_SELECTOR, ".cite .outlet")}
    assert outlets == {"harbor-times.example", "andes-wire.example", "coastal-daily.example"}
    links = request.find_elements(By.CSS_SELECTOR, ".cite a")
    assert links and links[0].get_attribute("href").startswith("https://")
    assert request.find_element(By.CSS_SELECTOR, ".evidence mark").text == "urged"
    _shot(browser, tmp_path, "timeline")

    # "Expand all" (our JS) opens every entry
    browser.find_element(By.CSS_SELECTOR, "button[data-toggle='open']").click()
    assert all(e.get_attribute("open") is not None for e in browser.find_elements(By.CSS_SELECTOR, "details.entry"))

    # a filter: choosing a type submits the form and narrows the timeline
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element(By.ID, "f-type")).select_by_value("ASSAULT")
    wait.until(lambda d: "type=ASSAULT" in d.current_url)
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "details.entry")) == 1)
    only = browser.find_element(By.CSS_SELECTOR, "details.entry")
    assert only.get_attribute("data-plover") == "ASSAULT"
    assert "since=" not in browser.current_url  # empty fields are dropped from the URL

    # an actor filter typed into the box, with the date range
    browser.get(server + "/")
    box = browser.find_element(By.ID, "f-actor")
    box.send_keys("Peru")
    since = browser.find_element(By.ID, "f-since")
    browser.execute_script("arguments[0].value = '2025-03-03'", since)  # date widgets' typing order depends on locale
    browser.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]").click()
    wait.until(lambda d: "actor=Peru" in d.current_url)
    plovers = sorted(e.get_attribute("data-plover") for e in browser.find_elements(By.CSS_SELECTOR, "details.entry"))
    assert plovers == ["ASSAULT", "REJECT"]
    _shot(browser, tmp_path, "filtered")

    # no request left the machine: every resource came from our server
    urls = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert urls and all(u.startswith(server) for u in urls)


def test_map_and_escalation_chart_in_chromium(server, browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(browser, 20)
    browser.get(server + "/")
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "#map svg circle.pt")))
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "#escalation svg rect.bar")))

    # the map: country outlines from the package's own data, and one point per place
    assert len(browser.find_elements(By.CSS_SELECTOR, "#map path.land")) > 100
    points = browser.find_elements(By.CSS_SELECTOR, "#map circle.pt")
    assert {p.get_attribute("data-place") for p in points} == {"Arica", "Pacific Ocean"}
    # the chart: one row per dyad, bars below the zero line for conflict
    labels = [t.text for t in browser.find_elements(By.CSS_SELECTOR, "#escalation .dyad-label")]
    assert "CHL → PER" in labels
    bars = browser.find_elements(By.CSS_SELECTOR, "#escalation rect.bar")
    assert len(bars) >= 2 and any("q4" in b.get_attribute("class") for b in bars)

    # clicking a point shows its events with their evidence sentences, linked to the timeline
    detail = browser.find_element(By.ID, "detail")
    assert not detail.is_displayed()
    arica = next(p for p in points if p.get_attribute("data-place") == "Arica")
    browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", arica)
    wait.until(lambda d: detail.is_displayed())
    assert "Arica" in browser.find_element(By.ID, "detail-title").text
    quotes = [q.text for q in detail.find_elements(By.TAG_NAME, "blockquote")]
    assert quotes and all(q.strip() for q in quotes)
    link = detail.find_element(By.CSS_SELECTOR, ".ev-head a")
    assert link.get_attribute("href").split("#")[1].startswith("e-")

    # clicking a bar shows that day's events for the dyad; following the link opens the timeline entry
    bar = next(b for b in bars if "q4" in b.get_attribute("class"))
    browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", bar)
    wait.until(lambda d: bar.get_attribute("data-date") in d.find_element(By.ID, "detail-title").text)
    target = detail.find_element(By.CSS_SELECTOR, ".ev-head a").get_attribute("href").split("#")[1]
    detail.find_element(By.CSS_SELECTOR, ".ev-head a").click()
    wait.until(lambda d: d.find_element(By.ID, target).get_attribute("open") is not None)

    browser.execute_script("window.scrollTo(0, 0)")
    os.environ.setdefault("BW_SCREENSHOT_DIR", str(tmp_path))
    _shot(browser, Path("/tmp"), "bw_page_check")
    browser.save_screenshot("/tmp/bw_page.png")

    # nothing left the machine
    urls = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert urls and all(u.startswith(server) for u in urls)
    assert browser.execute_script("return document.querySelectorAll('.nodata').length") == 0


def _boxes_overlap(boxes: list[dict]) -> list[tuple[str, str]]:
    out = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]:
                out.append((a["t"], b["t"]))
    return out


def test_crowded_map_and_long_axis_labels_never_overprint(browser, tmp_path):
    """Many places a few km apart and twenty days of events: every map label and axis date drawn is
    readable (no two overlap); points that get no label keep their tooltip."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait
    from test_timeline_data import random_frame

    uvicorn = pytest.importorskip("uvicorn")
    df = random_frame(n_articles=60, seed=11)
    towns = [("Arica", -18.47, -70.30), ("Tacna", -18.01, -70.25), ("Putre", -18.20, -69.56), ("Camarones", -19.0, -69.9),
             ("Iquique", -20.21, -70.15), ("Ilo", -17.64, -71.34), ("Moquegua", -17.19, -70.94), ("Pozo Almonte", -20.26, -69.79)]
    for i in df.index:
        name, lat, lon = towns[i % len(towns)]
        df.loc[i, ["place_name", "lat", "lon"]] = [name, lat, lon]
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(provider=FramesProvider(df)), host="127.0.0.1", port=port,
                                        log_level="warning", lifespan="off"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    try:
        for _ in range(200):
            if srv.started:
                break
            time.sleep(0.05)
        wait = WebDriverWait(browser, 20)
        browser.get(f"http://127.0.0.1:{port}/")
        wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "#map svg circle.pt")))
        wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "#escalation svg text.tick")))
        js = ("return Array.from(document.querySelectorAll(arguments[0])).map(e => {const r = e.getBoundingClientRect();"
              " return {t: e.textContent, x: r.x, y: r.y, w: r.width, h: r.height};})")
        labels = browser.execute_script(js, "#map text.plabel")
        ticks = browser.execute_script(js, "#escalation text.tick")
        assert len(labels) >= 3 and len(ticks) >= 3
        assert _boxes_overlap(labels) == [] and _boxes_overlap(ticks) == []
        assert len(browser.find_elements(By.CSS_SELECTOR, "#map circle.pt title")) == len(towns)
        _shot(browser, tmp_path, "crowded")
    finally:
        srv.should_exit = True
        thread.join(timeout=10)
