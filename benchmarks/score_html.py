"""Score the HTML path (``newstrace.clean.clean_html``) on real saved pages of Indonesian outlets.

    PYTHONPATH=src python benchmarks/score_html.py            # per page and overall
    PYTHONPATH=src python benchmarks/score_html.py --json     # the same as JSON

The pages and their expected title, url, publication time and text are in tests/data/html/
(see its README for where each page comes from). Pages marked ``held_out`` were added after
the HTML cleaning was written against the ``dev`` pages; both are reported. Each page is cleaned with no record
metadata at all (no url, title or date given), as a crawler's raw HTML would be. Measured:

* title: exact match, spacing normalised;
* url:   exact match with the expected address (the page must name itself: og:url,
  canonical link or the article's microdata url);
* time:  within a minute of the expected instant (reported only);
* text:  token F1 of the clean text against the expected article text (lower-cased
  word tokens, counted with multiplicity).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PAGES = REPO / "tests" / "data" / "html"
_TOKEN = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class PageScore:
    file: str
    outlet: str
    split: str  # "dev": looked at while the cleaner was written; "held_out": added after
    title_ok: bool
    url_ok: bool
    time_ok: bool | None  # None: the page has no expected time
    text_f1: float
    got_title: str | None
    got_url: str | None
    got_published: str | None
    rejected: str | None = None


def token_f1(got: str, expected: str) -> float:
    """F1 of the word tokens of ``got`` against ``expected`` (bag of words, case-folded)."""
    a = Counter(t.lower() for t in _TOKEN.findall(got))
    b = Counter(t.lower() for t in _TOKEN.findall(expected))
    common = sum((a & b).values())
    if not common:
        return 0.0
    precision, recall = common / sum(a.values()), common / sum(b.values())
    return 2 * precision * recall / (precision + recall)


def _same_text(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and " ".join(a.split()) == " ".join(b.split())


def _within_minute(got: datetime | None, expected: str | None) -> bool | None:
    if not expected:
        return None
    if got is None:
        return False
    want = datetime.fromisoformat(expected)
    if got.tzinfo is None or want.tzinfo is None:
        return abs((got.replace(tzinfo=None) - want.replace(tzinfo=None)).total_seconds()) <= 60
    return abs((got - want).total_seconds()) <= 60


def score_page(page: dict[str, str], html: str) -> PageScore:
    """Clean one page and compare it with its expected values."""
    from newstrace.clean import NoArticleError, clean_html

    try:
        cleaned = clean_html(html)
    except NoArticleError as exc:
        return PageScore(
            page["file"],
            page["outlet"],
            page.get("split", "dev"),
            False,
            False,
            False if page.get("published") else None,
            0.0,
            None,
            None,
            None,
            str(exc),
        )
    got_url = getattr(cleaned, "url", None)
    return PageScore(
        file=page["file"],
        outlet=page["outlet"],
        split=page.get("split", "dev"),
        title_ok=_same_text(cleaned.title, page["title"]),
        url_ok=got_url is not None and got_url == page["url"],
        time_ok=_within_minute(cleaned.published, page.get("published")),
        text_f1=token_f1(cleaned.text, page["text"]),
        got_title=cleaned.title,
        got_url=got_url,
        got_published=cleaned.published.isoformat() if cleaned.published else None,
    )


def score_pages(directory: Path = PAGES) -> list[PageScore]:
    """Score every page listed in ``directory/expected.json``."""
    spec = json.loads((directory / "expected.json").read_text(encoding="utf-8"))
    return [score_page(page, (directory / page["file"]).read_text(encoding="utf-8")) for page in spec["pages"]]


def summary(scores: list[PageScore]) -> dict[str, float]:
    """Overall rates: title, url, time (over pages with an expected time) and mean text F1."""
    timed = [s.time_ok for s in scores if s.time_ok is not None]
    n = len(scores) or 1
    return {
        "pages": len(scores),
        "outlets": len({s.outlet for s in scores}),
        "title": sum(s.title_ok for s in scores) / n,
        "url": sum(s.url_ok for s in scores) / n,
        "time_within_minute": sum(timed) / len(timed) if timed else 0.0,
        "text_f1_mean": sum(s.text_f1 for s in scores) / n,
        "text_f1_min": min((s.text_f1 for s in scores), default=0.0),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=Path, default=PAGES, help="folder with expected.json")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    scores = score_pages(args.pages)
    overall = summary(scores)
    if args.json:
        print(json.dumps({"pages": [asdict(s) for s in scores], "overall": overall}, indent=1))
        return 0
    print(f"{'page':<18} {'split':<8} {'title':>5} {'url':>4} {'time':>4} {'textF1':>6}  got title")
    for s in scores:
        time = "-" if s.time_ok is None else ("ok" if s.time_ok else "no")
        print(
            f"{s.file:<18} {s.split:<8} {'ok' if s.title_ok else 'no':>5} {'ok' if s.url_ok else 'no':>4} "
            f"{time:>4} {s.text_f1:6.3f}  {s.got_title!r}" + (f"  REJECTED: {s.rejected}" if s.rejected else "")
        )
    print()
    for name, part in (
        ("dev", [s for s in scores if s.split == "dev"]),
        ("held_out", [s for s in scores if s.split == "held_out"]),
        ("all", scores),
    ):
        if not part:
            continue
        row = summary(part)
        print(
            f"{name:<9} {row['pages']:>2} pages, {row['outlets']} outlets: "
            f"title {row['title']:.2f}  url {row['url']:.2f}  "
            f"time within a minute {row['time_within_minute']:.2f} (report only)  "
            f"text F1 mean {row['text_f1_mean']:.3f} (min {row['text_f1_min']:.3f})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
