"""analyzer.regex_syntax: the literals it says every match holds are in every match."""
from __future__ import annotations

import importlib
import pkgutil
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import analyzer
from analyzer.regex_syntax import read, required


def _module_patterns() -> list[re.Pattern]:
    found = {}
    for info in pkgutil.iter_modules(analyzer.__path__):
        if info.name == "__main__":
            continue
        for value in vars(importlib.import_module(f"analyzer.{info.name}")).values():
            values = value.values() if isinstance(value, dict) else value if isinstance(value, (list, tuple)) else [value]
            found.update({v.pattern: v for v in values if isinstance(v, re.Pattern)})
    return [found[k] for k in sorted(found, key=str)]


PATTERNS = [p for p in _module_patterns() if required(p)]


def test_most_of_the_packages_patterns_are_read():
    assert len(PATTERNS) >= 50


@pytest.mark.parametrize("pattern, needs", [
    (r"(?<!自)我(?!国)|本人", {"我", "本人"}),
    (r"[现現]在?[将將].{0,30}[汇匯]报如下", {"汇报如下", "匯报如下"}),
    (r"\d+项", {"项"}),
    (r"第[一二]次?会议", {"第一会议", "第二会议", "第一次会议", "第二次会议"}),
    (r"(?P<y>\d{4})年(?:\d{1,2})月底前", {"月底前"}),
    (r"(?:群众|百姓)+反映", {"反映"}),  # of equally long choices, the fewer
    (r"a\.b", {"a.b"}),
    (r"[\]x]y", {"]y", "xy"}),
    (r"(?m)(^|(?<=。))整改(措施|情况)([：:]|\s*$)", {"整改措施", "整改情况"}),  # a leading (?m) moves ^ and $ only
])
def test_required_literals(pattern, needs):
    assert required(re.compile(pattern)) == needs


@pytest.mark.parametrize("pattern", [
    r"\d+", r"(?i)ab", r"[一-龥]{2,}", r"(a)(?(1)a|b)", r"\x41", r"a?", r"我?|你", r"[^我]+",
])
def test_unreadable_or_literal_free_patterns_give_no_requirement(pattern):
    assert required(re.compile(pattern)) is None


def test_shortest_match_and_back_references():
    assert read(re.compile(r"(?:在.{0,3})?时")).shortest == 1
    assert read(re.compile(r"^$")).shortest == 0 and read(re.compile(r"(我)\1")).backref


@settings(max_examples=400, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_every_match_holds_a_required_literal(data):
    pattern = data.draw(st.sampled_from(PATTERNS))
    text = data.draw(st.from_regex(pattern))
    found = pattern.search(text)
    assert found is not None
    assert any(literal in found.group(0) for literal in required(pattern)), (pattern.pattern, found.group(0))
