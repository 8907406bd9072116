"""The report: text summary, JSON, and a self-contained, escaped HTML file with SVG charts."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from capexwatch.cli import cli
from capexwatch.ingest import iter_articles
from capexwatch.models import Article, Fact
from capexwatch.report import bar_chart, build_report, render_html, render_text
from capexwatch.store import Store

SHARED = Path(__file__).parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold" / "seeds.jsonl"
HOSTILE = '<script>alert("x")</script><img src=http://evil.example/x.png>'


@pytest.fixture(scope="module", params=["gold", "extractor"])
def report(request):
    store = Store(memory=True)
    if request.param == "gold":
        gold = [Fact.from_dict(json.loads(line)) for line in GOLD.read_text(encoding="utf-8").splitlines() if line]
        store.add([(a, [f for f in gold if f.doc == a.id]) for a in iter_articles([SEEDS])])
    else:
        store.ingest([SEEDS])
    yield build_report(store)
    store.close()


def test_text_names_who_spends_how_much(report) -> None:
    text = render_text(report)
    assert "China vs US" in text
    assert "$45.0 bn (China top cloud providers)" in text and "$291.0 bn (US top cloud providers)" in text
    assert "[CNY 380 bn]" in text  # the original currency beside the USD value
    assert "121.0 % of cloud revenue" in text and "94.0 % of cloud revenue" in text


def test_text_shows_conflicts_with_quotes(report) -> None:
    text = render_text(report)
    assert "Conflicts (1)" in text
    assert "33 %" in text and "36 %" in text and "market share" in text


def test_spend_table_has_usd_and_original(report) -> None:
    spend = report.spend
    assert {"value_usd", "value", "unit", "annual_usd"} <= set(spend.columns)
    assert spend["value_usd"].is_monotonic_decreasing


def test_html_is_self_contained(report) -> None:
    page = render_html(report)
    assert page.startswith("<!doctype html>") and page.rstrip().endswith("</html>")
    assert "<svg" in page and "<script" not in page.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "<link" not in page and "@import" not in page


def test_bar_chart_scales_to_the_largest() -> None:
    svg = bar_chart([("China", 45e9, "#d00"), ("US", 291e9, "#00d")], width=720)
    widths = [float(w) for w in re.findall(r'<rect[^>]* width="([\d.]+)"', svg)]
    assert widths[1] == pytest.approx(720 - 290 - 110) and widths[0] == pytest.approx(widths[1] * 45 / 291, abs=0.1)
    assert bar_chart([]) == ""


def hostile_store() -> Store:
    store = Store(memory=True)
    share = {"entity": "Alibaba", "metric": "market_share", "unit": "%", "period": "2025Q2", "segment": "china_cloud"}
    store.add([
        (Article("evil.txt", f"Alibaba has 33% {HOSTILE}", date=dt.date(2025, 8, 1), publisher=HOSTILE),
         [Fact(doc="evil.txt", value=Decimal(33), quote=f"Alibaba has 33% {HOSTILE}", **share)]),
        (Article("good.txt", "Alibaba has 36% of China's cloud", date=dt.date(2025, 8, 2)),
         [Fact(doc="good.txt", value=Decimal(36), quote="Alibaba has 36% of China's cloud", **share)]),
    ])
    return store


def test_html_escapes_article_text() -> None:
    with hostile_store() as store:
        page = render_html(build_report(store))
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_cli_report_writes_html(tmp_path) -> None:
    db = tmp_path / "r.duckdb"
    hostile_store_file = Store(db)
    hostile_store_file.add([(Article("a", "Alibaba capex", date=dt.date(2025, 8, 29)),
                             [Fact(doc="a", entity="Alibaba", metric="capex", value=Decimal("38.6e9"), unit="CNY",
                                   period="2025Q2")])])
    hostile_store_file.close()
    out = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["report", "--db", str(db), "--html", str(out)])
    assert result.exit_code == 0, result.output
    assert "Who spends how much" in result.output and "CNY 38.6 bn" in result.output
    assert "<svg" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_cli_report_formats(tmp_path, fmt: str) -> None:
    db = tmp_path / "r.duckdb"
    with hostile_store() as store:
        store.conn.execute(f"ATTACH '{db}' AS out")  # copy the rows into a file database
        store.conn.execute("COPY FROM DATABASE memory TO out")
    result = CliRunner().invoke(cli, ["report", "--db", str(db), "--format", fmt])
    assert result.exit_code == 0, result.output
    if fmt == "json":
        data = json.loads(result.output)
        assert data["summary"]["claims"] == 1 and len(data["conflicts"]) == 1
    else:
        assert "# conflicts" in result.output
