"""Load and validate the labelled corpus in ``data/corpus`` (format: data/corpus/FORMAT.md)."""
from __future__ import annotations

import csv
import os
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from analyzer import resources
from analyzer.structure import ROLES
from analyzer.unionfind import UnionFind

# The labelled corpus is training data: it is in the repository, not in an installed package.
# $JINGZI_DATA names the data folder of a checkout when the package is installed elsewhere.
DATA_DIR = Path(os.environ.get("JINGZI_DATA") or resources.DATA_DIR)
CORPUS_DIRS = ("written", "copies")
FLAWS = (
    "work_summary", "boilerplate", "work_for_style", "collective_for_personal",
    "generic_for_specific", "objective_excuses", "vague_measures", "denied_category",
    "disguised_praise", "no_preamble_focus",
)


@lru_cache(maxsize=1)
def rubric_categories() -> dict[str, list[str]]:
    """Category ids per rubric id, as the rubric files of ``data/rubrics`` define them."""
    return {name: resources.load_rubric(name).ids for name in resources.rubric_names()}


@dataclass
class LabelledParagraph:
    text: str
    role: str
    styles: list[str]
    summary_like: bool


@dataclass
class LabelledDocument:
    id: str
    meta: dict
    paragraphs: list[LabelledParagraph]
    path: Path | None = None
    split: str = ""
    copy_of: list[dict] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The material as a plain text file would hold it: one paragraph per line."""
        return "\n".join(p.text for p in self.paragraphs)

    @property
    def rubric(self) -> str:
        return self.meta.get("rubric", "four-styles")

    @property
    def group(self) -> str:
        """Documents of one group (a deep/shallow pair, a copy family) share a split."""
        pair = self.meta.get("pair") or {}
        if pair.get("group"):
            return "pair:" + pair["group"]
        if self.meta.get("family"):
            return "family:" + self.meta["family"]
        return "doc:" + self.id


class CorpusError(ValueError):
    """A corpus file that does not follow data/corpus/FORMAT.md."""


def parse(text: str, path: Path | None = None) -> LabelledDocument:
    """Parse one corpus file's text into a :class:`LabelledDocument` and validate it."""
    where = str(path) if path else "<text>"
    if not text.startswith("---"):
        raise CorpusError(f"{where}: must start with a '---' YAML header")
    _, header, body = text.split("---", 2)
    meta = yaml.safe_load(header) or {}
    if "id" not in meta:
        raise CorpusError(f"{where}: header has no id")
    rubric = meta.get("rubric", "four-styles")
    categories = rubric_categories().get(rubric)
    if categories is None:
        raise CorpusError(f"{where}: unknown rubric {rubric!r}")
    paragraphs = []
    for lineno, line in enumerate(body.splitlines(), 1):
        if not line.strip():
            continue
        parts = line.split("|", 3)
        if len(parts) != 4:
            raise CorpusError(f"{where}: body line {lineno} is not role|styles|summary_like|text")
        role, styles, summary_like, para = (p.strip() for p in parts)
        if role not in ROLES:
            raise CorpusError(f"{where}: body line {lineno}: unknown role {role!r}")
        style_list = [s.strip() for s in styles.split(",") if s.strip()]
        bad = [s for s in style_list if s not in categories]
        if bad:
            raise CorpusError(f"{where}: body line {lineno}: styles {bad} not in rubric {rubric}")
        if summary_like not in ("0", "1"):
            raise CorpusError(f"{where}: body line {lineno}: summary_like must be 0 or 1")
        if not para:
            raise CorpusError(f"{where}: body line {lineno}: empty text")
        paragraphs.append(LabelledParagraph(para, role, style_list, summary_like == "1"))
    if len(paragraphs) < 3:
        raise CorpusError(f"{where}: fewer than 3 paragraphs")
    for key in ("kind", "depth", "covered", "flaws"):
        if key not in meta:
            raise CorpusError(f"{where}: header has no {key}")
    if meta["kind"] not in ("personal", "collective"):
        raise CorpusError(f"{where}: kind must be personal or collective")
    if meta["depth"] not in (1, 2, 3, 4, 5):
        raise CorpusError(f"{where}: depth must be 1..5")
    bad = [c for c in meta["covered"] if c not in categories]
    if bad:
        raise CorpusError(f"{where}: covered {bad} not in rubric {rubric}")
    bad = [f for f in meta["flaws"] if f not in FLAWS]
    if bad:
        raise CorpusError(f"{where}: unknown flaws {bad}")
    return LabelledDocument(meta["id"], meta, paragraphs, path, copy_of=meta.get("copy_of") or [])


def load_file(path: Path) -> LabelledDocument:
    return parse(path.read_text(encoding="utf-8"), path)


def load_splits(data_dir: Path = DATA_DIR) -> dict[str, str]:
    """Map document id -> split (train/dev/test) from ``data/corpus/splits.csv``."""
    path = data_dir / "corpus" / "splits.csv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as fh:
        return {row["id"]: row["split"] for row in csv.DictReader(fh)}


def load_corpus(split: str | None = None, data_dir: Path = DATA_DIR) -> list[LabelledDocument]:
    """All labelled documents, optionally only one split ('train', 'dev', 'test')."""
    splits = load_splits(data_dir)
    docs = []
    for sub in CORPUS_DIRS:
        for path in sorted((data_dir / "corpus" / sub).glob("*.txt")):
            doc = load_file(path)
            doc.split = splits.get(doc.id, "")
            docs.append(doc)
    if split is not None:
        docs = [d for d in docs if d.split == split]
    return docs


def write_splits(data_dir: Path = DATA_DIR, test: float = 0.2, dev: float = 0.2) -> dict[str, str]:
    """Assign every new document to train/dev/test and write splits.csv.

    Groups (a deep/shallow pair, a copy family with all its sources) never straddle
    splits: documents linked by ``pair``, ``family`` or ``copy_of`` are merged first. A
    document already in splits.csv keeps its split, and a new one joins its group's split,
    so the held-out test split never changes under the models' feet.
    """
    import hashlib

    docs = [load_file(p) for sub in CORPUS_DIRS for p in sorted((data_dir / "corpus" / sub).glob("*.txt"))]
    ids = {d.id for d in docs}
    linked = UnionFind(d.id for d in docs)
    by_group: dict[str, str] = {}
    for d in docs:
        links = [c["source"] for c in d.copy_of if c.get("source") in ids]
        if d.group in by_group:
            links.append(by_group[d.group])
        by_group.setdefault(d.group, d.id)
        for other in links:
            linked.union(d.id, other)
    # the split is fixed once written: a group with an assigned member keeps its split
    existing = load_splits(data_dir)
    roots: dict[str, list[str]] = {}
    for d in docs:
        roots.setdefault(linked.find(d.id), []).append(d.id)
    splits: dict[str, str] = {}
    new_groups: dict[str, list[tuple[str, str]]] = {}
    kind_of = {d.id: d.group.split(":")[0] for d in docs}
    for root, members in roots.items():
        known = {existing[m] for m in members if m in existing}
        if len(known) > 1:
            raise CorpusError(f"group of {sorted(members)} straddles splits {sorted(known)}")
        if known:
            split = known.pop()
            splits.update((m, split) for m in members)
            continue
        # new groups: pair groups and single materials, each sorted by a hash of their
        # smallest id, are dealt out test, dev, train, train, train, …
        kind = "pair" if any(kind_of[m] == "pair" for m in members) else "single"
        new_groups.setdefault(kind, []).append((hashlib.sha256(min(members).encode()).hexdigest(), root))
    period = round(1 / min(test, dev))
    for keyed in new_groups.values():
        for i, (_, root) in enumerate(sorted(keyed)):
            split = "test" if i % period == 0 else "dev" if i % period == 1 else "train"
            for m in roots[root]:
                splits[m] = split
    with (data_dir / "corpus" / "splits.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "split"])
        w.writerows(sorted(splits.items()))
    return splits


def agreement(data_dir: Path = DATA_DIR) -> dict:
    """Inter-annotator agreement of ``data/corpus/agreement`` (a second, independent
    annotator) against the corpus labels: Cohen's kappa per label type."""
    from sklearn.metrics import cohen_kappa_score

    first = {d.id: d for d in load_corpus(data_dir=data_dir)}
    second = [load_file(p) for p in sorted((data_dir / "corpus" / "agreement").glob("*.txt"))]
    roles, summary, styles, covered, depth, rubric = ([], []), ([], []), ([], []), ([], []), ([], []), 0
    categories = rubric_categories()
    for b in second:
        a = first[b.id]
        rubric += a.rubric == b.rubric
        for pa, pb in zip(a.paragraphs, b.paragraphs):
            roles[0].append(pa.role), roles[1].append(pb.role)
            summary[0].append(pa.summary_like), summary[1].append(pb.summary_like)
            if a.rubric == b.rubric:
                for c in categories[a.rubric]:
                    styles[0].append(c in pa.styles), styles[1].append(c in pb.styles)
        if a.rubric == b.rubric:
            for c in categories[a.rubric]:
                covered[0].append(c in a.meta["covered"]), covered[1].append(c in b.meta["covered"])
        depth[0].append(a.meta["depth"]), depth[1].append(b.meta["depth"])

    def kappa(pair, **kw):
        return round(float(cohen_kappa_score(*pair, **kw)), 3)

    return {
        "documents": len(second), "paragraphs": len(roles[0]), "rubric_agreement": round(rubric / len(second), 3),
        "role_kappa": kappa(roles), "summary_like_kappa": kappa(summary), "styles_kappa": kappa(styles),
        "covered_kappa": kappa(covered), "depth_quadratic_kappa": kappa(depth, weights="quadratic"),
        "depth_within_one": round(sum(abs(x - y) <= 1 for x, y in zip(*depth)) / len(second), 3),
    }


def stats(data_dir: Path = DATA_DIR) -> dict:
    """Counts of the corpus for data/README.md."""
    from collections import Counter

    docs = load_corpus(data_dir=data_dir)
    written = [d for d in docs if d.path.parent.name == "written"]
    paragraphs = [p for d in written for p in d.paragraphs]
    return {
        "written": len(written), "copies": len(docs) - len(written), "paragraphs": len(paragraphs),
        "characters": sum(len(d.text) for d in written),
        "split": dict(Counter(d.split for d in written)), "split_copies": dict(Counter(d.split for d in docs
                                                                                       if d not in written)),
        "rubric": dict(Counter(d.rubric for d in written)), "kind": dict(Counter(d.meta["kind"] for d in written)),
        "unit": dict(Counter(d.meta.get("unit") for d in written)),
        "depth": dict(sorted(Counter(d.meta["depth"] for d in written).items())),
        "register": dict(Counter(d.meta.get("register") for d in written)),
        "script": dict(Counter(d.meta.get("script") for d in written)),
        "no_headings": sum(not d.meta.get("headings", True) for d in written),
        "pairs": len({d.meta["pair"]["group"] for d in written if d.meta.get("pair")}),
        "flaws": dict(Counter(f for d in written for f in d.meta["flaws"]).most_common()),
        "roles": dict(Counter(p.role for p in paragraphs).most_common()),
        "summary_like_paragraphs": sum(p.summary_like for p in paragraphs),
        "styled_paragraphs": sum(bool(p.styles) for p in paragraphs),
        "copy_kinds": dict(Counter(c["kind"] for d in docs for c in d.copy_of)),
    }


if __name__ == "__main__":  # python -m training.corpus validate FILE... | splits | stats | agreement
    import json

    command, *args = sys.argv[1:] or ["stats"]
    if command == "validate":
        failed = 0
        for name in args:
            try:
                d = load_file(Path(name))
                print(f"ok  {d.id}: {len(d.paragraphs)} paragraphs, {len(d.text)} chars")
            except (CorpusError, yaml.YAMLError) as exc:
                failed += 1
                print(f"BAD {exc}")
        sys.exit(1 if failed else 0)
    result = {"splits": write_splits, "stats": stats, "agreement": agreement}[command]()
    print(json.dumps(result if command != "splits" else dict(__import__("collections").Counter(result.values())),
                     ensure_ascii=False, indent=1))
