"""Score jingzi on the real-document evaluation set: ``python -m training.realdocs``.

The set is ``data/realdocs/index.csv``: one public web page per row (URL, the search
query that finds it again, the sha256 of the text as extracted, and our labels). The
texts themselves are never committed (the sources forbid copying); they live in the
git-ignored cache ``data/realdocs/cache/<id>.txt``. This script checks each cached
text against its sha256, runs :class:`analyzer.Analyzer` on it and reports kind
accuracy and confusion, coverage agreement (macro-F1 over covered / not covered),
"covered" verdicts without evidence, depth rank correlation with the guide grades and
the share of labelled noise lines judged as content — as a markdown table on stdout
and in ``models/realdocs.md``. How the set was built and how to re-find a missing
text: data/README.md, section "Real documents".
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import random
import sys
from collections import Counter
from pathlib import Path

from training.corpus import DATA_DIR
from analyzer.kinds import KINDS, MATERIAL_KINDS
from analyzer.resources import MODELS_DIR, load_rubric

CATEGORIES = load_rubric("four-styles").ids  # the real documents are judged by the four styles
SHAPES = {"clean", "run_on", "noisy", "excerpt", "traditional", "pdf_lines"}
NOT_JUDGED_ROLES = {"noise", "other"}
SUBSTANTIVE_ROLES = {"problem", "cause", "measure", "summary"}
REFOUND = {"same_query", "other_query", "once"}
BOOTSTRAP = 1000


def load_index(path: Path) -> list[dict]:
    """Rows of the index, validated: a bad label stops the run with the row's id."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    seen = set()
    for row in rows:
        rid = row["id"]
        problems = []
        if rid in seen:
            problems.append("duplicate id")
        seen.add(rid)
        if row["kind"] not in KINDS:
            problems.append(f"kind {row['kind']!r}")
        if row["covered"] and row["kind"] not in MATERIAL_KINDS:
            problems.append("covered given for a non-material")
        if row["kind"] in MATERIAL_KINDS and not row["covered"]:
            problems.append("a material needs covered (category ids or 'none')")
        if any(c not in CATEGORIES for c in covered_set(row)):
            problems.append(f"covered {row['covered']!r}")
        if row["depth"] and (row["kind"] not in {"personal", "collective"} or row["depth"] not in "12345"):
            problems.append(f"depth {row['depth']!r}")
        if not set(row["shape"].split(";")) <= SHAPES:
            problems.append(f"shape {row['shape']!r}")
        if row["refound"] not in REFOUND:
            problems.append(f"refound {row['refound']!r}")
        if problems:
            raise ValueError(f"index row {rid}: " + "; ".join(problems))
    return rows


def covered_set(row: dict) -> set[str]:
    return set() if row["covered"] in ("", "none") else set(row["covered"].split(";"))


def noise_line_set(row: dict) -> set[int]:
    return {int(x) for x in row["noise_lines"].split(";") if x.strip()}


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_cache(rows: list[dict], cache: Path) -> tuple[dict[str, str], list[str], list[str]]:
    """Cached texts whose sha256 matches the index; ids missing from the cache; ids whose text changed."""
    texts, missing, changed = {}, [], []
    for row in rows:
        path = cache / f"{row['id']}.txt"
        if not path.exists():
            missing.append(row["id"])
            continue
        text = path.read_text(encoding="utf-8")
        if text_sha256(text) != row["sha256"]:
            changed.append(row["id"])
            continue
        texts[row["id"]] = text
    return texts, missing, changed


def line_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the non-empty lines of ``text``; ``noise_lines`` counts these lines from 0."""
    spans, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def accepts_kind() -> bool:
    """Whether this build's ``Analyzer`` takes a forced document ``kind`` (the interface agreed for issue 13)."""
    import inspect

    from analyzer import Analyzer

    return "kind" in inspect.signature(Analyzer).parameters


def run_jingzi(texts: dict[str, str], kinds: dict[str, str] | None = None) -> dict[str, dict]:
    """Analyse each text; per id the report's JSON object and the non-empty lines of its normalised text.

    With ``kinds`` (id → kind id) every document is analysed as that kind (``Analyzer(kind=...)``).
    """
    from analyzer import Analyzer, ingest
    from analyzer.errors import JingziError

    analyzers: dict[str | None, Analyzer] = {}
    out = {}
    for rid, text in texts.items():
        kind = kinds[rid] if kinds else None
        if kind not in analyzers:
            analyzers[kind] = Analyzer(kind=kind) if kind else Analyzer()
        try:
            report = analyzers[kind].analyze(text, name=f"{rid}.txt").to_dict()
            lines = line_spans(ingest.from_text(text).text)
        except JingziError as exc:
            report, lines = {"error": exc.to_dict()}, []
        out[rid] = {"report": report, "lines": lines}
    return out


def macro_f1(gold: list[bool], pred: list[bool]) -> float | None:
    """Mean of the F1 of "covered" and the F1 of "not covered" (a class absent from both counts 1)."""
    if not gold:
        return None
    scores = []
    for cls in (True, False):
        tp = sum(g == cls and p == cls for g, p in zip(gold, pred))
        fp = sum(g != cls and p == cls for g, p in zip(gold, pred))
        fn = sum(g == cls and p != cls for g, p in zip(gold, pred))
        scores.append(1.0 if tp + fp + fn == 0 else 2 * tp / (2 * tp + fp + fn))
    return sum(scores) / 2


def spearman(xs: list[float], ys: list[float]) -> float | None:
    """Spearman's rho with average ranks for ties; None when undefined."""
    if len(xs) < 3:
        return None
    rx, ry = _ranks(xs), _ranks(ys)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    vx, vy = sum((a - mx) ** 2 for a in rx), sum((b - my) ** 2 for b in ry)
    return None if vx == 0 or vy == 0 else cov / (vx * vy) ** 0.5


def _ranks(values: list[float]) -> list[float]:
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def bootstrap_ci(units: list, statistic, seed: int = 0) -> tuple[float, float] | None:
    """95% percentile interval of ``statistic`` over documents resampled with replacement."""
    if len(units) < 3:
        return None
    rng = random.Random(seed)
    values = []
    for _ in range(BOOTSTRAP):
        value = statistic([rng.choice(units) for _ in units])
        if value is not None:
            values.append(value)
    if not values:
        return None
    values.sort()
    return values[int(0.025 * (len(values) - 1))], values[int(0.975 * (len(values) - 1))]


def _coverage_pairs(docs: list[tuple[dict, dict]]) -> tuple[list[bool], list[bool]]:
    gold, pred = [], []
    for row, report in docs:
        for cid in CATEGORIES:
            gold.append(cid in covered_set(row))
            pred.append(bool(report["coverage"].get(cid, {}).get("covered")))
    return gold, pred


def _coverage_f1(docs):
    return macro_f1(*_coverage_pairs(docs))


def _depth_rho(docs):
    return spearman([float(row["depth"]) for row, _ in docs], [r["depth"]["score"] for _, r in docs])


def score(rows: list[dict], results: dict[str, dict]) -> dict:
    """Every figure of the evaluation from the index rows and jingzi's results (``run_jingzi``)."""
    done = [(row, results[row["id"]]) for row in rows if row["id"] in results]
    failed = [row["id"] for row, res in done if "error" in res["report"]]
    done = [(row, res) for row, res in done if "error" not in res["report"]]
    reports = [(row, res["report"]) for row, res in done]
    out = {"n": len(reports), "failed": failed, "kinds": Counter(row["kind"] for row, _ in reports),
           "shapes": Counter(s for row, _ in reports for s in row["shape"].split(";"))}

    with_kind = [(row, r) for row, r in reports if r.get("kind")]
    out["kind_present"] = len(with_kind)
    out["kind_confusion"] = Counter((row["kind"], r["kind"]["id"]) for row, r in with_kind)
    out["kind_accuracy"] = (sum(row["kind"] == r["kind"]["id"] for row, r in with_kind) / len(with_kind)
                            if with_kind else None)
    non_materials = [(row, r) for row, r in reports if row["kind"] not in MATERIAL_KINDS]
    out["non_materials"] = len(non_materials)
    out["non_materials_scored"] = sorted(row["id"] for row, r in non_materials
                                         if r.get("coverage") is not None or r.get("depth") is not None)

    # a material that gets no coverage (the kind gate withheld it) counts as "nothing covered"
    labelled = [(row, r if r.get("coverage") else {**r, "coverage": {}}) for row, r in reports
                if row["kind"] in MATERIAL_KINDS]
    out["coverage"] = _by_shape(labelled, _coverage_f1)
    out["coverage_docs"] = len(labelled)
    gold_pairs = _coverage_pairs(labelled)[0]
    out["coverage_baseline_none"] = macro_f1(gold_pairs, [False] * len(gold_pairs))
    out["coverage_unscored"] = sorted(row["id"] for row, r in reports
                                      if row["kind"] in MATERIAL_KINDS and not r.get("coverage"))
    out["per_category"] = {}
    for cid in CATEGORIES:
        gold = [cid in covered_set(row) for row, _ in labelled]
        pred = [bool(r["coverage"].get(cid, {}).get("covered")) for _, r in labelled]
        out["per_category"][cid] = {"gold": sum(gold), "pred": sum(pred),
                                    "agree": sum(g == p for g, p in zip(gold, pred))}

    verdicts = []  # every "covered" verdict, on any document that got coverage
    for row, r in reports:
        roles = [p["role"] for p in r["paragraphs"]]
        for cid, entry in (r.get("coverage") or {}).items():
            if entry.get("covered"):
                evidence = entry.get("evidence") or []
                verdicts.append({"id": row["id"], "category": cid, "evidence": len(evidence),
                                 "headings_only": bool(evidence) and all(roles[i] == "heading" for i in evidence),
                                 "wrong": row["kind"] not in MATERIAL_KINDS or cid not in covered_set(row)})
    out["verdicts"] = len(verdicts)
    out["no_evidence"] = [v for v in verdicts if v["evidence"] == 0]
    out["headings_only"] = [v for v in verdicts if v["headings_only"]]
    out["wrong_verdicts"] = sum(v["wrong"] for v in verdicts)

    graded = [(row, r) for row, r in reports if row["depth"] and r.get("depth")]
    out["depth"] = _by_shape(graded, _depth_rho)
    out["depth_docs"] = len(graded)
    out["depth_baseline_length"] = spearman([float(row["depth"]) for row, _ in graded],
                                            [len("".join(p["text"] for p in r["paragraphs"])) for _, r in graded])

    noise_total, noise_judged, noise_substantive, examples = 0, 0, 0, []
    for row, res in done:
        wanted = noise_line_set(row)
        spans = res["lines"]
        for line in sorted(wanted):
            if line >= len(spans):
                raise ValueError(f"index row {row['id']}: noise line {line} but the text has {len(spans)} lines")
            s, e = spans[line]
            paras = [p for p in res["report"]["paragraphs"] if p["start"] < e and p["end"] > s]
            noise_total += 1
            judged = [p for p in paras if p["role"] not in NOT_JUDGED_ROLES or p.get("styles")]
            if judged:
                noise_judged += 1
                noise_substantive += any(p["role"] in SUBSTANTIVE_ROLES for p in judged)
                examples.append(f"{row['id']}:{line} → {judged[0]['role']}")
    out["noise_lines"], out["noise_judged"], out["noise_examples"] = noise_total, noise_judged, examples
    out["noise_substantive"] = noise_substantive
    # the other direction: a content line (not labelled noise) that jingzi wholly calls noise is text lost
    content_total, content_lost = 0, []
    for row, res in done:
        wanted = noise_line_set(row)
        for line, (s, e) in enumerate(res["lines"]):
            paras = [p for p in res["report"]["paragraphs"] if p["start"] < e and p["end"] > s]
            if line in wanted or not paras:
                continue
            content_total += 1
            if all(p["role"] == "noise" for p in paras):
                content_lost.append(f"{row['id']}:{line}")
    out["content_lines"], out["content_as_noise"] = content_total, content_lost
    return out


def run_kinds(texts: dict[str, str]) -> dict[str, dict]:
    """Only the document kind of each text (the quick mode ``--kinds-only``): per id the report's ``kind``
    object, or ``{"error": ...}`` when jingzi rejects the text."""
    from analyzer import ingest, modelstore
    from analyzer.errors import JingziError

    model = modelstore.load("kinds")
    out = {}
    for rid, text in texts.items():
        try:
            out[rid] = model.classify(ingest.from_text(text, name=f"{rid}.txt").text)
        except JingziError as exc:
            out[rid] = {"error": exc.to_dict()}
    return out


def score_kinds(rows: list[dict], kinds: dict[str, dict]) -> dict:
    """Kind accuracy, confusion and the non-materials given a material kind (so they would get coverage,
    summary and depth) from the index rows and :func:`run_kinds`."""
    done = [(row, kinds[row["id"]]) for row in rows if row["id"] in kinds and "id" in kinds[row["id"]]]
    non_materials = [(row, k) for row, k in done if row["kind"] not in MATERIAL_KINDS]
    materials = [(row, k) for row, k in done if row["kind"] in MATERIAL_KINDS]
    return {"n": len(done), "failed": sorted(row["id"] for row in rows if "error" in kinds.get(row["id"], {})),
            "kinds": Counter(row["kind"] for row, _ in done),
            "accuracy": sum(row["kind"] == k["id"] for row, k in done) / len(done) if done else None,
            "accuracy_ci": bootstrap_ci(done, lambda d: sum(r["kind"] == k["id"] for r, k in d) / len(d)),
            "confusion": Counter((row["kind"], k["id"]) for row, k in done),
            "non_materials": len(non_materials),
            "non_materials_scored": sorted(row["id"] for row, k in non_materials if k["id"] in MATERIAL_KINDS),
            "materials": len(materials),
            "materials_withheld": sorted(row["id"] for row, k in materials if k["id"] not in MATERIAL_KINDS),
            "errors": [(row["id"], row["kind"], k["id"], k["score"], row["note"]) for row, k in done
                       if row["kind"] != k["id"]]}


def render_kinds(out: dict, indexes: list[Path], today: str, errors: bool) -> str:
    """Markdown of :func:`score_kinds` on the pages of ``indexes``; with ``errors`` every misjudged page
    (development sets only)."""
    kinds = ", ".join(f"{k} {out['kinds'][k]}" for k in KINDS if out["kinds"][k])
    lines = [f"# Document kind on {', '.join(f'`{p.name}`' for p in indexes)} ({today})", "",
             f"{out['n']} pages ({kinds}); rejected by jingzi: {', '.join(out['failed']) or 'none'}.", "",
             "| measure | value |", "|---|---|",
             f"| kind accuracy (7 kinds) | {_fmt(out['accuracy'], out['accuracy_ci'])} |",
             f"| non-materials given a material kind (would get coverage/depth) | "
             f"{len(out['non_materials_scored'])} of {out['non_materials']} |",
             f"| materials (personal, collective, work_report) given a non-material kind | "
             f"{len(out['materials_withheld'])} of {out['materials']} |",
             "", "Confusion (rows: label, columns: jingzi):", "",
             "| label | " + " | ".join(KINDS) + " |", "|---" * (len(KINDS) + 1) + "|"]
    for gold in KINDS:
        if out["kinds"][gold]:
            lines.append(f"| {gold} | " + " | ".join(str(out["confusion"][(gold, p)]) for p in KINDS) + " |")
    if errors:
        lines += ["", "Misjudged pages (id: label → jingzi, score; note):", ""]
        lines += [f"- {rid}: {gold} → {pred} ({score}); {note}" for rid, gold, pred, score, note in out["errors"]]
    return "\n".join(lines) + "\n"


CONFIDENCE = {"sure", "borderline"}


def load_kind_readings(path: Path, index_ids: set[str]) -> list[dict]:
    """Rows of a second, blind reading of the kind alone (``id, kind, confidence, note``; ``confidence`` sure or
    borderline) for the pages of ``index_ids``: the file may cover several sets, so its other ids are left out."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        if row["kind"] not in KINDS or row["confidence"] not in CONFIDENCE:
            raise ValueError(f"kind reading {row['id']}: kind {row['kind']!r}, confidence {row['confidence']!r}")
    return [row for row in rows if row["id"] in index_ids]


def kind_agreement(rows: list[dict], kinds: dict[str, dict], second: list[dict]) -> dict:
    """How a second, blind reading of the kind agrees with the index's labels, and jingzi's kind (:func:`run_kinds`)
    on the pages the two readings agree on (labels a reader would not dispute) and on those they do not."""
    first = {row["id"]: row for row in rows}
    pairs = [(first[r["id"]], r, kinds[r["id"]]["id"]) for r in second if "id" in kinds.get(r["id"], {})]
    agreed = [(a, k) for a, b, k in pairs if a["kind"] == b["kind"]]
    differ = [(a, b, k) for a, b, k in pairs if a["kind"] != b["kind"]]
    non_materials = [(a, k) for a, k in agreed if a["kind"] not in MATERIAL_KINDS]

    def share(part):
        return sum(a["kind"] == b["kind"] for a, b, _ in part) / len(part) if part else None

    return {"n": len(pairs), "agree": share(pairs),
            "kappa": cohen_kappa([a["kind"] for a, _, _ in pairs], [b["kind"] for _, b, _ in pairs]),
            "by_confidence": {c: (share(part), len(part)) for c in sorted(CONFIDENCE)
                              for part in [[p for p in pairs if p[1]["confidence"] == c]]},
            "agreed": len(agreed),
            "jingzi_agreed": sum(a["kind"] == k for a, k in agreed) / len(agreed) if agreed else None,
            "jingzi_agreed_ci": bootstrap_ci(agreed, lambda d: sum(a["kind"] == k for a, k in d) / len(d)),
            "agreed_leaks": (sum(k in MATERIAL_KINDS for _, k in non_materials), len(non_materials)),
            "differ": len(differ),
            "jingzi_differ": Counter("first" if k == a["kind"] else "second" if k == b["kind"] else "neither"
                                     for a, b, k in differ),
            "disagreements": Counter((a["kind"], b["kind"]) for a, b, _ in differ)}


def render_kind_agreement(out: dict, path: Path) -> str:
    """Markdown of :func:`kind_agreement`."""
    conf = "; ".join(f"{c} {_fmt(share)} of {n}" for c, (share, n) in out["by_confidence"].items())
    jd = out["jingzi_differ"]
    lines = ["", f"Against a second, blind reading of the kind (`{path.name}`):", "",
             "| measure | value |", "|---|---|",
             f"| pages read twice | {out['n']} |",
             f"| the readings agree (Cohen's kappa) | {_fmt(out['agree'])} ({_fmt(out['kappa'])}) |",
             f"| agreement by the second reader's confidence | {conf} |",
             f"| jingzi on the {out['agreed']} pages both readings agree on | "
             f"{_fmt(out['jingzi_agreed'], out['jingzi_agreed_ci'])}; non-materials given a material kind "
             f"{out['agreed_leaks'][0]} of {out['agreed_leaks'][1]} |",
             f"| jingzi on the {out['differ']} pages they differ on: as the first / the second reading / neither | "
             f"{jd['first']} / {jd['second']} / {jd['neither']} |",
             "", "Where the readings differ (first → second: pages): "
             + "; ".join(f"{a} → {b}: {n}" for (a, b), n in out["disagreements"].most_common())]
    return "\n".join(lines) + "\n"


def runon_breaks(rows: list[dict], texts: dict[str, str], slack: int = 2) -> dict:
    """Each page's content lines (not labelled noise; pages with three or more) pasted into one line,
    as a chat or a careless copy delivers them: how many of the page's line breaks jingzi's paragraph
    cuts find (within ``slack`` characters), and how many cuts fall where the page had no break (a
    cut inside a long paragraph is not wrong in itself: several paragraphs of the page are long)."""
    from analyzer import ingest
    from analyzer.errors import JingziError
    from analyzer.pipeline import paragraphs

    def normal(line: str) -> str:  # a content line without Chinese (a table's row number: 1 |) adds nothing
        try:
            return ingest.from_text(line).text.strip()
        except JingziError:
            return ""

    pages = found = breaks = cuts_total = cuts_at_break = 0
    for row in rows:
        if row["id"] not in texts:
            continue
        noise = noise_line_set(row)
        lines = [ln for ln in texts[row["id"]].split("\n") if ln.strip()]
        content = [t for i, ln in enumerate(lines) if i not in noise and (t := normal(ln))]
        if len(content) < 3:
            continue
        pages += 1
        gold, at = set(), 0
        for line in content[:-1]:
            at += len(line)
            gold.add(at)
        cuts = {p.start for p in paragraphs(ingest.from_text("".join(content)))} - {0}
        found += sum(any(abs(c - g) <= slack for c in cuts) for g in gold)
        breaks += len(gold)
        cuts_total += len(cuts)
        cuts_at_break += sum(any(abs(c - g) <= slack for g in gold) for c in cuts)
    return {"pages": pages, "breaks": breaks, "found": found, "cuts": cuts_total, "cuts_at_break": cuts_at_break}


def runon_noise(rows: list[dict], texts: dict[str, str], least: int = 4) -> dict:
    """Each page with labelled noise lines and content lines pasted into one line, noise and all (a
    page copied without its line breaks): how many noise lines have ``least`` or more characters in
    judged paragraphs (any role but noise/other, or a style), and how many content lines have
    ``least`` or more characters in noise paragraphs (material text lost); ``examples`` names them
    (id:line), for the development indexes."""
    from analyzer import Analyzer, ingest
    from analyzer.errors import JingziError

    analyzer = Analyzer()
    out = {"pages": 0, "noise_lines": 0, "noise_judged": 0, "content_lines": 0, "content_lost": 0, "examples": []}
    for row in rows:
        if row["id"] not in texts:
            continue
        noise = noise_line_set(row)
        try:
            normal = ingest.from_text(texts[row["id"]]).text
            lines = [normal[s:e].strip() for s, e in line_spans(normal)]
            if not noise or len(noise) == len(lines):
                continue
            report = analyzer.analyze("".join(lines), name=f"{row['id']}.txt").to_dict()
        except JingziError:
            continue
        out["pages"] += 1
        judged = [False] * sum(map(len, lines))
        as_noise = list(judged)
        for p in report["paragraphs"]:
            flags = judged if p["role"] not in NOT_JUDGED_ROLES or p.get("styles") else \
                as_noise if p["role"] == "noise" else None
            if flags is not None:
                flags[p["start"]:p["end"]] = [True] * (p["end"] - p["start"])
        at = 0
        for k, line in enumerate(lines):
            span = range(at, at + len(line))
            at += len(line)
            if k in noise:
                out["noise_lines"] += 1
                if sum(judged[i] for i in span) >= least:
                    out["noise_judged"] += 1
                    out["examples"].append(f"{row['id']}:{k} judged")
            else:
                out["content_lines"] += 1
                if sum(as_noise[i] for i in span) >= least:
                    out["content_lost"] += 1
                    out["examples"].append(f"{row['id']}:{k} lost")
    return out


PRIOR = {"none", "seen", "same_annotator"}


def load_agreement(path: Path, index_ids: set[str]) -> list[dict]:
    """Rows of a second labelling (id, kind, covered, depth, prior, note), validated like the index.

    ``prior`` says what the second annotator knew of the first labels: ``none`` (labelled blind), ``seen``
    (had seen them) or ``same_annotator`` (the second annotator made the first labels too).
    """
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        problems = []
        if row["id"] not in index_ids:
            problems.append("id not in the index")
        if row["kind"] not in KINDS:
            problems.append(f"kind {row['kind']!r}")
        if (row["kind"] in MATERIAL_KINDS) != bool(row["covered"]):
            problems.append("covered must be given for a material (personal, collective, work_report) only")
        if any(c not in CATEGORIES for c in covered_set(row)):
            problems.append(f"covered {row['covered']!r}")
        if row["depth"] and (row["kind"] not in {"personal", "collective"} or row["depth"] not in "12345"):
            problems.append(f"depth {row['depth']!r}")
        if row["prior"] not in PRIOR:
            problems.append(f"prior {row['prior']!r}")
        if problems:
            raise ValueError(f"agreement row {row['id']}: " + "; ".join(problems))
    return rows


def cohen_kappa(first: list, second: list) -> float | None:
    """Cohen's kappa of two labellings of the same items; None when undefined (no items, or chance agreement 1)."""
    if not first:
        return None
    n = len(first)
    observed = sum(a == b for a, b in zip(first, second)) / n
    count_a, count_b = Counter(first), Counter(second)
    expected = sum(count_a[c] * count_b[c] for c in count_a) / (n * n)
    return None if expected == 1 else (observed - expected) / (1 - expected)


def quadratic_kappa(first: list[int], second: list[int], grades: range = range(1, 6)) -> float | None:
    """Quadratic-weighted kappa of two gradings on ``grades``; None when undefined."""
    if not first:
        return None
    n, span = len(first), (max(grades) - min(grades)) ** 2
    weight = lambda a, b: (a - b) ** 2 / span  # noqa: E731
    observed = sum(weight(a, b) for a, b in zip(first, second)) / n
    count_a, count_b = Counter(first), Counter(second)
    expected = sum(count_a[a] * count_b[b] * weight(a, b) for a in grades for b in grades) / (n * n)
    return None if expected == 0 else 1 - observed / expected


def agreement(first: list[dict], second: list[dict]) -> dict:
    """Agreement of a second labelling (rows of agreement.csv) with the index's first labels, on the same ids.

    Kind: accuracy and Cohen's kappa over the seven kinds. Covered: per category Cohen's kappa on the pages
    both labellings call a material (personal, collective, work_report). Depth: quadratic-weighted kappa on the
    pages both grade. ``disagreements`` lists every id where the two differ, with both labels.
    """
    by_id = {row["id"]: row for row in first}
    pairs = [(by_id[row["id"]], row) for row in second]
    out = {"n": len(pairs),
           "kind_accuracy": sum(a["kind"] == b["kind"] for a, b in pairs) / len(pairs) if pairs else None,
           "kind_kappa": cohen_kappa([a["kind"] for a, _ in pairs], [b["kind"] for _, b in pairs])}
    materials = [(a, b) for a, b in pairs if a["kind"] in MATERIAL_KINDS and b["kind"] in MATERIAL_KINDS]
    out["materials"] = len(materials)
    out["covered_kappa"] = {cid: (cohen_kappa([cid in covered_set(a) for a, _ in materials],
                                              [cid in covered_set(b) for _, b in materials]),
                                  sum(cid in covered_set(a) for a, _ in materials),
                                  sum(cid in covered_set(b) for _, b in materials)) for cid in CATEGORIES}
    graded = [(a, b) for a, b in pairs if a["depth"] and b["depth"]]
    out["graded"] = len(graded)
    out["depth_kappa"] = quadratic_kappa([int(a["depth"]) for a, _ in graded], [int(b["depth"]) for _, b in graded])
    out["depth_exact"] = sum(a["depth"] == b["depth"] for a, b in graded)
    out["disagreements"] = [(a["id"], _labels(a), _labels(b)) for a, b in pairs if _labels(a) != _labels(b)]
    return out


def _labels(row: dict) -> str:
    return "/".join(x for x in (row["kind"], row["covered"], row["depth"]) if x)


def render_agreement(first: list[dict], second: list[dict]) -> str:
    """Markdown: agreement on every doubly labelled page, and on the pages labelled blind (``prior`` none)."""
    blind = [row for row in second if row["prior"] == "none"]
    lines = ["| measure | all doubly labelled | labelled blind |", "|---|---|---|"]
    both = agreement(first, second), agreement(first, blind)
    lines.append("| pages | " + " | ".join(str(a["n"]) for a in both) + " |")
    lines.append("| kind accuracy | " + " | ".join(_fmt(a["kind_accuracy"]) for a in both) + " |")
    lines.append("| kind Cohen's kappa (7 kinds) | " + " | ".join(_fmt(a["kind_kappa"]) for a in both) + " |")
    lines.append("| pages both call a material | " + " | ".join(str(a["materials"]) for a in both) + " |")
    for cid in CATEGORIES:
        lines.append(f"| covered {cid}: kappa (first / second labelled covered) | "
                     + " | ".join(f"{_fmt(a['covered_kappa'][cid][0])} ({a['covered_kappa'][cid][1]} / "
                                  f"{a['covered_kappa'][cid][2]})" for a in both) + " |")
    lines.append("| depth: quadratic-weighted kappa (exact matches / pages both graded) | "
                 + " | ".join(f"{_fmt(a['depth_kappa'])} ({a['depth_exact']} / {a['graded']})" for a in both) + " |")
    lines += ["", "Disagreements (id: first labels → second labels): "
              + "; ".join(f"{rid}: {a} → {b}" for rid, a, b in both[0]["disagreements"])]
    return "\n".join(lines) + "\n"


def _by_shape(docs: list[tuple[dict, dict]], statistic) -> dict:
    """The statistic on all documents (with a bootstrap interval) and on each shape's subset."""
    result = {"all": (statistic(docs), bootstrap_ci(docs, statistic), len(docs))}
    for shape in sorted(SHAPES):
        subset = [(row, r) for row, r in docs if shape in row["shape"].split(";")]
        if subset:
            result[shape] = (statistic(subset), None, len(subset))
    return result


def _fmt(value, ci=None) -> str:
    if value is None:
        return "–"
    text = f"{value:.3f}"
    return text + (f" [{ci[0]:.2f}, {ci[1]:.2f}]" if ci else "")


def render(out: dict, rows: list[dict], missing: list[str], changed: list[str], today: str,
           second_labelling: str | None = None, index_name: str = "index.csv") -> str:
    """The markdown report (the same text goes to stdout and models/realdocs.md).

    ``second_labelling`` is the agreement table of :func:`render_agreement`, appended when given.
    """
    kinds = ", ".join(f"{k} {out['kinds'][k]}" for k in KINDS if out["kinds"][k])
    refound = Counter(row["refound"] for row in rows)
    size = len(rows)
    lines = [
        "# jingzi on real public documents",
        "",
        f"Run {today} on {out['n']} of the {size} documents of `data/realdocs/{index_name}` "
        f"({kinds}). Not scored: {len(missing)} missing from the cache, {len(changed)} whose cached text no longer "
        f"matches its sha256, {len(out['failed'])} rejected by jingzi{': ' + ', '.join(out['failed']) if out['failed'] else ''}.",
        "Reproduce: `python -m training.realdocs` (needs the local text cache; see data/README.md, \"Real documents\").",
        f"Re-finding when built: {refound['same_query']} pages came back at the same rank with the same opening when "
        f"their query was run again, {refound['other_query']} came back identically under another query, "
        f"{refound['once']} were seen once.",
        "Intervals are 95% bootstrap intervals over documents (1000 resamples, seed 0); with sets this small they are wide.",
        "",
        "| measure | value | documents |",
        "|---|---|---|",
    ]
    if out["kind_present"]:
        lines.append(f"| kind accuracy (7 kinds) | {_fmt(out['kind_accuracy'])} | {out['kind_present']} |")
    else:
        lines.append("| kind accuracy (7 kinds) | not measured: this build gives no `kind` | – |")
    lines.append(f"| non-materials given material scores (coverage/depth) | {len(out['non_materials_scored'])} of "
                 f"{out['non_materials']} | {out['non_materials']} |")
    for shape, (value, ci, n) in out["coverage"].items():
        label = "all" if shape == "all" else f"shape {shape}"
        lines.append(f"| coverage macro-F1, covered / not covered ({label}) | {_fmt(value, ci)} | {n} |")
    lines.append(f"| baseline: \"nothing covered\" macro-F1 (all) | {_fmt(out['coverage_baseline_none'])} | "
                 f"{out['coverage_docs']} |")
    lines.append(f"| \"covered\" verdicts with no evidence | {len(out['no_evidence'])} of {out['verdicts']} "
                 f"({sum(v['wrong'] for v in out['no_evidence'])} of them wrong) | – |")
    lines.append(f"| \"covered\" verdicts whose only evidence is headings | {len(out['headings_only'])} of "
                 f"{out['verdicts']} | – |")
    lines.append(f"| \"covered\" verdicts against our labels (incl. on non-materials) | {out['wrong_verdicts']} of "
                 f"{out['verdicts']} | – |")
    for shape, (value, ci, n) in out["depth"].items():
        label = "all" if shape == "all" else f"shape {shape}"
        lines.append(f"| depth Spearman ρ with guide grades ({label}) | {_fmt(value, ci)} | {n} |")
    lines.append(f"| baseline: text length, Spearman ρ with guide grades | {_fmt(out['depth_baseline_length'])} | "
                 f"{out['depth_docs']} |")
    share = out["noise_judged"] / out["noise_lines"] if out["noise_lines"] else None
    lines.append(f"| labelled noise lines judged as content (any role but noise/other, or a style) | "
                 f"{out['noise_judged']} of {out['noise_lines']} ({_fmt(share)}) | – |")
    lines.append(f"| … of them as a problem, cause, measure or summary | {out['noise_substantive']} of "
                 f"{out['noise_lines']} | – |")
    lines.append(f"| content lines (not labelled noise) judged wholly as noise | {len(out['content_as_noise'])} of "
                 f"{out['content_lines']} | – |")
    lines += ["", "Coverage per category (documents labelled covered / judged covered / agreeing):", "",
              "| category | labelled | judged | agree |", "|---|---|---|---|"]
    for cid, c in out["per_category"].items():
        lines.append(f"| {cid} | {c['gold']} | {c['pred']} | {c['agree']} of {out['coverage_docs']} |")
    if out["kind_present"]:
        seen = {p for _, p in out["kind_confusion"]}
        predicted = [k for k in KINDS if k in seen] + sorted(seen - set(KINDS))
        lines += ["", "Kind confusion (rows: our label, columns: jingzi):", "",
                  "| label | " + " | ".join(predicted) + " |", "|---" * (len(predicted) + 1) + "|"]
        for gold in KINDS:
            if out["kinds"][gold]:
                lines.append(f"| {gold} | " + " | ".join(str(out["kind_confusion"][(gold, p)]) for p in predicted)
                             + " |")
    else:
        lines += ["", "Kind: the analysed reports carry no `kind` field, so kind accuracy and confusion are not "
                  "measured; every document was judged as a material, which is what the row on non-materials counts."]
    if out["coverage_unscored"]:
        lines += ["", "Materials given no coverage (the kind gate withheld it; counted as nothing covered): "
                  + ", ".join(out["coverage_unscored"])]
    if out["noise_examples"]:
        lines += ["", "Noise lines judged as content (id:line → role): " + "; ".join(out["noise_examples"])]
    if out["content_as_noise"]:
        lines += ["", "Content lines judged as noise (id:line): " + "; ".join(out["content_as_noise"])]
    chars = sorted(int(row["chars"]) for row in rows if row["chars"])
    extent = f"{chars[0]}–{chars[-1]} characters, median {chars[len(chars) // 2]}" if chars else "short"
    lines += ["", "What these numbers do and do not show: the pages are public 范文/news/guide pages found by "
              f"search, cut to the opening lines of the search tool's page excerpt ({extent}; long materials are "
              "judged on their opening part), labelled by one annotator"
              + (" and a sample of them a second time (below)" if second_labelling else "")
              + "; they show how jingzi behaves on real "
              "text shapes and kinds, not its accuracy on the drafts a review office receives."]
    if second_labelling:
        lines += ["", "## Second labelling", "",
                  "A random sample of the index labelled again from the cached text alone "
                  "(`data/realdocs/agreement.csv`; `python -m training.realdocs --agreement`). \"Labelled blind\" "
                  "leaves out pages whose first labels the second annotator had seen or made.", "",
                  second_labelling.rstrip("\n")]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score jingzi on the real-document evaluation set.")
    parser.add_argument("--index", type=Path, nargs="+", default=[DATA_DIR / "realdocs" / "index.csv"],
                        help="the index to score; with --kinds-only several development indexes may be given and are "
                             "scored together")
    parser.add_argument("--cache", type=Path, default=DATA_DIR / "realdocs" / "cache")
    parser.add_argument("--out", type=Path, default=MODELS_DIR / "realdocs.md",
                        help="where to write the markdown report (also printed); a development index given with "
                             "--index is only printed unless --out is given")
    parser.add_argument("--no-write", action="store_true", help="print the report only")
    parser.add_argument("--gold-kind", action="store_true",
                        help="analyse each page as its labelled kind (Analyzer(kind=...)) to separate coverage and "
                             "depth errors from kind errors; implies --no-write")
    parser.add_argument("--kinds-only", action="store_true",
                        help="quick mode: classify the document kind only (no coverage, depth or noise); implies "
                             "--no-write")
    parser.add_argument("--errors", action="store_true",
                        help="with --kinds-only, list every misjudged page; refused on the test set "
                             "(data/realdocs/index.csv), whose per-document errors are not to be read")
    parser.add_argument("--agreement", type=Path, nargs="?", const=DATA_DIR / "realdocs" / "agreement.csv",
                        metavar="CSV", help="compare a second labelling (default data/realdocs/agreement.csv) with "
                                            "the index's labels and print the agreement; runs no analysis")
    parser.add_argument("--kind-readings", type=Path, metavar="CSV",
                        help="with --kinds-only, a second blind reading of the kind (id, kind, confidence, note; "
                             "data/realdocs/kind_readings.csv): how it agrees with the labels, and jingzi on the pages "
                             "both readings agree on")
    parser.add_argument("--runon", action="store_true",
                        help="paste each page's content lines into one line and report how many of its line breaks "
                             "jingzi's paragraph cuts find; on a development index also paste each page with its noise "
                             "into one line and report the noise judged and the content lost")
    args = parser.parse_args(argv)
    test_index = any(p.resolve() == (DATA_DIR / "realdocs" / "index.csv").resolve() for p in args.index)
    if len(args.index) > 1 and not args.kinds_only:
        print("多个 --index 只用于 --kinds-only / several indexes need --kinds-only", file=sys.stderr)
        return 2
    if args.kind_readings and (test_index or not args.kinds_only):
        print("--kind-readings 只用于开发集并需 --kinds-only / --kind-readings needs --kinds-only and development "
              "indexes", file=sys.stderr)
        return 2
    indexes, rows = args.index, [row for path in args.index for row in load_index(path)]
    index = indexes[0]  # the one index of every mode but --kinds-only
    if args.runon:
        r = runon_breaks(rows, read_cache(rows, args.cache)[0])
        print(f"{r['pages']} pages pasted as one line: {r['found']} of {r['breaks']} line breaks found; "
              f"{r['cuts'] - r['cuts_at_break']} of {r['cuts']} cuts where the page had no break")
        if not test_index:  # the noise inside the paste: a full analysis of each page, and the ids of its errors
            r = runon_noise(rows, read_cache(rows, args.cache)[0])
            print(f"{r['pages']} pages with their noise pasted as one line: {r['noise_judged']} of {r['noise_lines']} "
                  f"noise lines (partly) judged, {r['content_lost']} of {r['content_lines']} content lines (partly) "
                  f"in noise paragraphs" + (f": {', '.join(r['examples'])}" if r["examples"] else ""))
        return 0
    if args.agreement:
        second = load_agreement(args.agreement, {row["id"] for row in rows})
        print(render_agreement(rows, second), end="")
        return 0
    if args.gold_kind and not accepts_kind():
        print("这个版本的 Analyzer 不接受 kind / this build's Analyzer takes no kind: --gold-kind is not possible",
              file=sys.stderr)
        return 2
    if args.errors and (test_index or not args.kinds_only):
        print("--errors 只用于开发集并需 --kinds-only / --errors needs --kinds-only and a development index, "
              "never the test set", file=sys.stderr)
        return 2
    texts, missing, changed = read_cache(rows, args.cache)
    if changed:
        print(f"sha256 changed (text differs from the one labelled): {', '.join(changed)}", file=sys.stderr)
    if not texts:
        print(f"缓存中没有可用文本 / no usable text in {args.cache}: {len(missing)} missing, {len(changed)} changed. "
              "Re-find the pages as data/README.md (\"Real documents\") describes.", file=sys.stderr)
        return 1
    today = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d")
    if args.kinds_only:
        kinds = run_kinds(texts)
        print(render_kinds(score_kinds(rows, kinds), indexes, today, args.errors), end="")
        if args.kind_readings:
            second = load_kind_readings(args.kind_readings, {row["id"] for row in rows})
            print(render_kind_agreement(kind_agreement(rows, kinds, second), args.kind_readings), end="")
        return 0
    kinds = {row["id"]: row["kind"] for row in rows} if args.gold_kind else None
    agreement_csv = DATA_DIR / "realdocs" / "agreement.csv"
    second = (render_agreement(rows, load_agreement(agreement_csv, {row["id"] for row in rows}))
              if index == DATA_DIR / "realdocs" / "index.csv" and agreement_csv.exists() else None)
    markdown = render(score(rows, run_jingzi(texts, kinds)), rows, missing, changed,
                      today, second, index.name)
    if args.gold_kind:
        markdown = markdown.replace("# jingzi on real public documents",
                                    "# jingzi on real public documents, each analysed as its labelled kind", 1)
    print(markdown, end="")
    if not (args.no_write or args.gold_kind or (not test_index and args.out == MODELS_DIR / "realdocs.md")):
        args.out.write_text(markdown, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
