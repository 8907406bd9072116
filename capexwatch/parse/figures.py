"""Find figures in text: money, percentages, multiples, model counts and parameters.

Pure str → list[Figure]; no I/O. Handles every form of financial news: ``$53 billion``,
``$52.4 bln``, ``US$``, ``RMB247,652 million``, ``CNY7.7 billion``, ``380 billion yuan
($52.4 billion)`` (one figure, the second currency in ``also``), ``HK$``, ``$1.8
trillion``, ``$75bn``, ``$120B+``, ranges (``between $64 billion and $72 billion``,
``$60–65 billion``, ``$175 to $185B``), the mislabelled ``$38.6 billion RMB`` (the
currency code wins), ``2,477.95億元``, ``7.6%``, ``13 percent``, ``15x``.
Plain numbers without a unit (years, counts of days) are not figures.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from ..models import Alt, Figure
from ._currencies import CODE_WINS, PREFIXES, SUFFIXES, YEN_CONTEXT
from .prefilter import Guarded, hinted, rx

__all__ = ["MOVED_BY", "SCALES", "find_figures", "parse_money", "parse_number"]

SCALES: dict[str, Decimal] = {
    "trillion": Decimal("1e12"), "tn": Decimal("1e12"), "trn": Decimal("1e12"), "t": Decimal("1e12"),
    "兆": Decimal("1e12"),
    "billion": Decimal("1e9"), "bln": Decimal("1e9"), "bn": Decimal("1e9"), "b": Decimal("1e9"),
    "mrd": Decimal("1e9"), "milliarden": Decimal("1e9"), "milliarde": Decimal("1e9"), "bilhões": Decimal("1e9"), "bilhão": Decimal("1e9"),
    "mil milhões": Decimal("1e9"), "mil millones": Decimal("1e9"), "milliards": Decimal("1e9"), "milliard": Decimal("1e9"),
    "millones": Decimal("1e6"), "millón": Decimal("1e6"), "milhão": Decimal("1e6"), "millions": Decimal("1e6"),
    "million": Decimal("1e6"), "mln": Decimal("1e6"), "mn": Decimal("1e6"), "m": Decimal("1e6"),
    "bil": Decimal("1e9"), "mil": Decimal("1e6"),  # Malaysian dailies: "RM2.03bil", "RM256mil" (glued to the digits)
    "mio": Decimal("1e6"), "millionen": Decimal("1e6"), "milhões": Decimal("1e6"),
    "thousand": Decimal("1e3"), "k": Decimal("1e3"),
    "lakh crore": Decimal("1e12"), "lakh crores": Decimal("1e12"), "lakh-crore": Decimal("1e12"),
    "crore": Decimal("1e7"), "crores": Decimal("1e7"), "cr": Decimal("1e7"), "lakh": Decimal("1e5"), "lakhs": Decimal("1e5"),
    "md": Decimal("1e9"), "mds": Decimal("1e9"),  # French "24 Md$": milliards
    "miliardi": Decimal("1e9"), "miliardo": Decimal("1e9"), "mld": Decimal("1e9"),  # Italian
    "milioni": Decimal("1e6"), "milione": Decimal("1e6"),
    "亿": Decimal("1e8"), "億": Decimal("1e8"), "万": Decimal("1e4"), "萬": Decimal("1e4"),
    "千亿": Decimal("1e11"), "千億": Decimal("1e11"),
    "100 million": Decimal("1e8"),  # a machine translation of 亿: "553.3 100 million yuan"
}

_PREFIX_ALT = "|".join(sorted((re.escape(p) for p in PREFIXES), key=len, reverse=True))
# Where a figure can begin (a sign, a currency, a digit): one cheap test before the rest is tried.
_ATOM_START = "".join(sorted({re.escape(c) for c in {p[0] for p in PREFIXES} | set("+-−0123456789")}))
_ATOM = hinted(re.compile(
    r"""
    (?=[""" + _ATOM_START + r"""])
    (?P<sign>(?<![\w.,%$)\-–—])[+\-−](?=\s?[$\d]))?     # an explicit sign: "+33%", "-2%"
    (?:(?P<pre>""" + _PREFIX_ALT + r""")\s?)?                 # currency before the amount
    (?P<num>\d{1,2}(?:,\d\d)+,\d{3}(?:\.\d+)?(?![\d,])|(?P<spaces>\d{1,3}(?:[\u00a0\u202f\s]\d{3})+(?:,\d+)?)(?=[\u00a0\u202f\s](?:milliards?|millions\sd|Mds?\s?[$€]|miliardi|milioni)(?![A-Za-z]))|\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|(?P<dots>\d{1,3}(?:\.\d{3})+(?:,\d+)?)(?=\s?(?:Milliarden?|Millionen|Mrd|Mio|bilh[õã]o|bilhões|milh[õã]o|milhões|mil\smilh|mil\smillones|millones|millón|milliards?|millions\sd|Euro|euros|de\sd[óo]lares|reales|reais|miliard[io]|milion[ei]|mld|di\sdollari)(?![A-Za-z]))|\d{1,3},\d{1,2}(?=\s?(?:Mds?\s?[$€]|Milliarden?|Millionen|Mrd|Mio|bilh[õã]o|bilhões|milh[õã]o|milhões|mil\smilh|mil\smillones|millones|milliards?|millions|Prozent|por\scento|por\sciento|pour\scent|miliard[io]|milion[ei]|mld|mln)(?![A-Za-z])|\s?%|\s?(?:bis|und|à|a|y|et|e|-|–)\s?\d{1,3},\d{1,2}(?![\d,]))|\d+(?:\.\d+)?)  # 1,234.5 / 3,5 Mrd / 3,5 bis 4,5 Mrd / 0.25
    (?:[\s-]?(?P<scale>100\smillion(?=\s(?:yuan|RMB|renminbi)\b)|(?i:trillion|billion|million|thousand)|Milliarden|Milliarde|Millionen|bilhões|bilhão|milhões|milhão|mil\smilhões|mil\smillones|millones|millón|milliards|milliard|millions|miliardi|miliardo|milioni|milione|mld|
        (?i:tn|trn|bln|bn|mln|mn)|(?<=\d)(?:bil|mil)|Mrd\.?|Mio\.?|lakh[\s-]crores?|crores?|lakhs?|cr(?=\.?\s)|Mds?(?=\s?[$€])|千亿|千億|亿|億|万|萬|兆)(?![A-Za-z])
      |(?P<tiny>[bBmMkKT])(?![A-Za-z0-9]))?               # "$75bn" is above; "$120B", "$402M", "$1.8T"
    (?P<plus>\+)?                                         # "$120B+"
    """,
    re.VERBOSE,
))
_SUFFIX = re.compile(
    r"""
    \s?(?:
        (?P<pct>%|％|\s?per\s?cent\b|\s?percent\b|\s?pct\b|\s?percentage\s+points?\b|\s?pp\b|\s?Prozent\b|\s?por\s+cento\b|个百分点)
      | (?P<mult>[x×](?![A-Za-z0-9])|\s?times\b)
      | (?P<cur>元人民币|元|人民币|美元|港元|港幣|日元|韩元|Hong\ Kong\ dollars|HK\ dollars|U\.S\.\ dollars|US\ dollars|US-Dollar|
                (?i:dollars?|yuan|renminbi)\b|RMB\b|CNY\b|USD\b|HKD\b|(?i:won)\b|KRW\b|(?i:yen)\b|JPY\b|(?i:euros?)\b|EUR\b|
                (?i:pounds)\b|GBP\b|ringgit\b|MYR\b|rupees?\b|dirhams?\b|riyals?\b|AED\b|SAR\b|BRL\b|(?:(?<=Md)|(?<=Mds))\$|(?:(?<=Md)|(?<=Mds)|(?<=Mrd)|(?<=Mrd\.)|(?<=Mio)|(?<=Mio\.))\s?€|reais\b|(?:de\ )?reales\b|(?:de\ )?(?:iuanes|yuanes|yuans|dólares)\b|de\ euros\b|d['’]euros\b|de\ dollars\b|di\ dollari\b|di\ euro\b|di\ (?:won|yen|yuan)\b|de\ (?:wons?|yens?)\b)
      | (?P<params>-?\s?param(?:eter)?s?\b)
      | (?P<models>\s(?:open[- ]source\s)?(?:AI\s)?models\b)
    )
    """,
    re.VERBOSE,
)
_RANGE_SEP = re.compile(r"\s?(?:-|–|—|~|to|through|bis|至)\s?")
_PAREN_OPEN = re.compile(r"\s?\(\s?(?:about|unos|unas|alrededor\sde|casi|approximately|approx\.|around|roughly|some|nearly|~|or|c\.|equivalent\ to|equal\ to|north\ of|a\ little\ (?:over|under)|just\ (?:over|under)|more\ than|less\ than|etwa|rund|ca\.|cerca\ de|aproximadamente|environ|circa|pari\ a|約|约)?\s?", re.I)
_APPROX = Guarded(re.compile(r"(?:about|approximately|approx\.|around|roughly|nearly|almost|some|~|c\.|an estimated)\s*$", re.I))
_RANGED = re.compile(r"(?:[$€£¥]|\b(?:RMB|CNY|USD|EUR|HKD|JPY|KRW|INR))\s?[\d.,]+\s?(?:[BMTbmk]|bn)?\s?(?:-|–|—|to)\s?$")  # the first amount of a range: "$175 to ", "RMB 110B–"
_RESTATED = rx(r"(?:\s(?:in|of|for)\s[\w'’-]+(?:\s[\w'’-]+){0,3})?,\s(?:or|roughly|about|approximately|around|i\.e\.|that\sis|call\sit|"
              r"which\s(?:I|we)\s(?:make|reckon|calculate|put\sat)(?:\sit)?|equivalent\sto|worth)\s(?:about\s|roughly\s|around\s|some\s|approximately\s|nearly\s)?", re.I)
_LIST_GAP = re.compile(r",\s(?:(?:and|y|et|e|und)\s)?|\s(?:and|y|et|e|und)\s")  # "13, 29 and 22", "34.900 y 34.200"
_BETWEEN = re.compile(r"(?:between|entre|tra|fra|zwischen)\s*$", re.I)
_AND = re.compile(r"\s?(?:and|y|et|e|und)\s?")
_DOTTED = re.compile(r"\d{1,3}(?:\.\d{3})+(?![\d.,])")


def _regroup(text: str, a: _Atom, b: _Atom) -> None:
    """The first of "91.000 y 93.000 millones" is grouped in thousands as the second is (alone,
    "91.000" reads as 91)."""
    if a.scale is None and _DOTTED.fullmatch(text, a.start, a.end) and _DOTTED.match(text, b.start) and b.num == b.num.to_integral_value():
        a.num = Decimal(text[a.start:a.end].replace(".", ""))

_FROM = re.compile(r"\bfrom\s*$", re.I)
_BY = re.compile(r"\bby\s(?:about\s|roughly\s|nearly\s|some\s|another\s|a\sfurther\s)?$", re.I)
# "from" that opens a range after all: "estimates ranging from $98 billion to $125 billion"
_RANGING_FROM = re.compile(r"\b(?:rang(?:e|es|ed|ing)|varying|vary)\sfrom\s*$", re.I)
# a revision of one range to another: "to $70 billion to $72 billion, (up) from $66 billion to $72 billion"
_REVISED_FROM = re.compile(r",?\s(?:(?:up|down)\s)?from\s", re.I)
# the verb right before the money a level moved by: "increased $12.1 billion", "fell by $2 billion"
MOVED_BY = re.compile(r"\b(?:(?P<up>increased|rose|grew|climbed|jumped|surged|was\sup)|(?P<down>decreased|declined|fell|dropped|was\sdown))"
                      r"\s(?:by\s)?(?:about\s|roughly\s|nearly\s|some\s|approximately\s)?$", re.I)


def parse_number(text: str) -> Decimal | None:
    """Return the number written in ``text`` ("1,234.5", "0.25"), or None.

    >>> parse_number("247,652"), parse_number("7.6"), parse_number("3,5"), parse_number("n/a")
    (Decimal('247652'), Decimal('7.6'), Decimal('3.5'), None)
    """
    if "," in text and len(text) - text.index(",") <= 3:
        text = text.replace(",", ".")  # a decimal comma: "3,5" (a thousands comma has three digits after it)
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


class _Atom:
    """A number with what is written next to it, before ranges and restatements are joined."""

    __slots__ = ("start", "end", "num", "scale", "cur", "kind", "neg", "plus")

    def __init__(self, start: int, end: int, num: Decimal, scale: Decimal | None, cur: str | None,
                 kind: str, neg: bool, plus: bool) -> None:
        self.start, self.end, self.num, self.scale = start, end, num, scale
        self.cur, self.kind, self.neg, self.plus = cur, kind, neg, plus

    def value(self) -> Decimal:
        value = self.num * (self.scale or 1)
        value = value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
        return -value if self.neg else value


def _currency(prefix: str | None, suffix: str | None, text: str, yen: bool = False) -> str | None:
    pre = PREFIXES.get(prefix.replace(" ", "")) if prefix else None
    if prefix and pre is None:
        pre = PREFIXES.get(prefix)
    post = (SUFFIXES.get(suffix) or SUFFIXES.get(suffix.lower())) if suffix else None
    if pre == "USD" and prefix in ("$", "＄") and post in CODE_WINS:
        return post  # "$38.6 billion RMB": the code wins over the symbol
    code = pre or post
    if code == "CNY" and prefix in ("¥", "￥") and (yen or any(w in text.lower() for w in YEN_CONTEXT)):
        return "JPY"
    return code


# Numbers in words, as transcripts and podcasts write them: "two hundred billion dollars", "a hundred and
# thirty-one billion", "thirty-nine and a half billion", "thirty-five point six billion", "twenty-four percent".
_SMALL = {w: i for i, w in enumerate((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"))}
_TENS = {w: 10 * i for i, w in enumerate(("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"), start=2)}
_SMALL_ALT = "|".join(sorted(_SMALL, key=len, reverse=True))
_TENS_ALT = "|".join(_TENS)
_UNDER_100 = rf"(?:(?:{_TENS_ALT})(?:[- ](?:{_SMALL_ALT}))?|(?:{_SMALL_ALT}))"
_SPOKEN = Guarded(re.compile(
    rf"(?<![\w-])(?P<n>(?:an?|{_UNDER_100})\shundred(?:\s(?:and\s)?{_UNDER_100})?|{_UNDER_100})"
    rf"(?:\spoint(?P<dec>(?:\s(?:{_SMALL_ALT}))+)|\sand\s(?P<frac>a\shalf|a\squarter|three\squarters))?"
    r"(?:\s(?P<scale>trillion|billion|million)(?:\s(?P<cur>dollars|yuan|renminbi|won|yen|euros))?"
    r"|\s(?P<pct>percent|per\scent)|\s(?P<dollars>dollars)|(?=\s(?:to|or)\s(?:an?\s|[a-z]+[- ]))"
    rf"|(?=,?\s(?:and\s)?(?:{_TENS_ALT}|{_SMALL_ALT})\b))(?![\w-])", re.I))
# The last letter of a number word before its unit: looked for before the whole pattern is tried.
_SPOKEN_HINT = re.compile(r"[eonrxtydf][\s-](?:trillion|billion|million|percent|per\scent|dollars)(?![\w-])", re.I)
_FRACTIONS = {"a half": Decimal("0.5"), "a quarter": Decimal("0.25"), "three quarters": Decimal("0.75")}
_SPOKEN_CURRENCY = {"dollars": "USD", "yuan": "CNY", "renminbi": "CNY", "won": "KRW", "yen": "JPY", "euros": "EUR"}


def spoken_number(words: str) -> Decimal:
    """The value of a number written in words.

    >>> [spoken_number(w) for w in ("a hundred and thirty-one", "thirty-five", "two hundred", "nineteen")]
    [Decimal('131'), Decimal('35'), Decimal('200'), Decimal('19')]
    """
    total = 0
    for word in re.split(r"[\s-]+", words.lower()):
        if word in ("a", "an"):
            total += 1
        elif word == "hundred":
            total *= 100
        elif word != "and":
            total += _TENS.get(word) or _SMALL[word]
    return Decimal(total)


def _spoken_atoms(text: str, currency: str | None) -> list[_Atom]:
    atoms: list[_Atom] = []
    for m in _SPOKEN.finditer(text):
        num = spoken_number(m.group("n"))
        if m.group("dec"):
            num += Decimal("0." + "".join(str(_SMALL[d]) for d in m.group("dec").lower().split()))
        elif m.group("frac"):
            num += _FRACTIONS[" ".join(m.group("frac").lower().split())]
        scale = SCALES[m.group("scale").lower()] if m.group("scale") else None
        if m.group("pct"):
            atoms.append(_Atom(m.start(), m.end(), num, None, None, "percent", False, False))
        elif m.group("cur") or m.group("dollars"):
            atoms.append(_Atom(m.start(), m.end(), num, scale, _SPOKEN_CURRENCY[(m.group("cur") or m.group("dollars")).lower()], "money", False, False))
        elif scale is not None and currency is not None and _BARE_AMOUNT.match(text, m.end()):
            atoms.append(_Atom(m.start(), m.end(), num, scale, currency, "money", False, False))
        elif scale is None and not m.group("dec") and not m.group("frac"):
            atoms.append(_Atom(m.start(), m.end(), num, None, None, "number", False, False))  # "a hundred and seventy-five to ..."
    return atoms


# What may follow an amount written without a currency for it to be read as money: a preposition or a
# stop, not a noun ("1.4 billion people", "two billion users").
_BARE_AMOUNT = rx(r"\s?(?:[,.;:)(]|\s[^\w\s$€£¥%]|\s(?:of|in|for|on|at|from|to|and|or|last|this|next|a|the|versus|vs\.?|against|up|down|"
                  r"dollars?|yuan|which|that|so|but|with|over|during|alone|incl\.?|including|excl\.?|excluding|annuali[sz]ed|run[- ]rate|worth|they|it|we|you|he|she)\b|$)", re.I)


# what may follow an amount whose currency an earlier one in the sentence gave: a stop, a preposition, a
# relative pronoun ("rondará los 125.000 millones.", "frente a los 85.000 millones que anticipaba")
_SAME_CURRENCY_TAIL = rx(r"\s?(?:[,.;:)]|\s[–—-]\s|\s(?:in|for|on|at|from|to|and|or|last|this|next|a|the|versus|vs\.?|against|which|that|with|over|during|alone|"
                         r"que|qui|che|en|dans|nel|para|pour|per|für|im|frente|contre|hasta|jusqu['’]?\w*|bis|entre|tra|y|et|e|und|o|ou|oder|anteriores|previstos)\b|$)", re.I)
_MONEY_WORD = rx(r"\b(?:capex|capital|rev|revenues?|sales|guid(?:e|ance)|backlog|spen[dt]|spending|FCF|cash|income|profit|loss|costs?|"
                 r"buybacks?|budget|outlay|invest\w*|worth|earnings|valuation)\b", re.I)
_ANY_DIGIT = re.compile(r"\d")


_LOOSE = ("mid-", "low-", "high-", "upper-", "lower-", "mid ")


def _atoms(text: str, yen: bool = False, currency: str | None = None) -> list[_Atom]:
    atoms = _spoken_atoms(text, currency) if _SPOKEN_HINT.search(text) else []
    for match in _ATOM.finditer(text):
        dots = match.group("dots")  # "50.000 millones", "6.690 Millionen": dots between thousands, as much of Europe writes
        spaces = match.group("spaces")  # "6 700 milliards": spaces between thousands, as French writes
        num = parse_number(dots.replace(".", "")) if dots else parse_number(re.sub(r"[\u00a0\u202f\s]", "", spaces)) if spaces \
            else parse_number(match.group("num"))
        at = match.start("num")
        if num is None or (not match.group("pre") and at > 0 and ((text[at - 1].isascii() and text[at - 1].isalnum()) or text[at - 1] in "._")):
            continue  # part of a word or a code: Q4, GPT-4o, H100
        if not match.group("pre") and text[max(0, at - 6):at].lower().endswith(_LOOSE):
            continue  # "the mid-30 percent range", "low-20s": a loose range, not a figure
        scale_word = match.group("scale") or match.group("tiny")
        prefix = match.group("pre")
        if prefix == "W" and not scale_word:
            prefix = None
        if prefix in ("RM", "Rs", "W") and (match.start("pre") > 0 and text[match.start("pre") - 1].isalpha()):
            prefix = None
        scale = None
        if scale_word:
            key = scale_word.rstrip(".").lower()
            scale = SCALES.get(key) or SCALES.get(scale_word.rstrip("."))
        end = match.end()
        suffix = _SUFFIX.match(text, end)
        bare_cur = None
        if match.group("tiny") and not prefix and not _RANGED.search(text[max(0, match.start() - 16):match.start()]):
            # "5G", "3M" and "Q4" are not amounts: a bare letter scale needs a currency before it, or a
            # currency word after it ("38.6B RMB"); in a document that counts in one currency, a capital
            # one followed by a stop or a preposition is money in it too ("capex: 35.1B (+61% Y/Y)")
            if suffix is not None and suffix.group("cur"):
                pass
            elif (currency is not None and match.group("tiny") in "BMT" and not match.group("sign") and _BARE_AMOUNT.match(text, end)
                  and _MONEY_WORD.search(text, max(0, text.rfind("\n", 0, match.start()) + 1, match.start() - 40), match.start())):
                bare_cur = currency  # ... after a word of money: "Qwen 72B" and "(671B)" are a model's size
            else:
                scale = None
        kind, cur = "number", None
        if match.group("tiny") and scale is None:
            end = match.start("tiny")
            suffix = None
        suffix_cur = None
        if suffix:
            if suffix.group("pct"):
                kind, end = "percent", suffix.end()
            elif suffix.group("mult") and not prefix and not scale:
                kind, end = "multiple", suffix.end()
            elif suffix.group("cur"):
                suffix_cur, end = suffix.group("cur").lstrip(), suffix.end()
            elif suffix.group("params"):
                kind, end = "params", suffix.end()
            elif suffix.group("models"):
                kind = "count"
        cur = _currency(prefix, suffix_cur, text, yen) or bare_cur
        if cur is not None and kind == "number":
            kind = "money"
        elif prefix and kind == "percent":
            cur = None
        sign = match.group("sign")
        start = match.start()
        atoms.append(_Atom(start, end, num, scale, cur, kind, bool(sign and sign in "-−"), bool(match.group("plus"))))
    atoms.sort(key=lambda a: a.start)
    for i, atom in enumerate(atoms):
        if atom.kind == "percent":  # "13, 29 and 22 percent": the list takes the unit written after its last item
            k = i
            while (k > 0 and atoms[k - 1].kind == "number" and atoms[k - 1].scale is None and not 1900 <= atoms[k - 1].num <= 2100
                   and _LIST_GAP.fullmatch(text, atoms[k - 1].end, atoms[k].start)):
                k -= 1
                atoms[k].kind = "percent"
        elif atom.kind == "number" and atom.scale is not None and not atom.neg:
            # "invirtió 34.200 millones de dólares y calcula que rondará los 125.000 millones": the
            # currency of the sentence's amount before it
            cur = next((b.cur for b in reversed(atoms[:i]) if b.kind == "money" and b.cur), None)
            if cur is not None and _SAME_CURRENCY_TAIL.match(text, atom.end):
                atom.kind, atom.cur = "money", cur
        elif atom.scale is not None and atom.kind == "money":
            # "$34.9 and $34.2 billion", "34.900 y 34.200 millones de dólares": the list takes the scale
            # (and currency) written after its last item
            k = i
            while k > 0:
                prev = atoms[k - 1]
                if not (prev.kind in ("number", "money") and prev.scale is None and prev.cur in (None, atom.cur)
                        and _LIST_GAP.fullmatch(text, prev.end, atoms[k].start)
                        and not _BETWEEN.search(text, max(0, prev.start - 12), prev.start)):
                    break
                _regroup(text, prev, atoms[k])
                if (1900 <= prev.num <= 2100 and prev.cur is None) or not atom.num / 100 <= prev.num <= atom.num * 100:
                    break  # "in 2024 and $5 billion"; "$2 and $450 billion" is no list
                k -= 1
                prev.kind, prev.scale, prev.cur = "money", atom.scale, atom.cur
    return atoms


def _join(text: str, atoms: list[_Atom]) -> list[Figure]:
    """Join ranges and restatements in brackets; return the figures with a unit."""
    figures: list[Figure] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        high: _Atom | None = None
        alts: list[Alt] = []
        j = i + 1
        if j < len(atoms):
            b = atoms[j]
            gap = text[a.end:b.start]
            before = text[max(0, a.start - 12):a.start]
            # "from X to Y" is where a level moved, unless the range it was revised to came just before
            # or "ranging" says so
            from_range = bool(
                _RANGING_FROM.search(text, max(0, a.start - 20), a.start)
                or (figures and figures[-1].high is not None and _REVISED_FROM.fullmatch(text, figures[-1].end, a.start)))
            is_range = (
                (_RANGE_SEP.fullmatch(gap) and not (_FROM.search(before) and rx(r"to|through").search(gap) and not from_range)
                 # "rose $5 billion to $102 billion": what it moved by, and where it ended
                 and not (a.kind == "money" and "to" in gap and MOVED_BY.search(text, max(0, a.start - 25), a.start))
                 # "raised its forecast by $10 billion to $85 billion": by how much, and to what
                 and not (a.kind == "money" and "to" in gap and _BY.search(before) and b.value() >= 2 * a.num * (a.scale or b.scale or 1)))
                or (_BETWEEN.search(before) and _AND.fullmatch(gap))
            )
            unitful = ("money", "percent", "multiple")
            compatible = (
                a.kind == b.kind or (a.kind == "number" and b.kind in unitful)
                or (b.kind == "number" and a.kind == "money" and b.scale is not None)
                # "15% to 20" is a range; "fell 3.1% to 187.40" is a move and the price it ended at
                or (b.kind == "number" and a.kind in ("percent", "multiple") and b.scale is None
                    and b.num <= 100 and "." not in text[b.start:b.end])
            ) and (a.cur is None or b.cur is None or a.cur == b.cur)
            year_like = a.kind == "number" and a.scale is None and 1990 <= a.num <= 2100
            if is_range and compatible and not (a.neg or b.neg) and not year_like:
                _regroup(text, a, b)
                a_scale = a.scale if a.scale is not None else b.scale
                if a.num * (a_scale or 1) <= b.value():
                    if a.kind == "number":
                        a.kind, a.cur = b.kind, b.cur
                    elif b.kind == "number":
                        b.kind = a.kind
                    a.scale = a_scale
                    if b.cur is None:
                        b.cur = a.cur
                    high = b
                    j += 1
        last = high or a
        # A restatement in brackets: "380 billion yuan ($52.4 billion)", "$53 billion (RMB 380 billion)".
        if a.kind == "money" and j < len(atoms):
            c = atoms[j]
            opener = _PAREN_OPEN.match(text, last.end)
            if opener and opener.end() == c.start and c.kind == "money" and c.cur and c.cur != a.cur:
                alts.append(Alt(c.value(), c.cur))
                j += 1
                # more restatements in the same brackets: "(US$20.64 billion or RM91.46 billion)"
                # or "(north of RMB 4 trillion at roughly seven yuan to the dollar, or about €515 billion)"
                while (j < len(atoms) and atoms[j].kind == "money" and atoms[j].cur not in (None, a.cur)
                       and rx(r"(?:\s[^()\d]{0,50}?)?\s?(?:or|,|/|;)\s?(?:about\s|approximately\s|roughly\s|some\s)?").fullmatch(text[atoms[j - 1].end:atoms[j].start])):
                    alts.append(Alt(atoms[j].value(), atoms[j].cur or ""))
                    j += 1
                # a range restated: "(US$9.0-10.0 billion)"
                if j < len(atoms) and _RANGE_SEP.fullmatch(text[c.end:atoms[j].start]) and atoms[j].kind in ("money", "number"):
                    j += 1
                close = text.find(")", atoms[j - 1].end, atoms[j - 1].end + 3)
                if close != -1:
                    last = _Atom(0, close + 1, Decimal(0), None, None, "", False, False)
        k = j
        while k < len(atoms) and atoms[k].kind == "number" and atoms[k].scale is None and k - j < 2:
            k += 1  # a year in between: "RMB 76 billion in 2024, call it $11.5 billion"
        if not alts and a.kind == "money" and k < len(atoms) and atoms[k].kind == "money" and atoms[k].cur not in (None, a.cur) \
                and _RESTATED.fullmatch(text, last.end, atoms[k].start):
            # a restatement in running text: "$200 billion, roughly RMB 1.4 trillion", "RMB 76 billion in 2024,
            # call it $11.5 billion", "RMB 160 billion of capex, which I make about $24 billion"
            alts.append(Alt(atoms[k].value(), atoms[k].cur or ""))
            j = k + 1  # the figure's own span ends where it did: the words between are the sentence's
        if a.kind in ("money", "percent", "multiple", "count", "params"):
            unit = {"percent": "%", "multiple": "x", "count": "count", "params": "params"}.get(a.kind, a.cur or "")
            value = a.value()
            if a.kind == "params" and a.scale is None:
                pass
            approx = bool(_APPROX.search(text[max(0, a.start - 20):a.start]))
            figures.append(Figure(
                value=value, unit=unit, kind=a.kind, start=a.start, end=last.end,
                text=text[a.start:last.end], high=high.value() if high else None,
                also=tuple(alts), approx=approx,
            ))
        i = j
    return figures


def find_figures(text: str, *, yen: bool = False, currency: str | None = None) -> list[Figure]:
    """Return the figures in ``text`` with their unit, value in base units and position.

    ``yen=True`` reads "¥" as Japanese yen (the article is about a Japanese company);
    otherwise "¥" is yuan unless the text itself speaks of yen. ``currency`` is that of an
    amount written in words without one ("thirty-five point six billion in the quarter", in a
    transcript that speaks in dollars); without it such amounts are left out.

    >>> [(f.value, f.unit) for f in find_figures("plans to invest 380 billion yuan ($52.4 billion)")]
    [(Decimal('380000000000'), 'CNY')]
    >>> find_figures("380 billion yuan ($52.4 billion)")[0].also
    (Alt(value=Decimal('52400000000'), unit='USD'),)
    >>> [(f.value, f.unit) for f in find_figures("a quarterly investment of $38.6 billion RMB")]
    [(Decimal('38600000000'), 'CNY')]
    >>> [(f.value, f.unit) for f in find_figures("revenue increase to RMB247,652 million, up 2%")]
    [(Decimal('247652000000'), 'CNY'), (Decimal('2'), '%')]
    >>> f = find_figures("capex between $64 billion and $72 billion")[0]
    >>> f.value, f.high, f.unit
    (Decimal('64000000000'), Decimal('72000000000'), 'USD')
    >>> [(f.value, f.high) for f in find_figures("Amazon $200B, Alphabet $175 to $185B, Meta $60–65 billion")]
    [(Decimal('200000000000'), None), (Decimal('175000000000'), Decimal('185000000000')), (Decimal('60000000000'), Decimal('65000000000'))]
    >>> [(f.value, f.unit) for f in find_figures("a forward P/E of 15x, shares -2%, 13 percent")]
    [(Decimal('15'), 'x'), (Decimal('-2'), '%'), (Decimal('13'), '%')]
    >>> [(f.value, f.unit) for f in find_figures("营收2,477.95億元, $75bn, $120B+, HK$1.8 trillion")]
    [(Decimal('247795000000'), 'CNY'), (Decimal('75000000000'), 'USD'), (Decimal('120000000000'), 'USD'), (Decimal('1800000000000'), 'HKD')]
    >>> find_figures("In 2025, on April 29, its 5G unit and Q4 sales")
    []
    >>> [(f.value, f.unit, f.high) for f in find_figures(
    ...     "about two hundred billion dollars, up twenty-four percent; a hundred and seventy-five to a hundred and "
    ...     "eighty-five billion in 2026, and thirty-nine and a half billion in the quarter", currency="USD")]
    [(Decimal('200000000000'), 'USD', None), (Decimal('24'), '%', None), (Decimal('175000000000'), 'USD', Decimal('185000000000')), (Decimal('39500000000'), 'USD', None)]
    """
    if not _ANY_DIGIT.search(text) and _SPOKEN_HINT.search(text) is None:
        return []  # no number, and none in words
    return _join(text, _atoms(text, yen, currency))


def parse_money(text: str) -> Figure | None:
    """Return the first amount of money written in ``text``, or None (alias of the money part of find_figures).

    >>> parse_money("RMB 380 billion").value
    Decimal('380000000000')
    >>> parse_money("up 7%") is None
    True
    """
    return next((f for f in find_figures(text) if f.kind == "money"), None)
