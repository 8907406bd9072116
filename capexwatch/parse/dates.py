"""Dates of publication written in article text: str → datetime.date. Pure, no I/O.

Handles ISO dates, day-first numeric dates ("Published 24/02/2025"), English month
names ("Dec.06 2025", "December 6, 2025", "6 Dec 2025"), Spanish, Portuguese, French
and German dates ("viernes, 29 de agosto de 2025"), Chinese dates ("2025年8月29日"),
and wire datelines without a year ("Jan 23 (Reuters)") given a year hint.
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["MONTHS", "MONTH_NAMES_EN", "as_date", "dated_parts", "find_date", "parse_date", "url_date"]

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        "january jan janvier janv enero ene janeiro januar jän gennaio",
        "february feb febrero febr fevereiro fev février févr februar febbraio",
        "march mar marzo março marco mars märz mär",
        "april apr abril abr avril aprile",
        "may mayo maio mai maggio",
        "june jun junio junho juin juni giugno",
        "july jul julio julho juillet juil juli luglio",
        "august aug agosto ago août aout",
        "september sep sept septiembre setiembre setembro set septembre settembre",
        "october oct octubre outubro out octobre oktober okt ottobre",
        "november nov noviembre novembro novembre",
        "december dec diciembre dic dezembro dez décembre déc dezember dicembre",
    ],
    start=1,
):
    for _name in _names.split():
        MONTHS[_name] = _number

# the English months in full, for patterns that need only them ("October revenue", "up 11% from September")
MONTH_NAMES_EN = "January|February|March|April|May|June|July|August|September|October|November|December"

_MONTH = r"(?P<month>" + "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True)) + r")\.?"

_PATTERNS = [
    # 2025-02-24, 2025-02-24T03:52:00
    re.compile(r"(?<!\d)(?P<year>20\d\d)-(?P<mnum>\d\d)-(?P<day>\d\d)(?!\d)"),
    # 2025/08/29, 2025.08.29 (year first, as on Chinese and Japanese sites)
    re.compile(r"(?<![\d/.])(?P<year>20\d\d)[/.](?P<mnum>\d{1,2})[/.](?P<day>\d{1,2})(?![\d/.])"),
    # 2025年8月29日
    re.compile(r"(?P<year>20\d\d)\s*年\s*(?P<mnum>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日"),
    # 24/02/2025, 24.02.2025 (day first, as in most of the world)
    re.compile(r"(?<![\d/.])(?P<day>\d{1,2})[/.](?P<mnum>\d{1,2})[/.](?P<year>20\d\d)(?!\d)"),
    # viernes, 29 de agosto de 2025 / 29. August 2025 / 6 December 2025
    re.compile(r"(?<!\d)(?P<day>\d{1,2})(?:er|º)?\.?\s+(?:de\s+)?" + _MONTH + r",?\s+(?:de\s+)?(?P<year>20\d\d)(?!\d)", re.I),
    # December 6, 2025 / Dec.06 2025 / Feb 24th 2025
    re.compile(r"\b" + _MONTH + r"\s*(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>20\d\d)(?!\d)", re.I),
]
# A dateline without a year: "Jan 23 (Reuters)", "SHANGHAI, Nov 14 (Reuters) -"
_DATELINE = re.compile(r"\b" + _MONTH + r"\s*(?P<day>\d{1,2})\s*\((?:Reuters|Bloomberg|AP|AFP|Xinhua|Dow Jones)\)", re.I)


def _build(match: re.Match[str], year: int | None = None) -> dt.date | None:
    parts = match.groupdict()
    day = int(parts["day"])
    month: int | None
    if parts.get("mnum"):
        month = int(parts["mnum"])
        if match.start("day") < match.start("mnum") and month > 12 >= day:
            month, day = day, month  # 02/24/2025 cannot be day first: a US date, month first
    else:
        month = MONTHS.get(parts["month"].lower().rstrip("."))
    try:
        return dt.date(year or int(parts["year"]), month or 0, day)
    except ValueError:
        return None


# A date something happened on ("opens WWDC in Cupertino, on June 10, 2024", a photo caption;
# "reported revenue on May 13"): the article was written on that day or after it.
_EVENT = re.compile(r"\bon\s+(?:[A-Z][a-z]+day,?\s+)?$", re.I)
# The day a reporting period ends ("six months ended 30 June 2025", "as at 31 December 2024"): a
# filing is published weeks after it, so it is never the date of the text.
_PERIOD_END = re.compile(r"\b(?:ended|ending|as\s+(?:at|of)|year\s+to|quarter\s+to|months\s+to)\s+$", re.I)


def parse_date(text: str, *, year_hint: int | None = None, events: bool = True) -> dt.date | None:
    """Return the first date written in ``text``, or None.

    >>> parse_date("Published 24/02/2025, 03:52")
    datetime.date(2025, 2, 24)
    >>> parse_date("viernes, 29 de agosto de 2025, 7:41 am ET")
    datetime.date(2025, 8, 29)
    >>> parse_date("Dec.06 2025")
    datetime.date(2025, 12, 6)
    >>> parse_date("2025-08-21T10:00:00Z")
    datetime.date(2025, 8, 21)
    >>> parse_date("SHANGHAI, Jan 23 (Reuters) - ByteDance", year_hint=2025)
    datetime.date(2025, 1, 23)
    >>> parse_date("1er septembre 2025"), parse_date("2025/08/29"), parse_date("02/24/2025")
    (datetime.date(2025, 9, 1), datetime.date(2025, 8, 29), datetime.date(2025, 2, 24))
    >>> parse_date("no date here") is None
    True
    >>> parse_date("Cook opens WWDC on June 10, 2024.", events=False) is None
    True
    >>> parse_date("Results for the six months ended 30 June 2025. Hong Kong, 20 August 2025")
    datetime.date(2025, 8, 20)
    """
    found: list[tuple[int, dt.date]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if not events and _EVENT.search(text, max(0, match.start() - 32), match.start()):
                continue
            if _PERIOD_END.search(text, max(0, match.start() - 24), match.start()):
                continue
            date = _build(match)
            if date is not None:
                found.append((match.start(), date))
                break
    if year_hint is not None:
        dateline = _DATELINE.search(text)
        if dateline:
            date = _build(dateline, year_hint)
            if date is not None:
                found.append((dateline.start(), date))
    return min(found)[1] if found else None


_MARKER = re.compile(r"\b(?:published|updated|posted|date|generated|fecha|publicado|veröffentlicht)\b", re.I)
# "This page was last edited on 14 February 2026": an encyclopedia's date, in its footer
_EDITED = re.compile(r"\blast\s+(?:edited|modified|revised|updated)\b", re.I)
_YEAR = re.compile(r"(?<![\d$.,])(20[0-4]\d)(?![\d%])")
_FUTURE_YEAR = re.compile(r"\b(?:by|through|until|till|before)\s+(?:the\s+end\s+of\s+)?(20[0-4]\d)\b", re.I)


_URL_YMD = re.compile(r"/(?P<y>20\d\d)[/-](?P<m>0[1-9]|1[0-2])(?:[/-](?P<d>0[1-9]|[12]\d|3[01]))?(?:/|$|-)")
_URL_COMPACT = re.compile(r"/(?P<y>20\d\d)(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])(?:/|$|[-_.])")
_URL_SLUG_YMD = re.compile(r"-(?P<y>20\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?:/|$|\.)")
_URL_YM_SHORT = re.compile(r"/(?P<y>[12]\d)/(?P<m>0[1-9]|1[0-2])/")
_URL_SLUG = re.compile(r"[/-](?P<mon>" + "|".join(k for k in MONTHS if len(k) > 2 and k.isascii()) + r")-(?P<y>20\d\d)(?:[/-]|$)", re.I)


def url_date(url: str | None) -> dt.date | None:
    """Return the date a URL's path gives (/2023/05/, /2024/08/15/, /20240815/, -2024-08-15/, /25/08/, may-2026), or None.

    A month without a day is dated the first of that month.

    >>> url_date("https://x.com/news/2024/08/15/jd-results"), url_date("https://blog.com/2023/05/nvidia.html")
    (datetime.date(2024, 8, 15), datetime.date(2023, 5, 1))
    >>> url_date("https://b.com/markets/equities/25/08/4699/softbank"), url_date("https://t.ai/blog/tencent-q1-may-2026")
    (datetime.date(2025, 8, 1), datetime.date(2026, 5, 1))
    >>> url_date("https://www.reuters.com/technology/alibaba-invest-ai-2025-02-24/"), url_date("https://c.cn/a/20250829/1.html")
    (datetime.date(2025, 2, 24), datetime.date(2025, 8, 29))
    """
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url)
    for pattern in (_URL_YMD, _URL_COMPACT, _URL_SLUG_YMD):
        match = pattern.search(path)
        if match:
            try:
                return dt.date(int(match.group("y")), int(match.group("m")), int(match.group("d") or 1))
            except ValueError:  # /2025/02/31/ is no date
                return None
    match = _URL_YM_SHORT.search(path)
    if match:
        return dt.date(2000 + int(match.group("y")), int(match.group("m")), 1)
    match = _URL_SLUG.search(path)
    if match:
        return dt.date(int(match.group("y")), MONTHS[match.group("mon").lower()], 1)
    return None


def as_date(value: object) -> dt.date | None:
    """Return a date from a date, a datetime, an ISO string or a date written in text; else None.

    >>> as_date("2025-02-24T03:52:00Z"), as_date("24/02/2025"), as_date("unknown")
    (datetime.date(2025, 2, 24), datetime.date(2025, 2, 24), None)
    """
    if value is None or value == "" or value == "unknown":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return parse_date(str(value))


def find_date(text: str, *, head_chars: int = 600, url: str | None = None) -> dt.date | None:
    """Return the publication date of an article's text, or None.

    A date next to "Published"/"Updated" wins; then a date in the first lines; then a
    wire dateline without a year, dated with the latest year the text mentions. A date that
    something happened "on" (a photo caption, an earnings day) is not taken: the article
    may be from any day after it, and its year alone is a better reference (see
    :func:`reference_year`).

    >>> find_date("Title\\n\\nPublished 01/09/2025, 14:52\\n© Reuters.\\n\\nBody about 2024.")
    datetime.date(2025, 9, 1)
    >>> find_date("Nov 14 (Reuters) - Capex rose in 2025 and will rise by 2027.")
    datetime.date(2025, 11, 14)
    >>> find_date("Cook opens WWDC in Cupertino, on June 10, 2024.\\nApple reported its June quarter.") is None
    True
    >>> find_date("RESULTS FOR THE SIX MONTHS ENDED 30 JUNE 2025\\n" + "Revenue rose. " * 60 + "\\n30 June 2025  31 December 2024\\nHong Kong, 20 August 2025")
    datetime.date(2025, 8, 20)
    """
    for match in _MARKER.finditer(text[: head_chars * 4]):
        date = parse_date(text[match.start(): match.start() + 80])
        if date is not None:
            return date
    for match in _EDITED.finditer(text):
        date = parse_date(text[match.start(): match.start() + 80])
        if date is not None:
            return date
    head = text[:head_chars]
    date = parse_date(head, events=False)
    if date is not None:
        return date
    hint = latest_year(text)
    if hint is not None:
        date = parse_date(head, year_hint=hint, events=False)
        if date is not None:
            return date
    date = url_date(url)
    if date is not None:
        return date
    # A line of place and date ("Hong Kong, 20 August 2025"), as a filing or press release is signed.
    for line in _PLACE_DATE.finditer(text):
        date = parse_date(line.group(1))
        if date is not None:
            return date
    # A date anywhere else (a byline at the end, "Dec.06 2025").
    return parse_date(text, events=False)


_PLACE_DATE = re.compile(r"^[ \t]*[A-Z][A-Za-z.'-]+(?:[ \t][A-Z][A-Za-z.'-]+){0,2},[ \t]+"
                         r"((?:\d{1,2}\s+[A-Za-z]{3,9}\.?|[A-Za-z]{3,9}\.?\s+\d{1,2},?)\s+20\d\d)\.?[ \t]*$", re.M)


def reference_year(text: str) -> int | None:
    """Return the year an undated article most likely speaks from: its most mentioned
    past-or-present year (the latest of equals), or None.

    >>> reference_year("Revenue in Q3 2025 rose; 2025 capex; up from 2024; plans for 2026.")
    2025
    """
    counts = year_counts(text)
    if not counts:
        return None
    return max(counts, key=lambda y: (counts[y], y))


def year_counts(text: str) -> dict[int, int]:
    """How often ``text`` mentions each past-or-present year (targets such as "by 2030" left out).

    >>> year_counts("Capex in 2025 rose; 2025 again; up from 2024; the goal is 5 GW by 2030.")
    {2025: 2, 2024: 1}
    """
    future = {m.start(1) for m in _FUTURE_YEAR.finditer(text)}
    ceiling = dt.date.today().year
    counts: dict[int, int] = {}
    for m in _YEAR.finditer(text):
        y = int(m.group(1))
        if m.start(1) not in future and y <= ceiling:
            counts[y] = counts.get(y, 0) + 1
    return counts


def latest_year(text: str) -> int | None:
    """Return the latest year the text speaks of as past or present, or None.

    Years that only name a target ("by 2030", "through 2027") are left out.

    >>> latest_year("Capex was 150 billion yuan in 2025, since its 2014 listing, target by 2030.")
    2025
    """
    counts = year_counts(text)
    return max(counts) if counts else None


_ANY_MONTH = "(?:" + "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True)) + r")\.?"
# A line that is only a date, with perhaps a weekday, a time and a zone: "August 13, 2025 8:57 AM GMT",
# "Wednesday, 29 October 2025", "2025-10-30 20:03". The date the text below it was written.
_DATE_LINE = re.compile(
    r"^[ \t]*(?:(?:updated|published|posted)\s*:?\s*)?(?:[a-z]+day,?\s+)?"
    r"(?:" + _ANY_MONTH + r"\s*\d{1,2}(?:st|nd|rd|th)?,?\s+20\d\d|\d{1,2}\s+" + _ANY_MONTH + r",?\s+20\d\d|20\d\d-\d\d-\d\d)"
    r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[a-z]{2,4})?)?[ \t]*$", re.M | re.I)
_BLOCK_START = re.compile(r"\n[ \t]*\n")


def dated_parts(text: str) -> list[tuple[int, dt.date | None]]:
    """Split a page of dated items (a stream of wire briefs, a timeline, a digest) where each item
    has a line of its own that is only its date: ``(offset, date)`` for each part, the date None for
    what comes before the first. An item starts at its paragraph, so a headline just above the date
    line belongs to it. A page with fewer than two distinct dated items is one part.

    >>> page = ("Briefs\\n\\nBRIEF-Acme Q2 results\\nAugust 13, 2025 8:57 AM GMT\\nQ2 revenue rose.\\n\\n"
    ...         "BRIEF-Acme Q3 results\\nOctober 29, 2025 8:09 PM GMT\\nQ3 revenue rose.")
    >>> [(page[at:].split("\\n")[0], str(day)) for at, day in dated_parts(page)]
    [('Briefs', 'None'), ('BRIEF-Acme Q2 results', '2025-08-13'), ('BRIEF-Acme Q3 results', '2025-10-29')]
    >>> dated_parts("Published March 3, 2025\\nUpdated March 4, 2025\\n\\nThe story.")
    [(0, None)]
    """
    parts: list[tuple[int, dt.date | None]] = [(0, None)]
    for line in _DATE_LINE.finditer(text):
        date = parse_date(line.group(0))
        if date is None:
            continue
        blocks = [m.end() for m in _BLOCK_START.finditer(text, 0, line.start())]
        start = blocks[-1] if blocks else 0
        if start <= parts[-1][0] and parts[-1][1] is not None:
            continue  # a second date in the same paragraph ("Published …", "Updated …")
        if start == 0:
            parts = []
        parts.append((start, date))
    if len({date for _at, date in parts if date is not None}) < 2:
        return [(0, None)]
    return parts
