"""HTML views: one self-contained page per report and the batch overview.

Pages open from disk and print: inline CSS, inline SVG charts, no scripts, no network.
Every piece of document text is escaped. Only what the report holds is shown; a stage
that did not run (its field absent) gets no section.

Example: ``Path("a.html").write_text(report_page(analyzer.analyze(text, name="a.txt").to_dict()))``.
"""
from __future__ import annotations

import html
from collections import defaultdict
from urllib.parse import quote

from .render import CRITERION_LABEL, ROLE_LABEL, SUBSTITUTION_LABEL

COPY_FLAG = 0.2  # copy ratio shown red and flagged (SPEC: every source contributing ≥ 20% must be found)
MAX_CLUSTERS, MAX_PAIRS = 100, 20  # the overview lists at most this many clusters, and pairs per cluster

CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;
 max-width:60rem;margin:1.5rem auto;padding:0 1rem;color:#222;line-height:1.7}
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.15rem;border-bottom:1px solid #ccc;margin-top:1.6rem}
.meta,.muted{color:#666;font-size:.9rem}a{color:#0b5cad}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border:1px solid #ddd;padding:.25rem .45rem;
 text-align:left;vertical-align:top}th{background:#f3f3f3}td.num{text-align:right;white-space:nowrap}
.ok{color:#1e7b34}.bad{color:#c0392b;font-weight:bold}.warn{color:#9a6700}
.score{font-size:2.2rem;font-weight:bold}.bar{display:inline-block;height:.7rem;background:#e6e6e6;width:10rem;
 vertical-align:middle}.bar>span{display:block;height:100%;background:#2b7bb9}
.para{display:flex;gap:.6rem;border-left:4px solid #ddd;padding:.3rem .5rem;margin:.35rem 0}
.para p{margin:0;flex:1}.gutter{width:7.5rem;flex:none;font-size:.8rem;color:#555}
.role-heading{border-color:#333;font-weight:bold}.role-preamble,.role-closing{border-color:#aaa;background:#fafafa}
.role-problem{border-color:#d9534f;background:#fdf3f2}.role-cause{border-color:#e0a800;background:#fffaeb}
.role-measure{border-color:#28a745;background:#f0f9f2}.role-summary{border-color:#a0409f;background:#f9f0f9}
.role-other{border-color:#ddd}.role-noise{border-color:#eee;color:#aaa;background:#f7f7f7;font-size:.9em}.summary-like{outline:2px dashed #a0409f}
.tag{display:inline-block;border-radius:.6rem;padding:0 .4rem;margin:.1rem .1rem 0 0;background:#e8eef7;
 font-size:.75rem}.tag.summary{background:#f3dcf3}
.copy{color:#b00020;background:#ffe0e0;text-decoration:underline wavy #b00020}
.quote{background:#e3f0ff;border-bottom:2px dotted #0b5cad}
mark.cue{background:#f6d8f6;color:inherit;border-bottom:2px solid #a0409f}
.ev{border-bottom:2px solid #2b7bb9}
figure.chart{display:inline-block;margin:.5rem 1rem .5rem 0}
svg{font-family:sans-serif;font-size:11px}svg .b{fill:#2b7bb9}svg .t{fill:#333}svg .a{stroke:#999}
@media print{body{max-width:none;margin:0}a{color:inherit;text-decoration:none}.para{break-inside:avoid}
 *{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""


def e(value) -> str:
    """Escape text (and attribute values) for HTML."""
    return html.escape(str(value), quote=True)


def _page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width,initial-scale=1"><title>{e(title)}</title>'
            f"<style>{CSS}</style></head><body>\n{body}\n</body></html>\n")


def _pct(x: float) -> str:
    return f"{x:.0%}"


def _bar(value: float, maximum: float = 100) -> str:
    return f'<span class="bar"><span style="width:{max(0.0, min(value / maximum, 1.0)) * 100:.1f}%"></span></span>'


def _para_links(indices) -> str:
    return " ".join(f'<a href="#p{int(i)}">¶{int(i)}</a>' for i in indices)


def href(page: str) -> str:
    """A relative link to a file name (names may hold any character)."""
    return quote(page)


# --------------------------------------------------------------------------- one report

def report_page(d: dict, links: dict[str, str] | None = None, home: str | None = None) -> str:
    """The HTML page of one report object (``Report.to_dict()``).

    ``links`` maps a copy source's name to the href of its own page (batch peers);
    ``home`` is the href of the overview page.
    """
    links = links or {}
    nav = f'<p class="meta"><a href="{e(home)}">← 总览 overview</a></p>' if home else ""
    if "error" in d:
        err = d["error"]
        body = f'{nav}<h1>{e(d["name"])}</h1><p class="bad">✗ [{e(err["code"])}] {e(err["message"])}</p>'
        return _page(d["name"], body)
    parts = [nav, f'<h1>{e(d["name"])}</h1>',
             f'<p class="meta">{d["chars"]} 字 · {len(d["paragraphs"])} 段'
             + (f' · 规则 {e(d["rubric"])}' if d.get("rubric") else "") + f' · sha256 {e(d["sha256"][:12])}</p>']
    parts += [f'<p class="warn">⚠ {e(w["message"])}</p>' for w in d.get("warnings", [])]
    if d.get("depth") is not None:
        parts.append(_depth_section(d["depth"]))
    if d.get("coverage") is not None:
        parts.append(_coverage_section(d["coverage"]))
    if d.get("summary_like") is not None:
        parts.append(_summary_section(d))
    if d.get("copy") is not None:
        parts.append(_copy_section(d["copy"], links))
    parts.append(_text_section(d))
    return _page(d["name"], "\n".join(parts))


def _depth_section(depth: dict) -> str:
    rows = "".join(f'<tr><td>{e(CRITERION_LABEL.get(k, k))} <span class="muted">{e(k)}</span></td>'
                   f'<td class="num">{v:.0f}</td><td>{_bar(v)}</td></tr>' for k, v in depth["criteria"].items())
    evidence = depth.get("substitution_evidence", {})
    subs = "".join(
        f'<li class="{"bad" if flagged else "ok"}">{"✗" if flagged else "✓"} {e(SUBSTITUTION_LABEL.get(k, k))}'
        f'{" " + _para_links(evidence.get(k, [])) if flagged else ""}</li>'
        for k, flagged in depth["substitutions"].items())
    notes = "".join(f"<li>{e(n)}</li>" for n in depth["notes"])
    kind = {"personal": "个人材料", "collective": "班子材料"}.get(depth.get("kind"), "")
    return (f'<section id="depth"><h2>深度 depth</h2><p><span class="score">{depth["score"]:.0f}</span> / 100 '
            f'<span class="muted">{e(kind)}</span></p><table>{rows}</table>'
            f"<h3>“三个代替” substitutions</h3><ul>{subs}</ul>"
            + (f"<h3>理由 reasons</h3><ul>{notes}</ul>" if notes else "") + "</section>")


def _coverage_section(coverage: dict) -> str:
    rows = []
    for cid, c in coverage.items():
        verdict = '<span class="ok">✓ 已查摆</span>' if c["covered"] else '<span class="bad">✗ 未查摆</span>'
        said = c.get("best_sentence") or c.get("note") or ""
        phrases = "、".join(c.get("phrases", [])[:8])
        rows.append(f'<tr><td>{e(c["label"])} <span class="muted">{e(cid)}</span></td><td>{verdict}</td>'
                    f'<td class="num">{c["score"]:.2f}</td><td>{_para_links(c["evidence"])}</td>'
                    f'<td>{e(said)}{f"<br><span class=muted>{e(phrases)}</span>" if phrases else ""}</td></tr>')
    return ('<section id="coverage"><h2>类别覆盖 coverage</h2><table><tr><th>类别</th><th>结论</th><th>分</th>'
            f'<th>段落</th><th>证据</th></tr>{"".join(rows)}</table></section>')


def _summary_section(d: dict) -> str:
    s = d["summary_like"]
    flag = ' <span class="bad">整篇像工作总结/述职报告</span>' if s.get("flagged") else ""
    where = _para_links(s["paragraphs"]) or "无"
    return (f'<section id="summary"><h2>工作总结化 work-summary passages</h2>'
            f'<p>像工作总结的段落占 {_pct(s["ratio"])} 字数{flag}：{where}</p></section>')


def _copy_section(copy: dict, links: dict[str, str]) -> str:
    rows = []
    for s in copy["sources"]:
        src = s["source"]
        name = f'<a href="{e(links[src])}">{e(src)}</a>' if src in links else e(src)
        rows.append(f'<tr><td>{name}</td><td class="num">{_pct(s["ratio"])}</td>'
                    f'<td class="num">{len(s["fragments"])}</td></tr>')
    table = ("<table><tr><th>来源 source</th><th>占比</th><th>片段数</th></tr>" + "".join(rows) + "</table>"
             if rows else "<p>未发现抄袭来源 / no copied source found.</p>")
    cls = "bad" if copy["ratio"] >= COPY_FLAG else "ok"
    return (f'<section id="copy"><h2>抄袭检测 copy</h2><p>复制比 <span class="{cls}">{_pct(copy["ratio"])}</span>'
            f' · 引用比 {_pct(copy["quoted_ratio"])}（正式表述的引用和通用套话不计入复制）</p>{table}</section>')


def _text_section(d: dict) -> str:
    marks = _document_marks(d)
    flagged = set((d.get("summary_like") or {}).get("paragraphs", []))
    legend = ('<p class="muted">图例：<span class="copy">抄袭片段（悬停看来源）</span> '
              '<span class="quote">正式表述引用或通用套话</span> <mark class="cue">工作总结线索</mark> '
              '<span class="ev">类别证据</span>；左边框颜色 = 段落角色</p>')
    labels = {cid: c["label"] for cid, c in (d.get("coverage") or {}).items()}
    paras = [_paragraph(p, marks.get(p["index"], []), p["index"] in flagged, labels) for p in d["paragraphs"]]
    return f'<section id="text"><h2>全文 text</h2>{legend}\n' + "\n".join(paras) + "</section>"


def _document_marks(d: dict) -> dict[int, list[tuple[int, int, str, str]]]:
    """Copy and quotation spans, split by paragraph: index -> [(start, end, kind, title)] local offsets."""
    spans = []
    copy = d.get("copy") or {}
    for s in copy.get("sources", []):
        for f in s["fragments"]:
            spans.append((f["start"], f["end"], "copy",
                          f'抄自 {s["source"]}（源文第 {f["source_start"]}–{f["source_end"]} 字）'))
    for q in copy.get("quotations", []):  # quotation spans, if the copy stage reports them
        spans.append((q["start"], q["end"], "quote", "正式表述引用或通用套话，不计入复制"))
    out: dict[int, list] = defaultdict(list)
    for p in d["paragraphs"]:
        for s, t, kind, title in spans:
            lo, hi = max(s, p["start"]), min(t, p["end"])
            if lo < hi:
                out[p["index"]].append((lo - p["start"], hi - p["start"], kind, title))
    return out


def _phrase_marks(text: str, phrases, kind: str, title: str) -> list[tuple[int, int, str, str]]:
    out = []
    for phrase in dict.fromkeys(phrases):
        at = text.find(phrase) if phrase else -1
        while at >= 0:
            out.append((at, at + len(phrase), kind, title))
            at = text.find(phrase, at + len(phrase))
    return out


def _paragraph(p: dict, marks: list, summary_like: bool, labels: dict[str, str]) -> str:
    text, role, ev = p["text"], p["role"], p.get("evidence", {})
    marks = list(marks)
    tags = [f'<span class="tag" title="{e(s)}">{e(labels.get(s, s))}</span>' for s in p.get("styles", [])]
    for cat, phrases in ev.get("styles", {}).items():
        marks += _phrase_marks(text, phrases, "ev", f"{labels.get(cat, cat)} 证据")
    classes = f"para role-{e(role)}"
    if ev.get("noise"):  # a noise paragraph, or characters cut from this one
        tags.append(f'<span class="tag" title="{e("、".join(ev["noise"]))}">网页噪声 web noise</span>')
    if summary_like:
        classes += " summary-like"
        cues = ev.get("summary_cues", [])
        marks += _phrase_marks(text, cues, "cue", "工作总结线索")
        score = f' {p["summary_like"]:.2f}' if p.get("summary_like") is not None else ""
        tags.append(f'<span class="tag summary" title="线索：{e("、".join(cues))}">像工作总结{score}</span>')
    gutter = (f'<div class="gutter"><a href="#p{p["index"]}">¶{p["index"]}</a> '
              f'<span class="role">{e(ROLE_LABEL.get(role, role))}</span><br>{"".join(tags)}</div>')
    return f'<div class="{classes}" id="p{p["index"]}">{gutter}<p>{_marked(text, marks)}</p></div>'


_OPEN = {"copy": '<span class="copy" title="{}">', "quote": '<span class="quote" title="{}">',
         "ev": '<span class="ev" title="{}">', "cue": '<mark class="cue" title="{}">'}
_CLOSE = {"copy": "</span>", "quote": "</span>", "ev": "</span>", "cue": "</mark>"}


def _marked(text: str, marks: list[tuple[int, int, str, str]]) -> str:
    """Escaped text with every piece wrapped in the marks covering it (copy outermost)."""
    cuts = sorted({0, len(text), *(m[0] for m in marks), *(m[1] for m in marks)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        piece = e(text[a:b])
        for kind in ("cue", "ev", "quote", "copy"):
            titles = [m[3] for m in marks if m[2] == kind and m[0] <= a and b <= m[1]]
            if titles:
                piece = _OPEN[kind].format(e("；".join(dict.fromkeys(titles)))) + piece + _CLOSE[kind]
        out.append(piece)
    return "".join(out)


# --------------------------------------------------------------------------- overview

def overview_page(rows: list[dict], edges: list[tuple[str, str, float]], meta: dict) -> str:
    """The batch overview: counts, charts, copy clusters and the ranking.

    ``rows`` are table rows (see :func:`analyzer.batch.summarise`) in rank order, each with
    ``page`` (href of its report or None); ``edges`` are (document, source, ratio) pairs.
    """
    ok = [r for r in rows if not r["error"]]
    failed = [r for r in rows if r["error"]]
    parts = ["<h1>批量检查总览 batch overview</h1>",
             f'<p class="meta">{len(rows)} 篇 · 成功 {len(ok)} · 失败 {len(failed)} · 本次分析 {meta["analysed"]} · '
             f'缓存命中 {meta["cached"]} · 规则 {e(meta["rubric"])} · jingzi {e(meta["version"])}</p>']
    depths = [r["depth"] for r in ok if r["depth"] is not None]
    copies = [r["copy"] for r in ok if r["copy"] is not None]
    charts = []
    if depths:
        charts.append(("深度得分分布 depth scores", histogram(depths, 0, 100, 10, "{:.0f}")))
    if copies:
        charts.append(("复制比分布 copy ratios", histogram(copies, 0, 1, 10, "{:.0%}")))
    covered = coverage_shares(ok)
    if covered:
        charts.append(("各类别覆盖率 share of documents covering each category", hbars(covered)))
    if charts:
        parts.append("<h2>分布 distributions</h2>" + "".join(
            f'<figure class="chart"><figcaption>{e(t)}</figcaption>{svg}</figure>'
            for t, svg in charts))
    if copies:
        parts.append(_clusters(edges, {r["name"]: r["page"] for r in rows if r["page"]}))
    parts.append(_ranking(rows))
    if failed:
        parts.append("<h2>失败 failed</h2><table><tr><th>文件</th><th>代码</th><th>原因</th></tr>" + "".join(
            f'<tr><td>{e(r["file"])}</td><td>{e(r["error"]["code"])}</td><td>{e(r["error"]["message"])}</td></tr>'
            for r in failed) + "</table>")
    return _page("jingzi 批量检查总览", "\n".join(parts))


def coverage_shares(rows: list[dict]) -> list[tuple[str, float]]:
    """(category label, share of documents covering it) over rows with a coverage judgement."""
    judged = [r for r in rows if r["covered"] is not None]
    labels = {cid: label for r in judged for cid, label in r["labels"].items()}
    return [(labels[cid], sum(r["covered"].get(cid, False) for r in judged) / len(judged)) for cid in labels]


def _ranking(rows: list[dict]) -> str:
    cats = list(dict.fromkeys(label for r in rows if r["labels"] for label in r["labels"].values()))
    head = ("<tr><th>#</th><th>文件</th><th>深度</th>" + "".join(f"<th>{e(c)}</th>" for c in cats)
            + "<th>总结化</th><th>复制比</th><th>主要来源</th><th>提示</th></tr>")
    body = []
    for r in rows:
        if r["error"]:
            continue
        name = f'<a href="{e(r["page"])}">{e(r["name"])}</a>' if r["page"] else e(r["name"])
        depth = f'{r["depth"]:.0f} {_bar(r["depth"])}' if r["depth"] is not None else ""
        by_label = {r["labels"][cid]: ok for cid, ok in (r["covered"] or {}).items()}
        cov = "".join(f'<td>{"" if c not in by_label else ("✓" if by_label[c] else "<span class=bad>✗</span>")}</td>'
                      for c in cats)
        summ = _pct(r["summary_like"]) if r["summary_like"] is not None else ""
        copy = _pct(r["copy"]) if r["copy"] is not None else ""
        copy_cls = ' class="num bad"' if r["copy"] is not None and r["copy"] >= COPY_FLAG else ' class="num"'
        top = f'{e(r["top_source"])} ({_pct(r["top_source_ratio"])})' if r["top_source"] else ""
        body.append(f'<tr><td class="num">{r["rank"] or ""}</td><td>{name}</td><td class="num">{depth}</td>{cov}'
                    f'<td class="num">{summ}</td><td{copy_cls}>{copy}</td><td>{top}</td>'
                    f'<td>{e("；".join(r["flags"]))}</td></tr>')
    return f"<h2>排名 ranking（按深度得分）</h2><table>{head}{''.join(body)}</table>"


def clusters(edges: list[tuple[str, str, float]]) -> list[list[tuple[str, str, float]]]:
    """Connected groups of documents linked by copying, largest first; each a list of its edges."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, _ in edges:
        parent[find(a)] = find(b)
    groups: dict[str, list] = defaultdict(list)
    for edge in edges:
        groups[find(edge[0])].append(edge)
    return sorted(groups.values(), key=lambda g: (-len({x for a, b, _ in g for x in (a, b)}), g[0][0]))


def _clusters(edges: list[tuple[str, str, float]], pages: dict[str, str]) -> str:
    groups = clusters(edges)
    if not groups:
        return "<h2>抄袭关系 copy clusters</h2><p>未发现文档之间的抄袭关系。</p>"

    def link(name: str) -> str:
        if name in pages:
            return f'<a href="{e(pages[name])}">{e(name)}</a>'
        return f'{e(name)} <span class="muted">(库)</span>'

    rows = []
    for n, group in enumerate(groups[:MAX_CLUSTERS], 1):
        members = {x for a, b, _ in group for x in (a, b)}
        strongest = sorted(group, key=lambda g: -g[2])
        pairs = "<br>".join(f"{link(a)} ← {link(b)} {_pct(r)}" for a, b, r in strongest[:MAX_PAIRS])
        if len(group) > MAX_PAIRS:
            rest = len(group) - MAX_PAIRS
            pairs += f'<br><span class="muted">……另有 {rest} 条 / {rest} more</span>'
        rows.append(f'<tr><td class="num">{n}</td><td class="num">{len(members)}</td><td>{pairs}</td></tr>')
    more = (f'<p class="muted">另有 {len(groups) - MAX_CLUSTERS} 组较小的抄袭关系，见 results.jsonl。</p>'
            if len(groups) > MAX_CLUSTERS else "")
    return ("<h2>抄袭关系 copy clusters</h2><p class=muted>A ← B 40%：A 的 40% 字数与 B 相同（B 可能是范文或被抄者）；"
            "(库) = 参考库中的文档。</p><table><tr><th>#</th><th>篇数</th><th>抄袭关系</th></tr>"
            + "".join(rows) + "</table>" + more)


def histogram(values: list[float], lo: float, hi: float, bins: int, fmt: str) -> str:
    """An inline SVG histogram of ``values`` over [lo, hi] in ``bins`` equal bins."""
    counts = [0] * bins
    for v in values:
        counts[min(int((v - lo) / (hi - lo) * bins), bins - 1) if v > lo else 0] += 1
    w, h, left, bottom, bw = 360, 170, 30, 30, 32
    top = max(counts) or 1
    bars = []
    for i, c in enumerate(counts):
        bh = (h - bottom - 15) * c / top
        x, y = left + i * bw, h - bottom - bh
        bars.append(f'<rect class="b" x="{x + 2}" y="{y:.1f}" width="{bw - 4}" height="{bh:.1f}">'
                    f'<title>{c}</title></rect>')
        if c:
            bars.append(f'<text class="t" x="{x + bw / 2}" y="{y - 3:.1f}" text-anchor="middle">{c}</text>')
    ticks = "".join(f'<text class="t" x="{left + i * bw}" y="{h - bottom + 14}" text-anchor="middle">'
                    f'{e(fmt.format(lo + (hi - lo) * i / bins))}</text>' for i in range(0, bins + 1, 2))
    axis = f'<line class="a" x1="{left}" y1="{h - bottom}" x2="{left + bins * bw}" y2="{h - bottom}"/>'
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img">'
            f'{axis}{"".join(bars)}{ticks}</svg>')


def hbars(items: list[tuple[str, float]]) -> str:
    """An inline SVG of horizontal bars for (label, share 0..1) pairs."""
    w, row, left, bar = 360, 24, 90, 220
    h = row * len(items) + 6
    out = []
    for i, (label, share) in enumerate(items):
        y = 4 + i * row
        out.append(f'<text class="t" x="{left - 6}" y="{y + 14}" text-anchor="end">{e(label)}</text>'
                   f'<rect x="{left}" y="{y + 3}" width="{bar}" height="14" fill="#eee"/>'
                   f'<rect class="b" x="{left}" y="{y + 3}" width="{bar * share:.1f}" height="14"/>'
                   f'<text class="t" x="{left + bar + 6}" y="{y + 14}">{share:.0%}</text>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img">'
            f'{"".join(out)}</svg>')
