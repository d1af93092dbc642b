"""The one orchestrator: ingest and analysis, each a list of named steps run over a stream.

Ingest reads inputs as a stream of batches; every batch goes through ``INGEST_STEPS`` (count the
fields read, skip inputs already stored, clean, write) in one transaction, so a run killed
mid-way is completed by running it again; chrome recurring across an outlet is learned at the
end. Analysis runs ``ANALYSIS_STEPS`` over the articles not analysed yet (signatures, candidate
pairs, verification, claims), then saves, groups, traces and links claims in one transaction,
so an interrupted analysis leaves the previous results intact. The steps themselves live in
``ingest.prepare``, ``store.articles`` and ``analyze``; a distributed job can run the same ones.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import BinaryIO

from newstrace.analyze import (
    AnalysisRun,
    AnalyzeConfig,
    AnalyzeReport,
    Stages,
    claims,
    near_duplicates,
    paraphrase_candidates,
    save_and_group,
    verify,
)
from newstrace.clean import drop_lines, learn_boilerplate
from newstrace.ingest.fields import FieldUsage
from newstrace.ingest.prepare import clean_raw, count_fields, input_notes, recipe
from newstrace.ingest.readers import check_inputs, input_sizes, read_inputs
from newstrace.model import Article, Cleaned, RawInput, Reject
from newstrace.settings import default
from newstrace.store import Store, raw_sha256
from newstrace.store import analysis as analysis_db
from newstrace.store import articles as article_db

__all__ = ["IngestReport", "ingest", "INGEST_STEPS", "AnalyzeConfig", "AnalyzeReport", "analyze", "ANALYSIS_STEPS"]


# -- ingest ------------------------------------------------------------------------------


@dataclass(slots=True)
class IngestReport:
    """What one ingest did. ``rejects`` lists this run's rejects, old and new."""

    added: int = 0
    new_versions: int = 0
    unchanged: int = 0
    rejects: list[Reject] = field(default_factory=list)
    boilerplate_learned: int = 0
    fields: dict[str, FieldUsage] = field(default_factory=dict)  # per record file: keys used and ignored
    notes: list[tuple[str, str, str]] = field(default_factory=list)  # (article id, kind, detail)

    @property
    def rejected(self) -> int:
        return len(self.rejects)

    def reasons(self) -> Counter[str]:
        return Counter(r.reason for r in self.rejects)


@dataclass(slots=True)
class IngestRun:
    """One ingest's settings and progress, shared by its steps."""

    store: Store
    run_id: int
    report: IngestReport
    mapping: Mapping[str, str] | None
    min_words: int
    pool: ProcessPoolExecutor | None
    outlets: set[str] = field(default_factory=set)  # outlets that got new text: their chrome is learned again


@dataclass(slots=True)
class Batch:
    """One batch of the input stream as the steps carry it along."""

    items: list[RawInput | Reject]
    raws: list[RawInput] = field(default_factory=list)
    todo: list[tuple[RawInput, str, str]] = field(default_factory=list)  # (input, sha256, recipe) to clean
    results: list[tuple[Article, list[tuple[str, str]]] | Reject] = field(default_factory=list)


def count_batch_fields(run: IngestRun, batch: Batch) -> None:
    batch.raws = [x for x in batch.items if isinstance(x, RawInput)]
    count_fields(batch.raws, run.mapping, run.report.fields)


def skip_known(run: IngestRun, batch: Batch) -> None:
    """Inputs read before with the same mapping and cleaning are counted, not cleaned again."""
    shas = [raw_sha256(r) for r in batch.raws]
    recipes = [recipe(r, s) for r, s in zip(batch.raws, shas)]
    known = article_db.known_recipes(run.store, recipes)
    batch.todo = [(r, s, k) for r, s, k in zip(batch.raws, shas, recipes) if k not in known]
    for r, k in zip(batch.raws, recipes):
        if k in known:
            reason = known[k]
            if reason is None:
                run.report.unchanged += 1
            else:
                run.report.rejects.append(Reject(r.origin, r.line, reason, "already rejected earlier"))


def clean_batch(run: IngestRun, batch: Batch) -> None:
    inputs = [r for r, _, _ in batch.todo]
    if run.pool is not None:
        batch.results = list(run.pool.map(clean_raw, inputs, [run.min_words] * len(inputs), chunksize=16))
    else:
        batch.results = [clean_raw(r, run.min_words) for r in inputs]


def write_batch(run: IngestRun, batch: Batch) -> None:
    """Articles, new versions and rejects of one batch, in one transaction."""
    store, report = run.store, run.report
    with store.transaction():
        for item in batch.items:
            if isinstance(item, Reject):
                article_db.write_reject(store, item, run.run_id)
                report.rejects.append(item)
        for (raw, sha, key), result in zip(batch.todo, batch.results):
            if isinstance(result, Reject):
                article_db.write_reject(store, result, run.run_id, raw, sha, key)
                report.rejects.append(result)
                continue
            article, removed = result
            notes = raw.notes + input_notes(raw, article)
            status = article_db.write_article(store, raw, sha, article, removed, notes, key)
            if status == "added":
                report.added += 1
            elif status == "new_version":
                report.new_versions += 1
            else:
                report.unchanged += 1
            if status != "unchanged" and article.outlet:
                run.outlets.add(article.outlet)
            if status != "unchanged":
                report.notes += [(article.id, kind, detail) for kind, detail in notes]


IngestStep = Callable[[IngestRun, Batch], None]
INGEST_STEPS: tuple[tuple[str, IngestStep], ...] = (
    ("fields", count_batch_fields),
    ("known", skip_known),
    ("clean", clean_batch),
    ("write", write_batch),
)


def _batches(items: Iterable[RawInput | Reject], size: int) -> Iterator[list[RawInput | Reject]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def learn_outlet_chrome(store: Store, outlets: set[str]) -> int:
    """Learn lines recurring across one outlet's articles and drop them everywhere in it."""
    learned_total = 0
    for outlet in sorted(outlets):
        rows = list(article_db.outlet_texts(store, outlet))
        lines = learn_boilerplate(
            (t for _, t in rows),
            min_articles=default("boilerplate_min_articles"),
            min_share=default("boilerplate_min_share"),
        )
        if not lines:
            continue
        with store.transaction():
            article_db.save_boilerplate(store, outlet, sorted(lines))
            for key, text in rows:
                dropped = drop_lines(Cleaned(text=text), lines)
                if dropped.text != text and len(dropped.text.split()) > 0:
                    article_db.replace_text(store, key, dropped.text, dropped.removed)
        learned_total += len(lines)
    return learned_total


class _Position:
    """How far through the inputs a run is, in bytes: whole files behind, plus the
    payloads read so far of the file being read (capped at its size)."""

    def __init__(self, sizes: dict[str, int]) -> None:
        self.sizes = sizes
        self.total = sum(sizes.values())
        self.finished = 0
        self.current: str | None = None
        self.read = 0

    def advance(self, batch: list[RawInput | Reject]) -> int:
        for item in batch:
            if item.origin != self.current:
                self.finished += self.sizes.get(self.current or "", 0)
                self.current, self.read = item.origin, 0
            payload = item.payload if isinstance(item, RawInput) else item.excerpt
            self.read += len(payload or "") + 1
        return min(self.total, self.finished + min(self.read, self.sizes.get(self.current or "", 0)))


def _run_batches(
    run: IngestRun,
    batches: Iterable[list[RawInput | Reject]],
    position: _Position,
    on_progress: Callable[[int], None] | None,
    on_bytes: Callable[[int, int, int], None] | None,
) -> None:
    """Every batch through ``INGEST_STEPS``, telling the caller how far the run is."""
    for items in batches:
        batch = Batch(items)
        for _name, step in INGEST_STEPS:
            step(run, batch)
        if on_progress:
            on_progress(len(items))
        if on_bytes:
            on_bytes(len(items), position.advance(items), position.total)
    if on_bytes:  # every input read: the estimate gives way to the whole
        on_bytes(0, position.total, position.total)


def ingest(
    paths: Iterable[str],
    *,
    db: str | Path | Store,
    mapping: Mapping[str, str] | None = None,
    input_format: str | None = None,
    encoding: str | None = None,
    jobs: int = 1,
    batch_size: int | None = None,
    max_record_bytes: int | None = None,
    stdin: BinaryIO | None = None,
    on_progress: Callable[[int], None] | None = None,
    on_bytes: Callable[[int, int, int], None] | None = None,
) -> IngestReport:
    """Ingest files, folders or ``-`` (stdin) into the store at ``db``.

    Returns an ``IngestReport``; rejects are recorded in the store's ``rejects``
    table with origin, line and reason. Raises ``InputError`` only for caller
    mistakes (a missing path, a bad mapping or encoding), before the store is even
    created. ``on_progress(inputs)`` follows each batch; ``on_bytes(inputs, bytes_done,
    bytes_total)`` too, with the input bytes read so far out of an estimated total.
    """
    paths = list(paths)
    check_inputs(paths, input_format, encoding)
    sizes = input_sizes(paths) if on_bytes else {}
    store = db if isinstance(db, Store) else Store(db)
    store.check()
    size = batch_size or default("batch_size")
    report = IngestReport()
    inputs = read_inputs(
        paths,
        mapping=mapping,
        input_format=input_format,
        encoding=encoding,
        max_bytes=max_record_bytes or default("max_record_bytes"),
        stdin=stdin,
    )
    run_id = article_db.start_run(store, paths)
    position = _Position(sizes)
    if on_bytes:
        on_bytes(0, 0, position.total)
    pool = ProcessPoolExecutor(jobs) if jobs > 1 else None
    run = IngestRun(store, run_id, report, mapping, default("min_words"), pool)
    try:
        _run_batches(run, _batches(inputs, size), position, on_progress, on_bytes)
        report.boilerplate_learned = learn_outlet_chrome(store, run.outlets)
        counts = {"added": report.added, "new_version": report.new_versions, "unchanged": report.unchanged}
        article_db.finish_run(store, run_id, {**counts, "rejected": report.rejected})
    except BaseException:
        article_db.finish_run(store, run_id, {}, status="interrupted")
        raise
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        if not isinstance(db, Store):
            store.close()
    return report


# -- analysis ------------------------------------------------------------------------------

AnalysisStep = Callable[[AnalysisRun], None]
# Run over the articles not analysed yet, each timed as a stage of that name.
ANALYSIS_STEPS: tuple[tuple[str, AnalysisStep], ...] = (
    ("signatures", near_duplicates),
    ("paraphrase candidates", paraphrase_candidates),
    ("verification", verify),
    ("claims", claims),
)


def analyze(
    db_path: str | Path | Store,
    *,
    config: AnalyzeConfig | None = None,
    on_stage: Callable[[str], None] | None = None,
    regroup: bool = False,
    on_count: Callable[[int, int], None] | None = None,
) -> AnalyzeReport:
    """Match, group and trace every article not analysed yet; a no-op when nothing is new.

    Incremental: only articles not analysed yet get signatures and candidate searches; old
    articles are read again only where a new one touches them, and only copy groups that
    gained or lost members are traced again. ``regroup`` groups the whole store again from its
    stored relations and retraces every copy group, new articles or not: after changing the
    grouping settings, or to time it. ``on_count(done, total)`` follows the candidate pairs verified.
    """
    config = config or AnalyzeConfig()
    store = db_path if isinstance(db_path, Store) else Store(db_path)
    report = AnalyzeReport()
    stage = Stages(report, on_stage)
    try:
        pending = analysis_db.pending_articles(store)
        report.new_articles = len(pending)
        if not pending and not regroup:
            return report
        run = AnalysisRun(store, config, report, stage, pending, regroup, on_count)
        try:
            if pending:
                try:
                    for name, step in ANALYSIS_STEPS:
                        stage(name)
                        step(run)
                finally:
                    run.claim_worker.close()
            stage("grouping")
            with store.transaction():
                save_and_group(run)
        finally:
            run.docs.close()
        stage("done")
        report.relations = {}
        for r in run.all_relations:
            report.relations[r.kind] = report.relations.get(r.kind, 0) + 1
        return report
    finally:
        if not isinstance(db_path, Store):
            store.close()
