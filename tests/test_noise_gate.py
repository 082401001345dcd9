"""The noise rules run only where the literals they need stand (``noise._gate``): ordinary prose
skips them all, and on furniture, prose and furniture glued into prose every decision is the one
the rules give when all of them run."""

import random
import re

import pytest

from analyzer import noise
from training.kinds_corpus import KINDS_DIR

PROSE = [
    "在理论学习方面，学习不够深入，调查研究不够，对新思想的理解停留在表面。",
    "2023年以来，班子成员深入基层调研12次，召开座谈会5场，收集意见建议36条（其中群众来信8件）。",
    "一是政治理论学习有差距。二是落实“第一议题”制度有时流于形式：学了但没有真正入脑入心。",
    "（三）整改措施：1.加强学习；2.改进作风，推动工作落实见效，2024年6月底前完成。",
]

# one or more lines for each rule's form (names, sites and numbers made up)
FURNITURE = [
    "当前位置：首页 > 心得体会 > 正文", "您的位置：网站首页 > 学习园地 > 理论文章", "首页 > 党建 > 基层 >某局党组对照检查材料",
    "索引号：11330100/2023-00123", "• 主题分类：党建", "（某某大学马克思主义学院，甘肃兰州 730000）",
    "(作者系某某市委党校教研部副主任)", "李某某(1980- ),女,河南郑州人,某某大学讲师,主要从事党史研究。",
    "第38章 归来(第1页)", "发帖85 精华0 威望96 积分120", "(文/ 图/ )", "（图/王某某 文/李某某 审/张某）",
    "2017年03月15日 星期三", "2019年6月21日某某日报 第2版", "第04版:要闻 PDF版阅读", "党的建设[编辑]", "栏目：",
    "责任编辑：", "格式:DOCX", "约4.5千字", "大小: 25KB", "王某某,某某大学马克思主义学院副教授;李某某,某某学院讲师。",
    "2023-04-16 16:36 阅读 2471次", "2018-12-09王某老师", "《某某学报》2020年第7期", "《某某研究》,2017年02期。",
    "某某学报 2021年第3期", "关键词:基层党组织作风建设党员教育", "00:00/03:25", "发布时间:2022-05-14 09:10:00",
    "欢迎访问某某党建网！", "（王某）", "(党委工作部)", "党建园地 | 某局党组对照检查材料", "新华社记者 王某 李某",
    "- 3 -", "第1页 共3页", "某某工作部 http://www.dj-example.cn 2016-06-27 09:56:51 【阅读】", "据《某某日报》",
    "来源：某某范文网 作者：佚名 发布时间：2023-01-12", "收藏 分享 举报", "上一篇：某支部对照检查材料", "日期:2009-07-10 10:29",
    "首页>正文", "某某工作部 2016-06-27 09:56:51 【阅读】", "时间:2021-03-02 08:15:40", "欢迎来到某某社区",
]


def _noise_lines() -> list[str]:
    lines = (KINDS_DIR / "noise.txt").read_text(encoding="utf-8").splitlines()
    return [s.strip() for s in lines if s.strip() and not s.startswith("#")]


def _texts() -> list[str]:
    """Furniture lines, prose, and pieces of furniture glued into prose (seeded)."""
    furniture = FURNITURE + _noise_lines()
    rng = random.Random(14)
    glued = []
    for _ in range(600):
        prose, piece = rng.choice(PROSE), rng.choice(furniture)
        at, start = rng.randrange(len(prose) + 1), rng.randrange(len(piece))
        glued.append(prose[:at] + piece[start:start + rng.randint(2, 40)] + prose[at:])
    whole = [PROSE[k % len(PROSE)] + f + PROSE[(k + 1) % len(PROSE)] for k, f in enumerate(FURNITURE)]
    return furniture + PROSE + glued + whole + ["".join(furniture[:12]), "".join(PROSE + furniture[5:9])]


def _verdicts(text: str) -> tuple:
    found, head = noise.inspect(text), noise.inspect(text, head=True)
    return (found.line, found.cues, found.spans), (head.line, head.cues, head.spans), noise.runs(text)


def test_ordinary_prose_needs_no_rule():
    gate = noise._gate()
    assert len(gate.rules("在理论学习方面，学习不够深入，调查研究不够，对新思想的理解停留在表面。")) == 0
    assert "digits" in gate.rules("召开座谈会5场") and "furniture" in gate.rules("召开座谈会5场")
    assert "inline" in gate.rules("学习不够深入xK7q#2调研不够")  # a Latin letter: the scraping-token rules
    assert "phrases" in gate.rules("本文由某某网整理，转载请注明出处")


def test_the_gate_changes_no_decision(monkeypatch):
    texts = _texts()
    gated = [_verdicts(t) for t in texts]
    assert sum(bool(v[0][0] or v[0][2] or v[2]) for v in gated) > 100  # the rules do find furniture here
    everything = noise._Rules(frozenset(map(noise._rule_key, [*noise._gate().needs, *noise._gate().families])))
    monkeypatch.setattr(noise._Gate, "rules", lambda self, text: everything)
    assert [_verdicts(t) for t in texts] == gated


@pytest.mark.parametrize("pattern, needs", [
    (re.compile(r"(格式|大小)\s*[:：]\s*[A-Za-z]{2,4}", re.IGNORECASE), ({"格式", "大小"},)),  # no case: kept
    (re.compile(r"PDF版|第\d+版", re.IGNORECASE), ()),  # PDF has case: run always
    (re.compile(r"\d+"), ()),
])
def test_needs_of_a_pattern(pattern, needs):
    assert noise._needs(pattern) == tuple(frozenset(n) for n in needs)


def test_a_date_or_a_bracket_in_prose_runs_no_stamp_issue_or_credit_rule():
    """The rules of stamps, journal issues, credits and counters need more than one literal each
    (年 and 期 and a digit; a bracket and a task; a digit and a blank or a mark between counts; a
    digit and a dash or 页): a material's dates, numbers and bracketed numbering alone do not run them."""
    gate = noise._gate()
    prose = "2023年以来，班子成员深入基层调研12次，第一次召开座谈会，约束自己（其中专题会议2场）。"
    may = gate.rules(prose)
    assert "digits" in may  # a page number or a counter row still may be there
    assert not any(rule in may for rule in (noise._ISSUE, noise._ISSUE_RUN, noise._ISO_STAMP, noise._CREDIT_RUN,
                                            noise._COUNTER_RUN))
    # 约束, （…）, 第一 are prose
    assert not any(rule in may for rule in (noise._FILE_META, noise._AFFILIATION_RUN, "page_marks"))
    assert "meta" not in may and "form" not in may and "runs" not in may
    furniture = gate.rules("某某学报 2021年第3期（图/王某某 文/李某某） 发帖85 精华0 威望96")
    assert all(rule in furniture for rule in (noise._ISSUE_RUN, noise._CREDIT_RUN, noise._COUNTER_RUN))


def test_every_match_holds_what_its_rule_is_said_to_need():
    """Each literal set a rule needs (read from its pattern or written beside it) is met by every
    match of the rule found in the furniture lines and in them glued into prose."""
    gate = noise._gate()
    for text in _texts():
        for rule, conj in gate.needs.items():
            if isinstance(rule, str):
                continue
            for m in rule.finditer(text):
                found = m.group(0)
                for alternatives in conj:
                    assert any(x in found if isinstance(x, str) else
                               bool((noise._ANY_DIGIT if x is noise._DIGITS else noise._LETTER).search(found))
                               for x in alternatives), (rule.pattern, found)


def test_the_rules_of_a_text_are_those_whose_every_literal_set_it_meets():
    """The gate's index (a rule found by a literal of its first set, then its other sets checked) gives
    exactly the rules the definition gives: every literal set met, on furniture, prose and the two glued."""
    gate = noise._gate()
    for text in _texts():
        met = {x for x in gate.literals if x in text}
        met |= {noise._DIGITS} if noise._ANY_DIGIT.search(text) else set()
        met |= {noise._LATIN} if noise._LETTER.search(text) else set()
        rules = gate.rules(text)
        for rule, conj in gate.needs.items():
            assert (rule in rules) == all(alt & met for alt in conj), (text, rule)
        for name, family in gate.families.items():
            met_rules = [rule for rule in family if all(alt & met for alt in gate.needs[rule])]
            assert (name in rules) == bool(met_rules), (text, name)
