"""What every step of the reader shares: its version, and how far apart two things are in a sentence."""

from __future__ import annotations

import datetime as dt
import re

from ..models import Figure
from ..parse.prefilter import Guarded, hinted

STEP = "capexwatch.rules.v1"

# Penalties (in characters) for clause boundaries between a figure and a word that could explain it.
_STRONG = Guarded(re.compile(r";|\s[—–]\s|—|\bwhile\b|\bbut\b|\bwhereas\b|\bversus\b|\bcompared\s(?:with|to)\b|\bhowever\b|:\s"
                             r"|\bmentre\b|\btandis\sque\b|\balors\sque\b|\bmientras\sque\b"))  # "while" in Italian, French, Spanish
_WEAK = hinted(re.compile(r",\s|\band\b|\(|\)"))


def _boundaries(text: str, a: int, b: int) -> int:
    if b <= a:
        return 0
    gap = text[a:b]
    strong = len(_STRONG.findall(gap)) if _STRONG.possible_in(text) else 0  # most sentences have none
    return 40 * strong + 6 * len(_WEAK.findall(gap))


def _distance(text: str, fig: Figure, start: int, end: int, *, right_factor: float = 1.6) -> float:
    if end <= fig.start:
        return (fig.start - end) + _boundaries(text, end, fig.start)
    if start >= fig.end:
        d = (start - fig.end) * right_factor + _boundaries(text, fig.end, start) * 1.5
        if start >= fig.end + 4 and text.startswith(" as ", fig.end):
            d += 60  # "revenue rises 12% as AI spending nearly doubles": the as-clause has a subject of its own
        return d
    return 0.0


_DIGIT = re.compile(r"\d")


def _midpoint(start: dt.date, end: dt.date) -> dt.date:
    """The middle day of a span: the calendar quarter it falls in holds most of a fiscal quarter
    (Nvidia's November-to-January quarter is mostly the December quarter).

    >>> _midpoint(dt.date(2025, 11, 1), dt.date(2026, 1, 31))
    datetime.date(2025, 12, 16)
    """
    return start + (end - start) / 2
