"""From a web page's HTML to a cleaned article: the text extracted (trafilatura), the page's own
address, headline and time, then the same cleaning as a scraped text."""

from __future__ import annotations

from typing import Any

import regex

from newstrace.clean.dates import (
    PublishedTime,
    from_metadata,
)
from newstrace.clean.html import PageMeta, best_url, block_text, non_article_reason, page_meta
from newstrace.clean.meta import (
    HOST_PATTERN,
    clean_title,
    headline_times,
    outlet_from_url,
    parse_dateline,
    site_brands,
)
from newstrace.clean.page import NoArticleError, clean_page
from newstrace.clean.text import normalise_line_key
from newstrace.model import Cleaned

__all__ = ["clean_html"]

_MIN_HTML_WORDS = 25
_WALL_WORDS = 150  # a paragraph longer than this, alone, is several blocks run together
_LEAD_LOOKBACK = 3  # paragraphs before the text's start searched for the lost lead
_LEAD_PROBE_CHARS = 30
_LEAD_WINDOW = 4000  # characters of markup before the text searched for a lost dateline
_TAG = regex.compile(r"<[^>]*>")
_HOST_DASH = regex.compile(rf"{HOST_PATTERN}\s*[-\u2013\u2014]\s", regex.IGNORECASE)


def clean_html(
    html: str,
    *,
    url: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    byline: str | None = None,
) -> Cleaned:
    """Extract the article from ``html`` and clean it like :func:`clean_page`.

    trafilatura gives the text and author; the page's own metadata gives its address
    (canonical link, ``og:url``, the article's microdata url; absolute, resolved against
    ``url``) and its headline (``og:title`` or ``<title>`` without the site's name, checked
    against the page's headings); htmldate gives the publication time of the page's metadata
    (``published_from="html"``, its UTC offset kept), and a date the page shows under its
    headline ("Rabu, 10 Mei 2017 21:04 WIB", ``"page"``) refines a date-only metadata answer.
    Record metadata still wins. Raises :class:`NoArticleError`, with the reason, for a page
    that is no article: a server status page, a list of links, or under ~25 words of text.
    """
    # Imported here: trafilatura is slow to import and only HTML input needs it.
    from trafilatura.utils import load_html

    if "<" not in html:
        # htmldate would take a bare URL for an address to download.
        raise NoArticleError("the input is not HTML")
    tree = load_html(html)
    meta = page_meta(tree, url) if tree is not None else PageMeta()
    page_url = url.strip() if url and url.strip() else best_url(meta)
    document = _extract(html, page_url)
    text = _article_text(html, tree, meta, page_url, document)
    hosts = [address for address in (page_url, *meta.urls) if address]
    brands = site_brands([*meta.site_names, *([outlet] if outlet else [])], hosts)
    extracted_title = getattr(document, "title", None)
    candidates = [*meta.titles, *([extracted_title] if extracted_title else [])]
    page_title = title or clean_title(candidates, brands=brands, headlines=meta.headlines)
    more_times = [] if published and published.strip() else _page_times(html, page_url)
    cleaned = clean_page(
        text,
        title=page_title,
        outlet=outlet or outlet_from_url(page_url) or getattr(document, "hostname", None) or None,
        url=page_url,
        published=published,
        byline=byline or getattr(document, "author", None),
        more_times=more_times,
    )
    cleaned.url = page_url
    if cleaned.outlet is None and getattr(document, "sitename", None):
        cleaned.outlet = document.sitename
    return cleaned


def _article_text(html: str, tree: Any, meta: PageMeta, page_url: str | None, document: Any) -> str:
    """The extracted article text, its lost lead put back; raises :class:`NoArticleError`."""
    text = (document.text or "") if document is not None else ""
    text = _recover_lead(html, page_url, text)
    if tree is not None and _is_wall(text):
        # The extractor fell back to one undivided block (a gallery of figures and
        # captions): read the article element block by block instead.
        blocks = block_text(tree)
        if len(blocks.split()) >= _MIN_HTML_WORDS:
            text = blocks
    reason = non_article_reason(text, meta)
    if reason is not None:
        raise NoArticleError(f"the page is {reason}")
    if len(text.split()) < _MIN_HTML_WORDS:
        raise NoArticleError(f"only {len(text.split())} words of article text in the page")
    return text


def _page_times(html: str, page_url: str | None) -> list[PublishedTime]:
    """Publication times the page states: its metadata's (htmldate), then dates under headlines."""
    import htmldate

    more_times: list[PublishedTime] = []
    try:
        # With %z an answer that carries an offset keeps it; a date-only one has none.
        found = htmldate.find_date(html, url=page_url, original_date=True, outputformat="%Y-%m-%dT%H:%M:%S%z")
    except ValueError:  # htmldate gives up on unparsable markup
        found = None
    metadata = from_metadata(found) if found else None
    if metadata is not None:
        more_times.append(metadata)
    more_times += headline_times(html)
    return more_times


def _extract(html: str, url: str | None, **options: bool) -> Any:
    import trafilatura

    return trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=not options,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        **options,  # type: ignore[arg-type]  # favor_precision and the like: booleans
    )


def _is_wall(text: str) -> bool:
    """Extracted text that is one undivided block: a long line and hardly any other."""
    paragraphs = [line for line in text.split("\n") if line.strip()]
    return 0 < len(paragraphs) <= 2 and max(len(p.split()) for p in paragraphs) > _WALL_WORDS


def _recover_lead(html: str, url: str | None, text: str) -> str:
    """The article's opening paragraph when the first extraction lost it.

    Indonesian articles open with a dateline ("Kapanlagi.com - ", "JAKARTA, KOMPAS.com -");
    when the extracted text does not, a recall-minded second pass is asked for what comes
    before the text's first paragraph, and paragraphs from a dateline on are put back.
    """
    paragraphs = [line for line in text.split("\n") if line.strip()]
    if not paragraphs or parse_dateline(paragraphs[0], allow_place_only=True) is not None:
        return text
    # A second extraction costs as much as the first: only when the markup just before
    # the text's first words shows a host-first dateline ("Kapanlagi.com</b> - ").
    start = html.find(paragraphs[0][:_LEAD_PROBE_CHARS])
    if start < 0:
        return text
    before = " ".join(_TAG.sub(" ", html[max(0, start - _LEAD_WINDOW) : start]).split())
    if not _HOST_DASH.search(before):
        return text
    second = _extract(html, url, favor_recall=True)
    wider = [line for line in ((second.text or "") if second else "").split("\n") if line.strip()]
    anchor = normalise_line_key(paragraphs[0])[:80]
    for index, line in enumerate(wider):
        if anchor and normalise_line_key(line).startswith(anchor):
            for start in range(index - 1, max(index - _LEAD_LOOKBACK, 0) - 1, -1):
                if parse_dateline(wider[start], allow_place_only=False) is not None:
                    return "\n".join([*wider[start:index], *paragraphs])
            break
    return text
