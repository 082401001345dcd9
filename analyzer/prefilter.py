"""Literal pre-checks for regular expressions asked about many short strings (the sentences of a text).

A regular expression's text tells which literal strings every match must contain
(:func:`analyzer.regex_syntax.required`): ``毛病|缺点``
needs 毛病 or 缺点, ``(?<!自)我(?!国)`` needs 我, ``[汇匯][报報]如下`` one of four spellings. Assertions
(``^``, ``$``, lookarounds) are left out of the requirement, so it holds whatever the string around a
match: a pattern none of whose literals is in a string cannot match it, nor any part of it, and is not
run there (:class:`Alternation`). A pattern with no such literal (``\\d+``) is always run.

A :class:`PatternSet` asked about a list of strings (a document's sentences) finds the literals of all
its patterns with one Aho-Corasick scan of the strings joined, and runs a pattern only on the strings that
hold one of its literals. The answers are the patterns' own, only fewer of them are computed.

>>> sorted(required(re.compile(r"(?<!自)我(?!国)|本人")))
['我', '本人']
>>> sorted(required(re.compile(r"[现現]在?[将將].{0,30}[汇匯]报如下")))
['匯报如下', '汇报如下']
>>> required(re.compile(r"\\d+项")), required(re.compile(r"\\d+"))
({'项'}, None)
"""
from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from .regex_syntax import read, required

__all__ = ["Alternation", "PatternAnswers", "PatternSet", "literal_index", "required"]


def literal_index(needs: dict) -> tuple[set, list[frozenset], object | None]:
    """For literals by key (None: the key needs none and is always run): the keys always run, and
    one Aho-Corasick automaton over every literal with, per literal, the keys it stands for."""
    import ahocorasick_rs

    owners: dict[str, set] = {}
    always = set()
    for key, literals in needs.items():
        if literals is None:
            always.add(key)
        for literal in literals or ():
            owners.setdefault(literal, set()).add(key)
    automaton = ahocorasick_rs.AhoCorasick(list(owners)) if owners else None
    return always, [frozenset(keys) for keys in owners.values()], automaton


class Alternation:
    """``re.compile("|".join(parts)).finditer(text)``, found part by part: only the parts whose required
    literals are in ``text`` are searched, each on its own (where the engine's own prefix search helps),
    and the leftmost match wins, the earliest part on a tie, as in the alternation. The matches are the
    parts' (``start()``, ``end()`` and ``group(0)`` as the alternation's). Parts that can match the empty
    string or refer back to a group are searched as the one alternation.

    >>> [m.group(0) for m in Alternation([r"在\\S{0,3}时", r"\\d+次", "时"]).finditer("在开会时讲了3次，那时")]
    ['在开会时', '3次', '时']
    """

    def __init__(self, parts: list[str]):
        self.whole = re.compile("|".join(parts))
        self.parts = [re.compile(p) for p in parts]
        self.by_part = all(_separable(p) for p in self.parts)
        self.always, self.owners, self.automaton = literal_index({k: required(p) for k, p in enumerate(self.parts)})

    def finditer(self, text: str) -> list:
        if not self.by_part:
            return list(self.whole.finditer(text))
        present = set(self.always)
        if self.automaton is not None:
            for i, _, _ in self.automaton.find_matches_as_indexes(text, overlapping=True):
                present |= self.owners[i]
        parts = self.parts
        heads = []  # (start, part, match): each present part's next match
        for k in present:
            m = parts[k].search(text)
            if m:
                heads.append((m.start(), k, m))
        out = []
        while heads:
            _, _, m = min(heads)
            out.append(m)
            end = m.end()  # the alternation goes on from here: parts whose next match began earlier search again
            kept = []
            for start, k, match in heads:
                if start < end:
                    match = parts[k].search(text, end)
                    if match is None:
                        continue
                    start = match.start()
                kept.append((start, k, match))
            heads = kept
        return out


def _separable(pattern: re.Pattern) -> bool:
    """Can the pattern be searched apart from its alternation: it never matches the empty string and
    refers back to no group (whose number would change)."""
    piece = read(pattern)
    return piece is not None and piece.shortest > 0 and not piece.backref


class _Absent:
    """Stands for a pattern in a string holding none of its required literals: it matches nowhere in
    that string or a part of it; any other string (one a substitution made) is searched for real."""

    __slots__ = ("pattern", "home")

    def __init__(self, pattern: re.Pattern, home: list[str]):
        self.pattern, self.home = pattern, home

    def search(self, text: str):
        return None if text in self.home[0] else self.pattern.search(text)

    def findall(self, text: str) -> list:
        return [] if text in self.home[0] else self.pattern.findall(text)

    def sub(self, repl, text: str, count: int = 0) -> str:
        return text if text in self.home[0] else self.pattern.sub(repl, text, count)


class _Counted:
    """A lexicon's matches counted in every string of a :class:`PatternAnswers` from one reading of them
    all (``Lexicon.find_all``); another string is counted for real."""

    __slots__ = ("lexicon", "answers", "_counts")

    def __init__(self, lexicon, answers: "PatternAnswers"):
        self.lexicon, self.answers, self._counts = lexicon, answers, None

    def count(self, text: str) -> int:
        answers = self.answers
        if text != answers.home[0] or answers.index < 0:
            return self.lexicon.count(text)
        if self._counts is None:
            self._counts = [0] * len(answers.strings)
            for k in self.lexicon.find_all(answers.strings)[0]:
                self._counts[k] += 1
        return self._counts[answers.index]


class PatternSet:
    """Named regular expressions, and lexicons, asked about the strings of many lists (the sentences of
    each text): :meth:`over` one list."""

    def __init__(self, patterns: dict[str, re.Pattern], lexicons: dict | None = None):
        self.patterns = dict(patterns)
        self.lexicons = dict(lexicons or {})
        needs = {name: required(p) for name, p in self.patterns.items()}
        # strings are read joined by line breaks: a literal holding one could span two, its pattern is always run
        self.always, owners, self.automaton = literal_index(
            {name: None if literals and any("\n" in s for s in literals) else literals for name, literals in needs.items()})
        self.owners = [{name: self.patterns[name] for name in keys} for keys in owners]

    def over(self, strings: list[str]) -> "PatternAnswers":
        """The patterns and lexicons asked about ``strings`` (one thread's)."""
        return PatternAnswers(self, strings)


class PatternAnswers:
    """The patterns and lexicons of a :class:`PatternSet` asked about one list of strings: ``at(i)`` is
    name -> the pattern where string ``i`` holds one of the literals every match of it needs, else an
    :class:`_Absent` stand-in that matches nothing in string ``i`` or a part of it; for a lexicon, a
    stand-in whose ``count`` of string ``i`` is read from one scan of all the strings. Which patterns a
    string holds the literals of is read from one scan of the strings joined by line breaks (no literal
    holds one), its matches handed to the strings by offset.

    >>> answers = PatternSet({"done": re.compile("完成|开展"), "count": re.compile(r"\\d+次")}).over(
    ...     ["我局开展培训3次", "完成了", "计划"])
    >>> rx = answers.at(0)
    >>> rx["count"].findall("我局开展培训3次"), rx["done"].search("我局开展培训3次").span()
    (['3次'], (2, 4))
    >>> answers.at(2)["done"].search("计划") is None
    True
    """

    def __init__(self, patterns: PatternSet, strings: list[str]):
        self.strings, self.index, self.home = strings, -1, [""]
        self.base = {name: _Absent(p, self.home) for name, p in patterns.patterns.items()}
        self.base.update({name: patterns.patterns[name] for name in patterns.always})
        self.base.update({name: _Counted(lx, self) for name, lx in patterns.lexicons.items()})
        self.present: list[dict] = [{} for _ in strings]  # per string, name -> pattern of those whose literals it holds
        if patterns.automaton is not None and strings:
            present, owners = self.present, patterns.owners
            ends = list(accumulate(len(s) + 1 for s in strings))  # string k ends at ends[k] - 1, its line break
            for i, start, _ in patterns.automaton.find_matches_as_indexes("\n".join(strings), overlapping=True):
                present[bisect_right(ends, start)].update(owners[i])

    def at(self, i: int) -> dict:
        self.index = i
        self.home[0] = self.strings[i]
        rx = self.base.copy()
        rx.update(self.present[i])
        return rx
