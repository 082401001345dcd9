"""Criticism opinions (批评意见, document kind ``criticism``): items, targets and labels.

A reviewer reads the criticism members plan to raise at the meeting and asks of each item: whom
does it criticise, is it a genuine criticism of that person's style or praise in disguise
(批评变表扬), only a vague formula, a suggestion instead of a criticism (以建议代批评), or a work
result instead of a style problem; which of the four styles it concerns; does it cite a concrete
instance. Items are found in every common shape — one member's criticisms of several colleagues
("对张XX同志：1.…2.…"), a 批评意见汇总 for one person, a meeting record ("李XX对王XX提出批评：…")
and the same pasted as one run-on paragraph — by target headers and enumeration markers.

Labels come from :class:`CriticismModel` (logistic regression over character n-grams and the cue
counts of ``data/lexicons/criticism.yaml``, trained by ``python -m training.otherdocs``); every
label carries reasons quoted from the item that support that label and no other.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from .document import CriticismResult, Document
from .resources import lexicon
from .structure import looks_like_heading

LABELS = ("genuine", "praise", "vague", "suggestion_only", "work_not_style")
LABEL_TEXT = {"genuine": "真批评", "praise": "批评变表扬", "vague": "笼统空泛",
              "suggestion_only": "以建议代批评", "work_not_style": "以工作问题代替作风问题"}

# a person: 张XX / 王某 / 李某某 / 王建国 (common words that precede 同志 are not names)
_NAME = r"(?:[\u4e00-\u9fa5](?:XX|xx|××|ＸＸ|某某|某)|[\u4e00-\u9fa5]{2,3})"
_NOT_NAMES = {"分管", "其他", "班子", "有关", "相关", "年轻", "基层", "各位", "全体", "这位", "该", "老", "领导",
              "广大", "机关", "党员", "干部", "其他班子", "个别", "每位", "每个", "部分", "一些", "所有", "新"}
_ENUM = r"(?:\d{1,2}[.、．]|（\d{1,2}）|\(\d{1,2}\)|[①-⑳]|[一二三四五六七八九十]{1,3}是|（[一二三四五六七八九十]{1,3}）|[一二三四五六七八九十]{1,3}、)"
_LEAD = r"(?:[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,3}）|\d{1,2}[.、．])?"
_HEADERS = [
    # 对张XX同志： / 对张XX同志的批评意见： / （二）给张XX同志提的意见
    re.compile(_LEAD + rf"(?:对|给)(?P<t>{_NAME})同志(?:的批评意见|提的意见|提出的批评意见|的意见)?(?:如下)?[：:]?"),
    # 李XX对王XX提出批评： / 李XX同志批评王XX同志： / 李XX：对王XX同志提两点意见，
    re.compile(rf"(?P<c>{_NAME})(?:同志)?[：:]?(?:对|批评)(?P<t>{_NAME})(?:同志)?"
               r"(?:提出批评|提出如下批评|提出了批评|提(?:出)?(?:[一两二三四五几]点)?(?:意见|批评))?[：:，,]"),
    # 对李书记： / 对张副镇长的意见： — a member named by surname and post (a colon closes the header)
    re.compile(_LEAD + r"(?:对|给)(?P<t>[\u4e00-\u9fa5]{1,3}?副?(?:书记|镇长|乡长|县长|市长|区长|局长|主任|部长|处长|科长"
               r"|所长|站长|校长|院长|主席|委员|经理))(?:的批评意见|提的意见|的意见)?[：:]"),
]
# a document about one person: 关于张XX同志的批评意见汇总 / 张XX同志收到的批评意见
_SUBJECT = re.compile(rf"(?:关于|对)?(?P<t>{_NAME})同志(?:的|收到的)批评意见")
_MEMBERS = re.compile(rf"(?:班子成员|参会人员|参加人员|参会同志|出席人员)[：:](?P<list>(?:{_NAME}(?:同志)?[、，,和及]?)+)")
_META_LINE = re.compile(r"^(?:（[^）]*）|\([^)]*\)|时间[：:].*|地点[：:].*|主持人?[：:].*|记录人?[：:].*)$")
_SPLIT_ENUM = re.compile(rf"(?:(?<=^)|(?<=[\n：:；;。，,]))\s*{_ENUM}")
_TRIM = "。；;，,：: \n\t"


@dataclass
class Item:
    text: str
    start: int
    end: int
    target: str | None
    label: str = "genuine"
    style: str | None = None
    instance: bool = False
    reasons: list[str] | None = None

    def to_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end, "target": self.target, "label": self.label,
                "style": self.style, "instance": self.instance, "reasons": self.reasons or []}


def _name_ok(name: str) -> bool:
    return name not in _NOT_NAMES and not any(name.startswith(w) for w in ("其他", "班子", "分管", "各")) \
        and not any(w in name for w in ("意见", "批评", "如下", "以下", "成员", "提出", "大家", "我们"))


def _headers(text: str) -> list[tuple[int, int, str]]:
    """(start, end, target) of every target header, in text order, overlaps removed."""
    found = []
    for pattern in _HEADERS:
        for m in pattern.finditer(text):
            if _name_ok(m.group("t")):
                found.append((m.start(), m.end(), m.group("t")))
    found.sort()
    out = []
    for h in found:
        if out and h[0] < out[-1][1]:
            continue
        out.append(h)
    return out


def split_items(text: str) -> list[Item]:
    """Items (text, offsets in ``text``, target) of a criticism document in any common shape."""
    headers = _headers(text)
    segments: list[tuple[int, int, str | None]] = []
    if headers:
        for k, (s, e, t) in enumerate(headers):
            segments.append((e, headers[k + 1][0] if k + 1 < len(headers) else len(text), t))
    else:
        first = text.split("\n", 1)[0]
        m = _SUBJECT.search(first)
        body = len(first) + 1 if "\n" in text else 0
        segments.append((body if m else 0, len(text), m.group("t") if m and _name_ok(m.group("t")) else None))
    items = []
    for s, e, target in segments:
        items += _segment_items(text, s, e, target)
    return items


def _segment_items(text: str, s: int, e: int, target: str | None) -> list[Item]:
    marks = [m for m in _SPLIT_ENUM.finditer(text, s, e)]
    spans: list[tuple[int, int]] = []
    if marks:
        for k, m in enumerate(marks):
            spans.append((m.end(), marks[k + 1].start() if k + 1 < len(marks) else e))
        if text[s:marks[0].start()].strip(_TRIM):  # text before the first marker (a lead-in line)
            spans.insert(0, (s, marks[0].start()))
    else:
        pos = s
        for line in text[s:e].split("\n"):
            spans.append((pos, pos + len(line)))
            pos += len(line) + 1
    items = []
    for a, b in spans:
        for ls, le in _lines(text, a, b):
            line = text[ls:le]
            if le - ls < 6 or _META_LINE.match(line) or _MEMBERS.match(line) or _is_heading(text, ls, le):
                continue
            if text[le:le + 1] in ("：", ":") and re.search(r"(?:意见|批评|如下|以下)$", line):
                continue  # a lead-in ("提以下几点意见：") is no item of its own
            items.append(Item(line, ls, le, target))
    return items


def _lines(text: str, a: int, b: int):
    """The trimmed lines of text[a:b] (an item never spans a line break except in a run-on)."""
    pos = a
    for line in text[a:b].split("\n"):
        ls, le = pos, pos + len(line)
        while ls < le and text[ls] in _TRIM:
            ls += 1
        while le > ls and text[le - 1] in _TRIM:
            le -= 1
        if le > ls:
            yield ls, le
        pos += len(line) + 1


def _is_heading(text: str, start: int, end: int) -> bool:
    """A title or sub-heading: no sentence punctuation inside or after it."""
    line, after = text[start:end], text[end:end + 1]
    return not re.search(r"[。；;，,！？]", line) and after in ("", "\n", "：", ":") and (
        looks_like_heading(line) or len(line) <= 30)


def members(text: str) -> list[str]:
    """Members named in a member list (班子成员：张XX、李XX…)."""
    out = []
    for m in _MEMBERS.finditer(text):
        for name in re.findall(_NAME, m.group("list").replace("同志", "")):
            if _name_ok(name) and name not in out:
                out.append(name)
    return out


# --------------------------------------------------------------------------- cues and model

def cue_lexicons() -> dict:
    return {"praise": [lexicon("criticism", "praise"), lexicon("disguised_praise", "phrases")],
            "suggestion": [lexicon("criticism", "suggestion_openers")],
            "vague": [lexicon("criticism", "vague")],
            "work": [lexicon("criticism", "work"), lexicon("work_results", "phrases")],
            "instance": [lexicon("instances", "markers", "regex")]}


def cues(text: str) -> dict[str, list[str]]:
    """Cue phrases of each kind found in an item (suggestion openers only at the start of a clause;
    an anonymised comrade, 张某某同志 / 李XX同志, is whom the item speaks of, not an instance)."""
    out = {}
    for kind, lexes in cue_lexicons().items():
        phrases = []
        for lx in lexes:
            for m in lx.find(text):
                if kind == "suggestion" and m.start() > 0 and text[m.start() - 1] not in "，,。；;：:":
                    continue
                if kind == "instance" and m.group(0).endswith("同志"):
                    continue
                phrases.append(m.group(0))
        out[kind] = list(dict.fromkeys(phrases))
    return out


def cue_vector(c: dict[str, list[str]], text: str) -> list[float]:
    opens_with_suggestion = any(text.startswith(p) for p in c["suggestion"])
    return [len(c["praise"]), float(opens_with_suggestion), len(c["suggestion"]), len(c["vague"]), len(c["work"]),
            len(c["instance"]), float(len(text) > 40), float("。" in text.strip("。"))]


def keyword_label(text: str) -> str:
    """The keyword baseline: the first cue kind found decides."""
    c = cues(text)
    if c["praise"]:
        return "praise"
    if any(text.startswith(p) for p in c["suggestion"]):
        return "suggestion_only"
    if c["work"]:
        return "work_not_style"
    if c["vague"] and not c["instance"]:
        return "vague"
    return "genuine"


class CriticismModel:
    """Label of a criticism item: logistic regression over character 1–3-grams plus cue counts.

    ``fit`` chooses the regularisation ``C_`` among ``Cs`` on held-apart ``dev`` items (the best
    macro F1 over :data:`LABELS`, ties to the first), or takes ``C`` without them.

    >>> model = CriticismModel().fit(texts, labels, dev=(dev_texts, dev_labels))   # doctest: +SKIP
    >>> model.predict(["你工作太拼命，不注意身体"])   # doctest: +SKIP
    ['praise']
    """

    def __init__(self, C: float = 4.0, Cs: tuple[float, ...] = (1.0, 4.0, 16.0)):
        self.C, self.Cs = C, Cs

    def _matrix(self, texts: list[str], fit: bool = False):
        from scipy.sparse import csr_matrix, hstack

        cue_rows = np.array([cue_vector(cues(t), t) for t in texts], dtype=float)
        ngrams = self.vectorizer_.fit_transform(texts) if fit else self.vectorizer_.transform(texts)
        return hstack([ngrams, csr_matrix(cue_rows * 2.0)]).tocsr()

    def fit(self, texts: list[str], labels: list[str], styles: list[str | None] | None = None,
            dev: tuple[list[str], list[str]] | None = None) -> "CriticismModel":
        """Fit the label classifier; with ``styles`` (the style of each genuine item, else None)
        also a style classifier over the same n-grams, used when no rubric pattern names one.
        With ``dev`` (texts, labels) ``C_`` is chosen on it and ``dev_macro_f1_`` kept."""
        from sklearn.metrics import f1_score

        self.C_, self.dev_macro_f1_ = self.C, None
        if dev is not None:
            for C in self.Cs:
                self.C_ = C
                self._fit(texts, labels)
                per_label = f1_score(dev[1], self.predict(dev[0]), labels=list(LABELS), average=None,
                                     zero_division=0)  # rounded per label, as the model card shows them
                score = round(sum(round(float(f), 4) for f in per_label) / len(LABELS), 4)
                if self.dev_macro_f1_ is None or score > self.dev_macro_f1_:
                    best, self.dev_macro_f1_ = C, score
            self.C_ = best
        return self._fit(texts, labels, styles)

    def _fit(self, texts: list[str], labels: list[str], styles: list[str | None] | None = None) -> "CriticismModel":
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        self.vectorizer_ = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), min_df=2, sublinear_tf=True)
        X = self._matrix(texts, fit=True)
        self.classifier_ = LogisticRegression(C=self.C_, max_iter=2000, class_weight="balanced").fit(X, labels)
        self.style_classifier_ = None
        if styles:
            rows = [k for k, st in enumerate(styles) if st]
            self.style_classifier_ = LogisticRegression(C=self.C_, max_iter=2000).fit(
                self.vectorizer_.transform([texts[k] for k in rows]), [styles[k] for k in rows])
        return self

    def style(self, text: str, min_proba: float = 0.35) -> str | None:
        """The learned style of an item, when the classifier is sure enough."""
        if self.style_classifier_ is None:
            return None
        proba = self.style_classifier_.predict_proba(self.vectorizer_.transform([text]))[0]
        k = int(proba.argmax())
        return str(self.style_classifier_.classes_[k]) if proba[k] >= min_proba else None

    def predict(self, texts: list[str]) -> list[str]:
        if not texts:
            return []
        return [str(label) for label in self.classifier_.predict(self._matrix(texts))]

    def top_ngrams(self, text: str, label: str, n: int = 2) -> list[str]:
        """The item's own character n-grams that weigh most for ``label`` (quotable reasons)."""
        row = self.vectorizer_.transform([text])
        k = list(self.classifier_.classes_).index(label)
        weights = self.classifier_.coef_[k][: row.shape[1]]
        vocab = self.vectorizer_.get_feature_names_out()
        scored = sorted(((weights[j] * v, vocab[j]) for j, v in zip(row.indices, row.data)), reverse=True)
        out: list[str] = []
        for w, gram in scored:
            if w <= 0 or len(gram) < 2:
                continue
            if not any(gram in o or o in gram for o in out):
                out.append(gram)
            if len(out) == n:
                break
        return out


# --------------------------------------------------------------------------- judging

def style_of(text: str, matcher, model: "CriticismModel | None" = None) -> tuple[str | None, list[str]]:
    """The four-style category most of the item's manifestation patterns belong to (else the
    category it names, else the model's learned style), with the phrases."""
    hits: dict[str, list[str]] = {}
    for m in matcher.match(text):
        if not m.denied:
            hits.setdefault(m.category, []).append(m.phrase)
    if hits:
        best = max(hits, key=lambda c: len(hits[c]))
        return best, list(dict.fromkeys(hits[best]))
    named = matcher.named(text)
    if named:
        cid = next(c for c in matcher.rubric.ids if c in named)
        return cid, []
    if model is not None and set(matcher.rubric.ids) >= set(getattr(model.style_classifier_, "classes_", [])):
        return model.style(text), []
    return None, []


def _reasons(label: str, text: str, c: dict, style_phrases: list[str], model: CriticismModel) -> list[str]:
    quote = lambda ps: "、".join(f"“{p}”" for p in ps[:3])  # noqa: E731
    reasons = []
    if label == "genuine":
        if style_phrases:
            reasons.append(f"指出作风问题 names a style problem: {quote(style_phrases)}")
        if c["instance"]:
            reasons.append(f"有具体事例 cites an instance: {quote(c['instance'])}")
    elif label == "praise" and c["praise"]:
        reasons.append(f"以缺点之名说优点 praise in disguise: {quote(c['praise'])}")
    elif label == "suggestion_only" and c["suggestion"]:
        reasons.append(f"只提希望建议，未指出问题 a wish, no problem named: {quote(c['suggestion'])}")
    elif label == "vague":
        if c["vague"]:
            reasons.append(f"笼统措辞 vague wording: {quote(c['vague'])}")
        reasons.append("没有具体事例 no concrete instance")
    elif label == "work_not_style" and c["work"]:
        reasons.append(f"说的是工作结果而非作风 work results, not style: {quote(c['work'])}")
    if not reasons:
        grams = model.top_ngrams(text, label)
        if grams:
            reasons.append(f"措辞近似{LABEL_TEXT[label]} wording typical of {label}: {quote(grams)}")
    return reasons


def assess(doc: Document, model: CriticismModel, matcher) -> CriticismResult:
    """The items of a criticism document with labels, style, instance and reasons, and a summary
    (share genuine, per-target counts, members never criticised). Items are found in the whole
    normalised text: their headers and numbering cross paragraphs, also in a run-on paste."""
    text = doc.text
    items = split_items(text)
    labels = model.predict([it.text for it in items])
    for it, label in zip(items, labels):
        c = cues(it.text)
        it.label = label
        it.style, style_phrases = style_of(it.text, matcher, model if label == "genuine" else None)
        it.instance = bool(c["instance"])
        it.reasons = _reasons(label, it.text, c, style_phrases, model)
    targets: dict[str, dict] = {}
    for it in items:
        if it.target:
            t = targets.setdefault(it.target, {"items": 0, "genuine": 0})
            t["items"] += 1
            t["genuine"] += it.label == "genuine"
    named = members(text)
    never = [m for m in named if m not in targets]
    genuine = sum(it.label == "genuine" for it in items)
    return CriticismResult(items=tuple(items), share_genuine=round(genuine / len(items), 4) if items else 0.0,
                           labels={label: sum(it.label == label for it in items) for label in LABELS},
                           targets=targets, never_criticised=never)
