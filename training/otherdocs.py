"""Train and evaluate the judgements of issue 16: criticism items, rectification plans, opinions.

``python -m training.otherdocs`` fits the criticism label model on train (C chosen on dev),
chooses the opinion thresholds on dev, evaluates everything on the held-apart test split
against keyword baselines, and writes ``models/criticism.joblib``, ``models/opinions.joblib``
and ``models/{criticism,rectification,opinions}.metrics.json``.
``python -m training.otherdocs_data`` rebuilds the labelled sets first when the fragments change.
"""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

import joblib

from analyzer.resources import DATA_DIR, MODELS_DIR


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
    docs = _jsonl(DATA_DIR / "criticism" / "documents.jsonl")
    return [d for d in docs if split is None or d["split"] == split]


def criticism(write: bool = True) -> dict:
    from analyzer.coverage import PatternMatcher
    from analyzer.criticism import LABELS, CriticismModel, cues, keyword_label, members, split_items, style_of
    from analyzer.ingest import from_text
    from analyzer.resources import load_rubric

    def items_of(split):
        return [it for d in criticism_documents(split) for it in d["items"]]

    train, dev = items_of("train"), items_of("dev")
    best = None
    for C in (1.0, 4.0, 16.0):
        model = CriticismModel(C=C).fit([it["text"] for it in train], [it["label"] for it in train])
        score = _macro_f1([it["label"] for it in dev], model.predict([it["text"] for it in dev]), LABELS)["macro_f1"]
        if best is None or score > best[0]:
            best = (score, C)
    model = CriticismModel(C=best[1]).fit([it["text"] for it in train], [it["label"] for it in train],
                                          [it["style"] for it in train])
    matcher = PatternMatcher(load_rubric("four-styles"))

    found = total = target_right = 0
    gold_labels, pred_labels, base_labels = [], [], []
    style_right = style_total = inst_right = 0
    never_right = never_total = 0
    extra = 0
    for d in criticism_documents("test"):
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
    metrics = {
        "data": {"documents": {s: len(criticism_documents(s)) for s in ("train", "dev", "test")},
                 "items": {s: len(items_of(s)) for s in ("train", "dev", "test")}},
        "chosen_on_dev": {"C": best[1], "dev_macro_f1": round(best[0], 4)},
        "test": {
            "items_found": round(found / total, 4), "items_extra": extra, "target_right": round(target_right / found, 4),
            "label": _macro_f1(gold_labels, pred_labels, LABELS),
            "praise_caught": round(sum(pred_labels[k] == "praise" for k in praise_idx) / len(praise_idx), 4),
            "style_right_on_genuine": round(style_right / style_total, 4),
            "instance_right": round(inst_right / found, 4),
            "never_criticised_right": f"{never_right}/{never_total}",
            "keyword_baseline": {**_macro_f1(gold_labels, base_labels, LABELS),
                                 "praise_caught": round(sum(base_labels[k] == "praise" for k in praise_idx)
                                                        / len(praise_idx), 4)},
        },
    }
    if write:
        joblib.dump(model, MODELS_DIR / "criticism.joblib")
        _write_metrics("criticism", metrics)
    return metrics


def _write_metrics(name: str, metrics: dict) -> None:
    (MODELS_DIR / f"{name}.metrics.json").write_text(json.dumps(metrics, ensure_ascii=False, indent=2) + "\n",
                                                      encoding="utf-8")


def main() -> dict:
    return {"criticism": criticism()}


if __name__ == "__main__":
    print(json.dumps(main(), ensure_ascii=False, indent=2))
