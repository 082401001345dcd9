"""Literal pre-checks for regular expressions asked about many short strings (the sentences of a text).

A regular expression's text tells which literal strings every match must contain
(:func:`analyzer.regex_syntax.required`): ``毛病|缺点``
needs 毛病 or 缺点, ``(?<!自)我(?!国)`` needs 我, ``[汇匯][报報]如下`` one of four spellings. Assertions
(``^``, ``$``, lookarounds) are left out of the requirement, so it holds whatever the string around a
match. :class:`PatternSet` runs one Aho-Corasick automaton over the required literals of all its
patterns per string; a pattern none of whose literals is in the string cannot match it, nor any part of
it, and is not run. A pattern with no such literal (``\\d+``) is always run. The answers are the
patterns' own, only fewer of them are computed.

>>> sorted(required(re.compile(r"(?<!自)我(?!国)|本人")))
['我', '本人']
>>> sorted(required(re.compile(r"[现現]在?[将將].{0,30}[汇匯]报如下")))
['匯报如下', '汇报如下']
>>> required(re.compile(r"\\d+项")), required(re.compile(r"\\d+"))
({'项'}, None)
"""
from __future__ import annotations

import re

from .regex_syntax import read, required

__all__ = ["Alternation", "PatternSet", "PatternView", "literal_index", "required"]


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


class PatternSet:
    """Named regular expressions asked about many strings (see the module doc)."""

    def __init__(self, patterns: dict[str, re.Pattern]):
        self.patterns = dict(patterns)
        self.always, self.owners, self.automaton = literal_index({name: required(p) for name, p in self.patterns.items()})

    def view(self) -> "PatternView":
        """The patterns of one pass over a text's strings (one thread's)."""
        return PatternView(self)


class PatternView:
    """``at(string)``: name -> the pattern, or an :class:`_Absent` stand-in where it cannot match. One
    dict serves every string of the pass: only the entries of the patterns present change."""

    def __init__(self, patterns: PatternSet):
        self.set = patterns
        self.home = [""]
        self.current = {name: _Absent(p, self.home) for name, p in patterns.patterns.items()}
        self.absent = dict(self.current)
        self.present: set[str] = set()
        self._show(patterns.always)

    def _show(self, names) -> None:
        for name in names:
            self.current[name] = self.set.patterns[name]

    def at(self, text: str) -> dict:
        self.home[0] = text
        present = set()
        if self.set.automaton is not None:
            owners = self.set.owners
            for i, _, _ in self.set.automaton.find_matches_as_indexes(text, overlapping=True):
                present |= owners[i]
        for name in self.present - present:
            self.current[name] = self.absent[name]
        self._show(present - self.present)
        self.present = present
        return self.current
