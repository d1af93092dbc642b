"""The same claim across articles, and the later statements that deny or confirm it.

Pure functions over claim occurrences (no store): :func:`link_claims` gives every
occurrence a claim id shared with the occurrences that carry the same statement;
:func:`link_stances` points a denial or confirmation at the claim it is about;
:func:`certainty_changes` says how a copy changed the hedging of a claim it shares
with its parent.

Matching is on the normalised statement text (rapidfuzz) and the speaker:
  - in one copy group, a statement reworded moderately is still the same claim;
  - anywhere, a long statement printed (almost) word for word is the same claim, whoever
    the article names as its speaker (speaker resolution is the weaker evidence);
  - with the same speaker, a reworded statement is the same claim;
  - in one storyline, a quote of five words or more that another article's quote contains
    word for word (after folding variants) is the same claim quoted in part ("Anda terlalu gila
    bagi kami" within the whole tweet).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import regex
from rapidfuzz import fuzz

from newstrace.algo.graph import UnionFind
from newstrace.claims.model import Claim

__all__ = [
    "ClaimState",
    "Lookups",
    "Occurrence",
    "certainty_changes",
    "claim_fields",
    "claim_id",
    "hedge_phrases",
    "key_terms",
    "link_claims",
    "link_stances",
    "lookup_keys",
    "lookups",
    "normalise",
]

_WORD = regex.compile(r"\p{L}[\p{L}\p{N}\-]*|\p{N}+")
# Variants that do not change a statement: address pronouns and prepositions a translator
# picks freely ("Anda terlalu gila bagi kami" = "Kamu terlalu gila untuk kami").
_EQUIVALENT = {
    "anda": "kamu",
    "engkau": "kamu",
    "kau": "kamu",
    "bagi": "untuk",
    "buat": "untuk",
    "saya": "aku",
    "ku": "aku",
    "tak": "tidak",
    "nggak": "tidak",
    "enggak": "tidak",
}
# Words that carry no proposition: kept out of the key terms that tie a denial to a claim.
_FUNCTION_WORDS = frozenset(
    """
yang dan atau dengan untuk dari pada dalam akan telah sudah sedang tidak bukan juga saja hanya
lebih sangat secara bahwa karena sehingga agar supaya jika kalau ketika saat setelah sebelum
oleh para kita kami mereka saya anda kamu beliau tersebut itu ini sini sana begitu seperti
adalah ialah merupakan menjadi masih bisa dapat harus ingin mau belum pernah lagi sendiri
berita laporan kabar mengatakan kata menurut tahun bulan hari lalu kini the and that this with
from have been were said says will would about into their there which what when
""".split()
)
_COPY_RATIO = 80.0
_VERBATIM_RATIO = 90.0
_VERBATIM_WORDS = 6
_SPEAKER_RATIO = 85.0
# A reworded statement of one speaker is the same claim when reported within this many days
# of the other (the paraphrase window of matching): a similar wording months later is the
# speaker saying it again, and without a bound a prolific speaker's quotes would all be compared.
_SPEAKER_DAYS = 7
_WEEK_SECONDS = 7 * 86400.0
_PART_WORDS = 5
_STANCE_TERMS = 4  # distinctive key terms a denial must share with the claim it denies (2 tied topics)
_NEAR_TERMS = 2  # key terms a stance shares with the statement just before it in its article
_COMMON_SHARE = 0.5  # a term in more than this share of a storyline's other articles says nothing


def normalise(quote: str) -> str:
    """Lower-case words with equivalent variants folded, for comparing statements."""
    return " ".join(_EQUIVALENT.get(w, w) for w in (m.group().casefold() for m in _WORD.finditer(quote)))


def key_terms(text: str) -> frozenset[str]:
    """Content words of a statement and its sentence: what it is about."""
    return frozenset(w for w in normalise(text).split() if len(w) >= 4 and w not in _FUNCTION_WORDS)


def claim_id(article: str, quote: str) -> str:
    """A stable id named after the first carrier seen and its statement."""
    return "c-" + hashlib.sha1(f"{article}\x00{normalise(quote)}".encode()).hexdigest()[:12]


def hedge_phrases(text: str, claim: Claim) -> list[str]:
    """Each hedge as written; an "unverified" one with the words after it up to the clause
    end, at most six words: "belum diverifikasi oleh sumber lain", so a changed agent shows."""
    phrases = []
    for hedge in claim.hedges:
        if hedge.kind != "unverified":  # only "unverified" names by whom: the agent may change
            phrases.append(hedge.word)
            continue
        clause = regex.split(r"[.,;:!?\"”\n]", text[hedge.start : hedge.start + 120], maxsplit=1)[0]
        words = clause.split()
        phrases.append(" ".join(words[: max(len(hedge.word.split()), 6)]) if words else hedge.word)
    return phrases


_CONTEXT_CHARS = 400  # a denial's subject is in its own sentence and the one before


def claim_fields(text: str, claim: Claim) -> dict[str, Any]:
    """A claim as the fields stored for it, with its hedge phrases and key terms.

    A stance statement ("Ini terlihat seperti berita palsu lainnya") is about what the text
    says just before it, so its key terms come from there too.
    """
    about = claim.quote
    if claim.stance:
        low = max(0, claim.char_start - _CONTEXT_CHARS)
        before = regex.split(r"(?<=[.!?])\s+", text[low : claim.char_start])
        end = text.find(".", claim.char_end)
        about = " ".join(before[-2:]) + " " + text[claim.char_start : end if end > 0 else claim.char_end]
    phrases = hedge_phrases(text, claim)
    return {
        "quote": claim.quote,
        "kind": claim.kind,
        "speaker": claim.speaker,
        "speaker_mention": claim.speaker_mention,
        "speaker_role": claim.speaker_role,
        "cue": claim.cue,
        "via": list(claim.via),
        "certainty": claim.certainty,
        "hedges": [
            {"word": h.word, "kind": h.kind, "strength": h.strength, "phrase": phrase}
            for h, phrase in zip(claim.hedges, phrases)
        ],
        "stance": claim.stance,
        "stance_words": list(claim.stance_words),
        "char_start": claim.char_start,
        "char_end": claim.char_end,
        "terms": key_terms(about),
    }


@dataclass(slots=True)
class Occurrence:
    """One claim in one article, with what linking needs to know of the article."""

    article: str
    position: int  # the claim's order in the article
    quote: str
    speaker: str | None
    published: datetime | None
    copy_group: str
    storyline: str
    terms: frozenset[str] = frozenset()
    stance: str | None = None
    claim: str | None = None  # its claim id, once linked
    char_start: int = -1  # where it stands in its article's cleaned text (-1: unknown)
    char_end: int = -1
    norm: str = field(default="", repr=False)
    words: tuple[str, ...] = field(default=(), repr=False)
    speaker_key: str = field(default="", repr=False)  # the speaker, case-folded

    def __post_init__(self) -> None:
        self.norm = self.norm or normalise(self.quote)
        self.words = tuple(self.norm.split())
        self.speaker_key = self.speaker.casefold() if self.speaker else ""


def lookup_keys(quote: str, speaker: str | None) -> tuple[str, str | None]:
    """The opening words and the case-folded speaker a stored claim is looked up by: with its
    copy group and storyline, all that :func:`link_claims` matches a new claim on."""
    return " ".join(normalise(quote).split()[:_OPENING_WORDS]), speaker.casefold() if speaker else None


@dataclass(frozen=True, slots=True)
class Lookups:
    """The known occurrences that linking some new ones can read: those of the same copy
    groups or storylines, of the same speakers, or opening with the same words (see
    :func:`_queries`). A store holds far more claims than one increment brings."""

    copy_groups: frozenset[str]
    storylines: frozenset[str]
    speakers: frozenset[str]
    openings: frozenset[str]
    # The speakers' statements published in this span, or undated, are all that can match
    # (a reworded statement matches within _SPEAKER_DAYS); None: any time (an undated new one).
    speaker_span: tuple[datetime, datetime] | None = None


def lookups(new: Iterable[Occurrence]) -> Lookups:
    """What linking ``new`` reads of the known occurrences."""
    new = list(new)
    times = [o.published for o in new if o.speaker_key]
    span = None
    if times and None not in times:
        dated = [t for t in times if t is not None]
        reach = timedelta(days=2 * _SPEAKER_DAYS + 1)  # adjacent weeks, with a day to spare
        span = (min(dated) - reach, max(dated) + reach)
    return Lookups(
        frozenset(o.copy_group for o in new),
        frozenset(o.storyline for o in new),
        frozenset(o.speaker_key for o in new if o.speaker_key),
        frozenset(_opening(o) for o in new),
        span,
    )


def _opening(o: Occurrence) -> str:
    return " ".join(o.words[:_OPENING_WORDS])


_OPENING_WORDS = 3  # verbatim repeats start alike


def _same(a: Occurrence, b: Occurrence) -> bool:
    """Whether two occurrences carry the same statement; the cheap tests come first."""
    if a.article == b.article:
        return False
    short, long = len(a.norm), len(b.norm)
    if short > long:
        short, long = long, short
    # fuzz.ratio is at most 200 * short / (short + long): skip it when that cannot reach the bar
    span = short + long
    if (
        a.copy_group == b.copy_group
        and 200 * short >= _COPY_RATIO * span
        and fuzz.ratio(a.norm, b.norm, score_cutoff=_COPY_RATIO)
    ):
        return True
    words = min(len(a.words), len(b.words))
    if (
        words >= _VERBATIM_WORDS
        and 200 * short >= _VERBATIM_RATIO * span
        and fuzz.ratio(a.norm, b.norm, score_cutoff=_VERBATIM_RATIO)
    ):
        return True
    # token_sort_ratio compares the same words re-ordered: the same length bound holds (with
    # a hair of slack for rounding)
    if (
        a.speaker_key
        and a.speaker_key == b.speaker_key
        and _near_in_time(a, b)
        and 200 * short + 1 >= _SPEAKER_RATIO * span
        and fuzz.token_sort_ratio(a.norm, b.norm, score_cutoff=_SPEAKER_RATIO)
    ):
        return True
    if a.storyline == b.storyline and words >= _PART_WORDS:
        shorter, longer = (a.norm, b.norm) if len(a.norm) <= len(b.norm) else (b.norm, a.norm)
        return f" {shorter} " in f" {longer} "
    return False


def _near_in_time(a: Occurrence, b: Occurrence) -> bool:
    """Reported within ``_SPEAKER_DAYS`` of each other, or either undated."""
    if a.published is None or b.published is None:
        return True
    return abs((a.published - b.published).total_seconds()) <= _SPEAKER_DAYS * 86400.0


def _week(published: datetime) -> int:
    """The speaker buckets' time key: the week of the publication time."""
    return math.floor(published.timestamp() / _WEEK_SECONDS)


def _candidates(o: Occurrence, buckets: dict[str, list[Occurrence]], shared: set[str]) -> list[Occurrence]:
    """The occurrences of other articles filed where a match of ``o`` would be, once each."""
    seen = {id(o)}
    found = []
    for key in _queries(o, shared):
        for other in buckets.get(key, ()):
            if id(other) not in seen:
                seen.add(id(other))
                if other.article != o.article:
                    found.append(other)
    return found


def _time_key(o: Occurrence) -> tuple[bool, float, str, int]:
    return o.published is None, o.published.timestamp() if o.published else 0.0, o.article, o.position


def _longest(o: Occurrence) -> str:
    return max(o.words, key=len) if o.words else ""


def _band(o: Occurrence) -> int:
    """A length band, factor 1.2 wide: fuzz ratios of 80 (85) need lengths within 1.5 (1.35)
    times each other, so bands 3 (2) apart at most."""
    return int(math.log(max(len(o.norm), 1)) / math.log(1.2))


_GROUP_BANDS, _SPEAKER_BANDS = 3, 2


def _keys(o: Occurrence, shared: set[str], *, storyline_words: bool = True) -> set[str]:
    """Where ``o`` is filed: its copy group and speaker with its length band, its opening words,
    and for quotes in part, every word it holds (as the longer quote) and its longest word (as
    the shorter). Copy groups and storylines of one article (not in ``shared``) hold no match."""
    band = _band(o)
    keys = {"w:" + _opening(o)}
    if o.copy_group in shared:
        keys.add(f"g:{o.copy_group}:{band}")
    if o.speaker_key:  # by week too: an undated quote looks up every week, under "*"
        keys.add(f"s:{o.speaker_key}:{band}:{'u' if o.published is None else _week(o.published)}")
        keys.add(f"s:{o.speaker_key}:{band}:*")
    if storyline_words and o.storyline in shared:
        keys.update(f"L:{o.storyline}:{w}" for w in o.words)
        keys.add(f"S:{o.storyline}:{_longest(o)}")
    return keys


def _queries(o: Occurrence, shared: set[str]) -> list[str]:
    """The buckets that may hold a match of ``o``: the part rule looks up ``o`` as the shorter
    quote by its longest word, and as the longer by each of its words."""
    band = _band(o)
    keys = ["w:" + _opening(o)]
    if o.copy_group in shared:
        keys += [f"g:{o.copy_group}:{b}" for b in range(band - _GROUP_BANDS, band + _GROUP_BANDS + 1)]
    if o.speaker_key:
        bands = range(band - _SPEAKER_BANDS, band + _SPEAKER_BANDS + 1)
        if o.published is None:
            keys += [f"s:{o.speaker_key}:{b}:*" for b in bands]
        else:  # weeks next to each other hold every quote within _SPEAKER_DAYS, and undated ones
            week = _week(o.published)
            keys += [f"s:{o.speaker_key}:{b}:{w}" for b in bands for w in (week - 1, week, week + 1, "u")]
    if o.storyline in shared:
        if len(o.words) >= _PART_WORDS:
            keys.append(f"L:{o.storyline}:{_longest(o)}")
        keys.extend(f"S:{o.storyline}:{w}" for w in dict.fromkeys(o.words))
    return keys


def _file(buckets: dict[str, list[Occurrence]], occurrences: Iterable[Occurrence], shared: set[str]) -> None:
    """File each occurrence in ``buckets`` under its keys (see :func:`_keys`)."""
    for o in occurrences:
        for key in _keys(o, shared):
            buckets.setdefault(key, []).append(o)


def _file_known(
    buckets: dict[str, list[Occurrence]], known: Iterable[Occurrence], shared: set[str], new: Sequence[Occurrence]
) -> None:
    """File known occurrences only under the keys some new occurrence looks up: those are all
    that matching the new ones reads, and a store holds far more known ones than new."""
    wanted = {key for o in new for key in _queries(o, shared)}
    storylines = {o.storyline for o in new if o.storyline in shared}
    for o in known:
        # No new occurrence asks for the words of another storyline: those keys are not made.
        for key in _keys(o, shared, storyline_words=o.storyline in storylines) & wanted:
            buckets.setdefault(key, []).append(o)


def _shared(occurrences: Iterable[Occurrence]) -> set[str]:
    """The copy groups and storylines whose occurrences come from two articles or more."""
    first: dict[str, str] = {}
    shared: set[str] = set()
    for o in occurrences:
        for group in (o.copy_group, o.storyline):
            if first.setdefault(group, o.article) != o.article:
                shared.add(group)
    return shared


def link_claims(new: Sequence[Occurrence], known: Iterable[Occurrence]) -> None:
    """Set ``claim`` on every new occurrence.

    New occurrences that carry the same statement as each other or as a known one form one
    claim (connected through any chain of matches: a paraphrase quoted in part and the whole
    quote it belongs to end up together). The claim keeps the id of its earliest known
    occurrence, else gets a new id named after its earliest new one.
    """
    linked = [o for o in known if o.claim is not None]
    ordered = sorted(new, key=_time_key)
    for o in ordered:
        o.claim = None
    shared = _shared(linked + ordered)
    buckets: dict[str, list[Occurrence]] = {}
    _file_known(buckets, linked, shared, ordered)
    _file(buckets, ordered, shared)
    by_id = {id(o): o for o in linked + ordered}
    sets: UnionFind[int] = UnionFind()

    def root(o: Occurrence) -> Occurrence:
        return by_id[sets.find(id(o))]

    for o in ordered:
        mine = root(o)
        for other in _candidates(o, buckets, shared):
            if not _same(o, other):
                continue
            theirs = root(other)
            if theirs is not mine:
                # the root is a known occurrence when there is one, else the earliest
                first, second = sorted((mine, theirs), key=lambda x: (x.claim is None, _time_key(x)))
                sets.union(id(first), id(second))
                mine = first
    for o in ordered:
        top = root(o)
        o.claim = top.claim if top.claim is not None else claim_id(top.article, top.quote)


def _in_article(s: Occurrence, members: Sequence[Occurrence]) -> Occurrence | None:
    """The statement a stance right after it is about, in its own article: the nearest claim
    ending at most ``_CONTEXT_CHARS`` before it that shares two key terms with its context
    ("Dikabarkan, Rusia diduga meminta bantuan ... China. Tetapi China telah membantah hal ini.")."""
    if s.char_start < 0:
        return None
    before = [
        o
        for o in members
        if o.article == s.article
        and not o.stance
        and o.claim is not None
        and 0 <= o.char_end <= s.char_start
        and s.char_start - o.char_end <= _CONTEXT_CHARS
        and len(s.terms & o.terms) >= _NEAR_TERMS
    ]
    return max(before, key=lambda o: o.char_end, default=None)


def link_stances(occurrences: Sequence[Occurrence]) -> dict[tuple[str, int], str]:
    """(article, position) of each denial or confirmation -> the claim it is about.

    A stance is about the statement just before it in its own article when there is one (see
    :func:`_in_article`). Otherwise the claim must come from another article of the same
    storyline, published no later, and share at least four distinctive key terms with the
    stance's sentence: terms found in at most half of the storyline's other articles (so "Korea
    Utara" in a storyline about North Korea ties nothing to anything).
    """
    by_line: dict[str, list[Occurrence]] = {}
    for o in occurrences:
        by_line.setdefault(o.storyline, []).append(o)
    links: dict[tuple[str, int], str] = {}
    for members in by_line.values():
        stances = [o for o in members if o.stance]
        if not stances:
            continue
        terms_of, df = _term_counts(members)
        for s in stances:
            about = _in_article(s, members) or _across_articles(s, members, terms_of, df)
            if about is not None:
                links[(s.article, s.position)] = about.claim or ""
    return links


def _term_counts(members: Sequence[Occurrence]) -> tuple[dict[str, set[str]], dict[str, int]]:
    """A storyline's key terms by article, and in how many of its articles each term is."""
    terms_of: dict[str, set[str]] = {}
    for o in members:
        terms_of.setdefault(o.article, set()).update(o.terms)
    df: dict[str, int] = {}
    for terms in terms_of.values():
        for term in terms:
            df[term] = df.get(term, 0) + 1
    return terms_of, df


def _across_articles(
    s: Occurrence, members: Sequence[Occurrence], terms_of: dict[str, set[str]], df: dict[str, int]
) -> Occurrence | None:
    """The claim of another, no later article of the storyline sharing the most distinctive key
    terms with the stance ``s``, at least ``_STANCE_TERMS`` of them."""
    # Counted over the other articles: the denial's own words are not the storyline's.
    others = len(terms_of) - 1
    own = terms_of[s.article]
    common = {t for t, n in df.items() if others >= 2 and n - (t in own) > _COMMON_SHARE * others}
    mine = s.terms - common
    best: tuple[int, Occurrence] | None = None
    for o in members:
        if o.article == s.article or o.stance or o.claim is None:
            continue
        if s.published and o.published and o.published > s.published:
            continue
        shared = len(mine & (o.terms - common))
        if shared >= _STANCE_TERMS and (best is None or shared > best[0]):
            best = (shared, o)
    return best[1] if best is not None else None


ClaimState = tuple[str, str, list[str], list[str]]
"""A claim as one article carries it: (claim id, certainty, hedge phrases, via chain)."""


def certainty_changes(parent: Sequence[ClaimState], child: Sequence[ClaimState]) -> list[tuple[str, str, str, str]]:
    """(claim, what, old, new) for each claim both carry whose certainty, hedges or source chain
    differ: ``what`` is ``certainty``, ``hedge`` (the phrases only one side has) or
    ``attribution`` (the media and platforms it came through, innermost first)."""
    before = {c: (certainty, hedges, via) for c, certainty, hedges, via in parent}
    out = []
    for c, certainty, hedges, via in child:
        if c not in before:
            continue
        old_certainty, old_hedges, old_via = before[c]
        if old_certainty != certainty:
            out.append((c, "certainty", old_certainty, certainty))
        old_only = [h for h in old_hedges if h not in hedges]
        new_only = [h for h in hedges if h not in old_hedges]
        if old_only or new_only:
            out.append((c, "hedge", "; ".join(old_only) or "-", "; ".join(new_only) or "-"))
        if list(old_via) != list(via):
            out.append((c, "attribution", " > ".join(old_via) or "-", " > ".join(via) or "-"))
    return out
