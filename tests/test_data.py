"""Schema and counts of every data file in data/ (data/README.md documents them)."""
from __future__ import annotations

import collections
import re

import pytest
import yaml

from analyzer.structure import ROLES
from training.corpus import load_corpus, load_splits
from analyzer.resources import DATA_DIR, load_quotations, load_rubric, load_spinning, rubric_names


@pytest.mark.parametrize("name", rubric_names())
def test_rubric_schema(name):
    rubric = load_rubric(name)
    assert rubric.id == name and len(set(rubric.ids)) == len(rubric.ids) >= 4
    minimum = 60 if name == "four-styles" else 30
    seen = {}
    for c in rubric.categories:
        assert c.label and c.definition and c.names
        assert len(c.patterns) >= minimum, (c.id, len(c.patterns))
        for p in c.patterns:
            assert p.strip() == p and p, (c.id, p)
            assert seen.setdefault(p, c.id) == c.id, f"{p} is in {seen[p]} and {c.id}"


def test_every_yaml_file_reads_the_same_with_the_runtime_loader():
    """The runtime reads data/ with libyaml's parser when PyYAML has it (resources.YAML_LOADER): each
    file gives what the pure-Python safe loader gives, value for value and type for type."""
    from analyzer.resources import YAML_LOADER

    files = sorted(DATA_DIR.rglob("*.yaml"))
    assert len(files) >= 20
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert repr(yaml.load(text, Loader=YAML_LOADER)) == repr(yaml.safe_load(text)), path.name


def test_lexicons_schema():
    expected = {
        "summary_cues": ["achievement", "statistics", "plural_accomplishment", "compliance"], "self_critical": ["phrases", "reported"],
        "causes": ["root", "excuse"], "measures": ["deadline", "quantity", "owner", "roadmap", "vague"],
        "disguised_praise": ["phrases"], "boilerplate": ["sentences"], "standards": ["phrases"],
        "denial": ["phrases", "negators", "not_confessions", "concessions", "resolutions"], "instances": ["markers", "regex"], "person": ["singular", "plural"],
        "number_context": ["shortfall"], "work_results": ["phrases", "shortfalls"], "roles": ["preamble", "closing", "cause_openers", "measure_openers"],
    }
    for name, keys in expected.items():
        data = yaml.safe_load((DATA_DIR / "lexicons" / f"{name}.yaml").read_text(encoding="utf-8"))
        for key in keys:
            values = data[key]
            assert values and all(isinstance(v, str) and v.strip() for v in values), (name, key)
            assert len(values) == len(set(values)), f"duplicates in {name}.{key}"
            if key in ("statistics", "deadline", "quantity", "regex", "shortfall", "reported"):
                for v in values:
                    re.compile(v)
    root = set(yaml.safe_load((DATA_DIR / "lexicons" / "causes.yaml").read_text(encoding="utf-8"))["root"])
    excuse = set(yaml.safe_load((DATA_DIR / "lexicons" / "causes.yaml").read_text(encoding="utf-8"))["excuse"])
    assert not root & excuse


def test_quotations_spinning_and_userdict():
    q = load_quotations()
    assert len(q) >= 150 and len(q) == len(set(q))
    assert "照镜子、正衣冠、洗洗澡、治治病" in q or {"照镜子", "正衣冠"} <= set(q) or any("照镜子" in x for x in q)
    pairs = [(a, b) for a, spun in load_spinning().items() for b in spun]
    assert len(pairs) >= 300 and len(set(pairs)) == len(pairs)
    assert all(a != b and 1 <= len(a) <= 4 and 1 <= len(b) <= 4 for a, b in pairs)
    assert {("服务", "效劳"), ("基础", "根底"), ("发展", "开展")} <= set(pairs)
    words = [ln.split()[0] for ln in (DATA_DIR / "userdict.txt").read_text(encoding="utf-8").splitlines() if ln.strip()]
    assert len(words) >= 300 and len(words) == len(set(words))
    assert {"民主生活会", "对照检查材料", "四风", "形式主义", "门难进"} <= set(words)


def test_corpus_labels_and_splits():
    docs = load_corpus()
    written = [d for d in docs if d.path.parent.name == "written"]
    assert len(written) >= 120
    for d in docs:
        assert d.split in ("train", "dev", "test"), d.id
        assert all(p.role in ROLES for p in d.paragraphs)
        union = {s for p in d.paragraphs if p.role == "problem" for s in p.styles}
        assert union == set(d.meta["covered"]), d.id
    pairs = collections.defaultdict(dict)
    for d in written:
        if d.meta.get("pair"):
            pairs[d.meta["pair"]["group"]][d.meta["pair"]["version"]] = d
    assert len(pairs) >= 20
    for group, v in pairs.items():
        assert v["deep"].meta["depth"] > v["shallow"].meta["depth"], group
        assert v["deep"].split == v["shallow"].split, group
    splits = load_splits()
    by_id = {d.id: d for d in docs}
    for d in docs:
        for src in d.copy_of:
            assert splits[src["source"]] == splits[d.id], (d.id, src)
    counts = collections.Counter(d.split for d in written)
    assert counts["test"] >= 20 and counts["dev"] >= 20
    kinds = collections.Counter(d.meta["kind"] for d in written)
    assert kinds["collective"] >= 20
    assert sum(d.meta.get("script") == "traditional" for d in written) >= 8
    assert sum(not d.meta.get("headings", True) for d in written) >= 15
    assert len({d.meta.get("unit") for d in written}) >= 10
    assert by_id  # every id is unique
    assert len(by_id) == len(docs)
