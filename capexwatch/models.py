"""Frozen data types passed between the layers: Article, Money, Figure, Fact; and Record, the
base of the reader's small internal value types.

Layer 1: imports nothing from capexwatch. No I/O, no parsing logic.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, ClassVar

__all__ = ["Alt", "Article", "Fact", "Figure", "Money", "Record", "content_hash"]


def content_hash(text: str) -> str:
    """Return the SHA-256 hex digest identifying a document's text.

    >>> content_hash("abc")[:12]
    'ba7816bf8f01'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Record:
    """A small immutable value: the fields named in ``__match_args__`` (which is also its
    ``__slots__``), each set once in ``__init__`` and declared ``Final``; equality, hash and repr
    by those fields, like a frozen dataclass.

    The reader builds about a hundred of these per article (sentences, cues, period and entity
    mentions). A frozen dataclass's generated ``__init__`` sets each field through
    ``object.__setattr__`` and stays interpreted in the compiled (mypyc) build, where it costs
    about twenty times what this plain ``__init__`` does. Assignment after ``__init__`` is a type
    error for mypy in both builds and an ``AttributeError`` at run time in the compiled one.

    >>> class Span(Record):
    ...     __match_args__ = ("start", "end")
    ...     __slots__ = __match_args__
    ...     def __init__(self, start: int, end: int) -> None:
    ...         self.start = start
    ...         self.end = end
    >>> Span(1, 4), Span(1, 4) == Span(1, 4), Span(1, 4) == Span(1, 5), len({Span(1, 4), Span(1, 4)})
    (Span(start=1, end=4), True, False, 1)
    """

    __slots__ = ()
    __match_args__: ClassVar[tuple[str, ...]] = ()

    def _values(self) -> tuple[object, ...]:
        return tuple([getattr(self, name) for name in self.__match_args__])

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and isinstance(other, Record) and self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join([f"{name}={getattr(self, name)!r}" for name in self.__match_args__])
        return f"{type(self).__name__}({fields})"


@dataclass(frozen=True)
class Money:
    """An amount of money in one currency, with the text it was read from."""

    amount: Decimal
    currency: str
    text: str = ""

    @property
    def amount_float(self) -> float:
        return float(self.amount)


@dataclass(frozen=True)
class Alt:
    """The same figure restated in another unit (the schema's ``also``)."""

    value: Decimal
    unit: str

    def to_dict(self) -> dict[str, Any]:
        return {"value": _number(self.value), "unit": self.unit}


@dataclass(frozen=True)
class Figure:
    """A number found in text: value (and ``high`` for a range), unit, and where it stood.

    ``kind`` is one of ``money``, ``percent``, ``multiple``, ``count``, ``params``.
    ``start``/``end`` are character offsets into the text the figure was read from.
    """

    value: Decimal
    unit: str
    kind: str
    start: int
    end: int
    text: str
    high: Decimal | None = None
    also: tuple[Alt, ...] = ()
    approx: bool = False


@dataclass(frozen=True)
class Article:
    """A document to read: its clean text and what is known about it."""

    id: str
    text: str
    title: str | None = None
    date: dt.date | None = None
    url: str | None = None
    publisher: str | None = None
    source: str | None = None
    hash: str = ""

    def __post_init__(self) -> None:
        if not self.hash:
            object.__setattr__(self, "hash", content_hash(self.text))

    def with_(self, **changes: Any) -> Article:
        return replace(self, **changes)


@dataclass(frozen=True)
class Fact:
    """One figure read from one document, in the schema of FACT_SCHEMA.md.

    ``start``/``end`` locate ``quote`` in the document's text; ``figure`` is the raw
    text of the number as written; ``step`` names the versioned extraction step.
    """

    doc: str
    entity: str
    metric: str
    value: Decimal
    unit: str
    period: str = "unknown"
    segment: str | None = None
    basis: str | None = None
    quote: str = ""
    also: tuple[Alt, ...] = ()
    high: Decimal | None = None
    start: int = -1
    end: int = -1
    figure: str = ""
    step: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def value_float(self) -> float:
        return float(self.value)

    def to_dict(self) -> dict[str, Any]:
        """Return the fact as a JSON-ready dict in the schema of FACT_SCHEMA.md."""
        out: dict[str, Any] = {
            "doc": self.doc,
            "entity": self.entity,
            "metric": self.metric,
            "value": _number(self.value),
            "unit": self.unit,
            "period": self.period,
            "segment": self.segment,
            "basis": self.basis,
            "quote": self.quote,
            "also": [a.to_dict() for a in self.also],
        }
        if self.high is not None:
            out["high"] = _number(self.high)
        out["span"] = [self.start, self.end]
        out["figure"] = self.figure
        out["step"] = self.step
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Fact:
        """Build a fact from a schema dict (as written by :meth:`to_dict` or a gold file)."""
        span = data.get("span") or [-1, -1]
        return cls(
            doc=str(data["doc"]),
            entity=str(data["entity"]),
            metric=str(data["metric"]),
            value=Decimal(str(data["value"])),
            unit=str(data["unit"]),
            period=str(data.get("period") or "unknown"),
            segment=data.get("segment"),
            basis=data.get("basis"),
            quote=str(data.get("quote") or ""),
            also=tuple(Alt(Decimal(str(a["value"])), str(a["unit"])) for a in data.get("also") or []),
            high=Decimal(str(data["high"])) if data.get("high") is not None else None,
            start=int(span[0]),
            end=int(span[1]),
            figure=str(data.get("figure") or ""),
            step=str(data.get("step") or ""),
        )


def _number(value: Decimal) -> int | float:
    """JSON number for a Decimal: an int when whole, else a float.

    >>> _number(Decimal("380000000000")), _number(Decimal("7.6"))
    (380000000000, 7.6)
    """
    if value == value.to_integral_value():
        return int(value)
    return float(value)
