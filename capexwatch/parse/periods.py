"""Periods written in text → normalised labels (FACT_SCHEMA.md): ``2025``, ``2025Q2``,
``FY2026Q1``, ``2025H1``, ``2025..2027``, ``TTM2025Q2``, ``YTD2025-12-22``, ``2025-02-24``.

Pure, no I/O. Relative periods ("next year", "the June quarter", "last quarter", "the
past 12 months", "so far this year", "over the next three years") are resolved against
the article's date; fiscal labels are kept where the text says fiscal.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass, replace
from typing import Final

from ..models import Record
from .dates import MONTH_NAMES_EN, MONTHS
from .prefilter import WORD_END, WORD_START, Guarded, fold, hinted, rx

__all__ = ["PeriodMention", "Reference", "defined_periods", "find_periods", "is_base", "last_quarter", "quarter_of", "year_before"]

_ORD = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
        "一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4,
        # German, Portuguese, Spanish, French ordinals and counts
        "ersten": 1, "zweiten": 2, "dritten": 3, "vierten": 4, "erste": 1, "zweite": 2, "dritte": 3, "vierte": 4, "schluss": 4, "primeiro": 1, "segundo": 2, "terceiro": 3, "quarto": 4,
        "primer": 1, "tercer": 3, "cuarto": 4, "premier": 1, "deuxième": 2, "troisième": 3, "quatrième": 4,
        "primo": 1, "secondo": 2, "terzo": 3,  # Italian (quarto as above)
        "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "dois": 2, "três": 3, "quatro": 4, "cinco": 5,
        "dos": 2, "tres": 3, "cuatro": 4, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5}
# Words of other languages for a period relative to the article's date: 上季 last quarter, 今年 this
# year, 明年 next year; "in diesem Jahr", "no ano passado", "el próximo año", "l'an dernier"
_RELATIVE_WORDS = {"上": "last", "去": "last", "本": "this", "今": "this", "當": "this", "当": "this", "下": "next", "明": "next",
            "diesem": "this", "laufenden": "this", "laufende": "this", "nächsten": "next", "nächste": "next", "kommende": "next", "vergangene": "last", "kommenden": "next", "vergangenen": "last", "letzten": "last",
            "vorjahr": "last", "passado": "last", "pasado": "last", "dernier": "last", "dernière": "last",
            "este": "this", "neste": "this", "cette": "this", "próximo": "next", "prochain": "next", "prochaine": "next",
            "prossimo": "next", "quest": "this", "scorso": "last"}
_MONTH_Q = {"march": 1, "mar": 1, "june": 2, "jun": 2, "september": 3, "sept": 3, "sep": 3, "december": 4, "dec": 4}


@dataclass(frozen=True)
class Reference:
    """What relative periods are resolved against: the article's date, or only its year."""

    date: dt.date | None = None
    year: int | None = None
    fiscal_year_end: int = 12
    fiscal_label_year: int | None = None  # the article speaks in fiscal quarters of this fiscal year
    quarter_years: tuple[tuple[int, int], ...] = ()  # (quarter, year) the article names explicitly, for a bare "Q4"
    defined: tuple[tuple[str, str], ...] = ()  # terms the text defines: ("Reporting Period", "2025H1"), see defined_periods

    @property
    def known_year(self) -> int | None:
        return self.date.year if self.date else self.year


class PeriodMention(Record):
    """A period written in text: offsets, label, and kind (quarter, half, year, range, ttm, ytd, day)."""

    __match_args__ = ("start", "end", "label", "kind", "base")
    __slots__ = __match_args__

    def __init__(self, start: int, end: int, label: str, kind: str, base: bool = False) -> None:
        self.start: Final = start
        self.end: Final = end
        self.label: Final = label
        self.kind: Final = kind
        self.base: Final = base  # a comparison base: "up 22% from 2023", "than a year earlier"


def quarter_of(date: dt.date) -> tuple[int, int]:
    """Return (year, quarter) of a date.

    >>> quarter_of(dt.date(2025, 8, 29))
    (2025, 3)
    """
    return date.year, (date.month - 1) // 3 + 1


def last_quarter(date: dt.date) -> tuple[int, int]:
    """Return (year, quarter) of the last calendar quarter completed before ``date``.

    >>> last_quarter(dt.date(2025, 2, 24)), last_quarter(dt.date(2025, 9, 1))
    ((2024, 4), (2025, 2))
    """
    year, quarter = quarter_of(date)
    return (year - 1, 4) if quarter == 1 else (year, quarter - 1)


def _fiscal_year(date: dt.date, end_month: int) -> int:
    return date.year if end_month == 12 or date.month <= end_month else date.year + 1


def _last_fiscal_quarter(date: dt.date, end_month: int) -> tuple[int, int]:
    """(fiscal year, fiscal quarter) of the last fiscal quarter completed before ``date``."""
    months_into = (date.month - end_month - 1) % 12  # months since the fiscal year began
    quarter = months_into // 3 + 1
    fy = _fiscal_year(date, end_month)
    return (fy - 1, 4) if quarter == 1 else (fy, quarter - 1)


def _half_year(half: int, date: dt.date, end_month: int) -> int:
    """The fiscal year of the latest half ``half`` completed by ``date``: a company whose year ends
    in March reports its own first half, April to September, by "first-half profit".

    >>> _half_year(1, dt.date(2025, 11, 12), 3), _half_year(2, dt.date(2025, 11, 12), 3)
    (2026, 2025)
    >>> _half_year(1, dt.date(2026, 2, 1), 6), _half_year(1, dt.date(2025, 9, 1), 6)
    (2026, 2025)
    """
    fy = _fiscal_year(date, end_month)
    months_into = (date.month - end_month - 1) % 12  # months since the fiscal year began
    return fy if half == 1 and months_into >= 6 else fy - 1


def _year_of_last(quarter: int, ref: Reference) -> int | None:
    """The year of the latest calendar quarter ``quarter`` completed by the article's date.

    When only the article's year is known, its year; but a fourth quarter completed within a
    year is the year before's (a year's own fourth quarter ends on its last day).

    >>> _year_of_last(4, Reference(year=2026)), _year_of_last(3, Reference(year=2026))
    (2025, 2026)
    """
    if ref.date is None:
        if ref.year is None:
            return None
        return ref.year - 1 if quarter == 4 else ref.year
    y, last = last_quarter(ref.date)
    return y if quarter <= last else y - 1


def _year_ahead(quarter: int, ref: Reference, text: str) -> int | None:
    """The year of calendar quarter ``quarter`` when a forecast names the quarter under way or the
    next one ("expects Q2 revenue to ..." in May; "the September quarter will be north of $30
    billion" in August), else None.

    >>> ref = Reference(date=dt.date(2025, 8, 2))
    >>> _year_ahead(3, ref, "capex will rise"), _year_ahead(4, ref, "it expects"), _year_ahead(2, ref, "it expects")
    (2025, 2025, None)
    >>> _year_ahead(3, ref, "capex rose") is None
    True
    """
    if ref.date is None or not _FORWARD.search(text):
        return None
    y_now, q_now = quarter_of(ref.date)
    if quarter == q_now:
        return y_now
    if quarter == q_now % 4 + 1:
        return y_now + (q_now == 4)
    return None


def _month_fiscal_quarter(month: int, ref: Reference, text: str) -> str | None:
    """The fiscal quarter that ends in ``month``, for a company whose year ends in a month of that
    cycle: the latest ended by the article's date, or the one under way or next where the text looks
    ahead ("guiding to $65 billion for the January quarter").

    >>> ref = Reference(dt.date(2025, 12, 13), fiscal_year_end=1)
    >>> _month_fiscal_quarter(10, ref, "reported"), _month_fiscal_quarter(1, ref, "it is guiding to")
    ('FY2026Q3', 'FY2026Q4')
    >>> _month_fiscal_quarter(10, Reference(dt.date(2025, 12, 13)), "reported") is None  # a December year has no October quarter
    True
    """
    end = ref.fiscal_year_end
    if ref.date is None or end == 12 or (month - end) % 3:
        return None
    year = ref.date.year if month < ref.date.month else ref.date.year - 1  # the last such month that is over
    if _FORWARD.search(text) and (month - ref.date.month) % 12 < 6:
        year = ref.date.year if month >= ref.date.month else ref.date.year + 1  # the quarter under way or the next
    quarter = (month - end - 1) % 12 // 3 + 1
    return f"FY{year + (month > end)}Q{quarter}"


def _fiscal_quarter(quarter: int, year_text: str | None, ref: Reference) -> str | None:
    """A fiscal quarter label: the year as written, else the article's fiscal year."""
    if year_text:
        return f"FY{_year(year_text)}Q{quarter}"
    if ref.fiscal_label_year is not None:
        return f"FY{ref.fiscal_label_year}Q{quarter}"
    if ref.date is None:
        return f"FY{ref.year}Q{quarter}" if ref.year else None
    fy, _ = _last_fiscal_quarter(ref.date, ref.fiscal_year_end)
    return f"FY{fy}Q{quarter}"


def _in_fiscal_terms(year: int, quarter: int, ref: Reference) -> str:
    """A calendar quarter named by its months ("the three months to September"), said in the
    company's fiscal labels when the article speaks in them (Microsoft's FY2026Q1)."""
    if ref.fiscal_label_year is None or ref.fiscal_year_end == 12:
        return f"{year}Q{quarter}"
    end_month = quarter * 3
    fy = year if end_month <= ref.fiscal_year_end else year + 1
    fq = ((end_month - ref.fiscal_year_end - 1) % 12) // 3 + 1
    return f"FY{fy}Q{fq}"


def _in_calendar_terms(year: int, quarter: int, _ref: Reference) -> str:
    return f"{year}Q{quarter}"


def _calendar_or_fiscal(year: int, quarter: int, ref: Reference) -> str:
    """A calendar quarter, unless it would end after the article's date while the company's
    fiscal year differs: then the text means the fiscal quarter ("first quarter of 2026" in
    SoftBank's results of August 2025). Where only the article's year is known, a quarter of a
    later year ends after it too (Microsoft's "Q1 2026" in an article of 2025).

    >>> march = Reference(dt.date(2025, 8, 7), fiscal_year_end=3)
    >>> _calendar_or_fiscal(2026, 1, march), _calendar_or_fiscal(2025, 1, march)
    ('FY2026Q1', '2025Q1')
    >>> _calendar_or_fiscal(2026, 1, Reference(year=2025, fiscal_year_end=6)), _calendar_or_fiscal(2026, 1, Reference(year=2025))
    ('FY2026Q1', '2026Q1')
    """
    if ref.fiscal_year_end != 12:
        if ref.date is not None and dt.date(year, quarter * 3, 1) > ref.date:
            return f"FY{year}Q{quarter}"
        if ref.date is None and ref.year is not None and year > ref.year:
            return f"FY{year}Q{quarter}"
    return f"{year}Q{quarter}"


def year_before(label: str) -> str | None:
    """The same period a year earlier ("$36M a year ago" beside this quarter's loss), or None
    for a label that has no year to move (YTD, ranges, days).

    >>> year_before("2025Q4"), year_before("FY2026Q1"), year_before("2025"), year_before("2025H1"), year_before("FY2025")
    ('2024Q4', 'FY2025Q1', '2024', '2024H1', 'FY2024')
    >>> year_before("TTM2025Q2"), year_before("2024..2026") is None, year_before("YTD2025") is None
    ('TTM2024Q2', True, True)
    """
    match = re.fullmatch(r"(FY|TTM)?(\d{4})((?:Q|H)\d)?", label)
    if match is None:
        return None
    return f"{match.group(1) or ''}{int(match.group(2)) - 1}{match.group(3) or ''}"


def quarter_before(label: str) -> str | None:
    """The quarter before a quarter ("39% in the previous quarter" beside this quarter's 40%), or None.

    >>> quarter_before("2025Q3"), quarter_before("FY2026Q1"), quarter_before("2025") is None
    ('2025Q2', 'FY2025Q4', True)
    """
    match = re.fullmatch(r"(FY)?(\d{4})Q([1-4])", label)
    if match is None:
        return None
    year, quarter = int(match.group(2)), int(match.group(3))
    year, quarter = (year - 1, 4) if quarter == 1 else (year, quarter - 1)
    return f"{match.group(1) or ''}{year}Q{quarter}"


def _year(text: str) -> int:
    """'2025' → 2025, '25' → 2025, "'25" → 2025."""
    digits = text.strip("'’ ")
    return int(digits) if len(digits) == 4 else 2000 + int(digits)


_Y = r"(?:20\d\d)"
# "February", "Feb. 24", "February 2025", "February last year": when a programme was announced
_MONTH_YEAR = (r"(?P<m>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)"
               r"\.?(?:\s\d{1,2}\b)?(?:,?\s(?P<y>" + _Y + r")|\s(?P<last>last\syear))?\b")
_YS = r"(?:20\d\d|'?’?\d\d)"
_QWORD = r"(?P<qw>first|second|third|fourth|1st|2nd|3rd|4th)"
# month names in full, in the languages the dates are read in ("julio", "juillet", "luglio", "Juli")
_MONTH_EN = r"(?:" + MONTH_NAMES_EN + r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?(?!\w))"
_MONTH_NAME = "(?:" + "|".join(sorted((re.escape(n) for n in MONTHS if len(n) >= 4 or n in ("may", "mai")), key=len, reverse=True)) + ")"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # Chinese: 2025年第三季 (Q3 2025), 第三季度 / 三季度, 上季 / 本季度 / 下一季, 上半年, 過去4個季度 (the past
    # four quarters), 今年以來 (so far this year), 今年 / 去年 / 明年, 2025財年 (fiscal 2025)
    ("q", re.compile(r"(?P<y5>20\d\d)\s?年(?:度)?\s?第?(?P<qw5>[一二三四1-4])\s?季(?:度)?")),
    ("q_words", re.compile(r"(?<![上下本今當当])第?(?P<qw>[一二三四])季(?:度)?")),
    ("rel_q", re.compile(r"(?P<w>上|本|今|當|当|下)一?(?:個|个)?季(?:度)?")),
    ("half", re.compile(r"(?:(?P<y3>20\d\d)\s?年)?(?P<hw>上|下)半年(?:度)?")),
    ("ttm", re.compile(r"(?:過去|过去|最近)(?:4|四|12|十二)\s?(?:個|个)?(?:季度|月)")),
    ("ytd", re.compile(r"今年(?:以來|以来|至今)|年初至今")),
    ("fy", re.compile(r"(?P<y>20\d\d)\s?(?:財|财)(?:政)?年(?:度)?")),
    ("rel_y", re.compile(r"(?P<w>今|去|明)年(?!\d)")),
    # German, Portuguese, Spanish, French: "im ersten Quartal", "no quarto trimestre", "in den nächsten vier
    # Jahren", "nos próximos três anos", "in diesem Jahr", "im Vorjahr", "no ano passado", "l'an dernier"
    # "su primer trimestre fiscal", "le premier trimestre de son exercice": a fiscal quarter in Spanish, Portuguese, French
    ("fq_words", re.compile(r"\b(?P<qw>primer|segundo|tercer|cuarto|primeiro|terceiro|quarto|premier|deuxième|troisième|quatrième|primo|secondo|terzo)\strimestre\s"
                            r"(?:fiscal|do\s(?:seu\s)?ano\sfiscal|del\s(?:año\sfiscal|ejercicio)|de\s(?:su\s)?(?:ejercicio|año)(?:\sfiscal)?|de\s(?:son\s|l['’])?exercice|(?:dell['’]\s?|del\s(?:suo\s)?)(?:esercizio|anno\sfiscale))(?:\s(?:fiscal\s)?(?P<y>20\d\d))?", re.I)),
    # "im zweiten Quartal seines Geschäftsjahres 2025/26": a German fiscal quarter, named by the year it ends in
    ("fq_words", re.compile(r"\b(?P<qw>erste|zweite|dritte|vierte)n?\sQuartal\s(?:seines|ihres|des)\s(?:laufenden\s)?Geschäftsjahr(?:es|s)?\s(?:20\d\d/)?(?P<y>(?:20)?\d\d)\b", re.I)),
    ("fy", re.compile(r"\bGeschäftsjahr(?:es|s)?\s(?:20\d\d/(?P<y9>\d\d)|(?P<y10>20\d\d))\b", re.I)),
    ("q_words", re.compile(r"(?<!laufende\s)(?<!laufenden\s)\b(?P<qw>erste|zweite|dritte|vierte|Schluss)n?\s?[Qq]uartal|\b(?P<qw2>primeiro|segundo|terceiro|quarto|primer|tercer|cuarto|premier|deuxième|troisième|quatrième|primo|secondo|terzo)\strimestre\b", re.I)),
    # "over the five years through 2030": the years that end with that one
    ("years_through", re.compile(r"\b(?:over|in|during|for|across)\s(?:the\s)?(?:next\s|coming\s)?(?P<n>\d|two|three|four|five|six|seven|eight|nine|ten)\s(?:fiscal\s)?years\s(?:through|to|until|till|ending(?:\sin)?|up\sto)\s(?:the\send\sof\s)?(?P<fy>fiscal\s(?:year\s)?|FY\s?)?(?P<y>20\d\d)\b", re.I)),
    ("next_years", re.compile(r"\b(?:in\sden\s(?:nächsten|kommenden)|nos\spróximos|en\slos\spróximos|(?:dans|au\scours\sdes)\s(?:les\s)?(?:prochaines|prochains))\s(?P<n>\d|zwei|drei|vier|fünf|dois|três|quatro|cinco|dos|tres|cuatro|deux|trois|quatre|cinq)\s(?:Jahren|anos|años|années|ans)\b", re.I)),
    ("rel_y", re.compile(r"\b(?:in|im)\s(?P<w>diesem|laufenden|nächsten|kommenden|vergangenen|letzten)\sJahr(?:es)?\b|\bim\s(?P<w2>Vorjahr)\b"
                         r"|\b(?:n?o|el)\s(?:ano|año)\s(?P<w3>passado|pasado)\b|\b(?P<w4>este|neste|próximo)\s(?:ano|año)\b|\bl['’](?:an|année)\s(?P<w5>dernier|dernière|prochain|prochaine)\b|\b(?P<w6>cette)\sannée\b|\b(?:il\s|l['’])(?P<w8>prossimo|scorso)\sanno\b|\banno\s(?P<w9>prossimo|scorso)\b|\b(?P<w10>quest)['’]anno\b|\b(?:für\s)?das\s(?P<w7>laufende|nächste|kommende|vergangene)\sJahr\b", re.I)),
    # "the three-year investment plan announced in February (last year)", "the three-year budget ... it
    # pledged in February 2025", "the 380 billion yuan it pledged in February to spend over three years",
    # "which in February pledged to spend 380 billion yuan over three years": the years from its announcement
    ("n_year_since", re.compile(r"\b(?P<n>two|three|four|five|[2-9]|10)-year\s(?:[\w-]+\s){0,5}?(?:plan|programme|program|budget|pledge|commitment|investment|initiative)s?"
                                r"(?:,?\s(?:(?:that\s)?(?:it\s)?(?:was\s|had\s)?)|\s[^.;]{0,60}?\s(?:it|the\scompany|they)\s(?:had\s)?)"
                                r"(?:announced|unveiled|launched|set\sout|laid\sout|made|pledged|committed|promised)\s(?:in\s|on\s)?" + _MONTH_YEAR, re.I)),
    ("n_year_since", re.compile(r"\b(?:pledged|committed|promised|announced|unveiled|earmarked|launched)\s(?:[^.;]{0,40}?\s)?in\s" + _MONTH_YEAR
                                + r"[^.;]{0,80}?\sover\s(?:the\s(?:next|following|coming)\s)?(?P<n>two|three|four|five|[2-9]|10)\syears\b", re.I)),
    ("n_year_since", re.compile(r"\bin\s" + _MONTH_YEAR + r",?\s(?:it\s|the\scompany\s)?(?:pledged|committed|promised|announced|unveiled|launched)\s"
                                r"[^.;]{0,80}?\sover\s(?:the\s(?:next|following|coming)\s)?(?P<n>two|three|four|five|[2-9]|10)\syears\b", re.I)),
    # TTM / past 12 months / past four quarters
    ("ttm_to", re.compile(r"\b(?:(?:the\s)?(?:past|last|trailing)\s)?(?:12|twelve)\smonths\s(?:to|ended|ending|through)\s(?:the\send\sof\s)?(?P<m>March|June|September|December|Mar|Jun|Sept?|Dec)\.?(?:\s\d{1,2})?(?:,?\s(?P<y>" + _Y + r"))?", re.I)),
    ("ttm", re.compile(r"\b(?:(?:the\s)?(?:past|last|trailing|previous|prior)\s(?:12|twelve)\s?months|(?:vergangenen|letzten)\s(?:12|zwölf)\sMonaten?|"
                       r"(?:los\s)?últimos\s(?:12|doce)\smeses|(?:nos\s)?últimos\s(?:12|doze)\smeses|(?:les\s)?(?:12|douze)\sderniers\smois|(?:past|last|trailing|previous|prior)\s(?:four|4)\squarters|trailing\s(?:four|4)[\s-]quarter|(?:four|4)[\s-]quarter\strailing|TTM|trailing[\s-](?:twelve|12)[\s-]months?|trailing\stwelve|LTM)\b", re.I)),
    # year to date
    ("ytd", re.compile(r"\b(?:year[- ]to[- ]date|so\sfar\sthis\syear|YTD|since\sthe\s(?:start|beginning)\sof\s(?:the|this)\syear|since\s(?:early\s|the\sstart\sof\s)?January(?!\s\d)|en\slo\sque\sva\sde(?:l)?\saño|desde\s(?:el\s)?(?:inicio|comienzo|principio)\sde(?:l)?\saño|seit\sJahres(?:beginn|anfang)|no\sacumulado\sdo\sano|desde\so\sinício\sdo\sano|depuis\sle\sdébut\sde\sl['’]année|depuis\s(?:le\s1(?:er)?\s)?janvier(?!\s\d)|(?:da|dall['’])\s?inizio\s(?:d['’]\s?)?(?:dell['’]\s?)?anno|seit\sAnfang\sdes\sJahres|im\sbisherigen\sJahresverlauf)\b", re.I)),
    # multi-year: over the next three years / 2025-2027 / 2025 to 2027
    ("next_years", re.compile(r"\b(?:over|in|during|within|for)\s(?:the\s)?(?:next|coming|following)\s(?P<n>\d|two|three|four|five|six|seven|eight|nine|ten)\s(?:fiscal\s)?years\b"
                              # "would invest $2.9 billion over two years" (not "the most in over two years", "over two years ago")
                              # "over four years from 2025", "over three years starting in 2025": from that year; "over three years (2025-2027)": the years it gives
                              r"|(?<!\bin\s)(?<!\bfor\s)(?<!\bthan\s)\b(?:over|across|spread\sover)\s(?:a\s)?(?P<n2>\d|two|three|four|five|six|seven|eight|nine|ten)[\s-]years?\b"
                              r"(?:\s(?:from|starting(?:\sin)?|beginning(?:\sin)?)\s(?P<y0>20\d\d)\b)?(?!\s(?:ago|earlier|before|later|old)\b|\s?\(?(?:from\s)?20\d\d|\s(?:of|from|starting|beginning|through|to|until)\b)", re.I)),
    ("year_range", re.compile(r"\b(?:between|entre|zwischen)\s(?P<y1>20\d\d)\s(?:and|y|et|und|e)\s(?P<y2>20\d\d)\b"
                              r"|\b(?:in|for|en|pour|para)\s(?P<y3>20\d\d)\s(?:and|y|et|e)\s(?P<y4>20\d\d)\b(?!\s?(?:%|percent|,\s))"
                              r"|\b(?:over|across|throughout|durante|sur)\s(?P<y5>20\d\d)\s(?:and|y|et|e)\s(?P<y6>20\d\d)\b(?!\s?(?:%|percent)|,\srespectively)", re.I)),  # "between 2026 and 2030", "en 2026 et 2027", "over 2025 and 2026, ..."
    ("fy_range", re.compile(r"(?:\b(?:between|over|across|spanning)\s)FY\s?(?P<y1>" + _YS + r")\s(?:and|to|through)\s(?P<fy2>FY\s?)?(?P<y2>" + _YS + r")\b"
                            r"|\bFY\s?(?P<y3>" + _YS + r")\s?(?:-|–|—|to|through)\s?(?P<fy4>FY\s?)?(?P<y4>" + _YS + r")\b(?!\s?%)", re.I)),
    # "spent from 2023 through the end of this year": from that year to the article's
    ("year_to_now", re.compile(r"\b(?P<y1>20\d\d)\s(?:to|through|until|and)\s(?:the\send\sof\s)?(?P<w>this|last)\syear\b", re.I)),
    ("year_range", re.compile(r"\b(?P<y1>20\d\d)\s?(?:-|–|—|to|through|until)\s?(?P<y2>20\d\d|\d\d)\b(?!\s?(?:%|percent))")),
    # "has returned 1,100% since late November 2022", "invested €300 million since 2023": from that year to now
    # (not "the fastest growth since 2022", a record's comparison)
    ("since_y", re.compile(r"\bsince\s(?:(?!(?:fiscal|financial|year|quarter|half)\b)[A-Za-z][\w'’-]*\s){0,8}?(?:(?:in|on)\s)?(?:(?:early|late|mid)[\s-]?)?(?:(?:the\s)?(?:end|start|beginning|middle)\sof\s)?(?:" + _MONTH_EN + r"\s)?(?P<y>20[0-4]\d)\b(?![%/-]|[.,]\d)", re.I)),
    # "would invest $20bn in Pennsylvania through 2035": from the year it was said to that year
    ("through_y", re.compile(r"\b(?:through|thru|until|till)\s(?:the\send\sof\s)?(?P<y>20[0-4]\d)\b(?![%/-]|[.,]\d)", re.I)),
    # fiscal quarters: FY2026Q1, FY26 Q3, Q2 FY2026, Q2 fiscal 2026, fiscal 2026 Q2, fiscal Q2 2026
    ("fq", re.compile(r"\bFY\s?(?P<y>" + _YS + r")\s?[-/]?\s?Q(?P<q>[1-4])\b|\bQ(?P<q2>[1-4])\s?(?:of\s)?(?:FY|fiscal\s(?:year\s)?)\s?(?P<y2>" + _YS + r")\b|\bfiscal\s(?:year\s)?(?P<y3>" + _Y + r")\s(?:Q(?P<q3>[1-4])|" + _QWORD.replace("qw", "qw3") + r"[- ]quarter)\b|\bfiscal\s(?:Q(?P<q4>[1-4])|" + _QWORD.replace("qw", "qw4") + r"[- ]quarter)(?:\s(?:of\s)?(?:fiscal\s)?(?:year\s)?(?P<y4>" + _Y + r"))?\b"
     r"|\bFQ(?P<q5>[1-4])(?:\s?(?:FY\s?|[-'’]\s?)(?P<y5>" + _YS + r"))?\b", re.I)),  # an analyst's "FQ2", "FQ2 FY26", "FQ1-27"
    # a quarter of a relative year: "the fourth quarter of last year"
    # "4Q FY26", "3QFY2026": a quarter number before a fiscal year
    # "2026 fiscal year first quarter": a machine translation's order
    ("fq_words", re.compile(r"\b(?P<y>" + _Y + r")\sfiscal\syear\s" + _QWORD + r"[- ]quarter\b", re.I)),
    # "the second quarter of its 2026 fiscal year"
    ("fq_words", re.compile(_QWORD + r"[- ]quarter\sof\s(?:the\s|its\s|their\s)?(?P<y>" + _Y + r")\s(?:fiscal|financial)\syear\b", re.I)),
    ("fq_n", re.compile(r"\b(?P<q>[1-4])Q\s?FY\s?(?P<y>" + _YS + r")\b", re.I)),
    # the first nine months / three quarters of a year: year to date at the end of September
    ("nine_months", re.compile(r"\bfirst\s(?:(?P<n>nine|9|seven|7|eight|8|ten|10|eleven|11)\smonths|three\squarters)(?:\sof\s(?:(?P<y>" + _Y + r")|the\syear|this\syear))?", re.I)),
    # "nine-month revenue of Dh 1.96 billion", "its nine-month profit"
    ("nine_months", re.compile(r"\b(?P<n>nine|9)-months?\b(?!\s(?:high|low|peak|trough|old|delay|wait|lag)s?\b)(?P<y>)", re.I)),
    # "revenue for January-October": the year to the end of that month
    ("nine_months", re.compile(r"\b(?:January|Jan\.?)\s?(?:[-–—]|\sto\s|\sthrough\s)\s?(?P<m>(?:April|May|July|August|October|November|Apr|Jul|Aug|Oct|Nov)\.?)(?:\s(?P<y>" + _Y + r"))?(?![\w-]|\s(?:quarter|period|half))", re.I)),
    ("q_rel_y", re.compile(_QWORD + r"[- ]quarter\sof\s(?P<w>last|this|next|the\sprevious|the\scurrent)\syear\b", re.I)),
    ("fq_words", re.compile(_QWORD + r"[- ]quarter\s(?:of\s)?(?:the\s)?(?:its\s|[A-Z][\w.&-]*(?:\s[A-Z][\w.&-]*)?['’]s\s)?(?:fiscal|FY)\s?(?:year\s)?(?P<y>" + _YS + r")?\b", re.I)),
    # calendar quarters: Q4 2025, 4Q25, 2025Q2, Q2'25, fourth quarter of 2024, second-quarter 2024
    ("q", re.compile(r"\bQ(?P<q>[1-4])\s?(?:of\s)?(?P<y>" + _Y + r"|'\d\d|’\d\d)\b|\b(?P<q2>[1-4])Q\s?(?P<y2>" + _YS + r")\b|\b(?P<y3>" + _Y + r")\s?Q(?P<q3>[1-4])\b|\b(?P<y5>" + _Y + r")\s" + _QWORD.replace("qw", "qw5") + r"[- ]quarter\b", re.I)),
    ("q_words", re.compile(_QWORD + r"[- ]quarter(?:\s(?:of\s|in\s)?(?P<y>" + _Y + r"))?\b", re.I)),
    ("q_bare", re.compile(r"(?<![\w-])Q(?P<q>[1-4])(?![\w-])|(?<![\w.-])(?P<q2>[1-4])Q(?![\w-])")),  # "Q3", a flash's "1Q"
    # a quarter named by its first and last months in a sentence's own words: "between July and
    # September", "from October to December", "entre julio y septiembre", "le trimestre juillet-septembre",
    # "tra luglio e settembre", "von Juli bis September" (checked to be three months that end a quarter)
    ("month_span", re.compile(r"\b(?:(?:between|entre|tra|fra|zwischen)\s(?P<m0>" + _MONTH_NAME + r")\s(?:and|y|et|e|und)\s"
                              r"|(?:from|de|desde|du|da|dal|von)\s(?P<m1>" + _MONTH_NAME + r")\s(?:to|through|thru|a|hasta|à|au|al|bis)\s"
                              r"|(?:trimestre|Quartal)\s(?:de\s|di\s)?(?P<m2>" + _MONTH_NAME + r")\s?[-–—/]\s?)"
                              r"(?P<m>" + _MONTH_NAME + r")\b(?:,?\s(?:de\s|del\s)?(?P<y>" + _Y + r")\b)?", re.I)),
    # the June quarter; quarter ended/ending June 30, 2025; June 2025 quarter/results
    ("span_q", re.compile(r"\b(?:January|April|July|October|Jan|Apr|Jul|Oct)\s?(?:[-–—/]|-to-|\sto\s|\sthrough\s)\s?(?P<m>March|June|September|December|Mar|Jun|Sept?|Dec)\s(?:(?P<y>" + _Y + r")\s)?(?:quarter|period|three[\s-]month\speriod)\b|\bfirst\sthree\smonths(?:\sof\s(?P<y2>" + _Y + r"))?", re.I)),
    # "the April-September half of fiscal 2025": the half of the fiscal year that starts in its first month
    ("span_h", re.compile(r"\b(?P<m1>January|April|July|October|Jan|Apr|Jul|Oct)\s?[-–—/]\s?(?:March|June|September|December|Mar|Jun|Sept?|Dec)\s"
                          r"(?:half|six[\s-]month\speriod)\s(?:of|in)\s(?:the\s)?(?P<fy>fiscal\s(?:year\s)?|FY\s?)?(?P<y>" + _Y + r")", re.I)),
    # "its October quarter", "the January quarter": a fiscal quarter that ends in that month (Nvidia's, Oracle's)
    ("month_fq", re.compile(r"\b(?P<m>January|February|April|May|July|August|October|November|Jan|Feb|Apr|Jul|Aug|Oct|Nov)[- ]quarter\b(?!\sof\s)", re.I)),
    ("month_q", re.compile(r"\b(?P<m>March|June|September|December|Sept?|Dec|Mar|Jun)(?:\s(?P<y>" + _Y + r"))?[- ]quarter(?:\sof\s(?P<y2>" + _Y + r"))?\b", re.I)),
    ("q_ended", re.compile(r"\b(?:quarter|three\smonths)\s(?:ended|ending|to)\s(?:the\send\sof\s)?(?:\d{1,2}\s)?(?P<m>March|June|September|December|Mar\.?|Jun\.?|Sept?\.?|Dec\.?)\s?(?:\d{1,2}(?!\d))?,?\s?(?P<y>" + _Y + r")?", re.I)),
    # a filing's "six months ended 30 June 2025" (a half), "nine months ended September 30, 2025" (the year to date)
    ("months_ended", re.compile(r"\b(?P<n>six|nine|6|9)\smonths\s(?:ended|ending|to)\s(?:(?P<d>\d{1,2})\s)?(?P<m>January|February|March|April|May|June|July|August|September|October|November|December)"
                                r"(?:\s(?P<d2>\d{1,2}))?(?:,?\s(?P<y>" + _Y + r"))?\b", re.I)),
    ("month_results", re.compile(r"\b(?P<m>March|June|September|December)\s(?P<y>" + _Y + r")\s(?:quarter|results|earnings|quarterly)", re.I)),
    # halves: H1 2025, 1H25, first half of 2025
    ("fhalf", re.compile(r"\b(?P<hw>first|second)\shalf\sof\s(?:the\s|its\s)?fiscal\s(?:year\s)?(?:(?:ending|ended|to|through)\s(?:in\s)?(?:\w+\s)?)?(?P<y>" + _Y + r")|\b(?:FY|fiscal\s)(?P<y2>" + _YS + r")\s?H(?P<h>[12])\b|\bH(?P<h2>[12])\s(?:FY|fiscal\s)(?P<y3>" + _YS + r")\b", re.I)),
    ("half", re.compile(r"\bH(?P<h>[12])\s?(?P<y>" + _YS + r")\b|\b(?P<h2>[12])H\s?(?P<y2>" + _YS + r")\b|\b(?P<hw>first|second)[\s-](?:half|six\smonths)(?:\s(?:of\s)?(?:the\s)?(?:(?:fiscal\s)?year\s)?(?P<y3>" + _Y + r"))?\b", re.I)),
    # relative quarters
    ("rel_q", re.compile(r"\b(?P<w>last|past|previous|prior|latest|most\srecent|recent|this|current|next|coming)\squarter\b", re.I)),
    ("half_now", re.compile(r"\b(?:over|in|for|during)\sthe\s(?:half|half[- ]year|six\smonths)\b(?![\s-](?:of|to|ended|ending|through)\b)", re.I)),
    # fiscal years: fiscal 2025, fiscal year 2025, FY2025, FY25, fiscal year ending in May 2026
    ("fy", re.compile(r"\b(?:FY\s?(?:[1-9]|1[0-2])/(?P<y5>" + _YS + r")|FY\s?(?P<y>" + _YS + r")[EA]?|fiscal\s(?:year\s)?(?P<y2>" + _Y + r"|['’]\d\d)|fiscal\syear\s(?:ending|ended|to)\s(?:in\s)?(?:\w+\s)?(?:\d{1,2},?\s)?(?P<y3>" + _Y + r"))\b", re.I)),
    # "the year to March 2025", "the financial year ended 31 March 2026": a year that ends in another month is a fiscal year
    ("fy", re.compile(r"\byear\s(?:ending|ended|to|through)\s(?:in\s)?(?:\d{1,2}\s)?(?:January|February|March|April|May|June|July|August|September|October|November)\s(?:\d{1,2},?\s)?(?P<y4>" + _Y + r")\b", re.I)),
    # "its fiscal year", "the financial year to June", "the year to the end of May" (a year that ends in another month)
    ("fy_now", re.compile(r"\b(?:(?:its|the|this)\s(?:current\s)?(?:fiscal|financial)\s|the\s(?=year\s(?:ending|ended|to|through)\s(?:the\send\sof\s)?(?:January|February|March|April|May|June|July|August|September|October|November)\b))"
                          r"year(?:\s(?P<how>ending|ended|to|through|that\sends|(?:that|which)\s(?:ended|closed))\s(?:the\send\sof\s)?(?:in\s)?(?P<m>January|February|March|April|May|June|July|August|September|October|November|December))?\b(?!,?\s(?:\d{1,2},?\s)?20\d\d)", re.I)),
    ("fy", re.compile(r"\b(?:the\s)?(?P<y6>20\d\d)\sfinancial\syear\b|\bfinancial\syear\s(?P<y7>20\d\d)\b|\bfinancial\syear\s(?:ending|ended|to|through)\s(?:in\s)?(?:\d{1,2}\s)?(?:\w+\s)(?:\d{1,2},?\s)?(?P<y8>20\d\d)\b", re.I)),  # a British "2030 financial year"
    ("full_year", re.compile(r"\b(?:for\sthe\s(?:full\s|whole\s|current\s)?year|full[- ]year|this\sfiscal\syear|annual(?=\s(?:(?!run)[\w-]+\s)?(?:capital|capex|spending|investment|budget|(?:revenues?|sales)(?![\s-]run))))\b(?:\s(?:of\s)?(?P<y>20\d\d)\b)?", re.I)),  # "for the full year 2025": that year
    # "sur l'ensemble de l'année", "para el conjunto del año", "per l'intero anno", "im Gesamtjahr": the full year
    ("full_year", re.compile(r"\b(?:(?:sur|pour)\s(?:l['’]ensemble\sde\s)?l['’]année(?:\sentière)?|(?:para|en|durante)\s(?:el\sconjunto\sdel|todo\sel)\saño"
                             r"|(?:per|nell['’])\s?l?['’]?intero\sanno|(?:im|für\sdas)\sGesamtjahr|(?:no|para\so)\sano\s(?:inteiro|todo))(?P<y>)(?![\w'’])", re.I)),
    # relative years
    ("rel_y", re.compile(r"\b(?P<w>this|next|last|previous|current|coming)\s(?:fiscal\s)?year\b", re.I)),
    # a bare year: in 2025, 2026 capex
    ("cy", re.compile(r"\bCY\s?(?P<y>" + _YS + r")[EA]?\b")),  # "CY25E": a calendar year, in a broker's table
    # a month's own figure, as Taiwanese makers report them: "October revenue", "sales for December", "December
    # alone", "revenue last month", "monthly revenue"; and the month a monthly figure is compared with ("from
    # NT$331bn in September"), kept only beside another month
    ("month", re.compile(r"\b(?P<m>" + _MONTH_EN + r")(?:\s(?P<y>" + _Y + r"))?(?:\s(?:consolidated|monthly|net|group|total))?\s(?:revenues?|sales|rev|turnover)\b"
                         r"|\b(?:revenues?|sales|turnover)\s(?:for|in|of)\s(?:the\smonth\sof\s)?(?P<m2>" + _MONTH_EN + r")(?:\s(?P<y2>" + _Y + r"))?\b(?![\s-](?:quarter|half|period)|\s\d)"
                         r"|\b(?P<m3>" + _MONTH_EN + r")\salone\b"
                         r"|\b(?:revenues?|sales)\s(?P<last>last\smonth)\b|\blast\smonth['’]s\s(?:revenues?|sales)\b|\bmonthly\s(?:consolidated\s)?(?:revenues?|sales)\b(?![\s-]run)", re.I)),
    ("year", re.compile(WORD_START + r"(?<![$.,/])(?P<y>20[0-4]\d)(?:[EFA](?!\w))?" + WORD_END + r"(?![%/-]|[.,]\d)")),  # "2025E capex": an estimate for 2025; "2025年"
    ("month_base", re.compile(r"(?:(?<=\bin\s)|(?<=\bfrom\s)|(?<=\bover\s)|(?<=\bversus\s)|(?<=\bvs\.\s)|(?<=\bvs\s)|(?<=\bthan\s))(?P<m>" + _MONTH_EN + r")\b(?![\s-](?:quarter|half|period)|\s\d)", re.I)),
]


def find_periods(text: str, ref: Reference) -> list[PeriodMention]:
    """Return the periods written in ``text``, resolved against ``ref``, in order.

    >>> ref = Reference(dt.date(2025, 9, 1))
    >>> [p.label for p in find_periods("In the June quarter, over the past 12 months", ref)]
    ['2025Q2', 'TTM2025Q2']
    >>> [p.label for p in find_periods("fiscal third-quarter 2026 and Q2 Fiscal 2026 and FY26", ref)]
    ['FY2026Q3', 'FY2026Q2', 'FY2026']
    >>> [p.label for p in find_periods("next year, up from 2025; over the next three years", ref)]
    ['2026', '2025', '2025..2027']
    >>> [p.label for p in find_periods("the December quarter, last quarter", Reference(dt.date(2025, 2, 24)))]
    ['2024Q4', '2024Q4']
    >>> [p.label for p in find_periods("so far this year; Q4 2025; 2025-2027", Reference(year=2025))]
    ['YTD2025', '2025Q4', '2025..2027']
    """
    found: list[PeriodMention] = []
    taken: list[tuple[int, int]] = []
    compared: list[int] = []
    if ref.defined:
        _defined_mentions(text, ref, found, taken)
    folded = fold(text)
    for kind, pattern, icase, gate, literals in _TRIGGERS:
        if literals is not None:  # Guarded.possible, inlined: this runs for every pattern and sentence
            hay = folded if icase else text
            if gate is not None and gate not in hay:
                continue
            for literal in literals:
                if literal in hay:
                    break
            else:
                continue
        for match in pattern.finditer(text):
            if any(match.start() < e and s < match.end() for s, e in taken):
                continue
            if kind == "year" and _FULL_DATE.search(text, max(0, match.start() - 24), match.start()):
                continue  # "which ends on March 31, 2026", "as of December 31, 2025": a day, not a year
            label = _label(kind, match, ref, text)
            if label is None:
                continue
            taken.append((match.start(), match.end()))
            before = text[max(0, match.start() - 40):match.start()]
            # "up 20% over 2024" compares; "over the past 12 months" is how long
            # "from 2026 through 2028" is how long, as "over the past 12 months" is ("rose 9% from 2024 to
            # 2025" compares two years)
            base = (kind == "since_y" and label.isdigit()) or is_base(text, match.start()) and not (kind in ("ttm", "ttm_to", "nine_months") and _OVER.search(before)) \
                and not (kind in ("year_range", "fy_range", "year_to_now") and _FROM.search(before) and _span_years(label) > 2)
            sort = ("ytd" if label.startswith("YTD") else "year" if ".." not in label else "range") if kind == "since_y" else "ytd" if kind == "months_ended" and label.startswith("YTD") else "half" if kind == "month_span" and "H" in label else _KIND.get(kind, kind)
            found.append(PeriodMention(match.start(), match.end(), label, sort, base))
            if kind == "month_base":
                compared.append(match.start())
    if compared and sum(p.kind == "month" for p in found) == len(compared):
        found = [p for p in found if p.start not in compared]  # "in September" beside no month's own figure: a date
    found.sort(key=lambda p: p.start)
    if len(found) > 1:
        found = _one_of_each_pair(found, text)
        if any(p.kind == "range" for p in found) and _SAID_IN.search(text):
            # "said in November 2025 it would invest $40bn ... through 2027": the year it was said opens the range
            said = {m.end() for m in _SAID_IN.finditer(text)}
            found = [p for p in found if not (p.kind == "year" and p.end in said and any(q.kind == "range" and q.start > p.end for q in found))]
    return found


# A term a filing defines for a period: 'for the six months ended 30 June 2025 (the "Reporting Period")'
_DEFINITION = rx(r"\((?:the\s|hereinafter\s)?[\"“'‘](?P<term>[A-Z][A-Za-z]*(?:\s[A-Za-z]+){0,3}?\s?(?:Period|Year|Quarter|Half))[\"”'’]\)")
# the period a year before it: "the same period of 2024", "the corresponding period last year"
_SAME_PERIOD = rx(r"\b(?:the\s)?(?:same|corresponding|comparable)\speriod\s(?:(?:of|in)\s(?P<y>20[0-4]\d)|(?:of\s)?last\syear|a\syear\s(?:ago|earlier))\b", re.I)


def defined_periods(text: str, ref: Reference) -> tuple[tuple[str, str], ...]:
    """The periods ``text`` names by a term of its own, with their labels: a filing's "Reporting Period".

    >>> ref = Reference(dt.date(2025, 8, 20))
    >>> defined_periods('results for the six months ended 30 June 2025 (the "Reporting Period"), with', ref)
    (('Reporting Period', '2025H1'),)
    >>> defined_periods('the Company (the "Company") and its subsidiaries', ref)
    ()
    """
    out: list[tuple[str, str]] = []
    for match in _DEFINITION.finditer(text):
        before = find_periods(text[max(0, match.start() - 160):match.start()], replace(ref, defined=()))
        if before and before[-1].kind in ("quarter", "half", "year", "ytd") and all(t != match.group("term") for t, _l in out):
            out.append((match.group("term"), before[-1].label))
    return tuple(out)


def _defined_mentions(text: str, ref: Reference, found: list[PeriodMention], taken: list[tuple[int, int]]) -> None:
    """Mentions of the terms ``ref.defined`` names ("for the Reporting Period"), and of the period a year
    before the first of them ("the same period of 2024")."""
    for term, label in ref.defined:
        for match in re.finditer(r"\b" + re.escape(term) + r"\b", text):
            found.append(PeriodMention(match.start(), match.end(), label, _label_kind(label), is_base(text, match.start())))
            taken.append((match.start(), match.end()))
    label = ref.defined[0][1]
    for match in _SAME_PERIOD.finditer(text):
        year_of = re.search(r"\d{4}", label)
        if year_of is None:
            continue
        if match.group("y"):
            shift = int(year_of.group(0)) - int(match.group("y"))
            earlier = label.replace(year_of.group(0), match.group("y"), 1) if shift > 0 else None
        else:
            earlier = label.replace(year_of.group(0), str(int(year_of.group(0)) - 1), 1)
        if earlier is not None:
            found.append(PeriodMention(match.start(), match.end(), earlier, _label_kind(earlier), True))
            taken.append((match.start(), match.end()))


def _label_kind(label: str) -> str:
    return ("ytd" if label.startswith("YTD") else "ttm" if label.startswith("TTM") else "quarter" if "Q" in label
            else "half" if "H" in label else "year")


def _one_of_each_pair(found: list[PeriodMention], text: str) -> list[PeriodMention]:
    """A quarter named twice, once in brackets ("the July-September quarter (Q2 FY26)", "Q3 2025
    (FY2026 Q2)"): the fiscal label stands for both, as the text said it in the company's terms."""
    drop: set[int] = set()
    for i, (a, b) in enumerate(itertools.pairwise(found)):
        if a.kind == b.kind == "quarter" and _BRACKETED.fullmatch(text, a.end, b.start) and a.label.startswith("FY") != b.label.startswith("FY"):
            drop.add(i + 1 if a.label.startswith("FY") else i)
    return [p for i, p in enumerate(found) if i not in drop] if drop else found


_BRACKETED = re.compile(r"\s?[(\[]\s?")


_FULL_DATE = rx(r"(?<!by\s)(?<!until\s)(?<!through\s)(?<!before\s)\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s\d{1,2},\s$")
# Each pattern is tried only on text holding one of the literal strings its matches need.
_GUARDED = [(kind, Guarded(pattern)) for kind, pattern in _PATTERNS]
_MONTHS_ENDED = next(pattern for kind, pattern in _PATTERNS if kind == "months_ended")
_TRIGGERS = [(kind, g.pattern, bool(g.flags & re.IGNORECASE), g.gate, g.literals) for kind, g in _GUARDED]
_BASE = hinted(re.compile(
    r"(?:(?:from|than|over|vs\.?|versus|compared\s(?:with|to)|since|against|double|triple|twice|half)\s(?:the\s)?"
    # "rispetto al trimestre aprile-giugno", "frente al mismo periodo de 2024", "par rapport au", "gegenüber dem"
    r"|(?:rispetto\s(?:a|al|allo|alla|ai|agli)|(?:frente|respecto)\s(?:a|al)|comparad[oa]\scon(?:\sel)?|par\srapport\s(?:à|au|aux)(?:\sla)?"
    r"|im\sVergleich\szu(?:m|r)?|gegenüber\s(?:dem|der)|em\srelação\sao?|em\scomparação\scom(?:\so)?)\s"
    r"|(?:from|(?<!more\s)(?<!less\s)(?<!fewer\s)than|vs\.?|versus|compared\s(?:with|to)|against)\s(?:the\s)?"
    r"(?:US|RMB|HK)?[$€¥£]?\s?\d[\d.,]*\s?(?:[bm]illion|trillion|bn|bln|mn|[BMT])?\s(?:in|for|during)\s(?:the\s)?)"  # "from $9.2 billion in"
    r"(?:same\s\w+\s(?:of|in|last)\s)?(?:its\s)?(?:\w+\s)?$", re.I))


def is_base(text: str, start: int) -> bool:
    """True when the period at ``start`` in ``text`` is a comparison base ("up 111% from $9.2 billion in Q3 2024").

    "Over" opening a sentence or clause is a span of time, not a base ("Over the first half, ...").

    >>> t = "Capex was $19.4 billion, up 111% from $9.2 billion in Q3 2024."
    >>> is_base(t, t.index("Q3")), is_base("Capex was $19.4 billion in Q3 2025.", 27)
    (True, False)
    >>> is_base("Over the first half of 2025, capex was RMB 9 billion.", 9)
    False
    """
    offset = max(0, start - 40)
    m = _BASE.search(text, offset, start)
    if m is None:
        return False
    return not (m.group(0)[:4].lower() == "over" and not text[:m.start()].rstrip().endswith(tuple("0123456789%)abcdefghijklmnopqrstuvwxyz")))
_FORWARD = Guarded(re.compile(r"\b(?:expects?|expected\sto|forecasts?|guid(?:e|es|ed|ance|ing)|outlook|projects?|anticipates?|sees|will"
                              r"|in\sAussicht|erwartet|rechnet\smit|prognostiziert|prevé|espera|prévoit|table\ssur|s['’]attend)\b", re.I))
_INTENT = re.compile(r"\b(?:intends?|plans?|aims?|targets?|budgets?)\b", re.I)
_OF_THE_YEAR = re.compile(r"\s(?:of\s)?(?:the\s|this\s)?(?:calendar\s)?year\b", re.I)  # "the first half of the year": the calendar's
_OVER = re.compile(r"\b(?:over|in|during|for)\s(?:the\s)?$", re.I)
_FROM = re.compile(r"\bfrom\s$", re.I)
# a sentence that opens on the month it tells of: "In January 2025, the three companies launched ..."
_OPENS_IN = re.compile(r"(?:In|Back\sin|As\searly\sas)\s(?:early\s|late\s|mid-)?(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s)?(?P<y>20[0-4]\d),")
# when a plan was made: "Google said in November 2025 it would invest ... through 2027"
_SAID_IN = re.compile(r"\b(?:said|announced|pledged|unveiled|committed|promised|outlined)(?:\s(?:plans|that))?\s(?:in|on)\s(?:early\s|late\s|mid-)?"
                      r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\.?\s(?:\d{1,2},?\s)?)?(?P<y>20[0-4]\d)\b")


def _span_years(label: str) -> int:
    """How many years a range label spans ("2026..2028": 3)."""
    first, _, last = label.partition("..")
    return int(last.removeprefix("FY")) - int(first.removeprefix("FY")) + 1 if last else 1
_KIND = {"month_base": "month", "fy_now": "year", "ttm_to": "ttm", "fhalf": "half", "half_now": "half", "span_q": "quarter", "month_span": "quarter", "span_h": "half", "year_to_now": "range", "q_rel_y": "quarter", "full_year": "year", "fq": "quarter", "fq_n": "quarter", "nine_months": "ytd", "months_ended": "half", "fq_words": "quarter", "month_fq": "quarter", "q": "quarter", "q_words": "quarter", "q_bare": "quarter",
         "month_q": "quarter", "q_ended": "quarter", "month_results": "quarter", "rel_q": "quarter",
         "fy": "year", "rel_y": "year", "year": "year", "cy": "year", "next_years": "range", "years_through": "range", "through_y": "range", "since_y": "range", "year_range": "range", "fy_range": "range", "n_year_since": "range"}


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december")


def _months_ended(m: re.Match[str], ref: Reference) -> str | None:
    """The period of "six months ended 30 June 2025" (a half) or "nine months ended September 30, 2025"
    (the year to that day), in the company's own year when it is not the calendar's.

    >>> ref = Reference(dt.date(2025, 11, 20))
    >>> [_months_ended(m, ref) for m in _MONTHS_ENDED.finditer("six months ended 30 June 2025; nine months ended September 30, 2025")]
    ['2025H1', 'YTD2025-09-30']
    >>> [_months_ended(m, Reference(dt.date(2025, 11, 12), fiscal_year_end=3)) for m in _MONTHS_ENDED.finditer("the six months ended September 30, 2025")]
    ['FY2026H1']
    """
    month = _MONTHS.index(m.group("m").lower()) + 1
    ys = m.group("y")
    year = int(ys) if ys else (ref.date.year - (month > ref.date.month) if ref.date is not None else None)
    if year is None:
        return None
    if m.group("n").lower() in ("nine", "9"):
        last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day
        return f"YTD{year}-{month:02d}-{last:02d}"  # the year to the day it names
    end = ref.fiscal_year_end
    if end == 12:
        return f"{year}H1" if month == 6 else f"{year}H2" if month == 12 else None
    if month == end:
        return f"FY{year}H2"
    if month == (end + 6 - 1) % 12 + 1:
        return f"FY{year + (month > end)}H1"
    return None


def _g(match: re.Match[str], *names: str) -> str | None:
    for name in names:
        value = match.groupdict().get(name)
        if value:
            return value
    return None


# a record a figure is compared with ("the fastest growth since 2022", "its worst day since 2020")
_RECORD = rx(r"\b(?:fastest|slowest|quickest|best|worst|biggest|largest|highest|lowest|steepest|sharpest|strongest|weakest|cheapest|"
             r"deepest|smallest|first|most|least|record)\b(?:[\s-][\w-]+){0,6}\s$", re.I)


def _label(kind: str, m: re.Match[str], ref: Reference, text: str) -> str | None:  # noqa: C901
    year = ref.known_year
    if kind == "ttm_to":
        quarter = _MONTH_Q[m.group("m").lower()]
        ys = m.group("y")
        y_ttm = int(ys) if ys else _year_of_last(quarter, ref)
        return f"TTM{y_ttm}Q{quarter}" if y_ttm else None
    if kind == "ttm":
        if ref.date is None:
            return None
        y, q = last_quarter(ref.date)
        return f"TTM{y}Q{q}"
    if kind == "ytd":
        if ref.date is not None:
            return f"YTD{ref.date.isoformat()}"
        return f"YTD{year}" if year else None
    if kind == "next_years":
        groups = m.groupdict()
        written = str(groups["n"] or groups.get("n2"))  # its own name: mypyc types a local by its first assignment
        count = int(written) if written.isdigit() else _ORD[written.lower()]
        # "said in April 2024 it would invest ... over two years", "In January 2025, they launched ...": from 2024, 2025
        said = _SAID_IN.search(text, 0, m.start()) or _OPENS_IN.match(text)
        opens = int(groups["y0"]) if groups.get("y0") else int(said.group("y")) if said else ref.date.year if ref.date else None
        return f"{opens}..{opens + count - 1}" if opens is not None and count > 1 else None
    if kind == "since_y":
        since = int(m.group("y"))
        if ref.date is None or since > ref.date.year or _RECORD.search(text, max(0, m.start() - 60), m.start()):
            return str(since)  # the year of the record it is compared with: a base
        if since == ref.date.year:
            return f"YTD{ref.date.isoformat()}"  # "since the start of 2026", written in 2026: the year so far
        return f"{since}..{ref.date.year}"
    if kind == "through_y":
        said = _SAID_IN.search(text, 0, m.start())
        opens = int(said.group("y")) if said else (ref.date.year if ref.date else ref.year)
        closes = int(m.group("y"))
        return f"{opens}..{closes}" if opens is not None and opens < closes else None
    if kind == "years_through":
        n = m.group("n")
        end = int(m.group("y"))
        fy = "FY" if m.group("fy") else ""  # "the three years through fiscal 2027": FY2025..FY2027
        return f"{fy}{end - (int(n) if n.isdigit() else _ORD[n.lower()]) + 1}..{fy}{end}"
    if kind == "n_year_since":
        n = m.group("n")
        count = int(n) if n.isdigit() else _ORD[n.lower()]
        ys = m.group("y")
        if ys:
            start = int(ys)
        elif year is None:
            return None
        elif m.group("last") or (ref.date is not None and MONTHS[m.group("m").lower()] > ref.date.month):
            start = year - 1
        else:
            start = year
        return f"{start}..{start + count - 1}"
    if kind == "fy_range":
        first, second = _g(m, "y1", "y3") or "", _g(m, "y2", "y4") or ""
        y1, y2 = _year(first), _year(second)
        if y2 == y1 + 1 and not _g(m, "fy2", "fy4") and len(first) == 4 and len(second) == 2:
            return f"FY{y2}"  # India's "FY2025-26": one fiscal year, April 2025 to March 2026
        return f"FY{y1}..FY{y2}" if y2 > y1 and y2 - y1 <= 10 else None
    if kind == "year_range":
        if _g(m, "y3", "y5"):  # "for 2025 and 2026": two years running, else two years apart in a list
            y3, y4 = int(_g(m, "y3", "y5") or 0), int(_g(m, "y4", "y6") or 0)
            return f"{y3}..{y4}" if y4 == y3 + 1 else None
        y1, y2 = int(m.group("y1")), _year(m.group("y2"))
        return f"{y1}..{y2}" if y2 > y1 and y2 - y1 <= 10 else None
    if kind == "fq":
        fq_digit = _g(m, "q", "q2", "q3", "q4", "q5")
        fq_word = _g(m, "qw3", "qw4") or "first"
        return _fiscal_quarter(int(fq_digit) if fq_digit else _ORD[fq_word.lower()], _g(m, "y", "y2", "y3", "y4", "y5"), ref)
    if kind == "fq_n":
        return _fiscal_quarter(int(m.group("q")), m.group("y"), ref)
    if kind == "nine_months":  # "the first nine months", "the first 10 months of the year": to the end of that month
        ys = m.group("y")
        y9 = int(ys) if ys else year
        n = m.groupdict().get("n")
        spelled = m.groupdict().get("m")
        months = MONTHS[spelled.lower().rstrip(".")] if spelled else 9 if n is None else int(n) if n.isdigit() else _ORD[n.lower()]
        if spelled and not ys and ref.date is not None:
            y9 = ref.date.year if months < ref.date.month else ref.date.year - 1  # the last such span that is over
        if not y9:
            return None
        if months == 9:
            return f"YTD{y9}"  # "the first three quarters of 2025": the year so far, as the news labels it
        return f"YTD{(dt.date(y9, months + 1, 1) - dt.timedelta(days=1)).isoformat()}"  # "the first 10 months": to that month's end
    if kind == "fq_words":
        return _fiscal_quarter(_ORD[m.group("qw").lower()], m.group("y"), ref)
    if kind == "q":
        q_digit = _g(m, "q", "q2", "q3")
        quarter = int(q_digit) if q_digit else _ORD[m.group("qw5").lower()]
        return _calendar_or_fiscal(_year(_g(m, "y", "y2", "y3", "y5") or ""), quarter, ref)
    if kind in ("q_words", "q_bare"):
        quarter = int(_g(m, "q", "q2") or "") if kind == "q_bare" else _ORD[(_g(m, "qw", "qw2") or "").lower()]
        ys = m.groupdict().get("y")
        if ys:
            return _calendar_or_fiscal(_year(ys), quarter, ref)
        if ref.fiscal_label_year is not None:
            return f"FY{ref.fiscal_label_year}Q{quarter}"
        named = dict(ref.quarter_years).get(quarter)
        if named is not None:  # the year the article names this quarter with, read as it was there
            return _calendar_or_fiscal(named, quarter, ref)
        ahead = _year_ahead(quarter, ref, text)
        if ahead is not None:
            return f"{ahead}Q{quarter}"
        y_bare = _year_of_last(quarter, ref)
        return f"{y_bare}Q{quarter}" if y_bare else None
    if kind == "month_span":
        opens = MONTHS[next(g for g in (m.group("m0"), m.group("m1"), m.group("m2")) if g).lower()]
        closes = MONTHS[m.group("m").lower()]
        if closes % 3 or closes - opens not in (2, 5) or (closes - opens == 5 and closes % 6):
            return None  # "between May and July": neither a quarter nor a half
        y_span = int(m.group("y")) if m.group("y") else _year_of_last(closes // 3, ref)
        if not y_span:
            return None
        return f"{y_span}Q{closes // 3}" if closes - opens == 2 else f"{y_span}H{closes // 6}"  # "from January to June": the first half
    if kind == "span_q":
        quarter = _MONTH_Q[m.group("m").lower()] if m.group("m") else 1
        ys = m.group("y") or m.group("y2")
        y_span = int(ys) if ys else _year_of_last(quarter, ref)
        return f"{y_span}Q{quarter}" if y_span else None
    if kind == "month_fq":
        return _month_fiscal_quarter(MONTHS[m.group("m").lower()[:3]], ref, text)
    if kind in ("month", "month_base"):
        if ref.date is None:
            return None
        groups = m.groupdict()
        name = groups.get("m") or groups.get("m2") or groups.get("m3")
        if name:
            month = MONTHS[name.lower().rstrip(".")]
            stated = groups.get("y") or groups.get("y2")
            year_m = int(stated) if stated else ref.date.year if month <= ref.date.month else ref.date.year - 1
        else:  # last month, monthly: the month before the article's
            year_m, month = (ref.date.year, ref.date.month - 1) if ref.date.month > 1 else (ref.date.year - 1, 12)
        return f"{year_m}-{month:02d}"
    if kind in ("month_q", "q_ended", "month_results"):
        quarter = _MONTH_Q[m.group("m").lower().rstrip(".")]
        ys = m.groupdict().get("y") or m.groupdict().get("y2")
        # "the September quarter" is the calendar's way of naming it, whatever the company's year;
        # "the three months ended Sept. 30" is said in fiscal labels when the article speaks in them
        in_terms = _in_fiscal_terms if kind != "month_q" else _in_calendar_terms
        if ys:
            return in_terms(int(ys), quarter, ref)
        if ref.date is not None:
            ahead = _year_ahead(quarter, ref, text) if kind == "month_q" else None
            return in_terms(ahead or _year_of_last(quarter, ref) or ref.date.year, quarter, ref)
        y_last = _year_of_last(quarter, ref)
        return f"{y_last}Q{quarter}" if y_last else None
    if kind == "months_ended":
        return _months_ended(m, ref)
    if kind == "year_to_now":
        now = year if m.group("w").lower() == "this" else (year - 1 if year is not None else None)
        return f"{m.group('y1')}..{now}" if now is not None and int(m.group("y1")) < now else None
    if kind == "span_h":
        opens = MONTHS[m.group("m1").lower()[:3]]
        if m.group("fy"):  # in the company's year: the half that opens with the month after its year ends
            return f"FY{m.group('y')}H{1 if opens == ref.fiscal_year_end % 12 + 1 else 2}"
        return f"{m.group('y')}H{1 if opens == 1 else 2}" if opens in (1, 7) else None
    if kind == "fhalf":
        h = _g(m, "h", "h2")
        half = int(h) if h else (1 if m.group("hw").lower() == "first" else 2)
        return f"FY{_year(_g(m, 'y', 'y2', 'y3') or '')}H{half}"
    if kind == "half":
        h = _g(m, "h", "h2")
        half = int(h) if h else (1 if m.group("hw").lower() in ("first", "上") else 2)
        ys = _g(m, "y", "y2", "y3")
        if ys:
            return f"{_year(ys)}H{half}"
        if (ref.fiscal_year_end != 12 and ref.date is not None and not _OF_THE_YEAR.match(text, m.end())
                and not _FORWARD.search(text) and not _INTENT.search(text)):
            return f"FY{_half_year(half, ref.date, ref.fiscal_year_end)}H{half}"  # a reported half, in the company's own year
        return f"{year}H{half}" if year else None
    if kind == "half_now":  # "sales rose 7.7% over the half": the latest half reported
        if ref.date is None:
            return None
        end_month = ref.fiscal_year_end
        y_first, y_second = _half_year(1, ref.date, end_month), _half_year(2, ref.date, end_month)
        year_h, half_n = (y_first, 1) if y_first > y_second else (y_second, 2)
        return f"{'FY' if end_month != 12 else ''}{year_h}H{half_n}"
    if kind == "rel_q":
        if ref.date is None:
            return None
        w = m.group("w").lower()
        w = _RELATIVE_WORDS.get(w, w)
        ahead = w in ("this", "current", "next", "coming")
        if ref.fiscal_year_end != 12 and (ref.fiscal_label_year is not None or ahead):
            # a company with its own fiscal year guides for "the current quarter" in its fiscal terms (Nvidia's FY2026Q4
            # in November); an article in those terms means its fiscal quarters by "last quarter" too
            f_end = ref.fiscal_year_end
            if ahead:
                ahead_y, ahead_q = _fiscal_year(ref.date, f_end), (ref.date.month - f_end - 1) % 12 // 3 + 1
                if w in ("next", "coming"):
                    ahead_y, ahead_q = (ahead_y + 1, 1) if ahead_q == 4 else (ahead_y, ahead_q + 1)
            else:
                ahead_y, ahead_q = _last_fiscal_quarter(ref.date, f_end)
            return f"FY{ahead_y}Q{ahead_q}"
        if w in ("this", "current"):
            y, q = quarter_of(ref.date)
        elif w in ("next", "coming"):
            y, q = quarter_of(ref.date)
            y, q = (y + 1, 1) if q == 4 else (y, q + 1)
        else:
            y, q = last_quarter(ref.date)
        return f"{y}Q{q}"
    if kind == "fy":
        ys = _g(m, "y", "y2", "y3", "y4", "y5", "y6", "y7", "y8", "y9", "y10")
        return f"FY{_year(ys)}" if ys else None
    if kind == "q_rel_y":
        if year is None:
            return None
        w = m.group("w").lower()
        offset = -1 if w in ("last", "the previous") else 1 if w == "next" else 0
        return f"{year + offset}Q{_ORD[m.group('qw').lower()]}"
    if kind == "full_year":
        if m.group("y"):
            return m.group("y")
        if ref.fiscal_label_year is not None and ref.fiscal_year_end != 12:
            return f"FY{ref.fiscal_label_year}"  # an article in fiscal quarters means the fiscal year
        if year and ref.date is not None and ref.date.month <= 3 and not _FORWARD.search(text):
            return str(year - 1)  # in February, "for the full year, revenue rose 15%" is the year just reported
        return str(year) if year else None
    if kind == "fy_now":
        if ref.date is None:
            return None
        if m.group("m"):  # "the financial year to June": the one that ended last June (or ends next, "ending")
            month = _MONTHS.index(m.group("m").lower()) + 1
            ended = ref.date.year if month < ref.date.month else ref.date.year - 1
            how = m.group("how").lower()
            ahead = how.startswith(("ending", "that ends")) or (not how.endswith(("ended", "closed")) and bool(_FORWARD.search(text) or _INTENT.search(text)))
            return f"FY{ended + 1 if ahead else ended}"  # "plans $50 billion in its fiscal year to May": the one under way
        return f"FY{_fiscal_year(ref.date, ref.fiscal_year_end)}"
    if kind == "rel_y":
        w = (_g(m, "w", "w2", "w3", "w4", "w5", "w6", "w7", "w8", "w9", "w10") or "").lower()
        w = _RELATIVE_WORDS.get(w, w)
        before = text[max(0, m.start() - 25):m.start()].lower()
        if w in ("last", "previous") and re.search(r"(same|year-ago|prior)\s(?:period|quarter)?\s*(?:of\s)?$|\bthan\s$", before):
            return None
        if year is None:
            return None
        offset = {"this": 0, "current": 0, "next": 1, "coming": 1, "last": -1, "previous": -1}[w]
        if ref.fiscal_year_end != 12 and ref.date is not None and "fiscal" in m.group(0).lower():
            # "last fiscal year" of a company whose year ends in March: the one before the year under way
            return f"FY{_fiscal_year(ref.date, ref.fiscal_year_end) + offset}"
        return str(year + offset)
    if kind == "year":
        return m.group("y")
    if kind == "cy":
        return str(_year(m.group("y")))
    return None
