"""Reads and writes of the claims table: claims per article version, their shared claim ids,
and the claims denials and confirmations are about."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from newstrace.claims.link import Lookups, Occurrence, lookup_keys
from newstrace.store import Store

__all__ = [
    "ClaimRow",
    "has_claims",
    "save_claims",
    "link_rows",
    "key_stored_claims",
    "set_claim_ids",
    "set_stance_links",
    "claims_of_articles",
    "claim_rows",
    "all_claim_rows",
    "stances_about",
]


@dataclass(slots=True)
class ClaimRow:
    """One stored claim occurrence, with the article it appears in."""

    article: str
    position: int
    claim: str | None
    quote: str
    kind: str
    speaker: str | None
    speaker_mention: str | None
    speaker_role: str | None
    cue: str | None
    via: list[str]
    certainty: str
    hedges: list[dict[str, Any]]
    stance: str | None
    stance_words: list[str]
    stance_to: str | None
    char_start: int
    char_end: int
    outlet: str | None = None
    published: datetime | None = None

    @property
    def hedge_phrases(self) -> list[str]:
        return [str(h.get("phrase") or h["word"]) for h in self.hedges]


_SELECT = (
    "SELECT a.id, c.position, c.claim, c.quote, c.kind, c.speaker, c.speaker_mention, c.speaker_role,"
    " c.cue, c.via, c.certainty, c.hedges, c.stance, c.stance_words, c.stance_to, c.char_start,"
    " c.char_end, a.outlet, a.published FROM claims c JOIN articles a USING(article_key)"
    " WHERE a.is_current = 1"
)
_ORDER = " ORDER BY a.published IS NULL, a.published, a.id, c.position"


def _row(r: Sequence[Any]) -> ClaimRow:
    return ClaimRow(
        r[0],
        int(r[1]),
        r[2],
        r[3],
        r[4],
        r[5],
        r[6],
        r[7],
        r[8],
        json.loads(r[9]),
        r[10],
        json.loads(r[11]),
        r[12],
        json.loads(r[13]),
        r[14],
        int(r[15]),
        int(r[16]),
        r[17],
        datetime.fromisoformat(r[18]) if r[18] else None,
    )


def has_claims(store: Store) -> bool:
    """Whether the store has a claims table (a store made before claims has none until written to)."""
    return store.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'claims'").fetchone() is not None


def save_claims(store: Store, rows: Iterable[tuple[int, Sequence[dict[str, Any]]]]) -> None:
    """Replace the claims of each (article_key, claim dicts) with the given ones."""
    for key, claims in rows:
        store.conn.execute("DELETE FROM claims WHERE article_key = ?", (key,))
        store.conn.executemany(
            "INSERT INTO claims(article_key, position, quote, kind, speaker, speaker_mention, speaker_role, cue,"
            " via, certainty, hedges, stance, stance_words, char_start, char_end, terms, opening, speaker_key)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    key,
                    i,
                    c["quote"],
                    c["kind"],
                    c["speaker"],
                    c["speaker_mention"],
                    c["speaker_role"],
                    c["cue"],
                    json.dumps(c["via"], ensure_ascii=False),
                    c["certainty"],
                    json.dumps(c["hedges"], ensure_ascii=False),
                    c["stance"],
                    json.dumps(c["stance_words"], ensure_ascii=False),
                    c["char_start"],
                    c["char_end"],
                    json.dumps(sorted(c["terms"]), ensure_ascii=False),
                    *lookup_keys(c["quote"], c["speaker"]),
                )
                for i, c in enumerate(claims)
            ],
        )


_LINK_SELECT = (
    "SELECT a.article_key, c.position, a.id, c.quote, c.speaker, a.published, g.copy_group, g.storyline,"
    " c.terms, c.stance, c.claim, c.char_start, c.char_end"
    " FROM claims c JOIN articles a USING(article_key) JOIN groups g ON g.id = a.id"
    " WHERE a.is_current = 1"
)
# Where each kind of lookup value is matched; every column is indexed.
_LOOKUP_COLUMNS = {
    "article": "a.id",
    "copy_group": "g.copy_group",
    "storyline": "g.storyline",
    "speaker": "c.speaker_key",
    "opening": "c.opening",
}


def link_rows(
    store: Store,
    *,
    articles: Iterable[str] | None = None,
    lookups: Lookups | None = None,
    storylines: Iterable[str] | None = None,
) -> list[Occurrence]:
    """Current claim occurrences with their articles' groups, as linking reads them, in
    stored order: every one, or those of the given ``articles``, those that linking new
    claims may read (``lookups``), and those of the given ``storylines``."""
    wanted: dict[str, Iterable[str]] = {}
    if articles is not None:
        wanted["article"] = articles
    if lookups is not None:
        wanted |= {
            "copy_group": lookups.copy_groups,
            "storyline": lookups.storylines,
            "speaker": lookups.speakers,
            "opening": lookups.openings,
        }
    if storylines is not None:
        wanted["storyline"] = set(wanted.get("storyline", ())) | set(storylines)
    rows: dict[tuple[int, int], Sequence[Any]] = {}
    if not wanted:
        rows = {(r[0], r[1]): r for r in store.conn.execute(_LINK_SELECT)}
    for kind, values in wanted.items():
        _set_lookup(store, kind, values)
        query = f" AND {_LOOKUP_COLUMNS[kind]} IN (SELECT value FROM temp.claim_lookup WHERE kind = ?)"
        parameters: tuple[str, ...] = (kind,)
        if kind == "speaker" and lookups is not None and lookups.speaker_span is not None:
            query += " AND (a.published_utc IS NULL OR a.published_utc BETWEEN ? AND ?)"
            parameters += tuple(_utc(t) for t in lookups.speaker_span)
        rows.update({(r[0], r[1]): r for r in store.conn.execute(_LINK_SELECT + query, parameters)})
    return [_occurrence(rows[key]) for key in sorted(rows)]


def _utc(when: datetime) -> str:
    """As ``articles.published_utc`` holds times (a time without offset is taken as UTC)."""
    return (when.astimezone(UTC) if when.tzinfo else when.replace(tzinfo=UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")


def _occurrence(r: Sequence[Any]) -> Occurrence:
    return Occurrence(
        r[2],
        int(r[1]),
        r[3],
        r[4],
        datetime.fromisoformat(r[5]) if r[5] else None,
        r[6],
        r[7],
        frozenset(json.loads(r[8])),
        r[9],
        r[10],
        int(r[11]),
        int(r[12]),
    )


def _set_lookup(store: Store, kind: str, values: Iterable[str]) -> None:
    """Hold ``values`` as the lookup values of ``kind`` (a temporary table, joined in queries
    that would otherwise take thousands of parameters)."""
    store.conn.execute("CREATE TEMP TABLE IF NOT EXISTS claim_lookup (kind TEXT NOT NULL, value TEXT NOT NULL)")
    store.conn.execute("DELETE FROM temp.claim_lookup WHERE kind = ?", (kind,))
    store.conn.executemany("INSERT INTO temp.claim_lookup VALUES (?, ?)", [(kind, v) for v in set(values)])


def key_stored_claims(store: Store) -> int:
    """Give claims stored before lookups were kept their lookup keys; how many were keyed."""
    missing = store.conn.execute("SELECT rowid, quote, speaker FROM claims WHERE opening IS NULL").fetchall()
    store.conn.executemany(
        "UPDATE claims SET opening = ?, speaker_key = ? WHERE rowid = ?",
        [(*lookup_keys(quote, speaker), rowid) for rowid, quote, speaker in missing],
    )
    return len(missing)


def _key_rows(items: Iterable[tuple[str, int, str | None]]) -> list[tuple[str | None, str, int]]:
    return [(value, article, position) for article, position, value in items]


_BY_ID = "(SELECT article_key FROM articles WHERE id = ? AND is_current = 1)"


def set_claim_ids(store: Store, occurrences: Iterable[Occurrence]) -> None:
    store.conn.executemany(
        f"UPDATE claims SET claim = ? WHERE article_key = {_BY_ID} AND position = ?",
        _key_rows((o.article, o.position, o.claim) for o in occurrences),
    )


def set_stance_links(
    store: Store, links: dict[tuple[str, int], str], *, storylines: Iterable[str] | None = None
) -> None:
    """Point each stance statement at the claim it is about; the others at none (those of
    the given ``storylines`` only, when given)."""
    if storylines is None:
        store.conn.execute("UPDATE claims SET stance_to = NULL WHERE stance_to IS NOT NULL")
    else:
        _set_lookup(store, "storyline", storylines)
        store.conn.execute(
            "UPDATE claims SET stance_to = NULL WHERE stance_to IS NOT NULL AND article_key IN ("
            " SELECT a.article_key FROM articles a JOIN groups g ON g.id = a.id WHERE a.is_current = 1"
            " AND g.storyline IN (SELECT value FROM temp.claim_lookup WHERE kind = 'storyline'))"
        )
    store.conn.executemany(
        f"UPDATE claims SET stance_to = ? WHERE article_key = {_BY_ID} AND position = ?",
        _key_rows(((a, p, c) for (a, p), c in links.items())),
    )


def claims_of_articles(store: Store, ids: Sequence[str]) -> list[ClaimRow]:
    """The claims of the given current articles, oldest article first, in text order."""
    out: list[ClaimRow] = []
    for i in range(0, len(ids), 500):
        chunk = list(ids[i : i + 500])
        out += [
            _row(r)
            for r in store.conn.execute(_SELECT + f" AND a.id IN ({','.join('?' * len(chunk))})" + _ORDER, chunk)
        ]
    return out


def claim_rows(store: Store, claim: str) -> list[ClaimRow]:
    """Every occurrence of one claim, oldest first."""
    return [_row(r) for r in store.conn.execute(_SELECT + " AND c.claim = ?" + _ORDER, (claim,))]


def stances_about(store: Store, claims: Sequence[str]) -> list[ClaimRow]:
    """Denials and confirmations linked to any of ``claims``, oldest first."""
    out: list[ClaimRow] = []
    for i in range(0, len(claims), 500):
        chunk = list(claims[i : i + 500])
        out += [
            _row(r)
            for r in store.conn.execute(_SELECT + f" AND c.stance_to IN ({','.join('?' * len(chunk))})" + _ORDER, chunk)
        ]
    return out


def all_claim_rows(store: Store) -> Iterator[ClaimRow]:
    """Every current claim occurrence, by article id and position (for exports)."""
    if not has_claims(store):
        return
    for r in store.conn.execute(_SELECT + " ORDER BY a.id, c.position"):
        yield _row(r)
