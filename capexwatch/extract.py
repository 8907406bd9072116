"""Article → list[Fact]. (Being written; see issue 2.)"""

from __future__ import annotations

import datetime as dt

from .models import Article, Fact


def extract_facts(text: str, *, date: dt.date | str | None = None, title: str | None = None,
                  doc: str = "") -> list[Fact]:
    """Return the facts in ``text``."""
    return []


def extract_article(article: Article) -> list[Fact]:
    """Return the facts of an :class:`Article`."""
    return extract_facts(article.text, date=article.date, title=article.title, doc=article.id)
