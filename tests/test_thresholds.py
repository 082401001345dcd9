"""Estimators choose their own decision thresholds inside ``fit``, on the held-apart data they are
given, and refit on everything; without held-apart data they keep the thresholds they were built with."""
from __future__ import annotations

import random

from analyzer.denials import DenialClassifier
from analyzer.depth import SIGNALS, DepthModel, Signals, substitution_values
from analyzer.thresholds import GRID, best_threshold, f1, macro_f1

DENIALS = ["在这方面没有发现明显问题", "经认真查摆，本人不存在奢靡之风问题", "对照检查，没有违反八项规定的情况",
           "本人严格遵守规定，不存在公款吃喝问题", "在廉洁自律方面没有发现突出问题", "经自查，未发现此类问题"]
CONFESSIONS = ["调研走马观花，没有真正沉下去", "会议多文件多，以会议落实会议", "对群众反映的问题推诿扯皮",
               "公务接待把关不严，存在超标准接待", "学习不够系统，满足于浅尝辄止", "办公室面积超标六平方米"]


def sentences(seed: int, n: int) -> tuple[list[str], list[bool]]:
    rng = random.Random(seed)
    rows = [(f"{rng.choice(['（一）', '一是', '同时，', ''])}{s}{rng.choice(['。', '，请同志们监督。', ''])}", y)
            for _ in range(n) for y, pool in ((True, DENIALS), (False, CONFESSIONS)) for s in [rng.choice(pool)]]
    return [t for t, _ in rows], [y for _, y in rows]


def test_best_threshold_takes_the_grid_value_nearest_one_half_among_the_best():
    assert GRID[0] == 0.1 and GRID[-1] == 0.9 and len(GRID) == 17
    assert best_threshold([0.3, 0.35, 0.8, 0.85], [False, False, True, True], f1) == 0.5
    assert best_threshold([0.12, 0.14, 0.16, 0.18], [False, False, True, True], macro_f1) == 0.15
    assert best_threshold([0.95, 0.97], [True, True], f1) == 0.5  # every grid value is as good


def test_denial_threshold_is_chosen_on_dev_and_the_model_refitted_on_train_and_dev():
    texts, labels = sentences(1, 30)
    dev_texts, dev_labels = sentences(2, 12)
    dev_texts += ["问心无愧，两袖清风", "自认问心无愧、两袖清风"]  # words only dev has: the refit knows them
    dev_labels += [True, True]
    model = DenialClassifier(threshold=0.3).fit(texts, labels, dev=(dev_texts, dev_labels))
    first = DenialClassifier().fit(texts, labels)
    assert first.threshold_ == 0.5  # no dev: the constructor's threshold
    assert model.threshold_ == best_threshold(list(first.predict_proba(dev_texts)), dev_labels, f1)
    assert "两袖" in model.char_.vocabulary_ and "问心" in model.char_.vocabulary_
    assert "两袖" not in first.char_.vocabulary_ and "问心" not in first.char_.vocabulary_
    assert DenialClassifier(threshold=0.3).fit(texts, labels).threshold_ == 0.3


def signals(rng: random.Random, flawed: bool) -> Signals:
    values = {name: rng.random() for name in SIGNALS}
    values["work_result_share"] = rng.uniform(0.7, 0.9) if flawed else rng.uniform(0.0, 0.3)
    values["singular_share"] = rng.uniform(0.0, 1.0)
    values["instance_share"] = rng.uniform(0.0, 1.0)
    return Signals(values=values)


def test_depth_substitution_thresholds_are_chosen_on_dev_flaws():
    rng = random.Random(3)
    train = [signals(rng, k % 2 == 0) for k in range(20)]
    dev = [signals(rng, k % 2 == 0) for k in range(10)]
    flaws = [{"work_for_style"} if k % 2 == 0 else set() for k in range(10)]
    model = DepthModel().fit(train, [1 + k % 5 for k in range(20)], dev=(dev, [3] * 10, flaws))
    work = [substitution_values(s)["work_for_style"] for s in dev]
    assert model.thresholds_["work_for_style"] == best_threshold(work, [bool(f) for f in flaws], f1)
    assert 0.3 < model.thresholds_["work_for_style"] <= 0.7  # the threshold separates flawed from clean
    assert DepthModel.from_dict(model.to_dict()).thresholds_ == model.thresholds_
    fixed = DepthModel(thresholds={"work_for_style": 0.2, "collective_for_personal": 0.4, "generic_for_specific": 0.6})
    assert fixed.fit(train, [3] * 20).thresholds_["work_for_style"] == 0.2


def test_kind_margin_is_the_widest_within_a_point_of_the_best_dev_accuracy():
    from analyzer.kinds import MARGINS, KindModel

    from .conftest import GOOD, WEAK, WORK_SUMMARY

    news = "本报讯 近日，某县召开专题民主生活会，县委书记主持会议并讲话。会议强调，要以案为鉴、举一反三。"
    texts = [GOOD, WEAK, WORK_SUMMARY, news, GOOD[:300], WORK_SUMMARY[:120], news[:40] + "记者 王五"]
    kinds = ["personal", "personal", "work_report", "other", "personal", "work_report", "other"]
    dev = ([WEAK[:150], WORK_SUMMARY[60:], news[10:]], ["personal", "work_report", "other"])
    model = KindModel(margin=0.3).fit(texts, kinds, dev=dev)
    assert set(model.dev_grid_) == set(MARGINS)
    best = max(accuracy for _, accuracy in model.dev_grid_.values())
    assert model.margin_ == max(m for m, (_, a) in model.dev_grid_.items() if a >= best - 0.01)
    assert KindModel(margin=0.3).fit(texts, kinds).margin_ == 0.3


def test_compare_metrics_lists_what_a_retrain_moved(tmp_path, capsys):
    import json

    from training.compare_metrics import main

    old, new = tmp_path / "old", tmp_path / "new"
    for folder, f1_value, threshold in ((old, 0.9678, 0.25), (new, 0.9625, 0.2)):
        folder.mkdir()
        (folder / "coverage.metrics.json").write_text(json.dumps(
            {"doc_macro_f1": f1_value, "thresholds": {"document": {"formalism": threshold}}, "rubric": "four-styles"}))
    assert main([str(old), str(new), "--tolerance", "0.01"]) == 1
    out = capsys.readouterr().out
    assert "coverage: thresholds.document.formalism: 0.25 -> 0.2 (-0.0500)" in out
    assert "doc_macro_f1" not in out and "3 values compared, 1 moved" in out
    assert main([str(old), str(old)]) == 0
