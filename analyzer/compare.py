"""Two documents compared both ways (``jingzi compare A B``): the same object feeds the JSON,
the terminal view and the side-by-side HTML page.

``compare_paths(a, b)`` reads both files, finds their paragraph roles (so headings and noise
stay out of the ratios and each section gets its own ratio), checks A against B and B
against A, and relates them by the evidence of their metadata (docx core properties or
``meta``): shared text (雷同) unless one is dated earlier.
"""
from __future__ import annotations

from .copydetect import CopyDetector
from .provenance import annotate, file_meta, relate


def compare_reports(report_a, report_b, meta_a: dict, meta_b: dict, detector: CopyDetector | None = None) -> dict:
    """The comparison object of two analysed documents (:class:`~analyzer.report.Report`)."""
    detector = detector or CopyDetector.default()
    texts = {}
    out = {}
    for key, report, meta in (("a", report_a, meta_a), ("b", report_b, meta_b)):
        texts[key] = report.text()
        out[key] = {"name": report.name, "file": report.file, "chars": report.chars, "meta": meta}
    for key, other in (("a", "b"), ("b", "a")):
        report = report_a if key == "a" else report_b
        roles = [(p.start, p.end, p.role) for p in report.paragraphs]
        copy = detector.compare(texts[key], texts[other], roles=roles, name_b=out[other]["name"])
        out[f"{key}_in_{other}"] = annotate(copy, out[key]["meta"], {out[other]["name"]: out[other]["meta"]},
                                            {out[other]["name"]})
    direction = relate(meta_a, meta_b, "batch")
    first = {"source": out["b"]["name"], "document": out["a"]["name"], None: None}[direction["likely_source"]]
    out.update({"relation": direction["relation"], "likely_source": first, "reasons": direction["reasons"]})
    return out


def compare_paths(path_a: str, path_b: str, sidecar: dict[str, dict] | None = None) -> tuple[dict, dict]:
    """(comparison object, {"a": text, "b": text}) of two files, the texts as given (a text read as
    simplified in its own script, at the same offsets); unreadable files raise
    :class:`~analyzer.errors.JingziError`."""
    from .errors import JingziError
    from .pipeline import Analyzer

    analyzer = Analyzer()
    reports = [analyzer.analyze_path(p, skip={"depth"}) for p in (path_a, path_b)]  # depth: not compared
    for r in reports:
        if r.error:
            raise JingziError(r.error["code"], r.error["message"].split(" — ")[0])
    result = compare_reports(*reports, file_meta(path_a, sidecar), file_meta(path_b, sidecar))
    return result, {k: r.text(as_given=True) for k, r in zip("ab", reports)}  # to show: as the files gave them


def pair_of(result: dict) -> dict:
    """The source object of B in A's report (empty fragments when nothing is shared)."""
    sources = result["a_in_b"]["sources"]
    if sources:
        return sources[0]
    return {"source": result["b"]["name"], "ratio": 0.0, "source_ratio": 0.0, "fragments": [],
            **relate(result["a"]["meta"], result["b"]["meta"], "batch")}
