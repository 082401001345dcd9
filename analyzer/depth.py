"""Stage 7: depth against the seed's four criteria, the three forbidden substitutions, reasons.

Signals are measured on the document's own paragraphs (by role) with the lexicons in
``data/lexicons``; each criterion is a ridge regression of the corpus's expert depth
grades on that criterion's signals, the overall score one on all signals (``jingzi
train``); every criterion and substitution carries the paragraphs and phrases behind it
and a one-line reason a reviewer can quote to the author.

- strict 衡量尺子严: standards invoked (党章、准则、八项规定…), self-critical language, no
  disguised praise, no denied or missing category.
- accurate 查摆问题准: concrete instances (times, numbers, places, 比如/有一次) in problems,
  first person singular, little boilerplate, little work-report text, 开门见山, problems about
  style rather than work results (指标、进度、营收 in problems with no style: work_for_style).
- deep 原因分析深: root-cause vocabulary (理想信念、宗旨意识…) against objective excuses.
- concrete 整改措施实: measures with deadlines, quantities, owners, 路线图/时间表; few vague verbs.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np

from .resources import lexicon, load_yaml

CRITERIA = ("strict", "accurate", "deep", "concrete")
CRITERIA_SIGNALS = {
    "strict": ("standards", "self_critical", "disguised_praise", "missing_share", "denied_share"),
    "accurate": ("instance_share", "singular_share", "boilerplate_share", "summary_ratio", "preamble_share",
                 "styleless_share", "work_result_share"),
    "deep": ("root_per_cause", "excuse_share", "cause_share", "root_variety"),
    "concrete": ("deadline_share", "quantity_share", "owner_share", "roadmap", "vague_per_measure"),
}
SIGNALS = tuple(s for names in CRITERIA_SIGNALS.values() for s in names)
_COLLECTIVE_TITLE = re.compile(r"班子|党组|党委(?!书记)|常委会|常委班子|两委")


def lexicons() -> dict:
    return {
        "standards": lexicon("standards", "phrases"),
        "self_critical": lexicon("self_critical", "phrases"),
        "disguised": lexicon("disguised_praise", "phrases"),
        "instance": lexicon("instances", "markers", "regex"),
        "singular": lexicon("person", "singular"),
        "plural": lexicon("person", "plural"),
        "root": lexicon("causes", "root"),
        "excuse": lexicon("causes", "excuse"),
        "deadline": lexicon("measures", None, "deadline"),
        "quantity": lexicon("measures", None, "quantity"),
        "owner": lexicon("measures", "owner"),
        "roadmap": lexicon("measures", "roadmap"),
        "vague": lexicon("measures", "vague"),
        "work_results": lexicon("work_results", "phrases"),
    }


def is_collective(texts: list[str]) -> bool:
    """A 班子 material: its title or opening names the leadership body and not one person."""
    head = " ".join(texts[:2])
    return bool(_COLLECTIVE_TITLE.search(head)) and "个人" not in head


class BoilerplateBank:
    """Stock self-examination sentences (``data/lexicons/boilerplate.yaml``) as character
    bigram vectors; a sentence with cosine ≥ ``threshold`` to one of them is boilerplate."""

    def __init__(self, threshold: float = 0.7):
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.sentences = [str(s) for s in load_yaml("lexicons/boilerplate.yaml")["sentences"]]
        self.vec = TfidfVectorizer(analyzer="char", ngram_range=(2, 2)).fit(self.sentences)
        self.bank = self.vec.transform(self.sentences)
        self.threshold = threshold

    def match(self, sentences: list[str]) -> list[tuple[str, str, float]]:
        """(sentence, most similar stock sentence, cosine) for each boilerplate sentence."""
        sentences = [s for s in sentences if len(s) >= 8 and not re.search(r"\d", s)]  # numbers are specific
        if not sentences:
            return []
        sims = (self.vec.transform(sentences) @ self.bank.T).toarray()
        best = sims.argmax(axis=1)
        return [(s, self.sentences[b], float(sims[i, b])) for i, (s, b) in enumerate(zip(sentences, best))
                if sims[i, b] >= self.threshold]


_SENT = re.compile(r"[^。！？；]+[。！？；]?")


@dataclass
class Signals:
    values: dict
    evidence: dict = field(default_factory=dict)   # signal -> paragraph indices
    phrases: dict = field(default_factory=dict)    # signal -> phrases
    counts: dict = field(default_factory=dict)     # numbers quoted in reasons


def measure(texts: list[str], roles: list[str], styles: list[list[str]], coverage: dict, summary_ratio: float,
            bank: BoilerplateBank) -> Signals:
    """All depth signals of one document, with the paragraphs and phrases behind them."""
    lx = lexicons()
    idx = {r: [i for i, x in enumerate(roles) if x == r] for r in ("problem", "cause", "measure", "preamble")}
    chars = sum(len(t) for t in texts) or 1
    problems, causes, measures = idx["problem"], idx["cause"], idx["measure"]
    examined = problems + causes

    def found(name, where):
        return {i: lx[name].phrases(texts[i]) for i in where if lx[name].find(texts[i])}

    sig = Signals({})
    std = found("standards", examined + measures)
    crit = found("self_critical", problems)
    disg = found("disguised", problems)
    inst = found("instance", problems)
    sing = sum(lx["singular"].count(texts[i]) for i in problems)
    plur = sum(lx["plural"].count(texts[i]) for i in problems)
    root, excuse = found("root", causes), found("excuse", causes)
    n_root = sum(len(v) for v in root.values())
    n_excuse = sum(len(v) for v in excuse.values())
    dl, qt, ow = found("deadline", measures), found("quantity", measures), found("owner", measures)
    road, vague = found("roadmap", measures), found("vague", measures)
    sentences = [(i, s.group(0)) for i in problems for s in _SENT.finditer(texts[i]) if len(s.group(0)) >= 6]
    boiler = bank.match([s for _, s in sentences])
    boiler_set = {s for s, _, _ in boiler}
    boiler_paras = sorted({i for i, s in sentences if s in boiler_set})
    pre_chars = preamble_chars(texts, roles, problems[0] if problems else len(texts))
    styleless = [i for i in problems if not styles[i] and not disg.get(i)]
    work_results = found("work_results", styleless)  # styleless problems about results and indicators
    missing = [c for c, v in coverage.items() if not v["covered"]]
    denied = [c for c in missing if coverage[c].get("denied")]
    n_cat = max(len(coverage), 1)
    np_, nm = max(len(problems), 1), max(len(measures), 1)

    sig.values = {
        "standards": math.log1p(sum(len(v) for v in std.values())),
        "self_critical": math.log1p(sum(len(v) for v in crit.values()) / np_),
        "disguised_praise": len(disg) / np_,
        "missing_share": len(missing) / n_cat,
        "denied_share": len(denied) / n_cat,
        "instance_share": len(inst) / np_,
        "singular_share": sing / (sing + plur) if sing + plur else 0.5,
        "boilerplate_share": len(boiler) / max(len(sentences), 1),
        "summary_ratio": summary_ratio,
        "preamble_share": pre_chars / chars,
        "styleless_share": len(styleless) / np_,
        "work_result_share": len(work_results) / np_,
        "root_per_cause": n_root / max(len(causes), 1),
        "excuse_share": n_excuse / (n_root + n_excuse) if n_root + n_excuse else 0.0,
        "cause_share": sum(len(texts[i]) for i in causes) / chars,
        "root_variety": len({p for v in root.values() for p in v}),
        "deadline_share": len(dl) / nm,
        "quantity_share": len(qt) / nm,
        "owner_share": len(ow) / nm,
        "roadmap": float(bool(road)),
        "vague_per_measure": sum(len(v) for v in vague.values()) / nm,
    }
    sig.evidence = {"standards": sorted(std), "disguised_praise": sorted(disg), "instance_share": sorted(inst),
                    "boilerplate_share": boiler_paras, "root_per_cause": sorted(root),
                    "excuse_share": sorted(excuse), "deadline_share": sorted(dl), "styleless_share": styleless,
                    "work_result_share": sorted(work_results),
                    "vague_per_measure": sorted(vague), "missing_share": missing, "denied_share": denied}
    sig.phrases = {"standards": _flat(std), "disguised_praise": _flat(disg), "instance_share": _flat(inst),
                   "root_per_cause": _flat(root), "excuse_share": _flat(excuse), "deadline_share": _flat(dl),
                   "quantity_share": _flat(qt), "owner_share": _flat(ow), "vague_per_measure": _flat(vague),
                   "work_result_share": _flat(work_results),
                   "boilerplate_share": [s for s, _, _ in boiler][:5]}
    sig.counts = {"problems": len(problems), "measures": len(measures), "causes": len(causes),
                  "no_instance": len(problems) - len(inst), "no_deadline": len(measures) - len(dl),
                  "singular": sing, "plural": plur, "pre_chars": pre_chars, "boiler": len(boiler),
                  "sentences": len(sentences), "missing": [coverage[c]["label"] for c in missing],
                  "denied": [coverage[c]["label"] for c in denied]}
    return sig


def preamble_chars(texts: list[str], roles: list[str], first_problem: int) -> int:
    """Characters of preamble before the first problem (开门见山 counts them): the paragraphs of
    role preamble or summary (a work-report opening) there. An excerpt that starts mid-document
    has none: when the text opens with no title and no paragraph before the first problem carries
    a preamble cue (根据…部署、现将…报告如下、征求意见 …), what comes first is the middle of a
    material, not its preamble."""
    before = [i for i in range(first_problem) if roles[i] in ("preamble", "summary")]
    cues = lexicon("roles", "preamble")
    if roles[:1] != ["heading"] and not any(cues.find(texts[i]) for i in range(first_problem)):
        return 0
    return sum(len(texts[i]) for i in before)


def _flat(found: dict) -> list[str]:
    return list(dict.fromkeys(p for v in found.values() for p in v))[:8]


class DepthModel:
    """Ridge regressions of the depth grade (1–5): one per criterion on its signals, one
    overall on all; substitution thresholds chosen on dev. Learned state: ``criteria_``,
    ``overall_``, ``thresholds_``."""

    def __init__(self, alpha: float = 1.0):
        self.alpha = alpha

    @staticmethod
    def _row(sig: Signals, names) -> list[float]:
        return [sig.values[n] for n in names]

    def fit(self, signals: list[Signals], grades: list[int]) -> "DepthModel":
        from sklearn.linear_model import Ridge
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import StandardScaler

        y = np.array(grades, dtype=float)

        def linear(names):
            """Fit scaler+ridge, then fold the scaler in: grade = row · weights + bias."""
            pipe = make_pipeline(StandardScaler(), Ridge(alpha=self.alpha))
            pipe.fit(np.array([self._row(s, names) for s in signals]), y)
            scaler, ridge = pipe[0], pipe[1]
            weights = ridge.coef_ / scaler.scale_
            return weights, float(ridge.intercept_ - weights @ scaler.mean_)

        self.criteria_ = {c: linear(names) for c, names in CRITERIA_SIGNALS.items()}
        self.overall_ = linear(SIGNALS)
        self.thresholds_ = {"work_for_style": 0.5, "collective_for_personal": 0.5, "generic_for_specific": 0.6}
        return self

    @staticmethod
    def to_100(grade: float) -> float:
        return float(np.clip((grade - 1) / 4 * 100, 0, 100))

    def grade(self, sig: Signals) -> float:
        weights, bias = self.overall_
        return float(np.dot(self._row(sig, SIGNALS), weights) + bias)

    def criteria(self, sig: Signals) -> dict:
        return {c: round(self.to_100(float(np.dot(self._row(sig, CRITERIA_SIGNALS[c]), w) + b)), 1)
                for c, (w, b) in self.criteria_.items()}

    def substitutions(self, sig: Signals, collective: bool) -> dict:
        v, t = sig.values, self.thresholds_
        return {
            "work_for_style": bool(sig.counts["problems"] > 0 and v["work_result_share"] >= t["work_for_style"]),
            "collective_for_personal": bool(not collective and sig.counts["singular"] + sig.counts["plural"] >= 3
                                            and 1 - v["singular_share"] >= t["collective_for_personal"]),
            "generic_for_specific": bool(sig.counts["problems"] > 0
                                         and 1 - v["instance_share"] >= t["generic_for_specific"]),
        }


def notes(sig: Signals, subs: dict) -> list[str]:
    """One-line reasons a reviewer could quote to the author, most serious first."""
    v, c, ph = sig.values, sig.counts, sig.phrases
    out = []
    if c["denied"]:
        out.append(f"否认存在问题：{'、'.join(c['denied'])}方面称“不存在问题”，未作查摆")
    elif c["missing"]:
        out.append(f"未查摆：{'、'.join(c['missing'])}方面没有具体问题")
    if v["summary_ratio"] >= 0.15:
        out.append(f"写成了工作总结：{v['summary_ratio']:.0%} 的篇幅在讲工作和成绩")
    if subs["work_for_style"]:
        out.append(f"以工作问题代替作风问题：{len(sig.evidence['work_result_share'])} 个问题段落只谈工作指标不谈作风，"
                   f"如“{'、'.join(ph['work_result_share'][:3])}”")
    if subs["collective_for_personal"]:
        out.append(f"以班子问题代替个人问题：问题部分用“我们/班子”{c['plural']} 次，用“我/本人”{c['singular']} 次")
    if subs["generic_for_specific"]:
        out.append(f"以共性问题代替具体问题：{c['problems']} 个问题段落中 {c['no_instance']} 个没有时间、地点、数字或具体事例")
    if c["causes"] and v["excuse_share"] >= 0.5:
        out.append(f"原因分析只讲客观原因：{'、'.join(ph['excuse_share'][:3])}")
    elif c["causes"] and v["root_per_cause"] < 0.5:
        out.append("原因分析不深：没有从理想信念、宗旨意识、党性修养等主观方面剖析根源")
    elif not c["causes"]:
        out.append("缺少原因分析")
    if c["measures"] and c["no_deadline"] > c["measures"] / 2:
        out.append(f"整改措施无时限：{c['measures']} 条措施中 {c['no_deadline']} 条没有完成时间")
    elif not c["measures"]:
        out.append("缺少整改措施")
    if v["vague_per_measure"] >= 1.5:
        out.append(f"整改措施笼统：多用“{'、'.join(ph['vague_per_measure'][:3])}”等表述")
    if sig.evidence["disguised_praise"]:
        out.append(f"变相表扬：{'、'.join(ph['disguised_praise'][:3])}")
    if c["boiler"] >= 3 and v["boilerplate_share"] >= 0.25:
        out.append(f"套话多：{c['boiler']} 句与常见套话相似，如“{ph['boilerplate_share'][0]}”")
    if v["preamble_share"] >= 0.2:
        out.append(f"未开门见山：第一个问题之前铺垫 {c['pre_chars']} 字")
    if v["instance_share"] >= 0.6 and c["problems"]:
        out.append(f"问题查摆具体：{c['problems']} 个问题段落中 {c['problems'] - c['no_instance']} 个有具体事例")
    if v["root_per_cause"] >= 1.5 and v["excuse_share"] < 0.3:
        out.append(f"原因剖析触及主观根源：{'、'.join(ph['root_per_cause'][:4])}")
    if c["measures"] and v["deadline_share"] >= 0.6:
        out.append(f"整改措施有时限：{c['measures'] - c['no_deadline']}/{c['measures']} 条有完成时间")
    return out


CRITERION_EVIDENCE = {"strict": ("standards", "disguised_praise"), "accurate": ("instance_share", "boilerplate_share"),
                      "deep": ("root_per_cause", "excuse_share"), "concrete": ("deadline_share", "vague_per_measure")}
SUBSTITUTION_EVIDENCE = {"work_for_style": "work_result_share", "collective_for_personal": None,
                         "generic_for_specific": "instance_share"}


def assess(texts, roles, styles, coverage, summary_ratio, model: DepthModel, bank: BoilerplateBank) -> dict:
    """The ``depth`` object of the report."""
    sig = measure(texts, roles, styles, coverage, summary_ratio, bank)
    collective = is_collective(texts)
    subs = model.substitutions(sig, collective)
    problems = [i for i, r in enumerate(roles) if r == "problem"]
    details = {c: {"evidence": sorted({i for s in names for i in sig.evidence.get(s, []) if isinstance(i, int)}),
                   "phrases": [p for s in names for p in sig.phrases.get(s, [])][:10]}
               for c, names in CRITERION_EVIDENCE.items()}
    sub_evidence = {}
    for name, flagged in subs.items():
        if not flagged:
            continue
        key = SUBSTITUTION_EVIDENCE[name]
        if name == "generic_for_specific":
            with_instance = set(sig.evidence["instance_share"])
            sub_evidence[name] = [i for i in problems if i not in with_instance]
        elif key:
            sub_evidence[name] = sig.evidence[key]
        else:
            lx = lexicons()["plural"]
            sub_evidence[name] = [i for i in problems if lx.find(texts[i])]
    return {
        "score": round(model.to_100(model.grade(sig)), 1),
        "criteria": model.criteria(sig),
        "substitutions": subs,
        "notes": notes(sig, subs),
        "kind": "collective" if collective else "personal",
        "details": details,
        "substitution_evidence": sub_evidence,
        "signals": {k: round(float(x), 4) for k, x in sig.values.items()},
    }
