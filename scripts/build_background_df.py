"""Build the background document frequencies shipped in ``src/newstrace/background_df.tsv.gz``.

    python scripts/build_background_df.py                      # from ../shared/data/clickid-dev.jsonl
    python scripts/build_background_df.py --docs more.jsonl --min-df 3

Each article is cleaned as newstrace cleans it (``newstrace.clean``), its title and body are
tokenised with the matcher's tokenizer, and every distinct word counts once for the article.
Words in at least ``--min-df`` articles are written, most frequent first, as ``word<TAB>count``
lines after a header naming the number of articles and the source; gzip keeps it small.

The default corpus is the raw articles of CLICK-ID (William and Sari, 2020, "CLICK-ID: A novel
dataset for Indonesian clickbait headlines", repository andikawilliam/CLICK-ID), licensed
CC BY 4.0; the attribution travels in the file's header and in ``src/newstrace/sample/README.md``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from newstrace.algo.passages import tokenize  # noqa: E402
from newstrace.background import BACKGROUND_PATH  # noqa: E402
from newstrace.clean import clean_page  # noqa: E402

ATTRIBUTION = "CLICK-ID raw articles (William and Sari, 2020; andikawilliam/CLICK-ID), CC BY 4.0"


def article_words(record: dict) -> frozenset[str]:
    """The distinct words of one record's cleaned title and body."""
    cleaned = clean_page(
        record["text"],
        title=record.get("title"),
        outlet=record.get("outlet"),
        url=record.get("url"),
        published=record.get("published"),
    )
    return frozenset(tokenize(f"{cleaned.title or record.get('title') or ''}\n{cleaned.text}"))


def document_frequencies(records: Sequence[dict], workers: int) -> Counter[str]:
    counts: Counter[str] = Counter()
    if workers > 1:
        with ProcessPoolExecutor(workers) as pool:
            for words in pool.map(article_words, records, chunksize=64):
                counts.update(words)
    else:
        for record in records:
            counts.update(article_words(record))
    return counts


def write_table(path: Path, n_docs: int, counts: Counter[str], min_df: int, source: str) -> int:
    """Write ``word<TAB>count`` lines (count >= ``min_df``), most frequent first; returns lines."""
    kept = sorted(((w, c) for w, c in counts.items() if c >= min_df), key=lambda wc: (-wc[1], wc[0]))
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as out:
        # mtime=0 would be nicer for reproducible bytes; gzip.open has no such knob, so the
        # header is what identifies a build.
        out.write(f"# docs\t{n_docs}\n# min_df\t{min_df}\n# source\t{source}\n")
        out.writelines(f"{word}\t{count}\n" for word, count in kept)
    return len(kept)


def read_records(paths: Iterable[Path]) -> list[dict]:
    records: list[dict] = []
    for path in paths:
        with path.open(encoding="utf-8") as lines:
            records.extend(json.loads(line) for line in lines if line.strip())
    return records


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default_docs = REPO.parent / "shared" / "data" / "clickid-dev.jsonl"
    parser.add_argument("--docs", type=Path, nargs="+", default=[default_docs])
    parser.add_argument("--min-df", type=int, default=2, help="rarer words are left out")
    parser.add_argument("--output", type=Path, default=BACKGROUND_PATH)
    parser.add_argument("--source", default=ATTRIBUTION, help="attribution written in the header")
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args(argv)
    records = read_records(args.docs)
    counts = document_frequencies(records, args.workers)
    lines = write_table(args.output, len(records), counts, args.min_df, args.source)
    print(
        f"{len(records)} articles, {len(counts)} words, {lines} with df >= {args.min_df}: "
        f"{args.output} ({args.output.stat().st_size / 1024:.0f} KiB)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
