"""Build the golden reports that ``tests/test_golden.py`` compares the pipeline against.

    python tests/golden/build.py

The JSON of every sample in ``data/samples`` and of 30 corpus materials (written and
copied, both rubrics, one with collected opinions), as ``jingzi check`` writes it, keyed by
a digest of everything outside the code that shapes a report (models, lexicons, rubrics,
quotations, user dictionary). A refactoring must leave these reports identical; a retrain
or a data change makes a new digest, and the golden reports are rebuilt with this script.
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent / "reports.json"
OPINIONS = ["会议太多，有些会议开得太长，基层负担重", "下基层调研时间短，听汇报多", "公务接待有时超标准"]


def inputs_digest() -> str:
    """sha256 over the models and data files a report depends on (not the code)."""
    from analyzer.resources import DATA_DIR, MODELS_DIR

    files = sorted(MODELS_DIR.glob("*.pkl.gz")) + sorted(MODELS_DIR.glob("*.json"))
    files += sorted((DATA_DIR / "lexicons").glob("*.yaml")) + sorted((DATA_DIR / "rubrics").glob("*.yaml"))
    files += [DATA_DIR / "quotations.txt", DATA_DIR / "userdict.txt"]
    h = hashlib.sha256()
    for f in files:
        if f.name.endswith(".metrics.json") or f.name.endswith(".manifest.json"):
            continue
        h.update(f.name.encode() + b"\0" + f.read_bytes())
    return h.hexdigest()


def cases() -> list[tuple[str, str | None, str, str | None]]:
    """(name, path or None, text or "", rubric) of every golden case."""
    from training.corpus import load_corpus

    out = [(p.name, str(p), "", None) for p in sorted((REPO / "data" / "samples").iterdir())]
    docs = sorted(load_corpus(), key=lambda d: d.id)
    written = [d for d in docs if d.path.parent.name == "written"]
    copies = [d for d in docs if d.path.parent.name == "copies"]
    picked = written[::8][:25] + copies[::7][:5]
    out += [(d.id, None, d.text, d.rubric) for d in picked]
    return out


def reports() -> dict:
    """name -> report JSON for every case (the opinions case under ``<name>+opinions``)."""
    from analyzer import Analyzer

    analyzers = {}
    out = {}
    for name, path, text, rubric in cases():
        analyzer = analyzers.setdefault(rubric or "four-styles", Analyzer(rubric=rubric or "four-styles"))
        report = analyzer.analyze_path(path) if path else analyzer.analyze(text, name)
        out[name] = report.to_dict()
        if path:  # the same in every checkout
            out[name]["file"] = str(Path(out[name]["file"]).relative_to(REPO))
    first = next(n for n, p, t, r in cases() if p is None and (r or "four-styles") == "four-styles")
    text = next(t for n, p, t, r in cases() if n == first)
    out[f"{first}+opinions"] = analyzers["four-styles"].analyze(text, first, opinions=OPINIONS).to_dict()
    return out


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    GOLDEN.write_text(json.dumps({"digest": inputs_digest(), "reports": reports()}, ensure_ascii=False,
                                 indent=0, sort_keys=True), encoding="utf-8")
    print(f"wrote {GOLDEN} ({GOLDEN.stat().st_size:,} bytes)")
