"""What the workbench hands out: the 审核意见单 (.docx), the round table (.xlsx), the overrides (JSONL).

Every export is built from a report object with the reviewers' overrides applied
(:func:`analyzer.workbench.reviewed`) and carries the decisions that changed it.

The overrides file is labelled data (schema ``jingzi-override/1``, one JSON object per
line, described in data/README.md) that ``python -m training --overrides FILE`` folds into the
coverage training labels.
"""
from __future__ import annotations

import io
import json

from .batch import summarise, write_xlsx
from .html import COPY_FLAG
from .render import SUBSTITUTION_LABEL
from .report import as_given
from .workbench import DECISION_LABEL, VERDICTS, current

OVERRIDE_SCHEMA = "jingzi-override/1"
QUOTE = 60  # characters of a quoted passage


def _quote(text: str) -> str:
    text = text.strip()
    return f"“{text if len(text) <= QUOTE else text[:QUOTE - 1] + '…'}”"


def document_text(d: dict) -> str:
    """The normalised text the report's offsets point into (paragraphs, one per line)."""
    return "\n".join(p["text"] for p in d["paragraphs"])


def reasons(d: dict) -> list[str]:
    """The points to quote back to the author, from a reviewed report object, each with its evidence."""
    if "error" in d:
        return [f"文件无法分析 / the file could not be analysed: {d['error']['message']}"]
    out = []
    paras, given = d["paragraphs"], as_given(d["paragraphs"])  # quotes of a text read as simplified: as given
    for c in (d.get("coverage") or {}).values():
        if c["covered"]:
            continue
        if "override" in c:
            why = "审核人认定未查摆" + (f"：{c['override']['comment']}" if c["override"]["comment"] else "")
        else:
            notes = (d.get("depth") or {}).get("notes", [])
            if c.get("denied") and any("否认" in n and c["label"] in n for n in notes):
                continue  # the depth notes say it, with the author's words
            why = c.get("note") or "未查摆该类问题"
            if c.get("denied"):
                why += "（第 " + "、".join(str(i) for i in c["denied"]) + " 段）"
        out.append(f"“{c['label']}”方面：{why}")
    summ = d.get("summary_like")
    if summ and summ.get("flagged"):
        where = "、".join(f"第 {i} 段 {_quote(given(paras[i]['text']))}" for i in summ["paragraphs"][:2])
        out.append(f"写成了工作总结：像工作总结的段落占 {summ['ratio']:.0%} 字数，如{where}")
    cp = d.get("copy")
    if cp and cp["ratio"] >= COPY_FLAG:
        text = document_text(d)
        for s in cp["sources"]:
            f = s["fragments"][0]
            out.append(f"与《{s['source']}》相同的文字占 {s['ratio']:.0%}，如{_quote(given(text[f['start']:f['end']]))}")
    depth = d.get("depth")
    if depth:
        for key, flagged in depth["substitutions"].items():
            label = SUBSTITUTION_LABEL.get(key, key)
            if flagged and not any(n.startswith(label) for n in depth["notes"]):  # the notes usually say why
                out.append(label)
        # a reviewer who found a category covered overrules the notes about it
        overruled = [c["label"] for c in (d.get("coverage") or {}).values() if c["covered"] and "override" in c]
        out += [n for n in depth["notes"] if not any(label in n for label in overruled)]
    return out


def verdict_of(decisions: list[dict]) -> dict | None:
    """The verdict in force, if any."""
    return current(decisions).get(("verdict", ""))


def _subject(x: dict, d: dict) -> str:
    if x["kind"] == "verdict":
        return "审核结论 verdict"
    if x["kind"] == "coverage":
        label = ((d.get("coverage") or {}).get(x["target"]) or {}).get("label", x["target"])
        return f"类别 {label}"
    return f"第 {x['target']} 段复制判断 copy"


def feedback_docx(d: dict, round_name: str, decisions: list[dict]) -> bytes:
    """The 审核意见单 of one document: verdict and comments, the reasons, the judgements, the audit log."""
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    doc.styles["Normal"].font.size = Pt(11)
    doc.add_heading("对照检查材料审核意见单", level=0)
    verdict = verdict_of(decisions)
    info = [("材料 document", d["name"]), ("批次 round", round_name),
            ("审核结论 verdict", VERDICTS[verdict["value"]] if verdict else "未定 not decided"),
            ("审核人 reviewer", verdict["reviewer"] if verdict else ""),
            ("日期 date", verdict["at"][:10] if verdict else "")]
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for k, v in info:
        row = table.add_row().cells
        row[0].text, row[1].text = k, v
    doc.add_heading("审核意见 comments", level=1)
    doc.add_paragraph(verdict["comment"] if verdict and verdict["comment"] else "（无 none）")
    doc.add_heading("需要修改的地方 points to revise", level=1)
    points = reasons(d)
    for point in points:
        doc.add_paragraph(point, style="List Number")
    if not points:
        doc.add_paragraph("未发现需要修改的问题 / nothing to revise was found.")
    if "error" not in d:
        doc.add_heading("检查结果 judgements", level=1)
        for line in _judgements(d):
            doc.add_paragraph(line, style="List Bullet")
    doc.add_heading("审核记录 audit log", level=1)
    log = doc.add_table(rows=1, cols=5)
    log.style = "Table Grid"
    for cell, title in zip(log.rows[0].cells, ("时间 when", "审核人 who", "事项 what", "结论 decision", "说明 comment")):
        cell.text = title
    for x in decisions:
        row = log.add_row().cells
        for cell, value in zip(row, (x["at"], x["reviewer"], _subject(x, d), DECISION_LABEL[x["value"]],
                                     x["comment"])):
            cell.text = value
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _judgements(d: dict) -> list[str]:
    out = []
    if d.get("depth"):
        out.append(f"深度 depth：{d['depth']['score']:.0f} / 100")
    for c in (d.get("coverage") or {}).values():
        mark = "已查摆" if c["covered"] else "未查摆"
        by = f"（审核人 {c['override']['reviewer']} 改判）" if "override" in c else ""
        out.append(f"{c['label']}：{mark}{by}")
    if d.get("summary_like"):
        out.append(f"工作总结化 work-summary：{d['summary_like']['ratio']:.0%}")
    if d.get("copy"):
        dismissed = d["copy"].get("dismissed")
        out.append(f"复制比 copy：{d['copy']['ratio']:.0%}"
                   + (f"（审核人认定第 {'、'.join(map(str, dismissed))} 段非抄袭）" if dismissed else ""))
    return out


def review_columns(decisions: list[dict]) -> tuple[str, str, str]:
    """Verdict, its comment and the overrides in force, as table cells."""
    force = current(decisions)
    verdict = force.get(("verdict", ""))
    overrides = [f"{x['kind']}:{x['target']}={x['value']}（{x['reviewer']}）" for k, x in force.items()
                 if k[0] != "verdict"]
    return (DECISION_LABEL[verdict["value"]] if verdict else "", verdict["comment"] if verdict else "",
            "；".join(overrides))


def round_xlsx(rows: list[dict], reviews: list[tuple[str, str, str]], log: list[dict]) -> bytes:
    """The round's table (:func:`analyzer.batch.write_xlsx`) plus verdict, comment and override columns,
    and the round's audit log (every decision, in order) on a second sheet."""
    import tempfile
    from pathlib import Path

    from openpyxl import load_workbook

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "table.xlsx"
        write_xlsx(rows, path)
        wb = load_workbook(path)
    ws = wb.active
    col = ws.max_column
    for j, title in enumerate(("审核结论 verdict", "审核意见 comment", "改判 overrides"), 1):
        ws.cell(row=1, column=col + j, value=title)
        for i, review in enumerate(reviews, 2):
            _as_text(ws.cell(row=i, column=col + j, value=review[j - 1] or None))
    ws.auto_filter.ref = f"A1:{ws.cell(row=1, column=col + 3).column_letter}{len(rows) + 1}"
    audit = wb.create_sheet("审核记录 audit log")
    audit.append(["时间 when (UTC)", "审核人 who", "材料 document", "事项 kind", "对象 target", "结论 decision",
                  "段落 paragraphs", "说明 comment"])
    for x in log:
        audit.append([x["at"], x["reviewer"], x["name"], x["kind"], x["target"], DECISION_LABEL[x["value"]],
                      ",".join(map(str, x["paragraphs"])), x["comment"]])
        for cell in audit[audit.max_row]:
            _as_text(cell)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _as_text(cell) -> None:
    """What a reviewer typed stays text: "=HYPERLINK(…)" in a comment is not run as a formula."""
    if cell.data_type == "f":
        cell.data_type = "s"


def table_rows(docs: list[tuple[dict, dict, list[dict]]]) -> list[dict]:
    """Table rows (:func:`analyzer.batch.summarise`) of reviewed reports, ranked as a batch ranks them."""
    rows = []
    for did, d, decisions in docs:
        row = summarise(d)
        row["id"], row["page"] = did, None
        row["kind"] = (d.get("kind") or {}).get("id")
        verdict = verdict_of(decisions)
        row["verdict"] = verdict["value"] if verdict else None
        rows.append(row)
    rows.sort(key=lambda r: (r["error"] is not None, r["depth"] is None, -(r["depth"] or 0)))
    for i, row in enumerate(rows, 1):
        row["rank"] = i if row["depth"] is not None else None
    return rows


def override_records(report: dict, decisions: list[dict], round_id: int) -> list[dict]:
    """The coverage and copy overrides in force on one document, as labelled records."""
    out = []
    if "error" in report:
        return out
    texts = [p["text"] for p in report["paragraphs"]]
    styles = [p.get("styles", []) for p in report["paragraphs"]]
    for (kind, target), x in current(decisions).items():
        if kind == "coverage":
            c = (report.get("coverage") or {}).get(target)
            if c is None:
                continue
            model = {"covered": c["covered"], "score": c["score"], "evidence": c["evidence"]}
        elif kind == "copy":
            p = report["paragraphs"][int(target)]
            frags = [f for s in (report.get("copy") or {}).get("sources", []) for f in s["fragments"]
                     if f["start"] < p["end"] and p["start"] < f["end"]]
            model = {"copied_chars": sum(min(f["end"], p["end"]) - max(f["start"], p["start"]) for f in frags)}
        else:
            continue
        out.append({"schema": OVERRIDE_SCHEMA, "kind": kind, "round": round_id, "document": report["name"],
                    "sha256": report["sha256"], "rubric": report.get("rubric"), "target": target,
                    "value": x["value"], "paragraphs": x["paragraphs"], "model": model,
                    "reviewer": x["reviewer"], "at": x["at"], "comment": x["comment"],
                    "texts": texts, "styles": styles})
    return out


def overrides_jsonl(records: list[dict]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")
