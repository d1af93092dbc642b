"""The printed report of ``bench_analyze.py``: the setting, a table of the runs stage by stage,
what the analyses found, and the two targets, from the figures ``measure`` gathered.
"""

from __future__ import annotations

from typing import Any


def _fmt_seconds(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:,.1f}" if value >= 10 else f"{value:,.2f}" if value >= 0.1 else f"{value:.3f}"


def print_report(results: dict[str, Any]) -> None:
    print_setting(results)
    print_runs(results)
    print_findings(results)
    full, inc = results.get("full") or {}, results.get("incremental") or {}
    if full and inc and "error" not in full and "error" not in inc:
        print_targets(results)
    noop = results.get("noop")
    if noop and "error" not in noop:
        print(
            f"No-op analysis: {noop['seconds']:.3f}s inside analyze(), "
            f"{noop.get('process_seconds', 0):.1f}s for the whole process with imports."
        )


def print_setting(results: dict[str, Any]) -> None:
    """The corpus, the store, the held-out part and the code measured."""
    meta, ingested = results["meta"], results["ingest"]
    print(
        f"\nCorpus: {meta['n']:,} articles ({meta['originals']:,} originals in {meta['stories']:,} stories, "
        f"{meta['copies']:,} edited copies, {meta['reprints']:,} verbatim reprints; {meta['copy_trees']:,} "
        f"copy trees, largest {meta['largest_tree']}), {meta['words_mean']} words on average, published "
        f"{meta['first'][:10]} to {meta['last'][:10]}, {meta['undated']:,} undated records."
    )
    print(
        f"Store: {meta['store']:,} articles ingested (jobs=2) in {ingested['seconds']:,.0f}s "
        f"({meta['store'] / ingested['seconds']:,.0f}/s), peak RSS {ingested['peak_mb']:,.0f} MB "
        f"(+ workers {ingested.get('workers_peak_mb', 0):,.0f} MB each at most); "
        f"publication time from {ingested.get('dated_from')}; rejects {ingested.get('rejects') or 'none'}."
    )
    print(
        f"Held out: the newest {meta['heldout']:,} by crawl time (from {meta['heldout_from'][:16]}, "
        f"{meta['heldout_undated']} of them undated)."
    )
    code = results.get("code") or {}
    if code:
        print(
            f"Code: HEAD {code['head']}, src sha256 {code['src_sha256']}"
            + (f", uncommitted changes in {', '.join(code['uncommitted'])}" if code["uncommitted"] else "")
            + (
                " (figures of the full run are cached from an earlier run)"
                if (results.get("full") or {}).get("reused")
                else ""
            )
            + "."
        )
    if results.get("profiled"):
        print("NOTE: analyses ran under cProfile; their times are inflated.")


def print_runs(results: dict[str, Any]) -> None:
    """One table row per analysis run, stage by stage, and the held-out part's ingest."""
    rows = [
        ("(a) full analysis", results.get("full")),
        ("(b) incremental analysis", results.get("incremental")),
        ("(c) analysis, nothing new", results.get("noop")),
        ("(b') incremental, dated held-out only", results.get("incremental_dated")),
    ]
    stage_names: list[str] = []
    for _, r in rows:
        for name in (r or {}).get("stages", {}):
            if name not in stage_names:
                stage_names.append(name)
    header = ["run", "new articles", "reading pending", *stage_names, "total s", "CPU s (workers)", "load"]
    header.append("peak RSS MB (workers)")
    print("\n| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    held = results.get("heldout_ingest") or {}
    for label, r in rows:
        if not r:
            continue
        if "error" in r:
            print(f"| {label} | failed: {r['error']} |")
            continue
        print("| " + " | ".join(_run_cells(label, r, stage_names)) + " |")
        if label.startswith("(a)") and held and "error" not in held:
            print(
                f"| (b) ingest of the held-out 1% | {held['added']:,} | "
                + " | ".join(["-"] * (len(stage_names) + 1))
                + f" | {_fmt_seconds(held['seconds'])} | - | - | {held['peak_mb']:,.0f} |"
            )


def _run_cells(label: str, r: dict[str, Any], stage_names: list[str]) -> list[str]:
    cells = [
        label + (" (cached figures)" if r.get("reused") else ""),
        f"{r['new_articles']:,}",
        _fmt_seconds(r.get("before_first_stage")),
    ]
    cells += [_fmt_seconds(r["stages"].get(name)) for name in stage_names]
    load = r.get("load") or ["?"]
    cells += [
        _fmt_seconds(r["seconds"]),
        f"{_fmt_seconds(r.get('cpu_seconds'))} ({_fmt_seconds(r.get('workers_cpu_seconds'))})",
        f"{max(load)}",
        f"{r['peak_mb']:,.0f} ({r.get('workers_peak_mb', 0):,.0f})",
    ]
    return cells


def print_findings(results: dict[str, Any]) -> None:
    """What the full and incremental analyses found, and how the full one met the planted truth."""
    full, inc = results.get("full") or {}, results.get("incremental") or {}
    if full and "error" not in full:
        print(
            f"\nFull analysis found: {full['candidate_pairs']:,} candidate pairs; relations "
            f"{full['relations']}; {full['copy_groups']:,} copy groups ({full.get('multi_copy_groups', 0):,} "
            f"with 2+ members, largest {full.get('largest_copy_group')}); {full['stories']:,} stories "
            f"(largest {full.get('largest_story')}); {full['storylines']:,} storylines (largest "
            f"{full.get('largest_storyline')}); {full['traced_groups']:,} groups traced; "
            f"{full['changes']:,} changes."
        )
        truth = full.get("truth")
        if truth:
            print(
                f"Planted truth: {truth['copies_in_parent_group']:.1%} of {truth['planted_copies']:,} planted "
                f"copies share their source's copy group, the traced parent is the planted one for "
                f"{truth['parent_right_when_grouped']:.1%} of those; {truth['pure_copy_groups']:.1%} of copy "
                f"groups hold one planted tree; {truth['story_pairs_in_same_story']:.1%} of "
                f"{truth['story_original_pairs']:,} pairs of independent originals of one story share a story."
            )
    if inc and "error" not in inc:
        print(
            f"Incremental analysis: {inc['new_articles']:,} new, {inc['candidate_pairs']:,} candidate pairs, "
            f"{inc['traced_groups']:,} groups traced, {inc['changes']:,} changes."
        )


def print_targets(results: dict[str, Any]) -> None:
    """Target 2 (incremental against full analysis, in several readings) and target 1."""
    meta, ingested = results["meta"], results["ingest"]
    full, inc = results["full"], results["incremental"]
    held = results.get("heldout_ingest") or {}
    ratio = inc["seconds"] / full["seconds"]
    verdict = "MET" if ratio < 0.05 else "NOT MET"
    print(
        f"\nTarget 2: incremental / full analysis = {_fmt_seconds(inc['seconds'])}s / "
        f"{_fmt_seconds(full['seconds'])}s = {ratio:.1%} (target < 5%: {verdict})."
    )
    if inc.get("cpu_seconds") and full.get("cpu_seconds"):
        print(f"          in CPU time (less sensitive to other load): {inc['cpu_seconds'] / full['cpu_seconds']:.1%}.")
    if held and "error" not in held:
        with_ingest = (inc["seconds"] + held["seconds"]) / (full["seconds"] + ingested["seconds"])
        print(f"          counting ingest on both sides: {with_ingest:.1%}.")
    dated = results.get("incremental_dated") or {}
    if dated and "error" not in dated:
        print(
            f"          without the held-out's undated records ((b'), {dated['new_articles']:,} new): "
            f"{dated['seconds'] / full['seconds']:.1%} (CPU {dated['cpu_seconds'] / full['cpu_seconds']:.1%})."
        )
    print(
        f"Target 1: full analysis of {meta['store']:,} articles: {full['seconds'] / 60:,.1f} min, "
        f"peak RSS {full['peak_mb'] / 1024:,.2f} GB, workers {full.get('workers_peak_mb', 0) / 1024:,.2f} GB each "
        f"at most (ingest another {ingested['seconds'] / 60:,.1f} min)."
    )
