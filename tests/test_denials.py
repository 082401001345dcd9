"""Denials in any wording, evidence sentences for every `covered`, depth reasons that hold."""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from analyzer.depth import Note, reasons
from analyzer.resources import load_yaml
from analyzer.denials import lead_in_end
from training.denials import family_folds, fill, held_apart_cues_leak, load_sentences

from .conftest import GOOD, WORK_SUMMARY

THREE_STYLES = """XX县副县长个人对照检查材料
一、存在的问题
1.形式主义方面。会议多、文件多，今年以来我主持召开会议52次，有的会议以会议落实会议。
2.官僚主义方面。下基层调研少，全年只到村里调研7次，群众来县里办事要跑好几趟。
3.享乐主义方面。精神懈怠，满足现状，开拓进取的劲头不如从前。
{denial}
二、整改措施
2014年底前会议压缩三分之一，由县政府办公室负责。"""


@pytest.fixture(scope="module")
def heldout():
    return load_sentences("heldout")


def test_held_apart_wordings_are_many_and_never_trained_on(heldout):
    families = {s.family for s in heldout if s.label}
    assert len(families) >= 40
    train = load_sentences("train")
    assert not {s.family for s in train} & families
    assert held_apart_cues_leak(train, heldout, [str(p) for p in load_yaml("lexicons/denial.yaml")["phrases"]]) == []
    assert sum(s.label for s in train) >= 100 and sum(not s.label for s in train) >= 100


def test_second_held_apart_set_shares_no_cue_with_training_the_first_set_or_the_lexicon(heldout):
    """heldout2.tsv (written before any run on it): ≥ 60 denial families of two sentences, one naming
    the category; no cue in a training denial, in any heldout.tsv sentence or in the denial lexicon."""
    second = load_sentences("heldout2")
    families = {}
    for s in second:
        if s.label:
            families.setdefault(s.family, []).append(s)
    assert len(families) >= 60 and sum(not s.label for s in second) >= 30
    assert all(len(f) == 2 and sum("{cat}" in s.text for s in f) == 1 for f in families.values())
    assert len({f[0].cue for f in families.values()}) == len(families)
    train = load_sentences("train")
    assert not {s.family for s in train + heldout} & {s.family for s in second}
    lexicon_phrases = [str(p) for p in load_yaml("lexicons/denial.yaml")["phrases"]]
    assert held_apart_cues_leak(train, second, lexicon_phrases) == []
    every_first_sentence = [replace(s, label=True) for s in heldout]  # its other sentences count too
    assert held_apart_cues_leak(every_first_sentence, second, []) == []


def test_third_held_apart_set_shares_no_cue_with_training_the_earlier_sets_or_the_lexicon(heldout):
    """heldout3.tsv (round 20, written before any run on it): ≥ 40 denial families of two sentences, a
    third with a numbered lead-in, a third under a heading line of their own; ≥ 40 other sentences; no
    cue in a training denial, in any sentence of heldout.tsv or heldout2.tsv, or in the denial lexicon."""
    third = load_sentences("heldout3")
    families = {}
    for s in third:
        if s.label:
            families.setdefault(s.family, []).append(s)
    assert len(families) >= 40 and sum(not s.label for s in third) >= 40
    assert all(len(f) == 2 and sum("{cat}" in s.sentence for s in f) == 1 for f in families.values())
    assert len({f[0].cue for f in families.values()}) == len(families)
    headed = [f for f in families.values() if any(s.sentence != s.text for s in f)]
    numbered = [f for f in families.values() if f not in headed and any(lead_in_end(s.text) for s in f)]
    assert len(headed) >= len(families) // 3 and len(numbered) >= len(families) // 3
    assert all(lead_in_end(s.text.partition("\n")[0]) == 0 for f in headed for s in f if s.sentence != s.text)
    train, second = load_sentences("train"), load_sentences("heldout2")
    assert not {s.family for s in train + heldout + second} & set(families)
    assert held_apart_cues_leak(train, third, [str(p) for p in load_yaml("lexicons/denial.yaml")["phrases"]]) == []
    assert held_apart_cues_leak([replace(s, label=True) for s in heldout + second], third, []) == []


def test_a_numbered_lead_in_and_its_heading_words_are_read_off_a_sentence_but_a_heading_stays_whole():
    cases = {"（三）奢靡之风方面：本人一贯清正廉洁。": "本人一贯清正廉洁。", "一是享乐主义方面，本人没有问题。": "本人没有问题。",
             "1.奢靡之风方面。对照上级要求，本人均已达标。": "对照上级要求，本人均已达标。", "第二，这方面我没问题。": "这方面我没问题。",
             "②这方面本人一点儿也不含糊。": "这方面本人一点儿也不含糊。", "（一）关于形式主义，本人没有问题。": "本人没有问题。",
             "二是调研不深入，听汇报多。": "调研不深入，听汇报多。", "（四）奢靡之风方面": "（四）奢靡之风方面",
             "4.担当作为方面。": "4.担当作为方面。", "1.5万元的开支没有报销。": "1.5万元的开支没有报销。",
             "（四）奢靡之风": "（四）奢靡之风", "二、奢靡之风问题": "二、奢靡之风问题",
             "这方面本人没有问题。": "这方面本人没有问题。"}
    assert {t: t[lead_in_end(t):] for t in cases} == cases


def test_the_clause_after_a_contrast_connective_decides_whether_a_sentence_denies(analyzer):
    """Praise, then 只是/就是/不过/可是 and a fault: a concession, no denial. A grant, then 但 and a
    denial: a denial. A denial, then 但 and a caution: still a denial."""
    clf = analyzer.matcher.denials
    conceded = ["这方面本人一般注意，只是偶尔有些懒散，工作拖拉。", "基本没有违规用车，就是周末回老家坐过两次单位的车。",
                "总体上没啥大问题，不过开会时常常照着稿子念，自己也觉得空。", "我对吃喝一向不讲究，可是去年单位聚餐点过两瓶好酒。"]
    denied = ["虽然经常下乡，但本人从未接受过基层的宴请。", "本人在这方面不存在问题，但仍需时刻警醒。",
              "（三）奢靡之风方面：本人一贯清正廉洁，对自己要求很严。"]
    assert not any(clf.predict(conceded))
    assert all(clf.predict(denied))


def test_a_concession_is_no_denial_of_its_category_and_a_granted_denial_is(analyzer):
    def extravagance(denial):
        return analyzer.analyze(THREE_STYLES.format(denial="4.奢靡之风方面。" + denial)).coverage["extravagance"]
    conceded = extravagance("本人办公用房面积没有超标，就是办公室里摆的几件红木家具是单位花三万多元买的。")
    assert not conceded.get("denials")
    for denial in ("虽然经常下乡，但本人从未接受过基层的宴请。", "本人在这方面不存在问题，但仍需时刻警醒。"):
        entry = extravagance(denial)
        assert not entry["covered"] and [d["text"] for d in entry["denials"]] == [denial]


def test_the_denial_threshold_folds_hold_each_family_out_once_and_never_fit_on_it():
    """The threshold is chosen on out-of-fold scores: each wording family (and each corpus confession)
    is held out by exactly one fold, whose fit never sees it."""
    written = load_sentences("train")
    extra = [f"确认句{i}" for i in range(23)]
    held_families, held_extra = [], []
    for (fit_s, fit_e), (held_s, held_e) in family_folds(written, extra, 5):
        assert not {s.family for s in fit_s} & {s.family for s in held_s} and not set(fit_e) & set(held_e)
        assert len(fit_s) + len(held_s) == len(written) and len(fit_e) + len(held_e) == len(extra)
        held_families += sorted({s.family for s in held_s})
        held_extra += held_e
    assert sorted(held_families) == sorted({s.family for s in written}) and sorted(held_extra) == sorted(extra)


def _sentences_of_awkward_paragraphs() -> list[str]:
    from analyzer.segment import sentence_spans

    paragraphs = [p for p in (GOOD + "\n" + WORK_SUMMARY + "\n" + THREE_STYLES.format(
        denial="4.奢靡之风方面。在这方面没有发现明显问题，从未违规。虽然没有大操大办，但是2013年3月儿子婚宴请了12桌！")).splitlines()]
    paragraphs += ["不存在的问题也要查;坚决杜绝公款吃喝  \n 今后在3次座谈会上  没有真正沉下去", ""]
    # a self-critical cue inside a denial cue (严格执行…没有) is no confession
    paragraphs += ["我严格执行规定不够细没有超标。没有发现问题，从未违规"]
    return [p[a:b] for p in paragraphs for a, b in sentence_spans(p)] + ["", "今年", "3月在张庄村", "\n"]


def test_lexicons_read_from_one_scan_of_many_texts_find_what_each_text_holds_alone():
    from analyzer.denials import _cue_lexicons
    from analyzer.resources import Lexicon

    texts = _sentences_of_awkward_paragraphs()
    # pieces that meet only across the line break joining two texts: 开会|多得很, 文山|会海, 没有|发现
    texts += ["经常开会", "多得很", "文山", "会海", "没有", "发现问题"]
    made = [Lexicon("t", ["会…多", "文山会海", "没有…发现"]), Lexicon("t", ["山\n会"]),
            Lexicon("t", ["会海"], regexes=[r"山\s会"])]
    for lx in list(_cue_lexicons()) + made:
        owners, hits = lx.find_all(texts)
        alone = [(k, m.start(), m.end(), m.group(0)) for k, t in enumerate(texts) for m in lx.find(t)]
        assert [(k, m.start(), m.end(), m.group(0)) for k, m in zip(owners, hits)] == alone, lx.name
    # an entry holding a line break, or a raw regex, would match across the join: read text by text
    for lx in made[1:]:
        assert not lx.joinable and lx.find("\n".join(texts)) and "山\n会" not in [m.group(0) for m in lx.find_all(texts)[1]]
    assert made[0].joinable and not _cue_lexicons()[-1].joinable  # instances holds raw regexes


def test_cue_counts_are_those_of_each_sentence_alone():
    from analyzer.denials import CUE_COUNTS, cue_counts, cue_features
    from analyzer.resources import lexicon

    sentences = _sentences_of_awkward_paragraphs()
    assert len(sentences) > 30
    denial, critical = lexicon("denial", "phrases"), lexicon("self_critical", "phrases")
    counts = cue_counts(sentences)
    for row, text in zip(counts.tolist(), sentences):
        denials = denial.find(text)
        outside = [m for m in critical.find(text) if m.group(0) != "存在"
                   and not any(d.start() <= m.start() < d.end() for d in denials)]
        assert row == [len(denials), len(critical.find(text)), len(outside),
                       len(lexicon("denial", "concessions").find(text)), len(lexicon("denial", "resolutions").find(text)),
                       len(lexicon("instances", "markers", "regex").find(text)), len(text)]
    assert counts[:, CUE_COUNTS.index("critical_outside")].sum() > 5 and counts[:, 0].sum() >= 5
    inside = sentences.index("我严格执行规定不够细没有超标。")
    assert counts[inside, :3].tolist() == [2, 1, 0]
    features = cue_features(sentences)
    assert features.shape == (len(sentences), 6) and np.allclose(features[:, 0], np.log1p(counts[:, 0]))


def test_classifier_tells_denials_from_confessions_with_negators(analyzer):
    clf = analyzer.matcher.denials
    denials = ["在这方面没有发现明显问题。", "这方面我问心无愧。", "本人在奢靡之风方面严格遵守中央八项规定，不存在问题。",
               "这方面群众没有反映过我有什么问题。"]
    confessions = ["下基层调研时没有真正沉下去，大多是听汇报。", "我从不主动征求群众意见，习惯于等问题找上门。",
                   "不存在的问题也要查，存在的问题更要查深查透。",
                   "虽然没有公款吃喝，但去年参加过两次企业安排的饭局，没有坚决拒绝。",
                   "今后坚决杜绝公款吃喝，做到不超标接待。", "（四）奢靡之风方面"]
    assert all(clf.predict(denials))
    assert not any(clf.predict(confessions))


def test_denial_after_run_in_heading_is_not_covered_and_is_shown(analyzer):
    text = THREE_STYLES.format(denial="4.奢靡之风方面。在这方面没有发现明显问题。")
    r = analyzer.analyze(text)
    ext = r.coverage["extravagance"]
    assert not ext["covered"] and ext["evidence"] == [] and "否认" in ext["note"]
    (denial,) = ext["denials"]
    assert denial["text"] == "在这方面没有发现明显问题。"
    assert text[denial["start"]:denial["end"]] == denial["text"]
    assert r.paragraphs[denial["paragraph"]].styles == []
    assert any("否认存在问题" in n and "奢靡之风" in n for n in r.depth["notes"])


def test_every_covered_category_has_a_behaviour_sentence_with_offsets(analyzer):
    r = analyzer.analyze(GOOD)
    for cid, c in r.coverage.items():
        assert c["covered"] and c["sentences"], cid
        for s in c["sentences"]:
            assert GOOD[s["start"]:s["end"]] == s["text"]
            assert s["paragraph"] in c["evidence"]
            assert not analyzer.matcher.name_only(s["text"])
    assert "超标准接待" in r.coverage["extravagance"]["best_sentence"]


def test_a_denied_category_confessed_elsewhere_stays_covered(analyzer):
    text = THREE_STYLES.format(
        denial="4.奢靡之风方面。本人不存在公款吃喝问题。但去年上级检查组来县里，我同意安排了超标准接待，人均超标60元。")
    ext = analyzer.analyze(text).coverage["extravagance"]
    assert ext["covered"] and ext["denials"]
    assert any("超标准接待" in s["text"] for s in ext["sentences"])


DENIED_HEADING = """XX镇副镇长个人对照检查材料
按照镇党委安排，我对照四风认真查摆，现报告如下。
1.形式主义方面。会议多、文件多，今年以来我主持召开会议52次，有的会议以会议落实会议。
2.官僚主义方面。下基层调研少，全年只到村里调研7次，群众来镇里办事要跑好几趟。
3.享乐主义方面。精神懈怠，满足现状，开拓进取的劲头不如从前，周末很少加班。
（四）奢靡之风方面
这方面我清清白白。
{after}
恳请同志们批评指正。"""


def test_a_heading_its_first_paragraph_denies_lends_its_category_to_no_later_paragraph(analyzer):
    """The heading line, then the denial, then a paragraph under no heading of its own: it is not
    read as examining the denied category; a confession of it there still counts."""
    after = "在镇里工作久了，待在办公室的“舒适区”里，不愿吃苦，缺少了一股拼劲。"
    ext = analyzer.analyze(DENIED_HEADING.format(after=after)).coverage["extravagance"]
    assert not ext["covered"] and [d["text"] for d in ext["denials"]] == ["这方面我清清白白。"]
    confessed = "但去年有两次公务接待超标，人均超标60元，我没有制止。"
    ext = analyzer.analyze(DENIED_HEADING.format(after=confessed)).coverage["extravagance"]
    assert ext["covered"] and any("超标" in s["text"] for s in ext["sentences"])


@pytest.mark.parametrize("name", ["heldout", "heldout2", "heldout3"])
def test_held_apart_denial_wordings_leave_the_category_not_covered(analyzer, name):
    """The denial-wordings suite on one short material: every wording of a held-apart set, as a
    run-in heading or naming the category itself (≥ 95% not covered, as issue 13 asks)."""
    outcomes = []
    for k, s in enumerate(x for x in load_sentences(name) if x.label):
        sentence = fill(s.text, 3).replace("{cat}", "奢靡之风")
        denial = sentence if "{cat}" in s.text else f"4.奢靡之风方面。{sentence}"
        outcomes.append(not analyzer.analyze(THREE_STYLES.format(denial=denial)).coverage["extravagance"]["covered"])
    assert len(outcomes) >= 80
    assert sum(outcomes) / len(outcomes) >= 0.95


def test_work_shortfalls_are_work_for_style(analyzer):
    text = WORK_SUMMARY.replace("主要是学习不够、调研不够。", "主要是工作任务重、调研不够、推进不平衡。")
    d = analyzer.analyze(text).depth
    assert d["substitutions"]["work_for_style"]
    assert d["substitution_evidence"]["work_for_style"]
    assert any("以工作问题代替作风问题" in n for n in d["notes"])


def test_depth_says_where_the_missing_points_went(analyzer):
    for text in (GOOD, THREE_STYLES.format(denial="4.奢靡之风方面。这方面我一向注意。")):
        d = analyzer.analyze(text).depth
        lost = sum(x["points"] for x in d["deductions"]) + d.get("unattributed_points", 0)
        assert abs(lost - (100 - d["score"])) <= 0.5 * len(d["deductions"]) + 0.1
        points = [x["points"] for x in d["deductions"]]
        assert points == sorted(points, reverse=True)
        assert all(x["reason"] and x["criterion"] in d["criteria"] for x in d["deductions"])
    weak = analyzer.analyze(THREE_STYLES.format(denial="4.奢靡之风方面。这方面我一向注意。")).depth
    denied = next(x for x in weak["deductions"] if x["signal"] == "denied_share")
    assert "奢靡之风" in denied["reason"] and denied["paragraphs"] and denied["phrases"]


def test_reasons_never_praise_what_another_reason_faults(analyzer):
    r = analyzer.analyze(THREE_STYLES.format(denial=""))
    notes = r.depth["notes"]
    assert any(n.startswith("未查摆") for n in notes)
    faulted = {"以共性问题代替具体问题": "已查摆的问题具体", "原因分析": "原因剖析触及主观根源",
               "整改措施无时限": "整改措施有时限", "缺少整改措施": "整改措施有时限"}
    for bad, good in faulted.items():
        assert not (any(n.startswith(bad) for n in notes) and any(n.startswith(good) for n in notes))


def test_reasons_drop_praise_of_a_faulted_aspect():
    from analyzer.depth import Signals

    values = {"summary_ratio": 0.0, "excuse_share": 0.0, "root_per_cause": 2.0, "vague_per_measure": 0.0,
              "boilerplate_share": 0.0, "preamble_share": 0.0, "instance_share": 0.7, "deadline_share": 1.0}
    counts = {"denied": [], "missing": [], "not_covered": [], "categories": 4, "causes": 2, "measures": 2, "no_deadline": 0, "problems": 10,
              "no_instance": 3, "boiler": 0, "pre_chars": 0, "plural": 0, "singular": 5}
    sig = Signals(values, evidence={"disguised_praise": []}, counts=counts,
                  phrases={"root_per_cause": ["理想信念"], "excuse_share": []})
    subs = {"work_for_style": False, "collective_for_personal": False, "generic_for_specific": True}
    notes = reasons(sig, subs)
    assert [n.aspect for n in notes if n.aspect == "instances"] == ["instances"]
    assert Note("instances", False, notes[0].text) == notes[0]
    assert any(n.good and n.aspect == "causes" for n in notes)




def test_a_never_did_after_a_contrast_is_a_denial_only_when_a_clause_grants_something_first(analyzer):
    clf = analyzer.matcher.denials
    granted = "虽然经常下基层，但从来没有接受过基层的宴请。"  # grants, then denies: a denial
    omission = "三是各种制度牌子挂满了办公楼的走廊，但我从来没有组织职工逐条学一学，有的同志连内容都说不上来。"
    assert clf.predict([granted, omission]) == [True, False]  # the omission confesses
    assert clf.predict_proba([granted])[0] > clf._body_proba([granted])[0]  # raised by what follows 但
