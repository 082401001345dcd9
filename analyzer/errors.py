"""User-facing errors and warnings, in one place, each with a stable code and a hint."""
from __future__ import annotations

# code -> what it means and how to fix it (shown to the user after the specific message)
ERRORS = {
    "not_found": "检查路径是否正确 / check the path.",
    "unreadable": "检查文件权限 / check the file's permissions.",
    "unsupported_type": "支持 .txt .md .docx .pdf；.doc/.wps 等请在 Word 或 WPS 中另存为 .docx / supported types are "
                        ".txt .md .docx .pdf; save .doc/.wps as .docx in Word or WPS.",
    "too_large": "对照检查材料通常小于 1 MB；请确认是否选错文件 / materials are far smaller; is this the right file?",
    "empty": "文件没有内容 / the file has no text.",
    "no_chinese": "未发现中文文本 / the file holds no Chinese text.",
    "binary": "文件不是文本（可能是改了扩展名的二进制文件）/ not a text file (a binary renamed .txt?).",
    "decode_error": "无法识别编码；请另存为 UTF-8 / save the file as UTF-8.",
    "corrupt_docx": "文件已损坏；请在 Word 中打开后另存为 .docx / open it in Word and save again.",
    "encrypted": "文件有密码保护；请去除密码后再检查 / remove the password and try again.",
    "pdf_no_text": "PDF 没有文字层（扫描件）；请先做文字识别(OCR)或提供 Word 版 / scanned PDF: OCR it or send the .docx.",
    "corrupt_pdf": "PDF 无法解析；请重新导出 / the PDF cannot be parsed; export it again.",
    "not_regular_file": "只能检查普通文件（不是管道、设备或套接字）/ only regular files can be checked (not a FIFO, device or socket).",
    "zip_bomb": "docx 内部解压后异常庞大（疑似压缩炸弹）；请在 Word 中另存为新文件 / the .docx inflates far beyond any real document (a zip bomb?): save it again from Word.",
    "too_complex": "文档结构超出限制（见 docs/limits.md）；请删去多余的空段落、嵌套表格后再试 / the document exceeds a limit (docs/limits.md): remove empty paragraphs or nested tables and try again.",
    "timeout": "分析超时（见 docs/limits.md）；请拆分文档，或用 --timeout 放宽时限 / analysis took too long: split the document or raise --timeout.",
    "worker_died": "分析进程意外终止（可能内存不足）；其他文档不受影响，请单独检查此文件 / the analysing process died (out of memory?); the other documents are unaffected: check this file alone.",
    "corrupt_library": "参考库文件损坏或不是 jingzi 库；请换一个文件名重新 library add / the library file is damaged or not a jingzi library: rebuild it with `library add` under a new name.",
    "library_busy": "另一个 jingzi 正在写入参考库；请等它结束后再试 / another jingzi is writing to the library: try again when it finishes.",
    "analysis_failed": "这是 jingzi 的缺陷，请附上文件报告 / a bug in jingzi: please report it with the file.",
    # setup errors (SetupError): about the installation, not about one document
    "model_missing": "请运行 `python -m training` 训练模型 / run `python -m training` to build the models.",
    "model_mismatch": "请运行 `python -m training` 重新训练模型 / run `python -m training` to rebuild the models.",
    "library_not_found": "先用 `jingzi library add 文件 --library 库` 建库 / create it with `jingzi library add FILES --library DB`.",
    "corpus_missing": "训练需要源码仓库中的 data/corpus，请在仓库目录中运行 / training needs data/corpus: run it in a checkout of the repository.",
    "unknown_rubric": "用 data/rubrics 中的名称或 YAML 文件路径 / give a rubric name from data/rubrics or a YAML file.",
    "dask_missing": "安装集群支持：pip install \"jingzi[dask]\" / install cluster support: pip install \"jingzi[dask]\".",
    "scheduler_unreachable": "检查调度器地址，并确认 `dask scheduler` 正在运行 / check the address and that `dask scheduler` is running.",
}

WARNINGS = {
    "traditional_converted": ("繁体文本已按简体分析，原文照旧显示（段落的 original）/ a text in traditional script, "
                              "analysed as simplified and shown as given (paragraphs[].original)."),
    "low_chinese": "中文比例偏低，结果可能不可靠 / little Chinese text; results may be unreliable.",
    "mixed_encoding": "文件混用了多种编码，已逐行识别 / the file mixes encodings and was decoded line by line.",
    "few_paragraphs": "段落很少，可能缺少换行 / very few paragraphs: line breaks may be missing.",
    "not_a_material": "不是对照检查材料或工作总结，未评覆盖、总结化和深度；如确是材料或工作总结，用 --kind personal、"
                      "collective 或 work_report 强制评判 / not a self-examination material or work report, so "
                      "coverage, work-summary and depth were not judged; if it is one, force them with --kind "
                      "personal, collective or work_report.",
    "opinions_unreadable": "意见清单无法读取，未检查意见回应 / the opinions list could not be read: opinions not checked.",
    "no_items": "没有找到条目；请检查编号或表格格式 / no items found: check the numbering or the table.",
    "runon_split": "长段已按小标题、序号或句子拆分 / run-on lines were split at headings, numbering or sentences.",
    "lines_rejoined": "按页面折行的文字已接回段落（如从 PDF 复制） / lines broken where a page ended were joined "
                      "back into paragraphs (text copied from a PDF).",
    "web_noise": "网页噪声（导航、来源、页脚、插入字符）不参与判断 / web-page noise is left out of every judgement.",
    "only_noise": "只有网页噪声，没有可判断的正文 / only web-page noise: nothing to judge.",
}

# a warning's short name in tables (batch, overview, workbench), beside its code
WARNING_FLAGS = {
    "traditional_converted": "繁体已转简体",
    "low_chinese": "中文偏少",
    "mixed_encoding": "混合编码",
    "few_paragraphs": "段落很少",
    "not_a_material": "非对照检查材料",
    "opinions_unreadable": "意见清单无法读取",
    "no_items": "未找到条目",
    "runon_split": "长段已拆分",
    "lines_rejoined": "折行已接回",
    "web_noise": "含网页噪声",
    "only_noise": "只有网页噪声",
}


class JingziError(Exception):
    """An error about one document; ``code`` is one of :data:`ERRORS`."""

    def __init__(self, code: str, message: str):
        if code not in ERRORS:
            raise ValueError(f"unknown error code {code}")
        super().__init__(message)
        self.code = code
        self.message = f"{message} — {ERRORS[code]}"

    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message}


class SetupError(JingziError):
    """An error about the installation or the options (models, library, rubric), not about
    one document: the command stops with exit status 2."""


def warning(code: str, detail: str = "") -> dict:
    """A warning object for ``Report.warnings``: analysis ran, but the user should know."""
    text = WARNINGS[code]
    return {"code": code, "message": f"{detail} — {text}" if detail else text}


def warning_flag(code: str) -> str:
    """A warning as a table shows it: its short Chinese name, then its code (a code jingzi does not
    know, e.g. from an edited results file, as it is).

    >>> warning_flag("traditional_converted"), warning_flag("later_code")
    ('繁体已转简体 traditional_converted', 'later_code')
    """
    return f"{WARNING_FLAGS[code]} {code}" if code in WARNING_FLAGS else code
