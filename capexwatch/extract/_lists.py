"""Figures in lists: "respectively", parallel lists, a list's missing owners, year-by-year series."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

from .. import cues as C
from ..models import Fact, Figure
from ..parse.periods import PeriodMention
from ..parse.prefilter import Guarded, rx
from ..text import Sentence
from ._base import _DIGIT
from ._figure import _fact_for_figure, base_family
from ._owners import _LIST_SEP, _NUMBERS, _RESPECTIVELY, _Ent, _State

_LIST_JOIN = Guarded(re.compile(r"(?:,|\band|;|\balongside|\bcompare[sd]?\swith|\bversus|\bvs\.?|\bas\swell\sas|\balong\swith|\bplus)\s"))
_POSSESSIVE_BEFORE = Guarded(re.compile(r"\w['’]s\s(?:(?:about|roughly|around|nearly|some|approximately|estimated)\s)?$"))


def _backfill_list(sent: Sentence, figures: list[Figure], kept: list[Figure], out: list[Fact], ents: list[_Ent],
                   cues: list[C.Cue], periods: list[PeriodMention], state: _State, doc: str, subject: str | None) -> None:
    """Give the figures of a possessive list the metric of the last one, whose words come after it:
    "Alphabet's $91–93 billion range sits alongside Amazon's roughly $125 billion and Meta's $70–72 billion
    ... to spend" (the list rule in :func:`_facts_for_sentence` carries a metric forward only)."""
    text = sent.text
    by_figure = {id(g): f for g, f in zip(kept, out, strict=True)}
    for i in range(len(figures) - 2, -1, -1):
        fig, after = figures[i], figures[i + 1]
        following = by_figure.get(id(after))
        if id(fig) in by_figure or following is None or fig.kind != "money" or after.kind != "money":
            continue
        between = text[fig.end:after.start]
        if len(between) > 50 or not _LIST_JOIN.search(between) or not _POSSESSIVE_BEFORE.search(text, max(0, fig.start - 40), fig.start) \
                or any(c.start >= fig.end and c.end <= after.start for c in cues):
            continue
        fact = _fact_for_figure(sent, fig, ents, cues, periods, state, doc, None, base_family(following.metric), None, subject)
        if fact is not None:
            if fact.metric == "capex" and following.metric == "capex_plan" and fact.period == following.period:
                fact = replace(fact, metric="capex_plan")  # one list, one kind of figure
            by_figure[id(fig)] = fact
    if len(by_figure) > len(out):
        order = [by_figure[id(g)] for g in figures if id(g) in by_figure]
        kept[:] = [g for g in figures if id(g) in by_figure]
        out[:] = order


# A clause that names only whom the figure is of: the metric is the one just given ("...; at Microsoft,
# 32%", "; for Alibaba, Tencent and Baidu combined, the figure was closer to 13%")
_ELLIPSIS = rx(r"[;,]\s(?:and\s|while\s|but\s|whereas\s)?(?:at|for|in|with)\s[^;.]{1,50}?,\s(?:the\s(?:figure|ratio|number|share|proportion)\s(?:was|is|stood\sat|came\sto|came\sin\sat)\s)?"
               r"(?:about\s|roughly\s|around\s|nearly\s|barely\s|just\s|only\s|closer\sto\s|some\s|almost\s)?$", re.I)
# "..., against 20% for Microsoft": the same metric, of the company named after it
_AGAINST = rx(r"[;,]\s(?:against|versus|vs\.?|compared\s(?:with|to))\s(?:about\s|roughly\s|around\s|nearly\s|some\s|just\s)?$", re.I)
_FOR_WHOM = rx(r"\s(?:for|at)\s")

_YEAR_BY_YEAR = rx(r"\bover\sthe\s(?:subsequent|following|next)\s(?P<n>two|three|four|five|six|[2-6])\s(?:fiscal\s)?years\b", re.I)


def _year_by_year(text: str, out: list[Fact], kept: list[Figure]) -> list[Fact]:
    """A forecast told year by year after a first year: "$18 billion this fiscal year, and then
    $32 billion, $73 billion, $114 billion and $144 billion over the subsequent four years" gives
    each listed figure the next year in turn (FY2027 to FY2030), not the first year's."""
    match = _YEAR_BY_YEAR.search(text)
    if match is None or len(out) != len(kept):
        return out
    word = match.group("n").lower()
    n = int(word) if word.isdigit() else _NUMBERS[word]
    before = [i for i, g in enumerate(kept) if g.end <= match.start()]
    if len(before) < n + 1:
        return out
    run, first = before[-n:], before[-n - 1]
    year = rx(r"(FY)?(\d{4})").fullmatch(out[first].period)
    if year is None or any(out[i].metric != out[first].metric for i in run) \
            or not all(_LIST_SEP.fullmatch(text, kept[a].end, kept[b].start) for a, b in zip(run, run[1:], strict=False)):
        return out
    prefix, start = year.group(1) or "", int(year.group(2))
    out = list(out)
    for k, i in enumerate(run, 1):
        out[i] = replace(out[i], period=f"{prefix}{start + k}")
    return out


def _respectively(text: str, figures: list[Figure], ents: list[_Ent], cues: list[C.Cue]) -> dict[int, tuple[_Ent | None, str | None]]:
    """Pair "A and B rose 80.3% and 50%, respectively" (entities) or "revenue and EPS growth of 6.83% and 6.52%"."""
    pairs: dict[int, tuple[_Ent | None, str | None]] = {}
    for match in _RESPECTIVELY.finditer(text):
        run = [f for f in figures if f.end <= match.start()]
        if not run:
            continue
        group = [run[-1]]
        for f in reversed(run[:-1]):
            if _LIST_SEP.fullmatch(text[f.end:group[0].start]) and f.kind == group[0].kind:
                group.insert(0, f)
            else:
                break
        if len(group) < 2:
            continue
        k = len(group)
        after = [e for e in ents if e.start >= group[-1].end and e.end <= match.start()]
        if len(after) == k and len({e.name for e in after}) == k:  # "45% and 38% of revenue at Microsoft and Meta, respectively"
            for f, e in zip(group, after, strict=True):
                pairs[f.start] = (e, None)
            continue
        before = [e for e in ents if e.end <= group[0].start]
        if len(before) >= k:
            chosen = before[-k:]
            if len({e.name for e in chosen}) == k:
                for f, e in zip(group, chosen, strict=True):
                    pairs[f.start] = (e, None)
                continue
        fams = [c for c in cues if c.end <= group[0].start and c.family not in ("ignored",)]
        if len(fams) >= k:
            for f, c in zip(group, fams[-k:], strict=True):
                pairs[f.start] = (None, c.family)
    if not pairs and len(figures) >= 2:
        pairs = _parallel_lists(text, figures, ents, cues)
    return pairs


def _listed(text: str, spans: list[tuple[int, int]], k: int, end: int) -> bool:
    """True when the last ``k`` of ``spans`` (all before ``end``) are one list of ``k`` ("A, B and C") close to ``end``."""
    chosen = spans[-k:]
    gap = text[chosen[-1][1]:end]
    return (len(gap) <= 40 and not _DIGIT.search(gap)
            and all(_LIST_SEP.fullmatch(text[a[1]:b[0]]) for a, b in itertools.pairwise(chosen))
            and not (len(spans) > k and _LIST_SEP.fullmatch(text[spans[-k - 1][1]:chosen[0][0]])))


def _parallel_lists(text: str, figures: list[Figure], ents: list[_Ent], cues: list[C.Cue]) -> dict[int, tuple[_Ent | None, str | None]]:
    """Pair a list of companies or metrics with the list of figures after it, without "respectively":
    "Alibaba Cloud, Huawei Cloud, Tencent Cloud and Baidu AI Cloud held 36%, 18%, 9% and 8% of the market",
    "cloud revenue and net income rose 26% and 9%"."""
    pairs: dict[int, tuple[_Ent | None, str | None]] = {}
    i = 0
    while i < len(figures):
        j = i
        while j + 1 < len(figures) and figures[j + 1].kind == figures[i].kind and _LIST_SEP.fullmatch(text[figures[j].end:figures[j + 1].start]):
            j += 1
        run, i = figures[i:j + 1], j + 1
        k = len(run)
        if k < 2:
            continue
        before = [e for e in ents if e.end <= run[0].start and e.kind != "list"]
        if len(before) >= k and len({e.name for e in before[-k:]}) == k and _listed(text, [(e.start, e.end) for e in before], k, run[0].start):
            for f, e in zip(run, before[-k:], strict=True):
                pairs[f.start] = (e, None)
            continue
        named = [c for c in cues if c.end <= run[0].start and c.family != "ignored"]
        if len(named) >= k and len({c.family for c in named[-k:]}) == k and _listed(text, [(c.start, c.end) for c in named], k, run[0].start):
            for f, c in zip(run, named[-k:], strict=True):
                pairs[f.start] = (None, c.family)
    return pairs
