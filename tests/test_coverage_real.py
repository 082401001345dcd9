"""Coverage evidence must describe a behaviour (issue 13, found on the real-page DEV sets, data/README.md
"Coverage evidence that describes a behaviour"). The texts are invented, in the shapes real pages showed:
prescriptions, views and attitudes, workload, compliance statements and headings taken as evidence; one
sentence the evidence of several styles; preamble and achievement paragraphs supplying evidence."""
import pytest

from analyzer import Analyzer
from analyzer.behaviour import behaviour_reader

EXAMINED = {"problem", "cause", "other"}


@pytest.fixture(scope="module")
def reader():
    return behaviour_reader()


@pytest.fixture(scope="module")
def analyzer():
    return Analyzer(kind="personal")


def kinds(reader, sentence):
    return [c.kind for c in reader.clauses(sentence)]


@pytest.mark.parametrize("sentence", [
    "不能避重就轻，要欢迎别人的批评。",
    "必须把查摆出来的问题一条一条改到位。",
    "坚决克服形式主义，反对铺张浪费，彻底杜绝违规吃喝现象的发生。",
    "今后一定要少开会、开短会。",
    "明确单次接待费用由分管领导审批。",
])
def test_a_norm_or_measure_describes_no_behaviour(reader, sentence):
    assert not reader.describes(sentence, True)
    assert set(kinds(reader, sentence)) <= {"norm", "plain"}


@pytest.mark.parametrize("sentence", [
    "对同事之间私下聚餐与“圈子”饭局的界线把握不够警惕。",
    "主要是缺乏勤俭节约意识。",
    "总认为只要把本职工作干好就行了，其他的事与我无关。",
    "存在艰苦的地方最好别人去、难办的事最好别人办的思想。",
])
def test_a_view_or_attitude_alone_describes_no_behaviour(reader, sentence):
    assert not reader.describes(sentence, True)


def test_the_workload_is_no_fault_unless_it_is_an_excuse(reader):
    assert not reader.describes("这项工作涉及的单位点多、面广，时间紧、任务繁重。", True)
    assert reader.describes("有时以时间紧、任务重为由不参加集中学习。", True)


def test_compliance_is_no_confession(reader):
    sentence = "经测量，现使用办公用房480平方米，没有超标使用，也无违规配车。"
    assert "compliance" in kinds(reader, sentence)
    assert not reader.describes(sentence, True)
    assert not reader.counts(sentence, sentence.index("办公用房"), sentence.index("超标") + 2)


@pytest.mark.parametrize("sentence", ["（四）奢靡之风方面。", "2、公务接待费", "三是在工作作风方面："])
def test_a_heading_is_no_evidence(reader, sentence):
    assert reader.heading(sentence)
    assert not reader.describes(sentence, True)


def test_a_confession_describes_a_behaviour(reader):
    assert reader.describes("下基层调研有时走马观花，到预定点位转一转就走，发现不了问题。", False)
    assert not reader.heading("一是学习流于形式。")  # a problem stated briefly is no heading
    confession = "有时不能完全站在全局上思考问题，存在以会议落实会议的倾向。"
    assert reader.describes(confession, False)
    assert reader.counts(confession, confession.index("以会议落实会议"), confession.index("的倾向"))


def test_a_narrative_needs_a_confessing_paragraph(reader):
    narrative = "镇里来检查卫生，我就临时组织人把路边扫一扫，检查的人一走就没人管了。"
    assert reader.describes(narrative, True)
    assert not reader.describes(narrative, False)  # 今年共接待群众来访123人次 reads the same way


def test_a_prescription_is_not_covered_but_a_confession_is(analyzer):
    text = ("对照检查材料\n"
            "一、存在的问题\n"
            "（一）形式主义方面。要坚决克服形式主义，不能以会议落实会议，必须把精力放到抓落实上。\n"
            "（二）官僚主义方面。下基层调研少，去年到联系村只去过两次，群众来局里办事有时要跑好几趟，"
            "我对窗口推诿扯皮的现象没有及时过问。\n"
            "二、整改措施\n"
            "今后要坚持每月到联系村走访，改进窗口服务。\n")
    coverage = analyzer.analyze(text, "prescription.txt").to_dict()["coverage"]
    assert not coverage["formalism"]["covered"]
    assert coverage["bureaucratism"]["covered"]


def test_an_attitude_and_the_workload_are_not_covered(analyzer):
    text = ("个人对照检查材料\n"
            "一、存在的问题\n"
            "1.对同事之间私下聚餐与“圈子”饭局的界线把握不够警惕，主要是缺乏勤俭节约意识。\n"
            "2.今年分管的特色街区改造，涉及的商户点多、面广，时间紧、任务繁重。\n"
            "3.学习上满足于读读文件、记记笔记，学用脱节，去年中心组学习我有三次请假没有补学。\n")
    coverage = analyzer.analyze(text, "attitude.txt").to_dict()["coverage"]
    assert not coverage["extravagance"]["covered"]
    assert not coverage["bureaucratism"]["covered"]
    assert coverage["formalism"]["covered"]


def test_evidence_never_comes_from_a_preamble_summary_measure_or_closing(analyzer):
    text = ("根据上级部署，结合工作实际，现将一年来的情况报告如下。\n"
            "今年共接待群众来访123人次，办理人民来信27件，组织全体干部职工认真学习了《条例》。\n"
            "下一步，我们要坚决反对形式主义、官僚主义，严禁公款吃喝，杜绝铺张浪费。\n"
            "以上报告，请予审议。\n")
    report = analyzer.analyze(text, "summary.txt").to_dict()
    roles = [p["role"] for p in report["paragraphs"]]
    for cid, entry in report["coverage"].items():
        assert all(roles[i] in EXAMINED for i in entry["evidence"]), cid
        assert not entry["covered"], cid


def test_one_sentence_is_evidence_of_one_style_unless_it_names_two(analyzer):
    text = ("对照检查材料\n"
            "一、存在的问题\n"
            "一是开会多、发文多，有的会是把上面的会原样再开一遍，以会议落实会议。\n"
            "二是下基层少，很少到困难群众家里走访，群众反映的问题有时一拖再拖。\n"
            "三是有时上班迟到，午休后打牌，精神懈怠。\n")
    report = analyzer.analyze(text, "one-style.txt").to_dict()
    cited: dict[tuple[int, int], set[str]] = {}
    for cid, entry in report["coverage"].items():
        for q in entry.get("sentences", []):
            cited.setdefault((q["start"], q["end"]), set()).add(cid)
    assert cited, "the confessions are cited"
    assert all(len(styles) == 1 for styles in cited.values()), cited
