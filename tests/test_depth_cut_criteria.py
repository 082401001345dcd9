"""A text that stops before its causes or measures shows no 原因分析深 / 整改措施实 score: the
criterion of a part not in the text is null (a reason says it is not in the text), whatever an
opening paragraph before the first problem held; a complete material scores all four."""
import analyzer

# written for this test: a personal material copied from a page up to its second problem, its
# opening heavy with root-cause words
EXCERPT = """个人剖析材料
这次专题学习让我深刻认识到，理想信念是共产党人的精神之钙，宗旨意识、党性修养和世界观、人生观、价值观的改造一刻也不能放松，我对照要求，认真查找了自身存在的差距，现剖析如下。
一、存在的主要问题
1、调查研究不深入。今年5月到联系村调研产业发展，只听了村干部汇报，没有到合作社和农户家里看，回来后写的调研报告大多是汇报材料的内容。
2、服务群众不主动。分管的便民服务窗口上半年有群众投诉3起，都是因为材料一次性告知不到位，我只是批转了事，没有跟进整改。"""


def test_cut_criteria_are_null():
    depth = analyzer.analyze(EXCERPT, "摘录.txt").to_dict()["depth"]
    assert any(n.startswith("原因分析不在所给文本中") for n in depth["notes"])
    assert depth["criteria"]["deep"] is None and depth["criteria"]["concrete"] is None
    assert depth["criteria"]["strict"] is not None and depth["criteria"]["accurate"] is not None


def test_complete_material_scores_every_criterion():
    text = EXCERPT + """
二、产生问题的原因
理想信念有所淡化，宗旨意识淡化，放松了党性锻炼，对群众的事情不上心。
三、整改措施
2024年12月底前，每月到联系村调研不少于2次，窗口投诉件件跟踪，年底前全部办结。"""
    criteria = analyzer.analyze(text, "全文.txt").to_dict()["depth"]["criteria"]
    assert all(isinstance(v, float) for v in criteria.values())
