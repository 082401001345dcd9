"""jingzi (照镜子): screen Chinese 对照检查材料 the way an experienced reviewer would.

>>> import analyzer
>>> report = analyzer.analyze(open("data/samples/good.txt", encoding="utf-8").read())
>>> report.to_dict()["coverage"]["formalism"]["covered"]
True
"""
from .pipeline import Analyzer, analyze
from .report import Report

__all__ = ["Analyzer", "Report", "analyze"]
__version__ = "0.1.0"
