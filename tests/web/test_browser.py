"""The web UI in a real browser: Debian's Chromium driven by playwright (no browser download).

Skipped when Chromium or playwright is missing on a developer's machine; in CI (CI=true) their
absence is a failure, since `.ci/run` installs them. Screenshots of every page, on a laptop and
a phone screen, go to $NEWSTRACE_SCREENSHOTS or the tests' temporary folder.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from newstrace.store import Store
from tests.web.test_app import (
    EVIL_ID,
    FIRST,
    IMG_TITLE,
    INTISARI,
    SCRIPT_TITLE,
    TRIBUN,
    hostile_store_path,
    sample_store_path,
)

CHROMIUM = os.environ.get("NEWSTRACE_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORTS = {"laptop": {"width": 1366, "height": 860}, "phone": {"width": 390, "height": 844}}


def _require_browser() -> Any:
    missing = None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing = "the playwright package"
    if missing is None and not (shutil.which(CHROMIUM) or Path(CHROMIUM).exists()):
        missing = f"Chromium at {CHROMIUM} (apt-get install chromium)"
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests need {missing}; .ci/run installs it")
        pytest.skip(f"browser tests need {missing}")
    return sync_playwright


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_playwright = _require_browser()
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


class _Server:
    """uvicorn serving one store on a free localhost port, in a thread."""

    def __init__(self, db: Path) -> None:
        import uvicorn

        from newstrace.web.app import create_app

        self.server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=0, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.05)
        port = self.server.servers[0].sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="module")
def sample_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[_Server]:
    server = _Server(sample_store_path(tmp_path_factory))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = Path(os.environ.get("NEWSTRACE_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _watch(page: Any) -> list[str]:
    """Console errors, uncaught exceptions and dialogs (an alert would mean injected script ran)."""
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    return problems


def _graph_ready(page: Any) -> int:
    page.wait_for_selector("#graph[data-nodes]", timeout=15000)
    return int(page.get_attribute("#graph", "data-nodes"))


def _click_edge(page: Any, parent: str, child: str) -> None:
    """Click the drawn line itself, where the canvas shows it."""
    box = page.locator("#graph").bounding_box()
    point = page.evaluate(
        """([p, c]) => {
        const edge = window.newstraceGraph.edges().filter(e => e.source().id() === p && e.target().id() === c)[0];
        return edge.renderedMidpoint(); }""",
        [parent, child],
    )
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


def _tree(page: Any) -> dict[str, Any]:
    return page.evaluate("""() => { const cy = window.newstraceGraph; const out = {};
        cy.nodes().forEach(n => { out[n.id()] = {y: n.position('y'), origin: n.hasClass('origin'),
            parents: n.incomers('node').map(p => p.id())}; }); return out; }""")


def test_story_page_draws_the_tree_and_an_edge_leads_to_its_diff(
    browser: Any, sample_server: _Server, shots: Path
) -> None:
    page = browser.new_page(viewport=VIEWPORTS["laptop"])
    problems = _watch(page)
    started = time.perf_counter()
    page.goto(f"{sample_server.url}/stories/{FIRST}")
    nodes = _graph_ready(page)
    load = time.perf_counter() - started
    story = page.evaluate("JSON.parse(document.getElementById('page-data').textContent)")
    assert nodes == sum(len(g["nodes"]) for g in story["groups"]) and nodes >= 3
    tree = _tree(page)
    assert tree[FIRST]["origin"] and tree[FIRST]["parents"] == []
    for child in (INTISARI, TRIBUN):
        assert tree[child]["parents"] == [FIRST] and tree[child]["y"] > tree[FIRST]["y"]
    page.screenshot(path=str(shots / "story-laptop.png"), full_page=True)
    _click_edge(page, FIRST, TRIBUN)
    page.wait_for_url(f"**/diff/{FIRST}/{TRIBUN}")
    assert page.locator(".tag.t-hedge").count() >= 1 and page.locator("del").count() >= 1
    page.screenshot(path=str(shots / "diff-laptop.png"), full_page=True)
    page.goto(f"{sample_server.url}/stories/{FIRST}")
    _graph_ready(page)
    node = page.evaluate(f"window.newstraceGraph.$id('{INTISARI}').renderedPosition()")
    box = page.locator("#graph").bounding_box()
    page.mouse.click(box["x"] + node["x"], box["y"] + node["y"])
    page.wait_for_url(f"**/articles/{INTISARI}")
    assert problems == []
    print(f"story page with graph ready in {load:.2f} s")


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_every_page_renders_on_laptop_and_phone(
    browser: Any, sample_server: _Server, shots: Path, viewport: str
) -> None:
    page = browser.new_page(viewport=VIEWPORTS[viewport])
    problems = _watch(page)
    pages = {
        "home": "/",
        "search": "/search?q=Kim+Jong+Un",
        "story": f"/stories/{FIRST}",
        "article": f"/articles/{TRIBUN}",
        "diff": f"/diff/{FIRST}/{TRIBUN}",
        "claim": "/claims/c1",
        "api": "/api",
    }
    for name, path in pages.items():
        response = page.goto(sample_server.url + path)
        assert response is not None and response.status == (404 if name == "claim" else 200)
        if name == "story":
            _graph_ready(page)
        # Readable on the screen: nothing wider than the viewport but the scrollable tables.
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{name} is {overflow}px wider than a {viewport} screen"
        page.screenshot(path=str(shots / f"{name}-{viewport}.png"), full_page=True)
    # The claim page answers 404 (no claims yet), which the browser logs as a failed load.
    assert [p for p in problems if "status of 404" not in p] == []


def test_report_opens_offline_from_disk(
    browser: Any, tmp_path_factory: pytest.TempPathFactory, tmp_path: Path, shots: Path
) -> None:
    from newstrace.web.report import write_report

    out = tmp_path / "report.html"
    with Store(sample_store_path(tmp_path_factory), readonly=True) as store:
        write_report(store, FIRST, out)
    context = browser.new_context(viewport=VIEWPORTS["laptop"])
    requests: list[str] = []

    def cut_off(route: Any) -> None:  # the network is cut: anything but the file itself fails
        requests.append(route.request.url)
        route.continue_() if route.request.url == out.as_uri() else route.abort()

    context.route("**/*", cut_off)
    page = context.new_page()
    problems = _watch(page)
    page.goto(out.as_uri())
    assert _graph_ready(page) >= 3
    tree = _tree(page)
    assert tree[FIRST]["origin"] and tree[TRIBUN]["parents"] == [FIRST] and tree[INTISARI]["parents"] == [FIRST]
    page.screenshot(path=str(shots / "report-laptop.png"), full_page=True)
    _click_edge(page, FIRST, TRIBUN)
    opened = page.locator("details[open]")
    opened.first.wait_for(timeout=5000)
    assert opened.locator(".tag.t-hedge").count() >= 1
    assert requests == [out.as_uri()] and problems == []
    context.close()


def test_hostile_titles_run_no_script_and_inject_nothing(
    browser: Any, tmp_path_factory: pytest.TempPathFactory, tmp_path: Path, shots: Path
) -> None:
    from newstrace.web.report import write_report

    db = hostile_store_path(tmp_path_factory)
    out = tmp_path / "hostile.html"
    with Store(db, readonly=True) as store:
        write_report(store, EVIL_ID, out)
    server = _Server(db)
    try:
        page = browser.new_page(viewport=VIEWPORTS["laptop"])
        problems = _watch(page)
        evil = quote(EVIL_ID, safe="")
        for url in (
            f"{server.url}/stories/{evil}",
            f"{server.url}/articles/{evil}",
            f"{server.url}/articles/copy-2",
            f"{server.url}/diff/{evil}/copy-2",
            f"{server.url}/search?q=Kim",
            out.as_uri(),
        ):
            page.goto(url)
            if "/stories/" in url or url.endswith(".html"):
                _graph_ready(page)
            injected = page.evaluate("""() => ({
                img: document.querySelectorAll('img').length, svg: document.querySelectorAll('svg[onload]').length,
                bold: document.querySelectorAll('main b[onclick], b:not([class])').length,
                inline: [...document.scripts].filter(s => !s.src && s.type !== 'application/json').length,
                text: document.body.innerText})""")
            assert injected["img"] == 0 and injected["svg"] == 0
            if not url.endswith(".html"):
                assert injected["inline"] == 0  # the server's pages run no inline script at all
            if "/articles/" in url:
                title = page.locator("h1").inner_text()
                assert title in (SCRIPT_TITLE, IMG_TITLE)  # shown as text, exactly
        page.screenshot(path=str(shots / "hostile-report.png"), full_page=True)
        assert problems == [], problems
    finally:
        server.stop()
