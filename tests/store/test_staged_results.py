"""Verdicts staged outside the store's tables until saved: saved in pair order, replacing the
checked pairs' old verdicts, and gone without a trace when the analysis stops before saving."""

from __future__ import annotations

from pathlib import Path

from newstrace.model import Borrowing, Passage, Relation
from newstrace.store import Store
from newstrace.store import analysis as db


def _relation(a: str, b: str, kind: str = "copy") -> Relation:
    return Relation(a, b, kind, 0.9, 0.8, 0.6, [Passage(0, 2, 1, 3, f"kalimat dari {a}", 0.95)])


def _tables(store: Store) -> tuple[list[tuple], list[tuple]]:
    return (
        [tuple(r) for r in store.conn.execute("SELECT a, b, kind, passages FROM relations")],
        [tuple(r) for r in store.conn.execute("SELECT borrower, source, share FROM borrowings")],
    )


def test_staged_verdicts_are_saved_in_pair_order_over_the_old_ones(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        with store.transaction():
            store.conn.execute(
                "INSERT INTO relations(a, b, kind, score, shared_a, shared_b, passages) VALUES ('a','c','related',0.5,0,0,'[]')"
            )
        staged = db.StagedResults(store)
        # "c" is stored as "a"'s pair with a < b: its passage's sides swap with it
        staged.add([(("b", "c"), db.relation_row(_relation("c", "b")), None)])
        staged.add(
            [
                (("a", "c"), None, db.borrowing_row(Borrowing("c", "a", 0.25, [Passage(4, 5, 0, 1, "x", 1.0)]))),
                (("a", "b"), db.relation_row(_relation("a", "b", "same_story")), None),
            ]
        )
        assert _tables(store)[0] == [("a", "c", "related", "[]")]  # nothing saved before the transaction
        with store.transaction():
            staged.save([("a", "b"), ("a", "c"), ("b", "c")])
        relations, borrowings = _tables(store)
        assert [r[:3] for r in relations] == [("a", "b", "same_story"), ("b", "c", "copy")]
        assert relations[1][3].startswith("[[1, 3, 0, 2,")  # b's side first
        assert borrowings == [("c", "a", 0.25)]
        assert not store.conn.execute("SELECT name FROM temp.sqlite_master WHERE name LIKE 'staged%'").fetchall()


def test_staged_verdicts_vanish_with_the_connection(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        db.StagedResults(store).add([(("a", "b"), db.relation_row(_relation("a", "b")), None)])
    with Store(tmp_path / "s.db") as store:
        assert _tables(store) == ([], [])
        db.StagedResults(store).close()
