"""The web dashboard and JSON API, in process (httpx over ASGITransport; no socket is opened).

The database is a real DuckDB file: the seed articles with their gold facts, plus a hostile
article whose text, title, URL and entity names try to inject HTML, JavaScript and SQL.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import io
import json
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

import duckdb
import httpx
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from capexwatch.cli import cli
from capexwatch.ingest import iter_articles
from capexwatch.models import Article, Fact
from capexwatch.store import Store
from capexwatch.web.app import create_app

SHARED = Path(__file__).parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold" / "seeds.jsonl"

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
JS_URL = "javascript:alert(1)"
EVIL = f"Evil {SCRIPT} Corp"
HOSTILE_TEXT = (
    f"{EVIL} plans to spend $5 billion on capital expenditure in 2025, it said {IMG}.\n"
    f"Its revenue reached $1 billion, according to {JS_URL} and other sources.\n"
    f"Alibaba will invest 400 billion yuan in cloud and AI infrastructure over three years {SCRIPT}.\n"
    '=HYPERLINK("http://evil.example","x") Evil capex was $6 billion in 2024.\n'
)
SQL_VALUES = ["' OR 1=1 --", "x'; DROP TABLE facts; --", '" OR ""="', "1; SELECT * FROM documents"]


class Client:
    """A synchronous client for an ASGI app, in process (datasette's ``ds_client``)."""

    def __init__(self, app) -> None:
        self.app = app

    def request(self, method: str, url: str, **kwargs) -> httpx.Response:
        async def send() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
                return await client.request(method, url, **kwargs)

        return asyncio.run(send())

    def get(self, url: str, **kwargs) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs) -> httpx.Response:
        return self.request("POST", url, **kwargs)

    def put(self, url: str, **kwargs) -> httpx.Response:
        return self.request("PUT", url, **kwargs)

    def delete(self, url: str, **kwargs) -> httpx.Response:
        return self.request("DELETE", url, **kwargs)

    def patch(self, url: str, **kwargs) -> httpx.Response:
        return self.request("PATCH", url, **kwargs)

    def close(self) -> None:
        self.app.state.warm_up.result()
        self.app.state.reconciler.close(wait=True)
        self.app.state.store.close()


def gold_facts() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def _span(text: str, quote: str) -> tuple[int, int]:
    at = text.find(quote)
    return (at, at + len(quote)) if at >= 0 else (-1, -1)


def _fact(doc: str, text: str, quote: str, figure: str, **fields) -> Fact:
    start, end = _span(text, quote)
    assert start >= 0, quote
    return Fact(doc=doc, quote=quote, start=start, end=end, figure=figure, step="test.constructed.v1", **fields)


def hostile_article() -> tuple[Article, list[Fact]]:
    """An article that tries to inject markup, script and a javascript: link everywhere it can."""
    article = Article(id="hostile.txt", text=HOSTILE_TEXT, title=f"Breaking {SCRIPT}{IMG}", url=JS_URL,
                      publisher=IMG, date=dt.date(2026, 1, 5))
    lines = HOSTILE_TEXT.splitlines()
    facts = [
        _fact("hostile.txt", HOSTILE_TEXT, lines[0], "$5 billion", entity=EVIL, metric="capex",
              value=Decimal("5e9"), unit="USD", period="2025"),
        _fact("hostile.txt", HOSTILE_TEXT, lines[1], "$1 billion", entity=EVIL, metric="revenue",
              value=Decimal("1e9"), unit="USD", period=IMG),
        _fact("hostile.txt", HOSTILE_TEXT, lines[2], "400 billion yuan", entity="Alibaba", metric="capex_plan",
              value=Decimal("4e11"), unit="CNY", period="2025..2027"),
        _fact("hostile.txt", HOSTILE_TEXT, lines[3], "$6 billion", entity=EVIL, metric="capex",
              value=Decimal("6e9"), unit="USD", period="2024"),
    ]
    return article, facts


def build_database(path: Path) -> dict[str, int]:
    """Write the seeds (with their gold facts, located in the text) and the hostile article to ``path``."""
    gold = gold_facts()
    batch = []
    for article in iter_articles([SEEDS]):
        facts = []
        for rec in gold:
            if rec["doc"] != article.id:
                continue
            fact = Fact.from_dict(rec)
            start, end = _span(article.text, fact.quote)
            facts.append(dataclasses.replace(fact, start=start, end=end, step="gold"))
        batch.append((article, facts))
    batch.append(hostile_article())
    with Store(path) as store:
        docs, facts = store.add(batch)
        ids = dict(store.conn.execute("SELECT doc, id FROM documents").fetchall())
    return {"documents": docs, "facts": facts, **ids}


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    path = tmp_path_factory.mktemp("web") / "web.duckdb"
    return path, build_database(path)


@pytest.fixture(scope="module")
def client(database) -> Client:
    client = Client(create_app(database[0]))
    assert client.app.state.reconciler.get(wait=60) is not None  # claims and conflicts are ready
    client.app.state.warm_up.result()
    yield client
    client.close()


@pytest.fixture(scope="module")
def hostile_id(database) -> int:
    return database[1]["hostile.txt"]


def html(client: Client, url: str) -> str:
    response = client.get(url, headers={"Accept": "text/html"})
    assert response.status_code == 200, (url, response.text[:500])
    assert response.headers["content-type"].startswith("text/html")
    return response.text


# -- JSON twins ---------------------------------------------------------------------------------

TWINS = [
    ("/", "/.json"),
    ("/companies/Alibaba", "/companies/Alibaba.json"),
    ("/claims", "/claims.json"),
    ("/conflicts", "/conflicts.json"),
    ("/facts?entity=Alibaba", "/facts.json?entity=Alibaba"),
]


@pytest.mark.parametrize(("page", "twin"), TWINS, ids=[t[0] for t in TWINS])
def test_every_page_has_a_json_twin(client, page, twin):
    text = html(client, page)
    assert f'href="{twin.replace("&", "&amp;")}"' in text  # the page links its twin
    response = client.get(twin)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json()


def test_document_has_a_json_twin(client, hostile_id):
    assert f'href="/documents/{hostile_id}.json"' in html(client, f"/documents/{hostile_id}")
    assert client.get(f"/documents/{hostile_id}.json").json()["id"] == hostile_id


def test_overview_json_gives_usd_and_original_currency(client):
    data = client.get("/.json").json()
    assert data["counts"]["documents"] == 6
    spenders = {r["entity"]: r for r in data["largest_spenders"]}
    alibaba = spenders["Alibaba"]
    assert alibaba["unit"] in ("CNY", "USD") and alibaba["usd"] > 5e10
    usd = [r["usd"] for r in data["largest_spenders"]]
    assert usd == sorted(usd, reverse=True)
    regions = {(r["year"], r["region"]) for r in data["region_capex"]}
    assert (2025, "china") in regions and (2026, "china") in regions


def test_overview_counts_a_company_year_once(client):
    china_2025 = next(r for r in client.get("/.json").json()["region_capex"] if (r["year"], r["region"]) == (2025, "china"))
    assert sorted(china_2025["entities"]) == sorted(set(china_2025["entities"]))


def test_company_json_holds_its_facts_and_timeline(client):
    data = client.get("/companies/Alibaba.json").json()
    expected = sum(1 for f in gold_facts() if f["entity"] == "Alibaba") + 1
    assert data["total_facts"] == expected == len(data["facts"])
    assert {f["entity"] for f in data["facts"]} == {"Alibaba"}
    assert data["region"] == "china" and data["fiscal_year_end"] == 3
    periods = [p["period"] for p in data["timeline"]]
    assert "2025..2027" in periods and "unknown" not in periods


def test_company_pages_read_the_pre_aggregation_and_match_the_direct_query(client, database):
    from capexwatch import queries

    with duckdb.connect(str(database[0]), read_only=True) as conn:
        direct = queries.company(conn, "Alibaba")
    assert client.get("/companies/Alibaba.json").json() == client.get("/companies/Alibaba.json").json()
    served = client.get("/companies/Alibaba.json").json()
    assert served["total_documents"] == direct["total_documents"] == 6
    assert [f["id"] for f in served["facts"]] == [f["id"] for f in direct["facts"]]
    assert [p["period"] for p in served["timeline"]] == [p["period"] for p in direct["timeline"]]


def test_company_lookup_ignores_case(client):
    assert client.get("/companies/alibaba.json").json()["entity"] == "Alibaba"


def test_company_with_a_dot_in_its_name_routes_to_html_and_json(client):
    assert client.get("/companies/JD.com.json").status_code == 404  # not in the seeds, and not a crash
    assert client.get("/companies/JD.com", headers={"Accept": "text/html"}).status_code == 404


@pytest.mark.parametrize("url", ["/companies/Nobody", "/companies/Nobody.json", "/documents/99999", "/documents/99999.json"])
def test_unknown_things_are_404(client, url):
    assert client.get(url).status_code == 404


def test_document_segments_rebuild_the_text_and_mark_every_located_fact(client, database):
    doc_id = database[1]["000_13bdbb967624178d.txt"]
    data = client.get(f"/documents/{doc_id}.json").json()
    assert "".join(s["text"] for s in data["segments"]) == data["text"]
    marked = {i for s in data["segments"] for i in s["facts"]}
    located = {f["id"] for f in data["facts"] if f["quote_start"] >= 0}
    assert marked == located and located
    for fact in data["facts"]:
        if fact["quote_start"] >= 0:
            assert data["text"][fact["quote_start"]:fact["quote_end"]] == fact["quote"]


def test_document_page_links_each_highlight_to_its_fact(client, hostile_id):
    page = html(client, f"/documents/{hostile_id}")
    data = client.get(f"/documents/{hostile_id}.json").json()
    for fact in data["facts"]:
        assert f'id="fact-{fact["id"]}"' in page
        assert f'href="#fact-{fact["id"]}"' in page
    assert 'class="hl hl-figure"' in page  # the figure itself is marked inside its sentence


# -- search, filters, downloads ---------------------------------------------------------------------

@pytest.mark.parametrize(("name", "value"), [("entity", "Alibaba"), ("metric", "capex_plan"), ("period", "2025"),
                                             ("metric", "revenue")])
def test_facts_filters_match_exactly(client, name, value):
    data = client.get("/facts.json", params={name: value, "limit": 1000}).json()
    gold = [f for f in gold_facts() if f[name] == value]
    hostile = [f for f in hostile_article()[1] if getattr(f, name) == value]
    assert data["total"] == len(gold) + len(hostile) == len(data["facts"])
    assert {f[name] for f in data["facts"]} == {value}


def test_facts_region_filter(client):
    china = client.get("/facts.json", params={"region": "china", "limit": 1000}).json()
    assert china["total"] > 0 and {f["region"] for f in china["facts"]} == {"china"}
    us = client.get("/facts.json", params={"region": "us", "limit": 1000}).json()
    assert {f["region"] for f in us["facts"]} == {"us"}
    assert not {f["id"] for f in china["facts"]} & {f["id"] for f in us["facts"]}


def test_facts_quote_search_and_combined_filters(client):
    data = client.get("/facts.json", params={"q": "YUAN", "entity": "ByteDance"}).json()
    assert data["total"] >= 1
    assert all("yuan" in f["quote"].lower() and f["entity"] == "ByteDance" for f in data["facts"])


def test_facts_pages_do_not_overlap(client, database):
    first = client.get("/facts.json", params={"limit": 10}).json()
    second = client.get("/facts.json", params={"limit": 10, "offset": 10}).json()
    assert first["total"] == second["total"] == database[1]["facts"]
    assert not {f["id"] for f in first["facts"]} & {f["id"] for f in second["facts"]}
    assert 'href="/facts?limit=10&amp;offset=10"' in html(client, "/facts?limit=10")


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 100000}, {"offset": -1}, {"entity": "x" * 500}])
def test_facts_rejects_bad_parameters(client, params):
    assert client.get("/facts.json", params=params).status_code == 422


def test_csv_download_holds_the_filtered_facts(client):
    response = client.get("/facts.csv", params={"entity": "Alibaba"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    import csv

    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == client.get("/facts.json", params={"entity": "Alibaba"}).json()["total"]
    assert {r["entity"] for r in rows} == {"Alibaba"}


def test_csv_download_defuses_spreadsheet_formulas(client):
    import csv

    rows = list(csv.DictReader(io.StringIO(client.get("/facts.csv", params={"entity": EVIL}).text)))
    quotes = {r["quote"] for r in rows}
    assert "'" + HOSTILE_TEXT.splitlines()[3] in quotes
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row.values() if cell and not
                   cell.lstrip("-").replace(".", "").isdigit())


def test_parquet_download_holds_the_filtered_facts(client):
    response = client.get("/facts.parquet", params={"metric": "capex"})
    table = pq.read_table(io.BytesIO(response.content))
    assert table.num_rows == client.get("/facts.json", params={"metric": "capex"}).json()["total"] > 0
    assert set(table.column("metric").to_pylist()) == {"capex"}


# -- SQL-looking parameters -----------------------------------------------------------------------

@pytest.mark.parametrize("value", SQL_VALUES)
@pytest.mark.parametrize("name", ["entity", "metric", "period", "region", "q"])
def test_sql_looking_parameters_are_only_values(client, database, name, value):
    data = client.get("/facts.json", params={name: value}).json()
    assert data["total"] == 0 and data["facts"] == []
    assert client.get("/facts.csv", params={name: value}).text.count("\n") == 1  # header only
    assert client.get("/facts", params={name: value}, headers={"Accept": "text/html"}).status_code == 200


@pytest.mark.parametrize("value", SQL_VALUES)
def test_sql_looking_paths_are_only_values(client, value):
    assert client.get(f"/companies/{value}.json").status_code == 404
    assert client.get("/claims.json", params={"entity": value}).json() == []


def test_tables_survive_sql_looking_parameters(client, database):
    for value in SQL_VALUES:
        client.get("/facts.json", params={"entity": value, "q": value})
    with duckdb.connect(str(database[0]), read_only=True) as conn:
        tables = {r[0] for r in conn.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        assert {"facts", "documents"} <= tables
        assert conn.execute("SELECT count(*) FROM facts").fetchone()[0] == database[1]["facts"]


# -- hostile article text -------------------------------------------------------------------------

def test_hostile_text_is_escaped_on_every_page(client, hostile_id):
    evil = quote(EVIL, safe="")
    pages = ["/", f"/documents/{hostile_id}", f"/companies/{evil}", "/facts", f"/facts?entity={evil}", "/claims",
             "/conflicts"]
    for url in pages:
        page = html(client, url)
        assert "<img" not in page, url
        assert SCRIPT not in page, url
        assert 'href="javascript:' not in page.lower(), url
    document = html(client, f"/documents/{hostile_id}")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in document
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in document or "&quot;&gt;&lt;img src=x" in document


def test_embedded_chart_json_cannot_close_its_script_block(client):
    evil = quote(EVIL, safe="")
    page = html(client, f"/companies/{evil}")
    block = page.split('id="company-chart-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block and ">" not in block
    labels = [p["period"] for p in json.loads(block)]
    assert IMG in labels  # the hostile period is a chart label, as data


def test_javascript_urls_are_not_links(client, hostile_id):
    page = html(client, f"/documents/{hostile_id}")
    assert 'href="javascript' not in page.lower()
    assert "javascript:alert(1)" in page  # shown, as text


def test_pages_forbid_inline_scripts(client):
    response = client.get("/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


# -- read-only, writes with a token ------------------------------------------------------------------

def test_read_only_by_default(client, database):
    response = client.post("/api/ingest", json={"text": "Acme plans to spend $1 billion."})
    assert response.status_code == 403
    store = client.app.state.store
    assert store.read_only
    with pytest.raises(duckdb.Error):
        store.conn.execute("DELETE FROM facts")


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_pages_take_no_writes(client, method):
    for url in ["/", "/facts", "/facts.json", "/companies/Alibaba"]:
        assert getattr(client, method)(url).status_code == 405


def test_writes_need_the_token(tmp_path):
    path = tmp_path / "w.duckdb"
    build_database(path)
    writer = Client(create_app(path, write_token="s3cret"))
    try:
        body = {"text": "Acme Cloud said it would spend $2 billion on data centres.", "title": "Acme"}
        assert writer.post("/api/ingest", json=body).status_code == 401
        assert writer.post("/api/ingest", json=body, headers={"Authorization": "Bearer nope"}).status_code == 401
        ok = writer.post("/api/ingest", json=body, headers={"Authorization": "Bearer s3cret"})
        assert ok.status_code == 201 and ok.json()["documents"] == 1
        assert writer.get("/.json").json()["counts"]["documents"] == 7  # the cache saw the write
        assert writer.app.state.reconciler.get(wait=60) is not None  # and reconciles again
        again = writer.post("/api/ingest", json=body, headers={"Authorization": "Bearer s3cret"})
        assert again.status_code == 200 and again.json()["documents"] == 0
    finally:
        writer.close()


# -- API description, offline docs, CLI --------------------------------------------------------------

def test_openapi_lists_the_json_api(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/.json", "/facts.json", "/facts.csv", "/facts.parquet", "/companies/{entity}.json",
            "/documents/{document_id}.json", "/claims.json", "/conflicts.json"} <= set(paths)


def test_api_docs_load_nothing_from_a_cdn(client):
    page = html(client, "/docs")
    assert "http://" not in page and "https://" not in page
    for asset in ["/static/vendor/swagger-ui/swagger-ui-bundle.js", "/static/vendor/swagger-ui/swagger-ui.css",
                  "/static/swagger-init.js"]:
        assert asset in page
        assert client.get(asset).status_code == 200


def test_charting_library_is_served_from_the_package(client):
    page = html(client, "/")
    assert '<script src="/static/vendor/chart.umd.js"></script>' in page
    assert "Chart.js v4" in client.get("/static/vendor/chart.umd.js").text[:200]


def test_serve_refuses_writes_without_a_token(tmp_path):
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "x.duckdb"), "--allow-writes"])
    assert result.exit_code == 2 and "--token" in result.output


def test_serve_explains_a_missing_database(tmp_path):
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "missing.duckdb")])
    assert result.exit_code == 1 and "capexwatch ingest" in result.output


# -- claims and conflicts (capexwatch.reconcile) -------------------------------------------------------

def test_conflicts_show_each_source_with_its_relation_and_explanation(client):
    found = {(c["entity"], c["metric"], c["period"]): c for c in client.get("/conflicts.json").json()}
    share = found[("Alibaba", "market_share", "unknown")]
    assert share["status"] == "conflict"
    assert sorted(s["value"] for s in share["sources"]) == [33, 36]
    assert {s["relation"] for s in share["sources"]} == {"preferred", "conflict"}
    assert all(s["explanation"] and s["document_id"] for s in share["sources"])
    plan = found[("Alibaba", "capex_plan", "2025..2027")]
    assert plan["sources"][0]["relation"] == "preferred" and plan["sources"][0]["doc"] == "hostile.txt"


def test_claims_include_agreeing_claims_and_filter_by_entity(client):
    claims = client.get("/claims.json").json()
    assert {c["status"] for c in claims} >= {"conflict", "restated"}
    assert all(c["n_facts"] >= 2 for c in claims)
    assert {c["entity"] for c in client.get("/claims.json", params={"entity": "Alibaba"}).json()} == {"Alibaba"}


def test_claims_page_explains_differences(client):
    page = html(client, "/conflicts")
    assert "disagrees with" in page and "Conflict" in page
    assert html(client, "/").count('class="card claim status-') == len(client.get("/.json").json()["conflicts"]) > 0


def test_a_large_store_is_reconciled_in_another_process_with_the_same_result(database, monkeypatch):
    import capexwatch.web.app as web_app

    monkeypatch.setattr(web_app, "PROCESS_THRESHOLD", 0)
    other = Client(create_app(database[0]))
    try:
        rec = other.app.state.reconciler.get(wait=120)
        assert other.app.state.reconciler.processes is not None
        monkeypatch.setattr(web_app, "PROCESS_THRESHOLD", 10**9)
        in_process = Client(create_app(database[0]))
        try:
            assert in_process.app.state.reconciler.get(wait=60) is not None
            assert in_process.app.state.reconciler.processes is None
            assert in_process.get("/conflicts.json").json() == other.get("/conflicts.json").json()
            assert len(rec.claims) > 0
        finally:
            in_process.close()
    finally:
        other.close()


def test_every_page_renders_for_articles_read_by_the_extractor(tmp_path):
    """The seeds and dev articles ingested through the real extractor: every document and company page."""
    path = tmp_path / "ingested.duckdb"
    with Store(path) as store:
        result = store.ingest([SEEDS, SHARED / "dev" / "articles"])
    assert result.facts > 0
    reader = Client(create_app(path))
    try:
        for doc_id in range(1, result.added + 1):
            data = reader.get(f"/documents/{doc_id}.json").json()
            assert "".join(s["text"] for s in data["segments"]) == data["text"]
            assert html(reader, f"/documents/{doc_id}")
        entities = reader.get("/facts.json", params={"limit": 1000}).json()["facts"]
        for entity in sorted({f["entity"] for f in entities}):
            assert reader.get(f"/companies/{quote(entity, safe='')}.json").json()["entity"] == entity
            assert html(reader, f"/companies/{quote(entity, safe='')}")
        for url in ["/", "/facts", "/claims", "/conflicts"]:
            assert html(reader, url)
    finally:
        reader.close()


def test_claims_keep_the_preferred_source_first_and_cap_the_rest(client):
    from capexwatch import queries

    rec = client.app.state.reconciler.get(wait=60)
    capped = queries.claims(rec, max_sources=2)
    assert capped and all(len(c["sources"]) <= 2 for c in capped)
    assert all(c["sources"][0]["relation"] == "preferred" for c in capped)
    plan = next(c for c in capped if (c["entity"], c["metric"]) == ("Alibaba", "capex_plan"))
    assert plan["n_facts"] == 6 and plan["sources"][1]["relation"] == "conflict"  # the worst difference next


@pytest.mark.parametrize("params", [{}, {"entity": "Alibaba"}, {"region": "china"}, {"metric": "revenue", "region": "us"}])
@pytest.mark.parametrize(("limit", "offset"), [(1, 0), (3, 2), (7, 14), (100, 0), (5, 10_000)])
def test_search_pages_match_a_plain_sorted_query(client, database, params, limit, offset):
    from capexwatch import queries
    from capexwatch.entities import default_registry

    with duckdb.connect(str(database[0]), read_only=True) as conn:
        where, binds = queries._where(conn, queries.FactFilters(**params), default_registry())
        expected = [r[0] for r in conn.execute(f"SELECT f.id FROM facts f{where} ORDER BY f.id DESC LIMIT ? OFFSET ?",
                                               [*binds, limit, offset]).fetchall()]
    got = client.get("/facts.json", params={**params, "limit": limit, "offset": offset}).json()["facts"]
    assert [f["id"] for f in got] == expected
