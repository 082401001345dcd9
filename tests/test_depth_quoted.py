"""Depth: words a material quotes (a leader's words after a colon, an official formulation in
quotation marks, a 《…》 title) are no evidence of its own root causes or self-criticism."""
import analyzer
from analyzer.depth import quoted_spans

MATERIAL = """个人对照检查材料
按照县委关于开好专题民主生活会的通知要求，我认真学习规定篇目，广泛征求意见，深入查摆问题，现将个人对照检查情况报告如下。
一、存在的问题
（一）形式主义方面。调研走马观花，今年4月到三个乡镇调研，每处只停留半天，听汇报多、进农户少，对群众反映的灌溉渠堵塞问题没有跟踪解决。
（二）官僚主义方面。对下属科室要求多、指导少，6月布置的项目台账工作只发通知不作解释，基层同志三次打电话询问才弄清口径。
（三）享乐主义方面。精神状态有所松懈，觉得工作多年差不多了，周末加班时常以各种理由推给年轻同志。
二、产生问题的原因
（一）对四风危害认识不深。习近平总书记这样概括享乐主义的表现：精神懈怠、不思进取，追名逐利、贪图享受，讲究排场、玩风盛行。我过去总觉得这些离自己很远，对照起来才看到差距。
（二）理想信念有所淡化。放松了理论学习和党性锻炼，宗旨意识淡化，把自己混同于一般群众。
三、整改措施
（一）2024年6月底前，每月到联系乡镇调研不少于2次，建立问题台账，逐项销号。
（二）严格落实中央八项规定精神，年底前完成个人学习计划。
"""


def test_quoted_definition_is_no_root_cause():
    depth = analyzer.analyze(MATERIAL).to_dict()["depth"]
    phrases = depth["details"]["deep"]["phrases"]
    assert "理想信念有所淡化" in phrases  # the author's own cause still counts
    assert "精神懈怠" not in phrases and "不思进取" not in phrases
    praise = [n for n in depth["notes"] if n.startswith("原因剖析触及主观根源")]
    assert praise and "精神懈怠" not in praise[0]


def test_quoted_spans():
    said = "总书记在讲话中强调：“理想信念就是共产党人精神上的钙。”我对此理解不深，宗旨意识淡化。"
    assert [said[a:b] for a, b in quoted_spans(said)] == ["“理想信念就是共产党人精神上的钙。”"]
    title = "学习《关于加强党性修养的若干意见》不够深入，党性锻炼有所放松。"
    assert [title[a:b] for a, b in quoted_spans(title)] == ["《关于加强党性修养的若干意见》"]
    # an official term used in the author's own sentence, a short term in quotation marks: not quoted
    own = "归根到底，是世界观、人生观、价值观这个“总开关”没有拧紧，对“四风”的危害认识不清。"
    assert quoted_spans(own) == ()
