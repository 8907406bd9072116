"""The words around a figure that say what it measures: metric cues, signs, bases, plans.

Data and small pure matchers used by :mod:`capexwatch.extract`. Each cue pattern maps
to a metric *family* (capex, revenue, net_income, ...); the family and the kind of
figure (money, percent, multiple) give the metric. Families in ``IGNORED`` are figures
the schema does not record (operating income, margins, R&D, backlog, consensus...).
"""

from __future__ import annotations

import re
from typing import Final

from .models import Record
from .parse.dates import MONTH_NAMES_EN
from .parse.prefilter import (
    WORD_END,
    WORD_START,
    FirstCharDispatch,
    Guarded,
    WordAlternation,
)

__all__ = ["CUES", "Cue", "find_cues", "metric_for"]


class Cue(Record):
    """Words that name a metric family. ``strength`` 2 names it outright ("capital expenditure"),
    1 is a weaker word ("spend"); 3 claims the figure for a family that is not recorded."""

    __match_args__ = ("start", "end", "family", "strength")
    __slots__ = __match_args__

    def __init__(self, start: int, end: int, family: str, strength: int = 1) -> None:
        self.start: Final = start
        self.end: Final = end
        self.family: Final = family
        self.strength: Final = strength


_CUE_TABLE: list[tuple[str, str, int]] = [
    # Not recorded: these claim the figure so that no weaker cue does.
    (r"operating\s(?:income|profit|loss|margin|cash\sflow)|gross\s(?:profit|income|loss)|EBITA?|EBITDA|adjusted\sEBITA|(?:gross|net|profit|operating|ebita)\smargins?|margins?", "ignored", 3),
    # a filing's cash-flow lines and balances: "net cash used in investing activities", "cash, cash equivalents and ..."
    (r"net\scash\s(?:provided\sby|used\sin|(?:used\s)?(?:from|for))\s(?:operating|investing|financing)\sactivities|(?:operating|investing|financing)\sactivities|cash\s(?:used\sin|provided\sby|from)\s(?:operations|operating|investing|financing)|"
     r"cash(?:,\s|\sand\s)(?:cash\s)?equivalents|cash\sand\s(?:short-term\s)?(?:investments|marketable\ssecurities)|cash\spile|cash\son\shand|"
     r"gains?\s\(loss(?:es)?\)|remain(?:ed|s|ing)?\savailable", "ignored", 3),
    # an income statement's expense and pre-tax lines: "| Sales and marketing |", "| Loss before income taxes |"
    (r"sales\sand\smarketing|selling,?\sgeneral\sand\sadministrative|general\sand\sadministrative|technology\sand\sinfrastructure|"
     r"(?:income|loss|earnings|profit)\s(?:\(loss\)\s)?before\s(?:provision\sfor\s)?(?:income\s)?tax(?:es)?|pre-?tax\s(?:income|profit|loss|earnings)|"
     r"(?:gains?|loss(?:es)?)\son\s(?:the\s)?(?:fair\svalue|disposal|extinguishment|derivatives?)|provision\sfor\sincome\staxes|income\stax(?:es)?(?:\sexpense|\sbenefit)?", "ignored", 3),
    # a charge, a write-down, and the profit that belongs to minority holders: "a one-off tax charge of $15.9 billion",
    # "| Non-controlling interests | (7,361) |"
    (r"(?:one-(?:time|off)\s|non-cash\s|non-recurring\s|deferred\s)?(?:tax|impairment|restructuring|severance|legal|litigation|accounting)\s(?:expense\s)?charges?|"
     r"(?:one-(?:time|off)|non-cash|non-recurring|pre-tax|after-tax)\scharges?|charges?\s(?:of|totall?ing)(?=\s(?:about\s|around\s|roughly\s)?[$€£¥]|\s(?:US|HK|RMB|USD))|write-?(?:downs?|offs?)|wr(?:ote|itten|ites?|iting)\s(?:down|off)|impairments?|"
     r"non-?controlling\sinterests?|minority\s(?:interests?|shareholders)"
     # the same in Spanish, French, Italian, German, Portuguese
     r"|cargos?\s(?:fiscal(?:es)?|extraordinarios?|contables?|por\sdeterioro|único)(?:\s(?:extraordinarios?|únicos?|puntual(?:es)?|excepcional(?:es)?))?|deterioros?|charges?\s(?:fiscales?|exceptionnelles?|d['’]impôts?)|dépréciations?"
     r"|oneri?\s(?:fiscal[ei]|straordinari[oa]?)|svalutazion[ei]|Steuerbelastung|Sonderbelastung|Sonderabschreibung(?:en)?|Abschreibung(?:en)?|baixa\scontábil|encargos?\s(?:fiscal|tributário)", "ignored", 3),
    (r"R&D|research\sand\sdevelopment|depreciation(?:\sexpenses?)?|amorti[sz]ation|earnings\sbefore\sinterest[\w\s,]*", "ignored", 3),
    (r"debt|bonds?|notes\soffering|loans?|borrow\w*|credit\sfacility|funding|fundrais\w+|financing|authori[sz]ation|remaining\sunder|a\sgain\sof|costs?|gains\sand\slosses|(?:investment|capital|one-time|paper|unrealized|realized)\sgains?|gains?\s(?:on|from)\s(?:its|the|investments?)|in\sgains|windfall|stake|shareholder|(?<!attributable\s)to\s(?:its\s|our\s)?shareholders|valuation|funding\sround|raised\sfunding|(?:fundraising|financing|equity|venture|priced|seed|late-stage)\sround|Series\s[A-H]\b|(?:pre-?tax|after-tax|non-operating)\sgains?", "ignored", 3),
    (r"(?:share\s|stock\s)?price\s(?:of|at)|quoted\sat|trading\sturnover|turnover\sof|closed\sat|per\sshare|a\sshare|高水|低水|溢價|溢价|折讓|折让|Konsens\w*|consenso", "ignored", 3),
    (r"accounts?\sfor(?!\s(?:the\s)?(?:income|revenue)\sproportion)|share\sof\s(?:its|the|total)\s(?:\w+\s)?(?:revenue|sales)|of\s(?:its|total|the\scompany's)\s(?:\w+\s)?(?:revenue|sales)", "ignored", 3),
    (r"backlog|remaining\sperformance\sobligations?|RPO|GMV|gross\smerchandise|contracted\s(?:future\s)?revenue|"
     r"(?:deferred|unearned|unrecognized)\srevenue|revenue\snot\syet\srecognized|inventor(?:y|ies)|bookings|order\sbook|orders|"
     r"contracts?(?!\s(?:chip|manufactur|research|foundr|electronics))|agreements?|deals?|partnership\sworth|(?:computing\s)?(?:power|capacity)\sfrom|mkt\.?\s?cap"
     # a backlog in Spanish, French, Italian, German, Portuguese
     r"|cartera\sde\s(?:pedidos|contratos)|carnet\sde\scommandes|portafoglio\sordini|Auftragsbestand|carteira\sde\spedidos", "ignored", 3),
    # the size of a market, or the whole world's spending, as a research firm sees it: not a company's
    (r"market\s(?:is\s(?:expected|forecast|projected|set|estimated|poised)\sto|will|could|would|should|may)\s(?:grow|reach|hit|top|exceed|surpass|be\sworth|expand|climb|rise)|"
     r"(?:worldwide|global)\s(?:[\w-]+\s){0,2}(?:capex|spending|investment|capital\sexpenditures?)\s(?:will|is\sexpected\sto|could|would|should|may)|"
     # what AI adds to a country's output: "to add Dh335 billion to its economy by 2030"
     r"to\s(?:the\s|its\s|their\s|the\sglobal\s|the\sworld's\s|[A-Z]\w+['’]s\s)?(?:economy|GDP|gross\sdomestic\sproduct)|economic\s(?:output|impact|contribution)", "ignored", 3),
    (r"cash\s(?:and\s(?:cash\s)?equivalents|position|pile|reserves|on\shand)|dividends?(?:\sper\sshare)?|market\s(?:cap|capitali[sz]ation|value)|valu(?:ed|ation)\s(?:at|of)|price\starget|target\sprice|Börsenwert|Marktwert|Marktkapitalisierung|valor\s(?:de\smercado|bursátil)|capitalizaci[oó]n", "ignored", 3),
    # an earnings surprise, a stock ranking's or an index's return: "a surprise of 3.4%", "an average annual return of +23.7%"
    (r"surprises?|(?:average\s|annual\s|annuali[sz]ed\s|total\s|shareholder\s)+returns?|returns?\sof(?=\s[+-]?\d)|returns?\son\s(?:invested\s)?(?:capital|equity|assets)", "ignored", 3),
    (r"(?:daily|monthly)\s(?:active\s)?(?:users|people)|DAP|MAU|DAU|downloads|users|subscribers|employees|headcount|impressions|price\sper\sad|price/ad|tokens", "ignored", 3),
    (r"opex|operating\sexpenses?|costs?\sof\srevenue|expenses", "ignored", 2),
    (r"interest\sincome|other\sincome|income\sfrom\soperations|(?<!net\s)income", "ignored", 2),
    (r"(?:non-GAAP\s)?(?:diluted\s)?net\sincome\sper\s(?:diluted\s)?(?:ADS|ADR|share)|non-GAAP\searnings\sper\s(?:diluted\s)?share|earnings\sper\s(?:diluted\s)?share|EPS|per-share\searnings|diluted\searnings|每股(?:收益|盈利|盈餘|盈余)", "eps", 3),
    # Recorded.
    (r"capex[- /]to[- /](?:cloud[- ])?(?:revenue|sales)|capex\s?/\s?(?:sales|rev\.?(?!\w))|capex\s/\srevenue|capex\s(?:as\s)?%\s(?:of\s)?(?:revenue|sales)|ratio\sof\s(?:\w+[- ]){0,3}(?:investment|capex|spending)\sto\s(?:\w+\s){0,2}revenue|capital\sintensity|capex\sintensity|capex/revenue|as\sa\s(?:share|percentage|proportion)\sof\s(?:\w+\s)?revenue|accounts?\sfor\s(?:the\s)?(?:income|revenue)\sproportion", "capex_to_revenue", 3),
    (r"capital\sexpenditures?|capital\sspending|capex|cap-ex|capital\sinvestments?|capital\soutlays?|CapEx|property,?\splant,?\sand\sequipment|property\sand\sequipment(?:,?\snet)?(?:,?\s(?:net\s)?of\sproceeds\sfrom\s(?:the\s)?sales?(?:\sand\sincentives)?)?|PP&E|資本開支|资本开支|资本支出|資本支出|Investitionen|Investitionsausgaben|despesas\sde\scapital|dépenses\sd['’]investissements?|inversiones\sde\scapital|Sachinvestitionen|gastos?\sde\scapital|investimentos?\sde\scapital|inversi[oó]n(?:es)?\sde\scapital|spes[ae]\sin\sconto\scapitale", "capex", 3),
    (r"(?:AI|cloud|data[- ]cent(?:er|re)s?|infrastructure|chips?|GPUs?|compute|server)\s(?:\w+\s)?(?:spending|investments?|budget|build-?out|outlays?)", "capex", 2),
    (r"spend(?:s|ing)?|spent|invest(?:s|ed|ing|ments?)?|pledge[sd]?|commitments?|committed|commit|budget(?:ed|s)?|outlays?|buildout|earmark(?:ed)?|deploy(?:ed)?|allocat(?:e|ed|ion)|plowed|pour(?:ed|ing)?|splurge|投资|投資|投入|investimentos?|gastou|gastar|investieren|investiert|investierten?|Ausgaben|ausgeben|gastar[áa]?|gastos?|dépenses?|investissements?|inversi[oó]n(?:es)?|invirti[oó]|invirtieron|invierten?|invertir[áa]?|investiu|investiram|investir[áa]?|investi(?:t|ra|ssent)?|gast[oó]|déboursé|investimenti|investit[oi]|investirà|spes[ae]", "capex", 1),
    (r"free\scash\sflows?|FCF|cash\sburn|burn\srate|burned|burn|freie[rn]?\sCashflow|Free-Cashflow|flujo\sde\scaja\slibre|fluxo\sde\scaixa\slivre|flux\sde\strésorerie\sdisponible", "free_cash_flow", 3),
    # a move in trading: "the after-hours loss deepened to 3.4%", "ended the regular session up 0.4%"
    (r"(?:after[- ]hours|after[- ]market|premarket|pre-market|extended[- ](?:trading|hours)|intraday|overnight)\s(?:loss(?:es)?|gains?|declines?|drops?|slide|rally|advance|move|jump|fall|slump)|"
     r"(?:regular|trading|overnight|extended|after-hours|premarket)\ssession", "stock", 3),
    (r"net\s(?:income|profit|earnings|loss)|profits?|earnings(?!\sper\b|\scall|\sreport|\sexpectations|\srelease|\sseason)|net\slosses|losses|loss|lost|los(?:e|ing)|earn(?:ed|s|ing)?(?!\s(?:call|report|season))|淨利|净利|純利|纯利|盈利|利潤|利润|lucro\sl[ií]quido|Nettogewinn|Gewinn|Reingewinn|beneficio\sneto|beneficios?|bénéfice(?:\snet)?|résultat\snet|PAT|utile(?:\snetto)?|perdita(?:\snetta)?|perdite(?:\snette)?|pérdidas?(?:\snetas?)?|pertes?(?:\snettes?)?|(?:Netto|Quartals)?[Vv]erlust(?:e|es)?|prejuízos?(?:\slíquidos?)?", "net_income", 2),
    (r"revenues?|revs?(?![\w.-])|sales|turnover|top[- ]line|run[- ]rate|ARR|annuali[sz]ed\srevenue|營收|营收|收入|(?:Konzern|Quartals|Jahres|Gesamt|Rekord)?umsatz(?:es)?|Umsätzen?|receita|Erl[öo]se?|ingresos|ingres[oó]|ingresaron|facturaci[oó]n|factur[oó]|facturaron|faturamento|faturou|chiffre\sd['’]affaires|revenus|ricavi|fatturato", "revenue", 2),
    (r"market\sshares?|(?:share\s)?of\s(?:the\s)?(?:[\w'’-]+\s){0,4}market(?!['’]s|\s(?:cap|value|capitali[sz]ation|index))|(?<=%\s)share(?!s)|市场份额|市場份額", "market_share", 3),
    (r"repurchas(?:e[sd]?|ing)|buy-?backs?|bought\sback|buy(?:s|ing)?\sback|share\srepurchases?|recompr(?:a|as|ó|o|aron|ou|ar)|recompras\sde\sacciones|rachat\sd['’]actions|rachats\sd['’]actions|a\srachet[ée]|riacquist[oi]|Aktienrückk[äa]uf\w*", "share_buyback", 3),
    (r"outstanding\sshares|shares\soutstanding|share\scount", "shares_outstanding", 3),
    (r"P/E|price[- ]to[- ]earnings|PE\sratio|price-earnings|(?:times|x)\s(?:(?:our|its|the|forward|trailing|expected|estimated|projected|consensus|next[- ]year(?:'s)?|this[- ]year(?:'s)?|current[- ]year|(?:FY|CY)?\d{2,4}E?)\s){0,3}(?:earnings|EPS|profits?)|earnings\smultiple|(?<=x\s)(?:our|its|consensus)\s(?:(?:FY|CY)?\d{2,4}E?|forward|next[- ]year(?:'s)?)\s(?:EPS|earnings)|"
     r"(?:forward|trailing|next\syear's|this\syear's)\s(?:earnings|EPS|P/E)", "pe", 3),
    (r"total\sassets", "total_assets", 3),
    (r"net\sdebt[- ]to[- ]equity|debt[- ]to[- ]equity|net\sdebt\sratio|gearing", "net_debt_equity", 3),
    (r"(?:slash|cut|reduc|lower)\w*\s(?:\w+\s){0,3}(?:pric\w*|costs?\sof\s(?:calling|using|access\w*))|price\scuts?|pric\w+\s(?:cuts?|reductions?)", "price_cut", 3),
    (r"shares|stocks?|ADRs?|share\sprice|stock\sprice|traded|trading|rall(?:y|ies)|sell-?offs?|premarket|after[- ]hours|market\svalue|股價|股价|收報|收报|收市|收盤|收盘|美股|港股|Aktien?|acciones|ações|titolo|azioni|(?<=le\s)titre|(?<=l['’])action", "stock", 1),
]
CUES = [(re.compile(WORD_START + "(?:" + pattern + ")" + WORD_END, re.IGNORECASE), family, strength)
        for pattern, family, strength in _CUE_TABLE]
# All cues in one pass: at one position the earlier row of the table wins, as above. Tried
# only where a word starts, with the alternatives that can begin with its first letter.
_ALL = FirstCharDispatch([pattern for pattern, _f, _s in _CUE_TABLE], re.IGNORECASE)


def find_cues(text: str) -> list[Cue]:
    """Return the metric cues in ``text``, longest first where they overlap.

    >>> [(c.family, c.strength) for c in find_cues("capital expenditure rose while revenue fell")]
    [('capex', 3), ('revenue', 2)]
    """
    found: list[Cue] = []
    for start, end, row in _ALL.finditer(text):
        _pattern, family, strength = _CUE_TABLE[row]
        found.append(Cue(start, end, family, strength))
    return found


# (family, figure kind) → metric
_METRICS = {
    ("capex", "money"): "capex", ("capex", "percent"): "capex_change",
    ("capex_to_revenue", "percent"): "capex_to_revenue",
    ("revenue", "money"): "revenue", ("revenue", "percent"): "revenue_change", ("revenue", "multiple"): "revenue_change",
    ("net_income", "money"): "net_income", ("net_income", "percent"): "net_income_change",
    ("net_income", "multiple"): "net_income_change",
    ("free_cash_flow", "money"): "free_cash_flow", ("free_cash_flow", "percent"): "free_cash_flow_change",
    ("eps", "percent"): "eps_change",
    ("market_share", "percent"): "market_share",
    ("stock", "percent"): "stock_change",
    ("share_buyback", "money"): "share_buyback",
    ("shares_outstanding", "percent"): "shares_outstanding_change",
    ("pe", "multiple"): "pe_ratio",
    ("total_assets", "money"): "total_assets",
    ("net_debt_equity", "multiple"): "net_debt_to_equity",
    ("price_cut", "percent"): "price_cut",
}


def metric_for(family: str, kind: str) -> str | None:
    """Return the schema metric for a cue family and a figure kind, or None.

    >>> metric_for("revenue", "percent"), metric_for("capex", "money"), metric_for("eps", "money")
    ('revenue_change', 'capex', None)
    """
    return _METRICS.get((family, kind))


UP = Guarded(re.compile(r"(?<![\w-])(?:rose|rise[sn]?|rising|up|increas\w*|gr[eo]w\w*|growth|gain\w*|jump\w*|surg\w*|climb\w*|soar\w*|rall\w*|advanc\w*|higher|added|expand\w*|(?:re-?)?accelerat\w*|boost\w*|raised?|lift\w*|improv\w*|rebound\w*|spik\w*|doubl\w*|tripl\w*|leap\w*|\+|"
                                r"stieg|steigt|steigerte|gestiegen|wuchs|wächst|gewachsen|zulegte|legte|kletterte|sprang|Anstieg|Plus|crec\w+|subi[óo]|subieron|aument\w+|cresceu|cresceram|saltaram|saltou|subiu|augment\w+|hausse|progress\w+|bondi\w*|gagn[eé]\w*|grimp\w+|envol\w*|cresciut\w*|crescita|salit[oi]|salendo|rialzo|balzo|balzat\w*|guadagn\w*)(?![\w])", re.I))
DOWN = WordAlternation(r"collaps\w*|crater\w*|halv\w*|tank\w*|skid\w*|declin\w*|fell|fall\w*|drop\w*|down|decreas\w*|lower|slid\w*|slump\w*|plung\w*|tumbl\w*|sank|sink\w*|shr[ai]nk\w*|contract\w*|reduc\w*|dipp?\w*|slipp?\w*|loss\w*|negative|narrow\w*|cut(?:s|ting)?|slash\w*|eroded|retreat\w*|sell-?off|lost|plummet\w*|crash\w*|sagg?\w*|weaken\w*|"
                     r"fiel|fällt|gefallen|sank|sinkt|gesunken|verlor|verliert|verloren|schrumpfte|geschrumpft|Rückgang|Minus|rutschte|cay[óe]|cayeron|cedi[óe]|cedieron|baj[óo]|bajaron|redujo|retroced\w*|desplom\w*|hundi[óo]|hundieron|croll\w+|despenc\w+|desab\w+|eingebrochen|descend\w*|caiu|caíram|recuou|recuaram|baisse|recul\w*|chut\w*|perdu|calo|calat\w*|sces[oi]|ribasso|flessione|diminu\w*|perso|perde|perdono|pierde|pierden|perdió|cede|cedono|ceduto|cédé|cédait|arretra\w*", re.I)

YOY = Guarded(re.compile(r"year[- ]over[- ]year|year[- ]on[- ]year|(?<![\w-])on\s(?:a\s)?year\b(?![\s-](?:end|earlier|ago))|\byoy\b|\by/y\b|from\sa\syear\s(?:ago|earlier)|(?:than|from|over|versus|vs\.?)\s(?:in\s)?(?:the\s)?(?:same\s(?:period|quarter|month)|a\syear|last\syear|the\sprior\syear|the\sprevious\syear|a\syear\sago)|year-ago|annual(?:ly)?\sgrowth|interanual(?:mente)?|im\sJahresvergleich|gegenüber\sdem\sVorjahr(?:eszeitraum)?|ein\sJahr\szuvor|un\saño\s(?:antes|atrás)|em\srelação\sao\sano\santerior|na\scomparação\sanual|sur\sun\san|en\sglissement\sannuel|su\sbase\sannua|anno\ssu\sanno|rispetto\sallo\sstesso\speriodo|compared\s(?:to|with)\s(?:the\s)?(?:same|a\syear|last\syear|year)|同比|按年", re.I))
QOQ = Guarded(re.compile(r"quarter[- ]over[- ]quarter|quarter[- ]on[- ]quarter|\bqoq\b|\bq/q\b|sequential(?:ly)?|from\sthe\s(?:prior|previous|preceding)\s(?:period|quarter)|from\s(?:the\s)?(?:prior|previous|preceding|last)\squarter|环比|按季", re.I))
# a month's figure against the month before: "up 11.2% on month", "month-on-month", "from September" (a month's name)
MOM = Guarded(re.compile(r"month[- ]over[- ]month|month[- ]on[- ]month|\bm/m\b|\bmom\b|\bon\s(?:a\s)?month\b|from\sthe\s(?:prior|previous|preceding)\smonth"
                         r"|(?:from|than|over|versus|vs\.?)\s(?:" + MONTH_NAMES_EN + r")\b(?![\s-](?:quarter|half)|\s\d)", re.I))
VS_PLAN = Guarded(re.compile(r"(?:more|less)\sthan\s(?:previously\s)?(?:planned|expected|forecast|guided|budgeted)|(?:from|over|above)\s(?:its\s|the\s)?(?:previous|prior|earlier|initial|original)\s(?:\w+\s)?(?:estimate|guidance|forecast|plan|outlook|target)|at\sthe\smidpoint|(?:higher|lower|more|less|above|below)\s(?:than\s)?(?:the|its)\s(?:old|previous|prior|earlier|original)\s(?:one|range|plan|budget|guidance|forecast|outlook|target)", re.I))

PLAN = WordAlternation(r"plans?|planned|planning|pledge[sd]?|pledging|promis(?:e|es|ed|ing)|vow(?:s|ed|ing)?|commit(?:s|ted|ment|ments)?|will|would|to\s(?:spend|invest|deploy|allocate|pour|reach|hit|total|be)|expects?|expected|sees|expecting|forecasts?|forecasting|guid(?:e|ance|ed|es|ing)|outlook|targets?|targeting|targeted|budget(?:ed|s)?|earmark\w*|set\sto|sets?\saside|intends?|aims?|aiming|raised|raises?|raising|lifts?|lifted|boost(?:ed|s)?\s(?:its|the)\s(?:\w+\s)?(?:forecast|guidance|outlook|plan)|projected|projection|anticipat\w*|envisag\w*|programme|program|initiative|announced|announces|unveil\w*|going\sto|could\sreach|estimated\sto|over\sthe\snext|in\sthe\scoming|three-year|two-year|five-year|multi-year|prior|previously|计划|計劃|預計|预计|未來|未来|明年|承諾|承诺"
                      # Spanish, French, Italian, German, Portuguese
                      r"|prevé|previsión|previsiones|planea|calcula\sque|espera|estima|anticipa(?:ba)?|previst[oa]s?|presupuesto|rondará|alcanzará|será|invertirá|gastará|destinará"
                      r"|prévoit|prévision|prévisions|table\ssur|anticipe|s['’]attend|envisage|prévue?s?|investira|dépensera|objectif"
                      r"|prevede|previsione|previsioni|si\saspetta|investirà|spenderà|obiettivo"
                      r"|erwartet|rechnet\smit|Prognose|prognostiziert|soll|sollen|wird|werden|investieren\swill"
                      r"|prevê|previsão|planeja|projeta|investirá|gastará", re.I)
PAST = WordAlternation(r"spent|reached|totall?ed|was|were|rose|grew|increased|jumped|surged|climbed|came\sin|amounted|hit|reported|posted|deployed|invested|recorded|had|doubled|ended\sup\s(?:spending|at)|incurred|booked|logged|generated|delivered|registered"
                      # Spanish, French, Italian, German, Portuguese
                      r"|invirti[oó]|invirtieron|gastó|gastaron|destinó|destinaron|ascendió|alcanzó|sumó|registró|desembolsó"
                      r"|investi|dépensé|consacré|atteint|s['’]est\sélevée?|se\ssont\sélevée?s|investito|speso|raggiunto|investierte|investierten|investiert|ausgegeben|erreichte"
                      r"|investiu|investiram|gastou|gastaram|atingiu|somou"
                      r"|過去|过去|錄得|录得|錄|录|上季|去年|累計|累计|達到|达到", re.I)
