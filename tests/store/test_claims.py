"""Claims across the seed story, through ingest and analyze: one claim id for the Sarah Hurst
tweet in every article carrying it, the hedge change on the 000->004 copy edge, Peskov's
"berita palsu" as a denial that is not tied to the 2022 claim, and the claims exports.

Expected values come from reading the seed pages (``src/newstrace/sample/seeds``).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from newstrace import analyze, claims, ingest, trace
from newstrace.claims.link import link_claims, link_stances
from newstrace.cli import main
from newstrace.store import Store
from newstrace.store.claims import link_rows
from tests.conftest import SEEDS

KONTAN, ISUBOGOR, INTISARI, KOMPASTV, TRIBUN = (
    "000_36f9f1e935abbde4",
    "001_d1b17a01c544b071",
    "002_5a0d48aab88660f0",
    "003_69ee16c09114b4dc",
    "004_7c033945fca6c72f",
)
TWEET = "Kamu terlalu gila untuk kami"


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("claims") / "seeds.db"
    ingest([str(SEEDS)], db=db)
    analyze(db)
    return db


def _rows(db: Path) -> list[dict]:
    result = CliRunner().invoke(main, ["export", "claims", "--db", str(db)])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines()]


def _tweet_claim(rows: list[dict], article: str) -> dict:
    return next(r for r in rows if r["article"] == article and TWEET in r["quote"])


def test_the_tweet_is_one_claim_in_every_copy_and_the_paraphrase(seeds_db: Path) -> None:
    rows = _rows(seeds_db)
    tweet = {a: _tweet_claim(rows, a) for a in (KONTAN, INTISARI, TRIBUN)}
    ids = {r["claim"] for r in tweet.values()}
    assert len(ids) == 1
    for r in tweet.values():
        assert (r["speaker"], r["kind"], r["certainty"]) == ("Sarah Hurst", "direct", "unverified")
        assert r["via"][:2] == ["XSoviet-News", "Twitter"]
    assert tweet[KONTAN]["via"][-1] == "Mirror"
    paraphrase = next(r for r in rows if r["article"] == ISUBOGOR and r["quote"] == "Anda terlalu gila bagi kami")
    assert paraphrase["claim"] in ids
    assert not any(r["claim"] in ids for r in rows if r["article"] == KOMPASTV)


def test_hedges_per_version_and_the_change_in_trace(seeds_db: Path) -> None:
    with Store(seeds_db, readonly=True) as store:
        view = claims(store, KONTAN)
        tree = trace(store, TRIBUN)
    claim = next(c for c in view.claims if any(TWEET in r.quote for r in c.carriers))
    hedges = {r.article: r.hedge_phrases for r in claim.carriers}
    assert "belum diverifikasi oleh sumber lain" in hedges[KONTAN]
    assert "belum diverifikasi oleh sumber lain" in hedges[INTISARI]
    assert "belum diverifikasi oleh Pyongyang" in hedges[TRIBUN]
    dated = [r.published for r in claim.carriers if r.published]
    assert dated == sorted(dated)  # carriers over time
    nodes = [n for root in tree.roots for n in [root, *root.children]]
    tribun = next(n for n in nodes if n.id == TRIBUN)
    assert (
        claim.claim,
        "hedge",
        "belum diverifikasi oleh sumber lain",
        "belum diverifikasi oleh Pyongyang",
    ) in tribun.claim_changes
    assert not next(n for n in nodes if n.id == INTISARI).claim_changes
    shown = CliRunner().invoke(main, ["trace", TRIBUN, "--db", str(seeds_db)]).output
    assert "hedge changed on claim" in shown and "oleh Pyongyang" in shown


def test_peskov_denies_fake_news_but_not_the_2022_claim(seeds_db: Path) -> None:
    rows = _rows(seeds_db)
    denial = next(r for r in rows if r["article"] == KOMPASTV and "berita palsu" in r["quote"])
    assert (denial["speaker"], denial["stance"], denial["via"]) == ("Dmitry Peskov", "denial", ["Euronews"])
    tweet_id = _tweet_claim(rows, KONTAN)["claim"]
    assert denial["stance_to"] != tweet_id
    with Store(seeds_db, readonly=True) as store:
        storyline = store.conn.execute(
            "SELECT COUNT(DISTINCT storyline) FROM groups WHERE id IN (?, ?)", (KONTAN, KOMPASTV)
        ).fetchone()[0]
        view = claims(store, KONTAN)
    assert storyline == 1  # the same storyline: the guard is the proposition, not the topic
    assert all(not c.denials for c in view.claims if c.claim == tweet_id)


def test_express_hearsay_is_hedged_and_denied(seeds_db: Path) -> None:
    rows = _rows(seeds_db)
    hearsay = next(r for r in rows if r["article"] == KONTAN and r["quote"].startswith("Rusia diduga meminta"))
    assert hearsay["speaker"] == "The Express" and hearsay["hedges"] == ["Dikabarkan", "diduga"]
    assert hearsay["certainty"] == "denied"
    china = next(r for r in rows if r["article"] == KONTAN and r["quote"] == "China telah membantah hal ini")
    assert (china["speaker"], china["stance"], china["stance_to"]) == ("China", "denial", hearsay["claim"])
    with Store(seeds_db, readonly=True) as store:
        view = claims(store, KONTAN)
    denied = next(c for c in view.claims if c.claim == hearsay["claim"])
    assert [(d.article, d.speaker) for d in denied.denials][:1] == [(KONTAN, "China")]


def test_quotes_are_cut_from_the_clean_text_and_csv_matches(seeds_db: Path, tmp_path: Path) -> None:
    rows = _rows(seeds_db)
    with Store(seeds_db, readonly=True) as store:
        texts = {a: store.article(a).text for a in {r["article"] for r in rows}}
    for r in rows:
        assert texts[r["article"]][r["char_start"] : r["char_end"]] == r["quote"]
    out = tmp_path / "claims.csv"
    result = CliRunner().invoke(main, ["export", "claims", "--db", str(seeds_db), "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0 and f"wrote {len(rows)} claim occurrences" in result.output
    table = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert list(table[0]) == [
        "article",
        "claim",
        "quote",
        "kind",
        "speaker",
        "speaker_mention",
        "cue",
        "via",
        "certainty",
        "hedges",
        "stance",
        "stance_to",
        "char_start",
        "char_end",
    ]
    assert len(table) == len(rows)


def test_claims_command_and_json(seeds_db: Path) -> None:
    shown = CliRunner().invoke(main, ["claims", TRIBUN, "--db", str(seeds_db)])
    assert shown.exit_code == 0 and "Sarah Hurst" in shown.output and "oleh Pyongyang" in shown.output
    data = json.loads(CliRunner().invoke(main, ["claims", TRIBUN, "--db", str(seeds_db), "--json"]).output)
    assert TRIBUN in data["articles"] and data["claims"]


def test_claim_ids_do_not_depend_on_arrival_order(tmp_path: Path) -> None:
    """Ingest the copy first, the rest later: the later articles join its claim."""
    first, rest = tmp_path / "first", tmp_path / "rest"
    first.mkdir()
    rest.mkdir()
    for path in SEEDS.glob("*.txt"):
        (first if path.name.startswith("004") else rest).joinpath(path.name).write_bytes(path.read_bytes())
    db = tmp_path / "s.db"
    ingest([str(first)], db=db)
    analyze(db)
    ingest([str(rest)], db=db)
    analyze(db)
    rows = _rows(db)
    assert len({_tweet_claim(rows, a)["claim"] for a in (KONTAN, INTISARI, TRIBUN)}) == 1


def test_an_increment_links_its_claims_as_against_every_stored_claim(tmp_path: Path) -> None:
    """The second batch's claims are linked reading only the stored claims that could match
    them, and stance links are recomputed only where storylines changed: the claim ids are
    those of linking against every stored claim, the stance links those of relinking the whole
    store. Claims stored without lookup keys (by an older release) are keyed first."""
    first, rest = tmp_path / "first", tmp_path / "rest"
    first.mkdir()
    rest.mkdir()
    for path in SEEDS.glob("*.txt"):
        (first if path.name[:3] in ("000", "003") else rest).joinpath(path.name).write_bytes(path.read_bytes())
    db = tmp_path / "s.db"
    ingest([str(first)], db=db)
    analyze(db)
    with Store(db) as store, store.transaction():
        store.conn.execute("UPDATE claims SET opening = NULL, speaker_key = NULL")
    ingest([str(rest)], db=db)
    analyze(db)
    later = {ISUBOGOR, INTISARI, TRIBUN}
    with Store(db) as store:
        every = link_rows(store)
        stored = {(o.article, o.position): o.claim for o in every if o.article in later}
        fresh = [replace(o, claim=None) for o in every if o.article in later]
        link_claims(fresh, [o for o in every if o.article not in later])
        assert {(o.article, o.position): o.claim for o in fresh} == stored
        assert len({stored[k] for k in stored}) < len(stored)  # some claims are shared
        stances = {
            (r[0], r[1]): r[2]
            for r in store.conn.execute(
                "SELECT a.id, c.position, c.stance_to FROM claims c JOIN articles a USING(article_key)"
                " WHERE a.is_current = 1 AND c.stance_to IS NOT NULL"
            )
        }
        assert stances and stances == link_stances(every)
        assert store.conn.execute("SELECT COUNT(*) FROM claims WHERE opening IS NULL").fetchone()[0] == 0


_RICE_A = {
    "id": "beras-a",
    "outlet": "kabar.id",
    "published": "2024-05-01T10:00:00+07:00",
    "title": "Menteri Budi Sebut Harga Beras Premium Turun Bulan Depan",
    "text": "JAKARTA, KABAR.ID - Menteri Pertanian Budi Santoso menyampaikan perkiraan harga beras untuk"
    ' bulan depan di Jakarta, Rabu (1/5/2024).\n\n"Harga beras premium di pasar induk Cipinang akan turun'
    ' bulan depan karena panen raya di Jawa Tengah," kata Budi Santoso kepada wartawan.\n\nMenurut Budi,'
    " pasokan gabah dari Demak, Grobogan dan Sragen meningkat tajam sejak pekan lalu.\n\nIa menambahkan bahwa"
    " pemerintah tetap menyiapkan operasi pasar bila harga tidak bergerak.\n\nPedagang di Cipinang menyambut"
    " kabar tersebut dengan hati-hati karena stok di gudang masih terbatas.",
}
_RICE_B = {
    "id": "beras-b",
    "outlet": "warta.id",
    "published": "2024-05-02T09:00:00+07:00",
    "title": "Kemendag Bantah Harga Beras Premium Turun Bulan Depan",
    "text": "JAKARTA, WARTA.ID - Pedagang di Cipinang menyambut kabar tersebut dengan hati-hati karena stok di"
    " gudang masih terbatas.\n\nNamun Kementerian Perdagangan membantah bahwa harga beras premium di pasar induk"
    " Cipinang akan turun bulan depan karena panen raya.\n\nMenteri Pertanian Budi Santoso sebelumnya"
    " menyampaikan perkiraan harga beras untuk bulan depan di Jakarta, Rabu (1/5/2024).\n\nMenurut Budi, pasokan"
    " gabah dari Demak, Grobogan dan Sragen meningkat tajam sejak pekan lalu.",
}


def test_a_new_version_without_the_denied_claim_unlinks_the_denial(tmp_path: Path) -> None:
    """B denies what A's minister said; A's next version drops every statement. The storyline
    keeps its members, yet B's denial no longer points at A's claim: stances are relinked
    wherever a new version lands, as relinking the whole store would."""
    first, update = tmp_path / "first.jsonl", tmp_path / "update.jsonl"
    first.write_text("\n".join(json.dumps(r) for r in (_RICE_A, _RICE_B)) + "\n", encoding="utf-8")
    plain = "JAKARTA, KABAR.ID - Harga beras premium di pasar Cipinang pekan ini bergerak stabil di kisaran lima"
    plain += " belas ribu rupiah per kilogram.\n\n" + _RICE_B["text"].split("\n\n")[0].split(" - ", 1)[1]
    plain += "\n\nPasokan gabah dari Demak, Grobogan dan Sragen meningkat tajam sejak pekan lalu."
    update.write_text(json.dumps(_RICE_A | {"text": plain}) + "\n", encoding="utf-8")
    db = tmp_path / "rice.db"
    ingest([str(first)], db=db)
    analyze(db)

    def denial_target() -> tuple[str | None, dict[tuple[str, int], str]]:
        with Store(db) as store:
            row = store.conn.execute(
                "SELECT c.stance_to FROM claims c JOIN articles a USING(article_key)"
                " WHERE a.id = 'beras-b' AND a.is_current = 1 AND c.stance = 'denial'"
            ).fetchone()
            return row[0], link_stances(link_rows(store))

    before, relinked = denial_target()
    assert before is not None and relinked == {("beras-b", 0): before}  # A's quote, across articles
    ingest([str(update)], db=db)
    analyze(db)
    after, relinked = denial_target()
    assert after is None and relinked == {}
