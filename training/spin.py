"""Deterministic generators of plagiarised variants, for evaluation and for the corpus.

A source is ``(name, paragraphs)``. Every generator returns a :class:`Variant`: the new
paragraphs, the source paragraph each one inherits its labels from, and the true
shares: for each source, the share of the variant's non-whitespace characters taken
from it (spun words count as taken).

    python -m training.spin build-family [--root ID] [--count 32] [--seed 7]

writes a family of copies of one written material (and of a few co-sources of the
same kind, rubric, script and split, for the partial and mosaic copies) to
``data/corpus/copies/``. Roots and co-sources are simplified-script materials outside
deep/shallow pairs, so the family is one group that fits in one split: ``family``
names the root and ``copy_of`` lists every source a copy takes from.
"""
from __future__ import annotations

import argparse
import random
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from analyzer.copydetect import nonspace_count
from analyzer.resources import SPINNING_PATH, load_spinning
from training.corpus import DATA_DIR, load_corpus, rubric_categories, load_file, load_splits

Source = tuple[str, list[str]]
SENTENCE = re.compile(r"[^。！？；]+[。！？；]*")


@dataclass
class Variant:
    """Generated paragraphs; ``origin[i]`` = (source name, paragraph index) of paragraph i;
    ``spans`` = (start, end, source) of every piece of ``text``."""
    paragraphs: list[str]
    origin: list[tuple[str, int]]
    shares: dict[str, float] = field(default_factory=dict)
    spans: list[tuple[int, int, str]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


def _build(rows: list[tuple[tuple[str, int], list[tuple[str, str]]]]) -> Variant:
    """Assemble paragraphs from (origin, [(source, piece), ...]) rows and count the shares."""
    chars: dict[str, int] = defaultdict(int)
    spans, at = [], 0
    for _, pieces in rows:
        for name, piece in pieces:
            chars[name] += nonspace_count(piece)
            spans.append((at, at + len(piece), name))
            at += len(piece)
        at += 1  # the newline between paragraphs
    total = max(sum(chars.values()), 1)
    return Variant(["".join(p for _, p in pieces) for _, pieces in rows], [o for o, _ in rows],
                   {name: round(n / total, 4) for name, n in sorted(chars.items())}, spans)


def source(name: str, text: str) -> Source:
    """A source from a text with one paragraph per line."""
    return name, [p for p in text.split("\n") if p.strip()]


def verbatim(src: Source) -> Variant:
    name, paras = src
    return _build([((name, i), [(name, p)]) for i, p in enumerate(paras)])


def spin(src: Source, rate: float, seed: int, table: dict[str, list[str]] | None = None) -> Variant:
    """Replace ``rate`` of the occurrences of replaceable words by a spun synonym."""
    table = load_spinning() if table is None else table
    name, paras = src
    words = sorted(table, key=len, reverse=True)
    pattern = re.compile("|".join(map(re.escape, words))) if words else None
    hits = [(i, m) for i, p in enumerate(paras) for m in (pattern.finditer(p) if pattern else ())]
    rng = random.Random(seed)
    chosen = sorted(rng.sample(range(len(hits)), round(rate * len(hits))), reverse=True)
    out = list(paras)
    for h in chosen:
        i, m = hits[h]
        out[i] = out[i][:m.start()] + rng.choice(table[m.group()]) + out[i][m.end():]
    return _build([((name, i), [(name, p)]) for i, p in enumerate(out)])


ENUMERATION = {"一是": "首先", "二是": "其次", "三是": "再次", "四是": "此外", "五是": "另外"}
CONNECTIVES = ("同时", "而且", "另外", "此外", "确实", "也")
FUNCTION_WORDS = re.compile("[的了地]")
CLAUSE = re.compile(r"[^，,]+[，,]?")


def reword(src: Source, seed: int, rate: float = 0.3, table: dict[str, list[str]] | None = None) -> Variant:
    """Sentence-level rewording, as a person disguising a copy does: in each sentence two
    clauses swap places (when it has two or more), 的/了/地 are dropped or a connective is
    put in front of a clause, 一是/二是 … become 首先/其次 …, and ``rate`` of the replaceable
    words are spun. Every character still counts as taken from the source."""
    rng = random.Random(seed)
    name, paras = src
    out = []
    for para in paras:
        sentences = []
        for sentence in SENTENCE.findall(para):
            body, end = sentence.rstrip("。！？；"), sentence[len(sentence.rstrip("。！？；")):]
            clauses = [c.rstrip("，,") for c in CLAUSE.findall(body)]
            if len(clauses) >= 2:
                i = rng.randrange(len(clauses) - 1)
                clauses[i], clauses[i + 1] = clauses[i + 1], clauses[i]
            clauses = [FUNCTION_WORDS.sub("", c) if rng.random() < 0.5 else c for c in clauses]
            clauses = [rng.choice(CONNECTIVES) + c if rng.random() < 0.3 else c for c in clauses]
            text = "，".join(clauses) + end
            for old, new in ENUMERATION.items():
                text = text.replace(old, new)
            sentences.append(text)
        out.append("".join(sentences) or para)
    return spin((name, out), rate, seed, table)


def reordered(src: Source, seed: int) -> Variant:
    """The source's paragraphs in a shuffled order."""
    name, paras = src
    order = list(range(len(paras)))
    random.Random(seed).shuffle(order)
    return _build([((name, i), [(name, paras[i])]) for i in order])


def partial(src: Source, other: Source, share: float, seed: int) -> Variant:
    """About ``share`` of the result is paragraphs of ``src`` inserted into ``other``."""
    rng = random.Random(seed)
    (name, paras), (oname, opars) = src, other
    size = sum(map(nonspace_count, opars))
    taken, got = [], 0
    for i in rng.sample(range(len(paras)), len(paras)):
        if got >= share * size:
            break
        taken.append(i)
        got += nonspace_count(paras[i])
    kept = [i for i in range(len(opars)) if rng.random() < (size - got) / size]
    rows = [((oname, i), [(oname, opars[i])]) for i in kept]
    for i in taken:
        rows.insert(rng.randint(0, len(rows)), ((name, i), [(name, paras[i])]))
    return _build(rows)


def mosaic(sources: list[Source], seed: int, swap: float = 0.5) -> Variant:
    """Paragraphs taken in turn from the sources at the same relative position, each of
    their sentences swapped with probability ``swap`` for a sentence of another source."""
    rng = random.Random(seed)
    length = round(sum(len(p) for _, p in sources) / len(sources))
    offset, rows = rng.randrange(len(sources)), []
    for slot in range(length):
        s = (slot + offset) % len(sources)
        name, paras = sources[s]
        i = min(len(paras) - 1, slot * len(paras) // length)
        pieces = []
        for sentence in SENTENCE.findall(paras[i]):
            if len(sources) > 1 and rng.random() < swap:
                oname, opars = sources[(s + rng.randrange(1, len(sources))) % len(sources)]
                j = min(len(opars) - 1, slot * len(opars) // length)
                sentence = rng.choice(SENTENCE.findall(opars[j]) or [opars[j]])
                pieces.append((oname, sentence))
            else:
                pieces.append((name, sentence))
        rows.append(((name, i), pieces))
    return _build(rows)


# --- the corpus copy family -------------------------------------------------------

PLAN = (  # (kind, spin rate, partial share), in the order of the k ids
    [("verbatim", 0.0, 0.0)] * 2
    + [("spun", r, 0.0) for r in (0.1, 0.2, 0.3, 0.4, 0.5, 0.6) for _ in range(2)]
    + [("reordered", 0.0, 0.0)] * 4
    + [("partial", 0.0, s) for s in (0.2, 0.3, 0.4, 0.5, 0.6, 0.7)]
    + [("mosaic", 0.0, 0.0)] * 8
)


def _family(docs: dict, root: str, co: list[str], count: int, seed: int, table: dict) -> list[tuple[dict, Variant]]:
    """Plan and generate ``count`` copies; returns (copy_of entries, variant) per copy."""
    rng = random.Random(seed)
    src = {i: (i, [p.text for p in docs[i].paragraphs]) for i in [root, *co]}
    out = []
    for n in range(count):
        kind, rate, share = PLAN[n % len(PLAN)]
        s = rng.randrange(10 ** 6)
        if kind == "verbatim":
            v = verbatim(src[root])
        elif kind == "spun":
            v = spin(src[root], rate, s, table)
        elif kind == "reordered":
            v = reordered(src[root], s)
        elif kind == "partial":
            first, other = (root, rng.choice(co)) if n % 2 else (rng.choice(co), root)
            v = partial(src[first], src[other], share, s)
        else:
            chosen = [root, *rng.sample(co, rng.randint(1, len(co)))]
            v = mosaic([src[i] for i in chosen], s)
        copy_of = [{"source": i, "share": round(sh, 3), "kind": kind, "rate": rate}
                   for i, sh in sorted(v.shares.items(), key=lambda x: -x[1])]
        out.append((copy_of, v))
    return out


def _write_copy(path: Path, cid: str, root: str, copy_of: list[dict], v: Variant, docs: dict) -> None:
    main = docs[copy_of[0]["source"]]
    labelled = [docs[s].paragraphs[i] for s, i in v.origin]
    styles = {c for p in labelled if p.role == "problem" for c in p.styles}
    covered = [c for c in rubric_categories()[main.rubric] if c in styles]
    meta = {k: main.meta[k] for k in ("title", "kind", "unit", "author", "rubric", "register", "script",
                                      "headings", "depth") if k in main.meta}
    meta = {"id": cid, **meta, "covered": covered, "flaws": list(main.meta["flaws"]),
            "family": root, "copy_of": copy_of}
    lines = [f"{p.role}|{','.join(p.styles)}|{int(p.summary_like)}|{text}"
             for p, text in zip(labelled, v.paragraphs)]
    header = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, default_flow_style=None, width=200)
    path.write_text(f"---\n{header}---\n" + "\n".join(lines) + "\n", encoding="utf-8")


def build_family(root: str | None = None, count: int = 32, seed: int = 7, co_sources: int = 3) -> list[Path]:
    """Write ``count`` copies (ids k001…) of a root material and its co-sources."""
    written = {d.id: d for d in load_corpus() if d.path.parent.name == "written"}
    rng = random.Random(seed)
    plain = sorted(i for i, d in written.items()
                   if d.group == "doc:" + i and d.meta.get("script", "simplified") == "simplified")
    root = root or rng.choice(plain)
    same = [i for i in plain if i != root and written[i].meta["kind"] == written[root].meta["kind"]
            and written[i].rubric == written[root].rubric and written[i].split == written[root].split]
    co = sorted(rng.sample(same, co_sources))
    table = load_spinning(SPINNING_PATH)
    out_dir = DATA_DIR / "corpus" / "copies"
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("k*.txt"):
        old.unlink()
    paths = []
    for n, (copy_of, v) in enumerate(_family(written, root, co, count, seed, table), 1):
        path = out_dir / f"k{n:03d}.txt"
        _write_copy(path, f"k{n:03d}", root, copy_of, v, written)
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m training.spin")
    sub = parser.add_subparsers(dest="command", required=True)
    fam = sub.add_parser("build-family", help="write a copy family to data/corpus/copies/")
    fam.add_argument("--root", help="id of the written material to copy (default: chosen by seed)")
    fam.add_argument("--count", type=int, default=32)
    fam.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    paths = build_family(args.root, args.count, args.seed)
    copies = [load_file(p) for p in paths]
    sources = sorted({c["source"] for d in copies for c in d.copy_of})
    splits = load_splits()
    members = ", ".join(f"{s} ({splits.get(s, 'no split')})" for s in sources)
    print(f"wrote {len(paths)} copies to {paths[0].parent}: family {copies[0].meta['family']}, sources {members}")


if __name__ == "__main__":
    main()
