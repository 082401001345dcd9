"""A manifestation named as what others' cases were about is a lesson's topic, not the author's
practice. Found trying 2025 深入贯彻中央八项规定精神学习教育 drafts as a reviewer (tryout4): a 以案促改
paragraph (学习通报的违规吃喝典型案例时，我只当旁观者…) made 奢靡之风 "已查摆" with that sentence as its
evidence, though the draft confesses no eating or drinking of its own. The texts are invented."""
import pytest

from analyzer import Analyzer
from analyzer.behaviour import behaviour_reader

# every problem paragraph confesses something; only the lesson's topic is about eating and drinking
LESSON_ONLY = """个人检视剖析材料
按照学习教育的部署，我认真学习了中央纪委通报的违规吃喝典型问题，联系思想和工作实际查摆了自身问题。
一、存在的问题
（一）以案促改浮于表面。组织科室学习通报的大吃大喝典型案例时，我把自己当成局外人，只是照读通报，没有联系分管工作查找风险点。
（二）调查研究不够扎实。今年到乡镇调研只有4次，多是听汇报、看台账，对企业反映的审批环节多的问题没有跟踪解决。
二、整改措施
一是每季度到乡镇调研不少于3次。二是年底前把企业反映的审批问题逐项销号。"""

# the same lesson, and a meal of the author's own in the next paragraph
OWN_MEAL = LESSON_ONLY.replace(
    "二、整改措施",
    "（三）执行公务接待规定不严。今年4月，我接受一家施工企业的宴请，席间饮酒，餐费由企业支付。\n二、整改措施")


@pytest.fixture(scope="module")
def analyzer():
    return Analyzer(kind="personal")


@pytest.mark.parametrize("sentence, phrase", [
    ("组织科室学习通报的大吃大喝典型案例时，我把自己当成局外人。", "大吃大喝"),
    ("我认真学习了中央纪委通报的违规吃喝典型问题。", "违规吃喝"),
    ("观看了公款吃喝警示教育片，但没有写出心得。", "公款吃喝"),
])
def test_the_topic_of_a_case_is_no_practice(sentence, phrase):
    reader = behaviour_reader()
    start = sentence.index(phrase)
    assert reader.case_topic(sentence, start, start + len(phrase))
    assert not reader.counts(sentence, start, start + len(phrase))


@pytest.mark.parametrize("sentence, phrase", [
    ("去年因参加老乡饭局被通报批评，教训深刻。", "饭局"),
    ("今年有两次接受宴请，没有及时报告。", "接受宴请"),
])
def test_the_authors_own_case_stays_a_practice(sentence, phrase):
    reader = behaviour_reader()
    start = sentence.index(phrase)
    assert not reader.case_topic(sentence, start, start + len(phrase))


def test_a_lesson_on_others_cases_does_not_cover_extravagance(analyzer):
    coverage = analyzer.analyze(LESSON_ONLY, name="lesson.txt").to_dict()["coverage"]
    assert not coverage["extravagance"]["covered"]
    assert coverage["bureaucratism"]["covered"] or coverage["formalism"]["covered"]


def test_an_own_meal_beside_the_lesson_is_the_evidence(analyzer):
    entry = analyzer.analyze(OWN_MEAL, name="meal.txt").to_dict()["coverage"]["extravagance"]
    assert entry["covered"]
    assert all("典型" not in s["text"] for s in entry["sentences"])
