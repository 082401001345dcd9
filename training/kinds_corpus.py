"""The document-kind corpus: the written non-material documents of ``data/kinds/`` and the
written materials of ``data/corpus/written/`` (kind personal or collective), with fixed splits
and the shapes reviewers receive.

``python -m training.kinds_corpus`` prints the counts per kind, shape and split; ``… dev`` scores the written
dev split with a model fitted on train; ``… cv [--folds 5]`` cross-validates over the train and dev documents
(grouped by document, never the test split), a held-apart set four times the dev split's size.

Shapes (deterministic, seeded by the document id): ``clean`` as written; ``runon`` every line
pasted into one line; ``noisy`` web-page furniture (``data/kinds/noise.txt``) before, inside and
after the text; ``untitled`` the first line dropped when it is a short title; ``excerpt`` a
contiguous stretch of 15–70 % of the lines, never the first (title and opening cut off);
``abridged`` the first line and 2–5 other lines in their order (a short version or 发言提纲).
Every shaped text is normalised as the tool reads any input (``ingest.from_text``: traditional →
simplified, full-width → half-width, stray spaces), so the kind model learns and is scored on the
text it sees at run time.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
from collections import Counter
from dataclasses import dataclass

import yaml

from analyzer import ingest
from training.corpus import load_corpus
from training.corpus import DATA_DIR

KINDS_DIR = DATA_DIR / "kinds"
SPLITS_PATH = KINDS_DIR / "splits.csv"
SHAPES = ("clean", "runon", "noisy", "untitled", "excerpt", "abridged")
# new documents are dealt out in this cycle (after sorting by a hash of their id): a third to
# test, a sixth to dev, half to train
_DEAL = ("test", "train", "dev", "test", "train", "train")


@dataclass
class KindDocument:
    id: str
    kind: str
    text: str
    split: str
    shape: str = "clean"          # the shape it was written in (titled, untitled, runon, noisy, table, colloquial)
    subtype: str = ""             # for kind other: news, speech, notice, guide, catalogue, plan


def parse(text: str, where: str) -> KindDocument:
    """One ``data/kinds/<kind>/<id>.txt`` file: a YAML header (id, kind, shape[, subtype]) and the text."""
    if not text.startswith("---"):
        raise ValueError(f"{where}: must start with a '---' YAML header")
    _, header, body = text.split("---", 2)
    meta = yaml.safe_load(header) or {}
    for key in ("id", "kind", "shape"):
        if key not in meta:
            raise ValueError(f"{where}: header has no {key}")
    from analyzer.kinds import KINDS

    if meta["kind"] not in KINDS:
        raise ValueError(f"{where}: unknown kind {meta['kind']!r}")
    body = body.strip("\n")
    if not body.strip():
        raise ValueError(f"{where}: empty text")
    return KindDocument(str(meta["id"]), meta["kind"], body, "", meta["shape"], meta.get("subtype", ""))


def _hash(doc_id: str) -> str:
    return hashlib.sha256(doc_id.encode()).hexdigest()


def write_splits() -> dict[str, str]:
    """Assign every new ``data/kinds`` document a split, per kind; existing assignments never change."""
    splits = _read_splits()
    docs = [parse(p.read_text(encoding="utf-8"), str(p)) for p in sorted(KINDS_DIR.glob("*/*.txt"))]
    for kind in sorted({d.kind for d in docs}):
        new = sorted((d.id for d in docs if d.kind == kind and d.id not in splits), key=_hash)
        already = sum(1 for d in docs if d.kind == kind and d.id in splits)
        for i, doc_id in enumerate(new, already):
            splits[doc_id] = _DEAL[i % len(_DEAL)]
    with SPLITS_PATH.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "split"])
        writer.writerows(sorted(splits.items()))
    return splits


def _read_splits() -> dict[str, str]:
    if not SPLITS_PATH.exists():
        return {}
    with SPLITS_PATH.open(encoding="utf-8") as fh:
        return {row["id"]: row["split"] for row in csv.DictReader(fh)}


def load_kinds_corpus() -> list[KindDocument]:
    """Every kind document: ``data/kinds`` (splits.csv there) and the written materials (their corpus split)."""
    splits = _read_splits()
    docs = []
    for path in sorted(KINDS_DIR.glob("*/*.txt")):
        d = parse(path.read_text(encoding="utf-8"), str(path))
        if d.id not in splits:
            raise ValueError(f"{path}: not in {SPLITS_PATH.name}; run `python -m training.kinds_corpus splits`")
        d.split = splits[d.id]
        docs.append(d)
    for m in load_corpus():
        if m.path.parent.name == "written":
            docs.append(KindDocument(m.id, m.meta["kind"], m.text, m.split,
                                     "untitled" if not m.meta.get("headings", True) else "titled"))
    return docs


def noise_lines() -> list[str]:
    lines = (KINDS_DIR / "noise.txt").read_text(encoding="utf-8").splitlines()
    return [s for s in lines if s.strip() and not s.startswith("#")]


def shaped(doc: KindDocument, shape: str) -> str:
    """The document's text in ``shape`` (see module docstring), normalised as the tool reads it;
    deterministic per (id, shape)."""
    return ingest.from_text(_shape(doc, shape), doc.id).text


def _shape(doc: KindDocument, shape: str) -> str:
    rng = random.Random(f"{doc.id}:{shape}")
    lines = [s for s in doc.text.splitlines() if s.strip()]
    if shape == "clean":
        return "\n".join(lines)
    if shape == "runon":
        return "".join(s.strip() for s in lines)
    if shape == "untitled":
        if len(lines) > 2 and len(lines[0]) <= 40 and not lines[0].endswith(("。", "：")):
            lines = lines[1:]
        return "\n".join(lines)
    if shape == "excerpt":
        if len(lines) <= 3:
            return "\n".join(lines)
        keep = max(2, round(len(lines) * rng.uniform(0.15, 0.7)))
        start = rng.randint(1, len(lines) - keep)
        return "\n".join(lines[start:start + keep])
    if shape == "abridged":
        if len(lines) <= 4:
            return "\n".join(lines)
        keep = sorted(rng.sample(range(1, len(lines)), min(len(lines) - 1, rng.randint(2, 5))))
        return "\n".join([lines[0]] + [lines[i] for i in keep])
    if shape == "noisy":
        pool = noise_lines()
        out = rng.sample(pool, 2) + lines
        for _ in range(max(1, len(lines) // 6)):
            out.insert(rng.randint(2, len(out)), rng.choice(pool))
        return "\n".join(out + rng.sample(pool, 2))
    raise ValueError(f"unknown shape {shape!r}")


def stats() -> dict:
    docs = load_kinds_corpus()
    return {
        "documents": len(docs),
        "by_kind": dict(Counter(d.kind for d in docs)),
        "by_kind_split": {f"{k}/{s}": n for (k, s), n in sorted(Counter((d.kind, d.split) for d in docs).items())},
        "written_shape": dict(Counter(d.shape for d in docs)),
        "other_subtype": dict(Counter(d.subtype for d in docs if d.kind == "other")),
        "characters": sum(len(d.text) for d in docs if d.kind not in ("personal", "collective")),
    }


def _shaped_set(docs: list[KindDocument]) -> tuple[list[str], list[str], list[str]]:
    """Every shape of every document (document by document, shapes in :data:`SHAPES` order), its kind and its
    document's id."""
    return ([shaped(d, sh) for d in docs for sh in SHAPES], [d.kind for d in docs for _ in SHAPES],
            [d.id for d in docs for _ in SHAPES])


def dev_margin(docs: list[KindDocument]) -> float:
    """The margin ``KindModel.fit`` chooses on the written dev split with a model fitted on train."""
    from analyzer.kinds import KindModel

    train = [d for d in docs if d.split == "train"]
    dev = [d for d in docs if d.split == "dev"]
    return KindModel().fit(*_shaped_set(train), dev=_shaped_set(dev)).margin_


def scored(docs: list[KindDocument], pred: list[str]) -> dict:
    """Figures of predictions for every shape of ``docs`` (in :func:`_shaped_set` order): accuracy overall and per
    shape, leaks (a non-material given a material kind), materials lost to a non-material kind, the confusion
    (gold -> predicted -> count, errors only) and, per document, the shapes it went wrong in (``errors``: those
    with a material on either side; ``other_errors``: between two non-material kinds)."""
    from analyzer.kinds import MATERIAL_KINDS

    gold = [d.kind for d in docs for _ in SHAPES]
    shapes = [sh for _ in docs for sh in SHAPES]
    confusion: dict[str, Counter] = {}
    errors: dict[str, list[str]] = {}
    other_errors: dict[str, list[str]] = {}
    for i, (g, p) in enumerate(zip(gold, pred)):
        if g != p:
            confusion.setdefault(g, Counter())[p] += 1
            listed = errors if g in MATERIAL_KINDS or p in MATERIAL_KINDS else other_errors
            listed.setdefault(f"{docs[i // len(SHAPES)].id} ({g})", []).append(f"{shapes[i]}->{p}")
    return {
        "documents": len(docs),
        "accuracy": round(sum(g == p for g, p in zip(gold, pred)) / len(gold), 4),
        "per_shape": {sh: round(sum(g == p for g, p, s in zip(gold, pred, shapes) if s == sh) / len(docs), 4)
                      for sh in SHAPES},
        "non_material_given_material_kind": sum(g not in MATERIAL_KINDS and p in MATERIAL_KINDS
                                                for g, p in zip(gold, pred)),
        "non_materials": sum(g not in MATERIAL_KINDS for g in gold),
        "material_taken_for_another_kind": sum(g in MATERIAL_KINDS and p not in MATERIAL_KINDS
                                               for g, p in zip(gold, pred)),
        "materials": sum(g in MATERIAL_KINDS for g in gold),
        "confusion": {g: dict(c.most_common()) for g, c in sorted(confusion.items())},
        "errors": errors,
        "other_errors": other_errors,
    }


def dev_errors() -> dict:
    """Score the written dev split as the kind model's fit sees it: the margin chosen on dev
    (``KindModel.fit``), then the model refitted on train only, dev predicted in every shape
    (:func:`scored`; the errors are the shapes in which a non-material was given a material kind or
    a material lost to another kind)."""
    from analyzer.kinds import KindModel

    docs = load_kinds_corpus()
    train = [d for d in docs if d.split == "train"]
    dev = [d for d in docs if d.split == "dev"]
    model = KindModel().fit(*_shaped_set(train), dev=_shaped_set(dev))
    model._fit(*_shaped_set(train))  # keep the chosen margin, forget dev
    return {"margin": model.margin_, **scored(dev, model.predict(_shaped_set(dev)[0]))}


def cv_folds(docs: list[KindDocument], folds: int = 5, seed: int = 13) -> dict[str, int]:
    """Document id -> fold: each kind's documents shuffled with a fixed seed and dealt out in turn, so a fold
    holds every kind's share and a document's six shapes never straddle two folds."""
    rng = random.Random(seed)
    out = {}
    for kind in sorted({d.kind for d in docs}):
        ids = sorted(d.id for d in docs if d.kind == kind)
        rng.shuffle(ids)
        out.update((doc_id, i % folds) for i, doc_id in enumerate(ids))
    return out


def lost_to(text: str, proba, kind: str) -> str:
    """Why a material of ``kind`` was given a non-material kind: ``model`` (its most probable kind is none), else the
    gate that kept the most probable kind out (:func:`analyzer.kinds.gate`; a self-examination's voice gate named by
    what falls short: ``owns_up``, ``no confession``, ``one confession``, ``elsewhere`` — more sentences speaking as
    another kind than it allows), else ``cues`` (no self-examination cue) or ``lean`` (the lean to a close non-material
    kind)."""
    from analyzer.kinds import KINDS, MATERIAL_KINDS, SELF_EXAMINATION, content, gate, self_examination_cues, voice

    text = content(text)
    spoken, top = voice(text), KINDS[int(proba.argmax())]
    if top not in MATERIAL_KINDS:
        return "model"
    why = gate(top, text, spoken, proba)
    if why == "voice" and top in SELF_EXAMINATION:
        why = ("owns_up" if not (spoken.owns_up or spoken.declared) else
               ("no confession", "one confession")[spoken.confessions] if spoken.confessions < 2 else "elsewhere")
    elif not why and top in SELF_EXAMINATION:
        why = "lean" if self_examination_cues(text) or spoken.declared else "cues"
    return why if top == kind or {top, kind} <= set(SELF_EXAMINATION) else f"{top}:{why}"


def cross_validate(docs: list[KindDocument], folds: int = 5, margin: float | None = None,
                   seed: int = 13) -> dict:
    """Grouped k-fold over ``docs`` (:func:`cv_folds`): the kind model fitted on the other folds with ``margin``
    (None: the one chosen on the written dev split, :func:`dev_margin`), every shape of the held-out fold
    predicted; the figures of :func:`scored` over all of them, and ``lost_to``: per reason (:func:`lost_to`; the gate
    of a material kind of the other family that the model preferred is named ``kind:gate``), kind and shape, the
    material versions given a non-material kind."""
    from analyzer.kinds import MATERIAL_KINDS, KindModel

    margin = dev_margin(docs) if margin is None else margin
    fold_of = cv_folds(docs, folds, seed)
    ordered, pred, lost = [], [], Counter()
    for k in range(folds):
        held = [d for d in docs if fold_of[d.id] == k]
        model = KindModel(margin=margin).fit(*_shaped_set([d for d in docs if fold_of[d.id] != k]))
        ordered += held
        texts = _shaped_set(held)[0]
        for i, (text, proba) in enumerate(zip(texts, model.predict_proba(texts))):
            pred.append(model.decide(text, proba))
            doc, shape = held[i // len(SHAPES)], SHAPES[i % len(SHAPES)]
            if doc.kind in MATERIAL_KINDS and pred[-1] not in MATERIAL_KINDS:
                lost[lost_to(text, proba, doc.kind), doc.kind, shape] += 1
    by_reason: dict = {}
    for (why, kind, shape), n in sorted(lost.items()):
        by_reason.setdefault(why, {}).setdefault(kind, {})[shape] = n
    return {"folds": folds, "margin": margin, **scored(ordered, pred), "lost_to": by_reason}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["stats", "splits", "dev", "cv"],
                        help="cv: grouped k-fold over the train and dev documents (never test)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--margin", type=float, help="cv: this margin instead of the one chosen on dev")
    args = parser.parse_args()
    if args.command == "splits":
        write_splits()
    if args.command == "cv":
        result = cross_validate([d for d in load_kinds_corpus() if d.split in ("train", "dev")], args.folds,
                                args.margin)
    else:
        result = dev_errors() if args.command == "dev" else stats()
    print(json.dumps(result, ensure_ascii=False, indent=2))
