"""Refactoring guard: the pipeline writes the same reports as when tests/golden/reports.json
was built (floats may differ by less than 1e-9). A retrain or a lexicon change alters the
inputs digest; the golden reports must then be rebuilt with ``python tests/golden/build.py`` (the
test fails until they are: a stale build must not pass as a skip)."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path


HERE = Path(__file__).resolve().parent / "golden"


def _build_module():
    spec = importlib.util.spec_from_file_location("golden_build", HERE / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def differences(old, new, where: str = "") -> list[str]:
    """Paths where two JSON values differ (floats: by 1e-9 or more)."""
    if isinstance(old, float) or isinstance(new, float):
        ok = isinstance(old, (int, float)) and isinstance(new, (int, float)) and abs(old - new) < 1e-9
        return [] if ok else [f"{where}: {old!r} -> {new!r}"]
    if isinstance(old, dict) and isinstance(new, dict):
        out = [f"{where}/{k}: only in {'golden' if k in old else 'new'}" for k in old.keys() ^ new.keys()]
        return out + [d for k in old.keys() & new.keys() for d in differences(old[k], new[k], f"{where}/{k}")]
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return [d for i, (a, b) in enumerate(zip(old, new)) for d in differences(a, b, f"{where}[{i}]")]
    return [] if old == new else [f"{where}: {str(old)[:80]!r} -> {str(new)[:80]!r}"]


def test_differences_sees_a_changed_role_and_ignores_float_noise():
    old = {"paragraphs": [{"role": "problem", "summary_like": 0.1234}]}
    assert differences(old, {"paragraphs": [{"role": "problem", "summary_like": 0.1234 + 1e-12}]}) == []
    assert differences(old, {"paragraphs": [{"role": "cause", "summary_like": 0.1234}]}) == \
        ["/paragraphs[0]/role: 'problem' -> 'cause'"]


def test_reports_are_the_golden_ones():
    build = _build_module()
    golden = json.loads((HERE / "reports.json").read_text(encoding="utf-8"))
    assert golden["digest"] == build.inputs_digest(), (
        "models or lexicons changed since the golden reports were built: run python tests/golden/build.py "
        "(a skipped guard hid a stale build for a whole round)")
    new = build.reports()
    assert new.keys() == golden["reports"].keys()
    found = [d for name in new for d in differences(golden["reports"][name], new[name], name)]
    assert not found, "\n".join(found[:20])
