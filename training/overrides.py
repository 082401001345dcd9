"""Reviewers' overrides (``jingzi serve`` → ``overrides.jsonl``) as coverage training documents.

Each line of the file is one override in force (schema ``jingzi-override/1``, see
data/README.md). Only ``kind == "coverage"`` lines become labels: a document's paragraphs
start from the labels the model gave them (``styles``: the reviewer saw them and let them
stand), then each overridden category is set as the reviewer said: ``not_covered`` takes it
off every paragraph, ``covered`` puts it on the paragraphs the reviewer named. The
documents only ever join the training side (train, and train+dev for the final fit);
the test split stays as it was, so the reported metrics remain comparable.

``python -m training --overrides FILE`` uses :func:`reviewed_documents`.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

SCHEMA = "jingzi-override/1"
REQUIRED = {"schema", "kind", "document", "sha256", "rubric", "target", "value", "paragraphs", "at", "texts",
            "styles"}


@dataclass
class Reviewed:
    """A document corrected by reviewers, prepared as the pipeline prepares text."""

    name: str
    texts: list[str]
    tokens: list[list[str]]
    roles: list[str]
    categories: list          # the layout's per-paragraph heading categories
    styles: list[list[str]]   # the labels: the model's, with the reviewers' overrides applied


def load(path: str | Path) -> list[dict]:
    """The records of an overrides file; a malformed line raises ``ValueError`` naming it."""
    records = []
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                r = json.loads(line)
            except ValueError as exc:
                raise ValueError(f"{path}:{lineno}: not JSON ({exc})") from exc
            missing = REQUIRED - set(r) if isinstance(r, dict) else REQUIRED
            if missing or r["schema"] != SCHEMA:
                raise ValueError(f"{path}:{lineno}: not a {SCHEMA} record (missing {sorted(missing)})")
            if len(r["texts"]) != len(r["styles"]) or any(not 0 <= i < len(r["texts"]) for i in r["paragraphs"]):
                raise ValueError(f"{path}:{lineno}: paragraphs and labels do not line up")
            records.append(r)
    return records


def labels(records: list[dict], rubric: str) -> dict[str, tuple[list[str], list[list[str]]]]:
    """sha256 -> (paragraph texts, labels) of every document with a coverage override under ``rubric``.

    Where files overlap, the latest decision per (document, category) wins.
    """
    latest: dict[tuple[str, str], dict] = {}
    for r in sorted(records, key=lambda r: r["at"]):
        if r["kind"] == "coverage" and r["rubric"] == rubric:
            latest[r["sha256"], r["target"]] = r
    docs: dict[str, tuple[list[str], list[list[str]]]] = {}
    for (sha, cid), r in latest.items():
        texts, styles = docs.setdefault(sha, (r["texts"], [list(s) for s in r["styles"]]))
        for i, s in enumerate(styles):
            if r["value"] == "not_covered" and cid in s:
                s.remove(cid)
            elif r["value"] == "covered" and i in r["paragraphs"] and cid not in s:
                s.append(cid)
    return docs


def reviewed_documents(path: str | Path, rubric: str) -> list[Reviewed]:
    """The corrected documents of ``path`` for ``rubric``, segmented and with predicted roles
    (the role model in ``models/``, as at run time)."""
    from analyzer import ingest, modelstore
    from analyzer.pipeline import prepare

    role_model = modelstore.load("roles")
    out = []
    for sha, (texts, styles) in labels(load(path), rubric).items():
        source = ingest.from_text("\n".join(texts), sha[:12])
        ptexts, tokens, lay = prepare(source)
        if len(ptexts) != len(styles):
            raise ValueError(f"{path}: document {sha[:12]} has {len(ptexts)} paragraphs after ingest, "
                             f"{len(styles)} labelled")
        out.append(Reviewed(sha[:12], ptexts, tokens, role_model.predict(ptexts, tokens, lay), lay.categories,
                            styles))
    return out
