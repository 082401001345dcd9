"""jingzi (照镜子): screen Chinese 对照检查材料 the way an experienced reviewer would.

>>> import analyzer
>>> report = analyzer.analyze("个人对照检查材料\\n一、存在的问题\\n会议多、文件多，今年以来召开各类会议48次，以会议落实会议。")
>>> report.kind["id"], [p.role for p in report.paragraphs], report.coverage["formalism"]["covered"]
('personal', ['heading', 'heading', 'problem'], True)
"""
from .pipeline import Analyzer, analyze
from .report import Report

__all__ = ["Analyzer", "Report", "analyze"]
__version__ = "0.1.0"
