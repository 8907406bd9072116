"""Whose figure it is: companies and groups in a sentence, the subject carried over from earlier ones."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from typing import Final

from ..entities import EntityRegistry, Mention
from ..models import Fact, Figure, Record
from ..normalize import period_range
from ..parse.periods import PeriodMention, Reference, quarter_of
from ..parse.prefilter import Guarded, rx
from ..tables import Row
from ..text import Sentence
from ._base import _STRONG, _distance, _midpoint

# -- groups of companies ---------------------------------------------------------------
_REGION = r"(?P<region>Chinese|China['’]s|China|Mainland|U\.S\.|US|American|America['’]s|Western|Silicon\sValley)"
_GROUP_NOUN = (r"(?P<noun>cloud\s(?:service\s|computing\s)?(?:providers|players|companies|firms|giants)|hyperscalers|tech\s(?:giants|companies|firms)|"
               r"technology\s(?:giants|companies|firms)|internet\s(?:giants|companies|firms)|giants|companies|firms|players|peers|"
               r"providers|rivals|counterparts|big\stech|heavyweights|groups|hyperscale(?:rs)?)")
_GROUP = Guarded(re.compile(
    r"(?<![\w-])(?:(?:the\s)?(?:\w+\s)?(?:four|three|five|two|top|leading|biggest|largest|major|big|main|other|\d)\s){0,3}"
    + _REGION + r"\s(?:(?:top|leading|biggest|largest|major|big|cloud|tech|technology|internet|AI|hyperscale|listed|four|three|five|two|\d|"
    r"(?:cloud|tech|technology|internet|AI)\s(?:and|&))\s){0,3}"  # "U.S. cloud and internet companies"
    + _GROUP_NOUN + r"(?![\w-])"
))
_BARE_GROUP = Guarded(re.compile(r"(?<![\w-])(?:the\s)?(?:(?:big|biggest|largest|major|top)\s)?(?P<noun>[Hh]yperscalers|Big\sTech)(?![\w-])"))
_COMBINED = Guarded(re.compile(r"\b(?:combined|together|total|collectively|aggregate|jointly|between\sthem"
                               r"|insgesamt|zusammen|gemeinsam|juntas|juntos|em\sconjunto|en\sconjunto|au\stotal|ensemble)\b|合計|合计|總共|总共|共同", re.I))
_RESPECTIVELY = Guarded(re.compile(r"\b(?:respectively|respectivamente|respectivement|rispettivamente)\b", re.I))
_LIST_SEP = rx(r"\s?(?:,|and|&|,\s(?:and|y|et|e|und)|und|e|y|et|、|和|與|与|及)\s?")
# a company's legal or full name after its short one: "Microsoft Corp.", "Meta Platforms Inc."
_LEGAL_TAIL = rx(r"(?:\s(?:Corp|Corporation|Inc|Co|Ltd|Limited|Group|Holdings|Holding|Platforms|Technologies|Electronics)\.?)+")
# between two companies of a list, after the first one's legal or full name: "Microsoft Corp., Alphabet Inc. and ..."
_NAMES_SEP = rx(r"\.?(?:\.com)?(?:" + _LEGAL_TAIL.pattern.pattern + ")?" + _LIST_SEP.pattern.pattern)
_FIGURE_HEAD = rx(r"\s*(?:[-–—•*·▪►]\s*)?[+-]?")  # what may open a line before its figure: a bullet, a sign
_COMPARATOR = Guarded(re.compile(r"(?:than|like|such\sas|including|rivals?|competitors?|versus|vs\.?|over|against|outpac\w+|surpass\w*|trails?|behind|with)\s(?:\w+\s){0,2}$", re.I))
_BOUGHT = Guarded(re.compile(r"\b(?:buy|buys|bought|buying|purchas(?:e|es|ed|ing)|rent(?:s|ed|ing)?|lease[sd]?|leasing)\s(?:(?:an?|the|another|additional|incremental|about|roughly|some|up\sto|more\sthan|nearly|around)\s){0,3}(?:US)?\$?$", re.I))
_AFTER_OWNER = Guarded(re.compile(r"^\s?(?:\)\s?)?(?:for|by|at|from|in|of)\s(?:the\s)?(?:\w+\s)?$", re.I))


@dataclass
class _State:
    """What one document's reading carries from sentence to sentence."""

    registry: EntityRegistry
    ref: Reference
    text: str
    main: str | None
    mentions: list[Mention]
    cloudy: bool
    yen: bool = False  # "¥" is yen in this article
    currency: str | None = None  # the currency an amount in words without one is in ("thirty-one billion in the quarter")
    translated: bool = False  # a machine translation from Chinese, where "income" is revenue
    dominant: bool = False  # the article is about its main entity: sentences without a name are about it
    topic: str | None = None  # the metric family of the headline, for money with no word of its own
    page_topic: str | None = None  # the same read from the page's metadata title, for a list's head line
    subject: str | None = None
    subject_index: int = -10  # of the sentence that named the subject
    mention_starts: list[int] = field(default_factory=list)
    last_period: str | None = None  # the quarter the article reports (its "focus")
    focus_fye: int = 12  # the fiscal year end that label is in
    focus_of: dict[str, tuple[str, int]] = field(default_factory=dict)  # each company's own focus and its fiscal year end
    last: Fact | None = None
    money_families: Counter[str] = field(default_factory=Counter)  # of the money facts so far: the story's topic
    periods: dict[int, list[PeriodMention]] = field(default_factory=dict)  # by sentence start
    index: int = 0  # of the sentence being read
    last_index: int = -10  # of the last sentence that gave facts
    rows: dict[int, Row] = field(default_factory=dict)  # table rows by the offset of their line
    plans: dict[str, str] = field(default_factory=dict)  # entity -> period of its latest capex plan
    sentence_ref: Reference | None = None  # what the sentence's periods were read against
    table_members: dict[str, set[str]] = field(default_factory=dict)  # companies of the rows under each table header
    table_named: dict[str, bool] = field(default_factory=dict)  # whether a table's rows name companies
    head: tuple[str, str | None] | None = None  # the metric family and period of the list head ("Capex guidance for 2026:") over the bullets being read


# -- entities --------------------------------------------------------------------------
class _Ent(Record):
    """An entity, group or list of entities named in a sentence (offsets into the sentence)."""

    __match_args__ = ("start", "end", "name", "segment", "kind")
    __slots__ = __match_args__

    def __init__(self, start: int, end: int, name: str, segment: str | None, kind: str) -> None:
        self.start: Final = start
        self.end: Final = end
        self.name: Final = name
        self.segment: Final = segment
        self.kind: Final = kind


def _group_name(region: str, noun: str, cloudy: bool) -> str:
    china = region.lower().startswith(("chin", "mainland"))
    place = "China" if china else "US"
    if not china and "hyperscal" in noun.lower():
        return "US hyperscalers"  # the schema's name for them
    if cloudy or "cloud" in noun.lower() or "hyperscal" in noun.lower() or "provider" in noun.lower():
        return f"{place} top cloud providers"
    return f"{place} big tech"


def _sentence_entities(sent: Sentence, state: _State) -> list[_Ent]:
    found = [
        _Ent(m.start - sent.start, m.end - sent.start, m.entity, m.segment, m.kind)
        for m in state.mentions
        if m.start >= sent.start and m.end <= sent.end
    ]
    for match in _GROUP.finditer(sent.text):
        if any(match.start() < e.end and e.start < match.end() for e in found):
            continue
        found.append(_Ent(match.start(), match.end(), _group_name(match.group("region"), match.group("noun"), state.cloudy), None, "group"))
    for match in _BARE_GROUP.finditer(sent.text):
        if not any(match.start() < e.end and e.start < match.end() for e in found):
            found.append(_Ent(match.start(), match.end(), _group_name("US", match.group("noun"), state.cloudy), None, "group"))
    found.sort(key=lambda e: e.start)
    return _merge_lists(sent.text, found)


_CLAUSE_END = rx(r"[;:.!?]\s|,\s(?:while|whereas|but|compared|against|versus|vs\.?)\b|\swhile\s")
_EACH = rx(r"\b(?:respectively|respectivamente|respectivement|rispettivamente|each)\b", re.I)


def _combined_later(text: str, end: int) -> bool:
    """True when "combined" comes further on in the clause a list ends at ``end`` ("Alibaba, Tencent and
    Baidu are set to spend a combined $40 billion"), and no "each" or "respectively" gives each its own."""
    tail = _LEGAL_TAIL.match(text, end)  # "... and Meta Platforms Inc. are projected to report combined capex"
    after = text[tail.end() if tail else end:end + 100]
    cut = _CLAUSE_END.search(after)
    return bool(_COMBINED.search(after[:cut.start()] if cut else after)) and not _EACH.search(text)


# a list of companies that opens its sentence and spends one sum: "Microsoft, Alphabet, Amazon and Meta spent
# roughly $408 billion in 2025" is the four together (two sums, or "each", would be each its own)
_LIST_OPENS = rx(r"(?:(?:By\s\w+\s(?:count|estimates?|reckoning|tally)|In\s(?:total|all)|Last\syear|This\syear|In\s20\d\d),\s)?")
_SPEND_VERB = rx(r"(?:\.com)?(?:" + _LEGAL_TAIL.pattern.pattern + r")?\s(?:(?:have|had|has|will|would|are|were|also|all|plan\sto|expect\sto|are\sexpected\sto|are\sset\sto|intend\sto)\s){0,2}"
                 r"(?:spent|spend|invested|invest|poured|pour|put|allocated|budgeted|earmarked|committed|deployed|plowed|ploughed)\b")
_SUM = rx(r"(?:(?:US)?[$€£¥]\s?)?\d[\d.,]*\s?(?:trillion|billion|million|bn|tn|[bm]\b)|(?:US)?[$€£¥]\s?\d", re.I)
# the clause ends at "and" too, unless a second sum follows it ("$34.9 billion and $34.2 billion")
_SPEND_CLAUSE_END = rx(r",\s|;|\.\s|\s(?:while|but|whereas)\s|\sand\s(?!(?:(?:about|roughly|some|nearly|around|almost|more\sthan|over)\s)?(?:US)?[$€£¥]?\d)")
_APIECE = rx(r"\b(?:each|apiece|respectively|both|alone|individually)\b", re.I)


def _spent_together(text: str, start: int, end: int) -> bool:
    if not _LIST_OPENS.fullmatch(text, 0, start):
        return False
    verb = _SPEND_VERB.match(text, end)
    if verb is None:
        return False
    cut = _SPEND_CLAUSE_END.search(text, verb.end())
    clause = text[verb.end():cut.start() if cut else len(text)]
    return len(_SUM.findall(clause)) == 1 and not _APIECE.search(text)


def _merge_lists(text: str, ents: list[_Ent]) -> list[_Ent]:
    """Name a group for "combined capex at Baidu, Alibaba and Tencent" (names sorted, joined by +)."""
    out: list[_Ent] = []
    i = 0
    while i < len(ents):
        j = i
        while j + 1 < len(ents) and _NAMES_SEP.fullmatch(text[ents[j].end:ents[j + 1].start]):
            j += 1
        members = sorted({e.name for e in ents[i:j + 1]})
        window = text[max(0, ents[i].start - 60):ents[j].end + 25]
        if (ents[i].kind == "group" and j > i + 1 and text.startswith(", ", ents[i].end) and text.startswith(",", ents[j].end)
                and all(e.kind != "group" for e in ents[i + 1:j + 1])):
            # "The four largest US tech companies, Microsoft, Alphabet, Amazon and Meta, spent": the group, named
            out.append(_Ent(ents[i].start, ents[j].end, "+".join(sorted({e.name for e in ents[i + 1:j + 1]})), None, "list"))
        elif len(members) >= 2 and (
                (_COMBINED.possible_in(text) and (_COMBINED.search(window) or _combined_later(text, ents[j].end)))
                or (all(e.kind == "name" for e in ents[i:j + 1]) and _spent_together(text, ents[i].start, ents[j].end))):
            out.append(_Ent(ents[i].start, ents[j].end, "+".join(members), None, "list"))
        else:
            out.extend(ents[i:j + 1])
        i = j + 1
    return out


def _subject(sent: Sentence, ents: list[_Ent]) -> str | None:
    for ent in ents:
        if not _COMPARATOR.search(sent.text[max(0, ent.start - 30):ent.start]):
            return ent.name
    return ents[0].name if ents else None


# "to access Nvidia chips", "buys Huawei's Ascend processors": a supplier named by its product, not the spender
_SUPPLIED = Guarded(re.compile(r"^(?:['’]s)?\s(?:[\w-]+\s){0,2}(?:chips?|GPUs?|processors?|accelerators?|semiconductors?|servers?|hardware)\b", re.I))

# "with Microsoft included, the four are on track to spend $400 billion": the companies just named, together
_THE_N = Guarded(re.compile(r"\b(?:(?:the|these|those|all)\s(?P<big>big\s)?(?P<n>two|three|four|five|six|seven)(?:['’]s)?"
                            # "las cuatro grandes tecnológicas", "les quatre géants", "i quattro colossi", "die vier großen Konzerne"
                            r"|(?:las|los|estas|les|ces|i|gli|le|die|diese|as|os)\s(?P<n2>dos|tres|cuatro|cinco|seis|deux|trois|quatre|cinq|six|due|tre|quattro|cinque|sei|zwei|drei|vier|fünf|sechs|duas|três|quatro)"
                            r"(?P<big2>\s(?:grandes|grands|grandi|großen))?)(?!\s(?:months|quarters|years|weeks|days|halves|meses|trimestres|años|anos|mois|ans|années|mesi|trimestri|anni|Monate|Quartale|Jahre)\b)"
                            r"(?:\s(?:[\w.-]+\s){0,2}(?:companies|firms|giants|hyperscalers|groups|players|tech\sgiants|spenders|providers)['’]?)?"
                            r"\s(?:\w+,?\s|[$€¥£]?\d[\d.,]*(?:%|\s?[bm]illion|bn)?,?\s){0,8}$", re.I))
_AGAINST_CLAUSE = rx(r",\s(?:against|compared|versus|vs\.?|while|whereas)\b", re.I)
_BIG_FOUR = ("Alphabet", "Amazon", "Meta", "Microsoft")
_RANKED = rx(r"\b(?:largest|biggest|top|leading|major|richest)\b", re.I)
_REGION_WORD = rx(r"\b(?:(?P<us>US|U\.S\.|American)|(?P<china>Chinese|China's))\b")
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5,
            "due": 2, "tre": 3, "quattro": 4, "cinque": 5, "sei": 6, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6,
            "duas": 2, "três": 3, "quatro": 4}

_NAME_TAIL = rx(r"(?:\s[A-Z][\w.&]*){0,2}\.?(?:\s?\([^()]{1,30}\))?")  # "SoftBank Group", "Samsung Electronics Co.", "Quanta Computer Inc (廣達)", "Tesla (TSLA)"
_ASIDE = rx(r",\s(?:which|who|whose|that|the|a|an|its|their|one\sof|now|formerly|once|[A-Z][\w&.-]*['’]s(?=\s[a-z]))\s(?:[^,;]|,\s(?=[A-Z][\w&.-]*(?:,|\sand\s)))*?,\s(?![A-Z][\w&.-]*(?:,|\sand\s))")


_UNNAMED_SUBJECT = rx(r"(?:(?:But|And|Meanwhile|Still)\s)?(?:The|This|That|Its|Their|Our)\s(?:[a-z][\w-]*\s){0,3}[a-z][\w-]*")


def _asides(text: str) -> list[tuple[int, int]]:
    """The spans of ``_ASIDE`` in a sentence, found once for all its figures."""
    global _asides_seen
    if _asides_seen[0] is not text:
        _asides_seen = (text, [(m.start(), m.end()) for m in _ASIDE.finditer(text)] if _ASIDE.possible_in(text) else [])
    return _asides_seen[1]


_asides_seen: tuple[str, list[tuple[int, int]]] = ("", [])


def _entity_for(sent: Sentence, fig: Figure, ents: list[_Ent], state: _State) -> _Ent | None:
    text = sent.text
    together = _THE_N.search(text, max(0, fig.start - 80), fig.start) if _THE_N.possible_in(text) else None
    if together is not None and (_STRONG.search(text, together.start(), fig.start) or _AGAINST_CLAUSE.search(text, together.start(), fig.start)):
        together = None  # "those four reaching 29% ..., against 14% for Alibaba and Tencent": another clause's figure
    region = _REGION_WORD.search(together.group(0)) if together is not None else None
    # "the five Chinese companies'": the Chinese ones named; "the four largest US hyperscalers" is a kind, not a list
    if together is not None and not (region and _RANKED.search(together.group(0))):
        n = _NUMBERS[(together.group("n") or together.group("n2")).lower()]
        big = together.group("big") is not None or together.group("big2") is not None
        wanted = region.lastgroup if region else ("us" if big else None)  # "the big four": the four US spenders
        names = sorted({e.name for e in ents if e.kind in ("name", "ticker") and e.end <= fig.start
                        and (wanted is None or state.registry.region(e.name) == wanted)})
        if not any(e.end <= fig.start for e in ents) or (wanted and len(names) != n):
            names = sorted(_named_before(state, sent.start, n, wanted))  # "Together, the three spent ...": those named before
        if len(names) == n:
            return _Ent(together.start(), together.end(), "+".join(names), None, "list")
        if big and n == 4:
            # "the big four": by custom Alphabet, Amazon, Meta and Microsoft, when the story has named them
            named = {m.entity for m in state.mentions[:bisect_left(state.mention_starts, sent.start)]}
            name = "+".join(_BIG_FOUR) if named.issuperset(_BIG_FOUR) else "US hyperscalers"
            return _Ent(together.start(), together.end(), name, None, "list" if "+" in name else "group")
    if len(ents) > 0 and (state.subject or state.main) and _SUPPLIED.possible_in(text):
        ents = [e for e in ents if e.kind == "ticker" or not _SUPPLIED.match(text[e.end:e.end + 40])]
    # "... $291 billion by the top US players", "94% for US companies", "200 models in the Qwen family"
    bought = _BOUGHT.search(text, max(0, fig.start - 40), fig.start) if _BOUGHT.possible_in(text) else None
    if bought is not None:  # "agreed to buy $250 billion of Azure services from Microsoft": the seller's, not the owner
        ents = [e for e in ents if e.start < fig.start]
    if _FIGURE_HEAD.fullmatch(text, 0, fig.start) and text.startswith(":", fig.end):
        # "$91B–$93B: Alphabet's new 2025 capex range": a by-the-numbers line names whose figure it is after the colon
        after = [e for e in ents if e.start > fig.end]
        if after:
            return next((e for e in after if e.kind == "list" and e.start == after[0].start), after[0])
    for ent in ents:
        if ent.start >= fig.end and ent.start - fig.end <= 30 and _AFTER_OWNER.match(text[fig.end:ent.start]):
            return ent
        if ent.start >= fig.end and rx(r"\s?['‘’\"“]?").fullmatch(text[fig.end:ent.start]) and ent.kind == "name":
            return ent  # "$500 billion Stargate AI infrastructure project"
    # "SK hynix, which supplies Nvidia, posted revenue of ...": a company named inside an aside
    # about the subject, closed before the figure, is not the figure's owner
    asides = [(a, b) for a, b in _asides(text) if b <= fig.start
              and any(e.end <= a and e.kind in ("name", "ticker") and _NAME_TAIL.fullmatch(text, e.end, a) for e in ents)] \
        if len(ents) > 1 else []
    # "The operator, which counts Microsoft among its tenants, spent ...": the unnamed subject is
    # the story's company; the one named in the aside about it is not the figure's owner
    shut = [(a, b) for a, b in _asides(text) if b <= fig.start and _UNNAMED_SUBJECT.fullmatch(text, 0, a)] \
        if (state.subject or state.main) and "," in text[:fig.start] else []
    best, best_d = None, 1e9
    for ent in ents:
        if shut and any(a < ent.start and ent.end < b for a, b in shut):
            continue
        if ent.end <= fig.start:
            d = _distance(text, fig, ent.start, ent.end)
            inside = [b - a for a, b in asides if a < ent.start and ent.end < b]
            if inside:
                d += 80 + inside[0]  # farther than the name before the aside, however long the aside
        elif _STRONG.search(text[fig.end:ent.start]):
            continue  # "revenue rose 2%, ... while Cloud Intelligence Group revenue grew": another clause's subject
        else:
            d = _distance(text, fig, ent.start, ent.end, right_factor=3.0) + 30
        close_before = ent.end <= fig.start and fig.start - ent.end <= 4  # "Huawei Cloud (18%)"
        if not close_before and _COMPARATOR.search(text[max(0, ent.start - 30):ent.start]) and not text[ent.end:ent.end + 3].startswith(("'s", "’s")):
            d += 80  # "surpassed US peers", "rivals like Tencent": not the figure's owner
        if d < best_d:
            best, best_d = ent, d
    if best is not None and best.start >= fig.end and best_d > 150 and (state.subject or state.main):
        return None  # "rose 60% to $38.5 billion, boosted by a $7.6 billion gain from ... OpenAI": far off, not the owner
    return best


def _named_before(state: _State, start: int, n: int, region: str | None = None) -> set[str]:
    """The ``n`` companies (of ``region``, if given) named before ``start``: in its paragraph, or
    going back paragraph by paragraph until ``n`` are named (none if a paragraph brings the count past ``n``)."""
    names: set[str] = set()
    end, floor = start, max(0, start - 2000)
    while end > floor and len(names) < n:
        lo = max(state.text.rfind("\n\n", floor, end - 1), floor)
        i, j = bisect_left(state.mention_starts, lo), bisect_left(state.mention_starts, end)
        names.update(m.entity for m in state.mentions[i:j] if region is None or state.registry.region(m.entity) == region)
        end = lo
    return names if len(names) == n else set()


# -- one figure ------------------------------------------------------------------------
def _first_mention(sent: Sentence, mentions: list[Mention], starts: list[int]) -> Mention | None:
    """The first entity mention inside the sentence (``starts`` are the mentions' offsets, sorted)."""
    i = bisect_left(starts, sent.start)
    return mentions[i] if i < len(mentions) and mentions[i].start < sent.end else None


def _note_subject(sent: Sentence, state: _State) -> None:
    """A sentence without figures that opens with a company is about it: "Alibaba remains the
    biggest spender. Its $53 billion pledge ..." (tickers and products do not count)."""
    m = _first_mention(sent, state.mentions, state.mention_starts)
    if m is not None and m.end <= sent.end and _OPENS.fullmatch(state.text, sent.start, m.start) \
            and (m.kind == "name" or m.entity == state.subject):
        # "iPhone revenue missed by a hair.": still about Apple, its product's company
        state.subject, state.subject_index = m.entity, state.index


_OPENS = rx(r"(?:[A-Z][a-z]+(?:\s[a-z][\w'’-]*){0,3},\s)?(?:(?:The|But|And|Meanwhile,?|Still,?|Rival|Peer)\s)?")  # "Among local players, ..."


def _focus(state: _State, entity: str) -> str | None:
    """The quarter the article reports, in the entity's terms: the latest the article names for
    the entity itself where its fiscal calendar is not the one the article's focus is in; a December company's calendar
    quarter where the story speaks in another company's fiscal labels (Microsoft's FY2026Q1 is
    Meta's 2025Q3)."""
    label, focus_fye = state.last_period, state.focus_fye
    fye = state.registry.fiscal_year_end(entity)
    if fye != 12 and fye != focus_fye and entity in state.focus_of:
        label, focus_fye = state.focus_of[entity]  # Nvidia's own latest quarter in a story led by Oracle's
    if label is None or "Q" not in label:
        return label
    if label.startswith("FY") and fye == focus_fye:
        return label
    span = period_range(label, fiscal_year_end=focus_fye)
    if span is None:
        return label
    year, quarter = quarter_of(_midpoint(span.start, span.end))
    return f"{year}Q{quarter}"
