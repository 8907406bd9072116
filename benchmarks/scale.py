"""Scale benchmark: `capexwatch run` over a synthetic corpus with each engine.

    python benchmarks/scale.py                      # 20,000 articles, every engine
    python benchmarks/scale.py --articles 2000      # quick, while developing
    python benchmarks/scale.py --articles 20000,1000000 --engines processes
                                                    # is peak memory flat as the corpus grows?
    python benchmarks/scale.py --articles 20000,200000 --dry
                                                    # the runner alone: the extractor finds nothing

The corpus (benchmarks/corpus.py, ~700 words per article) is written once, streamed,
in JSONL shards of --shard-size articles under --corpus-dir and reused by later runs;
a smaller size uses the first shards of a larger corpus. Each engine runs as its own
`python -m capexwatch run` process, as a user would start it; the time is the wall
time of that command (start-up, planning and, for Dask, the cluster's start included).
Printed per run: articles/s, speed-up against the one-process (`local`) run of the
same size measured in this invocation, that speed-up as % of ideal (= workers), and
the peak memory of the whole process tree (the command, its pool or Dask nanny and
worker processes), sampled every 0.1 s from /proc (psutil where there is no /proc; PSS every 1 s):
RSS counts pages shared between processes once per process (the pool's workers fork
from a server that has imported capexwatch), so the tree's RSS errs on the high side;
PSS (from /proc/PID/smaps_rollup; 0 where unavailable) splits shared pages between the
processes sharing them, and is the tree's real footprint. `CPU s` is the user + system
time of the tree's processes (as last sampled): on a machine busy with other work, where
wall-clock speed-ups say little, it shows what parallelism itself costs. `others s` is the
CPU time the rest of the machine used during the run (from /proc/stat): a run's wall time
is only clean when it is near 0. `--repeat N` runs every engine N times, interleaved, and
reports each engine's fastest run.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus  # noqa: E402

ENGINES = ("local", "processes", "dask")


# -- memory and CPU of a process tree ------------------------------------------------------------
def _pss(pid: int) -> int:
    """Proportional set size in bytes (shared pages split between the processes sharing them), or 0."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
            for line in handle:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _tree_proc(root: int) -> dict[int, tuple[int, float]]:
    """{pid: (RSS bytes, CPU seconds)} of ``root`` and all its descendants, read from /proc."""
    children: dict[int, list[int]] = {}
    stats: dict[int, tuple[int, float]] = {}
    page, ticks = os.sysconf("SC_PAGE_SIZE"), os.sysconf("SC_CLK_TCK")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry)
        children.setdefault(int(fields[1]), []).append(pid)  # field 4: parent pid
        # fields 14, 15: user and system clock ticks; field 24: resident pages
        stats[pid] = (int(fields[21]) * page, (int(fields[11]) + int(fields[12])) / ticks)
    tree, stack = {}, [root]
    while stack:
        pid = stack.pop()
        if pid in stats:
            tree[pid] = stats[pid]
        stack.extend(children.get(pid, []))
    return tree


def _tree_psutil(root: int) -> dict[int, tuple[int, float]]:
    import psutil

    tree = {}
    try:
        process = psutil.Process(root)
        members = [process, *process.children(recursive=True)]
    except psutil.NoSuchProcess:
        return tree
    for member in members:
        with contextlib.suppress(psutil.NoSuchProcess):
            times = member.cpu_times()
            tree[member.pid] = (member.memory_info().rss, times.user + times.system)
    return tree


def busy_cpu() -> float | None:
    """CPU seconds the whole machine has spent busy since boot (user, system, irq; /proc/stat), or None."""
    try:
        with open("/proc/stat", "rb") as handle:
            fields = [int(x) for x in handle.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    return (sum(fields[:3]) + sum(fields[5:8])) / os.sysconf("SC_CLK_TCK")  # not idle (3) or iowait (4)


def process_tree(root: int) -> dict[int, tuple[int, float]]:
    """{pid: (RSS bytes, CPU seconds)} of a process and its descendants (/proc on Linux, else psutil)."""
    return _tree_proc(root) if os.path.isdir("/proc/self") else _tree_psutil(root)


class TreeSampler(threading.Thread):
    """Samples a process tree every ``interval`` s: ``peak`` RSS of the tree, ``cpu`` seconds of its members.

    PSS is read at every sample for the first ``3 * pss_every`` samples (a short run's whole life),
    then every ``pss_every`` samples: the kernel walks each process's page tables for it, which
    at every sample cost the benchmark ~0.07 CPU s per second, taken from the runs it measures
    once their workers keep every core busy.
    """

    def __init__(self, pid: int, interval: float = 0.1, pss_every: int = 10) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval, self.pss_every, self.peak, self.peak_pss = pid, interval, pss_every, 0, 0
        self.cpu_by_pid: dict[int, float] = {}
        self.stopped = threading.Event()

    def run(self) -> None:
        samples = 0
        while not self.stopped.is_set():
            tree = process_tree(self.pid)
            self.peak = max(self.peak, sum(rss for rss, _ in tree.values()))
            if samples < 3 * self.pss_every or samples % self.pss_every == 0:
                self.peak_pss = max(self.peak_pss, sum(_pss(pid) for pid in tree))
            samples += 1
            for pid, (_, cpu) in tree.items():  # a process's last sample before it exits counts
                self.cpu_by_pid[pid] = cpu
            self.stopped.wait(self.interval)

    def stop(self) -> tuple[int, int, float]:
        self.stopped.set()
        self.join()
        return self.peak, self.peak_pss, sum(self.cpu_by_pid.values())


# -- corpus and runs -----------------------------------------------------------------------------
def ensure_corpus(directory: Path, articles: int, shard_size: int, seed: int) -> list[Path]:
    """Write the corpus unless a big enough one with the same seed and shard size is there."""
    info_file = directory / "_corpus.json"
    wanted = {"seed": seed, "shard_size": shard_size}
    if info_file.exists():
        info = json.loads(info_file.read_text())
        if {k: info[k] for k in wanted} == wanted and info["articles"] >= articles:
            return sorted(directory.glob("shard-*.jsonl"))
    shutil.rmtree(directory, ignore_errors=True)
    print(f"writing {articles:,} articles in shards of {shard_size:,} to {directory} ...", file=sys.stderr)
    started = time.perf_counter()
    paths = write_corpus(directory, articles, shard_size=shard_size, seed=seed)
    info_file.write_text(json.dumps({**wanted, "articles": articles}))
    print(f"  written in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return paths


# --dry: every Python process of the run starts with this sitecustomize, which swaps the extractor
# for one that finds nothing, before capexwatch.runner imports it.
DRY_SITECUSTOMIZE = """\
import capexwatch.extract
capexwatch.extract.extract_facts = lambda text, **hints: []
"""


def run_engine(engine: str, shards: list[Path], out: Path, *, workers: int, chunk_size: int,
               dry: bool = False) -> dict:
    """Run `capexwatch run` once; return its wall time, peak tree RSS and CPU, and what it reported."""
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, "-m", "capexwatch", "run", *map(str, shards), "--out", str(out),
               "--engine", engine, "--workers", str(workers), "--chunk-size", str(chunk_size)]
    env = dict(os.environ)
    if dry:
        site = out.parent / "dry-site"
        site.mkdir(exist_ok=True)
        (site / "sitecustomize.py").write_text(DRY_SITECUSTOMIZE)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(site), env.get("PYTHONPATH")]))
    machine_before = busy_cpu()
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                             start_new_session=True)
    sampler = TreeSampler(child.pid)
    sampler.start()
    try:
        stdout, stderr = child.communicate()
    except BaseException:  # Ctrl-C: stop the run (its process group, pool and cluster included)
        os.killpg(child.pid, 15)
        child.wait()
        raise
    seconds = time.perf_counter() - started
    peak, pss, cpu = sampler.stop()
    machine_after = busy_cpu()
    # CPU the rest of the machine used meanwhile (other users' work): the run's figures are only
    # clean when this is near 0.
    others = (machine_after - machine_before - cpu
              if machine_before is not None and machine_after is not None else float("nan"))
    if child.returncode != 0:
        raise SystemExit(f"{engine} failed ({child.returncode}):\n{stderr}")
    summary = stderr.strip().splitlines()[-1] if stderr.strip() else ""
    shutil.rmtree(out, ignore_errors=True)
    return {"seconds": seconds, "cpu": cpu, "peak": peak, "pss": pss, "others": max(0.0, others),
            "summary": summary, "stderr": stderr}


def main() -> None:
    parser = argparse.ArgumentParser(description="capexwatch run: throughput, speed-up and memory per engine")
    parser.add_argument("--articles", default="20000",
                        help="corpus size, or sizes separated by commas (e.g. 20000,1000000) [20000]")
    parser.add_argument("--shard-size", type=int, default=2_000, help="articles per JSONL shard [2000]")
    parser.add_argument("--engines", default=",".join(ENGINES), help="engines to run, comma-separated")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="workers for processes and dask [one per core]")
    parser.add_argument("--chunk-size", type=int, default=None,
                        help="documents per work unit [1000, less for small corpora: 4 units per worker at least]")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--dry", action="store_true",
                        help="orchestration only: the extractor finds nothing, so the runner's own speed and "
                             "memory can be measured at sizes the extractor would take hours on")
    parser.add_argument("--corpus-dir", type=Path, default=Path(tempfile.gettempdir()) / "capexwatch-scale-corpus",
                        help="where the corpus is written and reused")
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs of each engine, interleaved; the fastest is reported (a busy machine "
                             "only ever slows a run down) [1]")
    args = parser.parse_args()
    sizes = sorted({int(s.replace("_", "")) for s in args.articles.split(",")})
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    if "local" not in engines:
        print("note: without the local engine there is no one-process baseline for the speed-up", file=sys.stderr)
    shards = ensure_corpus(args.corpus_dir, sizes[-1], args.shard_size, args.seed)

    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    print(f"cores: {os.cpu_count()}, workers: {args.workers}, shard size: {args.shard_size:,}, "
          f"runs per engine: {args.repeat} (fastest shown), load average before: {load}")
    print(f"{'articles':>10} {'engine':<10} {'workers':>7} {'seconds':>8} {'articles/s':>11} "
          f"{'speed-up':>8} {'% ideal':>8} {'peak RSS MB':>11} {'peak PSS MB':>11} {'CPU s':>7} {'others s':>8}")
    with tempfile.TemporaryDirectory(prefix="capexwatch-scale-") as scratch:
        for size in sizes:
            subset = shards[: -(-size // args.shard_size)]
            # Small corpora get smaller units, so that every worker has several to do.
            chunk = args.chunk_size or min(1_000, max(1, -(-size // (4 * args.workers))))
            runs: dict[str, list[dict]] = {engine: [] for engine in engines}
            for attempt in range(args.repeat):
                for engine in engines:
                    workers = 1 if engine == "local" else args.workers
                    result = run_engine(engine, subset, Path(scratch) / engine, workers=workers, chunk_size=chunk,
                                        dry=args.dry)
                    runs[engine].append(result)
                    if args.repeat > 1:
                        print(f"{'':>10} run {attempt + 1} {engine}: {result['seconds']:.1f} s, "
                              f"CPU {result['cpu']:.1f} s, others {result['others']:.1f} s", file=sys.stderr)
            baseline = None
            for engine in engines:
                workers = 1 if engine == "local" else args.workers
                result = min(runs[engine], key=lambda r: r["seconds"])
                rate = size / result["seconds"]
                if engine == "local":
                    baseline = rate
                speedup = rate / baseline if baseline else float("nan")
                print(f"{size:>10,} {engine:<10} {workers:>7} {result['seconds']:>8.1f} {rate:>11,.0f} "
                      f"{speedup:>8.2f} {100 * speedup / workers:>7.0f}% {result['peak'] / 2**20:>11,.0f} "
                      f"{result['pss'] / 2**20:>11,.0f} {result['cpu']:>7.1f} {result['others']:>8.1f}",
                      flush=True)
                if result["summary"]:
                    print(f"{'':>10} {result['summary']}", file=sys.stderr)

if __name__ == "__main__":
    main()
