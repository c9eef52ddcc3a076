"""`newsclaims bench CORPUS`: how fast `newsclaims run` is, and what it spends beyond the parser.

For each process count asked for, in a temporary folder and a fresh warehouse:

1. `newsclaims run CORPUS` end to end, as a separate process: wall time, articles/s, and the
   peak memory of it and every process it starts (sampled with psutil; RSS summed over the
   processes, and PSS, which counts pages the processes share once);
2. bare `nlp.pipe` of the project's pipeline (the model and every project component) over the
   same texts (those the run stored as articles), with the same process count, timed from
   loading the pipeline to the last doc; and the ratio of the two (`--rounds R`: 1 and 2
   alternate R times and the fastest of each counts);
3. the run again with nothing new;
4. the run with 1% new articles added to the processed corpus, then with one more article.

`--repeat K` makes the corpus K times larger: copy 0 is the corpus itself, copies 1..K-1 are
JSONL files in the temporary folder holding every article with a line naming the copy appended,
so each has its own text and id. New articles for steps 3 and 4 are made the same way. Nothing
is written outside the temporary folder (and the `--json` file).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from assets.core.parts import read_current, table_rows
from assets.core.settings import default_model
from assets.core.workers import usable_cores
from assets.ingest.readers import Article, discover, read_path
from pipelines.profile import add_profile_option

SAMPLE_SECONDS = 0.25


def register(subparsers) -> None:
    bench = subparsers.add_parser(
        "bench",
        help="benchmark `newsclaims run` on a corpus against bare nlp.pipe",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    bench.add_argument("corpus", help="a folder or file of articles, as `newsclaims run` takes")
    bench.add_argument(
        "--n-process", type=int, nargs="+", default=[2], help="process counts to measure (default 2); e.g. 1 2"
    )
    bench.add_argument("--repeat", type=int, default=1, metavar="K", help="make the corpus K times larger")
    bench.add_argument("--json", metavar="FILE", help="also write the results as JSON to FILE")
    bench.add_argument("--model", default=None, help="spaCy model (default: en_core_web_sm if installed)")
    add_profile_option(bench)
    bench.add_argument("--no-bare", action="store_true", help="skip bare nlp.pipe (saves time on large corpora)")
    bench.add_argument("--no-incremental", action="store_true", help="skip the re-run, +1%% and +1 article runs")
    bench.add_argument(
        "--rounds", type=int, default=1, help="alternate the run and bare nlp.pipe this many times, keep the fastest"
    )
    bench.add_argument("--keep", metavar="DIR", help="keep the inputs and warehouses in DIR instead of a temp folder")
    bench.set_defaults(handler=_bench)


@dataclass
class Measured:
    seconds: float
    exit_code: int
    peak_rss_mb: float = 0.0
    peak_pss_mb: float = 0.0


@dataclass
class BenchRow:
    n_process: int
    articles: int = 0
    end_to_end_s: float = 0.0
    articles_per_s: float = 0.0
    exit_code: int = 0
    peak_rss_mb: float = 0.0
    peak_pss_mb: float = 0.0
    bare_s: float | None = None
    bare_load_s: float | None = None
    ratio: float | None = None
    rerun_s: float | None = None
    added_1pct_articles: int | None = None
    added_1pct_s: float | None = None
    added_1_s: float | None = None
    incremental_exit_codes: list[int] = field(default_factory=list)
    # every round's end-to-end and bare nlp.pipe times (the table shows the fastest of each)
    runs_s: list[float] = field(default_factory=list)
    bares_s: list[float] = field(default_factory=list)
    # 1-minute load average before each run and after its bare nlp.pipe: how shared the machine was
    load_average: list[float] = field(default_factory=list)


def _bench(args: argparse.Namespace) -> int:
    corpus = Path(args.corpus).resolve()
    if not corpus.exists():
        print(f"newsclaims bench: no such file or folder: {corpus}", file=sys.stderr)
        return 2
    root = Path(args.keep).resolve() if args.keep else Path(tempfile.mkdtemp(prefix="newsclaims-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    try:
        inputs = make_corpus(corpus, args.repeat, root / "inputs")
        rows = []
        for n in args.n_process:
            print(f"bench: n_process {n} …", file=sys.stderr)
            rows.append(bench_once(inputs, root / f"n{n}", n, args, corpus))
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    report = {
        "corpus": str(corpus),
        "repeat": args.repeat,
        "cores": _cores(),
        "load_average": os.getloadavg(),
        "rows": [asdict(r) for r in rows],
    }
    print(format_table(rows, corpus, args.repeat))
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2))
    return 0 if all(r.exit_code == 0 for r in rows) else 1


def make_corpus(corpus: Path, repeat: int, folder: Path) -> list[str]:
    """The paths to run: the corpus itself, plus `repeat - 1` JSONL copies with distinct texts."""
    paths = [str(corpus)]
    if repeat > 1:
        folder.mkdir(parents=True, exist_ok=True)
        articles = list(_read_articles(corpus))
        for k in range(1, repeat):
            path = folder / f"copy-{k:03d}.jsonl"
            _write_jsonl(path, articles, f"copy {k}")
            paths.append(str(path))
    return paths


def _read_articles(corpus: Path):
    for path in discover([corpus]):
        for item in read_path(path):
            if isinstance(item, Article):
                yield item


def _write_jsonl(path: Path, articles, marker: str) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for a in articles:
            row = {
                "id": f"{a.external_id or a.input_uri}#{marker}",
                "text": f"{a.text.rstrip()}\n\n(Benchmark {marker}.)\n",
                "title": a.title,
                "published_at": a.published_at.isoformat() if a.published_at else None,
                "url": a.url,
                "publisher": a.publisher,
            }
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def bench_once(inputs: list[str], folder: Path, n: int, args, corpus: Path) -> BenchRow:
    """One row of the table. With several rounds, the run and bare nlp.pipe alternate (each run
    in a fresh warehouse) and the fastest of each is kept: on a shared machine the minimum is the
    measurement least disturbed by others."""
    folder.mkdir(parents=True, exist_ok=True)
    row = BenchRow(n_process=n)
    warehouse = folder / "warehouse"
    for r in range(max(1, args.rounds)):
        warehouse = folder / (f"warehouse-{r}" if args.rounds > 1 else "warehouse")
        row.load_average.append(round(os.getloadavg()[0], 2))
        run = measure(_run_args(inputs, warehouse, n, args.model), folder / f"run-{r}.log")
        row.runs_s.append(run.seconds)
        row.exit_code = row.exit_code or run.exit_code
        row.peak_rss_mb = max(row.peak_rss_mb, run.peak_rss_mb)
        row.peak_pss_mb = max(row.peak_pss_mb, run.peak_pss_mb)
        row.articles = table_rows(warehouse, "articles")
        if not args.no_bare and row.articles:
            bare = _bare(warehouse, n, args.model)
            row.bares_s.append(bare["seconds"])
            row.bare_load_s = bare["load_seconds"]
        row.load_average.append(round(os.getloadavg()[0], 2))
    row.end_to_end_s = min(row.runs_s)
    row.articles_per_s = row.articles / row.end_to_end_s if row.end_to_end_s else 0.0
    if row.bares_s:
        row.bare_s = min(row.bares_s)
        row.ratio = row.end_to_end_s / row.bare_s
    if not args.no_incremental:
        again = measure(_run_args(inputs, warehouse, n, args.model), folder / "rerun.log")
        row.rerun_s = again.seconds
        added = folder / "added"
        added.mkdir(exist_ok=True)
        new = _new_articles(warehouse, max(1, round(row.articles / 100)) + 1)
        row.added_1pct_articles = len(new) - 1
        _write_jsonl(added / "added-1pct.jsonl", new[:-1], "addition")
        plus = measure(_run_args([*inputs, str(added)], warehouse, n, args.model), folder / "plus1pct.log")
        row.added_1pct_s = plus.seconds
        _write_jsonl(added / "added-1.jsonl", new[-1:], "single addition")
        one = measure(_run_args([*inputs, str(added)], warehouse, n, args.model), folder / "plus1.log")
        row.added_1_s = one.seconds
        row.incremental_exit_codes = [again.exit_code, plus.exit_code, one.exit_code]
    return row


def _run_args(paths: list[str], warehouse: Path, n: int, model: str | None) -> list[str]:
    command = [
        sys.executable,
        "-m",
        "pipelines.cli",
        "run",
        *paths,
        "--warehouse",
        str(warehouse),
        "--n-process",
        str(n),
    ]
    return [*command, "--model", model] if model else command


def _new_articles(warehouse: Path, n: int):
    """`n` articles of the processed corpus, as readers' Articles, to be re-fed with a marker."""
    table = read_current(warehouse, "articles", columns=["article_id", "input_uri", "text", "title"])
    rows = sorted(table.to_pylist(), key=lambda r: r["article_id"])[:n]
    return [Article(r["input_uri"], r["text"], title=r["title"], external_id=r["article_id"]) for r in rows]


def measure(command: list[str], log: Path) -> Measured:
    """Wall time of `command` as a fresh process, and the peak memory of its process tree."""
    env = {k: v for k, v in os.environ.items() if k != "DAGSTER_HOME"}  # an ephemeral instance
    peak = {"rss": 0, "pss": 0}
    started = time.perf_counter()
    with open(log, "wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
        done = threading.Event()
        sampler = threading.Thread(target=_sample, args=(process.pid, peak, done), daemon=True)
        sampler.start()
        code = process.wait()
        seconds = time.perf_counter() - started
        done.set()
        sampler.join(timeout=5)
    return Measured(seconds, code, peak["rss"] / 2**20, peak["pss"] / 2**20)


def _sample(pid: int, peak: dict, done: threading.Event) -> None:
    import psutil

    try:
        parent = psutil.Process(pid)
    except psutil.NoSuchProcess:
        return
    while not done.is_set():
        rss = pss = 0
        try:
            processes = [parent, *parent.children(recursive=True)]
        except psutil.NoSuchProcess:
            return
        for p in processes:
            try:
                info = p.memory_full_info()
            except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
                continue
            rss += info.rss
            pss += getattr(info, "pss", info.rss)
        peak["rss"], peak["pss"] = max(peak["rss"], rss), max(peak["pss"], pss)
        done.wait(SAMPLE_SECONDS)


def _bare(warehouse: Path, n: int, model: str | None) -> dict:
    """Bare nlp.pipe in a fresh process, over the texts the run stored."""
    command = [sys.executable, "-m", "pipelines.bench", str(warehouse / "articles.parquet"), str(n), model or ""]
    env = {k: v for k, v in os.environ.items() if k != "DAGSTER_HOME"}
    out = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def bare_pipe(articles: Path, n: int, model: str) -> dict:
    """Time loading the project's pipeline and running every text through `nlp.pipe`."""
    import pyarrow.parquet as pq

    # lazy: spaCy loads only when the bare pipeline is timed
    from assets.extract.pipeline import load_pipeline

    texts = pq.read_table(articles, columns=["text"]).column("text").to_pylist()
    started = time.perf_counter()
    nlp = load_pipeline(model or default_model())
    loaded = time.perf_counter()
    count = sum(1 for _ in nlp.pipe(texts, n_process=n, batch_size=64))
    finished = time.perf_counter()
    return {
        "texts": count,
        "load_seconds": loaded - started,
        "pipe_seconds": finished - loaded,
        "seconds": finished - started,
        "pipes": nlp.pipe_names,
    }


def format_table(rows: list[BenchRow], corpus: Path, repeat: int) -> str:
    def num(value, digits=1):
        return "–" if value is None else f"{value:,.{digits}f}"

    header = (
        "| n_process | articles | end-to-end s | articles/s | bare nlp.pipe s | ratio | peak RSS MB | peak PSS MB "
        "| re-run s | +1% s | +1 article s |"
    )
    lines = [
        f"corpus {corpus}{f' x{repeat}' if repeat > 1 else ''} on {_cores()} usable cores",
        "",
        header,
        "|" + "---|" * (header.count("|") - 1),
    ]
    for r in rows:
        plus = num(r.added_1pct_s) + (f" ({r.added_1pct_articles})" if r.added_1pct_articles else "")
        lines.append(
            f"| {r.n_process} | {r.articles:,} | {num(r.end_to_end_s)} | {num(r.articles_per_s)} | {num(r.bare_s)} "
            f"| {num(r.ratio, 2)} | {num(r.peak_rss_mb, 0)} | {num(r.peak_pss_mb, 0)} | {num(r.rerun_s)} | {plus} "
            f"| {num(r.added_1_s)} |"
        )
    rounds = max((len(r.runs_s) for r in rows), default=1)
    if rounds > 1:
        lines.append(f"end-to-end and bare nlp.pipe: the fastest of {rounds} alternating rounds (all in the JSON)")
    failed = [r for r in rows if r.exit_code or any(r.incremental_exit_codes)]
    for r in failed:
        lines.append(f"n_process {r.n_process}: a run exited {r.exit_code} {r.incremental_exit_codes} (see the logs)")
    return "\n".join(lines)


def _cores() -> int:
    return usable_cores()


if __name__ == "__main__":  # the bare nlp.pipe measurement, in a process of its own
    articles_path, n_process, model_name = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    print(json.dumps(bare_pipe(Path(articles_path), n_process, model_name)))
