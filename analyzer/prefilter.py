"""Literal pre-checks for regular expressions asked about many short strings (the sentences of a text).

A regular expression's syntax tree tells which literal strings every match must contain: ``毛病|缺点``
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
from itertools import product
from re import _constants as sre
from re import _parser as sre_parse

_WIDTH = 64  # the most alternative spellings kept for one piece of a pattern


def required(pattern: re.Pattern) -> set[str] | None:
    """Literal strings one of which every match of ``pattern`` contains, or None when there is no such set."""
    if pattern.flags & re.IGNORECASE:
        return None
    return _required(sre_parse.parse(pattern.pattern, pattern.flags))


def _required(items) -> set[str] | None:
    """One of these strings is in every match of a sequence: the spellings of a run of fixed
    pieces (characters, small classes, short alternations), or what one of its parts requires;
    of these, the set whose shortest string is longest."""
    found, run = [], {""}
    for op, av in list(items) + [(None, None)]:
        spelled = _spellings(op, av) if op is not None else None
        if spelled is not None:
            run = {a + b for a, b in product(run, spelled)}
            if len(run) <= _WIDTH:
                continue
        if run and "" not in run:
            found.append(run)
        run = {""}
        if op is not None and spelled is None:
            found.append(_required_part(op, av))
    found = [f for f in found if f and "" not in f]
    return max(found, key=lambda f: (min(map(len, f)), -len(f))) if found else None


def _required_part(op, av) -> set[str] | None:
    if op is sre.SUBPATTERN:
        return None if av[1] or av[2] else _required(av[3])
    if op is sre.BRANCH:
        out = set()
        for alternative in av[1]:
            needed = _required(alternative)
            if needed is None:
                return None
            out |= needed
        return out
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1:
        return _required(av[2])
    return None


def _spellings(op, av) -> set[str] | None:
    """Every string one parsed item can match, when they are few (an assertion matches ""), or None."""
    if op is sre.LITERAL:
        return {chr(av)}
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return {""}
    if op is sre.IN:
        return {chr(c) for _, c in av} if len(av) <= 8 and all(o is sre.LITERAL for o, _ in av) else None
    if op is sre.SUBPATTERN:
        return None if av[1] or av[2] else _sequence_spellings(av[3])
    if op is sre.BRANCH:
        out = set()
        for alternative in av[1]:
            spelled = _sequence_spellings(alternative)
            if spelled is None:
                return None
            out |= spelled
        return out if len(out) <= _WIDTH else None
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[1] <= 2:
        spelled = _sequence_spellings(av[2])
        if spelled is None:
            return None
        out = {"".join(p) for n in range(av[0], av[1] + 1) for p in product(spelled, repeat=n)}
        return out if len(out) <= _WIDTH else None
    return None


def _sequence_spellings(items) -> set[str] | None:
    out = {""}
    for op, av in items:
        spelled = _spellings(op, av)
        if spelled is None:
            return None
        out = {a + b for a, b in product(out, spelled)}
        if len(out) > _WIDTH:
            return None
    return out


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
        import ahocorasick_rs

        self.whole = re.compile("|".join(parts))
        self.parts = [re.compile(p) for p in parts]
        self.by_part = all(_separable(p) for p in self.parts)
        owners: dict[str, set[int]] = {}
        self.always = set()
        for k, part in enumerate(self.parts):
            needed = required(part)
            if needed is None:
                self.always.add(k)
            for literal in needed or ():
                owners.setdefault(literal, set()).add(k)
        self.owners = [frozenset(ks) for ks in owners.values()]
        self.automaton = ahocorasick_rs.AhoCorasick(list(owners)) if owners else None

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
    tree = sre_parse.parse(pattern.pattern, pattern.flags)
    return tree.getwidth()[0] > 0 and not any(op in (sre.GROUPREF, sre.GROUPREF_EXISTS) for op in _ops(tree))


def _ops(items):
    for op, av in items:
        yield op
        for sub in av if isinstance(av, (list, tuple)) else ():
            if isinstance(sub, sre_parse.SubPattern):
                yield from _ops(sub)
            elif isinstance(sub, list):
                for alt in sub:
                    if isinstance(alt, sre_parse.SubPattern):
                        yield from _ops(alt)


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
        import ahocorasick_rs

        self.patterns = dict(patterns)
        owners: dict[str, set[str]] = {}
        self.always = set()
        for name, pattern in self.patterns.items():
            needed = required(pattern)
            if needed is None:
                self.always.add(name)
            for literal in needed or ():
                owners.setdefault(literal, set()).add(name)
        self.owners = [frozenset(names) for names in owners.values()]
        self.automaton = ahocorasick_rs.AhoCorasick(list(owners)) if owners else None

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
