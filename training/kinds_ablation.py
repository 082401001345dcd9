"""Which part of the kind model the real pages' errors come from: the document model refitted with other settings
and scored on the real DEV pages, the decision rules unchanged.

``python -m training.kinds_ablation`` fits the document model on the written train split (every shape) and scores,
per setting, the written dev split and the real DEV pages (``data/realdocs/dev-*.csv`` of :data:`DEV_SETS`, texts
from the git-ignored cache): regularisation (``C``) and the weight of each block of its rows (n-grams, cue and layout
features, pooled sentence view; 0 leaves the block out). ``--real-rows W`` instead adds the real DEV pages to the
training rows, each with weight ``W``, and scores each set with a model fitted without it (leave one set out).
``--reading NAME`` (round 20) fits the model otherwise and scores it on the five fresh sets and the other kind sets:
``as_is`` the model as it is (the others' baseline); ``trees`` gradient-boosted trees on the same rows (the n-grams
reduced to 100 SVD components); ``pos`` a fourth block, n-grams of the page's part-of-speech sequence (jieba.posseg,
pronouns kept as words: who does what, in any workplace's words); ``head`` every written training document also as a page's beginning (:func:`head_cut`, half of them under web
furniture), the cut every real page is; ``pool`` the real pages of the sets that are not fresh (mostly news and other
non-materials) as training rows of weight 3, in a learning curve (none, a quarter, half, all).
The sentence view and the n-gram vocabulary are fitted on the written train split only, so no page's n-grams enter
the model. Figures: models/kinds.md ("Round 19", "Round 20").
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

DEV_SETS = ("fresh9", "fresh10", "cov10", "kinds", "genres", "voice", "nonmat", "fresh11", "fresh12")
FRESH_SETS = ("fresh9", "fresh10", "fresh11", "fresh12", "fresh13")
KIND_SETS = FRESH_SETS + ("cov10", "kinds", "genres", "voice", "nonmat")  # what --reading scores
POOL_SETS = ("noise", "noise2", "noise3", "noise3b", "noise4", "noise4b", "depth")  # --reading pool: their pages train
READINGS = ("as_is", "trees", "pos", "head", "pool")
HEAD_CHARS, HEAD_LINES = 900, (4, 8)  # a real page's cut: the most non-empty lines of 4–8 within 900 characters
SETTINGS = ((32, 1, 1, 1), (1, 1, 1, 1), (4, 1, 1, 1), (128, 1, 1, 1), (32, 0, 1, 1), (32, 1, 0, 1), (32, 1, 1, 0),
            (32, 0, 0, 1), (32, 0.5, 1, 1), (32, 1, 1, 2))  # (C, n-grams, cue and layout, sentence view)


def head_cut(text: str) -> str:
    """A page's beginning as the real sets cut it: the first non-empty lines, as many of 4–8 as fit in 900
    characters."""
    lines = [s for s in text.splitlines() if s.strip()]
    fits = [n for n in range(HEAD_LINES[0], HEAD_LINES[1] + 1) if len("".join(lines[:n])) <= HEAD_CHARS]
    return "\n".join(lines[:max(fits, default=HEAD_LINES[0])])


def rows(cache: Path, sets: tuple = DEV_SETS, head: bool = False) -> dict:
    """Per part (written ``train`` out of fold, written ``dev``, ``real`` DEV pages of ``sets``): the three blocks,
    the texts as the kind stage reads them, the kinds, and for the real pages their set. With ``head``, the train part
    holds each document's beginning too (:func:`head_cut` of its clean or, for every other document, noisy shape)."""
    from analyzer import ingest
    from analyzer.features import tfidf_rows
    from analyzer.kind_sentences import SentenceView, out_of_fold
    from analyzer.kinds import KINDS, KindModel, compact, content, cue_features, layout_features

    from training.kinds_corpus import SHAPES, load_kinds_corpus, shaped
    from training.realdocs import load_index, read_cache

    docs = load_kinds_corpus()
    parts = {}
    for split in ("train", "dev"):
        chosen = [d for d in docs if d.split == split]
        parts[split] = {"texts": [content(shaped(d, sh)) for d in chosen for sh in SHAPES],
                        "kinds": [d.kind for d in chosen for _ in SHAPES],
                        "groups": [d.id for d in chosen for _ in SHAPES]}
        if head and split == "train":
            part = parts[split]
            part["texts"] += [content(head_cut(shaped(d, ("clean", "noisy")[i % 2]))) for i, d in enumerate(chosen)]
            part["kinds"] += [d.kind for d in chosen]
            part["groups"] += [d.id for d in chosen]
    real = {"texts": [], "kinds": [], "set": []}
    seen = set()
    for name in sets:
        index = load_index(Path(f"data/realdocs/dev-{name}.csv"))
        texts, _, _ = read_cache(index, cache)
        for row in index:
            if row["id"] in texts and row["id"] not in seen:
                seen.add(row["id"])
                real["texts"].append(content(ingest.from_text(texts[row["id"]], name=f"{row['id']}.txt").text))
                real["kinds"].append(row["kind"])
                real["set"].append(name)
    parts["real"] = real
    train = parts["train"]
    vec = KindModel.vectorizer().fit([compact(t) for t in train["texts"]])
    view = SentenceView().fit(train["texts"], train["kinds"], train["groups"])
    for name, part in parts.items():
        part["blocks"] = (tfidf_rows(vec, [compact(t) for t in part["texts"]]).matrix(),
                          np.array([cue_features(t) + layout_features(t) for t in part["texts"]]),
                          out_of_fold(part["texts"], part["kinds"], part["groups"], KINDS) if name == "train"
                          else view.features(part["texts"], KINDS))
    return parts


def matrix(part: dict, weights) -> "object":
    from scipy.sparse import csr_matrix, hstack

    return hstack([csr_matrix(b) * w for b, w in zip(part["blocks"], weights) if w]).tocsr()


def linear(x, kinds: list[str], C: float = 32, weight=None):
    """The document model's learner (:class:`analyzer.kinds.KindModel`'s logistic regression) fitted on rows ``x``."""
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=C, max_iter=5000, class_weight="balanced").fit(x, kinds, sample_weight=weight)


def decided(clf, x, texts: list[str]) -> list[str]:
    """The kinds the decision rules give from the refitted model's probabilities (margin 0.8, as the model's)."""
    from analyzer.kinds import KINDS, KindModel

    proba = np.zeros((x.shape[0], len(KINDS)))
    for j, kind in enumerate(clf.classes_):
        proba[:, KINDS.index(kind)] = clf.predict_proba(x)[:, j]
    model = KindModel(margin=0.8)
    model.margin_ = 0.8
    return [model.decide(t, p) for t, p in zip(texts, proba)]


def figures(gold: list[str], pred: list[str], sets: list[str] | None = None) -> dict:
    """Accuracy and non-materials given a material kind, overall, on the fresh sets and per set."""
    from analyzer.kinds import MATERIAL_KINDS

    def of(idx):
        return {"accuracy": round(float(np.mean([gold[i] == pred[i] for i in idx])), 3) if idx else None,
                "leaks": sum(gold[i] not in MATERIAL_KINDS and pred[i] in MATERIAL_KINDS for i in idx)}

    out = {"all": of(list(range(len(gold))))}
    if sets:
        out["fresh"] = of([i for i, s in enumerate(sets) if s.startswith("fresh")])
        out.update({s: of([i for i, t in enumerate(sets) if t == s]) for s in dict.fromkeys(sets)})
    return out


def pos_sequence(text: str) -> list[str]:
    """The page's part-of-speech tags (jieba.posseg) in order, pronouns and punctuation kept as words."""
    import jieba.posseg

    from analyzer.kinds import compact

    return [w if flag in ("r", "x") else flag for w, flag in jieba.posseg.cut(compact(text))]


def reading(parts: dict, name: str) -> dict:
    """Fit the document model as ``name`` reads the pages (module doc) and score it: the written dev split and the real
    pages, with the decision rules."""
    from scipy.sparse import hstack, vstack

    train, dev, real = parts["train"], parts["dev"], parts["real"]

    def scored(clf, rows_of):
        return {"written_dev": figures(dev["kinds"], decided(clf, rows_of(dev), dev["texts"])),
                "real": figures(real["kinds"], decided(clf, rows_of(real), real["texts"]), real["set"])}

    if name in ("as_is", "head"):  # the linear model as it is, on the rows ``rows`` made
        return scored(linear(matrix(train, (1, 1, 1)), train["kinds"]), lambda part: matrix(part, (1, 1, 1)))
    if name == "trees":
        from sklearn.decomposition import TruncatedSVD
        from sklearn.ensemble import HistGradientBoostingClassifier
        from sklearn.utils.class_weight import compute_sample_weight

        svd = TruncatedSVD(100, random_state=0).fit(train["blocks"][0])

        def dense(part):
            return np.hstack([svd.transform(part["blocks"][0]), part["blocks"][1], part["blocks"][2]])

        clf = HistGradientBoostingClassifier(max_iter=300, learning_rate=0.08, random_state=0).fit(
            dense(train), train["kinds"], sample_weight=compute_sample_weight("balanced", train["kinds"]))
        return scored(clf, dense)
    if name == "pos":
        from sklearn.feature_extraction.text import TfidfVectorizer

        vec = TfidfVectorizer(analyzer=lambda tags: [" ".join(tags[i:i + n]) for n in (1, 2, 3)
                                                     for i in range(len(tags) - n + 1)],
                              min_df=3, sublinear_tf=True, max_features=20000)
        for part in parts.values():
            part["pos"] = [pos_sequence(t) for t in part["texts"]]
        vec.fit(train["pos"])
        both = lambda part: hstack([matrix(part, (1, 1, 1)), vec.transform(part["pos"])]).tocsr()  # noqa: E731
        return scored(linear(both(train), train["kinds"]), both)
    # pool: the learning curve of the real pages that are not fresh as training rows, scored on the fresh pages
    x_train, x_real = matrix(train, (1, 1, 1)), matrix(real, (1, 1, 1))
    sets = np.array(real["set"])
    fresh, pool = np.flatnonzero(np.isin(sets, FRESH_SETS)), np.flatnonzero(~np.isin(sets, FRESH_SETS))
    order = np.random.default_rng(0).permutation(pool)
    curve = {}
    for k in (0, len(pool) // 4, len(pool) // 2, len(pool)):
        use = order[:k]
        clf = linear(vstack([x_train, x_real[use]]), list(train["kinds"]) + [real["kinds"][i] for i in use],
                     weight=np.concatenate([np.ones(x_train.shape[0]), np.full(k, 3.0)]))
        curve[k] = figures([real["kinds"][i] for i in fresh],
                           decided(clf, x_real[fresh], [real["texts"][i] for i in fresh]),
                           [real["set"][i] for i in fresh])["fresh"]
    return {"pool_pages": len(pool), "fresh_by_pool_rows": curve}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=Path("data/realdocs/cache"))
    parser.add_argument("--real-rows", type=float, default=None, help="weight of each real DEV page as a training row")
    parser.add_argument("--reading", choices=READINGS, help="round 20: fit the model as this reading does (module doc)")
    args = parser.parse_args(argv)
    if args.reading:
        sets = KIND_SETS + (POOL_SETS if args.reading == "pool" else ())
        out = reading(rows(args.cache, sets, head=args.reading == "head"), args.reading)
        print(json.dumps({"reading": args.reading, **out}, ensure_ascii=False))
        return 0
    parts = rows(args.cache)
    train, real = parts["train"], parts["real"]
    if args.real_rows is None:
        for C, *weights in SETTINGS:
            clf = linear(matrix(train, weights), train["kinds"], C)
            out = {"C": C, "blocks": weights,
                   "written_dev": figures(parts["dev"]["kinds"], decided(clf, matrix(parts["dev"], weights),
                                                                          parts["dev"]["texts"])),
                   "real_dev": figures(real["kinds"], decided(clf, matrix(real, weights), real["texts"]), real["set"])}
            print(json.dumps(out, ensure_ascii=False), flush=True)
        return 0
    from scipy.sparse import vstack

    x_train, x_real = matrix(train, (1, 1, 1)), matrix(real, (1, 1, 1))
    sets = np.array(real["set"])
    pred = [""] * len(sets)
    for name in DEV_SETS:
        held, rest = np.flatnonzero(sets == name), np.flatnonzero(sets != name)
        weight = np.concatenate([np.ones(x_train.shape[0]), np.full(len(rest), args.real_rows)])
        clf = linear(vstack([x_train, x_real[rest]]), list(train["kinds"]) + [real["kinds"][i] for i in rest],
                     weight=weight)
        for i, kind in zip(held, decided(clf, x_real[held], [real["texts"][i] for i in held])):
            pred[i] = kind
    print(json.dumps({"real_rows": args.real_rows, "real_dev": figures(real["kinds"], pred, real["set"])},
                     ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
