"""Who wrote a document and when: the evidence that lets a copy report name a direction.

Inside a batch nobody knows who copied whom, so a pair sharing text is 雷同 (shared, both
ways). A likely source is named only with a reason (:func:`relate`):

- a reference-library document is a source (抄袭来源 ``copied_from``), and one by the
  same author is that author's earlier material (照搬往年材料 ``self_copy``);
- of two documents whose dates are known, the earlier precedes the later (``date``);
- otherwise there is no direction.

A document's metadata (``author``, ``unit``, ``year``, ``date``) comes from what the user
supplies (``--meta`` sidecar CSV with a header ``name,author,unit,year,date``, or options
of ``library add``), else from the docx core properties (author, created, else modified).
A library document's insertion time (``added``) only ever supports it: a document written
after the reference entered the library came later; an old document is not thereby older
than a reference added today.

>>> relate({"author": "张三"}, {"author": "张三", "year": 2013}, "library")
{'relation': 'self_copy', 'likely_source': 'source', 'reasons': ['同一作者的参考库材料 / the same author’s material in the reference library']}
>>> relate({"date": "2014-03-01"}, {"date": "2014-02-01"}, "batch")["likely_source"]
'source'
>>> relate({}, {}, "batch")
{'relation': 'shared', 'likely_source': None, 'reasons': []}
"""
from __future__ import annotations

import csv
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

RELATION_LABEL = {"shared": "雷同 shared", "copied_from": "抄袭来源 copied from",
                  "self_copy": "照搬往年材料 self-copy"}
FIELDS = ("author", "unit", "year", "date")
# default author names of tools and shared machines: they say nothing about who wrote a text
GENERIC_AUTHORS = frozenset({"python-docx", "administrator", "admin", "user", "microsoft office user",
                             "microsoft", "用户", "微软用户", "windows 用户", "windows user", "unknown", "author",
                             "lenovo", "dell", "hp", "pc", "作者", "未知"})
MAX_CORE_XML = 1 << 20  # docProps/core.xml is a few hundred bytes; never inflate more
_NS = {"dc": "http://purl.org/dc/elements/1.1/", "dcterms": "http://purl.org/dc/terms/",
       "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"}
_DATE = re.compile(r"(\d{4})(?:[-/.年](\d{1,2})(?:[-/.月](\d{1,2}))?)?")


def clean(meta: dict | None) -> dict:
    """Only the known fields, stripped, with empty values dropped; ``year`` an int; ``date``
    as YYYY[-MM[-DD]] (anything unreadable is dropped); a tool's or shared machine's default
    author name (python-docx, Administrator …) is no author."""
    out = {}
    for key in FIELDS:
        value = str((meta or {}).get(key) or "").strip()
        if not value:
            continue
        if key == "year":
            if value.isdigit() and 1900 < int(value) < 2200:
                out["year"] = int(value)
        elif key == "date":
            day = normal_date(value)
            if day:
                out["date"] = day
        elif key != "author" or value.lower() not in GENERIC_AUTHORS:
            out[key] = value
    return out


def normal_date(value: str) -> str | None:
    """``2014-03-02T08:00:00Z`` / ``2014年3月2日`` / ``2014`` -> ``2014-03-02`` / ``2014-03-02`` / ``2014``."""
    m = _DATE.search(value)
    if not m or not 1900 < int(m.group(1)) < 2200:
        return None
    return "-".join([m.group(1)] + [f"{int(g):02d}" for g in m.groups()[1:] if g])


def docx_properties(path: str | Path) -> dict:
    """Author and date (created, else modified) from a .docx's core properties; {} if none.
    Reads only ``docProps/core.xml`` and refuses one larger than 1 MB."""
    path = Path(path)
    if path.suffix.lower() != ".docx" or not path.is_file():
        return {}
    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo("docProps/core.xml")
            if info.file_size > MAX_CORE_XML:
                return {}
            root = ElementTree.fromstring(zf.read(info)[:MAX_CORE_XML])
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError, ValueError, RuntimeError):
        return {}
    author = root.findtext("dc:creator", "", _NS) or root.findtext("cp:lastModifiedBy", "", _NS)
    date = root.findtext("dcterms:created", "", _NS) or root.findtext("dcterms:modified", "", _NS)
    return clean({"author": author, "date": date})


def read_sidecar(path: str | Path) -> dict[str, dict]:
    """A metadata CSV (UTF-8, BOM allowed; header with ``name`` and any of author, unit, year,
    date) as name -> metadata. ``name`` may be a file name or a path; both are keys."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        if not reader.fieldnames or "name" not in [f.strip() for f in reader.fieldnames]:
            raise ValueError(f"{path}: 第一行须含 name 列 / the header must have a 'name' column "
                             f"(name,author,unit,year,date)")
        out = {}
        for row in reader:
            row = {(k or "").strip(): v for k, v in row.items()}
            name = (row.get("name") or "").strip()
            if name:
                out[name] = clean(row)
                out.setdefault(Path(name).name, out[name])
    return out


def lookup(sidecar: dict[str, dict], path: str) -> dict:
    """The sidecar's metadata for a file, by the path as given, else by its file name."""
    return sidecar.get(path) or sidecar.get(str(Path(path))) or sidecar.get(Path(path).name) or {}


def file_meta(path: str, sidecar: dict[str, dict] | None = None) -> dict:
    """A document's metadata: the sidecar's fields first, the docx core properties for the rest."""
    meta = docx_properties(path)
    meta.update(lookup(sidecar or {}, path))
    return meta


def _when(meta: dict) -> str | None:
    """The document's date, else its year (what it says about when it was written)."""
    if meta.get("date"):
        return meta["date"]
    return str(meta["year"]) if meta.get("year") else None


def _compare(x: str | None, y: str | None) -> bool | None:
    """x before y at the coarser precision of the two (a year with a date: by year); None if
    either is unknown or they are the same."""
    if not x or not y:
        return None
    n = min(len(x), len(y))
    return None if x[:n] == y[:n] else x[:n] < y[:n]


def earlier(a: dict, b: dict) -> bool | None:
    """True if ``a`` is dated before ``b``, False if after, None if unknown or the same."""
    return _compare(_when(a), _when(b))


def same_author(a: dict, b: dict) -> bool:
    """Both authors known (not a tool's default name) and equal, whitespace ignored."""
    x, y = (re.sub(r"\s+", "", clean({"author": m.get("author")}).get("author", "")) for m in (a, b))
    return bool(x) and x == y


def relate(doc: dict, source: dict, origin: str) -> dict:
    """How a document relates to one of its sources: ``relation`` (shared, copied_from,
    self_copy), ``likely_source`` ("source", "document" or None) and the ``reasons``."""
    before = earlier(source, doc)
    dated = (f"日期更早 earlier date: {_when(source)} < {_when(doc)}" if before
             else f"日期更早 earlier date: {_when(doc)} < {_when(source)}" if before is False else None)
    if origin == "library":
        if before is False:  # the document is older than the reference: the reference copied it
            return {"relation": "shared", "likely_source": "document", "reasons": [dated]}
        added = normal_date(source.get("added") or "")
        if not dated and _compare(added, _when(doc)):  # in the library before the document was written
            dated = f"入库更早 in the library before the document: {added} < {_when(doc)}"
        if same_author(doc, source):
            reasons = ["同一作者的参考库材料 / the same author’s material in the reference library"]
            return {"relation": "self_copy", "likely_source": "source", "reasons": reasons + ([dated] if dated else [])}
        reasons = ["参考库文档 / a reference-library document"]
        return {"relation": "copied_from", "likely_source": "source", "reasons": reasons + ([dated] if dated else [])}
    if before is None:
        return {"relation": "shared", "likely_source": None, "reasons": []}
    if before and same_author(doc, source):
        return {"relation": "self_copy", "likely_source": "source",
                "reasons": ["同一作者的更早材料 / the same author’s earlier material", dated]}
    return {"relation": "shared", "likely_source": "source" if before else "document", "reasons": [dated]}


def annotate(copy: dict, doc_meta: dict, source_meta: dict[str, dict], batch: set[str] | frozenset = frozenset()
             ) -> dict:
    """Add to each source of a copy object its ``origin`` (batch or library; names in ``batch``
    are batch documents), ``relation``, ``likely_source`` and ``reasons``; and to the copy
    object the document's ``meta``."""
    for s in copy["sources"]:
        if s["source"] in batch:
            s["origin"] = "batch"
        s.update(relate(doc_meta, source_meta.get(s["source"], {}), s.get("origin", "library")))
    if doc_meta:
        copy["meta"] = doc_meta
    return copy
