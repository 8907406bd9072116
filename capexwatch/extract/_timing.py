"""When a figure happened: its period in the sentence, and whether it is a plan, a result or a day's move."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from .. import cues as C
from ..models import Figure
from ..normalize import period_range
from ..parse.dates import MONTHS
from ..parse.periods import PeriodMention, Reference
from ..parse.prefilter import Guarded, rx
from ..text import Sentence
from ._base import _DIGIT, _distance

# -- periods ---------------------------------------------------------------------------
_POSSESSIVE_GAP = re.compile(r"['’]s\s(?:[\w-]+\s){0,2}")
# "$36M a year ago", "$1.2bn in the year-ago quarter": the figure is of the period a year before
_YEAR_AGO = Guarded(re.compile(
    r"^\)?(?:,\s(?:or|and)\s[^,]{1,25},)?"  # "$15.7 billion, or $6.03 a share, a year earlier"
    r"(?:\s(?:it|[A-Z][\w.&]*(?:\s[A-Z][\w.&]*)?)\s(?:reported|posted|booked|recorded|spent|earned|made|had|generated))?"
    r"\s(?:(?:in\s|for\s|during\s)?(?:(?:a\s)?year\s(?:ago|earlier|before)|the\syear\s(?:before|earlier)|(?:the\s)?(?:year-ago|year-earlier|prior-year)\s(?:quarter|period|three\smonths|half|six\smonths)"
    r"(?!\sof\s)(?:\s(?:a\syear\s(?:ago|earlier)|last\syear|of\s(?:the\s)?(?:previous|prior|last)\syear))?)"
    # "the same quarter last year"; alone, "in the same quarter" is the quarter just named
    r"|(?:(?:in\s|for\s|during\s)?(?:the\s)?same\s(?:quarter|period|three\smonths|half|six\smonths)\s(?:a\syear\s(?:ago|earlier)|last\syear|of\s(?:the\s)?(?:previous|prior|last)\syear)"
    r"|(?:the\s)?same\s(?:quarter|period|three\smonths|half|six\smonths)(?!\sof\s)))\b", re.I))
# a sentence that opens a year back: "A year ago the figure was $20 billion", "In the year-ago quarter it was ..."
_YEAR_AGO_OPENING = rx(r"(?:A\syear\s(?:ago|earlier|before)|(?:In|For|During)\sthe\s(?:year-ago|year-earlier|prior-year)\s(?:quarter|period|half)"
                       r"|(?:In|For|During)\sthe\ssame\s(?:quarter|period|half)\s(?:a\syear\s(?:ago|earlier)|last\syear|of\s(?:the\s)?(?:previous|prior|last)\syear))\b", re.I)
_YEARS_AGO = rx(r"\)?,?\s(?:something\slike\s|about\s)?(?:in\s)?(?P<n>two|three|four|five|[2-5])\syears\s(?:ago|earlier|before)\b", re.I)
_PREVIOUS_YEAR = rx(r"(?:previous|prior|preceding)\s(?:fiscal\s)?year", re.I)
_OTHER_SIDE = Guarded(re.compile(r"\bfrom\b|\bto\s(?:an?\s|the\s)?(?:[$¥€£]|RMB|US\$|in\sexcess|over|more|about|roughly)|\bversus\b|\bvs\.?\s|\bcompared\b|\bagainst\b", re.I))

_PLAIN_PERIOD = rx(r"(?:FY|TTM)?\d{4}(?:Q[1-4]|H[12])?")

_BASE_THEN_FIGURE = rx(r"\b(?:from|compared\s(?:with|to)|versus|vs\.?|against)\s(?:(?:about|roughly|around|nearly|some|approximately|just|over|the|an?)\s)*"
                       r"(?:[a-z]+\sof\s)?"  # "compared with an inflow of RMB39,059 million"
                       r"(?:[$¥€£₩]|RMB\s?|CNY\s?|US\$|HK\$|USD\s?)?(?!(?:19|20)\d\d\b)\d", re.I)

_ESTIMATED_YEAR = rx(r"\d[EF]$")
_CHANGE_AFTER_LEVEL = rx(r"[\d%BMbnKkT)](?:\s(?:in|for|during)\s(?:the|this|that)\s(?:quarter|period|half|year))?,\s(?:which\sis\s|an?\s)?(?:up|down|rising|falling|increase\sof|rise\sof|jump\sof|drop\sof|decline\sof)\s"
                         r"(?:about\s|roughly\s|nearly\s|some\s|around\s|~)?$")
_PERIOD_OF_FIGURE = rx(r"(?:['’]s)?\s(?:(?:estimate|forecast|figure|total|level|number)\s)?(?:of|at|was|were|came\sto)\s(?:about\s|roughly\s|around\s|some\s|~)?(?:[$¥€£₩]|RMB\s?|CNY\s?|US\$|HK\$|USD\s?)?\d")
_PRONOUN_SUBJECT = rx(r"(?:It|They|The\scompany|The\sgroup)\s")
_SAME_QUARTER_OF = rx(r"\bsame\s(?:quarter|period|three\smonths)\s(?:of|in)\s$", re.I)

_CLAUSE_THEN = rx(r"[^,;]*[,;]\s(?:and|but|while|whereas)\s", re.I)  # the figure's clause ends before the period
# another figure with a clause of its own before a period: "the $91bn it spent last year"
_OWN_CLAUSE_FIGURE = rx(r"(?:[$¥€£₩]|RMB\s?|US\$)\d[\d.,]*\s?(?:bn|billion|trillion|million|[BMT])?\s(?:that\s|which\s)?"
                        r"(?:it|they|the\scompany|the\sgroup|[A-Z]\w+)\s(?:\w+\s)?(?:spent|invested|earned|made|posted|reported|booked|had)\s")
_NEXT_CLAUSE = rx(r"[,;]\s(?:and|but|while|whereas)\s(?:in\s|for\s)?(?:the\s)?", re.I)
_POINTS_BACK_TO = rx(r"\b(?:those|these|that|this|the\stwo|both)\s(?:figures?|numbers?|amounts?|sums?|ranges?|totals?|plans?)\b|\bmidpoints?\b", re.I)


def _period_for(sent: Sentence, fig: Figure, periods: list[PeriodMention], *, base: bool) -> PeriodMention | None:
    """The nearest period; a comparison base ("from 2024") only for a base figure ("up from $125 billion")."""
    best, best_d = None, 1e9
    for p in periods:
        if p.end <= fig.start and _POSSESSIVE_GAP.fullmatch(sent.text, p.end, fig.start):
            return p  # "from 2024's approximate $6 billion": the year the figure is of
        if p.base and not base:
            continue
        if (p.end <= fig.start and (semi := sent.text.rfind("; ", p.end, fig.start)) >= 0 and _DIGIT.search(sent.text, p.end, semi)
                and not _POINTS_BACK_TO.search(sent.text, semi, fig.start)):
            continue  # "2026 capex guide narrowed to $175-185B; Google Cloud revenue $24.6B": that clause's figure has the year
        if p.start >= fig.end and _PERIOD_OF_FIGURE.match(sent.text, p.end):
            continue  # "US$525bn, up 32% on our 2025E of US$399bn": the year of the figure after it
        if p.start >= fig.end and _in_others_aside(sent.text, fig.end, p):
            continue  # "~$200B (vs. ~$131B in 2025)", "$115B–$135B (2025 actual: $72.2B)": the bracketed figure's year
        d = _distance(sent.text, fig, p.start, p.end, right_factor=1.1)
        gap = sent.text[p.end:fig.start] if p.end <= fig.start else sent.text[fig.end:p.start]
        if _OTHER_SIDE.search(gap) or (p.end <= fig.start and rx(r"\s*to\s*").fullmatch(gap)):
            if p.start >= fig.end and _BASE_THEN_FIGURE.search(gap):
                continue  # "300 mln yuan in the quarter, up from 250 mln yuan in the April-June period": the other figure's
            d += 50  # "from the RMB 18 billion spent in 2025 to RMB 36 billion for 2026"
        elif _OWN_CLAUSE_FIGURE.search(gap if p.start >= fig.end else sent.text[max(0, p.start - 45):p.start]):
            # "guidance of $175bn-$185bn is almost double the $91bn it spent last year, and Meta's budget of
            # $115bn-$135bn": that figure's year, neither the one before it nor the one after
            continue
        elif p.start >= fig.end and ("，" in gap or "；" in gap or _NEXT_CLAUSE.fullmatch(gap)):
            # "上半年資本開支約120億元，明年將繼續投入": a Chinese clause's period comes before its figure;
            # "guide: ~$125B, and CY26 goes up from there": so does one that opens the next clause
            d += 50
        if d < best_d:
            best, best_d = p, d
    return best


def _in_others_aside(text: str, after: int, p: PeriodMention) -> bool:
    """True when period ``p`` is inside brackets opened after ``after`` that hold a figure of their own."""
    opened = text.rfind("(", after, p.start)
    if opened < 0 or ")" in text[opened:p.start]:
        return False
    closed = text.find(")", p.end)
    inside = text[opened + 1:p.start] + " " + text[p.end:closed if closed >= 0 else len(text)]
    return _DIGIT.search(inside) is not None


def _is_future(label: str, ref: Reference) -> bool:
    """True when the period begins after the article's date (or is a multi-year programme)."""
    if ".." in label:
        if ref.known_year is None:
            return True
        return int(label.split("..")[1].removeprefix("FY")) >= ref.known_year
    span = period_range(label, fiscal_year_end=ref.fiscal_year_end)
    if span is None:
        return False
    if ref.date is not None:
        return span.start > ref.date
    return ref.year is not None and span.start.year > ref.year


def _before(label: str, other: str) -> bool:
    """True when period `label` ends before period `other` begins ("2025" before "2026").

    >>> _before("2025", "2026"), _before("2025Q4", "2026"), _before("2026", "2026"), _before("2025", "unknown")
    (True, True, False, False)
    """
    a, b = period_range(label), period_range(other)
    return a is not None and b is not None and a.end < b.start


def _is_past(label: str, ref: Reference) -> bool:
    """True when the period ended before the article's date."""
    if label.startswith(("TTM", "YTD")):
        return True
    if ".." in label:
        return False
    span = period_range(label, fiscal_year_end=ref.fiscal_year_end)
    if span is None:
        return False
    if ref.date is not None:
        return span.end <= ref.date
    if ref.year is None:
        return False
    return span.end.year < ref.year or (span.end.year == ref.year and span.days < 300)


def _unfinished(period: str | None, ref: Reference, fiscal_end: int) -> bool:
    """True when ``period`` is a whole (fiscal) year that had not ended by the article's date
    (for an undated article: the year it speaks from, :func:`reference_year`)."""
    if period is None or (ref.date is None and ref.year is None):
        return False
    match = rx(r"(FY)?(\d{4})").fullmatch(period)
    if not match:
        return False
    year = int(match.group(2))
    if ref.date is None:
        return year == ref.year
    end_month = fiscal_end if match.group(1) else 12
    # with more than a quarter of it left; a December article's "this year" is nearly done
    return ref.date < dt.date(year, end_month, 1) - dt.timedelta(days=60)


_WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6,
             # German, Spanish, French, Portuguese and Italian working days
             "montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4,
             "lunes": 0, "martes": 1, "miércoles": 2, "jueves": 3, "viernes": 4,
             "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4,
             "segunda-feira": 0, "terça-feira": 1, "quarta-feira": 2, "quinta-feira": 3, "sexta-feira": 4,
             "lunedì": 0, "martedì": 1, "mercoledì": 2, "giovedì": 3, "venerdì": 4}
# a weekday, or a trading day as a markets brief shortens it ("-2.9% Thu"; not "sat" or "wed")
_WEEKDAY = Guarded(re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|(?-i:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri)"
                              r"|montag|dienstag|mittwoch|donnerstag|freitag|lunes|martes|miércoles|jueves|viernes|lundi|mardi|mercredi|jeudi|vendredi"
                              r"|segunda-feira|terça-feira|quarta-feira|quinta-feira|sexta-feira|lunedì|martedì|mercoledì|giovedì|venerdì)\b", re.I))

_AFTER_HOURS = Guarded(re.compile(r"\bafter[- ]hours|\bextended\s(?:trading|dealings?)|\blate\s(?:trading|dealings?)|\bafter\sthe\s(?:bell|close)|\bpost-market", re.I))
_EVENT_DAY = Guarded(re.compile(
    r"\b(?:said|reported|posted|announced|forecast|warned|raised|unveiled|released)\s(?:\w+\s){0,3}?on\s(?:monday|tuesday|wednesday|thursday|friday)\b"
    r"|\bon\s(?:monday|tuesday|wednesday|thursday|friday)\s(?:said|reported|posted|announced|forecast|warned|raised|unveiled|released)\b", re.I))


def _event_day(text: str) -> str:
    """The words that date the story's event in its first paragraphs ("the company said on Wednesday"), or ""."""
    match = _EVENT_DAY.search(text, 0, 1200)
    return match.group(0) if match else ""


_MONTH_DAY = Guarded(re.compile(r"\b[Oo]n\s(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s(\d{1,2})(?!\d)(?:,?\s(20\d\d)(?!\d))?\b"))


def _month_day(text: str, date: dt.date, at: int, pattern: Guarded = _MONTH_DAY) -> dt.date | None:
    """The day a move "on Jan. 29" happened (the one nearest the figure at ``at``): in the
    article's year, or the year before when that day is after the article's date.

    >>> _month_day("The shares fell 10% on Jan. 29.", dt.date(2026, 2, 12), 20), _month_day("on Dec. 30", dt.date(2026, 1, 5), 0)
    (datetime.date(2026, 1, 29), datetime.date(2025, 12, 30))
    >>> _month_day("On July 31, 2024, the stock rose 4%.", dt.date(2025, 8, 8), 30)
    datetime.date(2024, 7, 31)
    """
    matches = list(pattern.finditer(text))
    if not matches:
        return None
    match = min(matches, key=lambda m: abs(m.start() - at))
    try:
        day = dt.date(int(match.group(3) or date.year), MONTHS[match.group(1).lower()[:3]], int(match.group(2)))
    except ValueError:
        return None
    return day if day <= date or match.group(3) else day.replace(year=date.year - 1)


def _weekday_date(text: str, date: dt.date, at: int = 0) -> dt.date:
    """The day a move "on Thursday" happened: that weekday on or before the article's date (of
    several weekdays, the one nearest the figure at ``at``).

    >>> _weekday_date("rose 2.3% on Tuesday, but fell 0.6% in Wednesday trading", dt.date(2025, 11, 26), at=31)
    datetime.date(2025, 11, 26)
    >>> _weekday_date("closed 1.9% lower yesterday", dt.date(2025, 11, 26))
    datetime.date(2025, 11, 25)
    """
    matches = list(_WEEKDAY.finditer(text))
    if not matches:
        return date - dt.timedelta(days=1) if _YESTERDAY.search(text) else date  # "closed 1.96% lower yesterday"
    match = min(matches, key=lambda m: abs(m.start() - at))
    word = match.group(1).lower()
    back = (date.weekday() - _WEEKDAYS.get(word, _WEEKDAYS.get(word[:3], 0))) % 7
    return date - dt.timedelta(days=back)


# a move the day after the one just named: "the stock rose 5% the next day", "the day after Tuesday's results"
_NEXT_DAY = rx(r"\b(?:the\s(?:next|following)\s(?:day|session|trading\s(?:day|session))|a\sday\slater|the\sday\safter(?:\s\w+day\b)?)", re.I)
_A_MONTH_DAY = rx(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s(\d{1,2})(?!\d)(?:,?\s(20\d\d)(?!\d))?\b")


def _day_after(before: str, date: dt.date) -> dt.date | None:
    """The trading day after the last day named in ``before`` (a weekday or a month and day), or None.

    >>> _day_after("Alibaba reported results on Thursday. ", dt.date(2025, 11, 22))
    datetime.date(2025, 11, 21)
    >>> _day_after("Results came out on Friday, Nov. 14, and the stock fell 3% the next day", dt.date(2025, 11, 22))
    datetime.date(2025, 11, 17)
    >>> _day_after("Results are due soon. ", dt.date(2025, 11, 22)) is None
    True
    """
    weekdays = list(_WEEKDAY.finditer(before))
    month_days = list(_A_MONTH_DAY.finditer(before))
    day: dt.date | None = None
    if month_days and (not weekdays or month_days[-1].start() >= weekdays[-1].start() - 12):
        day = _month_day(before, date, len(before), _A_MONTH_DAY)  # the same groups: month, day, year
    elif weekdays:
        day = _weekday_date(before, date, weekdays[-1].start())
    if day is None:
        return None
    day += dt.timedelta(days=1)
    while day.weekday() >= 5:  # markets are shut at the weekend
        day += dt.timedelta(days=1)
    return day if day <= date else None


_YESTERDAY = rx(r"\b(?:yesterday|ayer|gestern|ontem)\b|昨(?:日|天|收|晚)", re.I)

# the day a year-to-date move is counted to: "as of Friday's close", "through Thursday"
_AS_OF_DAY = rx(r"\b(?:as\sof|through|until|at)\s(?:the\sclose\s(?:on|of)\s)?(?:Monday|Tuesday|Wednesday|Thursday|Friday)(?:['’]s\sclose)?\b")

_PROMISED_VERB = r"(?:promised|pledged|vowed|guided|budgeted|earmarked|planned|committed)"
_PROMISED_AFTER = rx(r"[\"”’']?\s(?:(?:of|in)\s(?:[\w-]+\s){1,3}?)?(?:that\s)?(?:it|they|the\scompany|[A-Z][\w.&-]+(?:\s[A-Z][\w.&-]+)?)\s(?:had\s|has\s|have\s)?" + _PROMISED_VERB + r"\b")
_PROMISED_BEFORE = rx(r"\b" + _PROMISED_VERB + r"\s(?:to\s(?:spend|invest)\s)?(?:about\s|roughly\s|around\s|some\s|nearly\s|at\sleast\s|up\sto\s|more\sthan\s|~)?[\"“]?(?:about\s|roughly\s)?$"
                      # "the company had said it would spend about $80bn ... in fiscal 2025": what it said it would spend
                      r"|\b(?:said|announced|told\s\w+)\s(?:that\s)?(?:it|they|the\scompany|[A-Z][\w.&-]+)\swould\s(?:spend|invest|pour|put|allocate|deploy)\s"
                      r"(?:about\s|roughly\s|around\s|some\s|nearly\s|at\sleast\s|up\sto\s|~)?$")


def _plan(text: str, fig: Figure, period: str | None, ref: Reference, fiscal_end: int = 12) -> bool:
    if fiscal_end != ref.fiscal_year_end:
        ref = replace(ref, fiscal_year_end=fiscal_end)  # "FY2026Q1" is Microsoft's, whoever the story is about
    window = text[max(0, fig.start - 90):fig.end + 70]
    cue: bool | None = None  # a plan word near the figure: looked for only when a rule needs it
    if rx(r"(?:taking|bringing|takes|brings)\s(?:its\s|the\s)?(?:\w+\s)?total", re.I).search(text[max(0, fig.start - 80):fig.start]):
        cue = C.PLAN.search(window) is not None
        if not cue:
            return False  # "taking the total over the past 12 months to 120 billion yuan"
    if _SPENT_AFTER.match(text, fig.end):
        return False  # "$7.3 billion was spent from 2023 through the end of this year"
    if period is not None and _is_future(period, ref) and not (_SINCE.search(window) and _up_to(period, ref) and not C.PLAN.search(window)):
        return True  # (not "600 billion yuan of investment since the project was launched in 2022": spent so far)
    if fig.high is not None and not (period is not None and _is_past(period, ref)):
        return True  # "its $91–93 billion range": what was spent is one number; a range is guidance
    if _unfinished(period, ref, fiscal_end):
        # a full year not yet over can only be a plan or a forecast, unless the text says it was spent
        if not C.PAST.search(text[max(0, fig.start - 30):fig.start]):
            return True
        if cue is None:
            cue = C.PLAN.search(window) is not None
        if cue:
            return True
    clause_start = max((m.end() for m in _AND_VERB.finditer(text, max(0, fig.start - 90), fig.start)), default=max(0, fig.start - 90))
    if _QUARTERLY.search(text[max(clause_start, fig.start - 40):fig.end + 15]):
        return False
    just_before = text[max(clause_start, fig.start - 30):fig.start]
    if C.PAST.search(just_before) and not C.PLAN.search(just_before) and _SPENT.search(just_before):
        return False  # "Amazon spent $34.2 billion in the quarter and expects to spend ...": the plan is the next clause's
    if period is not None and period.startswith("FY") and ref.date is not None and period[2:6].isdigit() \
            and int(period[2:6]) >= ref.date.year and _WILL_SPEND.search(text, max(0, fig.start - 60), fig.start):
        return True  # "NTT and KDDI expect capex of ... for fiscal 2025" (the year to March 2026, in Japan's naming): a plan
    if period is not None and _is_past(period, ref) and ".." not in period:
        # "A year ago, Meta guided to between $64 billion and $72 billion for 2025": a past range was guidance
        if fig.high is not None and rx(r"\bguid\w*|\bforecast\w*|\boutlook\b", re.I).search(text[max(0, fig.start - 40):fig.start]) is not None:
            return True
        # "the roughly $80B they promised for fiscal 2025", "pledged to spend $52 billion in 2025": what was promised, not spent
        return bool(_PROMISED_AFTER.match(text, fig.end) or _PROMISED_BEFORE.search(text, max(0, fig.start - 45), fig.start))
    if cue is None:
        cue = C.PLAN.search(window) is not None
    if cue:
        return True
    if _KEY_FIGURE.fullmatch(text, 0, fig.start):
        return False  # "• Capital expenditures: $22.14 billion" in a list of the results
    return period is None and not C.PAST.search(text[max(0, fig.start - 60):fig.start])


_SINCE = rx(r"\bsince\b", re.I)


def _up_to(label: str, ref: Reference) -> bool:
    """True for years that run from the past to the article's: "has returned 1,100% since 2022" (2022..2025)."""
    first, _, last = label.partition("..")
    return bool(last) and ref.date is not None and last == str(ref.date.year) and first.isdigit() and int(first) < ref.date.year


# "quarterly", "the quarter", in the languages the reader knows: a quarter's amount is not a year's plan
_QUARTERLY = rx(r"\bquarterly\b|\bper\squarter\b|\bthe\squarter\b|\b(?:el|le|il|o|das|im|nel|no)\s(?:Quartal|trimestre)\b|\btrimestral\b|\btrimestriel\w*|\btrimestrale\b", re.I)
# the verb of money already spent, just before the figure ("spent", "invirtió", "a investi", "investierte")
_SPENT = rx(r"\bspent|\binvested|\btotall?ed|\breached|\bcame\sin|\binvirti[oó]|\binvirtieron|\bgastó|\bdestinó|\binvesti\b|\bdépensé|\bdéboursé|\binvestito|\bspeso|\binvestierte|\binvestiu|\bgastou", re.I)
_SPENT_AFTER = rx(r"\s(?:was|were|has\sbeen|have\sbeen|had\sbeen)\s(?:already\s)?(?:spent|invested|deployed|paid\sout)\b")
_ONE_SITE = rx(r"\s(?:(?:to|and)\s(?:build|construct|develop|expand|set\sup)|on|for|into)\s(?:a|an|one|its\s(?:first|second|new)|the\s(?:first|second))\s"
               r"(?:new\s|single\s)?(?:[\w-]+\s){0,3}(?:data[- ]cent(?:er|re)|campus|plant|fab|facility|site|cluster)\b(?!s)")
_WILL_SPEND = rx(r"\b(?:will|expects?|plans?|intends?|aims?|budgets?|forecasts?|is\sset\sto|are\sset\sto)\b(?=[^,;]*$)(?![^,;]*\b(?:spent|was|were)\b)", re.I)
# a clause that opens with its own verb: "... in the quarter and expects to spend about $125 billion"
_AND_VERB = rx(r"(?:,\s|\s)(?:and|but|while|y|et|e|und|pero|mais|ma|aber)\s(?:it\s|the\scompany\s|has\s|il\s|elle\s)?"
               r"(?:expects|plans|sees|said|says|forecasts|guided|will|intends|aims|projects"
               r"|calcula|prevé|espera|estima|table|prévoit|anticipe|prevede|stima|erwartet|rechnet|prevê|espera)\b")

# "• Capital expenditures: $22.14 billion", a newsletter's "$MSFT FQ1'26 capex: 34.9B"
_KEY_FIGURE = rx(r"[\s•*·-]*(?=[^:]*\b(?:[Cc]apital|[Cc]apex|[Ss]pending|[Ee]xpenditures?)\b)(?:[A-Z]|\$[A-Z])[\w ,&'’()$-]{2,50}:\s?")
_GUIDANCE = Guarded(re.compile(r"\b(?:guid\w*|outlook|expects?|forecasts?|projects?|next|coming|will)\b", re.I))

_EXPLICIT_Q = Guarded(re.compile(r"\bQ([1-4])\s?(20\d\d)\b|\b(20\d\d)\s?Q([1-4])\b|\b(first|second|third|fourth)[- ]quarter\sof\s(20\d\d)\b", re.I))

# "this quarter" is the calendar's only in a forecast: in a results call it is the quarter reported
_THIS_QUARTER = rx(r"(?:this|current|the\scurrent)\squarter", re.I)
