"""Issue 14 (speed): the kind stage over a chunk. The texts a title does not settle are scored by one
``KindModel.predict_proba`` call, and every text gets the kind, score and cues it gets alone; the voice patterns'
prefilter keeps its sets of alternatives as bit masks, and a pattern whose match position is not read reports its
first matching alternative in the pattern's order. Texts written for these tests in the shapes of a titled
self-examination, an untitled one, a work report, a news item and a notice."""
from __future__ import annotations

import pytest

from analyzer import ingest, modelstore
from analyzer.kinds import KindModel, sentence_matches
from analyzer.pipeline import Kind, read

from .conftest import GOOD, WORK_SUMMARY

UNTITLED_MATERIAL = ("对照党章党规，我深入查摆了自身存在的问题。一是理论学习不够深入，满足于读原文、记笔记，"
                     "学用结合不够。二是调查研究不够扎实，下基层次数少，听汇报多、解剖麻雀少。\n"
                     "产生这些问题的原因，主要是理想信念有所淡化，宗旨意识不够牢固。")
NEWS = ("12月3日，县委常委会召开专题民主生活会。县委书记主持会议并讲话，市委督导组到会指导。\n"
        "会上，班子成员依次作对照检查发言，大家纷纷表示要立行立改。")
NOTICE = ("关于征求对局领导班子意见建议的通知\n各科室、各直属单位：\n为开好专题民主生活会，现就征求意见建议有关事项"
          "通知如下。请于12月10日前将意见建议报局办公室。")
TEXTS = [GOOD, UNTITLED_MATERIAL, NEWS, WORK_SUMMARY, NOTICE, UNTITLED_MATERIAL.replace("\n", "")]


@pytest.fixture(scope="module")
def kind_model():
    return modelstore.load("kinds")


def test_classify_many_gives_each_text_its_own_kind(kind_model):
    alone = [kind_model.classify(text) for text in TEXTS]
    assert kind_model.classify_many(TEXTS) == alone
    assert alone[0]["score"] == 1.0 and alone[2]["id"] not in ("personal", "collective")


def test_the_kind_stage_scores_a_chunk_with_one_product(kind_model, monkeypatch):
    asked = []
    real = KindModel.predict_proba

    def counted(self, texts):
        asked.append(len(texts))
        return real(self, texts)

    alone = [kind_model.classify(text) for text in TEXTS]
    monkeypatch.setattr(KindModel, "predict_proba", counted)
    docs = [read(ingest.from_text(text, f"d{k}.txt")) for k, text in enumerate(TEXTS)]
    Kind(kind_model, None).run_many(docs)
    untitled = sum(not entry["cues"][0].startswith("标题自称") for entry in alone)  # a model may score 1.0 too
    assert untitled >= 3 and asked == [untitled]  # the titled material is settled by its title, unscored
    assert [doc.kind.to_json() for doc in docs] == alone


def test_a_pattern_reports_its_first_matching_alternative():
    # 要注意 comes before 一些(单位|…|同志) among the expository alternatives; both stand in the sentence
    sentence = "有时批评人比较直接，让一些同志感到压力比较大，今后要注意方式方法"
    matches = sentence_matches([sentence])[0]
    assert matches["expository"].group() == "要注意"
