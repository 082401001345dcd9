"""The SQLite reference library: add, de-duplicate, list, remove, persist, index."""
import sqlite3

import pytest

from analyzer.copydetect import CopyDetector, Fingerprinter
from analyzer.library import Library, PostingIndex

SPINNING = {"服务": ["效劳"], "基础": ["根底"]}
T1 = ("在服务群众方面，我深入基层调研不够，去年到村里走访只有6次，对群众反映的道路硬化、"
      "饮水安全等问题没有及时协调解决，有的问题拖了半年以上。")
T2 = ("在廉洁自律方面，我对身边工作人员要求不严，有的同志借检查之机接受基层宴请，"
      "我知道后只是口头提醒，没有严肃处理，思想基础还不够牢固。")
T3 = "整改措施：今年9月底前建立联系点制度，每月到联系村蹲点不少于2天，逐户建立民情台账。"


@pytest.fixture
def fp():
    return Fingerprinter(SPINNING)


def test_add_dedup_list_remove(tmp_path, fp):
    lib = Library(tmp_path / "lib.db", fp)
    assert lib.add("a.txt", T1) is True
    assert lib.add("copy-of-a.txt", T1) is False  # same content hash
    assert lib.add_many([("b.txt", T2), ("c.txt", T3), ("c2.txt", T3)]) == 2
    listed = lib.list()
    assert [d["name"] for d in listed] == ["a.txt", "b.txt", "c.txt"]
    assert listed[0]["chars"] == len(T1) and len(listed[0]["sha256"]) == 64 and listed[0]["added"]
    assert lib.remove("b.txt") is True
    assert lib.remove("b.txt") is False
    assert len(lib) == 2 and "b.txt" not in lib
    with pytest.raises(KeyError):
        lib.get_text("b.txt")


def test_persistence_across_reopen_and_compressed_storage(tmp_path, fp):
    path = tmp_path / "lib.db"
    with Library(path, fp) as lib:
        lib.add_many([("a.txt", T1), ("b.txt", T2)])
    with Library(path, fp) as lib:
        assert [d["name"] for d in lib.list()] == ["a.txt", "b.txt"]
        assert lib.get_text("b.txt") == T2
        result = CopyDetector(SPINNING, [], lib).check("new.txt", T1.replace("服务", "效劳"))
        assert result["sources"][0]["source"] == "a.txt" and result["ratio"] > 0.95
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    blob = db.execute("SELECT text FROM docs WHERE name = 'a.txt'").fetchone()[0]
    assert T1.encode() not in blob


def test_remove_updates_index_and_doc_freq(tmp_path, fp):
    lib = Library(tmp_path / "lib.db", fp)
    lib.add_many([("a.txt", T1), ("a2.txt", T1 + "以上是我的发言。"), ("b.txt", T2)])
    fps = fp.prepare(T1).fingerprints
    assert set(lib.doc_freq(fps).values()) == {2}
    assert set(lib.candidates(fps, min_shared=3)) == {"a.txt", "a2.txt"}
    assert set(lib.candidates(fps, skip=["a.txt"])) == {"a2.txt"}
    lib.remove("a2.txt")
    assert set(lib.doc_freq(fps).values()) == {1}
    lib.remove("a.txt")
    assert lib.doc_freq(fps) == {} and lib.candidates(fps) == {}


def test_same_name_new_text_replaces(tmp_path, fp):
    lib = Library(tmp_path / "lib.db", fp)
    lib.add("a.txt", T1)
    assert lib.add("a.txt", T2) is True
    assert lib.get_text("a.txt") == T2 and len(lib) == 1
    assert lib.candidates(fp.prepare(T1).fingerprints) == {}


def test_reindex_when_spinning_table_changes(tmp_path, fp):
    path = tmp_path / "lib.db"
    Library(path, Fingerprinter({})).add("a.txt", T1)
    with Library(path, fp) as lib:  # reopened with the spinning table: reindexed
        assert lib.digest == fp.digest
        spun = fp.prepare(T1.replace("服务", "效劳")).fingerprints
        assert lib.candidates(spun, min_shared=len(spun)) == {"a.txt": len(spun)}


@pytest.mark.parametrize("chunk", [2, 3, 1 << 16])
def test_frozen_index_answers_as_the_sql(tmp_path, fp, monkeypatch, chunk):
    """freeze() holds the index in memory for a batch cross-check: document frequencies and
    candidates (counts, order, ties by name, skip, min_shared, limit) equal the SQL's, however
    the postings are chunked while loading; a write drops the frozen index, so the next answers
    see it."""
    monkeypatch.setattr(PostingIndex, "CHUNK", chunk)
    empty = Library(tmp_path / "empty.db", fp)
    empty.freeze()
    assert len(empty) == 0 and empty.candidates(fp.prepare(T1).fingerprints) == {} == empty.doc_freq([1, 2])
    lib = Library(tmp_path / "lib.db", fp)
    pieces = [T1, T2, T3]
    lib.add_many([(f"{name}.txt", "".join(pieces[i] for i in parts)) for name, parts in
                  [("乙", (0, 1)), ("甲", (1, 0)), ("丙", (0,)), ("丁", (2, 1)), ("戊", (2,)), ("己", (0, 1, 2))]])
    queries = [fp.prepare(T1).fingerprints, fp.prepare(T2 + T3).fingerprints,
               fp.prepare(T1 + T2 + T3).fingerprints[::2], fp.prepare("毫不相干的一句话，没有任何重复内容在里面。").fingerprints]
    settings = [dict(), dict(skip=["甲.txt"]), dict(skip=["乙.txt", "无.txt"], min_shared=3, limit=2),
                dict(min_shared=5, limit=1), dict(limit=0)]
    expected = [(lib.doc_freq(q), [list(lib.candidates(q, **s).items()) for s in settings]) for q in queries]
    assert expected[0][1][0] and expected[1][1][2]  # the comparison covers real answers
    lib.freeze()
    assert len(lib) == 6
    assert [(lib.doc_freq(q), [list(lib.candidates(q, **s).items()) for s in settings]) for q in queries] == expected
    lib.remove("己.txt")
    assert len(lib) == 5 and "己.txt" not in lib.candidates(queries[0])
