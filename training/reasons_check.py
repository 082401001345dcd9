"""Reasons that hold, checked at scale: ``python -m training.reasons_check``.

Runs jingzi over the written corpus as written and in the shapes reviewers receive
(``training/robustness.py``: one run-on paragraph, web noise around and inside it, an excerpt),
over the sample files (``data/samples``) and the real-page DEV sets (``data/realdocs/dev-*.csv``
with their cached texts; never the test index), and lists every report in which

- two reasons contradict: a category said to be not examined or denied (``未查摆`` /
  ``否认存在问题``) that coverage calls covered; problems praised as concrete
  (``已查摆的问题具体``) when no category is covered or beside 以共性问题代替具体问题; a work
  problem (以工作问题代替作风问题) or a problem about no style (问题不涉作风) whose paragraph is
  also a covered category's evidence; a
  work-summary note the summary judgement does not flag, or the other way round;
- a covered category has no evidence sentence that could describe a behaviour (one outside
  headings and noise that is not a denial), or quotes noise; a work-summary or work-for-style
  verdict quotes noise; the depth stage calls a material personal that the kind calls
  collective, or the other way round (so 以班子问题代替个人问题 would contradict the kind);
- a deduction quotes a heading or noise paragraph, quotes a phrase found in none of the
  paragraphs it names, or claims a shortfall it names no paragraph, phrase or absence for;
- a text that stops inside its problems is graded on causes or measures whose only paragraphs
  come before its first problem (an opening announcing them: 现将问题和原因报告如下);
- one fact gives two reasons: a praise beside a deduction that says its opposite (整改措施有时限
  beside 整改措施无时限 or 没有…时间表), a missing part deducted twice or under another name
  (问题没有具体事例 where no problem is confessed), or deducted where the part is there; a note on
  the problems of a text that confesses none (未开门见山: no first problem to come to);
- a depth score below 100 does not say where the missing points went (the deductions and the
  unattributed points add up to 100 − score, largest first, and the largest names its evidence).

:func:`problems` judges one report; the test suite runs it on a sample of every shape.
"""
from __future__ import annotations

import argparse
import csv
import json
from collections import Counter
from itertools import chain
from pathlib import Path

from analyzer.depth import ABSENCES, PART_LABEL, PART_SIGNALS, PRAISE_OPPOSITES

from .corpus import DATA_DIR

SHAPES = ("clean", "one_paragraph", "noisy", "excerpt")
# the role of the paragraphs whose absence each ABSENCES deduction names
ABSENT_ROLE = {"no_problems": "problem", "no_causes": "cause", "no_measures": "measure"}


def problems(report: dict) -> list[str]:
    """Every contradiction and unquoted deduction in one report object (``check --json``)."""
    out: list[str] = []
    coverage, depth, paras = report.get("coverage"), report.get("depth"), report.get("paragraphs", [])
    roles = [p["role"] for p in paras]
    if coverage:
        out += _coverage_problems(coverage, roles)
    summary = report.get("summary_like") or {}
    out += [f"summary_quotes_noise:{i}" for i in summary.get("paragraphs", []) if roles[i] == "noise"]
    if depth:
        out += _note_problems(depth, coverage or {}, summary)
        out += _deduction_problems(depth, paras, roles)
        out += _unreached_part_problems(depth, roles)
        kind = (report.get("kind") or {}).get("id")
        if kind in ("personal", "collective") and depth.get("kind") != kind:
            out.append(f"depth_kind_vs_kind:{depth.get('kind')}/{kind}")
        out += [f"work_for_style_quotes_{roles[i]}:{i}" for i in depth.get("substitution_evidence", {}).get(
            "work_for_style", []) if roles[i] in ("heading", "noise")]
    return out


def _unreached_part_problems(depth: dict, roles: list[str]) -> list[str]:
    """A text that stops inside its problems judged on causes or measures it never reached: the
    only such paragraphs come before the first problem (an opening that announces them), yet a
    note or a deduction grades them."""
    judged = [r for r in roles if r in ("problem", "cause", "measure", "closing", "summary")]
    if "problem" not in roles or judged[-1] != "problem":
        return []
    first = roles.index("problem")
    out = []
    for part, role in (("causes", "cause"), ("measures", "measure")):
        before = [i for i, r in enumerate(roles) if r == role]
        if not before or any(i > first for i in before):
            continue
        graded = [d["signal"] for d in depth.get("deductions", []) if d["signal"] in PART_SIGNALS[part]]
        label = PART_LABEL[part].split(" / ")[0]
        graded += [n.split("：")[0] for n in depth["notes"] if n.startswith(label) and "不在所给文本中" not in n]
        out += [f"{part}_before_problems_judged:{g}" for g in graded]
    return out


def _coverage_problems(coverage: dict, roles: list[str]) -> list[str]:
    out = []
    for cid, c in coverage.items():
        if not c["covered"]:
            continue
        denials = {d["text"] for d in c.get("denials", [])}
        behaviour = [s for s in c.get("sentences", []) if roles[s["paragraph"]] not in ("heading", "noise")
                     and s["text"] not in denials]
        if not behaviour:
            out.append(f"covered_without_behaviour:{cid}")
        out += [f"coverage_quotes_noise:{cid}" for s in c.get("sentences", []) if roles[s["paragraph"]] == "noise"]
    return out


def _labels(notes: list[str], prefix: str) -> list[str]:
    """The category labels a note ``prefix：A、B方面…`` names."""
    for n in notes:
        if n.startswith(prefix + "："):
            return n[len(prefix) + 1:].split("方面", 1)[0].split("、")
    return []


def _note_problems(depth: dict, coverage: dict, summary: dict) -> list[str]:
    notes, subs = depth["notes"], depth["substitutions"]
    by_label = {c["label"]: c for c in coverage.values()}
    out = [f"note_vs_coverage:{prefix}:{label}" for prefix in ("未查摆", "否认存在问题")
           for label in _labels(notes, prefix) if by_label.get(label, {}).get("covered")]
    praised = any(n.startswith("已查摆的问题具体") for n in notes)
    if praised and coverage and not any(c["covered"] for c in coverage.values()):
        out.append("concrete_praise_without_covered_category")
    if praised and subs.get("generic_for_specific"):
        out.append("concrete_praise_and_generic_for_specific")
    evidence = {i for c in coverage.values() if c["covered"] for i in c.get("evidence", [])}
    out += [f"styleless_problem_is_style_evidence:{i}" for d in depth.get("deductions", [])
            if d["signal"] == "styleless_share" for i in d["paragraphs"] if i in evidence]
    if subs.get("work_for_style"):
        work = depth.get("substitution_evidence", {}).get("work_for_style", [])
        if not work:
            out.append("work_for_style_without_evidence")
        out += [f"work_problem_is_style_evidence:{i}" for i in work if i in evidence]
    if summary and any(n.startswith("写成了工作总结") for n in notes) != bool(summary.get("flagged")):
        out.append("summary_note_vs_flag")
    return out


def _deduction_problems(depth: dict, paras: list[dict], roles: list[str]) -> list[str]:
    out = []
    deductions = depth.get("deductions", [])
    # a part the notes call not in the text (a cut text) may cost no points
    not_in_text = [p for p, label in PART_LABEL.items()
                   if any(n.startswith(label.split(" / ")[0] + "不在所给文本中") for n in depth["notes"])]
    if any(n.startswith("文本中未见：") for n in depth["notes"]):
        not_in_text.append("categories")
    out += [f"deduction_for_part_not_in_text:{d['signal']}" for d in deductions
            if any(d["signal"] in PART_SIGNALS[p] for p in not_in_text)]
    missing = 100 - depth["score"]
    lost = sum(d["points"] for d in deductions) + depth.get("unattributed_points", 0)
    if missing >= 0.5 and (not deductions and not depth.get("unattributed_points")):
        out.append("score_below_100_without_deductions")
    if abs(lost - missing) > 0.5 * max(len(deductions), 1) + 0.1:
        out.append("deductions_do_not_add_up")
    if [d["points"] for d in deductions] != sorted((d["points"] for d in deductions), reverse=True):
        out.append("deductions_not_largest_first")
    for d in deductions:
        name = d["signal"]
        for i in d["paragraphs"]:
            if not 0 <= i < len(paras):
                out.append(f"deduction_bad_paragraph:{name}")
            elif paras[i]["role"] in ("heading", "noise"):
                out.append(f"deduction_quotes_{paras[i]['role']}:{name}")
        texts = [paras[i]["text"] for i in d["paragraphs"] if 0 <= i < len(paras)]
        if name != "missing_share":  # its phrases are the names of the categories not examined
            for phrase in d["phrases"]:
                if not any(phrase.rstrip("…") in t for t in texts):
                    out.append(f"deduction_phrase_not_in_its_paragraphs:{name}")
                    break
        stated = name in ABSENCES or (name == "missing_share" and d["phrases"])
        if not d["paragraphs"] and not stated:
            out.append(f"deduction_without_evidence:{name}")
    out += _one_reason_per_fact(depth, roles)
    return out


def _one_reason_per_fact(depth: dict, roles: list[str]) -> list[str]:
    """A praise and a deduction that say opposite things of one aspect (整改措施有时限 beside
    整改措施无时限 or 没有…时间表); an absence deducted twice, or under another name (问题没有具体
    事例 where no problem is confessed, 整改措施无时限 where there are no measures); an absence
    deducted where the part is there."""
    out, deductions = [], depth.get("deductions", [])
    headlines = {d["signal"]: d["reason"].split(" / ")[0] for d in deductions}
    for note in depth["notes"]:
        for praise, opposites in PRAISE_OPPOSITES.items():
            if note.startswith(praise):
                out += [f"praise_vs_deduction:{praise}/{name}" for name, head in headlines.items()
                        if not head.startswith("部分") and any(o in head for o in opposites)]
    by_absence = Counter(name for d in deductions for name, (reason, _, _) in ABSENCES.items()
                         if reason.split("：")[0].split(" / ")[0] in d["reason"])
    out += [f"absence_deducted_twice:{name}" for name, n in by_absence.items() if n > 1]
    for name, role in ABSENT_ROLE.items():
        if role in roles:
            out += [f"absence_of_a_part_that_is_there:{name}"] if name in headlines else []
            continue
        # causes of no confessed problem analyse nothing: their points go with the problems' absence
        emptied = ABSENCES[name][2] + (ABSENCES["no_causes"][2] if name == "no_problems" else ())
        out += [f"absence_deducted_as:{d['signal']}" for d in deductions if d["signal"] in emptied]
    if "problem" not in roles:  # notes on the problems a text does not confess
        out += [f"note_on_absent_problems:{n.split('：')[0]}" for n in depth["notes"]
                if n.startswith(("未开门见山", "已查摆的问题具体", "以共性问题代替具体问题"))]
    return out


def _dev_pages() -> list[tuple[str, str]]:
    """(id, cached text) of every real-page DEV set present (``data/realdocs/dev-*.csv``)."""
    pages = []
    for index in sorted((DATA_DIR / "realdocs").glob("dev-*.csv")):
        with open(index, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                cached = DATA_DIR / "realdocs" / "cache" / f"{row['id']}.txt"
                if cached.is_file():
                    pages.append((row["id"], cached.read_text(encoding="utf-8")))
    return pages


def run(docs=None, shapes=SHAPES, pages=True, samples=True, analyzer=None) -> dict:
    """Check every written material (or ``docs``) in every shape, the DEV pages and the sample
    files of ``data/samples``; per source, how many reports were checked and which problems
    each has, and the share of the missing depth points no deduction could show."""
    from analyzer import Analyzer
    from .corpus import load_corpus
    from analyzer.errors import JingziError

    from .robustness import shaped

    analyzer = analyzer or Analyzer()
    docs = docs if docs is not None else [d for d in load_corpus() if d.path.parent.name == "written"]
    texts = [(f"{d.id}/{s}", shaped(d, s)[0]) for s in shapes for d in docs]
    if pages:
        texts += [(f"{pid}/page", text) for pid, text in _dev_pages()]
    reports = ((name, lambda text=text, name=name: analyzer.analyze(text, name)) for name, text in texts)
    if samples:
        reports = chain(reports, ((f"{p.name}/sample", lambda p=p: analyzer.analyze_path(p))
                                  for p in sorted((DATA_DIR / "samples").iterdir()) if p.is_file()))
    found, checked, judged, missing, unattributed = {}, Counter(), Counter(), 0.0, 0.0
    for name, analyse in reports:
        source = name.rsplit("/", 1)[1]
        try:
            report = analyse().to_dict()
        except JingziError:
            continue
        if "error" in report:
            continue
        checked[source] += 1
        judged[source] += bool(report.get("depth"))
        if report.get("depth"):
            missing += 100 - report["depth"]["score"]
            unattributed += report["depth"].get("unattributed_points", 0)
        issues = problems(report)
        if issues:
            found[name] = issues
    return {"checked": dict(checked), "with_depth": dict(judged), "reports_with_problems": len(found),
            "by_problem": dict(Counter(p.split(":")[0] for v in found.values() for p in v).most_common()),
            "unattributed_share_of_missing_points": round(unattributed / missing, 4) if missing else 0.0,
            "problems": found}


def card_section(result: dict) -> str:
    """The "Reasons that hold" section of models/depth.md."""
    checked = sum(result["checked"].values())
    shapes = ", ".join(f"{s} {n}" for s, n in result["checked"].items())
    found = ", ".join(f"{k} {v}" for k, v in result["by_problem"].items()) or "none"
    return f"""
## Reasons that hold

`python -m training.reasons_check` (`--cards` rewrites this section) runs jingzi over every
written material as written and in three shapes (one run-on paragraph, noisy page, excerpt),
the sample files and any real-page DEV set, and checks every report: no reason contradicts
another or the coverage (未查摆/否认 of a covered category, concrete problems praised when no
category is examined, a work problem that is a category's evidence, a work-summary note the
summary judgement does not flag, personal/collective against the document kind), every covered
category has an evidence sentence outside headings, noise and denials, no verdict quotes noise,
and every depth score below 100 lists deductions that add up, largest first, each naming the
paragraphs that fall short and phrases quoted from them (or stating the absence: 没有原因分析).
No praise and deduction say opposite things of one aspect, and a missing part is deducted once,
named for what is missing.

Reports checked: {checked} ({shapes}); reports with a problem: **{result['reports_with_problems']}**
({found}). Points missing from 100 that no deduction could show in the text (neither 我 nor 我们
used, say), reported as `unattributed_points`: {result['unattributed_share_of_missing_points']:.1%}.
Before these checks and fixes (commit a038776, same checker): 737 of 806 reports had a problem —
deductions quoting the evidence of what was done well (1,045), shortfalls naming nothing (356),
depth calling a material personal that the kind calls collective or the reverse (89), work
problems that were a category's evidence (64), a work-summary note without the flag (27), and
concrete problems praised beside "no category examined" (1, the work-report sample).
The one-reason-per-fact checks, run on the code before their fix (commit 5c7d666): 273 of 1,225
reports had a problem — a praise beside a deduction saying its opposite (339: 已查摆的问题具体 beside
问题没有具体事例, 整改措施有时限 beside 整改措施无时限 or 没有路线图、时间表), an absent part deducted under
another name (68) or twice (17), 未开门见山 where no problem is confessed (4).
What this does not show: that the reasons are right — only that they agree with each other and
with the evidence they cite; the shapes are generated from the written corpus.
"""


def add_card(result: dict | None = None) -> dict:
    """Run the checks (unless given) and put their section into models/depth.md, before its
    Robustness section."""
    from analyzer.resources import MODELS_DIR

    result = result or run()
    card = MODELS_DIR / "depth.md"
    text = card.read_text(encoding="utf-8")
    body, sep, rest = text.partition("\n## Robustness\n")
    body = body.split("\n## Reasons that hold\n")[0].rstrip("\n") + "\n"
    card.write_text(body + card_section(result) + (sep + rest if sep else ""), encoding="utf-8")
    return {k: v for k, v in result.items() if k != "problems"}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("train", "dev", "test"), help="only this split of the corpus")
    parser.add_argument("--out", type=Path, help="write the full result (every report's problems) as JSON")
    parser.add_argument("--cards", action="store_true", help="rewrite the section of models/depth.md")
    args = parser.parse_args(argv)
    from .corpus import load_corpus

    docs = [d for d in load_corpus(args.split) if d.path.parent.name == "written"]
    result = run(docs)
    if args.out:
        args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.cards:
        add_card(result)
    print(json.dumps({k: v for k, v in result.items() if k != "problems"}, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
