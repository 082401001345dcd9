"""Train and evaluate the judgements of issue 16: criticism items, rectification plans, opinions.

``python -m training.otherdocs`` fits the criticism label model on train (C chosen on dev),
chooses the opinion thresholds on dev, evaluates everything on the held-apart test split
against keyword baselines, and writes ``models/criticism.pkl.gz``, ``models/opinions.json``
and ``models/{criticism,rectification,opinions}.metrics.json``.
``python -m training.otherdocs_data`` rebuilds the labelled sets first when the fragments change.
"""
from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path


from training.corpus import DATA_DIR
from analyzer.resources import MODELS_DIR, load_yaml
from training.train import save


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _locate(text: str, needles: list[str]) -> list[tuple[int, int]]:
    """Spans of each needle, searched in order (a repeated wording gets its next occurrence)."""
    spans, pos = [], 0
    for n in needles:
        k = text.find(n, pos)
        if k < 0:
            k = text.find(n)
        spans.append((k, k + len(n)) if k >= 0 else (-1, -1))
        if k >= 0:
            pos = k + len(n)
    return spans


def _match(gold: list[tuple[int, int]], pred: list[tuple[int, int]], min_jaccard: float = 0.5) -> dict[int, int]:
    """Gold index -> predicted index, greedy on span Jaccard."""
    out, used = {}, set()
    for g, (gs, ge) in enumerate(gold):
        best, best_j = None, min_jaccard
        for p, (ps, pe) in enumerate(pred):
            if p in used:
                continue
            inter = max(0, min(ge, pe) - max(gs, ps))
            j = inter / (max(ge, pe) - min(gs, ps))
            if j >= best_j:
                best, best_j = p, j
        if best is not None:
            out[g] = best
            used.add(best)
    return out


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _macro_f1(gold: list[str], pred: list[str], labels) -> dict:
    per = {}
    for label in labels:
        tp = sum(g == p == label for g, p in zip(gold, pred))
        fp = sum(p == label != g for g, p in zip(gold, pred))
        fn = sum(g == label != p for g, p in zip(gold, pred))
        per[label] = round(_f1(tp, fp, fn), 4)
    return {"macro_f1": round(sum(per.values()) / len(per), 4), "per_label": per}


# --------------------------------------------------------------------------- criticism

def criticism_documents(split: str | None = None) -> list[dict]:
    """Generated documents (train/dev/test) and the hand-written stress set (split ``handwritten``)."""
    docs = _jsonl(DATA_DIR / "criticism" / "documents.jsonl") + _jsonl(DATA_DIR / "criticism" / "handwritten.jsonl")
    return [d for d in docs if split is None or d["split"] == split]


def _criticism_eval(split: str, model, matcher) -> dict:
    from analyzer.criticism import LABELS, cues, keyword_label, members, split_items, style_of
    from analyzer.ingest import from_text

    found = total = target_right = 0
    gold_labels, pred_labels, base_labels = [], [], []
    style_right = style_total = inst_right = 0
    never_right = never_total = 0
    extra = 0
    for d in criticism_documents(split):
        text = from_text(d["text"]).text
        pred = split_items(text)
        gold_spans = _locate(text, [it["text"] for it in d["items"]])
        pairs = _match(gold_spans, [(p.start, p.end) for p in pred])
        total += len(d["items"])
        found += len(pairs)
        extra += len(pred) - len(pairs)
        labels = model.predict([p.text for p in pred])
        for g, p in pairs.items():
            gi = d["items"][g]
            target_right += pred[p].target == gi["target"]
            gold_labels.append(gi["label"])
            pred_labels.append(labels[p])
            base_labels.append(keyword_label(pred[p].text))
            inst_right += bool(cues(pred[p].text)["instance"]) == gi["instance"]
            if gi["label"] == "genuine":
                style_total += 1
                style_right += style_of(pred[p].text, matcher, model)[0] == gi["style"]
        if d["never_criticised"]:
            never_total += 1
            criticised = {pred[p].target for p in range(len(pred))}
            never_right += [m for m in members(text) if m not in criticised] == d["never_criticised"]
    praise_idx = [k for k, g in enumerate(gold_labels) if g == "praise"]
    return {
        "items_found": round(found / total, 4), "items_extra": extra, "target_right": round(target_right / found, 4),
        "label": _macro_f1(gold_labels, pred_labels, LABELS),
        "praise_caught": round(sum(pred_labels[k] == "praise" for k in praise_idx) / len(praise_idx), 4),
        "style_right_on_genuine": round(style_right / style_total, 4),
        "instance_right": round(inst_right / found, 4),
        "never_criticised_right": f"{never_right}/{never_total}",
        "keyword_baseline": {**_macro_f1(gold_labels, base_labels, LABELS),
                             "praise_caught": round(sum(base_labels[k] == "praise" for k in praise_idx)
                                                    / len(praise_idx), 4)},
    }


def criticism(write: bool = True) -> dict:
    from analyzer.coverage import PatternMatcher
    from analyzer.criticism import CriticismModel
    from analyzer.resources import load_rubric

    def items_of(split):
        return [it for d in criticism_documents(split) for it in d["items"]]

    train, dev = items_of("train"), items_of("dev")
    model = CriticismModel().fit([it["text"] for it in train], [it["label"] for it in train],
                                 [it["style"] for it in train],
                                 dev=([it["text"] for it in dev], [it["label"] for it in dev]))
    matcher = PatternMatcher(load_rubric("four-styles"))

    metrics = {
        "data": {"documents": {s: len(criticism_documents(s)) for s in ("train", "dev", "test", "handwritten")},
                 "items": {s: len(items_of(s)) for s in ("train", "dev", "test", "handwritten")}},
        "chosen_on_dev": {"C": model.C_, "dev_macro_f1": model.dev_macro_f1_},
        "test": _criticism_eval("test", model, matcher),
        "handwritten": _criticism_eval("handwritten", model, matcher),
    }
    if write:
        save("criticism", model)
        _write_metrics("criticism", metrics)
    return metrics


# --------------------------------------------------------------------------- rectification

def plans(split: str | None = None) -> list[dict]:
    """Generated plans (train/dev/test) and the hand-written stress set (split ``handwritten``)."""
    rows = _jsonl(DATA_DIR / "rectification" / "plans.jsonl") + _jsonl(DATA_DIR / "rectification" / "handwritten.jsonl")
    return [p for p in rows if split is None or p["split"] == split]


def write_plan_docx(plan: dict, path: Path) -> Path:
    """A plan given as rows (``format: docx``) written as a Word file with a real table."""
    import docx

    document = docx.Document()
    for line in plan["before"]:
        document.add_paragraph(line)
    table = document.add_table(rows=1 + len(plan["rows"]), cols=len(plan["header"]))
    for c, cell in enumerate(plan["header"]):
        table.cell(0, c).text = cell
    for r, row in enumerate(plan["rows"], 1):
        for c, cell in enumerate(row):
            table.cell(r, c).text = cell
    for line in plan["after"]:
        document.add_paragraph(line)
    document.save(path)
    return path


def plan_source(plan: dict, folder: Path):
    """The plan as ingest reads it (a .docx plan is written to ``folder`` first)."""
    from analyzer.ingest import from_text, read_path

    if plan["format"] == "docx":
        return read_path(write_plan_docx(plan, folder / f"{plan['id']}.docx"))
    return from_text(plan["text"], plan["id"])


def _same(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return not a and not b
    return a in b or b in a


def keyword_fields(text: str) -> dict:
    """The keyword baseline: a field is present when its cue words occur anywhere in the item."""
    from analyzer.resources import lexicon

    has_deadline = bool(re.search("|".join(f"(?:{r})" for r in load_yaml("lexicons/measures.yaml")["deadline"]), text))
    ongoing = re.search("长期|持续|常态", text)
    return {"owner": bool(lexicon("measures", "owner").find(text)) or "负责" in text,
            "deadline": "ongoing" if ongoing else "date" if has_deadline else None,
            "standard": bool(re.search(r"\d", text)),
            "measure_concrete": not lexicon("measures", "vague").find(text)}


def rectification(split: str = "test", write: bool = True, show_errors: bool = False) -> dict:
    """Field judgements on ``split`` (written with the handwritten stress set as well)."""
    metrics = _rectification_eval(split, show_errors)
    if write:
        metrics["handwritten"] = _rectification_eval("handwritten", show_errors)["handwritten"]
        _write_metrics("rectification", metrics)
    return metrics


def _rectification_eval(split: str, show_errors: bool = False) -> dict:
    from analyzer.rectification import split_items

    fields = ("problem", "measure_concrete", "owner", "deadline", "standard")
    right = {f: 0 for f in fields}
    base_right = {f: 0 for f in ("measure_concrete", "owner", "deadline", "standard")}
    total = found = extra = 0
    by_shape: dict[str, list[int]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for plan in plans(split):
            source = plan_source(plan, Path(tmp))
            text = source.text
            pred = split_items(text)
            gold_spans = _locate(text, [g["problem"] for g in plan["items"]])
            used = set()
            shape = by_shape.setdefault(plan["shape"], [0, 0])
            for g, (gs, ge) in zip(plan["items"], gold_spans):
                total += 1
                shape[1] += 1
                hit = next((k for k, p in enumerate(pred) if k not in used and p.start <= gs < p.end), None)
                if hit is None:
                    if show_errors:
                        print("MISS", plan["id"], plan["shape"], g["problem"])
                    continue
                used.add(hit)
                found += 1
                shape[0] += 1
                p = pred[hit]
                checks = {
                    "problem": _same(p.problem, g["problem"]),
                    "measure_concrete": p.measure_concrete == g["measure_concrete"],
                    "owner": _same(p.owner, g["owner"]),
                    "deadline": (p.deadline or {}).get("type") == (g["deadline"] or {}).get("type")
                    and _same((p.deadline or {}).get("text"), (g["deadline"] or {}).get("text")),
                    "standard": _same(p.standard, g["standard"]),
                }
                for f, ok in checks.items():
                    right[f] += ok
                    if show_errors and not ok:
                        print("FIELD", f, plan["id"], plan["shape"], "| pred:", getattr(p, f), "| gold:", g.get(f),
                              "|", p.text[:80])
                base = keyword_fields(p.text)
                base_right["owner"] += base["owner"] == (g["owner"] is not None)
                base_right["deadline"] += base["deadline"] == (g["deadline"] or {}).get("type")
                base_right["standard"] += base["standard"] == (g["standard"] is not None)
                base_right["measure_concrete"] += base["measure_concrete"] == g["measure_concrete"]
            extra += len(pred) - len(used)
    metrics = {
        "data": {"plans": {s: len(plans(s)) for s in ("train", "dev", "test", "handwritten")},
                 "items": {s: sum(len(p["items"]) for p in plans(s)) for s in ("train", "dev", "test", "handwritten")},
                 "docx_plans": {s: sum(p["format"] == "docx" for p in plans(s)) for s in ("train", "dev", "test")}},
        split: {"items_found": round(found / total, 4), "items_extra": extra,
                "found_by_shape": {k: round(v[0] / v[1], 4) for k, v in by_shape.items()},
                "field_right": {f: round(v / found, 4) for f, v in right.items()},
                "keyword_baseline_field_right": {f: round(v / found, 4) for f, v in base_right.items()}},
    }
    return metrics


# --------------------------------------------------------------------------- opinions

def opinion_pairs(split: str | None = None) -> list[dict]:
    """Generated pairs (train/dev/test) and the hand-written stress set (split ``handwritten``)."""
    rows = _jsonl(DATA_DIR / "opinions" / "labels.jsonl") + _jsonl(DATA_DIR / "opinions" / "handwritten.jsonl")
    return [p for p in rows if split is None or p["split"] == split]


def _materials(split: str, analyzer) -> list[tuple[dict, tuple[list, list], list[str]]]:
    """Each pair with its material's paragraphs and roles (as the report gives them) and its
    opinions list."""
    from analyzer.opinions import read_list

    folder = DATA_DIR / "opinions" / ("handwritten" if split == "handwritten" else "pairs")
    out = []
    for pair in opinion_pairs(split):
        report = analyzer.analyze_path(folder / f"{pair['id']}.txt")
        opinions = read_list(folder / f"{pair['id']}.opinions.txt")
        assert len(opinions) == len(pair["opinions"]), pair["id"]
        out.append((pair, ([p.text for p in report.paragraphs], [p.role for p in report.paragraphs]), opinions))
    return out


def _prepared_pairs(split: str, analyzer, matcher) -> list[tuple[dict, tuple[list, list], tuple[list, list]]]:
    """Each pair with its material's paragraphs and roles and the matcher's candidate table."""
    return [(pair, material, matcher.candidates(opinions, *material))
            for pair, material, opinions in _materials(split, analyzer)]


def _status_metrics(gold: list[str], pred: list[str]) -> dict:
    from analyzer.opinions import STATUSES

    tp = sum(g == p == "ignored" for g, p in zip(gold, pred))
    fp = sum(p == "ignored" != g for g, p in zip(gold, pred))
    fn = sum(g == "ignored" != p for g, p in zip(gold, pred))
    return {"status_right": round(sum(g == p for g, p in zip(gold, pred)) / len(gold), 4),
            "ignored_f1": round(_f1(tp, fp, fn), 4), **_macro_f1(gold, pred, STATUSES)}


def _run(prepared, matcher) -> tuple[list[str], list[str], int, int]:
    gold, pred, para_hit, answered = [], [], 0, 0
    for pair, _, (sentences, table) in prepared:
        for o, entry in zip(pair["opinions"], table):
            status, _, _, paras = matcher.decide(sentences, entry)
            gold.append(o["status"])
            pred.append(status)
            if o["status"] == status == "answered":
                answered += 1
                para_hit += bool(set(paras) & set(o["paragraphs"]))
    return gold, pred, para_hit, answered


def opinions(write: bool = True) -> dict:
    from analyzer.coverage import PatternMatcher
    from analyzer.opinions import OpinionMatcher, keyword_status
    from analyzer.pipeline import Analyzer
    from analyzer.resources import load_rubric

    analyzer = Analyzer()
    analyzer.copy_detector = None
    matcher = OpinionMatcher(PatternMatcher(load_rubric("four-styles")))
    matcher.fit([(opinions, *material, [o["status"] for o in pair["opinions"]])
                 for pair, material, opinions in _materials("dev", analyzer)])
    thresholds = matcher.thresholds()
    test = _prepared_pairs("test", analyzer, matcher)
    gold, pred, para_hit, answered = _run(test, matcher)
    base = [keyword_status(o["text"], *material)
            for pair, material, _ in test for o in pair["opinions"]]
    hand = _prepared_pairs("handwritten", analyzer, matcher)
    h_gold, h_pred, h_hit, h_answered = _run(hand, matcher)
    h_base = [keyword_status(o["text"], *material) for pair, material, _ in hand for o in pair["opinions"]]
    metrics = {
        "data": {"pairs": {s: len(opinion_pairs(s)) for s in ("train", "dev", "test", "handwritten")},
                 "opinions": {s: sum(len(p["opinions"]) for p in opinion_pairs(s))
                              for s in ("train", "dev", "test", "handwritten")},
                 "status": {st: sum(o["status"] == st for p in opinion_pairs() for o in p["opinions"])
                            for st in ("answered", "generic", "ignored")}},
        "chosen_on_dev": {**thresholds, "dev_status_right": matcher.dev_score_[0],
                          "dev_ignored_f1": matcher.dev_score_[1]},
        "test": {**_status_metrics(gold, pred),
                 "answered_with_a_gold_paragraph": round(para_hit / answered, 4) if answered else None,
                 "keyword_baseline": _status_metrics(gold, base)},
        "handwritten": {**_status_metrics(h_gold, h_pred), "statuses": list(zip(h_gold, h_pred)),
                        "answered_with_a_gold_paragraph": round(h_hit / h_answered, 4) if h_answered else None,
                        "keyword_baseline": _status_metrics(h_gold, h_base)},
    }
    if write:
        save("opinions", dict(thresholds))  # plain numbers: saved as JSON
        _write_metrics("opinions", metrics)
    return metrics


def _write_metrics(name: str, metrics: dict) -> None:
    (MODELS_DIR / f"{name}.metrics.json").write_text(json.dumps(metrics, ensure_ascii=False, indent=2) + "\n",
                                                      encoding="utf-8")


def main() -> dict:
    return {"criticism": criticism(), "rectification": rectification(), "opinions": opinions()}


if __name__ == "__main__":
    print(json.dumps(main(), ensure_ascii=False, indent=2))
