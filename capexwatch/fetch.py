"""Read articles from http(s) URLs: one web page, or every entry of an RSS or Atom feed.

:func:`iter_url_articles` downloads a URL with httpx (redirects followed, a time-out, a
descriptive User-Agent, at most :data:`~capexwatch.ingest.MAX_BYTES`) and turns it into
articles: an HTML page through :func:`~capexwatch.ingest.article_from_html`, plain text
through :func:`~capexwatch.ingest.article_from_text`, and a feed (RSS 2.0, RSS 1.0/RDF or
Atom, parsed with the standard library) into one article per entry, from the entry's own
full content or else from the page it links to. Every failure with one URL (no
connection, time-out, HTTP error, oversize, not a page or feed, no text) is recorded as a
:class:`~capexwatch.ingest.ReadProblem` and reading goes on; nothing is raised for one bad URL.

No figures are parsed here. Layer 3 (I/O): imports models, errors, parse and ingest.
"""

from __future__ import annotations

import codecs
import datetime as dt
import email.utils
import html
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from typing import Any
from urllib.parse import urljoin

import httpx

from .errors import ConfigError, InputError
from .ingest import (
    MAX_BYTES,
    ReadProblem,
    _mostly_unreadable,
    article_from_html,
    article_from_text,
)
from .models import Article
from .parse.dates import parse_date

__all__ = [
    "DEFAULT_TIMEOUT",
    "PROJECT_URL",
    "TIMEOUT_ENV",
    "USER_AGENT_ENV",
    "Feed",
    "FeedEntry",
    "default_user_agent",
    "http_timeout",
    "iter_url_articles",
    "make_client",
    "parse_feed",
    "parse_feed_date",
]

DEFAULT_TIMEOUT = 20.0  # seconds to connect, and between two packets of an answer
TIMEOUT_ENV = "CAPEXWATCH_HTTP_TIMEOUT"
USER_AGENT_ENV = "CAPEXWATCH_USER_AGENT"
PROJECT_URL = "https://github.com/capexwatch/capexwatch"

FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+xml"}
XML_TYPES = {"application/xml", "text/xml"}
HTML_TYPES = {"text/html", "application/xhtml+xml"}
TEXT_TYPES = {"text/plain", "text/markdown", "text/x-markdown"}

ATOM = "{http://www.w3.org/2005/Atom}"
RSS1 = "{http://purl.org/rss/1.0/}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
DC = "{http://purl.org/dc/elements/1.1/}"
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"

_XML_START = re.compile(rb"""
    \A(?:\xef\xbb\xbf)?\s*             # an optional UTF-8 byte order mark, blank space
    <(?:\?xml\b|rss\b|feed\b|rdf:RDF\b)  # an XML declaration or a feed's root element
""", re.VERBOSE)
_PROLOG = re.compile(rb"""
    \A(?:\xef\xbb\xbf)?                # an optional UTF-8 byte order mark
    (?:\s+                             # blank space,
     | <\?.*?\?>                       # the XML declaration and processing instructions,
     | <!--.*?-->                      # comments
    )*
""", re.VERBOSE | re.DOTALL)
_META_CHARSET = re.compile(rb"""
    <meta[^>]+charset\s*=\s*["']?      # <meta charset="..."> or <meta http-equiv ... content="...; charset=...">
    ([A-Za-z0-9._:-]+)                 # the encoding's name
""", re.VERBOSE | re.IGNORECASE)
_HTML_START = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                         re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


# -- settings --------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _version() -> str:
    try:
        return metadata.version("capexwatch")
    except metadata.PackageNotFoundError:  # running from a source tree that was never installed
        return "0+unknown"


def default_user_agent(env: Mapping[str, str] | None = None) -> str:
    """Return the User-Agent to send: ``$CAPEXWATCH_USER_AGENT``, else ``capexwatch/<version> (+<project URL>)``."""
    value = (os.environ if env is None else env).get(USER_AGENT_ENV, "").strip()
    return value or f"capexwatch/{_version()} (+{PROJECT_URL})"


def http_timeout(env: Mapping[str, str] | None = None) -> float:
    """Return the time-out in seconds: ``$CAPEXWATCH_HTTP_TIMEOUT``, else :data:`DEFAULT_TIMEOUT`.

    >>> http_timeout({"CAPEXWATCH_HTTP_TIMEOUT": "2.5"})
    2.5
    >>> http_timeout({})
    20.0
    """
    raw = (os.environ if env is None else env).get(TIMEOUT_ENV, "").strip()
    if not raw:
        return DEFAULT_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not value > 0 or value == float("inf"):
        raise ConfigError(f"{TIMEOUT_ENV}={raw!r} is not a number of seconds; set it to e.g. 20 or unset it")
    return value


def make_client(*, timeout: float | None = None, user_agent: str | None = None) -> httpx.Client:
    """Return an httpx client that follows redirects, with the time-out and User-Agent of the settings."""
    return httpx.Client(
        follow_redirects=True,
        timeout=timeout if timeout is not None else http_timeout(),
        headers={"User-Agent": user_agent or default_user_agent(),
                 "Accept": "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, "
                           "application/xml;q=0.9, text/plain;q=0.8, */*;q=0.5"},
    )


# -- downloading -----------------------------------------------------------------------
@dataclass(frozen=True)
class _Download:
    url: str  # as asked for
    final_url: str  # after redirects
    content_type: str  # the media type, lower case, without parameters; "" when not given
    charset: str | None
    body: bytes


def _download(client: httpx.Client, url: str, *, problems: list[ReadProblem], note: str = "") -> _Download | None:
    """Return the body of ``url``, or None after recording why it could not be had."""
    def fail(problem: str) -> None:
        problems.append(ReadProblem(url, problem + note))

    try:
        with client.stream("GET", url) as response:
            where = f" (redirected to {response.url})" if str(response.url) != url else ""
            if response.status_code >= 400:
                fail(f"HTTP {response.status_code} {response.reason_phrase}{where}".rstrip())
                return None
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > MAX_BYTES:
                fail(f"too large for an article ({int(declared) / 1e6:.1f} MB > {MAX_BYTES / 1e6:.0f} MB); "
                     f"not downloaded")
                return None
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                chunks.append(chunk)
                size += len(chunk)
                if size > MAX_BYTES:
                    fail(f"too large for an article (over {MAX_BYTES / 1e6:.0f} MB); download stopped")
                    return None
            media, _, params = response.headers.get("Content-Type", "").partition(";")
            match = re.search(r"charset\s*=\s*\"?([^\s\";]+)", params, re.IGNORECASE)
            return _Download(url, str(response.url), media.strip().lower(), match.group(1) if match else None,
                             b"".join(chunks))
    except httpx.TimeoutException:
        timeout = client.timeout.read or client.timeout.connect
        after = f" after {timeout:g} s" if timeout else ""
        fail(f"timed out{after} waiting for the server; set {TIMEOUT_ENV} to wait longer")
    except httpx.ConnectError as error:
        fail(f"cannot connect: {error or type(error).__name__}; check the address and the network")
    except httpx.TooManyRedirects:
        fail("too many redirects")
    except (httpx.UnsupportedProtocol, httpx.InvalidURL) as error:
        fail(f"not a URL that can be fetched: {error}")
    except httpx.HTTPError as error:
        fail(f"download failed: {error or type(error).__name__}")
    return None


# -- feeds -----------------------------------------------------------------------------
@dataclass(frozen=True)
class FeedEntry:
    """One entry of a feed: where it links, its title and date, and its full content if the feed carries it."""

    link: str | None
    title: str | None = None
    date: dt.date | None = None
    content: str | None = None  # the entry's full text, as HTML or as plain text
    content_is_html: bool = True


@dataclass(frozen=True)
class Feed:
    """An RSS 2.0 (``rss``), RSS 1.0 (``rdf``) or Atom (``atom``) feed."""

    kind: str
    title: str | None
    entries: tuple[FeedEntry, ...]


def parse_feed_date(text: str | None) -> dt.date | None:
    """Return the date of an RSS (RFC 822) or Atom (ISO 8601) timestamp, or None.

    The date is the one written, in the publisher's time zone.

    >>> parse_feed_date("Wed, 12 Nov 2025 08:30:00 +0800")
    datetime.date(2025, 11, 12)
    >>> parse_feed_date("2025-11-12T23:30:00-05:00")
    datetime.date(2025, 11, 12)
    >>> parse_feed_date("2025-11-12T08:30:00Z")
    datetime.date(2025, 11, 12)
    >>> parse_feed_date("yesterday") is None
    True
    """
    if not text or not text.strip():
        return None
    text = text.strip()
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        pass
    return parse_date(text)


def _utf8(body: bytes) -> bytes:
    """UTF-16 feeds re-encoded as UTF-8 (without their XML declaration), so the prolog can be checked as bytes."""
    if body[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        text = body.decode("utf-16", errors="replace")
        return re.sub(r"\A\s*<\?xml[^>]*\?>", "", text).encode("utf-8")
    return body


def _parse_xml(body: bytes, source: str) -> ET.Element:
    """Return the root element; a document type declaration (entities) is refused, not expanded."""
    body = _utf8(body)
    prolog = _PROLOG.match(body)
    rest = body[prolog.end() if prolog else 0:]
    # Entity declarations live in the DOCTYPE; refusing it stops entity-expansion attacks
    # ("billion laughs") without defusedxml. Feeds do not need one.
    if rest[:9].upper() == b"<!DOCTYPE":
        raise InputError(source, "XML with a DOCTYPE (entity declarations) is refused; feeds do not need one")
    try:
        return ET.fromstring(body)
    except ET.ParseError as error:
        raise InputError(source, f"not well-formed XML: {error}") from None


def _text(element: ET.Element | None) -> str | None:
    if element is None:
        return None
    value = "".join(element.itertext()).strip()
    return value or None


def _first(parent: ET.Element, *tags: str) -> ET.Element | None:
    for tag in tags:
        found = parent.find(tag)
        if found is not None:
            return found
    return None


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _rss_entry(item: ET.Element, base_url: str, ns: str = "") -> FeedEntry:
    link = _text(item.find(f"{ns}link"))
    if link is None and ns == "":
        guid = item.find("guid")
        value = _text(guid)
        if guid is not None and value and guid.get("isPermaLink", "true") != "false" and "://" in value:
            link = value
    if link is None and ns:  # RSS 1.0: the item's rdf:about is its URL
        link = item.get(f"{RDF}about")
    date = _first(item, "pubDate", f"{DC}date", f"{ns}pubDate")
    return FeedEntry(
        link=urljoin(base_url, link) if link else None,
        title=_text(item.find(f"{ns}title")),
        date=parse_feed_date(_text(date)),
        content=_text(item.find(f"{CONTENT}encoded")),
    )


def _atom_text(element: ET.Element | None) -> str | None:
    """The text of an Atom text construct (type text, html or xhtml)."""
    if element is None:
        return None
    kind = element.get("type", "text")
    if kind == "xhtml":
        return _text(element)
    value = _text(element)
    if value and kind == "html":
        value = html.unescape(_TAG.sub("", value)).strip()
    return value or None


def _xhtml(element: ET.Element) -> str:
    """The markup inside an Atom ``type="xhtml"`` element, with the XHTML namespace dropped."""
    for node in element.iter():
        node.tag = _local(node.tag)
    inner = "".join(ET.tostring(child, encoding="unicode") for child in element)
    return html.escape(element.text or "", quote=False) + inner


def _atom_entry(entry: ET.Element, base_url: str) -> FeedEntry:
    link = None
    for candidate in entry.findall(f"{ATOM}link"):
        if candidate.get("rel", "alternate") == "alternate" and candidate.get("href"):
            link = candidate.get("href")
            break
    content, is_html = None, True
    body = entry.find(f"{ATOM}content")
    if body is not None:
        kind = body.get("type", "text").lower()
        if body.get("src"):  # content kept elsewhere: read it from there
            link = link or body.get("src")
        elif kind == "xhtml":
            content = _xhtml(body).strip() or None
        elif "html" in kind:
            content = _text(body)
        elif kind == "text" or kind.startswith("text/"):
            content, is_html = _text(body), False
    date = _first(entry, f"{ATOM}published", f"{ATOM}updated")
    return FeedEntry(
        link=urljoin(base_url, link) if link else None,
        title=_atom_text(entry.find(f"{ATOM}title")),
        date=parse_feed_date(_text(date)),
        content=content,
        content_is_html=is_html,
    )


def parse_feed(body: bytes, *, base_url: str = "") -> Feed | None:
    """Return the feed in ``body`` (RSS 2.0, RSS 1.0/RDF or Atom), or None for another XML document.

    Relative links are resolved against ``base_url``. Raises :class:`~capexwatch.errors.InputError`
    for XML that is not well-formed or declares a DOCTYPE.

    >>> feed = parse_feed(b'<rss version="2.0"><channel><title>T</title><item><title>A</title>'
    ...                   b'<link>/a.html</link><pubDate>Wed, 12 Nov 2025 08:30:00 +0800</pubDate>'
    ...                   b'</item></channel></rss>', base_url="https://example.com/feed")
    >>> feed.kind, feed.entries[0].link, feed.entries[0].date
    ('rss', 'https://example.com/a.html', datetime.date(2025, 11, 12))
    >>> parse_feed(b'<urlset/>') is None
    True
    """
    root = _parse_xml(body, base_url or "feed")
    if root.tag == "rss":
        channel = root.find("channel")
        parent = channel if channel is not None else root
        entries = tuple(_rss_entry(item, base_url) for item in parent.findall("item"))
        return Feed("rss", _text(parent.find("title")), entries)
    if root.tag == f"{RDF}RDF":
        channel = root.find(f"{RSS1}channel")
        entries = tuple(_rss_entry(item, base_url, RSS1) for item in root.findall(f"{RSS1}item"))
        return Feed("rdf", _text(channel.find(f"{RSS1}title")) if channel is not None else None, entries)
    if root.tag == f"{ATOM}feed":
        entries = tuple(_atom_entry(entry, base_url) for entry in root.findall(f"{ATOM}entry"))
        return Feed("atom", _atom_text(root.find(f"{ATOM}title")), entries)
    return None


# -- pages -----------------------------------------------------------------------------
def _decode(download: _Download) -> str:
    charset = download.charset
    if charset is None:
        meta = _META_CHARSET.search(download.body[:4096])
        charset = meta.group(1).decode("ascii") if meta else None
    if charset:
        try:
            return download.body.decode(codecs.lookup(charset).name, errors="replace")
        except LookupError:
            pass
    try:
        return download.body.decode("utf-8")
    except UnicodeDecodeError:
        return download.body.decode("cp1252", errors="replace")


def _binary(body: bytes) -> bool:
    return body.startswith(b"%PDF-") or b"\x00" in body[:8192] or _mostly_unreadable(
        body[:65536].decode("utf-8", errors="replace"))


def _looks_xml(download: _Download) -> bool:
    kind = download.content_type
    return kind in FEED_TYPES or kind in XML_TYPES or bool(_XML_START.match(download.body[:512]))


def _page_article(download: _Download, *, date: Any, problems: list[ReadProblem], title: str | None = None,
                  source: str | None = None, note: str = "") -> Article | None:
    """The article on a downloaded page (HTML or plain text), or None after recording why there is none."""
    url, kind, body = download.url, download.content_type, download.body

    def fail(problem: str) -> None:
        problems.append(ReadProblem(url, problem + note))

    if not body.strip():
        fail("empty response")
        return None
    is_html = kind in HTML_TYPES or (kind not in TEXT_TYPES and bool(_HTML_START.match(body[:4096])))
    is_text = kind in TEXT_TYPES or (kind in ("", "application/octet-stream") and not is_html)
    if not (is_html or is_text) or _binary(body):
        shown = f"Content-Type {kind}" if kind else "no Content-Type"
        fail(f"not an article page or feed ({shown}); give the URL of an HTML page, a text file or a feed")
        return None
    text = _decode(download)
    meta: dict[str, Any] = {"id": url, "url": url, "date": date, "source": source or url}
    if is_html:
        article = article_from_html(text, title=None, **meta)
        if article is None:
            fail("no article text found in this HTML page")
            return None
    else:
        article = article_from_text(text, **meta)
        if not article.text.strip():
            fail("no article text in this page")
            return None
    if article.title is None and title:
        article = article.with_(title=title)
    return article


def _content_article(entry: FeedEntry, *, id: str, date: Any, source: str) -> Article | None:
    """The article in a feed entry's own content, or None when it holds no text."""
    assert entry.content is not None
    meta: dict[str, Any] = {"id": id, "url": entry.link, "date": date, "title": entry.title, "source": source}
    if not entry.content_is_html:
        return article_from_text(entry.content, **meta)
    # trafilatura drops a bare fragment of one short paragraph as boilerplate; inside an
    # <article> it is kept, and the feed has already told us it is the article.
    page = entry.content if _HTML_START.match(entry.content.encode()[:4096]) else (
        f"<html><body><article>{entry.content}</article></body></html>")
    article = article_from_html(page, **meta)
    if article is None:  # markup trafilatura cannot read: its text, without the tags
        text = re.sub(r"[ \t]+", " ", html.unescape(_TAG.sub(" ", entry.content))).strip()
        article = article_from_text(text, **meta) if text else None
    return article


def _entry_article(client: httpx.Client, feed_url: str, number: int, entry: FeedEntry, *, date: Any,
                   problems: list[ReadProblem]) -> Article | None:
    """The article of one feed entry: its own content, else the page it links to."""
    ident = entry.link or f"{feed_url}#entry-{number}"
    note = f" (entry {number} of the feed {feed_url})"
    when = date or entry.date
    if entry.content:
        article = _content_article(entry, id=ident, date=when, source=feed_url)
        if article is not None:
            return article
        if entry.link is None:
            problems.append(ReadProblem(ident, "no article text in the entry's content" + note))
            return None
    if entry.link is None:
        problems.append(ReadProblem(ident, "the entry has neither content nor a link" + note))
        return None
    if not re.match(r"https?://", entry.link):
        problems.append(ReadProblem(entry.link, "the entry links to something other than an http(s) page" + note))
        return None
    download = _download(client, entry.link, problems=problems, note=note)
    if download is None:
        return None
    try:
        linked_feed = _feed(download)
    except InputError:
        linked_feed = None  # broken XML: _page_article says it is not a page
    if linked_feed is not None:
        problems.append(ReadProblem(entry.link, "the entry links to another feed, not an article page" + note))
        return None
    return _page_article(download, date=when, problems=problems, title=entry.title, source=feed_url, note=note)


def _feed(download: _Download) -> Feed | None:
    """The feed in a download, or None when it is a page; InputError when it should be a feed and is broken."""
    if not _looks_xml(download):
        return None
    try:
        return parse_feed(download.body, base_url=download.final_url)
    except InputError:
        if download.content_type in HTML_TYPES or _HTML_START.match(download.body[:4096]):
            return None  # (X)HTML that is not well-formed XML, or has a DOCTYPE: read it as a page
        raise


def iter_url_articles(url: str, *, date: Any = None, problems: list[ReadProblem],
                      client: httpx.Client | None = None) -> Iterator[Article]:
    """Yield the article at ``url``, or one article per entry when ``url`` is an RSS or Atom feed.

    Args:
        date: a date or ``YYYY-MM-DD`` that overrides every article's own date.
        problems: each failure is appended here (naming the URL, or the entry's URL for a
            feed entry) and reading goes on; nothing is raised for a bad URL.
        client: an httpx client to use (it is not closed); by default one made by
            :func:`make_client` from ``$CAPEXWATCH_HTTP_TIMEOUT`` and ``$CAPEXWATCH_USER_AGENT``.
    """
    own = client is None
    if client is None:
        try:
            client = make_client()
        except ConfigError as error:
            problems.append(ReadProblem(url, str(error)))
            return
    try:
        download = _download(client, url, problems=problems)
        if download is None:
            return
        try:
            feed = _feed(download)
        except InputError as error:
            problems.append(ReadProblem(url, f"not a readable feed: {error.problem}"))
            return
        if feed is None:
            article = _page_article(download, date=date, problems=problems)
            if article is not None:
                yield article
            return
        if not feed.entries:
            problems.append(ReadProblem(url, f"the {feed.kind.upper()} feed has no entries"))
            return
        for number, entry in enumerate(feed.entries, 1):
            article = _entry_article(client, url, number, entry, date=date, problems=problems)
            if article is not None:
                yield article
    finally:
        if own:
            client.close()
