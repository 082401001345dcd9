"""Document kind, issue 13 (kindmodel): layout features a reader sees at a glance and character n-grams miss
(numbered items, table rows, advice openings, deadlines, who speaks per sentence), fed to the kind model beside
the cue features. Texts written for these tests."""
from __future__ import annotations

import pytest

from analyzer.kinds import KindModel, cue_features, layout_features

OPINIONS = """关于局领导班子征求意见情况的汇总
一、对班子的意见：
1.建议班子成员多到基层一线调研，少听汇报。
2.希望班子进一步精简会议文件，减少陪会。
3.建议对窗口单位的考核更多听取办事群众意见。
二、对个别领导的意见：
1.个别领导下基层时间偏少，对基层困难了解不够。"""

LEDGER = """序号\t问题表现\t整改措施\t责任人\t完成时限
1\t调研走马观花\t每季度蹲点调研不少于5天\t张某\t2024年6月底前
2\t会议偏多偏长\t压缩会议数量30%\t李某\t长期坚持"""

NEWS = ("本报讯 3月4日，县委召开专题民主生活会，县委书记主持会议并讲话。会上，班子成员依次发言，"
        "他们结合分管工作查摆问题，并相互开展批评。会议共收集意见建议26条。")

NAMES = ("items", "short", "table", "colon", "lines", "enumerators", "advice", "questions", "dates", "counts",
         "deadlines", "first", "we", "third", "second", "sentence_length")


def features(text: str) -> dict[str, float]:
    return dict(zip(NAMES, layout_features(text), strict=True))


def test_a_list_of_opinions_shows_numbered_items_advice_and_headings_ending_in_a_colon():
    f = features(OPINIONS)
    assert f["items"] == pytest.approx(6 / 7)  # every line but the title opens with 一、 or 1.
    assert f["colon"] == pytest.approx(2 / 7)  # 一、对班子的意见：  二、对个别领导的意见：
    assert f["advice"] > 0.3 and f["table"] == 0 and f["first"] == 0


def test_a_ledger_shows_table_rows_and_deadlines_a_news_item_dates_counts_and_a_third_person():
    ledger, news = features(LEDGER), features(NEWS)
    assert ledger["table"] == 1.0 and ledger["deadlines"] > news["deadlines"] == 0
    assert news["table"] == 0 and news["dates"] > 0 and news["counts"] > 0 and news["third"] > 0
    assert news["lines"] < ledger["lines"]  # one paragraph against three rows


def test_a_run_on_paste_keeps_its_enumerators_and_advice_where_its_lines_are_lost():
    lines, runon = features(OPINIONS), features(OPINIONS.replace("\n", ""))
    assert runon["items"] == runon["colon"] == 0  # one line, opening with its title
    assert runon["enumerators"] >= lines["enumerators"] > 0.5
    assert runon["advice"] > 0.3 and runon["we"] > 0


def test_the_kind_model_reads_the_layout_beside_the_cues():
    texts = [OPINIONS, LEDGER, NEWS, OPINIONS.replace("\n", ""), LEDGER.replace("\t", " "), NEWS[:60]]
    kinds = ["opinions", "rectification", "other", "opinions", "rectification", "other"]
    model = KindModel().fit(texts, kinds, groups=["o", "r", "n"] * 2)
    rows = model._rows(texts)
    pooled_sentences = rows.parts[-1].shape[1]  # tests/test_kind_sentences.py
    assert rows.shape[1] == len(model.vec_.vocabulary_) + len(cue_features(NEWS)) + len(NAMES) + pooled_sentences
