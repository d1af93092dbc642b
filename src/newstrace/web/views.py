"""Each page's data as a JSON-able dict, built from the view objects of ``newstrace.views`` (the
same the terminal shows): the HTML page and its JSON API (and the report) render the same dict."""

from __future__ import annotations

import dataclasses
from datetime import datetime

from newstrace.changes import is_substantive, summarise_changes
from newstrace.clean import split_sentences
from newstrace.clean.segment import split_paragraphs
from newstrace.errors import NotFoundError
from newstrace.model import Article, Change
from newstrace.settings import default
from newstrace.store import Store, queries
from newstrace.store import analysis as db
from newstrace.store import claims as claim_db
from newstrace.store.claims import ClaimRow
from newstrace.views import StorySummary, article_view, claim, diff_view, stories, story, storyline

__all__ = [
    "summary_view",
    "story_page",
    "article_page",
    "diff_page",
    "claim_page",
    "UNCERTAIN_BELOW",
    "article_meta",
    "NO_CLAIMS",
]

# An edge below this confidence, or placing an undated version, is drawn dashed: the tree
# could as well hang that version elsewhere.
UNCERTAIN_BELOW = default("uncertain_below")
_MAX_LANES = 6
NO_CLAIMS = "no claims extracted yet: this store holds no claim analysis"


def _iso(dt: datetime | None) -> str | None:
    return dt.isoformat() if dt else None


def article_meta(a: Article) -> dict[str, object]:
    """What every page shows of an article besides its text."""
    return {
        "id": a.id,
        "title": a.title,
        "outlet": a.outlet,
        "url": a.url,
        "published": _iso(a.published),
        "published_from": a.published_from,
        "dateline": a.dateline,
        "version": a.version,
        "byline": [{"role": p.role, "name": p.name} for p in a.byline],
        "sources": [{"name": s.name, "phrase": s.phrase} for s in a.sources],
    }


def _summary_dict(s: StorySummary) -> dict[str, object]:
    return {
        "id": s.id,
        "title": s.title,
        "size": s.size,
        "copy_groups": s.copy_groups,
        "outlets": s.outlets,
        "first": _iso(s.first),
        "last": _iso(s.last),
        "storyline": s.storyline,
    }


def summary_view(store: Store, *, top: int = 20) -> dict[str, object]:
    """The store at a glance: counts, time span, outlets, the largest stories."""
    counts = queries.store_counts(store)
    top_outlets = queries.outlet_counts(store)
    largest = [_summary_dict(s) for s in stories(store, min_size=2)[:top]] if counts.analysed else []
    for s in largest:
        if not s["title"]:  # an untitled earliest version: the story's first title instead
            s["title"] = queries.first_title(store, str(s["id"]))
    return {
        "articles": counts.articles,
        "outlets": counts.outlets,
        "first": counts.first,
        "last": counts.last,
        "analysed": counts.analysed,
        "stories": counts.stories,
        "copy_groups": counts.copy_groups,
        "storylines": counts.storylines,
        "pending": db.pending_count(store),
        "outlet_counts": [{"outlet": o, "articles": n} for o, n in top_outlets],
        "largest_stories": largest,
    }


def _graph(store: Store, group_id: str, origin: str, by_id: dict[str, Article]) -> dict[str, object]:
    """One copy group as nodes and edges: edge width from confidence, uncertain ones marked."""
    nodes: list[dict[str, object]] = []
    edges: list[dict[str, object]] = []
    # Every edge's change kinds and tags in one query (a large story has hundreds of edges).
    changes = queries.group_change_kinds(store, group_id)
    for e in db.edges_of_group(store, group_id):
        child = by_id.get(e.child) or store.article(e.child)
        nodes.append(
            {
                "id": e.child,
                "outlet": child.outlet,
                "title": child.title,
                "published": _iso(child.published),
                "origin": e.child == origin,
                "root": e.parent is None,
                "absent": False,
            }
        )
        if e.parent:
            counts = summarise_changes(c for c in changes.get((e.parent, e.child), []) if is_substantive(c))
            absent = e.parent.startswith("unknown:")
            edges.append(
                {
                    "parent": e.parent,
                    "child": e.child,
                    "confidence": round(e.confidence, 4),
                    "uncertain": e.confidence < UNCERTAIN_BELOW or child.published is None or absent,
                    "changes": {k: v for k, v in counts.items() if k not in ("total", "substantive")},
                    "substantive": counts.get("substantive", 0),
                }
            )
    known = {n["id"] for n in nodes}
    for edge in edges:
        if edge["parent"] not in known:  # an absent common source, drawn as its own node
            known.add(str(edge["parent"]))
            nodes.append(
                {
                    "id": edge["parent"],
                    "outlet": None,
                    "title": "absent common source",
                    "published": None,
                    "origin": False,
                    "root": True,
                    "absent": True,
                }
            )
    outlet_of = {n["id"]: n["outlet"] for n in nodes}
    for edge in edges:  # for tables that name outlets rather than ids
        edge["parent_outlet"], edge["child_outlet"] = outlet_of.get(edge["parent"]), outlet_of.get(edge["child"])
    return {
        "id": group_id,
        "origin": origin,
        "size": sum(1 for n in nodes if not n["absent"]),
        "nodes": nodes,
        "edges": edges,
    }


def _timeline(versions: list[dict[str, object]], rows: dict[str, int]) -> dict[str, object]:
    """Positions (0..1) of the dated versions on one time axis, a row per copy group."""
    times = {str(v["id"]): datetime.fromisoformat(str(v["published"])).timestamp() for v in versions if v["published"]}
    lo, hi = (min(times.values()), max(times.values())) if times else (0.0, 0.0)
    span = hi - lo or 1.0
    undated = [str(v["id"]) for v in versions if v["id"] not in times]
    slot = {aid: round(k / max(1, len(undated) - 1), 4) for k, aid in enumerate(undated)}
    points = [
        {
            "id": v["id"],
            "x": round((times[str(v["id"])] - lo) / span, 4) if v["id"] in times else None,
            "undated_x": slot.get(str(v["id"])),  # spread along the undated band, so none hides another
            "row": rows[str(v["copy_group"])],
            "outlet": v["outlet"],
            "published": v["published"],
        }
        for v in versions
    ]
    # Points of one row closer than a marker's width stack in lanes, up to a few, so a burst of
    # copies within minutes shows as a pile rather than as one dot.
    taken: dict[tuple[int, int, int], bool] = {}
    lanes = [1] * max(1, len(rows))
    for p in points:
        x = p["x"] if p["x"] is not None else 1.1 + 0.1 * float(str(p["undated_x"] or 0))
        cell = round(float(str(x)) * 60)
        lane = next((k for k in range(_MAX_LANES) if (int(str(p["row"])), cell, k) not in taken), _MAX_LANES - 1)
        taken[(int(str(p["row"])), cell, lane)] = True
        p["lane"] = lane
        lanes[int(str(p["row"]))] = max(lanes[int(str(p["row"]))], lane + 1)
    offsets = [sum(lanes[:i]) for i in range(len(lanes))]
    for p in points:
        p["y"] = offsets[int(str(p["row"]))] + int(str(p["lane"]))  # in lanes from the top
    return {
        "start": datetime.fromtimestamp(lo).astimezone().isoformat() if times else None,
        "end": datetime.fromtimestamp(hi).astimezone().isoformat() if times else None,
        "rows": len(rows),
        "lanes": sum(lanes),
        "points": points,
        "undated": sum(1 for p in points if p["x"] is None),
    }


def story_page(store: Store, article_id: str) -> dict[str, object]:
    """A story: its versions in time, each copy group's tree, and the storyline around it."""
    view = story(store, article_id)
    by_id = {a.id: a for members in view.copy_groups.values() for a in members}
    origins = queries.story_origins(store, view.summary.id)
    groups = [_graph(store, gid, origins.get(gid, gid), by_id) for gid in view.copy_groups]
    # The copy group of the article asked for first, then the largest.
    asked = next((g for g, members in view.copy_groups.items() if any(a.id == article_id for a in members)), None)
    groups.sort(key=lambda g: (g["id"] != asked, -int(str(g["size"]))))
    rows = {str(g["id"]): i for i, g in enumerate(groups)}
    versions: list[dict[str, object]] = [
        {
            "id": a.id,
            "title": a.title,
            "outlet": a.outlet,
            "published": _iso(a.published),
            "published_from": a.published_from,
            "copy_group": gid,
        }
        for gid, members in view.copy_groups.items()
        for a in members
    ]
    versions.sort(
        key=lambda v: (
            v["published"] is None,
            datetime.fromisoformat(str(v["published"])).timestamp() if v["published"] else 0.0,
            v["id"],
        )
    )
    line_view = storyline(store, view.summary.id)
    line, line_stories = line_view.storyline, line_view.stories
    head = _summary_dict(view.summary)
    if not head["title"]:  # the earliest version may be untitled (a scraped text): show the first title found
        head["title"] = next((v["title"] for v in versions if v["title"]), None)
    line_dicts = [_summary_dict(s) for s in line_stories]
    for s in line_dicts:
        if not s["title"]:
            s["title"] = head["title"] if s["id"] == head["id"] else queries.first_title(store, str(s["id"]))
    return {
        "story": head,
        "asked": article_id,
        "versions": versions,
        "groups": groups,
        "timeline": _timeline(versions, rows),
        "storyline": {"id": line, "stories": line_dicts},
    }


def _sentences(text: str) -> list[list[str]]:
    """The text as paragraphs of sentences, numbered as analysis numbers them (passages refer to
    these numbers)."""
    text = text[: default("max_analysed_chars")]
    paragraphs = [split_sentences(p) for p in split_paragraphs(text)]
    if sum(len(p) for p in paragraphs) != len(split_sentences(text)):  # numbering would drift
        return [split_sentences(text)]
    return [p for p in paragraphs if p]


def article_page(store: Store, article_id: str) -> dict[str, object]:
    """An article: its text with shared passages and changed sentences marked, where its time
    came from, its parent and children, its relations."""
    view = article_view(store, article_id)
    article, row, relations, parent_id = view.article, view.groups, view.relations, view.parent
    shared: dict[int, list[str]] = {}
    for r in relations:
        for p in r.passages:
            for i in range(p.a_start, p.a_end):
                shared.setdefault(i, []).append(r.b)
    from_parent = view.changes_from_parent
    changed = {c.new: c.tags for c in from_parent if c.new is not None and c.kind != "removed"}
    paragraphs, n = [], 0
    for sentences in _sentences(article.text):
        out = []
        for s in sentences:
            out.append({"n": n, "text": s, "shared_with": shared.get(n, []), "changed": changed.get(s)})
            n += 1
        paragraphs.append(out)
    confidence = view.parent_confidence
    children = [{"id": c, "confidence": round(conf, 4)} for c, conf in view.children]
    titles = view.others
    return {
        "article": article_meta(article),
        "groups": dataclasses.asdict(row) if row else None,
        "parent": {
            "id": parent_id,
            "confidence": round(confidence, 4) if confidence is not None else None,
            "absent": bool(parent_id and parent_id.startswith("unknown:")),
            "changes": summarise_changes(c for c in from_parent if is_substantive(c)),
        }
        if parent_id
        else None,
        "children": children,
        "relations": [
            {
                "id": r.b,
                "kind": r.kind,
                "score": round(r.score, 4),
                "shared_here": round(r.shared_a, 4),
                "shared_there": round(r.shared_b, 4),
                "passages": len(r.passages),
                "title": titles[r.b].title,
                "outlet": titles[r.b].outlet,
                "published": _iso(titles[r.b].published),
            }
            for r in relations
        ],
        "paragraphs": paragraphs,
        **_article_claims(view.claims),
    }


def _occurrence(r: ClaimRow) -> dict[str, object]:
    return {
        "article": r.article,
        "outlet": r.outlet,
        "published": _iso(r.published),
        "quote": r.quote,
        "kind": r.kind,
        "speaker": r.speaker,
        "speaker_mention": r.speaker_mention,
        "cue": r.cue,
        "via": r.via,
        "certainty": r.certainty,
        "hedges": r.hedge_phrases,
        "stance": r.stance,
        "stance_to": r.stance_to,
        "claim": r.claim,
    }


def _article_claims(rows: list[ClaimRow] | None) -> dict[str, object]:
    if rows is None:
        return {"claims": [], "claims_note": NO_CLAIMS}
    return {
        "claims": [_occurrence(r) for r in rows],
        "claims_note": None if rows else "no attributed claims found in this article",
    }


def _sides(c: Change) -> tuple[list[list[str]], list[list[str]]]:
    """A change's words as the parent's side (kept and removed) and the child's (kept and added)."""
    if c.kind == "added":
        return [], [["+", c.new or ""]]
    if c.kind == "removed":
        return [["-", c.old or ""]], []
    if not c.word_diff:
        return [["-", c.old or ""]], [["+", c.new or ""]]
    return (
        [[op, w] for op, w in c.word_diff if op in ("=", "-")],
        [[op, w] for op, w in c.word_diff if op in ("=", "+")],
    )


def diff_page(store: Store, parent_id: str, child_id: str) -> dict[str, object]:
    """What the child changed from the parent, side by side and word by word."""
    view = diff_view(store, parent_id, child_id)
    rows = []
    for c in view.changes:
        left, right = _sides(c)
        rows.append({"kind": c.kind, "tags": c.tags, "chrome": not is_substantive(c), "left": left, "right": right})
    counts = summarise_changes(view.changes)
    return {
        "parent": article_meta(view.parent),
        "child": article_meta(view.child),
        "edge": view.edge,
        "relation": view.relation,
        "note": view.note,
        "summary": counts,
        "changes": rows,
    }


def claim_page(store: Store, claim_id: str) -> dict[str, object]:
    """A claim's carriers over time with the certainty each gives it, and its denials and
    confirmations."""
    if not queries.has_claim_rows(store):
        raise NotFoundError(f"no claim {claim_id!r}: {NO_CLAIMS}")
    view = claim(store, claim_id)
    return {
        "claim": view.claim,
        "quote": view.quote,
        "speaker": view.speaker,
        "about": view.about,
        "carriers": [_occurrence(r) for r in view.carriers],
        "denials": [_occurrence(r) for r in view.denials],
        "confirmations": [_occurrence(r) for r in view.confirmations],
    }


REPORT_CLAIMS = 30  # claims shown in a report, most widely carried first: keeps the file small


def story_claims(store: Store, ids: list[str], limit: int = REPORT_CLAIMS) -> list[dict[str, object]]:
    """The claims the given versions carry, as claim pages, the most widely carried first."""
    if not claim_db.has_claims(store):
        return []
    carried: dict[str, set[str]] = {}
    for row in claim_db.claims_of_articles(store, ids):
        if row.claim:
            carried.setdefault(row.claim, set()).add(row.article)
    ranked = sorted(carried, key=lambda c: (-len(carried[c]), c))[:limit]
    return [claim_page(store, c) for c in ranked]
