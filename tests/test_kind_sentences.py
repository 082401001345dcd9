"""Document kind, issue 13 (kindmil): the kind model reads what a page's sentences do, not only the page as one bag
of n-grams. A sentence classifier's probabilities are pooled per document (mean, max, share won, opening and
closing), and the document model is trained on pooled features of sentences the sentence classifier never saw.
Texts written for these tests."""
from __future__ import annotations

import numpy as np
import pytest

from analyzer import kind_sentences
from analyzer.kind_sentences import ENDS, SentenceView, out_of_fold, pooled, sentences
from analyzer.kinds import KINDS, KindModel

CONFESSION = ("个人对照检查材料\n"
              "一、存在的问题。一是理论学习不够深入，满足于读原文、记笔记；二是调查研究不够扎实，到基层听汇报多、"
              "解剖麻雀少！三是工作作风不够严实？\n"
              "二、整改措施。今后我将每月到联系村调研不少于3天；主动接受监督")
NEWS = ("本报讯 3月4日，县委召开专题民主生活会，县委书记主持会议并讲话。会上，班子成员依次发言，"
        "他们结合分管工作查摆问题，并相互开展批评。会议共收集意见建议26条。")
OPINIONS = ("关于局领导班子征求意见情况的汇总\n一、对班子的意见：\n1.建议班子成员多到基层一线调研，少听汇报。\n"
            "2.希望班子进一步精简会议文件，减少陪会。\n二、对个别领导的意见：\n1.个别领导下基层时间偏少。")


def test_a_page_is_read_as_its_sentences_at_every_mark_and_line_break():
    found, counts = sentences([CONFESSION, NEWS, "  \n "])
    assert counts.tolist() == [8, 3, 1]
    assert found[:3] == ["个人对照检查材料", "一、存在的问题", "一是理论学习不够深入，满足于读原文、记笔记"]
    assert found[3] == "二是调查研究不够扎实，到基层听汇报多、解剖麻雀少"  # ！ ends a sentence, ， does not
    assert found[6:8] == ["今后我将每月到联系村调研不少于3天", "主动接受监督"]  # ； ends one too
    assert found[8] == "本报讯3月4日，县委召开专题民主生活会，县委书记主持会议并讲话"  # blanks removed
    assert found[11] == ""  # a text without a sentence is one empty sentence


def test_sentence_probabilities_are_pooled_per_document_mean_max_share_opening_and_closing():
    # two documents: four sentences over two kinds, then one sentence
    proba = np.array([[0.9, 0.1], [0.2, 0.8], [0.6, 0.4], [0.3, 0.7], [0.4, 0.6]])
    row = pooled(proba, np.array([4, 1]))
    assert row.shape == (2, 10)
    mean, top, share, first, last = np.split(row[0], 5)
    assert mean == pytest.approx([0.5, 0.5]) and top == pytest.approx([0.9, 0.8])
    assert share == pytest.approx([0.5, 0.5])  # sentences 1 and 3 go to the first kind
    assert first == pytest.approx(proba[:ENDS].mean(axis=0)) and last == pytest.approx(proba[-1 - ENDS:-1].mean(axis=0))
    assert row[1] == pytest.approx([0.4, 0.6, 0.4, 0.6, 0, 1, 0.4, 0.6, 0.4, 0.6])  # one sentence: all of it


def test_out_of_fold_features_come_from_views_fitted_without_the_document(monkeypatch):
    texts = [CONFESSION, CONFESSION.replace("\n", ""), NEWS, NEWS[8:], OPINIONS, OPINIONS.replace("\n", ""),
             CONFESSION[9:], NEWS.replace("本报讯 ", ""), OPINIONS[17:]]
    kinds = ["personal", "personal", "other", "other", "opinions", "opinions", "personal", "other", "opinions"]
    groups = ["p1", "p1", "n1", "n1", "o1", "o1", "p2", "n2", "o2"]
    fitted, scored = [], []
    fit, features = SentenceView.fit, SentenceView.features
    monkeypatch.setattr(SentenceView, "fit", lambda self, t, k, g: fitted.append(set(g)) or fit(self, t, k, g))
    monkeypatch.setattr(SentenceView, "features", lambda self, t, order: scored.append(set(t)) or features(self, t, order))
    rows = out_of_fold(texts, kinds, groups, KINDS)
    assert rows.shape == (9, 5 * len(KINDS)) and len(fitted) == len(scored) == kind_sentences.OUT_OF_FOLD
    for seen, held in zip(fitted, scored):  # a document's shapes are scored only by a view that never saw it
        assert not seen & {g for t, g in zip(texts, groups) if t in held}
    assert set().union(*scored) == set(texts)


def test_the_kind_model_reads_the_pooled_sentences_beside_the_page():
    texts = [CONFESSION, NEWS, OPINIONS, CONFESSION.replace("\n", ""), NEWS[8:], OPINIONS.replace("\n", "")]
    kinds = ["personal", "other", "opinions"] * 2
    model = KindModel().fit(texts, kinds, groups=["p", "n", "o"] * 2)
    rows = model._rows(texts)
    assert rows.parts[-1] == pytest.approx(model.sentences_.features(texts, KINDS))
    assert rows.parts[-1].shape == (6, 5 * len(KINDS))
    mean = rows.parts[-1][:, :len(KINDS)]
    assert mean[1, KINDS.index("other")] > mean[1, KINDS.index("personal")]  # the news item's sentences report
