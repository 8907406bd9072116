"""Tables in article text: pipe tables and plain-text tables whose columns are aligned by spaces.

A table is a block of two or more consecutive lines that split into the same number of cells
(on ``|``, a tab, or two or more spaces); its first line is the header when it holds no number.
Each row then knows the header cell above each of its cells, so a figure in a row can take its
metric and period from its column ("Capex, Q3 2025", "YoY change"). Pure, no I/O.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from .parse._currencies import PREFIXES, SUFFIXES
from .parse.figures import SCALES

__all__ = ["CURRENCY_SYMBOL", "YEAR_CELL", "Row", "find_rows", "money_units"]

# Tabs, or two or more spaces (written "\t+|\s{2,}"; starting on \s lets re skip to whitespace).
_CELL_SPLIT = re.compile(r"\s(?:(?<=\t)\t*|\s+)")
_PIPE_RULE = re.compile(r"^[\s|:\-+=]+$")
_LINE = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class Row:
    """A table row: its cells (offsets into the document) and the header cell above each."""

    start: int
    end: int
    cells: tuple[tuple[int, int], ...]
    headers: tuple[str, ...]
    header_line: str
    caption: str = ""  # the line just above the table: "Quarterly capex, in billions of US dollars"

    def header_for(self, offset: int) -> str:
        """The header cell above the cell holding document offset ``offset`` ("" when none)."""
        for index, (start, end) in enumerate(self.cells):
            if start <= offset < end + 1:
                return self.headers[index] if index < len(self.headers) else ""
        return ""


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    line = text[start:end]
    if "|" in line:
        spans, cut = [], 0
        for match in re.finditer(r"\|", line):
            spans.append((cut, match.start()))
            cut = match.end()
        spans.append((cut, len(line)))
    else:
        spans, cut = [], 0
        for match in _CELL_SPLIT.finditer(line.rstrip()):
            spans.append((cut, match.start()))
            cut = match.end()
        spans.append((cut, len(line.rstrip())))
    if "|" not in line:  # "$   34,979": the symbol and its number are one cell
        merged: list[tuple[int, int]] = []
        for a, b in spans:
            if merged and CURRENCY_SYMBOL.fullmatch(line[merged[-1][0]:merged[-1][1]].strip()):
                merged[-1] = (merged[-1][0], b)
            else:
                merged.append((a, b))
        spans = merged
    out = []
    for index, (a, b) in enumerate(spans):
        piece = line[a:b]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            out.append((start + a + lead, start + a + len(piece.rstrip())))
        elif "|" in line and 0 < index < len(spans) - 1:
            out.append((start + a, start + a))  # "| | Q1 FY26 |": an empty cell between pipes keeps the columns aligned
    return out


# a currency symbol or code written in a cell or header: "$", "US$", "RMB"
CURRENCY_SYMBOL = re.compile(r"US\$|HK\$|RMB|[$€£¥₩]")


def _caption(text: str, table_start: int) -> str:
    """The last non-empty line before the table (within 600 characters), which often says what
    its numbers are: "The table shows quarterly capex, in billions of US dollars."."""
    before = text[max(0, table_start - 600):table_start].rstrip()
    return before[before.rfind("\n") + 1:].strip()


_NOTE = re.compile(r"(?:(?:Sources?|Notes?|Figures|All\sfigures|Data)\b|\*)", re.I)


def _note_below(text: str, table_end: int) -> str:
    """The first non-empty line after the table when it is a source line or a note ("Source: company
    filings. Capex including finance leases, US$bn.")."""
    after = text[table_end:table_end + 600].lstrip("\n \t")
    line = after[:after.find("\n")] if "\n" in after else after
    return line.strip() if _NOTE.match(line) else ""


_IN_UNITS = re.compile(
    r"\b(?:in|of)\s(?P<scale>thousands|millions|billions|trillions)\sof\s(?P<cur>US\sdollars|U\.S\.\sdollars|dollars|yuan|renminbi|"
    r"Hong\sKong\sdollars|euros|won|yen|RMB|CNY|USD|HKD|US\$|HK\$)(?!\w)"
    r"|\((?P<cur2>US\$|\$|RMB|CNY|HK\$|USD|€|¥|₩|NT\$)\s?(?P<scale2>bn|billions?|mn|millions?|m|b|tn|trillions?)\)"
    r"|\b(?P<cur3>US\$|\$|RMB|CNY|HK\$|USD)\s?(?P<scale3>bn|billion|mn|million|tn|trillion)\b"
    r"|\((?P<cur4>US\$|\$|RMB|CNY|HK\$|USD|€|¥)\sin\s(?P<scale4>thousands|millions|billions)\b"  # a results table's "($ in billions, unaudited)"
    r"|\bin\s(?P<cur5>US\$|RMB|CNY|HK\$|USD|EUR|€)\s?(?P<scale5>billions|millions|bn|mn)\b"  # "all money columns are in US$ billions"
    r"|(?<![\w$])(?P<cur6>RMB|HK\$|US\$|USD|HKD|CNY)\s?['’]\s?(?P<scale6>million|billion|thousand|000)\b",  # a Hong Kong filing's "RMB'Million", "RMB'000"
    re.I)


def money_units(text: str) -> tuple[Decimal, str] | None:
    """The scale and currency a table's bare numbers are in, from its caption or header.

    >>> money_units("Quarterly capex, in billions of US dollars."), money_units("Capex ($bn)"), money_units("Capex")
    ((Decimal('1E+9'), 'USD'), (Decimal('1E+9'), 'USD'), None)
    >>> money_units("Q1 FISCAL 2026 REVENUES ($ in billions, unaudited)"), money_units("(RMB in millions)")
    ((Decimal('1E+9'), 'USD'), (Decimal('1E+6'), 'CNY'))
    >>> money_units("All money columns are in US$ billions unless a cell says otherwise.")
    (Decimal('1E+9'), 'USD')
    >>> money_units("Key financial data (In millions of RMB, except percentages)")
    (Decimal('1E+6'), 'CNY')
    >>> money_units("Capital expenditure by company (US$ billions)[8]")
    (Decimal('1E+9'), 'USD')
    >>> money_units("2025  2024  /  RMB'Million  RMB'Million  year change"), money_units("HK$'000")
    ((Decimal('1E+6'), 'CNY'), (Decimal('1E+3'), 'HKD'))
    """
    match = _IN_UNITS.search(text)
    if match is None:
        return None
    scale = (match.group("scale") or match.group("scale2") or match.group("scale3") or match.group("scale4")
             or match.group("scale5") or match.group("scale6")).lower().removesuffix("s").replace("000", "thousand")
    if match.group("cur"):
        currency = SUFFIXES.get(match.group("cur")) or SUFFIXES[match.group("cur").lower()]
    else:
        currency = PREFIXES[(match.group("cur2") or match.group("cur3") or match.group("cur4") or match.group("cur5") or match.group("cur6")).upper()]
    return SCALES[scale], currency


_CELL_UNITS = re.compile(r"(?P<cur>US\$|HK\$|NT\$|RMB|CNY|USD|EUR|JPY|KRW|HKD|[$€¥£₩])\s?(?P<scale>bn|billions?|b|mn|millions?|m|tn|trillions?)\.?", re.I)


def cell_units(cell: str) -> tuple[Decimal, str] | None:
    """The scale and currency a row states in a cell of its own ("| Amazon | US$bn | 48.1 |").

    >>> cell_units("US$bn"), cell_units("RMB bn"), cell_units("48.1")
    ((Decimal('1E+9'), 'USD'), (Decimal('1E+9'), 'CNY'), None)
    """
    match = _CELL_UNITS.fullmatch(cell.strip())
    if match is None:
        return None
    scale = match.group("scale").lower().removesuffix("s")
    scale = {"b": "bn", "m": "mn", "billion": "bn", "million": "mn", "trillion": "tn"}.get(scale, scale)
    currency = PREFIXES.get(match.group("cur")) or PREFIXES.get(match.group("cur").upper())
    return (SCALES[scale], currency) if currency else None


_DIGIT = re.compile(r"\d")
# a cell of data: "$ 88,268", "(207)", "15 %", "-0.4"; not a year over a column ("2025", "2026E")
_DATA_CELL = re.compile(r"[(\-−–+~]?\s?(?:US\$|HK\$|RMB|[$€£¥₩])?\s?\d[\d,.]*\)?\s?%?\*?")
# a year over a column: "2025", "2026E", "FY26E", "CY2025"
YEAR_CELL = re.compile(r"(?:FY|CY)\s?(?:20)?\d\d[AEFP]?|20\d\d[AEFP]?", re.I)


_ENDED = re.compile(r"\b(?:ended|ending)\b|\bas\s(?:of|at)\b", re.I)


def _ended_above(text: str, lines: list[tuple[int, int]], first: int) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """The one or two lines of one cell right above a table (no blank line between) that say
    which period its columns end ("Nine Months Ended September 30,"), as header lines."""
    out: list[tuple[int, int, list[tuple[int, int]]]] = []
    k = first
    while k > 0 and len(out) < 2 and lines[k - 1][1] + 1 == lines[k][0]:
        start, end = lines[k - 1]
        cells = _cells(text, start, end)
        if len(cells) != 1 or len(text[start:end].strip()) > 60 or not (_ENDED.search(text, start, end) or out):
            break
        out.insert(0, (start, end, cells))
        k -= 1
    return out if any(_ENDED.search(text, a, b) for a, b, _c in out) else []


def _header_lines(text: str, block: list[tuple[int, int, list[tuple[int, int]]]]) -> int:
    """How many lines at the top of a plain-text table are its header: the lines before the
    first that holds a figure (a year over a column is a header, not a figure)."""
    for index, (_start, _end, cells) in enumerate(block):
        if any(_DATA_CELL.fullmatch(text[a:b]) and not YEAR_CELL.fullmatch(text[a:b]) for a, b in cells):
            return max(index, 1)
    return 1


def _stacked(text: str, head: list[tuple[int, int, list[tuple[int, int]]]], row_start: int,
             cells: list[tuple[int, int]]) -> tuple[str, ...]:
    """The header above each cell of a row under a header of several lines, read down the column.

    >>> text = "         Three Months Ended\\n          2024      2025\\nRevenue   $ 88     $ 102\\n"
    >>> head = [(0, 27, [(9, 27)]), (28, 52, [(38, 42), (48, 52)])]
    >>> _stacked(text, head, 53, [(53, 60), (63, 67), (72, 77)])
    ('', 'Three Months Ended 2024', 'Three Months Ended 2025')
    """
    out = []
    for index, (a, b) in enumerate(cells):
        col_a, col_b = a - row_start, b - row_start
        parts = []
        for line_start, _end, head_cells in head:
            best, most = "", 0
            for h_a, h_b in head_cells:
                overlap = min(col_b, h_b - line_start) - max(col_a, h_a - line_start)
                if overlap > most:
                    best, most = text[h_a:h_b].strip(), overlap
            if not best and index:  # a short number right-aligned under a wider header: the nearest within a few columns
                gaps = [(max(h_a - line_start - col_b, col_a - (h_b - line_start)), h_a, h_b) for h_a, h_b in head_cells]
                gap, h_a, h_b = min(gaps) if gaps else (99, 0, 0)
                best = text[h_a:h_b].strip() if gap <= 6 else ""
            if best:
                parts.append(best)
        out.append(" ".join(parts))
    return tuple(out)


def _unshifted(rows: list[Row]) -> list[Row]:
    """Rows whose long label pushes their numbers to the right of the columns ("Profit attributable to
    equity holders of the Company     55,628     47,630     17%") read under the headers of the rows
    with as many cells whose label fits: the same column by its index, not by where it is printed."""
    usual: dict[int, Counter[tuple[str, ...]]] = {}
    for row in rows:
        usual.setdefault(len(row.cells), Counter())[row.headers] += 1
    out = []
    for row in rows:
        common = usual[len(row.cells)].most_common(1)[0]
        if row.headers != common[0] and common[1] >= 2 and (row.headers[0] or len(row.headers) != len(set(row.headers))):
            row = Row(row.start, row.end, row.cells, common[0], row.header_line, row.caption)
        out.append(row)
    return out


def find_rows(text: str) -> dict[int, Row]:
    """Return the rows of the tables in ``text`` by the offset where each row's line starts.

    >>> text = "Company    Capex, Q3 2025    YoY\\nMeta       $19.4bn           +111%\\nBaidu      RMB3.4bn          +107%\\n"
    >>> rows = find_rows(text)
    >>> row = rows[text.index("Meta")]
    >>> row.header_for(text.index("$19.4bn")), row.header_for(text.index("+111%"))
    ('Capex, Q3 2025', 'YoY')
    """
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text)]
    rows: dict[int, Row] = {}
    i = 0
    while i < len(lines):
        block: list[tuple[int, int, list[tuple[int, int]]]] = []
        j = i
        while j < len(lines):
            start, end = lines[j]
            line = text[start:end]
            if _PIPE_RULE.match(line) and "|" in line:
                j += 1
                continue
            if len(line.strip()) > 160:
                break  # a paragraph, not a row
            cells = _cells(text, start, end)
            if len(cells) < 2:
                if (len(block) >= 2 and j + 1 < len(lines) and "|" not in line and len(line.strip()) <= 60
                        and lines[j - 1][1] + 1 == start and end + 1 == lines[j + 1][0]
                        and not _DIGIT.search(line) and len(_cells(text, *lines[j + 1])) >= 2):
                    j += 1
                    continue  # "Change in consolidated revenues" over its row "  year over year   15 %": a label on its own line
                break
            block.append((start, end, cells))
            j += 1
        if len(block) >= 2:
            head_start, head_end, head_cells = block[0]
            header_line = text[head_start:head_end].strip()
            has_number = re.search(r"[$¥€£]\s?\d|\d\s?%|\d[\d.,]*\s?(?:bn|billion|million|trillion|[BMT]\b)", header_line)
            if not has_number:
                headers = tuple(text[a:b] for a, b in head_cells)
                stacked = _header_lines(text, block) if "|" not in header_line else 1
                above = _ended_above(text, lines, i) if "|" not in header_line else []
                if above:  # "Nine Months Ended September 30," on its own line over "2024   2025"
                    block = above + block
                    stacked += len(above)
                if stacked > 1:  # "Three Months Ended" over "September 30," over "2024   2025"
                    header_line = " / ".join(text[a:b].strip() for a, b, _c in block[:stacked])
                caption = _caption(text, block[0][0])
                note = _note_below(text, block[-1][1])
                if note and money_units(note) and not money_units(caption):
                    caption = f"{caption} {note}".strip()  # "Source: company filings. Capex, US$bn.": the units told under it
                made: list[Row] = []
                for start, end, cells in block[stacked:]:
                    row_headers = headers
                    if stacked > 1 or (len(cells) > len(head_cells) and "|" not in header_line):
                        # a header of several lines, or one indented past the row labels ("      2024A   2025E"):
                        # the header cells above each cell, by column
                        row_headers = _stacked(text, block[:stacked], start, cells)
                    made.append(Row(start, end, tuple(cells), row_headers, header_line, caption))
                for row in _unshifted(made):
                    rows[row.start] = row
        i = max(j, i + 1)
    return rows
