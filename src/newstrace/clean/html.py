"""What an HTML page says about itself: its address, headline, site name; and whether it is
an article at all.

Pure functions over a parsed page (an lxml tree, as trafilatura loads it). The article text
itself comes from trafilatura; this module reads the metadata trafilatura leaves aside (the
page's own address) and the evidence the title cleaner needs (``og:site_name``, headings).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import regex

from newstrace.clean.meta import looks_like_headline

__all__ = ["PageMeta", "best_url", "block_text", "non_article_reason", "page_meta"]

_WS = regex.compile(r"\s+")
# Server and error pages: status codes with their standard phrases, and the stock
# messages of web servers and CDNs.
_STATUS_PAGE = regex.compile(
    r"\b(?:[45]\d\d\s+(?:[\p{L} ]{0,30}\s)?(?:error|not found|forbidden|unavailable|bad gateway"
    r"|gateway time-?out|internal server error|service unavailable|too many requests|unauthorized"
    r"|bad request|gone)|(?:page|halaman)\s+(?:not found|tidak ditemukan)"
    r"|service (?:temporarily )?unavailable|under maintenance|sedang dalam perbaikan"
    r"|access denied|request blocked|attention required|just a moment\.\.\.)\b",
    regex.IGNORECASE,
)
_MIN_TEXT_WORDS = 25  # below this an extraction found no article
_MIN_LIST_LINKS = 8
_HEADLINE_MAX_WORDS = 16  # longer lines in title case are captions full of names
_LIST_LINK_SHARE = 0.5
# Blocks whose text is one line each; inline tags inside them join their text.
_BLOCK_TAGS = frozenset({
    "p", "div", "li", "figcaption", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6",
    "td", "dd", "dt", "pre", "section", "header", "footer", "aside", "figure", "article", "ul",
    "ol", "table", "tr", "form", "nav", "main",
})  # fmt: skip
# Page furniture by its class or id, the way boilerplate removers tell it apart.
_FURNITURE = regex.compile(
    r"related|terkait|popular|populer|comment|komentar|newsletter|share|social|sosmed|\btags?\b"
    r"|breadcrumb|\bnav|menu|footer|sidebar|widget|\bads?\b|banner|credits|thumbs|rating",
    regex.IGNORECASE,
)
_SKIP_TAGS = frozenset({"script", "style", "noscript", "form", "nav", "button", "select", "iframe"})
# A sentence's end, a credit in brackets after it allowed ("... Senin (15/2). (REUTERS)").
_SENTENCE_END = regex.compile(r"[.!?][\"'\u201d)\]]*(?:\s*\([^()]{0,80}\))?$")


@dataclass(slots=True)
class PageMeta:
    """Metadata a page declares about itself."""

    urls: list[str] = field(default_factory=list)  # best first: canonical, og:url, microdata
    titles: list[str] = field(default_factory=list)  # og:title, twitter:title, <title>, meta title
    headlines: list[str] = field(default_factory=list)  # h1, h2 and microdata headline texts
    site_names: list[str] = field(default_factory=list)  # og:site_name, application-name, ...
    self_links: set[str] = field(default_factory=set)  # hrefs that point at this page
    links: int = 0  # links in the body
    link_share: float = 0.0  # share of the body's words that are link text


def _text(node: Any) -> str:
    return _WS.sub(" ", node.text_content() if hasattr(node, "text_content") else str(node)).strip()


def _first(tree: Any, xpath: str) -> list[str]:
    return [" ".join(value.split()) for value in tree.xpath(xpath) if value and value.strip()]


def _absolute(url: str, base: str | None) -> str | None:
    url = url.strip()
    if base:
        url = urljoin(base, url)
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        return None
    return urlunsplit((parts.scheme, parts.netloc.lower(), parts.path or "/", parts.query, ""))


def page_meta(tree: Any, base_url: str | None = None) -> PageMeta:
    """Read the page's declared address, titles, headings and site names."""
    meta = PageMeta()
    article_scope = "//*[contains(@itemtype, 'Article') or contains(@itemtype, 'article')]//*[@itemprop='url']"
    raw_urls = [
        *_first(tree, "//link[@rel='canonical']/@href"),
        *_first(tree, "//meta[@property='og:url' or @name='og:url']/@content"),
        *_first(tree, f"{article_scope}/@href | {article_scope}/@content"),
    ]
    for raw in raw_urls:
        url = _absolute(raw, base_url)
        if url and url not in meta.urls:
            meta.urls.append(url)
    for xpath in (  # in this order: an XPath union would return document order
        "//meta[@property='og:title']/@content",
        "//meta[@name='twitter:title' or @property='twitter:title']/@content",
        "//title/text()",
        "//meta[@name='title']/@content",
    ):
        meta.titles += [title for title in _first(tree, xpath) if title not in meta.titles]
    meta.headlines = [
        text
        for node in tree.xpath("//h1 | //h2 | //*[@itemprop='headline']")
        if (text := _text(node)) and len(text) <= 300
    ]
    meta.headlines += _first(tree, "//meta[@itemprop='headline']/@content")
    meta.site_names = _first(
        tree,
        "//meta[@property='og:site_name']/@content | //meta[@name='application-name']/@content"
        " | //meta[@name='twitter:site']/@content | //meta[@name='copyright']/@content"
        " | //meta[@name='author']/@content",
    )
    body = tree.find(".//body")
    if body is not None:
        words = len(body.text_content().split())
        anchors = body.xpath(".//a")
        link_words = sum(len(anchor.text_content().split()) for anchor in anchors)
        meta.links, meta.link_share = len(anchors), link_words / words if words else 0.0
    meta.self_links = {
        href.strip()
        for href in tree.xpath("//a/@href | //*/@data-href | //*/@data-counturl")
        if href and href.startswith("http")
    }
    return meta


def best_url(meta: PageMeta) -> str | None:
    """The page's own address: canonical, else og:url, else the article's microdata url.

    A view parameter on the declared address ("?i=1") is dropped when the page links to
    itself without it: the page then shows which form is its address.
    """
    if not meta.urls:
        return None
    url = meta.urls[0]
    parts = urlsplit(url)
    if parts.query:
        bare = urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
        if bare in meta.self_links:
            return bare
    return url


def non_article_reason(text: str, meta: PageMeta) -> str | None:
    """Why an extracted page is not an article (a server status page, a list of links), or None.

    A list of links reads as many short lines none of which ends like a sentence (or, when
    nothing was extracted, as a body made of link text); an article has at least a few
    sentences however much chrome surrounds it.
    """
    head = " ".join([*meta.titles[:2], text[:300]])
    status = _STATUS_PAGE.search(head)
    if status and len(text.split()) < 150:
        return f"a server status or error page ({status.group().strip()!r})"
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if len(text.split()) < _MIN_TEXT_WORDS and meta.links >= _MIN_LIST_LINKS:
        if meta.link_share >= _LIST_LINK_SHARE:
            return f"a list of links ({meta.links} links make up the page, no running text)"
    if len(lines) < 5:
        return None
    # A headline ends in "!" or "?" as often as a sentence does; its capitals tell it apart.
    sentences = [
        line
        for line in lines
        if len(line.split()) >= 8
        and _SENTENCE_END.search(line)
        and not (len(line.split()) <= _HEADLINE_MAX_WORDS and looks_like_headline(line))
    ]
    words = sum(len(line.split()) for line in lines)
    sentence_words = sum(len(line.split()) for line in sentences)
    if len(sentences) <= 1 and sentence_words < 0.2 * words:
        return f"a list of links or headlines ({len(lines)} short lines, no running text)"
    return None


def _is_furniture(node: Any) -> bool:
    marks = f"{node.get('class') or ''} {node.get('id') or ''}"
    return bool(marks.strip()) and _FURNITURE.search(marks) is not None


def block_text(tree: Any) -> str:
    """The main article element's text, one line per block, page furniture left out.

    For pages an extractor returns as one wall of text (galleries built of figures and
    captions): the article is the page's schema.org Article element, else its first
    ``<article>``, else the body; nested articles (teasers of other stories) and blocks
    whose class names them furniture (related, popular, share, comments, ...) are skipped.
    """
    roots = (
        tree.xpath("//*[contains(@itemtype, 'schema.org/Article') or contains(@itemtype, 'NewsArticle')]")
        or tree.xpath("//article")
        or tree.xpath("//body")
    )
    if not roots:
        return ""
    root = roots[0]
    lines: list[str] = []

    def walk(node: Any) -> None:
        for child in node:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in _SKIP_TAGS or (tag == "article" and child is not root) or _is_furniture(child):
                continue
            if tag in _BLOCK_TAGS and any(
                isinstance(sub.tag, str) and sub.tag in _BLOCK_TAGS for sub in child.iterdescendants()
            ):
                walk(child)
            elif tag in _BLOCK_TAGS:
                text = _WS.sub(" ", child.text_content()).strip()
                if text:
                    lines.append(text)

    walk(root)
    return "\n".join(lines)
