"""Grow copy trees from real articles, as ``simulate_propagation.py`` scores them.

Cleaned CLICK-ID articles become roots; copies (and copies of copies) get the edits outlets
make, each planted change recorded; trees whose root is absent stand for wire stories. Times
may be degraded as pages degrade them, and unrelated articles may borrow a recap of a tree.
No scoring here: see ``simulate_propagation.py`` for what is simulated and how it is scored.
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from newstrace.algo.align import is_chrome_sentence
from newstrace.algo.tokens import tokenize
from newstrace.clean import clean_page, split_sentences

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


def outlet_host(dateline: str) -> str:
    """The outlet a dateline names: "JAKARTA, KOMPAS.com - " -> "kompas.com"."""
    host = re.search(r"[A-Za-z0-9]+(?:\.[A-Za-z]+)+", dateline)
    if host:
        return host.group().lower()
    agency = re.search(r"\(([A-Z]+)\)", dateline)
    return f"{agency.group(1).lower()}news.com" if agency else dateline.strip(" -").lower()


def _outlet_name(dateline: str) -> str:
    """How a copy names the outlet it took the text from: "TRIBUNNEWS.COM - " -> "Tribunnews"."""
    return outlet_host(dateline).split(".")[0].title()


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


# --- a corpus --------------------------------------------------------------------------------


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
