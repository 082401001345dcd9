"""Trained models on disk, each with a manifest that loading checks.

``models/<name>.pkl.gz`` (or ``<name>.json`` for a model that is plain numbers) sits beside
``models/<name>.manifest.json``: the jingzi and scikit-learn versions it was built with, the
digest of the data it was trained on, the rubric and the digest of its patterns (coverage
models), and the sha256 of the model file. A model file is the estimator pickled by the standard
library (protocol 5) and gzip-compressed: read back by the C unpickler, about ten times faster than
joblib's pure-Python one. A model that does not match the code, the
installed scikit-learn or the rubric is refused with a coded error naming the fix
(``python -m training``) instead of silently mis-scoring.
"""
from __future__ import annotations

import datetime
import gzip
import hashlib
import json
import pickle
from functools import lru_cache
from pathlib import Path

from . import __version__
from .errors import SetupError
from .resources import MODELS_DIR, Rubric

def _minor(version: str) -> str:
    return ".".join(version.split(".")[:2])


@lru_cache(maxsize=1)
def _sklearn_version() -> str:
    from importlib.metadata import version

    return version("scikit-learn")


def manifest(name: str, data_digest: str, rubric: Rubric | None = None) -> dict:
    """The manifest of a model about to be saved."""
    out = {"name": name, "jingzi": __version__, "sklearn": _sklearn_version(),
           "trained": datetime.date.today().isoformat(), "data_sha256": data_digest}
    if rubric is not None:
        out.update(rubric=rubric.id, rubric_sha256=rubric.digest)
    return out


def save(name: str, model, meta: dict, folder: Path = MODELS_DIR) -> Path:
    """Write ``model`` (a picklable estimator, or a dict of plain numbers → JSON) and its manifest."""
    folder.mkdir(parents=True, exist_ok=True)
    if isinstance(model, dict):
        path = folder / f"{name}.json"
        path.write_text(json.dumps(model, ensure_ascii=False, indent=1), encoding="utf-8")
    else:
        path = folder / f"{name}.pkl.gz"
        path.write_bytes(gzip.compress(pickle.dumps(model, protocol=5), compresslevel=9, mtime=0))
        (folder / f"{name}.joblib").unlink(missing_ok=True)  # the format before
    meta = {**meta, "file": path.name, "file_sha256": _sha256(path)}
    (folder / f"{name}.manifest.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def load(name: str, rubric: Rubric | None = None, folder: Path = MODELS_DIR):
    """The model ``name``, after checking its manifest against this installation."""
    meta_path = folder / f"{name}.manifest.json"
    if not meta_path.is_file():
        raise SetupError("model_missing", f"模型 {name} 不存在 / model {name} is missing in {folder}")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    path = folder / meta["file"]
    problems = []
    raw = path.read_bytes() if path.is_file() else None
    if raw is None:
        problems.append(f"{meta['file']} 缺失 / is missing")
    elif hashlib.sha256(raw).hexdigest() != meta["file_sha256"]:
        problems.append(f"{meta['file']} 与清单不符 / does not match its manifest")
    if path.suffix == ".joblib":
        problems.append(f"{meta['file']} 是旧的 joblib 格式 / is in the old joblib format")
    if _minor(meta["jingzi"]) != _minor(__version__):
        problems.append(f"由 jingzi {meta['jingzi']} 训练，当前 {__version__} / built by jingzi {meta['jingzi']}, "
                        f"this is {__version__}")
    if not path.suffix == ".json" and _minor(meta["sklearn"]) != _minor(_sklearn_version()):
        problems.append(f"由 scikit-learn {meta['sklearn']} 保存，当前 {_sklearn_version()} / saved with "
                        f"scikit-learn {meta['sklearn']}, installed {_sklearn_version()}")
    if rubric is not None and (meta.get("rubric") != rubric.id or meta.get("rubric_sha256") != rubric.digest):
        problems.append(f"评分表 {rubric.id} 已修改而模型未重训 / rubric {rubric.id} changed since the model "
                        "was trained")
    if problems:
        raise SetupError("model_mismatch", f"模型 {name}: {'；'.join(problems)}")
    if path.suffix == ".json":
        return json.loads(raw.decode("utf-8"))
    return pickle.loads(gzip.decompress(raw))


def _sha256(path: Path) -> str:
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()
