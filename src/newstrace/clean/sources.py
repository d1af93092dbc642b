"""External sources an article cites ("Mengutip Mirror", "dilansir Express UK").

Two kinds of cue find a source name:

* strong cues ("mengutip", "dikutip dari", "dilansir", "melansir", "seperti
  diberitakan", a descriptor such as "surat kabar" or "kantor berita", a
  social network after "tulisnya di", a "(Sumber: X)" credit) take the
  capitalised name that comes with them;
* weak cues ("menurut", "kepada", "X melaporkan", "according to X",
  "X reported", "told X") mostly introduce people, so they only count when the
  name looks like a medium: it starts with "The", shows a host name, ends in a
  media word ("Times", "News") or is a known news organisation.

A hole where the scraper dropped the name ("seperti dilansir ,,") yields
nothing: a source is never invented. Photo credits are not sources.
"""

from __future__ import annotations

import regex

from newstrace.clean.meta import normalise_host
from newstrace.lang import en as lang_en
from newstrace.lang import id as lang_id
from newstrace.model import CitedSource

__all__ = [
    "SOURCE_CREDIT",
    "dedupe_sources",
    "find_sources",
    "is_known_medium",
    "is_self_citation",
    "normalise_source_name",
    "parse_source_list",
]

_KNOWN_MEDIA = {name.casefold(): name for name in lang_id.KNOWN_MEDIA}
_SOCIAL = {key: lang_id.PLATFORMS[key] for key in lang_id.CITED_PLATFORMS}
_MEDIA_WORDS = lang_en.MEDIA_NAME_WORDS
_MEDIA_LIKE = regex.compile(rf"^(?:The\s.+|.*\.(?:com|co\.id|id|net|tv|org|co\.uk|news)\b.*|.*\b(?:{_MEDIA_WORDS}))$")
_COUNTRIES = lang_id.COUNTRY_WORDS
_DESCRIPTOR = lang_id.MEDIA_DESCRIPTORS
# Lowercase only: "laman Liga Indonesia" loses "laman", "Media Indonesia" keeps "Media".
_DESCRIPTOR_PREFIX = regex.compile(rf"^(?:{_DESCRIPTOR}\s+)+(?:resmi\s+)?")
_COUNTRY_PREFIX = regex.compile(rf"^(?:(?:{_COUNTRIES})\s+)+(?=\S)")
_COUNTRY_ONLY = regex.compile(rf"(?:(?:{_COUNTRIES})\s*)+")

# A name: capitalised words (or a host), with a few lowercase connectors inside.
_NAME_TOKEN = r"(?:[\p{Lu}\d@][\p{L}\d&'+\-]*(?:\.[\p{L}\d]+)*|E!)"
_CONNECTOR = r"(?:of|de|del|dello|della|the|van|der|du|la|and|&)"
_NAME = rf"{_NAME_TOKEN}(?:\s+(?:{_CONNECTOR}\s+)?{_NAME_TOKEN}){{0,6}}"
_NOT_NAME_WORDS = lang_id.SOURCE_NOT_NAME_WORDS
_ROLE_WORDS = lang_id.SOURCE_ROLE_WORDS

# Cue words match in any case ("Mengutip", "MENGUTIP"); names must be capitalised.
_STRONG_CUE = (
    r"(?i:(?:(?:seperti|sebagaimana|yang)\s+)?(?:mengutip|dikutip|melansir|dilansir|menukil"
    r"|dinukil|diberitakan|dilaporkan\s+oleh|bersumber|quoted\s+by|cited\s+by)"
    r"(?:\s+(?:dari|oleh|from))?)"
)
_DESCRIPTOR_GROUP = rf"(?P<descriptor>(?i:{_DESCRIPTOR})\s+(?:resmi\s+)?)?"
# Media that write their own names in lower case: a host ("asiaone.com", "tirto.id") or a
# known medium's stem, bare or with "com" or a channel name ("detikcom", "detikINET").
_KNOWN_STEMS = "|".join(sorted((regex.escape(key) for key in _KNOWN_MEDIA if key.isalnum()), key=len, reverse=True))
_LOWER_MEDIUM = (
    r"(?:[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|co\.id|id|net|tv|org|co\.uk|news)\b"
    rf"|(?:{_KNOWN_STEMS})(?:\.?com\b|\p{{Lu}}\p{{L}}*)?(?![\p{{L}}\d]))"
)
_STRONG = regex.compile(
    rf"(?<![\p{{L}}])(?P<cue>{_STRONG_CUE})\s+{_DESCRIPTOR_GROUP}"
    rf"(?P<name>{_NAME}|{_LOWER_MEDIUM})"
)
# "Dikutip detikINET dari BBC": the outlet's own name between the cue and the source.
_VIA_OUTLET = regex.compile(
    rf"(?<![\p{{L}}])(?P<cue>(?i:(?:seperti\s+)?(?:dikutip|dilansir|dinukil)))\s+"
    rf"(?P<via>{_NAME_TOKEN}|{_LOWER_MEDIUM})\s+(?i:dari)\s+{_DESCRIPTOR_GROUP}"
    rf"(?P<name>{_NAME}|{_LOWER_MEDIUM})"
)
_WEAK_BEFORE = regex.compile(
    r"(?<![\p{L}])(?P<cue>(?i:menurut(?:\s+laporan)?|kepada|according\s+to|told|reported\s+by))"
    rf"\s+{_DESCRIPTOR_GROUP}(?P<name>{_NAME})"
)
# The name opens a clause: at the start, or after a comma, colon, quote or full stop.
_WEAK_AFTER = regex.compile(
    rf"(?:^|(?<=[,;:\"']\s?)|(?<=\.\s))(?P<name>{_NAME})\s+"
    r"(?P<cue>melaporkan|mewartakan|memberitakan|reported|reports)\b"
)
# Lowercase only: "harian Kompas" names a paper, "Ketua Harian PB ..." a post.
_DESCRIBED = regex.compile(
    r"(?<![\p{L}])(?P<descriptor>kantor berita|surat kabar|harian|majalah|stasiun televisi"
    rf"|news agency|newspaper)\s+(?P<name>{_NAME})"
)
_SOCIAL_CUE = regex.compile(
    r"(?<![\p{L}])(?P<cue>(?:(?:tulis|cuit|kicau|unggah|posting|tweet|twit|tulisan|status)\p{L}*"
    r"\s+(?:\p{L}+\s+){0,2}?)?(?:di|melalui|lewat|via|dalam|pada|dari)\s+(?:akun\s+)?"
    r"(?:media sosial\s+)?)"
    r"(?P<name>Twitter|Instagram|Facebook|TikTok|Tiktok|YouTube|Youtube|Threads)\b"
)
# "utip" catches both "mengutip" and "dikutip" (the k of "kutip" drops after "meng-").
_STRONG_GATE = (
    "utip",
    "lansir",
    "nukil",
    "diberitakan",
    "dilaporkan oleh",
    "bersumber",
    "quoted by",
    "cited by",
)
_WEAK_BEFORE_GATE = ("menurut", "kepada", "according to", "told", "reported by")
_WEAK_AFTER_GATE = ("melaporkan", "mewartakan", "memberitakan", "reported", "reports")
_DESCRIBED_GATE = (
    "kantor berita",
    "surat kabar",
    "harian",
    "majalah",
    "stasiun televisi",
    "news agency",
    "newspaper",
)
_SOCIAL_GATE = lang_id.CITED_PLATFORMS
# Plain substring tests: several times faster than one alternation pattern.
_ALL_CUES = (
    *_STRONG_GATE,
    *_WEAK_BEFORE_GATE,
    *_WEAK_AFTER_GATE,
    *_DESCRIBED_GATE,
    *_SOCIAL_GATE,
    "sumber",
    "source",
)
SOURCE_CREDIT = regex.compile(r"\(\s*(?P<label>Source|Sumber)\s*:\s*(?P<names>[^()]{1,80}?)\s*\)", regex.IGNORECASE)
"""A trailing source credit in brackets: ``(Source : IsuBogor)``."""
_PHOTO_CREDIT = regex.compile(r"\b(?:foto|photo|via AP|AFP|Getty|Reuters/|ANTARA FOTO|dok\.?)\b", regex.IGNORECASE)
_HOST_NAME = regex.compile(r"[\w.-]+\.(?:com|co\.id|id|net|tv|org|co\.uk|news)", regex.IGNORECASE)
_LIST_SPLIT = regex.compile(r"\s*(?:,|/|;|\||&|\bdan\b|\band\b)\s*")


_DANGLING = {"of", "the", "and", "&"}


def _trim_trailing_words(tokens: list[str]) -> list[str]:
    """Drop dates and dangling connectors a greedy name match took along."""
    tokens = list(tokens)
    while tokens and tokens[-1].casefold().strip(".,") in _NOT_NAME_WORDS | _DANGLING:
        tokens.pop()
    return tokens


def _phrase_up_to_name(phrase: str, raw_name: str) -> str:
    """The citing phrase ending where the kept name ends ("kepada Okezone", not "... Jumat")."""
    raw_name = " ".join(raw_name.split())
    if not phrase.endswith(raw_name):
        return phrase  # the cue follows the name ("The Express melaporkan")
    kept = " ".join(_trim_trailing_words(raw_name.split()))
    return phrase[: len(phrase) - len(raw_name)] + kept


def normalise_source_name(name: str, *, described: bool = False) -> str | None:
    """A name fit for grouping, or None when nothing name-like is left.

    ``described`` says a descriptor such as "kantor berita" or "surat kabar"
    came before the name; then a leading country is the medium's origin, not
    part of its name ("surat kabar Inggris The Guardian" -> "The Guardian"),
    whereas "China Daily" on its own keeps its first word.
    """
    name = " ".join(name.split()).strip(" .,;:'\"()-")
    name = _DESCRIPTOR_PREFIX.sub("", name)
    if described:
        name = _COUNTRY_PREFIX.sub("", name)
        if _COUNTRY_ONLY.fullmatch(name):
            return None
    tokens = _trim_trailing_words(name.split())
    while tokens and tokens[0].casefold() in {"of", "and", "&"}:
        tokens.pop(0)
    if not tokens or tokens[0].casefold().strip(".,") in _ROLE_WORDS | _NOT_NAME_WORDS:
        return None
    name = " ".join(tokens).strip(" .,;:'\"()-")
    if len(name) < 2 or not any(c.isalpha() for c in name):
        return None
    if _HOST_NAME.fullmatch(name):
        return name.lower()
    folded = name.casefold()
    if folded in _SOCIAL:
        return _SOCIAL[folded]
    if folded.endswith("com") and folded[:-3] in _KNOWN_MEDIA:
        return _KNOWN_MEDIA[folded[:-3]]  # "detikcom", "Kompascom"
    return _KNOWN_MEDIA.get(folded, name)


def is_known_medium(name: str) -> bool:
    """True for a well-known news organisation ("Reuters", "ANTARA", "The Guardian")."""
    return name.casefold() in _KNOWN_MEDIA


def _media_like(name: str) -> bool:
    return name.casefold() in _KNOWN_MEDIA or _MEDIA_LIKE.match(name) is not None


def parse_source_list(names: str) -> list[str]:
    """Names in a credit list ("The Straits Times,Mirror", "Euronews")."""
    result: list[str] = []
    for part in _LIST_SPLIT.split(names):
        name = normalise_source_name(part)
        if name and name not in result:
            result.append(name)
    return result


def find_sources(text: str) -> list[tuple[int, CitedSource]]:
    """Sources cited in one line of body text, with their offsets, in order."""
    found: list[tuple[int, CitedSource]] = []
    lower = text.lower()
    # Most lines hold no cue at all: one scan for any cue word decides whether
    # the individual patterns need to run.
    if not any(cue in lower for cue in _ALL_CUES):
        return found
    if any(cue in lower for cue in _STRONG_GATE):
        _find_strong(text, found)
    _find_weak(text, lower, found)
    if any(cue in lower for cue in _DESCRIBED_GATE):
        for match in _DESCRIBED.finditer(text):
            _add_source(
                found, match.start(), match.group("name"), match.group(), need_media=False, after_descriptor=True
            )
    if any(cue in lower for cue in _SOCIAL_GATE):
        for match in _SOCIAL_CUE.finditer(text):
            _add_source(found, match.start("name"), match.group("name"), match.group().strip(), need_media=False)
    if "sumber" in lower or "source" in lower:
        _find_credits(text, found)
    found.sort(key=lambda item: item[0])
    return found


def _add_source(
    found: list[tuple[int, CitedSource]],
    start: int,
    raw_name: str,
    phrase: str,
    *,
    need_media: bool,
    after_descriptor: bool = False,
) -> None:
    """Note the source a cue names, unless its name is no source (or, where asked, no medium)."""
    name = normalise_source_name(raw_name, described=after_descriptor)
    if name is None or (need_media and not _media_like(name)):
        return
    phrase = _phrase_up_to_name(" ".join(phrase.split()), raw_name)
    found.append((start, CitedSource(name=name, phrase=phrase)))


def _find_strong(text: str, found: list[tuple[int, CitedSource]]) -> None:
    """Outlets passing a story on ("via ..."), then the strong cues ("dikutip dari ...")."""
    via_spans: list[tuple[int, int]] = []
    for match in _VIA_OUTLET.finditer(text):
        via_spans.append(match.span())
        _add_source(
            found,
            match.start("cue"),
            match.group("name"),
            match.group().strip(),
            need_media=False,
            after_descriptor=bool(match.group("descriptor")),
        )
    for match in _STRONG.finditer(text):
        if any(start <= match.start() < end for start, end in via_spans):
            continue  # the name after the cue was the outlet passing the story on
        _add_source(
            found,
            match.start("cue"),
            match.group("name"),
            match.group().strip(),
            need_media=False,
            after_descriptor=bool(match.group("descriptor")),
        )


def _find_weak(text: str, lower: str, found: list[tuple[int, CitedSource]]) -> None:
    """Weak cues before a name (a medium's name, or any name after a descriptor: "media ..."),
    then weak cues after one (a medium's name only)."""
    for match in _WEAK_BEFORE.finditer(text) if any(cue in lower for cue in _WEAK_BEFORE_GATE) else ():
        has_descriptor = bool(match.group("descriptor"))
        _add_source(
            found,
            match.start("cue"),
            match.group("name"),
            match.group(),
            need_media=not has_descriptor,
            after_descriptor=has_descriptor,
        )
    for match in _WEAK_AFTER.finditer(text) if any(cue in lower for cue in _WEAK_AFTER_GATE) else ():
        _add_source(found, match.start("name"), match.group("name"), match.group(), need_media=True)


def _find_credits(text: str, found: list[tuple[int, CitedSource]]) -> None:
    """Bracketed "(Sumber: ...)" credits; a photo's credit is no source of the text."""
    for match in SOURCE_CREDIT.finditer(text):
        if _PHOTO_CREDIT.search(match.group("names")):
            continue  # "(Sumber: ..., Kremlin Pool Photo via AP)" credits a photo
        for name in parse_source_list(match.group("names")):
            found.append((match.start(), CitedSource(name=name, phrase=match.group())))


_CREDIT_TAIL = regex.compile(r"(?:^|\s)\(\s*(?P<name>\p{L}[\p{L}\d .&-]{1,30}?)\s*(?:/\s*[\p{L}\d. ]{1,20}?\s*)*\)\s*$")


_REPUBLISHED_LEAD = regex.compile(
    r"(?:artikel|berita|tulisan)\s+ini\s+(?:telah\s+|sudah\s+)?(?:tayang|terbit|dipublikasikan|dimuat)",
    regex.IGNORECASE,
)


def credit_tail(line: str) -> tuple[str, CitedSource] | None:
    """A closing credit naming the agency or outlet the text came from, "(Antara)",
    "(ANTARA/ded)", "(Reuters)", alone or after the last sentence: the line without it and
    the source, or None. Only known media count: "(Jakarta)" or "(red)" is no credit."""
    match = _CREDIT_TAIL.search(line)
    if match is None:
        return None
    name = normalise_source_name(match.group("name"))
    if name is None or not is_known_medium(name):
        return None
    phrase = match.group().strip()
    return line[: match.start()].rstrip(), CitedSource(name=name, phrase=phrase)


def is_credit_phrase(phrase: str) -> bool:
    """True when a citation says the text itself came from that source, not just a fact: a
    bracketed credit ("(Antara)", "(Sumber: Kompas.com)"), an agency dateline
    ("Jakarta (ANTARA) -") or a republication line ("Artikel ini telah tayang di ...")."""
    phrase = phrase.strip()
    if phrase.startswith("(") and phrase.endswith(")"):
        return True
    if phrase.endswith(("-", "\u2013", "\u2014")):
        return True
    return _REPUBLISHED_LEAD.match(phrase) is not None


def _brand(name: str) -> str:
    """The brand in a name or host: ``okezone`` for "okezone.com", "Okezone", "OKEZONE"."""
    name = name.casefold()
    if _HOST_NAME.fullmatch(name):
        name = normalise_host(name).split(".")[0]
    brand = "".join(ch for ch in name if ch.isalnum())
    for suffix in ("com", "news"):  # "detikcom", "antaranews.com"
        if brand.endswith(suffix) and brand[: -len(suffix)] in _KNOWN_MEDIA:
            return brand[: -len(suffix)]
    return brand


def is_self_citation(source: CitedSource, outlet: str | None) -> bool:
    """The outlet named as its own source ("kepada Okezone" in an okezone.com article, or the
    closing credit "(Source : IsuBogor)" that named the outlet in the first place)."""
    if not outlet:
        return False
    return _brand(source.name) == _brand(outlet)


def dedupe_sources(sources: list[CitedSource]) -> list[CitedSource]:
    """One entry per name (case-insensitive), keeping the first phrase."""
    seen: set[str] = set()
    unique: list[CitedSource] = []
    for source in sources:
        key = source.name.casefold()
        if key not in seen:
            seen.add(key)
            unique.append(source)
    return unique
