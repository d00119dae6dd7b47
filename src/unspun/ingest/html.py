"""HTML page -> Article: trafilatura for the body and metadata (its dates come from htmldate),
plus one lxml pass over the original page for what trafilatura drops or does not label.

Roles: `headline` is the page title (trafilatura's, which prefers og:title/h1 over the
`<title>` with its site suffix); `standfirst` is a paragraph the page marks as one
(class standfirst/dek/subtitle/summary/lead/intro..., itemprop description); `caption`
is the text of `<figcaption>`, `<caption>` or an element classed as a caption; the rest
is `body`. Trafilatura drops figcaptions, so captions that sit between paragraphs of
the extracted body are put back where the page has them; captions elsewhere (related
stories, galleries in a sidebar) are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import trafilatura
from lxml import etree
from lxml.html import HtmlElement, HTMLParser, fromstring
from trafilatura.settings import Document
from trafilatura.utils import repair_faulty_html

from unspun.errors import InputError
from unspun.ingest.assemble import build_article
from unspun.ingest.clean import block_key, clean_paragraphs, normalize_paragraphs
from unspun.ingest.dates import parse_iso_date
from unspun.ingest.decode import declared_charset, decode_bytes
from unspun.ingest.lang import guess_lang
from unspun.model import Article, BlockRole
from unspun.options import ReadOptions

_STANDFIRST = re.compile(
    r"standfirst|\bdek\b|sub-?title|sub-?head(?:line)?|summary|strapline|\blead\b|"
    r"\bintro\b|excerpt|abstract",
    re.I,
)
_STANDFIRST_PROPS = frozenset({"description", "alternativeheadline", "abstract"})
_CAPTION_CLASS = re.compile(r"caption", re.I)
_CAPTION_TAGS = frozenset({"figcaption", "caption"})
_PARA_TAGS = frozenset({"p", "li", "blockquote", "h2", "h3", "h4"})
_MAX_MARKED_CHARS = 600  # a "standfirst" or "caption" longer than this is something else
_DATE_PARAMS = {"original_date": True, "extensive_search": False}


@dataclass(slots=True)
class _Marks:
    """What the original page says that trafilatura's output loses."""

    lang: str | None = None
    h1: str | None = None
    #: the publication date the page declares in its markup (meta, itemprop, <time>)
    published: str | None = None
    standfirsts: dict[str, str] = field(default_factory=dict)  # key -> text
    #: key of the paragraph right after each standfirst (where it belongs)
    standfirst_next: dict[str, str | None] = field(default_factory=dict)
    #: caption text with the keys of the paragraphs just before and after it
    captions: list[tuple[str, str | None, str | None]] = field(default_factory=list)


_DEPTH_ERROR = re.compile(r"Excessive depth in document: (\d+)")


def _parse(html: str, source: str) -> HtmlElement | None:
    """The page's tree, as trafilatura's `load_html` parses it but allowing deep nesting.

    libxml2 stops at 256 levels by default (a few hundred unclosed <font> or <div> tags get
    there) and the text below is lost; `huge_tree` raises that to 2048 levels (the other
    limits it lifts are bounded by `max_page_bytes`). A page nested deeper still is
    refused, saying so. None when the text is not HTML at all.
    """
    parser = HTMLParser(huge_tree=True, collect_ids=False, default_doctype=False,
                        encoding="utf-8", remove_comments=True, remove_pis=True)
    beginning = html[:50].lower()
    html = repair_faulty_html(html, beginning)
    try:
        try:
            tree = fromstring(html, parser=parser)
        except ValueError:  # a str with an XML encoding declaration: parse its bytes
            tree = fromstring(html.encode("utf-8", "surrogatepass"), parser=parser)
    except etree.ParserError:
        return None
    for entry in parser.error_log:
        m = _DEPTH_ERROR.search(entry.message)
        if m:
            raise InputError(source, f"markup nested more than {m.group(1)} levels deep: the "
                             "HTML parser stops there, so the page cannot be read whole")
    if "html" not in beginning and len(tree) < 2:  # trafilatura's test for "not HTML"
        return None
    return tree


def _text(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


def _inside(el: etree._Element, taken: set[etree._Element]) -> bool:
    return bool(taken) and any(a in taken for a in el.iterancestors())


# Markup that states when the article was first published; trusted before htmldate, which
# can prefer a partial date in the URL (/2023/06/ -> 2023-06-01) over the page's own.
_DATE_META = frozenset({"article:published_time", "datepublished", "pubdate", "publishdate",
                        "dc.date.issued", "dcterms.created", "og:article:published_time"})


def _declared_date(tag: str, el: etree._Element) -> str | None:
    if tag == "meta":
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").lower()
        return el.get("content") if key in _DATE_META and _parse_date(el.get("content")) else None
    if tag == "time" or (el.get("itemprop") or "").lower() == "datepublished":
        value = el.get("datetime") or el.get("content")
        return value if _parse_date(value) else None
    return None


def _scan(tree: etree._Element) -> _Marks:
    """One pass in document order over the original tree (before trafilatura mutates it)."""
    marks = _Marks(lang=tree.get("lang") or tree.get("xml:lang"))
    last_para: str | None = None
    pending: list[int] = []  # captions waiting for the paragraph after them
    pending_sf: list[str] = []  # standfirsts waiting likewise
    taken: set[etree._Element] = set()
    for el in tree.iter():
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in ("script", "style", "noscript", "template") or not tag:
            continue
        if tag == "h1" and marks.h1 is None:
            marks.h1 = _text(el) or None
        if marks.published is None:
            marks.published = _declared_date(tag, el)
        cls = f"{el.get('class', '')} {el.get('id', '')}"
        is_caption = tag in _CAPTION_TAGS or (
            bool(_CAPTION_CLASS.search(cls)) and el.find(".//figcaption") is None
        )
        if is_caption and not _inside(el, taken):
            text = _text(el)
            if len(text.split()) >= 2 and len(text) <= _MAX_MARKED_CHARS:
                taken.add(el)
                pending.append(len(marks.captions))
                marks.captions.append((text, last_para, None))
            continue
        prop = (el.get("itemprop") or "").lower()
        if (
            len(marks.standfirsts) < 3
            and tag not in ("html", "body", "article", "main", "section")
            and (_STANDFIRST.search(cls) or prop in _STANDFIRST_PROPS)
            and el.get("content") is None  # <meta itemprop=description> is not on the page
        ):
            text = _text(el)
            if len(text.split()) >= 4 and len(text) <= _MAX_MARKED_CHARS:
                sf_key = block_key(text)
                marks.standfirsts[sf_key] = text
                marks.standfirst_next[sf_key] = None
                pending_sf.append(sf_key)
                continue
        if tag in _PARA_TAGS and not _inside(el, taken):
            key = block_key(_text(el))
            if key:
                last_para = key
                for sf_key in pending_sf:
                    if sf_key != key:  # not the standfirst's own inner <p>
                        marks.standfirst_next[sf_key] = key
                pending_sf[:] = [k for k in pending_sf if k == key]
                for i in pending:
                    text, before, _ = marks.captions[i]
                    marks.captions[i] = (text, before, key)
                pending.clear()
    return marks


def _body_paragraphs(body: etree._Element) -> list[str]:
    """Paragraph texts of trafilatura's XML body, in order (list items one by one)."""
    out: list[str] = []
    for el in body:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "list":
            out.extend(t for t in (_text(item) for item in el.iter("item")) if t)
        elif tag in ("graphic", "ref") or not tag:
            continue
        else:
            text = _text(el)
            if text:
                out.append(text)
    return out


def _place(
    title: str, paragraphs: list[str], marks: _Marks
) -> list[tuple[BlockRole, str]]:
    """Give each paragraph its role and put back marked captions/standfirsts trafilatura lost."""
    keys = [block_key(p) for p in paragraphs]
    present = set(keys)
    after: dict[str, list[str]] = {}  # paragraph key -> captions to insert after it
    before: dict[str, list[str]] = {}
    caption_keys: set[str] = set()
    for text, prev, nxt in marks.captions:
        key = block_key(text)
        caption_keys.add(key)
        if key in present:
            continue
        # Only captions inside the extracted body: between two paragraphs we kept.
        if prev in present and (nxt is None or nxt in present):
            after.setdefault(prev, []).append(text)
        elif prev is None and nxt in present:
            before.setdefault(nxt, []).append(text)
    out: list[tuple[BlockRole, str]] = [("headline", title)] if title else []
    first_body = next((k for k in keys if k not in marks.standfirsts), None)
    # A marked standfirst trafilatura lost comes back only if it sits right before the
    # extracted body (a "summary" teaser in a sidebar does not).
    missing_sf = [
        t
        for k, t in marks.standfirsts.items()
        if k not in present and marks.standfirst_next.get(k) in present
    ]
    for key, text in zip(keys, paragraphs, strict=True):
        if key == first_body and missing_sf and len(missing_sf) == 1:
            out.append(("standfirst", missing_sf[0]))
        out.extend(("caption", c) for c in before.get(key, ()))
        role: BlockRole = (
            "standfirst" if key in marks.standfirsts
            else "caption" if key in caption_keys
            else "body"
        )
        out.append((role, text))
        out.extend(("caption", c) for c in after.get(key, ()))
    return out


def _page_url(value: str | None) -> str | None:
    """An absolute http(s) URL the page gives for itself, else None."""
    if value and value.startswith(("http://", "https://")) and len(value) <= 2048:
        return value
    return None


def _parse_date(value: str | None) -> date | None:
    """What markup and htmldate give: ISO dates, or datetimes (whose time is kept)."""
    return parse_iso_date(value.strip()) if value else None


@dataclass(slots=True, frozen=True)
class HtmlExtract:
    """What one page yields before it becomes an Article (readers may override metadata)."""

    #: normalised (role, text) pairs, headline first when there is one
    paragraphs: list[tuple[BlockRole, str]]
    title: str | None
    published: date | None
    lang: str | None
    #: the page's own URL (canonical link / og:url) when the caller gave none
    url: str | None = None


def extract_html(
    html: str | bytes,
    *,
    url: str | None = None,
    options: ReadOptions = ReadOptions(),
    content_type: str | None = None,
) -> HtmlExtract:
    """Role-labelled, cleaned paragraphs and metadata of one page; InputError if none."""
    source = url or "<html>"
    if len(html) > options.max_page_bytes:
        raise InputError(source, f"page is larger than {options.max_page_bytes} bytes")
    try:
        if isinstance(html, bytes):
            html = decode_bytes(html, declared=declared_charset(html, content_type))
        if not html.strip():
            raise InputError(source, "empty page")
        tree = _parse(html, source)
        if tree is None:
            raise InputError(source, "not parseable as HTML")
        marks = _scan(tree)
        doc = trafilatura.bare_extraction(
            tree,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            deduplicate=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except InputError:
        raise
    except Exception as exc:  # hostile markup must not stop a batch: report it as bad input
        raise InputError(source, f"extraction failed ({type(exc).__name__}: {exc})") from exc
    if not isinstance(doc, Document) or doc.body is None:
        raise InputError(source, "no article text found (empty or script-only page)")
    paragraphs = _body_paragraphs(doc.body)
    if not paragraphs:
        raise InputError(source, "no article text found (empty or script-only page)")
    title = doc.title or marks.h1 or ""
    placed = _place(title, paragraphs, marks)
    placed = clean_paragraphs(placed) if options.clean else normalize_paragraphs(placed)
    if not any(role != "headline" for role, _ in placed):
        raise InputError(source, "no article text left after removing site furniture")
    sample = " ".join(t for _, t in placed[:20])
    return HtmlExtract(
        paragraphs=placed,
        title=title or None,
        published=_parse_date(marks.published) or _parse_date(doc.date),
        lang=guess_lang(sample, declared=marks.lang or doc.language),
        url=url or _page_url(doc.url),
    )


def article_from_html(
    html: str | bytes,
    *,
    url: str | None = None,
    options: ReadOptions = ReadOptions(),
    content_type: str | None = None,
) -> Article:
    """Extract the article of one HTML page. Raises InputError when there is none.

    `content_type` is an HTTP Content-Type header, when known (its charset is trusted
    after UTF-8, see `decode.py`).
    """
    ex = extract_html(html, url=url, options=options, content_type=content_type)
    return build_article(
        ex.paragraphs,
        url=ex.url,
        title=ex.title,
        published=ex.published,
        lang=ex.lang,
        max_chars=options.max_text_chars,
        normalized=True,
    )
