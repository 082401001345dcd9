"""Terminal view of a report (rich): structure with roles, then each judgement with evidence.

Chinese text is wrapped by :class:`Wrapped`, which breaks between characters but never
inside a number or a Latin word (2023年, 1.5亿, 48%) and never puts a closing mark at
the start of a line, so the view stays readable at 80 columns.
"""
from __future__ import annotations

import re

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.measure import Measurement
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .report import Report, as_given, evidence_text, judged, quoted_phrases

ROLE_STYLE = {
    "heading": "bold", "preamble": "dim", "problem": "red", "cause": "yellow",
    "measure": "green", "summary": "magenta", "closing": "dim", "other": "white", "noise": "dim strike",
}
ROLE_LABEL = {
    "heading": "标题", "preamble": "开头", "problem": "问题", "cause": "原因",
    "measure": "措施", "summary": "总结", "closing": "结尾", "other": "其他", "noise": "噪声",
}

CRITERION_LABEL = {"strict": "衡量尺子严", "accurate": "查摆问题准", "deep": "原因分析深", "concrete": "整改措施实"}
SUBSTITUTION_LABEL = {"work_for_style": "以工作问题代替作风问题",
                      "collective_for_personal": "以班子问题代替个人问题",
                      "generic_for_specific": "以共性问题代替具体问题"}


_UNBREAKABLE = re.compile(r"[0-9A-Za-z][0-9A-Za-z.,:%/_\-]*[0-9A-Za-z%]|[0-9A-Za-z]")
_NO_LINE_START = set("，。、；：！？）」』”’》〉%,.;:!?)]")
_NO_LINE_END = set("（「『“‘《〈([")


def break_points(text: str) -> list[int]:
    """Offsets where a line may break: between characters, except inside a run of digits and
    Latin letters, before closing punctuation or after opening punctuation.

    >>> [("2023年3月"[a:b]) for a, b in zip([0] + break_points("2023年3月"), break_points("2023年3月") + [7])]
    ['2023', '年', '3', '月']
    """
    inside = set()
    for m in _UNBREAKABLE.finditer(text):
        inside.update(range(m.start() + 1, m.end()))
    return [i for i in range(1, len(text)) if i not in inside and text[i] not in _NO_LINE_START
            and text[i - 1] not in _NO_LINE_END and not text[i].isspace()]


class Wrapped:
    """A styled text that wraps at :func:`break_points` to the width it is given."""

    def __init__(self, text: Text | str):
        self.text = text if isinstance(text, Text) else Text(text)

    def _units(self) -> list[tuple[int, int]]:
        plain = self.text.plain
        cuts = [0, *break_points(plain), len(plain)]
        return list(zip(cuts, cuts[1:]))

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        plain = self.text.plain
        widest = max((cell_len(plain[a:b]) for a, b in self._units()), default=0)
        return Measurement(min(widest, options.max_width, 12), cell_len(plain))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        plain, width = self.text.plain, max(options.max_width, 1)
        units = []  # a unit wider than the line (a long file name) is folded by character
        for a, b in self._units():
            units += [(a, b)] if cell_len(plain[a:b]) <= width else [(i, i + 1) for i in range(a, b)]
        lines, start, used = [], 0, 0
        for a, b in units:
            size = cell_len(plain[a:b])
            if used and used + size > width:
                lines.append((start, a))
                start, used = a, 0
            used += size
        lines.append((start, len(plain)))
        for a, b in lines:
            yield self.text[a:b]


def _snippet(text: str, width: int = 60) -> str:
    """``text`` cut to ``width`` characters; a table row's cells (joined by TABs, which a terminal
    expands unevenly) shown apart by ｜."""
    text = text.replace("\t", " ｜ ")
    return text if len(text) <= width else text[: width - 1] + "…"


def _bar(value: float, width: int = 20) -> str:
    filled = round(value / 100 * width)
    return "█" * filled + "░" * (width - filled)


def render(report: Report, console: Console) -> None:
    """Print one report: errors and warnings, judgements, then the paragraph structure."""
    if report.error:
        error = report.error
        detail = _escape(f"[{error['code']}] {error['message']}")
        console.print(f"[bold red]✗ {_escape(report.name)}[/]  {detail}")
        return
    console.rule(f"[bold]{_escape(report.name)}[/]  {report.chars} 字 · {len(report.paragraphs)} 段")
    if report.kind:
        k = report.kind
        console.print(f"[bold]文档类型 kind:[/] {_escape(k['label'])} ({k['id']}, {k['score']:.2f})  "
                      f"[dim]依据 cues: {_escape('；'.join(k['cues'][:4]))}[/]")
    for w in report.warnings:
        console.print(f"[yellow]⚠ {_escape(w['message'])}[/]")
    parts = []
    if report.criticism is not None:
        parts.append(_criticism_table(report.criticism))
    if report.rectification is not None:
        parts.append(_rectification_table(report.rectification))
    if report.opinions is not None:
        parts.append(_opinions_table(report.opinions))
    if report.depth is not None:
        parts.append(_depth_panel(report))
    if report.coverage is not None:
        parts.append(_coverage_table(report))
    if report.summary_like is not None and report.summary_like["paragraphs"]:
        parts.append(_summary_panel(report))
    if report.copy is not None:
        parts.append(_copy_panel(report))
    for part in parts:
        console.print(part)
    console.print(_structure_table(report))


CRITICISM_LABEL = {"genuine": "[green]真批评 genuine[/]", "praise": "[red]批评变表扬 praise[/]",
                   "vague": "[yellow]笼统空泛 vague[/]", "suggestion_only": "[yellow]以建议代批评 suggestion only[/]",
                   "work_not_style": "[yellow]以工作代作风 work, not style[/]"}
STATUS_LABEL = {"answered": "[green]已回应 answered[/]", "generic": "[yellow]套话带过 generic[/]",
                "ignored": "[red]未回应 ignored[/]"}


def _criticism_table(c: dict) -> Table:
    never = f"；未收到批评 never criticised: {'、'.join(c['never_criticised'])}" if c.get("never_criticised") else ""
    table = Table(title=f"批评意见 criticism: {len(c['items'])} 条，真批评 {c['share_genuine']:.0%}{never}", expand=True)
    for col, width in (("对象", 8), ("判断 label", 14), ("类别", 13), ("事例", 4)):
        table.add_column(col, width=width)
    table.add_column("意见 / 理由 reasons")
    for it in c["items"]:
        body = _escape(_snippet(it["text"], 70)) + "".join(f"\n  [dim]• {_escape(r)}[/]" for r in it["reasons"][:2])
        table.add_row(it["target"] or "", Text.from_markup(CRITICISM_LABEL[it["label"]]), it["style"] or "",
                      "✓" if it["instance"] else "", Text.from_markup(body))
    return table


def _rectification_table(r: dict) -> Table:
    table = Table(title=f"整改方案 plan: {len(r['items'])} 项，缺要素 {r['items_missing_fields']} 项", expand=True)
    for col in ("问题 problem", "措施 measure", "责任人 owner", "时限 deadline", "标准 standard"):
        table.add_column(col)

    def cell(value, missing):
        return Text.from_markup("[red]✗ 缺[/]") if missing else Text(_snippet(value or "", 30))

    for it in r["items"]:
        miss = set(it["missing"])
        table.add_row(cell(it["problem"], "problem" in miss), cell(it["measure"], "measure" in miss),
                      cell(it["owner"], "owner" in miss), cell((it["deadline"] or {}).get("text"), "deadline" in miss),
                      cell(it["standard"], "standard" in miss))
    return table


def _opinions_table(o: dict) -> Table:
    table = Table(title=f"意见回应 opinions: 回应率 {o['answered_ratio']:.0%}", expand=True)
    table.add_column("#", width=3, justify="right")
    table.add_column("意见 opinion")
    table.add_column("结论 status", width=16, no_wrap=True)
    table.add_column("依据 evidence")
    for it in o["items"]:
        ev = it.get("evidence") or {}
        where = f"¶{ev['paragraph']} {_snippet(ev['sentence'], 50)}" if ev else ""
        table.add_row(str(it["index"] + 1), _escape(it["text"]), Text.from_markup(STATUS_LABEL[it["status"]]),
                      Text(where))
    return table


NOT_JUDGED_TITLE = ("结构 structure（不是材料：角色只示段落形态，未据此评判 / "
                    "not a material: the roles only show each paragraph's form, nothing was judged on them）")


def _structure_table(report: Report) -> Table:
    title = "结构 structure" if judged(report.warnings) else NOT_JUDGED_TITLE
    table = Table(title=title, show_lines=False, expand=True)
    table.add_column("#", justify="right", width=3)
    table.add_column("角色 role", width=14, no_wrap=True)
    table.add_column("类别 styles", width=14)
    table.add_column("段落 paragraph")
    flagged = set((report.summary_like or {}).get("paragraphs", []))
    for p in report.paragraphs:
        role = Text(f"{ROLE_LABEL[p.role]} {p.role}", style=ROLE_STYLE[p.role])
        mark = " [magenta]⟦像工作总结⟧[/]" if p.index in flagged else ""
        text = Text.from_markup(_escape(_snippet(p.original or p.text)) + mark,  # as given: traditional stays so
                                style="bold" if p.role == "heading" else "dim" if p.role == "noise" else "")
        table.add_row(str(p.index), role, ",".join(p.styles), Wrapped(text))
    return table


def _escape(text: str) -> str:
    """``text`` shown as it is: no rich markup (or terminal link) hidden in a name or a paragraph."""
    return text.replace("[", r"\[")


def _coverage_table(report: Report) -> Table:
    table = Table(title=f"四风/类别覆盖 coverage ({report.rubric})", expand=True)
    table.add_column("类别", width=10)
    table.add_column("结论", width=12)
    table.add_column("分", justify="right", width=5)
    table.add_column("最佳证据 best evidence")
    given = as_given(report.paragraphs)  # quotes of a text read as simplified, in its own script
    for c in report.coverage.values():
        verdict = "[green]✓ 已查摆[/]" if c["covered"] else "[red]✗ 未查摆[/]"
        ev = ""
        if c.get("best_sentence"):
            ev = f"¶{c['evidence'][0]} {_escape(_snippet(given(evidence_text(c['best_sentence'])), 70))}"
            if c.get("note"):  # a covered category's caveat (only a headline, a denial elsewhere)
                ev += f"\n[yellow]{_escape(c['note'])}[/]"
        elif c.get("note"):
            ev = f"[yellow]{_escape(c['note'])}[/]"
            if c.get("denials"):
                d = c["denials"][0]
                ev += f"\n¶{d['paragraph']} “{_escape(_snippet(given(d['text']), 60))}”"
        table.add_row(c["label"], verdict, f"{c['score']:.2f}", Wrapped(Text.from_markup(ev)))
    return table


def _summary_panel(report: Report) -> Panel:
    s = report.summary_like
    lines = [f"像工作总结/述职报告的段落占 {s['ratio']:.0%} 字数 (reads like a work report)"]
    for i in s["paragraphs"][:6]:
        p = report.paragraphs[i]
        cues = "、".join(p.evidence.get("summary_cues", [])[:5])
        lines.append(f"  ¶{i} ({p.summary_like:.2f}) {_escape(_snippet(p.text, 50))}" + (f"  [dim]线索: {cues}[/]" if cues else ""))
    return Panel(Group(*[Wrapped(Text.from_markup(line)) for line in lines]), title="工作总结化 work-summary passages",
                 border_style="magenta")


RELATION_WORD = {"shared": "雷同 shared", "copied_from": "抄袭来源 copied from", "self_copy": "照搬往年材料 self-copy"}


def _relation(s: dict) -> str:
    return s.get("relation") or ("copied_from" if s.get("origin") == "library" else "shared")


def _copy_panel(report: Report) -> Panel:
    c = report.copy
    lines = [f"复制比 {c['ratio']:.0%} (去除引用和套话后的正文 text without quotations and stock text)   "
             f"全文复制比 total {c.get('total_ratio', c['ratio']):.0%}   引用和套话 quoted {c['quoted_ratio']:.0%}   "
             f"重复字数 {c.get('copied_chars', '–')}/{c.get('chars', '–')}"]
    sections = c.get("sections") or {}
    if sections:
        lines.append("  " + "  ".join(f"{ROLE_LABEL[k]} {v['ratio']:.0%}" for k, v in sections.items()))
    for s in c["sources"][:5]:
        arrow = "⇄" if _relation(s) == "shared" else "←"
        reasons = "；".join(r for r in s.get("reasons", []) if r)
        lines.append(f"  {arrow} {_escape(s['source'])}: {s['ratio']:.0%} ({len(s['fragments'])} 处) "
                     f"{RELATION_WORD[_relation(s)]}" + (f" [dim]{_escape(reasons)}[/]" if reasons else ""))
    style = "red" if c["ratio"] >= 0.2 else "green"
    return Panel(Group(*[Wrapped(Text.from_markup(line)) for line in lines]), title="文字复制 copy",
                 border_style=style)


WORK_REPORT_DEPTH = "（工作总结，按对照检查材料的尺子量 / a work report, measured by a self-examination's bar）"


def _depth_panel(report: Report) -> Panel:
    d, given = report.depth, as_given(report.paragraphs)
    rows = [f"[bold]深度得分 depth {d['score']:.0f}/100[/]"]
    for key, label in CRITERION_LABEL.items():
        v = d["criteria"][key]
        rows.append(f"  {label} {key:<8} {_bar(v)} {v:.0f}" if v is not None else
                    f"  {label} {key:<8} [dim]不在所给文本中 not in the text[/]")
    for key, flagged in d["substitutions"].items():
        if flagged:
            rows.append(f"[red]  ✗ {SUBSTITUTION_LABEL[key]} ({key})[/]")
    for note in d["notes"][:6]:
        rows.append(f"  • {_escape(note)}")
    if d.get("deductions"):
        rows.append(f"[dim]  扣分 where the other {100 - d['score']:.0f} points went:[/]")
    for x in d.get("deductions", [])[:4]:
        where = f" ¶{','.join(map(str, x['paragraphs'][:5]))}" if x["paragraphs"] else ""
        quotes = "".join(f"「{_escape(given(p))}」" for p in quoted_phrases(x, 1))
        rows.append(f"  −{x['points']:.0f} {_escape(x['reason'])}{where}" + (f" [dim]{quotes}[/]" if quotes else ""))
    if d.get("unattributed_points"):
        rows.append(f"[dim]  −{d['unattributed_points']:.0f} 材料中无可指出之处 / nothing in the text to show for them[/]")
    if (report.kind or {}).get("id") == "work_report":  # in the body: a panel's title is cut at the width
        rows.insert(1, f"[dim]  {WORK_REPORT_DEPTH.strip('（）')}[/]")
    return Panel(Group(*[Wrapped(Text.from_markup(r)) for r in rows]), title="深度 depth", border_style="cyan")


def _marked(text: str, spans: list[tuple[int, int, str]]) -> Text:
    """``text`` with each (start, end, style) span styled."""
    out = Text(text, overflow="fold")
    for start, end, style in spans:
        out.stylize(style, start, end)
    return out


def render_compare(result: dict, texts: dict[str, str], console: Console) -> None:
    """Two documents side by side, paragraph by paragraph (a comparison object of
    :mod:`analyzer.compare`): shared fragments in red, quotations and stock sentences (not
    copying) in blue; then the figures both ways and the direction only with its reason."""
    a_in_b, b_in_a = result["a_in_b"], result["b_in_a"]
    frags = [f for s in a_in_b["sources"] for f in s["fragments"]]

    def column(key: str, own: tuple[str, str], quotes: list[dict]) -> list[Text]:
        marks = [(q["start"], q["end"], "blue") for q in quotes]
        marks += [(f[own[0]], f[own[1]], "bold red") for f in frags]
        out, at = [], 0
        for line in texts[key].split("\n"):
            end = at + len(line)
            out.append(_marked(line, [(max(s, at) - at, min(e, end) - at, st) for s, e, st in marks if s < end and e > at]))
            at = end + 1
        return out

    name_a, name_b = result["a"]["name"], result["b"]["name"]
    console.print(Wrapped(Text.from_markup(f"[bold]{_escape(name_a)} ⇄ {_escape(name_b)}[/]：{len(frags)} 处相同片段 / "
                                           f"{len(frags)} shared fragments")))
    table = Table(expand=True, show_lines=True)
    table.add_column(name_a, ratio=1, overflow="fold")
    table.add_column(name_b, ratio=1, overflow="fold")
    left = column("a", ("start", "end"), a_in_b["quotations"])
    right = column("b", ("source_start", "source_end"), b_in_a["quotations"])
    for i in range(max(len(left), len(right))):
        table.add_row(Wrapped(left[i]) if i < len(left) else "", Wrapped(right[i]) if i < len(right) else "")
    console.print(table)
    for name, c in ((name_a, a_in_b), (name_b, b_in_a)):
        console.print(f"{_escape(name)}: 复制比 {c['ratio']:.0%}  全文复制比 {c['total_ratio']:.0%}  "
                      f"重复字数 {c['copied_chars']}/{c['chars']}")
    if not frags:
        console.print("未发现相同文字 / no shared text")
    elif result["likely_source"]:
        console.print(f"可能在先 likely first: {_escape(result['likely_source'])}（{_escape('；'.join(result['reasons']))}）")
    else:
        console.print("雷同 shared text: 没有日期或作者证据，不判断谁抄谁 / no evidence of who copied whom")
    console.print("[bold red]红色[/]: 相同片段 shared   [blue]蓝色[/]: 规范引用或通用套话 official quotation or stock sentence")


def demo_table(rows: list[dict], title: str) -> Table:
    """The ranked batch table of ``jingzi demo``, legible at 80 columns."""
    table = Table(title=title, expand=True)
    table.add_column("#", justify="right", width=2)
    table.add_column("材料 name", ratio=3, overflow="fold")
    table.add_column("深度 depth", justify="right", width=6)
    table.add_column("未查摆 missing", ratio=2)
    table.add_column("总结化 summary", justify="right", width=8)
    table.add_column("复制比 copy", ratio=3)
    table.add_column("提示 flags", ratio=4)
    for r in rows:
        if r["error"]:
            table.add_row("", r["name"], "", "", "", "", Text(r["error"]["code"], style="red"))
            continue
        copy = f"{r['copy']:.0%}" + (f" ← {r['top_source']}" if r["top_source"] else "")
        table.add_row(str(r["rank"]), r["name"], f"{r['depth']:.0f}", Wrapped("、".join(r["missing"]) or "—"),
                      f"{r['summary_like']:.0%}", Text(copy, overflow="fold"),
                      Wrapped("；".join(r["substitutions"] + r["flags"])))
    return table
