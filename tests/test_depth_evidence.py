"""No paragraph is both a covered category's evidence and a problem about no style: depth reads every paragraph the
coverage verdict cites, not only the three whose sentences the entry quotes (on the real DEV pages 3 of 63 问题不涉作风
deductions named a paragraph that a covered category cites: dv-fresh12-003, dv-genres-044, dv-genres-046)."""
from analyzer.depth import with_evidence

PROBLEMS = ["一是学习流于形式，中心组学习照本宣科。", "二是调研走马观花，到基层只听汇报。",
            "三是文山会海依旧，上半年发文比去年多12件。", "四是服务群众意识不强。", "五是检查考核过多过频，基层疲于迎检。"]


def test_every_paragraph_a_covered_category_cites_examines_it():
    styles = [[], [], ["formalism"], [], []]  # only the third reaches the paragraph threshold
    quoted = [{"paragraph": i, "text": PROBLEMS[i]} for i in (0, 1, 2)]  # the entry quotes three paragraphs
    coverage = {"formalism": {"covered": True, "evidence": [0, 1, 2, 4], "sentences": quoted},
                "bureaucratism": {"covered": False, "evidence": [], "sentences": []}}
    out = with_evidence(styles, coverage)
    assert out[4] == ["formalism"]  # cited fourth: evidence, so not a problem about no style
    assert out[3] == []              # cited by nothing: stays without a style
    assert out[2] == ["formalism"] and styles[4] == []  # no duplicate; the given styles are not changed
