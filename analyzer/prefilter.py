"""Literal pre-checks for regular expressions asked about many short strings (the sentences of a text).

A regular expression's text tells which literal strings every match must contain
(:func:`analyzer.regex_syntax.required`): ``毛病|缺点``
needs 毛病 or 缺点, ``(?<!自)我(?!国)`` needs 我, ``[汇匯][报報]如下`` one of four spellings. Assertions
(``^``, ``$``, lookarounds) are left out of the requirement, so it holds whatever the string around a
match: a pattern none of whose literals is in a string cannot match it, nor any part of it, and is not
run there (:class:`Alternation`). A pattern with no such literal (``\\d+``) is always run.

:func:`literal_index` builds one Aho-Corasick automaton over the literals of many patterns, so that one
scan of a text (or of many strings joined) tells which patterns can match where
(:func:`analyzer.kinds.sentence_matches`, :class:`analyzer.resources.LexiconSet`). The answers are the
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
from bisect import bisect_right
from itertools import accumulate

from .regex_syntax import read, required

__all__ = ["Alternation", "literal_index", "literals_by_string", "masks_by_string", "required"]


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


def literals_by_string(automaton, strings: list[str]):
    """(string number, literal number) of every literal of ``automaton`` (all matches, overlapping) in
    ``strings``, from one scan of them joined by line breaks: each match is handed to the string it
    starts in (one reaching over a line break into the next string is a candidate only, never a miss)."""
    ends = list(accumulate(len(s) + 1 for s in strings))  # string k ends at ends[k] - 1, its line break
    for i, start, _ in automaton.find_matches_as_indexes("\n".join(strings), overlapping=True):
        yield bisect_right(ends, start), i


def masks_by_string(automaton, masks: list[int], strings: list[str], always: int = 0) -> list[int]:
    """Per string, ``always`` or'ed with ``masks[i]`` of every literal ``i`` of ``automaton`` in it (bit masks of
    what each literal stands for), from one scan of the strings joined (:func:`literals_by_string`)."""
    out = [always] * len(strings)
    for k, i in literals_by_string(automaton, strings):
        out[k] |= masks[i]
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
