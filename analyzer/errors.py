"""User-facing errors and warnings, in one place, each with a stable code and a hint."""
from __future__ import annotations

# code -> what it means and how to fix it (shown to the user after the specific message)
ERRORS = {
    "not_found": "检查路径是否正确 / check the path.",
    "unreadable": "检查文件权限 / check the file's permissions.",
    "unsupported_type": "支持 .txt .md .docx .pdf / supported types are .txt .md .docx .pdf; save .doc/.wps as .docx.",
    "too_large": "对照检查材料通常小于 1 MB；请确认是否选错文件 / materials are far smaller; is this the right file?",
    "empty": "文件没有内容 / the file has no text.",
    "no_chinese": "未发现中文文本 / the file holds no Chinese text.",
    "binary": "文件不是文本（可能是改了扩展名的二进制文件）/ not a text file (a binary renamed .txt?).",
    "decode_error": "无法识别编码；请另存为 UTF-8 / save the file as UTF-8.",
    "corrupt_docx": "文件已损坏；请在 Word 中打开后另存为 .docx / open it in Word and save again.",
    "encrypted": "文件有密码保护；请去除密码后再检查 / remove the password and try again.",
    "pdf_no_text": "PDF 没有文字层（扫描件）；请先做文字识别(OCR)或提供 Word 版 / scanned PDF: OCR it or send the .docx.",
    "corrupt_pdf": "PDF 无法解析；请重新导出 / the PDF cannot be parsed; export it again.",
    "analysis_failed": "这是 jingzi 的缺陷，请附上文件报告 / a bug in jingzi: please report it with the file.",
}

WARNINGS = {
    "traditional_converted": "繁体字已转换为简体 / traditional characters were converted to simplified.",
    "low_chinese": "中文比例偏低，结果可能不可靠 / little Chinese text; results may be unreliable.",
    "few_paragraphs": "段落很少，可能缺少换行 / very few paragraphs: line breaks may be missing.",
    "runon_split": "长段已按小标题、序号或句子拆分 / run-on lines were split at headings, numbering or sentences.",
    "web_noise": "网页噪声（导航、来源、页脚、插入字符）不参与判断 / web-page noise is left out of every judgement.",
    "only_noise": "只有网页噪声，没有可判断的正文 / only web-page noise: nothing to judge.",
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


def warning(code: str, detail: str = "") -> dict:
    """A warning object for ``Report.warnings``: analysis ran, but the user should know."""
    text = WARNINGS[code]
    return {"code": code, "message": f"{detail} — {text}" if detail else text}
