"""Fuzzing ingestion with a seeded mutator over valid .docx/.pdf/.txt bytes (issue 12).

Every input must end in a report or a coded error: no traceback, one JSON line per input from
``check --json``, bounded memory. Seeded, so a failure reproduces; bounded in count, and
each document runs under the time budget of a worker, so the test cannot hang.
"""
from __future__ import annotations

import copy
import io
import json
import random
import subprocess
import sys
import traceback
import zipfile
from pathlib import Path

import pytest

from analyzer import ingest
from analyzer.errors import ERRORS, JingziError
from analyzer.workers import WorkerPool, _noop

from .conftest import GOOD, WEAK
from .test_hostile import docx_with, paragraph, pdf_bytes

ROOT = Path(__file__).resolve().parent.parent
SEED = 20261205


def _bases() -> dict[str, list[bytes]]:
    body = "".join(paragraph(line) for line in GOOD.splitlines()[:8])
    table = f"<w:tbl><w:tr><w:tc>{paragraph('措施')}</w:tc><w:tc>{paragraph('时限')}</w:tc></w:tr></w:tbl>"
    return {".docx": [docx_with(body + table)],
            ".pdf": [pdf_bytes(GOOD.splitlines()[:6])],
            ".txt": [GOOD.encode("utf-8"), WEAK.encode("gb18030"), GOOD.encode("utf-16")]}


def mutate(rng: random.Random, data: bytes) -> bytes:
    """One to three byte-level mutations: flip, truncate, insert, duplicate, zero a range."""
    data = bytearray(data)
    for _ in range(rng.randint(1, 3)):
        op = rng.choice(("flip", "truncate", "insert", "duplicate", "zero"))
        i = rng.randrange(max(len(data), 1))
        if op == "flip":
            for _ in range(rng.randint(1, 16)):
                data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        elif op == "truncate":
            del data[i:]
        elif op == "insert":
            data[i:i] = rng.randbytes(rng.randint(1, 256))
        elif op == "duplicate":
            j = rng.randint(i, min(len(data), i + 4096))
            data[i:i] = data[i:j] * rng.randint(1, 8)
        else:
            data[i:i + rng.randint(1, 512)] = bytes(min(512, len(data) - i))
        if not data:
            break
    return bytes(data)


def mutate_member(rng: random.Random, data: bytes) -> bytes:
    """A valid zip whose XML members are mutated: reaches the XML and docx parsers, not just the CRC check."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            content = src.read(item)
            if item.filename.endswith((".xml", ".rels")) and rng.random() < 0.4:
                content = mutate(rng, content)
            dst.writestr(item.filename, content)
    return out.getvalue()


def mutate_tree(rng: random.Random, data: bytes) -> bytes:
    """A .docx whose document.xml is still well-formed but rearranged: elements deleted,
    duplicated, moved into other elements, text replaced by random characters."""
    from lxml import etree

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            content = src.read(item)
            if item.filename == "word/document.xml":
                root = etree.fromstring(content)
                for _ in range(rng.randint(1, 6)):
                    elements = list(root.iter())[1:]
                    if not elements:
                        break
                    element = rng.choice(elements)
                    parent = element.getparent()
                    op = rng.choice(("delete", "duplicate", "move", "text"))
                    if op == "delete" and parent is not None:
                        parent.remove(element)
                    elif op == "duplicate" and parent is not None:
                        for _ in range(rng.randint(1, 4)):
                            parent.insert(parent.index(element), copy.deepcopy(element))
                    elif op == "move":
                        target = rng.choice(elements)
                        if element not in target.iterancestors() and target is not element:
                            target.append(element)
                    else:
                        element.text = "".join(chr(rng.choice((rng.randint(0x20, 0x7e), rng.randint(0x4e00, 0x9fff))))
                                               for _ in range(rng.randint(0, 40)))
                content = etree.tostring(root)
            dst.writestr(item.filename, content)
    return out.getvalue()


def corpus(n_per_type: int, seed: int = SEED) -> list[tuple[str, bytes]]:
    rng = random.Random(seed)
    inputs = []
    for suffix, bases in _bases().items():
        for k in range(n_per_type):
            base = rng.choice(bases)
            if suffix == ".docx":
                data = (mutate, mutate_member, mutate_tree)[k % 3](rng, base)
            else:
                data = mutate(rng, base)
            inputs.append((suffix, data))
        inputs.append((suffix, rng.randbytes(rng.randint(0, 4096))))  # pure noise with the type's name
    return inputs


def write_corpus(folder: Path, inputs: list[tuple[str, bytes]]) -> list[str]:
    paths = []
    for i, (suffix, data) in enumerate(inputs):
        path = folder / f"fuzz-{i:03d}{suffix}"
        path.write_bytes(data)
        paths.append(str(path))
    return paths


def _ingest_outcome(path: str) -> str:
    try:
        ingest.read_path(path)
        return "ok"
    except JingziError as exc:
        return exc.code
    except Exception:  # the failure this test exists to find
        return "TRACEBACK " + traceback.format_exc()


def test_mutated_inputs_end_in_a_text_or_a_coded_error(tmp_path):
    paths = write_corpus(tmp_path, corpus(60))
    with WorkerPool(2, _noop, (), timeout=30, start_method="fork") as pool:
        outcomes = list(pool.map(_ingest_outcome, ((p,) for p in paths), lambda args, error: error["code"]))
    crashes = [o for o in outcomes if o.startswith("TRACEBACK")]
    assert not crashes, crashes[0]
    assert set(outcomes) <= set(ERRORS) | {"ok"}
    assert outcomes.count("ok") >= 20 and len(set(outcomes)) >= 5  # the mutator reaches both sides


MEASURE = """
import resource, subprocess, sys
proc = subprocess.run(sys.argv[1:], capture_output=True)
sys.stdout.buffer.write(proc.stdout)
sys.stderr.buffer.write(proc.stderr)
print(proc.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)
"""


@pytest.mark.parametrize("seed", [SEED + 1])
def test_check_json_gives_one_line_per_fuzzed_input_without_traceback(tmp_path, seed):
    paths = write_corpus(tmp_path, corpus(8, seed))
    proc = subprocess.run([sys.executable, "-c", MEASURE, sys.executable, "-m", "analyzer", "check", "--json",
                           "--timeout", "60", *paths], cwd=ROOT, capture_output=True, timeout=900)
    stderr = proc.stderr.decode("utf-8", "replace")
    returncode, max_rss_kb = map(int, stderr.splitlines()[-1].split())
    assert "Traceback" not in stderr, stderr
    assert returncode in (0, 1)
    lines = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    assert [d["file"] for d in lines] == paths
    assert all(d["error"]["code"] in ERRORS if "error" in d else d["paragraphs"] for d in lines)
    assert max_rss_kb < 2 * 1024 * 1024  # bounded memory: under 2 GB for any input
