"""``python -m training``: rebuild every model under ``models/`` from ``data/`` and write model cards.

Models are fitted on the train split, their settings chosen on dev, and their metrics
reported on the held-out test split (never used for fitting or tuning).
"""
from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, replace
from functools import lru_cache

import hashlib

from sklearn.metrics import accuracy_score, classification_report, f1_score

from analyzer import ingest, modelstore
from analyzer.document import Document
from analyzer.resources import MODELS_DIR
from analyzer.structure import ROLES, Layout, RoleModel
from analyzer.thresholds import best_threshold, f1 as binary_f1

from training.corpus import DATA_DIR, LabelledDocument, load_corpus


@dataclass
class Prepared:
    """A labelled document run through ingest, segmentation and layout."""

    doc: LabelledDocument
    texts: list[str]
    tokens: list[list[str]]
    layout: Layout
    hints: set
    document: Document  # the pipeline's Document after segmentation and layout

    def judged(self, roles) -> Document:
        """The document as the judgement stages get it, with these paragraph ``roles``."""
        return replace(self.document, roles=list(roles))


@lru_cache(maxsize=1)
def prepared_corpus() -> tuple[Prepared, ...]:
    """The written materials (copies serve copy evaluation only), prepared as at run time."""
    from analyzer.pipeline import segmented

    out = []
    for d in load_corpus():
        if d.path.parent.name != "written":
            continue
        source = ingest.from_text(d.text, d.id)
        document = segmented(source)
        if len(document.texts) != len(d.paragraphs):
            raise ValueError(f"{d.id}: {len(document.texts)} paragraphs after ingest, {len(d.paragraphs)} labelled")
        out.append(Prepared(d, document.texts, document.tokens, document.layout, source.heading_hints, document))
    return tuple(out)


@lru_cache(maxsize=1)
def data_digest() -> str:
    """sha256 over the training data: the labelled corpus, lexicons, rubrics and user dictionary."""
    h = hashlib.sha256()
    files = [p for sub in ("corpus", "lexicons", "rubrics") for p in (DATA_DIR / sub).rglob("*") if p.is_file()]
    for path in sorted(files + [DATA_DIR / "userdict.txt"]):
        h.update(str(path.relative_to(DATA_DIR)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def save(name: str, model, rubric=None) -> None:
    modelstore.save(name, model, modelstore.manifest(name, data_digest(), rubric))


def split(name: str) -> list[Prepared]:
    return [p for p in prepared_corpus() if p.doc.split == name]


def write_card(name: str, title: str, body: str, metrics: dict, counts: dict | None = None) -> None:
    """Model card ``models/<name>.md`` and machine-readable ``models/<name>.metrics.json``;
    ``counts`` (documents per split) defaults to the written materials'."""
    counts = counts or {s: len(split(s)) for s in ("train", "dev", "test")}
    saved = json.loads((MODELS_DIR / f"{name}.manifest.json").read_text(encoding="utf-8"))["file"]
    header = (f"# {title}\n\nRebuilt by `python -m training` on {datetime.date.today()} from `data/` "
              f"(written documents: train {counts['train']}, dev {counts['dev']}, test {counts['test']}); "
              f"saved as `models/{saved}` beside its manifest.\n\n")
    (MODELS_DIR / f"{name}.md").write_text(header + body.strip() + "\n", encoding="utf-8")
    (MODELS_DIR / f"{name}.metrics.json").write_text(json.dumps(metrics, ensure_ascii=False, indent=2),
                                                    encoding="utf-8")


def _rule_roles(p: Prepared) -> list[str]:
    """Baseline: headings by rule, every other paragraph takes its section's class."""
    out = []
    for is_heading, cls in zip(p.layout.is_heading, p.layout.context):
        if is_heading:
            out.append("heading")
        else:
            out.append(cls if cls in ROLES else "other" if cls == "case" else "problem")
    return out


def role_examples(docs: list[Prepared]) -> list[tuple]:
    """Role-model training documents: each material as written, plus its generated run-on and
    excerpt copies (``training/shapes.py``) with the gold role of the paragraph each piece comes
    from, so that a pasted material and one quoted from the middle are read like the original.
    Only ever called with train/dev materials."""
    out = []
    for p in docs:
        out.append((p.texts, p.tokens, p.hints, [q.role for q in p.doc.paragraphs]))
        out.extend(_shaped_role_examples(p.doc.id))
    return out


@lru_cache(maxsize=None)
def _shaped_role_examples(doc_id: str) -> tuple:
    from training.shapes import gold_of_pieces, training_shapes

    from analyzer.pipeline import paragraphs, prepare

    p = next(q for q in prepared_corpus() if q.doc.id == doc_id)
    if p.doc.split == "test":
        raise ValueError(f"{doc_id} is a test material: never train on its shapes")
    gold = [q.role for q in p.doc.paragraphs]
    out = []
    for text, stretches in training_shapes(p.doc):
        source = ingest.from_text(text, doc_id)
        pieces = [q for q in paragraphs(source) if not q.noise.line]
        texts, tokens, _ = prepare(source, pieces)
        out.append((texts, tokens, set(), [gold[k] for k in gold_of_pieces(source, pieces, stretches)]))
    return tuple(out)


def train_roles() -> dict:
    train = split("train") + split("dev")  # dev docs join the final fit; settings were chosen on dev
    model = RoleModel().fit(role_examples(train))
    test = split("test")
    gold = [q.role for p in test for q in p.doc.paragraphs]
    pred = [r for p in test for r in model.predict(p.texts, p.tokens, p.layout)]
    base = [r for p in test for r in _rule_roles(p)]
    metrics = {
        "test_paragraphs": len(gold),
        "accuracy": round(accuracy_score(gold, pred), 4),
        "macro_f1": round(f1_score(gold, pred, average="macro"), 4),
        "baseline_rule_accuracy": round(accuracy_score(gold, base), 4),
        "baseline_rule_macro_f1": round(f1_score(gold, base, average="macro"), 4),
    }
    save("roles", model)
    body = f"""
Paragraph roles ({', '.join(ROLES)}).

**Features**: TF-IDF over jieba word uni/bigrams; numbering style (一、 （一） 1. （1） ① 第一 一是);
whether the heading rule fires; the class of the enclosing section (`data/lexicons/sections.yaml`);
relative position; length; counts of role cue lexicons (`data/lexicons/*.yaml`).
**Model**: logistic regression (balanced classes), then Viterbi decoding over the document with
role-transition probabilities estimated on the training documents, the paragraph's own probabilities
weighted twice (a plan closing a problem section with no heading of its own is a measure).

## Held-out test split
| | accuracy | macro-F1 |
|---|---|---|
| role model | {metrics['accuracy']:.3f} | {metrics['macro_f1']:.3f} |
| rule baseline (headings + section class) | {metrics['baseline_rule_accuracy']:.3f} | {metrics['baseline_rule_macro_f1']:.3f} |

{metrics['test_paragraphs']} test paragraphs. Per role:

```
{classification_report(gold, pred, zero_division=0)}
```
"""
    write_card("roles", "Role model", body, metrics)
    return metrics


@lru_cache(maxsize=None)
def predicted_roles(doc_id: str) -> tuple[str, ...]:
    """Roles as a role model that never saw the material predicts them, as at run time:
    the saved model for test materials, the out-of-fold models for train and dev."""
    p = next(q for q in prepared_corpus() if q.doc.id == doc_id)
    if p.doc.split != "test":
        return out_of_fold_roles()[doc_id]
    model = modelstore.load("roles")
    return tuple(model.predict(p.texts, p.tokens, p.layout))


@lru_cache(maxsize=1)
def out_of_fold_roles() -> dict[str, tuple[str, ...]]:
    """Roles of every train/dev material as predicted by a role model that did not see it
    (5 folds). Later models train on these rather than on the gold roles, so they learn
    what the role model gets wrong at run time (a denial it calls a problem)."""
    pool = split("train") + split("dev")
    out = {}
    for k in range(5):
        model = RoleModel().fit(role_examples([p for i, p in enumerate(pool) if i % 5 != k]))
        out.update((p.doc.id, tuple(model.predict(p.texts, p.tokens, p.layout))) for p in pool[k::5])
    return out


def _pooled(docs: list[Prepared], fn):
    """Concatenate per-paragraph arrays over documents."""
    return [x for p in docs for x in fn(p)]


def _keyword_styles(p: Prepared, matcher) -> list[list[str]]:
    """Baseline: a category is addressed where its name or any of its patterns appears."""
    out = []
    for text, is_head in zip(p.texts, p.layout.is_heading):
        hits = {m.category for m in matcher.match(text)} | matcher.named(text)
        out.append([] if is_head else sorted(hits))
    return out


def _lexicon_denial_rule(texts: list[str]) -> list[bool]:
    """Baseline: the former rule, a denial cue and no self-critical cue outside it."""
    from analyzer.denials import cue_features

    return [bool(row[0] > 0 and row[1] == 0) for row in cue_features(texts)]


DENIAL_FOLDS = 5  # family-grouped folds choosing the denial threshold
HELD_APART = ("heldout", "heldout2", "heldout3")  # data/denials/ files of wordings never fitted or tuned on


def train_denials() -> dict:
    """The denial sentence classifier (``models/denials.pkl.gz``), fitted on the written
    sentences of ``data/denials/train.tsv`` (each with lead-in variants) and on confession
    sentences of the corpus's train split; the threshold is the one that maximises F1 over
    the out-of-fold probabilities of a 5-fold cross-validation grouped by wording family (each
    family scored by a fit that never saw it); evaluated on the :data:`HELD_APART` files
    (wording families never used for fitting or tuning) and on confessions of the test split."""
    from training.denials import corpus_confessions, family_folds, load_sentences, sentence_rates, variants

    from analyzer.denials import DenialClassifier

    written = load_sentences("train")
    families = sorted({s.family for s in written})
    confessions = corpus_confessions([p.doc for p in split("train")])

    def data(sentences, extra):
        rows = variants(sentences)
        return [t for t, _, _ in rows] + extra, [y for _, y, _ in rows] + [False] * len(extra)

    scores, gold = [], []
    for fitted, held in family_folds(written, confessions, DENIAL_FOLDS):
        texts, labels = data(*held)
        scores += DenialClassifier().fit(*data(*fitted)).predict_proba(texts).tolist()
        gold += labels
    texts, labels = data(written, confessions)
    final = DenialClassifier(threshold=best_threshold(scores, gold, binary_f1)).fit(texts, labels)
    save("denials", final)

    test_conf = corpus_confessions([p.doc for p in split("test")], limit=100000)
    conf_flagged = final.predict(test_conf)
    baseline_conf = _lexicon_denial_rule(test_conf)

    def rates(predict, flagged_conf, heldout):
        held = sentence_rates(predict, heldout)
        return {"heldout_denial_recall": held["recall"], "heldout_other_false_positive": held["others_flagged"],
                "test_confession_false_positive": round(sum(flagged_conf) / max(len(flagged_conf), 1), 4)}

    out = {"train_sentences": len(texts), "written_train_sentences": len(written),
           "written_families": len(families), "corpus_confessions": len(confessions),
           "test_confessions": len(test_conf), "threshold": final.threshold_, "cv_folds": DENIAL_FOLDS}
    for name in HELD_APART:
        heldout = load_sentences(name)
        out[name] = {"denials": sum(s.label for s in heldout), "families": len({s.family for s in heldout if s.label}),
                     "others": sum(not s.label for s in heldout),
                     "classifier": rates(final.predict, conf_flagged, heldout),
                     "baseline_lexicon": rates(_lexicon_denial_rule, baseline_conf, heldout)}
    return out


def _pct(x) -> str:
    return "–" if x is None else f"{x:.1%}"


# what the round-20 figures are measured against (main e95c0e8, measured once before anything was changed)
DENIALS_ROUND20 = """Before round 20 (the model of main e95c0e8: no clause reading, lead-ins scored with the sentence, threshold 0.55),
measured once on `heldout3.tsv` before anything was changed: denials recalled 91.1%, others flagged 15.2% (7 of 46);
suite 98.9% not covered (run-in 100%, heading line 93.3%, naming the category 100%, own heading line 100%), the
denial listed in 88.9%; other sentences listed as denials of the category 13.0% (measured on that model after the
figure was added). On the DEV sets, the same model: `heldout.tsv` 94.0% / 0.0%, suite 99.0%; `heldout2.tsv` 91.0%
/ 6.2%, suite 97.8%, others listed as denials 0.0% and 3.1%. Family-grouped CV F1 (out-of-fold, threshold chosen
on it) 0.8713 on main's training data; round 20's code on the same data 0.8730, its training data on main's code
0.8701, both 0.8817 (the choice between variants was made on this figure and on the two DEV sets only).
"""


def write_denials_card(metrics: dict) -> None:
    """``models/denials.md``: sentence figures and the denial-wordings suite, for every held-apart set."""
    first, second, third = metrics["heldout"], metrics["heldout2"], metrics["heldout3"]

    def sentence_row(name, m):
        return (f"| {name} | {m['heldout_denial_recall']:.1%} | {m['heldout_other_false_positive']:.1%} | "
                f"{m['test_confession_false_positive']:.1%} |")

    def suite_rows(s):
        return "\n".join(f"| {label} | {_pct(v)} |" for label, v in (
            (f"all {s['cases']} materials", s["not_covered"]), ("run-in heading", s["by_shape"]["run_in"]),
            ("heading line, then the sentence", s["by_shape"]["heading_line"]),
            ("sentence naming the category", s["by_shape"]["named"]),
            ("under a heading line of its own (`heldout3.tsv`)", s["by_shape"]["own_heading"])) if v is not None)

    def suite(name, s):
        return f"""### `{name}.tsv` ({s['cases']} sentences, {s['families']} families)

| | share not covered |
|---|---|
{suite_rows(s)}

The denial sentence is listed in `coverage[c].denials` in {s['denial_shown']:.1%} of the materials. Still covered:
{', '.join(s['covered_families']) or 'none'}. Of the {s['others']} other sentences put in the same places,
{s['others_read_as_denial']:.1%} are listed as denials of the category.
"""
    body = f"""
Denial sentences ("nothing to confess here", in any wording): `analyzer/denials.py`.

**Data** (`data/denials/`, written for jingzi): {metrics['written_train_sentences']} training sentences in
{metrics['written_families']} wording families (denials and other sentences: confessions with negators such as
没有真正沉下去、从不主动征求意见、不存在的问题也要查, concessions 虽然没有…但…, resolutions, causes,
headings, preambles, work reports; concessions that praise first and own up after 只是/就是/不过/可是), each also with
two lead-ins (经认真对照检查，/（四）奢靡之风方面，/一是…方面，…), plus
{metrics['corpus_confessions']} confession sentences from the corpus's train split: {metrics['train_sentences']}
sentences in all. **Model**: logistic regression (balanced) over character 1–4-gram TF-IDF and lexicon
counts (`data/lexicons/denial.yaml`: denial cues, concessions, resolutions; self-critical cues outside a
denial; concrete instances). Threshold {metrics['threshold']}: the best F1 over the out-of-fold probabilities of
a {metrics['cv_folds']}-fold cross-validation grouped by wording family (training data only).

**Reading** (round 20). A numbered lead-in and its heading words (（三）奢靡之风方面：/一是…方面，/第二，/②) are taken off
before a sentence is scored, in training and at run time (`lead_in_end`); a heading line with no clause after it stays
whole. A sentence that turns at a contrast connective (但、只是、就是、不过、可是、然而、唯独、问题在于、其实…) is read by
what follows it, as Chinese puts the point there: a part that denies nothing and owns up to something, or is no
resolution, lowers the score to its own (这方面本人一般注意，只是偶尔有些懒散: a concession); a part that denies and
owns up to nothing raises it when a clause before grants something (虽然经常下乡，但从未接受过宴请: a denial; without
虽然/尽管, …制度牌子挂满了墙，但我从来没有组织群众讲一讲 confesses an omission, and keeps its own score — the lead's
narrowing, which left heldout and heldout2 as they were and took heldout3's others flagged from 4.3% to 2.2%, scored a
third time after the choice, made on golden a001's confession listed as a denial); a part that only resolves (…，但仍需时刻警醒)
leaves the sentence to what precedes the connective (a denial with a caution).

## Held-apart wordings
Three sets, never used to fit, tune or choose anything; `tests/test_denials.py` checks that no `cue` of any
occurs in a training denial or the denial lexicon, none of the second in any sentence of the first, and none of
the third in any sentence of the first two. The first two are DEV sets now (measured more than once, and chosen
on in round 20); `heldout3.tsv` is the held-apart set of round 20.

- `heldout.tsv`: {first['denials']} denial sentences in {first['families']} wording families (查无此类情况、问心无愧、
  守住了底线、没有越过红线、一分钱也没乱花…) and {first['others']} other sentences with the same words
  (说自己过得硬是不客观的…), written with the training data.
- `heldout2.tsv`: {second['denials']} denial sentences in {second['families']} families and {second['others']} other
  sentences, written later (round 19) and committed before any run on them: bureaucratic (经逐项比对，本人均符合要求),
  colloquial (这块儿的事我压根儿就没沾过), hedged (这方面我觉得自己做得还行吧), a reason why nothing applies
  (因分管工作与公务接待没有交集，故此项无相关情况), self-praise (严于律己、清正廉洁), procedural (经核实无出入),
  traditional script, lead-ins (1.…方面。/（三）…方面：/一是…方面，); others: confessions and concessions with
  the same words (虽然这方面我自认为压根儿没问题，但…).
- `heldout3.tsv`: {third['denials']} denial sentences in {third['families']} families and {third['others']} other
  sentences, written in round 20 and committed before any run on them: a third of the families with a numbered
  lead-in (1. （三） 一是 第二 ②), a third under a heading line of their own (（二）…方面 / 二、…问题 / ④…方面), in
  bureaucratic, colloquial and traditional registers (本人于此事项无涉; 这事儿跟我扯不上; 這方面本人素來謹慎); its
  other sentences concede or confess in denial words (一般注意，只是…; 基本没有…，就是…; 自认为做得还行，但群众反映…).

Confessions: every sentence of a problem/cause/measure paragraph with styles in the test split ({metrics['test_confessions']}).

| `heldout.tsv` | denials recalled | others flagged | test-split confessions flagged |
|---|---|---|---|
{sentence_row("classifier", first["classifier"])}
{sentence_row("former lexicon rule (cue, no self-critical word)", first["baseline_lexicon"])}

| `heldout2.tsv` | denials recalled | others flagged | test-split confessions flagged |
|---|---|---|---|
{sentence_row("classifier", second["classifier"])}
{sentence_row("former lexicon rule (cue, no self-critical word)", second["baseline_lexicon"])}

| `heldout3.tsv` | denials recalled | others flagged | test-split confessions flagged |
|---|---|---|---|
{sentence_row("classifier", third["classifier"])}
{sentence_row("former lexicon rule (cue, no self-critical word)", third["baseline_lexicon"])}

Before round 19 (the model of main 4c1c15a: 38 training families, threshold 0.35 chosen on one fifth of them,
no closing of denied sections), measured once on `heldout2.tsv` before anything was changed: denials recalled
89.6%, others flagged 12.5%; denial-wordings suite 97.0% not covered (run-in 100%, heading line 93.9%, naming the
category 97.0%). On `heldout.tsv`: 95.0%, 0.0%; suite 97.0% (heading line 88.0%).

## Denial-wordings suite (whole pipeline)
`python -m training.denials --heldout NAME`: test-split materials with one category's labelled paragraphs removed, kept
when the pipeline then judges the category not covered ({first['wordings']['controls']} material × category controls;
{first['wordings']['controls_covered_left_out']} left out because the category still came out covered). Each
held-apart denial sentence is put into one control after its last problem paragraph: as a run-in heading
(`（四）奢靡之风方面。在这方面没有发现明显问题`), as a heading line followed by the sentence, or alone when it
names the category. The category must stay not covered. The same suite run on the pipeline before the
classifier (denial lexicon rule only; commit 2432305) left 14% of `heldout.tsv` not covered.

{suite("heldout", first["wordings"])}
{suite("heldout2", second["wordings"])}
{suite("heldout3", third["wordings"])}
{DENIALS_ROUND20}
Round 19 rebuilt this classifier alone (`python -m training --denials-only`), keeping the coverage, summary and
depth models of main: the whole rebuild (`python -m training`) gave the same figures here, but the coverage
model fitted on the new classifier's columns chose thresholds one grid step lower on the dev split (paragraph
0.55 → 0.5, document 0.25 → 0.2), which gave one more wrong "covered" verdict on each of the real DEV sets
cov10, depth, noise and genres and 0.925 → 0.904 on the written test split; with the coverage models kept,
the DEV sets and the written test split (0.925) come out as on main.

What these figures do not show: every sentence here, all three held-apart sets included, was written for this
project (the second and third sets in later rounds, by other sessions, with the same guide in mind), so wordings
real authors use may be further from the training data than these are; and the third set's writer also wrote
round 20's training sentences and its clause reading, knowing which concessions the set holds (the training
sentences were checked by script to share no held-apart cue, and the reading was chosen on the CV and the DEV
sets only). Each set has 46 or fewer other sentences, so one flag is 2 points. The test-split confessions flagged
rose from 0 to 3 of 1,035 with the clause reading (…，但我从来没有组织群众逐条讲一讲…: a confession of never
doing something, after 但, read as a denial; the golden material a001 shows the same sentence listed as a denial
while its category stays covered). Still missed in `heldout3.tsv`: colloquial "it has nothing to do with me"
(这事儿跟我扯不上; 我向来不好这口) and 公私分明 (a word a training confession holds: 没有做到公私分明). Still misread
as denials: a concession whose fault is no self-critical word (…，就是对分管部门的报表要求过多) and a rating
conceded (自我感觉良好，但民主测评中这方面的满意度只有七成). In `heldout2.tsv`: colloquial (压根儿不干; 打包票),
a rating (经自评，本项为“好”等次), 成绩是主要的, and a denial holding a self-critical word (没有需要检讨的地方).
The suite places each sentence once, so a sentence near the threshold can move the suite by one case (`g-jiantao`:
P 0.19, under the evidence bar of half the threshold once the threshold went from 0.55 to 0.45). A heading
line followed by a denial reads as not covered partly because a section whose first paragraph only denies its
category lends that category to no later paragraph (`analyzer/coverage.py`, `close_denied_sections`), so a
material that denies under a heading and then, in a later paragraph of that section, confesses without naming
or showing the category would lose that confession.
"""
    write_card("denials", "Denial sentence classifier", body, metrics)


def coverage_columns(ps: list[Prepared], reviewed=()) -> tuple[list, list, list, list, list]:
    """Pooled paragraph texts, tokens, predicted roles, heading categories and labels of corpus
    documents ``ps`` plus reviewer-corrected documents (``training.overrides.Reviewed``)."""
    return (_pooled(ps, lambda p: p.texts) + _pooled(reviewed, lambda r: r.texts),
            _pooled(ps, lambda p: p.tokens) + _pooled(reviewed, lambda r: r.tokens),
            _pooled(ps, lambda p: list(predicted_roles(p.doc.id))) + _pooled(reviewed, lambda r: r.roles),
            _pooled(ps, lambda p: p.layout.categories) + _pooled(reviewed, lambda r: r.categories),
            _pooled(ps, lambda p: [q.styles for q in p.doc.paragraphs]) + _pooled(reviewed, lambda r: r.styles))


def train_coverage(rubric_name: str, reviewed=()) -> dict:
    """Fit, tune and evaluate the coverage model; ``reviewed`` documents (reviewers' overrides)
    join the training side only."""
    from analyzer.coverage import CoverageModel, DevDocument, PatternMatcher, assess
    from analyzer.resources import load_rubric

    rubric = load_rubric(rubric_name)
    matcher = PatternMatcher(rubric, modelstore.load("denials"))
    docs = {s: [p for p in split(s) if p.doc.rubric == rubric.id] for s in ("train", "dev", "test")}
    if not docs["test"] or not docs["dev"]:
        raise ValueError(f"rubric {rubric.id}: the corpus needs dev and test documents to tune and evaluate")
    dev = [DevDocument(p.texts, p.tokens, list(predicted_roles(p.doc.id)), p.layout.categories,
                       [q.styles for q in p.doc.paragraphs], p.doc.meta["covered"]) for p in docs["dev"]]
    final = CoverageModel(rubric).fit(*coverage_columns(docs["train"], reviewed), matcher, dev=dev)
    save(f"coverage-{rubric.id}", final, rubric)

    test = docs["test"]
    gold_doc, pred_doc, kw_doc, all_doc, gold_par, pred_par, kw_par = [], [], [], [], [], [], []
    for p in test:
        roles = list(predicted_roles(p.doc.id))
        judged = assess(p.judged(roles), rubric, final, matcher)
        styles, cov = judged.styles, judged.entries
        kw = _keyword_styles(p, matcher)
        for cid in rubric.ids:
            gold_doc.append(cid in p.doc.meta["covered"])
            pred_doc.append(cov[cid]["covered"])
            kw_doc.append(any(cid in k for k in kw))
            all_doc.append(True)
            for i, q in enumerate(p.doc.paragraphs):
                gold_par.append(cid in q.styles)
                pred_par.append(cid in styles[i])
                kw_par.append(cid in kw[i])

    def doc_f1(pred):
        return round(f1_score(gold_doc, pred, average="macro", zero_division=0), 4)

    def par_f1(pred):
        return round(f1_score(gold_par, pred, zero_division=0), 4)

    metrics = {
        "rubric": rubric.id, "test_documents": len(test), "reviewed_documents": len(reviewed),
        "doc_macro_f1": doc_f1(pred_doc), "paragraph_micro_f1": par_f1(pred_par),
        "baseline_keyword_doc_macro_f1": doc_f1(kw_doc), "baseline_keyword_paragraph_micro_f1": par_f1(kw_par),
        "baseline_all_covered_doc_macro_f1": doc_f1(all_doc),
        "thresholds": {"paragraph": final.threshold_, "document": final.doc_threshold_},
    }
    body = f"""
Four-style (rubric `{rubric.id}`) coverage per paragraph and per document.

**Data**: the written documents of the corpus with rubric `{rubric.id}` (paragraph `styles`,
document `covered`). Copies are left out of the test figures.
**Features**: TF-IDF over jieba words and character 2–3-grams; per category the number of
non-denied and denied rubric pattern matches (`data/rubrics/{rubric.id}.yaml`, denial cues in
`data/lexicons/denial.yaml`), whether the paragraph or its enclosing heading names the category;
the paragraph's role. **Model**: one balanced logistic regression per category; one paragraph and
one document threshold (pooled over the categories) chosen on the dev split with a model fitted
on train, then refitted on train+dev{f" (both also with {len(reviewed)} documents corrected by reviewers, `python -m training --overrides`)" if reviewed else ""}. The roles it sees are predicted, never gold: out-of-fold role predictions (5 folds) for
train and dev, the saved role model for test, as at run time.

{COVERAGE_REAL_PAGES if rubric.id == "four-styles" else ""}
## Held-out test split ({len(test)} documents × {len(rubric.ids)} categories)
| | document macro-F1 (covered / not covered) | paragraph micro-F1 |
|---|---|---|
| coverage model | {metrics['doc_macro_f1']:.3f} | {metrics['paragraph_micro_f1']:.3f} |
| keyword baseline (category name or any pattern) | {metrics['baseline_keyword_doc_macro_f1']:.3f} | {metrics['baseline_keyword_paragraph_micro_f1']:.3f} |
| "all covered" baseline | {metrics['baseline_all_covered_doc_macro_f1']:.3f} | – |
"""
    write_card(f"coverage-{rubric.id}", f"Coverage model ({rubric.id})", body, metrics)
    return metrics


def train_summary() -> dict:
    from analyzer.summary import DevDocument, SummaryModel, assess, cue_lexicons, flagged_share

    def columns(ps):
        return ([t for p in ps for t in p.texts], [t for p in ps for t in p.tokens],
                [r for p in ps for r in predicted_roles(p.doc.id)],
                [q.summary_like for p in ps for q in p.doc.paragraphs])

    cues = cue_lexicons()

    def cue_flags(p):
        return [not h and (cues["achievement"].count(t) + cues["statistics"].count(t)) > 0
                for t, h in zip(p.texts, p.layout.is_heading)]

    train, dev = split("train"), split("dev")
    final = SummaryModel().fit(*columns(train), dev=[
        DevDocument(p.texts, p.tokens, list(predicted_roles(p.doc.id)), [q.summary_like for q in p.doc.paragraphs],
                    "work_summary" in p.doc.meta["flaws"]) for p in dev])
    base_doc_t = best_threshold([flagged_share(p.texts, cue_flags(p)) for p in dev],
                                ["work_summary" in p.doc.meta["flaws"] for p in dev], binary_f1)
    save("summary", final)

    test = split("test")
    g_par, p_par, b_par, g_doc, p_doc, b_doc = [], [], [], [], [], []
    for p in test:
        roles = list(predicted_roles(p.doc.id))
        result = assess(p.judged(roles), final).entry
        g_par += [q.summary_like for q in p.doc.paragraphs]
        p_par += [i in result["paragraphs"] for i in range(len(p.texts))]
        flags = cue_flags(p)
        b_par += flags
        g_doc.append("work_summary" in p.doc.meta["flaws"])
        p_doc.append(result["flagged"])
        b_doc.append(flagged_share(p.texts, flags) >= base_doc_t)
    f1 = lambda g, y: round(f1_score(g, y, zero_division=0), 4)  # noqa: E731
    # the test split holds only a couple of work-summary materials: add a 4-fold
    # cross-validation on train+dev (same thresholds) as a steadier document-level figure
    cv_gold, cv_pred, cv_par_gold, cv_par_pred = [], [], [], []
    pool = train + dev
    for k in range(4):
        fold_model = SummaryModel(threshold=final.threshold_, doc_threshold=final.doc_threshold_).fit(
            *columns([p for i, p in enumerate(pool) if i % 4 != k]))
        for p in pool[k::4]:
            result = assess(p.judged(predicted_roles(p.doc.id)), fold_model).entry
            cv_gold.append("work_summary" in p.doc.meta["flaws"])
            cv_pred.append(result["flagged"])
            cv_par_gold += [q.summary_like for q in p.doc.paragraphs]
            cv_par_pred += [i in result["paragraphs"] for i in range(len(p.texts))]
    metrics = {
        "cv_train_dev_document_f1": f1(cv_gold, cv_pred), "cv_train_dev_paragraph_f1": f1(cv_par_gold, cv_par_pred),
        "cv_positive_documents": int(sum(cv_gold)),
        "test_documents": len(test), "test_paragraphs": len(g_par), "positive_paragraphs": int(sum(g_par)),
        "positive_documents": int(sum(g_doc)),
        "paragraph_f1": f1(g_par, p_par), "document_f1": f1(g_doc, p_doc),
        "baseline_cue_paragraph_f1": f1(g_par, b_par), "baseline_cue_document_f1": f1(g_doc, b_doc),
        "paragraph_threshold": final.threshold_, "document_ratio_threshold": final.doc_threshold_,
    }
    from training.summary_shapes import evaluate as evaluate_shapes

    metrics["shapes"] = {k: v for k, v in evaluate_shapes("test").items() if isinstance(v, dict)}
    shape_rows = "\n".join(f"| {s} | {v['units']} | {v['positive']} | {v['f1']:.3f} |"
                           for s, v in metrics["shapes"].items())
    body = f"""
Work-summary-like paragraphs (`summary_like`) and documents (`work_summary` flaw).

**Features**: TF-IDF over jieba word uni/bigrams; log counts of achievement phrases and result
statistics (`data/lexicons/summary_cues.yaml`), first-person-plural accomplishment, self-critical
phrases, shortfall numbers (`number_context.yaml`), achievement-without-self-criticism, position,
length, role (predicted out of fold, as for coverage). **Model**: logistic regression calibrated with Platt scaling (3-fold), so
`summary_like` is a probability. A paragraph is flagged at p ≥ {final.threshold_}; a document is
flagged `work_summary` when flagged paragraphs hold ≥ {final.doc_threshold_:.0%} of its characters.
Both thresholds were chosen on dev.

## Held-out test split
| | paragraph F1 | document F1 (work_summary) |
|---|---|---|
| summary model | {metrics['paragraph_f1']:.3f} | {metrics['document_f1']:.3f} |
| cue-word baseline (any achievement/statistics cue) | {metrics['baseline_cue_paragraph_f1']:.3f} | {metrics['baseline_cue_document_f1']:.3f} |

{metrics['test_paragraphs']} test paragraphs ({metrics['positive_paragraphs']} summary-like),
{metrics['test_documents']} test documents ({metrics['positive_documents']} flagged work_summary).

Because the test split holds only {metrics['positive_documents']} work-summary materials, a 4-fold
cross-validation over train+dev ({len(pool)} materials, {metrics['cv_positive_documents']} work-summary;
same thresholds) gives a steadier figure: document F1 {metrics['cv_train_dev_document_f1']:.3f},
paragraph F1 {metrics['cv_train_dev_paragraph_f1']:.3f}. The thresholds were chosen on dev, so this
figure is slightly optimistic; the test figures above are not.

## Shapes of the test split (`python -m training.summary_shapes --split test`)
| shape | units | summary-like | F1 |
|---|---|---|---|
{shape_rows}

`noisy`: web-page furniture lines around and between the paragraphs (a flagged furniture line is a
false positive); `runon`: the material pasted as one line and cut at sentence ends, F1 weighted by
characters. Until the structure stage recognises noise lines (role `noise`) and splits run-on
text at its inline headings, these are the figures of the summary stage alone.
"""
    write_card("summary", "Work-summary model", body, metrics)
    return metrics


# The depth card's section on real page openings: measured by hand (`python -m training.realdepth`),
# so it is written here rather than recomputed at every retraining.
COVERAGE_REAL_PAGES = """## Real pages (DEV; figures not recomputed by this script)
Coverage evidence must describe a behaviour (`analyzer/behaviour.py`, `data/lexicons/behaviour.yaml`, issue 13,
branch realcov): a prescription or measure (要…, 必须…, 不能避重就轻, 反对铺张浪费), a view (认为…), an attitude or
stance (对…把握不够警惕, 缺乏…意识, …的思想), the workload (时间紧、任务繁重) and compliance (没有超标使用) are
no evidence, nor is a category heading; a sentence is evidence of its manifestations' styles and one more
at most; when no paragraph is a problem, evidence is sought only in cause and unjudged paragraphs, never
in a preamble, summary, measure or closing. Measured on the real-page DEV materials (pooled macro-F1 over
covered / not covered, `python -m training.realcov --index data/realdocs/dev-[!c]*.csv`; dev-cov10 with
`--index data/realdocs/dev-cov10.csv`; these rules were written while reading the errors of the first
42 and checked on dev-cov10, 14 pages labelled before jingzi ran):

| set | main | these rules | "nothing covered" | with each page's labelled kind (`--gold-kind`): main → rules |
|---|---|---|---|---|
| 42 materials of dev-fresh9/genres/kinds/voice/noise/depth | 0.599 | 0.635 | 0.468 | 0.659 → 0.708 |
| dev-cov10 (14, fresh) | 0.523 | 0.619 | 0.451 | 0.657 → 0.850 |
| dev-fresh9 alone (8) | 0.458 | 0.458 | 0.475 | 0.726 → 0.726 |

The written dev split per shape (`python -m training.robustness --split dev`) is unchanged (clean 0.985,
one paragraph 0.971, noisy 0.985, excerpt 0.971, one paragraph + noise 0.986). What these figures do not
show: the real sets are small (a few dozen materials, 4 categories each), the 42 were read while the rules
were written, and much of what remains wrong is the kind decision (a material taken for another kind gets
no coverage) or a disagreement between our labels and the rubric (迟到早退, 看手机 and 生活情趣不高 are
hedonism manifestations in `data/rubrics/four-styles.yaml`; the labels of dev-depth and dev-cov10 call
them discipline or vague).
"""

REAL_PAGES = """Every graded real-page DEV page (`data/realdocs/dev-*.csv`: 4 of `dev-depth`, 3 of `dev-kinds`, 5 of
`dev-genres`; 12 pages, grades 1–4, 277–779 characters, 8 of them openings that stop inside their
problems), each analysed as its labelled kind; Spearman ρ with the **guide grades** (given from the
excerpt by one annotator, not by a reviewer), bootstrap 95% intervals (2,000 resamples), reproduced by
`python -m training.realdepth` (`--pages` lists every page's score and deductions):

| | depth score | text length | deadline regex |
|---|---|---|---|
| before (main, 2026-12-06) | 0.370 [−0.34, 0.81] | 0.433 [−0.08, 0.83] | 0.442 [0.00, 0.80] |
| after (cut texts, own instances, causes of nothing) | **0.763 [0.32, 0.93]** | same | same |

Why it misranked: the excerpts end inside their problems, and every one lost the same ~55 points for
the causes, measures and categories it never reached, so a page of counted, dated instances (grade 4)
scored 28 beside stock-phrase pages (grade 2) at 22–31, while a grade-1 opening whose lead-in was taken
for a cause earned root-cause points; stock connectives (具体表现在、在开展工作时、有个别) and slogan numbers
counted as instances. After: grade-2 pages 17.5–31.2, grade-4 openings 46.8 and 54.9; the grade-4 list
with measures (37.6) and a grade-3 page whose problems the role model took for causes (29.9) are the
misranked ones. **What this does not show**: 12 pages is an anecdote (the interval spans 0.32–0.93);
the rules were written looking at these pages, so "after" is optimistic — only the held-out real TEST
set can say whether it carries over. Scored once after the merges (the lead, 2026-12-06,
`python -m training.realdocs`, models/realdocs.md): on the 19 graded TEST pages ρ −0.108 [−0.56, 0.30] →
**0.518 [0.02, 0.82]** (text length 0.057): it carried over, though the interval is still wide. Written check of the same rules,
materials cut after their last problem paragraph (`python -m training.realdepth --written dev|train`):
dev 0.817 [0.69, 0.89] → 0.861 [0.71, 0.94], train 0.808 [0.74, 0.85] → 0.834 [0.77, 0.89] (the partial
models are fitted on train and dev, so these are not held out either)."""


def train_depth() -> dict:
    from scipy.stats import spearmanr

    from training import work_for_style
    from training.depth_eval import deadline_count, pair_figures, rank_figures

    from analyzer.depth import CRITERIA, SUBSTITUTIONS, DepthModel, is_collective, measure
    from analyzer.ingest import from_text
    from analyzer.pipeline import Analyzer

    # signals come from the stages before depth, as at run time (the pipeline the CLI runs,
    # without its depth stage); every corpus document is a material (personal and collective
    # are judged alike by the stages before depth), so the kind is set rather than detected, and
    # depth reads the labelled kind (owners are asked of a collective's measures only)
    analyzer = Analyzer(kind="personal")

    def signals(p: Prepared):
        return measure(analyzer.document(from_text(p.doc.text, p.doc.id), skip={"depth"}), analyzer.boilerplate,
                       p.doc.meta["kind"] == "collective")

    docs = {s: [(p, signals(p)) for p in split(s)] for s in ("train", "dev", "test")}

    def columns(items):
        return [g for _, g in items], [p.doc.meta["depth"] for p, _ in items]

    final = DepthModel().fit(*columns(docs["train"]), dev=(*columns(docs["dev"]),
                                                          [set(p.doc.meta["flaws"]) for p, _ in docs["dev"]]))
    save("depth", final.to_dict())

    def evaluate(items):
        grades = [p.doc.meta["depth"] for p, _ in items]
        scores = {"model": [final.grade(g) for _, g in items],
                  "deadline_regex": [deadline_count(p.doc.text) for p, _ in items],
                  "length": [len(p.doc.text) for p, _ in items]}
        ids = {p.doc.id: k for k, (p, _) in enumerate(items)}
        groups = {}
        for p, _ in items:
            pair = p.doc.meta.get("pair")
            if pair:
                groups.setdefault(pair["group"], {})[pair["version"]] = ids[p.doc.id]
        pairs = [v for v in groups.values() if "deep" in v and "shallow" in v]
        out = {"documents": len(items), "pairs": len(pairs)}
        for name, sc in scores.items():
            out[name] = {**rank_figures(grades, sc), **pair_figures([sc[v["deep"]] > sc[v["shallow"]] for v in pairs])}
        out["criteria_vs_grade"] = {c: round(float(spearmanr(grades, [final.criteria(g)[c] for _, g in items]).statistic), 4)
                                    for c in CRITERIA}
        for name in SUBSTITUTIONS:
            gold = [name in p.doc.meta["flaws"] for p, _ in items]
            pred = [final.substitutions(g, is_collective(p.texts))[name] for p, g in items]
            tp = sum(a and b for a, b in zip(gold, pred))
            out[name] = {"support": int(sum(gold)), "predicted": int(sum(pred)),
                         "precision": round(tp / max(sum(pred), 1), 4), "recall": round(tp / max(sum(gold), 1), 4)}
        return out

    metrics = {"test": evaluate(docs["test"]), "dev": evaluate(docs["dev"]), "thresholds": final.thresholds_,
               "work_for_style": work_for_style.evaluate()}
    t, d = metrics["test"], metrics["dev"]

    def row(label, f):
        lo, hi = f["spearman_ci95"]
        pairs = "–" if f["pair_accuracy"] is None else \
            f"{f['pair_accuracy']:.0%} [{f['pair_ci95'][0]:.0%}, {f['pair_ci95'][1]:.0%}]"
        return f"| {label} | {f['spearman']:.3f} [{lo:.2f}, {hi:.2f}] | {pairs} |"

    sub_rows = "\n".join(f"| {n} | {t[n]['support']} | {t[n]['predicted']} | {t[n]['precision']:.2f} | {t[n]['recall']:.2f} |"
                         for n in SUBSTITUTIONS)
    crit = ", ".join(f"{c} {t['criteria_vs_grade'][c]:.2f}" for c in CRITERIA)
    body = f"""
Depth score (0–100): a prediction of the **guide grade** — the 1–5 depth grade the corpus writers gave
each material by the labelling guide (`data/corpus/FORMAT.md`), not a grade by real reviewers — with its
deductions, the criteria signals 尺子严 / 问题准 / 原因深 / 措施实, and the three substitutions.

**Signals** (`analyzer/depth.py`, lexicons in `data/lexicons/`): standards invoked, self-critical
language, disguised praise, missing/denied categories (strict); concrete instances, first person
singular, boilerplate share (similarity to `boilerplate.yaml`), work-summary share, preamble before
the first problem, problems with no style, work problems instead of style (accurate); root-cause vs
excuse vocabulary in causes (deep); deadlines, quantities, owners (of a collective's measures only: a
personal material's are its author's), roadmap, vague verbs in measures (concrete). A concrete instance is the author's own: a time, number, place, name, named event or a
narrating marker (比如、有一次、当时); numbers that name a slogan or a section (八项规定、四个意识、从以下4个方面、
第二批) or count the self-check itself (征求意见45条) are no instance, and framing connectives (具体表现在、
在…时、特别是在) count only beside one (`instances.yaml` `framing`, `stock_numbers`). Causes in a text that
examines no problem analyse nothing and earn nothing. **Model**: ridge regression of the guide grade on
all signals (standardised), each signal oriented so that more is deeper and given a non-negative weight —
no signal can raise a score by getting worse, so no reason contradicts the score; score =
(grade−1)/4·100. Thresholds of collective_for_personal and generic_for_specific chosen on dev;
work_for_style is a fixed rule (below).

**A text cut short** (`depth.cut_parts`): a material goes problems → causes → measures → closing, so a
text whose last judged paragraph is a problem or a cause stops inside the material (a page opening, a
pasted excerpt). The causes or measures it holds none of, and the categories it has not come to, are
*not in the text*: the notes say so and no points are taken for them; the score is the guide grade
predicted by a regression fitted on the signals of the parts the text holds (the same fit, without the
absent parts' signals: `partial` in `depth.json`). A text that closes (a closing or measure paragraph
last) is complete, and what it lacks is faulted as before. No written material is cut, so the written
figures below are those of the overall model.

**Deductions** (`depth.deductions`): for each signal, its shortfall from the value reached by the best
tenth of the training materials times its weight; the points missing from 100 are shared out in
proportion, largest first, each with its reason and the paragraphs and phrases behind it. One fact, one
reason: a complete material that lacks a part (no problem, cause or measure paragraph) loses the points
of every signal that part empties in one deduction named for it (没有查摆出问题 / 没有原因分析 /
没有整改措施), and a deduction on the items a praise counts (problems with instances, causes with roots,
measures with deadlines) says 部分… when only some of them fall short.

**Criteria are signals, not measurements.** The corpus has no per-criterion labels, so the four criterion
scores (each a regression of the overall guide grade on that criterion's signals) cannot be validated;
they show which group of signals a material is weak on. On test their rank correlation with the overall
grade is {crit}.

## Held-out test split ({t['documents']} documents, {t['pairs']} deep/shallow pairs)
Spearman with the guide grades and share of pairs whose deeper version scores higher, with bootstrap 95%
intervals (2,000 resamples of documents or of pairs):

| | Spearman [95% CI] | deeper version higher [95% CI] |
|---|---|---|
{row("depth model", t["model"])}
{row("deadline regex alone (count of 3月底前/年底前… in the text)", t["deadline_regex"])}
{row("length", t["length"])}

The deadline regex alone comes close to the model: on this corpus, materials the guide grades deep are
also the ones whose measures carry dates, so test figures this high say more about how the corpus was
written than about reading real materials. With {t['documents']} documents and {t['pairs']} pairs the
intervals are wide. (The model before its weights were constrained to the signals' directions, and before
coverage required evidence sentences, reported 0.958 here: the constraint costs little and removes reasons
that would contradict the score.)

Dev split ({d['documents']} documents, {d['pairs']} pairs; used only for thresholds): Spearman
{d['model']['spearman']:.3f}, deadline regex {d['deadline_regex']['spearman']:.3f}.

## Real page openings (DEV; figures not recomputed by this script)
{REAL_PAGES}

| substitution (test) | support | predicted | precision | recall |
|---|---|---|---|---|
{sub_rows}
{work_for_style.card_section(metrics["work_for_style"])}"""
    write_card("depth", "Depth model", body, metrics)
    return metrics


def add_robustness() -> dict:
    """Run the robustness suites (``python -m training.robustness``) with the new models and add
    their figures to the role, coverage and depth model cards."""
    from training.robustness import evaluate, kind_traditional, markdown, test_documents

    docs = test_documents()
    results = evaluate(docs)
    section = f"""
## Robustness

The {len(docs)} four-styles test materials, analysed as written (`clean`), pasted as one run-on
line (`one_paragraph`), wrapped in generated web-page noise with scraping tokens and pinyin glosses
inside lines (`noisy`), and as an excerpt from the middle of the first problem to the last measure
(`excerpt`; no title, preamble or closing), and the noisy page pasted as one line
(`one_paragraph_noisy`: furniture glued to the text, cut out whole before the run-on splitter by
`analyzer.noise.runs`; developed on the dev and train splits, `--split dev|train`), copied from a PDF
viewer (`pdf_text`), and in traditional script (`traditional`: OpenCC `s2t`, read back as simplified
by `analyzer.ingest`; a check that every stage reads the converted text, not tuned on: it should
hold within 0.05 of clean; it does not show pages written in Hong Kong or Taiwan usage, whose words
differ as well as their characters).
Reproduce with `python -m training.robustness` (`--cards` rewrites this section).
Before run-on splitting and noise recognition (commit 2432305, same suite): one_paragraph coverage
0.303, every depth score equal (Spearman undefined), 0 of 5 pairs; noisy: 170 of 198 furniture
lines and all 157 inserted tokens judged as content; excerpt coverage 0.698.
What this does not show: the materials are synthetic, written from the labelling guide, and the
noise generator was written by the same hand as the noise rules (`data/lexicons/noise.yaml`), so
these figures say the shapes are handled as generated here, not on every site's pages. Tokens of
capitals and digits (KDX3) read like model numbers (ISO9001) and are kept as text.
The shapes are generated by `training/shapes.py` and `training/robustness.py`; the role model
also trains on run-on and excerpt copies of train and dev materials (never of test materials;
which copies to add was chosen on dev, see `training/shapes.py`). Gold labels
are the clean material's; an excerpt loses part of its first problem paragraph, so its coverage
may legitimately differ.

{markdown(results)}
"""
    for name in ("roles", "coverage-four-styles", "depth"):
        card = MODELS_DIR / f"{name}.md"
        body = card.read_text(encoding="utf-8").split("\n## Robustness\n")[0].rstrip("\n") + "\n"
        card.write_text(body + section, encoding="utf-8")
    kinds = kind_traditional()
    results["kind_traditional"] = kinds
    clean, trad = kinds["clean"], kinds["traditional"]
    card = MODELS_DIR / "kinds.md"
    body = card.read_text(encoding="utf-8").split("\n## Robustness\n")[0].rstrip("\n") + "\n"
    card.write_text(body + f"""
## Robustness

The {clean['documents']} test documents as written and in traditional script (OpenCC `s2t`, read back as
simplified by `analyzer.ingest`, as a Hong Kong or Taiwan mirror would be read; a check, not tuned on;
`python -m training.robustness`, `kind_traditional`): accuracy {clean['accuracy']:.3f} (as written) and
{trad['accuracy']:.3f} (traditional); non-materials given a material kind {clean['non_material_given_material_kind']}
and {trad['non_material_given_material_kind']}; {trad['text_changed']} texts did not read back exactly, {len(trad['kind_changed'])}
changed kind. What this does not show: `s2t` then `t2s` gives back nearly the text it started from,
so the check shows that the kind stage reads the converted text, not how pages written in Hong Kong
or Taiwan usage (their own words, not only their characters) fare.
""", encoding="utf-8")
    (MODELS_DIR / "robustness.metrics.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    return results


def train_kinds() -> dict:
    """Document-kind classifier (``models/kinds.pkl.gz``) from ``data/kinds`` and the written
    materials, every document also in its run-on, noisy, untitled, excerpt and abridged shapes."""
    from sklearn.metrics import confusion_matrix

    from training.kinds_corpus import SHAPES, load_kinds_corpus, shaped

    from analyzer.kinds import KINDS, MATERIAL_KINDS, SELF_EXAMINATION, SURE, KindModel, cue_lexicons, misjudged, opening
    from analyzer.kinds import compact as flat

    docs = load_kinds_corpus()
    by_split = {s: [d for d in docs if d.split == s] for s in ("train", "dev", "test")}

    def shaped_set(ds, shapes=SHAPES):  # texts, kinds and the document each text is a shape of
        return ([shaped(d, sh) for d in ds for sh in shapes], [d.kind for d in ds for _ in shapes],
                [d.id for d in ds for _ in shapes])

    # the margin of the lean away from self-examination: the widest on a fixed grid that costs
    # no more than 0.01 of dev accuracy, with a model fitted on train only (KindModel.fit)
    final = KindModel().fit(*shaped_set(by_split["train"]), dev=shaped_set(by_split["dev"]))
    grid, margin = final.dev_grid_, final.margin_
    save("kinds", final)

    def keyword_kind(text):  # baseline: the kind whose title word opens the text, else most body cues
        head, body = opening(text), flat(text)
        scores = [(3 * (t.count(head) > 0) + b.count(body) / max(len(body) / 500, 1), k)
                  for k, (t, b) in cue_lexicons().items()]
        return max(scores)[1]

    test = by_split["test"]
    per_shape, gold_all, pred_all, base_all, taken_for_material = {}, [], [], [], set()
    for shape in SHAPES:
        x, y, _ = shaped_set(test, (shape,))
        pred = final.predict(x)
        taken_for_material |= {d.id for d, p in zip(test, pred) if d.kind not in SELF_EXAMINATION
                               and p in SELF_EXAMINATION}
        base = [keyword_kind(t) for t in x]
        per_shape[shape] = {"accuracy": round(accuracy_score(y, pred), 4),
                            "non_material_as_material": misjudged(y, pred),
                            "baseline_keyword_accuracy": round(accuracy_score(y, base), 4)}
        gold_all += y
        pred_all += pred
        base_all += base
    cm = confusion_matrix(gold_all, pred_all, labels=list(KINDS))
    metrics = {
        "test_documents": len(test), "test_by_kind": {k: sum(d.kind == k for d in test) for k in KINDS},
        "accuracy_clean": per_shape["clean"]["accuracy"],
        "accuracy_all_shapes": round(accuracy_score(gold_all, pred_all), 4),
        "macro_f1_all_shapes": round(f1_score(gold_all, pred_all, average="macro"), 4),
        "non_material_as_material": misjudged(gold_all, pred_all),
        "non_material_as_material_documents": sorted(taken_for_material),
        "material_as_non_material": sum(g in SELF_EXAMINATION and p not in SELF_EXAMINATION
                                        for g, p in zip(gold_all, pred_all)),
        "non_material_given_material_kind": sum(g not in MATERIAL_KINDS and p in MATERIAL_KINDS
                                                for g, p in zip(gold_all, pred_all)),
        "baseline_keyword_accuracy_all_shapes": round(accuracy_score(gold_all, base_all), 4),
        "per_shape": per_shape, "margin": margin,
        "dev_margin_grid": {str(m): {"non_material_as_material": b, "accuracy": a} for m, (b, a) in grid.items()},
        "confusion_matrix": {"labels": list(KINDS), "rows_gold_columns_predicted": cm.tolist()},
    }
    shape_rows = "\n".join(f"| {s} | {v['accuracy']:.3f} | {v['non_material_as_material']} | "
                           f"{v['baseline_keyword_accuracy']:.3f} |" for s, v in per_shape.items())
    cm_rows = "\n".join(f"| {k} | " + " | ".join(str(n) for n in row) + " |" for k, row in zip(KINDS, cm.tolist()))
    counts = {s: len(v) for s, v in by_split.items()}
    body = f"""
Document kind: {', '.join(KINDS)}. Coverage, work-summary and depth judgements run only for
personal, collective and work_report; other kinds get the warning `not_a_material`.

**Data**: {len(docs)} written documents — the 200 materials of `data/corpus/written` (personal,
collective; their corpus split) and {len(docs) - 200} documents of `data/kinds/` (criticism,
rectification, opinions, work_report, other, and page-shaped personal and collective materials;
`data/kinds/splits.csv`): train {counts['train']}, dev {counts['dev']}, test {counts['test']}. Every
document is also used in five generated shapes (run-on paste, web noise, title dropped, excerpt,
abridged; `training/kinds_corpus.py`), so each split holds six versions of each of its documents;
shapes never cross splits. Written in fifteen rounds: the first round's test documents were looked at
while developing, so they moved to dev; the second round is test; the third round (69 documents
in the shapes of real pages — news of meetings quoting members, genre guides, 心得体会, essays,
abstracts, notices, rules, 范文 list pages, fiction, page-shaped materials and work reports —
written after studying the real-page DEV set `data/realdocs/dev-kinds.csv`) is train and dev only;
the fourth round (26 documents, written after the voice rule and the retrained model were settled)
is test; the fifth round (17 documents written with the author's-own-voice rules below, from the
written dev errors and the real DEV pages: first-person 随笔/心得/memoirs, news retelling a branch
meeting's self-criticism, articles on a county's or bureau's rectification, news of 述职 meetings, a
speech, an opinions notice and two opinions reports, a reader's letter, and a personal, a 班子 and a
duty report that mention colleagues, received opinions and training) is train 11 and dev 6; the
sixth round (30 documents most likely to pass for a work report, written before the genre rules) is
dev; the seventh round (58 documents, branch kindstrain) is train only: written to be unlike rounds
1–6 after reading real pages genre by genre (news, 范文 and document sites, 征求意见 notices, 研讨发言,
党课, 述职述廉, 巡察 and 整改 news) and the real DEV pages, each with its own persona and habit — a
述职述廉 confessing a gift, a workshop secretary's 发言提纲 with 哈, 研讨发言 and 心得 that reflect
without confessing, meeting news quoting members, a 范文 list whose snippets quote confessions,
征求意见 notices and rules, PDF line breaks, run-on pastes, traditional characters (data/README.md);
the eighth round (66 documents, branch kindstrain2: other 35, personal 12, work_report 7, collective 4,
rectification 3, opinions 3, criticism 2) is train only: written for the confusions left after round 7
— year-review speeches and news, 巡察/督导 feedback, training 心得 and 党课 taken for work reports;
spoken and dialect-flavoured 发言 (偷懒、这事怪我、俺) not taken for materials; 范文 and search-result list
pages; journal pages of short metadata lines; 班子 materials read by a secretary who says 我 — each by
its own persona, 65–1,701 characters (data/README.md); the ninth round (86 documents, branch
kindstrain3: other 31, personal 16, work_report 15, collective 9, opinions 7, rectification 6,
criticism 2) is train only: written for the confusions on the written dev split and the real DEV sets
— short and mid-way materials confessing in township, hospital, school, SOE, court, police and village
registers; 班子 materials pasted with 范文- and document-site furniture; work reports that are mostly
achievements with a 不足 of one or two sentences; and their nearest look-alikes: meeting news quoting a
member, a diary, a satirical 检讨, a blog that asks "is that me?", 征求意见 notices, guides and rules,
rectification essays and a 通报, fiction, 述职 list pages, journal abstracts, research reports — each by
its own persona, 98–1,799 characters (data/README.md); the tenth round (55 documents, branch
kindstrain4: work_report 15, other 13, rectification 11, personal 9, collective 4, opinions 2,
criticism 1) is train only: written for the confusions left after round 9 — work-report excerpts of many
sectors (water, farming, banking, hospital, archive, steelworks safety, tax, a 第一书记) that open
mid-way and still show their own work; rectification plans, ledgers and progress reports that open
mid-way, have no title or no header row, or are spoken; self-examination excerpts with an implicit
subject (a causes section, a ①② list) or in spoken register; and the nearest look-alikes: news of a
rectification meeting, of a city's rectification disclosure and of a year-summary meeting, 整改方案 and
述职 list pages, a 党建工作要点, a term plan, a notice asking for rectification progress, a 回头看
通报, a guide to 整改台账 — each by its own persona, 103–2,184 characters (data/README.md); the eleventh
round (50 documents, branch kindstrain5: opinions 27, collective 15, other 8) is train 36 and dev 14, split by
hand: written for an opinions list taken for a collective material — 征求意见汇总/梳理 addressed to a 班子
or a named leader whose items read like confessions in the third person (班子…不够、个别领导…、希望…、
建议…), under 四风 headings or under 一、存在的问题, numbered, tabular (序号/意见内容/提出方式/责任领导),
run-on, noisy, in PDF lines, spoken, in traditional characters, with or without a count preamble, raw or
answered item by item (整改回应); and the 班子 materials nearest to them, speaking as 我们 with causes and
measures, some quoting the opinions they received; and, after the first retrain took real DEV notices
about collecting opinions for opinions lists, 8 train documents of that side (notices, a 办法, a guide, a
news item, an essay, a schedule table) — each by its own persona, 101–1,560 characters (data/README.md); the twelfth round (30 documents, branch kindsbalance: other 26, opinions 4) is train only: news of consultations and suggestion drives that count and summarise but list no faults addressed to a body, reflective first-person essays that ask whether the faults are the author's, and short bare opinions lists; the thirteenth round (109 documents, branch kindheld) was dealt by the fixed cycle (train 55, dev 18, test 36): other units (乡镇、高校、医院、国企、法院、街道), campaigns (主题教育、党纪学习教育、组织生活会) and layouts (tab tables, 群聊, 原汁原味 quotes, counts in 人次), weighted to the non-materials nearest to materials; the fourteenth round (42 documents, branch kindlost: collective 15, other 9, personal 8, work_report 4, rectification 3, opinions 2, criticism 1) is train 38 and dev 4, split by hand: written in the shapes of the real DEV self-inspection pages that were lost (a unit's 自查报告, a school's 党政班子 四风 section, a 党组's problem list pasted as one line) and their look-alikes (news of a 自查, a notice asking for 自查报告, a 自查自纠 工作方案). The fifteenth
round (81 documents, branch kinddata: other 20, personal 16, collective 13, work_report 11, rectification 9,
opinions 8, criticism 4) was written as a fresh held-apart set before any rule or model saw it, in sectors,
campaigns and layouts the corpus lacked (海关、气象局、监狱、疾控、供销社、农商行、高职院校、社区卫生服务中心、文旅局、
消防救援、村两委; 党史学习教育、以案促改、巡视整改、年度组织生活会; excerpts, 自查报告, 述职述廉, spoken 发言提纲,
PDF lines, tab tables, traditional characters) with the nearest look-alikes of materials, and dealt by the
fixed cycle: train 40, dev 13, test 28 (data/README.md). A second reader labelled 200 of the documents (all
123 of rounds 14–15 and 77 drawn from the rest) blind, from the labelling guide alone: 199 agree with the
writer's label, Cohen's kappa 0.994; the one disagreement, an opinions list answering each opinion with a
measure, was adjudicated rectification and the guide sharpened (`python -m training.kinds_agreement`;
data/README.md, "Kind labels: second reader").
**Features**: TF-IDF over character 2–3-grams of the whitespace-free text; cue lexicons
(`data/lexicons/kinds.yaml`: title words in the opening line, body phrases per kind) and
grammatical person (我/本人, 我们/班子, 你, 同志): log counts and densities; the log length; the page's layout
(`analyzer.kinds.layout_features`: shares of numbered-item, short, tab-table and colon-ending lines, the log line count;
per sentence, enumerators, advice openings 建议/希望/对…：, question marks, dates, counts, deadlines and owners; shares of
sentences speaking as 我, 我们/班子, a third person and 你; the log mean sentence length); what its sentences do
(`analyzer/kind_sentences.py`: a logistic regression over the character 2–3-grams of single sentences, each labelled
with its document's kind, pooled per document and kind as the mean, the max, the share of sentences won and the mean
of the first and of the last three sentences; the document model is fitted on these features out of fold, from
sentence models fitted on the other two thirds of the training documents).
**Voice** (`voice` in kinds.yaml, `analyzer.kinds.voice`): sentence by sentence, with quotations
left out, whether the text confesses (a self-critical phrase where the author or 班子 speaks, or
under a title that claims a self-examination), reports its own work over a period (现将…汇报如下;
我局/本人 with a work done or a period — 今年以来、一年来、任职以来; a period with a work done or a
counted result, unless 全县/全市 is the subject; other counted results such as 12项 only once the text
reports in its own voice or its title names a work report — a number alone is no reporter; never a
sentence that exhorts or reflects, 我们要、必须、体会、收获; never under a title of `other` such as
心得体会、讲话), reports a meeting in the third person (会上、依次、3月4日, or two of 召开、主持…;
按照会议要求 is not one) or explains (是指、一般包括、笔者、一些单位、关键词). The counts are features, and they are
a gate: a self-examination kind needs confessions, a work report its own voice (its own work, or its own
shortfalls confessed — a lone one only where nothing else speaks), each more than half
the reported, expository and about-others sentences together (reflective ones too, for a work
report) — a news item quoting a member's self-criticism or a guide quoting "现将情况报告如下" never
gets a material's kind, whatever the model prefers. A confession must be the author's own (issue
13): a sentence addressed to someone (你、给领导提意见、对王某同志：), about someone else as its subject
(他/她、该局、被巡察单位、与会同志、每位党员、三名同志相继发言、有同学表示自己) or under a heading
对班子的意见 (until the next 二、 section) counts as about others — no confession, no presence, no own
work; an exhortation (我们要、必须) confesses nothing; 我们发现 (an observer) does not make the author
present; a title naming a notice, news item, 心得 or opinions list bars confessions (an enumerated
heading 一、… is never the title). A self-critical sentence is no work done; reflection (体会、收获、
深受启发、触动) counts against a work report; 由市委党校举办的 is someone else's deed and a 培训班
attended no work; a plan or target (完成时限：、年底前、力争、确保) and a wish (希望) report no work done;
a place as subject after 以来 (以来，某县坚持…) is a wider area; 局长强调 is reported.
The gate was written from the real-page DEV set's shapes, not fitted; its price is that a
material excerpt with no 我/班子 and no claiming title (an implicit-subject problem list), or a
work-report excerpt that lists results with no subject, period or title, is taken for another kind and
gets the `not_a_material` warning instead.
**Model**: balanced logistic regression, C=32 (chosen by grouped cross-validation, below). A title naming the document a personal or 班子
self-examination (`claims` in kinds.yaml) and no other kind settles it if the text speaks as one
(confesses, or — an excerpt of its causes or measures — names its author in a body sentence and
speaks as nothing else), and so does a title naming a work report (…述职报告、工作总结) if the text
reports its own work; otherwise the decision is the most probable kind the voice allows, leaning away from
self-examination — a text with no self-examination cue (not even a self-critical 不够/存在) is
never called one, a self-examination confesses twice unless its title names it one or the model gives it at
least {SURE} and its one confession or none stands beside no sentence reporting, explaining or addressing someone and
no more reflections than confessions (an excerpt, a few lines of a 发言提纲, a cut to its measures; a work report cut
to two or more results of its own field with nothing else speaking, likewise: `analyzer.kinds.sure_cut`), a
rectification names rectification or gives measures owners and deadlines (`analyzer.kinds.assigned`), a text the model
reads as a self-examination is a work report only if it reports
its own work more than once, and a non-material kind within {margin} of the top material kind wins if it has
cue phrases of its own and the sentences reporting a meeting, explaining or addressing someone are more
than half as many as the confessions (one exhortation beside seven confessions is no mixed voice). The margin is the widest of 0–0.8 that cost at most 0.01 of dev accuracy
(model fitted on train only); the final model is refitted on train+dev.

The opposite rule — a non-material with no cue phrase of its own loses to a self-examination that
has cues, within the margin — was tried on dev (model fitted on train): it took 13–16 shaped dev
non-materials for materials instead of 1, so it was dropped. A kind decided by the model alone
says so in its cues ("无明显线索词，依据整体用词判断").

Why lean that way: a non-material scored as a material gets confident, meaningless coverage and
depth numbers with nothing to show they are wrong (a symptom catalogue got the highest depth score of
its set); a material taken for another kind gets a visible `not_a_material` warning naming the kind
and its cues, and `--kind personal` restores the material judgements.

## Held-out test split ({len(test)} documents × {len(SHAPES)} shapes)
| shape | accuracy | non-materials taken for materials | keyword baseline accuracy |
|---|---|---|---|
{shape_rows}
| **all** | **{metrics['accuracy_all_shapes']:.3f}** | **{metrics['non_material_as_material']}** | {metrics['baseline_keyword_accuracy_all_shapes']:.3f} |

Non-materials taken for self-examinations: {metrics['non_material_as_material']} shaped versions of
{len(taken_for_material)} document(s) ({', '.join(sorted(taken_for_material)) or 'none'}), against the
target of none; non-materials given any material kind (work_report included, so coverage and depth
would run): {metrics['non_material_given_material_kind']} of {sum(g not in MATERIAL_KINDS for g in gold_all)} shaped versions. Macro-F1 over the seven kinds (all shapes): {metrics['macro_f1_all_shapes']:.3f}. Self-examination
materials taken for another kind: {metrics['material_as_non_material']} of
{sum(g in SELF_EXAMINATION for g in gold_all)}. The keyword baseline picks the kind whose title word
opens the text, else the one with the densest body cues.

Confusion matrix (rows gold, columns predicted; all shapes):

| gold \\ predicted | {' | '.join(KINDS)} |
|---|{'---|' * len(KINDS)}
{cm_rows}

**How often the test split was seen.** While the first features and the decision rule were
settled, the second-round test documents were scored six times (first model; length feature
dropped; cue shares instead of counts; evidence guard and abridged shape; title claims;
web-furniture lines left out and 述职 cues, both from errors on dev), and seven more times while
the voice gate was settled (each retraining prints them). Each change was chosen on the real-page
DEV set, on the pass rates of the gate on the written train and dev materials and on the unit tests,
but the test figures were seen each time: treat them as optimistic. The fourth-round documents were
scored once, with the model and gate as they are (figures in data/README.md, "Document kinds"). The fifteenth round's 28 test
documents (branch kinddata, written before any rule of that session and never read after the deal) were first
scored by the retrain after the session's merge: 0.865 on the grown split of 183 documents, 19 non-material versions
taken for self-examinations (155 documents before: 0.869, 7) — fresh look-alikes still pass for materials; the
lead's change chosen on dev after it (检视发言 claims, owned breaches) was scored once more: 0.870, 19.

**On real public pages** (measured 2026-12-06 with the voice gate; the page texts are a local
cache, so these figures are not recomputed here). Real-page DEV set (`data/realdocs/dev-kinds.csv`,
89 pages, 79 non-materials; its shapes guided the third round, so optimistic): kind accuracy 0.809
[0.73, 0.89], non-materials given a material kind 5 of 79 (before: 0.337, 34 of 79; `python -m
training.realdocs --index data/realdocs/dev-kinds.csv --kinds-only`); retrained after main's new
noise lines (`kinds/noise.txt`) and the margin chosen inside fit: 0.787 [0.71, 0.87], still 5 of 79.
Real-document TEST set (`data/realdocs/index.csv`, 144 scored pages, scored once at the end with
the model before that retraining, never tuned on): kind accuracy 0.785, non-materials given material scores 10 of 111 (before: 0.49, 39 of
111); personal materials 14 of 14 right, collective 8 of 9 (the ninth taken for a work report, still
judged), work reports 5 of 10 (four taken for other, one for criticism: they get the warning and
`--kind`); `python -m training.realdocs`. The target of no non-material scored as a material is
not reached on real pages: of the 10, 8 are `other` pages (4 taken for work reports, 4 for
self-examinations), one rectification page and one opinion page taken for self-examinations.
Work-report gate tightened (own subject or period with work done, not numbers alone; 会议要求 no
longer a meeting marker; `other`-titled pages report no work), retrained; developed on the written
dev split and the real DEV pages only. Written dev split (model fitted on train only, margin 0.3):
accuracy 0.864 → 0.865, non-materials given any material kind 33 → 11 of 540, work reports lost 11 → 17
of 108. Real DEV (`dev-kinds.csv`): accuracy 0.787 → 0.809, non-materials given a material kind 5 → 2
of 79, none of them now a work report (the two left: a satirical first-person essay taken for a
personal material, an article on an inspection-rectification system taken for a 班子 material);
`dev-noise.csv`: 0.750 → 0.800, 4 → 1 of 59 (`python -m training.realdocs --index
data/realdocs/dev-noise.csv --kinds-only`). Real TEST, scored once after that (`python -m
training.realdocs --no-write`): kind accuracy 0.785 → 0.799, non-materials given material scores
10 → 8 of 111 (other pages taken for work reports 4 → 1; the rest are self-examination errors:
4 other pages as personal, 2 as collective, one rectification page as collective), work reports
5 → 8 of 10. The bar (no non-material scored as a material) is still not reached on real pages.
Author's-own-voice rules (issue 13; developed on the written train/dev splits and the real DEV
pages only, never on either TEST set). Written dev split, model fitted on train only, margin 0.3
(`training.kinds_corpus` shapes, 155 documents × 6 = 930 versions, fifth round included): accuracy
0.882 → 0.885, non-materials given any material kind 7 → 0 of 576, materials given another kind 28
→ 27 of 354 (without the fifth round in train and dev: 0.865 → 0.881, 11 → 0 of 540, 26 → 26).
Real DEV, model refitted on train+dev: `dev-kinds.csv` accuracy 0.809 → 0.820, non-materials given a
material kind 2 → 0 of 79 (the satirical essay and the district's rectification article are now
criticism and other); `dev-noise.csv` 0.811 → 0.833, 2 → 0 of 86; a new set of pages of these shapes,
`dev-nonmat.csv` (21 pages: 心得/memoir/commentary essays, news of 述职 and branch meetings,
articles on rectification; collected and labelled after the first rules were written, then used to
refine them, so it is DEV, not a test): 0.762 → 0.857, 2 → 1 of 21 (left: a first-person memoir,
近年来我的记忆力…, taken for a work report). Materials given another kind on the real DEV sets: 5 of
10 and 2 of 4, as before. The written test split was scored twice during this work: once when the
own-voice rules were settled (accuracy 0.912 → 0.917, non-materials given any material kind 7 → 7 of
372, all seven as work reports, none as self-examinations; materials given another kind 22 → 23 of
264), and once more after the plan/wish rule above, chosen on the gate's pass rates on train and dev
before that scoring and kept whatever it showed (the table above). The real TEST set was not scored
by this work; the lead re-scores it after merging.
Genre rules (issue 13, branch nonmat2). A sixth round of 30 dev documents was written first, before
any rule changed (data/README.md): on it, with the rules before, 49 of 738 shaped dev non-materials got
a material kind, all of them work reports (third-person unit achievements, 经验交流, 调研报告, 工作要点
and 工作计划, 表彰通报, a statistical bulletin, a year-review speech). Rules written from the genres,
not fitted: a period's results count as own work only once one sentence names its own subject with a
work done or a period (我局、本人、「：分管的」, or a unit as the subject after a period: 2023年，区教育局
坚持…), uses the report formula, or a heading names the work done (一、主要工作成效), or the title names
a work report; a unit named 某县税务局 is someone else (like 该局); future and targets (将围绕、计划组织、
不少于) are no work done; a question (咋样) reports nothing; genre titles of `other` (工作要点、工作计划、
调研报告、经验交流、先进事迹、表彰、公报、公示、通报 …; in a one-line paste, its first clause) and a speech's
address (同志们：、刚才，…作了发言、下面，我讲) mean no own work — not no confession, since an oral
self-examination opens with 同志们 too; 调研组、予以表彰、涌现出一批 and the like are expository; and a text
that never names rectification (整改、销号、整治、问题清单、立行立改) is not a rectification document (after the
retrain a water bureau's information-disclosure summary had become one). Written dev
split (185 documents × 6 shapes, model fitted on train only, margin as fit picks it, `python -m
training.kinds_corpus dev`): accuracy 0.841 → 0.882, non-materials given any material kind 49 → 0 of
738, materials given another kind 24 → 24 of 372 (with wr45 relabelled rectification in both). Real
DEV (`python -m training.realdocs --index data/realdocs/dev-{{kinds,noise,nonmat}}.csv --kinds-only
--errors --no-write`, old rules and model → new rules, retrained): `dev-kinds` 0.831 → 0.854, 0 → 0 of
80, materials lost 4 → 4 of 9 (with dv-kinds-085 relabelled rectification in both); `dev-noise`
0.833 → 0.889, 0 → 0 of 86, 2 → 2 of 4; `dev-nonmat` 0.857 → 0.810, 1 → 1 of 21 (the memoir; the
drop is a bureau's news of one meeting on inspection petitions, 我局…明确责任领导…时间表, now taken for
rectification instead of other — no material kind). The written test split and the real TEST set
were not scored by this work.
Scored once after merging both rounds (the lead, 2026-12-06, full retrain): the written test split
0.912 → 0.898 (the table above; 2 shaped versions of one rectification document now taken for
self-examinations, non-materials given any material kind still 7 of 372, work reports lost to `other`
6 → 16 of 78), and the real TEST set (`python -m training.realdocs`, models/realdocs.md) 0.799 → 0.743,
non-materials given material scores 8 → 11 of 111. Both held-out sets fell while every DEV set rose:
rules written by one writer from dev documents the same writer wrote do not carry over to other
writers' documents. They are kept, because neither test set may choose between versions; what the
next round needs is more real-page DEV data of these genres, not more written documents.
Own-voice rules (issue 13, branch realkinds3). Fresh evidence first: a new real-page DEV set,
`realdocs/dev-genres.csv` (66 pages: 55 look-alikes — news retelling members' self-criticism, 心得/研讨发言,
检讨书, guides, 党课, speeches reviewing work, 巡察 feedback, 述职 news, essays — and 11 materials and work
reports; data/README.md), collected and labelled before any rule changed: with main's rules and model it
scored 0.788, 7 of 55 non-materials given a material kind. Rules written from who speaks, not from wording:
a confession is the author's only in the author's own topic chain (its sentence names the author — 我、
本人、班子在… — or has no subject and continues one that did; a sentence about others — 党员分别…、其他成员
也…、有部分同志…、很多人认为… — hands the chain to them; a heading starts a new one; 自己 follows the chain; a
fault that describes the target of an action, 对进度滞后的事项督办, is none); own work is reported over a
period (an own subject and a period, not a first-person story with a work verb); a title ends in its genre
(…工作总结大会讲话稿 is a speech) and may run over two short lines; a long first sentence is no title;
研讨发言、交流发言、检讨书 are genre titles of `other` (an individual's apology for one mistake is not a
self-examination); the lean away from a self-examination needs a mixed voice. Retrained; before → after
(`python -m training.realdocs --index data/realdocs/dev-<set>.csv --no-write --kinds-only --errors`):
dev-genres 0.788 → 0.894, 7 → 0 of 55, materials withheld 3 → 1 of 11 (now optimistic: the rules were
written from its errors); dev-kinds 0.854 → 0.831, 0 → 0 of 80, 4 → 4 of 9 (two more non-materials given
another non-material kind: a novel chapter as criticism, a notice as opinions); dev-nonmat 0.810 → 0.857,
1 → 1 of 21; dev-noise 0.889 → 0.889, 0 → 0 of 86, 2 → 2 of 4. The same pages pasted as one line: dev-genres
0.803 → 0.864 and 6 → 1 non-materials given a material kind, dev-noise 2 → 0. Written dev split
(`python -m training.kinds_corpus dev`, fitted on train): 0.882 → 0.872, non-materials given a material
kind 0 → 2 of 738 (two noisy rectification-progress reports as work reports; none as self-examinations),
materials given another kind 24 → 26 of 372. The retrain at the end recomputed the written test table above
(`python -m training` scores it); nothing was chosen on it, and the real TEST set was not scored.
The written test split was scored once with this gate (the table above): accuracy 0.930 → 0.912,
non-materials given any material kind 9 → 7 of 372, none as self-examinations; the price is written
work reports kept 75 → 70 of 78 (excerpts and untitled summaries with no subject or period go to
`other` with the warning) and `other` taken for criticism 0 → 7 (a side effect of the retrained
voice features, not of the gate).

Colloquial and generic voices (issue 13, branch realkinds4). Fresh evidence first: a new real-page DEV set,
`realdocs/dev-voice.csv` (53 pages: first-person pages that are no materials — a 杂文 on preparing a 发言提纲,
diaries, a satirical 检讨, a novel, an award speech —, 范文 portal and list pages, 17 pages under 300
characters, New-Year and congress speeches reviewing a year, news of branch year-end meetings, opinion
notices; 6 materials and work reports; data/README.md), labelled before any rule changed: with main's rules
and model 0.717, 11 of 47 non-materials given a material kind. Rules from who speaks: plain-word confessions
(`colloquial_confessions`: 偷懒、图省事、责任在我、走过场…) count in a chain the author opened by name; a
self-examination confesses more than once unless its title names it one; a generic subject (每个人、人们、
偷懒的人往往…) speaks for anyone; 写检讨/检讨书 names a genre; a speech greets its audience (致以节日的问候); 本学期/半年内 are periods; X分别就… reports others;
from 今后…安排/下一步打算 the sentences are plans; an opinions list voices an opinion. Retrained; before → after
(`python -m training.realdocs --index data/realdocs/dev-<set>.csv --no-write --kinds-only --errors`):
dev-voice 0.717 → 0.925, 11 → 2 of 47 non-materials given a material kind, materials withheld 3 → 1 of 6 (now
optimistic: the rules were written from its errors; left: a diary with two colloquial self-reproaches, a
company's 反省 essay); dev-genres 0.909 → 0.909, 0 → 0 of 55; dev-kinds 0.899 → 0.899, 0 → 0 of 80, 4 → 4 of 9;
dev-noise 0.889 → 0.956, 0 → 0 of 86 (furniture pages no longer `opinions`); dev-noise2 0.769 → 0.769;
dev-nonmat 0.857 → 0.857, 1 → 1 of 21. Written dev split (`python -m training.kinds_corpus dev`, fitted on
train): 0.884 → 0.896, non-materials given a material kind 0 → 0 of 738, materials given another kind
27 → 25 of 372. The
retrain recomputed the written test table above (`python -m training` scores it; nothing was chosen on it,
and the real TEST set was not scored): accuracy over all shapes 0.896 → 0.885, written materials given
another kind 18 → 26. (Keeping short scare-quoted terms in the text, tried here, made a written test material a
non-material in the robustness suite of tests/test_shapes.py; it was dropped and the kind model retrained.) Without the more-than-one-confession rule (a decision rule, no retrain needed) dev-voice
falls to 0.887 (5 of 47) and the written dev split rises by one version: the rule is the likeliest cause
of the test's lost excerpts, and whether a one-confession excerpt should stay a material is the lead's call.

Seventh round (issue 13, branch kindstrain; data/README.md): 58 train documents written to be unlike
rounds 1–6, in the shapes and voices of real pages; no rule or code changed, the model retrained.
Measured first with the rules before the own-voice rules above: written dev split (model fitted on
train only, margin as fit picks it, `python -m training.kinds_corpus dev`) accuracy 0.882 → 0.895,
non-materials given any material kind 0 → 0 of 738, materials given another kind 24 → 24 of 372; real
DEV, model refitted on train+dev (`python -m training.realdocs --index data/realdocs/dev-<set>.csv
--kinds-only --errors --no-write`): dev-kinds 0.854 → 0.921, 0 → 0 of 80, materials lost 4 → 4 of 9
(four pages about collecting opinions — a notice, rules, county news, an evaluation-form essay — and a
satirical essay and a reader's letter once taken for criticism became other; an opinions page
flattened from a table became other); dev-nonmat 0.810 → 0.905, 1 → 0 of 21; dev-noise 0.889 → 0.878,
0 → 0 of 86, 2 → 2 of 4 (journal, document-site and college-news pages whose metadata lines come first
taken for opinions 6 → 9: short furniture lines pull toward opinions, a weakness this round did not
fix). Then merged with the own-voice rules and retrained (main's figures → with round 7): dev-genres
0.894 → 0.909, 0 → 0 of 55, materials withheld 1 → 2 of 11; dev-kinds 0.831 → 0.899, 0 → 0 of 80, 4 →
4 of 9; dev-nonmat 0.857 → 0.857, 1 → 1 of 21; dev-noise 0.889 → 0.889, 0 → 0 of 86, 2 → 2 of 4;
written dev 0.872 → 0.884, 2 → 0 of 738, 26 → 27 of 372. The DEV pages of dev-kinds, dev-nonmat and
dev-noise were read before writing (dev-genres came later), so their figures are optimistic; the
written test split and the real TEST set were not scored for this work (the retraining rewrote the
test table above; nothing was changed after it). Gaps in the voice rules seen while writing, left to
the rules: a colloquial confession with none of the lexicon's phrases (偷懒、麻痹、关心少、我做的不对、
责任在我) gives no voice at all, so a spoken 发言提纲 is never a material; a 范文 list page's snippets
(…[阅读全文]) count as the page's own confessions. Side effect: the sample
`data/samples/03-work-summary.txt` (an untitled 民主生活会 material written mostly as a work summary)
is now called a work report (model: personal 0.68, work_report 0.32) instead of personal (0.997):
within the 0.8 margin a kind with cue phrases of its own beats a self-examination, and work_report
counts as such a kind although it is judged as a material too; its coverage, summary and depth are
unchanged (tests/golden). A township head's material of that shape (pe15) was added afterwards and did
not change it. On the written dev split before the merge, self-examinations given work_report 0 → 1 of
246 shaped versions, work reports given a self-examination kind 4 → 4.
Scored once after merging the own-voice rules and the seventh round (the lead, 2026-12-06, full
retrain, fifth session): the written test split 0.898 → 0.896 (the table above), non-materials given
any material kind 7 → 1 of 372 shaped versions (given a self-examination kind 2 → 0; one `other`
version is still called a work report), so the issue's bar (accuracy ≥ 0.9 with no non-material
scored as a material) is still missed on both counts, narrowly; the real TEST set
(`python -m training.realdocs`, models/realdocs.md) 0.743 → 0.806, non-materials given material
scores 11 → 5 of 111. Unlike the last round, both held-out sets moved with the DEV sets this time:
fresh DEV pages collected before the rules were written, and training documents from deliberately
varied personas, carried over where rules tuned on one writer's dev documents had not.
Eighth round (issue 13, branch kindstrain2; data/README.md): 66 train documents (other 35, personal
12, work_report 7, collective 4, rectification 3, opinions 3, criticism 2) written for the confusions
left after round 7; no rule or code changed, the model retrained. Before the retrain, the round-7
model scored the new documents in their six shapes at 0.717: 28 of 258 shaped non-materials given a
material kind (a 范文 list page as personal, a traditional-character opinions list as collective, a
year-summary speech, a search-result page, a 工作总结 list page and a 中青班 心得 as work reports) and
48 of 138 shaped materials given another kind. Before → after, model fitted on train only for the
written dev split (`python -m training.kinds_corpus dev`, margin 0.8 both times) and refitted on
train+dev for the real DEV sets (`python -m training.realdocs --index data/realdocs/dev-<set>.csv
--kinds-only --errors --no-write`): written dev 0.884 → 0.888, non-materials given any material kind
0 → 0 of 738, materials given another kind 27 → 32 of 372 (a party secretary's short 抓党建述职, wr16,
now `other` in all six shapes instead of three); dev-kinds 0.899 → 0.888, 0 → 0 of 80, materials
lost 4 → 4 of 9 (a reader's letter no longer criticism; an evaluation-form essay now opinions and a
water bureau's information-disclosure summary now personal — still judged as a material); dev-nonmat
0.857 → 0.857, 1 → 1 of 21; dev-noise 0.889 → 0.889, 0 → 0 of 86, 2 → 2 of 4 (pages whose metadata
lines come first taken for opinions 8 → 7: two fixed, a forum thread strewn with scraping characters
newly; a county news item with credit lines now rectification); dev-genres 0.909 → 0.924, 0 → 0 of
55, 2 → 2 of 11 (an essay titled 宗旨意识有所淡化原因剖析 no longer criticism); dev-noise2 0.769 →
0.808, 0 → 0 of 26 (a document-sharing page no longer opinions). The DEV pages were read before
writing, so these figures are optimistic; the real TEST set was not scored, and nothing was chosen
on the written test table the retrain rewrote. What data alone cannot fix (the gate, left to the
rules): after the retrain the model gives the new spoken and traditional-character materials their
kind (personal 0.82–1.00 on the training texts) but the voice gate withholds it — no confession is
found in 学习上我偷懒、这事怪我、这事儿赖我、占公家便宜, 俺 is not a first person, and the voice
patterns read no traditional characters (存在的問題、一年來), so 44 of their 138 shaped versions still
get another kind.
Scored once after the sixth session's merges (the lead, 2026-12-06: the eighth round, the dev-voice
rules, full retrain): the written test split 0.896 → 0.880 (materials given another kind
18 → 29 of 264 shaped versions, non-materials given a material kind 0 as a self-examination, 1 of 372 as
any material kind), while the written dev split rose 0.884 → 0.893 and every real DEV set held or rose.
The held-out written figure fell where DEV rose: the new decision rules (most likely "a self-examination
confesses more than once") withhold more written excerpts; the rule was kept on DEV evidence, not changed
after this score. The real TEST set (`python -m training.realdocs`, models/realdocs.md) 0.806 → 0.819,
non-materials given material scores 5 → 2 of 111. The issue's bar (≥ 0.9 with no non-material scored as a
material) is missed on the written test by more than before, and on real pages by 2 pages.
Then the kind corpus was normalised as the tool reads any input (`training/kinds_corpus.shaped` passes
every shaped text through `ingest.from_text`: traditional → simplified, full-width → half-width, stray
spaces; 1,463 of 4,116 shaped texts had differed from what the tool sees at run time) and the model
retrained: written dev 0.893 → 0.893, the written test 0.880 → 0.884 (the table above; materials given
another kind 29 → 26).
Ninth round (issue 13, branch kindstrain3; data/README.md): 86 train documents (other 31, personal
16, work_report 15, collective 9, opinions 7, rectification 6, criticism 2) written for the confusions
first listed on the written dev split and the real DEV sets; no rule or code changed, the model
retrained. Before the retrain, the model then in use scored the new documents in their six shapes at
0.777: 15 of 276 shaped non-materials given a material kind (a 述职 范文 list page, a college's 述职
news, a year-summary speech and county 整治 news as work reports, a satirical 检讨 as personal) and 52
of 240 shaped materials given a non-material kind. Before → after, model fitted on train only for the
written dev split (`python -m training.kinds_corpus dev`, margin 0.8 both times) and refitted on
train+dev for the real DEV sets (`python -m training.realdocs --index data/realdocs/dev-<set>.csv
--kinds-only --errors --no-write`): written dev 0.893 → 0.904 (clean 0.935 → 0.951, run-on 0.930 →
0.941, noisy 0.903 → 0.924, untitled 0.903 → 0.908, excerpt 0.800 → 0.795, abridged 0.886 → 0.903),
non-materials given any material kind 0 → 1 of 738 (an excerpt of a rectification progress report
counting schools visited, as a work report), materials given another kind 29 → 29 of 372 (a short
抓党建述职 no longer personal in four shapes; a colloquial opinions summary now other in all six),
other taken for opinions 31 → 24; dev-kinds 0.888 → 0.899, 0 → 0 of 80, materials withheld 4 → 4 of 9
(a guide on giving opinions no longer opinions); dev-nonmat 0.857 → 0.857, 1 → 1 of 21; dev-genres
0.924 → 0.894, 0 → 0 of 55, 2 → 3 of 11 (a student branch's evaluation summary now other, a county's
policy paper on 民主生活会 now opinions); dev-voice 0.906 → 0.943, 2 → 2 of 47, 1 → 0 of 6 (a 杂文 no
longer criticism, a hospital branch's summary page now a work report); dev-noise 0.933 → 0.933, 0 → 0
of 86, 2 → 3 of 4 (a journal page no longer opinions; a 政治素质 self-report now other); dev-noise2
0.808 → 0.923, 0 → 0 of 26 (a document-sharing guide and a web-novel chapter no longer criticism, a
journal page no longer opinions); dev-noise3 0.969 → 0.969, 1 → 1 of 32. The DEV pages were read
before writing, and five of the documents were written after a first retrain with the other 81 (which
gave dev-voice 4 of 47 non-materials a material kind: a satirical 检讨 and a reflective blog as
personal), so these figures are optimistic; the real TEST set was not scored, and the written test
table the retrain rewrote was not read. What data alone cannot fix (the gate and the lean, left to the
rules): after the retrain the model prefers the material's kind for pages the voice gate withholds —
implicit-subject excerpts with no confession found (dv-kinds-038, dv-noise-048; the round's school
branch excerpt), spoken confessions the lexicon misses (一忙就忘了、口子是我开的、是我的失职、我负有
领导责任、是我带头搞了数字游戏), and an untitled excerpt of counted results with no subject; a 范文 list
page's numbered titles (…述职报告（精选5篇）) count as own-work sentences; and a page with ten
confessions and one expository sentence (dv-genres-045, personal 0.80) went to other, because with the
margin at 0.8 one expository sentence was enough to lean away (main's rules from branch kindsrules5 now
ask for other voices more than half the confessions). Merged with those rules (main at 4f88d1e, same
command, main's model → the round-9 model): dev-kinds 0.888 → 0.899, 0 → 0 of 80, 4 → 4 of 9;
dev-nonmat 0.905 → 0.905, 0 → 0 of 21; dev-genres 0.939 → 0.909, 0 → 0 of 55, 1 → 2 of 11; dev-voice
0.925 → 0.943, 2 → 2 of 47, 0 → 0 of 6; dev-noise 0.933 → 0.933, 0 → 0 of 86, 2 → 3 of 4; dev-noise2
0.808 → 0.923, 0 → 0 of 26; dev-noise3 1.000 → 1.000, 0 → 0 of 32 — 346 → 349 of 377 pages right,
non-materials given a material kind 2 → 2, materials withheld 7 → 9 of 30 (a student branch's
evaluation summary and a 政治素质 self-report, which the model now reads as personal, 0.49 and 0.69, and
the gate refuses: they confess nothing). Written dev after the merge (`python -m training.kinds_corpus
dev`): 0.914, non-materials given any material kind 1 of 738, materials given another kind 20 of 372. Seventh session, kindsrules5's decision rules and round 9 merged and every
model retrained (`python -m training`): the written test (the table above) 0.884 → 0.896, materials
given another kind 26 → 18, non-material versions given a material kind 1 → 1 (as a self-examination
0 → 0), still under the issue's 0.9; the real TEST set, scored once afterwards (`python -m
training.realdocs`), fell: kind accuracy 0.819 → 0.799, non-materials given material scores 2 → 4 of
111, while the written test and every real DEV set rose. Nothing was chosen on either test set.
Rules round 6 (issue 13, branch kindsrules6; `analyzer/kinds.py`, the `voice` patterns of kinds.yaml, tests in
`tests/test_kinds_rules6.py`; no data changed). Each rule that withheld a material on the written dev split or a
real DEV page was wrong about something nameable, and is now precise: 关于召开…的部署 names a directive, not a meeting
reported (`reported_weak`); an author who declares the text its self-examination in its own voice (`declares`:
我…认真查摆了自身…问题、我把…对照检查情况跟大家说一说、以上对照检查，请同志们批评帮助) is held to a claiming title's
bar and is present; a self-examination's own section headings (`own_heading`: 存在的问题、原因剖析、整改措施) in a
text that names no one else (nothing reported, expository, about others or a wider area such as 全县) make its
unnamed author present; 听了一些同志的意见 is whose opinions were heard, not a generic subject; …整改措施范文 is a
sample of a 整改措施, not a page about writing (a list — 范文大全、（精选5篇） — still is); an enumerated heading
stating a result of its field (（三）教师队伍建设加强) heads the author's own results; a unit subject after 以来
anchors own work inside a run-on sentence; a credit line (责编、审核) is no title; spoken blame (是我的失职、口子是我开的、
负有领导/直接责任、一忙就忘). Non-materials no longer reach a material kind through rectification progress counted as
own work (`rectified`: 问题已整改完成6个 — the excerpt of a rectification progress report that was a work report),
an issue number (第9期) counted as a result, or an announced confession (我得检讨) counted as one. An opinions list
must find fault more often than it reports or explains itself (关键词、摘要、本文由…; not 一些单位、部分部门, which
opinions complain of), and a text that relays what others said twice or more (有人说、职工反映) and speaks as no
material is an opinions list rather than other when the model has it within the margin. The voice counts are
features, so the kind model must be retrained. Before → after (`python -m training.kinds_corpus dev`, model fitted
on train, margin 0.8 both times): written dev 0.914 → 0.937, non-materials given any material kind 1 → 0 of 738,
materials given another kind 20 → 11 of 372. Real DEV, model fitted on train+dev with these rules and not the
written test (main's model before): 355 → 362 of 384 pages right on the eight kind sets (dev-kinds 80 → 81 of 89,
dev-genres 60 → 62 of 66, dev-voice 49 → 50 of 53, dev-noise 85 → 87 of 90, dev-noise3b 6 → 7 of 7; dev-nonmat,
dev-noise2 and dev-noise3 unchanged), non-materials given a material kind 4 → 2 (both left are from before: a diary
after a meeting and a company employee's 反省 essay), materials withheld 8 → 5 of 30. The DEV pages and dev split were
read to write the rules, so these figures are optimistic; neither test set was scored or read.
Tenth round (issue 13, branch kindstrain4; data/README.md): 55 train documents (work_report 15, other
13, rectification 11, personal 9, collective 4, opinions 2, criticism 1) written for the confusions
first listed on the written dev split and the real DEV sets; no rule or code changed, the model
retrained. Before the retrain, the model then in use scored the new documents in their six shapes at
0.715: 15 of 162 shaped non-materials given a material kind (an energy group's year-summary meeting news
and a 述职 list page as work reports, a village secretary's spoken rectification account as personal)
and 34 of 168 shaped materials given a non-material kind. Before → after, model fitted on train only for
the written dev split (`python -m training.kinds_corpus dev`, margin 0.8 both times) and refitted on
train+dev for the real DEV sets (`python -m training.realdocs --index data/realdocs/dev-<set>.csv
--kinds-only --errors --no-write`): written dev 0.914 → 0.921 (clean 0.951 → 0.962, run-on 0.946 →
0.951, noisy 0.935 → 0.924, untitled 0.908 → 0.924, excerpt 0.816 → 0.827, abridged 0.924 → 0.935),
non-materials given any material kind 1 → 1 of 738, materials given another kind 20 → 20 of 372,
rectification taken for other 11 → 7, other taken for opinions 23 → 25; dev-kinds 0.899 → 0.910, 0 → 0
of 80, 4 → 4 of 9 (a school notice collecting opinions no longer opinions); dev-nonmat 0.905 → 0.905;
dev-genres 0.909 → 0.909, 0 → 0 of 55, 2 → 2 of 11; dev-voice 0.925 → 0.925, 3 → 3 of 47 (a reflective
blog no longer personal, a satirical 检讨 now personal at 0.49); dev-noise 0.944 → 0.944, 0 → 0 of 86, 2
→ 2 of 4; dev-noise2 0.923 → 0.923; dev-noise3 1.000 → 1.000; dev-noise3b 0.857 → 0.857, 1 → 1 of 7 —
355 → 356 of 384 pages right, non-materials given a material kind 4 → 4. The DEV pages were read before
writing, so these figures are optimistic; the real TEST set was not scored. The probabilities moved
toward the labels on most withheld pages (a bureau's rectification report, dv-kinds-085, other 0.81 →
0.53), but the decision did not: what is left is the gate's and the rules', not the model's. Even on
its own training documents the retrained model's decisions are right for 0.845 of the shaped versions,
because the voice gate refuses them: an implicit-subject causes section (一是理想信念有所松动…) and a
spoken confession (这个口子是我开的、是我的失职、一忙就忘了、问题出在我身上) find no confession; a four-line
要点 with one (责任在我) is too few; a ledger excerpt in tab rows with no 整改/销号 word cannot be
rectification; and a news item titled …召开2025年度工作总结暨表彰大会 is settled as a work report by its
title although the model reads it as other at 0.98.
Both rounds merged (eighth session), full retrain (`python -m training`): written dev (model fitted on train,
margin 0.8) 0.914 → 0.932; the written test split, scored once after the merge (the table above), 0.896 → 0.901
over all shapes, but non-materials given a material kind 1 → 6 versions: one opinions document is now taken for
a collective material in all six shapes (it was right before; the keys of the moved metrics showed it to
kindstrain4 after round 10's retrain, before rules round 6 was merged). Nothing was changed in answer to it, so
the issue's "no non-material scored as a material" is not met on this split. Real TEST set, scored once
(`python -m training.realdocs`): 0.799 → 0.792, non-materials given material scores 4 → 3 of 111. Of the gate's
refusals listed just above, the spoken confessions are read since rules round 6 (是我的失职、口子是我开的、一忙就忘).
Rules round 7 (issue 13, branch kindsrules7; `analyzer/kinds.py`, the `voice` patterns of kinds.yaml, tests in
`tests/test_kinds_rules7.py`; no data changed, no retrain). The written test split's one opinions document taken
for a collective material was not looked at; the mechanism was sought on invented probes (opinions lists addressed
to a 班子 or a leader, in six shapes, beside collective materials that collect and relay opinions). Their items read
like confessions in the third person (班子在…方面存在…、领导对…关心不够), and `own` took the 班子 they name for the
author. Who speaks now decides: opinions announced as a list (`collected`: 共收到意见建议27条，梳理归纳如下; or
`collected_count` with no collector named: 本次共收集意见建议43条) are about others under whatever category
headings follow (一、形式主义方面) until the author takes up its own examination (an `own_heading`, a section naming
an `own_part` — 问题、原因、措施、情况 —, a declaration, 现对照…检查如下, 班子认真查摆… in its own voice, or any sentence
where 我/本人 speaks: added after tests/test_shapes.py's robustness suite, which runs on the written test split's
materials, failed — a material there lost its kind in some shape; the rules were switched off one at a time with only
pass/fail seen, `collected` was the one, and the document was not read); a title
that addresses opinions to someone (对局领导班子的意见建议) names the whole text, not one section; a one-line paste's
words before its first item (征求意见情况1.…) name its genre as a title would; a text that suggests or wishes to a
body (`suggests_to`: 建议班子…、希望领导班子…) speaks to it, so the body it names is the addressee, not the author
(我们班子… still speaks); words relayed where the verb hands over to them (`relaying`: 群众反映，…、有人说…) are
others' — 村民反映…的问题，拖了两个月才解决 stays the author's fault. The round-6 implicit author no longer applies
to a text with a suggestions section (`advice_heading`: 二、意见建议), and a site's label on the page
(`page_label`: 本文为付费内容) is not someone else named for it. Two gate gaps round 10 found and DEV showed: an
analysis of its own causes (`cause_analysis`: 产生这些问题的原因主要有…、有以下几个原因、究其原因) makes the
unnamed author present, as the sections of round 6 do (dv-kinds-038, a personal fragment, personal again); a task
ledger's rows (four tab cells or more closed by a `deadline`: 2024年3月31日、年底前、长期坚持) allow rectification
where an excerpt lost every 整改 word (rc02's excerpt). A third, seen on round 10's own train documents: a meeting
named in a title (…工作总结暨表彰大会, …大会上的讲话) is its genre, so the title no longer settles a work report, and a
later genre word must be joined by 及/和/与/暨 to the word just before it (工作总结及工作计划 still is one). Before → after, model fitted on train (written dev, margin
0.8 both times, `python -m training.kinds_corpus dev`) and main's model (real DEV, `python -m training.realdocs
--index data/realdocs/dev-<set>.csv --kinds-only --errors --no-write`): written dev 0.9324 → 0.9333, non-materials
given a material kind 0 → 0 of 738, materials given another kind 11 → 11 of 372; real DEV 395 → 396 of 415 pages on
the ten sets (364 → 365 of 384 on the eight kind sets; dev-kinds 83 → 84 of 89), non-materials given a material
kind 2 → 2 (the same diary and 反省 essay). On the probes (ten opinions lists and five collective materials, six
shapes each, the shipped model; a throwaway script, not in the repo), opinions-list versions given a material kind
went 17 → 3 of 60, and collective versions given a non-material kind 1 → 0 of 30 (9 are read as personal, before and
after: the model's choice between the two material kinds); the three left are an untitled bare list of five third-person items and two 2–3 line excerpts of a list's problems section, which
read exactly as a 班子 material's problems do. The DEV pages and dev split were read and the probes written by the
same hand, so these figures are optimistic; neither test set was scored or read.

After the merge (rules round 7; round 11's data with round 12's, branch kindsbalance): round 11's documents
alone, retrained on main, took kind accuracy on dev-fresh9 (48 real pages) from main's 0.812 to 0.750 — news of
a township's street consultation, a county's suggestion drive summarised by topic, a canteen committee's meeting
in traditional characters and a 范文 list page of 意见和建议 samples were read as opinions lists — and dev-voice
from 0.943 to 0.925 (a reflective blog titled 发言稿 read as personal). Round 12 (data/README.md) adds 30 train
documents: 21 other (news and commentary on consultations, suggestion drives and questionnaires that count and
summarise but list no faults addressed to a body; 范文 list pages; meeting news in traditional characters; an
essay shaped like a rectification note), 5 reflective first-person essays written for that blog, and 4 short bare
opinions lists. Main → main + round 11 → + round 12 (`python -m training.realdocs --index
data/realdocs/dev-<set>.csv --kinds-only --errors --no-write`): dev-fresh9 0.812 → 0.750 → 0.833 (non-materials
given a material kind 4 → 3 → 3 of 40), dev-kinds 0.944 → 0.944 → 0.944, dev-nonmat 0.905 throughout, dev-genres
0.939 → 0.955 → 0.939, dev-voice 0.943 → 0.925 → 0.943 (2 → 3 → 2 of 47), dev-noise 0.967 → 0.967 → 0.978, dev-noise2
0.923 → 0.923 → 0.962, the other noise sets unchanged, non-materials given a material kind nowhere higher than main; written dev (`python -m
training.kinds_corpus dev`, 199 documents, margin 0.8) 0.9422 → 0.9422, non-materials given a material kind 3 of
798. dev-fresh9 and dev-voice are now tuned on (their errors were read before round 12 was written), so these
figures are optimistic. Held-out figures, scored by the lead after the merge: the written test split (the table
above) 0.908 over six shapes (clean 0.958), non-material versions given a material kind 6 → 1 (with rules round 7
and no round 11 or 12 it was 0.902 and 6; with round 11 alone 0.909 and 1 — all three retrains wrote test figures
and the lead saw them; the merge of rounds 11 + 12 was decided on the DEV figures above before this one was seen).
Real TEST (`python -m training.realdocs`): kind 0.792 → 0.778, non-materials given material scores 3 of 111
unchanged, one graded material fewer given depth (ρ 0.518 on 19 → 0.484 on 18).

Eleventh round (issue 13, branch kindstrain5; data/README.md): 50 documents (opinions 27, collective 15,
other 8; train 36, dev 14 set by hand) for an opinions list taken for a collective material, which the
written dev split could not show: its 17 opinions documents were short, titled by whose opinions they
were, never under 四风 headings or 一、存在的问题, never answered; its collective documents were only the
15 corpus materials. No rule or code changed, the model retrained twice. Model fitted on train only as
`python -m training.kinds_corpus dev` fits it (margin 0.8 every time), the new documents left out before:
the 14 new dev documents 0.750 → 0.929 after the first retrain (42 documents) → 0.833 after the second (50),
opinions given collective 9 → 5 → 5 of 60 shaped versions (left: a bureau's report to the organisation
department run-on, noisy and abridged; a list under 在政治建设方面… headings untitled and as an excerpt),
opinions given other 12 → 1 → 9 (an answered run-on list, 意见一…回应…, now other in all six shapes); the
185 earlier dev documents 0.932 → 0.939 → 0.949 (opinions → other 16 → 10 → 5, other → opinions 21 → 18
→ 12; non-materials given a material kind 0 → 0 → 0 of 738, materials given another kind 11 → 11 → 11 of
372); all 199 dev documents 0.920 → 0.941, non-materials given a material kind 9 → 5 of 798. Real DEV
(`python -m training.realdocs --index data/realdocs/dev-<set>.csv --kinds-only --errors --no-write`, model
refitted on train+dev), 419 pages of 11 sets: 397 → 392 after the first retrain, which took four notices,
rules and guides about collecting opinions (dv-kinds-041, -054, -076, -087) for opinions lists; the 8
other documents were then written for that side (notices, a 办法, a guide, a news item, an essay, a
schedule) → 398 (the real opinions page dv-kinds-055, a policy paper and an essay now right; a school
notice collecting opinions now opinions; a reflective blog titled 发言稿, dv-voice-008, now personal at
0.92, so non-materials given a material kind 2 → 3 of 47 on dev-voice, 2 → 3 over all sets). Those figures
were seen before the 8 documents were written, so the second retrain's real DEV figures are optimistic.
Left for the rules (kindsrules7): an enumerated heading alone (一、存在的问题) is counted as a confessing
sentence; items of a list addressed to a body (对…领导班子的意见建议) whose subject is 班子 count as the
班子 speaking (named, confessions); a 支委 secretary's spoken material (我们支委对党员关心少了、我们抓得松、
我们几个支委都有责任) finds no confession and its opening (把咱们支委这一年的问题说一说) counts as own work, so
it is a work report; a measures-only 班子 excerpt (针对职工提出的…，我们…；牵头领导、完成时间) is rectification,
which a reader may accept.
Kind rules round 8 (branch opleak, issue 13) are for an opinions list run-on, abridged or cut mid-way, where the
title and the collecting preamble are gone: an addressing heading (对班子成员的主要意见, glued to the next role label
in a run-on), a run-on heading glued to the count that announces the list, items under a role label (分管…的副局长：),
班子成员… (the members, who name no author), a line looking back on the items as opinions (对照以上意见、以上内容根据
座谈会整理), an inspection's finding (巡察指出) and a complaint after an enumerator are others' words; a self-examination
must own up somewhere (我/我们、查摆、剖析、原因、差距、存在的问题、整改: `Voice.owns_up`). No document was added; the
model was retrained because the voice counts are features. Written dev (`python -m training.kinds_corpus dev`, fitted
on train only, margin 0.8): non-material versions given a material kind 3 → 0 of 798, materials given another kind
11 → 10 of 396, accuracy 0.942 → 0.941 (1125 → 1123 of 1194: op74 now opinions, op77's excerpt criticism; a
one-sentence rectification plan, rc30, now other in five shapes). Six train documents of bare 班子 lists were tried and dropped: written dev rose to
0.947, but after retraining a real DEV essay (dv-fresh9-026) became personal. Real DEV kind sets after the retrain: all
as before except dev-noise 0.978 → 0.967 (a county news item now rectification); non-materials given a material kind
nowhere higher. The rules were written from the three dev leaks and from the train split's opinions in every shape
(2-fold cross-fitted: 班子成员 items, role labels, 职工反映：, 巡察指出, 对照以上意见), so the dev figures are optimistic. Held-out figures, scored by the lead once after the merge, which was
decided on the DEV figures above: the written test split (the table above) 0.908 → 0.892 over six shapes (clean 0.958 →
0.941), under issue 13's bar of 0.9; non-material versions given a material kind 1 → 6 (one more opinions document taken
for a material, in five of its six shapes): the round-8 rules did not carry over to the held-out opinions lists. Real
TEST after the whole round's merge (coverage, noise and table changes of the same round included): kind 0.778 → 0.785,
non-materials given material scores 3 of 111 unchanged. Reported, not acted on.
Thirteenth round (issue 13, branch kindheld; data/README.md): the written dev split was saturated, so 109 fresh
documents were written first, before any rule changed, unlike the corpus in unit, campaign and layout (opinions 23,
other 21, work_report 16, rectification 15, criticism 13, personal 12, collective 9; dealt by `python -m
training.kinds_corpus splits`: train 55, dev 18, test 36). Carry-over of main's model and rules, scored on the new
documents' six shapes: dev 0.880 (2 of 72 non-material versions given a material kind, 2 of 36 materials lost),
train 0.827 (6 of 216, 26 of 114). Both leaks were rectification progress taken for a work report: a member's
first-person note whose items close on their status (…，已完成 / …，持续推进中) and a 街道's 整改落实情况的报告 whose items
sit under headings naming the problem (一、关于“…”的问题). Rules (`voice` in kinds.yaml, `analyzer.kinds`; tests in
`tests/test_kinds_round13.py`): an own-work sentence closing on such a status, or under such a heading until the next
section, is rectification progress (`Voice.rectified`), and a work report must report its own work more than half as
often as its other sentences and its rectification progress together; formal words a 班子 owns up in (政绩观有偏差、
没有执行到位、拿不出办法、影响不好、我得认) count as confessions in a chain the author opened by name. Figures (model
retrained because voice counts are features): new dev documents, fitted on train only, 0.880 → 0.889, non-material
versions given a material kind 2 → 0 of 72, materials lost 2 → 2 of 36; written dev (`python -m
training.kinds_corpus dev`, margin 0.8) with round 13's train before the rules 0.9395 (215 documents, 0 of 864
non-material versions given a material kind, materials lost 11 of 426), after 0.9393 (217 documents: co51 and ot309
were written after the first run, 0 of 870, 11 of 432); real DEV (`python -m training.realdocs --index
data/realdocs/dev-<set>.csv --kinds-only --errors --no-write`, main's model → this one): dev-kinds 0.943 → 0.932
(a novel chapter right, a rectification progress page dv-kinds-085 now other at 0.50 and a notice collecting
opinions dv-kinds-087 opinions at 0.51), dev-nonmat 0.900 → 0.900, dev-genres 0.939 → 0.955, dev-voice 0.943 → 0.943;
non-materials given a material kind 0 / 0 / 0 / 2, unchanged. Left: rectification progress told as a 公示 or spoken
(rc89, rc90) is other; a principal's 述职 whose work has no own subject (学校…, wr110) is personal. The test split grew
by 36 documents, so the table above is on a larger, harder split and not comparable with earlier rounds' figures;
`python -m training` printed it and nothing was changed after. Side effect of the retrain: the sample
`data/samples/03-work-summary.txt` is a work report again (model: work_report 0.55, personal 0.45; main's 0.48 / 0.52),
both material kinds, its coverage, summary and depth unchanged (tests/golden rebuilt; elsewhere only the kind cue's
confession count, one or two higher in twelve reports, from the new confession words).
After merging round 13 with this session's other work (the lead, 2026-12-07; full retrain of every model, whose other
models predated code merged the round before): the written test split (the table above) 0.869 over six shapes, clean
0.916, non-material versions given a material kind 7, materials given a non-material kind 47 (16 the round before, on
the smaller split: the new page-shaped materials are what fails, and written dev shows 11 of 432, so DEV does not see
this gap); issue 13's bar (0.9, none) is not met. Real DEV, main → merged, page by page: dv-fresh9-036 (news of a
county's suggestion campaign) other → opinions, dv-noise2-003 (a document-format guide) other → criticism at 0.56 with
no cue; no non-material page moved to a material kind. A fallback to other for a kind chosen with no cue was
considered and not made: on the real DEV pages and the written dev shapes such choices are mostly right (criticism 14
of 15, opinions 24 of 28). Real TEST (`python -m training.realdocs`, scored once, 142 of 146 pages re-found): kind
0.782, 3 of 109 non-materials given material scores.
Fourteenth round (issue 13, branch kindlost; data/README.md): the real DEV pages showed a gap written dev did not —
of the 11 collective pages of `data/realdocs/dev-cov10.csv` none was recognised (6 other, 4 work_report, 1 personal).
Causes, page by page: a unit's 自查报告 of 三公 or office space (mostly compliance) has no self-examination title
word, so the model took it for a work report; a school's 党政班子 is no `own` subject (only three characters may
precede 班子); 例如 (a case the author gives) and a date (4月12日) made the author's own cases expository and
reported, handing the chain to others, and the next item stayed theirs; 巡察反馈的问题 (findings named as the object
the author rectifies) counted as relayed words. Rules (`analyzer.kinds`, `voice` and `inspection_claims` in
kinds.yaml; tests in `tests/test_kinds_round14.py`, each failing on main): a self-inspection title (…自查报告、…自查
自纠报告、…自查情况) or an untitled 现将自查情况汇报如下 in the text's own voice claims a self-examination — the unit's
when 我局/本单位/镇党委 speak at least as often as 本人/我 — never under another genre's title (…的通知、开展…) nor for
a self-appraisal of a record (政治素质自查报告: a work report); 学校党政班子 is `own`; in the author's chain a confessing
sentence whose only expository word is 例如, or whose only reported marker is a date, is the author's case; once the
author is named a new item (2、… 二是…) returns the chain to it; 巡察反馈的 is no relaying. Two leak guards found on the
way: a fault in a table row closed by a bare count (a tab row 班子自身 … 不够 … 3) is a tally of opinions (written dev op108 untitled
was taken for collective after the new data), and a role told what it must do (党员领导干部要…、班子成员要…) exhorts
(dv-fresh9-024, rules on self-criticism, was personal). 42 new documents (train 38, dev 4; collective 15, personal 8,
work_report 4, other 9, rectification 3, opinions 2, criticism 1) in the shapes of the lost pages and their
look-alikes. Figures, main → this round (model retrained): written dev (`python -m training.kinds_corpus dev`,
margin 0.8) 0.9393 (217 documents; 0 of 870 non-material versions given a material kind; materials lost 11 of 432) →
0.9442 (221 documents; 0 of 882; 11 of 444); real DEV (`python -m training.realdocs --index
data/realdocs/dev-<set>.csv --kinds-only --no-write`): dev-cov10 0.214 → 0.786 (materials lost 6 → 2 of 14),
dev-fresh9 0.812 → 0.833 (non-materials given a material kind 3 → 2), dev-kinds 0.932 → 0.943, dev-noise 0.967 →
0.978, dev-nonmat 0.900, dev-genres 0.955, dev-voice 0.943 (2 of 47 leaks, unchanged), dev-noise2 0.923 unchanged; no
non-material page moved to a material kind. Left: a township's 具体表现/整改措施 pairs about 部分干部 (dv-cov10-005,
other), a 范文 list page's 自查报告 (dv-cov10-008, work_report), a 自查报告 that reports what 各地方政府纷纷 do
(dv-cov10-011, other); the leaks dv-fresh9-017 (news on heart-to-heart talks), dv-fresh9-029 (a first-person essay),
dv-voice-027 (a diary) and dv-voice-029 (a company essay) predate this round. The test split was not read.
Fifteenth round's dev documents, read by the lead before the merge's final retrain: pe91, an 89-character 个人检视发言 owning one
breach (two unpaid canteen meals, 违反了规定), was `other` in all six shapes — its title named none of the claims and
its breach carried none of the written self-critical markers. 检视发言 and 检视材料 now claim a self-examination (个人检视
names the person's), and a breach owned in the past tense (违反了规定、违反了八项规定、犯了错误) confesses as a colloquial
confession does; someone else's breach reported, or a rule on breaches, does not (`tests/test_kinds_round15.py`, failing
on the merged rules). Written dev, model retrained: 0.9366 → 0.9402 (234 documents; non-material versions given a
material kind 0 of 924 before and after; materials lost 20 → 15 of 480: pe91 right in five shapes); real DEV sets as
above, dev-kinds 0.943 → 0.955.
Round 16 (issue 13, branch kindreal): fresh real-page DEV evidence by other writers first. `realdocs/dev-fresh10.csv`
(40 public pages collected 2026-12-07, none indexed before; 29 look-alikes — meeting news quoting self-criticism, 督导
commentary, 述职述廉 essays, workplace 反省, a blog, a writing guide, a novel — and 11 materials, work reports and an
opinions list; labelled before jingzi ran; data/README.md) scored on main: kind accuracy 0.675 [0.53, 0.82],
non-materials given a material kind 6 of 30, materials lost 4 of 10. Rules from the pages' causes, each general: a
question asks and confesses nothing (查摆问题实不实？、自己存在哪些问题？); an essayist (笔者) or a guide to writing (拟写、
怎么写、如何写、写法) speaks as no author examining or reporting on itself; 撰写…时 is writing advice only with a modal
(撰写文件时过于注重面面俱到 confesses); a bracketed page title before the first sentence (【2017公务用车自查报告】为…) is the
title; what the author's own self-inspection found (在自查过程中，发现个别部门存在…) is its own fault; an untitled
self-inspection may announce itself across its opening sentences (开展了…自查自纠工作。现将相关情况汇报如下; not a
rectification's 整改自查); a notice asking for opinions (…征求意见的通知) is not the list of them (`tests/test_kinds_round16.py`,
failing on main). Retrained (`python -m training`); after: dev-fresh10 0.825 [0.70, 0.93], 2 of 30, 3 of 10 (left: a
交流发言稿 on a province's gaps, 我感觉到山东在…还有差距, and an essay 我的缺点, both personal; a bureau's 学习教育 summary,
a banner's summary page and a 查摆剖析材料 excerpt confessing no behaviour lost); the other real DEV sets unchanged
(dev-fresh9 0.833, dev-cov10 0.786, dev-kinds 0.955, dev-nonmat 0.900, dev-genres 0.955, dev-voice 0.943, dev-noise
0.978, dev-noise2 0.923; leaks 2, 0, 0, 0, 0, 2, 0, 0 as before); written dev (`python -m training.kinds_corpus dev`)
0.9402 → 0.9416 (234 documents; non-material versions given a material kind 0 of 924 and materials lost
15 of 480, before and after). dev-fresh10 is tuned on now; neither test set was read.
Cross-validation (branch kindtail, `python -m training.kinds_corpus cv --margin 0.8`: grouped 5-fold over the 956
train and dev documents, all six shapes of a document in one fold, the test split never used) shows what written dev
(0 leaks, 15 materials lost) is too small to: on main accuracy 0.8722 (clean 0.9215, runon 0.9121, noisy 0.8902,
untitled 0.8902, excerpt 0.7803, abridged 0.8389), 67 of 3246 non-material versions given a material kind, 262 of 2490
material versions lost (personal→other 101, work_report→other 62, collective→other 41). Most losses are voice gates,
not the model: a single counted confession where plain-words faults in a named author's items went uncounted, an
observer's 我看到 hiding 是我的失职, an excerpt ending 请大家继续给我提意见 that never says 对照检查, a claiming title over a site's label,
and a claiming title over its own work with no 我. Those four rules (`tests/test_kinds_tails.py`) give 0.8736 (clean
0.9215, runon 0.9121, noisy 0.8891, untitled 0.8912, excerpt 0.7845, abridged 0.8431), leaks 67 → 67 (one document in,
one out: the fold models move), materials lost 262 → 246; written dev 0.9402 → 0.9416 (0 of 924 leaks before and
after; materials lost 15 → 14). A fifth rule, a shortfalls section (存在的不足) making a period's subjectless results the
reporter's own, took cv to 0.8771 and lost 232 but leaks 67 → 69 and one on dev (ot134, a 调研报告 of 基本情况/存在的问题), so it
was dropped. Left as undecidable: measures alone with no author or title (一是每月撰写…), a city's results with 全市 as
subject, a work report's results with no subject beside its 存在的不足, PDF lines cut mid-sentence.
**Classifier chosen by cross-validation** (branch kindmodel, issue 13). Every variant was scored by the grouped
5-fold cross-validation over the train and dev documents (`python -m training.kinds_corpus cv --margin 0.8`, 5,736
shaped versions; the written test split and the real TEST pages never read) and kept only if accuracy rose and the
non-material versions given a material kind did not: C 4 → 16 (0.8706 → 0.8788), layout features
(`layout_features`, 0.8849), C 16 → 32 (0.8869). Tried and dropped: C 1, 2 (0.8637, 0.8696), C 64 with layout
(0.8860, leaks 55 → 56), C 128 (leaks up), character 2–4-grams with 80k features (0.8743), 2–3-grams with 60k (0.8837), no class weights (0.8862),
the dense features doubled in scale (0.8835), the margin (0.0–1.0 moves
accuracy by 0.001). Before → after: accuracy 0.8706 → 0.8869 (clean 0.916 → 0.933, runon 0.908 → 0.925, noisy 0.892 →
0.906, untitled 0.888 → 0.908, excerpt 0.784 → 0.798, abridged 0.836 → 0.852), non-material versions given a material
kind 60 → 55 of 3,246, material versions lost 253 → 250 of 2,490; the model's own argmax (before the voice gate and
decision rules) 0.877 → 0.900. The decision rules were ablated on the new model's folds: the voice gate and the claiming
title still earn their place (without them accuracy 0.900 but leaks 119, or 0.873); without the rectification
cue rule (整改/ledger rows) 0.8888, leaks 55, unchanged on real DEV — kept, as it is tested and cheap; the relaying,
notice and no-cue rules change nothing on the folds, the own-work rule and the lean move a few materials between
kinds. Written dev split (`python -m training.kinds_corpus dev`, fitted on train): 0.9430 → 0.9459, leaks 0 → 0 of 924,
materials lost 15 → 14 of 480. Real DEV (`python -m training.realdocs --index data/realdocs/dev-<set>.csv
--kinds-only --no-write`), accuracy and non-materials given a material kind, before → after: fresh10 0.825 → 0.850
(2 → 1 of 30; materials lost 3 → 2 of 10), fresh9 0.833 → 0.854 (2 → 2), cov10 0.786 → 0.786, kinds 0.955 → 0.966
(0 → 0), nonmat 0.900 → 0.900, genres 0.955 → 0.970 (0 → 0), voice 0.943 → 0.962 (2 → 2), noise 0.978 → 0.989, noise2
0.923 → 0.962. Selecting among ten variants on the same folds is mildly optimistic, and the written test split (the
table above) did not follow: 0.870 → 0.864, 19 → 19. predict_proba costs about 0.09 ms more per text (the layout
features; 0.35–0.45 ms before). Side effect: `data/samples/03-work-summary.txt` is personal again (personal 0.51),
both material kinds, its coverage, summary and depth unchanged (tests/golden rebuilt).
**Sentence view** (branch kindmil, issue 13). The model read the page as one bag of n-grams; a reader decides a kind
from what its sentences do. A sentence classifier (logistic regression, C=1, over the character 2–3-grams of single
sentences, each labelled with its document's kind, distinct sentences per document) is scored on every sentence of a
chunk by one product, and its probabilities are pooled per document and kind (mean, max, share of sentences won, mean
of the first and of the last three sentences: 35 features beside the n-grams, cues and layout). The document model
learns from pooled features out of fold (`KindModel.fit` takes the document each shaped text comes from; three folds
of whole documents), so it does not trust sentences the sentence model has memorised. Grouped 5-fold cross-validation
over train and dev (`python -m training.kinds_corpus cv --margin 0.8`): accuracy 0.8869 → 0.9029 (clean 0.933 →
0.946, runon 0.925 → 0.937, noisy 0.906 → 0.924, untitled 0.908 → 0.922, excerpt 0.798 → 0.821, abridged 0.852 →
0.868), non-material versions given a material kind 55 → 38 of 3,246, material versions lost 250 → 252 of 2,490.
Tried and dropped: the sentence classifier at C=4 (0.9059, but leaks 38 → 40); without the first and last sentences
pooled apart (0.9017, leaks 39). Written dev split (`python -m training.kinds_corpus dev`, fitted on train): 0.9459 →
0.9430, leaks 0 → 2 of 924, materials lost 14 → 16 of 480. Real DEV (`python -m training.realdocs --index
data/realdocs/dev-<set>.csv --kinds-only --no-write`), accuracy and non-materials given a material kind, before →
after: fresh10 0.850 → 0.875 (1 → 0 of 30; materials lost 2 → 3 of 10), fresh9 0.854 → 0.854 (2 → 1 of 40), cov10
0.786 → 0.643 (collective materials lost 2 → 5 of 14: four taken for other, one for rectification), kinds 0.966 →
0.955 (0 → 0), nonmat 0.900 → 1.000, genres 0.970 → 0.955 (0 → 0; lost 1 → 2), voice 0.962 → 0.981 (2 → 0), noise
0.989 → 0.989, noise2 0.962 → 1.000: real non-materials given a material kind 5 → 1, real materials lost 11 → 17.
The written test split (the table above, read only after the choice) moved 0.864 → 0.897, non-material versions given
a material kind 16 → 0; the real TEST pages (`python -m training.realdocs`, scored once after the merge) 0.810 → 0.824, non-materials given material scores 3 → 3 of 109, materials withheld 12 → 11. The sentence view costs about 0.01–0.02 s per 200 documents.
**List pages and feedback letters** (branch kindview, issue 13). Error analysis of the grouped cross-validation
(`python -m training.kinds_corpus cv --margin 0.8`): 18 of its 39 non-material versions given a material kind were 范文
and document-site list pages (ot169, ot197, ot198, ot222, ot245), whose snippets (本人任职以来…完成…、我在…还存在不足……)
the voice read as the page's own work and confessions. Rules (`analyzer.kinds.unquoted`, `title_genre`, `title_claims`;
`collected` in kinds.yaml; `tests/test_kinds_listpage.py`, failing on main): on a page with two snippets or more cut off
by an ellipsis (……[阅读全文], ……12页|下载, ……2 医院科室主任…) the snippets' sentences are quoted, not said; a title naming a
list of a genre (…述职报告（精选8篇）) names no document of it; findings announced to a unit as feedback
(现将巡察发现的主要问题反馈如下) are the addressee's faults, as collected opinions are (a guard: ot186, a 巡察 feedback
letter, was collective in two shapes on main's folds and in none on the new folds with or without it). Cross-validation
before → after: accuracy 0.9020 → 0.9062 (clean 0.945 → 0.950, runon 0.936 → 0.941, noisy 0.924 → 0.927, untitled
0.920 → 0.926, excerpt 0.818 → 0.823, abridged 0.870 → 0.870), non-material versions given a material kind 39 → 22 of
3,246, material versions lost 250 → 252 of 2,490. Real DEV (`python -m training.realdocs --index
data/realdocs/dev-<set>.csv --kinds-only --no-write`), page by page: unchanged with the rules on main's model (cov10
0.643, fresh10 0.875, fresh9 0.854, kinds 0.955, nonmat 1.000, genres 0.954 on 65 cached pages, voice 0.981, noise
0.989, noise2 1.000; real non-materials given a material kind 1, real materials lost 17); with the model retrained on
them (the voice features of the list pages moved), genres 0.954 → 0.969 (dv-genres-047, a work report, found) and voice
0.981 → 0.962 (dv-voice-029, a company employee's year-end 反省 essay labelled other with a note "unsure", given
work_report again as before the sentence view: its one own-work sentence, 2013年…又到年终总结反省季, looks back). 反省
now reflects as 体会 and 收获 do (`reflective` in kinds.yaml; it counts only outside self-critical sentences, and no
non-critical sentence of the train and dev documents holds it: CV unchanged, 0.9062, 22, 252); retrained again, real
DEV against main: genres 0.954 → 0.969, every other set unchanged page by page (cov10 0.643, fresh10 0.875, fresh9 0.854,
kinds 0.955, nonmat 1.000, voice 0.981, noise 0.989, noise2 1.000): real non-materials given a material kind 1 → 1,
real materials lost 17 → 16. Written dev split (`python -m training.kinds_corpus dev`, fitted on train): 0.9430 → 0.9466,
non-material versions given a material kind 2 → 2 of 924, materials lost 16 → 16 of 480. Cost: one scan for snippet ends
per text, about 0.001 s per 200 documents. Tried and not kept, each measured the same way: (1) a word view, jieba's words and word bigrams of each sentence beside its character n-grams
in the sentence classifier — CV 0.9020 → 0.9078 alone and 0.9062 → 0.9100 on top of the list-page rule (leaks 24 → 24,
lost 251 → 251), but real DEV went the other way (kinds 0.955 → 0.966, genres 0.954 → 0.938, voice 0.981 → 0.962 with
one more material lost, dv-voice-051) and it cuts every sentence again at run time, as the kind stage reads the text
and not the segmenter's words; (2) ten written documents in the shapes of the lost cov10 班子 pages (a 党组's
查摆问题清单 pasted with PDF spaces, 具体表现/整改措施 pairs, a 范文 page's second page, a problem table, a township's
自查报告) and four look-alikes — CV on the 956 earlier documents 0.9062 → 0.9046, the new 班子 lists themselves lost
in 16 of 36 versions (7 to rectification), cov10 unchanged (0.643), fresh10 0.875 → 0.850 and voice 0.981 → 0.962
with a leak (dv-voice-029, a company essay, work_report); (3) for that essay, an untitled work report reporting its own
work more than once (its one own-work sentence names the year and the summing-up) — CV 0.9062 → 0.8992, leaks 22 → 21,
materials lost 252 → 293 (work-report excerpts with one result sentence), dv-voice-029 right but dv-noise-086 (a work
report) lost. What the figures do not show: 22 leaks remain on the folds
(a reflective 心得 that owns two lapses, ot288; a spoken progress report on fixing received opinions, rc69; untitled
criticism lists whose items read as the author's own, cr17 and cr21; 调研报告 and 巡察 letters cut to their problem
sections), so the bar's "none" is not met on the folds; the cov10 losses are the model's, not the voice gate's
(dv-cov10-002, a 党组's problem list pasted as one line, has eight confessions and every material kind allowed, and the
model gives other 0.99); the list-page rule needs two snippets, so an excerpt holding one is read as before.
Materials without a named author (issue 13, branch subjectless). On real pages the main error left was a
self-examination whose subject is never named read as `other`, rectification or opinions. Why, read off the voice and
the model per page: the voice gate counts a confession only in the author's own topic chain, and a problem list that
never names 我/班子 has no chain — dv-fresh9-002 (a 园区 body's list under 1、形式主义方面…) and dv-genres-046 (①有时…
under （一）贯彻落实方面) had no confession at all although the model put a self-examination first (personal 0.76, 0.47);
dv-cov10-002 (a 党组's 查摆问题清单 pasted as one line) had eight confessions, but the model gave other 0.96 and its title's
问题清单 is a rectification title word; on the written folds 151 of the 189 lost self-examination versions were the
gate's (one confession or none, or no owning-up word), 38 the model's. Rules (`analyzer/kinds.py`, `voice`;
tests/test_kinds_subjectless.py, three of its five tests fail on main): faults told under two area headings or more
(`_AREA_HEADING`: （一）贯彻落实方面。、2、官僚主义方面：、一、政治建设方面存在的突出问题) or in three items or more that open
with a fault (一是…、①…), neither advising (1.建议…) nor, for items, relaying (群众反映…), in a text that names no one else,
make the unnamed author present as a self-examination's own sections do — when they are told, not named: the
confessions average at least `TOLD_FAULT` = 24 characters (a catalogue names each fault in a phrase, 以会议落实会议；,
and stays no one's; the threshold sits between the written non-material lists it would otherwise let in, 15–22 — ot162, ot314,
rc73, wr72, wr102 — and the real and written problem lists, 25–44);
the owning-up gate stays (a criticism or opinions list cut mid-way reads the same: letting told lists pass it took cr06
and two opinions excerpts for materials, so it was not done); a title naming a 查摆问题清单 or 检视问题清单 claims a
self-examination (`claims`, `inspection_claims`: the 班子's when a unit speaks as often as a person), and its 问题清单 no
longer names a rectification; the lean away from a self-examination counts reflection (我体会到…) as a mixed voice,
as it counts reporting and explaining. Data: 59 documents (`sl…`, data/README.md: subject-less problem sections and
their look-alikes; train 29, dev 11, test 19). Grouped CV (`python -m training.kinds_corpus cv --margin 0.8`), the 956
earlier documents on main's folds (the new ones dealt into folds apart, so that reshuffled folds do not move the
comparison; a /tmp script): main 0.9053 (clean 0.949, runon 0.939, noisy 0.926, untitled 0.927, excerpt 0.823, abridged
0.868), non-material versions given a material kind 24 of 3,246, material versions lost 257 of 2,490; the rules alone
0.9060, 24, 253; rules and data 0.9081 (clean 0.951, runon 0.946, noisy 0.926, untitled 0.931, excerpt 0.824, abridged
0.871), 24, 247 (ot287's abridged version no longer a personal material, ot151's noisy one — a 读书班 交流发言 — now
one; without the reflection rule ot151's untitled version too, 25). The 40 new train and dev documents on the same
folds: 0.754, 0 of 126 non-material versions given a material kind, 52 of 114 material versions lost (sl04, sl06, sl10,
sl13, sl15 in every shape, mostly to criticism: lists with no owning-up word, which the gate keeps from materials;
sl02's problem/measure pairs to rectification; sl22's 在…方面 paragraphs to other). The command itself (`python -m training.kinds_corpus cv --margin 0.8`, whose folds
the new documents reshuffle) gives 0.9053 → 0.8988 over all 996 train and dev documents (clean 0.943, runon 0.935, noisy
0.918, untitled 0.924, excerpt 0.812, abridged 0.861; 0.9057 on the earlier 956), non-material versions given a material
kind 24 of 3,246 → 27 of 3,372 — on the earlier documents 25 (rc16's clean, run-on and abridged versions and rc69's
noisy one new; cr17's untitled, ot238's excerpt and ot288's noisy ones gone), on the new ones 2 (sl28's and sl30's noisy
versions, a 巡察 news item and a catalogue that closes on 查找本单位、本人存在的问题, both already let through by main's
gate) — so on these folds the leaks rose by three; material versions lost 257 → 292 of 2,604 (240 of 2,490 on the
earlier documents). Real DEV (`python -m
training.realdocs --index data/realdocs/dev-<set>.csv --kinds-only --no-write --errors`), main → rules with main's
model → retrained: fresh9 0.854 → 0.875 → 0.875 (the rules find dv-fresh9-002, collective; retrained, it is a material but
personal, and dv-fresh9-028, a symptom catalogue, is no longer opinions), fresh10 0.850 → 0.850 → 0.850 (dv-fresh10-032, the traditional-character 查摆问题清单, a
material, but collective for personal), cov10 0.643 → 0.714 → 0.714 (dv-cov10-002 found by its title), kinds 0.955,
genres 0.954 → 0.969 → 0.969 (dv-genres-046 found), voice 0.981, all unchanged, and nonmat 1.000 → 1.000 → 0.952
(dv-nonmat-019, a bureau's news of one 党组 meeting on petitions, other → rectification with the retrained model);
non-materials given a material kind unchanged on every set (fresh9 1 of 40, every other set 0); real materials given a non-material kind
16 → 12. What the figures do not show: the written test split grew by the 19 new test documents, so its table above
is not comparable with the last card's (nothing was chosen on it); the cov10 pages that remain lost are lost for
other reasons — dv-cov10-005 (具体表现 about 部分干部: a generic subject hands the chain to others) and dv-cov10-011 (a
自查报告 whose 摘要 reports and explains more than it confesses) still other, dv-cov10-003 (一是… problems in rectifying
findings) still rectification, dv-kinds-079 still rectification; an implicit-subject list with no owning-up word
(我、查摆、原因、差距、存在的问题、整改…) is still kept from a material.
**Round unitreports (branch unitreports).** Real DEV work reports of units were lost to other (dv-fresh9-007, a
督查局's 存在的问题 section; dv-fresh10-036, a bureau's 八项规定 学习教育 summary; dv-fresh10-037, a banner's 存在問題/下步打算
page in traditional characters; dv-voice-032, a student branch's half-year summary). Why: the work-report gate
(`speaks_as`) needs sentences reporting the text's own work, and these had none the voice counted — 007's one
summing-up sentence (今年以来,督查局围绕全市中心工作…取得明显地工作成效) was read as a wider area's because 全市 stood in
its object; 036's campaign was dated 自2025年3月起至7月底, which no period pattern read; 037 is only 存在问题 and 下步打算,
its one turn from results to shortfalls (在看到成绩的同时…也存在一定的不足：一是个别领导…) sent off as exposition by its
个别领导. Rules (`analyzer/kinds.py`, kinds.yaml; `tests/test_kinds_unitreports.py`, failing on main): a turn from
its results to its shortfalls (`results_owned`: 在看到/肯定成绩的同时、虽然…取得了…成绩/做了大量工作) reports its own work as
the report formula does, its 个别领导 are its own, and 清醒地认识到 there is no reflection; a unit as the subject before a
wider area (督查局围绕全市…) does its own work; a campaign's own dates are a period (自…月起/至、为期…个月、期间，); a
work report's shortfalls naming its members in general (个别领导、部分干部) do not count against it; 下步打算 heads a plan;
…情况总结、半年总结、学期总结、工作汇报 are work-report titles. Data: 51 written documents (data/README.md, "Round
unitreports"): work_report 31 — unit and personal summaries, 学习教育 summaries with counts, 述职述廉 pages from page 2,
存在问题/下步打算 sections alone, reports behind a portal's 索引号/发布机构/成文日期 table, traditional characters, spoken,
run-on, PDF lines — and look-alikes: other 13 (third-person news of a unit's work, notices asking for summaries, a
工作要点, a writing guide, a 督查通报, a 调研 article), rectification 5 (整改清单 and plans with 责任领导/完成时限, two
progress reports: the corpus keeps rectification progress `rectification`, the real-page guide calls it a work
report — the conflict is left to the project), personal 1, collective 1; train 27, dev 9, test 15.
Cross-validation (`python -m training.kinds_corpus cv --margin 0.8`; main measured the same day on the same machine:
0.9053, leaks 24 of 3,246, lost 257 of 2,490 — not the 0.9062/22/252 above, which an earlier main gave): on the 992
documents with the new folds 0.9027, leaks 28 of 3,324, lost 267 of 2,628 — adding documents re-deals every kind's
folds, so with main's folds kept for the 956 earlier documents and the new ones dealt apart (a /tmp script calling
`cv_folds` twice): earlier documents 0.9053 → 0.9022 (clean 0.949 → 0.945, runon 0.939 → 0.934, noisy 0.926 → 0.924,
untitled 0.927 → 0.920, excerpt 0.823 → 0.821, abridged 0.868 → 0.870), leaks 24 → 23, lost 257 → 251; the
work_report row (versions lost or misread, earlier documents) other 67 → 62, personal 11 → 11, collective 3 → 3,
rectification 1 → 0, criticism 0 → 5; all 992 documents 0.9005, leaks 24 of 3,324 (the one new leak is ur45, a
派出所's 先进事迹 whose excerpt reads 全所… as own work), lost 263 of 2,628. Real DEV (`python -m training.realdocs --index
data/realdocs/dev-<set>.csv --kinds-only --no-write --errors`), main → this round: fresh9 0.854 → 0.896 (007 found; 028, a
symptom catalogue, other again), fresh10 0.850 → 0.875 (037 found; 036, 038 and the borderline personal 032 still lost), genres 0.954 → 0.969 (045 found),
cov10 0.643, kinds 0.955, voice 0.981, nonmat 1.000 unchanged; real non-materials given a material kind 1 / 0 / 0 / 0 /
0 / 0 / 0, unchanged; real materials lost 16 → 14. Written dev split (`python -m training.kinds_corpus dev`, fitted on train): 0.9423 → 0.9417 (234 → 243 documents), leaks 2 → 1, lost 17 → 22 of 510 (on the 234 earlier documents 17 → 18: pe57's excerpt to opinions; the new dev work reports ur44, a 水利局's report to the 人大 titled …——在…会议上, and ur21's and ur46's excerpts lost). What the figures do not show: dv-fresh10-036 is now allowed as a
work report but the model still prefers other (0.72); dv-voice-032 other (0.63) as before; dv-fresh10-033 (page 2 of a
述职 with first-person causes) stays personal, as do the written 述职述廉 pages whose one own-work sentence counts
rectification (ur05: 督促完成整改208处 is `rectified`); dv-fresh9-008 (a 巡察整改 progress 通报) stays other, labelled a
work report on the real page and rectification by the corpus's guide; the CV's accuracy fell by 0.003 on the earlier
documents while leaks and losses fell, most of it between non-material kinds (criticism taken for opinions 6 → 12).
**Excerpts and cut texts** (branch excerpts, issue 13). Error analysis of the grouped cross-validation (`python -m
training.kinds_corpus cv --margin 0.8`, 956 train and dev documents, 5,736 versions; main 0.9053: clean 0.9487, runon
0.9393, noisy 0.9257, untitled 0.9268, excerpt 0.8232, abridged 0.8682; leaks 24 of 3,246, materials lost 257 of
2,490). Of the excerpt errors 84 were the model's own argmax, 68 the voice gate and 17 the lean; of the abridged, 62,
61 and 3. What a cut takes away, over the train and dev self-examinations: a claiming title (0.63 of clean versions,
0.06 of excerpts), the second confession (two or more in 0.94 of clean versions, 0.78 of excerpts, 0.61 of abridged
copies; exactly one in 0.22 of abridged copies); what survives: a self-examination cue (1.00 → 0.95) and the author
named as a subject (0.97 → 0.86 and 0.80). Work reports lose their own-work sentences (0.94 → 0.74 of excerpts). So a
self-examination cut to one confession, with nothing else speaking in it (no sentence reporting a meeting, explaining
or addressing someone), now stands when the model gives it at least 0.9 (`sure_aside`; the gate's second confession
was written against a diary's or a story's aside, which the model does not read as a material). Cross-validation:
0.9053 → 0.9111 (clean 0.9508, runon 0.9435, noisy 0.9268, untitled 0.9299, excerpt 0.8337, abridged 0.8818: every
shape up), leaks 24 → 24, materials lost 257 → 223; thresholds 0.8 (leaks up by two) and 0.95 (fewer recovered) were
worse; a guard for one shortfall beside the author's own work (a work report's 不足) cost five versions more than it
saved and was dropped. Real DEV (`python -m training.realdocs --index data/realdocs/dev-<set>.csv --kinds-only
--no-write`) unchanged page by page (fresh9 0.854, fresh10 0.850, cov10 0.643, kinds 0.955, genres 0.954, voice 0.981,
nonmat 1.000, noise 0.989, noise2 1.000): no real page is a one-confession text the model is sure of. Tried and not
kept, each measured the same way: (1) more seeded draws of the cut shapes in training only (the scoring shapes one
draw each, as before): two more excerpts, another abridged copy, windows of 2–4 lines and an excerpt inside site
furniture. With the rule, cross-validation 0.9134 (every shape up on main; with two windows excerpt 0.8232 → 0.8400,
abridged 0.8682 → 0.8849, leaks 24 → 22, lost 214; with one, leaks 24, lost 212; without the excerpt inside furniture
noisy fell, 0.9215). But on real DEV both variants gave a leak main does not (dv-genres-064, an essay titled …原因剖析
exhorting members, collective 0.42–0.44) and dv-nonmat-005 became rectification; real pages gained and lost 3 and 3
with two windows (fresh9, fresh10, cov10 up; genres 044, 047 and nonmat down) or 4 and 2 with one (fresh9, fresh10,
kinds and genres 045 up; genres 064 and nonmat down), and `python -m training` took 8 m 49 s on the shared machine
(two windows). The draws are commit "kinds: training
draws of the cut shapes", reverted on the branch: revert the revert to take them. (2) Who the author is in any window
(sentences naming 我/本人 against 我们/班子/党组 as its subject, three features): 0.9134 → 0.9135 but excerpt 0.8400 →
0.8358 and leaks 22 → 23. Left: real page-2–7 excerpts (dv-genres-043, dv-kinds-022, dv-fresh10-033, dv-fresh10-037)
are the model's, not the gate's — 043 confesses ten times with no subject but 自己 and names 班子 once (collective
0.88), 045 (我没有及时征求班子成员的意见, collective 0.51) is right with the draws and wrong without, 022
lectures and confesses nothing, 033 (a 述职's problems in the first person) reads as personal, 037 (个別領導, 我旗)
as other.
**Round 17, the three branches together** (subjectless, unitreports, excerpts; every model retrained on the merged
code). Grouped CV with main's folds kept for the 956 earlier documents (the 76 new train and dev documents dealt into
folds apart; a lead's script, not in the repository): 0.9053 → 0.9125 (clean 0.950, runon 0.946, noisy 0.927, untitled
0.930, excerpt 0.840, abridged 0.883), leaks 24 → 24 of 3,246, materials lost 257 → 213 of 2,490; over all 1,032
documents on those folds 0.9029, leaks 26 of 3,450 (the official command, whose folds the new documents reshuffle:
0.9004, 25 of 3,450, lost 278 of 2,742; the new documents were written to be hard). Real DEV sets the branches chose on:
fresh9 0.854 → 0.917, fresh10 0.850 → 0.875, cov10 0.643 → 0.714, voice 0.981 → 1.000, kinds 0.955, genres 0.954,
nonmat 1.000 unchanged; non-materials given a material kind unchanged on every set. Scored once after the choices, on a
fresh real set no branch saw (`dev-fresh11.csv`, 40 pages aimed at the forms that get lost): 0.600 before and after,
the same 16 pages wrong, 3 of 21 non-materials given a material kind. Real TEST (`models/realdocs.md`): 0.835 before and
after (one work report other → rectification). The written test split, measured after the choices: on the 183 documents
of the last card 0.894 → 0.904 (clean 0.940 → 0.956) but one non-material version now given a material kind (ot346, a
traditional-script news item of a bank's 民主生活会; left as found, the split is never tuned on); with this round's 34
new test documents (the table above) 0.886. What this shows: the written corpus and the DEV pages the rules were
written against gain; new real pages do not — the rules fix the forms they were shown, and real-page kind stays well
under the 0.9 bar.
**Round gate (branch gate): the gates of the kind decision.** Measured first, on the official grouped CV
(`python -m training.kinds_corpus cv --margin 0.8`: 1,032 documents x 6 shapes; main 32ffffe 0.9004, 25 of 3,450
non-material versions given a material kind, 278 of 2,742 material versions lost). Each lost material version is now
attributed by the command (`lost_to` in its output, `training.kinds_corpus.lost_to`): the model itself when its most
probable kind is no material, else the gate that kept that kind out (`analyzer.kinds.gate`: `voice`, `rectifies`,
`notice`, `memoir`; a self-examination's voice gate by what fell short — no owning-up word `owns_up`, no confession, one
confession, too much else speaking), else the lean or a missing self-examination cue. Main, lost versions per reason
(personal / collective / work_report; clean / runon / noisy / untitled / excerpt / abridged): model 80 (26 / 34 / 20;
7 / 8 / 12 / 8 / 23 / 22); the work report's voice, no own work, 57 (work reports only; 5 / 4 / 4 / 6 / 22 / 16); no
owning-up word 49 (15 / 34 / 0; 6 / 6 / 5 / 7 / 16 / 9); no confession 54 (28 / 26 / 0; 2 / 4 / 2 / 4 / 20 / 22; 29
of them with the model at 0.9 or more); one confession 24 (13 / 11 / 0; 2 / 2 / 6 / 3 / 4 / 7; 14 at 0.9 or more,
beside something else speaking); a self-examination kind the model preferred for a work report, gated, 4, and a work
report preferred for a personal material, gated, 4; the lean 3; too much else speaking 2; no cue 1. So 198 of 278
were the gates', 80 the model's; of the 71 rectification versions taken for other, 50 were the model's and 21 the
`rectifies` gate's (no 整改/销号 word, no ledger row closed by a deadline). Changes, each a principle for every page of
its kind, not a pattern of one page: (1) a work report speaks in its own voice when it confesses its own shortfalls
(`speaks_as`): a 述职 or summary cut to its 存在的不足 and 下步打算 speaks of itself as the whole report does, news of a
unit's shortfalls tells them in the third person; a lone shortfall with no work done counts only where nothing else
speaks (an essay's 我想改改…的毛病 beside a reflection stays no report); (2) a cut the model is sure of (at least
SURE = 0.9) where no sentence speaks as another kind need not hold what the voice gate asks of a whole text
(`sure_cut`, was `sure_aside`): a self-examination cut to its measures or causes holds no confession (then no
reflection may speak either: a 心得 reads sure too), a work report cut to its results holds no subject or period (two
results or more, none of a wider area such as 全县…, `Voice.results`; no more rectification progress than results);
(3) a rectification document is known by what it does in any wording (`assigned`): measures given an owner or a deadline
(责任人：、时限：、完成时间：、3月底完成、长期坚持) or ledger rows with a deadline or a state of progress (已完成、推进中) in any
cell after the first, beside the words 整改/销号. Cumulative on the same out-of-fold probabilities: (1) 0.9042, lost 261;
with (2) for self-examinations and (3) 0.9102, lost 243; with (2) for work reports 0.9118, lost 233; leaks 25 at every
step. The official command after the changes: 0.9004 → 0.9118 (clean 0.939 → 0.943, runon 0.936 → 0.940, noisy 0.916
→ 0.921, untitled 0.920 → 0.929, excerpt 0.820 → 0.846, abridged 0.872 → 0.892), non-material versions given a material
kind 25 → 25 (the same 25 versions: ot236's abridged copy, given collective before, is now given work_report), material
versions lost 278 → 233; rectification → other 71 → 54, work_report → other 69 → 51, personal → other 56 → 48,
collective → other 43 → 39, other → rectification 30 → 31 (ot244's excerpt, a 工作要点 with 责任单位). Lost after, per
reason: model 80 (unchanged), no owning-up word 49 (unchanged), no confession 35 (19 / 16; excerpt 15, abridged 11),
the work report's voice 33 (excerpt 12, abridged 9), one confession 24, the lean 3, others 9. Real DEV (`python -m
training.realdocs --index data/realdocs/dev-<set>.csv --kinds-only --no-write --errors`), main → this round: fresh9
0.917, fresh10 0.875, cov10 0.714, kinds 0.955, genres 0.954, voice 1.000, nonmat 1.000 unchanged page by page; fresh11
0.600 → 0.650 (dv-fresh11-005, a 述职 cut to its problems, rectification → work_report; dv-fresh11-039, a summary's
shortfalls, other → work_report); non-materials given a material kind unchanged on every set (fresh9 1 of 40, fresh11 3
of 21, every other set 0). The written test split, scored by the retrain after the choices (nothing chosen on it;
the table above): 0.886 → 0.906 (clean 0.935 → 0.945, runon 0.922 → 0.926, noisy 0.917 → 0.926, untitled 0.876 →
0.912, excerpt 0.797 → 0.839, abridged 0.866 → 0.885), non-material versions given a material kind 1 → 1 (ot346),
material versions given a non-material kind 77 → 66 of 606. On the real pages the gates are no longer the main cause: of fresh11's 10 materials still
lost, 8 are the model's (6 with other at 0.93 or more, one with rectification at 0.96), one the owning-up gate's (dv-fresh11-012, collective 0.91, no
owning-up word) and one the lean's (dv-fresh11-040). Tried and not kept, each on the same probabilities: one confession
beside one other sentence at 0.9 (+5 versions, but a meeting reported beside one confession is news, as round 17's test
says); SURE 0.8 or 0.85 (one or two more leaks, ot239, a satirical 检讨) and 0.95 (one leak fewer, 16 more versions
lost); fewer confessions for short texts at lower certainty (one confession under 150–300 characters at 0.5–0.7: at
most five more versions kept, for two more leaks); letting the owning-up gate go at 0.9 (op77's excerpt, an opinions list on a 班子 at 0.98 with
three faults, reads as co10's and co22's excerpts do); a learned gate (a logistic regression over the voice counts, the
length and the top kind's out-of-fold probability, leaks weighted 20–50, nested over the five folds): of the 249 versions
the voice gate keeps from the model's material kind (155 of them rightly the model's) it lets 19–23 right ones through
and 7 wrong ones (work reports given a self-examination kind), at most 0.002 over the hand rules, with five more fits in
training and nothing to move on DEV, whose losses are the model's — not built. What the figures do not show: the gains
are on the written corpus's cut shapes, made by cutting written documents (excerpt +0.026, abridged +0.020); real pages
gained 2 of 40 on fresh11; leaks held at 25 on these folds, but `sure_cut` now trusts the model on cut texts with no
confession, so a non-material the model is sure of and that speaks as nothing else (a plan's measures in the first
person, a results list) is one the gates no longer catch.
**Round realwork** (session 18, branch realwork; data/README.md, "Round realwork"): written, measured, withdrawn. 64
written documents in the shapes of real work reports of many workplaces (ward and nursing, school, bank, 派出所, tax
office, village and community, SOE workshop, 团委, 工会, 妇联, a 学院; campaign summaries; 范文 list pages carrying one
report whole, page-7 cuts, run-on, spoken, tab tables, PDF lines) and their look-alikes (心得, 先进事迹, 工作计划/要点,
简介, year news, 督查通报, 述职评议 news, guides). Measured on fixed CV folds (margin 0.8, the variant's documents left out
of training; the official command reshuffles the folds of the kinds that gain documents): all 64, accuracy 0.9004 →
0.9018 and leaks 33 → 29 on the 1,032 earlier documents, but two real DEV non-materials given a material kind
(dv-genres-064 and dv-fresh11-016 collective: the look-alikes lower `other`'s probability on pages the model reads as a
班子 material, 016 0.20 → 0.05, and 016's one confession then passes `sure_aside` at 0.94); the 38 work reports alone,
0.8986 → 0.9002 but leaks 29 → 32, DEV fresh10 0.875 → 0.900, kinds 0.955 → 0.966, genres 0.954 → 0.969, voice 1.000 →
0.981, fresh11 0.600 → 0.575, no new DEV leak. Two periods in the voice (a campaign's span 学习教育开展以来; the
author's post 我主要负责…、本人担任…) on main's documents: 0.8974 → 0.8986, lost 283 → 281, leaks 25 → 29, no DEV page
changed. None met the bar, so the model is main's; the branch's commits hold the data and the periods. What the numbers
do not show: the real work reports written for (dv-fresh11-001, -008, -009, -039) stay `other` in every variant, held by
the voice gate (no own subject with a period: 我来到医院上班也快一年了, 护理部 as the subject), not by the model.
**Round realself** (session 18, branch realself, not merged): 78 written self-examinations and look-alikes in real-page
shapes (效能建设/作风纪律/师德师风 剖析 and 自查 of teachers, nurses, bank staff, police, village cadres; 表态发言; page cuts;
list pages; 学习体会, reflections listing 我的不足, 检讨书, news retelling self-criticism, 点评讲话). On main's folds for the
1,032 earlier documents accuracy fell 0.9004 → 0.8981, leaks rose 25 → 28 and work_report → other 69 → 88 (the
reflections pull reflective work reports to other); real DEV fresh10 and kinds rose a page each, voice and fresh11 fell
a page each, and none of the fresh11 pages written for flipped. Like round realwork, more written documents of the
same writer did not move the real pages: the model's own errors on them are not a shortage of shapes it was shown.
**Round 18, together (session 18, branch int18).** Merged: the gates above; the lead's narrowing of the gate round's
first change — a text laid out as a rectification (a heading 整改措施：/进展成效 at a line's or a sentence's start, or
measures given an owner or a deadline: `Voice.laid_out_to_rectify`) confesses findings under rectification, not a work
report's shortfalls (the shortfall voice had turned dv-fresh11-005, a progress ledger, into a work report); traditional
script read as simplified only when evidently traditional (branch traditional; kind inputs of the corpus byte-identical);
and one label settled for both guides: a report on rectification progress is `rectification` (data/README.md, "Settled in
round 18"; nine real pages relabelled by the rule alone). Official CV after the merge (the command
above): 0.9118 (clean 0.943, runon 0.940, noisy 0.921, untitled 0.929, excerpt 0.846, abridged 0.892), leaks 25 of
3,450, lost 233 of 2,742 — the gate round's figures, which the narrowing does not change. Real DEV on the settled labels, main → round 18: fresh9 0.938 → 0.938, fresh11 0.650 → 0.675
(non-materials given a material kind 3 → 3), every other set unchanged. **Held apart, scored once after the choices**:
dev-fresh12 (39 new real pages, labelled before any run; data/README.md) 0.718 → 0.718, the same 11 pages wrong, 1 of 28
non-materials given a material kind before and after; real TEST (`python -m training.realdocs`, settled labels) 0.863 →
0.856 and non-materials given material scores 2 → 3 of 111 (one page; its errors are not read, so which gate let it
through is not known — `sure_cut`'s trust in a sure model, which its round named as the risk, is the likeliest); written
test split 0.886 → 0.906 (clean 0.935 → 0.945), 1 leak before and after (ot346). What this shows, for the eleventh round
running: changes chosen on the written corpus and DEV pages raise them and do not carry over to new real pages; two
rounds of written training data in real-page shapes (realwork, realself) did not move the real pages either. The kind
bar of issue 13 (0.9 held apart, no leak) is met by no held-apart set: written test 0.906 with one leak, real TEST 0.856
with three, dev-fresh12 0.718 with one.
**Round 19 (session 19, branch general): what the real pages' errors are not.** The document model refitted with
other settings on the written train split (every shape) and scored with the decision rules as they are, on the written
dev split and on the 408 real DEV pages of nine sets, 167 of them on the four fresh sets (`python -m
training.kinds_ablation`; the n-gram vocabulary and the sentence view are the train split's). As it is (C = 32, every
block): fresh sets 0.790, real leaks 5, written dev 0.943 with 4 leaks. C = 1 and 4: 0.790; C = 128: 0.778. Without
the n-grams 0.778 (written dev leaks 4 → 13); without the cue and layout features 0.766 (real leaks 5 → 2, written dev
0.924 with 9); without the sentence view 0.760 (real leaks 5 → 14); the sentence view alone 0.743; the n-grams at half
weight or the sentence view at double 0.778. The real DEV pages themselves as training rows, each set scored by a model
fitted without it (`--real-rows 3`): 0.790 → 0.814, with real leaks 5 → 7. None was kept: no setting of the model, nor
four hundred labelled real pages, moves the fresh pages by more than a few, and what moves them adds leaks. Of the 36
fresh-set errors of the model as it is (with main's decision rules), 29 are the model's own top kind (the gates decide 7): pages a reader tells by who
speaks and to whom (a 街道's report to an inspection group, a nurse's year on a 范文 page behind the site's pitch, a
teacher's shortcomings after a training), several borderline by the guide itself. Also tried and not kept (branch
readable): the kind stage reading the text without its noise, as the other judgements do (furniture lines, pinyin
glosses and scraping tokens out; the kind corpus shaped the same way, retrained): DEV fresh9 0.938 → 0.917, fresh11 0.675
→ 0.650, fresh12 0.718 → 0.692, non-materials given a material kind on those sets 5 → 8 — given a glossed journal
article's real text, the model takes it for a 班子's material. Kept, both on the claiming title's bar: a titled
self-inspection that finds nothing (…办公用房清理自查报告: facts, no excess, pledges) is still its author's material when
it names its author or reports its own work, reports no meeting, addresses no one, and has no more general sentences
(…是重要举措) than sentences of its own — before, one general sentence made it an essay; and a one-line paste of a list
page of numbered samples (…自查报告范文1：…范文2：) has no title that claims a material. CV replayed on the saved
out-of-fold probabilities: 0.9118 → 0.9120, leaks 25 → 25, lost 233 → 232; DEV fresh11 0.675 → 0.700
(dv-fresh11-003), every other set unchanged, no new leak. Tests: `tests/test_kinds_inspection.py` (two of three fail on
the old code). **Held apart, scored once after the choices**: dev-fresh13 (40 new real pages of six kinds — no
criticism page was left in the `pages` corpus — labelled before any run; data/README.md) 0.600 → 0.600, non-materials
given a material kind 1 → 2 of 22. The new one, dv-fresh13-030 (an essay titled …自查报告), passes the relaxed
claiming-title bar above: the risk that relaxation takes, seen on the first new page it met. It was not reverted, as the
held-apart set may not steer a change; next round, with fresh13 a DEV set, should weigh it against dv-fresh11-003. On
the written test split (seen at every retraining) 0.9055 → 0.9063, one leak before and after (ot346).
**Round 20 (session 20): whether the pages can be read at all, and five more readings.** A second reader labelled
the kind of the 207 pages of the five DEV fresh sets blind (shuffled names, a one-page guide, no first label seen;
`data/realdocs/kind_readings.csv`, data/README.md): the two readings agree on 0.932 (kappa 0.891; 0.987 where the second
reader was sure). jingzi is 0.772 on the 193 pages both readings agree on — the same as on all 207 (0.773) — so the
labels are not the obstacle: a reader tells these pages apart, the model does not (`python -m training.realdocs
--index data/realdocs/dev-fresh{{9,10,11,12,13}}.csv --kinds-only --no-write --kind-readings
data/realdocs/kind_readings.csv`). On the held-apart sets read the same way: dev-fresh14 0.630 on the 27 pages both
readings agree on (readings agree 0.818), dev-fresh15 0.654 of 26 (0.867). Five more ways of fitting the document model,
scored on the five fresh sets with the decision rules as they are (`python -m training.kinds_ablation --reading NAME`;
written train split, fresh-set accuracy / non-materials given a material kind): as it is 0.754 / 7; gradient-boosted
trees on the same rows 0.754 / 8 (written dev leaks 4 → 13); a fourth block of part-of-speech n-grams (jieba.posseg,
pronouns kept: who does what, in any workplace's words) 0.749 / 7; every training document also as a page's beginning
(the first 4–8 lines within 900 characters, half under furniture: the cut every real page is) 0.749 / 8; the 431 real
pages of the sets that are not fresh as training rows, none → a quarter → half → all: 0.754 → 0.749 → 0.749 → 0.754,
leaks 7 → 7 → 6 → 10. None was kept. With round 19's settings and real rows, and rounds realwork and realself's written
data, that is every lever within this project's means — lexicons, rules, character and part-of-speech n-grams, linear
and tree models fitted from scratch on about a thousand written documents and a few hundred real pages — and none moves
new real pages past 0.79. What tells these pages apart is who speaks, to whom and about whose work across the page,
which a reader gets from knowing the language; the usual tool for it, a pretrained Chinese language model, is outside
this project's rules (`spacy.blank("zh")`, no model downloads, nothing fetched), and the `pages` corpus has run out of
new material pages (dev-fresh15: 30 pages, one personal material, no criticism list). The model and rules are round
19's: nothing of this round changes a kind.
**Caveats.** Every document is written for this project (the non-materials by the same writer,
from domain knowledge), not collected: real documents are longer, mix kinds (a 述职报告 with a
self-criticism section, a news item quoting a material) and carry noise of other shapes. The test
split has about ten documents per non-material kind, so one error moves a kind's accuracy by ten
points; the shaped versions are not independent evidence. The noisy shape draws its furniture
lines from one small pool (`data/kinds/noise.txt`) for every split, and the furniture filter of
`analyzer/kinds.py` was written knowing that pool: real pages have other furniture. Figures on real public documents come from
the real-document evaluation set (issue 13), not from here.
"""
    write_card("kinds", "Document-kind model", body, metrics, counts)
    return metrics


def train_otherdocs() -> dict:
    """Criticism label model and opinion thresholds (issue 16); the code lives in ``training/``."""
    from training import otherdocs

    return otherdocs.main()


def main(overrides: str | None = None) -> dict:
    """Rebuild every model; ``overrides`` (a ``jingzi serve`` overrides.jsonl) adds reviewer-corrected
    documents to the coverage training data."""
    from analyzer.resources import load_rubric, rubric_names

    if not (DATA_DIR / "corpus" / "written").is_dir():
        from analyzer.errors import SetupError

        raise SetupError("corpus_missing", f"没有找到训练语料 / no training corpus under {DATA_DIR / 'corpus'}")
    MODELS_DIR.mkdir(exist_ok=True)
    results = {"roles": train_roles(), "denials": train_denials()}
    predicted_roles.cache_clear()
    for name in rubric_names():
        reviewed = []
        if overrides:
            from training.overrides import reviewed_documents

            reviewed = reviewed_documents(overrides, load_rubric(name).id)
        results[f"coverage-{name}"] = train_coverage(name, reviewed)
    results["summary"] = train_summary()
    results["depth"] = train_depth()
    results["kinds"] = train_kinds()
    results.update(train_otherdocs())  # uses the role model trained above
    add_denial_wordings(results["denials"])
    results["robustness"] = add_robustness()
    from training.reasons_check import add_card

    results["reasons"] = add_card()  # after the robustness section is written: it goes before it
    return results


def main_denials() -> dict:
    """Rebuild the denial classifier alone (``python -m training --denials-only``) and write its card;
    the other models stay as they are (those reading denials were fitted with the classifier before)."""
    results = train_denials()
    add_denial_wordings(results)
    return {"denials": results}


def add_denial_wordings(results: dict) -> None:
    """The denial-wordings suite of every held-apart file into ``results``, then the denial card."""
    for name in HELD_APART:
        results[name]["wordings"] = denial_wordings(name)
    write_denials_card(results)


def denial_wordings(name: str) -> dict:
    """The denial-wordings suite of the held-apart file ``name`` on the freshly trained models
    (``training.denials``)."""
    from training.denials import load_sentences, run_suite

    from analyzer.pipeline import Analyzer

    return run_suite(Analyzer(kind="personal"), [p.doc for p in split("test")], load_sentences(name))


if __name__ == "__main__":
    print(json.dumps(main(), ensure_ascii=False, indent=2))
