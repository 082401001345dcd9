"""Fifth noise round: furniture told by its form on pages of new sites (dev-noise4), and a site's
summary told by its echo of the text below it. Every line here is invented for the tests."""
import pytest

from analyzer import ingest, noise
from analyzer.pipeline import paragraphs


@pytest.mark.parametrize("line, cue", [
    ("(王晓峰/摄)", "署名 byline"),                              # a photographer's credit between paragraphs
    ("（李明/图 赵刚/文 孙丽/审核）", "署名 byline"),
    ("(图片:周小雨) | | |", "署名 byline"),                      # … left in a table's cells
    ("• 文/图:陈立新", "署名 byline"),
    ("您的当前位置:", "导航路径 breadcrumb"),                     # a location label, alone or with its section
    ("你的位置：学术交流", "导航路径 breadcrumb"),
    ("请输入搜索内容", "输入提示 input prompt"),
    ("请您留言", "输入提示 input prompt"),
    ("广告热线:0371-66554433", "服务热线 service line"),
    ("投稿咨询：400-123-4567 合作咨询：400-765-4321", "服务热线 service line"),
    ("(未完,全文共2680字,当前显示410字)", "截断提示 truncation notice"),
    ("……(前文已省略120字)", "截断提示 truncation notice"),
    ("会场照片2.jpg", "图片文件 image file"),
    ("- 某某街道召开防汛工作部署会(2021-07-02 09:15:40)", "相关链接 related link"),
    ("某某社区开展义诊活动(2022-05-11 16:20)", "相关链接 related link"),
    ("更多精彩，关注某某日报微信", "关注提示 follow prompt"),
    ("某某学院官方微博", "页面按钮 page widgets"),
    ("查看评论", "页面按钮 page widgets"),
    ("•  点击:2087   发布时间:2023-09-14", "计数栏 counters"),
])
def test_furniture_by_form(line, cue):
    found = noise.inspect(line)
    assert found.line and cue in found.cues, (line, found.cues)


@pytest.mark.parametrize("line", [
    "一、存在的问题",
    "（三）加强学习。",
    "形式主义方面",
    "校党委组织部",                                     # a notice's signature
    "2024年3月5日",
    "（2021年6月18日）",                                 # a speech's dated subtitle
    "联系人及电话：王某，0371-12345678。",                # a document's contact line
    "监督举报热线：12388",                               # a discipline notice's reporting line
    "请各支部于5月10日前报送。",
    "请同志们批评指正。",
    "关于开展作风建设专项整治的通知(2023-04-06)",        # a dated title without a clock or a list mark
    "要密切关注群众在微信群里反映的问题。",
    "图1：组织架构",
    "2023年组织生活会制度.doc",
    "（一）关于理论学习不够深入的问题",
])
def test_document_lines_stay(line):
    assert not noise.inspect(line).line, (line, noise.inspect(line).cues)


def _roles(text: str) -> list[tuple[str, bool]]:
    return [(p.text, p.noise.line) for p in paragraphs(ingest.from_text(text))]


def test_a_site_summary_that_repeats_the_body_is_noise():
    body = ("3月12日上午，某某县机关第二党支部组织党员到革命纪念馆开展主题党日活动，支部书记带领大家重温入党誓词。"
            "党员们表示要把学习成果转化为做好本职工作的动力。")
    text = "某某县机关第二党支部开展主题党日活动\n【摘要】" + body[:40] + "\n" + body + "\n责任编辑：王某"
    roles = _roles(text)
    assert roles[1][1] and roles[1][0].startswith("【摘要】")
    assert not roles[2][1] and not roles[0][1]  # the body and the title stay


def test_an_authors_abstract_stays_content():
    text = ("论基层党组织组织力的提升路径\n"
            "摘要：基层党组织是党的全部工作和战斗力的基础，提升组织力需要从制度、队伍和载体三方面着手。\n"
            "一、问题的提出\n"
            "近年来，一些基层党组织存在政治功能弱化、组织生活不规范等问题，影响了党员作用的发挥。")
    assert not any(is_noise for _, is_noise in _roles(text))


def test_a_written_material_keeps_every_line():
    text = ("个人对照检查材料\n"
            "根据民主生活会的部署，我认真查摆了自身存在的问题，现报告如下。\n"
            "一、存在的问题\n"
            "（一）形式主义方面\n"
            "理论学习不够深入，满足于读原文、记笔记，去年参加中心组学习12次，发言材料多是照搬文件。\n"
            "二、整改措施\n"
            "（三）加强学习。\n"
            "张某某\n"
            "2024年1月8日")
    assert not any(is_noise for _, is_noise in _roles(text))


def test_a_long_menu_row_is_read_in_one_pass():
    """A menu row of many sections with no column word at its end (首页 | 文学 | … pasted into one line) is
    split one way only: it used to be tried 2^n ways and a page of 15 sections never finished."""
    row = "首页 | " + " | ".join(f"栏目{k}" for k in range(60)) + " | 文集" + "明天要开民主生活会，大家都在准备发言提纲。"
    assert all(b <= row.index("明天") for _, b, _ in noise.runs(row))  # the sentence after the row stays content
    assert [p.noise.line for p in paragraphs(ingest.from_text("首页 > 范文大全 > 党建材料 > 正文"))] == [True]
