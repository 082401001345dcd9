"""Loaders for the data files in ``data/``: rubrics, cue lexicons, quotations, spinning table.

Code holds mechanisms only; every word list lives in ``data/`` (see data/README.md).
A lexicon entry is a phrase, ``A…B`` (A then B later in the same sentence, at most
``GAP`` characters apart), or, under a ``regex`` key, a Python regular expression.
"""
from __future__ import annotations

import hashlib
import json
import re
import shutil
import tempfile
import weakref
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources as _resources
from itertools import accumulate
from pathlib import Path
from typing import NamedTuple

import yaml

from .prefilter import Alternation, literal_index, literals_by_string, required

GAP = 12
# libyaml's parser where PyYAML was built with it: the same data (tests/test_data.py), about nine times faster
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MEMO = 4096  # texts whose lexicon matches are remembered, per lexicon (a bound: the pipeline forgets them per document)
_NO_SENTENCE_END = r"[^。！？；!?;\n]"


def _locate(folder: str) -> Path:
    """The folder ``data`` or ``models`` as a real directory.

    An installed wheel carries them inside the package (``analyzer/_data``, ``analyzer/_models``,
    see pyproject.toml); a checkout or an editable install has them beside the package. A
    package imported from a zip is extracted once to a temporary folder, because jieba needs
    real files.
    """
    packaged = _resources.files(__package__) / f"_{folder}"
    if not packaged.is_dir():
        return Path(__file__).resolve().parent.parent / folder
    if isinstance(packaged, Path):
        return packaged
    from . import __version__  # one extraction per archive and version, shared by processes

    origin = hashlib.sha256(f"{__file__}\0{__version__}".encode()).hexdigest()[:16]
    target = Path(tempfile.gettempdir()) / f"jingzi-{folder}-{origin}"
    if not target.is_dir():
        staging = Path(tempfile.mkdtemp(prefix=f"jingzi-{folder}-"))
        _copy_tree(packaged, staging)
        try:
            staging.rename(target)
        except OSError:  # another process got there first
            shutil.rmtree(staging, ignore_errors=True)
    return target


def _copy_tree(source, target: Path) -> None:
    for item in source.iterdir():
        if item.is_dir():
            (target / item.name).mkdir()
            _copy_tree(item, target / item.name)
        else:
            with item.open("rb") as src, open(target / item.name, "wb") as dst:
                shutil.copyfileobj(src, dst)


DATA_DIR = _locate("data")
MODELS_DIR = _locate("models")


class Hit(NamedTuple):
    """A literal phrase found by the Aho-Corasick automaton, read like a ``re.Match``."""

    begin: int
    stop: int
    text: str

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.stop

    def group(self, _: int = 0) -> str:
        return self.text


class Lexicon:
    """A compiled set of cue phrases; ``find`` returns the matches with their offsets.

    Literal phrases are found in one pass by an Aho-Corasick automaton (leftmost-longest,
    non-overlapping); ``A…B`` entries and regexes by one regular expression.

    >>> lx = Lexicon("excuse", ["工作忙", "任务重", "基础…差"])
    >>> lx.phrases("主要是工作忙、任务重，基础条件比较差。")
    ['工作忙', '任务重', '基础条件比较差']
    """

    def __init__(self, name: str, entries: list[str], regexes: list[str] = ()):
        import ahocorasick_rs

        self.name = name
        self.entries = list(dict.fromkeys(e for e in entries if e))
        literal = [e for e in self.entries if "…" not in e]
        # a DFA whatever the number of phrases: the library builds one only for small sets, and the
        # automaton it builds otherwise reads Chinese text four times slower (the same matches)
        self.automaton = ahocorasick_rs.AhoCorasick(
            literal, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
            implementation=ahocorasick_rs.Implementation.DFA) if literal else None
        gapped = [e for e in sorted(self.entries, key=len, reverse=True) if "…" in e]
        parts = [phrase_regex(e) for e in gapped] + [f"(?:{r})" for r in regexes]
        self.pattern = re.compile("|".join(parts)) if parts else None
        # raw regexes run one by one, each only where one of the literals it needs stands (次 of \d+次,
        # :mod:`analyzer.prefilter`); A…B entries alone run as the one alternation: each begins with its
        # literal A, which the engine looks ahead for, and so reads a text faster than part by part
        self.alternation = Alternation(parts) if regexes else None
        self.needed = required(self.pattern) if self.pattern else None
        # phrases and A…B gaps never match across a line break (raw regexes may): see find_all
        self.joinable = not regexes and not any("\n" in e for e in self.entries)
        self._memo: dict[str, tuple] = {}
        _LEXICONS.add(self)

    def find(self, text: str) -> tuple:
        """Matches in text order; each has ``start()``, ``end()`` and ``group(0)``.

        The stages of one document ask the same lexicon about the same paragraph or sentence
        many times (roles, summary cues, coverage names, depth): the answers for the latest
        :data:`MEMO` texts are kept, so each text is scanned once."""
        found = self._memo.get(text)
        if found is None:
            if len(self._memo) >= MEMO:
                self._memo.clear()
            found = self._memo[text] = self._scan(text)
        return found

    def _scan(self, text: str) -> tuple:
        hits = [Hit(s, e, text[s:e]) for _, s, e in self.automaton.find_matches_as_indexes(text)] \
            if self.automaton else []
        if self.pattern is not None:
            hits += self.alternation.finditer(text) if self.alternation is not None else self.pattern.finditer(text)
            hits.sort(key=lambda m: m.start())
        return tuple(hits)

    def find_all(self, texts: list[str]) -> tuple[list[int], list[Hit]]:
        """:meth:`find` of every text as one list: each match's text (its index) and the match,
        with offsets in its text.

        A lexicon of phrases and ``A…B`` entries none of which holds a line break reads the texts
        from one scan of them joined by line breaks: no match can hold the join (an ``A…B`` gap
        never spans a line break), and a phrase or gap matches the same characters wherever it
        stands, so the matches of each text are those of the joined text inside it. A lexicon with
        raw regular expressions (which may read across the join) scans the texts one by one."""
        owners, hits = [], []
        if not self.joinable:
            for k, t in enumerate(texts):
                found = self.find(t)
                owners += [k] * len(found)
                hits += found
            return owners, hits
        found = self.find("\n".join(texts))
        ends = list(accumulate(len(t) + 1 for t in texts))  # text k ends at ends[k] - 1, its line break
        for m in found:
            k = bisect_right(ends, m.start())
            base = ends[k - 1] if k else 0
            owners.append(k)
            hits.append(Hit(m.start() - base, m.end() - base, m.group(0)))
        return owners, hits

    def phrases(self, text: str) -> list[str]:
        return [m.group(0) for m in self.find(text)]

    def count(self, text: str) -> int:
        return len(self.find(text))

    def __len__(self) -> int:
        return len(self.entries)


class LexiconSet:
    """Several lexicons asked about the same texts (the cue features of a stage): one automaton over
    the literal phrases of all of them, and the literals their regular expressions need
    (``Lexicon.needed``), tells in one pass which lexicons can match a text at all; only those are
    scanned (:meth:`Lexicon.find`), so the answers are theirs exactly. A lexicon with a regex that
    needs no literal (``\\d+``) is always scanned. (Reading the matches of a lexicon of phrases alone
    from that pass of every occurrence costs more, in Python per occurrence, than the lexicon's own
    scan of the texts it is asked about.)

    >>> cues = LexiconSet({"excuse": Lexicon("excuse", ["工作忙", "基础…差"]), "root": Lexicon("root", ["宗旨意识"])})
    >>> cues.counts("主要是工作忙，基础条件比较差。")
    {'excuse': 2, 'root': 0}
    """

    def __init__(self, lexicons: dict[str, Lexicon]):
        self.lexicons = dict(lexicons)
        self.always, self.owners, self.automaton = literal_index({  # a literal piece -> the lexicons it may match in
            k: None if lx.pattern and not lx.needed else [e for e in lx.entries if "…" not in e] + list(lx.needed or ())
            for k, lx in enumerate(self.lexicons.values())})
        self.positions = {id(lx): k for k, lx in enumerate(self.lexicons.values())}
        self._memo: dict[str, set[int]] = {}
        _LEXICONS.add(self)

    def candidates(self, text: str) -> set[int]:
        """Positions of the lexicons that may match ``text``: those with a piece in it, and those with
        regexes."""
        if self.automaton is None:
            return set(self.always)
        owners = self.owners
        return set(self.always).union(*[owners[i] for i, _, _ in
                                        self.automaton.find_matches_as_indexes(text, overlapping=True)])

    def may_match(self, lx: Lexicon, text: str) -> bool:
        """Can ``lx`` (one of the set's, or any other: then True) match ``text``? The lexicons that can
        are remembered for the latest :data:`MEMO` texts, as a stage asks about each of them in turn."""
        position = self.positions.get(id(lx))
        if position is None:
            return True
        found = self._memo.get(text)
        if found is None:
            if len(self._memo) >= MEMO:
                self._memo.clear()
            found = self._memo[text] = self.candidates(text)
        return position in found

    def __getitem__(self, name: str) -> Lexicon:
        return self.lexicons[name]

    def counts(self, text: str) -> dict[str, int]:
        """Lexicon name -> its number of matches in ``text`` (:meth:`Lexicon.count`)."""
        found = self.candidates(text)
        return {name: lx.count(text) if k in found else 0 for k, (name, lx) in enumerate(self.lexicons.items())}

    def counts_of(self, texts: list[str]) -> dict[str, list[int]]:
        """:meth:`counts` of every text, by lexicon name. Which lexicons may match each text is read from
        one scan of the set's literals over the texts joined (:func:`~analyzer.prefilter.literals_by_string`),
        not one scan per text; each lexicon asked counts its own matches of the text."""
        found = [set(self.always) for _ in texts]
        if self.automaton is not None:
            for k, i in literals_by_string(self.automaton, texts):
                found[k].update(self.owners[i])
        return {name: [lx.count(t) if k in f else 0 for t, f in zip(texts, found)]
                for k, (name, lx) in enumerate(self.lexicons.items())}


_LEXICONS: "weakref.WeakSet" = weakref.WeakSet()  # every Lexicon and LexiconSet made, for forget_matches


def forget_with_matches(holder) -> None:
    """Have :func:`forget_matches` clear ``holder._memo`` too (a per-text memo kept beside the lexicons')."""
    _LEXICONS.add(holder)


def forget_matches() -> None:
    """Forget the matches every lexicon remembers (:data:`MEMO` texts each). The memo lets the stages
    of one document share what a lexicon found in its texts; the pipeline forgets it before each
    document, so that a long batch keeps no earlier document's texts (memory flat in the number of
    documents) and a benchmark's rounds read the same texts as new documents."""
    for lx in list(_LEXICONS):
        lx._memo.clear()


def phrase_regex(entry: str) -> str:
    """Regex of a lexicon entry: a literal phrase, or ``A…B`` within one sentence."""
    pieces = [re.escape(p) for p in entry.split("…") if p]
    return f"(?:{pieces[0]})" if len(pieces) == 1 else "(?:" + f"{_NO_SENTENCE_END}{{0,{GAP}}}?".join(pieces) + ")"


@lru_cache(maxsize=None)
def load_yaml(relpath: str) -> dict:
    with open(DATA_DIR / relpath, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=YAML_LOADER) or {}


@lru_cache(maxsize=None)
def lexicon(file: str, key: str, regex_key: str | None = None) -> Lexicon:
    """Lexicon from ``data/lexicons/<file>.yaml``: phrases under ``key`` (+ regexes under ``regex_key``)."""
    data = load_yaml(f"lexicons/{file}.yaml")
    entries = [str(x) for x in data.get(key) or []] if key else []
    regexes = [str(x) for x in data.get(regex_key) or []] if regex_key else []
    return Lexicon(f"{file}.{key or regex_key}", entries, regexes)


@dataclass
class Category:
    id: str
    label: str
    definition: str
    names: list[str]
    groups: dict[str, list[str]]  # manifestation group label -> patterns

    @property
    def patterns(self) -> list[str]:
        return [p for ps in self.groups.values() for p in ps]


@dataclass
class Rubric:
    id: str
    label: str
    categories: list[Category]

    def category(self, cid: str) -> Category:
        return next(c for c in self.categories if c.id == cid)

    @property
    def ids(self) -> list[str]:
        return [c.id for c in self.categories]

    @property
    def digest(self) -> str:
        """sha256 of what a coverage model's columns depend on: categories, names, patterns."""
        spec = [[c.id, c.names, [[g, ps] for g, ps in c.groups.items()]] for c in self.categories]
        return hashlib.sha256(json.dumps([self.id, spec], ensure_ascii=False).encode("utf-8")).hexdigest()


def rubric_names() -> list[str]:
    return sorted(p.stem for p in (DATA_DIR / "rubrics").glob("*.yaml"))


@lru_cache(maxsize=None)
def load_rubric(name_or_file: str = "four-styles") -> Rubric:
    """A rubric by name (``data/rubrics/<name>.yaml``) or from a YAML file path."""
    path = Path(name_or_file)
    if not path.suffix:
        path = DATA_DIR / "rubrics" / f"{name_or_file}.yaml"
    if not path.is_file():
        from .errors import SetupError

        raise SetupError("unknown_rubric", f"没有评分表 / no rubric {name_or_file!r}; 已有 / known: "
                                           f"{', '.join(rubric_names())}")
    with open(path, encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=YAML_LOADER)
    cats = [
        Category(c["id"], c["label"], c.get("definition", ""), list(c.get("names") or [c["label"]]),
                 {g["label"]: [str(p) for p in g["patterns"]] for g in c["groups"]})
        for c in data["categories"]
    ]
    return Rubric(data["id"], data.get("label", data["id"]), cats)


SPINNING_PATH = DATA_DIR / "spinning.tsv"
QUOTATIONS_PATH = DATA_DIR / "quotations.txt"


def load_quotations(path: str | Path = QUOTATIONS_PATH) -> list[str]:
    """Official formulations materials legitimately quote: one per line, ``#`` comments."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [s.strip() for s in lines if s.strip() and not s.lstrip().startswith("#")]


def load_spinning(path: str | Path = SPINNING_PATH) -> dict[str, list[str]]:
    """The 伪原创 synonym-swap table (TSV, header ``original<TAB>spun``, ``#`` comments)
    as original -> [spun words]; a malformed row raises ``ValueError``."""
    table: dict[str, list[str]] = {}
    rows = [line for line in Path(path).read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    for lineno, line in enumerate(rows[1:], 2):
        cells = [cell.strip() for cell in line.split("\t")]
        if len(cells) < 2 or not cells[0] or not cells[1]:
            raise ValueError(f"{path}: row {lineno} is not original<TAB>spun: {line!r}")
        spun = table.setdefault(cells[0], [])
        if cells[0] != cells[1] and cells[1] not in spun:
            spun.append(cells[1])
    return table
