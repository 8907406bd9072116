"""capexwatch run: the same facts from every engine, resumable after a kill, bad lines reported."""

from __future__ import annotations

import gzip
import importlib.util
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from capexwatch.cli import cli
from capexwatch.errors import ConfigError, InputError
from capexwatch.runner import find_shards, load_run, plan_units, run_corpus
from capexwatch.store import Store

ROOT = Path(__file__).parents[1]
ARTICLES = 60
CHUNK = 8


def _corpus_module():
    spec = importlib.util.spec_from_file_location("corpus", ROOT / "benchmarks" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """60 synthetic articles: 20 in .jsonl, 20 in .jsonl.gz, 20 in Parquet (row groups of 5)."""
    folder = tmp_path_factory.mktemp("corpus")
    articles = list(_corpus_module().generate_articles(ARTICLES, seed=7))
    with open(folder / "a.jsonl", "w", encoding="utf-8") as handle:
        handle.writelines(json.dumps(a) + "\n" for a in articles[:20])
    with gzip.open(folder / "b.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.writelines(json.dumps(a) + "\n" for a in articles[20:40])
    pq.write_table(pa.Table.from_pylist(articles[40:]), folder / "c.parquet", row_group_size=5)
    return folder


@pytest.fixture(scope="module")
def dask_scheduler():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  dashboard_address=None, silence_logs=40) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def outputs(corpus, dask_scheduler, tmp_path_factory) -> dict[str, Path]:
    """The corpus run once with each engine."""
    out = {}
    for name, engine, options in [("local", "local", {}), ("processes", "processes", {"workers": 2}),
                                  ("dask", "dask", {"scheduler": dask_scheduler}),
                                  ("dask-local", "dask", {"workers": 2})]:  # a LocalCluster started by the run
        out[name] = tmp_path_factory.mktemp(name)
        run_corpus([corpus], out[name], engine=engine, chunk_size=CHUNK, **options)
    return out


def _sql(query: str) -> list[tuple]:
    with duckdb.connect() as conn:
        return conn.execute(query).fetchall()


def _parts(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.glob("*/part-*.parquet"))}


def test_every_engine_writes_byte_identical_parts(outputs):
    local = _parts(outputs["local"])
    assert len(local) == 2 * 8  # facts + documents for 3 + 3 JSONL chunks and 2 Parquet chunks
    assert _parts(outputs["processes"]) == local
    assert _parts(outputs["dask"]) == local
    assert _parts(outputs["dask-local"]) == local


def test_every_document_is_processed(outputs):
    for out in outputs.values():
        ids = _sql(f"SELECT id FROM read_parquet('{out}/documents/*.parquet')")
        assert len(ids) == ARTICLES == len(set(ids))
        assert (out / "_errors.jsonl").read_text() == ""


def test_facts_are_found(outputs):
    # Passes once the extractor (issue 2) finds figures in the synthetic articles.
    [(count,)] = _sql(f"SELECT count(*) FROM '{outputs['local']}/facts/*.parquet'")
    assert count > 0


def test_parts_are_queryable_by_duckdb(outputs):
    out = outputs["local"]
    types = {row[0]: row[1] for row in _sql(f"DESCRIBE SELECT * FROM '{out}/facts/*.parquet'")}
    assert types["value"] == "DECIMAL(38,6)"
    [(n_facts, rows)] = _sql(
        f"SELECT sum(d.n_facts), (SELECT count(*) FROM '{out}/facts/*.parquet') "
        f"FROM '{out}/documents/*.parquet' d"
    )
    assert n_facts == rows


def test_a_killed_run_resumes_to_the_same_output(corpus, outputs, tmp_path):
    out = tmp_path / "out"
    # Slow each unit down so that the kill lands halfway; the library itself is unchanged.
    script = (
        "import time, capexwatch.runner as r\n"
        "slow = r.process_unit\n"
        "r.process_unit = lambda unit: (time.sleep(0.4), slow(unit))[1]\n"
        f"r.run_corpus([{str(corpus)!r}], {str(out)!r}, engine='local', chunk_size={CHUNK})\n"
    )
    child = subprocess.Popen([sys.executable, "-c", script])
    try:
        deadline = time.monotonic() + 60
        while not (out / "_done").is_dir() or not any((out / "_done").iterdir()):
            assert child.poll() is None and time.monotonic() < deadline
            time.sleep(0.02)
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait()
    done_before = len(list((out / "_done").iterdir()))
    assert 0 < done_before < 8
    result = run_corpus([corpus], out, engine="processes", workers=2, chunk_size=CHUNK)
    assert result.skipped == done_before
    assert result.units == 8 - done_before
    assert _parts(out) == _parts(outputs["local"])
    assert not [p for p in out.rglob("*") if ".tmp-" in p.name]


def test_a_broken_line_is_reported_and_the_rest_processed(tmp_path):
    shard = tmp_path / "feed.jsonl"
    shard.write_text(
        '{"id": "one", "text": "Alibaba will spend 380 billion yuan on AI infrastructure over three years."}\n'
        '{"id": "two", "text": \n'
        '{"id": "three"}\n'
        '\n'
        '{"id": "four", "text": "Microsoft expects capital expenditure of $80 billion in fiscal 2025."}\n'
    )
    result = run_corpus([shard], tmp_path / "out", engine="local")
    errors = [json.loads(line) for line in (tmp_path / "out" / "_errors.jsonl").read_text().splitlines()]
    assert [(e["line"], e["shard"]) for e in errors] == [(2, str(shard)), (3, str(shard))]
    assert "JSON" in errors[0]["problem"] and "'text'" in errors[1]["problem"]
    ids = _sql(f"SELECT id FROM '{tmp_path}/out/documents/*.parquet' ORDER BY id")
    assert ids == [("four",), ("one",)]
    assert result.documents == 2 and len(result.problems) == 2


def test_missing_and_unreadable_shards_are_reported_and_the_rest_processed(corpus, tmp_path):
    (tmp_path / "fake.jsonl.gz").write_bytes(b"not gzip at all")
    result = run_corpus([corpus / "a.jsonl", tmp_path / "gone.jsonl", tmp_path / "fake.jsonl.gz"],
                        tmp_path / "out", engine="local")
    assert result.documents == 20
    errors = [json.loads(line) for line in (tmp_path / "out" / "_errors.jsonl").read_text().splitlines()]
    problems = {Path(e["shard"]).name: e["problem"] for e in errors}
    assert "no such file" in problems["gone.jsonl"]
    assert "cannot read this shard" in problems["fake.jsonl.gz"]


def test_no_shard_at_all_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no .jsonl"):
        run_corpus([tmp_path], tmp_path / "out", engine="local")


def test_resuming_with_another_chunk_size_is_refused(corpus, tmp_path):
    run_corpus([corpus / "a.jsonl"], tmp_path / "out", engine="local", chunk_size=CHUNK)
    with pytest.raises(ConfigError, match="--chunk-size 8"):
        run_corpus([corpus / "a.jsonl"], tmp_path / "out", engine="local", chunk_size=5)


def test_large_shards_are_split_in_chunks(corpus):
    plan = [(Path(u.shard).name, u.chunk, u.first, size) for u, size in plan_units(find_shards([corpus]), chunk_size=CHUNK)]
    assert plan == [
        ("a.jsonl", 0, 1, 8), ("a.jsonl", 1, 9, 8), ("a.jsonl", 2, 17, 4),
        ("b.jsonl.gz", 0, 1, 8), ("b.jsonl.gz", 1, 9, 8), ("b.jsonl.gz", 2, 17, 4),
        ("c.parquet", 0, 1, 10), ("c.parquet", 1, 11, 10),
    ]


def test_globs_and_folders_name_the_same_shards(corpus):
    assert find_shards([corpus]) == find_shards([f"{corpus}/*.jsonl*", corpus / "c.parquet", corpus / "a.jsonl"])


def test_load_run_puts_documents_and_facts_into_a_store(outputs):
    [(expected,)] = _sql(f"SELECT count(*) FROM '{outputs['local']}/facts/*.parquet'")
    with Store(memory=True) as store:
        assert load_run(outputs["local"], store) == (ARTICLES, expected)
        assert load_run(outputs["local"], store) == (0, 0)
        assert len(store.documents()) == ARTICLES
        assert len(store.facts()) == expected
        assert store.query("SELECT count(*) AS n FROM documents WHERE length(text) > 1000")["n"][0] == ARTICLES


def test_cli_run_writes_parts_and_says_what_it_did(corpus, tmp_path):
    result = CliRunner().invoke(cli, ["run", str(corpus), "--out", str(tmp_path / "out"), "--engine", "local",
                                      "--chunk-size", str(CHUNK)])
    assert result.exit_code == 0, result.output
    assert f"{ARTICLES} documents" in result.output
    again = CliRunner().invoke(cli, ["run", str(corpus), "--out", str(tmp_path / "out"), "--engine", "local",
                                     "--chunk-size", str(CHUNK)])
    assert "8 units already done" in again.output


def test_cli_run_without_readable_input_fails_with_a_hint(tmp_path):
    result = CliRunner().invoke(cli, ["run", str(tmp_path / "nothing"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "no .jsonl, .jsonl.gz or .parquet shard" in result.output


def test_a_truncated_gzip_shard_keeps_its_readable_lines(corpus, tmp_path):
    whole = gzip.compress((corpus / "a.jsonl").read_bytes())
    shard = tmp_path / "cut.jsonl.gz"
    shard.write_bytes(whole[: len(whole) * 2 // 3])
    result = run_corpus([shard], tmp_path / "out", engine="local", chunk_size=CHUNK)
    assert 0 < result.documents < 20
    [error] = [json.loads(line) for line in (tmp_path / "out" / "_errors.jsonl").read_text().splitlines()]
    assert error["shard"] == str(shard) and error["line"] == result.documents + 1
    assert "unreadable" in error["problem"]


def test_a_scheduler_with_another_engine_is_refused(corpus, tmp_path):
    with pytest.raises(ConfigError, match="drop one of them"):
        run_corpus([corpus], tmp_path / "out", engine="processes", scheduler="tcp://127.0.0.1:8786")


def test_capexwatch_ingest_loads_a_run_output(tmp_path):
    """`capexwatch ingest OUT` stores what `capexwatch run` wrote, and a second time adds nothing."""
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        json.dumps({"id": "a1", "date": "2025-02-24", "text": "Alibaba Group said it plans to invest 380 billion yuan "
                    "($52.4 billion) over the next three years in cloud and AI infrastructure."}) + "\n",
        encoding="utf-8")
    out = tmp_path / "out"
    runner = CliRunner()
    assert runner.invoke(cli, ["run", str(corpus), "--out", str(out), "--engine", "local"]).exit_code == 0
    db = tmp_path / "run.duckdb"
    first = runner.invoke(cli, ["ingest", str(out), "--db", str(db)])
    assert first.exit_code == 0, first.output
    again = runner.invoke(cli, ["ingest", str(out), "--db", str(db)])
    assert again.exit_code == 0, again.output
    with Store(db, read_only=True) as store:
        facts = store.facts(entity="Alibaba", metric="capex_plan")
        assert len(store.documents()) == 1
    assert float(facts["value"].iloc[0]) == 380e9


def test_a_run_finds_the_facts_ingest_finds(tmp_path):
    # a title in the record's metadata only, and a body whose subject it does not name: both read the same way
    records = [{"id": "t1", "title": "Oracle lifts its capex outlook", "date": "2025-12-11",
                "text": "Cloud notes\n\nThe company said it would spend about $50 billion in fiscal 2026."},
               {"id": "t2", "title": "The capex scoreboard", "date": "2026-02-10",
                "text": "Posted by a reader\n\nGuidance for 2026:\n• Amazon: ~$200B\n• Meta: $115B-$135B\n"}]
    shard = tmp_path / "in.jsonl"
    shard.write_text("".join(json.dumps(r) + "\n" for r in records))
    run_corpus([shard], tmp_path / "out", engine="local")
    ran = _sql(f"SELECT doc, entity, metric, value, period FROM '{tmp_path / 'out'}/facts/*.parquet' ORDER BY doc, quote_start")
    store = Store(tmp_path / "ingest.duckdb")
    store.ingest([shard])
    ingested = store.facts()[["doc", "entity", "metric", "value", "period"]].sort_values(["doc"], kind="stable")
    assert [(d, e, m, float(v), p) for d, e, m, v, p in ran] == \
        [(d, e, m, float(v), p) for d, e, m, v, p in ingested.itertuples(index=False)]
    found = [(d, e, m, float(v), p) for d, e, m, v, p in ran]
    assert ("t1", "Oracle", "capex_plan", 50e9, "FY2026") in found  # the subject named only in the title
    assert ("t2", "Amazon", "capex_plan", 200e9, "2026") in found  # a list under a head whose topic is the title's
