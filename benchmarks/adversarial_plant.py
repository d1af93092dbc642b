"""Plant the failure modes of provenance in real news text, written as a scraper writes it.

The pure half of ``simulate_adversarial.py``: from real articles it builds scenarios, each one
failure mode (see ``MODES``), and returns scraper records (``id``, ``outlet``, ``url``,
``title``, ``published`` as text or missing, ``text``) with the truth beside them: the true
copy group, parent, publication instant and planted changes of every record, and the
borrowings (an article reusing a few sentences of another without being a version of it).
No file or store access here.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta, timezone

from propagation_plant import Planted  # the same change record, so match_changes scores both

UNKNOWN = "unknown"  # the parent of a copy of an absent source

# Scenario kinds and their rates among copy trees. Plain trees carry only the everyday edits
# every copy gets; each other kind adds one failure mode on top of them.
MODES: dict[str, float] = {
    "plain": 0.14,
    "undated_copy": 0.09,
    "undated_root": 0.06,
    "event_day": 0.09,
    "date_only": 0.08,
    "minutes_apart": 0.08,
    "zone_offsets": 0.08,
    "borrowing": 0.10,
    "aggregator": 0.08,
    "wire": 0.08,
    "chrome": 0.06,
    "truncation": 0.06,
    "cites_source": 0.06,
}

# Outlets copies appear in, disjoint between the parts so that nothing about an outlet's
# habits is seen both when fitting and when reporting. Zone: hours east of UTC.
COPY_OUTLETS: dict[str, list[tuple[str, int]]] = {
    "fit": [
        ("merdeka.com", 7),
        ("suara.com", 7),
        ("jpnn.com", 7),
        ("inews.id", 7),
        ("viva.co.id", 7),
        ("tribunpalu.com", 8),
        ("tribun-timur.com", 8),
        ("jubi.co.id", 9),
        ("pikiran-rakyat.com", 7),
    ],
    "report": [
        ("detik.com", 7),
        ("cnnindonesia.com", 7),
        ("liputan6.com", 7),
        ("kumparan.com", 7),
        ("idntimes.com", 7),
        ("balipost.com", 8),
        ("kaltimpost.id", 8),
        ("kabarpapua.co", 9),
        ("republika.co.id", 7),
    ],
}
CITIES = ["JAKARTA", "BANDUNG", "SURABAYA", "MEDAN", "MAKASSAR", "SEMARANG", "YOGYAKARTA"]
WEEKDAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
MONTHS = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
ZONE_NAMES = {7: "WIB", 8: "WITA", 9: "WIT"}
HEDGES = {
    "diduga": "dipastikan",
    "dikabarkan": "dipastikan",
    "mungkin": "pasti",
    "kemungkinan": "dipastikan",
    "disebut": "diklaim",
    "dilaporkan": "dipastikan",
    "diperkirakan": "dipastikan",
    "dipastikan": "diduga",
    "pasti": "mungkin",
}
CHROME = [
    "ADVERTISEMENT",
    "SCROLL TO CONTINUE WITH CONTENT",
    "Bagikan: Facebook Twitter WhatsApp",
    "Simak berita menarik lainnya di Google News",
    "Halaman Selanjutnya",
    "TERPOPULER",
    "Editor: {name}",
    "Penulis: {name}",
    "({outlet}/{initials})",
]
LEADS = [
    "Kabar terbaru datang terkait {title}.",
    "Berikut ini informasi selengkapnya soal {title}.",
    "Simak ulasan lengkap mengenai {title}.",
    "Ada kabar penting hari ini: {title}.",
]
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”']?\s+(?=[\"“]?[A-Z0-9])")
NUMBER = re.compile(r"\d+")


def record_change(planted: list[Planted], change: Planted) -> None:
    """Record ``change`` as the copy shows it: an edit of a sentence the copy already added or
    reworded composes with that change (added then cut: nothing; reworded then cut: removed;
    reworded twice: one rewording), so no change is planted that the text cannot show."""
    mine = [p for p in planted if p.child == change.child and p.kind != "removed" and p.new == change.old]
    earlier = mine[-1] if mine and change.old is not None else None
    if earlier is None:
        planted.append(change)
        return
    if change.kind == "reworded":
        earlier.new = change.new
        if earlier.kind == "reworded" and earlier.tag == "wording":
            earlier.tag = change.tag  # a number or hedge change shows through a word edit
        if earlier.kind == "reworded" and earlier.old == earlier.new:
            planted.remove(earlier)
        return
    planted.remove(earlier)
    if earlier.kind == "reworded":
        planted.append(replace(earlier, kind="removed", tag=change.tag, new=None))


@dataclass(slots=True)
class Source:
    """A real article as the corpus holds it."""

    id: str
    outlet: str
    title: str
    published: datetime
    category: str
    sentences: list[str]


@dataclass(slots=True)
class Doc:
    """One scraped record and its truth."""

    id: str
    outlet: str
    url: str
    title: str
    published: str | None  # as the scraper wrote it; None: the field is missing
    instant: datetime  # when it truly appeared
    sentences: list[str]  # content, in order
    prefix: str = ""  # a dateline before the lead ("JAKARTA, DETIK - "); copies drop it
    extra: list[tuple[int, str]] = field(default_factory=list)  # (position, line) not content
    group: str = ""  # true copy group
    parent: str | None = None  # true parent id, UNKNOWN, or None
    mode: str = "noise"
    role: str = "noise"  # root, copy, sibling, lender, aggregator, noise

    def text(self) -> str:
        lines = list(self.sentences)
        if lines and self.prefix:
            lines[0] = self.prefix + lines[0]
        for position, line in sorted(self.extra, key=lambda item: item[0], reverse=True):
            lines.insert(min(position, len(lines)), line)
        return "\n\n".join(lines)

    def record(self) -> dict[str, str]:
        out = {"id": self.id, "outlet": self.outlet, "url": self.url, "title": self.title, "text": self.text()}
        if self.published is not None:
            out["published"] = self.published
        return out


@dataclass(slots=True)
class Scenario:
    mode: str
    docs: list[Doc]
    origin: set[str]  # the versions the export should name as origin
    planted: list[Planted] = field(default_factory=list)
    borrowings: list[tuple[str, str]] = field(default_factory=list)  # (borrower, lender)
    neutral: list[str] = field(default_factory=list)  # inserted lines that are no substantive change


def split_sentences(text: str) -> list[str]:
    """Paragraphs, then sentence ends: a splitter of this file's own, not the pipeline's."""
    out: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        paragraph = paragraph.strip(" ,\n")
        out += [s.strip(" ,") for s in SENTENCE_END.split(paragraph) if len(s.strip(" ,")) > 1]
    return out


def words(sentence: str) -> list[str]:
    return re.findall(r"\w+", sentence.lower())


def fmt_minute(instant: datetime, rng: random.Random, hours: int = 7, styled: bool = True) -> str:
    """A minute-precision time as outlets and scrapers write it, in the outlet's zone."""
    local = instant.astimezone(timezone(timedelta(hours=hours)))
    style = rng.random() if styled else 0.0
    if style < 0.6:
        return local.isoformat(timespec="seconds")
    if style < 0.8:
        return (
            f"{WEEKDAYS[local.weekday()]}, {local.day} {MONTHS[local.month - 1]} {local.year} "
            f"{local:%H:%M} {ZONE_NAMES[hours]}"
        )
    return f"{local:%d/%m/%Y %H:%M} {ZONE_NAMES[hours]}"


def event_day(day: datetime) -> str:
    return f"{WEEKDAYS[day.weekday()]} ({day.day}/{day.month}/{day.year})"


class Planter:
    """Grows scenarios from roots; ``reserve`` supplies foreign sentences, titles, names."""

    def __init__(self, rng: random.Random, part: str, reserve: list[Source]) -> None:
        self.rng = rng
        self.outlets = COPY_OUTLETS["fit" if part == "fit" else "report"]
        self.reserve = [
            s for src in reserve for s in src.sentences if 8 <= len(words(s)) <= 30 and "baca" not in s.lower()
        ]
        rng.shuffle(self.reserve)
        self.titles = [src.title for src in reserve if len(src.title.split()) >= 4]
        self.names = sorted(
            {
                w
                for s in self.reserve[:2000]
                for w in s.split()[1:]
                if w.isalpha() and w[0].isupper() and w[1:].islower() and len(w) > 3
            }
        )
        self.seen_ids: set[str] = set()

    # --- records ---------------------------------------------------------------------------

    def new_id(self) -> str:
        while True:
            value = f"{self.rng.getrandbits(64):016x}"
            if value not in self.seen_ids:
                self.seen_ids.add(value)
                return value

    def url(self, outlet: str, instant: datetime, title: str) -> str:
        slug = "-".join(words(title)[:8]) or "berita"
        return f"https://www.{outlet}/read/{instant:%Y/%m/%d}/{self.rng.randint(10**5, 10**6)}/{slug}"

    def root_doc(self, source: Source, mode: str) -> Doc:
        doc = Doc(
            self.new_id(),
            source.outlet,
            "",
            source.title,
            fmt_minute(source.published, self.rng),
            source.published,
            list(source.sentences),
            mode=mode,
            role="root",
        )
        doc.url = self.url(doc.outlet, doc.instant, doc.title)
        doc.group = doc.id
        return doc

    def copy_doc(
        self,
        parent: Doc,
        instant: datetime,
        planted: list[Planted],
        neutral: list[str],
        edits: int | None = None,
        parent_id: str | None = None,
        outlet: tuple[str, int] | None = None,
    ) -> Doc:
        """A copy of ``parent``'s content with the everyday edits outlets make."""
        rng = self.rng
        name, hours = outlet or rng.choice(self.outlets)
        child = Doc(
            self.new_id(),
            name,
            "",
            parent.title,
            fmt_minute(instant, rng, hours),
            instant,
            list(parent.sentences),
            group=parent.group,
            parent=parent_id or parent.id,
            mode=parent.mode,
            role="copy",
        )
        child.url = self.url(name, instant, child.title)
        count = edits if edits is not None else rng.choice([0, 1, 1, 2, 2, 3])
        for _ in range(count):
            self.edit(child, planted)
        if rng.random() < 0.2:  # a lead of the outlet's own
            lead = rng.choice(LEADS).format(title=parent.title.rstrip(".!?"))
            child.sentences.insert(0, lead)
            record_change(planted, Planted("", child.id, "added", None, None, lead))
        for plant in planted:
            if plant.child == child.id and not plant.parent:
                plant.parent = child.parent or ""
        if rng.random() < 0.5 and child.sentences:  # an outlet dateline on the lead
            child.prefix = f"{rng.choice(CITIES)}, {name.split('.')[0].upper()} - "
            neutral.append(child.prefix)
        if rng.random() < 0.3:
            line = "Baca juga: " + rng.choice(self.titles)
            child.extra.append((rng.randint(2, max(2, len(child.sentences) - 1)), line))
            neutral.append(line)
        return child

    def edit(self, doc: Doc, planted: list[Planted]) -> None:
        rng = self.rng
        n = len(doc.sentences)
        middle = [
            k for k in range(1, n - 1) if len(words(doc.sentences[k])) >= 8 and "baca" not in doc.sentences[k].lower()
        ]
        if not middle:
            return
        k = rng.choice(middle)
        old = doc.sentences[k]
        roll = rng.random()
        if roll < 0.3 and NUMBER.search(old):
            match = rng.choice(list(NUMBER.finditer(old)))
            digits = match.group()
            first = rng.choice([d for d in "123456789" if d != digits[0]])
            new = old[: match.start()] + first + digits[1:] + old[match.end() :]
            self._reword(doc, k, new, "number", planted)
        elif roll < 0.45 and any(w in HEDGES for w in old.split()):
            tokens = old.split()
            j = next(j for j, w in enumerate(tokens) if w in HEDGES)
            tokens[j] = HEDGES[tokens[j]]
            self._reword(doc, k, " ".join(tokens), "hedge", planted)
        elif roll < 0.6:
            tokens = old.split()
            options = [
                j for j, w in enumerate(tokens) if w.isalpha() and w.islower() and len(w) > 4 and w not in HEDGES
            ]
            if options and self.reserve:
                donor = [w for w in rng.choice(self.reserve[:500]).split() if w.isalpha() and w.islower()]
                if donor:
                    tokens[rng.choice(options)] = rng.choice(donor)
                    self._reword(doc, k, " ".join(tokens), "wording", planted)
        elif roll < 0.8 and n >= 6:
            del doc.sentences[k]
            record_change(planted, Planted("", doc.id, "removed", None, old, None))
        elif self.reserve:
            new = self.reserve.pop()
            doc.sentences.insert(k, new)
            record_change(planted, Planted("", doc.id, "added", None, None, new))

    @staticmethod
    def _reword(doc: Doc, k: int, new: str, tag: str, planted: list[Planted]) -> None:
        if new != doc.sentences[k]:
            record_change(planted, Planted("", doc.id, "reworded", tag, doc.sentences[k], new))
            doc.sentences[k] = new

    # --- scenarios -------------------------------------------------------------------------

    def tree(self, root_source: Source, mode: str, size: int | None = None) -> Scenario:
        """A root and copies of it (and of its copies), minutes to hours apart."""
        rng = self.rng
        root = self.root_doc(root_source, mode)
        scenario = Scenario(mode, [root], {root.id})
        for _ in range(size or rng.randint(2, 5)):
            parent = root if rng.random() < 0.6 else rng.choice(scenario.docs)
            instant = parent.instant + timedelta(minutes=rng.randint(8, 600))
            scenario.docs.append(self.copy_doc(parent, instant, scenario.planted, scenario.neutral))
        return scenario

    def scenario(self, mode: str, root: Source, helpers: list[Source]) -> Scenario:
        """One scenario of ``mode``; ``helpers`` are other real articles it may need."""
        rng = self.rng
        if mode == "wire":
            return self.wire(root)
        if mode == "minutes_apart":
            return self.minutes_apart(root)
        scenario = self.tree(root, mode)
        copies = scenario.docs[1:]
        chosen = rng.sample(copies, k=min(len(copies), rng.randint(1, 2)))  # drawn for every mode
        trap = _TRAPS.get(mode)  # plain trees have none; aggregator pages are stitched by the caller
        if trap is not None:
            trap(self, scenario, chosen, helpers)
        return scenario

    def _undated_copy(self, scenario: Scenario, chosen: list[Doc], helpers: list[Source]) -> None:
        for doc in chosen:
            doc.published = None

    def _undated_root(self, scenario: Scenario, chosen: list[Doc], helpers: list[Source]) -> None:
        # The text says who came first: every copy carries the root's text plus a change
        # of its own, and the first copy names the root's outlet.
        root_doc, copies = scenario.docs[0], scenario.docs[1:]
        root_doc.published = None
        for doc in copies:
            if not any(p.child == doc.id for p in scenario.planted):
                self.edit(doc, scenario.planted)
                for plant in scenario.planted:
                    if plant.child == doc.id and not plant.parent:
                        plant.parent = doc.parent or ""
        first = min(copies, key=lambda d: d.instant)
        line = f"Seperti dikutip dari {root_doc.outlet}."
        first.extra.append((len(first.sentences), line))
        scenario.neutral.append(line)

    def _event_day(self, scenario: Scenario, chosen: list[Doc], helpers: list[Source]) -> None:
        # The copy's only date is the event day in its body, the root's day (or the eve).
        for doc in chosen:
            doc.published = None
            day = scenario.docs[0].instant - timedelta(days=1 if self.rng.random() < 0.3 else 0)
            doc.prefix = f"{self.rng.choice(CITIES).title()}, {event_day(day)} - "
            scenario.neutral.append(doc.prefix)

    def _date_only(self, scenario: Scenario, chosen: list[Doc], helpers: list[Source]) -> None:
        for doc in chosen:
            doc.published = doc.instant.astimezone(timezone(timedelta(hours=7))).date().isoformat()

    def _zone_offsets(self, scenario: Scenario, chosen: list[Doc], helpers: list[Source]) -> None:
        # The root is published in eastern Indonesia (its clock runs 1-2 hours ahead) or
        # stamped in UTC; copies follow in western time within the hour.
        rng = self.rng
        root_doc, copies = scenario.docs[0], scenario.docs[1:]
        hours = rng.choice([8, 9, 0])
        if hours:
            root_doc.outlet = rng.choice([o for o, h in self.outlets if h == hours])
            root_doc.url = self.url(root_doc.outlet, root_doc.instant, root_doc.title)
            root_doc.published = fmt_minute(root_doc.instant, rng, hours)
        else:
            root_doc.published = root_doc.instant.astimezone(UTC).isoformat(timespec="seconds")
        for doc in copies:
            if doc.parent == root_doc.id:
                doc.instant = root_doc.instant + timedelta(minutes=rng.randint(5, 55))
                doc.published = fmt_minute(doc.instant, rng, 7)
        self._keep_order(scenario)

    def _chrome(self, scenario: Scenario, chosen: list[Doc], helpers: list[Source]) -> None:
        rng = self.rng
        for doc in scenario.docs[1:]:
            for _ in range(rng.randint(2, 5)):
                line = rng.choice(CHROME + ["Baca juga: {title}"] * 3).format(
                    name=" ".join(rng.sample(self.names, 2)),
                    outlet=doc.outlet,
                    initials=rng.choice(["abc", "dtc", "kmp", "ant"]),
                    title=rng.choice(self.titles),
                )
                doc.extra.append((rng.randint(1, len(doc.sentences)), line))
                scenario.neutral.append(line)

    def _truncation(self, scenario: Scenario, chosen: list[Doc], helpers: list[Source]) -> None:
        copies = scenario.docs[1:]
        for doc in chosen:
            if len(doc.sentences) < 6 or any(d.parent == doc.id for d in copies):
                continue
            keep = max(3, int(len(doc.sentences) * self.rng.uniform(0.4, 0.7)))
            for old in doc.sentences[keep:]:
                record_change(scenario.planted, Planted(doc.parent or "", doc.id, "removed", "truncation", old, None))
            del doc.sentences[keep:]
            line = f"Baca selengkapnya di {doc.outlet}"
            doc.extra.append((keep, line))
            scenario.neutral.append(line)

    def _cites_source(self, scenario: Scenario, chosen: list[Doc], helpers: list[Source]) -> None:
        # The copy names the root's outlet and carries only its day, mostly the root's day.
        rng = self.rng
        root_doc = scenario.docs[0]
        direct = [d for d in scenario.docs[1:] if d.parent == root_doc.id]
        for doc in rng.sample(direct, k=min(len(direct), rng.randint(1, 2))):
            doc.published = doc.instant.astimezone(timezone(timedelta(hours=7))).date().isoformat()
            line = f'Artikel ini dikutip dari {root_doc.outlet} dengan judul "{root_doc.title}".'
            doc.extra.append((len(doc.sentences), line))
            scenario.neutral.append(line)

    def _borrowing(self, scenario: Scenario, chosen: list[Doc], helpers: list[Source]) -> None:
        self.borrow(scenario, helpers[0])

    def _keep_order(self, scenario: Scenario) -> None:
        """After times moved, a copy of a copy still comes after its parent."""
        by_id = {d.id: d for d in scenario.docs}
        for doc in scenario.docs[1:]:
            parent = by_id.get(doc.parent or "")
            if parent is not None and doc.instant <= parent.instant:
                doc.instant = parent.instant + timedelta(minutes=self.rng.randint(5, 90))
                doc.published = fmt_minute(doc.instant, self.rng, 7)

    def minutes_apart(self, root: Source) -> Scenario:
        """A chain and its branches, each version one to five minutes after its parent."""
        rng = self.rng
        root_doc = self.root_doc(root, "minutes_apart")
        scenario = Scenario("minutes_apart", [root_doc], {root_doc.id})
        for _ in range(rng.randint(3, 5)):
            parent = scenario.docs[-1] if rng.random() < 0.6 else rng.choice(scenario.docs)
            instant = parent.instant + timedelta(minutes=rng.randint(1, 5))
            scenario.docs.append(
                self.copy_doc(parent, instant, scenario.planted, scenario.neutral, edits=rng.randint(1, 2))
            )
        return scenario

    def wire(self, source: Source) -> Scenario:
        """A wire story that is not in the store, copied by many outlets within the hour."""
        rng = self.rng
        absent = self.root_doc(source, "wire")
        siblings = Scenario("wire", [], set())
        for _ in range(rng.randint(4, 8)):
            instant = absent.instant + timedelta(minutes=rng.randint(2, 75))
            doc = self.copy_doc(absent, instant, siblings.planted, siblings.neutral, parent_id=UNKNOWN)
            doc.role = "sibling"
            if rng.random() < 0.5:
                line = "(Antara)"
                doc.extra.append((len(doc.sentences), line))
                siblings.neutral.append(line)
            if rng.random() < 0.15:
                doc.published = None
            siblings.docs.append(doc)
        siblings.planted = []  # changes against a text nobody has cannot be checked
        dated = [d for d in siblings.docs if d.published is not None]
        siblings.origin = {min(dated, key=lambda d: d.instant).id} if dated else {d.id for d in siblings.docs}
        return siblings

    def borrow(self, scenario: Scenario, lender_source: Source) -> None:
        """The tree's root recaps an earlier report in one to three of its sentences."""
        rng = self.rng
        root = scenario.docs[0]
        lender = Doc(
            self.new_id(),
            lender_source.outlet,
            "",
            lender_source.title,
            "",
            root.instant - timedelta(hours=rng.uniform(3, 40)),
            list(lender_source.sentences),
            mode="borrowing",
            role="lender",
        )
        lender.published = fmt_minute(lender.instant, rng)
        lender.url = self.url(lender.outlet, lender.instant, lender.title)
        lender.group = lender.id
        usable = [s for s in lender.sentences[1:] if len(words(s)) >= 8 and "baca" not in s.lower()]
        if not usable:
            usable = lender.sentences[:3]
        start = rng.randrange(len(usable))
        borrowed = usable[start : start + rng.randint(1, 3)]
        borrowed = ["Diberitakan sebelumnya, " + borrowed[0][0].lower() + borrowed[0][1:]] + borrowed[1:]
        at = len(root.sentences) if rng.random() < 0.6 else max(1, len(root.sentences) // 2)
        # Copies copy the recap too: they were made after the root got it.
        for doc in scenario.docs:
            position = min(at, len(doc.sentences))
            doc.sentences[position:position] = borrowed
            scenario.borrowings.append((doc.id, lender.id))
        scenario.docs.append(lender)

    def aggregate(self, scenarios: list[Scenario]) -> Doc:
        """A round-up page stitched from two to four reports, a few sentences of each."""
        rng = self.rng
        roots = [s.docs[0] for s in scenarios]
        instant = max(d.instant for s in scenarios for d in s.docs) + timedelta(minutes=rng.randint(30, 240))
        lines: list[str] = []
        for root in roots:
            lines.append(root.title)
            lead = [s for s in root.sentences if len(words(s)) >= 6][: rng.randint(2, 3)]
            lines += lead
            lines.append(f"Sumber: {root.outlet}")
        name, hours = rng.choice(self.outlets)
        title = f"Rangkuman Berita Hari Ini: {roots[0].title}"
        page = Doc(
            self.new_id(),
            name,
            "",
            title,
            fmt_minute(instant, rng, hours),
            instant,
            lines,
            mode="aggregator",
            role="aggregator",
        )
        page.url = self.url(name, instant, title)
        page.group = page.id
        for scenario in scenarios:
            scenario.borrowings += [(page.id, d.id) for d in scenario.docs]
        return page


# What each mode does to a grown tree, besides the everyday edits (see ``Planter.scenario``).
_TRAPS: dict[str, Callable[[Planter, Scenario, list[Doc], list[Source]], None]] = {
    "undated_copy": Planter._undated_copy,
    "undated_root": Planter._undated_root,
    "event_day": Planter._event_day,
    "date_only": Planter._date_only,
    "zone_offsets": Planter._zone_offsets,
    "chrome": Planter._chrome,
    "truncation": Planter._truncation,
    "cites_source": Planter._cites_source,
    "borrowing": Planter._borrowing,
}
