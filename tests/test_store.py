"""Store: migrations, transactional batches, deduplication by content hash, crashes, filters, bound SQL."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

import capexwatch.store as store_module
from capexwatch.errors import StoreError
from capexwatch.extract import extract_article
from capexwatch.migrations import MIGRATIONS, apply_migrations
from capexwatch.models import Alt, Article, Fact
from capexwatch.store import Store, default_db_path

REPO = Path(__file__).resolve().parents[1]


def corpus(shared: Path) -> list[Path]:
    """Seeds and the first dev articles: real text, in a fixed reading order."""
    dev = sorted((shared / "dev" / "articles").glob("d0*.txt"))[:5]
    return [shared / "seeds", *dev]


def facts_per_document(db: Store) -> dict[str, int]:
    """Number of stored facts per document hash."""
    return dict(db.conn.execute(
        "SELECT d.hash, count(f.id) FROM documents d LEFT JOIN facts f ON f.document_id = d.id GROUP BY d.hash"
    ).fetchall())


def orphan_facts(db: Store) -> int:
    return db.conn.execute(
        "SELECT count(*) FROM facts f WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = f.document_id)"
    ).fetchone()[0]


def test_a_new_file_gets_the_schema_and_records_its_migrations(tmp_db: Path) -> None:
    with Store(tmp_db) as db:
        tables = {r[0] for r in db.conn.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        applied = [r[0] for r in db.conn.execute("SELECT name FROM _migrations ORDER BY name").fetchall()]
    assert tmp_db.is_file()
    assert {"documents", "facts", "_migrations"} <= tables
    assert applied == sorted(name for name, _ in MIGRATIONS)
    # Opening again applies nothing twice.
    with Store(tmp_db) as db:
        assert apply_migrations(db.conn) == []


def test_migration_names_are_unique_and_ordered() -> None:
    names = [name for name, _ in MIGRATIONS]
    assert len(names) == len(set(names))
    assert all(name[:1] == "m" and name[1:4].isdigit() for name in names), names
    assert [name[:4] for name in names] == sorted(name[:4] for name in names)


def test_add_stores_a_document_and_its_facts(store: Store, article: Article) -> None:
    facts = extract_article(article)
    assert facts, "the fixture article should yield facts"
    assert store.add([(article, facts)]) == (1, len(facts))

    docs = store.documents()
    assert docs["doc"].tolist() == ["bytedance.txt"]
    assert docs["hash"].tolist() == [article.hash]
    assert docs["facts"].tolist() == [len(facts)]
    stored = store.document(int(docs["id"][0]))
    assert stored is not None
    assert stored["text"] == article.text and stored["kind"] == "news"
    assert str(stored["date"]) == "2025-12-22"

    back = list(store.iter_fact_objects())
    assert back == sorted(facts, key=lambda f: f.start)
    for fact in back:
        assert article.text[fact.start:fact.end] == fact.quote
        assert fact.extra["id"] is not None


def test_values_keep_their_figures_and_alternatives(store: Store, article: Article) -> None:
    store.add([(article, extract_article(article))])
    plan = store.facts(metric="capex_plan")
    assert len(plan) >= 1
    row = plan.iloc[0]
    assert Decimal(str(row["value"])) == Decimal("160000000000")
    assert row["unit"] == "CNY"
    fact = next(store.iter_fact_objects(metric="capex_plan"))
    assert [(a.value, a.unit) for a in fact.also] == [(Decimal("22700000000"), "USD")]


def test_the_same_document_twice_is_stored_once(store: Store, article: Article) -> None:
    facts = extract_article(article)
    store.add([(article, facts)])
    # Same text under another name: same content hash, nothing changes.
    again = article.with_(id="copy.txt", title="Another title")
    assert again.hash == article.hash
    assert store.add([(again, facts)]) == (0, 0)
    assert len(store.documents()) == 1
    assert len(store.facts()) == len(facts)


def test_ingesting_the_same_files_again_changes_nothing(shared: Path, tmp_db: Path) -> None:
    seeds = shared / "seeds"
    with Store(tmp_db) as db:
        first = db.ingest([seeds])
        counts = (len(db.documents()), len(db.facts()))
    assert first.read == first.added == 5 and first.skipped == 0
    assert counts == (5, first.facts) and first.facts > 0
    with Store(tmp_db) as db:
        second = db.ingest([seeds])
        assert (len(db.documents()), len(db.facts())) == counts
    assert (second.read, second.added, second.skipped, second.facts) == (5, 0, 5, 0)


def test_a_duplicate_inside_one_batch_is_skipped(tmp_path: Path, store: Store, article: Article) -> None:
    (tmp_path / "a.txt").write_text(article.text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(article.text, encoding="utf-8")
    result = store.ingest([tmp_path])
    assert (result.read, result.added, result.skipped) == (2, 1, 1)
    assert store.documents()["doc"].tolist() == ["a.txt"]


def test_a_failed_batch_writes_nothing(store: Store, article: Article) -> None:
    good = extract_article(article)
    other = Article(id="other.txt", text="Alibaba will spend 100 billion yuan on capital expenditure next year.")
    # A value DECIMAL(38, 6) cannot hold makes the second document's insert fail.
    bad = [Fact(doc="other.txt", entity="Alibaba", metric="capex", value=Decimal("1e40"), unit="CNY",
                quote=other.text, start=0, end=len(other.text))]
    with pytest.raises(duckdb.Error):
        store.add([(article, good), (other, bad)])
    assert len(store.documents()) == 0
    assert len(store.facts()) == 0
    # The connection is usable afterwards and the batch can be written again.
    assert store.add([(article, good)]) == (1, len(good))


def test_a_crash_during_ingest_leaves_only_whole_documents(shared: Path, tmp_db: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    paths = corpus(shared)
    with Store(memory=True) as clean:
        expected = clean.ingest(paths)
        clean_counts = facts_per_document(clean)
    assert expected.added == 10 and expected.problems == []

    calls = 0

    def crash_on_fifth(article: Article) -> list[Fact]:
        nonlocal calls
        calls += 1
        if calls == 5:
            raise RuntimeError(f"extraction crashed on {article.id}")
        return extract_article(article)

    monkeypatch.setattr(store_module, "extract_article", crash_on_fifth)
    with Store(tmp_db, batch_size=2) as db, pytest.raises(RuntimeError, match="crashed"):
        db.ingest(paths)
    monkeypatch.undo()

    with Store(tmp_db) as db:
        stored = facts_per_document(db)
        # Two whole batches of two were committed; the batch holding the fifth was not.
        assert len(stored) == 4
        assert all(stored[h] == clean_counts[h] for h in stored)
        assert orphan_facts(db) == 0
        rest = db.ingest(paths)
        assert (rest.read, rest.added, rest.skipped) == (10, 6, 4)
        assert facts_per_document(db) == clean_counts
        assert len(db.facts()) == expected.facts


def test_a_killed_process_leaves_only_whole_documents(shared: Path, tmp_db: Path) -> None:
    """SIGKILL in the middle of an ingest: the file opens again, holding whole batches only."""
    paths = corpus(shared)
    with Store(memory=True) as clean:
        clean.ingest(paths)
        clean_counts = facts_per_document(clean)
    script = textwrap.dedent(
        """
        import os, signal, sys
        import capexwatch.store as s
        real, seen = s.extract_article, []
        def extract(article):
            seen.append(article.id)
            if len(seen) == 6:
                os.kill(os.getpid(), signal.SIGKILL)
            return real(article)
        s.extract_article = extract
        s.Store(sys.argv[1], batch_size=2).ingest(sys.argv[2:])
        """
    )
    proc = subprocess.run([sys.executable, "-c", script, str(tmp_db), *map(str, paths)],
                          cwd=REPO, capture_output=True, text=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    with Store(tmp_db) as db:
        stored = facts_per_document(db)
        assert len(stored) == 4
        assert all(stored[h] == clean_counts[h] for h in stored)
        assert orphan_facts(db) == 0
        db.ingest(paths)
        assert facts_per_document(db) == clean_counts


def test_facts_filters(shared: Path, store: Store) -> None:
    store.ingest([shared / "seeds"])
    everything = store.facts()
    alibaba = store.facts(entity="alibaba")  # case does not matter
    assert len(alibaba) > 0 and set(alibaba["entity"]) == {"Alibaba"}
    assert len(alibaba) == (everything["entity"] == "Alibaba").sum()
    plans = store.facts(entity="Alibaba", metric="capex_plan")
    assert set(plans["metric"]) == {"capex_plan"}
    assert any(Decimal(str(v)) == Decimal("380000000000") and u == "CNY"
               for v, u in zip(plans["value"], plans["unit"], strict=True))
    periods = store.facts(period="2025..2027")
    assert len(periods) > 0 and set(periods["period"]) == {"2025..2027"}
    one_doc = store.facts(doc="004_980b0b88e3cb0654.txt")
    assert set(one_doc["doc"]) == {"004_980b0b88e3cb0654.txt"}
    assert len(store.facts(entity=None)) == len(everything)  # None means no filter
    assert set(store.facts(kind="news")["id"]) == set(everything["id"])
    assert len(store.facts(kind="filing")) == 0
    with pytest.raises(TypeError, match="unknown filter"):
        store.facts(company="Alibaba")


@pytest.mark.parametrize(
    "filters",
    [
        {"entity": "x' OR 1=1 --"},
        {"metric": "capex' OR '1'='1"},
        {"doc": "'; DROP TABLE facts; --"},
        {"period": "2025\"; DELETE FROM documents; --"},
    ],
    ids=["or-1=1", "quoted-or", "drop-table", "delete"],
)
def test_sql_looking_values_are_bound_not_interpolated(store: Store, article: Article,
                                                       filters: dict[str, str]) -> None:
    store.add([(article, extract_article(article))])
    before = (len(store.documents()), len(store.facts()))
    assert before[1] > 0
    assert len(store.facts(**filters)) == 0
    assert (len(store.documents()), len(store.facts())) == before


def test_hostile_text_is_stored_verbatim(store: Store) -> None:
    text = "Robert'); DROP TABLE documents; -- said Alibaba will spend 100 billion yuan on capex next year."
    store.add([(Article(id="o'brien.txt", text=text), [])])
    docs = store.documents()
    assert docs["doc"].tolist() == ["o'brien.txt"]
    assert store.document(int(docs["id"][0]))["text"] == text


def test_query_binds_parameters(store: Store, article: Article) -> None:
    store.add([(article, extract_article(article))])
    frame = store.query("SELECT count(*) AS n FROM facts WHERE entity = ?", ["ByteDance"])
    assert int(frame["n"][0]) == len(store.facts(entity="ByteDance")) > 0
    assert int(store.query("SELECT count(*) AS n FROM facts WHERE entity = ?", ["x' OR 1=1 --"])["n"][0]) == 0


def test_read_only_needs_an_existing_file(tmp_db: Path) -> None:
    with pytest.raises(StoreError, match="no such database"):
        Store(tmp_db, read_only=True)
    assert not tmp_db.exists()


def test_read_only_store_reads_but_cannot_write(tmp_db: Path, article: Article) -> None:
    with Store(tmp_db) as db:
        db.add([(article, extract_article(article))])
    with Store(tmp_db, read_only=True) as db:
        assert len(db.documents()) == 1
        with pytest.raises(duckdb.Error):
            db.add([(article.with_(text="Other text.", hash=""), [])])
        assert len(db.documents()) == 1


def test_a_file_that_is_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.duckdb"
    path.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(StoreError, match="notes.duckdb"):
        Store(path)


def test_default_db_path_honours_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_db: Path) -> None:
    monkeypatch.delenv("CAPEXWATCH_DB", raising=False)
    assert default_db_path() == "capexwatch.duckdb"
    monkeypatch.setenv("CAPEXWATCH_DB", str(tmp_db))
    assert default_db_path() == str(tmp_db)
    with Store() as db:
        assert db.path == str(tmp_db)
    assert tmp_db.is_file()
    assert os.path.getsize(tmp_db) > 0


def test_every_fact_field_survives_the_round_trip(store: Store) -> None:
    text = ("Microsoft expects capital expenditure of $64 billion to $72 billion in fiscal 2026. "
            "Azure revenue rose 39% year on year, to 75 billion yuan (HK$81.3 billion).")
    article = Article(id="ms.txt", text=text)
    second = text.index("Azure")
    facts = [
        Fact(doc="ms.txt", entity="Microsoft", metric="capex_plan", value=Decimal("64000000000"), unit="USD",
             period="FY2026", quote=text[:second - 1], start=0, end=second - 1, high=Decimal("72000000000"),
             figure="$64 billion to $72 billion", step="test.v1"),
        Fact(doc="ms.txt", entity="Microsoft", metric="revenue_change", value=Decimal("39"), unit="%",
             period="FY2026", segment="cloud", basis="yoy", quote=text[second:], start=second, end=len(text),
             figure="39%", step="test.v1"),
        Fact(doc="ms.txt", entity="Microsoft", metric="revenue", value=Decimal("75000000000.5"), unit="CNY",
             period="FY2026", segment="cloud", quote=text[second:], start=second, end=len(text),
             also=(Alt(Decimal("81300000000"), "HKD"),), figure="75 billion yuan (HK$81.3 billion)",
             step="test.v1", extra={"provenance": {"form": "10-K", "accession": "0000950170-25-100235"}}),
    ]
    store.add([(article, facts)], kind="filing")
    back = list(store.iter_fact_objects())
    assert back == facts
    assert back[0].high == Decimal("72000000000") and back[1].high is None
    assert (back[1].segment, back[1].basis) == ("cloud", "yoy") and back[0].segment is None
    assert back[2].extra["provenance"] == {"form": "10-K", "accession": "0000950170-25-100235"}
    assert [f.to_dict() for f in back] == [f.to_dict() for f in facts]
    assert set(store.facts(kind="filing")["id"]) == {f.extra["id"] for f in back}


def test_levels_stored_with_a_basis_by_earlier_readers_lose_it(tmp_db: Path) -> None:
    import capexwatch.migrations as migrations

    with duckdb.connect(str(tmp_db)) as conn:  # a database as the first release left it
        conn.execute("CREATE TABLE _migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP DEFAULT current_timestamp)")
        migrations.m001_documents_and_facts(conn)
        conn.execute("INSERT INTO _migrations (name) VALUES ('m001_documents_and_facts')")
        conn.execute("INSERT INTO documents (doc, hash, text) VALUES ('a.txt', 'h', 'Revenue of $57bn, +62% Y/Y.')")
        for metric, basis in (("revenue", "yoy"), ("revenue_change", "yoy"), ("stock_change", "day")):
            conn.execute("INSERT INTO facts (document_id, doc, entity, metric, value, unit, period, basis, quote)"
                         " VALUES (1, 'a.txt', 'Nvidia', ?, 1, 'USD', '2025Q3', ?, 'q')", [metric, basis])
    with Store(tmp_db) as db:
        rows = dict(db.conn.execute("SELECT metric, basis FROM facts").fetchall())
    assert rows == {"revenue": None, "revenue_change": "yoy", "stock_change": "day"}


def test_a_level_told_with_its_growth_counts_among_the_spenders(store: Store) -> None:
    from capexwatch.queries import largest_spenders

    text = "Microsoft's capital expenditure was $34.9 billion in the September quarter, up 74% from a year earlier."
    article = Article(id="msft.txt", text=text, date=dt.date(2025, 10, 30))
    store.add([(article, extract_article(article))])
    spenders = {r["entity"]: r["value"] for r in largest_spenders(store.conn)}
    assert spenders == {"Microsoft": Decimal("34900000000")}


def test_a_failing_migration_is_rolled_back_and_not_recorded(tmp_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import capexwatch.migrations as migrations

    with Store(tmp_db):
        pass  # the current schema

    def m900_half_done(conn: object) -> None:
        conn.execute("CREATE TABLE notes (id INTEGER)")
        conn.execute("INSERT INTO notes VALUES (1)")
        raise RuntimeError("migration bug")

    def m901_fine(conn: object) -> None:
        conn.execute("CREATE TABLE tags (name VARCHAR)")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, ("m900_half_done", m900_half_done)])
    with pytest.raises(RuntimeError, match="migration bug"):
        Store(tmp_db)
    with duckdb.connect(str(tmp_db)) as conn:
        tables = {r[0] for r in conn.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        assert "notes" not in tables
        assert conn.execute("SELECT count(*) FROM _migrations WHERE name = 'm900_half_done'").fetchone() == (0,)

    # An older database gets the newer migrations on open.
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS[:-1], ("m901_fine", m901_fine)])
    with Store(tmp_db) as db:
        assert db.conn.execute("SELECT count(*) FROM tags").fetchone() == (0,)
        assert db.conn.execute("SELECT count(*) FROM _migrations WHERE name = 'm901_fine'").fetchone() == (1,)
