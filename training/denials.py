"""Denial sentences: the written data (``data/denials/``), its training variants, and the
denial-wordings robustness suite.

``python -m training.denials`` prints the suite's figures for the saved models: materials
of the test split in which one category is never examined (its labelled paragraphs removed,
and the pipeline agrees it is not covered) and is then denied in a wording held apart from
training; the category must still come out not covered.
"""
from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass

from training.corpus import LabelledDocument, load_corpus
from analyzer.segment import sentence_spans
from training.corpus import DATA_DIR
from analyzer.resources import load_rubric, rubric_names

# lead-ins a denial (or a confession) often follows; training variants prepend them
LEAD_INS = ("", "经认真对照检查，", "说实话，", "对照检查下来，", "在这一方面，", "{n}.{cat}方面：",
            "（{n}）{cat}方面，", "总的来说，", "坦率地讲，", "经过自查，", "{n}是{cat}方面，", "{n}、{cat}方面。",
            "第{n}，", "具体来说，", "关于这一条，", "对照清单，", "（{n}）关于{cat}。", "就这一块而言，")


@dataclass
class Sentence:
    label: bool      # True: a denial
    family: str      # wording family: the unit held apart
    text: str        # may hold {cat}; a heading line of its own before the sentence, when it has one
    cue: str = ""    # held-apart families: the wording that makes them distinct

    @property
    def sentence(self) -> str:
        """The text without its heading line."""
        return self.text.rpartition("\n")[2]


def load_sentences(name: str) -> list[Sentence]:
    """``data/denials/<name>.tsv``: label, family[, cue], text (a literal ``\\n`` ends a heading line of its own);
    ``#`` lines are comments."""
    out = []
    for line in (DATA_DIR / "denials" / f"{name}.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if cells[0] not in ("denial", "other") or len(cells) not in (3, 4):
            raise ValueError(f"data/denials/{name}.tsv: bad row {line!r}")
        cue = cells[2] if len(cells) == 4 else ""
        out.append(Sentence(cells[0] == "denial", cells[1], cells[-1].replace("\\n", "\n"), "" if cue == "-" else cue))
    return out


def category_labels() -> list[str]:
    return [c.label for name in rubric_names() for c in load_rubric(name).categories]


def fill(text: str, k: int) -> str:
    """``{cat}`` and ``{n}`` filled deterministically from the ``k``-th category label."""
    labels = category_labels()
    return text.replace("{cat}", labels[k % len(labels)]).replace("{n}", "一二三四五六"[k % 6])


def variants(sentences: list[Sentence], per_sentence: int = 3, seed: int = 13) -> list[tuple[str, bool, str]]:
    """(text, label, family): each sentence as written plus ``per_sentence - 1`` lead-in variants."""
    rng = random.Random(seed)
    out = []
    for k, s in enumerate(sentences):
        leads = [""] + rng.sample(LEAD_INS[1:], per_sentence - 1)
        for j, lead in enumerate(leads):
            out.append((fill(lead + s.text, k + j), s.label, s.family))
    return out


def family_folds(sentences: list[Sentence], extra: list[str], folds: int = 5):
    """``folds`` pairs ((sentences, extra) to fit, (sentences, extra) held out): the sentences split by
    wording family (every ``folds``-th family of the sorted names held out in turn), ``extra`` by position."""
    families = sorted({s.family for s in sentences})
    for k in range(folds):
        held = set(families[k::folds])
        yield (([s for s in sentences if s.family not in held], [e for i, e in enumerate(extra) if i % folds != k]),
               ([s for s in sentences if s.family in held], extra[k::folds]))


def corpus_confessions(docs: list[LabelledDocument], limit: int = 1500, seed: int = 5) -> list[str]:
    """Sentences of labelled problem, cause and measure paragraphs that carry styles: real
    confessions (and resolutions) of the corpus, many with negators (没有真正、从不…)."""
    rng = random.Random(seed)
    out = [p.text[s:e] for d in docs for p in d.paragraphs if p.role in ("problem", "cause", "measure") and p.styles
           for s, e in sentence_spans(p.text) if e - s >= 8]
    rng.shuffle(out)
    return out[:limit]


def held_apart_cues_leak(train: list[Sentence], heldout: list[Sentence], lexicon_phrases: list[str]) -> list[str]:
    """Held-apart cues that occur in a training denial or in the denial lexicon (must be none)."""
    def pattern(cue):
        return re.compile(".{0,12}?".join(map(re.escape, cue.split("…"))))
    train_text = "\n".join(s.text for s in train if s.label)
    leaks = []
    for cue in sorted({s.cue for s in heldout if s.label and s.cue}):
        if pattern(cue).search(train_text) or any(pattern(cue).search(p) for p in lexicon_phrases):
            leaks.append(cue)
    return leaks


# -- the denial-wordings robustness suite ------------------------------------------------

NUMERALS = "一二三四五六"


def controls(docs: list[LabelledDocument], analyzer) -> tuple[list[dict], int]:
    """Test materials of the four-styles rubric, each with one category's labelled paragraphs
    removed, that the pipeline judges not to cover it (the material never examines it); and
    how many such removals still came out covered (left out of the suite)."""
    rubric = load_rubric("four-styles")
    kept, dropped = [], 0
    for doc in docs:
        if doc.rubric != "four-styles" or not any(p.role == "problem" for p in doc.paragraphs):
            continue
        for cat in rubric.categories:
            paras = [p for p in doc.paragraphs if cat.id not in p.styles]
            last = max((i for i, p in enumerate(paras) if p.role == "problem"), default=len(paras) - 1)
            lines = [p.text for p in paras]
            if analyzer.analyze("\n".join(lines), doc.id, skip={"depth"}).coverage[cat.id]["covered"]:
                dropped += 1
                continue
            kept.append({"doc": doc.id, "category": cat.id, "label": cat.label, "lines": lines, "last": last})
    return kept, dropped


def wording_cases(bases: list[dict], heldout: list[Sentence]) -> list[dict]:
    """One material per held-apart sentence (denial, or other): a control (see :func:`controls`, taken in
    turn, the categories alternating) with the denial put after its last problem paragraph,
    as a run-in heading ("（四）奢靡之风方面。在这方面没有发现明显问题"), as a heading line
    followed by the sentence, or, when the sentence names the category itself, alone; a sentence
    written under a heading line of its own keeps that heading ("own_heading")."""
    by_cat = {}
    for b in bases:
        by_cat.setdefault(b["category"], []).append(b)
    cats = sorted(by_cat)
    cases, unnamed = [], 0
    for k, s in enumerate(heldout):
        pool = by_cat[cats[k % len(cats)]]
        base = pool[(k // len(cats)) % len(pool)]
        text = s.sentence.replace("{cat}", base["label"])
        heading = f"（{NUMERALS[k % 4]}）{base['label']}方面"
        if s.sentence != s.text:
            shape, heading = "own_heading", s.text.rpartition("\n")[0].replace("{cat}", base["label"])
        else:
            shape = "named" if "{cat}" in s.text else ("run_in", "heading_line")[unnamed % 2]
            unnamed += shape != "named"
        insert = {"named": [text], "run_in": [f"{heading}。{text}"], "heading_line": [heading, text],
                  "own_heading": [heading, text]}[shape]
        lines, last = base["lines"], base["last"]
        cases.append({"doc": base["doc"], "category": base["category"], "family": s.family, "sentence": text,
                      "shape": shape, "text": "\n".join(lines[:last + 1] + insert + lines[last + 1:])})
    return cases


def run_suite(analyzer, docs: list[LabelledDocument], heldout: list[Sentence]) -> dict:
    """Share of the suite's materials whose denied category is not covered, overall and by shape; and
    share of the held-apart other sentences (concessions, confessions), put in the same places, that the
    pipeline lists as denials of the category (``others_read_as_denial``)."""
    bases, dropped = controls(docs, analyzer)
    rows, others = [], []
    for c in wording_cases(bases, [x for x in heldout if x.label]):
        entry = analyzer.analyze(c["text"], c["doc"], skip={"depth"}).coverage[c["category"]]
        rows.append({"family": c["family"], "shape": c["shape"], "not_covered": not entry["covered"],
                     "denial_shown": bool(entry.get("denials"))})
    for c in wording_cases(bases, [x for x in heldout if not x.label]):
        entry = analyzer.analyze(c["text"], c["doc"], skip={"depth"}).coverage[c["category"]]
        others.append(any(d["text"] in c["sentence"] or c["sentence"] in d["text"] for d in entry.get("denials", [])))
    n = max(len(rows), 1)

    def share(rs):
        return round(sum(r["not_covered"] for r in rs) / len(rs), 4) if rs else None
    return {"cases": len(rows), "families": len({r["family"] for r in rows}), "controls": len(bases),
            "controls_covered_left_out": dropped, "not_covered": share(rows),
            "denial_shown": round(sum(r["denial_shown"] for r in rows) / n, 4),
            "by_shape": {sh: share([r for r in rows if r["shape"] == sh]) for sh in ("run_in", "heading_line", "named", "own_heading")},
            "covered_families": sorted({r["family"] for r in rows if not r["not_covered"]}),
            "others": len(others), "others_read_as_denial": round(sum(others) / max(len(others), 1), 4)}


def sentence_rates(predict, sentences: list[Sentence]) -> dict:
    """Share of the denial sentences ``predict`` (texts -> flags: a classifier's, or a rule's) flags (recall) and of
    the other sentences it flags."""
    flagged = predict([fill(s.sentence, k) for k, s in enumerate(sentences)])
    pos = [f for f, s in zip(flagged, sentences) if s.label]
    neg = [f for f, s in zip(flagged, sentences) if not s.label]
    return {"denials": len(pos), "recall": round(sum(pos) / max(len(pos), 1), 4),
            "others": len(neg), "others_flagged": round(sum(neg) / max(len(neg), 1), 4),
            "missed": [s.text for f, s in zip(flagged, sentences) if s.label and not f],
            "flagged_others": [s.text for f, s in zip(flagged, sentences) if not s.label and f]}


def main(argv: list[str] | None = None) -> dict:
    import argparse

    from analyzer import Analyzer

    parser = argparse.ArgumentParser(prog="python -m training.denials")
    parser.add_argument("--heldout", default="heldout", help="held-apart file data/denials/<NAME>.tsv (heldout, heldout2, heldout3)")
    args = parser.parse_args(argv)
    heldout = load_sentences(args.heldout)
    analyzer = Analyzer(kind="personal")
    docs = [d for d in load_corpus("test") if d.path.parent.name == "written"]
    return {"sentences": sentence_rates(analyzer.matcher.denials.predict, heldout), "suite": run_suite(analyzer, docs, heldout)}


if __name__ == "__main__":
    print(json.dumps(main(), ensure_ascii=False, indent=2))
