"""Document kind, issue 13 (kindtail): ``python -m training.kinds_corpus cv``, a grouped k-fold over the train and
dev documents, so the errors of a bigger held-apart set than the written dev split can be read. The folds keep all
six shapes of a document together and deal each kind out evenly; the figures count leaks (a non-material given a
material kind) apart from materials lost. Texts written for these tests."""
from __future__ import annotations

from collections import Counter

from training.kinds_corpus import SHAPES, KindDocument, cross_validate, cv_folds, load_kinds_corpus, scored


def _doc(doc_id: str, kind: str, text: str = "正文。") -> KindDocument:
    return KindDocument(doc_id, kind, text, "train")


def test_the_folds_hold_whole_documents_deal_every_kind_evenly_and_never_change():
    docs = [d for d in load_kinds_corpus() if d.split in ("train", "dev")]
    folds = cv_folds(docs, 5)
    assert set(folds) == {d.id for d in docs} and set(folds.values()) == set(range(5))
    for kind in {d.kind for d in docs}:
        sizes = Counter(folds[d.id] for d in docs if d.kind == kind)
        assert max(sizes.values()) - min(sizes.values()) <= 1, kind
    assert cv_folds(list(reversed(docs)), 5) == folds
    assert cv_folds(docs, 5, seed=14) != folds


def test_scored_counts_leaks_apart_from_lost_materials_per_shape():
    docs = [_doc("pe1", "personal"), _doc("ot1", "other")]
    pred = ["personal"] * len(SHAPES) + ["other"] * len(SHAPES)
    pred[SHAPES.index("excerpt")] = "other"                    # a material lost in its excerpt
    pred[len(SHAPES) + SHAPES.index("runon")] = "work_report"  # a non-material leaked in its run-on paste
    pred[len(SHAPES) + SHAPES.index("noisy")] = "opinions"     # a non-material confused with another non-material
    figures = scored(docs, pred)
    assert figures["material_taken_for_another_kind"] == 1 and figures["non_material_given_material_kind"] == 1
    assert figures["per_shape"]["excerpt"] == 0.5 and figures["per_shape"]["clean"] == 1.0
    assert figures["confusion"] == {"personal": {"other": 1}, "other": {"work_report": 1, "opinions": 1}}
    assert figures["errors"] == {"pe1 (personal)": ["excerpt->other"], "ot1 (other)": ["runon->work_report"]}
    assert figures["other_errors"] == {"ot1 (other)": ["noisy->opinions"]}


PERSONAL = ["个人对照检查材料\n我在理论学习上不够深入，存在以学代干的问题。我联系群众不够，调查研究走马观花。",
            "个人对照检查材料\n本人宗旨意识有所淡化，服务群众不够主动。我在工作中存在畏难情绪，担当精神不足。",
            "个人对照检查材料\n我对分管领域的风险排查不够，存在失职问题。我批评与自我批评不够，怕得罪人。",
            "个人对照检查材料\n我带头过紧日子不够，有时铺张。我落实中央八项规定精神不够严格，存在侥幸心理。"]
NEWS = ["县委召开专题民主生活会\n3月4日，县委召开专题民主生活会，县委书记主持会议并讲话。会上，班子成员依次发言。",
        "市税务局召开警示教育大会\n5月12日，市税务局召开警示教育大会，局长出席会议并讲话。与会人员观看了警示片。",
        "镇党委召开组织生活会\n6月2日，镇党委召开组织生活会，党委书记主持。会上，各支部书记依次作了述职。",
        "区教育局召开工作推进会\n8月20日，区教育局召开工作推进会，局长主持会议。会上，各学校负责人依次汇报。"]


def test_cross_validation_predicts_every_shape_of_every_document_once():
    docs = [_doc(f"pe{i}", "personal", t) for i, t in enumerate(PERSONAL)]
    docs += [_doc(f"ot{i}", "other", t) for i, t in enumerate(NEWS)]
    figures = cross_validate(docs, folds=2, margin=0.3)
    assert figures["documents"] == 8 and figures["margin"] == 0.3
    assert figures["materials"] == figures["non_materials"] == 4 * len(SHAPES)
    assert figures["non_material_given_material_kind"] == 0
