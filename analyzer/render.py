"""Terminal view of a report (rich): structure with roles, then each judgement with evidence."""
from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .report import Report

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


def _snippet(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _bar(value: float, width: int = 20) -> str:
    filled = round(value / 100 * width)
    return "█" * filled + "░" * (width - filled)


def render(report: Report, console: Console) -> None:
    """Print one report: errors and warnings, judgements, then the paragraph structure."""
    if report.error:
        console.print(f"[bold red]✗ {report.name}[/]  [{report.error['code']}] {report.error['message']}")
        return
    console.rule(f"[bold]{report.name}[/]  {report.chars} 字 · {len(report.paragraphs)} 段")
    for w in report.warnings:
        console.print(f"[yellow]⚠ {w['message']}[/]")
    parts = []
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


def _structure_table(report: Report) -> Table:
    table = Table(title="结构 structure", show_lines=False, expand=True)
    table.add_column("#", justify="right", width=3)
    table.add_column("角色 role", width=14, no_wrap=True)
    table.add_column("类别 styles", width=14)
    table.add_column("段落 paragraph")
    flagged = set((report.summary_like or {}).get("paragraphs", []))
    for p in report.paragraphs:
        role = Text(f"{ROLE_LABEL[p.role]} {p.role}", style=ROLE_STYLE[p.role])
        mark = " [magenta]⟦像工作总结⟧[/]" if p.index in flagged else ""
        text = Text.from_markup(_escape(_snippet(p.text)) + mark,
                                style="bold" if p.role == "heading" else "dim" if p.role == "noise" else "")
        table.add_row(str(p.index), role, ",".join(p.styles), text)
    return table


def _escape(text: str) -> str:
    return text.replace("[", r"\[")


def _coverage_table(report: Report) -> Table:
    table = Table(title=f"四风/类别覆盖 coverage ({report.rubric})", expand=True)
    table.add_column("类别", width=10)
    table.add_column("结论", width=12)
    table.add_column("分", justify="right", width=5)
    table.add_column("最佳证据 best evidence")
    for c in report.coverage.values():
        verdict = "[green]✓ 已查摆[/]" if c["covered"] else "[red]✗ 未查摆[/]"
        ev = ""
        if c.get("best_sentence"):
            ev = f"¶{c['evidence'][0]} {_escape(_snippet(c['best_sentence'], 70))}"
        elif c.get("note"):
            ev = f"[yellow]{_escape(c['note'])}[/]"
        table.add_row(c["label"], verdict, f"{c['score']:.2f}", Text.from_markup(ev))
    return table


def _summary_panel(report: Report) -> Panel:
    s = report.summary_like
    lines = [f"像工作总结/述职报告的段落占 {s['ratio']:.0%} 字数 (reads like a work report)"]
    for i in s["paragraphs"][:6]:
        p = report.paragraphs[i]
        cues = "、".join(p.evidence.get("summary_cues", [])[:5])
        lines.append(f"  ¶{i} ({p.summary_like:.2f}) {_escape(_snippet(p.text, 50))}" + (f"  [dim]线索: {cues}[/]" if cues else ""))
    return Panel("\n".join(lines), title="工作总结化 work-summary passages", border_style="magenta")


def _copy_panel(report: Report) -> Panel:
    c = report.copy
    lines = [f"复制比 {c['ratio']:.0%}   引用比 {c['quoted_ratio']:.0%}"]
    for s in c["sources"][:5]:
        lines.append(f"  ← {_escape(s['source'])}: {s['ratio']:.0%} ({len(s['fragments'])} 处)")
    style = "red" if c["ratio"] >= 0.2 else "green"
    return Panel("\n".join(lines), title="抄袭检测 copy", border_style=style)


def _depth_panel(report: Report) -> Panel:
    d = report.depth
    rows = [f"[bold]深度得分 depth {d['score']:.0f}/100[/]"]
    for key, label in CRITERION_LABEL.items():
        v = d["criteria"][key]
        rows.append(f"  {label} {key:<8} {_bar(v)} {v:.0f}")
    for key, flagged in d["substitutions"].items():
        if flagged:
            rows.append(f"[red]  ✗ {SUBSTITUTION_LABEL[key]} ({key})[/]")
    for note in d["notes"][:6]:
        rows.append(f"  • {_escape(note)}")
    return Panel(Group(*[Text.from_markup(r) for r in rows]), title="深度 depth", border_style="cyan")


def _marked(text: str, spans: list[tuple[int, int, str]]) -> Text:
    """``text`` with each (start, end, style) span styled."""
    out = Text(text, overflow="fold")
    for start, end, style in spans:
        out.stylize(style, start, end)
    return out


def render_compare(a, b, fragments: list[dict], quotes_a, quotes_b, console: Console) -> None:
    """Two documents side by side, paragraph by paragraph: shared fragments in red, official
    quotations and stock sentences (not copying) in blue."""
    def spans(source, own_key, quotes):
        marks = [(s, e, "blue") for s, e in quotes]
        marks += [(f[own_key[0]], f[own_key[1]], "bold red") for f in fragments]
        out = []
        for ps, pe in source.paragraphs:
            local = [(max(s, ps) - ps, min(e, pe) - ps, st) for s, e, st in marks if s < pe and e > ps]
            out.append(_marked(source.text[ps:pe], local))
        return out

    copied = sum(f["end"] - f["start"] for f in fragments)
    share = copied / max(len(a.text.replace("\n", "")), 1)
    console.rule(f"[bold]{a.name}[/] ⇄ [bold]{b.name}[/]   {len(fragments)} 处相同片段 / shared fragments, "
                 f"占 {a.name} 的 {share:.0%}")
    left = spans(a, ("start", "end"), quotes_a)
    right = spans(b, ("source_start", "source_end"), quotes_b)
    table = Table(expand=True, show_lines=True)
    table.add_column(a.name, ratio=1, overflow="fold")
    table.add_column(b.name, ratio=1, overflow="fold")
    for i in range(max(len(left), len(right))):
        table.add_row(left[i] if i < len(left) else "", right[i] if i < len(right) else "")
    console.print(table)
    console.print("[bold red]红色[/]: 相同片段 shared   [blue]蓝色[/]: 规范引用或通用套话 official quotation or stock sentence")
