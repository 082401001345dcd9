"""Kind on excerpts and cut texts (branch excerpts): a self-examination cut to one confession that the model is sure
of is one; the gate's second confession still holds when the model is unsure or another voice speaks."""
import numpy as np

from analyzer.kinds import KINDS, SURE, KindModel, voice

# page 3 of a bureau deputy's material as a 范文 site shows it: the title and the opening are on page 1
CUT = ("三是对分管科室的年轻同志帮带不够。交代任务多，帮他们理思路少，有两份统计分析报告逾期，我只是催，没有查原因。\n"
       "四、整改措施\n"
       "（一）每月到基层站所蹲点不少于3天，年底前把分管领域的调研报告交党组审议。")
# the same one confession beside a meeting reported in the third person: news, not a cut material
REPORTED = ("3月12日，县农业农村局召开党组会议，局长主持会议并讲话。\n"
            "三是对分管科室的年轻同志帮带不够，交代任务多，帮他们理思路少，我只是催，没有查原因。")
# an aside in a diary: one self-critical sentence, nothing else speaking
DIARY = "周六带孩子去公园，看到湖边的柳树发了新芽。晚上翻出去年的日记，发现自己学习不够，好些书买回来就没拆封。明天还要早起送孩子上兴趣班。"


def _decider() -> KindModel:
    model = KindModel(margin=0.8)
    model.margin_ = 0.8
    return model


def _proba(kind: str, p: float) -> np.ndarray:
    row = np.full(len(KINDS), (1 - p) / (len(KINDS) - 1))
    row[KINDS.index(kind)] = p
    return row


def test_one_confession_the_model_is_sure_of_is_a_self_examination():
    spoken = voice(CUT)
    assert spoken.confessions == 1 and spoken.reported + spoken.expository + spoken.about_others == 0
    assert _decider().decide(CUT, _proba("personal", max(SURE, 0.95))) == "personal"
    assert _decider().decide(CUT, _proba("collective", max(SURE, 0.95))) == "collective"


def test_one_confession_stays_gated_when_the_model_is_unsure_or_another_voice_speaks():
    assert voice(DIARY).confessions == 1
    for text in (CUT, DIARY):  # a diary's aside reads so to the model
        assert _decider().decide(text, _proba("personal", 0.6)) not in ("personal", "collective")
    assert _decider().decide(REPORTED, _proba("personal", 0.99)) not in ("personal", "collective")


def test_the_kind_object_does_not_pass_over_the_kind_it_gives():
    from analyzer.kinds import titled_kind

    judged = _decider().judged(CUT, voice(CUT), titled_kind(CUT), _proba("personal", 0.95))
    assert judged["id"] == "personal"
    assert not any(c.startswith("不按个人对照检查材料判断") for c in judged["cues"])
    assert any(c.startswith("自我检查句 1 句") for c in judged["cues"])


# training draws of the cut shapes (training only; the scoring shapes stay one draw each)
DOC_LINES = [
    "县农业农村局副局长个人对照检查材料",
    "按照县委统一部署，我认真学习了规定篇目，广泛征求了意见，现将对照检查情况报告如下。",
    "一、存在的问题",
    "（一）调查研究不深入。全年下乡12次，多是听汇报、看点位，很少到农户家里算收入账。",
    "（二）抓落实不到位。高标准农田项目验收时，我只看了资料，没有到田间核实，两处灌渠至今渗水。",
    "（三）对年轻干部帮带不够。交代任务多，帮他们理思路少，两份统计报告逾期，我只是催，没有查原因。",
    "二、原因剖析",
    "理论学习满足于读原文，没有联系分管工作思考；宗旨意识有所淡化，习惯坐在办公室看报表。",
    "三、整改措施",
    "每月到基层站所蹲点不少于3天，年底前把分管领域的调研报告交党组审议。",
]


def _doc():
    from training.kinds_corpus import KindDocument

    return KindDocument("xt01", "personal", "\n".join(DOC_LINES), "train")


def test_training_draws_leave_the_scoring_shapes_as_they_were():
    from training.kinds_corpus import SHAPES, _shaped_set, shaped, training_draws, training_set

    doc = _doc()
    texts, kinds, groups = training_set([doc])
    assert texts[:len(SHAPES)] == _shaped_set([doc])[0] == [shaped(doc, sh) for sh in SHAPES]
    extra = training_draws([doc])[0]
    assert texts[len(SHAPES):] == extra and len(extra) >= 3
    assert set(kinds) == {"personal"} and set(groups) == {"xt01"}
    assert training_draws([doc])[0] == extra  # deterministic


def test_training_draws_show_the_middle_of_the_document():
    from training.kinds_corpus import TRAINING_DRAWS, noise_lines, shaped, training_draws

    doc = _doc()
    drawn = list(zip(training_draws([doc])[0], (sh for sh, _ in TRAINING_DRAWS)))
    assert all(DOC_LINES[0] not in t for t, sh in drawn if sh != "abridged")
    windows = [t for t, sh in drawn if sh == "window"]
    assert windows and all(2 <= len(t.splitlines()) <= 4 for t in windows)
    pages = [t for t, sh in drawn if sh == "page"]
    assert pages and all(any(n in t for n in noise_lines()) for t in pages)
    assert shaped(doc, "excerpt", 1) != shaped(doc, "excerpt") or shaped(doc, "excerpt", 2) != shaped(doc, "excerpt")
