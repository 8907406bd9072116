"""The main job's summary: who spends how much, China vs US, conflicts, FX checks.

:func:`build_report` collects the tables (DataFrames, from :mod:`capexwatch.compare`);
:func:`render_text` formats them for a terminal and :func:`render_html` as one
self-contained HTML file (inline CSS and SVG charts, no scripts, no external assets:
a file to mail). Every piece of article text is escaped. Layer 3.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from . import compare as cmp
from .store import Store

__all__ = ["Report", "build_report", "format_money", "render_html", "render_text"]

SPEND_METRICS = ("capex", "capex_plan")


@dataclass(frozen=True)
class Report:
    """The report's tables; ``summary`` holds counts (documents, facts, claims by status)."""

    summary: dict[str, Any]
    spend: pd.DataFrame
    china_vs_us: pd.DataFrame
    intensity: pd.DataFrame
    conflicts: pd.DataFrame
    conversions: pd.DataFrame
    notes: pd.DataFrame
    generated: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC).replace(microsecond=0))

    def tables(self) -> dict[str, pd.DataFrame]:
        return {"spend": self.spend, "china_vs_us": self.china_vs_us, "intensity": self.intensity,
                "conflicts": self.conflicts, "conversions": self.conversions, "notes": self.notes}


def format_money(value: Any, unit: str = "USD") -> str:
    """Return a short money text: ``$45.0 bn``, ``CNY 380 bn``.

    >>> format_money(45e9), format_money(380e9, "CNY"), format_money(float("nan"))
    ('$45.0 bn', 'CNY 380 bn', '–')
    """
    try:
        number = float(value)
    except (TypeError, ValueError):
        return "–"
    if math.isnan(number):
        return "–"
    prefix = "$" if unit == "USD" else f"{unit} "
    for scale, word in ((1e12, "tn"), (1e9, "bn"), (1e6, "m")):
        if abs(number) >= scale:
            shown = number / scale
            text = f"{shown:.1f}" if unit == "USD" else f"{shown:.4g}"
            return f"{prefix}{text} {word}"
    return f"{prefix}{number:,.0f}"


def build_report(store: Store) -> Report:
    """Return the report's tables for everything in ``store``."""
    analysis = cmp.analyze(store)
    c = analysis.claims
    spend = c[c["metric"].isin(SPEND_METRICS) & c["value_usd"].notna()]
    spend = spend[["entity", "region", "metric", "period", "value", "high", "unit", "value_usd", "high_usd",
                   "annual_usd", "n_sources", "status", "claim_id"]].sort_values("value_usd", ascending=False)
    region = cmp.compare(store, by="region", metric="capex")
    both = region.groupby("period")["region"].transform(lambda r: {"china", "us"} <= set(r))
    china_vs_us = region[both & region["region"].isin(["china", "us"])].reset_index(drop=True)
    notes = analysis.facts[analysis.facts["relation"].isin(["unit_error", "fx", "revised", "period_or_scope"])]
    notes = notes[["entity", "metric", "period", "relation", "explanation", "doc", "claim_id"]]
    statuses = c["status"].value_counts().to_dict()
    summary = {
        "documents": int(analysis.facts["document_id"].nunique()) if len(analysis.facts) else 0,
        "facts": len(analysis.facts),
        "claims": len(c),
        "claims_by_status": {str(k): int(v) for k, v in statuses.items()},
    }
    return Report(summary, spend.reset_index(drop=True), china_vs_us, cmp.intensity(store), cmp.conflicts(store),
                  cmp.conversions(store), notes.reset_index(drop=True))


# -- text ------------------------------------------------------------------------------
def render_text(report: Report) -> str:
    """Return the report as plain text for a terminal."""
    s = report.summary
    lines = [f"capexwatch report: {s['documents']} documents, {s['facts']} facts, {s['claims']} claims "
             f"({', '.join(f'{k} {v}' for k, v in sorted(s['claims_by_status'].items()))})", ""]
    lines.append("Who spends how much (capex and plans, USD at ECB rates; original amount in brackets)")
    for r in report.spend.itertuples():
        annual = f", {format_money(r.annual_usd)}/yr" if r.annual_usd and r.annual_usd < r.value_usd * 0.99 else ""
        rng = f"–{format_money(r.high_usd)}" if pd.notna(r.high_usd) else ""
        lines.append(f"  {r.entity:<28} {r.metric:<10} {r.period:<11} {format_money(r.value_usd)}{rng}{annual}"
                     f" [{format_money(r.value, r.unit)}] {r.n_sources} source(s), {r.status}")
    if not report.china_vs_us.empty:
        lines += ["", "China vs US (capex)"]
        for period, part in report.china_vs_us.groupby("period"):
            cells = [f"{r.region}: {format_money(r.value_usd)} ({r.entities})" for r in part.itertuples()]
            lines.append(f"  {period}: " + " vs ".join(cells))
    if not report.intensity.empty:
        lines += ["", "Capex intensity (capex as % of revenue)"]
        for r in report.intensity.itertuples():
            lines.append(f"  {r.entity:<28} {r.period:<10} {r.ratio_pct:6.1f} % of {r.of} ({r.source})")
    lines += ["", f"Conflicts ({len(report.conflicts)})"]
    for r in report.conflicts.itertuples():
        tag = " [vs filing]" if r.against_filing else ""
        lines.append(f"  {r.entity} {r.metric} {r.period}{tag}: {_value(r.value, r.unit)} ({r.doc}) vs preferred "
                     f"{_value(r.preferred_value, r.preferred_unit)} ({r.preferred_doc})")
        lines.append(f"    “{_clip(r.quote)}”")
        lines.append(f"    vs “{_clip(r.preferred_quote)}”")
    if not report.conversions.empty:
        lines += ["", "Sources' own conversions checked against the ECB (flag beyond 2 %)"]
        for r in report.conversions.itertuples():
            flag = "FLAG" if r.flagged else "ok  "
            lines.append(f"  {flag} {r.entity} {r.metric} {r.period}: {r.note}")
    if not report.notes.empty:
        lines += ["", "Other differences explained"]
        for r in report.notes.itertuples():
            lines.append(f"  {r.entity} {r.metric} {r.period} [{r.relation}]: {r.explanation}")
    return "\n".join(lines) + "\n"


def _value(value: Any, unit: str) -> str:
    return f"{float(value):g} %" if unit == "%" else (format_money(value, unit) if len(unit) == 3 else f"{value:g} {unit}")


def _clip(text: Any, size: int = 220) -> str:
    clean = " ".join(str(text or "").split())
    return clean if len(clean) <= size else clean[: size - 1] + "…"


# -- HTML ------------------------------------------------------------------------------
_CSS = """
body{font:15px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:70rem;
padding:0 1rem;color:#1d2330}h1{font-size:1.6rem}h2{margin-top:2.2rem;border-bottom:1px solid #dde;padding-bottom:.2rem}
table{border-collapse:collapse;width:100%;margin:.6rem 0;font-size:.9rem}th,td{text-align:left;padding:.3rem .5rem;
border-bottom:1px solid #eef;vertical-align:top}th{background:#f4f6fb}td.n{text-align:right;white-space:nowrap}
.q{color:#445;font-style:italic}.muted{color:#667;font-size:.85rem}.flag{color:#b3261e;font-weight:600}
.chart{margin:.8rem 0}svg text{font:12px system-ui,sans-serif;fill:#1d2330}
"""
_COLORS = {"china": "#d1495b", "us": "#2e86ab", "other": "#8d99ae"}


def _e(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return html.escape(str(value), quote=True)


def _by(publisher: Any) -> str:
    return f" ({_e(publisher)})" if isinstance(publisher, str) and publisher else ""


def bar_chart(items: Sequence[tuple[str, float, str]], *, unit: str = "USD", width: int = 720) -> str:
    """Return an inline SVG horizontal bar chart of (label, value, color) items."""
    items = [(label, value, color) for label, value, color in items if value == value and value is not None]
    if not items:
        return ""
    bar, gap, left, right = 22, 8, 290, 110
    top = max(abs(v) for _, v, _ in items) or 1.0
    height = len(items) * (bar + gap) + gap
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
             f'viewBox="0 0 {width} {height}">']
    for i, (label, value, color) in enumerate(items):
        y = gap + i * (bar + gap)
        w = max(1.0, (width - left - right) * abs(value) / top)
        shown = f"{value:.0f} %" if unit == "%" else format_money(value)
        parts.append(f'<text x="{left - 8}" y="{y + 15}" text-anchor="end">{_e(_clip(label, 40))}</text>'
                     f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar}" fill="{_e(color)}" rx="2">'
                     f'<title>{_e(label)}: {_e(shown)}</title></rect>'
                     f'<text x="{left + w + 6:.1f}" y="{y + 15}">{_e(shown)}</text>')
    parts.append("</svg>")
    return '<div class="chart">' + "".join(parts) + "</div>"


def _table(frame: pd.DataFrame, columns: Sequence[tuple[str, str]], *, money: Sequence[str] = ()) -> str:
    if frame.empty:
        return '<p class="muted">Nothing found.</p>'
    head = "".join(f"<th>{_e(title)}</th>" for _, title in columns)
    rows = []
    for rec in frame.to_dict("records"):
        cells = []
        for col, _ in columns:
            value = rec.get(col)
            if col in money:
                cells.append(f'<td class="n">{_e(format_money(value))}</td>')
            elif isinstance(value, float):
                cells.append(f'<td class="n">{_e(f"{value:,.4g}")}</td>')
            else:
                cells.append(f"<td>{_e(value)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def render_html(report: Report, *, title: str = "capexwatch report") -> str:
    """Return the report as one self-contained HTML page with inline SVG charts."""
    s = report.summary
    status = ", ".join(f"{_e(k)} {v}" for k, v in sorted(s["claims_by_status"].items()))
    out = [f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{_e(title)}</title>'
           f'<meta name="viewport" content="width=device-width,initial-scale=1"><style>{_CSS}</style></head><body>',
           f"<h1>{_e(title)}</h1>",
           f'<p class="muted">{s["documents"]} documents, {s["facts"]} facts, {s["claims"]} claims ({status}). '
           f"US-dollar values at ECB reference rates; generated {_e(report.generated.isoformat())}.</p>"]
    out.append("<h2>Who spends how much</h2>")
    spend = report.spend.head(25)
    out.append(bar_chart([(f"{r.entity} · {r.metric} {r.period}", float(r.value_usd), _COLORS.get(r.region, _COLORS["other"]))
                          for r in spend.itertuples()]))
    spend = spend.assign(original=[format_money(v, u) for v, u in zip(spend["value"], spend["unit"], strict=True)])
    out.append(_table(spend, [("entity", "Company or group"), ("region", "Region"), ("metric", "Metric"),
                              ("period", "Period"), ("value_usd", "USD"), ("annual_usd", "USD a year"),
                              ("original", "As reported"), ("n_sources", "Sources"), ("status", "Status")],
                      money=("value_usd", "annual_usd")))
    out.append("<h2>China vs US</h2>")
    for period, part in report.china_vs_us.groupby("period"):
        out.append(f"<h3>Capex, {_e(period)}</h3>")
        out.append(bar_chart([(f"{r.region}: {r.entities}", float(r.value_usd), _COLORS.get(r.region, "#888"))
                              for r in part.itertuples()]))
    if report.china_vs_us.empty:
        out.append('<p class="muted">No period with capex figures for both regions.</p>')
    if not report.intensity.empty:
        out.append("<h3>Capex as % of revenue</h3>")
        out.append(bar_chart([(f"{r.entity} · {r.period} · of {r.of}", float(r.ratio_pct),
                               _COLORS.get(r.region, _COLORS["other"])) for r in report.intensity.itertuples()],
                             unit="%"))
    out.append(f"<h2>Conflicts ({len(report.conflicts)})</h2>")
    for r in report.conflicts.itertuples():
        tag = ' <span class="flag">disagrees with the filing</span>' if r.against_filing else ""
        out.append(f"<h3>{_e(r.entity)} · {_e(r.metric)} · {_e(r.period)}{tag}</h3>"
                   f"<p>{_e(_value(r.value, r.unit))} in <b>{_e(r.doc)}</b>{_by(r.publisher)}: "
                   f'<span class="q">“{_e(r.quote)}”</span></p>'
                   f"<p>Preferred: {_e(_value(r.preferred_value, r.preferred_unit))} in <b>{_e(r.preferred_doc)}</b>"
                   f'{_by(r.preferred_publisher)}: <span class="q">“{_e(r.preferred_quote)}”</span></p>')
    if report.conflicts.empty:
        out.append('<p class="muted">No conflicts.</p>')
    out.append("<h2>Sources' own conversions vs the ECB</h2>")
    out.append(_table(report.conversions, [("entity", "Entity"), ("metric", "Metric"), ("period", "Period"),
                                           ("stated_rate", "Stated rate"), ("ecb_rate", "ECB rate"),
                                           ("flagged", "Beyond 2 %"), ("note", "Check"), ("doc", "Document")]))
    out.append("<h2>Other differences explained</h2>")
    out.append(_table(report.notes, [("entity", "Entity"), ("metric", "Metric"), ("period", "Period"),
                                     ("relation", "Kind"), ("explanation", "Explanation"), ("doc", "Document")]))
    out.append("</body></html>")
    return "\n".join(out)
