"""The articles one analysis reads, held lightly: each article's row without its text, and
its ``MatchDoc`` built on demand, of which only the most recently used few thousand are kept.

A MatchDoc (sentences, tokens, hashes, names) takes about fifty times its article's row, so
holding every one for the whole analysis made memory grow with the store. Here the texts stay
in the store, and each MatchDoc, once built, is also written to a temporary spill file: one
that was dropped and is needed again is read back (a tenth of the cost of splitting and
building it again; a large analysis needs most documents two or three times). Building is a
pure function of the row, so an analysis finds the same pairs and the same relations whichever
documents are kept.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import IO

from newstrace.clean import split_sentences
from newstrace.forked import forked_map
from newstrace.match_doc import MatchDoc
from newstrace.store import Store
from newstrace.store import analysis as db

__all__ = ["DOC_CACHE", "ArticleDocs"]

DOC_CACHE = 4096  # MatchDocs kept at once (each some tens of KB)
_READ = 500  # texts read per query
# From this many documents to build at once, ``workers`` processes build them side by side.
PARALLEL_MIN_BUILDS = 2000


class ArticleDocs:
    """Rows (without text) of the articles seen so far, and a bounded cache of their MatchDocs."""

    def __init__(self, store: Store, capacity: int | None = None, *, workers: int = 1) -> None:
        self.store = store
        self.capacity = max(2, DOC_CACHE if capacity is None else capacity)
        self.workers = workers
        self.rows: dict[str, db.ArticleRow] = {}
        self._docs: OrderedDict[str, MatchDoc] = OrderedDict()
        self.built = 0  # MatchDocs built from their text
        self._spill: IO[bytes] | None = None
        self._spilled: dict[str, tuple[int, int]] = {}  # id -> (offset, size) in the spill file
        self._spill_end = 0

    def add_rows(self, rows: Iterable[db.ArticleRow]) -> None:
        """Remember these articles (their first row seen wins); texts are not kept."""
        for row in rows:
            if row.id not in self.rows:
                self.rows[row.id] = replace(row, text="") if row.text else row

    def load(self, ids: Iterable[str]) -> None:
        """Remember the rows of these articles, read from the store when not known yet."""
        missing = [i for i in ids if i not in self.rows]
        for start in range(0, len(missing), _READ):
            self.add_rows(db.article_rows(self.store, ids=missing[start : start + _READ], with_text=False))

    def stream(self, ids: Sequence[str]) -> Iterator[MatchDoc]:
        """The MatchDocs of ``ids`` in that order, each built once if not cached, and cached.

        Many to build are built first, in ``workers`` forked processes, and spilled; a forked
        worker gets each text and returns the pickled document, which is what the spill holds."""
        self._build_many(self._unbuilt(ids))
        for start in range(0, len(ids), _READ):
            chunk = ids[start : start + _READ]
            texts = self._texts([i for i in chunk if i not in self._spilled])
            for article_id in chunk:
                text = texts.get(article_id)
                yield self.doc(article_id) if text is None else self._build(article_id, text)

    def spill(self, ids: Iterable[str]) -> None:
        """Build the MatchDocs of ``ids`` that were never built, so that all can be read back
        from the spill file (by forked processes too) without the store."""
        unbuilt = self._unbuilt(ids)
        if not self._build_many(unbuilt):
            for _ in self.stream(unbuilt):
                pass

    def doc(self, article_id: str) -> MatchDoc:
        doc = self._docs.get(article_id)
        if doc is not None:
            self._docs.move_to_end(article_id)
            return doc
        if article_id in self._spilled:
            return self._keep(self._unspill(article_id))
        return self._build(article_id, self._texts([article_id])[article_id])

    def release(self) -> None:
        """Drop every cached MatchDoc (rows stay); they are read back from the spill if asked for."""
        self._docs.clear()

    def close(self) -> None:
        """Drop the cached MatchDocs and delete the spill file."""
        self._docs.clear()
        self._spilled.clear()
        if self._spill is not None:
            self._spill.close()
            self._spill, self._spill_end = None, 0

    def cached(self, article_id: str) -> bool:
        return article_id in self._docs

    def sentences(self, ids: Sequence[str]) -> dict[str, list[str]]:
        """The sentences of these articles (from a cached MatchDoc, else split from the text)."""
        found = {i: list(self._docs[i].sentences) for i in ids if i in self._docs}
        found.update((i, list(self._unspill(i).sentences)) for i in ids if i not in found and i in self._spilled)
        texts = self._texts([i for i in ids if i not in found])
        found.update((i, split_sentences(text)) for i, text in texts.items())
        return found

    def _texts(self, ids: Sequence[str]) -> dict[str, str]:
        self.load(ids)
        texts: dict[str, str] = {}
        for start in range(0, len(ids), _READ):
            texts.update((r.id, r.text) for r in db.article_rows(self.store, ids=ids[start : start + _READ]))
        return texts

    def _unbuilt(self, ids: Iterable[str]) -> list[str]:
        # Every document built is spilled, cached or not.
        return [i for i in dict.fromkeys(ids) if i not in self._spilled]

    def _build_many(self, ids: list[str]) -> bool:
        """Build and spill ``ids`` in the workers when there are enough of them; whether it did."""
        if self.workers < 2 or len(ids) < PARALLEL_MIN_BUILDS:
            return False

        def texts() -> Iterator[tuple[str, str]]:
            for start in range(0, len(ids), _READ):
                chunk = ids[start : start + _READ]
                found = self._texts(chunk)
                yield from ((i, found[i]) for i in chunk)

        for article_id, blob in forked_map(self._pickled_build, texts(), self.workers, chunk=64):
            self._append_spill(article_id, blob)
            self.built += 1
        return True

    def _pickled_build(self, item: tuple[str, str]) -> tuple[str, bytes]:
        article_id, text = item
        return article_id, pickle.dumps(self._new_doc(article_id, text), protocol=pickle.HIGHEST_PROTOCOL)

    def _new_doc(self, article_id: str, text: str) -> MatchDoc:
        row = self.rows[article_id]
        # A date found only in the body is often the date of the event or of the cited
        # report, not of this article: as a matching signal it misleads more than it helps.
        published = None if row.published_from == "body" else row.published
        return MatchDoc.build(row.id, row.title, split_sentences(text), published=published, outlet=row.outlet)

    def _build(self, article_id: str, text: str) -> MatchDoc:
        doc = self._new_doc(article_id, text)
        self.built += 1
        self._append_spill(doc.id, pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL))
        return self._keep(doc)

    def _keep(self, doc: MatchDoc) -> MatchDoc:
        self._docs[doc.id] = doc
        if len(self._docs) > self.capacity:
            self._docs.popitem(last=False)
        return doc

    def _append_spill(self, article_id: str, blob: bytes) -> None:
        if self._spill is None:
            self._spill = tempfile.TemporaryFile(prefix="newstrace-docs-")
        self._spilled[article_id] = (self._spill_end, len(blob))
        os.pwrite(self._spill.fileno(), blob, self._spill_end)
        self._spill_end += len(blob)

    def _unspill(self, article_id: str) -> MatchDoc:
        assert self._spill is not None
        offset, size = self._spilled[article_id]
        # Positional reads share no file offset, so forked processes may read side by side.
        doc: MatchDoc = pickle.loads(os.pread(self._spill.fileno(), size, offset))
        return doc
