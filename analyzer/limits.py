"""Every bound on the work jingzi does for one document, in one place (see docs/limits.md).

A real 对照检查材料 is 2,000–20,000 characters in 20–300 paragraphs; these bounds are
one to two orders of magnitude above that, so they only ever stop hostile or broken input.
The error messages quote these numbers, so the user knows what was exceeded.
"""
from __future__ import annotations

MAX_TEXT_BYTES = 2 * 1024 * 1024      # a .txt/.md file on disk
MAX_BINARY_BYTES = 50 * 1024 * 1024   # a .docx/.pdf file on disk (may carry images)
MAX_CHARS = 500_000                   # characters of text after extraction
MAX_PARAGRAPHS = 20_000               # non-empty paragraphs after extraction
MAX_DOCX_MEMBERS = 2_000              # entries of a .docx zip archive
MAX_DOCX_PARAGRAPHS = 100_000         # <w:p> elements of document.xml, empty ones included
MAX_DOCX_XML_BYTES = 64 * 1024 * 1024  # inflated size of the parts read (document, styles, numbering…)
MAX_DOCX_RATIO = 100                  # inflated/compressed size of a part above 1 MB inflated
MAX_TABLE_NESTING = 8                 # tables inside table cells, levels deep
MAX_PDF_PAGES = 1_000
DOCUMENT_SECONDS = 120.0              # time budget to analyse one document in `check` and `batch`
WORKER_START_SECONDS = 300.0         # time for a new worker to load its models and report ready
WORKER_RETRIES = 1                    # a document that kills its worker is retried once, then given up
CHUNK_DOCUMENTS = 32                  # documents analysed together, every stage over them (`batch`, analyze_many)
CHUNK_CHARS = 300_000                 # … and characters: a chunk closes at either, so memory stays a chunk's
