"""Does a material answer the opinions collected for it (征求到的意见)? ``check --opinions LIST``.

The seed asks that a material 对群众意见和上级点明的问题逐一检查并作出实事求是的回应. For each
opinion the material either answers it (a problem or cause paragraph examines the same
behaviour, with or without a measure), only touches it with a stock sentence (generic: "今后将
进一步密切联系群众"), or ignores it. Problems the material raises that no opinion raised are
fine and not flagged.

Matching is by meaning, not wording: an opinion says "办事拖拉、效率不高", the material says
"群众反映到我这里的事情，一拖就是一两个月". Three bridges are combined per sentence of the material:
the rubric's manifestation groups (``data/rubrics/<rubric>.yaml``) matched on both sides, the
everyday words of ``data/lexicons/opinion_bridge.yaml`` tied to the same groups, and character
n-gram TF-IDF similarity. Weights and thresholds come from ``models/opinions.json``, chosen by
:meth:`OpinionMatcher.fit` on the dev pairs (``python -m training.otherdocs``).

Opinion lists: a text file with one opinion per line (numbering such as ``1.`` ``（2）`` ``③`` is
dropped), a .docx (paragraphs and table rows) or a .xlsx (the longest text cell of each row).
In batch, ``--opinions DIR`` holds one list per material, matched by name: ``张三.docx`` ↔
``张三.opinions.txt`` (or ``.opinions.docx`` / ``.opinions.xlsx``).
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .document import Document, OpinionAnswer, OpinionsResult
from .errors import JingziError
from .resources import lexicon, load_yaml, phrase_regex
from .segment import load_segmenter, sentence_spans

STATUSES = ("answered", "generic", "ignored")
OPINION_SUFFIXES = (".opinions.txt", ".opinions.docx", ".opinions.xlsx")
_NUMBERING = re.compile(r"^\s*(?:\d{1,3}[.、．)）]|[（(]\d{1,3}[)）]|[①-⑳]|[一二三四五六七八九十]{1,3}[、是]|[（(][一二三四五六七八九十]{1,3}[)）]|[-•·*])\s*")
_SUBSTANTIVE_ROLES = ("problem", "cause")
_ANSWER_ROLES = ("problem", "cause", "measure")
# the settings :meth:`OpinionMatcher.fit` chooses from (in this order; ties keep the first)
GRID = {"category_touch": (True, False), "group_weight": (0.3, 0.5, 0.7, 0.9), "category_weight": (0.1, 0.25, 0.4),
        "answer": (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1), "generic": (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7)}
_FORMULATIONS = re.compile(r"八项规定|四风|两个维护|四个意识|四个自信|两个确立|三严三实")


# --------------------------------------------------------------------------- reading lists

def parse_lines(lines: list[str]) -> list[str]:
    """Opinions from lines: numbering dropped, blank lines and a title line skipped."""
    out = []
    for line in lines:
        text = _NUMBERING.sub("", line.strip()).strip()
        if len(text) < 4:
            continue
        if not out and not re.search(r"[，,。；;、]", text) and re.search(r"(?:意见|建议|清单|汇总|问题|内容)(?:表)?$", text):
            continue  # a title or column header such as 征求到的意见建议 / 意见内容
        out.append(text)
    return out


def read_list(path: str | Path) -> list[str]:
    """The opinions of a list file (.txt/.md, .docx or .xlsx); bad files raise :class:`JingziError`."""
    from .ingest import decode_text, read_docx

    path = Path(path)
    if not path.exists():
        raise JingziError("not_found", f"意见清单不存在 / no such opinions list: {path}")
    suffix = path.suffix.lower()
    if suffix not in (".txt", ".md", ".text", ".docx", ".xlsx"):
        raise JingziError("unsupported_type", f"意见清单应为 .txt/.docx/.xlsx / opinions list type {suffix}: {path.name}")
    data = path.read_bytes()
    if suffix == ".xlsx":
        lines = _xlsx_lines(data, path.name)
    elif suffix == ".docx":
        raw, _ = read_docx(data)
        lines = [_longest_cell(line) for line in raw.splitlines()]
    else:
        lines = decode_text(data)[0].splitlines()
    from .ingest import _t2s, simplified

    opinions = parse_lines(lines)
    if opinions and simplified("".join(opinions))[1]:  # evidently traditional: read as simplified, as a material is
        opinions = [_t2s(o) for o in opinions]
    if not opinions:
        raise JingziError("empty", f"意见清单中没有意见 / no opinions in {path.name}")
    return opinions


def _longest_cell(line: str) -> str:
    cells = [c.strip() for c in line.split("\t")]
    return max(cells, key=len) if cells else ""


def _xlsx_lines(data: bytes, name: str) -> list[str]:
    import io
    import zipfile

    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise JingziError("corrupt_docx", f"xlsx 文件损坏 / corrupt .xlsx {name} ({type(exc).__name__})") from exc
    lines = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            cells = [str(c).strip() for c in row if isinstance(c, str) and c.strip()]
            if cells:
                lines.append(max(cells, key=len))
    return lines


def list_for(material: str | Path, folder: str | Path) -> Path | None:
    """The opinions list of a material in ``folder``: same stem + ``.opinions.txt|docx|xlsx``."""
    stem = Path(material).stem
    for suffix in OPINION_SUFFIXES:
        candidate = Path(folder) / f"{stem}{suffix}"
        if candidate.exists():
            return candidate
    return None


def is_opinions_list(path: str | Path) -> bool:
    return Path(path).name.lower().endswith(OPINION_SUFFIXES)


# --------------------------------------------------------------------------- matching

@lru_cache(maxsize=1)
def _bridge() -> list[tuple[str, re.Pattern]]:
    groups = load_yaml("lexicons/opinion_bridge.yaml")["groups"]
    return [(g, re.compile("|".join(phrase_regex(str(p)) for p in ps))) for g, ps in groups.items()]


@dataclass
class Topics:
    groups: set[str]
    categories: set[str]   # of the groups, plus the categories named
    named: set[str]        # categories named outright (形式主义 …)
    phrases: list[str]


class OpinionMatcher:
    """Scores how well a sentence of a material answers an opinion.

    ``score = group_weight·[a shared manifestation group] + category_weight·[a shared category]
    + cosine of character 2–3-gram TF-IDF``. An opinion is answered when a substantive sentence
    (problem or cause, not a stock formula) scores ``answer``; generic when only stock sentences
    touch it (same group, or with ``category_touch`` a formula naming the opinion's category, or a
    score of ``generic``).
    """

    def __init__(self, matcher, thresholds: dict | None = None):
        self.matcher = matcher
        self.group_category = {g: c.id for c in matcher.rubric.categories for g in c.groups}
        t = thresholds or {}
        self.answer = t.get("answer", 0.8)
        self.generic = t.get("generic", 0.5)
        self.group_weight = t.get("group_weight", 0.7)
        self.category_weight = t.get("category_weight", 0.25)
        self.category_touch = t.get("category_touch", True)
        self.stock = lexicon("measures", "vague")
        self.pledge = lexicon("opinion_bridge", "pledge")
        self.instances = lexicon("instances", "markers", "regex")

    def topics(self, text: str) -> Topics:
        groups, phrases = set(), []
        for m in self.matcher.match(text):
            if not m.denied:
                groups.add(m.group)
                phrases.append(m.phrase)
        for g, pattern in _bridge():
            if g in self.group_category:
                found = pattern.findall(text)
                if found:
                    groups.add(g)
                    phrases += found
        named = self.matcher.named(text)  # naming a category touches it (a stock pledge), no group
        return Topics(groups, {self.group_category[g] for g in groups} | named, named, list(dict.fromkeys(phrases)))

    def is_formula(self, sentence: str) -> bool:
        """A formula anyone could write: 进一步/切实/坚决-style words and no instance."""
        plain = _FORMULATIONS.sub("", sentence)  # 八项规定 is a name, not a counted instance
        return bool(self.stock.find(plain) or self.pledge.find(plain)) and not self.instances.find(plain)

    def is_stock(self, sentence: str, role: str) -> bool:
        """Not an examination of the problem: outside a problem/cause paragraph, or a formula."""
        return role not in _SUBSTANTIVE_ROLES or self.is_formula(sentence)

    def candidates(self, opinions: list[str], paragraphs: list[str], roles: list[str]) -> tuple[list, list[dict]]:
        """The material's sentences and, per opinion, each sentence's evidence: shared groups,
        shared categories, cosine, and whether the sentence is substantive (not stock)."""
        from sklearn.feature_extraction.text import TfidfVectorizer

        sentences = []  # (paragraph index, sentence, role, topics, substantive, formula)
        for i, (text, role) in enumerate(zip(paragraphs, roles)):
            if role in ("heading", "preamble", "closing", "noise"):
                continue
            for a, b in sentence_spans(text):
                s = text[a:b]
                if len(s) >= 4:
                    sentences.append((i, s, role, self.topics(s), not self.is_stock(s, role), self.is_formula(s)))
        table = []
        if sentences:
            vec = TfidfVectorizer(analyzer="char", ngram_range=(2, 3), sublinear_tf=True).fit(
                [x[1] for x in sentences] + opinions)
            S = vec.transform([x[1] for x in sentences])
        for opinion in opinions:
            ot = self.topics(opinion)
            cos = (S @ vec.transform([opinion]).T).toarray().ravel() if sentences else []
            table.append({"topics": ot, "rows": [(ot.groups & x[3].groups, ot.categories & x[3].categories,
                                                  float(c), x[4], x[5] and bool(ot.categories & x[3].named))
                                                 for x, c in zip(sentences, cos)]})
        return sentences, table

    def score(self, row) -> float:
        groups, categories, cos = row[:3]
        return self.group_weight * bool(groups) + self.category_weight * bool(categories) + cos

    def decide(self, sentences: list, entry: dict) -> tuple[str, int, float, list[int]]:
        """(status, best sentence index or -1, its score, answering paragraphs) of one opinion."""
        scores = [self.score(r) for r in entry["rows"]]
        sub = [(sc, j) for j, (sc, r) in enumerate(zip(scores, entry["rows"])) if r[3]]
        best_sub = max(sub, default=(0.0, -1))
        best_any = max(((sc, j) for j, sc in enumerate(scores)), default=(0.0, -1))
        if best_sub[0] >= self.answer:
            paras = sorted({sentences[j][0] for j, sc in enumerate(scores)
                            if sc >= self.answer and sentences[j][2] in _ANSWER_ROLES})
            return "answered", best_sub[1], best_sub[0], paras
        # only a stock sentence touches it: it shares the opinion's manifestation group, or (with
        # ``category_touch``) its category, e.g. a pledge naming 奢靡之风 against an opinion on 公车私用
        touch = [(sc, j) for j, (sc, r) in enumerate(zip(scores, entry["rows"]))
                 if not r[3] and (r[0] or (self.category_touch and r[4]))]
        best_touch = max(touch, default=None)
        if best_touch is None and best_any[0] >= self.generic:
            best_touch = best_any
        if best_touch is not None:
            return "generic", best_touch[1], best_touch[0], [sentences[best_touch[1]][0]]
        return "ignored", -1, best_any[0], []

    def assess(self, opinions: list[str], doc: Document) -> OpinionsResult:
        """How the content paragraphs of a structured ``doc`` answer each opinion: its status,
        the paragraphs that answer it and the evidence (the best sentence, what it shares)."""
        sentences, table = self.candidates(opinions, doc.texts, doc.roles)
        items = []
        for k, (opinion, entry) in enumerate(zip(opinions, table)):
            status, j, score, paras = self.decide(sentences, entry)
            evidence = None
            if j >= 0:
                i, s, role, st = sentences[j][:4]
                groups, categories = entry["rows"][j][:2]
                evidence = {"paragraph": i, "sentence": s, "role": role, "score": round(score, 4),
                            "shared": sorted(groups) or sorted(categories),
                            "opinion_phrases": entry["topics"].phrases[:4], "material_phrases": st.phrases[:4]}
            items.append(OpinionAnswer(k, opinion, status, tuple(paras), evidence))
        answered = sum(it.status == "answered" for it in items)
        return OpinionsResult(answered_ratio=round(answered / len(items), 4) if items else 0.0,
                              counts={s: sum(it.status == s for it in items) for s in STATUSES}, items=tuple(items))

    def use(self, setting: dict) -> None:
        """Take the weights and thresholds of ``setting`` (names of :data:`GRID`)."""
        for name, value in setting.items():
            setattr(self, name, value)

    def thresholds(self) -> dict:
        """The weights and thresholds in use, as ``models/opinions.json`` keeps them."""
        return {name: getattr(self, name) for name in GRID}

    def fit(self, cases: list[tuple[list[str], list[str], list[str], list[str]]]) -> "OpinionMatcher":
        """Choose the weights and thresholds of :data:`GRID` on held-apart ``cases``, each
        (opinions, the material's paragraphs, their roles, the gold status of every opinion):
        the setting that gets most statuses right, then the best F1 of ``ignored`` (the error a
        reviewer most needs caught); ``dev_score_`` keeps those two figures."""
        tables = [(self.candidates(opinions, paragraphs, roles), gold) for opinions, paragraphs, roles, gold in cases]
        best = None
        for values in itertools.product(*GRID.values()):
            setting = dict(zip(GRID, values))
            if setting["generic"] >= setting["answer"]:
                continue
            self.use(setting)
            gold = [g for _, statuses in tables for g in statuses]
            pred = [self.decide(sentences, entry)[0] for (sentences, table), _ in tables for entry in table]
            key = agreement(gold, pred)
            if best is None or key > best[0]:
                best = (key, setting)
        self.use(best[1])
        self.dev_score_ = best[0]
        return self


def agreement(gold: list[str], pred: list[str]) -> tuple[float, float]:
    """(share of statuses right, F1 of ``ignored``), rounded to 4 places: the figures
    :meth:`OpinionMatcher.fit` ranks settings by."""
    tp = sum(g == p == "ignored" for g, p in zip(gold, pred))
    wrong = sum((g == "ignored") != (p == "ignored") for g, p in zip(gold, pred))
    right = sum(g == p for g, p in zip(gold, pred)) / len(gold) if gold else 0.0
    return round(right, 4), round(2 * tp / (2 * tp + wrong), 4) if tp else 0.0


def keyword_status(opinion: str, paragraphs: list[str], roles: list[str]) -> str:
    """The keyword baseline: answered when two of the opinion's words (jieba, ≥2 characters)
    occur in one problem or cause paragraph; otherwise ignored."""
    words = {w for w in load_segmenter().lcut(opinion) if len(w) >= 2}
    for text, role in zip(paragraphs, roles):
        if role in _SUBSTANTIVE_ROLES and sum(w in text for w in words) >= 2:
            return "answered"
    return "ignored"
