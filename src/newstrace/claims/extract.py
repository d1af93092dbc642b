"""Claims of one article: direct quotes and reported speech, attributed and weighed.

The steps, all on the cleaned text so offsets stay valid: find quoted spans;
find reported speech sentence by sentence; attribute each quote to a cue and a
speaker; resolve speakers to full names; then read each claim's certainty and
stance from its own sentence and from the next one when that one refers back
("Laporan ini belum diverifikasi"), and its chain of media and platforms.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import cache
from typing import NamedTuple

import regex

from newstrace.claims.attribution import Attribution, cue_after, cue_before, speaker_before
from newstrace.claims.certainty import find_hedges, find_stance, hedge_before, refers_back
from newstrace.claims.mentions import inside
from newstrace.claims.model import Claim, Hedge, Mention
from newstrace.claims.quotes import QuoteSpan, find_quotes
from newstrace.claims.salience import nearest_person, nearest_subject
from newstrace.claims.speakers import PersonIndex
from newstrace.claims.stances import stance_statements
from newstrace.clean import split_sentences
from newstrace.clean.sources import find_sources, is_known_medium
from newstrace.lang import Lexicon, alternation, merged

__all__ = ["extract_claims"]

_BOUNDARY = regex.compile(r"[.!?][\"”’']?[\s\u00a0]+")
_WORD = regex.compile(r"[\p{L}][\p{L}\-]*")
_MIN_REPORTED_WORDS = 3
_HEARSAY = 0.6  # "diduga", "dikabarkan", "reportedly": the outlet passes on what it heard
_LOWER_WORD = regex.compile(r"(?<![\p{L}])\p{Ll}{3,}")
_MIN_CONTINUATION_WORDS = 4
_MAX_TERM_WORDS = 4
_NEXT_WORD = regex.compile(r"[ \u00a0]*,?[ \u00a0]*(\p{L}[\p{L}\-]*)")
_CONTINUATION_REACH = 400  # characters between a quote and the attributed quote it continues


@cache
def _patterns(lexicon: Lexicon) -> dict[str, regex.Pattern[str]]:
    return {
        "citation": regex.compile(rf"(?i)^(?:{alternation(lexicon.citation_cues)})"),
        "media_word": regex.compile(rf"(?i)(?:{alternation(lexicon.media_suffixes)})$"),
        "according": regex.compile(rf"(?i)(?:{alternation(lexicon.according_to)})(?![\p{{L}}])"),
        "opening": regex.compile(
            rf"[\s\u00a0]*(?:,|:)?[\s\u00a0]*(?:(?:{alternation(lexicon.complementisers)})[\s\u00a0]+)?"
        ),
    }


_LOWER_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@cache
def _cue_table(lexicon: Lexicon) -> dict[str, list[tuple[str, re.Pattern[str] | None]]]:
    """The words extraction looks at first, by their first word, with the rest of a phrase.

    * ``according``/``reporting``: words that may open reported speech ("menurut",
      "menurutnya", "mengatakan"); each shape's own test follows;
    * ``hearsay``: strong hedges ("diduga", "dikabarkan"): a sentence without one holds
      no hedged claim of its own;
    * ``citing``: the outlet citing a medium ("dilansir", "mengutip").

    Looking words up is several times faster than matching a long alternation.
    """
    kinds = {
        "according": lexicon.according_to,
        "reporting": set(lexicon.coref_cues) | set(lexicon.reported_cues),
        "hearsay": {word for word, strength in lexicon.hedges.items() if strength >= _HEARSAY},
        "citing": lexicon.citation_cues,
    }
    table: dict[str, list[tuple[str, re.Pattern[str] | None]]] = {}
    for kind, phrases in kinds.items():
        for phrase in phrases:
            first, *rest = phrase.split()
            tail = re.compile(r"\s+" + r"\s+".join(map(re.escape, rest)) + r"(?![^\W\d_])") if rest else None
            table.setdefault(first, []).append((kind, tail))
    return table


class _CueWords(NamedTuple):
    reporting: list[tuple[int, int, bool]]  # start, end, and whether "menurut"-like
    hearsay: list[int]
    citing: list[int]


def _find_cue_words(text: str, lexicon: Lexicon) -> _CueWords:
    lowered = text.lower()
    if len(lowered) != len(text):  # a rare letter that lowercases to two: offsets would shift
        lowered = "".join(char.lower() if len(char.lower()) == 1 else char for char in text)
    table = _cue_table(lexicon)
    found = _CueWords([], [], [])
    for token in _LOWER_TOKEN.finditer(lowered):
        word = token.group()
        entries = table.get(word) or (table.get(word[:-3]) if word.endswith("nya") else None)
        if not entries:
            continue
        for kind, tail in entries:
            end = token.end()
            if tail is not None:
                more = tail.match(lowered, end)
                if more is None:
                    continue
                end = more.end()
            elif kind in ("according", "reporting") and table.get(word) is not entries:
                continue  # "-nya" added to a hedge or citation word only
            if kind == "according" or kind == "reporting":
                found.reporting.append((token.start(), end, kind == "according"))
            elif kind == "hearsay":
                found.hearsay.append(token.start())
            else:
                found.citing.append(token.start())
            break
    return found


def _any_between(positions: list[int], start: int, end: int) -> bool:
    at = bisect_left(positions, start)
    return at < len(positions) and positions[at] < end


def _sentence_spans(text: str, sentences: Sequence[str] | None = None) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    cursor = 0
    for sentence in split_sentences(text) if sentences is None else sentences:
        at = text.find(sentence, cursor)
        if at < 0:
            continue
        spans.append((at, at + len(sentence)))
        cursor = at + len(sentence)
    return spans


def _paragraph_start(text: str, position: int) -> int:
    return text.rfind("\n", 0, position) + 1


def _paragraph_end(text: str, position: int) -> int:
    end = text.find("\n", position)
    return len(text) if end < 0 else end


def _clause_start(text: str, position: int, floor: int) -> int:
    """Where the sentence holding ``position`` starts, not before ``floor``."""
    low = max(floor, _paragraph_start(text, position))
    last = low
    for match in _BOUNDARY.finditer(text, low, position):
        last = match.end()
    return last


def _sentence_end(text: str, position: int) -> int:
    match = _BOUNDARY.search(text, position, _paragraph_end(text, position))
    return match.start() + 1 if match else _paragraph_end(text, position)


class _Article:
    def __init__(self, text: str, lexicon: Lexicon, sentences: Sequence[str] | None = None) -> None:
        self.text = text
        self.lexicon = lexicon
        self.quotes = find_quotes(text)
        self.quote_spans = [(quote.start, quote.end) for quote in self.quotes]
        self.index = PersonIndex(text, lexicon, exclude=self.quote_spans)
        self.sentences = _sentence_spans(text, sentences)
        self._sentence_starts = [start for start, _ in self.sentences]
        patterns = _patterns(lexicon)
        self.cue_words = _find_cue_words(text, lexicon)
        self.citations = [
            (start + offset, source.name)
            for start, end in self.sentences
            if _any_between(self.cue_words.citing, start, end)
            for offset, source in find_sources(text[start:end])
            if patterns["citation"].match(source.phrase)
        ]

    def inside_quote(self, position: int) -> bool:
        return inside(self.quote_spans, position)

    def previous_sentence_start(self, position: int) -> int:
        index = bisect_right(self._sentence_starts, position) - 2
        return self.sentences[index][0] if index >= 0 else 0

    def next_sentence(self, position: int) -> tuple[int, int] | None:
        index = bisect_right(self._sentence_starts, position)
        return self.sentences[index] if index < len(self.sentences) else None


def _reported(article: _Article) -> list[tuple[Claim, Mention]]:
    text = article.text
    found: list[tuple[Claim, Mention]] = []
    candidates = article.cue_words.reporting
    starts = [at for at, _, _ in candidates]
    for start, end in article.sentences:
        for at, word_end, according_like in candidates[bisect_left(starts, start) : bisect_left(starts, end)]:
            if article.inside_quote(at):
                continue
            opening = _reported_opening(article, start, end, at, word_end, according_like)
            if opening is None:
                continue
            claim_start, mention = opening
            claim = _reported_claim(text, claim_start, end, mention, text[at:word_end])
            if claim is None:
                continue
            found.append((claim, mention))
            break  # one reported claim per sentence: the outermost
    return found


def _reported_opening(
    article: _Article, start: int, end: int, at: int, word_end: int, according_like: bool
) -> tuple[int, Mention] | None:
    """Where the statement after the cue ``text[at:word_end]`` starts, and who makes it."""
    text, lexicon = article.text, article.lexicon
    if according_like:
        according = _patterns(lexicon)["according"].match(text, at, end)
        if according is not None:
            return _after_according(article, according.end(), end)
    word = text[at:word_end]
    folded = word.casefold()
    if folded in lexicon.coref_cues and lexicon.coref_cues[folded] in lexicon.according_to:
        if word_end >= end or text[word_end] != ",":
            return None
        return word_end + 1, Mention(text=word, start=at, end=word_end, pronoun=True)  # "Menurutnya, ..."
    if folded in lexicon.reported_cues and word[0].islower():
        return _after_reporting_verb(article, start, end, at, word_end)
    return None


def _after_according(article: _Article, after_start: int, end: int) -> tuple[int, Mention] | None:
    """After "menurut X,": the statement after the comma that closes a short source phrase."""
    after = article.text[after_start:end]
    comma = after.find(",")
    if comma <= 0 or len(after[:comma].split()) > 10:
        return None
    who_start = after_start + len(after) - len(after.lstrip())
    mention = article.index.mention_at(who_start, after_start + comma)
    if mention.name is None and mention.role is None:
        return None
    return after_start + comma + 1, mention


def _after_reporting_verb(
    article: _Article, start: int, end: int, at: int, word_end: int
) -> tuple[int, Mention] | None:
    """After "X mengatakan (bahwa)": the statement after the verb, its speaker before it."""
    text = article.text
    mention = speaker_before(text, start, hedge_before(text, start, at, article.lexicon), article.index)
    if mention is None:
        return None
    rest = _patterns(article.lexicon)["opening"].match(text, word_end, end)
    return (rest.end() if rest else word_end), mention


def _reported_claim(text: str, claim_start: int, end: int, mention: Mention, cue: str) -> Claim | None:
    """The statement after a reporting cue, from ``claim_start`` to the sentence's end."""
    while claim_start < end and text[claim_start].isspace():
        claim_start += 1
    claim_end = end
    while claim_end > claim_start and text[claim_end - 1] in ".!? ":
        claim_end -= 1
    if claim_start >= claim_end or text[claim_start] in "\"“”'‘’":
        return None  # a direct quote follows: attributed with the quote
    content = text[claim_start:claim_end]
    if len(content.split()) < _MIN_REPORTED_WORDS or not _LOWER_WORD.search(content):
        return None  # "menurut satu sumber, Selasa 15 Maret 2022": a date, not a statement
    return Claim(
        kind="reported",
        quote=content,
        char_start=claim_start,
        char_end=claim_end,
        speaker_mention=mention.text,
        cue=cue,
    )


def _hedged(article: _Article, taken: list[tuple[Claim, Mention]]) -> list[tuple[Claim, Mention]]:
    """Unattributed statements the outlet marks as hearsay: "Dikabarkan, Rusia diduga meminta ...".

    Only strong hedges (strength >= ``_HEARSAY``) make a sentence a claim; its
    source is the statement just before it when there is one ("The Express
    melaporkan, ... . Dikabarkan, ...").
    """
    text, lexicon = article.text, article.lexicon
    claimed = [(claim.char_start, claim.char_end) for claim, _ in taken]
    found: list[tuple[Claim, Mention]] = []
    for start, end in article.sentences:
        if not _any_between(article.cue_words.hearsay, start, end):
            continue
        if any(low < end and start < high for low, high in claimed + article.quote_spans):
            continue
        hedges = find_hedges(text, start, end, lexicon)
        if not any(hedge.kind == "hedge" and hedge.strength >= _HEARSAY for hedge in hedges):
            continue
        claim_start = start
        opener = hedges[0]
        if opener.start == start and text[opener.start + len(opener.word) : opener.start + len(opener.word) + 1] == ",":
            claim_start = opener.start + len(opener.word) + 1  # "Dikabarkan, Rusia ...": the statement follows
        while claim_start < end and text[claim_start].isspace():
            claim_start += 1
        claim_end = end
        while claim_end > claim_start and text[claim_end - 1] in ".!? ":
            claim_end -= 1
        if len(text[claim_start:claim_end].split()) < _MIN_REPORTED_WORDS:
            continue
        claim = Claim(kind="reported", quote=text[claim_start:claim_end], char_start=claim_start, char_end=claim_end)
        found.append((claim, Mention(text="", start=start, end=start)))
    return found


def _is_term(text: str, quote: QuoteSpan, lexicon: Lexicon) -> bool:
    """A few words in quote marks that the sentence goes on after: a name, title or term.

    "... pada Senin, ”kota hujan” tersebut kembali ...", "bertema ”Idul Fitri Momentum
    Hijrah”, Muhammadun menyampaikan": no punctuation closes them, and the word after the
    closing mark is no cue, as it is in ”Siap” kata dia.
    """
    if quote.close_at is None or len(text[quote.start : quote.end].split()) > _MAX_TERM_WORDS:
        return False
    if text[quote.close_at - 1] in ".,!?…;:" or quote.end < quote.close_at and "," in text[quote.end : quote.close_at]:
        return False
    after = _NEXT_WORD.match(text, quote.close_at + 1)
    if after is None:
        return False
    word = after.group(1).casefold()
    return not (word in lexicon.speech_cues or word in lexicon.coref_cues or word in lexicon.reported_cues)


def _direct(article: _Article) -> list[tuple[Claim, Mention, QuoteSpan]]:
    text, index = article.text, article.index
    found: list[tuple[Claim, Mention, QuoteSpan]] = []
    pending: list[QuoteSpan] = []  # quotes that may continue an attributed quote
    previous_close = 0
    for quote in article.quotes:
        attribution: Attribution | None = None
        if quote.close_at is not None:
            attribution = cue_after(text, quote.close_at + 1, _paragraph_end(text, quote.close_at), index)
        if attribution is None:
            low = _clause_start(text, quote.open_at, previous_close)
            attribution = cue_before(text, low, quote.open_at, index)
        previous_close = quote.close_at + 1 if quote.close_at is not None else quote.end
        if _is_term(text, quote, article.lexicon):
            continue
        if attribution is None:
            pending.append(quote)
            continue
        claim = Claim(
            kind="direct",
            quote=text[quote.start : quote.end],
            char_start=quote.start,
            char_end=quote.end,
            speaker_mention=attribution.mention.text if attribution.mention else attribution.cue,
            cue=attribution.cue,
        )
        mention = attribution.mention or Mention(
            text=attribution.cue, start=attribution.cue_start, end=attribution.cue_start, pronoun=True
        )
        found.append((claim, mention, quote))
    # A quote standing as its own sentence continues the nearest attributed one.
    for quote in pending:
        if text[quote.open_at] in "'‘’" or len(text[quote.start : quote.end].split()) < _MIN_CONTINUATION_WORDS:
            continue  # single marks and a word or three set off a term, not a statement
        before = text[_paragraph_start(text, quote.open_at) : quote.open_at].rstrip()
        if before and before[-1] not in '.!?"”’:':
            continue  # inside a sentence: a term or title in quotes
        neighbours = sorted(
            (
                (abs(item[2].start - quote.start), item)
                for item in found
                if item[0].kind == "direct"
                and abs(item[2].start - quote.start) <= _CONTINUATION_REACH + len(item[0].quote)
            ),
            key=lambda pair: pair[0],  # equally near quotes keep text order; claims do not compare
        )
        if not neighbours:
            continue
        source_claim, mention, _ = neighbours[0][1]
        claim = Claim(
            kind="direct",
            quote=text[quote.start : quote.end],
            char_start=quote.start,
            char_end=quote.end,
            speaker_mention=source_claim.speaker_mention,
            cue=None,
        )
        found.append((claim, mention, quote))
    return found


def _media_in_role(role: str | None, lexicon: Lexicon) -> list[str]:
    """Media in a speaker's role: "XSoviet-News" of "penulis XSoviet-News"."""
    if not role:
        return []
    media_word = _patterns(lexicon)["media_word"]
    return [
        word
        for word in role.split()
        if word[0].isupper() and (is_known_medium(word) or media_word.search(word) and len(word) > 4)
    ]


def _finish(
    article: _Article,
    claim: Claim,
    mention: Mention,
    region: tuple[int, int],
    skip: list[tuple[int, int]],
    previous: tuple[Claim, int, int] | None,
) -> None:
    """Give ``claim`` its speaker, certainty, stance and chain of media."""
    _resolve_speaker(article, claim, mention, region, skip, previous)
    sentence_low = _clause_start(article.text, region[0], 0)
    sentence_high = _sentence_end(article.text, region[1])
    _weigh(article, claim, sentence_low, sentence_high)
    claim.via = _via(article, claim, sentence_low, sentence_high)


def _resolve_speaker(
    article: _Article,
    claim: Claim,
    mention: Mention,
    region: tuple[int, int],
    skip: list[tuple[int, int]],
    previous: tuple[Claim, int, int] | None,
) -> None:
    """Set the claim's speaker and role from its mention, or from the claim before."""
    if not mention.text:
        # Hearsay right after a statement passes that statement's source on.
        near = previous is not None and previous[1] >= article.previous_sentence_start(mention.start)
        if near and previous is not None and previous[0].cue is not None:
            claim.speaker, claim.speaker_role = previous[0].speaker, previous[0].speaker_role
            claim.speaker_mention = previous[0].speaker_mention
    elif mention.pronoun:
        _resolve_pronoun(article, claim, mention, region, skip, previous)
    else:
        claim.speaker, claim.speaker_role = article.index.resolve(mention, skip)


def _resolve_pronoun(
    article: _Article,
    claim: Claim,
    mention: Mention,
    region: tuple[int, int],
    skip: list[tuple[int, int]],
    previous: tuple[Claim, int, int] | None,
) -> None:
    """A pronoun ("dia", "-nya") stands for the person the text last made a clause's subject
    or a speech verb's agent, unless a statement came after that: then its speaker goes on
    talking. Without either, it stands for the person named last before the statement."""
    anchor = min(mention.start, region[0])
    named = previous is not None and previous[0].speaker and previous[0].speaker != previous[0].speaker_role
    if previous is not None and _backs_argument(article, previous[2]):
        named = False  # "Apalagi, Menteri X sudah berjanji ...": a reason in the words of the speaker before
    person = nearest_subject(article.index, anchor, skip)
    if person is None and not named:
        person = nearest_person(article.index, anchor, skip)
    if previous is not None and named and (person is None or person[0] < previous[2]):
        claim.speaker, claim.speaker_role = previous[0].speaker, previous[0].speaker_role
    elif person is not None:
        claim.speaker, claim.speaker_role = person[1], person[2]


def _backs_argument(article: _Article, position: int) -> bool:
    """Whether the sentence holding ``position`` opens with a word that makes it a reason
    backing the sentence before ("Apalagi, ...", "Padahal, ..."), not a new speaker's turn."""
    opener = _WORD.search(article.text, _clause_start(article.text, position, 0), position)
    return opener is not None and opener.group().casefold() in article.lexicon.argument_openers


def _weigh(article: _Article, claim: Claim, sentence_low: int, sentence_high: int) -> None:
    """Set the claim's hedges, stance and certainty from its sentence and a next one referring back."""
    text, lexicon = article.text, article.lexicon
    # The speaker's own words are excluded from the outlet's hedging of them.
    outside = (
        [(sentence_low, claim.char_start), (claim.char_end, sentence_high)]
        if claim.kind == "direct"
        else [(sentence_low, sentence_high)]
    )
    hedges: list[Hedge] = []
    for a, b in outside:
        hedges.extend(find_hedges(text, a, b, lexicon))
    stance, words = find_stance(text, sentence_low, sentence_high, lexicon)
    following = article.next_sentence(sentence_high)
    denied = False
    if following is not None and refers_back(text[following[0] : following[1]], lexicon):
        hedges.extend(find_hedges(text, following[0], following[1], lexicon))
        later_stance, _ = find_stance(text, following[0], following[1], lexicon)
        denied = later_stance == "denial"
    claim.hedges = tuple(hedges)
    claim.stance = stance  # type: ignore[assignment]
    claim.stance_words = tuple(words)
    kinds = {hedge.kind for hedge in hedges}
    claim.certainty = (
        "denied" if denied else "unverified" if "unverified" in kinds else "hedged" if "hedge" in kinds else "asserted"
    )


def _via(article: _Article, claim: Claim, sentence_low: int, sentence_high: int) -> tuple[str, ...]:
    """The media and platforms the claim passed through, as its sentence and the article cite them."""
    text = article.text
    via: list[str] = _media_in_role(claim.speaker_role, article.lexicon)
    attribution_text = [(sentence_low, claim.char_start), (claim.char_end, sentence_high)]
    for a, b in attribution_text:
        via.extend(source.name for _, source in find_sources(text[a:b]))
    earlier = [name for position, name in article.citations if position < claim.char_start]
    if earlier:
        via.append(earlier[-1])
    # The speaker is no medium passing on its own statement, however it is written.
    seen = {_medium_key(name) for name in (claim.speaker, claim.speaker_mention) if name}
    return tuple(name for name in via if not (_medium_key(name) in seen or seen.add(_medium_key(name))))  # type: ignore[func-returns-value]


def _medium_key(name: str) -> str:
    """ "The Express", "Express" and "the express" are one name."""
    folded = name.casefold().strip()
    return folded.removeprefix("the ").strip()


def extract_claims(text: str, *, lexicon: Lexicon | None = None, sentences: Sequence[str] | None = None) -> list[Claim]:
    """The attributed claims of one article's cleaned text, in text order.

    ``sentences`` are the text's sentences in order when the caller has split it already
    (``split_sentences(text)``), which saves splitting it again.
    """
    article = _Article(text, lexicon or merged(), sentences)
    reported = _reported(article)
    taken = [(claim.char_start, claim.char_end) for claim, _ in reported] + article.quote_spans
    reported += stance_statements(text, article.sentences, article.index, article.lexicon, taken)
    reported += _hedged(article, reported)
    direct = _direct(article)
    article.index.mark_speakers([mention for _, mention in reported] + [item[1] for item in direct if item[1]])
    # The outlet's own hedged sentences name people who act, not people talked about.
    contents = [(claim.char_start, claim.char_end) for claim, _ in reported if claim.cue] + article.quote_spans
    pending = [(claim, mention, (min(mention.start, claim.char_start), claim.char_end)) for claim, mention in reported]
    for claim, mention, quote in direct:
        close = quote.close_at if quote.close_at is not None else quote.end
        pending.append((claim, mention, (quote.open_at, max(close, mention.end))))
    pending.sort(key=lambda item: item[0].char_start)
    claims: list[Claim] = []
    previous: tuple[Claim, int, int] | None = None  # the claim before, where its region ends and starts
    for claim, mention, region in pending:
        _finish(article, claim, mention, region, contents, previous)
        claims.append(claim)
        previous = (claim, region[1], region[0])
    return claims
