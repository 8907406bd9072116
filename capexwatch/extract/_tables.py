"""Table rows: statements, a metric per row or per column, periods from the header."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from decimal import Decimal

from .. import cues as C
from ..models import Alt, Fact, Figure
from ..parse._currencies import PREFIXES
from ..parse.figures import SCALES
from ..parse.periods import Reference, find_periods
from ..parse.prefilter import Guarded, rx
from ..tables import CURRENCY_SYMBOL, YEAR_CELL, Row, cell_units, money_units
from ..text import Sentence
from ._base import _DIGIT, STEP
from ._figure import _is_change
from ._owners import _Ent, _focus, _State
from ._timing import _EXPLICIT_Q, _is_future, _is_past, _unfinished

_MONTHS_N = "(three|six|nine|twelve|3|6|9|12)"
_END_DATE = r"((?:\d{1,2}\s)?(?:January|February|March|April|May|June|July|August|September|October|November|December)(?:\s\d{1,2})?),?\s"
# a filing's list of periods: "the three and nine months ended September 30, 2025", "the six months ended 30 June 2025
# and 2024", and the year before them: "the same periods of 2024"
_PERIOD_LIST = rx(r"\b" + _MONTHS_N + r"\sand\s" + _MONTHS_N + r"\smonths\s(?:ended|ending)\s" + _END_DATE + r"(20\d\d)(?!\sand\s20)"
                  r"|\b" + _MONTHS_N + r"\smonths\s(?:ended|ending)\s" + _END_DATE + r"(20\d\d)\sand\s(20\d\d)"
                  r"|\b(?:same|corresponding|comparable)\speriods\s(?:of|in)\s(20\d\d)", re.I)
_LIST_GAP = rx(r"\s?(?:,|and|,\sand)\s?")


def _period_lists(text: str, figures: list[Figure], ref: Reference) -> dict[int, str]:
    """The period of each figure of a list paired with a list of periods ("$23,953 million and $63,596 million
    for the three and nine months ended September 30, 2025, respectively, compared to $13,061 million and
    $38,259 million for the same periods of 2024"), by the figure's start."""
    out: dict[int, str] = {}
    last: list[tuple[str, str, str]] = []  # (months, end date, year) of the list before
    for match in _PERIOD_LIST.finditer(text):
        g = match.groups()
        if g[0]:
            said = [(g[0], g[2], g[3]), (g[1], g[2], g[3])]
        elif g[4]:
            said = [(g[4], g[5], g[6]), (g[4], g[5], g[7])]
        elif last:
            said = [(n, end, g[8]) for n, end, _y in last]
        else:
            continue
        last = said
        found = [find_periods(f"{n} months ended {end} {y}", ref) for n, end, y in said]
        if any(len(p) != 1 for p in found):
            continue
        labels = [p[0].label for p in found]
        after = [f for f in figures if f.start >= match.end()]
        before = [f for f in figures if f.end <= match.start()]
        run = _run(text, before[::-1], len(labels))[::-1] if before and _CLAUSE_OF.fullmatch(text, before[-1].end, match.start()) \
            else _run(text, after, len(labels)) if after else []
        if len(run) == len(labels):
            out.update((f.start, label) for f, label in zip(run, labels, strict=True))
    return out


_CLAUSE_OF = rx(r"[^.;]{0,40}?\b(?:for|in|during|over)\s(?:each\sof\s)?(?:the\s)?", re.I)


def _run(text: str, figures: list[Figure], k: int) -> list[Figure]:
    """The first ``k`` of ``figures`` (in the order given) when they are one list of the same kind ("$X and $Y")."""
    run = figures[:k]
    for a, b in itertools.pairwise(sorted(run, key=lambda f: f.start)):
        if a.kind != b.kind or not _LIST_GAP.fullmatch(text, a.end, b.start):
            return []
    return run


# "well below the RMB 19.1 billion it spent in the second quarter": a yardstick, not what the story goes on about
_BELOW = rx(r"\b(?:below|above|than|short\sof|behind|ahead\sof)\s(?:the\s)?$", re.I)
# a row marked as in its company's own years: "Oracle*", "Oracle (FY May)", an encyclopedia's note mark "Oracle[b]"
_FISCAL_ROW = rx(r"\*|\[[a-z]\]|\((?:FY|fiscal|year\sto|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov)[a-z]*\b)", re.I)
_ESTIMATE_HEADER = rx(r"\b(?:(?:FY|CY)?20\d\d|(?:FY|CY)\d\d)[EF]\b|\b(?:estimates?|est\.|forecasts?|guid(?:e|es|ance)|outlook|plan(?:ned)?|budget)\b", re.I)
_TOTAL_ROW = rx(r"(?:total|combined|sum|all|together|big\s(?:three|four|five))(?:\s\(\d\))?:?", re.I)
_CHANGE_HEADER = Guarded(re.compile(r"\b(?:yoy|y/y|q/q|qoq|change|growth|chg|%|vs\.?|year[- ]on[- ]year|increase)\b|%", re.I))


def _table_facts(sent: Sentence, row: Row, figures: list[Figure], ents: list[_Ent], state: _State, doc: str) -> list[Fact]:
    """Facts of a table row: entity from its first cell, metric and period from the header above each figure."""
    first_start, first_end = row.cells[0][0] - sent.start, row.cells[0][1] - sent.start
    in_first = [e for e in ents if e.start >= first_start and e.end <= first_end]
    first_text = sent.text[max(0, first_start):first_end]
    entity: str | None
    business_line = False
    members = state.table_members.setdefault(row.header_line, set())
    statement = _statement_row(sent, row, figures, in_first, first_text, state, doc) \
        or _metric_row(sent, row, in_first, first_text, state, doc)
    if statement is not None:
        return statement
    if not in_first and (label_cues := C.find_cues(first_text)) and label_cues[0].family == "ignored":
        return []  # "Net cash used in investing activities", "Operating income": a row of what is not recorded
    if in_first:
        entity = in_first[0].name
        members.add(entity)
    elif _TOTAL_ROW.fullmatch(first_text.strip(" |*\t")) and len(members) >= 2:
        entity = "+".join(sorted(members))  # "| Total | 76.6 | 95.0 |": the companies of the rows above
    elif (columns := _company_columns(row, state)) and find_periods(first_text, replace(state.ref, fiscal_year_end=12)):
        return _by_company_columns(sent, row, first_text, columns, state, doc)  # "| Q1 2025 | 21.4 | 17.2 |" under companies
    elif find_periods(first_text, state.ref):
        entity = state.subject or state.main  # a row per period of the article's company
    elif _LINE_OF_BUSINESS.fullmatch(first_text.strip(" |*\t")) and not _names_companies(row, state):
        entity = state.subject or state.main  # "| Cloud (IaaS + SaaS) | 7.2 | 28% |": a business line of the article's company
        business_line = True
    else:
        return []
    if entity is None:
        return []
    # the metrics the header names, then the caption's ("The table shows quarterly capital expenditures ...")
    named_families = [c.family for c in C.find_cues(row.header_line) + (C.find_cues(row.caption) if row.caption else [])
                      if c.family != "ignored"]
    if not named_families and business_line:
        return []  # a business line with no metric named above it
    ref = state.ref
    named = {int(m.group(1) or m.group(4)): int(m.group(2) or m.group(3)) for m in _EXPLICIT_Q.finditer(row.header_line) if not m.group(5)}
    if named:  # "| Q1 2025 | Q2 2025 | Q3 2025 | Q3 y/y |": a bare quarter is the one the header names
        ref = replace(ref, fiscal_label_year=None, quarter_years=tuple(sorted(named.items())))
    header_periods = find_periods(row.header_line, ref)
    figures = figures + _bare_numbers(sent, row, figures, first_end)
    figures.sort(key=lambda f: f.start)
    out: list[Fact] = []
    for fig in figures:
        if fig.start < first_end and not in_first:
            pass
        elif fig.start < first_end:
            continue
        header = row.header_for(sent.start + fig.start)
        family = next((c.family for c in C.find_cues(header) if c.family != "ignored"), None)
        if family is None and (_CHANGE_HEADER.search(header) or not header.strip() or fig.kind == "money"):
            # the first the figure can be: "| 2025A | 2026E capex/sales |" under "Capex (US$bn)" has money in capex
            family = next((f for f in named_families if C.metric_for(f, fig.kind)), None)
        if family is None:
            continue
        metric = C.metric_for(family, fig.kind)
        if metric is None:
            continue
        value = fig.value
        if fig.kind == "percent" and sent.text[fig.start - 1:fig.start] == "(" and sent.text[fig.end:fig.end + 1] == ")":
            value = -value  # "| Software | 5.7 | (1%) |": an accountant's minus
        own = _CELL_PERIOD.match(sent.text, fig.end) or _dated_alike(sent, row, header)
        fye = state.registry.fiscal_year_end(entity)
        periods = (find_periods(own.group(1), replace(ref, fiscal_year_end=fye)) if own else []) \
            or find_periods(header, ref) or find_periods(first_text, ref)
        if not periods and header_periods:  # "| 2024 capex | 2025E capex | change": a change is to the latest column
            periods = header_periods[-1:] if _is_change(metric) else header_periods
        period = periods[0].label if periods else (_focus(state, entity) or "unknown")
        fye = state.registry.fiscal_year_end(entity)
        closed = False  # "2026E" of a fiscal year already over: reported, not a plan
        if fye != 12 and rx(r"\d{4}").fullmatch(period) and _FISCAL_ROW.search(first_text):
            # "| Oracle (FY May)* | 6.9 |", "| Microsoft* |" over a note on fiscal years: the company's own years
            period = f"FY{period}"
            closed = _is_past(period, replace(state.ref, fiscal_year_end=fye))
        if metric == "capex" and not closed and (_is_future(period, state.ref) or _unfinished(period, state.ref, state.registry.fiscal_year_end(entity))
                                  or _ESTIMATE_HEADER.search(header)):
            metric = "capex_plan"  # "| 2025E capex |", a year not over yet
        basis = "yoy" if rx(r"yoy|y/y|year", re.I).search(header) else "qoq" if rx(r"q/q|qoq|sequential", re.I).search(header) else None
        out.append(Fact(
            doc=doc, entity=entity, metric=metric, value=value, unit=fig.unit, period=period,
            segment=None, basis=basis if _is_change(metric) else None, quote=sent.text, also=fig.also,
            high=fig.high, start=sent.start, end=sent.end, figure=fig.text, step=STEP,
        ))
    if out:
        state.last = out[-1]
    return out


def _company_columns(row: Row, state: _State) -> dict[int, str]:
    """The company each column of a table is about, by cell index, where the header names two or more
    ("| Quarter | Microsoft* | Alphabet | Amazon | Meta | Total |"); a total column is all of them together."""
    columns: dict[int, str] = {}
    for index, header in enumerate(row.headers[1:], 1):
        found = state.registry.find(header)
        if found and len({m.entity for m in found}) == 1:
            columns[index] = found[0].entity
    if len(set(columns.values())) < 2:
        return {}
    together = "+".join(sorted(set(columns.values())))
    for index, header in enumerate(row.headers[1:], 1):
        if index not in columns and _TOTAL_ROW.fullmatch(header.strip(" |*\t")):
            columns[index] = together
    return columns


_SIGNED_PERCENT = rx(r"(?P<n>[+\-−]?\d+(?:\.\d+)?)\s?%")


def _by_company_columns(sent: Sentence, row: Row, first_text: str, columns: dict[int, str], state: _State, doc: str) -> list[Fact]:
    """Facts of a row named by its period in a table whose columns are companies: each cell is its column's company's,
    of the row's period, in the metric and units the caption or header gives ("in billions of US dollars")."""
    families = [c.family for c in C.find_cues(row.header_line + " " + row.caption) if c.family != "ignored"]
    if not families:
        return []
    ref = replace(state.ref, fiscal_year_end=12, fiscal_label_year=None)  # a column per company: the calendar the row names
    above = rx(r"(20\d\d)Q[1-4]").fullmatch(state.last.period) if state.last is not None and state.last.quote != sent.text else None
    if above is not None and not rx(r"20\d\d|\b\d\d\b").search(first_text):  # "| YoY, Q4 |" under "| Q4 2025 |": that year's
        ref = replace(ref, quarter_years=tuple((q, int(above.group(1))) for q in range(1, 5)))
    period = find_periods(first_text, ref)[0].label
    units = money_units(row.caption) or money_units(row.header_line)
    change = bool(_CHANGE_HEADER.search(first_text))
    out: list[Fact] = []
    for index, (start, end) in enumerate(row.cells):
        entity = columns.get(index)
        if entity is None:
            continue
        cell = state.text[start:end].strip(" *†‡")
        percent = _SIGNED_PERCENT.fullmatch(cell)
        if percent is not None:
            value, unit, kind = Decimal(percent.group("n").replace("−", "-")), "%", "percent"
        elif units is not None and _BARE.fullmatch(cell) and not change:
            value, unit, kind = Decimal(cell.replace(",", "")) * units[0], units[1], "money"
            value = value.quantize(Decimal(1)) if value == value.to_integral_value() else value
        else:
            continue
        metric = next((m for f in families if (m := C.metric_for(f, kind))), None)
        if metric is None:
            continue
        if metric == "capex" and (_is_future(period, ref) or _unfinished(period, ref, 12)):
            metric = "capex_plan"
        basis = ("yoy" if rx(r"yoy|y/y|year", re.I).search(first_text) else None) if _is_change(metric) else None
        out.append(Fact(doc=doc, entity=entity, metric=metric, value=value, unit=unit, period=period, segment=None,
                        basis=basis, quote=sent.text, also=(), high=None, start=sent.start, end=sent.end,
                        figure=cell, step=STEP))
    if out:
        state.last = out[-1]
    return out


# A results statement's table: "Three months ended December 31 (in millions, except percentages)" over
# "| | 2025 | 2024 | Year-over-Year % Change |" and rows named by their metric ("| Net income | $ 22,768 | $ 20,838 | 9 % |").
_MONTHS_ENDED = rx(r"\b(?P<n>three|twelve|3|12)\s(?:months|mos\.?)\s(?:ended|ending)\s(?P<m>January|February|March|April|May|June|July|August|September|October|November|December)", re.I)
_IN_SCALE = rx(r"\bin\s(?P<s>thousands|millions|billions)\b", re.I)
_STATEMENT_YEAR = rx(r"(?:FY\s?|fiscal\s)?(20\d\d)")


def _statement_row(sent: Sentence, row: Row, figures: list[Figure], in_first: list[_Ent], first_text: str,
                   state: _State, doc: str) -> list[Fact] | None:
    """The facts of a row of a results statement, whose first cell names the metric and whose columns are
    years of the period its caption names; None when ``row`` is not one."""
    label = first_text.strip(" |*\t")
    found = C.find_cues(label)
    cues = [c for c in found if c.family != "ignored"]
    if not cues or found[0].family == "ignored" or any(e.kind != "unit" for e in in_first):
        return None
    family = cues[-1].family
    where = row.caption + " " + row.header_line
    ended = _MONTHS_ENDED.search(where)
    years = [(i, int(m.group(1))) for i, h in enumerate(row.headers) if (m := _STATEMENT_YEAR.fullmatch(h.strip(" |*")))]
    entity = state.subject or state.main
    if ended is None or not years or entity is None:
        return None
    fye = state.registry.fiscal_year_end(entity)
    quarter = ended.group("n").lower() in ("three", "3")
    month = ended.group("m")

    def label_for(year: int) -> str:
        said = f"quarter ended {month} 28, {year}" if quarter else (f"fiscal year ended {month} 28, {year}" if fye != 12 else str(year))
        found = find_periods(said, replace(state.ref, fiscal_year_end=fye))
        return found[0].label if found else "unknown"

    scaled = _IN_SCALE.search(where)
    scale = SCALES[scaled.group("s").lower().removesuffix("s")] if scaled else Decimal(1)
    currency = next((f.unit for f in figures if f.kind == "money"), None) or state.currency or "USD"
    segment = in_first[0].segment if in_first else None
    out: list[Fact] = []
    for index, (start, end) in enumerate(row.cells[1:], start=1):
        a, b = start - sent.start, end - sent.start
        cell = sent.text[a:b].strip()
        header = row.headers[index] if index < len(row.headers) else ""
        column = next((y for i, y in years if i == index), None)
        number = _STATEMENT_NUMBER.fullmatch(cell)
        if number is None:
            continue
        if number.group("pct") or _CHANGE_HEADER.search(header):
            metric = C.metric_for(family, "percent")
            value = Decimal(number.group("n").replace(",", ""))
            period = label_for(years[0][1])
            basis: str | None = "yoy" if rx(r"year|yoy|y/y", re.I).search(header) else None
            if number.group("neg"):
                value = -value  # "(12) %": an accountant's minus
        elif column is not None:
            metric = C.metric_for(family, "money")
            value = Decimal(number.group("n").replace(",", ""))
            if family != "eps":
                value *= scale
            value = value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
            if number.group("neg"):
                value = -value
            period, basis = label_for(column), None
        else:
            continue
        if metric is None:
            continue
        at = a + sent.text[a:b].index(number.group(0).strip())
        out.append(Fact(
            doc=doc, entity=entity, metric=metric, value=value, unit="%" if metric.endswith("_change") else currency, period=period,
            segment=segment, basis=basis if _is_change(metric) else None, quote=sent.text, start=sent.start, end=sent.end,
            figure=sent.text[at:at + len(number.group(0).strip())], step=STEP,
        ))
    if out:
        state.last = out[-1]
    return out




def _metric_row(sent: Sentence, row: Row, in_first: list[_Ent], first_text: str, state: _State, doc: str) -> list[Fact] | None:
    """The facts of a row of the article's company under columns of periods: a row named by its
    metric, as in a broker's forecast table ("Capex ($bn)   52.5   92.0" under "2024A   2025E") or a
    filing's ("Net income   $ 26,301   $ 34,979" under "Three Months Ended September 30, / 2024   2025"),
    or by a line of business under a caption that names the metric ("Revenues by segment (in
    millions):" over "Google Cloud   11,353   15,157"). None when ``row`` is not one. The units are in
    the row's label ("($bn)", "(%)"), or the header or caption ("(in millions)", with the cells' "$")."""
    label = first_text.strip(" |*\t")
    found = C.find_cues(label)
    cues = [c for c in found if c.family != "ignored"]
    # the story's company where it dominates the story (a broker's note on it, whose last sentence compared it with a peer)
    entity = state.main if state.dominant else (state.subject or state.main)
    if entity is None or (found and found[0].family == "ignored") or any(e.kind != "unit" or e.name != entity for e in in_first):
        return None
    fye = state.registry.fiscal_year_end(entity)
    ref = replace(state.ref, fiscal_year_end=fye)
    columns = {}
    for index, header in enumerate(row.headers):
        said = find_periods(header, ref) if index else []
        if len(said) == 1 and (said[0].kind != "year" or YEAR_CELL.fullmatch(CURRENCY_SYMBOL.sub("", header).strip(" |*"))):
            columns[index] = said[0].label
    if len(columns) < 2:
        return None
    latest = columns[max(columns)]
    for index, header in enumerate(row.headers):
        if index and index not in columns and _CHANGE_HEADER.search(header):
            columns[index] = latest  # "| YoY |" after "| Q3 2025 | Q3 2026 |": the change to the latest column
    if cues:
        family = cues[-1].family
    elif _LINE_OF_BUSINESS.fullmatch(label) and not _TOTAL_ROW.fullmatch(label) and not _lists_companies(row, state):
        # a line of business: the metric its caption names
        named = [c.family for c in C.find_cues(row.caption) + C.find_cues(row.header_line) if c.family != "ignored"]
        if not named:
            return None
        family = named[0]
    else:
        return None
    units = money_units(label) or money_units(row.header_line) or money_units(row.caption)
    if units is None and (scaled := _IN_SCALE.search(row.caption + " " + row.header_line)):
        symbol = CURRENCY_SYMBOL.search(sent.text)
        currency = (PREFIXES.get(symbol.group(0)) if symbol else None) or state.currency or "USD"
        units = (SCALES[scaled.group("s").lower().removesuffix("s")], currency)
    segment = next((e.segment for e in in_first if e.segment), None)
    out: list[Fact] = []
    for index, (start, end) in enumerate(row.cells[1:], start=1):
        period = columns.get(index)
        a, b = start - sent.start, end - sent.start
        cell = sent.text[a:b].strip("*†‡ ")
        minus = cell[:1] in ("-", "−", "–")  # "-0.4": a negative free cash flow
        number = _STATEMENT_NUMBER.fullmatch(cell[1:] if minus else cell)
        if period is None or number is None:
            continue
        header = row.headers[index]
        percent = "%" in label or bool(number.group("pct"))
        metric = C.metric_for(family, "percent" if percent else "money")
        if metric is None or (units is None and not percent):
            continue
        value = Decimal(number.group("n").replace(",", ""))
        unit = "%"
        if units is not None and not percent:
            value *= units[0]
            value = value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
            symbol = CURRENCY_SYMBOL.search(header)  # "| 3Q FY2026 US$ |": the column's own currency
            unit = (PREFIXES.get(symbol.group(0)) if symbol else None) or units[1]
        if number.group("neg") or minus:
            value = -value  # "(1.2)": an accountant's minus
        if metric == "capex" and (_is_future(period, state.ref) or _unfinished(period, state.ref, fye)
                                  or _ESTIMATE_HEADER.search(header)):
            metric = "capex_plan"  # "2026E": a forecast
        same = next((i for i, f in enumerate(out) if f.period == period and f.metric == metric and f.unit not in (unit, "%")), None)
        if same is not None:  # the same figure in another currency's column: a conversion of it
            out[same] = replace(out[same], also=(*out[same].also, Alt(value, unit)))
            continue
        basis = None
        if _is_change(metric):
            basis = "qoq" if rx(r"q/q|qoq|sequential", re.I).search(header) else "yoy"
        at = a + sent.text[a:b].index(number.group(0).strip())
        out.append(Fact(
            doc=doc, entity=entity, metric=metric, value=value, unit=unit,
            period=period, segment=segment, basis=basis, quote=sent.text,
            start=sent.start, end=sent.end, figure=sent.text[at:at + len(number.group(0).strip())], step=STEP,
        ))
    if out:
        state.last = out[-1]
    return out or None


def _lists_companies(row: Row, state: _State) -> bool:
    """True when a row of the table ``row`` is in names a company (not a unit of one) in its first cell."""
    return any(other.header_line == row.header_line and other.cells
               and any(m.kind != "unit" for m in state.registry.find(state.text[other.cells[0][0]:other.cells[0][1]]))
               for other in state.rows.values())


_STATEMENT_NUMBER = rx(r"(?:US\$|\$|RMB|€|¥)?\s*(?P<neg>\()?(?P<n>\d{1,3}(?:,\d{3})*(?:\.\d+)?)\)?\s?(?P<pct>%)?")
_BARE = re.compile(r"[+-]?\d{1,3}(?:,\d{3})*(?:\.\d+)?|[+-]?\d+(?:\.\d+)?")
# the first cell of a row that names a line of business: words, maybe a bracket, no figures
_LINE_OF_BUSINESS = rx(r"[A-Za-z][\w&'’.,/ +-]{1,60}(?:\s\([\w &+/.-]{1,30}\))?")


def _names_companies(row: Row, state: _State) -> bool:
    """True when a row of the table ``row`` is in names a company in its first cell (a table of
    companies, whose other rows are not the article's company)."""
    known = state.table_named.get(row.header_line)
    if known is None:
        known = any(other.header_line == row.header_line and state.registry.find(state.text[other.cells[0][0]:other.cells[0][1]])
                    for other in state.rows.values() if other.cells)
        state.table_named[row.header_line] = known
    return known


def _bare_numbers(sent: Sentence, row: Row, figures: list[Figure], first_end: int) -> list[Figure]:
    """The plain numbers of a row ("| Meta | 13.7 | 17.0 |") as money, where the caption or the
    header says what they are in ("in billions of US dollars", "Capex ($bn)")."""
    first = sent.text[max(0, row.cells[0][0] - sent.start):first_end] if row.cells else ""
    units = (money_units(first) if _UNIT_NOTE.search(first) else None) \
        or next((u for start, end in row.cells[1:] if (u := cell_units(sent.text[start - sent.start:end - sent.start]))), None) \
        or money_units(row.header_line) or money_units(row.caption)  # "| Alibaba (Mar; RMB bn) |": the row's own unit first
    if units is None:
        return []
    scale, currency = units
    found = []
    for start, end in row.cells:
        a, b = start - sent.start, end - sent.start
        if a < first_end or any(f.start < b and a < f.end for f in figures):
            continue
        cell, header = sent.text[a:b], row.header_for(start)
        number = cell.strip("*†‡ ")  # "21.2*": a footnote mark; "**237.3**": bold
        dated = _DATED_CELL.fullmatch(number) or _ABOUT_CELL.fullmatch(number)
        if dated is not None:
            number = dated.group("n")  # "131.8 (2025)", "~50 (FY26)": the cell's own period follows it (see _CELL_PERIOD); "~200", "175–185"
        cues = C.find_cues(header)
        # under a period ("Q3 2025") or a metric ("Capex"), not a count of staff
        if _BARE.fullmatch(number) and (_DIGIT.search(header) or any(c.family not in ("ignored", "stock") for c in cues)):
            if any(c.family == "capex_to_revenue" for c in cues):  # "| FY2025E capex/rev |": a ratio in per cent
                at = a + cell.index(number)
                found.append(Figure(value=Decimal(number), unit="%", kind="percent", start=at, end=at + len(number), text=number))
                continue
            value = Decimal(number.replace(",", "")) * scale
            if value == value.to_integral_value():
                value = value.quantize(Decimal(1))  # 76600000000, not 7.66E+10
            at = a + cell.index(number)
            high, written = None, number
            if dated is not None and dated.group("hi"):  # "175–185 (2026)": a range
                high = Decimal(dated.group("hi").replace(",", "")) * scale
                high = high.quantize(Decimal(1)) if high == high.to_integral_value() else high
                written = dated.string[dated.start("n"):dated.end("hi")]
            found.append(Figure(value=value, unit=currency, kind="money", start=at, end=at + len(written), text=written, high=high))
    return found


def _dated_alike(sent: Sentence, row: Row, header: str) -> re.Match[str] | None:
    """The period of another cell of the row under a header for the same time ("Capex / revenue, last FY" takes
    the year written in the cell under "Capex, last FY": "88.2 (FY25)")."""
    tag = _HEADER_TIME.search(header)
    if tag is None:
        return None
    for (start, end), other in zip(row.cells, row.headers, strict=False):
        if other != header and tag.group(0).lower() in other.lower():
            cell = sent.text[start - sent.start:end - sent.start].strip("*†‡ ")
            dated = _DATED_CELL.fullmatch(cell)
            if dated is not None:
                return _CELL_PERIOD.search(cell)
    return None


_HEADER_TIME = rx(r"\b(?:last|this|current|next|latest)\s(?:FY|fiscal\syear|year|qtr|quarter)\b", re.I)
_ABOUT_CELL = rx(r"(?=[~≈]|\d[\d,.]*\s?[–-]\s?\d)[~≈]?\s?(?P<n>\d[\d,.]*)(?:\s?[–-]\s?(?P<hi>\d[\d,.]*))?")  # "~200", "175–185"
_DATED_CELL = rx(r"[~≈]?\s?(?P<n>\d[\d,.]*)(?:\s?[–-]\s?(?P<hi>\d[\d,.]*))?\s?\((?:(?:FY|CY)\s?)?(?:20)?\d\d[EF]?\)")
# "131.8 (2025)", "~50 (FY26)", "+39% (Azure, FQ2 FY26)": a cell's own period, after what it is of
_CELL_PERIOD = rx(r"\s?\((?:[^()|,]{1,30},\s?)?((?:FY\s?|CY\s?)?(?:20)?\d\d[EF]?|F?Q[1-4][\s-]?(?:FY\s?)?(?:20)?\d\d)\)")
_UNIT_NOTE = rx(r"\((?:[^()]*[;,]\s?)?(?:RMB|CNY|US\$|USD|HK\$|€|EUR|JPY|¥|yen|won)\s?(?:bn|billion|mn|million|m|b)\)", re.I)
