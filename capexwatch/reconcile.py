"""Reconciling facts across documents into claims; keeping every difference visible.

A **claim** is one thing said about the world: the facts with the same entity, metric,
segment, basis and unit family (money, %, x...) whose periods are the same or overlap
with a similar length (``2025`` and ``FY2025`` of a calendar-year company; ``2025Q2``
and Alibaba's ``FY2026Q1``). A fact with period ``unknown`` joins the known-period
claim of the same key whose values it agrees with, else the key's ``unknown`` claim.

Inside a claim each fact's relation to the preferred one is classified and explained:

- ``preferred``: the value the claim stands for (why: filing > wire/company > other
  source; then the most recent document; then the most independent sources; for plans,
  the latest revision first);
- ``restated``: the same figure (within the rounding of the less precise one);
- ``fx``: the same amount in another currency or at another rate ($53 bn vs $52.4 bn
  for CNY 380 bn);
- ``period_or_scope``: a different (overlapping) period;
- ``unit_error``: a figure with two currency markers (``$38.6 billion RMB``);
- ``revised``: an earlier version of a plan, superseded by a later document;
- ``conflict``: a real disagreement (33 % vs 36 % market share).

Copies of one story (near-duplicate texts, see :func:`story_groups`) count as one
source: ``n_sources`` counts stories, not documents.

Layer 2, pure. Works on DataFrames (columns of :func:`capexwatch.normalize.normalize_facts`)
so a million facts reconcile without a million Python objects.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .normalize import PLAN_METRICS

__all__ = [
    "COPY_THRESHOLD", "FX_TOLERANCE", "RELATIONS", "Reconciliation", "reconcile_facts", "rounding_tolerance",
    "similarity", "source_trust", "story_groups",
]

FX_TOLERANCE = 0.03  # money in a claim with a non-USD amount agrees within 3 % (rates differ by day and source)
COPY_THRESHOLD = 0.8  # Jaccard similarity of word 5-gram shingles above which two texts are one story
RELATIONS = ("preferred", "restated", "fx", "period_or_scope", "unit_error", "revised", "conflict")
# Claim status: the most serious relation found inside it.
_SEVERITY = {"single": 0, "restated": 1, "fx": 2, "period_or_scope": 3, "unit_error": 4, "revised": 5, "conflict": 6}
WIRES = frozenset({"reuters", "bloomberg", "afp", "ap", "xinhua", "dow jones", "financial times", "caixin",
                   "cnbc", "wall street journal", "the information", "nikkei", "south china morning post"})
_TRUST_LABEL = {3: "filing", 2: "wire or company statement", 1: "other source"}


def source_trust(kind: str | None, publisher: str | None) -> int:
    """Return 3 for a filing, 2 for a wire, major newspaper or the company, 1 for anything else.

    >>> source_trust("filing", None), source_trust("news", "Reuters"), source_trust("news", "AInvest")
    (3, 2, 1)
    """
    if kind == "filing":
        return 3
    if publisher and (publisher.strip().lower() in WIRES or "press release" in publisher.lower()):
        return 2
    return 1


def rounding_tolerance(values: Any) -> np.ndarray:
    """Half a unit of each value's last non-zero digit, at most 1.5 % of it (vectorised).

    >>> rounding_tolerance([53e9, 52.4e9, 80, 7.6]).tolist()
    [500000000.0, 50000000.0, 1.2, 0.05]
    """
    v = np.abs(np.asarray(values, dtype=float))
    out = np.zeros_like(v)
    ok = np.isfinite(v) & (v > 0)
    digits = np.floor(np.log10(np.where(ok, v, 1.0)))
    unit = 10.0 ** digits
    for _ in range(8):  # walk down to the last non-zero digit (8 significant digits are plenty)
        rest = np.abs(v / unit - np.round(v / unit))
        more = ok & (rest > 1e-6)
        if not more.any():
            break
        unit = np.where(more, unit / 10, unit)
    out[ok] = np.minimum(unit[ok] / 2, 0.015 * v[ok])
    return np.asarray(out)


# -- copies of one story ---------------------------------------------------------------
_WORD = re.compile(r"\w+")
_PRIME = (1 << 61) - 1


def _shingles(text: str, size: int = 5) -> set[int]:
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {zlib.crc32(" ".join(words).encode())} if words else set()
    return {zlib.crc32(" ".join(words[i:i + size]).encode()) for i in range(len(words) - size + 1)}


def similarity(a: str, b: str) -> float:
    """Return the Jaccard similarity of two texts' word 5-gram shingles.

    >>> similarity("the cat sat on the mat today", "the cat sat on the mat today")
    1.0
    """
    sa, sb = _shingles(a), _shingles(b)
    return len(sa & sb) / len(sa | sb) if sa or sb else 1.0


def story_groups(texts: Mapping[Any, str], *, threshold: float = COPY_THRESHOLD, permutations: int = 64,
                 bands: int = 16) -> dict[Any, Any]:
    """Return each document's story: the smallest id among its near-duplicates (itself if none).

    MinHash signatures (``permutations`` hash functions over word 5-gram shingles) are
    banded for locality-sensitive hashing; candidate pairs are then checked with the exact
    Jaccard similarity, and pairs at or above ``threshold`` are joined (union-find).
    With 16 bands of 4 rows, a pair at similarity 0.8 becomes a candidate with
    probability 0.9998, a pair at 0.3 with 0.12.

    >>> base = "Alibaba said on Monday it will invest 380 billion yuan over the next three years in AI"
    >>> story_groups({1: base, 2: base + " and cloud.", 3: "Something else entirely was said here today"})
    {1: 1, 2: 1, 3: 3}
    """
    ids = list(texts)
    rng = np.random.default_rng(20250224)
    a = rng.integers(1, _PRIME, size=permutations, dtype=np.uint64).astype(object)
    b = rng.integers(0, _PRIME, size=permutations, dtype=np.uint64).astype(object)
    rows = permutations // bands
    shingles = {i: _shingles(texts[i]) for i in ids}
    buckets: dict[tuple[int, tuple[int, ...]], list[Any]] = {}
    a64, b64 = np.array(a, dtype=np.uint64), np.array(b, dtype=np.uint64)
    for doc in ids:
        sh = np.fromiter(shingles[doc], dtype=np.uint64, count=len(shingles[doc]))
        if sh.size == 0:
            continue
        # (a*x + b) mod 2**64 then mod a Mersenne prime: a cheap universal hash family for 32-bit shingles
        sig = ((a64[:, None] * sh[None, :] + b64[:, None]) % np.uint64(_PRIME)).min(axis=1)
        for band in range(bands):
            buckets.setdefault((band, tuple(sig[band * rows:(band + 1) * rows].tolist())), []).append(doc)
    parent = {doc: doc for doc in ids}

    def find(x: Any) -> Any:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    checked: set[tuple[Any, Any]] = set()
    for members in buckets.values():
        for i, left in enumerate(members):
            for right in members[i + 1:]:
                pair = (left, right)
                if pair in checked or find(left) == find(right):
                    continue
                checked.add(pair)
                sa, sb = shingles[left], shingles[right]
                if len(sa & sb) / len(sa | sb) >= threshold:
                    ra, rb = find(left), find(right)
                    parent[max(ra, rb, key=_order)] = min(ra, rb, key=_order)
    return {doc: find(doc) for doc in ids}


def _order(x: Any) -> tuple[int, Any]:
    return (0, x) if isinstance(x, int | np.integer) else (1, str(x))


# -- reconciliation --------------------------------------------------------------------
@dataclass(frozen=True)
class Reconciliation:
    """Claims (one row each) and facts (each with its claim, relation and explanation)."""

    claims: pd.DataFrame
    facts: pd.DataFrame


CHUNK_SIZE = 250_000  # facts reconciled at once; keys never span chunks, so results are the same
_WORK_COLUMNS = ["id", "document_id", "doc", "entity", "metric", "segment", "basis", "family", "unit", "value", "high",
                 "value_usd", "high_usd", "annual_usd", "period", "period_start", "period_end", "doc_date", "kind",
                 "publisher", "unit_note", "also", "fx_rate", "fx_rate_date"]
_OUT_COLUMNS = ["claim_id", "claim_period", "story", "support", "relation", "preferred_id", "explanation"]


def reconcile_facts(facts: pd.DataFrame, *, stories: Mapping[Any, Any] | None = None,
                    chunk_size: int = CHUNK_SIZE) -> Reconciliation:
    """Group normalised facts into claims and classify every difference inside each claim.

    ``facts`` needs the columns of :func:`~capexwatch.normalize.normalize_facts` plus
    ``id``, ``document_id`` and, where known, ``doc``, ``doc_date``, ``kind``,
    ``publisher``. ``stories`` maps document ids to their story (see :func:`story_groups`);
    without it every document is its own story. The returned facts are the input rows,
    in their order, with ``claim_id``, ``relation``, ``explanation``, ``support``,
    ``story``, ``preferred_id`` and ``claim_period`` added.

    Only the columns the work needs are copied, and large inputs are reconciled in
    chunks of whole keys (entity, metric, segment, basis, unit family), which keeps
    the memory for a million facts well under 2 GB.
    """
    work = _prepare(facts, stories)
    out = facts.reset_index(drop=True)
    if work.empty:
        for col in _OUT_COLUMNS:
            out[col] = pd.Series(dtype=object)
        return Reconciliation(_empty_claims(), out)
    parts = max(1, -(-len(work) // chunk_size))
    if parts > 1:
        hashed = pd.util.hash_pandas_object(work[_key_columns()], index=False).to_numpy() % np.uint64(parts)
    claims = []
    # Each chunk's results go straight to their rows: no concatenation of per-chunk frames.
    results = {col: np.empty(len(work), dtype=object) for col in _OUT_COLUMNS}
    for i in range(parts):
        part = work[hashed == i] if parts > 1 else work
        if part.empty:
            continue
        part_claims, notes = _reconcile_part(part.copy())
        claims.append(part_claims)
        rows = notes["_row"].to_numpy()
        for col in _OUT_COLUMNS:
            results[col][rows] = notes[col].to_numpy()
        del notes, part
    claims_frame = pd.concat(claims, ignore_index=True) if len(claims) > 1 else claims[0]
    claims_frame = claims_frame.sort_values(["entity", "metric", "period_start", "claim_id"],
                                            na_position="last").reset_index(drop=True)
    for col in _OUT_COLUMNS:
        values = results.pop(col)
        out[col] = values.astype(np.int64) if col in ("support", "preferred_id") else values
    return Reconciliation(claims_frame, out)


def _reconcile_part(f: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    f["claim_key"] = _period_clusters(f)
    f = _assign_unknown(f)
    f["claim_id"] = _claim_ids(f)
    f = _agreement_groups(f)
    f = _prefer(f)
    f = _classify(f)
    claims = _claims_table(f)
    return claims, f[["_row", *_OUT_COLUMNS]]


def _prepare(facts: pd.DataFrame, stories: Mapping[Any, Any] | None) -> pd.DataFrame:
    n = len(facts)
    # A column selection, not a conversion: strings stay in Arrow, copies stay lazy (copy-on-write).
    f = facts[[c for c in _WORK_COLUMNS if c in facts.columns]].reset_index(drop=True)
    f["_row"] = np.arange(n)
    for col, default in (("segment", ""), ("basis", ""), ("high", np.nan), ("high_usd", np.nan), ("kind", "news"),
                         ("publisher", None), ("doc_date", pd.NaT), ("unit_note", None), ("doc", ""),
                         ("also", "[]"), ("value_usd", np.nan), ("fx_rate", np.nan), ("fx_rate_date", pd.NaT),
                         ("period_start", pd.NaT), ("period_end", pd.NaT)):
        if col not in f:
            f[col] = [default] * n
    if "annual_usd" not in f:
        f["annual_usd"] = f["value_usd"]
    f["segment"] = f["segment"].fillna("").astype(str)
    f["basis"] = f["basis"].fillna("").astype(str)
    f["doc_date"] = pd.to_datetime(f["doc_date"])
    f["story"] = f["document_id"].map(stories) if stories else f["document_id"]
    f["story"] = f["story"].fillna(f["document_id"])
    money = (f["family"] == "money") & f["value_usd"].notna()
    f["_low"] = np.where(money, f["value_usd"], f["value"].astype(float))
    high = np.where(money, f["high_usd"], f["high"].astype(float))
    f["_high"] = np.where(np.isnan(high.astype(float)), f["_low"], high)
    f["_money"] = money.to_numpy()
    also = f.pop("also").fillna("[]").astype(str)
    foreign_also = also.str.contains(r'"unit": "(?!USD)[A-Z]{3}"', regex=True)
    f["_has_also"] = also.str.len().to_numpy() > 2
    f["_foreign"] = (f["_money"] & ((f["unit"] != "USD") | foreign_also)).to_numpy()
    publisher = f["publisher"].fillna("").astype(str).str.strip().str.lower()
    wire = publisher.isin(WIRES) | publisher.str.contains("press release", regex=False)
    f["_trust"] = np.where(f["kind"] == "filing", 3, np.where(wire, 2, 1))  # source_trust(), vectorised
    return f


def _key_columns() -> list[str]:
    return ["entity", "metric", "segment", "basis", "family"]


def _period_clusters(f: pd.DataFrame) -> pd.Series:
    """Number each fact's (key, period cluster); unknown periods get -1 for now."""
    key = f.groupby(_key_columns(), sort=False, dropna=False).ngroup()
    f["_key"] = key.to_numpy()
    known = f["period_start"].notna().to_numpy()
    ranges = (f.loc[known, ["_key", "period_start", "period_end"]].drop_duplicates()
              .sort_values(["_key", "period_start", "period_end"]))
    cluster = np.arange(len(ranges))
    # Ranges of one key merge when they overlap and neither is under half the other's length.
    multi = ranges["_key"].duplicated(keep=False).to_numpy()
    if multi.any():
        keys = ranges["_key"].to_numpy()
        starts = ranges["period_start"].to_numpy().astype("datetime64[D]").astype(np.int64)
        ends = ranges["period_end"].to_numpy().astype("datetime64[D]").astype(np.int64)
        anchors: list[tuple[int, int, int]] = []
        current = None
        for i in np.flatnonzero(multi):
            if keys[i] != current:
                current, anchors = keys[i], []
            s, e = starts[i], ends[i]
            length = e - s + 1
            for a_start, a_end, a_cluster in anchors:
                a_len = a_end - a_start + 1
                if s <= a_end and a_start <= e and min(length, a_len) * 2 >= max(length, a_len):
                    cluster[i] = a_cluster
                    break
            else:
                anchors.append((s, e, int(cluster[i])))
    ranges = ranges.assign(_cluster=cluster)
    merged = f[["_key", "period_start", "period_end"]].merge(ranges, how="left",
                                                             on=["_key", "period_start", "period_end"])
    out = merged["_cluster"].fillna(-1).astype(np.int64).to_numpy()
    return pd.Series(out, index=f.index)


def _assign_unknown(f: pd.DataFrame) -> pd.DataFrame:
    """Attach unknown-period facts to the agreeing known cluster of their key, if any."""
    unknown = f["claim_key"].to_numpy() < 0
    if not unknown.any():
        return f
    known = f.loc[~unknown]
    if not known.empty:
        reps = (known.groupby(["_key", "claim_key"], sort=False)
                .agg(lo=("_low", "min"), hi=("_low", "max"), n=("_low", "size"), foreign=("_foreign", "any"),
                     end=("period_end", "max")).reset_index())
        cand = (f.loc[unknown, ["_key", "_low", "_money"]].reset_index()
                .merge(reps, on="_key", how="inner"))
        if not cand.empty:
            tol = np.where(cand["_money"] & cand["foreign"], FX_TOLERANCE * cand["_low"].abs(),
                           rounding_tolerance(cand["_low"]))
            tol = np.maximum(tol, np.maximum(rounding_tolerance(cand["lo"]), rounding_tolerance(cand["hi"])))
            ok = (cand["_low"] >= cand["lo"] - tol) & (cand["_low"] <= cand["hi"] + tol)
            best = (cand[ok].sort_values(["index", "n", "end"], ascending=[True, False, False])
                    .drop_duplicates("index"))
            f.loc[best["index"].to_numpy(), "claim_key"] = best["claim_key"].to_numpy()
    rest = f["claim_key"].to_numpy() < 0
    # The remaining unknown facts of a key form one claim: a cluster number past all others.
    f.loc[rest, "claim_key"] = (f["claim_key"].max() + 1 + f.loc[rest, "_key"]).to_numpy()
    f["_unknown_claim"] = rest
    return f


def _claim_ids(f: pd.DataFrame) -> pd.Series:
    """Stable short ids: a hash of the key and the claim's earliest period label."""
    # The claim's label: its most common known period label (ties: the smallest), else "unknown".
    known = f.loc[f["period"] != "unknown", ["claim_key", "period"]]
    counts = known.value_counts().reset_index(name="n").sort_values(["claim_key", "n", "period"],
                                                                    ascending=[True, False, True])
    mode = counts.drop_duplicates("claim_key").set_index("claim_key")["period"]
    f["claim_period"] = f["claim_key"].map(mode).fillna("unknown").to_numpy()
    cols = f[_key_columns() + ["claim_period"]].astype(str)
    hashed = pd.util.hash_pandas_object(cols, index=False).to_numpy()
    return pd.Series([f"c{h:016x}"[:13] for h in hashed], index=f.index)


def _agreement_groups(f: pd.DataFrame) -> pd.DataFrame:
    """Within a claim, facts whose values agree (chained, sorted by value) share a group number."""
    f = f.sort_values(["claim_id", "_low", "_high"], kind="stable")
    claim = f["claim_id"].to_numpy()
    low, high = f["_low"].to_numpy(), f["_high"].to_numpy()
    foreign = f.groupby("claim_id", sort=False)["_foreign"].transform("any").to_numpy()
    f["_claim_foreign"] = foreign
    rtol = rounding_tolerance(low)
    htol = rounding_tolerance(high)
    tol = np.where(f["_money"].to_numpy() & foreign, np.maximum(FX_TOLERANCE * np.abs(low), rtol), rtol)
    htol = np.where(f["_money"].to_numpy() & foreign, np.maximum(FX_TOLERANCE * np.abs(high), htol), htol)
    prev_tol, prev_htol = np.roll(tol, 1), np.roll(htol, 1)
    new_claim = np.r_[True, claim[1:] != claim[:-1]]
    jump = (np.abs(low - np.roll(low, 1)) > np.maximum(tol, prev_tol)) | (
        np.abs(high - np.roll(high, 1)) > np.maximum(htol, prev_htol))
    f["_group"] = np.cumsum(new_claim | jump)
    f["_rtol"] = np.maximum(rtol, 0)
    f["support"] = f.groupby("_group")["story"].transform("nunique").to_numpy()
    return f


def _prefer(f: pd.DataFrame) -> pd.DataFrame:
    """Rank facts in each claim and mark the first as preferred."""
    plan = f["metric"].isin(PLAN_METRICS).to_numpy()
    # For plans, the value group of the latest document comes first: a later plan supersedes.
    dated = f["doc_date"].notna()
    latest = f.loc[dated].sort_values("doc_date").drop_duplicates("claim_id", keep="last")
    latest_group = f["claim_id"].map(latest.set_index("claim_id")["_group"])
    f["_current"] = np.where(plan & latest_group.notna().to_numpy(), f["_group"].to_numpy() == latest_group.to_numpy(), True)
    f["_unit_ok"] = f["unit_note"].isna().to_numpy()
    # NaT becomes the smallest integer: undated documents rank after dated ones
    f["_date"] = f["doc_date"].to_numpy().astype("datetime64[ns]").astype(np.int64)
    order = ["claim_id", "_current", "_unit_ok", "_trust", "_date", "support", "_has_also", "id"]
    f = f.sort_values(order, ascending=[True, False, False, False, False, False, False, True], kind="stable")
    f["_rank"] = f.groupby("claim_id", sort=False).cumcount().to_numpy()
    return f


def _classify(f: pd.DataFrame) -> pd.DataFrame:
    """Set ``relation`` and ``explanation`` of each fact against its claim's preferred fact."""
    pref = f[f["_rank"] == 0].set_index("claim_id")
    p = pref.reindex(f["claim_id"].to_numpy())
    same_group = f["_group"].to_numpy() == p["_group"].to_numpy()
    unit_bad = ~f["_unit_ok"].to_numpy()
    known = f["period_start"].notna().to_numpy() & p["period_start"].notna().to_numpy()
    # Same label counts as the same period (YTD2025 ends on each document's own day).
    other_period = known & (f["period"].to_numpy() != p["period"].to_numpy()) & (
        (f["period_start"].to_numpy() != p["period_start"].to_numpy())
        | (f["period_end"].to_numpy() != p["period_end"].to_numpy()))
    diff = np.abs(f["_low"].to_numpy() - p["_low"].to_numpy())
    beyond_rounding = diff > np.maximum(f["_rtol"].to_numpy(), p["_rtol"].to_numpy())
    fx = f["_money"].to_numpy() & f["_claim_foreign"].to_numpy() & beyond_rounding
    plan = f["metric"].isin(PLAN_METRICS).to_numpy()
    earlier = (f["doc_date"].notna().to_numpy() & p["doc_date"].notna().to_numpy()
               & (f["doc_date"].to_numpy() < p["doc_date"].to_numpy()))
    relation = np.select(
        [f["_rank"].to_numpy() == 0, unit_bad, other_period,
         same_group & fx, same_group, plan & earlier],
        ["preferred", "unit_error", "period_or_scope", "fx", "restated", "revised"],
        default="conflict",
    )
    f["relation"] = relation
    f["preferred_id"] = p["id"].to_numpy()
    f["explanation"] = _explanations(f, p)
    return f


def _fmt(value: float, unit: str) -> str:
    if not np.isfinite(value):
        return "?"
    if unit == "%":
        return f"{value:g} %"
    if unit in ("x", "count", "params"):
        return f"{value:g} {unit}"
    for scale, word in ((1e12, "tn"), (1e9, "bn"), (1e6, "m")):
        if abs(value) >= scale:
            return f"{unit} {value / scale:.4g} {word}"
    return f"{unit} {value:,.4g}"


def _money_text(value: float, unit: str, usd: float, money: bool) -> str:
    text = _fmt(value, unit)
    if money and unit != "USD" and np.isfinite(usd):
        text += f" (= {_fmt(usd, 'USD')} at ECB)"
    return text


def _explanations(f: pd.DataFrame, p: pd.DataFrame) -> list[str]:
    # Plain lists: iterating Arrow-backed columns element by element is several times slower.
    columns = [f["relation"], f["value"].astype(float), f["unit"], f["value_usd"], f["_money"], f["doc"],
               f["doc_date"], f["period"], f["unit_note"], f["story"], f["document_id"],
               p["value"].astype(float), p["unit"], p["value_usd"], p["doc"], p["doc_date"], p["period"],
               p["story"], p["document_id"], f["_trust"], f["support"], p["fx_rate"], p["fx_rate_date"], p["kind"]]
    cols = zip(*(c.to_numpy(dtype=object).tolist() for c in columns), strict=True)
    out = []
    for (rel, val, unit, usd, money, doc, date, period, note, story, docid,
         pval, punit, pusd, pdoc, pdate, pperiod, pstory, pdocid, trust, support, prate, prate_date, pkind) in cols:
        this = _money_text(val, unit, usd, money)
        other = _money_text(pval, punit, pusd, money)
        if rel == "preferred":
            bits = [_TRUST_LABEL.get(int(trust), "source")]
            if pd.notna(date):
                bits.append(f"dated {date.date()}")
            bits.append(f"{support} independent source{'s' if support != 1 else ''} for this value")
            text = "preferred: " + ", ".join(bits)
            if isinstance(note, str):
                text += f"; unit problem: {note}"
        elif rel == "unit_error":
            same = "the same value as" if this == other else "vs"
            text = f"{note}; {this}, {same} the preferred {other}"
        elif rel == "period_or_scope":
            text = f"{this} for {period} vs {other} for {pperiod}: a different period"
        elif rel == "fx":
            text = f"{this} vs {other}: the same amount at a different exchange rate ({abs(usd / pusd - 1) * 100:.1f} % apart in USD)"
            if unit == "USD" and punit not in ("USD", None) and val and np.isfinite(prate):
                text += (f"; {this} is {_fmt(pval, punit)} at {pval / val:.2f} {punit}/USD, the ECB rate was "
                         f"{prate:.2f} on {pd.Timestamp(prate_date).date()}")
        elif rel == "restated":
            if docid == pdocid:
                text = f"{this}: the same figure again in the same document"
            elif story == pstory:
                text = f"{this}: a copy of the same story as {pdoc}; counted as one source"
            else:
                text = f"{this}: the same figure as {other} (within rounding)"
        elif rel == "revised":
            text = f"{this} ({doc}, {date.date()}) was revised to {other} ({pdoc}, {pdate.date()})"
        elif pkind == "filing":
            text = f"{this} ({doc}) disagrees with the filed {other} ({pdoc})"
        else:
            text = f"{this} ({doc}) disagrees with {other} ({pdoc})"
        out.append(text)
    return out


def _claims_table(f: pd.DataFrame) -> pd.DataFrame:
    pref = f[f["_rank"] == 0].set_index("claim_id")
    g = f.groupby("claim_id", sort=False)
    sev = f["relation"].map(_SEVERITY).fillna(0)
    sev = sev.where(f["relation"] != "preferred", np.where(f["unit_note"].notna(), _SEVERITY["unit_error"], 0))
    worst = sev.groupby(f["claim_id"], sort=False).max()
    status_names = {v: k for k, v in _SEVERITY.items()}
    n_facts = g.size()
    # The claim's days are those of its period label (its most common known one).
    labelled = f[f["period"] == f["claim_period"]]
    span = labelled.groupby("claim_id", sort=False)[["period_start", "period_end"]].first()
    claims = pd.DataFrame({
        "claim_id": pref.index,
        "entity": pref["entity"].to_numpy(),
        "metric": pref["metric"].to_numpy(),
        "segment": pref["segment"].replace("", None).to_numpy(),
        "basis": pref["basis"].replace("", None).to_numpy(),
        "period": pref["claim_period"].to_numpy(),
        "period_start": span["period_start"].reindex(pref.index).to_numpy(),
        "period_end": span["period_end"].reindex(pref.index).to_numpy(),
        "value": pref["value"].to_numpy(),
        "high": pref["high"].to_numpy(),
        "unit": pref["unit"].to_numpy(),
        "value_usd": pref["value_usd"].to_numpy(),
        "high_usd": pref["high_usd"].to_numpy(),
        "annual_usd": (pref["annual_usd"] if "annual_usd" in pref else pref["value_usd"]).to_numpy(),
        "n_facts": n_facts.reindex(pref.index).to_numpy(),
        "n_documents": g["document_id"].nunique().reindex(pref.index).to_numpy(),
        "n_sources": g["story"].nunique().reindex(pref.index).to_numpy(),
        "status": worst.reindex(pref.index).map(status_names).to_numpy(),
        "preferred_id": pref["id"].to_numpy(),
        "preferred_doc": pref["doc"].to_numpy(),
        "kind": pref["kind"].to_numpy(),
        "reason": pref["explanation"].str.replace("preferred: ", "", regex=False).to_numpy(),
    })
    claims.loc[(claims["n_facts"] > 1) & (claims["status"] == "single"), "status"] = "restated"
    claims["explanation"] = _claim_explanations(f, claims)
    return claims


def _claim_explanations(f: pd.DataFrame, claims: pd.DataFrame) -> list[str]:
    notable = f[(f["relation"] != "preferred") & (f["relation"] != "restated") | f["unit_note"].notna()]
    by_claim: dict[str, list[str]] = {}
    for cid, rel, text, note in zip(notable["claim_id"], notable["relation"], notable["explanation"],
                                    notable["unit_note"], strict=True):
        item = f"{rel}: {text}" if rel != "preferred" else f"unit_error: {note}"
        items = by_claim.setdefault(cid, [])
        if item not in items and len(items) < 4:
            items.append(item)
    out = []
    for cid, n_docs, n_src, n in zip(claims["claim_id"], claims["n_documents"], claims["n_sources"],
                                     claims["n_facts"], strict=True):
        head = f"{n} fact{'s' if n != 1 else ''} in {n_docs} document{'s' if n_docs != 1 else ''}"
        if n_src != n_docs:
            head += f" ({n_src} independent source{'s' if n_src != 1 else ''}: copies count once)"
        out.append("; ".join([head, *by_claim.get(cid, [])]))
    return out


def _empty_claims() -> pd.DataFrame:
    return pd.DataFrame(columns=[
        "claim_id", "entity", "metric", "segment", "basis", "period", "period_start", "period_end", "value", "high",
        "unit", "value_usd", "high_usd", "annual_usd", "n_facts", "n_documents", "n_sources", "status",
        "preferred_id", "preferred_doc", "kind", "reason", "explanation"])


def differences(rec: Reconciliation, claim_id: str) -> list[dict[str, Any]]:
    """Return the facts of one claim with their relation and explanation, preferred first."""
    rows = rec.facts[rec.facts["claim_id"] == claim_id]
    return [dict(r) for r in rows.to_dict("records")]


def claim_documents(rec: Reconciliation) -> dict[str, set[Any]]:
    """Return each claim's set of document ids."""
    return {cid: set(g) for cid, g in rec.facts.groupby("claim_id")["document_id"]}

