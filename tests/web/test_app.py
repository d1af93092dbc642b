"""The web UI's pages and JSON API through the ASGI test client, on the bundled sample (seeds
and the CLICK-ID sample, ingested and analysed), and on a store of hostile titles."""

from __future__ import annotations

import json
import re
import sqlite3
from html import unescape
from pathlib import Path
from urllib.parse import quote

import pytest

pytest.importorskip("starlette")
from click.testing import CliRunner  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402

from newstrace import analyze, ingest  # noqa: E402
from newstrace.cli import main  # noqa: E402
from newstrace.store import Store  # noqa: E402
from newstrace.web.app import create_app  # noqa: E402
from newstrace.web.embed import json_for_script  # noqa: E402
from newstrace.web.search import has_index, search  # noqa: E402
from tests.conftest import CLICKID_SAMPLE, SEEDS  # noqa: E402

FIRST, INTISARI, TRIBUN = "000_36f9f1e935abbde4", "002_5a0d48aab88660f0", "004_7c033945fca6c72f"
SCRIPT_TITLE = "</script><script>alert(1)</script>"
IMG_TITLE = "<img src=x onerror=alert(1)>"
EVIL_ID = "evil/id one"
_STORES: dict[str, Path] = {}


def sample_store_path(factory: pytest.TempPathFactory) -> Path:
    """The sample ingested and analysed once per test session (shared with the browser tests)."""
    if "sample" not in _STORES:
        path = factory.mktemp("web") / "sample.db"
        ingest([str(SEEDS), str(CLICKID_SAMPLE)], db=path)
        analyze(path)
        _STORES["sample"] = path
    return _STORES["sample"]


def hostile_store_path(factory: pytest.TempPathFactory) -> Path:
    """Two copies of one seed text whose titles, outlet and id try to inject markup."""
    if "hostile" not in _STORES:
        folder = factory.mktemp("hostile")
        text = (SEEDS / f"{FIRST}.txt").read_text(encoding="utf-8")
        records = [
            {
                "id": EVIL_ID,
                "title": SCRIPT_TITLE,
                "outlet": '"><svg onload=alert(1)>',
                "url": "javascript:alert(1)",
                "published": "2022-03-21T05:40:00+07:00",
                "text": text,
            },
            {
                "id": "copy-2",
                "title": IMG_TITLE,
                "outlet": "x.example",
                "published": "2022-03-21T09:00:00+07:00",
                "text": text.replace("Kim Jong Un", "Kim Jong-un <b>onclick</b>"),
            },
        ]
        path = folder / "in.jsonl"
        path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
        db = folder / "hostile.db"
        ingest([str(path)], db=db)
        analyze(db)
        _STORES["hostile"] = db
    return _STORES["hostile"]


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sample_store_path(tmp_path_factory)


@pytest.fixture(scope="module")
def client(sample_db: Path) -> TestClient:
    return TestClient(create_app(sample_db))


def _csp(response: object) -> str:
    return response.headers["content-security-policy"]  # type: ignore[attr-defined]


def test_summary_counts_the_store(client: TestClient, sample_db: Path) -> None:
    data = client.get("/api/summary").json()
    with sqlite3.connect(sample_db) as conn:
        articles = conn.execute("SELECT COUNT(*) FROM articles WHERE is_current=1").fetchone()[0]
        stories = conn.execute("SELECT COUNT(DISTINCT story) FROM groups").fetchone()[0]
    assert data["articles"] == articles and data["stories"] == stories
    assert data["largest_stories"] and all(s["size"] >= 2 for s in data["largest_stories"])
    page = client.get("/")
    assert page.status_code == 200 and f"<b>{articles}</b> articles" in page.text
    assert "script-src 'self'" in _csp(page)


def test_search_uses_the_index_with_filters_and_pages(client: TestClient, sample_db: Path) -> None:
    with Store(sample_db, readonly=True) as store:
        assert has_index(store)  # built by analysis
    found = client.get("/api/search", params={"q": "Kim Jong Un"}).json()
    ids = {r["id"] for r in found["results"]}
    assert found["engine"] == "fts5" and {FIRST, INTISARI, TRIBUN} <= ids
    assert any(hit for r in found["results"] for _, hit in r["snippet"])
    only = client.get("/api/search", params={"q": "Kim Jong Un", "outlet": "kontan.co.id"}).json()
    assert [r["id"] for r in only["results"]] == [FIRST]
    dated = client.get("/api/search", params={"q": "Kim Jong Un", "since": "2022-03-21", "until": "2022-03-21"}).json()
    assert FIRST in {r["id"] for r in dated["results"]} and INTISARI not in {r["id"] for r in dated["results"]}
    first, second = (client.get("/api/search", params={"page": p}).json() for p in (1, 2))
    assert first["total"] == second["total"] > 20 and first["pages"] >= 2
    assert not {r["id"] for r in first["results"]} & {r["id"] for r in second["results"]}
    html = client.get("/search", params={"q": "Kim Jong Un", "outlet": "kontan.co.id"})
    assert html.status_code == 200 and "<mark>" in html.text and "page=" not in html.text
    for bad in ({"since": "yesterday"}, {"page": "0"}, {"page": "x"}):
        response = client.get("/api/search", params={"q": "Kim", **bad})
        assert response.status_code == 400 and "error" in response.json()


def test_search_without_the_index_falls_back_to_like(sample_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "old.db"
    with sqlite3.connect(sample_db) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
        dst.execute("DROP TABLE article_search")
    with Store(copy, readonly=True) as store:
        found = search(store, "Kim Jong Un")
    assert found["engine"] == "like" and "index" in str(found["note"])
    assert {FIRST, INTISARI, TRIBUN} <= {r["id"] for r in found["results"]}  # type: ignore[union-attr]


def test_story_page_and_api_show_the_seed_tree(client: TestClient) -> None:
    data = client.get(f"/api/stories/{FIRST}").json()
    group = data["groups"][0]  # the copy group asked for comes first
    assert group["origin"] == FIRST
    edges = {(e["parent"], e["child"]): e for e in group["edges"]}
    assert set(edges) == {(FIRST, INTISARI), (FIRST, TRIBUN)}
    assert edges[(FIRST, TRIBUN)]["changes"].get("hedge", 0) >= 1
    assert edges[(FIRST, TRIBUN)]["uncertain"]  # an undated copy: its placement is uncertain
    assert {v["id"] for v in data["versions"]} >= {FIRST, INTISARI, TRIBUN}
    assert data["timeline"]["undated"] == sum(1 for v in data["versions"] if v["published"] is None)
    assert data["story"]["title"]
    html = client.get(f"/stories/{FIRST}").text
    embedded = re.search(r'<script type="application/json" id="page-data">(.*?)</script>', html, re.S)
    assert embedded and json.loads(embedded.group(1)) == data  # the page and its API are the same data
    assert f'href="/diff/{FIRST}/{TRIBUN}"' in html and 'src="/static/vendor/cytoscape.min.js"' in html


def test_article_page_marks_shared_and_changed_sentences(client: TestClient) -> None:
    data = client.get(f"/api/articles/{TRIBUN}").json()
    assert data["parent"]["id"] == FIRST and data["article"]["published"] is None
    sentences = [s for p in data["paragraphs"] for s in p]
    assert any(s["changed"] is not None for s in sentences)
    assert any(FIRST in s["shared_with"] for s in sentences)
    tweet = next(c for c in data["claims"] if "Kamu terlalu gila untuk kami" in c["quote"])
    assert tweet["speaker"] == "Sarah Hurst" and tweet["certainty"] == "unverified"
    assert "belum diverifikasi oleh Pyongyang" in tweet["hedges"] and data["claims_note"] is None
    origin = client.get(f"/api/articles/{FIRST}").json()
    assert origin["parent"] is None and {c["id"] for c in origin["children"]} == {INTISARI, TRIBUN}
    assert origin["article"]["published_from"] == "page"
    html = client.get(f"/articles/{FIRST}").text
    assert "time from page" in html and f'href="/diff/{FIRST}/{TRIBUN}"' in html


def test_diff_page_is_word_level_with_tags_and_notes(client: TestClient) -> None:
    data = client.get(f"/api/diff/{FIRST}/{TRIBUN}").json()
    assert data["edge"] == "copy" and data["note"] is None
    assert any("hedge" in c["tags"] for c in data["changes"])
    reworded = next(c for c in data["changes"] if c["kind"] == "reworded")
    assert {op for op, _ in reworded["left"]} <= {"=", "-"} and {op for op, _ in reworded["right"]} <= {"=", "+"}
    html = client.get(f"/diff/{FIRST}/{TRIBUN}").text
    assert "<del>" in html and "<ins>" in html and "t-hedge" in html
    between_copies = client.get(f"/api/diff/{INTISARI}/{TRIBUN}").json()
    assert between_copies["edge"] is None and "not traced" in between_copies["note"]
    assert all("lead" not in c["tags"] for c in between_copies["changes"])
    assert "not traced" in client.get(f"/diff/{INTISARI}/{TRIBUN}").text


def test_claim_page_shows_carriers_and_certainty_per_version(client: TestClient) -> None:
    article = client.get(f"/api/articles/{FIRST}").json()
    claim = next(c["claim"] for c in article["claims"] if "Kamu terlalu gila untuk kami" in c["quote"])
    data = client.get(f"/api/claims/{quote(claim)}").json()
    carriers = {c["article"]: c for c in data["carriers"]}
    assert {FIRST, INTISARI, TRIBUN} <= set(carriers)
    assert "belum diverifikasi oleh sumber lain" in carriers[FIRST]["hedges"]
    assert "belum diverifikasi oleh Pyongyang" in carriers[TRIBUN]["hedges"]
    assert data["denials"] == []  # Peskov's "berita palsu" is about troops, not this refusal
    html = client.get(f"/claims/{quote(claim)}").text
    assert "belum diverifikasi oleh Pyongyang" in html and f'href="/articles/{TRIBUN}"' in html
    assert f'href="/claims/{claim}"' in client.get(f"/articles/{FIRST}").text
    missing = client.get("/api/claims/c1")
    assert missing.status_code == 404 and "no claim 'c1'" in missing.json()["error"]
    assert client.get("/claims/c1").status_code == 404


def test_a_quote_with_markup_stays_text(tmp_path: Path) -> None:
    said = "<script>alert(1)</script> semua laporan itu tidak benar sama sekali"
    record = {
        "id": "q1",
        "title": "Bantahan",
        "outlet": "x.example",
        "published": "2024-01-02T10:00:00+07:00",
        "text": f'Jakarta - Juru bicara partai membantah kabar itu.\n\n"{said}," kata Budi Santoso, '
        "juru bicara partai, Selasa.\n\nIa menambahkan bahwa partainya tetap solid menghadapi pemilu.",
    }
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(record) + "\n", encoding="utf-8")
    ingest([str(source)], db=tmp_path / "q.db")
    analyze(tmp_path / "q.db")
    client = TestClient(create_app(tmp_path / "q.db"))
    found = next(c for c in client.get("/api/articles/q1").json()["claims"] if "alert(1)" in c["quote"])
    assert found["speaker"] == "Budi Santoso" and found["quote"] == said
    for path in ("/articles/q1", f"/claims/{quote(found['claim'])}"):
        html = client.get(path).text
        assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html


def test_unknown_ids_and_paths_give_404_pages(client: TestClient) -> None:
    for path in ("/articles/nope", "/stories/nope", f"/diff/{FIRST}/nope", "/nowhere", "/articles/a%00b"):
        response = client.get(path)
        assert response.status_code == 404 and "<h1>Not found</h1>" in response.text
        assert "Traceback" not in response.text and "default-src 'none'" in _csp(response)
    api = client.get("/api/articles/nope")
    assert api.status_code == 404 and "nope" in api.json()["error"]
    assert client.get(f"/api/diff/{FIRST}").status_code == 404  # one id where two are needed
    index = client.get("/api", headers={"accept": "application/json"}).json()
    assert any(e["path"].startswith("/api/search") for e in index["endpoints"])


def test_static_assets_and_every_response_carry_the_policy(client: TestClient) -> None:
    for path in ("/static/app.js", "/static/app.css", "/static/vendor/cytoscape.min.js", "/api/summary"):
        response = client.get(path)
        assert response.status_code == 200 and "frame-ancestors 'none'" in _csp(response)
        assert response.headers["x-content-type-options"] == "nosniff"


def test_the_server_never_writes_the_store(sample_db: Path, client: TestClient) -> None:
    before = sample_db.stat().st_mtime_ns, sample_db.read_bytes()
    for path in ("/", f"/stories/{FIRST}", f"/articles/{TRIBUN}", "/search?q=Putin", f"/report/{FIRST}"):
        assert client.get(path).status_code == 200
    assert (sample_db.stat().st_mtime_ns, sample_db.read_bytes()) == before


def test_report_is_one_self_contained_file(sample_db: Path, tmp_path: Path, client: TestClient) -> None:
    out = tmp_path / "story.html"
    result = CliRunner().invoke(main, ["report", TRIBUN, "--db", str(sample_db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert out.stat().st_size < 2_000_000
    assert not re.search(r'<(script|link|img)[^>]+(src|href)="(?!data:)', html)  # nothing fetched
    policy = unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1))
    assert "connect-src 'none'" in policy and "script-src 'sha256-" in policy and "unsafe" not in policy
    assert "cytoscape" in html and f"{FIRST}\\n{TRIBUN}" in html  # the graph library and the edge's diff anchor
    assert "t-hedge" in html and "<del>" in html
    # the claims the versions carry: the Sarah Hurst tweet with each version's hedge
    assert "<h2>Claims</h2>" in html and "Kamu terlalu gila untuk kami" in html
    assert "belum diverifikasi oleh Pyongyang" in html
    refused = CliRunner().invoke(main, ["report", TRIBUN, "--db", str(sample_db), "--out", str(sample_db)])
    assert refused.exit_code == 2 and sample_db.stat().st_size > 0
    served = client.get(f"/report/{TRIBUN}")
    assert served.status_code == 200 and "attachment" in served.headers["content-disposition"]
    assert "script-src 'sha256-" in _csp(served)
    missing = CliRunner().invoke(main, ["report", "nope", "--db", str(sample_db), "--out", str(tmp_path / "x.html")])
    assert missing.exit_code == 2 and "no article" in missing.output


def test_embedded_json_cannot_close_its_script() -> None:
    text = json_for_script({"t": SCRIPT_TITLE + "<!--" + IMG_TITLE + "&amp;"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["t"] == SCRIPT_TITLE + "<!--" + IMG_TITLE + "&amp;"


def test_hostile_titles_stay_text_everywhere(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> None:
    db = hostile_store_path(tmp_path_factory)
    client = TestClient(create_app(db))
    evil = quote(EVIL_ID, safe="")
    story = client.get(f"/api/stories/{evil}").json()
    assert {v["id"] for v in story["versions"]} == {EVIL_ID, "copy-2"}
    pages = [
        f"/stories/{evil}",
        f"/articles/{evil}",
        "/articles/copy-2",
        f"/diff/{evil}/copy-2",
        "/",
        "/search?q=Kim",
        f"/report/{evil}",
    ]
    out = tmp_path / "hostile.html"
    assert CliRunner().invoke(main, ["report", EVIL_ID, "--db", str(db), "--out", str(out)]).exit_code == 0
    bodies = [client.get(p).text for p in pages] + [out.read_text(encoding="utf-8")]
    for body in bodies:
        for needle in ("<script>alert", "<img src=x", "<svg onload", "<b>onclick", 'href="javascript:'):
            assert needle not in body
    assert "&lt;img src=x onerror=alert(1)&gt;" in bodies[0] or "\\u003Cimg src=x" in bodies[0]
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in bodies[1]
    assert f'href="/articles/{evil}"' in bodies[0]  # the id with a slash and a space, encoded as one segment


def test_serve_binds_localhost_and_warns_when_exposed(sample_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    calls: list[dict[str, object]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(kw))
    local = CliRunner().invoke(main, ["serve", "--db", str(sample_db)])
    assert local.exit_code == 0 and calls[-1]["host"] == "127.0.0.1" and calls[-1]["port"] == 8765
    assert "warning" not in local.output and "http://127.0.0.1:8765/" in local.output
    exposed = CliRunner().invoke(main, ["serve", "--db", str(sample_db), "--host", "0.0.0.0", "--port", "9000"])
    assert exposed.exit_code == 0 and calls[-1]["host"] == "0.0.0.0" and "warning" in exposed.output
    missing = CliRunner().invoke(main, ["serve", "--db", str(sample_db.parent / "none.db")])
    assert missing.exit_code == 2 and "no store" in missing.output and not calls[2:]


def test_overview_follows_a_store_that_changes(sample_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "live.db"
    with sqlite3.connect(sample_db) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    client = TestClient(create_app(copy))
    before = client.get("/api/summary").json()
    assert client.get("/api/summary").json() == before  # served again from the overview cache
    one = tmp_path / "one.jsonl"
    one.write_text(
        json.dumps(
            {
                "id": "late-1",
                "title": "Berita baru",
                "outlet": "x.example",
                "text": "Sebuah berita baru yang tiba setelah analisis terakhir. " * 5,
            }
        )
        + "\n"
    )
    ingest([str(one)], db=copy)
    after = client.get("/api/summary").json()
    assert after["articles"] == before["articles"] + 1 and after["pending"] == before["pending"] + 1


def test_the_index_is_built_for_an_older_store_and_kept_by_analysis(sample_db: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    with sqlite3.connect(sample_db) as src, sqlite3.connect(old) as dst:
        src.backup(dst)
        dst.executescript(
            "DROP TABLE article_search; DROP INDEX articles_newest; DELETE FROM migrations WHERE name = '0008_search';"
        )
    with Store(old) as store:  # opened for writing: the migration indexes what is stored
        assert search(store, "Kim Jong Un")["engine"] == "fts5"
        assert {FIRST, TRIBUN} <= {r["id"] for r in search(store, "Kim Jong Un")["results"]}  # type: ignore[union-attr]
    text = (SEEDS / f"{TRIBUN}.txt").read_text(encoding="utf-8") + "\n\nKalimat tambahan tentang zeppelinmerah."
    newer = tmp_path / f"{TRIBUN}.txt"
    newer.write_text(text, encoding="utf-8")
    ingest([str(newer)], db=old)
    analyze(old)
    with Store(old, readonly=True) as store:
        found = search(store, "zeppelinmerah")
        assert [r["id"] for r in found["results"]] == [TRIBUN]  # type: ignore[index]
        rows = store.conn.execute(
            "SELECT COUNT(*) FROM article_search s JOIN articles a ON a.article_key = s.rowid WHERE a.id = ?", (TRIBUN,)
        ).fetchone()[0]
        assert rows == 1  # the replaced version left the index
