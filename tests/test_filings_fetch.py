"""The fetch path against a real HTTP server on 127.0.0.1 serving the saved SEC responses."""

from __future__ import annotations

import contextlib
import email.utils
import hashlib
import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from capexwatch.cli import cli
from capexwatch.errors import ConfigError, FilingsError, OfflineError, RefusedError
from capexwatch.filings import RateLimiter, SecClient, fetch_filings
from capexwatch.store import Store

SEC = Path(__file__).parents[1].parent / "shared" / "data" / "sec"
UA = "Jane Doe jane@example.com"
PREFIX = "/api/xbrl/companyfacts/"


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.mode = "ok"  # ok | 403 | 404 | sleep | truncate | truncate-no-length
        self.requests: list[dict] = []
        self.lock = threading.Lock()

    def handle_error(self, request, client_address) -> None:  # the client hung up: expected here
        pass

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class Handler(BaseHTTPRequestHandler):
    server: Server

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        with self.server.lock:
            self.server.requests.append({"path": self.path, "time": time.monotonic(),
                                         "headers": {k.lower(): v for k, v in self.headers.items()}})
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up
            self.answer()

    def answer(self) -> None:
        mode = self.server.mode
        if mode in ("403", "404"):
            return self.send_status(int(mode))
        if mode == "sleep":
            time.sleep(1.0)
            return self.send_status(404)
        path = SEC / self.path.removeprefix(PREFIX)
        if not self.path.startswith(PREFIX) or not path.is_file():
            return self.send_status(404)
        body = path.read_bytes()
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if mode == "ok" and self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return None
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", email.utils.formatdate(path.stat().st_mtime, usegmt=True))
        if mode != "truncate-no-length":
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if mode.startswith("truncate"):
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return None
        self.wfile.write(body)
        return None

    def send_status(self, status: int) -> None:
        body = b'{"error": "no"}'
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def server():
    srv = Server()
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()
    thread.join()


@pytest.fixture
def cache(tmp_path):
    return tmp_path / "cache"


def client(server, cache, **kw):
    return SecClient(kw.pop("user_agent", UA), cache_dir=cache, base_url=server.base_url, **kw)


def cache_files(cache: Path) -> list[str]:
    return sorted(p.name for p in cache.iterdir()) if cache.exists() else []


def test_sends_the_user_agent_and_caches(server, cache):
    with client(server, cache) as sec:
        fetched = sec.company_facts("GOOGL")
    assert fetched.status == "downloaded" and fetched.data["entityName"] == "ALPHABET INC."
    assert server.requests[0]["path"] == PREFIX + "CIK0001652044.json"
    assert server.requests[0]["headers"]["user-agent"] == UA
    assert cache_files(cache) == ["CIK0001652044.json", "CIK0001652044.json.meta"]
    assert json.loads((cache / "CIK0001652044.json").read_bytes()) == fetched.data


def test_second_call_revalidates_and_uses_the_cache(server, cache):
    with client(server, cache) as sec:
        first = sec.company_facts("NVDA")
        second = sec.company_facts("1045810")
    assert (first.status, second.status) == ("downloaded", "revalidated")
    conditional = server.requests[1]["headers"]
    assert conditional["if-none-match"].startswith('"') and "if-modified-since" in conditional
    assert second.data == first.data


def test_fresh_cache_is_used_without_a_request(server, cache):
    with client(server, cache, max_age=3600) as sec:
        sec.company_facts("NVDA")
        again = sec.company_facts("NVDA")
    assert again.status == "cached" and len(server.requests) == 1


def test_rate_limit_spaces_requests(server, cache):
    with client(server, cache, rate=5) as sec:
        sec.company_facts("NVDA")
        with ThreadPoolExecutor(3) as pool:
            list(pool.map(sec.company_facts, ["NVDA"] * 4))
    times = sorted(r["time"] for r in server.requests)
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert len(gaps) == 4 and min(gaps) >= 0.15  # 5 per second: 0.2 s apart, less network jitter


def test_rate_limiter_with_a_clock():
    now = [0.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(round(seconds, 6))
        now[0] += seconds

    limiter = RateLimiter(10, clock=lambda: now[0], sleep=sleep)
    for _ in range(3):
        limiter.wait()
    now[0] += 1.0  # idle: no debt carried over
    limiter.wait()
    assert slept == [0.1, 0.1]


def test_no_user_agent_is_refused_before_any_request(server, cache, monkeypatch):
    monkeypatch.delenv("CAPEXWATCH_SEC_USER_AGENT", raising=False)
    with pytest.raises(ConfigError, match="CAPEXWATCH_SEC_USER_AGENT"):
        SecClient(None, cache_dir=cache, base_url=server.base_url)
    with pytest.raises(ConfigError, match="contact email"):
        SecClient("capexwatch", cache_dir=cache, base_url=server.base_url)
    assert server.requests == []


def test_user_agent_from_the_environment(server, cache, monkeypatch):
    monkeypatch.setenv("CAPEXWATCH_SEC_USER_AGENT", "Env Person env@example.org")
    with SecClient(cache_dir=cache, base_url=server.base_url) as sec:
        sec.company_facts("NVDA")
    assert server.requests[0]["headers"]["user-agent"] == "Env Person env@example.org"


def test_403_explains_the_user_agent(server, cache):
    server.mode = "403"
    with client(server, cache) as sec, pytest.raises(RefusedError, match="User-Agent") as info:
        sec.company_facts("GOOGL")
    assert UA in str(info.value) and cache_files(cache) == []


def test_404_says_no_company_facts(server, cache):
    server.mode = "404"
    with client(server, cache) as sec, pytest.raises(RefusedError, match="no company facts for CIK 0000000042"):
        sec.company_facts(42)


def test_timeout_says_what_to_do(server, cache):
    server.mode = "sleep"
    with client(server, cache, timeout=0.2) as sec, pytest.raises(OfflineError) as info:
        sec.company_facts("GOOGL")
    assert "timed out" in str(info.value) and "filings load" in str(info.value)
    assert cache_files(cache) == []


def test_connection_refused_is_offline(cache):
    with SecClient(UA, cache_dir=cache, base_url="http://127.0.0.1:9", timeout=2) as sec, \
            pytest.raises(OfflineError, match="retry"):
        sec.company_facts("GOOGL")


@pytest.mark.parametrize("mode", ["truncate", "truncate-no-length"])
def test_interrupted_download_leaves_no_partial_file(server, cache, mode):
    server.mode = mode
    with client(server, cache) as sec, pytest.raises(FilingsError):
        sec.company_facts("GOOGL")
    assert cache_files(cache) == []


def test_interrupted_download_keeps_the_earlier_copy(server, cache):
    with client(server, cache) as sec:
        good = sec.company_facts("GOOGL").data
        server.mode = "truncate"
        (cache / "CIK0001652044.json.meta").unlink()  # force a full download
        with pytest.raises(OfflineError, match="filings load"):
            sec.company_facts("GOOGL")
    assert cache_files(cache) == ["CIK0001652044.json"]
    assert json.loads((cache / "CIK0001652044.json").read_bytes()) == good


def test_fetch_filings_stores_and_reports_problems(server, cache):
    with client(server, cache) as sec, Store(memory=True) as store:
        report = fetch_filings(store, ["GOOGL", "NVDA", "CIK0000000001"], client=sec)
        kinds = store.documents()["kind"].tolist()
        capex = store.facts(entity="Alphabet", metric="capex", period="2026Q1")
    assert [r.entity for r in report.loaded] == ["Alphabet", "Nvidia"]
    assert [name for name, _ in report.problems] == ["CIK0000000001"]
    assert kinds == ["filing", "filing"] and capex["value"].tolist() == [35674000000]


def test_cli_fetch(server, tmp_path, monkeypatch):
    monkeypatch.setenv("CAPEXWATCH_SEC_USER_AGENT", UA)
    monkeypatch.setenv("CAPEXWATCH_CACHE_DIR", str(tmp_path / "c"))
    monkeypatch.setenv("CAPEXWATCH_SEC_BASE_URL", server.base_url)
    db = str(tmp_path / "f.duckdb")
    result = CliRunner().invoke(cli, ["filings", "fetch", "GOOGL", "--db", db, "--last", "1", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["period"] == "2026Q1"
    assert (tmp_path / "c" / "sec" / "CIK0001652044.json").is_file()
    again = CliRunner().invoke(cli, ["filings", "fetch", "GOOGL", "--db", db, "--last", "1"])
    assert again.exit_code == 0 and "revalidated" in again.stderr and "already stored" in again.stderr


def test_cli_fetch_without_user_agent(tmp_path, monkeypatch):
    monkeypatch.delenv("CAPEXWATCH_SEC_USER_AGENT", raising=False)
    result = CliRunner().invoke(cli, ["filings", "fetch", "GOOGL", "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 1 and "--user-agent" in result.stderr
