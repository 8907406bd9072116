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
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Final

from . import cues as C
from .entities import EntityRegistry, Mention, default_registry
from .models import Alt, Article, Fact, Figure, Record
from .normalize import period_range
from .parse._currencies import PREFIXES
from .parse.dates import MONTHS, as_date, dated_parts, reference_year, year_counts
from .parse.figures import SCALES, find_figures
from .parse.periods import (
    PeriodMention,
    Reference,
    defined_periods,
    find_periods,
    is_base,
    quarter_before,
    quarter_of,
    year_before,
)
from .parse.prefilter import Guarded, hinted, rx
from .tables import CURRENCY_SYMBOL, YEAR_CELL, Row, cell_units, find_rows, money_units
from .text import ACRONYMS, Sentence, split_sentences, unshout

__all__ = ["STEP", "extract_article", "extract_facts"]

STEP = "capexwatch.rules.v1"

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
_BARE_GROUP = Guarded(re.compile(r"(?<![\w-])(?:the\s)?(?:(?:big|biggest|largest|major|top)\s)?(?P<noun>hyperscalers|Big\sTech)(?![\w-])"))
_COMBINED = Guarded(re.compile(r"\b(?:combined|together|total|collectively|aggregate|jointly|between\sthem"
                               r"|insgesamt|zusammen|gemeinsam|juntas|juntos|em\sconjunto|en\sconjunto|au\stotal|ensemble)\b|合計|合计|總共|总共|共同", re.I))
_RESPECTIVELY = Guarded(re.compile(r"\brespectively\b", re.I))
_LIST_SEP = rx(r"\s?(?:,|and|&|,\sand|und|e|y|et|、|和|與|与|及)\s?")
# a company's legal or full name after its short one: "Microsoft Corp.", "Meta Platforms Inc."
_LEGAL_TAIL = rx(r"(?:\s(?:Corp|Corporation|Inc|Co|Ltd|Limited|Group|Holdings|Holding|Platforms|Technologies|Electronics)\.?)+")
# between two companies of a list, after the first one's legal or full name: "Microsoft Corp., Alphabet Inc. and ..."
_NAMES_SEP = rx(r"\.?(?:\.com)?(?:" + _LEGAL_TAIL.pattern.pattern + ")?" + _LIST_SEP.pattern.pattern)
_COMPARATOR = Guarded(re.compile(r"(?:than|like|such\sas|including|rivals?|competitors?|versus|vs\.?|over|against|outpac\w+|surpass\w*|trails?|behind|with)\s(?:\w+\s){0,2}$", re.I))
_BOUGHT = Guarded(re.compile(r"\b(?:buy|buys|bought|buying|purchas(?:e|es|ed|ing)|rent(?:s|ed|ing)?|lease[sd]?|leasing)\s(?:(?:an?|the|another|additional|incremental|about|roughly|some|up\sto|more\sthan|nearly|around)\s){0,3}(?:US)?\$?$", re.I))
_AFTER_OWNER = Guarded(re.compile(r"^\s?(?:\)\s?)?(?:for|by|at|from|in|of)\s(?:the\s)?(?:\w+\s)?$", re.I))
# "closed 2.6 percent lower", "ended the session down 3%": a move of the share price
_CLOSED_MOVE = Guarded(re.compile(r"\b(?:closed|ended|finished|settled)\s(?:the\s(?:day|session|week)\s)?(?:(?:up|down)\s)?(?:about\s|nearly\s|almost\s|some\s)?$", re.I))
_MOVE_AFTER = Guarded(re.compile(r"\s(?:higher|lower|up|down)\b", re.I))
_INHERIT = Guarded(re.compile(r"(?:up|down|rising|rose|increas\w+|grow\w+|climb\w+)?\s?(?:from|compared\s(?:with|to)|versus|vs\.?|against)\s(?:a\s|an\s|the\s)?"
                              r"(?:(?:its|our|their|the)\s(?:prior|previous|earlier|original|old)\s(?:expectation|guidance|forecast|outlook|estimate|range|target|view)\s(?:of\s)?)?"  # "compared to our prior expectation of"
                              r"(?:about\s|roughly\s|approximately\s|around\s|nearly\s)?$", re.I))
_BENCHMARK_LEFT = Guarded(re.compile(
    r"(?:estimates?:?|(?<![\w.])est\.|consensus:?|expectations?|projections?|forecasts?|expected|projected|anticipated|Street|LSEG|FactSet|"
    r"Visible\sAlpha|(?:analysts?|Street|investors)\s(?:had\s)?(?:on\saverage\s)?(?:expected|projected|estimated|forecast|polled)(?:\s[\w-]+){0,3}\sof|"
    r"(?:analysts?|Street|investors)\s(?:had\s|were\s|have\s)?(?:been\s)?(?:looking|hoping)\sfor|"
    r"street\s(?:wanted|expected|was\sat)|beat(?:ing|s)?\s(?:the\s|an?\s)?(?:average\s|consensus\s)?|"
    r"compared\swith\sexpectations\sof)(?:\s(?:\w+\s)?(?:of|for|at|was|were|had|calling\sfor|by))?\s(?:~|about\s|around\s|roughly\s|some\s|an?\s)?$",
    re.I,
))
_BENCHMARK_RIGHT = Guarded(re.compile(r"^\s?(?:\)\s?)?(?!(?:was|were|is|are)\s)(?:\w+\s)?(?:consensus|estimates?|whisper(?:\snumber)?|expected\sby|forecast\sby|Street|(?:that\s)?analysts?\s(?:had\s)?(?:on\saverage\s)?(?:expected|forecast|estimated|projected|polled|had)|(?:\w+\s)?average\sof\sanalyst|(?:average|mean|median)\s(?:of\s(?:\d+\s|the\s)?)?(?:analyst\s|analysts['’]?\s)?(?:estimate|forecast|projection)s?|above|below|ahead\sof(?!\s(?:its|their|the|this|next|a)(?:\s[\w-]+){0,3}?\s(?:results|earnings|report|release|call|meeting|event|launch|listing|IPO|holidays?|deadline|decision|vote|data))|short\sof|more\sthan\s(?:analysts|expected|Wall)|less\sthan\sexpected|in\sline\swith)\b", re.I))
# the second of "$X vs. $Y expected": what was expected, set against the figure reported
# money put into a company named by what it does: "$8 billion in the startup", "investment in the ChatGPT maker"
_IN_ANOTHER = rx(r"\s?(?:[\w-]+\s){0,2}in\s(?:the|a|an)\s(?:[\w-]+\s){0,2}(?:maker|developer|start-?up|AI\slab|owner)(?![\w'’-])", re.I)
# the gap between two items of one list, each with what it is for: "40.9 trillion won for chips and 3.3 trillion won"
_LIST_ITEM_GAP = rx(r"\s(?:for|on|in|to|of)\s(?:its\s|the\s|their\s)?[\w'’ -]{1,40}?(?:,\sand|,|\sand|;)\s(?:another\s|a\sfurther\s)?")


def _next_item(text: str, before: str, fig: Figure) -> bool:
    """True when ``fig`` is the item of a list after the figure ``before`` ("40.9 trillion won for chips and 3.3 trillion won")."""
    at = text.rfind(before, 0, fig.start)
    return at >= 0 and _LIST_ITEM_GAP.fullmatch(text, at + len(before), fig.start) is not None
_VERSUS = Guarded(re.compile(r"\b(?:vs\.?|versus)\s$", re.I))
_BEAT_RIGHT = Guarded(re.compile(r"^\s?(?:beat|miss|surprise)(?=\s?(?:[)|,;]|$))", re.I))
_EXPECTED_RIGHT = Guarded(re.compile(r"^\s?\(?(?:expected|est\.?|estimated?|estimates|consensus|forecast|projected|anticipated)(?!\s(?:to|in|for|next|this)\b)(?=\W|$)", re.I))
# a headline's figure of speech: "The $600 Billion Question"
_QUESTION_RIGHT = rx(r"\s(?:question|conundrum|puzzle|riddle)\b", re.I)
# "beat consensus ~$55.45B by ~1.5%", "topped estimates by $2 billion": the size of a beat or miss
_BEAT_BY = Guarded(re.compile(r"\b(?:beat(?:s|ing)?|top(?:ped|s|ping)|exceed(?:ed|s|ing)|miss(?:ed|es|ing)?|surpass(?:ed|es|ing)|outpac\w+)\s(?:\S+\s){0,5}by\s(?:~|about\s|around\s|roughly\s|some\s|nearly\s|almost\s|an?\s)?$", re.I))
_INDEX = (r"(?:S&P\s?500|S&P|Nasdaq(?:\sComposite|\s100)?|Dow(?:\sJones)?(?:\sIndustrial\sAverage)?|Hang\sSeng(?:\sTech)?|Nikkei(?:\s225)?|"
          r"Kospi|KOSPI|Nifty(?:\s50)?|Sensex|TOPIX|Topix|Taiex|TAIEX|DAX|CAC\s40|ASX\s200|CSI\s300|Shanghai\sComposite|STOXX(?:\s\d+)?|FTSE(?:\s\d+)?|benchmark|broader\smarket|market|(?<=[Tt]he\s)index|(?:[A-Z][\w&-]*\s){1,3}[Ii]ndex|(?:[\w-]+\s){0,2}(?:bond|Treasury|Bund|JGB)\syields?)(?:\s(?:index|Index))?")
_INDEX_MOVE_RIGHT = Guarded(re.compile(
    r"^\s?(?:gain|rise|advance|increase|decline|drop|fall|slide|loss|move|jump|rally)s?\s(?:of|in|for|by)\s(?:the\s)?(?:[\w&-]+\s)?" + _INDEX + r"\b"))
_INDEX_MOVE_LEFT = Guarded(re.compile(
    r"\b" + _INDEX + r"\s(?:(?:has|had|was|is|have)\s)?(?:rose|fell|gained|lost|slid|climbed|dropped|added|advanced|declined|"
    r"up|down|rallied|jumped|tumbled|slipped|sank|surged|soared|plunged|dipped|eased|shed|slumped|retreated|rebounded|"
    r"edged\s(?:up|down|higher|lower)|(?:closed|ended|finished|settled)(?:\s(?:the\s)?(?:day|session|week))?(?:\s(?:up|down))?)"
    r"\s(?:back\s)?(?:above\s|below\s)?(?:about\s|roughly\s|nearly\s|some\s|by\s)?$"
    r"|\b" + _INDEX + r"['’]s\s(?:about\s|roughly\s|nearly\s|some\s)?$"))  # "outperforming the Nifty 50's 10% gain"
_SHARE_OF_OTHER = rx(r"\s?(?:%|percent|per\scent)?\s(?:of|in)\s(?:its\s|their\s|the\s|total\s)?(?:[\w-]+['’]s\s)?(?:combined\s|annual\s|group\s)?"
                     r"(?:operating\s|free\s)?(?:cash\sflows?|profits?|earnings|EBITDA|assets|GDP)\b", re.I)
_RETURN_ON = rx(r"\s?(?:%|percent|per\scent)?\s(?:annual\s)?returns?\son\b", re.I)
_RETURN_ON_LEFT = rx(r"\breturns?\son\s(?:the\s|that\s|about\s|roughly\s)?$", re.I)
_WOULD_NEED = rx(r"\bwould\s(?:need|have)\sto\s(?:[\w-]+\s){0,3}$", re.I)
# a sum worked out under a supposition: "If cloud revenue were to compound at 20% a year, it would hit
# roughly 55 billion yuan", "If I assume capex grows another 25%": the figures of both clauses
_SUPPOSING = rx(r"[\"“]?(?:If|Suppose|Assuming)\s(?=[^,;]*?\b(?:were\sto|was\sto|assum\w*|suppos\w*|hypothetically|(?:slips?|falls?|drops?|dips?|sinks?|rises?|climbs?)(?:\sback)?\s(?:under|below|above|beyond|past))\b)[^;]*$")
_WOULD_THEN = rx(r"[\"“]?If\s[^,;]+,\s(?:[\w'’-]+\s){0,4}would\s(?:be\s(?:at\s)?|hit\s|reach\s|top\s|rise\sto\s|climb\sto\s|come\sto\s|amount\sto\s)(?:something\slike\s|roughly\s|about\s|around\s|some\s|nearly\s)?$")
_PLUS_MINUS = rx(r"(?:plus\sor\sminus|\+/-|±)\s?(?:about\s)?$", re.I)
_GAINFUL = rx(r"\b(?:profit\w*|income|inflows?|earn\w*|positive|surplus|generat\w*|break(?:s|ing)?\seven|turn\w*|gain\w*|swung|swing\w*)\b", re.I)
_LOSS = Guarded(re.compile(r"\b(?:net\s)?loss(?:es)?\b|\bburn|\blost\b|\blos(?:e|ing)\b|\bnegative\b", re.I))
_OUTFLOW = rx(r"\boutflows?\s(?:of\s)?(?:about\s|roughly\s|some\s)?$", re.I)
_CLOUD = Guarded(re.compile(r"\bcloud\b", re.I))
_HK = Guarded(re.compile(r"Hong\sKong|HK:|\.HK|HKEX|HKG", re.I))
_US_LISTING = Guarded(re.compile(r"US-listed|U\.S\.-listed|New\sYork|Wall\sStreet|NYSE|Nasdaq|premarket\sU\.S\.|American\sdepositary|ADRs?", re.I))

# Penalties (in characters) for clause boundaries between a figure and a word that could explain it.
_STRONG = Guarded(re.compile(r";|\s[—–]\s|—|\bwhile\b|\bbut\b|\bwhereas\b|\bversus\b|\bcompared\s(?:with|to)\b|\bhowever\b|:\s"))
_WEAK = hinted(re.compile(r",\s|\band\b|\(|\)"))


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
_EACH = rx(r"\b(?:respectively|each)\b", re.I)


def _combined_later(text: str, end: int) -> bool:
    """True when "combined" comes further on in the clause a list ends at ``end`` ("Alibaba, Tencent and
    Baidu are set to spend a combined $40 billion"), and no "each" or "respectively" gives each its own."""
    tail = _LEGAL_TAIL.match(text, end)  # "... and Meta Platforms Inc. are projected to report combined capex"
    after = text[tail.end() if tail else end:end + 100]
    cut = _CLAUSE_END.search(after)
    return bool(_COMBINED.search(after[:cut.start()] if cut else after)) and not _EACH.search(text)


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
        elif len(members) >= 2 and _COMBINED.possible_in(text) and (_COMBINED.search(window) or _combined_later(text, ents[j].end)):
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
_THE_N = Guarded(re.compile(r"\b(?:the|these|those|all)\s(?P<big>big\s)?(?P<n>two|three|four|five|six|seven)(?:['’]s)?(?!\s(?:months|quarters|years|weeks|days|halves)\b)"
                            r"(?:\s(?:[\w.-]+\s){0,2}(?:companies|firms|giants|hyperscalers|groups|players|tech\sgiants|spenders|providers)['’]?)?"
                            r"\s(?:\w+,?\s|[$€¥£]?\d[\d.,]*(?:%|\s?[bm]illion|bn)?,?\s){0,8}$", re.I))
_AGAINST_CLAUSE = rx(r",\s(?:against|compared|versus|vs\.?|while|whereas)\b", re.I)
_BIG_FOUR = ("Alphabet", "Amazon", "Meta", "Microsoft")
_RANKED = rx(r"\b(?:largest|biggest|top|leading|major|richest)\b", re.I)
_REGION_WORD = rx(r"\b(?:(?P<us>US|U\.S\.|American)|(?P<china>Chinese|China's))\b")
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


_NAME_TAIL = rx(r"(?:\s[A-Z][\w.&]*){0,2}\.?(?:\s?\([^()]{1,30}\))?")  # "SoftBank Group", "Samsung Electronics Co.", "Quanta Computer Inc (廣達)", "Tesla (TSLA)"
_ASIDE = rx(r",\s(?:which|who|whose|that|the|a|an|its|their|one\sof|now|formerly|once)\s(?:[^,;]|,\s(?=[A-Z][\w&.-]*(?:,|\sand\s)))*?,\s(?![A-Z][\w&.-]*(?:,|\sand\s))")


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
        n = _NUMBERS[together.group("n").lower()]
        big = together.group("big") is not None
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
    best, best_d = None, 1e9
    for ent in ents:
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


# -- metric ----------------------------------------------------------------------------
_SHARE_OF = Guarded(re.compile(r"(?:%|percent|per\scent)\s(?:of|in)\s(?:[\w'’-]+\s){0,2}$", re.I))


_LEADS_NEXT = rx(r"\s(?:(?:is|was|of|at|approximately|about|around|roughly|nearly)\s)+(?:[$¥€£]|RMB\s?|US\$)?\d", re.I)


_LOST = rx(r"lost|los(?:e|es|ing)", re.I)
_NEW_CLAUSE = rx(r"[,;]\s(?:and|but|while|whereas|though|although)\s(?:its|their|the|his|her)\s|;\s")


def _family(sent: Sentence, fig: Figure, cues: list[C.Cue]) -> tuple[str | None, C.Cue | None]:
    text = sent.text
    best, best_d = None, 1e9
    for cue in cues:
        d = _distance(text, fig, cue.start, cue.end)
        d = d / (0.6 + 0.4 * cue.strength)
        if cue.family == "stock" and fig.kind != "percent":
            continue
        if cue.start >= fig.end and _SHARE_OF.search(text, max(fig.end, cue.start - 40), cue.start):
            continue  # "C¥179.7-billion, or about 20% of revenue": the revenue the share is of
        if cue.start >= fig.end and cue.strength >= 3 and _LEADS_NEXT.match(text, cue.end) \
                and (cue.family != "ignored" or rx(r",|\band\b").search(text, fig.end, cue.start)):
            continue  # "up 119%, accounts for the income proportion approximately 10.4%": the next figure's words
        if cue.family == "ignored" and cue.start >= fig.end and _NEW_CLAUSE.search(text, fig.end, cue.start):
            continue  # "Google Cloud grew 46% to $17.4bn, and its margin widened": the next clause's subject
        if d < best_d:
            best, best_d = cue, d
    if best is None or best_d > 160:
        return None, None
    after = _ignored_after(text, fig, cues)
    if after is not None:
        return "ignored", after
    if best.family == "net_income" and fig.kind == "percent" and best.end <= fig.start and _LOST.fullmatch(text, best.start, best.end):
        return "stock", best  # "the shares have lost 15% this year": a company loses money, its shares lose per cent
    return best.family, best


def _ignored_after(text: str, fig: Figure, cues: list[C.Cue]) -> C.Cue | None:
    """A cue of what is not recorded right after the figure: "a 9% operating margin"."""
    for cue in cues:
        if cue.family == "ignored" and cue.start >= fig.end and rx(r"[\s,]*(?:(?:to|on|for|in|of|the|its|an?|was|were)\s+){0,3}").fullmatch(text[fig.end:cue.start]):
            return cue
    return None


_ZH_CHANGE_AFTER_LEVEL = rx(r"[元圓]\)?[，,]\s?(?:按年|按季|同比|環比|环比)?(?:計|计)?(?:大|再|亦|則|则)?(?:上升|下降|增長|增长|減少|减少|升|增|跌|降|減|减|少|多)了?(?:約|约)?$")
# Chinese writes the direction right before the figure: 按年下降72%, 大升5%, 少52%
_ZH_DIRECTION = rx(r"(?P<down>下降|下跌|減少|减少|跌|降|減|减|少|蝕|蚀|縮|缩)|(?P<up>上升|增長|增长|升|增|漲|涨|多)")


def _direction(text: str, fig: Figure) -> int:
    """-1 when the words next to a change say it fell, else 1.

    >>> t = "淨利潤103.52億元，按年下降72%"
    >>> _direction(t, Figure(Decimal(72), "%", "percent", t.index("72"), len(t), "72%"))
    -1
    """
    if text.startswith("+", fig.start):
        return 1  # "+93% y/y", whatever words are near
    if not text.isascii():
        last = [m.lastgroup for m in _ZH_DIRECTION.finditer(text, max(0, fig.start - 4), fig.start)]
        if last:
            return -1 if last[-1] == "down" else 1
    moved = _MOVE_TO.search(text, max(0, fig.start - 70), fig.start)
    if moved is not None:  # "the after-hours gain narrowed to 1.1%": still a gain, whatever the verb
        return -1 if moved.group(1).lower().startswith(("loss", "decline", "drop", "slide", "fall", "slump")) else 1
    after = text[fig.end:fig.end + 14]
    if rx(r"^\s?(?:lower|down|decline|drop|fall|less|smaller|loss)", re.I).match(after):
        return -1
    if rx(r"^\s?(?:higher|up|increase|gain|rise|more|growth|jump)", re.I).match(after):
        return 1
    left = text[max(0, fig.start - 70):fig.start]
    ups = [m.end() for m in C.UP.finditer(left)]
    downs = [m.end() for m in C.DOWN.finditer(left)]
    if downs and (not ups or max(downs) > max(ups)):
        return -1
    if not ups and not downs:
        right = text[fig.end:fig.end + 40]
        d, u = C.DOWN.search(right), C.UP.search(right)
        if d and (not u or d.start() < u.start()):
            return -1
    return 1


# a move whose size changed: "the loss deepened to 3.4%", "its gain has narrowed to about 1%"
_MOVE_TO = rx(r"\b(loss(?:es)?|gains?|declines?|drops?|slide|falls?|slump|rally|advance)\s(?:has\s|had\s|have\s)?"
              r"(?:narrowed|deepened|widened|extended|pared|trimmed|shrunk|shrank|eased|grown|grew)\s(?:back\s)?to\s(?:about\s|around\s|roughly\s)?[-+]?$", re.I)


def _basis(text: str, fig: Figure) -> str | None:
    if not (C.YOY.possible_in(text) or C.QOQ.possible_in(text)):
        return None
    window_r = text[fig.end:fig.end + 60]
    window_l = text[max(0, fig.start - 50):fig.start]
    for window in (window_r, window_l):
        yoy, qoq = C.YOY.search(window), C.QOQ.search(window)
        if yoy and (not qoq or yoy.start() < qoq.start()):
            return "yoy"
        if qoq:
            return "qoq"
    return None


def _segment(sent: Sentence, fig: Figure, ent: _Ent | None, ents: list[_Ent], metric: str) -> str | None:
    text = sent.text
    if metric == "market_share":
        window = text[max(0, fig.start - 40): fig.end + 80]
        if rx(r"(?:China|Chinese|mainland)\W{0,3}(?:s\s)?(?:\w+\s){0,2}cloud", re.I).search(window):
            return "china_cloud"
        if _CLOUD.search(window):
            return "cloud"
        return None
    if metric == "stock_change":
        window = text[max(0, fig.start - 80):fig.start]
        if _HK.search(window):
            return "hk"
        if _US_LISTING.search(window):
            return "us"
        return None
    if metric == "price_cut":
        return "api" if rx(r"\bAPI\b").search(text) else None
    units = [e for e in ents if e.end <= fig.start and e.segment]
    if metric in ("capex", "capex_plan", "capex_change"):
        # "AWS re-accelerates to 20%, capex heads for $125 billion": the company's capex, not the unit's
        units = [e for e in units if not rx(r"[,;]").search(text[e.end:fig.start])]
        if ent is not None and ent.segment and ent not in units and ent.end <= fig.start:
            ent = None
    if ent is not None and ent.segment:
        return ent.segment
    for e in reversed(units):
        if e.name == (ent.name if ent else None) and fig.start - e.end < 80:
            return e.segment
    left = text[max(0, fig.start - 60):fig.start]
    if rx(r"\bcloud(?:\s(?:computing|unit|division|business|segment|revenue|intelligence))?\b", re.I).search(left) and metric.startswith(("revenue", "capex_to")):
        return "cloud"
    if metric.startswith("capex") and rx(r"\bAI\b").search(left) and rx(r"\bAI[- ](?:capex|capital|spending|investment)").search(text):
        return "ai"
    return None


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


_DIGIT = re.compile(r"\d")
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


# -- one figure ------------------------------------------------------------------------
def _first_mention(sent: Sentence, mentions: list[Mention], starts: list[int]) -> Mention | None:
    """The first entity mention inside the sentence (``starts`` are the mentions' offsets, sorted)."""
    i = bisect_left(starts, sent.start)
    return mentions[i] if i < len(mentions) and mentions[i].start < sent.end else None


def _note_subject(sent: Sentence, state: _State) -> None:
    """A sentence without figures that opens with a company is about it: "Alibaba remains the
    biggest spender. Its $53 billion pledge ..." (tickers and products do not count)."""
    m = _first_mention(sent, state.mentions, state.mention_starts)
    if m is not None and m.kind == "name" and m.end <= sent.end and _OPENS.fullmatch(state.text, sent.start, m.start):
        state.subject, state.subject_index = m.entity, state.index


_OPENS = rx(r"(?:(?:The|But|And|Meanwhile,?|Still,?|Rival|Peer)\s)?")


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
_FISCAL_ROW = rx(r"\*|\((?:FY|fiscal|year\sto|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov)[a-z]*\b)", re.I)
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
    entity = state.subject or state.main
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
        dated = _DATED_CELL.fullmatch(number)
        if dated is not None:
            number = dated.group("n")  # "131.8 (2025)", "~50 (FY26)": the cell's own period follows it (see _CELL_PERIOD)
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
_DATED_CELL = rx(r"[~≈]?\s?(?P<n>\d[\d,.]*)(?:\s?[–-]\s?(?P<hi>\d[\d,.]*))?\s?\((?:(?:FY|CY)\s?)?(?:20)?\d\d[EF]?\)")
# "131.8 (2025)", "~50 (FY26)", "+39% (Azure, FQ2 FY26)": a cell's own period, after what it is of
_CELL_PERIOD = rx(r"\s?\((?:[^()|,]{1,30},\s?)?((?:FY\s?|CY\s?)?(?:20)?\d\d[EF]?|F?Q[1-4][\s-]?(?:FY\s?)?(?:20)?\d\d)\)")
_UNIT_NOTE = rx(r"\((?:[^()]*[;,]\s?)?(?:RMB|CNY|US\$|USD|HK\$|€|EUR|JPY|¥|yen|won)\s?(?:bn|billion|mn|million|m|b)\)", re.I)


def _respectively(text: str, figures: list[Figure], ents: list[_Ent], cues: list[C.Cue]) -> dict[int, tuple[_Ent | None, str | None]]:
    """Pair "A and B rose 80.3% and 50%, respectively" (entities) or "revenue and EPS growth of 6.83% and 6.52%"."""
    pairs: dict[int, tuple[_Ent | None, str | None]] = {}
    for match in _RESPECTIVELY.finditer(text):
        run = [f for f in figures if f.end <= match.start()]
        if not run:
            continue
        group = [run[-1]]
        for f in reversed(run[:-1]):
            if rx(r"\s?(?:,|and|,\sand)\s?").fullmatch(text[f.end:group[0].start]) and f.kind == group[0].kind:
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


def _after_figure(left: str, figure: str) -> bool:
    """True when ``figure`` is the last figure in ``left`` ("rose 7.6% to ": the level after that change).

    >>> _after_figure("rose 7.6% to ", "7.6%"), _after_figure("rose 7.6%, with income from $1.2bn to ", "7.6%")
    (True, False)
    """
    i = left.rfind(figure)
    return i >= 0 and not _DIGIT.search(left, i + len(figure))


_SHARE_OF_SPENDING = Guarded(re.compile(
    r"\s(?:of|in)\s(?:its\s|their\s|the\s|total\s|this\syear's\s|last\syear's\s|next\syear's\s|[\w'’-]+['’]s\s)?(?:[\w-]+\s){0,2}"
    r"(?:investments?|spending|capex|budget|capital\sexpenditures?|outlays?)\s(?:went|goes|will\sgo|is|was|were|will\sbe)\b", re.I))
_SHARE_TO = rx(r"\s(?:went\s|goes\s)?(?:to|on|for|in)\s")
_COMPARED = rx(r"\b(?:than|from|over|versus|vs\.?|compared|against|double|twice|half)\b", re.I)
_IMPLIED = Guarded(re.compile(r"\bimpl(?:y|ies|ied|ying)\b|\bwould\s(?:mean|be|represent|mark)\b|\bmeaning\b"
                              r"|\b(?:more|higher|less|lower)\sthan\s(?:the\s)?(?:US\$|RMB|HK\$|[$€¥£])?\s?\d", re.I))
_LAST_Q = rx(r"(?:last|previous|prior)\squarter", re.I)
_FIRST_PERSON = rx(r"\b(?:we|We|our|Our)\b")
_PREVIOUS_Q = rx(r"(?:previous|prior|preceding)\squarter", re.I)
_THE_UNIT = rx(r"\b[Tt]he\s(?:company['’]s\s|group['’]s\s)?(?:cloud|AI|chip|advertising|ads?|e-commerce|data[- ]cent(?:er|re))\s(?:unit|arm|division|business|segment)\b")
_SINGULAR_SUBJECT = rx(r"(?:The\scompany(?:['’]s)?|It|Its)\s")
# A government, a ministry or a capital standing for its government, as the subject of a clause
_STATE_ACTOR = rx(r"(?:(?:Meanwhile|Separately|Elsewhere|In\saddition|Also|Last\syear|This\syear|In\s20\d\d),\s)?(?:[Tt]he\s|[Ii]ts\s|[Aa]\s)?"
                  r"(?:(?:[A-Z][\w.'’]*|central|federal|national|local|provincial|municipal|state|city)\s){0,3}"
                  r"(?:[Gg]overnments?|[Mm]inistry|[Mm]inistries|authorities|regulators|[Aa]dministration|Department|Congress|[Pp]arliament|lawmakers|"
                  r"policymakers|Commission|State\sCouncil|White\sHouse|Beijing|Seoul|Tokyo|Washington|Brussels|New\sDelhi|Riyadh|Abu\sDhabi)"
                  r"(?:['’]s)?\s(?!-)")
_CLAUSE_START = rx(r"^|;\s|:\s|,\s(?:and|while|but|whereas)\s|\s[—–]\s")
_VERB_FIRST = rx(r"(?!(?:the|its|their|his|her|a|an|this|that|these|those|it|they|we|he|she)\b)(?:[a-z]+(?:s|ed)|will|would|could|can|may|might|also)\s")


def _clause_start(text: str, end: int) -> int:
    """Where the clause holding ``end`` starts: the sentence's start, or after a semicolon, a colon or ", and"
    (a clause that begins with its verb, ", and plans to ...", goes on with the subject of the one before).

    >>> t = "The ministry set aside $2 billion, and plans to add $1 billion; Naver will spend $3 billion."
    >>> t[_clause_start(t, t.index("$1")):][:12], t[_clause_start(t, t.index("$3")):][:5]
    ('The ministry', 'Naver')
    """
    starts = [m.end() for m in _CLAUSE_START.finditer(text, 0, end)]
    while len(starts) > 1 and _VERB_FIRST.match(text, starts[-1]):
        starts.pop()
    return starts[-1] if starts else 0


_THE_SAME_PERIOD = rx(r"\b(?:in|for|during|over)\sthe\ssame\s(?:quarter|period|three\smonths|half|six\smonths|nine\smonths|year)\b(?!\s(?:a\syear|last\syear|of\b))", re.I)
_TO_PER_SHARE = rx(r"\s(?:to|at)\s(?:about\s|roughly\s)?(?:[$¥€£]|RMB\s?|US\$|HK\$)?\s?\d[\d.,]*\s(?:a|per)\s(?:diluted\s)?(?:share|ADS|ADR)\b", re.I)
_THE_QUARTER_AFTER = rx(r"(?:\s(?!in\b|for\b|during\b)[\w-]+){0,5}?\s(?:in|for|during)\s(?:the|this)\squarter\b", re.I)  # "$34.2 billion on capital projects in the quarter"
_POINTS = Guarded(re.compile(r"percentage\s+points?|\bpp\b|百分点", re.I))
_OWN_BASE = rx(r"\s(?:[\w-]+\s){0,2}from\s(?:an?\s|the\s)?(?:about\s|roughly\s|nearly\s|around\s)?")


# A market's verbs: what a company itself does, as opposed to its revenue or spending ("grew", "increased")
_MARKET_VERB = (r"(?:rose|fell|slid|slipped|dropped|climbed|jumped|gained|added|lost|tumbled|surged|soared|sank|plunged|rallied|"
                r"advanced|retreated|dipped|shed|slumped|spiked|popped|edged\s(?:up|down|higher|lower)|ticked\s(?:up|down)|"
                # a headline's present tense: "Oracle sinks 7% as capex guidance soars"
                r"rises|falls|slides|slips|drops|climbs|jumps|gains|loses|tumbles|surges|soars|sinks|plunges|rallies|"
                r"advances|retreats|dips|sheds|slumps|spikes|pops|edges\s(?:up|down|higher|lower)|ticks\s(?:up|down))")
# "Tencent sliding 3.1%", "with Alibaba down 2.3%", "Alibaba remains up 78% year to date"
# the shares of a company named by a capitalised word: "Shares of Vivo", "ações da Vivo", "acciones de Naturgy"
_SHARES_OF_NAMED = rx(r"\b(?:[Ss]hares|[Ss]tock|ações|acciones|[Aa]ktien?)\s(?:of|in|da|do|de|del|von)\s(?!(?:The|Its|Their|This|That|These|Those|Both|All|China|Chinese|US|U\.S\.|Hong|Asian|European|Tech)\b)[A-Z][\w&.-]+")
_FROM_PEAK = rx(r"\s?(?:%|percent|per\scent|Prozent)?\s(?:(?:from|off|below)\s(?:the\s|its\s|their\s)?(?:[\w-]+\s)?(?:highs?|peaks?|records?|tops?)"
                r"|desde\s(?:el|su|sus)\smáximos?|vom\s(?:Rekord|Jahres)?hoch|depuis\s(?:son|le|leur)\s(?:plus\shaut|sommet|record))\b", re.I)
# "its shares edging up 0.9%", "closed 2% lower": a day's move, not the year's told before it
_DAY_MOVE = rx(r"\b(?:edg(?:ed|ing)|tick(?:ed|ing)|clos(?:ed|ing)|end(?:ed|ing)|finish(?:ed|ing))\s(?:up\s|down\s|higher\s|lower\s)?(?:about\s|nearly\s|some\s)?$", re.I)
_SESSION = rx(r"\b(?:session|today|intraday|after[- ]hours|pre-?market|on\sthe\sday|in\searly\strade|(?:Mon|Tues|Wednes|Thurs|Fri)day"
              r"|on\s(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s\d{1,2})\b", re.I)
# a year written before the noun it dates ("2026 capex range", "its 2026 spending plan")
_YEAR_OF_NOUN = rx(r"\s(?:[\w-]+\s){0,2}?(?:capex|capital|spending|revenue|sales|guidance|guide|forecast|outlook|budget|plan|range|investments?|target)\b", re.I)
_CLAUSE_BREAK = rx(r";|,\s|\s(?:but|while|whereas|and)\s|\s[—–]\s", re.I)


def _clause(text: str, fig: Figure) -> tuple[int, int]:
    """The span of the clause a figure is in, between the nearest breaks (", ", "; ", "but", "and"...) around it."""
    start = 0
    for m in _CLAUSE_BREAK.finditer(text, 0, fig.start):
        start = m.end()
    after = _CLAUSE_BREAK.search(text, fig.end)
    return start, after.start() if after is not None else len(text)


_MARKET_VERB_ING = (r"(?:rising|falling|sliding|slipping|dropping|climbing|jumping|gaining|adding|losing|tumbling|surging|soaring|"
                    r"sinking|plunging|rallying|advancing|retreating|dipping|shedding|slumping)")
# "Xiaomi(, up 41% this year,) added ", "Oracle slid ", "Alibaba has climbed ": the gap from the company to the figure
_COMPANY_MOVE = rx(r"(?:['’]s)?(?:\s(?:shares|stock|ADRs|share\sprice|stock\sprice))?(?:,\s(?:which|that)|,\s(?:(?:up|down)\s)?[^,;]{1,40}?,|\s(?:is|was|are|were)\s[^,;]{1,50}?,(?=\s" + _MARKET_VERB_ING + r"))?\s(?:(?:has\s|have\s|had\s)?" + _MARKET_VERB + "|" + _MARKET_VERB_ING
                   + r"|(?:(?:is|was|are|were|remains|remained|stays|stayed|ended|closed|finished)\s(?:still\s|now\s)?)?(?:up|down|off))\s(?:by\s)?(?:another\s|a\sfurther\s)?(?:about\s|nearly\s|almost\s|some\s|around\s|roughly\s|more\sthan\s)?", re.I)
# "Xiaomi, up 41% so far this year, added 1.2%": the move told beside the company's name
_COMPANY_MOVE_ASIDE = rx(r",\s(?:up|down)\s(?:about\s|nearly\s|almost\s|some\s|around\s|roughly\s|more\sthan\s)?", re.I)
_ASIDE_END = rx(r"\s?(?:%|percent|per\scent)?[^,;]{0,30},\s(?:has\s|have\s|had\s)?" + _MARKET_VERB + r"\b", re.I)
# "extending its decline this year to 36%": the same move, told again to another date
_MOVE_EXTENDED = rx(r"\b(?:its|their)\s(?:\w+\s)?(?:declines?|drops?|fall|loss(?:es)?|slide|gains?|rally|advance|rise|climb)\s(?:[\w-]+\s){0,4}to\s(?:about\s|nearly\s|almost\s|some\s)?$", re.I)


_HELD = rx(r"\b(?:held|holds|holding|had|has|commands?|commanded|controls?|controlled|captured|captures)\s(?:a\s)?(?:about\s|roughly\s|nearly\s|around\s|some\s|an\sestimated\s|just\s(?:over|under)\s|almost\s)?(?:[\w.-]+(?:%|\spercent)?(?:,\s(?:and\s)?|\sand\s)){0,4}$", re.I)
_SHARE_HELD = rx(r"(?:(?:,\s(?:and\s)?|\sand\s)(?:about\s|roughly\s)?[\w.-]+(?:\s?(?:%|percent|per\scent))?){0,4}"  # "13%, 29% and 22% of"
                 r"\s(?:share\s)?of\s(?:the\s)?(?!its\s|their\s)(?:[\w'’-]+\s){0,4}?(?:market|spending|sales|shipments|revenues?)\b", re.I)


def _company_moved(text: str, fig: Figure, ents: list[_Ent], prev: Fact | None) -> bool:
    """True when the figure is how far a company's shares moved, told with the company as the
    subject of a market's verb and no metric between: "Oracle slid 6.6%", "Xiaomi, up 41% this
    year, added 1.2%", "Meituan fell 3.4% to HK$96.10, extending its decline this year to 36%".
    A business unit is not listed ("AWS jumped 20%" is its revenue)."""
    if prev is not None and prev.metric == "stock_change" and _MOVE_EXTENDED.search(text, max(0, fig.start - 60), fig.start):
        return True
    if _FROM_PEAK.match(text, fig.end):
        return False  # "Oracle is down 40% from the highs": how far below a peak, over no stated period
    for e in ents:
        if e.kind not in ("name", "ticker") or e.end > fig.start or fig.start - e.end > 80:
            continue
        if any(u.kind == "unit" and u.segment and e.end <= u.start and u.end <= fig.start for u in ents):
            continue  # "Microsoft's Azure grew 40%": the unit's revenue
        if _COMPANY_MOVE.fullmatch(text, e.end, fig.start):
            return True
        if e.kind == "ticker" and fig.start - e.end <= 1 and (text[fig.start] in "+−-" or _SESSION.match(text, fig.end + 1)):
            return True  # "(MSFT −3.2% Thursday)", "NVDA +4% today": a ticker and its move
        if _COMPANY_MOVE_ASIDE.fullmatch(text, e.end, fig.start) and _ASIDE_END.match(text, fig.end):
            return True
    return False


_CLAIMED_LEFT = rx(r",\s(?:up|down)\s(?:about\s|nearly\s|some\s)?(?P<n>\d[\d.]*)\s?(?:%|percent|per\scent)\s(?:[\w-]+\s)?$", re.I)
_CLAIMED_RIGHT = rx(r"\s(?:to\s|at\s)?(?:about\s|nearly\s|some\s)?-?(?P<n>\d[\d.]*)\s?(?:%|percent|per\scent)", re.I)


def _claimed(text: str, period: PeriodMention, fig: Figure) -> bool:
    """True when a period is written right beside another percentage, in an aside (", up 41% so far
    this year,") or before it ("its decline this year to 36%"): it is that figure's, not this one's."""
    left = _CLAIMED_LEFT.search(text, max(0, period.start - 40), period.start) if text.startswith(",", period.end) else None
    right = _CLAIMED_RIGHT.match(text, period.end)
    return any(m is not None and not fig.start <= m.start("n") < fig.end for m in (left, right))


# "45 % du chiffre d'affaires", "46 Prozent seines Quartalsumsatzes", "el 13% de sus ingresos"
_OF_REVENUE_ELSEWHERE = rx(r"\s(?:du|de\s(?:los\s|sus\s|la\s)?|seines|ihres|des|der|da|das)\s?(?:\w+\s)?(?:chiffre\sd['’]affaires|ventes|ingresos|ventas|receitas?|"
                           r"(?:Quartals|Jahres|Konzern)?[Uu]msatzes|Einnahmen)\b")
_PRONOUN_CHANGE = rx(r"\s*(?:That|This|It)\s(?:was|is|has\sbeen)\s(?:up|down|higher|lower|an?\s(?:increase|rise|jump|gain|decline|drop|fall)\sof)\s(?:about\s|roughly\s|nearly\s|almost\s|some\s|around\s)?")
_PRONOUN_SUBJECT_RATIO = rx(r"(?:That|This|It)\s(?:was|is|came\sto|amounted\sto|equalled|equaled|represented)\s", re.I)
_OF_REVENUE = rx(r"(?:(?:,|,?\sand)\s(?:about\s)?\d[\d.]*\s?(?:%|percent))*\s(?:of|in)\s(?:its\s|their\s|the\scompany's\s|total\s|[\w'’-]+['’]s\s)?"
                 r"(?:(?:the\s)?(?:US)?[$¥€£]?\d[\d.,]*\s?(?:[bm]illion|bn|trillion|tn)?\s(?:in|of)\s(?:quarterly\s|annual\s|total\s)?)?"  # "27% of the $411 billion in revenue"
                 r"(?:[\w-]+\s){0,2}(?:revenues?|sales)\b")


def _capex_ratio(text: str, fig: Figure, cues: list[C.Cue], prev: Fact | None, state: _State) -> bool | None:
    """For a percentage "of revenue": True when it is capex set against revenue ("capex equalled 13% of
    its revenue", "spent 24.5% of revenue on capex", "... ran at 118% of cloud revenue" after a ratio),
    False when it is some other share of revenue ("86% of revenue came from ads"); None otherwise."""
    if not (_OF_REVENUE.match(text, fig.end) or _OF_REVENUE_ELSEWHERE.match(text, fig.end)):
        return None
    for c in cues:
        if c.family == "capex" and c.strength >= 2 and (
                c.end <= fig.start or (c.start - fig.end < 40 and not rx(r"[;.]\s").search(text, fig.end, c.start))):
            return True
    if prev is not None and (prev.metric == "capex_to_revenue" or (base_family(prev.metric) == "capex" and _PRONOUN_SUBJECT_RATIO.match(text))):
        return True  # "That was up 73% from a year earlier and equal to about 27% of revenue": capex's change, then its ratio
    last = state.last
    if (prev is None and last is not None and base_family(last.metric) == "capex" and last.unit not in ("%", "x")
            and state.index - state.last_index <= 1 and _PRONOUN_SUBJECT_RATIO.match(text)):
        return True  # "Capex came to RMB 76 billion. That was equivalent to 11.4% of revenue"
    return last is not None and last.metric == "capex_to_revenue" and state.index - state.last_index <= 1 and prev is None


def _fact_for_figure(sent: Sentence, fig: Figure, ents: list[_Ent], cues: list[C.Cue], periods: list[PeriodMention],
                     state: _State, doc: str, ent_override: _Ent | None, fam_override: str | None,
                     prev: Fact | None, subject: str | None) -> Fact | None:
    text = sent.text
    left = text[max(0, fig.start - 60):fig.start]
    right = text[fig.end:fig.end + 50]
    inherit = _INHERIT.search(left)  # "up from", "compared with": a base figure
    if fig.kind in ("money", "percent") and (_BENCHMARK_LEFT.search(left) or _BEAT_BY.search(left) or (
            _BENCHMARK_RIGHT.match(right) and not C.VS_PLAN.match(right, 1))  # not "$7.5 billion above the previous guidance"
            or (_VERSUS.search(left[-12:]) and _EXPECTED_RIGHT.match(right))  # "Revenue: $51.2 billion vs. $49.4 billion expected"
            or _BEAT_RIGHT.match(right)):  # "(+2.8% beat)": the size of a beat
        return None
    if fig.kind == "money" and _QUESTION_RIGHT.match(right):
        return None  # a headline's "The $600 Billion Question": a figure of speech
    if fig.kind == "percent" and (_INDEX_MOVE_RIGHT.match(right) or _INDEX_MOVE_LEFT.search(left)):
        return None  # "trailing the 5% gain of the Nasdaq Composite": the market's move, not the company's
    if fig.kind == "percent" and _FROM_PEAK.match(text, fig.end) and not C.YOY.search(text, fig.end, fig.end + 60):
        return None  # "down about 40% from their September peak": how far below a high, over no stated period
    if fig.kind == "percent" and _SHARE_OF_OTHER.match(text, fig.end):
        return None  # "capex eats 94% of their operating cash flow": a share of something not recorded, not a change
    if _RETURN_ON.match(text, fig.end) or _RETURN_ON_LEFT.search(left[-30:]) or _WOULD_NEED.search(left[-60:]):
        return None  # "to earn a 10% return on $600 billion, they would need $60 billion of profit": a hypothetical
    if text[:1] in "IS\"“" and (_SUPPOSING.fullmatch(text, 0, fig.start) or _WOULD_THEN.fullmatch(text, 0, fig.start)):
        return None  # "If cloud revenue were to compound at 20% a year, it would hit roughly 55 billion yuan": a supposition
    if fig.kind == "percent" and _PLUS_MINUS.search(left[-20:]):
        return None  # "revenue of $86 billion, plus or minus 2%": the width of a forecast, not a change
    if fig.kind == "percent" and _POINTS.search(fig.text):
        return None  # "margins up 2 percentage points", "an impact of 1-2 percentage points": no recorded metric
    if fig.kind == "money" and abs(fig.value) < 10_000 and not rx(r"[BbMmKkT]|illion|亿|億|万|萬").search(fig.text):
        return None  # "$2.87 a share", "($1 = 7.12 yuan)": a price or a rate, not an amount
    ratio = _capex_ratio(text, fig, cues, prev, state) if fig.kind == "percent" else None
    if ratio is False:
        return None  # "86% of revenue": a share of revenue, not a change
    if fig.kind == "money" and rx(r"^\s(?:mark|milestone|threshold|barrier|level)\b").match(right):
        return None  # "revenue passed the $400 billion mark": a round number, not the figure
    cue: C.Cue | None = None
    level_of: Fact | None = None  # the change this figure is the level after
    family: str | None
    if fig.kind == "count":
        family = "model_count"
    elif fig.kind == "params":
        family = "model_params"
    else:
        family, cue = _family(sent, fig, cues)
        if fam_override:
            family = fam_override
        elif family == "net_income" and fig.kind == "percent" and _TO_PER_SHARE.match(text, fig.end):
            family = "eps"  # "adjusted earnings climbed 84% to $1.49 a share": the change of earnings per share
        base = prev or (state.last if state.last and state.last.doc == doc else None)
        # "... up from": an unrecorded word in an earlier clause; not "income climbing from $1.2bn", its own subject
        left_ignored = (family == "ignored" and cue is not None and cue.end <= fig.start and prev is not None
                        and not _OWN_BASE.fullmatch(text, cue.end, fig.start))
        if inherit and base is not None and (family in (None, base_family(base.metric)) or left_ignored):
            family = base_family(base.metric)
        if family is None and base is not None and prev is None and rx(r"^\s*(?:That|This|It)['’]?s?\s").match(text) and inherit:
            family = base_family(base.metric)
        if (family is None and prev is None and state.last is not None and state.index - state.last_index <= 2
                and state.last.unit not in ("%", "x") and fig.kind == "money"):
            family = base_family(state.last.metric)  # "By April it had pushed that range to $64 billion to $72 billion"
        if (family is None and prev is None and state.last is not None and state.index - state.last_index <= 1
                and state.last.metric == "stock_change" and fig.kind == "percent"
                and (C.UP.search(left[-30:]) or C.DOWN.search(left[-30:]))):
            family = "stock"  # "Shares fell 3%. They had slipped 3.5% on Tuesday."
        if (family is None and prev is None and state.last is not None and state.index - state.last_index <= 1
                and state.last.metric in ("market_share", "capex_to_revenue") and fig.kind == "percent"):
            family = base_family(state.last.metric)  # "...a 34% share. Huawei Cloud and Tencent Cloud held 17% and 9%."
        if family is None and fig.kind == "money" and fig.value >= 10**8 and (
                state.money_families.most_common(1)[0][0] if state.money_families else state.topic) == "capex":
            family = "capex"  # "Amazon $200B, Alphabet $175 to $185B": in a capex story, money is capex
        if (fig.kind == "percent" and prev is None and state.last is not None and state.index - state.last_index <= 1
                and state.last.unit not in ("%", "x") and _PRONOUN_CHANGE.fullmatch(text, 0, fig.start)):
            family = base_family(state.last.metric)  # "Capex was $112 billion. That was up 73% ... and equal to 27% of revenue"
        if ratio:
            family = "capex_to_revenue"  # "capex equalled 13% of its revenue", "spent 24.5% of revenue on capex"
        elif (fig.kind == "percent" and prev is not None and prev.metric == "capex_to_revenue" and cue is not None
              and cue.family == "revenue" and cue.end <= fig.start and _COMPARED.search(text, cue.end, fig.start)):
            family = "capex_to_revenue"  # "85% of quarterly revenue, compared with 42% a year earlier": the ratio's base
    if fig.kind == "percent" and not fam_override and _HELD.search(left[-50:]) and _SHARE_HELD.match(text, fig.end):
        family = "market_share"  # "AWS held about 30% of cloud infrastructure spending"
    if prev is not None and fig.kind == "money" and _after_figure(left, prev.figure) \
            and rx(r"(?:%|percent|per\scent|\d[BMbnT]\w*|billion|million|trillion)\)?\s(?:[\w-]+\s){0,4}to\s(?:an?\s)?(?:record\s)?(?:about\s|around\s|roughly\s|some\s|approximately\s)?$").search(left):
        family = base_family(prev.metric)  # "revenue rose 7.6% to 280.15 billion yuan"
        level_of = prev
    if prev is not None and fig.kind == "percent" and prev.unit not in ("%", "x") and not fam_override \
            and _ZH_CHANGE_AFTER_LEVEL.search(left) and _after_figure(left, prev.figure):
        family = base_family(prev.metric)  # "收入4,954.47億元，增3%": the change of the level just told
    # "Baidu closed 2.6 percent lower (at HKD85 a share)": a company closes only on the market
    closed_move = (fig.kind == "percent" and not fam_override and _CLOSED_MOVE.search(left[-45:]) is not None
                   and (family in ("stock", None) or (family == "ignored" and cue is not None and cue.start >= fig.end))
                   and (_MOVE_AFTER.match(right) is not None or rx(r"\b(?:up|down)\s(?:about\s|nearly\s|almost\s|some\s)?$").search(left) is not None))
    if fig.kind == "percent" and not fam_override and not closed_move and _company_moved(text, fig, ents, prev) \
            and (family in (None, "stock", "net_income", "revenue", "capex")
                 or (family == "ignored" and cue is not None and cue.start >= fig.end and _ignored_after(text, fig, cues) is None)):
        closed_move = True  # "Oracle slid 6.6% and CoreWeave lost 8%": a company itself moves only on the market
    if closed_move:
        family = "stock"
    if family == "ignored":
        return None
    ent = ent_override or _entity_for(sent, fig, ents, state)
    if (family in ("capex", "net_income", "free_cash_flow", "eps", None) or (family == "stock" and cue is not None and cue.start >= fig.end)) \
            and fig.kind in ("money", "percent") and not fam_override:
        # "Azure and other cloud services growing 40%": a business unit between the cue and the figure
        told = prev.figure if prev is not None else ""  # the level told in between does not count ("thirty-five point six billion")
        unit_ent = next((e for e in ents if e.kind == "unit" and e.segment and e.end <= fig.start
                         and fig.start - e.end - (len(told) if told and text.find(told, e.end, fig.start) >= 0 else 0) < 60 and (cue is None or e.start > cue.end
                              or (cue.start >= fig.end and rx(r"[,;]|\s[—–]\s").search(text[fig.end:cue.start])))), None)
        if unit_ent is not None and (fig.kind == "money" or C.UP.search(text[unit_ent.end:fig.start])
                                     or C.DOWN.search(text[unit_ent.end:fig.start]) or (not text[unit_ent.end:fig.start].strip() and text[fig.start] in "+−-")):  # "Azure +40%"
            family = "revenue"
    if family == "capex" and fig.kind == "money":
        other = next((e for e in ents if e.start >= fig.end and e.start - fig.end < 25 and e.kind != "unit"
                      and rx(r"^\s?(?:\w+\s){0,2}(?:in|into|to)\s(?:the\s)?$").match(text[fig.end:e.start])), None)
        if rx(r"\b(?:stake|holdings?)\s(?:in|of)\b|\b(?:largest|biggest|major)\sshareholder\b|\bequity\sinvestment\b", re.I).search(text):
            return None
        if _IN_ANOTHER.match(text, fig.end):
            return None  # "a further $22.5 billion investment in the ChatGPT maker": money put into another company
        if _ONE_SITE.match(text, fig.end):
            return None  # "will spend about 65 billion yen to build an AI data center in Tomakomai": one site's cost, not the budget
        owner = subject or state.subject or state.main
        if subject is not None and all(e.start >= fig.end for e in ents if e.name == subject):
            owner = state.subject or state.main  # "agreed to invest $5 billion in Intel": Intel is where it goes
        if _invests_in_other(text, ents, owner):
            return None
        if other is not None and other.kind != "unit" and other.name != owner:
            return None  # "committed $40 billion to OpenAI": an investment in another company
    if fig.kind == "percent" and ent is not None and ent.kind == "ticker" and family in ("stock", None):
        family = "stock"  # "BABA is up about 80% year-to-date"
    elif family == "stock" and not fam_override and not closed_move and not rx(r"\b(?:shares?|stocks?|ADRs?|traded|trading|after[- ]hours|pre-?market|session|Aktien?|acciones|ações)\b|股|收[報报市盤盘]", re.I).search(text) \
            and (prev is None or prev.metric != "stock_change"):  # "Nebius, which lost 7.2% on Monday ..., is now down 18%"
        family = None
    if family is None:
        return None
    if ent is None and family == "stock" and _SHARES_OF_NAMED.search(text, max(0, fig.start - 60), fig.start):
        return None  # "Shares of Vivo rose 2.4%": the shares of a company the registry does not know, not the story's
    if ent:
        entity: str | None = ent.name
    elif state.subject is not None and state.subject_index >= state.index - 1:
        entity = state.subject  # "Elon Musk's xAI lost $1.46 billion ... Revenue in the quarter was $107 million"
    else:
        entity = state.main if state.dominant else (state.subject or state.main)
    if entity is not None and (ent is None or ent.end <= fig.start):
        opens = _clause_start(text, fig.start)
        if (ent is None or ent.end <= opens) and _STATE_ACTOR.match(text, opens):
            return None  # "The government has set aside 10.1 trillion won for AI": public money, not the company's
    if ent is None and entity is not None and entity != state.main and state.main is not None and not state.registry.is_group(state.main) \
            and _THE_UNIT.search(text, max(0, fig.start - 60), fig.start):
        entity = state.main  # "Revenue at the cloud unit grew 13%" after a sentence on its US rivals: the story's company's unit
    if ent is None and entity is not None and entity != state.main and _SINGULAR_SUBJECT.match(text) and state.registry.is_group(entity):
        # "The company's capex came to RMB 31.4 billion" after "Alibaba, Tencent and Baidu together spent ...": one company
        entity = state.main if state.main is not None and not state.registry.is_group(state.main) else None
    if entity is None:
        return None
    if family == "model_count":
        metric: str | None = "model_count"
    elif family == "model_params":
        metric = "model_params"
    else:
        metric = C.metric_for(family, fig.kind)
    if metric is None:
        return None
    value, high = fig.value, fig.high
    basis = _basis(text, fig)
    period_m = _period_for(sent, fig, periods, base=bool(inherit))
    year_ago = _YEAR_AGO.search(right) if period_m is not None and period_m.start >= fig.end else None
    if year_ago is not None and period_m is not None and "," in text[fig.end + year_ago.end():period_m.start]:
        period_m = None  # "from $40.6 billion a year earlier, the fastest since the first quarter of 2024": a year before
    if period_m is not None and _THE_QUARTER_AFTER.match(text, fig.end) and (
            period_m.start > fig.end + 25 or (period_m.end <= fig.start and "Q" not in period_m.label)):
        # "$24.55 billion for the quarter and $73.27 billion for the year", "would rise next year, after
        # spending RMB 4,120 million in the quarter": the quarter reported
        period_m = None
    period = period_m.label if period_m else None
    if period_m is not None and state.sentence_ref is not None:
        fye = state.registry.fiscal_year_end(entity)
        if fye != state.sentence_ref.fiscal_year_end:  # "45% and 38% at Microsoft and Meta in the September quarter"
            label_year = (state.ref.fiscal_label_year if fye == state.ref.fiscal_year_end and state.sentence_ref.fiscal_year_end != 12
                          else state.sentence_ref.fiscal_label_year)  # the article's fiscal labels are its main company's
            own = replace(state.sentence_ref, fiscal_year_end=fye, fiscal_label_year=None if fye == 12 else label_year)
            period = next((p.label for p in find_periods(text, own) if p.start == period_m.start), period)
    if period_m is not None and period_m.start >= fig.end and _PREVIOUS_Q.fullmatch(text, period_m.start, period_m.end):
        if _DIGIT.search(text, fig.end, period_m.start):
            period = None  # "grew 40%, compared with 39% in the previous quarter": the later figure's quarter
        elif not (is_base(text, period_m.start) or _COMPARED.search(text, fig.end, period_m.start)):
            # "39% in the prior quarter": the quarter before the one reported ("19% more than in the prior quarter" is this one's)
            period = quarter_before(_focus(state, entity) or "") or period
    if (period is not None and period_m is not None and _LAST_Q.fullmatch(text, period_m.start, period_m.end)
            and _FIRST_PERSON.search(text)):
        focus_q = _focus(state, entity)
        fye = state.registry.fiscal_year_end(entity)
        said, reported = period_range(period, fiscal_year_end=fye), period_range(focus_q or "", fiscal_year_end=fye)
        if focus_q and said is not None and reported is not None and (said.start, said.end) == (reported.start, reported.end):
            period = quarter_before(focus_q) or period  # on the results call, "last quarter we put $35 billion to work": the one before
    if period is None and level_of is not None and level_of.period != "unknown":
        period = level_of.period  # the level after a change is of the change's period
    if fig.kind == "percent" and prev is not None and prev.period != "unknown" \
            and (period_m is None or period_m.start >= fig.end or period_m.end <= text.rfind(prev.figure, 0, fig.start)) \
            and metric == base_family(prev.metric) + "_change" and _CHANGE_AFTER_LEVEL.search(left) and _after_figure(left, prev.figure):
        period = prev.period  # "capex of US$525bn in 2026E, up 32% on our 2025E": the change of the level just told
    unit = fig.unit
    if fig.kind == "money" and metric in ("revenue", "net_income", "free_cash_flow") and rx(r"^\s?(?:\w+\s)?(?:improvement|increase|jump|rise|gain|decline|drop|swing|decrease)\b").match(right):
        metric = metric + "_change"
        basis = basis or ("yoy" if C.YOY.search(right) else None)
        if rx(r"^\s?(?:\w+\s)?(?:decline|drop|decrease)").match(right):
            value = -value
    if metric == "capex":
        raised = rx(r"\b(?:raised|raises|raising|lifted|lifts|increased|increases|boosted|hiked|cut|lowered|reduced|trimmed)\s(?:(?:(?:its|the)\s)?(?:[\w-]+\s){0,3}by\s)?$|(?:an?\s)?(?:extra|additional|further)\s$", re.I).search(left[-50:])
        if raised and rx(r"\bto\s$").search(left):
            raised = None
        if (C.VS_PLAN.search(right[:25].partition(";")[0]) or C.VS_PLAN.match(text, fig.end + (text[fig.end:fig.end + 1] == " ")) or raised
                or rx(r"^\s?(?:more|bump|step-up|step\sup|increase|hike|boost|jump|rise)\b").match(right)):
            metric, basis = "capex_change", "vs_plan"
        elif period_m is not None and _ESTIMATED_YEAR.search(text, period_m.start, period_m.end):
            metric = "capex_plan"  # "our 2025E of US$399bn": a year estimated is a plan, whatever it is compared with
        elif inherit and not (period and _is_future(period, state.ref)) \
                and not (prev is not None and prev.metric == "capex_plan"
                         and not (period and (_is_past(period, state.ref) or _before(period, prev.period)))
                         and not _YEAR_AGO.search(right)):
            pass  # "up from", "compared with": what was spent before ("up from $21.2bn the year before")
        elif fam_override == "capex" and prev is not None and prev.metric == "capex" and prev.entity != entity \
                and period in (None, prev.period) and not C.PLAN.search(left[-40:]):
            pass  # "Tencent spent 19.1 billion yuan, Alibaba 38.6 billion yuan and Baidu 3.2 billion yuan": the first item's verb
        elif (prev is not None and prev.metric == "capex_plan" and prev.quote == text and prev.entity == entity
              and prev.period == period and _next_item(text, prev.figure, fig)):
            metric = "capex_plan"  # "plans to invest 47.4 trillion won, including 40.9 trillion won for chips and 3.3 trillion won for displays"
        elif _plan(text, fig, period, state.ref, state.registry.fiscal_year_end(entity)):
            metric = "capex_plan"
        elif fam_override == "capex" and prev is not None and prev.metric == "capex_plan" and prev.period == period and prev.entity != entity:
            metric = "capex_plan"  # "Alphabet now sees 2025 capex of $91bn-$93bn, Meta $70bn-$72bn and Amazon roughly $125bn"
    if (metric.endswith("_change") or metric in ("stock_change", "shares_outstanding_change")) \
            and fig.kind == "percent" and value > 0 and _direction(text, fig) < 0:
        value, high = -value, (-high if high is not None else None)
        if high is not None:
            value, high = high, value
    if metric in ("net_income", "free_cash_flow") and value > 0 and (_LOSS.search(text[max(0, fig.start - 40):fig.end + 15])
                                                                     or _OUTFLOW.search(text[max(0, fig.start - 25):fig.start])) \
            and not rx(r"\bprofits?\b|\bincome\b").search(text[max(0, fig.start - 25):fig.start]):
        value = -value
    elif (metric in ("net_income", "free_cash_flow") and value > 0 and inherit and prev is not None and prev.metric == metric
          and prev.value < 0 and prev.quote == text):
        value = -value  # "a loss of RMB505.8 million, as compared with RMB621.9 million": the base was a loss too
    elif (metric in ("net_income", "free_cash_flow") and value > 0 and prev is not None and prev.metric == metric
          and prev.value < 0 and prev.quote == text and prev.figure and (at := text.rfind(prev.figure, 0, fig.start)) >= 0
          and fig.start - at < 120 and not _GAINFUL.search(text, at, fig.start)):
        value = -value  # "cash burn of $8 billion this year and about $17 billion in 2026": a list of losses
    assumed_day = False
    if metric == "stock_change":
        if period is not None and rx(r"(?:FY)?\d{4}(?:Q\d|H\d)|FY\d{4}|TTM.*").fullmatch(period):
            period = None  # "Amazon's third-quarter call ..., jumping 13%": a share move is of a day or a year
        elif (period is not None and period_m is not None and period_m.start >= fig.end
              and rx(r"\d\s?(?:%|percent\b|per\scent\b)|\band\s(?:has|have|had)\s", re.I).search(text, fig.end, period_m.start)):
            period = None  # "closed 1.2% higher ... and have gained 50% so far this year": the later figure's (or verb's) period
        elif period is not None and period_m is not None and _claimed(text, period_m, fig):
            period = None  # "Xiaomi, up 41% so far this year, added 1.2%": the period of the figure it is written with
        elif (period is not None and period_m is not None and period_m.end <= fig.start
              and period_m.start < (clause := _clause(text, fig))[0] and _SESSION.search(text, *clause)):
            period = None  # "have lost 15% since the start of the year, and fell 2.4% on Thursday": a day's move
        elif (period is not None and period_m is not None and period_m.start >= fig.end and rx(r"\d{4}").fullmatch(period)
              and _SESSION.search(text, fig.end, period_m.start)):
            period = None  # "sinking 9.6% on Wednesday after it cut its 2026 capex forecast": the day's move
        elif (period is not None and period_m is not None and period_m.start >= fig.end and rx(r"\d{4}").fullmatch(period)
              and _YEAR_OF_NOUN.match(text, period_m.end)):
            period = None  # "stock slides 6% as 2026 capex range lifted": the year of the guidance, not of the move
        elif period is not None and state.ref.date is not None and period == str(state.ref.date.year):
            period = f"YTD{state.ref.date.isoformat()}"  # "shares have risen 40% this year"
        elif period is not None and period_m is not None and _is_future(period, state.ref):
            period = None  # "fell 8% after it warned of higher spending next year": not next year's move
        last = state.last
        if period is None and period_m is None and last is not None and last.metric == metric and last.period.startswith("YTD") \
                and last.end >= sent.start - 2 \
                and (prev is None or prev.metric != metric or prev.period.startswith("YTD")) and not _DAY_MOVE.search(text, max(0, fig.start - 30), fig.start) \
                and not _SESSION.search(text, *_clause(text, fig)):
            period = last.period  # "So far this year, BABA rose 80%. In comparison, GOOGL is up 62.5%"
        if period and period.startswith("YTD"):
            basis = "ytd"
        else:
            basis = "day"
            named_day = _month_day(text, state.ref.date, fig.end) if period is None and state.ref.date is not None else None
            if named_day is not None:
                period = named_day.isoformat()  # "shares slid 10% on Jan. 29"
            if period is None and state.ref.date is not None:
                day = text
                if _AFTER_HOURS.search(text) and not _WEEKDAY.search(text):
                    day = _event_day(state.text)  # "jumped 10% in extended trading": the evening of the results
                period = _weekday_date(day, state.ref.date, fig.end if day is text else 0).isoformat()
                assumed_day = not _WEEKDAY.search(day) and not _YESTERDAY.search(day)  # no day said: the article's date stands in
    if period and rx(r"\d{4}").fullmatch(period) and not metric.endswith("_plan") and rx(r"(?:bringing|taking|brings|takes|lifting)\s(?:its\s|the\s)?(?:\w+\s)?(?:total|tally|spend\w*)\s(?:\w+\s){0,3}to\s(?:\w+\s)?$|so\sfar|to\sdate", re.I).search(left):
        period = f"YTD{state.ref.date.isoformat()}" if state.ref.date and state.ref.date.year == int(period) else f"YTD{period}"
    if period and period.startswith("YTD") and basis is None:
        basis = "ytd"
    if period and period.startswith("YTD") and len(period) > 8 and state.ref.date is not None and (as_of := _AS_OF_DAY.search(text)):
        period = f"YTD{_weekday_date(as_of.group(0), state.ref.date).isoformat()}"  # "up 49% this year as of Friday's close"
    if period is None and rx(r"\b(?:the\s)?same\s(?:period|time|twelve\smonths|12\smonths|quarter)\b(?!\s(?:last|a|of\s(?:the\s)?(?:previous|prior|last))\syear)", re.I).search(text) \
            and state.last is not None:  # "over the same period" (not "the same quarter last year": a year-ago base)
        period = state.last.period
    if (period is None and metric == "capex" and state.last is not None and state.last_index == state.index - 1
            and state.last.entity == entity and state.last.period != "unknown" and base_family(state.last.metric) == "capex"
            and _PRONOUN_SUBJECT.match(text)):
        period = state.last.period  # "Meta guided to $64-72 billion for 2025. It ended up spending $72.2 billion"
    focus = _focus(state, entity)
    if (period_m is not None and focus is not None and focus != period and _THIS_QUARTER.fullmatch(text, period_m.start, period_m.end)
            and not _GUIDANCE.search(text) and state.ref.date is not None and not _is_future(focus, state.ref)):
        period = focus  # "This quarter Tencent capital expenditure is 191.1 亿元" in results: the quarter reported
    if (period is not None and period_m is not None and focus is not None and rx(r"\d{4}").fullmatch(period)
            and rx(r"\d{4}Q\d").fullmatch(focus) and _SAME_QUARTER_OF.search(text, max(0, period_m.start - 20), period_m.start)):
        period = f"{period}Q{focus[-1]}"  # "in the same quarter of 2024": the quarter reported, of that year
    if period is None and rx(r"\b(?:in|during|for|of|over)\s(?:the|this)\squarter\b", re.I).search(text) and focus:
        last = state.last
        if last is not None and state.last_index >= state.index - 1 and "Q" in last.period and not last.period.startswith("TTM") \
                and not (last.period.startswith("FY") and state.registry.fiscal_year_end(last.entity) != state.registry.fiscal_year_end(entity)):
            period = last.period  # "... in the September quarter. Revenue in the quarter was": that quarter
        else:
            period = focus  # "in the quarter": the quarter the article reports
    if (period is None and state.last is not None and state.last.period != "unknown"
            and (state.index - state.last_index <= 1 and metric == state.last.metric and metric in ("market_share", "capex_to_revenue")
                 or metric == "capex_to_revenue" and state.last.entity == entity and ".." not in state.last.period
                 and base_family(state.last.metric) in ("capex", "revenue")
                 and state.index - state.last_index <= (2 if _POINTS_BACK.match(text) else 1))):
        period = state.last.period  # "They spent $88B in fiscal 2025. Cute. That works out to capex-to-sales of 31%"
    if period is None and basis == "vs_plan" and entity in state.plans:
        period = state.plans[entity]  # "... $130 billion to $138 billion. The midpoint is $6.5 billion higher than the old one"
    if period is None and state.last is not None and state.last.period != "unknown" and _THE_SAME_PERIOD.search(text):
        period = state.last.period  # "revenue rose 34% in the same quarter": the quarter just named
    if period is None and metric in _RESULT_METRICS and focus and not metric.endswith("plan"):
        period = focus
    if (period is not None and focus is not None and "Q" in focus and rx(r"(?:FY)?\d{4}").fullmatch(period)
            and rx(r"\bquarterly\b", re.I).search(text[max(0, fig.start - 30):fig.end + 25])):
        period = focus  # "$35 billion in quarterly capital expenditure": the quarter the article reports
    years_ago = _YEARS_AGO.match(text, fig.end)
    if period and not (period_m is not None and period_m.base) and _YEAR_AGO.search(right):
        period = year_before(period) or period
    elif period and period_m is None and _YEAR_AGO_OPENING.match(text):
        period = year_before(period) or period  # "A year ago the comparable number was $20.0 billion."
    elif period and years_ago is not None and (period_m is None or period_m.start < fig.start):
        n = years_ago.group("n").lower()
        for _ in range(int(n) if n.isdigit() else ("two", "three", "four", "five").index(n) + 2):  # "versus 20% two years ago"
            period = year_before(period) or period
    elif (inherit and prev is not None and period_m is not None and period_m.start >= fig.end
          and _PREVIOUS_YEAR.fullmatch(text, period_m.start, period_m.end)):
        period = year_before(prev.period) or period  # "$50bn in its fiscal year ending May 2026, up from $21.2bn in the previous year"
    elif (inherit and prev is not None and prev.quote == text and prev.metric == metric and _PLAIN_PERIOD.fullmatch(prev.period)
          and _VERSUS.search(left[-12:]) and not any(p.end > fig.start - 25 for p in periods)):
        period = year_before(prev.period) or period  # a results brief's "Q2 REVENUE RMB 184.50 BILLION VERSUS RMB 161.12 BILLION"
    elif (inherit and prev is not None and prev.quote == text and prev.period != "unknown" and period_m is not None
          and period_m.start >= fig.end and _CLAUSE_THEN.match(text, fig.end, period_m.start)):
        period = prev.period  # "$91-93 billion for 2025, compared to its prior view of $85 billion, and more in 2026"
    if period is None and metric == "capex_plan":
        spent = next((p for p in periods if p.start >= fig.end and rx(r"(?:FY)?\d{4}").fullmatch(p.label)
                      and _OWN_CLAUSE_FIGURE.search(text, fig.end, p.start)), None)
        if spent is not None:  # "$175bn-$185bn, almost double the $91bn it spent last year": the year after that one
            period = re.sub(r"\d{4}", lambda y: str(int(y.group(0)) + 1), spent.label)
    if metric == "capex_change" and basis != "vs_plan" and period and entity in state.plans and _IMPLIED.search(text):
        plan = state.plans[entity]
        if _before(period, plan):
            period = plan  # "spent $72.2 billion in 2025, so the new range implies growth of 73%": the plan's year
    return Fact(
        doc=doc, entity=entity, metric=metric, value=value, unit=unit, period=period or "unknown",
        segment=_segment(sent, fig, ent, ents, metric), basis=basis if _is_change(metric) else None, quote=text, also=fig.also, high=high,
        start=sent.start, end=sent.end, figure=fig.text, step=STEP, extra={"assumed_day": True} if assumed_day else {},
    )


# a sentence that begins by pointing back at the figures before it
_POINTS_BACK = rx(r"(?:That|This|Which|It)\s(?:works?\sout|puts?|means|implies|brings|takes|equals|is|was|leaves)\b")


def _is_change(metric: str) -> bool:
    """Only a change has a basis ("up 62% Y/Y" is yoy); a level beside it ("revenue of $57bn") has none."""
    return metric.endswith("_change")


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


def _midpoint(start: dt.date, end: dt.date) -> dt.date:
    """The middle day of a span: the calendar quarter it falls in holds most of a fiscal quarter
    (Nvidia's November-to-January quarter is mostly the December quarter).

    >>> _midpoint(dt.date(2025, 11, 1), dt.date(2026, 1, 31))
    datetime.date(2025, 12, 16)
    """
    return start + (end - start) / 2


_RESULT_METRICS = {"revenue", "revenue_change", "net_income", "net_income_change", "eps_change", "capex", "capex_change",
                   "free_cash_flow", "free_cash_flow_change", "capex_to_revenue"}


def _invests_in_other(text: str, ents: list[_Ent], owner: str | None) -> bool:
    """True for "SoftBank committed $40 billion to OpenAI, with $30 billion from...": money put into another company."""
    for e in ents:
        if e.kind == "name" and e.name != owner and rx(
                r"(?:invest\w*|commit\w*|pour\w*|put)\s(?:up\sto\s|about\s|another\s)?(?:[$¥€£]|US\$|RMB)[\d.,]+\s?\w*\s(?:in|into|to)\s(?:the\s)?$",
                re.I).search(text[max(0, e.start - 60):e.start]):
            return True
    return False


_FAMILY_OF = {name: family for (family, _kind), name in C._METRICS.items()}
_FAMILY_OF.update({"capex_plan": "capex", "model_count": "model_count", "model_params": "model_params"})


def base_family(metric: str) -> str:
    """The cue family of a metric (``capex_plan`` → ``capex``).

    >>> base_family("capex_plan"), base_family("revenue_change")
    ('capex', 'revenue')
    """
    return _FAMILY_OF.get(metric, metric)


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
             # German, Spanish, French and Portuguese working days
             "montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4,
             "lunes": 0, "martes": 1, "miércoles": 2, "jueves": 3, "viernes": 4,
             "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4,
             "segunda-feira": 0, "terça-feira": 1, "quarta-feira": 2, "quinta-feira": 3, "sexta-feira": 4}
# a weekday, or a trading day as a markets brief shortens it ("-2.9% Thu"; not "sat" or "wed")
_WEEKDAY = Guarded(re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|(?-i:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri)"
                              r"|montag|dienstag|mittwoch|donnerstag|freitag|lunes|martes|miércoles|jueves|viernes|lundi|mardi|mercredi|jeudi|vendredi"
                              r"|segunda-feira|terça-feira|quarta-feira|quinta-feira|sexta-feira)\b", re.I))


_AFTER_HOURS = Guarded(re.compile(r"\bafter[- ]hours|\bextended\s(?:trading|dealings?)|\blate\s(?:trading|dealings?)|\bafter\sthe\s(?:bell|close)|\bpost-market", re.I))
_EVENT_DAY = Guarded(re.compile(
    r"\b(?:said|reported|posted|announced|forecast|warned|raised|unveiled|released)\s(?:\w+\s){0,3}?on\s(?:monday|tuesday|wednesday|thursday|friday)\b"
    r"|\bon\s(?:monday|tuesday|wednesday|thursday|friday)\s(?:said|reported|posted|announced|forecast|warned|raised|unveiled|released)\b", re.I))


def _event_day(text: str) -> str:
    """The words that date the story's event in its first paragraphs ("the company said on Wednesday"), or ""."""
    match = _EVENT_DAY.search(text, 0, 1200)
    return match.group(0) if match else ""


_MONTH_DAY = Guarded(re.compile(r"\b[Oo]n\s(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s(\d{1,2})(?!\d)(?:,?\s(20\d\d)(?!\d))?\b"))


def _month_day(text: str, date: dt.date, at: int) -> dt.date | None:
    """The day a move "on Jan. 29" happened (the one nearest the figure at ``at``): in the
    article's year, or the year before when that day is after the article's date.

    >>> _month_day("The shares fell 10% on Jan. 29.", dt.date(2026, 2, 12), 20), _month_day("on Dec. 30", dt.date(2026, 1, 5), 0)
    (datetime.date(2026, 1, 29), datetime.date(2025, 12, 30))
    >>> _month_day("On July 31, 2024, the stock rose 4%.", dt.date(2025, 8, 8), 30)
    datetime.date(2024, 7, 31)
    """
    matches = list(_MONTH_DAY.finditer(text))
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
    if period is not None and _is_future(period, ref):
        return True
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
    if rx(r"\bquarterly\b|\bper\squarter\b|\bthe\squarter\b", re.I).search(text[max(clause_start, fig.start - 40):fig.end + 15]):
        return False
    just_before = text[max(clause_start, fig.start - 30):fig.start]
    if C.PAST.search(just_before) and not C.PLAN.search(just_before) and rx(r"\bspent|\binvested|\btotall?ed|\breached|\bcame\sin").search(just_before):
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


_SPENT_AFTER = rx(r"\s(?:was|were|has\sbeen|have\sbeen|had\sbeen)\s(?:already\s)?(?:spent|invested|deployed|paid\sout)\b")
_ONE_SITE = rx(r"\s(?:(?:to|and)\s(?:build|construct|develop|expand|set\sup)|on|for|into)\s(?:a|an|one|its\s(?:first|second|new)|the\s(?:first|second))\s"
               r"(?:new\s|single\s)?(?:[\w-]+\s){0,3}(?:data[- ]cent(?:er|re)|campus|plant|fab|facility|site|cluster)\b(?!s)")
_WILL_SPEND = rx(r"\b(?:will|expects?|plans?|intends?|aims?|budgets?|forecasts?|is\sset\sto|are\sset\sto)\b(?=[^,;]*$)(?![^,;]*\b(?:spent|was|were)\b)", re.I)
# a clause that opens with its own verb: "... in the quarter and expects to spend about $125 billion"
_AND_VERB = rx(r"(?:,\s|\s)(?:and|but|while)\s(?:it\s|the\scompany\s|has\s)?(?:expects|plans|sees|said|says|forecasts|guided|will|intends|aims|projects)\b")


# "• Capital expenditures: $22.14 billion", a newsletter's "$MSFT FQ1'26 capex: 34.9B"
_KEY_FIGURE = rx(r"[\s•*·-]*(?=[^:]*\b(?:[Cc]apital|[Cc]apex|[Ss]pending|[Ee]xpenditures?)\b)(?:[A-Z]|\$[A-Z])[\w ,&'’()$-]{2,50}:\s?")


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
                  doc: str = "", registry: EntityRegistry | None = None) -> list[Fact]:
    """Return the facts in an article's text.

    Args:
        date: the article's publication date; relative periods ("next year") need it.
        title: the headline, where it is not the first line of ``text``.
        doc: the document's name, copied into each fact.

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
                for fact in extract_facts(text[at:end], date=day or when, title=title, doc=doc, registry=registry)]
    written = text
    proper, capitals = registry.casing()
    text = unshout(text, proper, ACRONYMS | capitals)  # "*ORACLE SEES FY26 CAPEX OF ABOUT $55 BLN", read in ordinary case
    title = title and unshout(title, proper, ACRONYMS | capitals)
    sentences = split_sentences(text)
    mentions = registry.find(text)
    content = " ".join(s.text for s in sentences)
    main = _main_entity(text, sentences, mentions, title, registry)
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
    counts = Counter(m.entity for m in mentions)
    in_title = bool(main and registry.find(title or (sentences[0].text if sentences else "")))
    state.dominant = bool(main and counts and (counts[main] >= 0.5 * sum(counts.values()) or in_title))
    state.translated = bool(_TRANSLATED.search(content[:5000]))
    state.yen = registry.region(main or "") == "japan" or bool(rx(r"\byen\b|Japan").search(content[:3000]))
    state.currency = _usual_currency(content)
    head_cues = [c.family for c in C.find_cues((title or "") + " " + (sentences[0].text if sentences else "")) if c.family != "ignored"]
    state.topic = "capex" if "capex" in head_cues else (head_cues[0] if head_cues else None)
    state.rows = find_rows(text) if ("  " in text or "|" in text or "\t" in text) else {}
    state.last_period, state.focus_fye, state.focus_of = _focus_period(sentences, ref, state.periods, mentions, state.mention_starts, registry)
    facts: list[Fact] = []
    retracted: list[Fact] = []  # what a correction note says was wrong
    for index, sent in enumerate(sentences):
        state.index = index
        found = [_outflow(f) for f in _facts_for_sentence(sent, state, doc) if not _petty(f)]
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
_GUIDANCE = Guarded(re.compile(r"\b(?:guid\w*|outlook|expects?|forecasts?|projects?|next|coming|will)\b", re.I))


_EXPLICIT_Q = Guarded(re.compile(r"\bQ([1-4])\s?(20\d\d)\b|\b(20\d\d)\s?Q([1-4])\b|\b(first|second|third|fourth)[- ]quarter\sof\s(20\d\d)\b", re.I))
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
    """The text speaks in a fiscal calendar: "fiscal", "FY26", an analyst's "FQ2"."""
    return "fiscal" in text.lower() or "FY" in text or "FQ" in text


# "this quarter" is the calendar's only in a forecast: in a results call it is the quarter reported
_THIS_QUARTER = rx(r"(?:this|current|the\scurrent)\squarter", re.I)


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
    """Return the facts of an :class:`Article` (its date and title are used)."""
    return extract_facts(article.text, date=article.date, title=None, doc=article.id, registry=registry)
