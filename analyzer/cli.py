"""Command line: ``jingzi check | batch | compare | library | demo | train``."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.console import Console

from .resources import DATA_DIR

SAMPLES = DATA_DIR / "samples"


def _console() -> Console:
    return Console(highlight=False, soft_wrap=False)


def _analyzer(rubric: str, library: str | None):
    from .pipeline import Analyzer

    try:
        return Analyzer(rubric=rubric, library=library)
    except FileNotFoundError as exc:
        raise click.UsageError(str(exc)) from exc


def _sidecar(path: str | None) -> dict[str, dict] | None:
    """A ``--meta`` CSV (name,author,unit,year,date) or None; a bad file is a usage error."""
    if path is None:
        return None
    from .provenance import read_sidecar

    try:
        return read_sidecar(path)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise click.UsageError(f"--meta {path}: {exc}") from exc


_meta_option = click.option("--meta", "meta_file", type=click.Path(exists=True, dir_okay=False),
                            help="CSV with columns name,author,unit,year,date: who wrote each file and when "
                                 "(used to name a copy's source only with evidence).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="jingzi")
def main() -> None:
    """照镜子 jingzi: screen 对照检查材料 for coverage, work-summary passages, copying and depth."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per document per line (JSON Lines).")
@click.option("--library", type=click.Path(dir_okay=False), help="Reference library (SQLite) to check copying against.")
@click.option("--rubric", default="four-styles", show_default=True, help="Rubric name in data/rubrics or a YAML file.")
def check(paths: tuple[str, ...], as_json: bool, library: str | None, rubric: str) -> None:
    """Analyse each document (txt/md/docx/pdf, or every such file in a folder)."""
    from .ingest import expand_paths
    from .render import render

    analyzer = _analyzer(rubric, library)
    console = _console()
    failed = False
    for path in expand_paths(list(paths)):
        report = analyzer.analyze_path(path)
        failed |= not report.ok
        if as_json:
            sys.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False) + "\n")
        else:
            render(report, console)
    sys.exit(1 if failed else 0)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--out", required=True, type=click.Path(file_okay=False), help="Output folder.")
@click.option("--library", type=click.Path(exists=True, dir_okay=False),
              help="Reference library (SQLite) to check copying against.")
@click.option("--jobs", type=click.IntRange(min=1), help="Worker processes [default: all cores].")
@click.option("--rubric", default="four-styles", show_default=True, help="Rubric name in data/rubrics or a YAML file.")
@_meta_option
def batch(paths: tuple[str, ...], out: str, library: str | None, jobs: int | None, rubric: str,
          meta_file: str | None) -> None:
    """Cross-check and score a batch: results.jsonl/.csv/.xlsx, index.html and reports/ in OUT."""
    from .batch import run
    from .ingest import expand_paths
    from .resources import load_rubric

    if not expand_paths(list(paths)):
        raise click.UsageError("没有找到可分析的文件 / no .txt .md .docx .pdf files found")
    try:
        load_rubric(rubric)
    except FileNotFoundError as exc:
        raise click.UsageError(str(exc)) from exc
    summary = run(paths, out, library=library, jobs=jobs, rubric=rubric, progress=sys.stderr.isatty(),
                  meta=_sidecar(meta_file))
    click.echo(f"{summary.documents} 篇：分析 {summary.analysed}，缓存 {summary.cached}，失败 {summary.failed}；"
               f"{summary.seconds:.1f} 秒 → {Path(out) / 'index.html'}")
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
    for col in ("#", "材料 name", "深度 depth", "未查摆 missing", "总结化 summary", "复制比 copy · 最大来源 source",
                "提示 flags"):
        table.add_column(col)
    for r in summary.rows:
        if r["error"]:
            table.add_row("", r["name"], "", "", "", "", f"[red]{r['error']['code']}[/]")
            continue
        arrow = "⇄" if r["top_relation"] == "shared" else "←"
        copy = f"{r['copy']:.0%}" + (f" {arrow} {r['top_source']}" if r["top_source"] else "")
        table.add_row(str(r["rank"]), r["name"], f"{r['depth']:.0f}", "、".join(r["missing"]) or "—",
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
@click.option("--author", help="Author of the documents added (e.g. an earlier year's material of one person).")
@click.option("--unit", help="Their unit (单位).")
@click.option("--year", type=click.IntRange(1900, 2199), help="Their year.")
@_meta_option
def library_add(paths: tuple[str, ...], db: str, author: str | None, unit: str | None, year: int | None,
                meta_file: str | None) -> None:
    """Add documents (files or folders) to the library; unreadable ones are reported and skipped.
    Metadata: --meta per file, else --author/--unit/--year, else the docx core properties."""
    from .errors import JingziError
    from .ingest import expand_paths, read_path
    from .library import Library
    from .provenance import clean, file_meta

    sidecar = _sidecar(meta_file)
    given = clean({"author": author, "unit": unit, "year": year})

    console = _console()
    failed, read = [], []

    def readable():  # a generator: the library commits in batches, nothing is held in memory
        for path in expand_paths(list(paths)):
            try:
                source = read_path(path)
            except JingziError as exc:
                failed.append(path)
                console.print(f"[red]✗ {path}[/] [{exc.code}] {exc.message}")
                continue
            read.append(source.name)
            yield source.name, source.text, {**file_meta(path), **given, **(file_meta(path, sidecar) if sidecar else {})}

    with Library(db) as lib:
        added = lib.add_many(readable())
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

    from .library import Library

    with Library(db) as lib:
        rows = lib.list()
    table = Table(title=f"{db}: {len(rows)} 篇")
    for col in ("name", "chars", "sha256", "added", "author", "unit", "year", "date"):
        table.add_column(col)
    for r in rows:
        table.add_row(r["name"], str(r["chars"]), r["sha256"][:12], r["added"],
                      *("" if r[k] is None else str(r[k]) for k in ("author", "unit", "year", "date")))
    _console().print(table)


@library.command("remove")
@click.argument("name")
@_library_option
def library_remove(name: str, db: str) -> None:
    """Remove a document from the library by name."""
    from .library import Library

    with Library(db) as lib:
        removed = lib.remove(name)
    if not removed:
        raise click.UsageError(f"库中没有 {name} / no document named {name} in {db}")
    click.echo(f"removed {name}")


@main.command()
@click.argument("a")
@click.argument("b")
@click.option("--json", "as_json", is_flag=True, help="Print the comparison object (both directions) as JSON.")
@click.option("--html", "html_file", type=click.Path(dir_okay=False), help="Write the side-by-side page here.")
@_meta_option
def compare(a: str, b: str, as_json: bool, html_file: str | None, meta_file: str | None) -> None:
    """Side-by-side view (原文对照) of two documents: shared text both ways, direction only with evidence."""
    from .compare import compare_paths, pair_of
    from .errors import JingziError
    from .html import pair_page
    from .render import render_compare

    try:
        result, texts = compare_paths(a, b, _sidecar(meta_file))
    except JingziError as exc:
        raise click.UsageError(f"[{exc.code}] {exc.message}") from exc
    if html_file:
        page = pair_page(result["a"]["name"], texts["a"], pair_of(result), texts["b"])
        Path(html_file).write_text(page, encoding="utf-8")
    if as_json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    else:
        render_compare(result, texts, _console())
        if html_file:
            click.echo(f"原文对照 side by side → {html_file}")


if __name__ == "__main__":
    main()
