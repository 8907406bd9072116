"""Article → list[Fact]: every figure with its entity, metric, period, segment, basis and quote.

The reader is a pipeline of rules over sentences (``STEP`` names its version):

1. :mod:`capexwatch.text` leaves boilerplate out and splits sentences (offsets kept);
2. :mod:`capexwatch.parse.figures` finds the figures of a sentence;
3. :mod:`capexwatch.cues` says what each measures, from the nearest words that name a
   metric (weighted by distance and by the clause boundaries in between);
4. the entity is the nearest company or group (registry, tickers, "Chinese firms"),
   "respectively" lists are paired, and a sentence without one inherits the subject of
   the last sentence that had one (or the title's);
5. :mod:`capexwatch.parse.periods` resolves periods against the article's date and the
   company's fiscal calendar.

Pure: no I/O; the entity registry is passed in (the packaged one by default).

This module reads a whole document (its date, calendar, subject, corrections); the steps
for a sentence live beside it, each importing only the ones before it:

- ``_base``: the reader's version and distances within a sentence;
- ``_timing``: a figure's period, and whether it is a plan, a result or a day's move;
- ``_owners``: companies and groups in a sentence, the subject carried over;
- ``_figure``: one figure → one fact (metric, sign, basis, segment, entity, period);
- ``_lists`` and ``_tables``: "respectively" and parallel lists; table rows;
- ``_sentence``: one sentence → its facts.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import replace
from decimal import Decimal

from .. import cues as C
from ..entities import (
    EntityRegistry,
    Mention,
    default_registry,
    incorporated,
    introduced,
)
from ..models import Alt, Article, Fact
from ..normalize import period_range
from ..parse.dates import as_date, dated_parts, reference_year, year_counts
from ..parse.periods import (
    PeriodMention,
    Reference,
    defined_periods,
    find_periods,
    is_base,
    quarter_of,
)
from ..parse.prefilter import Guarded, rx
from ..tables import find_rows
from ..text import ACRONYMS, Sentence, split_sentences, unshout
from ._base import _DIGIT, STEP, _midpoint
from ._figure import _CLOUD, base_family
from ._owners import _first_mention, _State
from ._sentence import _facts_for_sentence
from ._timing import _EXPLICIT_Q, _GUIDANCE, _THIS_QUARTER, _is_future

__all__ = ["STEP", "extract_article", "extract_facts"]


# -- the document ----------------------------------------------------------------------
def _main_entity(text: str, sentences: list[Sentence], mentions: list[Mention], title: str | None,
                 registry: EntityRegistry) -> str | None:
    if title:
        found = registry.find(title)
        if found:
            return found[0].entity
    if sentences:
        first = sentences[0]
        in_first = [m for m in mentions if first.start <= m.start < first.end]
        if in_first:
            return in_first[0].entity
    counts = Counter(m.entity for m in mentions)
    return counts.most_common(1)[0][0] if counts else None


def extract_facts(text: str, *, date: dt.date | dt.datetime | str | None = None, title: str | None = None,
                  doc: str = "", registry: EntityRegistry | None = None, headline: str | None = None) -> list[Fact]:
    """Return the facts in an article's text.

    Args:
        date: the article's publication date; relative periods ("next year") need it.
        title: the headline, where it is not the first line of ``text``.
        doc: the document's name, copied into each fact.
        headline: a page's title from its metadata, read only for what the article is about
            ("The AI capex scoreboard"), not for whose figures they are.

    >>> [(f.entity, f.metric, f.value, f.unit, f.period) for f in extract_facts(
    ...     "Alibaba said it plans to invest 380 billion yuan ($52.4 billion) over the next three years.",
    ...     date="2025-02-24")]
    [('Alibaba', 'capex_plan', Decimal('380000000000'), 'CNY', '2025..2027')]
    """
    registry = registry or default_registry()
    when = as_date(date)
    parts = dated_parts(text) if "\n" in text else [(0, None)]
    if len(parts) > 1:  # a page of dated items: each read against its own date
        ends = [at for at, _day in parts[1:]] + [len(text)]
        return [replace(fact, start=fact.start + at, end=fact.end + at)
                for (at, day), end in zip(parts, ends, strict=True)
                for fact in extract_facts(text[at:end], date=day or when, title=title, doc=doc, registry=registry, headline=headline)]
    if own := introduced(text[:3000], registry):
        registry = registry.with_entries(own)  # a press release's own listed company, which the registry lacks
    if named := incorporated(text, registry):
        registry = registry.with_entries(named)  # "YTL Power International Bhd": a company named with its legal form
    written = text
    proper, capitals = registry.casing()
    text = unshout(text, proper, ACRONYMS | capitals)  # "*ORACLE SEES FY26 CAPEX OF ABOUT $55 BLN", read in ordinary case
    title = title and unshout(title, proper, ACRONYMS | capitals)
    sentences = split_sentences(text)
    by_name = registry.find(text)
    mentions = by_name
    if described := registry.described(text, by_name):  # "the iPhone maker", once Apple is named
        mentions = sorted([*(m for m in by_name if not any(d.start <= m.start < d.end for d in described)), *described],
                          key=lambda m: m.start)
    content = " ".join(s.text for s in sentences)
    main = _main_entity(text, sentences, by_name, title, registry)
    year = None
    if when is None:  # the year the article mostly reports, from sentences that do not look ahead
        reported = " ".join(s.text for s in sentences if not _GUIDANCE.search(s.text))
        year = reference_year(reported) or reference_year(content)
    ref = Reference(date=when, year=year,
                    fiscal_year_end=registry.fiscal_year_end(main or ""))
    ref = replace(ref, defined=defined_periods(text, ref))  # a filing's 'six months ended 30 June 2025 (the "Reporting Period")'
    head = (title or "") + " " + content[:600]
    ref = _with_document_periods(sentences, ref, registry)
    state = _State(registry=registry, ref=ref, text=text, main=main, mentions=mentions,
                   cloudy=len(_CLOUD.findall(head)) >= 1 or len(_CLOUD.findall(content)) >= 3)
    state.subject = main
    state.mention_starts = [m.start for m in mentions]
    counts = Counter(m.entity for m in by_name)  # how often each is named, not referred to
    in_title = bool(main and registry.find(title or (sentences[0].text if sentences else "")))
    state.dominant = bool(main and counts and (counts[main] >= 0.5 * sum(counts.values()) or in_title))
    state.translated = bool(_TRANSLATED.search(content[:5000]))
    state.yen = registry.region(main or "") == "japan" or bool(rx(r"\byen\b|Japan").search(content[:3000]))
    state.currency = _usual_currency(content)
    state.topic = _topic((title or "") + " " + (sentences[0].text if sentences else ""))
    state.page_topic = state.topic or (_topic(headline) if headline else None)
    state.rows = find_rows(text) if ("  " in text or "|" in text or "\t" in text) else {}
    state.last_period, state.focus_fye, state.focus_of = _focus_period(sentences, ref, state.periods, mentions, state.mention_starts, registry)
    facts: list[Fact] = []
    retracted: list[Fact] = []  # what a correction note says was wrong
    for index, sent in enumerate(sentences):
        state.index = index
        if state.head is not None and not _BULLET.match(sent.text):
            state.head = None  # the list under the head has ended
        found = [_outflow(f) for f in _facts_for_sentence(sent, state, doc) if not _petty(f)]
        if not found:
            state.head = _list_head(sent, state) or state.head
        if found and _RETRACTED.search(sent.text):
            retracted, found = found, []  # "An earlier version of this article said capex was $150 billion."
        elif found and retracted and _CORRECTED.match(sent.text):
            found = _corrected(found, retracted)  # "The correct figure is 150 billion yuan."
        if found:
            state.last_index = index
        elif state.subject_index == index - 1 and sent.text.rstrip().endswith(":") \
                and _first_mention(sent, mentions, state.mention_starts) is None:
            state.subject_index = index  # "Meta's numbers are out. Here are the key figures:" and the list below it
        facts.extend(found)
        if found:
            state.money_families.update(base_family(f.metric) for f in found if f.unit not in ("%", "x"))
    facts = _fill_periods(facts, text)
    if text is not written:  # a quote is the text as written, not as it was read
        facts = [_as_written(f, text, written) for f in facts]
    return facts


# an item of a list: a bullet or emoji before it, or a company's name and a colon ("Amazon: ~$200B")
_BULLET = rx(r"\s*(?:[^\w\s$€£¥(\"“'‘]|[A-Z][\w.&'’ -]{0,30}:\s)")


def _list_head(sent: Sentence, state: _State) -> tuple[str, str | None] | None:
    """The metric family and period a short line ending in a colon gives the list under it: "💰 Capex
    guidance for 2026:" makes "🔹 Amazon: ~$200B" 2026's capex guidance."""
    if not (sent.text.rstrip().endswith(":") and len(sent.text) <= 100):
        return None
    families = [c.family for c in C.find_cues(sent.text) if c.family not in ("ignored", "stock")] or \
        ([state.page_topic] if state.page_topic and _OUTLOOK.search(sent.text) else [])  # "Big Tech guidance for 2026:" in a story about capex
    if not families:
        return None
    periods = find_periods(sent.text, state.ref)
    return families[0], periods[0].label if len(periods) == 1 else None


def _topic(head: str) -> str | None:
    """The metric family a headline is about: capex if it names capex at all, else the first it names."""
    families = [c.family for c in C.find_cues(head) if c.family != "ignored"]
    return "capex" if "capex" in families else (families[0] if families else None)


_OUTLOOK = rx(r"\b(?:guidance|guides|outlook|forecasts?|plans|budgets)\b", re.I)


# A correction note: the figures it says were wrong are not facts, and the figures of the sentence after it
# that gives the right ones are about what the wrong ones were about.
_RETRACTED = rx(r"\b(?:an\s)?(?:earlier|previous|prior)\s(?:version|draft)\sof\sth(?:is|e)\s(?:article|story|report|post|piece|item)\b"
                r"[^.;]{0,40}?\b(?:said|stated|reported|misstated|misreported|gave|included|incorrectly|wrongly|erroneously)\b", re.I)
_CORRECTED = rx(r"\s*(?:The|It)\s(?:correct(?:ed)?|right|actual)\s(?:figures?|amounts?|numbers?|sums?)\s(?:is|are|was|were)\b"
                r"|\s*(?:It|That|This)\s(?:should\shave\s(?:said|read)|was\sactually)\b", re.I)


def _corrected(found: list[Fact], retracted: list[Fact]) -> list[Fact]:
    """The facts of a correction's right figures, each about what the wrong figure of its kind was
    about: its entity, metric, period, segment and basis (money for money, a percentage for one)."""
    out = []
    for fact in found:
        money = fact.unit not in ("%", "x")
        wrong = next((r for r in retracted if (r.unit not in ("%", "x")) == money and (money or r.unit == fact.unit)), None)
        out.append(fact if wrong is None else replace(fact, entity=wrong.entity, metric=wrong.metric, period=wrong.period,
                                                      segment=wrong.segment, basis=wrong.basis))
    return out


# Marks of each currency, counted (str.count is a fraction of a regex's cost on a whole article).
_CURRENCY_MARKS = {"USD": ("$", "dollar", "USD"), "CNY": ("RMB", "yuan", "CNY", "元"), "KRW": (" won", "KRW", "₩"),
                   "JPY": ("yen", "JPY"), "EUR": ("€", "euro", "EUR")}


def _usual_currency(content: str) -> str | None:
    """The currency most of a document's amounts are in, when one clearly leads: that of an amount said
    in words without one ("thirty-nine and a half billion of capex" in a transcript about dollars).

    >>> _usual_currency("Capex was $39.5 billion. Revenue was $213 billion, and it spent two hundred billion dollars.")
    'USD'
    >>> _usual_currency("Revenue was RMB 247 billion, or $34 billion.") is None
    True
    """
    counts = Counter({code: sum(content.count(mark) for mark in marks) for code, marks in _CURRENCY_MARKS.items()})
    ranked = [(code, n) for code, n in counts.most_common(2) if n]
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
        return None
    return ranked[0][0]


def _as_written(fact: Fact, read: str, written: str) -> Fact:
    """The fact with its quote and figure as ``written``, where they were read from a recased copy."""
    quote = written[fact.start:fact.end]
    if quote == fact.quote:
        return fact
    at = read.find(fact.figure, fact.start, fact.end) if fact.figure else -1
    figure = written[at:at + len(fact.figure)] if at >= 0 else fact.figure
    return replace(fact, quote=quote, figure=figure)

_TRANSLATED = rx(r"亿元|\d\s100\smillion\s(?:yuan|RMB)|machine[- ]translated|same\speriod\slast\syear\s(?:increases|rises|grows|drops|decreases)", re.I)
_RESULTS = Guarded(re.compile(r"\b(?:results|earnings)\b", re.I))
_QWORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4}


def _in_main_calendar(text: str, ref: Reference, registry: EntityRegistry) -> bool:
    """True when "its fiscal first quarter" in ``text`` is in the calendar the article's reference
    uses: a fiscal-year company's, and the sentence is about it (or names no company)."""
    if ref.fiscal_year_end == 12:
        return False
    named = registry.find(text)
    return not named or registry.fiscal_year_end(named[0].entity) == ref.fiscal_year_end


def _with_document_periods(sentences: list[Sentence], ref: Reference, registry: EntityRegistry) -> Reference:
    """Note the fiscal year an article speaks in (when it gives fiscal quarter labels), and the year
    of each quarter it names with a year, so that a bare "Q4" elsewhere takes that year."""
    years: Counter[int] = Counter()
    fiscal_quarters: Counter[str] = Counter()
    quarters: Counter[tuple[int, int]] = Counter()
    for sent in sentences:
        if _says_fiscal(sent.text):
            for p in find_periods(sent.text, ref):
                match = rx(r"FY(\d{4})Q\d").fullmatch(p.label)
                # "its fiscal second quarter" is in the calendar of the company the sentence is about
                if match and (rx(r"\d\d").search(sent.text, p.start, p.end) or _in_main_calendar(sent.text, ref, registry)):
                    years[int(match.group(1))] += 1
                    fiscal_quarters[p.label] += 1
        for m in _EXPLICIT_Q.finditer(sent.text):
            if is_base(sent.text, m.start()):
                continue  # "up 111% from $9.2 billion in Q3 2024" names the year before, not the article's quarter
            if m.group(1):
                quarters[(int(m.group(1)), int(m.group(2)))] += 1
            elif m.group(3):
                quarters[(int(m.group(4)), int(m.group(3)))] += 1
            else:
                quarters[(_QWORDS[m.group(5).lower()], int(m.group(6)))] += 1
    by_quarter: dict[int, int] = {}
    for (q, y), _n in quarters.most_common():
        by_quarter.setdefault(q, y)
    ref = replace(ref, quarter_years=tuple(sorted(by_quarter.items())))
    if years:
        ref = replace(ref, fiscal_label_year=years.most_common(1)[0][0])
    if ref.date is None and quarters:
        by_year: Counter[int] = Counter()
        for (_q, y), n in quarters.items():
            by_year[y] += n
        # between years named with quarters equally often, the one the text names most
        mentions = year_counts(" ".join(sent.text for sent in sentences))
        ref = replace(ref, year=max(by_year, key=lambda y: (by_year[y], mentions.get(y, 0), y)))
    elif ref.date is None and fiscal_quarters:
        # an undated article about fiscal quarters speaks from the calendar year its quarter ends in
        label = max(fiscal_quarters, key=lambda q: (fiscal_quarters[q], q))
        span = period_range(label, fiscal_year_end=ref.fiscal_year_end)
        if span is not None:
            ref = replace(ref, year=span.end.year)
    return ref


def _says_fiscal(text: str) -> bool:
    """The text speaks in a fiscal calendar: "fiscal", "FY26", an analyst's "FQ2", German "Geschäftsjahr",
    Spanish "ejercicio", French "exercice"."""
    low = text.lower()
    return ("fiscal" in low or "FY" in text or "FQ" in text or "geschäftsjahr" in low
            or "ejercicio" in low or "exercice" in low)


def _focus_period(sentences: list[Sentence], ref: Reference, cache: dict[int, list[PeriodMention]],
                  mentions: list[Mention], starts: list[int], registry: EntityRegistry) -> tuple[str | None, int, dict[str, tuple[str, int]]]:
    """The latest reported quarter the article names: the default period of its results, with the
    fiscal year end its label is in; and the same for each company, from the sentences that name it
    first. Quarters are compared by the day they end, each in the calendar of the company its
    sentence names ("Apple's fiscal fourth quarter" in a story about Microsoft's fiscal first), and
    a quarter that has not ended by the article's date is not a reported one. A filing that names its
    period ('the six months ended 30 June 2025 (the "Reporting Period")') reports that period."""
    if ref.defined:
        return ref.defined[0][1], ref.fiscal_year_end, {}
    best: dt.date | None = None
    label, label_fye = None, ref.fiscal_year_end
    own: dict[str, tuple[dt.date, str, int]] = {}
    years: list[int] = []
    for sent in sentences:
        if not _DIGIT.search(sent.text) and not ("uarter" in sent.text and _RESULTS.search(sent.text)):
            continue  # a sentence without a number may still say which quarter: "reported third-quarter results"
        first = _first_mention(sent, mentions, starts)
        named = first.entity if first is not None else None
        fye = registry.fiscal_year_end(named) if named and _says_fiscal(sent.text) else ref.fiscal_year_end
        if fye == ref.fiscal_year_end:
            sref = ref
            cache[sent.start] = found = find_periods(sent.text, ref)
        else:  # another company's fiscal calendar: its own "fiscal fourth quarter"
            sref = replace(ref, fiscal_year_end=fye, fiscal_label_year=None)
            found = find_periods(sent.text, sref)
        guidance = _GUIDANCE.search(sent.text) is not None
        if guidance and ref.date is None:
            continue  # without a date, a forecast's quarter cannot be told from a reported one
        for p in found:
            if guidance and "Q" not in p.label:
                continue
            if rx(r"\d{4}").fullmatch(p.label) and not p.base and not _is_future(p.label, ref) and C.PAST.search(sent.text):
                years.append(int(p.label))
            if "Q" in p.label and not p.base and not p.label.startswith("TTM") and not _THIS_QUARTER.fullmatch(sent.text, p.start, p.end):
                span = period_range(p.label, fiscal_year_end=sref.fiscal_year_end)
                if span is None or (ref.date is not None and span.end > ref.date):
                    continue  # not over yet: not a quarter the article reports
                in_fye = sref.fiscal_year_end if p.label.startswith("FY") else 12
                # of two labels for the same quarter, the fiscal one the text chose; quarters of
                # different calendars are compared by the calendar quarter holding most of them
                fiscal = p.label.startswith("FY") and in_fye == ref.fiscal_year_end
                y_cal, q_cal = quarter_of(_midpoint(span.start, span.end))
                ends = dt.date(y_cal, q_cal * 3, 1)
                if best is None or ends > best or (ends == best and fiscal and label_fye == 12):
                    best, label, label_fye = ends, p.label, in_fye
                if named and (named not in own or span.end > own[named][0] or (span.end == own[named][0] and p.label.startswith("FY"))):
                    own[named] = (span.end, p.label, in_fye)
    per_entity = {name: (lab, f) for name, (_end, lab, f) in own.items()}
    if label is None and years:
        return str(max(years)), ref.fiscal_year_end, per_entity
    return label, label_fye, per_entity


def _outflow(fact: Fact) -> Fact:
    """Capital spending as an amount: a cash-flow statement's "(22,620)" is an outflow of 22,620."""
    if fact.value < 0 and fact.metric in ("capex", "capex_plan") and fact.unit not in ("%", "x"):
        return replace(fact, value=-fact.value, high=-fact.high if fact.high is not None else None)
    return fact


def _petty(fact: Fact) -> bool:
    """True for a sum of money too small to be a company's result or budget: "customers generating more
    than $100,000 in revenue", "RMB 7.2 per dollar" (a zero, "no buybacks in the quarter", is a fact)."""
    return fact.unit.isupper() and len(fact.unit) == 3 and 0 < abs(fact.value) < _PETTY


_PETTY = Decimal(1_000_000)


def _fill_periods(facts: list[Fact], text: str) -> list[Fact]:
    """A figure repeated in the document (a headline and its story) takes the period and
    the restatement in another currency that the story gives it; a plan without a period is
    of the plan (or the sum added to it) spoken of just before: "the $10bn bump to its
    previously announced $75 billion spending plan"."""
    known: dict[tuple[str, str, Decimal], str] = {}
    alsos: dict[tuple[str, str, Decimal], tuple[Alt, ...]] = {}
    days: dict[tuple[str, str, Decimal], str] = {}  # share moves told with their day
    for f in facts:
        if f.metric == "stock_change" and f.basis == "day" and not f.extra.get("assumed_day"):
            days.setdefault((f.entity, f.metric, f.value), f.period)
        for value in (f.value, *(a.value for a in f.also)):
            if f.period != "unknown":
                known.setdefault((f.entity, f.metric, value), f.period)
            if f.also:
                alsos.setdefault((f.entity, f.metric, f.value), f.also)
    for f in facts:  # "Meta: up to $72 billion" over the story's "$66 billion to $72 billion" plan, if no figure is $72 billion
        if f.high is not None and f.period != "unknown":
            known.setdefault((f.entity, f.metric, f.high), f.period)
    out: list[Fact] = []
    last_plan: Fact | None = None
    for f in facts:
        keys = [(f.entity, f.metric, v) for v in (f.value, *(a.value for a in f.also))]
        if f.period == "unknown":
            label = next((known[k] for k in keys if k in known), None)
            if label:
                f = replace(f, period=label)
        elif f.extra.get("assumed_day") and keys[0] in days:
            f = replace(f, period=days[keys[0]])  # "Meta stock slides 6%" in the headline: the day the story gives it
        if not f.also and keys[0] in alsos:
            f = replace(f, also=alsos[keys[0]])
        before = out[-1] if out else None
        if (f.period == "unknown" and f.metric == "capex_plan" and before is not None and before.entity == f.entity
                and before.metric in ("capex_plan", "capex_change") and before.unit not in ("%", "x")
                and before.period != "unknown"):
            f = replace(f, period=before.period)
        if (f.period == "unknown" and f.metric == "capex_plan" and last_plan is not None and f.start - last_plan.end < 250
                and "\n\n" not in text[last_plan.end:f.start] and rx(r"(?:FY)?\d{4}").fullmatch(last_plan.period)
                and not _YEARS_WORD.search(f.quote)):
            # "The 2026 plans are bigger again: ... Amazon leads with guidance of about $200 billion": the year just given
            f = replace(f, period=last_plan.period)
        if f.metric == "capex_plan" and f.period != "unknown":
            last_plan = f
        out.append(f)
    return out


_YEARS_WORD = rx(r"\byears\b|\bmulti-year\b|-year\b|\bpledge|\bcommit|\bearmark|\bforeseeable\b|\bquarters\b|\b(?:a|per|each)\squarter\b", re.I)


def extract_article(article: Article, *, registry: EntityRegistry | None = None) -> list[Fact]:
    """Return the facts of an :class:`Article`: read on its date, with its title as the headline
    where the text does not already open with it (a feed's or a JSONL record's title)."""
    title = article.title if article.title and article.title[:60] not in article.text[:2000] else None
    return extract_facts(article.text, date=article.date, title=title, doc=article.id, registry=registry, headline=article.title)
