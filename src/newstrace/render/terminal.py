"""The views on a terminal (rich): colour on a terminal, plain text when piped."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from rich.console import Console, Group
from rich.table import Column, Table
from rich.text import Text
from rich.tree import Tree

from newstrace.changes import is_substantive
from newstrace.escape import printable, safe
from newstrace.model import Article, Borrowing, Change
from newstrace.settings import default
from newstrace.views import (
    ClaimsView,
    DiffView,
    SimilarView,
    StorylineView,
    StorySummary,
    StoryView,
    TraceView,
    TreeNode,
)

__all__ = [
    "show_similar",
    "show_stories",
    "show_trace",
    "show_diff",
    "diff_summary",
    "show_story",
    "show_storyline",
    "show_claims",
    "show_borrowings",
]


def _when(dt: datetime | None) -> str:
    return dt.strftime("%Y-%m-%d %H:%M%z") if dt else "undated"


def _time(article: Article) -> str:
    """When, how precisely and from where: "2022-03-21 05:40+0700 (minute, page)"."""
    if article.published is None:
        return "undated"
    precision = article.published_precision or "minute"
    shown = _day(article.published) if precision == "day" else _when(article.published)
    return f"{shown} ({precision}, {article.published_from or '?'})"


def _day(dt: datetime | None) -> str:
    return dt.strftime("%Y-%m-%d") if dt else "-"


def _short(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def show_similar(console: Console, view: SimilarView) -> None:
    article, relations, others = view.article, view.relations, view.others
    console.print(
        f"[bold]{safe(article.id)}[/bold]  {safe(article.outlet or '?')}  "
        f"{_when(article.published)}\n  {safe(article.title or '')}"
    )
    show_borrowings(console, view.borrows, view.borrowed_by)
    if not relations:
        console.print("no copies, same-story or related articles found")
        return
    table = Table("relation", "score", Column("article", no_wrap=True), "outlet", "published", "shared (this / other)")
    for r in relations:
        other = others[r.b]
        table.add_row(
            r.kind,
            f"{r.score:.2f}",
            safe(r.b),
            safe(other.outlet or "?"),
            _when(other.published),
            f"{r.shared_a:.0%} / {r.shared_b:.0%}" if r.kind == "copy" else "",
        )
    console.print(table)
    for r in relations:
        if r.passages:
            console.print(f"\n[bold]passages shared with {safe(r.b)}[/bold] ({len(r.passages)})")
            for p in r.passages[:5]:
                console.print(
                    f"  [dim]sentences {p.a_start + 1}-{p.a_end} ~ {p.b_start + 1}-{p.b_end}[/dim] "
                    f"{safe(_short(p.text, 160))}"
                )


def show_borrowings(console: Console, borrows_from: list[Borrowing], borrowed_by: list[Borrowing]) -> None:
    """Partial reuse that makes no copy: who borrows what from whom, with the first passage."""
    for verb, items, side in (("borrows from", borrows_from, "a"), ("borrowed by", borrowed_by, "b")):
        for b in items[:10]:
            this, other = (b.borrower, b.source) if side == "a" else (b.source, b.borrower)
            first = b.passages[0] if b.passages else None
            where = f"sentences {getattr(first, side + '_start') + 1}-{getattr(first, side + '_end')}" if first else ""
            console.print(
                f"{safe(this)} [bold]{verb}[/bold] {safe(other)}: {len(b.passages)} passage(s), "
                f"{b.share:.0%} of the borrower's text  [dim]{where}[/dim]"
                + (f"\n  {safe(_short(first.text, 160))}" if first else "")
            )
        if len(items) > 10:
            console.print(f"[dim]{verb}: {len(items) - 10} more[/dim]")


def show_stories(console: Console, summaries: list[StorySummary]) -> None:
    table = Table(
        Column("story", min_width=16),
        Column("articles", min_width=3),
        Column("copy groups", min_width=3),
        Column("outlets", min_width=3),
        Column("from", min_width=10),
        Column("to", min_width=10),
        Column("title", no_wrap=True, overflow="ellipsis", max_width=40),
    )
    for s in summaries:
        table.add_row(
            safe(s.id),
            str(s.size),
            str(s.copy_groups),
            str(len(s.outlets)),
            _day(s.first),
            _day(s.last),
            safe(s.title or ""),
        )
    console.print(table)


def show_story(console: Console, view: StoryView) -> None:
    """A story's articles, copy group by copy group, oldest first."""
    s = view.summary
    console.print(
        f"[bold]story {safe(s.id)}[/bold]: {s.size} articles in {s.copy_groups} copy groups "
        f"from {len(s.outlets)} outlets, {_day(s.first)} to {_day(s.last)}; "
        f"storyline {safe(s.storyline)}"
    )
    table = Table(
        Column("copy group", min_width=16),
        Column("article", no_wrap=True),
        "outlet",
        "published",
        Column("title", no_wrap=True, overflow="ellipsis", max_width=50),
    )
    for group, articles in view.copy_groups.items():
        for a in articles:
            table.add_row(
                safe(group), safe(a.id), safe(a.outlet or "?"), _when(a.published), safe(_short(a.title or a.text, 60))
            )
    console.print(table)


def show_storyline(console: Console, view: StorylineView) -> None:
    """The stories of one storyline, oldest first."""
    console.print(
        f"[bold]storyline {safe(view.storyline)}[/bold]: {len(view.stories)} stories, "
        f"{sum(s.size for s in view.stories)} articles"
    )
    show_stories(console, view.stories)


def _node_label(node: TreeNode, origin: str) -> Text | str:
    if node.article is None:
        return f"[italic]absent common source[/italic] ({safe(node.id)})"
    a = node.article
    mark = " [bold green]origin[/bold green]" if node.id == origin else ""
    changes = ", ".join(f"{k} {v}" for k, v in sorted(node.changes.items()) if v and k not in ("total", "substantive"))
    conf = f" [dim]conf {node.confidence:.2f}[/dim]" if node.id != origin else ""
    if node.uncertain:
        # The dates cannot confirm this place: say so, and why.
        why = (
            "an undated or same-day version may be earlier"
            if node.id == origin
            else "placed by its text; the times do not order it"
        )
        conf += f" [magenta]uncertain: {why}[/magenta]"
    added = ", ".join(node.added_sources)
    return (
        f"[bold]{safe(a.id)}[/bold]{mark}  {safe(a.outlet or '?')}  {safe(_time(a))}{conf}"
        + (f"\n[yellow]changes: {safe(changes)}[/yellow]" if changes else "")
        + (f"\n[cyan]adds cited source: {safe(added)}[/cyan]" if added else "")
        + f"\n[dim]{safe(_short(a.title or a.text, 80))}[/dim]"
    )


def _grow(tree: Tree, node: TreeNode, origin: str) -> None:
    branch = tree.add(_node_label(node, origin))
    for claim, what, old, new in node.claim_changes:
        branch.add(Text(f"{what} changed on claim {claim}: {printable(old)} -> {printable(new)}", style="yellow"))
    for child in node.children:
        _grow(branch, child, origin)


def show_trace(console: Console, view: TraceView) -> None:
    upstream = ", ".join(view.cited_sources) or "none cited"
    tree = Tree(f"[bold]copy group {safe(view.copy_group)}[/bold]   the origin cites: {safe(upstream)}")
    for root in view.roots:
        _grow(tree, root, view.origin)
    console.print(tree)
    if view.origin_confidence is not None and len(view.roots) + sum(len(r.children) for r in view.roots) > 1:
        line = f"origin: {safe(view.origin)} (p={view.origin_confidence:.2f})"
        if view.alternatives:
            line += ", or " + "; ".join(f"{safe(other)} (p={p:.2f}, {why})" for other, p, why in view.alternatives)
        weak = view.origin_confidence < default("uncertain_below")
        console.print(
            ("[yellow]" if weak else "")
            + line
            + (" — the evidence is weak" if weak else "")
            + ("[/yellow]" if weak else "")
        )
    show_borrowings(console, view.borrows_from, view.borrowed_by)
    for title, articles in (
        ("same story, written independently", view.same_story),
        ("same storyline, other stories", view.storyline),
    ):
        if articles:
            table = Table(
                Column("article", min_width=20),
                Column("outlet", min_width=12),
                Column("published", min_width=10),
                Column("title", no_wrap=True, overflow="ellipsis", max_width=40),
                title=title,
            )
            for a in articles[:20]:
                table.add_row(safe(a.id), safe(a.outlet or "?"), _day(a.published), safe(a.title or _short(a.text, 60)))
            console.print(table)


def _word_diff(change: Change) -> Text:
    text = Text()
    for op, words in change.word_diff:
        style = {"-": "red strike", "+": "green bold"}.get(op, "")
        marker = {"-": "[-", "+": "{+"}.get(op, "")
        end = {"-": "-]", "+": "+}"}.get(op, "")
        words = printable(words)
        text.append(f"{marker}{words}{end} " if marker else f"{words} ", style=style)
    return text


def diff_summary(changes: list[Change]) -> str:
    """One line: substantive changes by kind and by tag, then the chrome count."""
    substantive = [c for c in changes if is_substantive(c)]
    kinds = Counter(c.kind for c in substantive)
    tags = Counter(t for c in substantive for t in c.tags)
    line = f"{len(substantive)} changes"
    if kinds:
        line += ": " + ", ".join(f"{kinds[k]} {k}" for k in ("added", "removed", "reworded") if kinds[k])
    if tags:
        line += "; tags: " + ", ".join(f"{t} {n}" for t, n in sorted(tags.items(), key=lambda x: (-x[1], x[0])))
    return line + f"; {len(changes) - len(substantive)} chrome"


def show_diff(console: Console, view: DiffView) -> None:
    parent, child, changes, note = view.parent, view.child, view.changes, view.note
    if note:
        console.print(f"[bold yellow]note:[/bold yellow] {safe(note)}")
    console.print(
        f"[bold]{safe(parent.id)}[/bold] ({safe(parent.outlet or '?')}) → "
        f"[bold]{safe(child.id)}[/bold] ({safe(child.outlet or '?')}): {diff_summary(changes)}"
    )
    for c in changes:
        tags = f" [{', '.join(c.tags)}]" if c.tags else ""
        if c.kind == "added":
            console.print(
                Group(Text(f"+ added{tags}", style="green"), Text("  " + printable(c.new or ""), style="green"))
            )
        elif c.kind == "removed":
            console.print(
                Group(Text(f"- removed{tags}", style="red"), Text("  " + printable(c.old or ""), style="red"))
            )
        else:
            console.print(Group(Text(f"~ reworded{tags}", style="yellow"), Text("  ").append_text(_word_diff(c))))


def show_claims(console: Console, view: ClaimsView) -> None:
    """Each claim of a story: statement and speaker, then every carrier with its certainty."""
    console.print(f"[bold]story {safe(view.story)}[/bold]: {len(view.claims)} claims in {len(view.articles)} articles")
    if not view.claims:
        console.print("no claims extracted (run `newstrace analyze` to extract them)")
    for c in view.claims:
        head = Text(f"{c.claim} ", style="bold")
        head.append(f"{printable(c.speaker or 'unattributed')}: ", style="cyan")
        head.append(f"\u201c{printable(_short(c.quote, 160))}\u201d")
        if c.about:
            head.append(f"  ({'denies' if c.carriers[0].stance == 'denial' else 'confirms'} {c.about})", style="red")
        console.print(head)
        table = Table("article", "outlet", "published", "certainty", "hedges", "via", "wording", box=None)
        for r in c.carriers:
            table.add_row(
                safe(r.article),
                safe(r.outlet or "?"),
                _day(r.published),
                r.certainty,
                safe("; ".join(r.hedge_phrases)),
                safe(" -> ".join(r.via)),
                safe(_short(r.quote, 60)),
            )
        console.print(table)
        for label, rows in (("denied by", c.denials), ("confirmed by", c.confirmations)):
            for r in rows:
                console.print(
                    f"  [red]{label}[/red] {safe(r.speaker or '?')} in {safe(r.article)} "
                    f"({_day(r.published)}): {safe(_short(r.quote, 100))}"
                )
