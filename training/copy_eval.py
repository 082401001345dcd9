"""Evaluate copy detection honestly: ``python -m training.copy_eval`` (writes models/copy_eval.md).

What the detector never sees. The spinning table is split by a fixed rule
(:func:`analyzer.fingerprint.split_spinning`: the SHA-256 of the original word) into a
detector half and a held-apart half. The detector evaluated here knows only the detector
half; the test copies are spun with the held-apart half only, so every synonym in them is
one the detector has never seen (the shipped detector knows the whole table, so these
figures are a lower bound for synonyms in the table and an honest one for those outside).

Data. Library: every written material of the corpus (simplified script, as the pipeline
hands them over). Evaluated: the written materials of the test split, each turned into
variants: spun at 0.1–0.4 and 0.9 (heavy), reworded (clauses swapped, 的/了/地 dropped,
connectives added, 一是→首先, 30 % spun: :func:`training.spin.reword`), reordered,
partial (pasted into a material outside the library), mosaic (sentences of it and two
others); the corpus copy family (spun with the full table when it was built); and each
test material as it is (independent materials). Settings are chosen on the dev split only.

Metrics. True ratio = share of the variant's characters outside recognised quotations and
stock sentences that were taken from library sources, the same denominator as ``ratio``.
Error = |estimated − true| per variant (mean and worst). False links = library sources
with a ratio ≥ 0.1 reported for an independent material (none is true). Direction: pairs
(original, copy) inside one batch; a method falsely accuses when it names the original as
the copier. Baselines: character 5-grams (whitespace removed; a source is reported when
its containment |G(doc) ∩ G(src)| / |G(doc)| ≥ 0.1, the ratio is the containment in the
union of reported sources); for direction, the old report (each document names the other
as its source) and the larger-containment heuristic (the one with more of its text shared
is the copier).
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
from training import spin as gen
from analyzer.copydetect import CopyDetector
from training.corpus import load_corpus
from analyzer.fingerprint import Fingerprinter, split_spinning
from analyzer.library import Library
from analyzer.provenance import relate
from analyzer.resources import MODELS_DIR, SPINNING_PATH, load_spinning

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
    """Share of the characters outside quotations and stock sentences taken from the library."""
    text = variant.text
    taken = np.zeros(len(text), dtype=bool)
    for s, e, name in variant.spans:
        taken[s:e] |= name in in_library
    own = np.array([not ch.isspace() for ch in text], dtype=bool)
    for s, e in quoted:
        own[s:e] = False
    return float((taken & own).sum() / max(own.sum(), 1))


def normalised(doc) -> list[str]:
    """The paragraphs of a corpus document as the pipeline hands them over (simplified script)."""
    return ingest.from_text(doc.text, doc.id).text.split("\n")


def make_cases(docs: list, paras: dict, held: dict, seed: int = 11) -> list[dict]:
    """Variants of each evaluated document (spun with the held-apart half): kind, name,
    variant, names to skip."""
    rng = random.Random(seed)
    by_group = defaultdict(set)
    for d in docs:
        by_group[d.group].add(d.id)
    cases = []
    for n, d in enumerate(docs):
        src = (d.id, paras[d.id])
        others = [o for o in docs if o.group != d.group]
        for rate in (0.1, 0.2, 0.3, 0.4, 0.9):
            cases.append(("spun-%.1f" % rate, gen.spin(src, rate, n, held), set(), d.id))
        cases.append(("reworded", gen.reword(src, n, 0.3, held), set(), d.id))
        cases.append(("reordered", gen.reordered(src, n), set(), d.id))
        filler = rng.choice(others)
        v = gen.partial(src, (filler.id, paras[filler.id]), rng.uniform(0.2, 0.6), n)
        cases.append(("partial", v, by_group[filler.group], d.id))
        picks = rng.sample(others, 2)
        cases.append(("mosaic", gen.mosaic([src] + [(o.id, paras[o.id]) for o in picks], n), set(), d.id))
    return [{"kind": k, "name": f"variant{i}", "variant": v, "skip": s, "source": source}
            for i, (k, v, s, source) in enumerate(cases)]


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
        t0 = time.process_time()
        result = detector.check(case["name"], v.text, case["skip"])
        row = rows[case["kind"]]
        row["ms"].append(1000 * (time.process_time() - t0))
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
        out["links"].append(sum(s["ratio"] >= FOUND for s in result["sources"]))
        out["quoted"].append(result["quoted_ratio"])
        if lib_grams is not None:
            b_ratio, b_found = baseline(text, lib_grams, skip)
            out["b_ratio"].append(b_ratio)
            out["b_pair"].append(max(b_found.values() or [0]))
            out["b_links"].append(len(b_found))
    return out


def direction(detector_table: dict, cases: list[dict], paras: dict) -> dict:
    """Pairs (original, copy) checked as two documents of one batch, with and without dates.
    Counts, per method, how often the original is called the copier (a false accusation),
    the copier is named, or no direction is given."""
    out: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for case in cases:
        if case["kind"] in ("partial",):
            continue  # the partial copy's filler is another document: its pair is not one original
        original, copy = case["source"], case["variant"].text
        detector = CopyDetector(detector_table, None)
        detector.add_peer("original", "\n".join(paras[original]))
        detector.add_peer("copy", copy)
        r_copy = detector.check("copy", copy)["ratio"]
        r_orig = detector.check("original", "\n".join(paras[original]))["ratio"]
        out["old report: each names the other as its source"]["accuses the original"] += r_orig >= FOUND
        out["old report: each names the other as its source"]["names the copier"] += r_copy >= FOUND
        bigger = "copy" if r_copy > r_orig else "original" if r_orig > r_copy else None
        key = "larger-containment heuristic"
        out[key]["accuses the original" if bigger == "original" else "names the copier" if bigger else "none"] += 1
        for dated, meta in (("ours, no dates", ({}, {})), ("ours, dates known", ({"date": "2014-01-05"},
                                                                                  {"date": "2014-02-10"}))):
            rel = relate(meta[1], meta[0], "batch")  # the copy, with the original as its source
            said = rel["likely_source"]
            out[dated]["names the copier" if said == "source" else "accuses the original" if said == "document"
                       else "none"] += 1
        for counts in out.values():
            counts["pairs"] += 1
    return out


def mean(xs) -> float:
    return statistics.fmean(xs) if xs else float("nan")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m training.copy_eval")
    parser.add_argument("--spinning", default=str(SPINNING_PATH), help="spinning table (TSV)")
    parser.add_argument("--out", default=str(MODELS_DIR / "copy_eval.md"))
    args = parser.parse_args(argv)
    table = load_spinning(args.spinning)
    seen, held = split_spinning(table)
    corpus = load_corpus()
    written = [d for d in corpus if d.path.parent.name == "written"]
    copies = [d for d in corpus if d.path.parent.name == "copies"]
    evaluated = [d for d in written if d.split == "test"]
    tuning = [d for d in written if d.split == "dev"]
    paras = {d.id: normalised(d) for d in corpus}
    lines = ["# Copy detection evaluation\n",
             f"`python -m training.copy_eval`. Library: {len(written)} written materials; evaluated: "
             f"{len(evaluated)} written materials of the test split (settings chosen on the {len(tuning)} of "
             f"dev); copy family: {len(copies)} copies. Spinning table: {len(table)} originals, split by "
             f"`analyzer.fingerprint.split_spinning` into a detector half ({len(seen)}) and a held-apart half "
             f"({len(held)}); the detector below knows only its half, the test copies are spun with the other.\n"]
    with tempfile.TemporaryDirectory() as tmp:
        library = Library(Path(tmp) / "library.db", Fingerprinter(seen))
        library.add_many((d.id, "\n".join(paras[d.id])) for d in written)
        lib_grams = {d.id: grams("\n".join(paras[d.id])) for d in written}
        names = set(lib_grams)
        cases = make_cases(evaluated, paras, held)
        # main table ----------------------------------------------------------------
        detector = CopyDetector(seen, None, library)
        rows = evaluate(detector, cases, names, lib_grams)
        fam_detector = CopyDetector(seen, None, library)
        for d in copies:
            fam_detector.add_peer(d.id, "\n".join(paras[d.id]))
        rows.update(evaluate(fam_detector, family_cases(copies, paras), names, lib_grams))
        plain = CopyDetector(seen, None, library, paraphrase_min=1.01)
        without = evaluate(plain, cases, names, None)
        lines += ["## Copies: ratio error per variant (target: <= 0.10 on every variant)\n",
                  "| variant | n | MAE (ours) | worst (ours) | MAE without sentence alignment | MAE (5-gram) "
                  "| recall (ours) | recall (5-gram) | mean ratio est / true | CPU ms per check |",
                  "|---|---|---|---|---|---|---|---|---|---|"]
        for kind, r in rows.items():
            wo = f"{mean(without[kind]['err']):.3f}" if kind in without else "–"
            lines.append(f"| {kind} | {len(r['err'])} | {mean(r['err']):.3f} | {max(r['err']):.3f} | {wo} "
                         f"| {mean(r['b_err']):.3f} | {mean(r['recall']):.3f} | {mean(r['b_recall']):.3f} "
                         f"| {mean(r['est']):.3f} / {mean(r['truth']):.3f} | {mean(r['ms']):.1f} |")
        errs = [x for r in rows.values() for x in r["err"]]
        b_errs = [x for r in rows.values() for x in r["b_err"]]
        lines += [f"| **all** | {len(errs)} | **{mean(errs):.3f}** | {max(errs):.3f} | "
                  f"{mean([x for r in without.values() for x in r['err']]):.3f} | {mean(b_errs):.3f} "
                  f"| {mean([x for r in rows.values() for x in r['recall']]):.3f} "
                  f"| {mean([x for r in rows.values() for x in r['b_recall']]):.3f} | | |", ""]
        # independent materials ---------------------------------------------------------
        ind = independent(detector, evaluated, written, paras, lib_grams)
        ind_plain = independent(plain, evaluated, written, paras, None)
        lines += ["## Independent materials: false links (target: copy ratio < 0.1, no source >= 0.1)\n",
                  "| method | n | mean ratio | max ratio | share >= 0.1 | max single-source ratio "
                  "| false links (sources >= 0.1) | mean quoted |",
                  "|---|---|---|---|---|---|---|---|",
                  _ind_row("ours", ind["ratio"], ind["pair"], ind["links"], ind["quoted"]),
                  _ind_row("ours without sentence alignment", ind_plain["ratio"], ind_plain["pair"],
                           ind_plain["links"], ind_plain["quoted"]),
                  _ind_row("5-gram", ind["b_ratio"], ind["b_pair"], ind["b_links"], None), ""]
        # direction -----------------------------------------------------------------------
        pairs = direction(seen, cases, paras)
        lines += ["## Direction inside a batch: who is named the copier (pairs original + copy)\n",
                  "| method | pairs | accuses the original | names the copier | no direction |",
                  "|---|---|---|---|---|"]
        for method, c in pairs.items():
            lines.append(f"| {method} | {c['pairs']} | {c['accuses the original']} | {c['names the copier']} "
                         f"| {c['none']} |")
        lines += ["", "The old report named each document of a pair as the other's source, so it accused every "
                  "original whose text the copy kept (≥ 10 %). Ours names no direction without evidence and, with "
                  "dates, the earlier document; it cannot be wrong about direction unless the dates are.", ""]
        # settings chosen on dev -----------------------------------------------------------
        dev_cases = make_cases(tuning, paras, held)
        lines += ["## Choosing the sentence-alignment settings on the dev split "
                  "(defaults: paraphrase_min 0.5, paraphrase_seed 0.1, min_len 15, gap 2)\n",
                  "| paraphrase_min | paraphrase_seed | min_len | gap | MAE | worst variant MAE | reworded "
                  "| spun-0.9 | independent mean | independent max | share >= 0.1 | max single source |",
                  "|---|---|---|---|---|---|---|---|---|---|---|---|"]
        for pmin, seed, min_len, gap in [(1.01, 0.1, 15, 2), (0.7, 0.1, 15, 2), (0.6, 0.1, 15, 2),
                                         (0.5, 0.1, 15, 2), (0.4, 0.1, 15, 2), (0.5, 0.0, 15, 2),
                                         (0.5, 0.05, 15, 2), (0.5, 0.2, 15, 2), (0.5, 0.1, 20, 2)]:
            settings = {"paraphrase_min": pmin, "paraphrase_seed": seed, "min_len": min_len, "gap": gap}
            r = evaluate(CopyDetector(seen, None, library, **settings), dev_cases, names, None)
            i = independent(CopyDetector(seen, None, library, **settings), tuning, written, paras, None)
            err = [x for v in r.values() for x in v["err"]]
            worst = max(r, key=lambda kind: mean(r[kind]["err"]))
            lines.append(f"| {pmin if pmin <= 1 else 'off'} | {seed} | {min_len} | {gap} | {mean(err):.3f} "
                         f"| {mean(r[worst]['err']):.3f} ({worst}) | {mean(r['reworded']['err']):.3f} "
                         f"| {mean(r['spun-0.9']['err']):.3f} | {mean(i['ratio']):.3f} | {max(i['ratio']):.3f} "
                         f"| {mean([x >= 0.1 for x in i['ratio']]):.3f} | {max(i['pair']):.3f} |")
        library.close()
    lines += ["", "Chosen on dev: a source grows over reworded sentences only when its exact matches already "
              "cover 10 % of the document (paraphrase_seed 0.1); below that, materials on the same theme grew "
              "over each other's formulaic sentences (independent mean 0.025 -> 0.050 and a false link of 0.14 "
              "at seed 0), above it (0.2) more of the reworded copies are missed. With that seed the independent "
              "dev materials score exactly as without sentence alignment for any paraphrase_min from 0.4 to 0.7; 0.5 is the middle of the "
              "flat range of the copy errors. min_len 15 and gap 2 keep their earlier choice."]
    lines += ["", "What these numbers do not show: the variants are generated by our own rules (spin, reword, "
              "mosaic), not by people or commercial 伪原创 tools; summary-style rewriting (a passage retold in "
              "other words) is not among them and would be missed; the library is 200 materials written for "
              "this corpus, so stock formulations shared by thousands of real materials are under-represented."]
    report = "\n".join(lines) + "\n"
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(report, encoding="utf-8")
    print(report)


def _ind_row(name: str, ratio: list, pair: list, links: list, quoted: list | None) -> str:
    q = f"{mean(quoted):.3f}" if quoted else "–"
    return (f"| {name} | {len(ratio)} | {mean(ratio):.3f} | {max(ratio):.3f} "
            f"| {mean([x >= 0.1 for x in ratio]):.3f} | {max(pair):.3f} | {sum(links)} | {q} |")


if __name__ == "__main__":
    main(sys.argv[1:])
