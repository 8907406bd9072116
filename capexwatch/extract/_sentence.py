"""One sentence → its facts: the figures, their owners, lists and tables together."""

from __future__ import annotations

from dataclasses import replace

from .. import cues as C
from ..models import Fact, Figure
from ..parse.figures import find_figures
from ..parse.periods import find_periods
from ..parse.prefilter import rx
from ..text import Sentence
from ._figure import (
    _INHERIT,
    _SHARE_OF_SPENDING,
    _SHARE_TO,
    _company_moved,
    _fact_for_figure,
    _ignored_after,
    base_family,
)
from ._lists import (
    _AGAINST,
    _ELLIPSIS,
    _FOR_WHOM,
    _YEAR_BY_YEAR,
    _backfill_list,
    _respectively,
    _year_by_year,
)
from ._owners import _note_subject, _sentence_entities, _State, _subject
from ._tables import _BELOW, _period_lists, _table_facts
from ._timing import _YEAR_AGO


def _facts_for_sentence(sent: Sentence, state: _State, doc: str) -> list[Fact]:
    text = sent.text
    figures = find_figures(text, yen=state.yen, currency=state.currency)
    row = state.rows.get(state.text.rfind("\n", 0, sent.start) + 1) if state.rows else None
    if row is not None:  # a table row: its plain numbers are figures too ("| Meta | 17.0 | 19.4 |")
        return _table_facts(sent, row, figures, _sentence_entities(sent, state), state, doc)
    if not figures:
        _note_subject(sent, state)
        return []
    ents = _sentence_entities(sent, state)
    subject = _subject(sent, ents)
    cues = C.find_cues(text)
    if state.translated and cues:  # "realizes the income 1,845.0 亿元": a translation of 收入, revenue
        cues = [C.Cue(c.start, c.end, "revenue", 2) if c.family == "ignored" and text[c.start:c.end].lower() == "income" else c
                for c in cues]
    fiscal_end = state.registry.fiscal_year_end(subject or state.subject or state.main or "")
    ref = replace(state.ref, fiscal_year_end=fiscal_end) if fiscal_end != state.ref.fiscal_year_end else state.ref
    if ref.fiscal_label_year is not None and (fiscal_end == 12 or (fiscal_end != state.ref.fiscal_year_end and state.ref.fiscal_year_end != 12)):
        # Meta's "fourth quarter" in a story that also has Microsoft's fiscal ones; Microsoft's "fiscal third
        # quarter" in a story told in Nvidia's fiscal years: its own calendar, from the article's date
        ref = replace(ref, fiscal_label_year=None)
    periods = state.periods[sent.start] if ref == state.ref and sent.start in state.periods else find_periods(text, ref)
    state.sentence_ref = ref
    pairs = _respectively(text, figures, ents, cues)
    listed = _period_lists(text, figures, ref) if "months" in text and len(figures) >= 2 else {}
    out: list[Fact] = []
    prev_in_sentence: Fact | None = None
    prev_fig: Figure | None = None
    kept: list[Figure] = []  # the figures of ``out``
    split = False  # "60% of the investment went to servers and 40% to data centers": shares of a sum, not changes
    for fig in figures:
        if fig.kind == "percent" and (_SHARE_OF_SPENDING.match(text, fig.end) or (split and _SHARE_TO.match(text, fig.end))):
            split = True
            continue
        ent_override, fam_override = pairs.get(fig.start, (None, None))
        if fam_override is None and prev_fig is not None and prev_in_sentence is not None and prev_fig.kind == fig.kind:
            # a list: "against 45% at Microsoft, 38% at Meta and 23% at Alphabet"
            between = text[prev_fig.end:fig.start]
            if len(between) < 45 and rx(r"(?:,|\band|;)\s").search(between) and not any(
                    c.start >= prev_fig.end and c.end <= fig.start for c in cues) and _ignored_after(text, fig, cues) is None \
                    and not (base_family(prev_in_sentence.metric) in ("capex", "net_income", "free_cash_flow", "eps")  # "capex $34.9B, Azure +40%"
                             and any(e.kind == "unit" and e.segment and prev_fig.end <= e.start and e.end <= fig.start for e in ents)) \
                    and not (fig.kind == "percent" and _company_moved(text, fig, ents, None)):  # "..., and Oracle slid 6.6%"
                fam_override = base_family(prev_in_sentence.metric)
        if fam_override is None and prev_fig is not None and prev_in_sentence is not None and prev_fig.kind == fig.kind \
                and (_ELLIPSIS.search(text, max(prev_fig.end, fig.start - 80), fig.start)
                     or (_AGAINST.search(text, max(prev_fig.end, fig.start - 30), fig.start) and _FOR_WHOM.match(text, fig.end))):
            fam_override = base_family(prev_in_sentence.metric)  # "At Meta, capex took 36% of revenue; at Microsoft, 32%"
        fact = _fact_for_figure(sent, fig, ents, cues, periods, state, doc, ent_override, fam_override, prev_in_sentence, subject)
        if fact is not None:
            if listed and fig.start in listed:
                fact = replace(fact, period=listed[fig.start])
            out.append(fact)
            if fact.metric == "capex_plan" and fact.period != "unknown":
                state.plans[fact.entity] = fact.period
            prev_in_sentence = fact
            prev_fig = fig
            kept.append(fig)
    if kept and len(kept) < len(figures):
        _backfill_list(sent, figures, kept, out, ents, cues, periods, state, doc, subject)
    if len(out) >= 3 and _YEAR_BY_YEAR.possible_in(text):
        out = _year_by_year(text, out, kept)
    if not out:  # "KDDI is converting a plant ..., at a cost of roughly 100 billion yen.": no fact, still about KDDI
        _note_subject(sent, state)
    elif subject and all(f.metric == "stock_change" for f in out) and len({f.entity for f in out}) > 1:
        pass  # "Alibaba's stock slipped 1.6%, while Baidu added 0.8%": peers on the market, not whom the story goes on about
    elif subject:
        # whom the facts are about: not "... boosted by a gain from the recapitalisation of OpenAI"
        if subject not in {f.entity for f in out} and out[-1].entity in state.registry.entities:
            subject = out[-1].entity
        state.subject, state.subject_index = subject, state.index
    elif state.subject is not None and state.subject_index == state.index - 1 and all(f.entity == state.subject for f in out):
        state.subject_index = state.index  # "The group spent RMB 31.5 bln ...": still about the company just named
    if out:
        # what the next sentence goes on about: the last figure not "from 33% a year earlier"
        state.last = next((f for f, g in zip(reversed(out), reversed(kept), strict=True)
                           if not _YEAR_AGO.search(text[g.end:g.end + 50]) and not _INHERIT.search(text[max(0, g.start - 40):g.start])
                           and not _BELOW.search(text[max(0, g.start - 30):g.start])),
                          out[-1])
    return out
