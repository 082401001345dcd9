"""Copy-detection benchmark: indexed search vs brute-force all-pairs comparison.

    python benchmarks/bench_copy.py [--quick] [--spinning data/spinning.tsv]

Materials are generated from the written corpus (deterministic seed): each follows the
paragraph roles of a random written material, every sentence is recombined from
clauses of sentences with the same role, then spun at a random rate up to 0.3. So
materials share stock phrases, as real ones do, without being copies of each other.
A batch of materials to check adds 10 % planted copies (verbatim, spun 0.3,
reordered, partial, mosaic) of library materials.

For each library size: indexing (time, peak memory, database size), checking the
batch against the library (ms per document, peak memory, recall of the planted
copies), and brute force: every library document aligned with the query, timed on a
subsample of pairs and extrapolated linearly (its cost is exactly linear). Each
stage runs in a fresh process so peak RSS belongs to it. Writes
benchmarks/results/copy.md.
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import random
import re
import resource
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from training import spin as gen  # noqa: E402
from training.copy_eval import normalised  # noqa: E402
from analyzer.copydetect import CopyDetector, Fingerprinter, align  # noqa: E402
from analyzer.resources import SPINNING_PATH, load_spinning  # noqa: E402
from training.corpus import load_corpus  # noqa: E402
from analyzer.library import Library  # noqa: E402

SEED = 20240601
CLAUSE = re.compile(r"[^，。；！？]+[，。；！？]?")


class Generator:
    """Deterministic materials recombined from the written corpus."""

    def __init__(self, table: dict):
        self.table = table
        self.skeletons = []
        self.sentences = defaultdict(list)
        self.clauses = defaultdict(list)
        for doc in load_corpus():
            if doc.path.parent.name != "written":
                continue
            texts = normalised(doc)
            self.skeletons.append([(p.role, len(gen.SENTENCE.findall(t))) for p, t in zip(doc.paragraphs, texts)])
            for p, text in zip(doc.paragraphs, texts):
                for sentence in gen.SENTENCE.findall(text):
                    self.sentences[p.role].append(sentence)
                    self.clauses[p.role] += CLAUSE.findall(sentence)

    def material(self, i: int) -> str:
        rng = random.Random(SEED * 1_000_003 + i)
        paras = []
        for role, n in rng.choice(self.skeletons):
            if role == "heading":
                paras.append(rng.choice(self.sentences[role]))
                continue
            sentences = []
            for _ in range(max(n, 1)):
                parts = CLAUSE.findall(rng.choice(self.sentences[role]))
                sentences.append("".join(c if rng.random() < 0.5 else rng.choice(self.clauses[role])
                                         for c in parts))
            paras.append("".join(sentences))
        return gen.spin(("m", paras), rng.uniform(0, 0.3), i, self.table).text

    def materials(self, start: int, count: int):
        for i in range(start, start + count):
            yield f"m{i:05d}", self.material(i)

    def batch(self, library_size: int, count: int) -> list[tuple[str, str, set[str]]]:
        """(name, text, planted sources >= 20 %) for the batch: new materials plus 10 % copies."""
        rng = random.Random(SEED + library_size)
        out = []
        kinds = ["verbatim", "spun", "reordered", "partial", "mosaic"]
        for j in range(count):
            name = f"q{j:05d}"
            if j % 10:
                out.append((name, self.material(10 ** 7 + j), set()))
                continue
            ids = rng.sample(range(library_size), 3)
            src = [gen.source(f"m{i:05d}", self.material(i)) for i in ids]
            kind = kinds[(j // 10) % len(kinds)]
            if kind == "verbatim":
                v = gen.verbatim(src[0])
            elif kind == "spun":
                v = gen.spin(src[0], 0.3, j, self.table)
            elif kind == "reordered":
                v = gen.reordered(src[0], j)
            elif kind == "partial":
                v = gen.partial(src[0], gen.source("new", self.material(10 ** 7 + j)), 0.4, j)
            else:
                v = gen.mosaic(src, j)
            out.append((name, v.text, {s for s, share in v.shares.items() if share >= 0.2 and s != "new"}))
        return out


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def stage_index(spinning: str, db: str, size: int) -> dict:
    table = load_spinning(spinning)
    materials = Generator(table)
    base = peak_mb()
    lib = Library(db, Fingerprinter(table))
    gen_time = 0.0
    t0 = time.perf_counter()
    stream = materials.materials(0, size)

    def timed():
        nonlocal gen_time
        while True:
            g0 = time.perf_counter()
            item = next(stream, None)
            gen_time += time.perf_counter() - g0
            if item is None:
                return
            yield item

    lib.add_many(timed())
    seconds = time.perf_counter() - t0 - gen_time
    lib.close()
    size_mb = sum(os.path.getsize(p) for p in Path(db).parent.glob(Path(db).name + "*")) / 2 ** 20
    return {"index_s": seconds, "index_mem": peak_mb() - base, "db_mb": size_mb}


def stage_check(spinning: str, db: str, size: int, batch: int) -> dict:
    table = load_spinning(spinning)
    materials = Generator(table)
    queries = materials.batch(size, batch)
    base = peak_mb()
    lib = Library(db, Fingerprinter(table))
    det = CopyDetector(table, None, lib)
    times, hits, wanted = [], 0, 0
    for name, text, truth in queries:
        t0 = time.perf_counter()
        result = det.check(name, text)
        times.append(1000 * (time.perf_counter() - t0))
        found = {s["source"] for s in result["sources"] if s["ratio"] >= 0.1}
        hits += len(truth & found)
        wanted += len(truth)
    times.sort()
    return {"check_ms": statistics.fmean(times), "check_p95": times[int(0.95 * (len(times) - 1))],
            "check_mem": peak_mb() - base, "recall": hits / max(wanted, 1)}


def stage_brute(spinning: str, db: str, size: int, queries: int, pairs: int) -> dict:
    """Align sampled queries with ``pairs`` library documents each (plus their planted
    sources); extrapolate the time to the whole library and compare what both find."""
    table = load_spinning(spinning)
    materials = Generator(table)
    batch = [q for q in materials.batch(size, 10 * queries) if q[2]][:queries]
    lib = Library(db, Fingerprinter(table))
    det = CopyDetector(table, None, lib)
    fp = det.fingerprinter
    names = [d["name"] for d in lib.list()]
    rng = random.Random(SEED)
    per_pair, brute_found, both = [], 0, 0
    for name, text, truth in batch:
        sample = sorted(set(rng.sample(names, min(pairs, len(names)))) | truth)
        t0 = time.perf_counter()
        q = fp.prepare(text)
        found = set()
        for other in sample:
            frags = align(q, fp.prepare(lib.get_text(other)), fp.k, det.min_len, det.gap)
            if sum(e - s for s, e, _, _ in frags) >= 0.1 * len(q.canon.text):
                found.add(other)
        per_pair.append((time.perf_counter() - t0) / len(sample))
        indexed = {s["source"] for s in det.check(name, text)["sources"] if s["ratio"] >= 0.1}
        brute_found += len(found)
        both += len(found & indexed)
    return {"brute_ms": 1000 * statistics.fmean(per_pair) * size, "brute_agree": both / max(brute_found, 1)}


def run(fn, *args) -> dict:
    with mp.get_context("spawn").Pool(1) as pool:
        return pool.apply(fn, args)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="bench_copy.py")
    parser.add_argument("--quick", action="store_true", help="small sizes (300, 1000; batch 100)")
    parser.add_argument("--spinning", default=str(SPINNING_PATH))
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "copy.md"))
    args = parser.parse_args(argv)
    sizes, batch = ((300, 1000), 100) if args.quick else ((1000, 3000, 10000), 1000)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            db = str(Path(tmp) / f"lib{size}.db")
            row = {"size": size}
            row.update(run(stage_index, args.spinning, db, size))
            row.update(run(stage_check, args.spinning, db, size, batch))
            row.update(run(stage_brute, args.spinning, db, size, 5, 300))
            rows.append(row)
            print(row, flush=True)
    lines = [
        "# Copy detection benchmark\n",
        f"`python benchmarks/bench_copy.py{' --quick' if args.quick else ''}` on {os.cpu_count()} cores, "
        f"one process; batch of {batch} materials (10 % planted copies) checked against each library.\n",
        "| library docs | index s | docs/s | index peak MB | DB MB | check ms/doc (mean / p95) "
        "| check peak MB | recall planted | brute force ms/doc | speed-up | brute-force sources found by index |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['size']} | {r['index_s']:.1f} | {r['size'] / r['index_s']:.0f} | {r['index_mem']:.0f} "
            f"| {r['db_mb']:.0f} | {r['check_ms']:.1f} / {r['check_p95']:.1f} | {r['check_mem']:.0f} "
            f"| {r['recall']:.3f} | {r['brute_ms']:.0f} | {r['brute_ms'] / r['check_ms']:.0f}× "
            f"| {r['brute_agree']:.3f} |")
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        grow = last["size"] / first["size"]
        lines += ["", f"From {first['size']} to {last['size']} documents ({grow:.0f}×): indexing time "
                  f"×{last['index_s'] / first['index_s']:.1f}, check time ×{last['check_ms'] / first['check_ms']:.1f}, "
                  f"brute force ×{last['brute_ms'] / first['brute_ms']:.1f}."]
    lines += ["", "Peak MB = growth of the stage's peak resident memory over the process after imports "
              "(generation streams, so the library is never held in memory). Brute force = aligning the "
              "query with every library document (texts read from the same database), timed on 300 "
              "random pairs per query (plus the planted sources) for 5 queries and extrapolated; a source counts "
              "when aligned fragments cover >= 10 % of the query, and the last column is the share of those that "
              "the indexed check also reports with ratio >= 0.1."]
    report = "\n".join(lines) + "\n"
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
