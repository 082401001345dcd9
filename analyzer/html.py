"""HTML views: one self-contained page per report and the batch overview.

Pages open from disk and print: inline CSS, inline SVG charts, no scripts, no network.
Every piece of document text is escaped. Only what the report holds is shown; a stage
that did not run (its field absent) gets no section.

Example: ``Path("a.html").write_text(report_page(analyzer.analyze(text, name="a.txt").to_dict()))``.
"""
from __future__ import annotations

import html
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterator
from urllib.parse import quote

from .render import CRITERION_LABEL, ROLE_LABEL, SUBSTITUTION_LABEL, WORK_REPORT_DEPTH
from .report import as_given, evidence_text, judged, quoted_phrases

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
.copy{color:#7a0016;background:#ffe0e0;text-decoration:underline wavy #b00020}
.s0{background:#ffd6d6}.s1{background:#ffe7b3}.s2{background:#d9f2d0}.s3{background:#d6e6ff}.s4{background:#ecd9ff}
.s5{background:#ffd9ef}.s6{background:#d4f4f4}.s7{background:#eee0c8}
.copy.para-phrase{text-decoration-style:dotted}sup.src{font-size:.65rem;color:#7a0016;font-weight:bold}
.swatch{display:inline-block;width:.9rem;height:.9rem;border:1px solid #999;vertical-align:middle}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:.8rem}.pair>div{border:1px solid #ddd;padding:.3rem .5rem}
.pair h3{margin:.2rem 0;font-size:1rem}.pair p{margin:.25rem 0}
.quote{background:#e3f0ff;border-bottom:2px dotted #0b5cad}
mark.cue{background:#f6d8f6;color:inherit;border-bottom:2px solid #a0409f}
.ev{border-bottom:2px solid #2b7bb9}
figure.chart{display:inline-block;margin:.5rem 1rem .5rem 0}
svg{font-family:sans-serif;font-size:11px}svg .b{fill:#2b7bb9}svg .t{fill:#333}svg .a{stroke:#999}
@page{size:A4;margin:14mm 12mm}
@media print{body{max-width:none;margin:0;font-size:10pt}a{color:inherit;text-decoration:none}
 .para,tr{break-inside:avoid}thead{display:table-header-group}th{white-space:normal}
 #ranking{break-after:page}figure.chart{break-inside:avoid}
 *{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""


def e(value) -> str:
    """Escape text (and attribute values) for HTML."""
    return html.escape(str(value), quote=True)


def _page(title: str, body: str) -> str:
    return _page_head(title) + body + PAGE_END


def _page_head(title: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width,initial-scale=1"><title>{e(title)}</title>'
            f"<style>{CSS}</style></head><body>\n")


PAGE_END = "\n</body></html>\n"


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

def report_page(d: dict, links: dict[str, str] | None = None, home: str | None = None,
                pairs: dict[str, str] | None = None) -> str:
    """The HTML page of one report object (``Report.to_dict()``).

    ``links`` maps a copy source's name to the href of its own page (batch peers);
    ``home`` is the href of the overview page; ``pairs`` maps a source's name to the href of
    its side-by-side page (:func:`pair_page`).
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
    if d.get("kind"):
        parts.append(_kind_section(d["kind"]))
    parts += [f'<p class="warn">⚠ {e(w["message"])}</p>' for w in d.get("warnings", [])]
    if d.get("kind"):
        parts.append(f'<p class="meta">类型 kind: {e(d["kind"]["label"])} ({e(d["kind"]["id"])})</p>')
    if d.get("criticism") is not None:
        parts.append(criticism_section(d["criticism"]))
    if d.get("rectification") is not None:
        parts.append(rectification_section(d["rectification"]))
    if d.get("opinions") is not None:
        parts.append(opinions_section(d["opinions"]))
    given = as_given(d["paragraphs"])  # quotes of a text read as simplified, in its own script
    if d.get("depth") is not None:
        parts.append(_depth_section(d["depth"], (d.get("kind") or {}).get("id"), given))
    if d.get("coverage") is not None:
        parts.append(_coverage_section(d["coverage"], given))
    if d.get("summary_like") is not None:
        parts.append(_summary_section(d))
    if d.get("copy") is not None:
        parts.append(_copy_section(d["copy"], links, pairs))
    parts.append(_text_section(d))
    return _page(d["name"], "\n".join(parts))


def _kind_section(kind: dict) -> str:
    cues = "".join(f"<li>{e(c)}</li>" for c in kind.get("cues", []))
    return (f'<section id="kind"><h2>文档类型 kind</h2><p><b>{e(kind["label"])}</b> '
            f'<span class="muted">{e(kind["id"])} · {kind["score"]:.2f}</span></p>'
            f'<p class="muted">依据 cues:</p><ul>{cues}</ul></section>')


DEPTH_AS = {"personal": "个人材料", "collective": "班子材料", "work_report": WORK_REPORT_DEPTH.strip("（）")}


def _depth_section(depth: dict, kind_id: str | None = None, given=lambda quote: quote) -> str:
    """The depth scores, reasons and deductions; beside the score, what the document was
    measured as: the depth stage's personal/collective reading, or the document's own kind when
    that is another (a work report is not called 个人材料)."""
    rows = "".join(f'<tr><td>{e(CRITERION_LABEL.get(k, k))} <span class="muted">{e(k)}</span></td>'
                   + (f'<td class="num">{v:.0f}</td><td>{_bar(v)}</td></tr>' if v is not None else
                      '<td class="num">–</td><td class="muted">不在所给文本中 not in the text</td></tr>')
                   for k, v in depth["criteria"].items())
    evidence = depth.get("substitution_evidence", {})
    subs = "".join(
        f'<li class="{"bad" if flagged else "ok"}">{"✗" if flagged else "✓"} {e(SUBSTITUTION_LABEL.get(k, k))}'
        f'{" " + _para_links(evidence.get(k, [])) if flagged else ""}</li>'
        for k, flagged in depth["substitutions"].items())
    notes = "".join(f"<li>{e(n)}</li>" for n in depth["notes"])
    lost = "".join(f'<li>−{x["points"]:.0f} {e(x["reason"])} {_para_links(x["paragraphs"])}'
                   + "".join(f' <q class="muted">{e(given(p))}</q>' for p in quoted_phrases(x, 3)) + "</li>"
                   for x in depth.get("deductions", []))
    if depth.get("unattributed_points"):
        lost += (f'<li class="muted">−{depth["unattributed_points"]:.0f} 材料中无可指出之处 / nothing in the '
                 "text to show for them</li>")
    kind = DEPTH_AS.get(kind_id if kind_id not in (None, "personal", "collective") else depth.get("kind"), "")
    return (f'<section id="depth"><h2>深度 depth</h2><p><span class="score">{depth["score"]:.0f}</span> / 100 '
            f'<span class="muted">{e(kind)}</span></p><table>{rows}</table>'
            f"<h3>“三个代替” substitutions</h3><ul>{subs}</ul>"
            + (f"<h3>理由 reasons</h3><ul>{notes}</ul>" if notes else "")
            + (f"<h3>扣分 where the other {100 - depth['score']:.0f} points went</h3><ul>{lost}</ul>" if lost else "")
            + "</section>")


def _coverage_section(coverage: dict, given=lambda quote: quote) -> str:
    rows = []
    for cid, c in coverage.items():
        verdict = '<span class="ok">✓ 已查摆</span>' if c["covered"] else '<span class="bad">✗ 未查摆</span>'
        said = "　".join(x for x in (given(evidence_text(c.get("best_sentence") or "")), c.get("note") or "") if x)
        if not c["covered"] and c.get("denials"):
            said += f"：“{given(c['denials'][0]['text'])}”"
        phrases = "、".join(map(given, c.get("phrases", [])[:8]))
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


RELATION_TEXT = {"shared": "雷同 shared", "copied_from": "抄袭来源 copied from", "self_copy": "照搬往年材料 self-copy"}
SECTION_TEXT = {"problem": "问题部分 problems", "cause": "原因部分 causes", "measure": "措施部分 measures"}
PALETTE = 8  # source colours .s0 … .s7; beyond that they repeat, the number tells sources apart


def source_relation(s: dict) -> str:
    """shared / copied_from / self_copy (a source without provenance: by its origin)."""
    return s.get("relation") or ("copied_from" if s.get("origin") == "library" else "shared")


def _likely(s: dict) -> str:
    who = {"source": "来源在先 the source came first", "document": "本文在先 this document came first"}
    if not s.get("likely_source"):
        return '<span class="muted">无法判断先后 no evidence of direction</span>'
    return f'{who[s["likely_source"]]}：{e("；".join(r for r in s.get("reasons", []) if r))}'


def copy_metrics(copy: dict) -> str:
    """The checker-style figures of a copy object as a table."""
    cls = "bad" if copy["ratio"] >= COPY_FLAG else "ok"
    rows = [("复制比（去除引用和套话后的正文）copy ratio of the text without quotations and stock text",
             f'<span class="{cls}">{_pct(copy["ratio"])}</span>'),
            ("全文复制比（含引用和套话）total copy ratio, quotations and stock text included",
             _pct(copy.get("total_ratio", copy["ratio"]))),
            ("单篇最大复制比 largest single source", _pct(copy.get("max_source_ratio", 0.0))),
            ("重复字数 / 正文字数 repeated / counted characters",
             f'{copy.get("copied_chars", "–")} / {copy.get("chars", "–")}'),
            ("引用与套话 quotations and stock text", _pct(copy["quoted_ratio"]))]
    rows += [(f"{SECTION_TEXT[k]} 复制比", f'{_pct(v["ratio"])} <span class="muted">({v["copied_chars"]}/{v["chars"]})</span>')
             for k, v in copy.get("sections", {}).items()]
    return "<table>" + "".join(f'<tr><td>{e(k)}</td><td class="num">{v}</td></tr>' for k, v in rows) + "</table>"


def _copy_section(copy: dict, links: dict[str, str], pairs: dict[str, str] | None = None) -> str:
    pairs = pairs or {}
    rows = []
    for n, s in enumerate(copy["sources"]):
        src = s["source"]
        name = f'<a href="{e(links[src])}">{e(src)}</a>' if src in links else e(src)
        if s.get("origin") == "library":
            name += ' <span class="muted">(库 library)</span>'
        kinds = defaultdict(int)
        for f in s["fragments"]:
            kinds[f.get("kind", "exact")] += 1
        frags = f'{kinds["exact"]}' + (f' + {kinds["paraphrase"]} 改写 reworded' if kinds["paraphrase"] else "")
        side = f'<a href="{e(pairs[src])}">原文对照</a>' if src in pairs else ""
        theirs = _pct(s["source_ratio"]) if s.get("source_ratio") is not None else ""
        rows.append(f'<tr><td><span class="swatch s{n % PALETTE}"></span> [{n + 1}]</td><td>{name}</td>'
                    f'<td>{e(RELATION_TEXT[source_relation(s)])}</td><td>{_likely(s)}</td>'
                    f'<td class="num">{_pct(s["ratio"])}</td><td class="num">{theirs}</td>'
                    f'<td class="num">{frags}</td><td>{side}</td></tr>')
    table = ("<table><tr><th>#</th><th>来源 source</th><th>关系 relation</th><th>先后 direction</th>"
             "<th>占本文 share of this</th><th>占来源 share of source</th><th>片段 fragments</th><th></th></tr>"
             + "".join(rows) + "</table>" if rows else "<p>未发现相同文字 / no shared text found.</p>")
    note = ('<p class="muted">雷同 = 批次内两篇共有的文字，不说明谁抄谁；只有参考库文档、日期更早的文档或同一作者的往年材料'
            '才被称为来源。正式表述的引用、通用套话、标题和网页噪声不计入复制比。 / Shared text inside a batch says '
            'nothing about who copied whom; only a library document, an earlier-dated document or the same author’s '
            'earlier material is called a source. Quotations, stock text, headings and web noise are not copying.</p>')
    return f'<section id="copy"><h2>文字复制 copy</h2>{copy_metrics(copy)}{table}{note}</section>'


NOT_JUDGED_ROLES = ("不是材料：段落角色只示段落形态，未据此评判 / not a material: the paragraph roles only show "
                    "each paragraph's form, nothing was judged on them")


def _text_section(d: dict) -> str:
    marks = _document_marks(d)
    flagged = set((d.get("summary_like") or {}).get("paragraphs", []))
    legend = ('<p class="muted">图例：<span class="copy s0">与来源 [1] 相同的文字</span><sup class="src">[1]</sup>'
              '（每个来源一种颜色，编号见上表）'
              '<span class="quote">正式表述引用或通用套话</span> <mark class="cue">工作总结线索</mark> '
              '<span class="ev">类别证据</span>；左边框颜色 = 段落角色</p>')
    labels = {cid: c["label"] for cid, c in (d.get("coverage") or {}).items()}
    paras = [_paragraph(p, marks.get(p["index"], []), p["index"] in flagged, labels) for p in d["paragraphs"]]
    note = "" if judged(d.get("warnings", [])) else f'<p class="warn">{e(NOT_JUDGED_ROLES)}</p>'
    return f'<section id="text"><h2>全文 text</h2>{note}{legend}\n' + "\n".join(paras) + "</section>"


def _document_marks(d: dict) -> dict[int, list[tuple[int, int, str, str]]]:
    """Copy and quotation spans, split by paragraph: index -> [(start, end, kind, title)] local offsets."""
    spans = []
    copy = d.get("copy") or {}
    for n, s in enumerate(copy.get("sources", [])):
        word = RELATION_TEXT[source_relation(s)].split()[0]
        for f in s["fragments"]:
            how = f'改写相似 {f["score"]:.2f}' if f.get("kind") == "paraphrase" else "相同"
            spans.append((f["start"], f["end"], f"copy:{n}:{s['source']}",
                          f'[{n + 1}] {word} {s["source"]}（{how}，源文第 {f["source_start"]}–{f["source_end"]} 字）'))
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
    shown = p.get("original") or text  # a text read as simplified is shown as given, marked at the same offsets
    return f'<div class="{classes}" id="p{p["index"]}">{gutter}<p>{_marked(shown, marks)}</p></div>'


_OPEN = {"copy": '<span class="copy" title="{}">', "quote": '<span class="quote" title="{}">',
         "ev": '<span class="ev" title="{}">', "cue": '<mark class="cue" title="{}">'}
_CLOSE = {"copy": "</span>", "quote": "</span>", "ev": "</span>", "cue": "</mark>"}


def _marked(text: str, marks: list[tuple[int, int, str, str]]) -> str:
    """Escaped text with every piece wrapped in the marks covering it (copy outermost)."""
    cuts = sorted({0, len(text), *(m[0] for m in marks), *(m[1] for m in marks)})
    out, named = [], set()
    for a, b in zip(cuts, cuts[1:]):
        piece = e(text[a:b])
        for kind in ("cue", "ev", "quote", "copy"):
            covering = [m for m in marks if m[2].split(":", 1)[0] == kind and m[0] <= a and b <= m[1]]
            if covering:
                tag = _OPEN[kind].format(e("；".join(dict.fromkeys(m[3] for m in covering))))
                if kind == "copy":  # the colour of the first (largest) source covering the piece
                    n = min(int(m[2].split(":", 2)[1]) for m in covering)
                    tag = tag.replace('class="copy"', f'class="copy s{n % PALETTE}"')
                piece = tag + piece + _CLOSE[kind]
        ends = sorted({tuple(m[2].split(":", 2)[1:]) for m in marks if m[2].startswith("copy:") and m[1] == b},
                      key=lambda x: int(x[0]))
        for n, name in ends:  # the source's number, and its name the first time in the paragraph (for print)
            if not name:
                continue
            label = f"{int(n) + 1}" if n in named or not name else f"{int(n) + 1} {name}"
            named.add(n)
            piece += f'<sup class="src">[{e(label)}]</sup>'
        out.append(piece)
    return "".join(out)


# --------------------------------------------------------------------------- side by side

def pair_page(name: str, text: str, source: dict, source_text: str, home: str | None = None,
              back: str | None = None) -> str:
    """原文对照: what document ``name`` (its ``text``) shares with one source (a source object
    of its copy report, whose text is ``source_text``): the figures, the fragments aligned
    row by row, then both texts side by side with the shared text marked."""
    nav = " · ".join(x for x in (f'<a href="{e(home)}">← 总览 overview</a>' if home else "",
                                 f'<a href="{e(back)}">← {e(name)}</a>' if back else "") if x)
    rel = RELATION_TEXT[source_relation(source)]
    frags = aligned_rows(source["fragments"], text)
    rows = []
    for n, f in enumerate(frags, 1):
        how = f'改写 reworded {f["score"]:.2f}' if f.get("kind") == "paraphrase" else "相同 identical"
        rows.append(f'<tr><td class="num">{n}</td><td>{e(text[f["start"]:f["end"]])}</td>'
                    f'<td>{e(source_text[f["source_start"]:f["source_end"]])}</td><td>{how}</td></tr>')
    theirs = f'，占 {e(source["source"])} 的 {_pct(source["source_ratio"])}' if source.get("source_ratio") is not None else ""
    head = (f'<p class="meta">{nav}</p>' if nav else "") + (
        f'<h1>原文对照 side by side</h1><p><b>{e(name)}</b> ⇄ <b>{e(source["source"])}</b> · {e(rel)} · '
        f'{len(frags)} 处 fragments · 占 {e(name)} 的 {_pct(source["ratio"])}{theirs}</p><p>{_likely(source)}</p>')
    table = ("<table><thead><tr><th>#</th><th>" + e(name) + "</th><th>" + e(source["source"]) +
             "</th><th>方式 how</th></tr></thead>" + "".join(rows) + "</table>")
    left = _plain_marked(text, [(f["start"], f["end"]) for f in frags])
    right = _plain_marked(source_text, [(f["source_start"], f["source_end"]) for f in frags])
    both = (f'<h2>全文 texts</h2><div class="pair"><div><h3>{e(name)}</h3>{left}</div>'
            f'<div><h3>{e(source["source"])}</h3>{right}</div></div>')
    return _page(f"原文对照 {name} ⇄ {source['source']}", head + "<h2>相同片段 fragments</h2>" + table + both)


def aligned_rows(fragments: list[dict], text: str) -> list[dict]:
    """Fragments in reading order, neighbours merged into one row when only punctuation or
    spaces separate them in the document and their source spans touch or overlap."""
    rows: list[dict] = []
    for f in sorted(fragments, key=lambda f: (f["start"], f["end"])):
        last = rows[-1] if rows else None
        between = text[last["end"]:f["start"]] if last else "x"
        if last and not any(ch.isalnum() for ch in between) and f["source_start"] <= last["source_end"] + 2 \
                and f["source_end"] >= last["source_start"] - 2:
            kinds = {last.get("kind", "exact"), f.get("kind", "exact")}
            last.update(end=max(last["end"], f["end"]), source_start=min(last["source_start"], f["source_start"]),
                        source_end=max(last["source_end"], f["source_end"]))
            if "paraphrase" in kinds:
                last["kind"] = "paraphrase"
                last["score"] = min(x.get("score", 1.0) for x in (last, f) if x.get("kind") == "paraphrase")
            continue
        rows.append(dict(f))
    return rows


def _plain_marked(text: str, spans: list[tuple[int, int]]) -> str:
    """A text as paragraphs with the given spans marked (colour of source [1]): what
    :func:`_marked` writes for unnamed copy marks of source 0, without its general machinery
    (a batch writes a side-by-side page for every document and large source)."""
    out, at = [], 0
    for line in text.split("\n"):
        local = [(max(s, at) - at, min(t, at + len(line)) - at) for s, t in spans if s < at + len(line) and t > at]
        cuts = sorted({0, len(line), *(s for s, _ in local), *(t for _, t in local)})
        pieces = [_PLAIN_COPY + e(line[a:b]) + "</span>" if any(s <= a and b <= t for s, t in local)
                  else e(line[a:b]) for a, b in zip(cuts, cuts[1:])]
        out.append(f"<p>{''.join(pieces)}</p>")
        at += len(line) + 1
    return "".join(out)


_PLAIN_COPY = _OPEN["copy"].format("").replace('class="copy"', 'class="copy s0"')


def pair_href(page: str, n: int) -> str:
    """File name of the side-by-side page of a document's ``n``-th source (next to its page)."""
    return f"{page.removesuffix('.html')}~对照{n + 1}.html"


# --------------------------------------------------------------------------- overview

CRITICISM_LABEL = {"genuine": "真批评 genuine", "praise": "批评变表扬 praise", "vague": "笼统空泛 vague",
                   "suggestion_only": "以建议代批评 suggestion only", "work_not_style": "以工作代作风 work, not style"}
STATUS_LABEL = {"answered": "已回应 answered", "generic": "套话带过 generic", "ignored": "未回应 ignored"}


def criticism_section(c: dict) -> str:
    """Criticism items: target, label, style, instance and the reasons for each label."""
    rows = "".join(
        f'<tr><td>{e(it["target"] or "")}</td><td class="{"" if it["label"] == "genuine" else "bad"}">'
        f'{e(CRITICISM_LABEL[it["label"]])}</td><td>{e(it["style"] or "")}</td>'
        f'<td>{"✓" if it["instance"] else ""}</td><td>{e(it["text"])}</td>'
        f'<td>{"<br>".join(e(r) for r in it["reasons"])}</td></tr>' for it in c["items"])
    never = ("<p class=\"bad\">未收到批评的成员 never criticised: " + e("、".join(c["never_criticised"])) + "</p>"
             if c.get("never_criticised") else "")
    return (f'<section id="criticism"><h2>批评意见 criticism</h2><p>{len(c["items"])} 条，真批评占 '
            f'{_pct(c["share_genuine"])} (share genuine)</p>{never}<table><tr><th>对象</th><th>判断</th><th>类别</th>'
            f'<th>事例</th><th>意见</th><th>理由 reasons</th></tr>{rows}</table></section>')


def rectification_section(r: dict) -> str:
    """Plan items with their fields; missing fields in red."""
    def cell(value, missing):
        return '<td class="bad">缺</td>' if missing else f"<td>{e(value or '')}</td>"

    rows = []
    for it in r["items"]:
        miss = set(it["missing"])
        deadline = (it["deadline"] or {}).get("text")
        rows.append(f'<tr>{cell(it["problem"], "problem" in miss)}{cell(it["measure"], "measure" in miss)}'
                    f'{cell(it["owner"], "owner" in miss)}{cell(deadline, "deadline" in miss)}'
                    f'{cell(it["standard"], "standard" in miss)}<td>{"<br>".join(e(n) for n in it["notes"])}</td></tr>')
    return (f'<section id="rectification"><h2>整改方案 rectification plan</h2><p>{len(r["items"])} 项，要素齐全 '
            f'{r["complete"]} 项，缺要素 {r["items_missing_fields"]} 项</p><table><tr><th>问题</th><th>措施</th>'
            f'<th>责任人</th><th>时限</th><th>标准</th><th>说明 notes</th></tr>{"".join(rows)}</table></section>')


def opinions_section(o: dict) -> str:
    """Each collected opinion: answered (with the answering paragraphs), generic or ignored."""
    rows = []
    for it in o["items"]:
        ev = it.get("evidence") or {}
        where = f'¶{ev["paragraph"]} {e(ev["sentence"])}' if ev else ""
        rows.append(f'<tr><td class="num">{it["index"] + 1}</td><td>{e(it["text"])}</td>'
                    f'<td class="{"" if it["status"] == "answered" else "bad"}">{e(STATUS_LABEL[it["status"]])}</td>'
                    f'<td>{_para_links(it["paragraphs"])}</td><td>{where}</td></tr>')
    return (f'<section id="opinions"><h2>意见回应 collected opinions</h2><p>回应率 answered {_pct(o["answered_ratio"])}'
            f'</p><table><tr><th>#</th><th>意见</th><th>结论</th><th>回应段落</th><th>依据 evidence</th></tr>'
            f'{"".join(rows)}</table></section>')


@dataclass
class Cluster:
    """A group of documents linked by shared text, as the overview lists it."""
    members: int  # documents (and library sources) in the group
    pairs: list[tuple[str, str, dict[str, dict]]]  # the strongest MAX_PAIRS pairs (x, y, sides), strongest first
    more: int     # pairs of the group not listed


def overview_page(rows, clusters: tuple[list[Cluster], int], pages: dict[str, str],
                  meta: dict) -> Iterator[str]:
    """The batch overview, in pieces to write one after the other: counts, the ranking (first,
    so it prints on page one), charts and shared-text clusters.

    ``rows`` are table rows (see :func:`analyzer.batch.summarise`) in rank order, each with
    ``page`` (href of its report or None): a list, or anything that can be read more than once
    (the batch reads them from SQLite, so that no list of every row is held). ``clusters``: the
    first ``MAX_CLUSTERS`` groups, largest first, and how many there are in all; ``pages``: the
    href of each document named in them (see :meth:`analyzer.batch.ResultTable.clusters`).
    """
    stats = _overview_stats(rows)
    yield _page_head("jingzi 批量检查总览")
    yield "<h1>批量检查总览 batch overview</h1>\n"
    yield (f'<p class="meta">{stats.documents} 篇 · 成功 {stats.documents - stats.failed} · 失败 {stats.failed} · '
           f'本次分析 {meta["analysed"]} · 缓存命中 {meta["cached"]} · 规则 {e(meta["rubric"])} · '
           f'jingzi {e(meta["version"])}</p>\n')
    yield from _ranking(rows, stats.categories)
    charts = []
    if stats.judged["depth"]:
        charts.append(("深度得分分布 depth scores", histogram(stats.bins["depth"], 0, 100, "{:.0f}")))
    if stats.judged["copy"]:
        charts.append(("复制比分布 copy ratios", histogram(stats.bins["copy"], 0, 1, "{:.0%}")))
    if stats.coverage_labels:
        charts.append(("各类别覆盖率 share of documents covering each category", hbars(
            [(label, stats.covering[cid] / stats.judged["coverage"]) for cid, label in stats.coverage_labels.items()])))
    if charts:
        yield "\n<h2>分布 distributions</h2>" + "".join(
            f'<figure class="chart"><figcaption>{e(t)}</figcaption>{svg}</figure>' for t, svg in charts)
    if stats.judged["copy"]:
        yield "\n" + _clusters(*clusters, pages)
    yield "\n"
    yield from _other_kinds(rows, stats)
    if stats.failed:
        yield "\n<h2>失败 failed</h2><table><tr><th>文件</th><th>代码</th><th>原因</th></tr>"
        yield from (f'<tr><td>{e(r["file"])}</td><td>{e(r["error"]["code"])}</td>'
                    f'<td>{e(r["error"]["message"])}</td></tr>' for r in rows if r["error"])
        yield "</table>"
    yield PAGE_END


HISTOGRAM_BINS = 10


@dataclass
class _OverviewStats:
    """What the overview counts over the rows, in one pass."""
    documents: int = 0
    failed: int = 0
    categories: dict[str, None] = field(default_factory=dict)        # ranking columns: labels, first seen first
    judged: Counter = field(default_factory=Counter)                 # successful rows with a depth / copy / coverage
    bins: dict[str, list[int]] = field(default_factory=lambda: {k: [0] * HISTOGRAM_BINS for k in ("depth", "copy")})
    coverage_labels: dict[str, str] = field(default_factory=dict)    # category id -> label
    covering: Counter = field(default_factory=Counter)               # category id -> documents covering it
    kinds: Counter = field(default_factory=Counter)                  # successful rows per kind, first seen first
    answered: bool = False                                           # an opinions list was matched somewhere


def _overview_stats(rows) -> _OverviewStats:
    stats = _OverviewStats()
    for r in rows:
        stats.documents += 1
        stats.categories.update(dict.fromkeys((r["labels"] or {}).values()))
        if r["error"]:
            stats.failed += 1
            continue
        for key, hi in (("depth", 100), ("copy", 1)):
            if r[key] is not None:
                stats.judged[key] += 1
                stats.bins[key][bin_index(r[key], 0, hi, HISTOGRAM_BINS)] += 1
        if r["covered"] is not None:
            stats.judged["coverage"] += 1
            stats.coverage_labels.update(r["labels"])
            stats.covering.update({cid: int(ok) for cid, ok in r["covered"].items()})
        stats.kinds[r.get("kind") or "material"] += 1
        stats.answered = stats.answered or r.get("answered_ratio") is not None
    return stats


def short_kind(label: str | None) -> str:
    """A kind's label without its parenthesised examples, for a table cell.

    >>> short_kind("其他（新闻、讲话、通知、写作指导、问题清单、会议方案等）")
    '其他'
    """
    return (label or "").split("（")[0]


def _other_kinds(rows, stats: _OverviewStats) -> Iterator[str]:
    """Documents grouped by kind, each kind with its own measure (criticism: share genuine;
    plans: items missing fields) and the opinions answered where lists were given."""
    if set(stats.kinds) <= {"material"} and not stats.answered:
        return
    titles = {r.get("kind") or "material": f'{short_kind(r.get("kind_label"))} {r.get("kind") or "material"}'.strip()
              for r in rows if not r["error"]}
    yield "<h2>按类型 by kind</h2><p>" + "；".join(f"{e(titles.get(k, k))} {n} 篇" for k, n in stats.kinds.items()) + "</p>"
    for kind in stats.kinds:
        yield (f"<h3>{e(titles.get(kind, kind))}</h3><table><tr><th>文件</th><th>真批评占比 share genuine</th>"
               f"<th>缺要素条目 items missing fields</th><th>意见回应率 answered</th></tr>")
        for r in rows:
            if r["error"] or (r.get("kind") or "material") != kind:
                continue
            name = f'<a href="{e(r["page"])}">{e(r["name"])}</a>' if r["page"] else e(r["name"])
            values = [_pct(r["share_genuine"]) if r.get("share_genuine") is not None else "",
                      "" if r.get("items_missing_fields") is None else str(r["items_missing_fields"]),
                      _pct(r["answered_ratio"]) if r.get("answered_ratio") is not None else ""]
            yield f"<tr><td>{name}</td>" + "".join(f'<td class="num">{v}</td>' for v in values) + "</tr>"
        yield "</table>"


def _ranking(rows, categories: dict[str, None]) -> Iterator[str]:
    cats = list(categories)
    head = ("<thead><tr><th>#</th><th>文件 file</th><th>类型 kind</th><th>深度 depth</th>" + "".join(f"<th>{e(c)}</th>" for c in cats)
            + "<th>总结化 summary</th><th>复制比 copy</th><th>最大来源 largest source</th><th>提示 flags</th></tr></thead>")
    yield f'<section id="ranking"><h2>排名 ranking（按深度得分 by depth）</h2><table>{head}'
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
        top = ""
        if r["top_source"]:
            word = RELATION_TEXT[r.get("top_relation") or "shared"].split()[0]
            top = f'{e(r["top_source"])} ({_pct(r["top_source_ratio"])}) <span class="muted">{word}</span>'
        kind = f'<span title="{e(r["kind"])}">{e(r["kind_label"])}</span>' if r.get("kind") else ""
        yield (f'<tr><td class="num">{r["rank"] or ""}</td><td>{name}</td><td>{kind}</td>'
               f'<td class="num">{depth}</td>{cov}'
               f'<td class="num">{summ}</td><td{copy_cls}>{copy}</td><td>{top}</td>'
               f'<td>{e("；".join(r["flags"]))}</td></tr>')
    yield "</table></section>"


def pair_line(x: str, y: str, sides: dict[str, dict], link) -> str:
    """The overview's line for the pair of documents ``x`` < ``y``: ``sides`` maps each of them
    that lists the other as a source to that copy edge (see :meth:`analyzer.batch.ResultTable.add`).
    雷同 with the share of each, a library source with an arrow, a direction only with its reason."""
    ed = sides.get(x) or sides[y]
    doc, src = ed["document"], ed["source"]
    if ed["relation"] in ("copied_from", "self_copy"):
        word = "抄袭来源" if ed["relation"] == "copied_from" else "照搬往年材料"
        return f'{link(doc)} ← {link(src)} {_pct(ed["ratio"])} <span class="muted">{word}</span>'
    share_x = sides[x]["ratio"] if x in sides else (sides[y].get("source_ratio") or 0)
    share_y = sides[y]["ratio"] if y in sides else (sides[x].get("source_ratio") or 0)
    line = f"{link(x)} ⇄ {link(y)} 雷同：占前者 {_pct(share_x)}，占后者 {_pct(share_y)}"
    first = next((d["source"] if d["likely_source"] == "source" else d["document"]
                  for d in sides.values() if d.get("likely_source")), None)
    if first:
        line += f' <span class="warn">{e(first)} 日期在先 dated earlier</span>'
    return line


def _clusters(groups: list[Cluster], total: int, pages: dict[str, str]) -> str:
    if not groups:
        return "<h2>相同文字 shared text</h2><p>未发现文档之间的相同文字 / no documents share text.</p>"

    def link(name: str) -> str:
        if name in pages:
            return f'<a href="{e(pages[name])}">{e(name)}</a>'
        return f'{e(name)} <span class="muted">(库)</span>'

    rows = []
    for n, group in enumerate(groups, 1):
        pairs = "<br>".join(pair_line(x, y, sides, link) for x, y, sides in group.pairs)
        if group.more:
            pairs += f'<br><span class="muted">……另有 {group.more} 对 / {group.more} more</span>'
        rows.append(f'<tr><td class="num">{n}</td><td class="num">{group.members}</td><td>{pairs}</td></tr>')
    more = (f'<p class="muted">另有 {total - len(groups)} 组较小的相同文字关系，见 results.jsonl。</p>'
            if total > len(groups) else "")
    return ("<h2>相同文字 shared text</h2><p class=muted>A ⇄ B 雷同：两篇共有的文字，各占多少；不说明谁抄谁。"
            "A ← B：B 是参考库文档（抄袭来源）或同一作者的往年材料；(库) = 参考库中的文档。日期在先只在有日期证据时标出。 / "
            "A ⇄ B: text the two share, as a share of each, with no claim of who copied whom; A ← B only for a "
            "reference-library source.</p><table><thead><tr><th>#</th><th>篇数 documents</th>"
            "<th>关系 pairs</th></tr></thead>" + "".join(rows) + "</table>" + more)


def bin_index(value: float, lo: float, hi: float, bins: int) -> int:
    """The bin of ``value`` among ``bins`` equal bins over [lo, hi] (values outside go to the end bins)."""
    return min(int((value - lo) / (hi - lo) * bins), bins - 1) if value > lo else 0


def histogram(counts: list[int], lo: float, hi: float, fmt: str) -> str:
    """An inline SVG histogram of ``counts`` per equal bin over [lo, hi] (see :func:`bin_index`)."""
    bins = len(counts)
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
