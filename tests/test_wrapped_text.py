"""A plain text copied from a PDF viewer or a narrow window: its lines end where the page did,
and ingestion joins them back into the paragraphs (``ingest.wrapped_lines``)."""
from __future__ import annotations

from analyzer import ingest

# written for this test: a personal material of the 2024 党纪学习教育, one paragraph per line
MATERIAL = """XX区农业农村局副局长党纪学习教育专题组织生活会个人对照检查材料
按照局党组的安排，我逐章学习了新修订的《中国共产党纪律处分条例》，对照六项纪律查找自身差距，现将有关情况报告如下。
一、存在的问题
一是执行工作纪律不够严格。今年4月全区开展高标准农田建设项目验收，我分管的科室把三个村的验收材料直接照搬往年模板，我签字前只翻看了封面就同意上报，后来被区审计局指出数据前后矛盾。
二是联系群众不够深入。上半年我到联系的石桥镇只去过两次，每次都是听镇里汇报、看准备好的示范点，没有走进农户家里了解灌溉用水的实际困难，有两户群众反映的水渠漏水问题拖了三个月才解决。
三是落实廉洁纪律有松懈。去年中秋节前，一家农资企业负责人以看望老领导为名送来两盒月饼，我当时没有当场拒绝，事后才让办公室退回，在科室干部中造成了不好的影响。
二、产生问题的原因
主要是理想信念有所淡化，放松了主观世界的改造，对纪律规矩的敬畏之心不够，存在小事小节无关紧要的错误认识，宗旨意识也有所弱化。
三、整改措施
一是今年9月底前把分管科室近两年的验收材料全部复核一遍，由我本人牵头，逐项对照原始台账。
二是每月到石桥镇蹲点不少于三天，直接进村入户，群众反映的问题建立台账，十个工作日内答复。
恳请同志们批评指正。"""

PARAGRAPHS = MATERIAL.split("\n")
PAGE_NUMBER_AFTER = 3  # the page ends after the fourth paragraph's first lines: "- 1 -" falls inside it


def wrapped(text: str, width: float = 21) -> str:
    """``text`` as a PDF viewer copies it: every line at most ``width`` wide (a Chinese character 1,
    an ASCII one 0.5), and a page number inside the paragraph where the page ended."""
    lines = []
    for k, paragraph in enumerate(text.split("\n")):
        line = ""
        for ch in paragraph:
            if ingest._width(line + ch) > width:
                lines.append(line)
                line = ""
                if k == PAGE_NUMBER_AFTER and len(lines) > 2 and "- 1 -" not in lines:
                    lines.append("- 1 -")
            line += ch
        lines.append(line)
    return "\n".join(lines)


def test_the_wrapped_shape_breaks_lines_mid_sentence():
    raw = wrapped(MATERIAL)
    assert "- 1 -" in raw and raw.count("\n") > 2 * MATERIAL.count("\n")
    inner = [line for line in raw.split("\n") if line not in PARAGRAPHS and line != "- 1 -"]
    assert sum(not line.endswith("。") for line in inner) > len(inner) / 2  # most lines stop mid-sentence


def test_wrapped_lines_are_joined_back_into_the_paragraphs():
    raw = wrapped(MATERIAL)
    src = ingest.from_text(raw, "材料.txt")
    assert src.paragraph_texts() == PARAGRAPHS  # the page number is left out, the paragraph it cut goes on
    assert [w["code"] for w in src.warnings] == ["lines_rejoined"]
    for i, ch in enumerate(src.text):  # every character still maps back to the raw text
        if ch != "\n":
            assert raw[src.offsets[i]] == ch


def test_a_wrapped_txt_file_is_joined_too(tmp_path):
    path = tmp_path / "从PDF复制.txt"
    path.write_text(wrapped(MATERIAL), encoding="utf-8")
    assert ingest.read_path(path).paragraph_texts() == PARAGRAPHS


def test_a_paragraph_per_line_text_and_a_list_of_short_lines_are_left_as_they_are():
    assert ingest.wrapped_lines(MATERIAL) is None
    src = ingest.from_text(MATERIAL)
    assert src.paragraph_texts() == PARAGRAPHS and not src.warnings
    opinions = "\n".join(["群众对领导班子的意见建议"] + [f"{n}、希望领导干部多到村里走一走听一听" for n in range(1, 9)])
    assert ingest.wrapped_lines(opinions) is None
    cells = "\n".join(["序号 |", "意见内容 |"] + ["村民反映灌溉水渠年久失修，雨季经常漏水 |", "已采纳 |"] * 4)
    assert ingest.wrapped_lines(cells) is None  # a flattened table's cells end in |


def test_a_wrapped_material_is_judged_as_the_unwrapped_one(analyzer):
    as_written = analyzer.analyze(MATERIAL, "材料.txt").to_dict()
    pasted = analyzer.analyze(wrapped(MATERIAL), "材料.txt").to_dict()
    assert [p["role"] for p in pasted["paragraphs"]] == [p["role"] for p in as_written["paragraphs"]]
    assert {c: v["covered"] for c, v in pasted["coverage"].items()} == \
        {c: v["covered"] for c, v in as_written["coverage"].items()}
    assert pasted["depth"]["score"] == as_written["depth"]["score"]


def test_an_indented_wrapped_text_joins_a_numbered_line_that_runs_on():
    # 首行缩进 marks where each paragraph starts, so a numbered first line as wide as the page runs on
    numbered = MATERIAL.replace("三是落实廉洁纪律有松懈。", "（三）在落实廉洁纪律方面对自己的要求有所放松，")
    indented = "\n".join("\u3000\u3000" + p for p in numbered.split("\n"))
    raw = wrapped(indented, width=23)
    assert any(line.startswith("\u3000\u3000（三）") and "。" not in line for line in raw.split("\n"))
    assert ingest.from_text(raw).paragraph_texts() == numbered.split("\n")


def test_a_line_that_opens_with_a_closing_mark_continues_the_one_before():
    # a numbered item as wide as the page whose last 。 wrapped onto a line of its own
    item = "2.分管科室的验收材料照搬往年模板，我签字时把关不严"
    raw = "\n".join(wrapped(MATERIAL).split("\n") + [item, "。", "以上对照检查，请同志们批评指正。"])
    assert ingest.from_text(raw).paragraph_texts()[-2:] == [item + "。", "以上对照检查，请同志们批评指正。"]


# written for this test: a rectification list pasted as plain text, its table's cells between bars
PLAN_ROWS = [
    ("1", "理论学习流于形式，中心组学习以读文件代替研讨", "每季度确定一个专题，领导班子成员轮流领学并作交流发言", "党组书记", "2025年3月底前", "形成研讨记录"),
    ("2", "调查研究不深入，下基层多是听汇报看示范点", "每名班子成员每年到联系点蹲点调研不少于15天", "分管副局长", "长期坚持", "形成调研报告"),
    ("3", "为民服务意识不强，群众诉求答复不及时", "建立群众诉求台账，实行销号管理", "办公室主任", "2025年6月底前", "按时答复率达100%"),
    ("4", "文山会海问题仍然存在，部分会议可开可不开", "压减会议文件数量，能合并的会议一律合并召开", "办公室主任", "2025年4月底前", "会议数量压减三成"),
    ("5", "落实中央八项规定精神有松懈，公务接待把关不严", "修订公务接待管理办法，严格执行接待清单制度", "纪检组长", "2025年5月底前", "接待费用只减不增"),
    ("6", "干部担当作为不够，遇到难题上交矛盾", "完善干部考核办法，把解决难题作为考核重要内容", "党组书记", "2025年9月底前", "出台考核办法"),
]


def test_a_table_pasted_as_text_is_no_wrapped_page():
    """Rows of a text table end where their last cell does and look like lines that run on
    mid-sentence; they are rows, each kept apart (a plan's items were glued together)."""
    for sep in (" | ", "｜"):
        text = "\n".join(["XX局党组专题民主生活会查摆问题整改清单", "对照民主生活会查摆出的问题，逐项明确整改措施、责任人和完成时限，具体如下：",
                          sep.join(["序号", "存在问题", "整改措施", "责任领导", "完成时限", "整改目标"])]
                         + [sep.join(row) for row in PLAN_ROWS])
        assert ingest.wrapped_lines(text) is None
        assert len(ingest.from_text(text).paragraphs) == len(PLAN_ROWS) + 3
