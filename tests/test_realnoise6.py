"""Sixth noise round (issue 13): furniture glued into a page pasted as one line — after the last
sentence of a cut paragraph, between a side bar's bullets, in a site's note opened by its tag — is cut
out whole, and no sentence of the material goes with it. Every line here is invented for the tests."""
import pytest

from analyzer import ingest, noise
from analyzer.pipeline import paragraphs

BODY = ("理论学习不够深入，满足于读原文、记笔记，去年参加中心组学习12次，发言材料多是照搬文件，"
        "联系实际不够，对新思想新理论的理解停留在表面。")


def _paragraphs(text: str) -> list[tuple[str, bool]]:
    return [(p.text, p.noise.line) for p in paragraphs(ingest.from_text(text))]


@pytest.mark.parametrize("tail, cue", [
    ("(周某某/摄)请输入搜索内容", "输入提示 input prompt"),   # a credit and a prompt run together
    ("（王某某撰稿）", "署名 byline"),
    ("(党委宣传部)|", "署名 byline"),                           # a unit's credit with a table bar
    ("撰稿人：陈某某", "来源/日期栏 撰稿人"),
    ("更多资讯，请关注某某发布微信", "关注提示 follow prompt"),
    ("(未完,全文共2210字,当前显示630字)", "截断提示 truncation notice"),
])
def test_a_tail_of_furniture_after_the_last_sentence_is_cut(tail, cue):
    text = BODY + tail + "二、整改措施"
    spans, runs = noise.tails(text, [(0, len(BODY) + len(tail)), (len(BODY) + len(tail), len(text))])
    assert spans[:2] == [(0, len(BODY)), (len(BODY), len(BODY) + len(tail))]
    assert len(runs) == 1 and cue in runs[0][2]


@pytest.mark.parametrize("tail", [
    "张某某",                                   # a signature is the material's own (head rules are not used)
    "中共某某学院委员会202045",                 # a signature and a date run together: not an affiliation
    "某某县委组织部2023年12月20日",            # never cut inside a date
    "2024年1月8日",
    "（三）加强学习",
    "二、存在的问题",
    "恳请同志们批评指正",
])
def test_a_materials_own_tail_stays(tail):
    text = BODY + tail
    spans = [(0, len(text)), (len(text), len(text) + 1)]
    assert noise.tails(text + "。", spans) == (spans, [])


def test_a_line_that_is_not_split_has_no_tails():
    text = BODY + "(周某某/摄)"
    assert noise.tails(text, [(0, len(text))]) == ([(0, len(text))], [])


def test_the_tail_becomes_its_own_noise_paragraph_in_a_pasted_page():
    text = ("一、存在的问题" + BODY + "(周某某/摄)请输入搜索内容二、整改措施坚持每周自学不少于5小时，每月撰写一篇学习体会，"
            "结合分管工作开展一次专题调研，形成调研报告，推动学习成果转化。")
    paras = _paragraphs(text)
    noisy = [t for t, is_noise in paras if is_noise]
    assert noisy == ["(周某某/摄)请输入搜索内容"]
    assert "".join(t for t, _ in paras).replace("(周某某/摄)请输入搜索内容", "") == text.replace(
        "(周某某/摄)请输入搜索内容", "")  # nothing of the material is lost


def test_a_side_bars_bullets_are_cut_and_a_materials_bullets_stay():
    text = ("某某学院召开党支部书记述职评议会• 赵某某• 2023-05-12• 浏览:316•5月10日下午，某某学院在行政楼会议室召开"
            "党支部书记述职评议会，学院党委书记出席会议并讲话，各党支部书记逐一述职，与会人员进行了现场测评。"
            "• 加强理论学习• 严肃组织纪律•")
    runs = [text[a:b] for a, b, _ in noise.runs(text)]
    assert any("赵某某" in r for r in runs) and any("浏览:316" in r for r in runs)
    assert not any("加强理论学习" in r or "严肃组织纪律" in r or "述职评议会，" in r for r in runs)


def test_a_site_note_opened_by_its_tag_is_cut_whole():
    note = "导语：关于加强作风建设的心得一文来源于网友上传，不代表本站观点，如需原创文章请咨询客服，欢迎参考。"
    body = ("通过这次专题学习，我深刻认识到作风建设永远在路上，必须从自身做起，从小事做起，"
            "坚决反对形式主义、官僚主义，切实改进调查研究，真正沉下身子听取群众意见。")
    text = "关于加强作风建设的心得" + note + body
    runs = [text[a:b] for a, b, _ in noise.runs(text)]
    assert note in runs
    assert not any(body[:10] in r for r in runs)


def test_a_closed_bracket_before_the_sites_voice_does_not_swallow_the_title():
    text = ("关于开展批评与自我批评的发言(范文推荐)| 来源:网友投稿下面是小编为大家整理的关于开展批评与自我批评的发言"
            "(范文推荐),供大家参考。同志们：按照支部的安排，我就开展批评与自我批评谈几点认识，不当之处请批评指正。"
            "我们要坚持实事求是，敢于揭短亮丑，真正做到红红脸、出出汗。")
    runs = [text[a:b] for a, b, _ in noise.runs(text)]
    assert any(r.endswith("供大家参考。") and "小编" in r for r in runs)
    assert all(not r.startswith("关于开展") and not r.startswith("(范文推荐)|") for r in runs)


@pytest.mark.parametrize("title, widgets", [
    ("党支部工作制度汇编合集下载", "合集下载"),
    ("某某县乡村振兴工作情况汇报立即下载", "立即下载"),
])
def test_a_widget_bar_glued_to_a_pasted_title_is_cut(title, widgets):
    text = title + "关于开展作风建设专项整治的通知。"
    spans, runs = noise.tails(text, [(0, len(title)), (len(title), len(text))])
    assert [text[a:b] for a, b, _ in runs] == [widgets]
    assert spans[0] == (0, len(title) - len(widgets))


@pytest.mark.parametrize("title", ["学习心得分享", "党员学习心得体会收藏", "关于开展主题党日活动的通知"])
def test_a_title_ending_in_a_short_widget_word_stays(title):
    text = title + "各支部：现将有关事项通知如下。"
    assert noise.tails(text, [(0, len(title)), (len(title), len(text))])[1] == []


def test_a_truncation_notice_and_an_image_name_glued_between_sentences_are_cut():
    text = ("会上，各党小组认真学习了有关文件，并结合实际开展了讨论，大家一致认为这次活动很有意义。现场照片2.jpg"
            "各党小组认真遵守组织活动制度，面对面开展评议。(未完，全文共2310字，当前显示480字)二、加强学习，在提高能力上下功夫。")
    runs = [text[a:b] for a, b, _ in noise.runs(text)]
    assert runs == ["现场照片2.jpg", "(未完，全文共2310字，当前显示480字)"]


def test_an_image_named_inside_a_sentence_stays():
    text = ("我们组织党员观看了专题片，会场展板上印着示意图.jpg的字样，大家都很受教育，纷纷表示要向先进学习，"
            "努力做好本职工作，为单位发展作出新的更大的贡献，以实际行动践行初心使命。")
    assert noise.runs(text) == []
