"""What a copy changed: align a parent's sentences with a child's and classify each change.

Sentences are paired by :mod:`newstrace.algo.align`; the cues live in
:mod:`newstrace.lang.change_cues`.

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
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from newstrace.algo.align import Alignment, align_sentences, is_chrome_sentence, strip_dateline
from newstrace.algo.tokens import tokenize
from newstrace.lang.change_cues import (
    ATTRIBUTION_AFTER,
    ATTRIBUTION_BEFORE,
    CLOSING_QUOTES,
    DOUBLE_QUOTES,
    EDGE_PUNCT,
    HEDGE_WORDS,
    NUMBER_WORDS,
    OPENING_QUOTES,
    QUOTE_CHARS,
    SINGLE_QUOTES,
    VERIFICATION_PHRASES,
    VERIFICATION_WORDS,
)
from newstrace.model import Change

__all__ = [
    "CHANGE_TAGS",
    "classify_change",
    "diff_articles",
    "is_substantive",
    "summarise_changes",
    "word_diff",
]

CHANGE_TAGS = (
    "number",
    "quote",
    "hedge",
    "attribution",
    "embellishment",
    "chrome",
    "lead",
    "truncation",
    "appended",
    "wording",
)

# An inserted run this many words longer than what it replaced asserts something new.
MIN_EMBELLISHMENT_WORDS = 3
# Tokens after a verification verb or attribution cue that count as its scope.
SCOPE_WINDOW = 4


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
    edges = EDGE_PUNCT + QUOTE_CHARS
    for word in words:
        touched = inside
        lead = len(word) - len(word.lstrip(edges))
        tail = len(word.rstrip(edges))
        for position, char in enumerate(word):
            at_edge = position < lead or position >= tail
            if char in DOUBLE_QUOTES or (char in SINGLE_QUOTES and at_edge):
                if char in OPENING_QUOTES:
                    inside = True
                elif char in CLOSING_QUOTES:
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
            if token[0].isdigit() or token in NUMBER_WORDS:
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
        return Counter(t for k in words.keys for t in k.split() if t in HEDGE_WORDS)

    if hedges(old) != hedges(new):
        return True
    # "belum diverifikasi oleh sumber lain" -> "... oleh Pyongyang": who checked it changed.
    return _touches_scope(old, new, opcodes, VERIFICATION_WORDS, after=True)


def _attribution_changed(old: _Words, new: _Words) -> bool:
    """The words naming who says it differ ("kata X" -> "kata Y", "menurut X" added)."""
    return _attribution_sources(old) != _attribution_sources(new)


def _attribution_sources(words: _Words) -> set[tuple[str, ...]]:
    """The words naming a source next to each attribution cue in the sentence."""
    sources: set[tuple[str, ...]] = set()
    open_cue = False  # a "menurut X" whose clause is still running
    for position, key in enumerate(words.keys):
        for token in key.split():
            if token in ATTRIBUTION_BEFORE:
                open_cue = True
                sources.add(tuple(_scope_keys(words, position, after=True)))
            elif token in ATTRIBUTION_AFTER and not open_cue:
                # "menurut X yang ... menyebutkan": X was already named by "menurut".
                sources.add(tuple(_scope_keys(words, position, after=False)))
        if _ends_clause(words.words[position]):
            open_cue = False
    sources.discard(())
    return sources


def _ends_clause(word: str) -> bool:
    return word.rstrip(QUOTE_CHARS)[-1:] in ",.;:!?"


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
    return [words.keys[k] for k in sorted(_scope_positions(words, position, after=after)) if words.keys[k]]


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
    matched = [u for u in units if u[0] and u[1] and not all(is_chrome_sentence(child_sents[j]) for j in u[1])]
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
            tags = _classify(old_words, new_words, old, new)
            changes.append(Change(parent_id, child_id, "reworded", old, new, tags, _word_diff(old_words, new_words)))
        elif new is not None:
            tags = _added_tags(new, children[0], first_child, last_child)
            changes.append(Change(parent_id, child_id, "added", None, new, tags, [("+", new)]))
        elif old is not None:
            tags = _removed_tags(old, parents[0], last_parent)
            changes.append(Change(parent_id, child_id, "removed", old, None, tags, [("-", old)]))
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


def _added_tags(sentence: str, position: int, first_child: int | None, last_child: int | None) -> list[str]:
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
    if VERIFICATION_PHRASES.search(sentence):
        tags.append("hedge")
    return tags


def _removed_tags(sentence: str, position: int, last_parent: int | None) -> list[str]:
    if is_chrome_sentence(sentence):
        return ["chrome"]
    tags = ["truncation"] if last_parent is not None and position > last_parent else []
    if VERIFICATION_PHRASES.search(sentence):
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
