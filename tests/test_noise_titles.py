"""Page furniture a document site puts above a pasted material: its slogan line (parts around a site
name, 某某文库◆记住我~) is noise; a title that is a file's name (….docx) states nothing to judge."""
import analyzer

BODY = """按照局党组的统一部署，我对照党章党规，结合分管工作，认真查摆了自身在四风方面存在的问题，现报告如下。
一、存在的问题
（一）形式主义方面。今年3月到五个基层站所调研，每处只听汇报、看台账，没有走访服务对象，对站所反映的人手不足问题至今没有拿出解决办法。
（二）官僚主义方面。对群众来信批转多、过问少，去年10月一封反映供水管网漏损的来信转给科室后，我没有再跟踪，直到群众第二次来信才督促处理。
二、整改措施
2024年9月底前，对群众来信逐件建立台账，每月调度一次，办结一件销号一件。
"""


def roles(text: str) -> list[tuple[str, str]]:
    return [(p["role"], p["text"]) for p in analyzer.analyze(text).to_dict()["paragraphs"]]


def test_site_slogan_is_noise():
    found = roles("笔墨常新不负春 — — 青松文库◆收藏我,常来看~\n关于四风问题的个人对照检查材料\n" + BODY)
    assert found[0][0] == "noise"
    assert found[1][0] == "heading"  # the material's own title stays


def test_file_name_title_is_not_judged():
    title = "【范文】关于作风问题的党员自我批评(精选版).docx"
    found = roles(f"{title}\n《{title}》由会员分享,可在线阅读,更多相关内容请下载\n" + BODY)
    assert found[0][0] not in ("problem", "cause", "measure", "summary", "preamble", "closing")
    assert found[0][0] != "noise"  # a title, kept as the page shows it
    assert found[1][0] == "noise" and [r for r, _ in found].count("problem") == 2
