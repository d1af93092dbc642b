"""Simulate how stories propagate between outlets, then score grouping, tracing and diffing.

Real articles (CLICK-ID dev set, cleaned as the pipeline cleans them) are grown into copy
trees with the edits outlets make: a new lead, an outlet dateline ("TRIBUNNEWS.COM - "),
related-link lines ("Baca juga: ..."), dropped, added and reworded sentences, changed numbers,
hedges, quotes and attributions, an inserted clause, a truncated tail, background appended
from another article; copies of copies; missing publication times (15% of versions); and trees
whose root is absent (15%: a wire story copied by siblings, published within 90 minutes).
The trees are mixed with untouched unrelated articles and the truth is recorded. With
``--borrowers N`` and ``--digests M``, N unrelated articles get 1 to 3 sentences of a tree's
version as a background recap ("Diberitakan sebelumnya, ..."), published after it, and M digest
pages carry the first two sentences of three trees' roots: each stays a group of its own in
the truth (borrowing is not copying).

With ``--time-modes`` the times are degraded as real pages degrade them (drawn from a random
stream of their own, so the trees themselves stay the same): a time that names only the day
(date-only metadata, 15% of dated versions), a version whose only date is a day named in its
body, the event's day or the day before (10% of dated versions and 40% of undated ones),
times written in WITA or WIT (20%), and copies that name the outlet they copied (25% of copies
of a present version). The truth keeps the real times.

Scores:
  ari                 copy-group ARI over all documents (grouping is pluggable: --grouper)
  parent_accuracy     predicted parent of every copy (an id, or an unknown source)
  origin_accuracy     the tree's origin as the export gives it: the earliest known version
                      (the root; for a wire tree, the earliest dated version, or when none is
                      dated, any version copying the absent source)
  absent_source       wire trees traced to an unknown source (recall), and trees with their
                      root present that were not (specificity)
  change_recall       planted changes recovered by diff_articles on the true edges: right
                      kind, right tag where one was planted, matching text
  change_precision    substantive predicted changes that match a planted one
  *_end_to_end        the same on the predicted edges (a wrong parent loses its changes)
Breakdowns: parent accuracy where the true parent's text is unique vs where another earlier
version has the very same text (then no text can tell them apart); origin accuracy for trees
whose root is dated (to the minute, or with --time-modes to the day only, or by a body date),
undated, or absent, and apart for trees whose undated root has a verbatim copy (nothing tells
which of the two came first); with --time-modes also for trees with a root dated to the minute
and a copy that is undated or dated only by its body.

Run from the repository root (seeded, reproducible):
  PYTHONPATH=src python3 benchmarks/simulate_propagation.py --seed 7 --trees 200 --noise 400
"""

from __future__ import annotations

import argparse
import importlib
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
from rapidfuzz.distance import LCSseq
from scipy.special import comb

from newstrace.algo.align import is_chrome_sentence, strip_dateline
from newstrace.algo.tokens import tokenize
from newstrace.changes import diff_articles, is_substantive
from newstrace.clean import clean_page, split_sentences
from newstrace.model import Change
from newstrace.trace import TraceItem, trace_group

# The tracer before time precision took only (id, published, outlet, sentences).
_PRECISE_ITEMS = "precision" in getattr(TraceItem, "__dataclass_fields__", {})

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data" / "clickid-dev.jsonl"
UNKNOWN = "unknown"

DATELINES = [
    "TRIBUNNEWS.COM - ",
    "JAKARTA, KOMPAS.com - ",
    "Liputan6.com, Jakarta - ",
    "SINDONEWS.com - ",
    "JAKARTA - ",
    "Jakarta (ANTARA) - ",
    "TRIBUNPALU.COM - ",
    "SURYA.co.id - ",
    "Okezone.com - ",
    "TEMPO.CO, Jakarta - ",
    "BANGKAPOS.COM - ",
]
RELATED_LINK = ["Baca juga: ", "Baca Juga: ", "BACA JUGA: ", "Simak juga: ", "Lihat juga: "]
HEDGE_SWAPS = {
    "dikabarkan": "dipastikan",
    "diduga": "dipastikan",
    "disebut": "dipastikan",
    "dilaporkan": "dipastikan",
    "kabarnya": "ternyata",
    "mungkin": "pasti",
    "diperkirakan": "dipastikan",
    "kemungkinan": "dipastikan",
    "dipastikan": "diduga",
    "terbukti": "diduga",
    "pasti": "mungkin",
}
ATTRIBUTION = re.compile(
    r"\b(kata|ujar|ucap|ungkap|tutur|menurut|jelas)\s+([A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,2})"
    r"|([A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,2})\s+(mengatakan|menyatakan|menjelaskan|mengungkapkan)"
)
QUOTED = re.compile(r"[“\"]([^”\"]{8,})[”\"]")
NUMBER = re.compile(r"\d+")
PROTECTED = set(HEDGE_SWAPS) | {
    "kata",
    "ujar",
    "ucap",
    "ungkap",
    "tutur",
    "menurut",
    "jelas",
    "mengatakan",
    "belum",
    "menyatakan",
    "menjelaskan",
    "mengungkapkan",
    "tidak",
    "bukan",
    "baca",
    "juga",
}


# --- data ------------------------------------------------------------------------------------


@dataclass(slots=True)
class Source:
    id: str
    outlet: str
    title: str
    published: datetime
    sentences: list[str]


def load_sources(path: Path) -> list[Source]:
    sources: list[Source] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            # Cleaned as the pipeline stores articles: mojibake repaired, scraper debris such
            # as "Baca Juga:,," and site chrome gone; copies then add their own chrome.
            cleaned = clean_page(
                record["text"],
                title=record["title"],
                outlet=record["outlet"],
                url=record["url"],
                published=record["published"],
            )
            sentences = [s for s in split_sentences(cleaned.text) if s.strip()]
            sources.append(
                Source(
                    record["id"],
                    record["outlet"],
                    record["title"] or "",
                    datetime.fromisoformat(record["published"]),
                    sentences,
                )
            )
    return sources


def sentence_keys(sentences: Iterable[str], min_tokens: int = 6) -> set[tuple[str, ...]]:
    """Keys of the sentences that can vouch for a copy: long enough and not chrome."""
    keys = set()
    for sentence in sentences:
        if is_chrome_sentence(sentence):
            continue
        key = tuple(tokenize(sentence))
        if len(key) >= min_tokens:
            keys.add(key)
    return keys


# --- grouping (pluggable; the real matcher will replace it) ---------------------------------

Grouper = Callable[[dict[str, list[str]]], list[list[str]]]


def group_by_shared_sentences(
    docs: dict[str, list[str]], min_shared: int = 3, min_share: float = 0.5
) -> list[list[str]]:
    """Connected components of documents sharing whole sentences (exact, normalised)."""
    return _components({doc_id: sentence_keys(sentences) for doc_id, sentences in docs.items()}, min_shared, min_share)


def group_by_shared_word_runs(docs: dict[str, list[str]], width: int = 8, min_shared: int = 3) -> list[list[str]]:
    """Connected components of documents sharing runs of ``width`` words: reuse of reworded
    sentences too, which whole-sentence keys miss."""
    keys = {}
    for doc_id, sentences in docs.items():
        words = [w for s in sentences if not is_chrome_sentence(s) for w in tokenize(s)]
        keys[doc_id] = {tuple(words[k : k + width]) for k in range(len(words) - width + 1)}
    return _components(keys, min_shared, 1.0)


def _components(keys: dict[str, set[tuple[str, ...]]], min_shared: int, min_share: float) -> list[list[str]]:
    ids = list(keys)
    parent = list(range(len(ids)))
    for (a, b), count in _shared_key_counts([keys[doc_id] for doc_id in ids]).items():
        smaller = min(len(keys[ids[a]]), len(keys[ids[b]]))
        if count >= min_shared or count >= min_share * smaller:
            parent[_find(parent, a)] = _find(parent, b)
    groups: dict[int, list[str]] = defaultdict(list)
    for k, doc_id in enumerate(ids):
        groups[_find(parent, k)].append(doc_id)
    return list(groups.values())


def _shared_key_counts(keys: list[set[tuple[str, ...]]]) -> Counter[tuple[int, int]]:
    """Keys shared by each pair of documents (by position), keys in over 50 documents aside."""
    holders: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for k, doc_keys in enumerate(keys):
        for key in doc_keys:
            holders[key].append(k)
    shared: Counter[tuple[int, int]] = Counter()
    for members in holders.values():
        if 1 < len(members) <= 50:  # a sentence in many documents is boilerplate
            for a in range(len(members)):
                for b in range(a + 1, len(members)):
                    shared[(members[a], members[b])] += 1
    return shared


def _find(parent: list[int], x: int) -> int:
    """Union-find root of ``x``, halving the path on the way."""
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


# --- simulation ------------------------------------------------------------------------------


@dataclass(slots=True)
class Planted:
    parent: str
    child: str
    kind: str
    tag: str | None
    old: str | None
    new: str | None


@dataclass(slots=True)
class Version:
    id: str
    outlet: str
    published: datetime | None
    sentences: list[str]
    chrome: set[int] = field(default_factory=set)  # indices of chrome lines
    dated_prefix: bool = False  # first content sentence carries a dateline
    true_published: datetime | None = None  # the real time, whatever the page shows
    precision: str = "minute"
    source: str | None = "record"
    cited: tuple[str, ...] = ()


@dataclass(slots=True)
class Tree:
    root: str
    wire: bool
    versions: dict[str, Version]
    parent: dict[str, str | None]  # truth; UNKNOWN for wire siblings
    planted: list[Planted]
    absent_root: Version | None = None


class Reserve:
    """Text no tree or unrelated document uses: new leads, background, link titles."""

    def __init__(self, sources: list[Source], rng: random.Random) -> None:
        self.rng = rng
        self.sentences = [
            s for src in sources for s in src.sentences if 8 <= len(tokenize(s)) <= 35 and not is_chrome_sentence(s)
        ]
        rng.shuffle(self.sentences)
        self.articles = [src for src in sources if len(src.sentences) >= 6]
        # Titles without inner sentence marks, so that a related-link line stays one line.
        self.titles = [
            src.title for src in sources if len(src.title.split()) >= 4 and not re.search(r"[:!?.]", src.title)
        ]
        self.words = sorted(
            {w for s in self.sentences[:3000] for w in s.split() if w.isalpha() and w.islower() and len(w) >= 4}
            - PROTECTED
        )
        self.names = sorted(
            {
                w
                for s in self.sentences[:3000]
                for w in s.split()[1:]
                if w.isalpha() and w[0].isupper() and w[1:].islower() and len(w) >= 4
            }
        )

    def sentence(self) -> str:
        return self.sentences.pop()

    def background(self, count: int) -> list[str]:
        article = self.articles.pop()
        return [s for s in article.sentences if not is_chrome_sentence(s)][:count]

    def link(self) -> str:
        return self.rng.choice(RELATED_LINK) + self.rng.choice(self.titles)


class Simulator:
    def __init__(self, rng: random.Random, reserve: Reserve, edit_rate: float) -> None:
        self.rng = rng
        self.reserve = reserve
        self.rate = edit_rate

    def chance(self, p: float) -> bool:
        return self.rng.random() < min(1.0, p * self.rate)

    def tree(self, root: Source) -> Tree:
        rng = self.rng
        wire = rng.random() < 0.15
        base = Version(root.id + "~0", root.outlet, root.published, list(root.sentences))
        tree = Tree(root=base.id, wire=wire, versions={}, parent={}, planted=[])
        if wire:
            tree.absent_root = base
        else:
            tree.versions[base.id] = base
            tree.parent[base.id] = None
        size = rng.randint(2, 7) if not wire else rng.randint(2, 5)
        for k in range(1, size + 1):
            if wire and (k <= 2 or rng.random() < 0.5):
                parent, parent_id = base, UNKNOWN
                delay = timedelta(minutes=rng.randint(2, 90))
            else:
                choices = list(tree.versions.values())
                parent = choices[0] if rng.random() < 0.5 else rng.choice(choices)
                parent_id = parent.id
                delay = timedelta(minutes=rng.randint(10, 720))
            published = (parent.published or root.published) + delay
            child, planted = self.copy(parent, f"{root.id}~{k}", published, wire_sibling=parent_id == UNKNOWN)
            for change in planted:
                change.parent = parent.id
            tree.versions[child.id] = child
            tree.parent[child.id] = parent_id
            tree.planted += planted
        for version in tree.versions.values():
            version.true_published = version.published
            if rng.random() < 0.15:
                version.published = None
        return tree

    def degrade_times(self, tree: Tree, rng: random.Random) -> None:
        """Times as pages give them: day only, a body date, other zones, named sources."""
        event_day = (
            tree.absent_root.published if tree.absent_root is not None else tree.versions[tree.root].true_published
        )
        assert event_day is not None
        event_day = event_day.replace(hour=0, minute=0, second=0, microsecond=0)
        for version in tree.versions.values():
            draw = rng.random()
            undated = version.published is None
            if (undated and draw < 0.4) or (not undated and draw < 0.10):
                # The only date is the day the body names: the event's, or the day before.
                day = event_day - timedelta(days=1 if rng.random() < 0.3 else 0)
                version.published, version.precision, version.source = day, "day", "body"
            elif not undated and draw < 0.25:
                assert version.published is not None
                version.published = version.published.replace(hour=0, minute=0, second=0, microsecond=0)
                version.precision, version.source = "day", "html"
            if version.published is not None and version.precision == "minute" and rng.random() < 0.2:
                zone = timezone(timedelta(hours=rng.choice([8, 9])))
                version.published = version.published.astimezone(zone)
            parent = tree.parent.get(version.id)
            if parent not in (None, UNKNOWN) and rng.random() < 0.25:
                version.cited = (_outlet_name(tree.versions[parent].outlet),)

    def copy(
        self, parent: Version, child_id: str, published: datetime, wire_sibling: bool = False
    ) -> tuple[Version, list[Planted]]:
        # Work on content sentences only; the parent's chrome goes or stays as a whole.
        content = [s for k, s in enumerate(parent.sentences) if k not in parent.chrome]
        links = [s for k, s in enumerate(parent.sentences) if k in parent.chrome]
        if parent.dated_prefix and content:
            content[0] = _strip_prefix(content[0])
        touched: set[int] = set()
        edits = self._reword(content, touched)
        out: list[_Row] = [
            (edits[k][0], "reworded", edits[k][1], sentence) if k in edits else (sentence, None, None, None)
            for k, sentence in enumerate(content)
        ]
        self._drop_and_add(out, content, touched)
        self._cut_and_extend(out, len(content), wire_sibling)
        sentences, planted = _planted_changes(out, child_id)  # the parent's id is filled in by the caller
        return self._dress(child_id, published, sentences, links), planted

    def _pick(
        self,
        content: list[str],
        touched: set[int],
        predicate: Callable[[str], bool],
        lo: int = 1,
        hi: int | None = None,
    ) -> int | None:
        """A random untouched sentence in ``lo:hi`` (``hi``: the last one) that ``predicate`` accepts."""
        hi = len(content) - 1 if hi is None else hi
        options = [k for k in range(lo, hi) if k not in touched and predicate(content[k])]
        return self.rng.choice(options) if options else None

    def _reword(self, content: list[str], touched: set[int]) -> dict[int, tuple[str, str]]:
        """Sentences reworded in place, each kind of edit by its own chance: index -> (new text, tag)."""
        edits: dict[int, tuple[str, str]] = {}
        for probability, predicate, lo, change, tag in _REWORDS:
            if not self.chance(probability):
                continue
            k = self._pick(content, touched, predicate, lo=lo)
            new_text = change(content[k], self.rng, self.reserve) if k is not None else None
            if k is None or new_text is None or new_text == content[k]:
                continue
            touched.add(k)
            edits[k] = (new_text, tag)
        return edits

    def _drop_and_add(self, out: list[_Row], content: list[str], touched: set[int]) -> None:
        """Drop one middle sentence; add one new sentence in the middle."""
        n = len(content)
        if self.chance(0.3) and n >= 6:
            k = self._pick(content, touched, lambda s: True, lo=2, hi=n - 2)
            if k is not None:
                out[k] = ("", "removed", None, content[k])
        if self.chance(0.2) and n >= 6:
            k = self.rng.randint(2, n - 2)
            out.insert(k, (self.reserve.sentence(), "added", "embellishment", None))

    def _cut_and_extend(self, out: list[_Row], n: int, wire_sibling: bool) -> None:
        """Truncate the tail; append background; put a new lead first."""
        rng = self.rng
        if self.chance(0.2) and n >= 9:
            _truncate(out, rng.randint(2, min(5, n - 7)))
        if self.chance(0.15):
            for sentence in self.reserve.background(rng.randint(3, 6)):
                out.append((sentence, "added", "appended", None))
        if self.chance(0.8 if wire_sibling else 0.3):
            for sentence in reversed([self.reserve.sentence() for _ in range(rng.randint(1, 2))]):
                out.insert(0, (sentence, "added", "lead", None))

    def _dress(self, child_id: str, published: datetime, sentences: list[str], links: list[str]) -> Version:
        """The copy as its outlet prints it: a dateline on the first sentence and related-link lines."""
        rng = self.rng
        child = Version(child_id, rng.choice(DATELINES), published, sentences)
        if sentences and rng.random() < 0.6:
            child.sentences[0] = child.outlet + child.sentences[0]
            child.dated_prefix = True
        if links and rng.random() < 0.3:  # some copies keep the parent's related links
            for line in links:
                child.sentences.insert(rng.randint(1, len(child.sentences)), line)
        for _ in range(rng.randint(0, 2)):
            child.sentences.insert(rng.randint(1, max(1, len(child.sentences) - 1)), self.reserve.link())
        child.chrome = {k for k, s in enumerate(child.sentences) if _is_link(s)}
        return child


_Row = tuple[str, str | None, str | None, str | None]  # a copy's sentence: (text, kind, tag, old)


def _truncate(out: list[_Row], cut: int) -> None:
    """The last ``cut`` rows cut off: what they held is planted as removed by truncation."""
    for k in range(len(out) - cut, len(out)):
        text, kind, tag, old = out[k]
        if kind is None:
            out[k] = ("", "removed", "truncation", text)
        elif kind in ("reworded", "removed"):
            out[k] = ("", "removed", "truncation", old)
        else:
            out[k] = ("", None, None, None)  # an addition cut off again: nothing


def _planted_changes(out: list[_Row], child_id: str) -> tuple[list[str], list[Planted]]:
    """The copy's sentences and the changes planted in it (without the parent's id)."""
    sentences: list[str] = []
    planted: list[Planted] = []
    for text, kind, tag, old in out:
        if kind and is_chrome_sentence(text or old or ""):
            kind = None  # a credit line or lone word: shown as chrome, not planted
        if kind in ("removed", "added", "reworded"):
            assert kind is not None
            planted.append(
                Planted("", child_id, kind, tag, None if kind == "added" else old, None if kind == "removed" else text)
            )
        if text:
            sentences.append(text)
    return sentences, planted


def _outlet_host(dateline: str) -> str:
    """The outlet a dateline names: "JAKARTA, KOMPAS.com - " -> "kompas.com"."""
    host = re.search(r"[A-Za-z0-9]+(?:\.[A-Za-z]+)+", dateline)
    if host:
        return host.group().lower()
    agency = re.search(r"\(([A-Z]+)\)", dateline)
    return f"{agency.group(1).lower()}news.com" if agency else dateline.strip(" -").lower()


def _outlet_name(dateline: str) -> str:
    """How a copy names the outlet it took the text from: "TRIBUNNEWS.COM - " -> "Tribunnews"."""
    return _outlet_host(dateline).split(".")[0].title()


def _strip_prefix(sentence: str) -> str:
    for prefix in DATELINES:
        if sentence.startswith(prefix):
            return sentence[len(prefix) :]
    return sentence


def _is_link(sentence: str) -> bool:
    return any(sentence.startswith(prefix) for prefix in RELATED_LINK)


def _substitute_word(sentence: str, rng: random.Random, reserve: Reserve) -> str | None:
    """One plain word swapped (outside quotes, so that it stays a plain wording change)."""
    words = sentence.split()
    options = [k for k, w in enumerate(words) if w.isalpha() and w.islower() and len(w) >= 4 and w not in PROTECTED]
    if not options or QUOTED.search(sentence):
        return None
    words[rng.choice(options)] = rng.choice(reserve.words)
    return " ".join(words)


def _change_number(sentence: str, rng: random.Random) -> str:
    match = rng.choice(list(NUMBER.finditer(sentence)))
    digits = match.group()
    first = int(digits[0])
    choices = [d for d in range(1 if len(digits) > 1 else 0, 10) if d != first]
    return sentence[: match.start()] + str(rng.choice(choices)) + digits[1:] + sentence[match.end() :]


def _change_hedge(sentence: str, rng: random.Random) -> str | None:
    words = sentence.split()
    for k, word in enumerate(words):
        bare = word.strip(",.").lower()
        if bare in HEDGE_SWAPS:
            words[k] = word.replace(word.strip(",."), HEDGE_SWAPS[bare])
            return " ".join(words)
    verbs = [k for k, w in enumerate(words) if k > 0 and w.startswith("me") and len(w) >= 6 and w.isalpha()]
    if not verbs:
        return None
    k = rng.choice(verbs)
    return " ".join(words[:k] + [rng.choice(["diduga", "dikabarkan", "disebut"])] + words[k:])


def _change_quote(sentence: str, rng: random.Random, reserve: Reserve) -> str | None:
    match = QUOTED.search(sentence)
    assert match is not None
    inner = match.group(1).split()
    options = [k for k, w in enumerate(inner) if w.isalpha() and len(w) >= 3]
    if not options:
        return None
    inner[rng.choice(options)] = rng.choice(reserve.words)
    return sentence[: match.start(1)] + " ".join(inner) + sentence[match.end(1) :]


def _change_attribution(sentence: str, rng: random.Random, reserve: Reserve) -> str:
    match = ATTRIBUTION.search(sentence)
    assert match is not None
    group = 2 if match.group(2) else 3
    name = " ".join(rng.sample(reserve.names, 2))
    return sentence[: match.start(group)] + name + sentence[match.end(group) :]


def _add_clause(sentence: str, rng: random.Random, reserve: Reserve) -> str | None:
    words = sentence.split()
    names = [k for k, w in enumerate(words[:-2]) if k > 0 and w[:1].isupper() and w.isalpha()]
    if not names:
        return None
    k = rng.choice(names)
    donor = reserve.sentence().rstrip(".").split()
    start = rng.randint(0, max(0, len(donor) - 8))
    clause = [w.lower() if w.isalpha() else w for w in donor[start : start + rng.randint(5, 8)]]
    return " ".join(words[: k + 1] + ["yang"] + clause + words[k + 1 :])


# The rewording edits in the order they are drawn: (chance, which sentences qualify, the first
# index a sentence may have, the edit, its tag).
_Reword = tuple[float, Callable[[str], bool], int, Callable[[str, random.Random, Reserve], str | None], str]
_REWORDS: tuple[_Reword, ...] = (
    (0.35, lambda s: len(s.split()) >= 6, 1, _substitute_word, "wording"),
    (0.35, lambda s: NUMBER.search(s) is not None, 0, lambda s, rng, _: _change_number(s, rng), "number"),
    (0.3, lambda s: len(s.split()) >= 6, 0, lambda s, rng, _: _change_hedge(s, rng), "hedge"),
    (0.25, lambda s: QUOTED.search(s) is not None, 0, _change_quote, "quote"),
    (0.2, lambda s: ATTRIBUTION.search(s) is not None, 0, _change_attribution, "attribution"),
    (0.2, lambda s: len(s.split()) >= 8, 1, _add_clause, "embellishment"),
)


# --- scoring ---------------------------------------------------------------------------------


def adjusted_rand_index(truth: list[str], predicted: list[str]) -> float:
    """ARI from the contingency table (same as sklearn's adjusted_rand_score)."""
    _, t = np.unique(truth, return_inverse=True)
    _, p = np.unique(predicted, return_inverse=True)
    table = np.zeros((t.max() + 1, p.max() + 1), dtype=np.int64)
    np.add.at(table, (t, p), 1)
    pairs = comb(table, 2).sum()
    rows, cols = comb(table.sum(1), 2).sum(), comb(table.sum(0), 2).sum()
    expected = rows * cols / comb(len(truth), 2)
    maximum = (rows + cols) / 2
    return 1.0 if maximum == expected else float((pairs - expected) / (maximum - expected))


def _similar(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    ta, tb = tokenize(a), tokenize(b)
    if not ta or not tb:
        return ta == tb
    return bool(LCSseq.similarity(ta, tb) / min(len(ta), len(tb)) >= 0.8)


def match_changes(planted: list[Planted], predicted: list[Change]) -> tuple[int, int, list[Planted]]:
    """(planted recovered, substantive predicted that match a planted change, missed)."""
    substantive = [c for c in predicted if is_substantive(c)]
    used: set[int] = set()
    missed: list[Planted] = []
    for plant in planted:
        found = None
        for k, change in enumerate(substantive):
            if k in used or change.kind != plant.kind:
                continue
            if plant.tag not in (None, "wording") and plant.tag not in change.tags:
                continue
            if _similar(plant.old, change.old) and _similar(plant.new, change.new):
                found = k
                break
        if found is None:
            missed.append(plant)
        else:
            used.add(found)
    return len(planted) - len(missed), len(used), missed


@dataclass(slots=True)
class Scores:
    figures: dict[str, float] = field(default_factory=dict)
    timing: dict[str, float] = field(default_factory=dict)
    breakdown: dict[str, tuple[int, int]] = field(default_factory=dict)  # (hits, total)
    missed: Counter[str] = field(default_factory=Counter)
    spurious: Counter[str] = field(default_factory=Counter)


def plant_borrowers(
    trees: list[Tree], unrelated: list[Source], borrowers: int, digests: int, rng: random.Random
) -> tuple[list[Source], list[str]]:
    """Recaps of 1 to 3 sentences of a tree's version added to unrelated articles, and digests
    of three roots' leads; returns the sources and the ids of every planted borrower."""
    out = list(unrelated)
    planted: list[str] = []
    dated = [v for t in trees for v in t.versions.values() if v.published is not None and len(v.sentences) > 4]
    for k in range(min(borrowers, len(out))):
        version = rng.choice(dated)
        content = [s for i, s in enumerate(version.sentences) if i not in version.chrome][1:]
        n = rng.randint(1, 3)
        start = rng.randrange(0, max(1, len(content) - n))
        recap = content[start : start + n]
        recap[0] = "Diberitakan sebelumnya, " + recap[0][0].lower() + recap[0][1:]
        source = out[k]
        published = max(source.published, version.published + timedelta(hours=rng.randint(2, 48)))
        out[k] = Source(source.id, source.outlet, source.title, published, source.sentences + recap)
        planted.append(source.id)
    roots = [t.versions[t.root] for t in trees if t.root in t.versions and t.versions[t.root].published]
    for k in range(digests):
        chosen = rng.sample(roots, 3)
        sentences = ["Berikut rangkuman berita pilihan hari ini."]
        for version in chosen:
            sentences += [s for i, s in enumerate(version.sentences) if i not in version.chrome][:2]
        latest = max(v.published for v in chosen if v.published)
        out.append(Source(f"digest-{k}", "digest.example", "Berita pilihan", latest + timedelta(hours=3), sentences))
        planted.append(f"digest-{k}")
    return out, planted


def evaluate(
    trees: list[Tree], unrelated: list[Source], grouper: Grouper, verbose: bool, borrowers: Iterable[str] = ()
) -> Scores:
    scores = Scores()
    docs, truth_group, meta = _documents(trees, unrelated)
    start = time.perf_counter()
    groups = grouper(docs)
    scores.timing["group"] = time.perf_counter() - start
    _score_grouping(groups, docs, truth_group, list(borrowers), scores)
    start = time.perf_counter()
    predicted = _trace_groups(groups, docs, meta)
    scores.timing["trace"] = time.perf_counter() - start
    _score_provenance(trees, docs, predicted.parent, predicted.origin, predicted.absent, scores)
    start = time.perf_counter()
    _score_changes(trees, docs, predicted.parent, scores, verbose)
    scores.timing["diff"] = time.perf_counter() - start
    scores.figures["copy_edges"] = sum(p is not None for t in trees for p in t.parent.values())
    return scores


def _documents(
    trees: list[Tree], unrelated: list[Source]
) -> tuple[dict[str, list[str]], dict[str, str], dict[str, Version]]:
    """Every document's sentences, its true copy group and its version (times, outlet)."""
    docs: dict[str, list[str]] = {}
    truth_group: dict[str, str] = {}
    meta: dict[str, Version] = {}
    for tree in trees:
        for version in tree.versions.values():
            # Through text and back, as the pipeline reads it.
            docs[version.id] = split_sentences("\n\n".join(version.sentences))
            truth_group[version.id] = tree.root
            meta[version.id] = version
    for source in unrelated:
        docs[source.id] = source.sentences
        truth_group[source.id] = source.id
        meta[source.id] = Version(source.id, source.outlet, source.published, [])
    return docs, truth_group, meta


def _score_grouping(
    groups: list[list[str]], docs: dict[str, list[str]], truth_group: dict[str, str], planted: list[str], scores: Scores
) -> None:
    """Copy-group ARI, and the planted borrowers that stayed out of every copy group."""
    predicted_group = {doc_id: str(k) for k, members in enumerate(groups) for doc_id in members}
    ids = list(docs)
    scores.figures["ari"] = adjusted_rand_index([truth_group[i] for i in ids], [predicted_group[i] for i in ids])
    size = Counter(predicted_group.values())
    if planted:
        alone = sum(size[predicted_group[b]] == 1 for b in planted)
        scores.breakdown["borrowers kept out of copy groups"] = (alone, len(planted))


@dataclass(slots=True)
class _Traced:
    """What the tracer says of every document in a group of two or more."""

    parent: dict[str, str | None] = field(default_factory=dict)
    origin: dict[str, str] = field(default_factory=dict)  # the first known version
    absent: dict[str, bool] = field(default_factory=dict)  # an unknown source posited


def _trace_groups(groups: list[list[str]], docs: dict[str, list[str]], meta: dict[str, Version]) -> _Traced:
    traced = _Traced()
    for members in groups:
        if len(members) < 2:
            continue
        result = trace_group([_trace_item(m, meta[m], docs[m]) for m in members])
        for edge in result.edges:
            parent = edge.parent
            traced.parent[edge.child] = UNKNOWN if parent and parent.startswith("unknown:") else parent
        for m in members:
            traced.origin[m] = result.first_known or ""
            traced.absent[m] = bool(result.origin and result.origin.startswith("unknown:"))
    return traced


def _trace_item(doc_id: str, version: Version, sentences: list[str]) -> TraceItem:
    host = _outlet_host(version.outlet)
    if _PRECISE_ITEMS:
        return TraceItem(doc_id, version.published, host, sentences, version.precision, version.source, version.cited)
    return TraceItem(doc_id, version.published, host, sentences)


@dataclass(slots=True)
class _ChangeTally:
    recovered: int = 0  # planted changes found on the true edges
    planted: int = 0
    predicted_ok: int = 0  # substantive predicted changes that match a planted one
    predicted: int = 0
    end_to_end: int = 0  # planted changes found on true edges the tracer found too


def _score_changes(
    trees: list[Tree],
    docs: dict[str, list[str]],
    predicted_parent: dict[str, str | None],
    scores: Scores,
    verbose: bool,
) -> None:
    """Planted changes recovered by the diff along each true edge, and the predicted changes
    that match one (overall, and end to end where the tracer found the edge)."""
    tally = _ChangeTally()
    for tree in trees:
        by_edge: dict[tuple[str, str], list[Planted]] = defaultdict(list)
        for plant in tree.planted:
            by_edge[(plant.parent, plant.child)].append(plant)
        for (parent_id, child_id), plants in by_edge.items():
            hit = _score_edge(tree, docs, parent_id, child_id, plants, tally, scores, verbose)
            if predicted_parent.get(child_id) == parent_id:
                tally.end_to_end += hit
    scores.figures["change_recall"] = tally.recovered / max(1, tally.planted)
    scores.figures["change_precision"] = tally.predicted_ok / max(1, tally.predicted)
    scores.figures["change_recall_end_to_end"] = tally.end_to_end / max(1, tally.planted)
    scores.figures["planted_changes"] = tally.planted


def _score_edge(
    tree: Tree,
    docs: dict[str, list[str]],
    parent_id: str,
    child_id: str,
    plants: list[Planted],
    tally: _ChangeTally,
    scores: Scores,
    verbose: bool,
) -> int:
    """Diff one true edge against what was planted on it; the planted changes recovered."""
    if parent_id in docs:
        parent_sents = docs[parent_id]
    else:  # a wire sibling: its changes are against the absent source
        assert tree.absent_root is not None
        parent_sents = split_sentences("\n\n".join(tree.absent_root.sentences))
    changes = diff_articles(parent_id, child_id, parent_sents, docs[child_id])
    hit, ok, missed = match_changes(plants, changes)
    substantive = [c for c in changes if is_substantive(c)]
    tally.recovered += hit
    tally.planted += len(plants)
    tally.predicted_ok += ok
    tally.predicted += len(substantive)
    for plant in missed:
        scores.missed[f"{plant.kind}/{plant.tag}"] += 1
        if verbose:
            print("MISSED", plant.kind, plant.tag, "|", plant.old, "=>", plant.new)
    if ok < len(substantive):
        _count_spurious(plants, substantive, scores, verbose)
    return hit


def _count_spurious(plants: list[Planted], substantive: list[Change], scores: Scores, verbose: bool) -> None:
    """Substantive predicted changes like none planted on the edge."""
    matched_texts = {(p.old, p.new) for p in plants}
    for change in substantive:
        if not any(_similar(o, change.old) and _similar(n, change.new) for o, n in matched_texts):
            scores.spurious[f"{change.kind}/{','.join(change.tags)}"] += 1
            if verbose:
                print("SPURIOUS", change.kind, change.tags, "|", change.old, "=>", change.new)


def _content(sentences: list[str]) -> tuple[tuple[str, ...], ...]:
    """A version's text as the tracer sees it: no chrome, no dateline."""
    return tuple(tuple(tokenize(strip_dateline(s)[1])) for s in sentences if not is_chrome_sentence(s))


def _score_provenance(
    trees: list[Tree],
    docs: dict[str, list[str]],
    predicted_parent: dict[str, str | None],
    predicted_origin: dict[str, str],
    predicted_absent: dict[str, bool],
    scores: Scores,
) -> None:
    """Parent and origin accuracy, overall and where text and time can tell at all.

    A copy's parent is *indistinguishable* when another version, not published after the
    copy, has exactly the same text (chrome aside) as the true parent: a copy of a verbatim
    copy reads like a copy of the original.
    """
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    for tree in trees:
        content = {v: _content(docs[v]) for v in tree.versions}
        _tally_parents(tree, content, predicted_parent, hits, totals)
        origin = Counter(predicted_origin.get(v, "") for v in tree.versions).most_common(1)[0][0]
        for key in _origin_keys(tree, content):
            totals[key] += 1
            hits[key] += origin in first_known_versions(tree)
        absent = Counter(predicted_absent.get(v, False) for v in tree.versions).most_common(1)[0][0]
        key = "absent source: wire trees found" if tree.wire else "absent source: none posited"
        totals[key] += 1
        hits[key] += absent == tree.wire
    _provenance_figures(hits, totals, scores)


def _tally_parents(
    tree: Tree,
    content: dict[str, tuple[tuple[str, ...], ...]],
    predicted_parent: dict[str, str | None],
    hits: Counter[str],
    totals: Counter[str],
) -> None:
    """Parent accuracy of a tree's copies: all, and apart where a twin of the parent came first."""
    for child, parent in tree.parent.items():
        if parent is None:
            continue
        twins = parent != UNKNOWN and any(
            other not in (parent, child)
            and content[other] == content[parent]
            and not _later(tree.versions[other].published, tree.versions[child].published)
            for other in tree.versions
        )
        for key in ("all", "indistinguishable" if twins else "distinguishable"):
            totals[key] += 1
            hits[key] += predicted_parent.get(child, "?") == parent


def _origin_keys(tree: Tree, content: dict[str, tuple[tuple[str, ...], ...]]) -> list[str]:
    """The origin figures a tree counts in: overall, by how its root is dated, and whether
    anything can tell its first version from a verbatim copy of it."""
    kind = "wire (root absent)" if tree.wire else _root_kind(tree.versions[tree.root])
    # Indistinguishable: another version has the very text of the first one and no date
    # says which came first.
    twin = (
        not tree.wire
        and tree.versions[tree.root].published is None
        and any(v != tree.root and content[v] == content[tree.root] for v in tree.versions)
    )
    keys = ["origin", f"origin: {kind}", "origin: indistinguishable" if twin else "origin: distinguishable"]
    if kind == "root dated" and any(v.published is None or v.source == "body" for v in tree.versions.values()):
        keys.append("origin: root dated, a copy undated or body-dated")
    return keys


def _provenance_figures(hits: Counter[str], totals: Counter[str], scores: Scores) -> None:
    scores.figures["parent_accuracy"] = hits["all"] / max(1, totals["all"])
    scores.figures["origin_accuracy"] = hits["origin"] / max(1, totals["origin"])
    for key in ("distinguishable", "indistinguishable"):
        scores.breakdown[f"parent: {key} copies"] = (hits[key], totals[key])
    for kind in (
        "root dated",
        "root dated to the day",
        "root dated by its body",
        "root undated",
        "wire (root absent)",
        "distinguishable",
        "indistinguishable",
        "root dated, a copy undated or body-dated",
    ):
        key = f"origin: {kind}"
        if totals[key]:
            scores.breakdown[f"{key} trees"] = (hits[key], totals[key])
    for key in ("absent source: wire trees found", "absent source: none posited"):
        scores.breakdown[key] = (hits[key], totals[key])


def _root_kind(root: Version) -> str:
    if root.published is None:
        return "root undated"
    if root.source == "body":
        return "root dated by its body"
    return "root dated to the day" if root.precision == "day" else "root dated"


def first_known_versions(tree: Tree) -> set[str]:
    """The earliest known version(s) of a tree: its root; with the root absent, the earliest
    (in truth) of the versions that show a time of publication, or when none does, any version
    that copied the absent source."""
    if not tree.wire:
        return {tree.root}
    dated = [
        (v.true_published or v.published, v.id)
        for v in tree.versions.values()
        if v.published is not None and v.source != "body"
    ]
    if dated:
        return {min(dated)[1]}
    return {v for v, parent in tree.parent.items() if parent == UNKNOWN}


def _later(a: datetime | None, b: datetime | None) -> bool:
    return a is not None and b is not None and a > b


# --- main ------------------------------------------------------------------------------------


def build(
    sources: list[Source],
    trees: int,
    noise: int,
    rng: random.Random,
    edit_rate: float,
    time_rng: random.Random | None = None,
) -> tuple[list[Tree], list[Source]]:
    """Pick roots and unrelated articles with no copy ties among them; grow the trees."""
    usable = [s for s in sources if 8 <= len(s.sentences) <= 40]
    rng.shuffle(usable)
    # Real copies already in the corpus would blur the truth: keep one article per group of
    # articles sharing whole sentences or runs of eight words.
    texts = {s.id: s.sentences for s in usable}
    distinct_ids = {members[0] for members in group_by_shared_sentences(texts)} & {
        members[0] for members in group_by_shared_word_runs(texts)
    }
    distinct = [s for s in usable if s.id in distinct_ids]
    needed = trees + noise
    if len(distinct) < needed + 200:
        raise SystemExit(f"only {len(distinct)} distinct articles: ask for fewer --trees/--noise")
    roots, unrelated, rest = distinct[:trees], distinct[trees:needed], distinct[needed:]
    reserve_ids = {s.id for s in rest}
    reserve = Reserve([s for s in sources if s.id in reserve_ids], rng)
    simulator = Simulator(rng, reserve, edit_rate)
    grown = [simulator.tree(root) for root in roots]
    if time_rng is not None:
        for tree in grown:
            simulator.degrade_times(tree, time_rng)
    return grown, unrelated


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--trees", type=int, default=200, help="copy trees to grow")
    parser.add_argument("--noise", type=int, default=400, help="untouched unrelated articles mixed in")
    parser.add_argument(
        "--edit-rate", type=float, default=1.0, help="scale every edit probability (2.0: twice as many edits)"
    )
    parser.add_argument(
        "--grouper",
        default=None,
        metavar="MODULE:FUNCTION",
        help="grouping function taking {id: sentences} and returning lists of "
        "ids (default: shared whole sentences, this file)",
    )
    parser.add_argument(
        "--time-modes",
        action="store_true",
        help="degrade times as pages do: day-only, body dates, zones, named sources",
    )
    parser.add_argument(
        "--borrowers", type=int, default=0, help="unrelated articles given a 1-3 sentence recap of a tree's version"
    )
    parser.add_argument("--digests", type=int, default=0, help="digest pages of three trees' leads")
    parser.add_argument("--verbose", action="store_true", help="print missed/spurious changes")
    return parser


TARGETS = {
    "ari": 0.98,
    "parent_accuracy": 0.90,
    "origin_accuracy": 0.95,
    "change_recall": 0.95,
    "change_precision": 0.90,
}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    grouper: Grouper = group_by_shared_sentences
    if args.grouper:
        module, _, name = args.grouper.partition(":")
        grouper = getattr(importlib.import_module(module), name)

    rng = random.Random(args.seed)
    start = time.perf_counter()
    sources = load_sources(args.data)
    load_time = time.perf_counter() - start
    start = time.perf_counter()
    time_rng = random.Random(f"time-{args.seed}") if args.time_modes else None
    trees, unrelated = build(sources, args.trees, args.noise, rng, args.edit_rate, time_rng)
    unrelated, borrowers = plant_borrowers(trees, unrelated, args.borrowers, args.digests, rng)
    build_time = time.perf_counter() - start
    scores = evaluate(trees, unrelated, grouper, args.verbose, borrowers)

    versions = sum(len(t.versions) for t in trees)
    print(
        f"trees {len(trees)} ({sum(t.wire for t in trees)} wire), versions {versions}, "
        f"unrelated {len(unrelated)}, seed {args.seed}, edit rate {args.edit_rate}, "
        f"time modes {'on' if args.time_modes else 'off'}"
    )
    print_scores(scores, load_time, build_time)
    return 0


def print_scores(scores: Scores, load_time: float, build_time: float) -> None:
    """The figures against their targets, the breakdowns, timings and the misses by kind."""
    for name, value in scores.figures.items():
        target = TARGETS.get(name)
        verdict = "" if target is None else "ok" if value >= target else "MISSED"
        mark = f"  (target {target:.2f}: {verdict})" if target is not None else ""
        shown = f"{value:.4f}" if isinstance(value, float) else str(value)
        print(f"{name:28s} {shown}{mark}")
    for name, (hits, total) in scores.breakdown.items():
        print(f"  {name:36s} {hits / max(1, total):.4f}  ({hits}/{total})")
    print(
        f"timing: load+split {load_time:.2f}s, simulate {build_time:.2f}s, "
        + ", ".join(f"{k} {v:.2f}s" for k, v in scores.timing.items())
    )
    if scores.missed:
        print("missed by kind/tag:", dict(scores.missed.most_common()))
    if scores.spurious:
        print("spurious by kind/tags:", dict(scores.spurious.most_common(12)))


if __name__ == "__main__":
    sys.exit(main())
