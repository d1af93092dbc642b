"""Plant hedge and attribution changes on quoted claims along copy edges, and score them.

The claims part of ``simulate_adversarial.py``. After the trees are grown, copies (in the order
they were made, so a copy of a copy sees its parent's planted change) alter one attributed
statement they share unchanged with their parent, as outlets do:

  add_unverified    a sentence after the statement says nobody has checked it
                    ("Pernyataan tersebut belum diverifikasi oleh sumber lain.")
  change_agent      that sentence names another checker ("... oleh sumber lain" -> "... oleh kepolisian")
  remove_unverified that sentence is dropped again
  add_hedge         the reporting verb is hedged ("X mengatakan" -> "X dikabarkan mengatakan")
  remove_hedge      the hedge is dropped again
  change_via        the medium the statement was taken from is named or changed
                    ("..., kata X." -> "..., kata X, seperti dikutip dari Antara.")

Each change is made in the copy and in every later copy of it that still holds the statement,
so only the planted edge differs. Its own random stream keeps the trees (and every other figure)
the same with or without it. Scored on the stored claims after ingest and analyze:

  in_parent                the share of changed statements the pipeline extracts as claims in
                           the parent (what the figures below are counted over)
  claim_link_recall        the copy's occurrence of the statement has its parent's claim id
                           (a copy whose changed statement is no longer extracted is a miss)
  certainty_change_recall  the change is reported on that claim along the true edge, with the
                           kind it should have (certainty or hedge; attribution for via)
  *_end_to_end             the same where the tracer also found the edge (what ``trace`` shows)
  claim_link_recall_all   link recall over all planted changes, extracted in the parent or not
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from adversarial_plant import UNKNOWN, Doc, Scenario
from propagation_plant import Planted
from rapidfuzz import fuzz

from newstrace.claims.link import certainty_changes
from newstrace.store import Store
from newstrace.store import claims as claim_db

EDITS = ("add_unverified", "change_agent", "remove_unverified", "add_hedge", "remove_hedge", "change_via")
UNVERIFIED = [
    "Pernyataan tersebut belum diverifikasi oleh {agent}.",
    "Klaim itu belum dapat dikonfirmasi oleh {agent}.",
    "Informasi ini belum dapat dipastikan kebenarannya oleh {agent}.",
]
AGENTS = ["sumber lain", "pihak berwenang", "kepolisian", "pemerintah setempat", "media lain", "tim redaksi"]
MEDIA = ["Antara", "Kompas.com", "Reuters", "AFP", "CNN Indonesia", "Detik.com", "Republika"]
HEDGE_WORDS = ["dikabarkan", "dilaporkan", "kabarnya"]
QUOTED = re.compile(r"[“\"]([^”\"]{25,})[”\"]")
CUE_AFTER = re.compile(
    r"[”\"],?\s+(?:kata|ujar|ucap|tutur|jelas|ungkap|terang|tegas|papar|imbuh|tambah)(?:nya)?\s+[^.“”\"]{3,60}\.$"
)
REPORTED = re.compile(r"\b[A-Z][\w.'-]+ (mengatakan|menyatakan|menjelaskan|mengungkapkan|menegaskan|menyebutkan)\s")
HEDGED = re.compile(r"\b(dikabarkan|disebut-sebut|diduga|dilaporkan|kabarnya|belum|isu|rumor|konon)\b", re.I)
VIA = re.compile(r", seperti dikutip dari [^,.]+\.$")


@dataclass(slots=True)
class ClaimEdit:
    """One planted change on the statement ``anchor`` along the copy edge parent -> child."""

    parent: str
    child: str
    kind: str
    anchor: str  # the statement's sentence as the child prints it
    expect: frozenset[str]  # change kinds that report it: {"certainty", "hedge"} or {"attribution"}


@dataclass(slots=True)
class _Op:
    """A text operation, replayed on the later copies that still hold its target."""

    kind: str  # insert_after, replace, delete
    target: str
    new: str = ""

    def apply(self, doc: Doc) -> bool:
        if self.target not in doc.sentences:
            return False
        k = doc.sentences.index(self.target)
        if self.kind == "insert_after":
            doc.sentences.insert(k + 1, self.new)
        elif self.kind == "replace":
            doc.sentences[k] = self.new
        else:
            del doc.sentences[k]
        return True


@dataclass(slots=True)
class ClaimPlanter:
    rng: random.Random
    rate: float
    edits: list[ClaimEdit] = field(default_factory=list)
    unverified: set[str] = field(default_factory=set)  # planted "belum diverifikasi" sentences
    hedged: dict[str, str] = field(default_factory=dict)  # hedged statement -> its unhedged form

    def plant(self, scenarios: list[Scenario]) -> list[ClaimEdit]:
        for scenario in scenarios:
            by_id = {d.id: d for d in scenario.docs}
            children: dict[str, list[Doc]] = defaultdict(list)
            for doc in scenario.docs:
                if doc.parent:
                    children[doc.parent].append(doc)
            for doc in scenario.docs:  # made in this order: a parent before its copies
                parent = by_id.get(doc.parent or "")
                if parent is None or doc.parent == UNKNOWN or doc.role != "copy" or self.rng.random() >= self.rate:
                    continue
                made = self._edit(parent, doc)
                if made is None:
                    continue
                edit, op, planted = made
                for later in _descendants(doc, children):
                    op.apply(later)
                planted.parent, planted.child = parent.id, doc.id
                edit.parent = parent.id
                scenario.planted.append(planted)
                self.edits.append(edit)
        return self.edits

    def _edit(self, parent: Doc, doc: Doc) -> tuple[ClaimEdit, _Op, Planted] | None:
        shared = set(parent.sentences)
        options = [
            (kind, k)
            for k, sentence in enumerate(doc.sentences)
            if sentence in shared and k != 0
            for kind in self._kinds(sentence, _next(doc.sentences, k), shared)
        ]
        if not options:
            return None
        kind, k = self.rng.choice(options)
        sentence = doc.sentences[k]
        op, planted = _MAKERS[kind](self, sentence, _next(doc.sentences, k))
        op.apply(doc)
        anchor = op.new if kind in ("add_hedge", "remove_hedge", "change_via") else sentence
        expect = frozenset({"attribution"}) if kind == "change_via" else frozenset({"certainty", "hedge"})
        return ClaimEdit("", doc.id, kind, anchor, expect), op, planted

    def _kinds(self, sentence: str, nxt: str, shared: set[str]) -> list[str]:
        """The edits a statement shared with the parent allows (``nxt``: the sentence after it)."""
        if sentence in self.hedged:
            return ["remove_hedge"]
        if not _statement(sentence):
            return []
        if nxt in self.unverified and nxt in shared:
            return ["change_agent", "remove_unverified"]
        if HEDGED.search(sentence) or HEDGED.search(nxt):
            return []  # a hedge of the source's own would blur what was planted
        kinds = ["add_unverified"]
        if REPORTED.search(sentence) and not QUOTED.search(sentence):
            kinds.append("add_hedge")
        if CUE_AFTER.search(sentence) or VIA.search(sentence):
            kinds.append("change_via")
        return kinds

    def _add_unverified(self, sentence: str, nxt: str) -> tuple[_Op, Planted]:
        new = self.rng.choice(UNVERIFIED).format(agent=self.rng.choice(AGENTS))
        self.unverified.add(new)
        return _Op("insert_after", sentence, new), Planted("", "", "added", None, None, new)

    def _change_agent(self, sentence: str, nxt: str) -> tuple[_Op, Planted]:
        agent = next(a for a in AGENTS if nxt.endswith(f"oleh {a}."))
        new = nxt.replace(f"oleh {agent}.", f"oleh {self.rng.choice([a for a in AGENTS if a != agent])}.")
        self.unverified.add(new)
        return _Op("replace", nxt, new), Planted("", "", "reworded", None, nxt, new)

    def _remove_unverified(self, sentence: str, nxt: str) -> tuple[_Op, Planted]:
        return _Op("delete", nxt), Planted("", "", "removed", None, nxt, None)

    def _add_hedge(self, sentence: str, nxt: str) -> tuple[_Op, Planted]:
        match = REPORTED.search(sentence)
        assert match is not None
        new = f"{sentence[: match.start(1)]}{self.rng.choice(HEDGE_WORDS)} {sentence[match.start(1) :]}"
        self.hedged[new] = sentence
        return _Op("replace", sentence, new), Planted("", "", "reworded", None, sentence, new)

    def _remove_hedge(self, sentence: str, nxt: str) -> tuple[_Op, Planted]:
        new = self.hedged[sentence]
        return _Op("replace", sentence, new), Planted("", "", "reworded", None, sentence, new)

    def _change_via(self, sentence: str, nxt: str) -> tuple[_Op, Planted]:
        medium = self.rng.choice([m for m in MEDIA if f"dari {m}." not in sentence])
        new = VIA.sub(".", sentence)[:-1] + f", seperti dikutip dari {medium}."
        return _Op("replace", sentence, new), Planted("", "", "reworded", None, sentence, new)


# How each kind of edit changes the statement (and the sentence after it): the operation to
# replay on later copies and the change planted.
_MAKERS: dict[str, Callable[[ClaimPlanter, str, str], tuple[_Op, Planted]]] = {
    "add_unverified": ClaimPlanter._add_unverified,
    "change_agent": ClaimPlanter._change_agent,
    "remove_unverified": ClaimPlanter._remove_unverified,
    "add_hedge": ClaimPlanter._add_hedge,
    "remove_hedge": ClaimPlanter._remove_hedge,
    "change_via": ClaimPlanter._change_via,
}


def _next(sentences: list[str], k: int) -> str:
    """The sentence after the ``k``-th, or nothing."""
    return sentences[k + 1] if k + 1 < len(sentences) else ""


def _statement(sentence: str) -> bool:
    """A sentence holding an attributed statement of some length: a quote with its cue after it,
    or reported speech."""
    quoted = QUOTED.search(sentence)
    if quoted:
        return bool(CUE_AFTER.search(sentence)) and len(quoted.group(1).split()) >= 5
    return bool(REPORTED.search(sentence)) and len(sentence.split()) >= 10


def _descendants(doc: Doc, children: dict[str, list[Doc]]) -> list[Doc]:
    out, stack = [], list(children.get(doc.id, []))
    while stack:
        later = stack.pop()
        out.append(later)
        stack.extend(children.get(later.id, []))
    return out


def _find(rows: list[claim_db.ClaimRow], anchor: str) -> claim_db.ClaimRow | None:
    """The stored occurrence of the statement ``anchor`` holds: the longest quote it contains."""
    inside = [r for r in rows if len(r.quote) >= 15 and fuzz.partial_ratio(r.quote, anchor) >= 90]
    return max(inside, key=lambda r: len(r.quote), default=None)


def _state(rows: list[claim_db.ClaimRow]) -> list[tuple[str, str, list[str], list[str]]]:
    return [(r.claim, r.certainty, r.hedge_phrases, r.via) for r in rows if r.claim]


def score(edits: list[ClaimEdit], store: Store, predicted_parent: dict[str, str | None]) -> dict[str, dict[str, float]]:
    """Link and change recall over the planted edits, overall and per kind of edit.

    Recall is counted over the edits whose statement the pipeline extracted in the parent (a
    statement it does not see as a claim at all is a matter of extraction, scored on PFSA-ID);
    a copy whose changed statement is no longer extracted counts as a miss. ``in_parent`` is
    that share of all edits, ``claim_link_recall_all`` the link recall over all of them."""
    articles = sorted({e.parent for e in edits} | {e.child for e in edits})
    rows: dict[str, list[claim_db.ClaimRow]] = defaultdict(list)
    for row in claim_db.claims_of_articles(store, articles) if claim_db.has_claims(store) else []:
        rows[row.article].append(row)
    tallies: dict[str, dict[str, list[bool]]] = defaultdict(lambda: defaultdict(list))
    for edit in edits:
        parent_rows, child_rows = rows.get(edit.parent, []), rows.get(edit.child, [])
        mine = _find(child_rows, edit.anchor)
        theirs = _find(parent_rows, _unchanged(edit.anchor))
        linked = mine is not None and theirs is not None and mine.claim == theirs.claim
        changes = certainty_changes(_state(parent_rows), _state(child_rows)) if linked else []
        reported = (
            mine is not None and linked and any(c == mine.claim and what in edit.expect for c, what, _, _ in changes)
        )
        traced = predicted_parent.get(edit.child) == edit.parent
        for name in ("overall", edit.kind):
            tally = tallies[name]
            tally["all"].append(True)
            tally["claim_link_recall_all"].append(linked)
            if theirs is None:
                tally["in_parent"].append(False)
                continue
            tally["in_parent"].append(True)
            tally["claim_link_recall"].append(linked)
            tally["certainty_change_recall"].append(reported)
            tally["claim_link_recall_end_to_end"].append(linked and traced)
            tally["certainty_change_recall_end_to_end"].append(reported and traced)
    out: dict[str, dict[str, float]] = {}
    for name in sorted(tallies, key=lambda n: (n != "overall", n)):
        t = tallies[name]
        figures = {"edits": float(len(t.pop("all")))}
        figures.update({k: sum(v) / len(v) if v else float("nan") for k, v in t.items()})
        out[name] = figures
    return out


def _unchanged(anchor: str) -> str:
    """The part of an edited statement its parent printed too."""
    anchor = VIA.sub("", anchor)
    for word in HEDGE_WORDS:
        anchor = anchor.replace(f"{word} ", "", 1) if f"{word} " in anchor else anchor
    return anchor


TARGETS = {"claim_link_recall": 0.95}
