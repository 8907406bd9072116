"""Read documents into :class:`Article` objects: text, Markdown, HTML, folders, JSONL corpora.

Only reading and cleaning lives here (HTML through trafilatura; title, date and
publisher); no figures are parsed. Each problem with one input (binary, empty,
undecodable, too large, a broken JSONL line) is recorded as a :class:`ReadProblem`
naming the file and line, and reading goes on with the next document.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .models import Article
from .parse.dates import as_date, find_date

__all__ = ["MAX_BYTES", "ReadProblem", "article_from_html", "article_from_text", "iter_articles"]

MAX_BYTES = 20 * 1024 * 1024  # a news article is < 1 MB; larger files are not articles
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_HTML_PAGE = re.compile(r"\s*<(?:!doctype\s+html|html)\b", re.I)
JSONL_SUFFIXES = {".jsonl", ".ndjson"}


@dataclass(frozen=True)
class ReadProblem:
    """One input that could not be read, or was read with a warning."""

    source: str
    problem: str
    line: int | None = None
    fatal: bool = True  # False: the document was still read

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.problem}"


# -- text ------------------------------------------------------------------------------
_HEADER = re.compile(r"\A((?:(?:URL|TITLE|DATE|SOURCE|PUBLISHER): [^\n]*\n){2,})\n")
_PUBLISHERS = [
    # a wire's dateline or credit, or a site's own byline: not a name the story merely cites
    re.compile(r"\((Reuters|Bloomberg|AFP|AP|Xinhua)\)"),
    re.compile(r"©\s*(Reuters|Bloomberg|AFP)\b"),
    re.compile(r"^(Investing\.com)\s?-+", re.M),
    re.compile(r"\((GLOBE NEWSWIRE|PR Newswire|BUSINESS WIRE)\)"),
]


def _publisher(text: str, url: str | None) -> str | None:
    head = text[:1500]
    for pattern in _PUBLISHERS:
        match = pattern.search(head)
        if match:
            return match.group(1)
    if url:
        host = re.sub(r"^www\.", "", re.sub(r"^[a-z]+://", "", url).split("/")[0])
        return host or None
    return None


# Lines of a pasted page above its headline: navigation ("Home | Markets"), breadcrumbs ("Inicio > Empresas"),
# buttons and labels ("Skip to main content", "Subscribe", "Image description"), bylines and datelines.
_NOT_HEADLINE = re.compile(
    r"[|›»>•·]|\s{3}|^(?:by|por|von|par|di)\s(?-i:[A-Z])[\w.'’-]+(?:\s(?-i:[A-Z])[\w.'’-]+){0,3}(?:$|[,|·]|\sand\s)"
    r"|^(?:updated|published|posted|actualizado|skip|subscribe|sign\s(?:in|up)|log\s?in|menu|home|share|"
    r"advertisement|image|photo|foto|trending|highlights|tl;?dr|exhibit|table\sof\scontents|listen|read\smore|follow)\b"
    r"|^[-*•·–]|\b(?:min(?:ute)?s?\sread|20\d\d[-./]\d\d?[-./]\d\d?|\d\d?[-./]\d\d?[-./]20\d\d)\b|^\W*$"
    r"|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s\d\d?,\s20\d\d\b|\b\d\d?\s(?:January|February|March|April|May|June|July|August|September|October|November|December)\s20\d\d\b"
    # a menu written as words: "Markets Economics Technology AI Politics Opinion"
    r"|^(?-i:[A-Z][\w-]*)(?:\s(?:&\s)?(?-i:[A-Z][\w-]*))+$"
    # a site's own tagline or notice
    r"|\b(?:news,\s(?:data|analysis)|journalism|your\schoice|encyclopedia|search\sfor|decision\smakers|news\scorp|cookies?|newsletters?)\b", re.I)


_HAN = re.compile("[\u4e00-\u9fff]")  # a Chinese headline has no spaces between its words


def _title(text: str) -> str | None:
    """The headline of a pasted page: the first line above the story that reads as one (five words or
    more, not a menu, a label, a byline or a dateline); else the first line, if short.

    >>> _title("Daily Ledger\\nHome | Markets | Tech\\nSkip to main content\\nAlibaba lifts its AI budget again as cloud sales jump\\n\\nBy Ana Ruiz\\nAlibaba said on Tuesday ...")
    'Alibaba lifts its AI budget again as cloud sales jump'
    """
    first = None
    for line in text.splitlines()[:60]:
        line = line.strip()
        if not line:
            continue
        if len(line) > 200 or len(line.split()) > 28 or (line.endswith(".") and len(line.split()) >= 8):
            break  # a sentence: the story has begun
        if first is None:
            first = line
        if (len(line.split()) >= 5 or len(_HAN.findall(line)) >= 8) and not _NOT_HEADLINE.search(line):
            return line
    return first


# The second character of a UTF-8 sequence read as Windows-1252 or Latin-1 ("â€™", "Ã©", "Â "):
# where none is, there is no mojibake to mend and ftfy is not asked.
_MOJIBAKE_HINT = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
                            "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")


def unmangle(text: str) -> str:
    """``text`` with its mojibake mended by ftfy: text that went through the wrong encoding on its
    way from the page ("Baiduâ€™s" → "Baidu’s", "$130â€“150" → "$130–150"). Nothing else is changed.

    >>> unmangle("Baiduâ€™s AI cloud grew 33%; the range is $130â€“150 billion.")
    'Baidu’s AI cloud grew 33%; the range is $130–150 billion.'
    >>> unmangle("Café, naïve and 阿里巴巴 are left alone.")
    'Café, naïve and 阿里巴巴 are left alone.'
    """
    if not _MOJIBAKE_HINT.search(text):
        return text
    import ftfy

    return str(ftfy.fix_encoding(text))


def article_from_text(text: str, *, id: str, date: Any = None, title: str | None = None,
                      url: str | None = None, source: str | None = None) -> Article:
    """Return an Article for plain text, reading title, date and publisher from it.

    A leading block of ``URL:``/``TITLE:``/``DATE:`` lines is read as metadata.

    >>> a = article_from_text("Alibaba to invest\\n\\nPublished 24/02/2025, 03:52\\nBody.", id="a.txt")
    >>> a.title, a.date
    ('Alibaba to invest', datetime.date(2025, 2, 24))
    """
    text = unmangle(text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff"))
    header = _HEADER.match(text)
    if header:
        meta = dict(line.split(": ", 1) for line in header.group(1).splitlines())
        text = text[header.end():]
        url = url or (meta.get("URL") if meta.get("URL") not in (None, "unknown") else None)
        title = title or (meta.get("TITLE") if meta.get("TITLE") not in (None, "unknown") else None)
        date = date or meta.get("DATE")
    when = as_date(date) or find_date(text, url=url)
    return Article(
        id=id, text=text, title=title or _title(text), date=when, url=url,
        publisher=_publisher(text, url), source=source,
    )


# -- HTML ------------------------------------------------------------------------------
def article_from_html(html: str, *, id: str, date: Any = None, title: str | None = None,
                      url: str | None = None, source: str | None = None) -> Article | None:
    """Return an Article from an HTML page (main text, title, date via trafilatura), or None."""
    import trafilatura

    # No extensive date search: it dates a page without date metadata to January 1st of
    # any year its text mentions; find_date below reads dates written in the text.
    extracted = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                            include_tables=True, favor_precision=True,
                                            date_extraction_params={"extensive_search": False, "original_date": True})
    if extracted is None:
        return None
    data = extracted.as_dict() if hasattr(extracted, "as_dict") else dict(extracted)
    body = unmangle((data.get("text") or "").strip())
    if not body:
        return None
    page_title = title or data.get("title")
    text = f"{page_title}\n\n{body}" if page_title and not body.startswith(page_title) else body
    when = as_date(date) or as_date(data.get("date")) or find_date(text, url=url or data.get("url"))
    publisher = data.get("sitename") or _publisher(text, url or data.get("url"))
    return Article(id=id, text=text, title=page_title, date=when, url=url or data.get("url"),
                   publisher=publisher, source=source)


# -- files -----------------------------------------------------------------------------
def _decode(raw: bytes, source: str, problems: list[ReadProblem]) -> str | None:
    if not raw.strip():
        problems.append(ReadProblem(source, "empty file"))
        return None
    if raw.startswith(b"%PDF-"):
        problems.append(ReadProblem(source, "a PDF file, not an article text; save its text first"))
        return None
    if b"\x00" in raw[:8192]:
        problems.append(ReadProblem(source, "binary file (NUL bytes), not an article"))
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        text = raw.decode("utf-8", errors="replace")
        if _mostly_unreadable(text):
            problems.append(ReadProblem(source, "binary file (not text in any encoding), not an article"))
            return None
        problems.append(ReadProblem(
            source, f"invalid UTF-8 at byte {error.start}; undecodable bytes replaced", fatal=False))
        return text


def _mostly_unreadable(text: str) -> bool:
    """True when undecodable bytes and control characters make up over 30% of the text.

    Latin-1 or cp1252 text read as UTF-8 loses one character in twenty at most;
    binary data loses more than half.
    """
    sample = text[:65536]
    bad = sum(1 for c in sample if c == "\ufffd" or (c < " " and c not in "\t\n\r\f"))
    return bad > 0.3 * len(sample)


def _read_bytes(path: Path, problems: list[ReadProblem]) -> bytes | None:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            problems.append(ReadProblem(
                str(path), f"too large for an article ({size / 1e6:.1f} MB > {MAX_BYTES / 1e6:.0f} MB); skipped"))
            return None
        raw = path.read_bytes()
    except OSError as error:
        problems.append(ReadProblem(str(path), f"cannot read: {error.strerror or error}"))
        return None
    if path.suffix == ".gz":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError, zlib.error) as error:
            problems.append(ReadProblem(str(path), f"not a valid gzip file: {error}"))
            return None
        if len(raw) > MAX_BYTES:
            problems.append(ReadProblem(
                str(path), f"too large for an article ({len(raw) / 1e6:.1f} MB > {MAX_BYTES / 1e6:.0f} MB); skipped"))
            return None
    return raw


def _iter_jsonl(path: Path, *, date: Any, problems: list[ReadProblem]) -> Iterator[Article]:
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        handle = opener(path, "rb")
    except OSError as error:
        problems.append(ReadProblem(str(path), f"cannot read: {error}"))
        return
    number = documents = 0
    with handle:
        try:
            for number, raw in enumerate(handle, 1):
                if not raw.strip():
                    continue
                documents += 1
                article = _jsonl_article(path, number, raw, date=date, problems=problems)
                if article is not None:
                    yield article
        except (OSError, EOFError, zlib.error) as error:  # a corrupt or truncated .jsonl.gz
            problems.append(ReadProblem(str(path), f"cannot read past line {number}: {error}"))
            return
    if documents == 0:
        problems.append(ReadProblem(str(path), "empty file"))


def _jsonl_article(path: Path, number: int, raw: bytes, *, date: Any,
                   problems: list[ReadProblem]) -> Article | None:
    if len(raw) > MAX_BYTES:
        problems.append(ReadProblem(
            str(path), f"too large for an article ({len(raw) / 1e6:.1f} MB > {MAX_BYTES / 1e6:.0f} MB); skipped",
            line=number))
        return None
    try:
        record = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as error:
        problems.append(ReadProblem(str(path), f"not valid JSON: {error}", line=number))
        return None
    if not isinstance(record, dict):
        problems.append(ReadProblem(str(path), "a line must be a JSON object", line=number))
        return None
    text, html = record.get("text"), record.get("html")
    if not any(isinstance(value, str) and value.strip() for value in (text, html)):
        problems.append(ReadProblem(str(path), "a document needs a non-empty 'text' or 'html' string", line=number))
        return None
    ident = record.get("id")
    doc = str(ident) if ident is not None and ident != "" else f"{path.name}:{number}"
    when = date or record.get("date") or record.get("published")
    title, url, source = record.get("title"), record.get("url"), f"{path}:{number}"
    if isinstance(text, str) and text.strip() and not _HTML_PAGE.match(text[:200]):
        return article_from_text(text, id=doc, date=when, title=title, url=url, source=source)
    key = "html"
    if not (isinstance(html, str) and html.strip()):
        html, key = text, "text"  # a scraper's whole page under "text": read as the page it is
    article = article_from_html(str(html), id=doc, date=when, title=title, url=url, source=source)
    if article is None:
        problems.append(ReadProblem(str(path), f"no article text found in {key!r}", line=number))
    return article


def _iter_file(path: Path, *, date: Any, problems: list[ReadProblem]) -> Iterator[Article]:
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    kind = suffixes[-2] if suffixes and suffixes[-1] == ".gz" and len(suffixes) == 2 else (suffixes[-1] if suffixes else "")
    if kind in JSONL_SUFFIXES:
        yield from _iter_jsonl(path, date=date, problems=problems)
        return
    raw = _read_bytes(path, problems)
    if raw is None:
        return
    text = _decode(raw, str(path), problems)
    if text is None:
        return
    if kind in HTML_SUFFIXES or (kind not in TEXT_SUFFIXES and _HTML_PAGE.match(text[:200])):
        article = article_from_html(text, id=path.name, date=date, source=str(path))
        if article is None:
            problems.append(ReadProblem(str(path), "no article text found in this HTML page"))
            return
        yield article
    else:
        yield article_from_text(text, id=path.name, date=date, source=str(path))


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            suffix = path.suffix.lower() if path.suffix != ".gz" else Path(path.stem).suffix.lower()
            if not name.startswith(".") and suffix in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES:
                yield path


def iter_articles(paths: Iterable[str | os.PathLike[str]], *, date: Any = None,
                  problems: list[ReadProblem] | None = None) -> Iterator[Article]:
    """Yield the articles in files, folders (recursively) and JSONL corpora.

    ``date`` (a date or ``YYYY-MM-DD``) overrides every document's own date.
    Problems are appended to ``problems``; reading goes on with the next input.
    """
    problems = problems if problems is not None else []
    for item in paths:
        text = str(item)
        if re.match(r"https?://", text):
            from .fetch import iter_url_articles

            yield from iter_url_articles(text, date=date, problems=problems)
            continue
        path = Path(item)
        if path.is_dir():
            for child in _walk(path):
                yield from _iter_file(child, date=date, problems=problems)
        elif path.exists():
            yield from _iter_file(path, date=date, problems=problems)
        else:
            problems.append(ReadProblem(text, "no such file or folder"))

