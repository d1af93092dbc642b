"""What a copy changed: align a parent's sentences with a child's and classify each change.

Alignment works on word tokens (datelines aside), so reworded sentences (a swapped word, an
inserted clause, a changed number) still pair up, while sentences that merely share vocabulary
do not. Similarities come from one C++ pass (rapidfuzz ``cdist``); only pairs above a bar are
candidates. The core is a monotone alignment, the heaviest increasing chain of candidate pairs
(like a diff); sentences moved out of order are paired afterwards, a lone leftover sentence on
each side of a gap pairs up when the two still share words, and a sentence merged from two
(or split into two) takes its neighbour along when that explains the other side better.

Every change is a :class:`~newstrace.model.Change`: ``added``, ``removed`` or ``reworded``,
with a word diff for reworded sentences and tags that say what kind of edit it is:

``number``        a number or date changed
``quote``         words inside quotation marks changed
``hedge``         certainty or hedging changed ("dikabarkan" -> "dipastikan",
                  "belum diverifikasi oleh sumber lain" -> "... oleh Pyongyang")
``attribution``   who says it changed ("menurut X", "kata X", "X mengatakan")
``embellishment`` a sentence or clause asserting something new was added
``chrome``        a related-link line, dateline or outlet prefix: shown, not substantive
``lead``          a new lead sentence before the copied text
``truncation``    the child stops early: the parent's tail is gone
``appended``      sentences added after the copied text (appended background)
``wording``       a plain word substitution with none of the tags above

Pure functions on lists of sentences; no I/O.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Indel, LCSseq

from newstrace.algo.passages import tokenize
from newstrace.model import Change

__all__ = [
    "CHANGE_TAGS",
    "MIN_SIMILARITY",
    "Alignment",
    "align_sentences",
    "classify_change",
    "diff_articles",
    "is_chrome_sentence",
    "is_substantive",
    "strip_dateline",
    "summarise_changes",
    "word_diff",
]

CHANGE_TAGS = (
    "number", "quote", "hedge", "attribution", "embellishment",
    "chrome", "lead", "truncation", "appended", "wording",
)

Alignment = tuple[int | None, int | None, float]

# Token-level similarity (2 * common / total) above which two sentences are one reworded
# sentence; a one-word swap in a short sentence scores ~0.8, unrelated sentences ~0.2-0.3.
MIN_SIMILARITY = 0.5
# A sentence whose words mostly reappear inside a much longer one (an inserted clause) still
# pairs with it, as long as the two are not wildly different in length.
MIN_CONTAINMENT = 0.8
MIN_CONTAINED_RATIO = 0.35
MIN_CONTAINED_TOKENS = 5
# A lone sentence left on each side between two aligned pairs needs less to pair up.
MIN_GAP_SIMILARITY = 0.4
# Out-of-order pairs must be clearly the same sentence, since order no longer vouches for them.
MIN_MOVED_SIMILARITY = 0.6
# A merge/split neighbour must share this much of its own words with the joined sentence.
MIN_MERGE_SHARE = 0.5
# An inserted run this many words longer than what it replaced asserts something new.
MIN_EMBELLISHMENT_WORDS = 3
# Tokens after a verification verb or attribution cue that count as its scope.
SCOPE_WINDOW = 4

# --- lexicons (lower-case tokens as produced by ``tokenize``) --------------------------------

_HEDGE_WORDS = frozenset(
    """
    dikabarkan kabarnya dilaporkan diduga dugaan disebut disebutkan diklaim mengklaim klaim
    diperkirakan diprediksi kemungkinan mungkin konon katanya rumor diisukan sepertinya
    tampaknya agaknya diyakini dipercaya dikhawatirkan ditengarai disinyalir terindikasi
    diindikasikan santer belum dipastikan pasti terbukti dibenarkan membenarkan dikonfirmasi
    terkonfirmasi diverifikasi terverifikasi hoaks resmi
    reportedly allegedly alleged claimed claims unverified unconfirmed apparently possibly
    probably likely may might could rumoured rumored suspected purportedly supposedly
    confirmed verified definitely certainly
    """.split()
)
# Verbs whose object says how far a claim was checked ("belum diverifikasi oleh X").
_VERIFICATION_WORDS = frozenset(
    """
    diverifikasi terverifikasi dikonfirmasi terkonfirmasi dibenarkan dipastikan
    verified confirmed corroborated
    """.split()
)
_VERIFICATION_PHRASES = re.compile(
    r"\b(belum|tidak|tak|not|never)\s+(di|ter)?(verifikasi|konfirmasi|dikonfirmasi|"
    r"diverifikasi|benarkan|dibenarkan|been verified|been confirmed|verified|confirmed)\b"
    r"|\bunverified\b|\bunconfirmed\b|\bhoaks\b",
    re.IGNORECASE,
)
# The source follows the cue: "menurut X", "kata X", "ujar X", "mengutip X".
_ATTRIBUTION_BEFORE = frozenset(
    """
    menurut kata ujar ucap ungkap tutur imbuh terang tegas papar sebut jelas lanjut sambung
    mengutip dikutip dilansir melansir lansir according said says told via
    katanya ujarnya ucapnya ungkapnya tuturnya imbuhnya terangnya tegasnya paparnya sebutnya
    tulisnya jelasnya tambahnya kicaunya lanjutnya sambungnya
    """.split()
)
# The source precedes the cue: "X mengatakan", "The Express melaporkan".
_ATTRIBUTION_AFTER = frozenset(
    """
    mengatakan menyatakan melaporkan menyebutkan menjelaskan mengungkapkan menegaskan
    menuturkan memberitakan mewartakan menulis mengumumkan said says reported reports told
    wrote stated announced
    """.split()
)
_NUMBER_WORDS = frozenset(
    """
    nol satu dua tiga empat lima enam tujuh delapan sembilan sepuluh sebelas belas puluh
    ratus ribu juta miliar milyar triliun seratus seribu setengah separuh
    januari februari maret april mei juni juli agustus september oktober november desember
    senin selasa rabu kamis jumat sabtu minggu
    zero one two three four five six seven eight nine ten eleven twelve twenty thirty forty
    fifty hundred thousand million billion trillion half dozen
    january february march june july august october december
    monday tuesday wednesday thursday friday saturday sunday
    """.split()
)

# Quotation marks; single quotes count only at a word's edge (apostrophes are not quotes).
_DOUBLE_QUOTES = "\"“”„«»"
_SINGLE_QUOTES = "‘’'`"
_OPENING_QUOTES = "“„«‘"
_CLOSING_QUOTES = "”»’"
_QUOTE_CHARS = _DOUBLE_QUOTES + _SINGLE_QUOTES
_EDGE_PUNCT = "()[]{}.,;:!?…-–—"

# Related links, video teasers, bylines and source lines that outlets add around the text.
_CHROME_LINE = re.compile(
    r"^\W*(?:"
    r"baca\s*(?:juga|pula|selengkapnya\b|:)|lihat\s+juga\b"
    r"|simak\s+(?:juga|video|berita|selengkapnya)"
    r"|tonton\s+(?:juga|video)|video\s+pilihan|artikel\s+ini\s+(?:telah\s+)?(?:tayang|terbit)"
    r"|berita\s+terkait|klik\s+(?:di\s*sini|link|tautan)|ikuti\s+(?:kami|berita|akun)"
    r"|dapatkan\s+(?:update|informasi|berita)|download\s+aplikasi|unduh\s+aplikasi"
    r"|scroll\s+(?:to|untuk)|advertisement|also\s+read|read\s+more|read\s+also|watch:"
    r"|(?:editor|penulis|reporter|pewarta|penyunting|sumber|source|foto|video|kontributor)\s*:"
    r"|\((?:source|sumber)\s*:"
    r")",
    re.IGNORECASE,
)
# A line that is nothing but an outlet credit or a bare dateline: "(Tribunnews.com/Abc)",
# "kontan.co.id", "Jakarta (ANTARA)", "TEMPO.CO, Jakarta".
_OUTLET_ONLY = re.compile(
    r"^\W*(?:[\w-]+\s*)?[\w-]+\.(?:com|co\.id|co|id|net|tv|org)\b[\w ./,-]{0,40}\W*$"
    r"|^\W*(?:[A-Z][\w.]*\s*,?\s*){0,3}\(?\b(?:ANTARA|AFP|Reuters|AP)\b\)?\W*$",
)
# A dateline or outlet prefix: "TRIBUNNEWS.COM - ", "JAKARTA, KOMPAS.com - ",
# "KONTAN.CO.ID - MOSKOW. ", "Liputan6.com, Jakarta - ", "JAKARTA - ", "Jakarta (ANTARA) - ".
# Matched from a position (``match(text, pos)``), so no ``^``: stacked datelines come off one
# by one.
_DATELINE = re.compile(
    r"\s*(?:"
    r"(?:[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*){0,2}\s*,\s*)?"
    r"[\w-]+(?:\s*-\s*[\w-]+)?\.(?i:com|co\.id|co|id|net|tv|org)\b(?:\s*,\s*[A-Z][\w ]{1,25})?"
    r"|[A-Z][A-Z.]{2,}(?:\s+[A-Z][A-Z.]+){0,2}(?:\s*,\s*[A-Z][\w.]+)?(?:\s*\([A-Z][\w.]+\))?"
    r"|[A-Z][a-z]+\s*\([A-Z][\w.]+\)"
    r")\s*[-–—]+\s*(?:[A-Z][A-Z]{2,}\.\s+)?"
)


# --- alignment -------------------------------------------------------------------------------


def align_sentences(
    parent: Sequence[str],
    child: Sequence[str],
    *,
    min_similarity: float = MIN_SIMILARITY,
) -> list[Alignment]:
    """Align two sentence lists: ``(parent_index, child_index, similarity)`` in reading order.

    ``(i, j, s)`` pairs parent sentence ``i`` with child sentence ``j`` (same or reworded);
    ``(i, None, 0.0)`` is a removed and ``(None, j, 0.0)`` an added sentence. A sentence merged
    from two appears in two tuples with the same child index (a split: same parent index).
    Order follows the child, removed sentences where they stood in the parent.
    """
    if not 0.0 < min_similarity <= 1.0:
        raise ValueError("min_similarity must be in (0, 1]")
    # Datelines are left out: a copy swapping the outlet prefix keeps the sentence.
    parent_tokens = [tokenize(strip_dateline(s)[1]) for s in parent]
    child_tokens = [tokenize(strip_dateline(s)[1]) for s in child]
    similarity = _similarity_matrix(parent_tokens, child_tokens, min_similarity)
    # Gains relative to a floor just under the bar: an exact pair outweighs two weak ones,
    # so a moved sentence is not mistaken for a chain of rewordings.
    gain = np.where(similarity > 0.0, similarity - (min_similarity - _GAIN_SLACK), 0.0)
    pairs = _monotone_pairs(gain)
    pairs |= _moved_pairs(similarity, pairs)
    pairs |= _gap_pairs(parent_tokens, child_tokens, pairs)
    pairs |= _merge_split_pairs(parent_tokens, child_tokens, pairs)
    return _in_reading_order(pairs, similarity, len(parent), len(child))


def _similarity_matrix(
    parent_tokens: list[list[str]], child_tokens: list[list[str]], min_similarity: float
) -> np.ndarray:
    """Sentence similarity, zero below the match bar.

    The token-ratio (2 * common / total, in order) is computed in one C++ pass; the
    containment measure that keeps an embellished sentence with its original is only
    computed where the cheap ratio shows enough overlap to matter.
    """
    if not parent_tokens or not child_tokens:
        return np.zeros((len(parent_tokens), len(child_tokens)))
    ratio = process.cdist(
        parent_tokens, child_tokens, scorer=Indel.normalized_similarity,
        score_cutoff=MIN_CONTAINED_RATIO, dtype=np.float32,
    ).astype(np.float64)
    similarity = np.where(ratio >= min_similarity, ratio, 0.0)
    rows, cols = np.nonzero((ratio >= MIN_CONTAINED_RATIO) & (ratio < min_similarity))
    for i, j in zip(rows.tolist(), cols.tolist()):
        shorter = min(len(parent_tokens[i]), len(child_tokens[j]))
        if shorter < MIN_CONTAINED_TOKENS:
            continue
        common = LCSseq.similarity(parent_tokens[i], child_tokens[j])
        if common / shorter >= MIN_CONTAINMENT:
            # Ranked just above the bar: a contained sentence is a match, but a weaker one
            # than a plain reworded sentence when both compete.
            similarity[i, j] = min_similarity + 0.01 * ratio[i, j]
    return similarity


_GAIN_SLACK = 0.05


def _monotone_pairs(gain: np.ndarray) -> set[tuple[int, int]]:
    """Order-preserving pairs maximising total gain: the heaviest increasing chain over the
    candidate pairs (few per sentence after the similarity bar), found with a prefix-maximum
    tree over child positions in O(K log K) for K candidates."""
    rows, cols = np.nonzero(gain > 0.0)
    # Same parent sentence: larger child positions first, so that they cannot chain.
    order = sorted(zip(rows.tolist(), cols.tolist()), key=lambda pair: (pair[0], -pair[1]))
    size = gain.shape[1]
    tree_value = [0.0] * (size + 1)  # prefix maxima of chain weight by child position
    tree_index = [-1] * (size + 1)
    best: list[float] = []
    previous: list[int] = []
    for i, j in order:
        value, index, k = 0.0, -1, j  # best chain ending before child position j
        while k > 0:
            if tree_value[k] > value:
                value, index = tree_value[k], tree_index[k]
            k -= k & -k
        best.append(value + float(gain[i, j]))
        previous.append(index)
        k = j + 1
        while k <= size:
            if best[-1] > tree_value[k]:
                tree_value[k], tree_index[k] = best[-1], len(best) - 1
            k += k & -k
    pairs: set[tuple[int, int]] = set()
    k = max(range(len(best)), key=best.__getitem__, default=-1)
    while k >= 0:
        pairs.add(order[k])
        k = previous[k]
    return pairs


def _moved_pairs(similarity: np.ndarray, pairs: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """Pair leftover sentences that moved out of order, best first."""
    used_parent = {i for i, _ in pairs}
    used_child = {j for _, j in pairs}
    rows, cols = np.nonzero(similarity >= MIN_MOVED_SIMILARITY)
    candidates = sorted(
        (
            (-similarity[i, j], i, j)
            for i, j in zip(rows.tolist(), cols.tolist())
            if i not in used_parent and j not in used_child
        )
    )
    moved: set[tuple[int, int]] = set()
    for _, i, j in candidates:
        if i in used_parent or j in used_child:
            continue
        moved.add((i, j))
        used_parent.add(i)
        used_child.add(j)
    return moved


def _gap_pairs(
    parent_tokens: list[list[str]], child_tokens: list[list[str]], pairs: set[tuple[int, int]]
) -> set[tuple[int, int]]:
    """Pair the lone leftover sentence on each side of a gap between two aligned pairs when
    they still share some words: in that spot they are one sentence reworded ("kata X" ->
    "kata Y" in a short sentence), not one removed and another added."""
    used_parent = {i for i, _ in pairs}
    used_child = {j for _, j in pairs}
    anchors = sorted(pairs)
    extra: set[tuple[int, int]] = set()
    if not anchors:
        return extra
    previous = anchors[0]
    for anchor in anchors[1:]:
        if anchor[0] <= previous[0] or anchor[1] <= previous[1]:
            continue  # a moved pair: not a gap boundary
        gap_parent = [i for i in range(previous[0] + 1, anchor[0]) if i not in used_parent]
        gap_child = [j for j in range(previous[1] + 1, anchor[1]) if j not in used_child]
        if len(gap_parent) == 1 and len(gap_child) == 1:
            i, j = gap_parent[0], gap_child[0]
            if (parent_tokens[i] and child_tokens[j] and Indel.normalized_similarity(
                    parent_tokens[i], child_tokens[j]) >= MIN_GAP_SIMILARITY):
                extra.add((i, j))
        previous = anchor
    return extra


def _merge_split_pairs(
    parent_tokens: list[list[str]],
    child_tokens: list[list[str]],
    pairs: set[tuple[int, int]],
) -> set[tuple[int, int]]:
    """Extra pairs for a sentence merged from its neighbours (or split into two).

    An unmatched neighbour joins a pair when the joined text resembles the other side
    clearly better than the pair alone did.
    """
    extra: set[tuple[int, int]] = set()
    used_parent = {i for i, _ in pairs}
    used_child = {j for _, j in pairs}
    for i, j in sorted(pairs):
        # Merge: parent sentences around i joined into child sentence j.
        group = [i]
        for step in (-1, 1):
            k = i + step
            while 0 <= k < len(parent_tokens) and k not in used_parent:
                joined = [t for g in sorted(group + [k]) for t in parent_tokens[g]]
                if not _joins_better(parent_tokens[k], joined, group, parent_tokens,
                                     child_tokens[j]):
                    break
                group.append(k)
                used_parent.add(k)
                extra.add((k, j))
                k += step
        # Split: child sentences around j together copy parent sentence i.
        group = [j]
        for step in (-1, 1):
            k = j + step
            while 0 <= k < len(child_tokens) and k not in used_child:
                joined = [t for g in sorted(group + [k]) for t in child_tokens[g]]
                if not _joins_better(child_tokens[k], joined, group, child_tokens,
                                     parent_tokens[i]):
                    break
                group.append(k)
                used_child.add(k)
                extra.add((i, k))
                k += step
    return extra


def _joins_better(
    neighbour: list[str],
    joined: list[str],
    group: list[int],
    side_tokens: list[list[str]],
    other: list[str],
) -> bool:
    """True when adding ``neighbour`` to ``group`` makes it match ``other`` clearly better."""
    if not neighbour or not other:
        return False
    share = LCSseq.similarity(neighbour, other) / len(neighbour)
    if share < MIN_MERGE_SHARE:
        return False
    alone = [t for g in sorted(group) for t in side_tokens[g]]
    return Indel.normalized_similarity(joined, other) > Indel.normalized_similarity(alone, other) + 0.05


def _in_reading_order(
    pairs: set[tuple[int, int]], similarity: np.ndarray, n_parent: int, n_child: int
) -> list[Alignment]:
    """All pairs, additions and removals, ordered by the child; removals where they stood."""
    child_of_parent: dict[int, int] = {}
    for i, j in pairs:
        child_of_parent[i] = min(j, child_of_parent.get(i, j))
    matched_child = {j for _, j in pairs}
    keyed: list[tuple[tuple[float, int, int], Alignment]] = []
    for i, j in pairs:
        keyed.append(((float(j), 0, i), (i, j, float(similarity[i, j]))))
    for j in range(n_child):
        if j not in matched_child:
            keyed.append(((float(j), 0, -1), (None, j, 0.0)))
    anchor = -1.0
    for i in range(n_parent):
        if i in child_of_parent:
            anchor = float(child_of_parent[i])
        else:
            keyed.append(((anchor + 0.5, 1, i), (i, None, 0.0)))
    keyed.sort(key=lambda item: item[0])
    return [alignment for _, alignment in keyed]


# --- word diff and classification ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Words:
    """A sentence as surface words with comparison keys and quotation flags."""

    words: list[str]
    keys: list[str]
    quoted: list[bool]


def _words(text: str) -> _Words:
    words = text.split()
    return _Words(words, [_word_key(w) for w in words], _quote_mask(words))


@lru_cache(maxsize=65536)
def _word_key(word: str) -> str:
    """A surface word's comparison key: its tokens, lower-cased, punctuation gone."""
    return " ".join(tokenize(word))


def _quote_mask(words: list[str]) -> list[bool]:
    """Which words stand inside quotation marks, even partly ('publik."Jadi').

    Double quotes open and close anywhere; single quotes only in a word's leading or trailing
    punctuation, so that apostrophes ("Jong-un's") are not taken for quotes.
    """
    mask: list[bool] = []
    inside = False
    edges = _EDGE_PUNCT + _QUOTE_CHARS
    for word in words:
        touched = inside
        lead = len(word) - len(word.lstrip(edges))
        tail = len(word.rstrip(edges))
        for position, char in enumerate(word):
            at_edge = position < lead or position >= tail
            if char in _DOUBLE_QUOTES or (char in _SINGLE_QUOTES and at_edge):
                if char in _OPENING_QUOTES:
                    inside = True
                elif char in _CLOSING_QUOTES:
                    inside = False
                else:
                    inside = not inside
                touched = touched or inside
        mask.append(touched)
    return mask


def _opcodes(old: _Words, new: _Words) -> list[tuple[str, int, int, int, int]]:
    matcher = difflib.SequenceMatcher(None, old.keys, new.keys, autojunk=False)
    return [op for op in matcher.get_opcodes()]


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Word-level diff as ``(op, words)`` with op ``=`` (kept), ``-`` (dropped), ``+`` (added)."""
    return _word_diff(_words(old), _words(new))


def _word_diff(old: _Words, new: _Words) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []

    def emit(op: str, words: list[str]) -> None:
        if not words:
            return
        text = " ".join(words)
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + " " + text)
        else:
            out.append((op, text))

    for tag, i1, i2, j1, j2 in _opcodes(old, new):
        if tag == "equal":
            emit("=", new.words[j1:j2])
        else:
            emit("-", old.words[i1:i2])
            emit("+", new.words[j1:j2])
    return out


def strip_dateline(sentence: str) -> tuple[str, str]:
    """Split an outlet/dateline prefix off a sentence: ``(prefix, rest)``.

    A copy may stack its own dateline on the source's ("TRIBUNNEWS.COM - JAKARTA, KOMPAS.com -
    ..."), so prefixes are taken off while they last.
    """
    end = 0
    while match := _DATELINE.match(sentence, end):
        if match.end() >= len(sentence.rstrip()) or match.end() == end:
            break
        end = match.end()
    return sentence[:end], sentence[end:]


@lru_cache(maxsize=65536)
def is_chrome_sentence(sentence: str) -> bool:
    """A related-link, video-teaser, byline, source or outlet-credit line, or no words at all."""
    text = sentence.strip()
    # A lone word ("TERBARU", "[X]") is page furniture, never a claim.
    if len(tokenize(text)) <= 1:
        return True
    if _CHROME_LINE.match(text) or _OUTLET_ONLY.match(text):
        return True
    prefix, rest = strip_dateline(text)
    return bool(prefix) and not tokenize(rest)


def classify_change(old: str, new: str) -> list[str]:
    """Tags for a reworded sentence ``old`` -> ``new`` (see the module docstring)."""
    return _classify(_words(old), _words(new), old, new)


def _classify(old: _Words, new: _Words, old_text: str, new_text: str) -> list[str]:
    old_prefix, old_body = strip_dateline(old_text)
    new_prefix, new_body = strip_dateline(new_text)
    if old_prefix or new_prefix:
        if tokenize(old_body) == tokenize(new_body):
            return ["chrome"]
        # Judge the content only, so a changed outlet prefix does not pass for a new claim.
        old, new = _words(old_body), _words(new_body)
        old_text, new_text = old_body, new_body
    opcodes = [op for op in _opcodes(old, new) if op[0] != "equal"]
    deleted = [k for _, i1, i2, _, _ in opcodes for k in old.keys[i1:i2] if k]
    inserted = [k for _, _, _, j1, j2 in opcodes for k in new.keys[j1:j2] if k]
    if not deleted and not inserted:
        return []
    tags: list[str] = []
    if _numbers(old.keys) != _numbers(new.keys):
        tags.append("number")
    if _quote_changed(old, new, opcodes):
        tags.append("quote")
    if _hedge_changed(old, new, opcodes):
        tags.append("hedge")
    if _attribution_changed(old, new):
        tags.append("attribution")
    if _adds_clause(old, new, opcodes):
        tags.append("embellishment")
    if not tags:
        tags.append("wording")
    return tags


def _numbers(keys: Iterable[str]) -> Counter[str]:
    found: Counter[str] = Counter()
    for key in keys:
        for token in key.split():
            if token[0].isdigit() or token in _NUMBER_WORDS:
                found[token] += 1
    return found


def _quote_changed(old: _Words, new: _Words, opcodes: list[tuple[str, int, int, int, int]]) -> bool:
    for _, i1, i2, j1, j2 in opcodes:
        if any(old.quoted[i] and old.keys[i] for i in range(i1, i2)):
            return True
        if any(new.quoted[j] and new.keys[j] for j in range(j1, j2)):
            return True
    return False


def _hedge_changed(old: _Words, new: _Words, opcodes: list[tuple[str, int, int, int, int]]) -> bool:
    def hedges(words: _Words) -> Counter[str]:
        return Counter(t for k in words.keys for t in k.split() if t in _HEDGE_WORDS)

    if hedges(old) != hedges(new):
        return True
    # "belum diverifikasi oleh sumber lain" -> "... oleh Pyongyang": who checked it changed.
    return _touches_scope(old, new, opcodes, _VERIFICATION_WORDS, after=True)


def _attribution_changed(old: _Words, new: _Words) -> bool:
    """The words naming who says it differ ("kata X" -> "kata Y", "menurut X" added)."""
    return _attribution_sources(old) != _attribution_sources(new)


def _attribution_sources(words: _Words) -> set[tuple[str, ...]]:
    """The words naming a source next to each attribution cue in the sentence."""
    sources: set[tuple[str, ...]] = set()
    open_cue = False  # a "menurut X" whose clause is still running
    for position, key in enumerate(words.keys):
        for token in key.split():
            if token in _ATTRIBUTION_BEFORE:
                open_cue = True
                sources.add(tuple(_scope_keys(words, position, after=True)))
            elif token in _ATTRIBUTION_AFTER and not open_cue:
                # "menurut X yang ... menyebutkan": X was already named by "menurut".
                sources.add(tuple(_scope_keys(words, position, after=False)))
        if _ends_clause(words.words[position]):
            open_cue = False
    sources.discard(())
    return sources


def _ends_clause(word: str) -> bool:
    return word.rstrip(_QUOTE_CHARS)[-1:] in ",.;:!?"


def _scope_positions(words: _Words, position: int, *, after: bool) -> list[int]:
    """Word positions within a cue's scope, stopping at clause punctuation."""
    positions: list[int] = []
    if after:
        if _ends_clause(words.words[position]):
            return positions
        for k in range(position + 1, min(len(words.words), position + 1 + SCOPE_WINDOW)):
            positions.append(k)
            if _ends_clause(words.words[k]):
                break
    else:
        for k in range(position - 1, max(-1, position - 1 - SCOPE_WINDOW), -1):
            if _ends_clause(words.words[k]):
                break
            positions.append(k)
    return positions


def _scope_keys(words: _Words, position: int, *, after: bool) -> list[str]:
    return [words.keys[k] for k in sorted(_scope_positions(words, position, after=after))
            if words.keys[k]]


def _touches_scope(
    old: _Words,
    new: _Words,
    opcodes: list[tuple[str, int, int, int, int]],
    cue_words: frozenset[str],
    *,
    after: bool,
) -> bool:
    """True when an edit falls within the scope of one of ``cue_words`` in either sentence."""
    for words, side in ((old, 0), (new, 1)):
        changed: set[int] = set()
        for _, i1, i2, j1, j2 in opcodes:
            start, end = (i1, i2) if side == 0 else (j1, j2)
            changed.update(range(start, end))
        if not changed:
            continue
        for position, key in enumerate(words.keys):
            if any(t in cue_words for t in key.split()):
                if changed.intersection(_scope_positions(words, position, after=after)):
                    return True
    return False


def _adds_clause(old: _Words, new: _Words, opcodes: list[tuple[str, int, int, int, int]]) -> bool:
    """An edit that adds several words the old sentence never used (words merely moved
    around, as in a reordered name and title, do not count)."""
    old_vocabulary = set(old.keys)
    for _, i1, i2, j1, j2 in opcodes:
        novel = sum(1 for k in new.keys[j1:j2] if k and k not in old_vocabulary)
        removed = sum(1 for k in old.keys[i1:i2] if k)
        if novel - removed >= MIN_EMBELLISHMENT_WORDS:
            return True
    return False


# --- article diff ----------------------------------------------------------------------------


def diff_articles(
    parent_id: str,
    child_id: str,
    parent_sents: Sequence[str],
    child_sents: Sequence[str],
    *,
    alignment: list[Alignment] | None = None,
) -> list[Change]:
    """Every sentence-level change from parent to child, in the child's reading order.

    ``alignment`` may pass a precomputed :func:`align_sentences` result.
    """
    if alignment is None:
        alignment = align_sentences(parent_sents, child_sents)
    units = _units(alignment)
    # Leads, tails and cuts are judged against the copied text, not against related links
    # that happen to recur in both versions.
    matched = [u for u in units if u[0] and u[1]
               and not all(is_chrome_sentence(child_sents[j]) for j in u[1])]
    first_child = min((min(c) for _, c in matched), default=None)
    last_child = max((max(c) for _, c in matched), default=None)
    last_parent = max((max(p) for p, _ in matched), default=None)
    changes: list[Change] = []
    for parents, children in units:
        old = " ".join(parent_sents[i] for i in parents) if parents else None
        new = " ".join(child_sents[j] for j in children) if children else None
        if old is not None and new is not None:
            if old == new or tokenize(old) == tokenize(new):
                continue  # only punctuation, case or spacing differs
            old_words, new_words = _words(old), _words(new)
            changes.append(Change(
                parent=parent_id, child=child_id, kind="reworded", old=old, new=new,
                tags=_classify(old_words, new_words, old, new),
                word_diff=_word_diff(old_words, new_words),
            ))
        elif new is not None:
            position = children[0]
            tags = _added_tags(new, position, first_child, last_child)
            changes.append(Change(parent=parent_id, child=child_id, kind="added", old=None,
                                  new=new, tags=tags, word_diff=[("+", new)]))
        elif old is not None:
            tags = _removed_tags(old, parents[0], last_parent)
            changes.append(Change(parent=parent_id, child=child_id, kind="removed", old=old,
                                  new=None, tags=tags, word_diff=[("-", old)]))
    return changes


def _units(alignment: list[Alignment]) -> list[tuple[list[int], list[int]]]:
    """Group alignment tuples into units: merged/split pairs become one unit."""
    units: list[tuple[list[int], list[int]]] = []
    unit_of_parent: dict[int, int] = {}
    unit_of_child: dict[int, int] = {}
    for i, j, _ in alignment:
        if i is not None and j is not None:
            k = unit_of_parent.get(i, unit_of_child.get(j))
            if k is None:
                k = len(units)
                units.append(([], []))
            if i not in units[k][0]:
                units[k][0].append(i)
            if j not in units[k][1]:
                units[k][1].append(j)
            unit_of_parent[i] = unit_of_child[j] = k
        elif i is not None:
            units.append(([i], []))
        elif j is not None:
            units.append(([], [j]))
    for parents, children in units:
        parents.sort()
        children.sort()
    return units


def _added_tags(sentence: str, position: int, first_child: int | None,
                last_child: int | None) -> list[str]:
    if is_chrome_sentence(sentence):
        return ["chrome"]
    tags: list[str]
    if first_child is None or last_child is None:
        tags = []
    elif position < first_child:
        tags = ["lead"]
    elif position > last_child:
        tags = ["appended"]
    else:
        tags = ["embellishment"]
    if _VERIFICATION_PHRASES.search(sentence):
        tags.append("hedge")
    return tags


def _removed_tags(sentence: str, position: int, last_parent: int | None) -> list[str]:
    if is_chrome_sentence(sentence):
        return ["chrome"]
    tags = ["truncation"] if last_parent is not None and position > last_parent else []
    if _VERIFICATION_PHRASES.search(sentence):
        tags.append("hedge")
    return tags


def is_substantive(change: Change) -> bool:
    """Chrome (related links, datelines, outlet prefixes) is shown but not counted."""
    return "chrome" not in change.tags


def summarise_changes(changes: Iterable[Change]) -> dict[str, int]:
    """Counts for display: ``total``, ``substantive``, ``chrome``, then per kind and per tag
    over substantive changes only."""
    summary: Counter[str] = Counter()
    for change in changes:
        summary["total"] += 1
        if not is_substantive(change):
            summary["chrome"] += 1
            continue
        summary["substantive"] += 1
        summary[change.kind] += 1
        for tag in change.tags:
            summary[tag] += 1
    ordered = ["total", "substantive", "chrome", "added", "removed", "reworded", *CHANGE_TAGS]
    return {key: summary[key] for key in dict.fromkeys(ordered) if summary[key]}
