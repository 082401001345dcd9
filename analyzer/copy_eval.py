"""Evaluate copy detection: ``python -m analyzer.copy_eval`` (writes models/copy_eval.md).

Texts are normalised as the pipeline does (``analyzer.ingest``: simplified script).
Library: every written material of the corpus. Evaluated: the written materials of the
held-out test split, each turned into variants (spun at 0.1–0.4, reordered, partial: its paragraphs pasted
into another material that is not in the library, mosaic: sentences of it and two
other materials), the copy family in ``data/corpus/copies`` (checked with the other
copies as batch peers), and each written material as it is (independent materials,
checked against the library without itself and its deep/shallow partner). The settings
sweep at the end (which chose ``min_len``, ``gap`` and the boilerplate floor) runs on the
dev split only, so the test figures are not tuned on.

Metrics: recall = share of true sources contributing >= 20 % that are reported with a
ratio >= 0.1; MAE = mean |estimated ratio - true ratio|, the true ratio being the
share of characters taken from library sources outside recognised quotations.
Baseline: plain character 5-grams (whitespace removed); a source is reported when
its 5-gram containment |G(doc) ∩ G(src)| / |G(doc)| is >= 0.1, and the ratio is the
containment in the union of the reported sources.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

from analyzer import ingest
from analyzer import spin as gen
from analyzer.copydetect import CopyDetector, Fingerprinter
from analyzer.resources import SPINNING_PATH, load_spinning
from analyzer.corpus import load_corpus
from analyzer.library import Library

MODELS = Path(__file__).resolve().parent.parent / "models"
FOUND, SOURCE_SHARE = 0.1, 0.2


def grams(text: str, n: int = 5) -> set[str]:
    text = "".join(text.split())
    return {text[i:i + n] for i in range(len(text) - n + 1)}


def baseline(text: str, library: dict[str, set[str]], skip: set[str]) -> tuple[float, dict[str, float]]:
    g = grams(text)
    if not g:
        return 0.0, {}
    found = {name: len(g & lib) / len(g) for name, lib in library.items() if name not in skip}
    found = {name: c for name, c in found.items() if c >= FOUND}
    union = set().union(*(library[n] for n in found)) if found else set()
    return len(g & union) / len(g), found


def true_ratio(variant: gen.Variant, in_library: set[str], quoted: list[tuple[int, int]]) -> float:
    text = variant.text
    mask = np.zeros(len(text), dtype=bool)
    for s, e, name in variant.spans:
        mask[s:e] |= name in in_library
    for s, e in quoted:
        mask[s:e] = False
    counted = np.array([not ch.isspace() for ch in text], dtype=bool)
    return float((mask & counted).sum() / max(counted.sum(), 1))


def normalised(doc) -> list[str]:
    """The paragraphs of a corpus document as the pipeline hands them over (simplified script)."""
    return ingest.from_text(doc.text, doc.id).text.split("\n")


def make_cases(docs: list, paras: dict, table: dict, seed: int = 11) -> list[dict]:
    """Variants of each evaluated document: kind, name, variant, names to skip."""
    rng = random.Random(seed)
    by_group = defaultdict(set)
    for d in docs:
        by_group[d.group].add(d.id)
    cases = []
    for n, d in enumerate(docs):
        src = (d.id, paras[d.id])
        others = [o for o in docs if o.group != d.group]
        for rate in (0.1, 0.2, 0.3, 0.4):
            cases.append(("spun-%.1f" % rate, gen.spin(src, rate, n, table), set()))
        cases.append(("reordered", gen.reordered(src, n), set()))
        filler = rng.choice(others)
        v = gen.partial(src, (filler.id, paras[filler.id]), rng.uniform(0.2, 0.6), n)
        cases.append(("partial", v, by_group[filler.group]))
        picks = rng.sample([o for o in others], 2)
        v = gen.mosaic([src] + [(o.id, paras[o.id]) for o in picks], n)
        cases.append(("mosaic", v, set()))
    return [{"kind": k, "name": f"variant{i}", "variant": v, "skip": s} for i, (k, v, s) in enumerate(cases)]


def family_cases(copies: list, paras: dict) -> list[dict]:
    """The corpus copies; every character of a copy comes from its (library) sources."""
    out = []
    for d in copies:
        v = gen.Variant(paras[d.id], [], {c["source"]: c["share"] for c in d.copy_of})
        v.spans = [(0, len(v.text), d.copy_of[0]["source"])]
        out.append({"kind": "family " + d.copy_of[0]["kind"], "name": d.id, "variant": v, "skip": set()})
    return out


def evaluate(detector: CopyDetector, cases: list[dict], names: set[str], lib_grams: dict | None) -> dict:
    """Per variant kind: recall, errors, estimates (and the baseline's with ``lib_grams``)."""
    rows: dict[str, dict] = defaultdict(lambda: defaultdict(list))
    for case in cases:
        v = case["variant"]
        truth = true_ratio(v, names - case["skip"], detector.quotations(v.text))
        t0 = time.perf_counter()
        result = detector.check(case["name"], v.text, case["skip"])
        row = rows[case["kind"]]
        row["ms"].append(1000 * (time.perf_counter() - t0))
        found = {s["source"] for s in result["sources"] if s["ratio"] >= FOUND}
        wanted = [name for name, share in v.shares.items() if share >= SOURCE_SHARE and name not in case["skip"]]
        row["recall"] += [name in found for name in wanted]
        row["err"].append(abs(result["ratio"] - truth))
        row["est"].append(result["ratio"])
        row["truth"].append(truth)
        if lib_grams is not None:
            b_ratio, b_found = baseline(v.text, lib_grams, case["skip"] | {case["name"]})
            row["b_recall"] += [name in b_found for name in wanted]
            row["b_err"].append(abs(b_ratio - truth))
    return rows


def independent(detector: CopyDetector, docs: list, written: list, paras: dict, lib_grams: dict | None) -> dict:
    """Each document against the library without itself and the rest of its group."""
    by_group = defaultdict(set)
    for d in written:
        by_group[d.group].add(d.id)
    out = defaultdict(list)
    for d in docs:
        skip = by_group[d.group] | {d.id}
        text = "\n".join(paras[d.id])
        result = detector.check(d.id, text, skip)
        out["ratio"].append(result["ratio"])
        out["pair"].append(max([s["ratio"] for s in result["sources"]] or [0]))
        out["quoted"].append(result["quoted_ratio"])
        if lib_grams is not None:
            b_ratio, b_found = baseline(text, lib_grams, skip)
            out["b_ratio"].append(b_ratio)
            out["b_pair"].append(max(b_found.values() or [0]))
    return out


def mean(xs) -> float:
    return statistics.fmean(xs) if xs else float("nan")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m analyzer.copy_eval")
    parser.add_argument("--spinning", default=str(SPINNING_PATH), help="spinning table (TSV)")
    parser.add_argument("--out", default=str(MODELS / "copy_eval.md"))
    args = parser.parse_args(argv)
    table = load_spinning(args.spinning)
    corpus = load_corpus()
    written = [d for d in corpus if d.path.parent.name == "written"]
    copies = [d for d in corpus if d.path.parent.name == "copies"]
    evaluated = [d for d in written if d.split == "test"]
    tuning = [d for d in written if d.split == "dev"]
    note = f"{len(evaluated)} written materials of the test split (settings swept on the {len(tuning)} of dev)"
    paras = {d.id: normalised(d) for d in corpus}
    fingerprinter = Fingerprinter(table)
    lines = ["# Copy detection evaluation\n",
             f"`python -m analyzer.copy_eval`. Library: {len(written)} written materials; evaluated: {note}; "
             f"copy family: {len(copies)} copies; spinning table: {len(table)} entries.\n"]
    with tempfile.TemporaryDirectory() as tmp:
        library = Library(Path(tmp) / "library.db", fingerprinter)
        library.add_many((d.id, "\n".join(paras[d.id])) for d in written)
        lib_grams = {d.id: grams("\n".join(paras[d.id])) for d in written}
        names = set(lib_grams)
        cases = make_cases(evaluated, paras, table)
        fam = family_cases(copies, paras)
        # main table ----------------------------------------------------------------
        detector = CopyDetector(table, None, library)
        rows = evaluate(detector, cases, names, lib_grams)
        fam_detector = CopyDetector(table, None, library)
        for d in copies:
            fam_detector.add_peer(d.id, "\n".join(paras[d.id]))
        rows.update(evaluate(fam_detector, fam, names, lib_grams))
        ind = independent(detector, evaluated, written, paras, lib_grams)
        lines += ["## Copies: recall of sources >= 20 % and error of the ratio\n",
                  "| variant | n | recall (ours) | recall (5-gram) | MAE (ours) | MAE (5-gram) "
                  "| mean ratio est / true | ms per check |",
                  "|---|---|---|---|---|---|---|---|"]
        for kind, r in rows.items():
            lines.append(f"| {kind} | {len(r['err'])} | {mean(r['recall']):.3f} | {mean(r['b_recall']):.3f} "
                         f"| {mean(r['err']):.3f} | {mean(r['b_err']):.3f} "
                         f"| {mean(r['est']):.3f} / {mean(r['truth']):.3f} | {mean(r['ms']):.1f} |")
        every = [x for r in rows.values() for x in r["recall"]]
        errs = [x for r in rows.values() for x in r["err"]]
        b_every = [x for r in rows.values() for x in r["b_recall"]]
        b_errs = [x for r in rows.values() for x in r["b_err"]]
        lines.append(f"| **all** | {len(errs)} | **{mean(every):.3f}** | {mean(b_every):.3f} "
                     f"| **{mean(errs):.3f}** | {mean(b_errs):.3f} | | |")
        lines += ["", "Targets: recall >= 0.95, MAE <= 0.1.", "",
                  "## Independent materials (target: copy ratio < 0.1)\n",
                  "| method | n | mean ratio | max ratio | share >= 0.1 | max single-source ratio | mean quoted |",
                  "|---|---|---|---|---|---|---|",
                  _ind_row("ours", ind["ratio"], ind["pair"], ind["quoted"]),
                  _ind_row("5-gram", ind["b_ratio"], ind["b_pair"], None), ""]
        # synonyms the table lacks ---------------------------------------------------
        rng = random.Random(5)
        half = {k: v for k, v in table.items() if rng.random() < 0.5}
        half_lib = Library(Path(tmp) / "half.db", Fingerprinter(half))
        half_lib.add_many((d.id, "\n".join(paras[d.id])) for d in written)
        spun = [c for c in cases if c["kind"] in ("spun-0.3", "spun-0.4")]
        r = evaluate(CopyDetector(half, None, half_lib), spun, names, lib_grams)
        lines += [f"## Spun copies when the detector knows only half of the table ({len(half)} of "
                  f"{len(table)} originals)\n",
                  "| variant | n | recall (ours) | recall (5-gram) | MAE (ours) | MAE (5-gram) |",
                  "|---|---|---|---|---|---|"]
        for kind, row in r.items():
            lines.append(f"| {kind} | {len(row['err'])} | {mean(row['recall']):.3f} | {mean(row['b_recall']):.3f} "
                         f"| {mean(row['err']):.3f} | {mean(row['b_err']):.3f} |")
        half_lib.close()
        # settings sweep --------------------------------------------------------------
        dev_cases = make_cases(tuning, paras, table)
        lines += ["", "## Choosing min_len, gap and the boilerplate floor on the dev split (defaults: 15, 2, 3)\n",
                  "| min_len | gap | m floor | recall | MAE | worst MAE (variant) | independent mean "
                  "| independent max | share >= 0.1 |",
                  "|---|---|---|---|---|---|---|---|---|"]
        for min_len, gap, floor in [(10, 2, 3), (12, 2, 3), (15, 0, 3), (15, 2, 3), (15, 4, 3), (20, 2, 3),
                                    (15, 2, 10), (15, 2, 40)]:
            settings = {"min_len": min_len, "gap": gap, "boiler_min_df": floor}
            r = evaluate(CopyDetector(table, None, library, **settings), dev_cases, names, None)
            fam_det = CopyDetector(table, None, library, **settings)
            for d in copies:
                fam_det.add_peer(d.id, "\n".join(paras[d.id]))
            r.update(evaluate(fam_det, fam, names, None))
            i = independent(CopyDetector(table, None, library, **settings), tuning, written, paras, None)
            rec = [x for v in r.values() for x in v["recall"]]
            err = [x for v in r.values() for x in v["err"]]
            worst = max(r, key=lambda kind: mean(r[kind]["err"]))
            lines.append(f"| {min_len} | {gap} | {floor} | {mean(rec):.3f} | {mean(err):.3f} "
                         f"| {mean(r[worst]['err']):.3f} ({worst}) | {mean(i['ratio']):.3f} | {max(i['ratio']):.3f} "
                         f"| {mean([x >= 0.1 for x in i['ratio']]):.3f} |")
        library.close()
    report = "\n".join(lines) + "\n"
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(report, encoding="utf-8")
    print(report)


def _ind_row(name: str, ratio: list, pair: list, quoted: list | None) -> str:
    q = f"{mean(quoted):.3f}" if quoted else "–"
    return (f"| {name} | {len(ratio)} | {mean(ratio):.3f} | {max(ratio):.3f} "
            f"| {mean([x >= 0.1 for x in ratio]):.3f} | {max(pair):.3f} | {q} |")


if __name__ == "__main__":
    main(sys.argv[1:])
