"""The analysts' pages in a real headless Chromium, against a real server on loopback.

Driven by Selenium with Debian's ``chromium`` and ``chromium-driver`` (the driver's path is
given, so Selenium Manager never downloads anything). Skipped, with the reason, when
either is missing. Screenshots of the main pages: ``python tools/screenshots.py STORE DIR``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from fixtures.live_server import load, running_server
from pyoxigraph import RdfFormat
from sample_data import BASE, DOD, KONASHENKOV, filled_store

from newsgraph.extract.records import Article, Entity, Extraction, Figure, Statement
from newsgraph.store.rdf import Minter, extraction_to_quads

pytestmark = [pytest.mark.browser, pytest.mark.e2e]  # a server and Chromium: processes

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = next(
    (p for p in ("/usr/bin/chromedriver", shutil.which("chromedriver")) if p and Path(p).exists()),
    None,
)
WAIT_SECONDS = 20
EVIL_TITLE = '<img src=x onerror="window.__xss=1">Evil "title"'
EVIL_WORDS = '<script>window.__xss=2</script><b onmouseover="window.__xss=3">bold</b>'
BBC = Entity(name="BBC Russian service", kind="org")

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
if CHROMIUM is None or CHROMEDRIVER is None:
    pytest.skip(
        "headless Chromium is not installed (apt-get install chromium chromium-driver)",
        allow_module_level=True,
    )

from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402


def hostile_article() -> Extraction:
    """An article whose title and quoted words are HTML, and a competing figure."""
    words = EVIL_WORDS
    text = f"The BBC said: {words}. It counted 4,500 Russian soldiers killed."
    start = text.index(words)
    said = Statement(
        speaker=BBC,
        text=words,
        start=start,
        end=start + len(words),
        kind="direct",
        sentence=text,
        sentence_start=0,
        sentence_end=len(text),
        cue="said",
        date=dt.date(2022, 3, 11),
        date_basis="explicit",
    )
    fig_text = "4,500 Russian soldiers killed"
    fig_start = text.index(fig_text)
    figure = Figure(
        text=fig_text,
        start=fig_start,
        end=fig_start + len(fig_text),
        value=4500,
        what="Russian soldiers killed",
        source=BBC,
        attribution="explicit",
    )
    article = Article(
        id="evil.txt",
        text=text,
        title=EVIL_TITLE,
        publisher="Example Wire",
        published=dt.date(2022, 3, 12),
    )
    return Extraction(article, (said,), (figure,), (BBC,))


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("browser")
    memory = filled_store()
    memory.replace_graph(*extraction_to_quads(hostile_article(), Minter(BASE)))
    dump = folder / "sample.trig"
    with dump.open("wb") as out:
        memory.export(out, RdfFormat.TRIG)
    store = folder / "store"
    load(store, dump)
    with running_server(store) as url:
        yield url.rstrip("/")


def chrome_options(*, javascript: bool = True, downloads: Path | None = None):  # type: ignore[no-untyped-def]
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
    ):
        options.add_argument(flag)
    prefs: dict[str, object] = {}
    if not javascript:
        prefs["profile.managed_default_content_settings.javascript"] = 2
    if downloads is not None:
        prefs["download.default_directory"] = str(downloads)
        prefs["download.prompt_for_download"] = False
    options.add_experimental_option("prefs", prefs)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return options


def start_browser(profile: Path, **kwargs: object):  # type: ignore[no-untyped-def]
    options = chrome_options(**kwargs)  # type: ignore[arg-type]
    options.add_argument(f"--user-data-dir={profile}")
    service = webdriver.ChromeService(executable_path=CHROMEDRIVER)
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(WAIT_SECONDS)
    return driver


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("chromium")
    driver = start_browser(folder / "profile", downloads=folder / "downloads")
    driver.downloads = folder / "downloads"  # type: ignore[attr-defined]
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def browser_without_js(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    driver = start_browser(tmp_path_factory.mktemp("chromium-nojs") / "profile", javascript=False)
    try:
        yield driver
    finally:
        driver.quit()


def wait_for(driver, css: str):  # type: ignore[no-untyped-def]
    return WebDriverWait(driver, WAIT_SECONDS).until(
        ec.visibility_of_element_located((By.CSS_SELECTOR, css))
    )


def table_text(driver, css: str = "table.results") -> str:  # type: ignore[no-untyped-def]
    return wait_for(driver, css).text


def csp_violations(driver) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        entry["message"]
        for entry in driver.get_log("browser")
        if "Content Security Policy" in entry["message"] or "Refused to" in entry["message"]
    ]


def type_in_editor(driver, text: str) -> None:  # type: ignore[no-untyped-def]
    """Replace the editor's text by typing, as a person would."""
    wait_for(driver, ".CodeMirror").click()
    field = driver.find_element(By.CSS_SELECTOR, ".CodeMirror textarea")
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys(Keys.DELETE)
    field.send_keys(text)


def run_with_ctrl_enter(driver) -> None:  # type: ignore[no-untyped-def]
    field = driver.find_element(By.CSS_SELECTOR, ".CodeMirror textarea")
    field.send_keys(Keys.CONTROL, Keys.ENTER)


def test_home_page_shows_what_the_graph_holds_and_leads_to_saved_queries(
    browser, base_url: str
) -> None:  # type: ignore[no-untyped-def]
    browser.get(base_url + "/")
    counts = wait_for(browser, "ul.counts").text
    assert "3\narticles" in counts and "statements" in counts and "figures" in counts
    latest = table_text(browser)
    assert "Russia admits conscripts" in latest and "10 Mar 2022" in latest
    browser.find_element(By.LINK_TEXT, "Statements in date order").click()
    assert wait_for(browser, "h1").text == "Statements in date order"
    assert csp_violations(browser) == []


def test_a_saved_query_runs_with_a_chosen_parameter_and_back_goes_back(
    browser, base_url: str
) -> None:  # type: ignore[no-untyped-def]
    browser.get(base_url + "/queries/statements-by-person")
    assert "conscripts would not take part" in table_text(browser)  # the default, Putin
    Select(browser.find_element(By.ID, "param-person")).select_by_visible_text("Igor Konashenkov")
    browser.find_element(By.CSS_SELECTOR, "#query-form button[type=submit]").click()
    WebDriverWait(browser, WAIT_SECONDS).until(lambda d: "person=Igor" in d.current_url)
    shown = table_text(browser)
    assert "some conscripts were captured" in shown and "9 Mar 2022" in shown
    assert "conscripts would not take part" not in shown
    browser.back()
    WebDriverWait(browser, WAIT_SECONDS).until(lambda d: "person=" not in d.current_url)
    assert "conscripts would not take part" in table_text(browser)


def test_a_result_link_opens_the_statement_with_its_evidence(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    browser.get(base_url + "/queries/statements-by-person?person=Igor+Konashenkov")
    table_text(browser)
    row = browser.find_element(
        By.XPATH, "//table[@class='results']//tr[td[contains(., 'conscripts were captured')]]"
    )
    row.find_element(By.LINK_TEXT, "evidence").click()
    WebDriverWait(browser, WAIT_SECONDS).until(lambda d: "/statement/" in d.current_url)
    evidence = table_text(browser, "table.evidence")
    assert "Russia admits conscripts" in evidence  # the article
    assert "conscripts were captured" in evidence  # the sentence
    browser.find_element(By.PARTIAL_LINK_TEXT, "Igor Konashenkov").click()
    assert wait_for(browser, "h1").text == "Igor Konashenkov"


def test_the_editor_runs_a_typed_query_with_ctrl_enter_and_a_link_reopens_it(
    browser, base_url: str
) -> None:  # type: ignore[no-untyped-def]
    browser.get(base_url + "/editor")
    wait_for(browser, ".CodeMirror .cm-keyword")  # highlighted
    type_in_editor(
        browser, "SELECT ?name WHERE { ?p a ng:Person ; rdfs:label ?name } ORDER BY ?name"
    )
    run_with_ctrl_enter(browser)
    WebDriverWait(browser, WAIT_SECONDS).until(
        lambda d: "Vladimir Putin" in d.find_element(By.ID, "editor-results").text
    )
    rows = browser.find_elements(By.CSS_SELECTOR, "#editor-results tbody tr")
    assert browser.find_element(By.ID, "editor-status").text.startswith(f"{len(rows)} rows in")
    shared = browser.current_url
    assert urlsplit(shared).path == "/editor"
    assert "ng:Person" in parse_qs(urlsplit(shared).query)["query"][0]
    browser.get(base_url + "/")
    browser.get(shared)  # the link reopens the query and runs it
    WebDriverWait(browser, WAIT_SECONDS).until(
        lambda d: "Igor Konashenkov" in d.find_element(By.ID, "editor-results").text
    )
    assert "ng:Person" in browser.find_element(By.CSS_SELECTOR, ".CodeMirror").text
    assert csp_violations(browser) == []


def test_the_editor_marks_a_syntax_error_where_it_is(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    browser.get(base_url + "/editor")
    type_in_editor(browser, "SELECT ?s WHERE {")
    field = browser.find_element(By.CSS_SELECTOR, ".CodeMirror textarea")
    field.send_keys(Keys.ENTER, "?s ?p }}")
    run_with_ctrl_enter(browser)
    error = wait_for(browser, "#editor-error")
    assert error.text.startswith("Line 2, column")
    marked = browser.find_elements(By.CSS_SELECTOR, ".CodeMirror .cm-error-line")
    assert marked and "?s ?p" in marked[0].text


def test_back_in_the_editor_returns_to_the_previous_query(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    browser.get(base_url + "/editor?query=" + quote("ASK { ?s a ng:Figure }"))
    WebDriverWait(browser, WAIT_SECONDS).until(
        lambda d: d.find_element(By.ID, "editor-results").text == "true"
    )
    type_in_editor(browser, "SELECT (COUNT(*) AS ?n) WHERE { ?s a ng:Statement }")
    run_with_ctrl_enter(browser)
    WebDriverWait(browser, WAIT_SECONDS).until(
        lambda d: "COUNT" in parse_qs(urlsplit(d.current_url).query).get("query", [""])[0]
    )
    browser.back()
    WebDriverWait(browser, WAIT_SECONDS).until(
        lambda d: d.find_element(By.ID, "editor-results").text == "true"
    )
    assert "ng:Figure" in browser.find_element(By.CSS_SELECTOR, ".CodeMirror").text


def test_open_a_saved_query_in_the_editor(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    browser.get(base_url + "/queries/statements-by-person?person=Igor+Konashenkov")
    browser.find_element(By.LINK_TEXT, "Open in the SPARQL editor").click()
    WebDriverWait(browser, WAIT_SECONDS).until(
        lambda d: "some conscripts were captured" in d.find_element(By.ID, "editor-results").text
    )
    assert "Igor Konashenkov" in browser.find_element(By.CSS_SELECTOR, ".CodeMirror").text


def fetch_text(driver, href: str) -> str:  # type: ignore[no-untyped-def]
    """What the page's own fetch of ``href`` gets (what a download saves)."""
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(arguments[0]).then(r => r.text()).then(done, e => done('ERROR ' + e));",
        href,
    )


def test_csv_downloads_hold_the_whole_result(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    browser.get(base_url + "/queries/statements")
    shown = len(browser.find_elements(By.CSS_SELECTOR, "table.results tbody tr"))
    link = browser.find_element(By.LINK_TEXT, "CSV")
    rows = list(csv.DictReader(io.StringIO(fetch_text(browser, link.get_attribute("href")))))
    assert len(rows) == shown == 6
    assert {r["speakerName"] for r in rows} >= {"Vladimir Putin", "Igor Konashenkov"}
    link.click()  # and the browser saves it as a file
    downloads = browser.downloads  # type: ignore[attr-defined]
    WebDriverWait(browser, WAIT_SECONDS).until(lambda d: list(downloads.glob("*.csv")))
    saved = next(downloads.glob("*.csv")).read_text(encoding="utf-8")
    assert saved.splitlines()[0].startswith("statement,speaker,speakerName,text")

    browser.get(base_url + "/editor?query=" + quote("SELECT ?t WHERE { ?s ng:text ?t }"))
    WebDriverWait(browser, WAIT_SECONDS).until(
        lambda d: "CSV" in d.find_element(By.ID, "editor-downloads").text
    )
    href = browser.find_element(By.LINK_TEXT, "CSV").get_attribute("href")
    lines = fetch_text(browser, href).splitlines()
    assert lines[0] == "t" and len(lines) == 1 + 6 + 3  # every statement's and figure's text


def test_a_share_link_reopens_the_same_query_and_parameters(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    browser.get(base_url + "/queries/timeline")
    browser.find_element(By.ID, "param-from").send_keys("03/09/2022")
    browser.find_element(By.CSS_SELECTOR, "#query-form button[type=submit]").click()
    WebDriverWait(browser, WAIT_SECONDS).until(lambda d: "from=2022-03-09" in d.current_url)
    shared = browser.find_element(By.ID, "share-url").get_attribute("value")
    assert "from=2022-03-09" in shared
    browser.get(base_url + "/")
    browser.get(shared)
    assert browser.find_element(By.ID, "param-from").get_attribute("value") == "2022-03-09"
    shown = table_text(browser)
    assert "only professional soldiers were there" not in shown  # said on 7 March
    assert "some conscripts were captured" in shown
    dots = browser.find_elements(By.CSS_SELECTOR, "figure.timeline circle.dot")
    assert len(dots) == 3


def test_competing_figures_are_drawn_per_source(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    browser.get(base_url + "/queries/competing-figures?what=Russian+troops+killed")
    chart = wait_for(browser, "section.chart.figures")
    assert "2,000–4,000" in chart.text and "4,500" in chart.text
    assert "BBC Russian service" in chart.text and DOD.name in chart.text


def test_article_text_is_shown_as_text_and_never_runs(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    for path in ("/", "/queries/statements", "/queries/timeline", "/queries/articles"):
        browser.get(base_url + path)
        wait_for(browser, "main")
        with pytest.raises(NoAlertPresentException):
            browser.switch_to.alert.text  # noqa: B018
        assert browser.execute_script("return window.__xss === undefined")
        assert not browser.find_elements(By.CSS_SELECTOR, "main img, main script, main b")
    browser.get(base_url + "/queries/statements")
    assert EVIL_WORDS in table_text(browser)
    browser.get(base_url + "/")
    assert EVIL_TITLE in table_text(browser)
    browser.get(base_url + "/editor?query=" + quote("SELECT ?t WHERE { ?s ng:text ?t }"))
    WebDriverWait(browser, WAIT_SECONDS).until(
        lambda d: EVIL_WORDS in d.find_element(By.ID, "editor-results").text
    )
    assert browser.execute_script("return window.__xss === undefined")
    assert not browser.find_elements(By.CSS_SELECTOR, "#editor-results script, #editor-results b")


def test_saved_queries_and_the_editor_form_work_without_javascript(
    browser_without_js, base_url: str
) -> None:  # type: ignore[no-untyped-def]
    driver = browser_without_js
    driver.get(base_url + "/queries/statements-by-person?person=" + KONASHENKOV.name)
    assert "some conscripts were captured" in table_text(driver)
    assert driver.find_elements(By.CSS_SELECTOR, "figure.timeline svg circle")
    driver.get(base_url + "/editor")
    field = driver.find_element(By.ID, "query")  # a plain textarea
    field.clear()
    field.send_keys("SELECT ?name WHERE { ?p a ng:Person ; rdfs:label ?name }")
    driver.find_element(By.CSS_SELECTOR, "#editor-form button[type=submit]").click()
    WebDriverWait(driver, WAIT_SECONDS).until(lambda d: "/sparql" in d.current_url)
    assert "Vladimir Putin" in table_text(driver)


def test_pages_fit_a_narrow_screen(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    browser.set_window_size(390, 844)
    try:
        for path in ("/", "/queries/statements-by-person", "/editor"):
            browser.get(base_url + path)
            wait_for(browser, "main")
            overflow = browser.execute_script(
                "return document.documentElement.scrollWidth - window.innerWidth"
            )
            assert overflow <= 1, path
    finally:
        browser.set_window_size(1280, 900)


def test_keyboard_reaches_the_skip_link_first(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    browser.get(base_url + "/queries/timeline")
    wait_for(browser, "main")
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    active = browser.switch_to.active_element
    assert active.text == "Skip to content" and active.is_displayed()
