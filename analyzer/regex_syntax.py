"""What every match of a regular expression must contain, read from the pattern's text.

A small reader of the regular-expression syntax our lexicons use (literals, escapes, character
classes, groups, alternation, lookarounds, anchors, quantifiers), written against the pattern
string itself so that nothing depends on the ``re`` module's private parser. Whatever it does not
know (inline flags other than a leading ``(?m)`` or ``(?s)``, conditionals, ``\\N{…}``,
``\\x``/``\\u`` escapes …) makes the answer "unknown", which only means the pattern is always run.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import product

_WIDTH = 64  # the most alternative spellings kept for one piece of a pattern
_CLASS_ESCAPES = set("dDsSwW")
_ASSERT_ESCAPES = set("bBAZ")
_LINE_FLAGS = re.compile(r"\(\?[ms]+\)")
_CHAR_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}


class _Unknown(Exception):
    """Syntax this reader does not follow."""


@dataclass(frozen=True)
class Piece:
    """What a piece of a pattern can match: every spelling when they are few (else None), a set of
    literals one of which every match contains (or None), the shortest match's length, and whether
    it refers back to a group."""
    spell: frozenset | None
    needs: frozenset | None
    shortest: int
    backref: bool = False


_ASSERTION = Piece(frozenset({""}), None, 0)
_ANY_CHAR = Piece(None, None, 1)


def read(pattern: re.Pattern) -> Piece | None:
    """The :class:`Piece` of a whole compiled pattern, or None where the reader cannot say."""
    if pattern.flags & (re.IGNORECASE | re.VERBOSE) or not isinstance(pattern.pattern, str):
        return None
    # leading (?m) or (?s) only changes where ^ and $ assert and what . matches: no literal a match holds
    flags = _LINE_FLAGS.match(pattern.pattern)
    reader = _Reader(pattern.pattern[flags.end():] if flags else pattern.pattern)
    try:
        piece = reader.alternation()
        if reader.i != len(reader.s):
            raise _Unknown(reader.i)
    except _Unknown:
        return None
    return piece


def required(pattern: re.Pattern) -> set[str] | None:
    """Literal strings one of which every match of ``pattern`` contains, or None when there is none.

    >>> sorted(required(re.compile(r"(?<!自)我(?!国)|本人")))
    ['我', '本人']
    >>> sorted(required(re.compile(r"[现現]在?[将將].{0,30}[汇匯]报如下")))
    ['匯报如下', '汇报如下']
    >>> required(re.compile(r"\\d+项")), required(re.compile(r"\\d+")), required(re.compile(r"(?i)ab"))
    ({'项'}, None, None)
    """
    piece = read(pattern)
    return set(piece.needs) if piece is not None and piece.needs else None


def _best(candidates: list) -> frozenset | None:
    found = [c for c in candidates if c and "" not in c]
    return max(found, key=lambda c: (min(map(len, c)), -len(c))) if found else None


def _join(a: frozenset | None, b: frozenset | None) -> frozenset | None:
    if a is None or b is None:
        return None
    out = frozenset(x + y for x, y in product(a, b))
    return out if len(out) <= _WIDTH else None


def _sequence(items: list[Piece]) -> Piece:
    candidates, run = [], frozenset({""})
    for item in items:
        joined = _join(run, item.spell)
        if joined is not None:
            run = joined
            continue
        candidates.append(run)
        candidates.append(item.needs)
        run = item.spell if item.spell is not None else frozenset({""})
    candidates.append(run)
    spell = frozenset({""})
    for item in items:
        spell = _join(spell, item.spell)
    return Piece(spell, _best(candidates), sum(i.shortest for i in items), any(i.backref for i in items))


def _branches(branches: list[Piece]) -> Piece:
    if len(branches) == 1:
        return branches[0]
    spell = None
    if all(b.spell is not None for b in branches):
        spell = frozenset().union(*(b.spell for b in branches))
        spell = spell if len(spell) <= _WIDTH else None
    needs = None
    if all(b.needs for b in branches):
        needs = frozenset().union(*(b.needs for b in branches))
    return Piece(spell, needs, min(b.shortest for b in branches), any(b.backref for b in branches))


def _repeat(item: Piece, least: int, most: int | None) -> Piece:
    spell = None
    if item.spell is not None and most is not None and most <= 2:
        spell = frozenset("".join(p) for n in range(least, most + 1) for p in product(item.spell, repeat=n))
        spell = spell if len(spell) <= _WIDTH else None
    return Piece(spell, item.needs if least >= 1 else None, item.shortest * least, item.backref)


class _Reader:
    """Recursive descent over the pattern text."""

    def __init__(self, s: str):
        self.s, self.i = s, 0

    def peek(self, k: int = 0) -> str:
        return self.s[self.i + k] if self.i + k < len(self.s) else ""

    def alternation(self) -> Piece:
        branches = [self.sequence()]
        while self.peek() == "|":
            self.i += 1
            branches.append(self.sequence())
        return _branches(branches)

    def sequence(self) -> Piece:
        items = []
        while self.peek() and self.peek() not in "|)":
            items.append(self.quantified(self.atom()))
        return _sequence(items)

    def quantified(self, item: Piece) -> Piece:
        c = self.peek()
        if c in ("*", "+", "?"):
            self.i += 1
            least, most = {"*": (0, None), "+": (1, None), "?": (0, 1)}[c]
        elif c == "{" and (m := re.match(r"\{(\d*)(,?)(\d*)\}", self.s[self.i:])) and (m.group(1) or m.group(3)):
            self.i += m.end()
            least = int(m.group(1) or 0)
            most = int(m.group(3)) if m.group(3) else (None if m.group(2) else least)
        else:
            return item
        if self.peek() in ("?", "+"):  # lazy or possessive: the same strings
            self.i += 1
        if self.peek() in ("*", "+", "?") or re.match(r"\{\d+,?\d*\}|\{,\d+\}", self.s[self.i:]):
            raise _Unknown(self.i)  # a repeat of a repeat
        return _repeat(item, least, most)

    def atom(self) -> Piece:
        c = self.peek()
        self.i += 1
        if c == "(":
            return self.group()
        if c == "[":
            return self.char_class()
        if c == "\\":
            return self.escape()
        if c == ".":
            return _ANY_CHAR
        if c in ("^", "$"):
            return _ASSERTION
        if c in ("*", "+", "?"):
            raise _Unknown(self.i)
        return Piece(frozenset({c}), frozenset({c}), 1)

    def group(self) -> Piece:
        assertion = False
        if self.peek() == "?":
            head = self.s[self.i:self.i + 4]
            if head.startswith("?:"):
                self.i += 2
            elif head.startswith(("?=", "?!")):
                self.i, assertion = self.i + 2, True
            elif head.startswith(("?<=", "?<!")):
                self.i, assertion = self.i + 3, True
            elif head.startswith("?P<"):
                end = self.s.find(">", self.i)
                if end < 0:
                    raise _Unknown(self.i)
                self.i = end + 1
            else:  # flags, comments, conditionals, back references by name
                raise _Unknown(self.i)
        inner = self.alternation()
        if self.peek() != ")":
            raise _Unknown(self.i)
        self.i += 1
        return Piece(_ASSERTION.spell, None, 0, inner.backref) if assertion else inner

    def char_class(self) -> Piece:
        chars, known = set(), True
        if self.peek() == "^":
            self.i, known = self.i + 1, False
        first = True
        while True:
            c = self.peek()
            if not c:
                raise _Unknown(self.i)
            if c == "]" and not first:
                self.i += 1
                break
            first = False
            self.i += 1
            if c == "\\":
                e = self.peek()
                self.i += 1
                if e in _CLASS_ESCAPES or e.isalnum() and e not in _CHAR_ESCAPES:
                    known = False
                    continue
                c = _CHAR_ESCAPES.get(e, e)
            if self.peek() == "-" and self.peek(1) not in ("]", ""):
                known = False  # a range
                self.i += 2 if self.peek(1) != "\\" else 3
                continue
            chars.add(c)
        if not known or len(chars) > 8:
            return _ANY_CHAR
        spell = frozenset(chars)
        return Piece(spell, spell, 1)

    def escape(self) -> Piece:
        e = self.peek()
        self.i += 1
        if not e:
            raise _Unknown(self.i)
        if e.isdigit():
            return Piece(None, None, 0, backref=True)
        if e in _CLASS_ESCAPES:
            return _ANY_CHAR
        if e in _ASSERT_ESCAPES:
            return _ASSERTION
        if e in _CHAR_ESCAPES:
            c = _CHAR_ESCAPES[e]
        elif e.isalnum():  # \x \u \U \N and the like
            raise _Unknown(self.i)
        else:
            c = e
        return Piece(frozenset({c}), frozenset({c}), 1)
