"""The extract, ingest and facts commands, in process (CliRunner) and as ``python -m capexwatch``."""

from __future__ import annotations

import csv
import inspect
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner, Result

import capexwatch
from capexwatch.cli import cli
from capexwatch.ingest import iter_articles

REPO = Path(__file__).resolve().parents[1]
SCHEMA_KEYS = {"doc", "entity", "metric", "value", "unit", "period", "segment", "basis", "quote", "also"}
NEXT_YEAR = "ByteDance will spend 100 billion yuan on capital expenditure next year.\n"


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    """Invoke the CLI in process with stdout and stderr apart (click < 8.2 needs mix_stderr=False)."""
    if "mix_stderr" in inspect.signature(CliRunner.__init__).parameters:
        runner = CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    else:
        runner = CliRunner()
    return runner.invoke(cli, list(args), env=env, catch_exceptions=False)


def run_module(*args: str, env: dict[str, str] | None = None, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """Run ``python -m capexwatch`` in a real process."""
    full_env = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    return subprocess.run([sys.executable, "-m", "capexwatch", *args], capture_output=True, text=True,
                          env=full_env, cwd=cwd, timeout=300)


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def error_lines(stderr: str) -> list[str]:
    """The warning/error lines of stderr (without the progress bar)."""
    return [line[line.index("error: ") if "error: " in line else line.index("warning: "):]
            for line in stderr.splitlines() if "error: " in line or "warning: " in line]


@pytest.fixture
def bad_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder of two readable articles among every kind of bad input."""
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.txt").write_text(NEXT_YEAR, encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 16)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "latin1.txt").write_bytes(
        "Tencent will spend 10 billion yuan on capital expenditure in 2026, said señor Ma at a café.\n".encode("latin-1"))
    line = b"Alibaba plans to invest 380 billion yuan in AI over three years, the company said.\n"
    (folder / "huge.txt").write_bytes(line * (50 * 1024 * 1024 // len(line) + 1))
    (folder / "broken.html").write_text(
        "<html><body><div><p>Baidu capex was 5 billion yuan in 2025 <b>as it bought chips for its "
        "AI cloud<p>More about <i>data centres</div></span>", encoding="utf-8")
    (folder / "sub" / "corpus.jsonl").write_text(
        json.dumps({"id": "line-one", "text": "Alibaba will spend 100 billion yuan on capital expenditure in 2026."})
        + "\n{\"id\": \"line-two\", \"text\": \n", encoding="utf-8")
    yield folder
    (folder / "huge.txt").unlink()  # pytest keeps the temporary folders of the last runs


# -- extract ---------------------------------------------------------------------------
def test_extract_seeds_as_jsonl(shared: Path) -> None:
    result = run("extract", str(shared / "seeds"), "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    facts = jsonl(result.stdout)
    assert len(facts) >= 5
    assert all(set(f) >= SCHEMA_KEYS for f in facts)
    seeds = {p.name for p in (shared / "seeds").glob("*.txt")}
    assert {f["doc"] for f in facts} == seeds  # every seed yields facts; doc is the file name
    assert any(f["doc"] == "004_980b0b88e3cb0654.txt" and f["entity"] == "Alibaba" and f["metric"] == "capex_plan"
               and f["value"] == 380000000000 and f["unit"] == "CNY" for f in facts)
    assert error_lines(result.stderr) == []


def test_extract_quotes_are_verbatim_and_spans_locate_them(shared: Path) -> None:
    paths = [shared / "seeds", *sorted((shared / "dev" / "articles").glob("*.txt"))[:8]]
    texts = {a.id: a.text for a in iter_articles(paths)}
    result = run("extract", *map(str, paths), "--format", "jsonl")
    assert result.exit_code == 0
    facts = jsonl(result.stdout)
    assert len({f["doc"] for f in facts}) >= 10
    for fact in facts:
        text = texts[fact["doc"]]
        start, end = fact["span"]
        assert fact["quote"] in text
        assert text[start:end] == fact["quote"], fact


def test_extract_formats_agree(shared: Path) -> None:
    seeds = str(shared / "seeds")
    facts = jsonl(run("extract", seeds, "--format", "jsonl").stdout)
    as_json = json.loads(run("extract", seeds, "--format", "json").stdout)
    assert as_json == facts
    rows = list(csv.DictReader(io.StringIO(run("extract", seeds, "--format", "csv").stdout)))
    assert len(rows) == len(facts)
    assert list(rows[0]) == ["doc", "entity", "metric", "value", "high", "unit", "period", "segment", "basis"]
    assert [(r["doc"], r["entity"], r["metric"], r["unit"]) for r in rows] == [
        (f["doc"], f["entity"], f["metric"], f["unit"]) for f in facts]
    table = run("extract", seeds, "--format", "table").stdout.splitlines()
    assert table[0].split()[:4] == ["doc", "entity", "metric", "value"]
    assert len(table) == len(facts) + 1
    assert any("Alibaba" in line and "capex_plan" in line for line in table)


@pytest.mark.parametrize(("date", "period"), [("2024-06-01", "2025"), ("2025-06-01", "2026")])
def test_extract_date_sets_relative_periods(tmp_path: Path, date: str, period: str) -> None:
    path = tmp_path / "next-year.txt"
    path.write_text(NEXT_YEAR, encoding="utf-8")
    result = run("extract", str(path), "--date", date)
    assert result.exit_code == 0
    (fact,) = jsonl(result.stdout)
    assert (fact["entity"], fact["metric"], fact["value"], fact["unit"]) == ("ByteDance", "capex_plan", 100000000000, "CNY")
    assert fact["period"] == period
    assert fact["doc"] == "next-year.txt"


def test_extract_rejects_a_bad_date(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(NEXT_YEAR)
    result = run("extract", str(path), "--date", "22/12/2025")
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.stderr


def test_extract_a_jsonl_corpus_uses_ids_and_dates(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in [
        {"id": "d-2024", "text": NEXT_YEAR, "date": "2024-03-01", "url": "https://example.com/a", "title": "A"},
        {"id": "d-2025", "text": "Also: " + NEXT_YEAR, "published": "2025-03-01"},
        {"id": "page", "html": "<html><body><article><p>" + NEXT_YEAR + " The company said so in a statement on "
                               "Monday.</p></article></body></html>", "date": "2023-01-10"},
    ]) + "\n", encoding="utf-8")
    result = run("extract", str(path), "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    facts = {f["doc"]: f for f in jsonl(result.stdout)}
    assert {doc: f["period"] for doc, f in facts.items()} == {"d-2024": "2025", "d-2025": "2026", "page": "2024"}


def test_extract_markdown_and_html_files(tmp_path: Path) -> None:
    (tmp_path / "note.md").write_text("# Notes\n\n" + NEXT_YEAR, encoding="utf-8")
    (tmp_path / "page.html").write_text(
        "<!DOCTYPE html><html><head><title>Capex</title></head><body><article><p>"
        "Alibaba will spend 100 billion yuan on capital expenditure in 2026, the company said on Monday in a "
        "statement about its cloud.</p></article></body></html>", encoding="utf-8")
    result = run("extract", str(tmp_path), "--date", "2025-06-01")
    assert result.exit_code == 0, result.stderr
    facts = jsonl(result.stdout)
    assert {(f["doc"], f["entity"], f["period"]) for f in facts} == {("note.md", "ByteDance", "2026"),
                                                                   ("page.html", "Alibaba", "2026")}


def test_extract_reports_bad_input_and_reads_the_rest(bad_folder: Path) -> None:
    missing = bad_folder / "missing.txt"
    result = run("extract", str(bad_folder), str(missing), "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    docs = {f["doc"] for f in jsonl(result.stdout)}
    assert {"good.txt", "latin1.txt", "broken.html", "line-one"} <= docs
    lines = error_lines(result.stderr)
    expected = {
        f"error: {bad_folder / 'binary.txt'}: binary file",
        f"error: {bad_folder / 'empty.txt'}: empty file",
        f"warning: {bad_folder / 'latin1.txt'}: invalid UTF-8",
        f"error: {bad_folder / 'huge.txt'}: too large",
        f"error: {bad_folder / 'sub' / 'corpus.jsonl'}:2: not valid JSON",
        f"error: {missing}: no such file or folder",
    }
    assert len(lines) == len(expected), result.stderr
    for start in expected:
        assert any(line.startswith(start) for line in lines), (start, lines)


def test_extract_fails_only_when_nothing_could_be_read(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bad.jsonl").write_text("not json\n")
    result = run("extract", str(tmp_path))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"{tmp_path / 'empty.txt'}: empty file" in result.stderr
    assert f"{tmp_path / 'bad.jsonl'}:1: not valid JSON" in result.stderr
    assert "no document could be read" in result.stderr


def test_an_article_without_figures_is_read_not_an_error(tmp_path: Path) -> None:
    (tmp_path / "plain.txt").write_text("The weather in Hangzhou was mild today.\n")
    result = run("extract", str(tmp_path / "plain.txt"), "--format", "jsonl")
    assert result.exit_code == 0
    assert result.stdout == ""


# -- ingest and facts ------------------------------------------------------------------
def test_ingest_creates_a_duckdb_file_and_skips_what_it_has(shared: Path, tmp_db: Path) -> None:
    result = run("ingest", str(shared / "seeds"), "--db", str(tmp_db))
    assert result.exit_code == 0, result.stderr
    assert "5 documents read, 5 added, 0 already stored" in result.stderr
    assert result.stdout == ""
    with duckdb.connect(str(tmp_db), read_only=True) as conn:
        docs, facts = conn.execute("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM facts)").fetchone()
    assert docs == 5 and facts > 5
    assert f"{facts} facts stored in {tmp_db}" in result.stderr

    again = run("ingest", str(shared / "seeds"), "--db", str(tmp_db))
    assert again.exit_code == 0
    assert "5 documents read, 0 added, 5 already stored; 0 facts" in again.stderr
    with duckdb.connect(str(tmp_db), read_only=True) as conn:
        assert conn.execute("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM facts)").fetchone() == (5, facts)


def test_ingest_reports_bad_input_and_stores_the_rest(bad_folder: Path, tmp_db: Path) -> None:
    result = run("ingest", str(bad_folder), "--db", str(tmp_db))
    assert result.exit_code == 0, result.stderr
    assert len(error_lines(result.stderr)) == 5
    assert f"{bad_folder / 'sub' / 'corpus.jsonl'}:2: not valid JSON" in result.stderr
    assert "4 documents read, 4 added" in result.stderr
    with duckdb.connect(str(tmp_db), read_only=True) as conn:
        docs = sorted(r[0] for r in conn.execute("SELECT doc FROM documents").fetchall())
    assert docs == ["broken.html", "good.txt", "latin1.txt", "line-one"]


def test_ingest_fails_only_when_nothing_could_be_read(tmp_path: Path, tmp_db: Path) -> None:
    (tmp_path / "empty.md").write_text("")
    result = run("ingest", str(tmp_path / "empty.md"), str(tmp_path / "nope.txt"), "--db", str(tmp_db))
    assert result.exit_code == 1
    assert "empty.md: empty file" in result.stderr and "nope.txt: no such file or folder" in result.stderr
    assert "no document could be read" in result.stderr


def test_ingest_and_facts_honour_capexwatch_db(shared: Path, tmp_path: Path) -> None:
    db = tmp_path / "from-env.duckdb"
    env = {"CAPEXWATCH_DB": str(db)}
    result = run("ingest", str(shared / "seeds" / "004_980b0b88e3cb0654.txt"), env=env)
    assert result.exit_code == 0, result.stderr
    assert db.is_file() and str(db) in result.stderr
    listed = run("facts", "--entity", "Alibaba", "--format", "jsonl", env=env)
    assert listed.exit_code == 0
    assert {f["doc"] for f in jsonl(listed.stdout)} == {"004_980b0b88e3cb0654.txt"}
    # --db wins over the environment.
    other = tmp_path / "other.duckdb"
    assert run("ingest", str(shared / "seeds"), "--db", str(other), env=env).exit_code == 0
    with duckdb.connect(str(db), read_only=True) as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone() == (1,)


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    shared = Path(__file__).resolve().parents[2] / "shared"
    if not (shared / "seeds").is_dir():
        pytest.skip("shared data not found")
    db = tmp_path_factory.mktemp("cli") / "seeds.duckdb"
    assert run("ingest", str(shared / "seeds"), "--db", str(db)).exit_code == 0
    return db


def test_facts_filters_and_formats(seeded_db: Path) -> None:
    db = ["--db", str(seeded_db)]
    everything = jsonl(run("facts", *db, "--format", "jsonl").stdout)
    plans = jsonl(run("facts", *db, "--entity", "alibaba", "--metric", "capex_plan", "--format", "jsonl").stdout)
    assert 0 < len(plans) < len(everything)
    assert all(set(f) >= SCHEMA_KEYS for f in plans)
    assert {(f["entity"], f["metric"]) for f in plans} == {("Alibaba", "capex_plan")}
    assert any(f["value"] == 380000000000 and f["unit"] == "CNY" and f["also"] == [{"value": 52400000000, "unit": "USD"}]
               for f in plans)
    period = jsonl(run("facts", *db, "--period", "2025..2027", "--format", "jsonl").stdout)
    assert period and {f["period"] for f in period} == {"2025..2027"}

    rows = list(csv.DictReader(io.StringIO(run("facts", *db, "--entity", "Alibaba", "--format", "csv").stdout)))
    assert len(rows) == len([f for f in everything if f["entity"] == "Alibaba"])
    assert {"entity", "metric", "value", "quote", "doc"} <= set(rows[0])
    as_json = json.loads(run("facts", *db, "--metric", "capex_plan", "--format", "json").stdout)
    assert len(as_json) == len([f for f in everything if f["metric"] == "capex_plan"])
    table = run("facts", *db, "--entity", "Alibaba", "--metric", "capex_plan").stdout.splitlines()
    assert table[0].split() == ["doc", "entity", "metric", "value", "high", "unit", "period", "segment", "basis"]
    assert len(table) == len(plans) + 1


def test_facts_quotes_match_the_stored_text(seeded_db: Path) -> None:
    facts = jsonl(run("facts", "--db", str(seeded_db), "--format", "jsonl").stdout)
    with duckdb.connect(str(seeded_db), read_only=True) as conn:
        texts = dict(conn.execute("SELECT doc, text FROM documents").fetchall())
    for fact in facts:
        start, end = fact["span"]
        assert texts[fact["doc"]][start:end] == fact["quote"]


def test_facts_sql_looking_values_find_nothing(seeded_db: Path) -> None:
    result = run("facts", "--db", str(seeded_db), "--entity", "x' OR 1=1 --")
    assert result.exit_code == 0
    assert result.stdout.strip() == "(nothing found)"
    dropped = run("facts", "--db", str(seeded_db), "--metric", "'; DROP TABLE facts; --", "--format", "jsonl")
    assert dropped.exit_code == 0 and dropped.stdout == ""
    assert jsonl(run("facts", "--db", str(seeded_db), "--format", "jsonl").stdout)


def test_facts_without_a_database_says_what_to_do(tmp_path: Path) -> None:
    result = run("facts", "--db", str(tmp_path / "none.duckdb"))
    assert result.exit_code == 1
    assert "no such database; run `capexwatch ingest` first" in result.stderr
    assert not (tmp_path / "none.duckdb").exists()


def test_help_and_version() -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert all(name in result.stdout for name in ("extract", "ingest", "facts"))
    version = run("--version")
    assert version.exit_code == 0
    assert capexwatch.__version__ in version.stdout and f"(reader: {capexwatch.reader_build()})" in version.stdout


QINGYUN = "Qingyun Labs said it would invest 5 billion yuan in computing power this year.\n"


def test_entities_option_adds_a_users_companies(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(QINGYUN, encoding="utf-8")
    mine = tmp_path / "mine.json"
    mine.write_text(json.dumps({"entities": [{"name": "Qingyun Labs", "region": "china", "aliases": ["Qingyun Labs"]}]}))
    clean = {"CAPEXWATCH_ENTITIES": ""}  # restored after each call
    without = run("extract", str(tmp_path / "a.txt"), "--date", "2026-03-01", env=clean)
    assert without.exit_code == 0 and jsonl(without.stdout) == []  # nobody the registry knows
    found = jsonl(run("--entities", str(mine), "extract", str(tmp_path / "a.txt"), "--date", "2026-03-01", env=clean).stdout)
    assert [(f["entity"], f["metric"], f["value"], f["period"]) for f in found] == [("Qingyun Labs", "capex_plan", 5e9, "2026")]
    # the environment variable does the same for every command, in a real process
    proc = run_module("extract", str(tmp_path / "a.txt"), "--date", "2026-03-01", env={"CAPEXWATCH_ENTITIES": str(mine)})
    assert proc.returncode == 0, proc.stderr
    assert jsonl(proc.stdout) == found


@pytest.mark.parametrize("content,problem", [
    ("{not json", "not valid JSON"), ('{"companies": []}', 'a list under "entities"'),
    ('{"entities": [{"aliases": ["X"]}]}', 'entity 1 has no "name"'), (None, "cannot read the entity file"),
])
def test_a_bad_entities_file_is_a_clear_error(tmp_path: Path, content: str | None, problem: str) -> None:
    (tmp_path / "a.txt").write_text(QINGYUN, encoding="utf-8")
    mine = tmp_path / "mine.json"
    if content is not None:
        mine.write_text(content, encoding="utf-8")
    result = run("--entities", str(mine), "extract", str(tmp_path / "a.txt"), env={"CAPEXWATCH_ENTITIES": ""})
    assert result.exit_code == 1
    assert f"{mine}: " in result.stderr and problem in result.stderr
    assert result.stdout == ""


# -- python -m capexwatch --------------------------------------------------------------
def test_python_m_capexwatch_matches_the_in_process_cli(bad_folder: Path) -> None:
    proc = run_module("extract", str(bad_folder), "--format", "jsonl", "--date", "2025-06-01")
    inproc = run("extract", str(bad_folder), "--format", "jsonl", "--date", "2025-06-01")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == inproc.stdout
    assert jsonl(proc.stdout)
    assert error_lines(proc.stderr) == error_lines(inproc.stderr)
    assert f"{bad_folder / 'sub' / 'corpus.jsonl'}:2: not valid JSON" in proc.stderr


def test_python_m_capexwatch_ingest_facts_and_failure(shared: Path, tmp_path: Path) -> None:
    db = tmp_path / "m.duckdb"
    ingested = run_module("ingest", str(shared / "seeds"), env={"CAPEXWATCH_DB": str(db)}, cwd=tmp_path)
    assert ingested.returncode == 0, ingested.stderr
    assert "5 documents read, 5 added" in ingested.stderr
    listed = run_module("facts", "--db", str(db), "--entity", "Alibaba", "--format", "jsonl", cwd=tmp_path)
    assert listed.returncode == 0
    assert listed.stdout == run("facts", "--db", str(db), "--entity", "Alibaba", "--format", "jsonl").stdout
    (tmp_path / "empty.txt").write_text("")
    failed = run_module("extract", str(tmp_path / "empty.txt"), cwd=tmp_path)
    assert failed.returncode == 1
    assert f"{tmp_path / 'empty.txt'}: empty file" in failed.stderr
    assert "Traceback" not in failed.stderr


def test_the_capexwatch_script_works_like_python_m(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "capexwatch"
    if not script.exists():
        pytest.skip("the capexwatch script is not installed (pip install -e .)")
    path = tmp_path / "next-year.txt"
    path.write_text(NEXT_YEAR, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("")
    args = ["extract", str(tmp_path), "--date", "2025-06-01", "--format", "jsonl"]
    by_script = subprocess.run([str(script), *args], capture_output=True, text=True, timeout=300)
    by_module = run_module(*args)
    assert by_script.returncode == by_module.returncode == 0
    assert by_script.stdout == by_module.stdout and jsonl(by_script.stdout)[0]["period"] == "2026"
    assert error_lines(by_script.stderr) == error_lines(by_module.stderr) == [
        f"error: {tmp_path / 'empty.txt'}: empty file"]
    usage = [subprocess.run([*cmd, "--help"], capture_output=True, text=True, timeout=300).stdout.splitlines()[0]
             for cmd in ([str(script)], [sys.executable, "-m", "capexwatch"])]
    assert usage[0] == usage[1] == "Usage: capexwatch [OPTIONS] COMMAND [ARGS]..."


def test_a_database_in_a_missing_folder_is_a_clear_error(shared: Path, tmp_path: Path) -> None:
    db = tmp_path / "no" / "such" / "folder" / "x.duckdb"
    result = run("ingest", str(shared / "seeds"), "--db", str(db))
    assert result.exit_code == 1
    assert f"{db}: cannot open the database" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_database_locked_by_another_process_is_a_clear_error(shared: Path, tmp_db: Path) -> None:
    assert run("ingest", str(shared / "seeds"), "--db", str(tmp_db)).exit_code == 0
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys; c = duckdb.connect(sys.argv[1]); print('ready', flush=True); "
                               "sys.stdin.read()", str(tmp_db)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        for args in (["facts"], ["ingest", str(shared / "seeds")]):
            proc = run_module(*args, "--db", str(tmp_db))
            assert proc.returncode == 1
            assert f"{tmp_db}: cannot open the database" in proc.stderr and "lock" in proc.stderr
            assert "Traceback" not in proc.stderr
    finally:
        holder.communicate("", timeout=60)
    # Once the other process is gone the file opens, intact.
    assert len(jsonl(run("facts", "--db", str(tmp_db), "--format", "jsonl").stdout)) > 0


def test_facts_jsonl_lists_news_and_filings_together(shared: Path, tmp_db: Path) -> None:
    """Facts with a provenance (filings) beside facts without one (news) print as schema lines."""
    from decimal import Decimal

    from capexwatch.models import Article, Fact
    from capexwatch.store import Store

    text = "Alphabet capital expenditures were $22,446 million in the quarter."
    filing = Fact(doc="goog-10q", entity="Alphabet", metric="capex", value=Decimal("22446000000"), unit="USD",
                  period="2025Q2", quote=text, start=0, end=len(text), step="filings.v1",
                  extra={"provenance": {"form": "10-Q", "concept": "PaymentsToAcquirePropertyPlantAndEquipment"}})
    with Store(tmp_db) as db:
        db.ingest([shared / "seeds"])
        db.add([(Article(id="goog-10q", text=text), [filing])], kind="filing")
    result = run("facts", "--db", str(tmp_db), "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    facts = jsonl(result.stdout)
    assert len(facts) > 1 and all(set(f) >= SCHEMA_KEYS for f in facts)
    assert [f for f in facts if f["doc"] == "goog-10q"][0]["value"] == 22446000000
