"""Article text → content lines and sentences, with boilerplate left out. Pure, no I/O.

Pages pasted as plain text carry risk disclosures, comment sections, newsletter
promos, reporter credits, cookie notices and author bios; none of it holds facts.
Offsets always point into the original text, so every quote keeps its span.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import Final

from .models import Record
from .parse.prefilter import Guarded

__all__ = ["ACRONYMS", "Sentence", "content_lines", "split_sentences", "unshout"]


class Sentence(Record):
    """A sentence: its offsets in the document and its text (stripped, verbatim)."""

    __match_args__ = ("start", "end", "text", "line")
    __slots__ = __match_args__

    def __init__(self, start: int, end: int, text: str, line: int) -> None:
        self.start: Final = start
        self.end: Final = end
        self.text: Final = text
        self.line: Final = line  # index of the content line it belongs to


# A line that is boilerplate wherever it stands.
_BOILER_LINE = re.compile(
    r"""^\W{0,3}(?:
        risk\ disclosure|fusion\ media|trading\ in\ financial\ instruments|before\ deciding\ to\ trade
      | it\ is\ prohibited\ to\ use|all\ rights\ reserved|©|\(c\)\ \d{4}|copyright\ \d{4}
      | stay\ updated\ with|download\ the\ .*\ app|get\ the\ app|for\ updates\ and\ corrections
      | reporting\ by\b|editing\ by\b|writing\ by\b|additional\ reporting
      | latest\ comments|comments?\s*$|comentarios|no\ comments\ yet|add\ a\ public\ comment|sin\ comentarios
      | aún\ no\ hay\ comentarios|be\ the\ first\ to\ comment|show\ comments|leave\ a\ (?:comment|reply)
      | daily\ stocks\ &|\w*\s?newsletter\s*$|subscribe\b|sign\ up\b|log\ ?in\b
      | we\ use\ cookies|accept\ all|privacy\ policy|terms\ of\ (?:use|service)
      | advertisement\s*$|sponsored\s*$|trending:?\s*$|read\ more\b|related\s*(?:articles|stories|news|posts)?:?\s*$
      | related:\ |see\ also:|more\ from\b|recommended\ for\ you|you\ may\ also\ like
      | ai\ writing\ agent\b|this\ (?:article|story|content)\ (?:was|is)\ (?:generated|written|produced|created)
      | disclaimer:|disclosure:|not\ investment\ advice|the\ views\ expressed
      | important\ disclosures?|analyst\ certification|analyst['’]s\ disclosure|ratings?\ distribution
      | (?:share|tweet|email|print)\s*(?:this)?\s*(?:article|story)?\s*$|follow\ us\b
      | \(\$1\ =\ [\d.,]+\ \w+\)\s*$|risk\ warning|\(reporting\ by|\(editing\ by
      | preloader\ icon|thread\ author|image\ (?:credit|source):|photo:\ |source:\ (?:getty|reuters\ photo)
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# The same, for lines whose tell-tale words may come after the start: tried only on lines holding them.
_BOILER_ANYWHERE = Guarded(re.compile(
    r"""^\W{0,3}(?:
        .{0,80}\bcontributed\ to\ this\ report
      | .{0,40}free\ to\ your\ inbox
      | .{0,60}\bcookies?\b.{0,80}(?:accept|consent|privacy|policy|settings|use)
    )""",
    re.IGNORECASE | re.VERBOSE,
))
# A line after which the rest of the page is boilerplate (when in the last part of it).
_SECTION_END = re.compile(
    r"^\W{0,3}(?:latest\ comments|comments|comentarios|references:?|sources:?|footnotes:?|related\ articles|"
    r"read\ more|more\ from|recommended|you\ may\ also\ like|risk\ disclosure|disclaimer|about\ the\ author|"
    r"important\ disclosures|disclosures|analyst\ certification|don['’]t\ miss\ (?:these|this|our)|in\ case\ you\ missed\ it|"
    r"editor['’]s\ picks?|what\ to\ read\ next|trending\ (?:now|stories|articles))\b"
    # a heading alone on its line: "Related:", "Most read", "Further reading"
    r"|^\W{0,3}(?:related(?:\ (?:articles|stories|news|posts|coverage|content|reading|links))?|most\ (?:read|popular)|"
    r"popular\ (?:now|stories)|top\ stories|more\ stories|latest\ news|further\ reading|also\ read|read\ next|"
    r"sponsored|promoted|partner\ content|paid\ post)\W{0,3}$",  # not "ADVERTISEMENT": a slot, skipped, with the story after it
    re.IGNORECASE | re.VERBOSE,
)
_PAID_BLOCK = re.compile(r"^\W{0,3}(?:sponsored|promoted|partner\ content|paid\ post|presented\ by\b|a\ message\ from\b)", re.IGNORECASE)
_RULE = re.compile(r"\s*(?:[━─—–=_*~·•-]\s?){3,}\s*$")  # a line drawn across: "━━━━", "* * *", "-----"
# An investing site's promotion, however long: "Before you buy stock in Microsoft, consider this: ..."
_PROMO_END = re.compile(r"^\W{0,3}before\ you\ (?:buy|invest\ in)\ (?:stock|shares)\ (?:in|of)\b", re.IGNORECASE)
_LINE = re.compile(r"[^\n]+")

_ABBREVIATIONS = {
    "u.s", "u.k", "inc", "corp", "co", "ltd", "plc", "mr", "mrs", "ms", "dr", "prof", "st", "vs", "e.g", "i.e",
    "no", "approx", "est", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "fig", "al", "gen", "gov", "sen", "rep", "jr", "sr", "u.s.a", "s.a", "n.v", "ag", "hk", "cf", "ca",
    # German, Spanish and French scales and short words: "35,6 Mrd. Dollar", "5 Mio. Euro", "bzw.", "aprox."
    "mrd", "mio", "bio", "tsd", "mill", "bzw", "z.b", "u.a", "d.h", "vgl", "rd", "ggü", "env", "aprox",
}
# Where one sentence ends and another begins. Every cut is found from the character before it:
# a full stop (the cut is just after it) or, for a bullet separator, a space (the cut is the
# space), so that re skips every other character in its own loop instead of trying the pattern
# at each position. The two kinds never start at the same place nor overlap; the separators are
# looked for only in lines holding a dash, bullet or bar (spaces are many, full stops few).
_SPLIT = re.compile(
    r"""
      [.!?。！？；]
    (?:
      (?<=[.!?])(?:\[\d+\])*["”’)]?\s+(?=[\["“‘(A-Z0-9$€£¥]|[a-z][A-Z])   # ". Next", "[3]. Next", '." Next', ". xAI", ". eBay'
    | (?<=[a-z\]\)%][.!?])(?=[A-Z][a-z])                    # "returns.Alibaba" (a missing space)
    | (?<=[。！？；])                                          # Chinese full stops
    )
    """,
    re.VERBOSE,
)
_SEPARATOR = Guarded(re.compile(r"\s+[-–—•|]\s+(?=[A-Z0-9$])"))  # " - " bullet separators within a line


def _split_matches(line: str) -> list[re.Match[str]]:
    """The places where ``line`` is cut into sentences, in order."""
    stops = list(_SPLIT.finditer(line))
    separators = list(_SEPARATOR.finditer(line))
    if not separators:
        return stops
    return sorted(stops + separators, key=lambda match: match.start())


_BULLET = re.compile(r"^\s*(?:[-–—•*▪●·]|\d{1,2}[.)])\s+")


def content_lines(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) offsets of the lines that are article content.

    >>> text = "Capex rose 5%.\\nRisk Disclosure: Trading involves risk.\\nComments\\nGreat article, up 9%!"
    >>> [text[s:e] for s, e in content_lines(text)]
    ['Capex rose 5%.']
    """
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text)]
    total = len(text)
    kept: list[tuple[int, int]] = []
    skip_to = -1
    for i, (start, end) in enumerate(lines):
        if i <= skip_to:
            continue
        line = text[start:end].strip()
        if not line:
            continue
        if _PAID_BLOCK.match(line) and len(line) < 60:
            # a newsletter's sponsored block between rules: the issue goes on after the next rule
            rules = [j for j in range(i + 1, min(i + 14, len(lines))) if _RULE.match(text, *lines[j])]
            if rules and all(not text[a:b].strip() for a, b in lines[i + 1:rules[0]]):
                rules = rules[1:]  # the rule under a boxed heading: the block ends at the one after it
            rule = rules[0] if rules else None
            if rule is not None:
                skip_to = rule
                continue
        if ((_SECTION_END.match(line) and len(line) < 60) or _PROMO_END.match(line)) and start > total * 0.3:
            break
        if _BOILER_LINE.match(line) or _BOILER_ANYWHERE.search(line):
            continue
        kept.append((start, end))
    return kept


_PIPE_ROW = re.compile(r"\s*[^|\n]{1,40}(?:\|[^|\n]{0,40}){2,}\|?\s*")


def _pipe_rows(text: str, lines: list[tuple[int, int]]) -> set[int]:
    """The lines that are rows of a table drawn with pipes but no outer ones: two or more lines
    in a row with the same number of short cells ("Meta    | $39.2bn | +53%")."""
    cells = [text.count("|", a, b) if _PIPE_ROW.fullmatch(text, a, b) else 0 for a, b in lines]
    return {i for i, n in enumerate(cells) if n and ((i > 0 and cells[i - 1] == n) or (i + 1 < len(cells) and cells[i + 1] == n))}


def split_sentences(text: str) -> list[Sentence]:
    """Return the sentences of the content lines of ``text``, with their offsets.

    >>> [s.text for s in split_sentences("Revenue rose 7.6% to 280.15 billion yuan. U.S. shares fell 9%.\\n- Capex hit $5B")]
    ['Revenue rose 7.6% to 280.15 billion yuan.', 'U.S. shares fell 9%.', 'Capex hit $5B']
    """
    sentences: list[Sentence] = []
    lines = content_lines(text)
    rows = _pipe_rows(text, lines) if "|" in text else set()
    for index, (start, end) in enumerate(lines):
        line = text[start:end]
        if line.lstrip().startswith("|") or index in rows:
            # A table row is one sentence ("| Meta | 19.4 |", "Meta    | $39.2bn | +53%"); a |---|---| rule is none.
            if re.search(r"[^\s|:\-]", line):
                lead = len(line) - len(line.lstrip())
                sentences.append(Sentence(start + lead, start + len(line.rstrip()), line.strip(), index))
            continue
        cut = 0
        pieces: list[tuple[int, int]] = []
        for match in _split_matches(line):
            at = match.start() if line[match.start()].isspace() else match.start() + 1  # where the cut is
            if at == 0:
                continue
            before = line[cut:at]
            word = before.rsplit(None, 1)[-1] if before and not before[-1].isspace() else None  # the word before the cut
            if word and word.rstrip(".").lstrip("([\"“‘'").lower() in _ABBREVIATIONS and line[at - 1:at] == ".":
                continue
            pieces.append((cut, at))
            cut = match.end()
        pieces.append((cut, len(line)))
        for a, b in pieces:
            piece = line[a:b]
            bullet = _BULLET.match(piece)
            if bullet:
                a += bullet.end()
            piece = line[a:b]
            lead = len(piece) - len(piece.lstrip())
            trail = len(piece.rstrip())
            if trail - lead <= 1:
                continue
            sentences.append(Sentence(start + a + lead, start + a + trail, piece[lead:trail], index))
    return sentences


# Two words in capitals in a row: a document without one has no shouted line to look for.
_CAPITALS_RUN = re.compile(r"[A-Z]{3,}[ ,:.*-]+[A-Z]{3,}")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’&]*")
# Abbreviations that stay in capitals when a shouted line is put in ordinary case.
ACRONYMS: Final = frozenset({
    "AI", "US", "UK", "EU", "HK", "USD", "RMB", "CNY", "HKD", "EUR", "JPY", "KRW", "GBP", "TWD", "INR", "CAD", "AUD",
    "EPS", "FY", "CY", "YTD", "TTM", "LTM", "YOY", "QOQ", "GPU", "GPUS", "CPU", "CEO", "CFO", "IPO", "ADR", "ADS",
    "RPO", "FCF", "EBITDA", "GAAP", "SEC", "NYSE", "NASDAQ", "HKEX", "ETF"})
_CALENDAR: Final = {w.lower(): w for w in (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")}


def unshout(text: str, proper: Mapping[str, str] = {}, keep: Collection[str] = ACRONYMS) -> str:
    """Return ``text`` with the lines written in capitals put in ordinary case, at the same length.

    Wire flashes and headlines shout ("*ORACLE SEES FY26 CAPEX OF ABOUT $55 BLN"); read in
    ordinary case, their words match the same cues as a story's. Each character keeps its place,
    so offsets into the result are offsets into ``text``. Words in ``keep`` stay in capitals,
    words in ``proper`` (lower case → as written) take their case from it, a line's first word is
    capitalised and every other word is lower case. Lines with fewer than twelve letters, or with
    lower-case letters in more than one word in ten, are left alone.

    >>> unshout("*ORACLE SEES FY26 CAPEX OF ABOUT $55 BLN, UP 10%\\nOracle said so.", {"oracle": "Oracle"})
    '*Oracle sees FY26 capex of about $55 bln, up 10%\\nOracle said so.'
    >>> unshout("AI CAPEX: MICROSOFT GUIDES HIGHER")
    'AI capex: microsoft guides higher'
    """
    if _CAPITALS_RUN.search(text) is None:
        return text
    out: list[str] = []
    for line in text.splitlines(keepends=True):
        words = _WORD.findall(line)
        lower = sum(1 for w in words if not w.isupper())
        if sum(len(w) for w in words) < 12 or lower * 10 > len(words):
            out.append(line)
            continue
        out.append(_recase(line, proper, keep))
    return "".join(out)


def _recase(line: str, proper: Mapping[str, str], keep: Collection[str]) -> str:
    """One shouted line in ordinary case (see :func:`unshout`)."""
    parts: list[str] = []
    at = 0
    for match in _WORD.finditer(line):
        word = match.group()
        parts.append(line[at:match.start()])
        at = match.end()
        if word in keep or line[match.end():match.end() + 1].isdigit() or line[match.start() - 1:match.start()].isdigit():
            parts.append(word)  # "FY26", "1Q", "$41.2B": letters joined to digits stay as they are
            continue
        cased = proper.get(word.lower()) or _CALENDAR.get(word.lower())
        if cased is not None and len(cased) == len(word):
            parts.append(cased)
        else:
            parts.append(word.capitalize() if len(parts) == 1 else word.lower())
    parts.append(line[at:])
    return "".join(parts)
