"""EntityRegistry: canonical companies, aliases, tickers, regions, fiscal calendars, units.

The built-in registry is the data file ``capexwatch/data/entities.json``; a user's own
file of the same shape extends it (an entry with an existing name adds to it, and a name
both claim is the user's). ``CAPEXWATCH_ENTITIES`` (or ``capexwatch --entities FILE``)
names such files for every command; see docs/entities.md.
Pure: the registry is built from data passed in; :func:`default_registry` only reads
the packaged data file once.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Final

from .errors import ConfigError
from .models import Record
from .parse.prefilter import hinted

__all__ = ["ENTITIES_ENV", "Entity", "EntityRegistry", "Mention", "default_registry", "incorporated", "introduced",
           "load_registry"]

# files of the user's own entities, added to the built-in registry wherever it is used
ENTITIES_ENV = "CAPEXWATCH_ENTITIES"


@dataclass(frozen=True)
class Entity:
    """A company: canonical name, region, fiscal year end month, aliases, tickers, units, and the
    descriptors news uses for it once it has been named ("the iPhone maker", "the chipmaker")."""

    name: str
    region: str = "other"
    fiscal_year_end: int = 12
    aliases: tuple[str, ...] = ()
    tickers: tuple[str, ...] = ()
    units: tuple[tuple[str, str | None], ...] = ()
    descriptors: tuple[str, ...] = ()

    @property
    def fiscal(self) -> bool:
        """True when the company's fiscal year is not the calendar year."""
        return self.fiscal_year_end != 12


class Mention(Record):
    """A place in text that names an entity (or one of its units, with its segment)."""

    __match_args__ = ("start", "end", "entity", "segment", "kind")
    __slots__ = __match_args__

    def __init__(self, start: int, end: int, entity: str, segment: str | None = None, kind: str = "name") -> None:
        self.start: Final = start
        self.end: Final = end
        self.entity: Final = entity
        self.segment: Final = segment
        self.kind: Final = kind  # name | ticker | unit


# Exchange-qualified tickers: NYSE:BABA, HK:9988, HKG: 9888, NASDAQ: BIDU, 9988.HK, 0700.HK
_EXCHANGE = r"(?:NYSE|NASDAQ|Nasdaq|HKEX|HKG|HK|SEHK|SSE|SZSE|STAR|KRX|KOSPI|TYO|TSE|TWSE|OTC)"
_NUMERIC_TICKER = r"\d{3,6}"


@dataclass
class EntityRegistry:
    """Companies by canonical name, with a compiled matcher over all their names."""

    entities: dict[str, Entity] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._pattern: re.Pattern[str] | None = None
        self._targets: dict[str, tuple[str, str | None, str]] = {}
        self._casing: tuple[dict[str, str], frozenset[str]] | None = None
        self._described: tuple[re.Pattern[str] | None, dict[str, tuple[str, ...]]] | None = None

    # -- building --------------------------------------------------------------------
    def add(self, entry: dict[str, Any]) -> None:
        """Add an entry (dict as in entities.json); an existing name is extended."""
        name = str(entry["name"])
        old = self.entities.get(name)
        units = dict(old.units) if old else {}
        units.update(entry.get("units") or {})
        self.entities[name] = Entity(
            name=name,
            region=str(entry.get("region") or (old.region if old else "other")),
            fiscal_year_end=int(entry.get("fiscal_year_end") or (old.fiscal_year_end if old else 12)),
            aliases=tuple(dict.fromkeys([*(old.aliases if old else ()), name, *entry.get("aliases", [])])),
            tickers=tuple(dict.fromkeys([*(old.tickers if old else ()), *entry.get("tickers", [])])),
            units=tuple(units.items()),
            descriptors=tuple(dict.fromkeys([*(old.descriptors if old else ()), *entry.get("descriptors", [])])),
        )
        self._pattern = None
        self._casing = None
        self._described = None

    def with_entries(self, entries: list[dict[str, Any]]) -> EntityRegistry:
        """A copy of this registry with ``entries`` added (this one is left as it was)."""
        copy = EntityRegistry(dict(self.entities))
        for entry in entries:
            copy.add(entry)
        return copy

    # -- lookup ----------------------------------------------------------------------
    def get(self, name: str) -> Entity | None:
        """Return the entity with this canonical name, alias or ticker, or None.

        >>> reg = default_registry()
        >>> reg.get("AWS").name, reg.get("NYSE:BABA").name, reg.get("0700.HK").name
        ('Amazon', 'Alibaba', 'Tencent')
        """
        if name in self.entities:
            return self.entities[name]
        found = self.find(name)
        if found and found[0].start == 0 and found[0].end >= len(name.strip()) - 1:
            return self.entities[found[0].entity]
        return None

    def is_group(self, name: str) -> bool:
        """True for a list of companies ("Alibaba+Tencent") or a group ("US hyperscalers"): no one company.

        >>> reg = default_registry()
        >>> reg.is_group("Alibaba+Tencent"), reg.is_group("US hyperscalers"), reg.is_group("Alibaba")
        (True, True, False)
        """
        return "+" in name or name not in self.entities

    def region(self, name: str) -> str | None:
        """Return the region of an entity, or of a group whose members share one."""
        if "+" in name:
            regions = {self.region(part) for part in name.split("+")}
            return regions.pop() if len(regions) == 1 else None
        entity = self.entities.get(name)
        if entity is not None:
            return entity.region
        lowered = name.lower()
        if re.search(r"\b(china|chinese)\b", lowered):
            return "china"
        if re.search(r"\b(us|u\.s\.|american|america)\b", lowered):
            return "us"
        return None

    def fiscal_year_end(self, name: str) -> int:
        """Return the month the entity's fiscal year ends (12 when unknown)."""
        entity = self.entities.get(name)
        return entity.fiscal_year_end if entity else 12

    def casing(self) -> tuple[dict[str, str], frozenset[str]]:
        """The case of the registry's words, to read a line written in capitals: each word of a
        name in lower case → as the name writes it, and the tickers and names written in capitals.

        >>> proper, capitals = default_registry().casing()
        >>> proper["bytedance"], proper["oracle"], "MSFT" in capitals, "AWS" in capitals
        ('ByteDance', 'Oracle', True, True)
        """
        if self._casing is None:
            proper: dict[str, str] = {}
            capitals: set[str] = set()
            for entity in self.entities.values():
                for name in (*entity.aliases, *(unit for unit, _ in entity.units), *entity.tickers):
                    for word in re.findall(r"[A-Za-z][A-Za-z'’&]*", name):
                        if word.isupper():
                            capitals.add(word)
                        elif len(word) > 2 and not word.islower():
                            proper.setdefault(word.lower(), word)
            self._casing = (proper, frozenset(capitals))
        return self._casing

    # -- matching --------------------------------------------------------------------
    def _compile(self) -> re.Pattern[str]:
        if self._pattern is not None:
            return self._pattern
        targets: dict[str, tuple[str, str | None, str]] = {}
        for entity in self.entities.values():
            for alias in entity.aliases:  # a later entry (a user's file) wins a name both claim
                targets[alias] = (entity.name, None, "name")
            for unit, segment in entity.units:
                targets[unit] = (entity.name, segment, "unit")
        self._targets = targets
        names = sorted(targets, key=len, reverse=True)
        alpha = [t for e in self.entities.values() for t in e.tickers if not t.isdigit()]
        numeric = {t.lstrip("0") or "0": e.name for e in self.entities.values() for t in e.tickers if t.isdigit()}
        self._numeric = numeric
        self._alpha_tickers = {t: e.name for e in self.entities.values() for t in e.tickers if not t.isdigit()}
        ascii_names = [n for n in names if n.isascii()]
        other_names = [n for n in names if not n.isascii()]
        parts = [
            # exchange-qualified numeric or alphabetic tickers
            rf"(?P<xt>{_EXCHANGE}\s?:\s?(?P<xcode>[A-Z]{{1,6}}|{_NUMERIC_TICKER}))",
            rf"(?P<ht>(?P<hcode>{_NUMERIC_TICKER})\.(?:HK|SS|SZ|KS|T))\b",
            # names and units, as a trie so that one pass costs little whatever the registry's size
            # "Qwen3", "Qwen2.5"; not "Dell'Oro"
            # a German genitive before its noun: "Microsofts Investitionen", "Metas Aktie"
            r"(?<![\w.])(?P<name>" + _trie_regex(ascii_names) + r")(?:\d+(?:\.\d+)?|(?<=[a-rt-z])s(?=\s[A-ZÄÖÜ][a-zäöüß]{3}))?(?![\w]|['’][A-Za-z]{2})",
            # bare alphabetic tickers, upper case only
            r"(?<![\w.])(?P<tk>" + _trie_regex(alpha) + r")(?![\w])",
        ]
        if other_names:
            parts.append("(?P<cjk>" + _trie_regex(other_names) + ")")
        # Every mention begins with the first character of a name, a ticker or an exchange, or
        # a digit: one test of that character rules out most places before the trie is tried.
        firsts = {n[0] for n in names} | {t[0] for t in alpha} | {x[0] for x in _EXCHANGE.strip("(?:)").split("|")}
        starts = "".join(sorted(re.escape(c) for c in firsts if not c.isdigit()))
        self._pattern = hinted(re.compile(rf"(?=[{starts}\d])(?:" + "|".join(parts) + ")"))
        return self._pattern

    def find(self, text: str) -> list[Mention]:
        """Return the mentions of registry entities in ``text``, in order.

        >>> [(m.entity, m.segment) for m in default_registry().find("Alibaba Cloud and HKG: 9888 beat AWS")]
        [('Alibaba', 'cloud'), ('Baidu', None), ('Amazon', 'cloud')]
        """
        pattern = self._compile()
        found: list[Mention] = []
        for match in pattern.finditer(text):
            named = match.group("name") or match.group("cjk") if "cjk" in pattern.groupindex else match.group("name")
            if named:
                entity, segment, kind = self._targets[named]
                found.append(Mention(match.start(), match.end(), entity, segment, kind))
            elif match.group("tk"):
                found.append(Mention(match.start(), match.end(), self._alpha_tickers[match.group("tk")], None, "ticker"))
            else:
                code = match.group("xcode") or match.group("hcode")
                name = self._numeric.get(code.lstrip("0") or "0") if code.isdigit() else self._alpha_tickers.get(code)
                if name:
                    found.append(Mention(match.start(), match.end(), name, None, "ticker"))
        return found


    def described(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """The places ``text`` refers to a company it has named by a descriptor the registry gives
        it: "the iPhone maker", "the search giant", "Der Onlinehändler". Each is the company of the
        descriptor named first in the last sentence before it that names one (``mentions``:
        :meth:`find`'s), or the only one the text names anywhere; a nationality before it ("the US chipmaker") must be the company's region.
        Not where it introduces another name ("the chipmaker Cerebras", "Cerebras, the chipmaker").

        >>> reg = default_registry()
        >>> text = "Nvidia and Alphabet reported. The search giant raised capex; the chipmaker did not."
        >>> [(text[m.start:m.end], m.entity) for m in reg.described(text, reg.find(text))]
        [('The search giant', 'Alphabet'), ('the chipmaker', 'Nvidia')]
        """
        pattern, owners = self._descriptors()
        if pattern is None or not mentions:
            return []
        found: list[Mention] = []
        known = list(mentions)  # and the descriptors resolved so far
        for match in pattern.finditer(text):
            english = text[match.start()] in "Tt"  # a German noun is written in capitals: "will der Onlinehändler Milliarden …"
            if (english and _NAME_AFTER.match(text, match.end())) or _APPOSITION.search(text, max(0, match.start() - 2), match.start()):
                continue
            candidates = owners[match.group("d")]
            if match.group("n"):
                candidates = tuple(c for c in candidates if self.region(c) == _NATIONALITY[match.group("n")])
            before = [m for m in known if m.end <= match.start() and m.entity in candidates]
            named = {m.entity for m in mentions if m.entity in candidates}
            entity = named.pop() if len(named) == 1 else None
            if before:  # the first of them in the last sentence that names one: its subject, not a customer it lists
                opens = max(text.rfind(stop, 0, before[-1].start) for stop in (". ", "\n", "? ", "! "))
                entity = next(m.entity for m in before if m.start > opens)
            if entity is not None:
                found.append(Mention(match.start(), match.end(), entity, None, "name"))
                known = sorted([*known, found[-1]], key=lambda m: m.start)
        return found

    def _descriptors(self) -> tuple[re.Pattern[str] | None, dict[str, tuple[str, ...]]]:
        if self._described is None:
            owners: dict[str, tuple[str, ...]] = {}
            for entity in self.entities.values():
                for phrase in entity.descriptors:
                    owners[phrase] = (*owners.get(phrase, ()), entity.name)
            pattern = None
            if owners:
                nationality = "|".join(re.escape(n) for n in sorted(_NATIONALITY, key=len, reverse=True))
                pattern = hinted(re.compile(
                    rf"(?<![\w.-])(?:[Tt]he|[Dd](?:er|ie|as|es|em|en))\s(?:(?P<n>{nationality})[\s-])?"
                    rf"(?P<d>{_trie_regex(sorted(owners, key=len, reverse=True))})(?![\w-])"))
            self._described = (pattern, owners)
        return self._described


# The nationality before a descriptor, and the region it names.
_NATIONALITY = {"US": "us", "U.S.": "us", "American": "us", "Chinese": "china", "Japanese": "japan", "Korean": "korea",
                "South Korean": "korea", "Taiwanese": "taiwan", "Indian": "india", "European": "europe", "German": "europe",
                "Dutch": "europe", "British": "uk", "Saudi": "middle_east", "Emirati": "middle_east"}
# a descriptor that introduces a name ("the chipmaker Cerebras") or stands beside one ("Cerebras, the chipmaker")
_NAME_AFTER = re.compile(r" [A-Z]")
_APPOSITION = re.compile(r",\s$")


# A listed company a press release introduces with its ticker: 'Kaveri Digital Infra Limited (NSE: KAVERIDI |
# BSE: 544117)', 'Nebius Group N.V. ("Nebius") (NASDAQ: NBIS)'. The exchange says where it is.
_LISTING_EXCHANGES = r"(?:NYSE|NASDAQ|Nasdaq|NSE|BSE|HKEX|SEHK|HKG|TSE|TYO|KRX|KOSPI|KOSDAQ|SGX|ASX|LSE|TSX|SSE|SZSE|TWSE|TPEX)"
_LEGAL = r"(?:,?\s(?:Inc|Ltd|Limited|Corp|Corporation|Co|plc|PLC|N\.V|S\.A|AG|SE|SpA|KK|Holdings|Group))"
_INTRODUCED = hinted(re.compile(
    r"(?<![\w.])(?P<name>[A-Z][\w&-]*(?:\s(?:[A-Z][\w&-]*|&|of|and))*?)(?P<legal>" + _LEGAL + r"+\.?)?"
    r"\s(?:\([\"“](?P<called>[^\"”]{1,30})[\"”](?:\sor\s(?:the\s)?[\"“][^\"”]{1,30}[\"”])?\)\s)?"
    r"\((?P<exchange>" + _LISTING_EXCHANGES + ")"
    r"(?:\s?[:：]\s?|\s)(?P<ticker>[A-Z0-9][A-Z0-9.]{0,9})\b"))
_LISTED_AT = re.compile(r"\(" + _LISTING_EXCHANGES + r"\b")
_EXCHANGE_HOME = {"NYSE": ("us", 12), "NASDAQ": ("us", 12), "Nasdaq": ("us", 12), "NSE": ("india", 3), "BSE": ("india", 3),
                  "HKEX": ("china", 12), "SEHK": ("china", 12), "HKG": ("china", 12), "SSE": ("china", 12), "SZSE": ("china", 12),
                  "TSE": ("japan", 3), "TYO": ("japan", 3), "KRX": ("korea", 12), "KOSPI": ("korea", 12), "KOSDAQ": ("korea", 12),
                  "TWSE": ("taiwan", 12), "TPEX": ("taiwan", 12)}


def introduced(text: str, registry: EntityRegistry) -> list[dict[str, Any]]:
    """Entries for the listed companies ``text`` introduces with their ticker and the registry does
    not know: a press release's own company. Its region and usual fiscal year come from the exchange.

    >>> reg = default_registry()
    >>> introduced("Mumbai: Kaveri Digital Infra Limited (NSE: KAVERIDI | BSE: 544117) today announced", reg)
    [{'name': 'Kaveri Digital Infra', 'aliases': ['Kaveri Digital Infra Limited'], 'tickers': ['KAVERIDI'], 'region': 'india', 'fiscal_year_end': 3}]
    >>> introduced("Oracle Corporation (NYSE: ORCL) today announced", reg)
    []
    """
    found: list[dict[str, Any]] = []
    if not _LISTED_AT.search(text):
        return found  # most texts name no exchange: the one cheap test
    for match in _INTRODUCED.finditer(text):
        name = match.group("name")
        ticker = match.group("ticker")
        if registry.find(name) or registry.find(ticker) or any(e["name"] == name for e in found):
            continue
        if len(name) < 3 or name.split()[0] in ("The", "Shares", "Stock"):
            continue
        region, fiscal = _EXCHANGE_HOME.get(match.group("exchange"), ("other", 12))
        aliases = [name + match.group("legal")] if match.group("legal") else []
        called = match.group("called")
        if called and called[0].isupper() and called not in ("Company", "Group", "Issuer") and called != name:
            aliases.append(called)  # 'Nebius Group N.V. ("Nebius")': the name the release goes on to use
        found.append({"name": name, "aliases": aliases, "tickers": [ticker], "region": region, "fiscal_year_end": fiscal})
    return found


# A company named with its legal form: "YTL Power International Bhd", "SAKURA internet Inc.", "Tenaga Nasional Bhd
# (TNB)", "Applied Digital Corp.". The form says where it is registered (roughly); a name in brackets after it is
# its short name.
_LEGAL_FORMS = {"Inc": "us", "Corp": "us", "Corporation": "us", "LLC": "us", "Bhd": "other", "Berhad": "other",
                "Ltd": "other", "Limited": "other", "plc": "uk", "PLC": "uk", "N.V": "europe", "S.A": "europe",
                "AG": "europe", "SE": "europe", "GmbH": "europe", "K.K": "japan", "Co., Ltd": "other", "Pvt. Ltd": "india",
                "Pvt Ltd": "india"}
_FORMS = "|".join(re.escape(f) for f in sorted(_LEGAL_FORMS, key=len, reverse=True))  # longest first: "Pvt. Ltd" before "Ltd"
_INCORPORATED = hinted(re.compile(
    r"(?<![\w.&@©])(?P<name>(?:[A-Z][\w&'’-]*|[A-Z]{2,}[ ][a-z]+)(?:[ ](?:[A-Z][\w&-]*|&|of))*?),?[ ]"
    r"(?P<legal>" + _FORMS + r")\b"
    r"(?:\.|(?![ ][A-Z][a-z]))"  # "Philadelphia SE Semiconductor index": a name going on is no legal form
    r"(?:[ ]\((?P<short>[A-Za-z][\w&]{1,9})\))?"))
_CREDIT_LINE = re.compile(r"©|\(c\)|copyright|rights reserved|rechte|derechos|droits", re.I)
_FORM_AT = re.compile(r"[ ,](?:" + _FORMS + r")\b")
# Words that open a sentence or a credit line before a name, and words of names that publish or trade rather than
# build: a publisher's copyright line or a broker's disclosure names no company the article reports on.
_LEADING = frozenset(["The", "A", "An", "About", "At", "In", "On", "By", "For", "From", "With", "And", "But", "Or",
                      "While", "As", "After", "Before", "Meanwhile", "Copyright", "Shares", "Stock", "Disclosures",
                      "Disclosure", "Source", "Sources", "Photo", "Image", "Credit", "Read", "Pvt", "Private"])
_NOT_A_SPENDER = frozenset(["Media", "Publishers", "Publishing", "Publications", "News", "Newspapers", "Press",
                            "Times", "Post", "Journal", "Daily", "Ledger", "Desk", "Wire", "Securities", "Research",
                            "Capital", "Bank", "Banking", "Exchange", "Exchanges", "Clearing", "Consulting", "Jones",
                            "Reuters", "Bloomberg", "Nikkei", "CNBC", "MarketWatch", "Morningstar", "Partners",
                            "Advisors", "Advisers", "Management", "Fund", "Funds", "Insurance", "Asset", "Assets",
                            "Brokerage", "Broking", "Ratings"])
_GENERIC_TAIL = frozenset(["International", "Holdings", "Holding", "Group", "Berhad", "Company", "Corporation"])


# A company introduced by what it is: "Presight AI, the G42-backed analytics company", "Nimbus Grid, a Texas data-centre
# developer". A unit, arm or subsidiary is its parent's, and the parent is what the registry should know.
_APPOSED = hinted(re.compile(
    r"(?<![\w.&])(?P<name>[A-Z][\w&-]*(?:[ ][A-Z][\w&-]*){0,2}),[ ](?:the|a|an)[ ](?:[\w’'-]+[ ]){1,5}?"
    r"(?:company|firm|developer|operator|start-?up|maker|provider|conglomerate|carrier|utility|builder|group|lab)\b"
    r"(?!['’]|[ ](?:said|says|reported|added|noted|told|expects|plans|has|is|was|will)\b)"))  # not "Yet, the company said"
_CALENDAR = frozenset(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
                       "February", "March", "April", "May", "June", "July", "August", "September", "October",
                       "November", "December", "Yet", "Still", "Second", "Third", "First", "Finally", "Separately",
                       "Separate", "Meanwhile", "Instead", "Today", "Overall", "Elsewhere", "Also", "Later",
                       "Earlier", "Series", "However", "Moreover", "Furthermore", "Additionally", "Indeed",
                       "Nevertheless", "Nonetheless", "Similarly", "Likewise", "Thus", "Therefore", "Hence", "Now",
                       "Then", "Here", "Last", "Next", "Notably", "Importantly", "Unlike", "Like", "Besides", "Plus",
                       "Again", "Ultimately", "Currently", "Recently"])
# after a name: not its legal form, generic tail or appositive, which only introduce it
_NOT_INTRODUCING = r"(?![\w&-]|,?[ ](?:" + _FORMS + r"|International|Holdings|Holding|Group)\b|,[ ](?:the|a|an)[ ])"
_CALLED = re.compile(r"(?:'s|’s)?\s(?:said|says|reported|posted|shares|stock|has|had|is|was|will|plans|expects|expected|"
                     r"raised|cut|added|rose|fell|jumped|slipped|gained)\b")


def _named(words: list[str], text: str) -> str:
    """The name an article calls a company by, in ordinary case ("SAKURA internet" → "Sakura Internet"): the whole
    name where the text uses it on its own ("Kestrel Compute reports ..."), else the shortest start of it that the
    text uses on its own ("YTL Power shares fell" for "YTL Power International Bhd")."""
    core = list(words)
    while len(core) > 1 and core[-1] in _GENERIC_TAIL:
        core.pop()
    if len(core) > 1 and not re.search(r"(?<![\w&-])" + re.escape(" ".join(core)) + _NOT_INTRODUCING, text):
        for n in range(1, len(core)):
            short = " ".join(core[:n])
            if len(short) >= 3 and re.search(r"(?<![\w&-])" + re.escape(short) + r"(?![\w&-]|[ ][A-Z&])"
                                              + (_CALLED.pattern if n == 1 else ""), text):
                core = core[:n]
                break
    return " ".join(w.capitalize() if (w.isupper() and len(w) > 4) or w.islower() else w for w in core)


def _usable(words: list[str]) -> list[str]:
    while words and (words[0] in _LEADING or words[0] in ("of", "and", "&")):
        words = words[1:]
    if not words or any(w in _NOT_A_SPENDER for w in words) or words[-1] in ("&", "of", "and"):
        return []
    return words


def incorporated(text: str, registry: EntityRegistry) -> list[dict[str, Any]]:
    """Entries for the companies ``text`` names with their legal form, or introduces by what they are, and the
    registry does not know.

    The name is the one the article calls the company by, without its form and trailing generic words
    ("International", "Holdings"), in ordinary case; the name as written and a short name in brackets after it are
    aliases.

    >>> reg = default_registry()
    >>> [(e["name"], e["aliases"]) for e in incorporated("Kestrel Grid Holdings Bhd (KGH) said on Monday", reg)]
    [('Kestrel Grid', ['Kestrel Grid Holdings Bhd', 'Kestrel Grid Holdings', 'KGH'])]
    >>> [e["name"] for e in incorporated("Lumen Peak AI, the Abu Dhabi analytics company, grew. Lumen Peak said", reg)]
    ['Lumen Peak']
    >>> incorporated("Microsoft Corp. and Copyright 2025 Tickerline Media Ltd.", reg)
    []
    """
    found: list[dict[str, Any]] = []
    matches: list[tuple[re.Match[str], str | None]] = []
    if _FORM_AT.search(text):
        matches += [(m, _LEGAL_FORMS[m.group("legal")]) for m in _INCORPORATED.finditer(text)]
    if ", " in text:
        matches += [(m, None) for m in _APPOSED.finditer(text)]
    for match, form_region in matches:
        region = form_region or "other"
        if _CREDIT_LINE.search(text, max(0, match.start() - 40), match.end() + 40):
            continue  # "© 2025 Tickerline Media Ltd. All rights reserved."
        words = _usable(match.group("name").split(" "))
        if not words or (form_region is None and words[0] in _CALENDAR):
            continue  # "In January, the company ...", "Separately, the ..."
        written = " ".join(words)
        name = _named(words, text)
        if len(name) < 3 or registry.find(written) or registry.find(name) or any(e["name"] == name for e in found):
            continue
        legal = match.groupdict().get("legal")
        short = match.groupdict().get("short")
        aliases = ([f"{written} {legal}"] if legal else []) + [written] + ([short] if short else [])
        found.append({"name": name, "aliases": [a for a in dict.fromkeys(aliases) if a != name], "tickers": [],
                      "region": region, "fiscal_year_end": 3 if region in ("india", "japan") else 12})
    return found


def _trie_regex(words: list[str]) -> str:
    """A regex matching any of ``words``, longest first, built as a trie (one cheap pass over text).

    >>> re.fullmatch(_trie_regex(["Alibaba", "Alibaba Cloud", "AWS"]), "Alibaba Cloud") is not None
    True
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict[str, Any]) -> str:
        end = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end else body

    return build(trie) or "(?!)"


def load_registry(*paths: str | Path, data: list[dict[str, Any]] | None = None) -> EntityRegistry:
    """Return the built-in registry extended by the JSON files in ``paths`` and ``data``.

    A file that cannot be read or is not a registry raises :class:`ConfigError` naming it.
    """
    registry = EntityRegistry()
    text = resources.files("capexwatch").joinpath("data/entities.json").read_text(encoding="utf-8")
    for entry in json.loads(text)["entities"]:
        registry.add(entry)
    for path in paths:
        for entry in _entries(Path(path)):
            registry.add(entry)
    for entry in data or []:
        registry.add(entry)
    return registry


def _entries(path: Path) -> list[dict[str, Any]]:
    """The entries of a user's registry file, or a ConfigError that says what is wrong with it."""
    try:
        loaded = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(f"{path}: cannot read the entity file ({error.strerror or error})") from error
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ConfigError(f"{path}: the entity file is not valid JSON ({error})") from error
    entries = loaded.get("entities") if isinstance(loaded, dict) else None
    if not isinstance(entries, list):
        raise ConfigError(f'{path}: an entity file is an object with a list under "entities"')
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
            raise ConfigError(f'{path}: entity {number} has no "name"')
        for key in ("aliases", "tickers", "descriptors"):
            if not isinstance(entry.get(key, []), list):
                raise ConfigError(f'{path}: entity {entry["name"]!r}: "{key}" must be a list of strings')
        if not isinstance(entry.get("units", {}), dict):
            raise ConfigError(f'{path}: entity {entry["name"]!r}: "units" must map a name to a segment (or null)')
    return entries


def default_registry() -> EntityRegistry:
    """Return the built-in registry, extended by the files that ``CAPEXWATCH_ENTITIES`` names
    (separated by ``os.pathsep``); built once for each value of that setting."""
    return _registry_for(os.environ.get(ENTITIES_ENV, ""))


@lru_cache(maxsize=4)
def _registry_for(setting: str) -> EntityRegistry:
    return load_registry(*(part for part in setting.split(os.pathsep) if part.strip()))
