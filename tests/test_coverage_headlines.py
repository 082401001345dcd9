"""Coverage: a problem's short numbered headline (一是进取精神有所减退。) names a behaviour but
describes none. Where its paragraph has sentences that describe one, they are the evidence;
where the category has only headlines, it stays covered with a note that says so."""
import analyzer
from analyzer.behaviour import headline

MATERIAL = """个人对照检查材料
根据镇党委的安排，我围绕为民务实清廉的要求，认真查摆了自身在四风方面存在的问题，现报告如下。
一、存在的问题
（一）官僚主义方面。去年秋收后，西沟村三户村民为宅基地边界的事先后四次到镇里找我，我每次都让他们去找村委会，直到他们到县信访局反映才亲自去现场处理。
（二）享乐主义方面。一是进取精神有所减退。今年上半年分管的农村环境整治工作，我满足于完成县里规定的任务，对群众提出的增设垃圾收集点的建议一直没有研究落实。
（三）奢靡之风方面。一是公务接待把关不严。二是办公用房超标整改不及时。
二、产生问题的原因
理想信念有所淡化，宗旨意识淡化，放松了党性锻炼。
三、整改措施
2024年10月底前，逐户回访西沟村三户村民，年底前完成办公用房整改。
"""


def test_headline():
    assert headline("一是进取精神有所减退。") and headline("（2）落实“政治建警”抓得不实。")
    assert not headline("一是进取精神有所减退，分管的环境整治只求完成任务，群众的建议一直没有研究落实。")
    assert not headline("进取精神有所减退。")  # not numbered


def test_behaviour_sentences_before_headlines():
    coverage = analyzer.analyze(MATERIAL).to_dict()["coverage"]
    hedonism = coverage["hedonism"]
    assert hedonism["covered"] and "note" not in hedonism
    assert hedonism["best_sentence"].startswith("今年上半年分管的农村环境整治工作")
    assert all(not headline(s["text"]) for s in hedonism["sentences"])


def test_only_headlines_say_so():
    extravagance = analyzer.analyze(MATERIAL).to_dict()["coverage"]["extravagance"]
    assert extravagance["covered"]
    assert all(headline(s["text"]) for s in extravagance["sentences"])
    assert extravagance["note"].startswith("证据只是问题的标题句")
