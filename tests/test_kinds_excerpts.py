"""Kind on excerpts and cut texts (branch excerpts): a self-examination cut to one confession that the model is sure
of is one; the gate's second confession still holds when the model is unsure or another voice speaks."""
from analyzer.kinds import SURE, voice

from .conftest import kind_decider, kind_row

# page 3 of a bureau deputy's material as a 范文 site shows it: the title and the opening are on page 1
CUT = ("三是对分管科室的年轻同志帮带不够。交代任务多，帮他们理思路少，有两份统计分析报告逾期，我只是催，没有查原因。\n"
       "四、整改措施\n"
       "（一）每月到基层站所蹲点不少于3天，年底前把分管领域的调研报告交党组审议。")
# the same one confession beside a meeting reported in the third person: news, not a cut material
REPORTED = ("3月12日，县农业农村局召开党组会议，局长主持会议并讲话。\n"
            "三是对分管科室的年轻同志帮带不够，交代任务多，帮他们理思路少，我只是催，没有查原因。")
# an aside in a diary: one self-critical sentence, nothing else speaking
DIARY = "周六带孩子去公园，看到湖边的柳树发了新芽。晚上翻出去年的日记，发现自己学习不够，好些书买回来就没拆封。明天还要早起送孩子上兴趣班。"


def test_one_confession_the_model_is_sure_of_is_a_self_examination():
    spoken = voice(CUT)
    assert spoken.confessions == 1 and spoken.reported + spoken.expository + spoken.about_others == 0
    assert kind_decider().decide(CUT, kind_row(personal=max(SURE, 0.95))) == "personal"
    assert kind_decider().decide(CUT, kind_row(collective=max(SURE, 0.95))) == "collective"


def test_one_confession_stays_gated_when_the_model_is_unsure_or_another_voice_speaks():
    assert voice(DIARY).confessions == 1
    for text in (CUT, DIARY):  # a diary's aside reads so to the model
        assert kind_decider().decide(text, kind_row(personal=0.6)) not in ("personal", "collective")
    assert kind_decider().decide(REPORTED, kind_row(personal=0.99)) not in ("personal", "collective")


def test_the_kind_object_does_not_pass_over_the_kind_it_gives():
    from analyzer.kinds import titled_kind

    judged = kind_decider().judged(CUT, voice(CUT), titled_kind(CUT), kind_row(personal=0.95))
    assert judged["id"] == "personal"
    assert not any(c.startswith("不按个人对照检查材料判断") for c in judged["cues"])
    assert any(c.startswith("自我检查句 1 句") for c in judged["cues"])
