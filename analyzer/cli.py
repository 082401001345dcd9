"""Command line: ``jingzi check | batch | compare | library | demo | train``."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape

from .resources import DATA_DIR

SAMPLES = DATA_DIR / "samples"


def _console() -> Console:
    return Console(highlight=False, soft_wrap=False)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="jingzi")
def main() -> None:
    """照镜子 jingzi: screen 对照检查材料 for coverage, work-summary passages, copying and depth."""


def _timeout_option(fn):
    from .limits import DOCUMENT_SECONDS

    return click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=DOCUMENT_SECONDS,
                        show_default=True, help="Seconds to analyse one document; then it gets a `timeout` error."
                        )(fn)


class CodedError(click.ClickException):
    """A bad setting (not a bad document) stops the command: ``[code] message``, exit status 2."""

    exit_code = 2

    def __init__(self, error):
        from .ingest import display_name

        super().__init__(display_name(f"[{error.code}] {error.message}"))  # a path in it may not be UTF-8


def _check_library(library: str | None) -> None:
    """A library that is not a jingzi SQLite file stops the command with its coded error."""
    from .errors import JingziError
    from .library import validate

    if library is None:
        return
    try:
        validate(library)
    except JingziError as exc:
        raise CodedError(exc) from exc


def _open_library(db: str):
    from .errors import JingziError
    from .library import Library

    try:
        return Library(db)
    except JingziError as exc:
        raise CodedError(exc) from exc


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per document per line (JSON Lines).")
@click.option("--library", type=click.Path(dir_okay=False), help="Reference library (SQLite) to check copying against.")
@click.option("--rubric", default="four-styles", show_default=True, help="Rubric name in data/rubrics or a YAML file.")
@_timeout_option
def check(paths: tuple[str, ...], as_json: bool, library: str | None, rubric: str, timeout: float) -> None:
    """Analyse each document (txt/md/docx/pdf, or every such file in a folder)."""
    from .ingest import expand_paths
    from .render import render
    from .report import Report
    from .workers import check_paths

    _check_library(library)
    console = _console()
    failed = False
    try:
        reports = check_paths(expand_paths(list(paths)), rubric=rubric, library=library, timeout=timeout)
        for d in reports:
            failed |= "error" in d
            if as_json:
                sys.stdout.write(json.dumps(d, ensure_ascii=False) + "\n")
                sys.stdout.flush()
            else:
                render(Report.from_dict(d), console)
    except FileNotFoundError as exc:
        raise click.UsageError(str(exc)) from exc
    sys.exit(1 if failed else 0)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--out", required=True, type=click.Path(file_okay=False), help="Output folder.")
@click.option("--library", type=click.Path(exists=True, dir_okay=False),
              help="Reference library (SQLite) to check copying against.")
@click.option("--jobs", type=click.IntRange(min=1), help="Worker processes [default: all cores].")
@click.option("--rubric", default="four-styles", show_default=True, help="Rubric name in data/rubrics or a YAML file.")
@_timeout_option
def batch(paths: tuple[str, ...], out: str, library: str | None, jobs: int | None, rubric: str,
          timeout: float) -> None:
    """Cross-check and score a batch: results.jsonl/.csv/.xlsx, index.html and reports/ in OUT."""
    from .batch import run
    from .ingest import display_name, expand_paths
    from .resources import load_rubric

    if not expand_paths(list(paths)):
        raise click.UsageError("没有找到可分析的文件 / no .txt .md .docx .pdf files found")
    try:
        load_rubric(rubric)
    except FileNotFoundError as exc:
        raise click.UsageError(str(exc)) from exc
    _check_library(library)
    summary = run(paths, out, library=library, jobs=jobs, rubric=rubric, progress=sys.stderr.isatty(),
                  timeout=timeout)
    click.echo(f"{summary.documents} 篇：分析 {summary.analysed}，缓存 {summary.cached}，失败 {summary.failed}；"
               f"{summary.seconds:.1f} 秒 → {display_name(Path(out) / 'index.html')}")
    sys.exit(1 if summary.failed else 0)


@main.command()
@click.option("--out", default="jingzi-demo", show_default=True, type=click.Path(file_okay=False),
              help="Where the batch results go.")
@click.option("--jobs", type=click.IntRange(min=1), help="Worker processes [default: all cores].")
def demo(out: str, jobs: int | None) -> None:
    """The main job on the bundled samples (data/samples): batch, ranking, reports."""
    from rich.table import Table

    from .batch import run

    summary = run([str(SAMPLES)], out, jobs=jobs, progress=sys.stderr.isatty())
    table = Table(title=f"jingzi demo: {summary.documents} 篇样例材料 / sample materials")
    for col in ("#", "材料 name", "深度 depth", "未查摆 missing", "总结化 summary", "复制比 copy ← source", "提示 flags"):
        table.add_column(col)
    for r in summary.rows:
        if r["error"]:
            table.add_row("", escape(r["name"]), "", "", "", "", f"[red]{r['error']['code']}[/]")
            continue
        copy = f"{r['copy']:.0%}" + (f" ← {escape(r['top_source'])}" if r["top_source"] else "")
        table.add_row(str(r["rank"]), escape(r["name"]), f"{r['depth']:.0f}", "、".join(r["missing"]) or "—",
                      f"{r['summary_like']:.0%}", copy, "；".join(r["substitutions"] + r["flags"]))
    console = _console()
    console.print(table)
    console.print(f"报告 reports: {Path(out) / 'index.html'}  ·  表格 table: {Path(out) / 'results.xlsx'}")


@main.command()
def train() -> None:
    """Rebuild every model in models/ from data/ and print the held-out metrics."""
    from . import train as training

    click.echo(json.dumps(training.main(), ensure_ascii=False, indent=2))


@main.group()
def library() -> None:
    """Manage the reference library (SQLite): add, list, remove."""


def _library_option(fn):
    return click.option("--library", "db", required=True, type=click.Path(dir_okay=False),
                        help="The library file (created if missing).")(fn)


@library.command("add")
@click.argument("paths", nargs=-1, required=True)
@_library_option
def library_add(paths: tuple[str, ...], db: str) -> None:
    """Add documents (files or folders) to the library; unreadable ones are reported and skipped."""
    from .errors import JingziError
    from .ingest import display_name, expand_paths, read_path

    console = _console()
    failed, read = [], []

    def readable():  # a generator: the library commits in batches, nothing is held in memory
        for path in expand_paths(list(paths)):
            try:
                source = read_path(path)
            except JingziError as exc:
                failed.append(path)
                console.print(f"[red]✗ {escape(display_name(path))}[/] [{exc.code}] {escape(exc.message)}")
                continue
            read.append(source.name)
            yield source.name, source.text

    with _open_library(db) as lib:
        try:
            added = lib.add_many(readable())
        except JingziError as exc:  # another process kept the library locked
            raise CodedError(exc) from exc
        total = len(lib)
    console.print(f"已加入 {added} 篇 / added {added} (重复 {len(read) - added} / duplicates {len(read) - added}); "
                  f"库中共 {total} 篇 / {total} in the library"
                  + (f"; {len(failed)} 篇无法读取 / unreadable" if failed else ""))
    sys.exit(1 if failed else 0)


@library.command("list")
@_library_option
def library_list(db: str) -> None:
    """List the documents of the library."""
    from rich.table import Table

    with _open_library(db) as lib:
        rows = lib.list()
    table = Table(title=f"{db}: {len(rows)} 篇")
    for col in ("name", "chars", "sha256", "added"):
        table.add_column(col)
    for r in rows:
        table.add_row(escape(r["name"]), str(r["chars"]), r["sha256"][:12], r["added"])
    _console().print(table)


@library.command("remove")
@click.argument("name")
@_library_option
def library_remove(name: str, db: str) -> None:
    """Remove a document from the library by name."""
    with _open_library(db) as lib:
        removed = lib.remove(name)
    if not removed:
        raise click.UsageError(f"库中没有 {name} / no document named {name} in {db}")
    click.echo(f"removed {name}")


@main.command()
@click.argument("a")
@click.argument("b")
def compare(a: str, b: str) -> None:
    """Side-by-side view of two documents with the shared fragments marked."""
    from .copydetect import CopyDetector
    from .errors import JingziError
    from .ingest import read_path
    from .render import render_compare

    try:
        source_a, source_b = read_path(a), read_path(b)
    except JingziError as exc:
        raise click.UsageError(f"[{exc.code}] {exc.message}") from exc
    detector = CopyDetector.default()
    fragments = detector.compare(source_a.text, source_b.text)
    render_compare(source_a, source_b, fragments, detector.quotations(source_a.text),
                   detector.quotations(source_b.text), _console())


if __name__ == "__main__":
    main()
