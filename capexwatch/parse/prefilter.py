"""Cheaper regular expressions with the same matches: literal prefilters and first-character dispatch.

The reader runs dozens of case-insensitive patterns over every sentence and around
every figure. Python's ``re`` tries such a pattern at every position of the text, and
a long alternation tries each of its branches there. Two exact shortcuts, derived from
the pattern itself (``re._parser``) so that they stay true when a pattern is edited:

* :class:`Guarded`: the literal strings one of which every match must contain
  (``required_literals``); a text containing none of them is not searched at all.
* :class:`FirstCharDispatch`: a long alternation after :data:`WORD_START` is tried only at
  the starts of words, and there only the branches that can begin with that character.
* :func:`hinted`: the pattern compiled with the set of characters its matches can begin
  with, so that ``re``'s search skips every other position in its own C loop (what it
  already does for a pattern that begins with a plain character class, but not for one
  that begins with ``\\b``, a look-behind, or a letter ignoring case).

All give exactly the matches of the pattern they wrap (tests compare them over every
article the project has). Pure, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from re import _compiler as _C  # type: ignore[attr-defined]
from re import _constants as K  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]
from typing import Any

__all__ = ["WORD_END", "WORD_START", "FirstCharDispatch", "Guarded", "WordAlternation", "fold", "hinted", "required_literals", "rx"]

# Where a word starts and ends. Han, kana and hangul are word characters to ``re``, but Chinese
# and Japanese are written without spaces, beside digits ("純利209.9億元"): a word in those
# scripts starts and ends anywhere, and only a letter, digit or underscore of another script
# (or a hyphen before) joins a word of letters.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
WORD_START = rf"(?-i:(?=[{_CJK}])|(?<!-)(?<![^\W{_CJK}]))"
WORD_END = rf"(?-i:(?<=[{_CJK}])|(?![^\W{_CJK}]))"
_CJK_CHAR = re.compile(f"[{_CJK}]")

# Non-ASCII characters that a case-insensitive ASCII letter matches but that ``str.lower``
# leaves alone (found by trying every code point; tests/test_prefilter.py checks it).
_FOLD_EXTRA = str.maketrans({"\u0131": "i", "\u017f": "s"})


def fold(text: str) -> str:
    """``text`` lowered the way a case-insensitive pattern compares ASCII letters.

    >>> fold("Capex ſpending")
    'capex spending'
    """
    global _last
    last = _last
    if last[0] is text:
        return last[1]  # the same sentence, asked again for the next pattern
    low = text.lower()
    if not low.isascii() and ("\u0131" in low or "\u017f" in low):
        low = low.translate(_FOLD_EXTRA)
    _last = (text, low)
    return low


_last: tuple[str, str] = ("", "")


_REPEATS = (K.MAX_REPEAT, K.MIN_REPEAT, K.POSSESSIVE_REPEAT)
_ZERO_WIDTH = (K.AT, K.ASSERT, K.ASSERT_NOT)
_CAP = 64  # the most spellings kept for one part of a pattern

Strings = frozenset[str]


def _score(cands: Strings) -> tuple[int, int]:
    """How selective a set is: its shortest string (digits count one less: "20" is in
    every year), then the fewer strings the better."""
    return (min(len(c) - c.isdigit() for c in cands), -len(cands))


def _best(*sets: Strings | None) -> Strings | None:
    """The most selective of the sets that are requirements (no empty string in them)."""
    usable = [s for s in sets if s and "" not in s]
    return max(usable, key=_score) if usable else None


def _join(left: Strings | None, right: Strings | None) -> Strings | None:
    if left is None or right is None or len(left) * len(right) > _CAP:
        return None
    return frozenset(a + b for a in left for b in right)


class _Info:
    """What a part of a pattern says about the text it matches (after RE2's prefilter):
    ``exact``: every string it can match (when few); ``prefix``/``suffix``: strings every match
    begins/ends with one of; ``req``: strings every match contains one of."""

    __slots__ = ("exact", "prefix", "suffix", "req")

    def __init__(self, exact: Strings | None = None, prefix: Strings | None = None,
                 suffix: Strings | None = None, req: Strings | None = None) -> None:
        self.exact = exact
        self.prefix = exact if exact is not None else prefix
        self.suffix = exact if exact is not None else suffix
        self.req = _best(exact, req)

    def then(self, other: _Info) -> _Info:
        if self.exact is not None and other.exact is not None:
            joined = _join(self.exact, other.exact)
            if joined is not None:
                return _Info(exact=joined)
        prefix = (_join(self.exact, other.prefix) or self.exact) if self.exact is not None else self.prefix
        suffix = (_join(self.suffix, other.exact) or other.exact) if other.exact is not None else other.suffix
        return _Info(prefix=prefix, suffix=suffix, req=_best(self.req, other.req, _join(self.suffix, other.prefix), prefix, suffix))


_EMPTY = frozenset([""])
_UNKNOWN = _Info()


def _union(infos: list[_Info]) -> _Info:
    def merged(sets: list[Strings | None]) -> Strings | None:
        if any(s is None for s in sets):
            return None
        out: Strings = frozenset().union(*(s for s in sets if s is not None))
        return out if len(out) <= _CAP else None

    if all(i.exact is not None for i in infos):
        exact = merged([i.exact for i in infos])
        if exact is not None:
            return _Info(exact=exact)
    return _Info(prefix=merged([i.prefix for i in infos]), suffix=merged([i.suffix for i in infos]),
                 req=merged([i.req for i in infos]))


def _info(items: Any, icase: bool) -> _Info:
    out = _Info(exact=_EMPTY)
    for op, av in items:
        out = out.then(_item(op, av, icase))
    return out


def _item(op: Any, av: Any, icase: bool) -> _Info:  # noqa: C901
    if op is K.LITERAL:
        ch = chr(av)
        return _Info(exact=frozenset([ch.lower() if icase else ch]))
    if op in _ZERO_WIDTH:
        return _Info(exact=_EMPTY)
    if op is K.IN:
        chars: set[str] = set()
        for sub_op, value in av:
            codes: list[int] | range
            if sub_op is K.LITERAL:
                codes = [value]
            elif sub_op is K.RANGE and value[1] - value[0] < 8:
                codes = range(value[0], value[1] + 1)
            else:
                return _UNKNOWN
            chars.update(chr(c).lower() if icase else chr(c) for c in codes)
        return _Info(exact=frozenset(chars)) if len(chars) <= 8 else _UNKNOWN
    if op is K.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        if (add_flags | del_flags) & re.IGNORECASE:
            return _UNKNOWN  # an inline case flag: no promise from inside
        return _info(sub, icase)
    if op is K.ATOMIC_GROUP:
        return _info(av, icase)
    if op is K.BRANCH:
        return _union([_info(branch, icase) for branch in av[1]])
    if op in _REPEATS:
        low, high, sub = av
        inner = _info(sub, icase)
        if low == 0:
            if high == 1 and inner.exact is not None:
                return _Info(exact=inner.exact | _EMPTY)  # "s?"
            return _UNKNOWN
        if low == high == 1:
            return inner
        return _Info(prefix=inner.prefix, suffix=inner.suffix, req=inner.req)
    return _UNKNOWN  # ANY, NOT_LITERAL, categories, back references


def required_literals(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Strings one of which every match of ``pattern`` contains, lowered when it ignores case.

    None when there is no such set (a match may be made of digits or character classes only).

    >>> sorted(required_literals(re.compile(r"capital\\s(?:expenditure|spending)|capex", re.I)))
    ['capex', 'capital']
    >>> sorted(required_literals(re.compile(r"\\bH[12]\\b|(first|second)\\shalf", re.I)))
    ['h1', 'h2', 'half']
    >>> required_literals(re.compile(r"\\d+%?")) is None
    True
    >>> sorted(required_literals(re.compile(r"estimates?:?|year(?:\\sover\\syear)?|yoy")))
    ['estimate', 'year', 'yoy']
    """
    parsed = P.parse(pattern.pattern, pattern.flags)
    req = _info(parsed, bool(parsed.state.flags & re.IGNORECASE)).req
    return None if req is None else _minimal(req)


def _minimal(strings: frozenset[str]) -> frozenset[str]:
    """The strings that contain none of the others: a text holds one of ``strings`` exactly
    when it holds one of these ("estimates" holds "estimate"), and there are fewer to look for.

    >>> sorted(_minimal(frozenset(["estimate", "estimates:", "year over year", "year", "yoy"])))
    ['estimate', 'year', 'yoy']
    """
    return frozenset(s for s in strings if not any(other != s and other in s for other in strings))


# -- first-character hints --------------------------------------------------------------
# Characters outside ASCII that an ASCII letter matches ignoring case (every code point
# tried: tests/test_prefilter.py); a hint must hold them too.
_ICASE_EXTRA = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}
_ICASE_EXOTIC = frozenset("".join(_ICASE_EXTRA.values()))


def _add_icase(code: int, out: list[tuple[Any, Any]]) -> bool:
    """Add the characters ``chr(code)`` matches ignoring case; False when they are not known."""
    ch = chr(code)
    if ch.lower() == ch.upper() and ch not in _ICASE_EXOTIC:
        out.append((K.LITERAL, code))  # no case: a digit, "$", a CJK character
        return True
    if not ch.isascii():
        return False  # Greek, Cyrillic...: their case equivalences are not listed here
    out.extend((K.LITERAL, ord(c)) for c in sorted({ch.lower(), ch.upper(), *_ICASE_EXTRA.get(ch.lower(), "")}))
    return True


def _first_set(items: Any, icase: bool) -> tuple[list[tuple[Any, Any]] | None, bool]:
    """(character-set items a match of the sequence can begin with, whether it can be empty);
    None when not known."""
    out: list[tuple[Any, Any]] = []
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op is K.LITERAL:
            if icase and not _add_icase(av, out):
                return None, False
            if not icase:
                out.append((op, av))
            return out, False
        if op is K.IN:
            for sub_op, sub_av in av:
                if sub_op is K.CATEGORY or (sub_op in (K.LITERAL, K.RANGE) and not icase):
                    out.append((sub_op, sub_av))
                elif sub_op is K.LITERAL:
                    if not _add_icase(sub_av, out):
                        return None, False
                elif sub_op is K.RANGE and sub_av[1] - sub_av[0] < 64:
                    if not all(_add_icase(c, out) for c in range(sub_av[0], sub_av[1] + 1)):
                        return None, False
                else:
                    return None, False  # a negated set, a wide range ignoring case
            return out, False
        if op is K.SUBPATTERN or op is K.ATOMIC_GROUP or op is K.BRANCH or op in _REPEATS:
            if op is K.SUBPATTERN:
                if (av[1] | av[2]) & re.IGNORECASE:
                    return None, False
                subs, empty = [av[3]], False
            elif op is K.ATOMIC_GROUP:
                subs, empty = [av], False
            elif op is K.BRANCH:
                subs, empty = list(av[1]), False
            else:
                subs, empty = [av[2]], av[0] == 0
            for sub in subs:
                got, can_be_empty = _first_set(sub, icase)
                if got is None:
                    return None, False
                out += got
                empty = empty or can_be_empty
            if not empty:
                return out, False
            continue
        return None, False  # ANY, NOT_LITERAL, back references
    return out, True


def hinted(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern``, compiled with the characters its matches can begin with as a search hint.

    ``re`` searches a pattern that begins with a plain character class or literal by
    skipping, in C, every position holding another character; any other pattern is tried
    position by position. This gives the same skip to patterns beginning with ``\\b``, a
    look-around, an alternation or a letter ignoring case, when those characters can be
    told from the pattern (else ``pattern`` comes back unchanged). Matches are the same:
    the hint only says where a match cannot start.

    >>> p = hinted(re.compile(r"\\b(?:capex|capital\\sspending)\\b", re.I))
    >>> [m.group(0) for m in p.finditer("Its CAPEX rose; capital spending too")]
    ['CAPEX', 'capital spending']
    >>> p.pattern, p.flags == re.compile("", re.I).flags
    ('\\\\b(?:capex|capital\\\\sspending)\\\\b', True)
    """
    try:
        parsed = P.parse(pattern.pattern, pattern.flags)
        flags = parsed.state.flags | pattern.flags
        if flags & (re.LOCALE | re.ASCII | re.DEBUG):
            return pattern
        info: list[int] = []
        _C._compile_info(info, parsed, flags)
        if info[2] != 0 or info[3] == 0:
            return pattern  # re has its own prefix or set already, or a match can be empty
        firsts, empty = _first_set(parsed.data, bool(flags & re.IGNORECASE))
        if firsts is None or empty:
            return pattern
        charset, _cased = _C._optimize_charset(firsts)
        code = [K.INFO, 0, K.SRE_INFO_CHARSET, info[3], info[4]]
        _C._compile_charset(charset, flags, code)
        code[1] = len(code) - 1
        _C._compile(code, parsed.data, flags)
        code.append(K.SUCCESS)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in parsed.state.groupdict.items():
            indexgroup[index] = name
        compiled: re.Pattern[str] = _C._sre.compile(pattern.pattern, flags, code, parsed.state.groups - 1,
                                                    parsed.state.groupdict, tuple(indexgroup))
        return compiled
    except Exception:  # noqa: BLE001 (another Python's internals: the plain pattern is as right, only slower)
        return pattern


def _common_substring(strings: frozenset[str]) -> str | None:
    """The longest string that every one of ``strings`` contains (a rare letter is a test too).

    >>> _common_substring(frozenset(["first quarter", "2nd-quarter"]))
    'quarter'
    """
    shortest = min(strings, key=len)
    for size in range(len(shortest), 0, -1):
        for i in range(len(shortest) - size + 1):
            piece = shortest[i:i + size]
            if all(piece in s for s in strings):
                return piece
    return None


class Guarded:
    """A compiled pattern that is not run on text without any of its required literals.

    Same methods and results as the pattern (``search``, ``match``, ``fullmatch``,
    ``finditer``, ``findall``, ``sub`` are what the reader uses); ``possible(text)``
    says whether a match can exist at all.

    >>> g = Guarded(re.compile(r"\\byear[- ]over[- ]year\\b|\\byoy\\b", re.I))
    >>> sorted(g.literals)
    ['year over year', 'year over-year', 'year-over year', 'year-over-year', 'yoy']
    >>> g.search("up 5% YoY").group(0), g.search("up 5% on the quarter")
    ('YoY', None)
    """

    __slots__ = ("pattern", "literals", "gate", "_icase", "flags", "groupindex", "_seen")

    def __init__(self, pattern: re.Pattern[str], *, max_literals: int = 24) -> None:
        self.pattern = hinted(pattern)
        self.flags = pattern.flags
        self.groupindex = pattern.groupindex
        literals = required_literals(pattern)
        # A set of very many strings costs more to check than it saves; what they all have in
        # common ("季" of "上季", "本一個季"...) is still a requirement.
        if literals is not None and len(literals) > max_literals:
            common = _common_substring(literals)
            literals = frozenset([common]) if common else None
        self.literals = literals
        # what all the literals have in common ("quarter" in "first quarter", "2nd-quarter"...):
        # one test that rules most text out before the literals are tried one by one
        self.gate = _common_substring(literals) if literals and len(literals) > 1 else None
        self._icase = bool(pattern.flags & re.IGNORECASE)
        self._seen: tuple[str, bool] = ("", True)

    def possible_in(self, text: str) -> bool:
        """``possible(text)``, remembered for the last ``text`` (a sentence asked about many times)."""
        seen = self._seen
        if seen[0] is text:
            return seen[1]
        answer = self.possible(text)
        self._seen = (text, answer)
        return answer

    def possible(self, text: str, folded: str | None = None) -> bool:
        """False when ``text`` cannot hold a match (``folded``: ``fold(text)``, if already made)."""
        if self.literals is None:
            return True
        hay = (folded if folded is not None else fold(text)) if self._icase else text
        if self.gate is not None and self.gate not in hay:
            return False
        for literal in self.literals:  # noqa: SIM110 (a loop is faster than any() on a generator)
            if literal in hay:
                return True
        return False

    def search(self, text: str, *args: int) -> re.Match[str] | None:
        return self.pattern.search(text, *args) if self.possible(text) else None

    # An anchored match fails within a few characters: cheaper than any test before it.
    def match(self, text: str, *args: int) -> re.Match[str] | None:
        return self.pattern.match(text, *args)

    def fullmatch(self, text: str, *args: int) -> re.Match[str] | None:
        return self.pattern.fullmatch(text, *args)

    def finditer(self, text: str, *args: int) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(text, *args) if self.possible(text) else iter(())

    def findall(self, text: str, *args: int) -> list[object]:
        return self.pattern.findall(text, *args) if self.possible(text) else []

    def __repr__(self) -> str:
        return f"Guarded({self.pattern.pattern[:40]!r}..., literals={sorted(self.literals or [])[:5]})"


# -- first-character dispatch -----------------------------------------------------------
_WORD = re.compile(r"\w")


def _first_chars(items: Any, icase: bool) -> tuple[set[str] | None, bool]:
    """(characters a match of the sequence can begin with, whether it can be empty): the
    hint's character set (:func:`_first_set`) when it is made of single characters only."""
    items_set, empty = _first_set(items, icase)
    if items_set is None or any(op is not K.LITERAL for op, _av in items_set):
        return None, False
    return {chr(av) for _op, av in items_set}, empty


def _split_top(pattern: str, flags: int) -> list[str]:
    """The top-level alternatives of a pattern's source text."""
    parts, depth, start, i, in_class = [], 0, 0, 0, False
    verbose = bool(flags & re.VERBOSE)
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if pattern[i + 1:i + 2] == "]" or pattern[i + 1:i + 3] == "^]":
                i += 2 if pattern[i + 1] == "]" else 3
                continue
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        elif ch == "#" and verbose:
            raise ValueError("comments in a verbose pattern are not supported here")
        i += 1
    parts.append(pattern[start:])
    return parts


class FirstCharDispatch:
    """``WORD_START(?:row0|row1|...)WORD_END`` tried only where a word starts, with only the
    alternatives that can begin with the character there, in their order.

    ``rows`` are pattern strings (each may hold top-level ``|`` alternatives and no capturing
    groups); ``finditer`` yields ``(start, end, row index)`` exactly where
    ``re.finditer`` over the whole alternation would find a match, with the same row.

    >>> d = FirstCharDispatch([r"capital\\sexpenditures?|capex", r"revenues?|sales"], re.I)
    >>> list(d.finditer("Capex rose while sales fell; pre-capex too."))
    [(0, 5, 0), (17, 22, 1)]
    """

    def __init__(self, rows: list[str], flags: int = 0) -> None:
        self.flags = flags
        self._icase = bool(flags & re.IGNORECASE)
        order: list[tuple[int, str, set[str]]] = []
        for row, source in enumerate(rows):
            for alt in _split_top(source, flags):
                chars, empty = _first_chars(P.parse(alt, flags), self._icase)
                if chars is None or empty or not all(_WORD.match(c) for c in chars):
                    raise ValueError(f"alternative {alt!r} of row {row}: its first character is not a known word character")
                order.append((row, alt, chars))
        keys = set().union(*(chars for _row, _alt, chars in order))
        # each character's pattern is compiled when a word first starts with it: compiling them
        # all costs more than reading a short text
        self._pending: dict[str, list[tuple[int, str]]] = {
            key: [(row, alt) for row, alt, chars in order if key in chars] for key in keys
        }
        self._bucket: dict[str, re.Pattern[str]] = {}
        # where a word starts with one of those characters: re skips to them (hinted)
        latin = "".join(re.escape(c) for c in sorted(keys) if not _CJK_CHAR.match(c))
        cjk = "".join(re.escape(c) for c in sorted(keys) if _CJK_CHAR.match(c))
        self._start = hinted(re.compile("|".join(
            ([rf"(?<!-)(?<![^\W{_CJK}])[{latin}]"] if latin else []) + ([f"[{cjk}]"] if cjk else []))))

    @staticmethod
    def _compile(alternatives: list[tuple[int, str]], flags: int) -> re.Pattern[str]:
        # consecutive alternatives of one row share its group, named by the row's index
        groups: list[tuple[int, list[str]]] = []
        for row, alt in alternatives:
            if groups and groups[-1][0] == row:
                groups[-1][1].append(alt)
            else:
                groups.append((row, [alt]))
        seen: dict[int, int] = {}
        parts = []
        for row, alts in groups:
            seen[row] = seen.get(row, 0) + 1
            parts.append(f"(?P<r{row}_{seen[row]}>" + "|".join(alts) + ")")
        return re.compile("(?:" + "|".join(parts) + ")" + WORD_END, flags)

    def finditer(self, text: str) -> Iterator[tuple[int, int, int]]:
        for match in self.matches(text):
            yield match.start(), match.end(), int(str(match.lastgroup)[1:].split("_")[0])

    def matches(self, text: str) -> Iterator[re.Match[str]]:
        """The matches themselves (offsets into ``text``; ``lastgroup`` is ``r<row>_<n>``)."""
        bucket = self._bucket
        end = 0
        for start_match in self._start.finditer(text):
            at = start_match.start()
            if at < end:
                continue
            pattern = bucket.get(text[at])
            if pattern is None:
                pattern = bucket[text[at]] = self._compile(self._pending[text[at]], self.flags)
            match = pattern.match(text, at)
            if match is None:
                continue
            end = match.end()
            yield match


class WordAlternation:
    """The pattern ``WORD_START(?:body)WORD_END`` (words from a list), searched through a
    :class:`FirstCharDispatch`: the same matches, found where words start only.

    >>> up = WordAlternation(r"rose|rise[sn]?|jump\\w*", re.I)
    >>> [m.group(0) for m in up.finditer("Sales Rose 5% and jumped; sunrise")]
    ['Rose', 'jumped']
    >>> up.search("no change") is None
    True
    """

    __slots__ = ("pattern", "_dispatch")

    def __init__(self, body: str, flags: int = 0) -> None:
        self.pattern = re.compile(WORD_START + "(?:" + body + ")" + WORD_END, flags)
        self._dispatch = FirstCharDispatch([body], flags)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self._dispatch.matches(text)

    def search(self, text: str) -> re.Match[str] | None:
        return next(self._dispatch.matches(text), None)


@cache
def rx(pattern: str, flags: int = 0) -> Guarded:
    """The :class:`Guarded` compiled ``pattern`` (made once), for patterns written where they are used.

    >>> rx(r"\\bstake\\s(?:in|of)\\b", re.I).search("took a Stake in Zhipu").group(0)
    'Stake in'
    """
    return Guarded(re.compile(pattern, flags))
