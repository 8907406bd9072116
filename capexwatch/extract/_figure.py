"""One figure → one fact: its metric, sign, basis, segment, entity and period."""

from __future__ import annotations

import re
from dataclasses import replace

from .. import cues as C
from ..models import Fact, Figure
from ..normalize import period_range
from ..parse.dates import MONTH_NAMES_EN
from ..parse.figures import MOVED_BY
from ..parse.periods import (
    PeriodMention,
    find_periods,
    is_base,
    quarter_before,
    year_before,
)
from ..parse.prefilter import Guarded, rx
from ..text import Sentence
from ._base import _DIGIT, STEP, _distance
from ._owners import _Ent, _entity_for, _focus, _State
from ._timing import (
    _A_MONTH_DAY,
    _AFTER_HOURS,
    _AS_OF_DAY,
    _CHANGE_AFTER_LEVEL,
    _CLAUSE_THEN,
    _ESTIMATED_YEAR,
    _GUIDANCE,
    _NEXT_DAY,
    _ONE_SITE,
    _OWN_CLAUSE_FIGURE,
    _PLAIN_PERIOD,
    _PREVIOUS_YEAR,
    _PRONOUN_SUBJECT,
    _SAME_QUARTER_OF,
    _THIS_QUARTER,
    _WEEKDAY,
    _YEAR_AGO,
    _YEAR_AGO_OPENING,
    _YEARS_AGO,
    _YESTERDAY,
    _before,
    _day_after,
    _event_day,
    _is_future,
    _is_past,
    _month_day,
    _period_for,
    _plan,
    _up_to,
    _weekday_date,
)

# "closed 2.6 percent lower", "ended the session down 3%": a move of the share price
_CLOSED_MOVE = Guarded(re.compile(r"\b(?:closed|ended|finished|settled)\s(?:the\s(?:day|session|week)\s)?(?:(?:up|down)\s)?(?:about\s|nearly\s|almost\s|some\s)?$", re.I))
# a short line that opens a section with a company and its figure ("Meta: up to $72 billion"): what the section
# before it was about does not carry over
_SECTION_HEADING = rx(r"^\s*[A-Z][\w.&'’ -]{0,30}:\s[^.:;]{0,40}$")
_MOVE_AFTER = Guarded(re.compile(r"\s(?:higher|lower|up|down)\b", re.I))
_INHERIT = Guarded(re.compile(r"(?:up|down|rising|rose|increas\w+|grow\w+|climb\w+)?\s?(?:from|compared\s(?:with|to)|versus|vs\.?|against)\s(?:a\s|an\s|the\s)?"
                              r"(?:(?:its|our|their|the)\s(?:prior|previous|earlier|original|old)\s(?:expectation|guidance|forecast|outlook|estimate|range|target|view)\s(?:of\s)?)?"  # "compared to our prior expectation of"
                              r"(?:about\s|roughly\s|approximately\s|around\s|nearly\s)?$", re.I))
# the base a reported level moved from (an _INHERIT phrase, not "versus"/"against", which other branches read), with no
# period of its own: a year earlier, unless the text says sequential
_VERSUS_WORD = rx(r"\b(?:vs\.?|versus|against)\s", re.I)
_REVISED = rx(r"\b(?:rais|lift|boost|bump|cut|lower|trim|guid|forecast|outlook|plan|target|estimat|expect|project|budget|view|"
              r"correct|revis|amend|restat)", re.I)  # "raised the 2025 guide to $91-93bn (from $85bn)": the same year's old figure
_OWN_TIME = rx(r",?\s(?:in|for|during|at\sthe\send\sof|as\sof)\s(?:the\s)?(?:[A-Z][a-z]+|\d{4}|fiscal|first|second|third|fourth|same)")
_SEQUENTIAL = rx(r"sequential|monthly|(?:previous|prior|preceding|last)\s(?:three|3)\smonths|month[- ](?:on|over)[- ]month|a\smonth\s(?:earlier|ago|before)|quarter[- ](?:on|over)[- ]quarter|(?:previous|prior|preceding|last|June|March|September|December)\squarter|\bq/?q\b", re.I)
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


# the verbs of a revision: "raised its 2025 capex forecast by $10 billion", "cut its plan by $2 billion"
_REVISING = r"\b(?:raised|raises|raising|lifted|lifts|increased|increases|boosted|boosts|hiked|cut|cuts|lowered|lowers|reduced|trimmed|bumped)"
_REVISED_BY = rx(_REVISING + r"\s(?:(?:its|the|their)\s)?(?:[\w-]+\s){0,4}(?:forecasts?|projections?|expectations?)\sby\s(?:~|about\s|around\s|roughly\s|some\s)?$", re.I)
_REVISED_SUM = rx(_REVISING + r"\s(?:(?:(?:its|the)\s)?(?:[\w-]+\s){0,5}by\s)?$|(?:an?\s)?(?:extra|additional|further)\s$", re.I)
# a company's own forecast, not an analysts' one: "The company forecast revenue of $53.5 billion"
_COMPANY_FORECAST = rx(r"(?:\b(?:[Ii]t|[Ww]e|[Tt]he\s(?:company|group|firm))|(?<![\w'’])(?!(?:Analysts|Economists|Investors|Street|Wall|Consensus|LSEG|FactSet|Visible)\b)[A-Z][\w.&-]+)"
                      r"\s(?:also\s|now\s|had\s|has\s)?(?:forecast|forecasts|projected|projects)\s(?:[\w-]+\s){1,3}(?:of|at)\s"
                      r"(?:~|about\s|around\s|roughly\s|some\s|an?\s)?$")
_VERSUS = Guarded(re.compile(r"\b(?:vs\.?|versus)\s$", re.I))
_BEAT_RIGHT = Guarded(re.compile(r"^\s?(?:beat|miss|surprise)(?=\s?(?:[)|,;]|$))", re.I))
_EXPECTED_RIGHT = Guarded(re.compile(r"^\s?\(?(?:expected|est\.?|estimated?|estimates|consensus|forecast|projected|anticipated)(?!\s(?:to|in|for|next|this)\b)(?=\W|$)", re.I))
# the figure a correction sets aside: "rose 68%, not 66%"
_NOT_THIS = rx(r"(?:\d|%|\b(?:billion|million|trillion|bn|mln|B|M))\)?,?\s(?:and\s)?(?:not|rather\sthan|instead\sof)\s(?:the\s)?(?:about\s|roughly\s)?(?:US)?[$€£¥]?$")
# a page's live quote beside a ticker: "Nvidia (NVDA 1.02%)"
_QUOTE_CHIP = rx(r"\((?:(?:NASDAQ|Nasdaq|NYSE|NYSEARCA|HKEX|HKG|TSE|KRX|TWSE)\s?:\s?)?[A-Z]{1,5}(?:\.[A-Z]{1,2})?\s[+−–-]?$")
# a headline's figure of speech: "The $600 Billion Question"
_QUESTION_RIGHT = rx(r"\s(?:question|conundrum|puzzle|riddle)\b", re.I)
# "beat consensus ~$55.45B by ~1.5%", "topped estimates by $2 billion": the size of a beat or miss
_BEAT_BY = Guarded(re.compile(r"\b(?:beat(?:s|ing)?|top(?:ped|s|ping)|exceed(?:ed|s|ing)|miss(?:ed|es|ing)?|surpass(?:ed|es|ing)|outpac\w+)\s(?:\S+\s){0,5}by\s(?:~|about\s|around\s|roughly\s|some\s|nearly\s|almost\s|an?\s)?$", re.I))
_INDEX = (r"(?:S&P\s?500|S&P|Nasdaq(?:\sComposite|\s100)?|Dow(?:\sJones)?(?:\sIndustrial\sAverage)?|Hang\sSeng(?:\sTech)?|Nikkei(?:\s225)?(?:\s(?:Stock\s)?Average)?|Kosdaq|KOSDAQ|"
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
_WOULD_THEN = rx(r"[\"“]?(?:If\s[^,;]+|At\s(?:an?|that|this)\s[^,;]{0,60}?\b(?:ratio|rate|pace|multiple|margin)\sof\s[^,;]{1,20}),\s(?:[\w'’-]+\s){0,4}would\s"
                 r"(?:be\s(?:at\s)?|be\s(?:spending|investing|earning|making)\s|hit\s|reach\s|top\s|clear\s|exceed\s|surpass\s|pass\s|approach\s|total\s|rise\sto\s|climb\sto\s|come\sto\s|amount\sto\s)"
                 r"(?:something\slike\s|roughly\s|about\s|around\s|some\s|nearly\s|almost\s|more\sthan\s|over\s|well\sover\s)?$")
# the rate a supposition starts from: "At a capex-to-revenue ratio of 30%, Alphabet alone would be spending ..."
_AT_RATE = rx(r"At\s(?:an?|that|this)\s[^,;]{0,60}?\b(?:ratio|rate|pace|multiple|margin)\sof\s(?:about\s|roughly\s|around\s|some\s)?$")
_THEN_WOULD = rx(r"[^;]{0,12},\s[^;]*?\bwould\b")
_PLUS_MINUS = rx(r"(?:plus\sor\sminus|\+/-|±)\s?(?:about\s)?$", re.I)
_GAINFUL = rx(r"\b(?:profit\w*|income|inflows?|earn\w*|positive|surplus|generat\w*|break(?:s|ing)?\seven|turn\w*|gain\w*|swung|swing\w*)\b", re.I)
_LOSS = Guarded(re.compile(r"\b(?:net\s)?loss(?:es)?\b|\bburn|\blost\b|\blos(?:e|ing)\b|\bnegative\b"
                           r"|\b(?:pérdidas?|pertes?|perdit[ae]|prejuízos?|(?:Netto)?[Vv]erlust(?:e|es)?)\b", re.I))
_OUTFLOW = rx(r"\boutflows?\s(?:of\s)?(?:about\s|roughly\s|some\s)?$", re.I)
_CLOUD = Guarded(re.compile(r"\bcloud\b", re.I))
# where shares trade, as the text names the market: the segment of a share move
_LISTING = Guarded(re.compile(
    r"(?P<hk>Hong\sKong|HK:|\.HK|HKEX|HKG)"
    r"|(?P<us>US-listed|U\.S\.-listed|New\sYork|Wall\sStreet|NYSE|Nasdaq|premarket\sU\.S\.|American\sdepositary|ADRs?)"
    r"|(?P<kr>Seoul|S[ée]oul|Seul|Korea\sExchange|KRX)"
    r"|(?P<jp>\bTokyo(?!\sElectron)|Tokio|Tokyo\sStock\sExchange)"
    r"|(?P<tw>Taipei|Taiwan\sStock\sExchange|TWSE)"
    r"|(?P<shanghai>Shanghai-listed|Shanghai\sStock\sExchange|STAR\sMarket|in\sShanghai)"
    r"|(?P<de>Frankfurt|Xetra)|(?P<uk>London-listed|in\sLondon|London\sStock\sExchange)|(?P<nl>Amsterdam)", re.I))
# the rest of a figure's clause, where "rose 2.3% in Seoul" names the market
_CLAUSE_REST = rx(r"[^,;]{0,60}?(?=[,;]|\s(?:while|and|but|after|as)\s|\.(?:\s|$)|$)")
# "In Seoul, SK Hynix rose 2.9% and Samsung 0.9%": a market named first is every move's
_MARKET_FIRST = rx(r"(?:In|At|On)\s(?:the\s)?([\w ]{3,30}?),\s")


# -- metric ----------------------------------------------------------------------------
_SHARE_OF = Guarded(re.compile(r"(?:%|percent|per\scent)\s(?:of|in)\s(?:[\w'’-]+\s){0,2}$", re.I))

_LEADS_NEXT = rx(r"\s(?:(?:is|was|of|at|approximately|about|around|roughly|nearly|de|di|du|von|d['’]un)\s)+(?:[$¥€£]|RMB\s?|US\$)?\d", re.I)

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

    >>> from decimal import Decimal
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
    if not (C.YOY.possible_in(text) or C.QOQ.possible_in(text) or C.MOM.possible_in(text)):
        return None
    window_r = text[fig.end:fig.end + 60]
    window_l = text[max(0, fig.start - 50):fig.start]
    cues = (("yoy", C.YOY), ("qoq", C.QOQ), ("mom", C.MOM))
    # "year-on-year decrease of 24%, month-on-month decrease of 32%": the comparison that leads into the figure
    leading = [basis for basis, cue in cues for found in cue.finditer(window_l) if _INTO_FIGURE.fullmatch(window_l, found.end())]
    found_basis = leading[-1] if leading else None
    for window in (window_r, window_l):  # else the comparison written first after the figure, else before it
        if found_basis is None:
            said = [(found.start(), basis) for basis, cue in cues if (found := cue.search(window))]
            found_basis = min(said)[1] if said else None
    if found_basis == "mom" and _QUARTER_WORD.search(text) and not _MONTH_WORD.search(text):
        return "qoq"  # a translation's "month-on-month" (环比) for a quarter's figure: the quarter before
    return found_basis


_INTO_FIGURE = rx(r"\s(?:(?:increase|decrease|growth|decline|rise|drop|fall|up|down|rose|fell|grew|gained|lost|of|by|was|is|at)\s){0,3}[-+]?", re.I)
_QUARTER_WORD = rx(r"\bquarter", re.I)
_MONTH_WORD = rx(r"\b(?:" + MONTH_NAMES_EN + r"|monthly)\b|(?<![\w-])month(?![\w-])", re.I)


_NEXT_CLAUSE = rx(r";|,\s(?:and|while|but|whereas|(?-i:y|et|e|und|mientras|tandis))\s", re.I)


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
        rest = _CLAUSE_REST.match(text, fig.end)
        if rest and (listing := _LISTING.search(text, fig.end, rest.end())):
            return listing.lastgroup  # "rose 2.3% in Seoul"
        before = list(_LISTING.finditer(text[max(0, fig.start - 80):fig.start]))
        if before:
            return before[-1].lastgroup  # the nearest: "US-listed shares rose 2.3%, but the Hong Kong stock edged down 0.6%"
        if (first := _MARKET_FIRST.match(text)) and (listing := _LISTING.fullmatch(first.group(1))):
            return listing.lastgroup
        return None
    if metric == "price_cut":
        return "api" if rx(r"\bAPI\b").search(text) else None
    units = [e for e in ents if e.end <= fig.start and e.segment]
    if metric in ("capex", "capex_plan", "capex_change"):
        # "AWS re-accelerates to 20%, capex heads for $125 billion": the company's capex, not the unit's
        units = [e for e in units if not rx(r"[,;]").search(text[e.end:fig.start])]
        if ent is not None and ent.segment and ent not in units and ent.end <= fig.start:
            ent = None
    if ent is not None and ent.segment and ent.start >= fig.end and _NEXT_CLAUSE.search(text, fig.end, ent.start):
        ent = None  # "Revenue reached $102.3 billion, up 16%, and Google Cloud brought in $15.2 billion": the next clause's unit
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
# "in the quarter", "en el trimestre", "sur le trimestre", "nel trimestre", "im Quartal": the quarter the article reports
_IN_THE_QUARTER = (r"(?:(?:in|during|for|of|over)\s(?:the|this)\squarter|(?:en|durante)\sel\strimestre|(?:sur|pendant|au\scours\sdu)\s(?:le\s)?trimestre"
                   r"|(?:nel|durante\sil)\strimestre|im\s(?:abgelaufenen\s)?Quartal|no\strimestre)")
_THE_QUARTER_AFTER = rx(r"(?:\s(?!in\b|for\b|during\b|en\b|sur\b|nel\b|im\b|no\b)[\w-]+){0,5}?\s" + _IN_THE_QUARTER + r"\b", re.I)  # "$34.2 billion on capital projects in the quarter"
_IN_THE_QUARTER_ANY = rx(r"\b" + _IN_THE_QUARTER + r"\b", re.I)
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
_SESSION = rx(r"\b(?:session|today|seduta|séance|oggi|aujourd['’]hui|heute|hoy|hoje|intraday|after[- ]hours|pre-?market|on\sthe\sday|in\searly\strade|(?:Mon|Tues|Wednes|Thurs|Fri)day|"  # the working days in the languages _WEEKDAY reads
              r"(?:Mon|Diens|Donners|Frei)tag|Mittwoch|lunes|martes|miércoles|jueves|viernes|lundi|mardi|mercredi|jeudi|vendredi|(?:segunda|terça|quarta|quinta|sexta)-feira|(?:lune|marte|mercole|giove|vener)dì"
              r"|on\s(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s\d{1,2})\b", re.I)
# a year written before the noun it dates ("2026 capex range", "its 2026 spending plan")
_YEAR_OF_NOUN = rx(r"\s(?:[\w-]+\s){0,2}?(?:capex|capital|spending|revenue|sales|guidance|guide|forecast|outlook|budget|plan|range|investments?|target)\b", re.I)
_CLAUSE_BREAK = rx(r";|,\s|\s(?:but|while|whereas|and|(?-i:e|et|y|und|ma|mais|pero|aber))\s|\s[—–]\s", re.I)


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
_COMPANY_MOVE = rx(r"\.?(?:,?\s(?:Corp|Corporation|Inc|Co|Ltd|Limited|Group|Holdings?|Electronics|plc|PLC|AG|SE|N\.V|NV)\.?){0,3}"  # "SoftBank Group Corp. climbed"
                   r"(?:['’]s)?(?:\s(?:shares|stock|ADRs|share\sprice|stock\sprice))?(?:,\s(?:which|that)|,\s(?:(?:up|down)\s)?[^,;]{1,40}?,|,\s(?:which|who|that)\s[^,;]{1,80}?,|\s(?:is|was|are|were)\s[^,;]{1,50}?,(?=\s" + _MARKET_VERB_ING + r"))?\s(?:(?:has\s|have\s|had\s)?" + _MARKET_VERB + "|" + _MARKET_VERB_ING
                   + r"|(?:(?:is|was|are|were|remains|remained|stays|stayed|ended|closed|finished)\s(?:still\s|now\s)?)?(?:up|down|off))\s(?:by\s)?(?:another\s|a\sfurther\s)?(?:about\s|nearly\s|almost\s|some\s|around\s|roughly\s|more\sthan\s|as\smuch\sas\s)?", re.I)
# "Xiaomi, up 41% so far this year, added 1.2%": the move told beside the company's name
_COMPANY_MOVE_ASIDE = rx(r",\s(?:up|down)\s(?:about\s|nearly\s|almost\s|some\s|around\s|roughly\s|more\sthan\s)?", re.I)
_ASIDE_END = rx(r"\s?(?:%|percent|per\scent)?[^,;]{0,30},\s(?:has\s|have\s|had\s)?" + _MARKET_VERB + r"\b", re.I)
# "... before closing up 6.4%", "and ended the day down 2%": the same move, where it closed
_CLOSING_MOVE = rx(r"\b(?:before|and|then|to)\s(?:closing|ending|finishing|settling|close|end|finish|settle|closed|ended|finished|settled)\s(?:the\s(?:day|session)\s)?(?:up|down|higher|lower)\s(?:about\s|nearly\s|almost\s)?$", re.I)
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
    if prev is not None and prev.metric == "stock_change" and (_MOVE_EXTENDED.search(text, max(0, fig.start - 60), fig.start)
                                                              or _CLOSING_MOVE.search(text, max(0, fig.start - 40), fig.start)):
        return True  # "climbed as much as 11% before closing up 6.4%"
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
_CLAIMED_RIGHT = rx(r"\s(?:to\s|at\s|à\s|a\s)?(?:(?:about|nearly|some|almost|roughly|around|close\sto|more\sthan|over|près\sde|plus\sde|circa|oltre|quasi|il|el)\s){0,2}"
                    r"-?(?P<n>\d[\d.,]*)\s?(?:%|percent|per\scent|Prozent|por\sciento|per\scento)", re.I)


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
    bench = _BENCHMARK_LEFT.search(left)
    if bench is not None and (_REVISED_BY.search(left, 0, bench.end()) or _COMPANY_FORECAST.search(left, 0, bench.end())):
        # "raised its 2025 capex forecast by $10 billion", "The company forecast revenue of $53.5 billion": the company's
        # own forecast, not one it is measured against
        bench = None
    if fig.kind in ("money", "percent") and (bench or _BEAT_BY.search(left) or (
            _BENCHMARK_RIGHT.match(right) and not C.VS_PLAN.match(right, 1))  # not "$7.5 billion above the previous guidance"
            or (_VERSUS.search(left[-12:]) and _EXPECTED_RIGHT.match(right))  # "Revenue: $51.2 billion vs. $49.4 billion expected"
            or _BEAT_RIGHT.match(right)):  # "(+2.8% beat)": the size of a beat
        return None
    if _NOT_THIS.search(left[-14:]):
        return None  # "revenue rose 68%, not 66%": the figure a correction sets aside
    if fig.kind == "percent" and right.startswith(")") and _QUOTE_CHIP.search(left):
        return None  # "Nvidia (NVDA 1.02%)": a page's live quote beside the ticker, not a move the story reports
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
    if text[:1] in "AIS\"“" and (_SUPPOSING.fullmatch(text, 0, fig.start) or _WOULD_THEN.fullmatch(text, 0, fig.start)
                                  or (_AT_RATE.fullmatch(text, 0, fig.start) and _THEN_WOULD.match(text, fig.end))):
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
                and state.last.unit not in ("%", "x") and fig.kind == "money" and not _SECTION_HEADING.match(text)):
            family = base_family(state.last.metric)  # "By April it had pushed that range to $64 billion to $72 billion"
        if (family is None and prev is None and state.last is not None and state.index - state.last_index <= 1
                and state.last.metric == "stock_change" and fig.kind == "percent"
                and (C.UP.search(left[-30:]) or C.DOWN.search(left[-30:]))):
            family = "stock"  # "Shares fell 3%. They had slipped 3.5% on Tuesday."
        if (family is None and prev is None and state.last is not None and state.index - state.last_index <= 1
                and state.last.metric in ("market_share", "capex_to_revenue") and fig.kind == "percent"):
            family = base_family(state.last.metric)  # "...a 34% share. Huawei Cloud and Tencent Cloud held 17% and 9%."
        if family is None and fig.kind == "money" and state.head is not None and not cues:
            family = state.head[0]  # "Capex guidance for 2026:" over "🔹 Amazon: ~$200B"
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
    elif family == "stock" and not fam_override and not closed_move and not rx(r"\b(?:shares?|stocks?|ADRs?|traded|trading|after[- ]hours|pre-?market|session|Aktien?|acciones|ações|titol[oi]|azioni|(?<=le\s)titre|(?<=l['’])action|seduta|séance|Börse)\b|股|收[報报市盤盘]", re.I).search(text) \
            and (prev is None or prev.metric != "stock_change"):  # "Nebius, which lost 7.2% on Monday ..., is now down 18%"
        family = None
    if family is None:
        return None
    if ent is None and family == "stock" and _SHARES_OF_NAMED.search(text, max(0, fig.start - 60), fig.start):
        return None  # "Shares of Vivo rose 2.4%": the shares of a company the registry does not know, not the story's
    if ent:
        entity: str | None = ent.name
    elif prev is not None and prev.quote == text:
        entity = prev.entity  # "The four invested a combined $112.5 billion ..., up 73%": whose the sentence's last figure was
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
    if year_ago is not None and period_m is not None and ("," in (between := text[fig.end + year_ago.end():period_m.start]) or ")" in between):
        # "from $40.6 billion a year earlier, the fastest since the first quarter of 2024", "(vs. RMB17.0bn a year
        # ago) brings the trailing four-quarter total to ...": a year before, not the period named after it
        period_m = None
    if period_m is not None and _THE_QUARTER_AFTER.match(text, fig.end) and (
            period_m.start > fig.end + 25 or (period_m.end <= fig.start and "Q" not in period_m.label)):
        # "$24.55 billion for the quarter and $73.27 billion for the year", "would rise next year, after
        # spending RMB 4,120 million in the quarter": the quarter reported
        period_m = None
    period = period_m.label if period_m else None
    if period is None and state.head is not None and state.head[1] is not None and base_family(metric) == state.head[0]:
        period = state.head[1]  # an item of the list under "Capex guidance for 2026:"
    if (period is None and ent_override is not None and fig.kind == "money" and not periods and state.last is not None
            and state.last_index == state.index - 1 and state.last.period != "unknown" and base_family(metric) == base_family(state.last.metric)
            and state.registry.fiscal_year_end(entity) == state.registry.fiscal_year_end(state.last.entity)):
        # "The four spent $112.5 billion in the third quarter. Microsoft and Amazon led, with $34.9 and $34.2
        # billion, respectively.": the parts of the total just told, of its quarter
        period = state.last.period
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
    elif fig.kind == "money" and metric in ("revenue", "net_income", "free_cash_flow") and (moved := MOVED_BY.search(left[-40:])):
        # a filing's "Revenue increased $12.1 billion or 18%": the change in money, not the level ("rose to $X" is one)
        metric = metric + "_change"
        basis = basis or ("yoy" if C.YOY.search(text) else None)
        if moved.group("down"):
            value = -value
    if metric == "capex":
        raised = _REVISED_SUM.search(left)
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
        elif (period is not None and period_m is not None and period_m.start >= fig.end and (rx(r"\d{4}").fullmatch(period) or period.startswith("YTD"))
              and _SESSION.search(text, fig.end, period_m.start)):
            period = None  # "sinking 9.6% on Wednesday after it cut its 2026 capex forecast", "up 2.3% in today's session and 210% this year": the day's move
        elif (period is not None and period_m is not None and period_m.start >= fig.end and rx(r"\d{4}").fullmatch(period)
              and _YEAR_OF_NOUN.match(text, period_m.end)):
            period = None  # "stock slides 6% as 2026 capex range lifted": the year of the guidance, not of the move
        elif period is not None and state.ref.date is not None and period == str(state.ref.date.year):
            period = f"YTD{state.ref.date.isoformat()}"  # "shares have risen 40% this year"
        elif period is not None and period_m is not None and _is_future(period, state.ref) and not _up_to(period, state.ref):
            period = None  # "fell 8% after it warned of higher spending next year": not next year's move
        last = state.last
        if period is None and period_m is None and last is not None and last.metric == metric and last.period.startswith("YTD") \
                and last.end >= sent.start - 2 \
                and (prev is None or prev.metric != metric or prev.period.startswith("YTD")) and not _DAY_MOVE.search(text, max(0, fig.start - 30), fig.start) \
                and not _SESSION.search(text, *_clause(text, fig)):
            period = last.period  # "So far this year, BABA rose 80%. In comparison, GOOGL is up 62.5%"
        if period and period.startswith("YTD"):
            basis = "ytd"
        elif period and ".." in period:
            basis = "multi_year"  # "has returned 1,100% since 2022"
        else:
            basis = "day"
            named_day = _month_day(text, state.ref.date, fig.end) if period is None and state.ref.date is not None else None
            if period is None and state.ref.date is not None and (next_day := _next_day(text, fig)) is not None:
                # "rose 5% the next day": the trading day after the last one named before
                named_day = _day_after(state.text[max(0, sent.start - 600):sent.start + next_day.end()], state.ref.date) or named_day
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
    if period is None and _IN_THE_QUARTER_ANY.search(text) and focus:
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
    elif (inherit and prev is not None and prev.quote == text and period is not None and prev.period == period
          and _PLAIN_PERIOD.fullmatch(period) and base_family(prev.metric) == base_family(metric)
          and prev.entity == entity and fig.kind == "money" and not metric.endswith(("plan", "change"))
          and not _VERSUS_WORD.search(inherit.group(0)) and not _SEQUENTIAL.search(text) and not _REVISED.search(text)
          and not _OWN_TIME.match(text, fig.end)
          and (period_m is None or period_m.end <= fig.start)):
        period = year_before(period) or period  # "a net profit of RM2.03bil, down 8.9% from RM2.23bil": the year before's
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


def _next_day(text: str, fig: Figure) -> re.Match[str] | None:
    """The words "the next day" that date ``fig``'s move, or None: not when a day is named between them
    ("rose 4% on November 25, while Hong Kong gained 1.5% the following session" dates only the second), nor
    when they explain a day just named ("fell 10% on Jan. 29, the day after the results")."""
    matches = list(_NEXT_DAY.finditer(text))
    if not matches:
        return None
    match = min(matches, key=lambda m: abs(m.start() - fig.end))
    between = text[fig.end:match.start()] if match.start() >= fig.end else text[match.end():fig.start]
    if _WEEKDAY.search(between) or _A_MONTH_DAY.search(between):
        return None
    just_before = text[max(0, match.start() - 30):match.start()]
    if _WEEKDAY.search(just_before) or _A_MONTH_DAY.search(just_before):
        return None
    return match


def _is_change(metric: str) -> bool:
    """Only a change has a basis ("up 62% Y/Y" is yoy); a level beside it ("revenue of $57bn") has none."""
    return metric.endswith("_change")


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
