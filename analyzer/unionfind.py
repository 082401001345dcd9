"""Disjoint sets (union-find): the one helper that groups linked items everywhere in jingzi.

>>> sets = UnionFind()
>>> sets.union("根底", "基础"); sets.union("基石", "根底"); sets.union("作风", "风气")
>>> sets.groups()
[['根底', '基础', '基石'], ['作风', '风气']]
"""
from __future__ import annotations

from collections import defaultdict
from typing import Hashable, Iterable


class UnionFind:
    """Items are added when first named; ``find`` returns the representative of an item's set."""

    def __init__(self, items: Iterable[Hashable] = ()):
        self.parent: dict = {x: x for x in items}

    def find(self, x: Hashable) -> Hashable:
        parent = self.parent
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]  # path halving
            x = parent[x]
        return x

    def union(self, a: Hashable, b: Hashable) -> None:
        """Merge the sets of ``a`` and ``b`` (``b``'s representative stands for both)."""
        a_root = self.find(a)
        self.parent[a_root] = self.find(b)

    def groups(self) -> list[list]:
        """Every set, its items in the order they were first named; sets in the order of their first item."""
        out: dict = defaultdict(list)
        for x in list(self.parent):
            out[self.find(x)].append(x)
        return list(out.values())
