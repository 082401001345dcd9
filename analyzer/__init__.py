"""jingzi (照镜子): screen Chinese 对照检查材料 the way an experienced reviewer would.

>>> import analyzer
>>> report = analyzer.analyze("个人对照检查材料\\n一、存在的问题\\n会议多、文件多，今年以来召开各类会议48次，以会议落实会议。")
>>> report.kind["id"], [p.role for p in report.paragraphs], report.coverage["formalism"]["covered"]
('personal', ['heading', 'heading', 'problem'], True)

The pipeline (spaCy, scikit-learn, the models) is imported on first use, so that
``import analyzer`` and ``jingzi --help`` stay fast.
"""
__all__ = ["Analyzer", "Report", "analyze"]
__version__ = "0.2.0"


def __getattr__(name: str):
    if name in ("Analyzer", "analyze"):
        from . import pipeline

        return getattr(pipeline, name)
    if name == "Report":
        from .report import Report

        return Report
    raise AttributeError(f"module 'analyzer' has no attribute {name!r}")
