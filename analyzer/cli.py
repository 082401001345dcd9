"""Command line: ``jingzi check | batch | compare | library | demo | serve``.

Only click is imported up front. The pipeline (spaCy, scikit-learn, the models) is
imported inside the commands, after the arguments, the rubric and the library have been
checked, so ``--help``, ``--version`` and usage errors answer at once, and a missing or
too-large file is reported without loading any model.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import __version__
from .errors import SetupError

RUBRIC_HELP = "评分表：data/rubrics 中的名称或 YAML 文件 / rubric name in data/rubrics or a YAML file."


class SetupFailure(click.ClickException):
    """A :class:`SetupError` (models, library, rubric) shown as ``Error: [code] message``, exit 2."""

    exit_code = 2


class Main(click.Group):
    """The ``jingzi`` group: setup errors of any command end the command with exit status 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except SetupError as exc:
            from .ingest import display_name  # a path in the message may not be valid UTF-8

            raise SetupFailure(display_name(f"[{exc.code}] {exc.message}")) from exc


def _console():
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


def _files(paths: tuple[str, ...]) -> list[str]:
    """The files named and found under named folders; a usage error when there are none."""
    from .ingest import expand_paths

    from .opinions import is_opinions_list

    files = [p for p in expand_paths(list(paths)) if p in paths or not is_opinions_list(p)]
    if not files:
        raise click.UsageError("没有找到可分析的文件（.txt .md .docx .pdf）/ no .txt .md .docx .pdf files found in "
                               + " ".join(paths))
    return files


def _check_options(rubric: str, library: str | None) -> None:
    """Fail fast, before any model loads: the rubric must exist, and a library to read must be
    a jingzi library."""
    from .resources import load_rubric

    load_rubric(rubric)
    if library is not None:
        from .library import validate

        if not Path(library).is_file():
            raise SetupError("library_not_found", f"参考库不存在 / no library at {library}")
        validate(library)


def _timeout_option(fn):
    from .limits import DOCUMENT_SECONDS

    return click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=DOCUMENT_SECONDS,
                        show_default=True, help="每篇的分析时限（秒），超时记为 timeout 错误 / seconds to analyse "
                                                "one document; then it gets a `timeout` error.")(fn)


KINDS = ("personal", "collective", "criticism", "rectification", "opinions", "work_report", "other")
FAILED_SHOWN = 20  # failed files a batch names in the terminal; index.html lists them all
KIND_HELP = "强制指定文档类型 / force the document kind: " + ", ".join(KINDS) + "."


def _opinions_for(option: str | None):
    """``--opinions``: a list file (the same list for every material) or a folder of lists
    matched by name (张三.docx ↔ 张三.opinions.txt). Returns path -> list (None: no list)."""
    from .errors import JingziError
    from .opinions import list_for, read_list

    if option is None:
        return lambda path: None
    if Path(option).is_dir():
        def per_material(path):
            found = list_for(path, option)
            return read_list(found) if found else None
        return per_material
    try:
        shared = read_list(option)
    except JingziError as exc:
        raise click.UsageError(f"--opinions: [{exc.code}] {exc.message}") from exc
    return lambda path: shared


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
                            help="作者与日期表（CSV：name,author,unit,year,date），只凭证据判断抄袭方向 / CSV with "
                                 "columns name,author,unit,year,date: who wrote each file and when (a copy's source "
                                 "is named only with evidence).")


@click.group(cls=Main, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="jingzi")
def main() -> None:
    """照镜子 jingzi：审阅对照检查材料——四风覆盖、工作总结化段落、抄袭、深度，均附证据。

    jingzi screens 对照检查材料 (self-examination materials): four-styles coverage,
    work-summary passages, copying and depth, each with its evidence.
    """


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True,
              help="每篇一行 JSON（JSON Lines）/ one JSON object per document per line.")
@click.option("--library", type=click.Path(dir_okay=False),
              help="参考库（SQLite），检查抄袭 / reference library (SQLite) to check copying against.")
@click.option("--rubric", default="four-styles", show_default=True, help=RUBRIC_HELP)
@click.option("--kind", type=click.Choice(KINDS), help=KIND_HELP)
@click.option("--opinions", "opinions", type=click.Path(exists=True),
              help="征求到的意见：清单文件（.txt 每行一条、.docx、.xlsx）或按名称对应的清单文件夹 / collected "
                   "opinions: a list (.txt one per line, .docx, .xlsx) or a folder of NAME.opinions.txt.")
@_meta_option
@_timeout_option
def check(paths: tuple[str, ...], as_json: bool, library: str | None, rubric: str, kind: str | None,
          opinions: str | None, meta_file: str | None, timeout: float) -> None:
    """分析每篇材料（txt/md/docx/pdf 或文件夹），多篇时相互比对抄袭。

    Analyses each document (txt/md/docx/pdf, or every such file in a folder) in a worker
    process within its time budget; several documents are also cross-checked against each
    other for copying. --meta says who wrote each file and when, as for batch.
    """
    from .errors import JingziError
    from .ingest import check_file, display_name
    from .report import Report

    files = _files(paths)
    _check_options(rubric, library)
    lists = _opinions_for(opinions)
    sidecar = _sidecar(meta_file)
    errors, listed = {}, {}  # what is wrong with a file before reading it: reported without loading a model
    for path in files:
        try:
            check_file(path)
            listed[path] = lists(path)
        except JingziError as exc:  # the file, or the material's own opinions list
            errors[path] = Report.failed(display_name(path), display_name(Path(path).name), exc.to_dict()).to_dict()
    todo = [p for p in files if p not in errors]
    if todo:
        from .workers import check_paths

        analysed = check_paths(todo, library=library, timeout=timeout, opinions=listed, rubric=rubric, kind=kind)
        if len(todo) > 1:  # every report is needed before any can be cross-checked
            analysed = iter(_cross_check(list(analysed), todo, library, sidecar))
        elif sidecar is not None:
            analysed = (_with_meta(d, todo[0], library, sidecar) for d in analysed)
    console = None if as_json else _console()
    if console is not None and len(todo) > 1:
        console.print(f"[dim]{len(todo)} 篇材料已相互比对抄袭 / {len(todo)} documents were cross-checked "
                      "against each other for copying[/]")
    failed = False
    for path in files:
        d = errors.get(path) or next(analysed)
        failed |= "error" in d
        if as_json:
            sys.stdout.write(json.dumps(d, ensure_ascii=False) + "\n")
            sys.stdout.flush()
        else:
            from .render import render

            render(Report.from_dict(d), console)
    sys.exit(1 if failed else 0)


def _cross_check(reports: list[dict], paths: list[str], library: str | None,
                 sidecar: dict[str, dict] | None = None) -> list[dict]:
    """The reports with their ``copy`` redone against each other (and the library), as a
    batch does it (:func:`analyzer.batch.cross_check`: roles, provenance from ``--meta`` and
    the docx properties, 雷同 wording)."""
    from .batch import cross_check
    from .copydetect import CopyDetector
    from .library import open_library
    from .provenance import file_meta
    from .report import Report

    detector = CopyDetector.default(library=open_library(library) if library else None)
    keys = _peer_keys(paths)
    done = {path: Report.from_dict(d) for path, d in zip(paths, reports) if "error" not in d}
    for path, report in done.items():
        detector.add_peer(keys[path], report.text())
    metas = {keys[path]: file_meta(path, sidecar) for path in done}
    for path, d in zip(paths, reports):
        if path in done:
            d["copy"] = cross_check(detector, keys[path], done[path], metas, [])
    return reports


def _with_meta(report: dict, path: str, library: str | None, sidecar: dict[str, dict]) -> dict:
    """One document's report with its copy sources related again by its ``--meta`` metadata
    (the worker knew only the docx properties): 照搬往年材料 needs the author."""
    if "error" in report or report.get("copy") is None:
        return report
    from .library import open_library
    from .provenance import annotate, file_meta

    known = {}
    if library:
        with open_library(library) as lib:
            known = lib.metadata([s["source"] for s in report["copy"]["sources"]])
    annotate(report["copy"], file_meta(path, sidecar), known)
    return report


def _peer_keys(paths: list[str]) -> dict[str, str]:
    """How each document is named as a copy source: its file name, or its path where two
    documents share a file name."""
    names = [Path(p).name for p in paths]
    return {p: n if names.count(n) == 1 else p for p, n in zip(paths, names)}


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--out", required=True, type=click.Path(file_okay=False), help="输出文件夹 / output folder.")
@click.option("--library", type=click.Path(dir_okay=False),
              help="参考库（SQLite），检查抄袭 / reference library (SQLite) to check copying against.")
@click.option("--jobs", type=click.IntRange(min=1),
              help="并行进程数 [默认：全部核心] / worker processes [default: all cores].")
@click.option("--rubric", default="four-styles", show_default=True, help=RUBRIC_HELP)
@click.option("--scheduler", metavar="ADDRESS",
              help="在 Dask 集群上运行（如 tcp://10.0.0.5:8786）/ run on the Dask cluster whose scheduler is at "
                   "ADDRESS; inputs and OUT must be on a path every worker sees.")
@click.option("--kind", type=click.Choice(KINDS), help=KIND_HELP)
@click.option("--opinions", "opinions", type=click.Path(exists=True, file_okay=False),
              help="每篇材料的意见清单所在文件夹，按名称对应 / folder of opinion lists, one per material by "
                   "name: 张三.docx ↔ 张三.opinions.txt.")
@_meta_option
@_timeout_option
def batch(paths: tuple[str, ...], out: str, library: str | None, jobs: int | None, rubric: str,
          scheduler: str | None, kind: str | None, opinions: str | None, meta_file: str | None,
          timeout: float) -> None:
    """批量互查评分：在 OUT 中写出 results.jsonl/.csv/.xlsx、index.html 和 reports/。

    Cross-checks and scores a batch: results.jsonl/.csv/.xlsx, index.html and reports/ in OUT.
    """
    from .batch import run
    from .ingest import display_name

    files = _files(paths)
    if not any(Path(f).exists() for f in files):
        raise click.UsageError("找不到任何输入 / none of the inputs exists: " + " ".join(paths))
    _check_options(rubric, library)
    summary = run(paths, out, library=library, jobs=jobs, rubric=rubric, progress=sys.stderr.isatty(),
                  timeout=timeout, scheduler=scheduler, kind=kind, opinions=opinions, meta=_sidecar(meta_file))
    if summary.failed:  # which files failed and why, not only how many
        shown = FAILED_SHOWN
        for row in (r for r in summary.rows if r["error"]):
            if not shown:
                click.echo(f"… 其余失败见 / the other failures are listed in {display_name(Path(out) / 'index.html')}")
                break
            click.echo(f"✗ {display_name(row['file'])}  [{row['error']['code']}] {row['error']['message']}")
            shown -= 1
    click.echo(f"{summary.documents} 篇：分析 {summary.analysed}，缓存 {summary.cached}，失败 {summary.failed}，"
               f"用时 {summary.seconds:.1f} 秒 / {summary.documents} documents: {summary.analysed} analysed, "
               f"{summary.cached} cached, {summary.failed} failed in {summary.seconds:.1f} s → "
               f"{display_name(Path(out) / 'index.html')}")
    sys.exit(1 if summary.failed else 0)


@main.command()
@click.option("--out", default="jingzi-demo", show_default=True, type=click.Path(file_okay=False),
              help="批量结果的输出文件夹 / where the batch results go.")
@click.option("--jobs", type=click.IntRange(min=1),
              help="并行进程数 [默认：全部核心] / worker processes [default: all cores].")
def demo(out: str, jobs: int | None) -> None:
    """用自带样例材料运行批量任务：排名表、报告。

    Runs the main job on the bundled sample materials: batch, ranking, reports.
    """
    from .batch import run
    from .render import demo_table
    from .resources import DATA_DIR

    summary = run([str(DATA_DIR / "samples")], out, jobs=jobs, progress=sys.stderr.isatty())
    console = _console()
    console.print(demo_table(summary.rows, f"jingzi demo：{summary.documents} 篇样例材料 / sample materials"))
    console.print(f"报告 reports: {Path(out) / 'index.html'}\n表格 table: {Path(out) / 'results.xlsx'}")


@main.group()
def library() -> None:
    """管理参考库（SQLite）：add、list、remove。 / Manage the reference library (SQLite)."""


def _library_option(create: bool):
    help_text = ("参考库文件（不存在时新建）/ the library file (created if missing)." if create
                 else "参考库文件 / the library file.")
    return click.option("--library", "db", required=True, type=click.Path(dir_okay=False), help=help_text)


@library.command("add")
@click.argument("paths", nargs=-1, required=True)
@_library_option(create=True)
@click.option("--author", help="这些文档的作者（如本人往年材料）/ author of the documents added (e.g. an earlier "
                               "year's material of one person).")
@click.option("--unit", help="单位 / their unit.")
@click.option("--year", type=click.IntRange(1900, 2199), help="年份 / their year.")
@_meta_option
def library_add(paths: tuple[str, ...], db: str, author: str | None, unit: str | None, year: int | None,
                meta_file: str | None) -> None:
    """把文件或文件夹加入参考库；无法读取的文件会报告并跳过。

    Adds documents (files or folders) to the library; unreadable ones are reported and skipped.
    Metadata: --meta per file, else --author/--unit/--year, else the docx core properties.
    """
    from .errors import JingziError
    from .ingest import display_name, read_path
    from .library import Library, validate
    from .provenance import clean, file_meta

    files = _files(paths)
    validate(db)
    sidecar = _sidecar(meta_file)
    given = clean({"author": author, "unit": unit, "year": year})
    console = _console()
    failed, read = [], []

    def readable():  # a generator: the library commits in batches, nothing is held in memory
        for path in files:
            try:
                source = read_path(path)
            except JingziError as exc:
                failed.append(path)
                console.print(f"[red]✗ {_escape(display_name(path))}[/] [{exc.code}] {_escape(exc.message)}")
                continue
            read.append(source.name)
            yield source.name, source.text, {**file_meta(path), **given,
                                             **(file_meta(path, sidecar) if sidecar else {})}

    with Library(db) as lib:
        added = lib.add_many(readable())
        total = len(lib)
    duplicates = len(read) - added
    console.print(f"已加入 {added} 篇，重复 {duplicates} 篇，库中共 {total} 篇"
                  + (f"，{len(failed)} 篇无法读取" if failed else "")
                  + f"。 / added {added}, {duplicates} duplicates, {total} in the library"
                  + (f", {len(failed)} unreadable." if failed else "."))
    sys.exit(1 if failed else 0)


@library.command("list")
@_library_option(create=False)
def library_list(db: str) -> None:
    """列出参考库中的文档。 / Lists the documents of the library."""
    from rich.table import Table

    from .library import open_library

    with open_library(db) as lib:
        rows = lib.list()
    from rich.cells import cell_len

    table = Table(title=f"{db}: {len(rows)} 篇 / documents")
    widest = max((cell_len(r["name"]) for r in rows), default=8)
    table.add_column("名称 name", min_width=min(widest, 40), overflow="fold")  # names stay whole at 80 columns
    # metadata columns only where some document has a value: eight columns do not fit 80
    meta = [(k, col) for k, col in (("author", "作者 author"), ("unit", "单位 unit"), ("year", "年份 year"),
                                    ("date", "日期 date")) if any(r[k] not in (None, "") for r in rows)]
    for col in ("字数 chars", "sha256", "加入 added", *(col for _, col in meta)):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(_escape(r["name"]), str(r["chars"]), r["sha256"][:8], r["added"][:10],
                      *("" if r[k] is None else _escape(str(r[k])) for k, _ in meta))
    _console().print(table)


@library.command("remove")
@click.argument("name")
@_library_option(create=False)
def library_remove(name: str, db: str) -> None:
    """按名称（或加入时的路径）从参考库删除文档。

    Removes a document from the library by its name (or by the path it was added from).
    """
    from .library import open_library

    with open_library(db) as lib:
        removed = next((n for n in (name, Path(name).name) if lib.remove(n)), None)
    if removed is None:
        raise click.UsageError(f"库中没有 {name} / no document named {name} in {db}")
    click.echo(f"已删除 {removed} / removed {removed}")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="监听地址；非本机地址会让其他机器访问（请加 --token）/ address to listen on; anything but "
                   "loopback lets other machines in (use --token).")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535),
              help="端口 / port to listen on.")
@click.option("--data", default="jingzi-data", show_default=True, type=click.Path(file_okay=False),
              help="批次、上传文件和工作台数据库所在文件夹（不写别处）/ folder for rounds, uploads and the "
                   "workbench database (nothing is written elsewhere).")
@click.option("--library", type=click.Path(dir_okay=False),
              help="参考库（SQLite）[默认 DATA/library.sqlite] / reference library [default: DATA/library.sqlite].")
@click.option("--token", help="访问令牌 / access token every request must carry (?token=, a cookie or a Bearer "
                              "header).")
@click.option("--jobs", type=click.IntRange(min=1),
              help="每个批次的并行进程数 [默认：全部核心] / worker processes per round [default: all cores].")
@click.option("--rubric", default="four-styles", show_default=True, help=RUBRIC_HELP)
@_timeout_option
def serve(host: str, port: int, data: str, library: str | None, token: str | None, jobs: int | None,
          rubric: str, timeout: float) -> None:
    """审核工作台（浏览器）：批次、报告、对照、审核意见、导出。

    The review office's workbench in the browser: rounds, reports, comparison, verdicts, exports.
    """
    import os
    import tempfile

    import uvicorn

    from .resources import load_rubric
    from .web import LOOPBACK, Settings, create_app

    load_rubric(rubric)
    if host not in LOOPBACK:
        click.echo(f"警告：监听 {host}，其他机器也能访问"
                   + ("，请求须带访问令牌" if token else "；建议加 --token") +
                   f" / warning: listening on {host}, other machines can connect"
                   + ("; requests need the token" if token else "; consider --token"), err=True)
    settings = Settings(data=Path(data), library=Path(library) if library else None, host=host, token=token,
                        rubric=rubric, jobs=jobs, timeout=timeout)
    tmp = Path(data) / "tmp"
    tmp.mkdir(parents=True, exist_ok=True)
    tempfile.tempdir = str(tmp.resolve())  # uploads spool under --data, not /tmp (workers inherit TMPDIR)
    os.environ["TMPDIR"] = tempfile.tempdir
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    click.echo(f"jingzi 审核工作台 workbench: http://{shown}:{port}/" + (f"?token={token}" if token else ""))
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")


@main.command()
@click.argument("a")
@click.argument("b")
@click.option("--json", "as_json", is_flag=True,
              help="以 JSON 输出双向对照 / print the comparison object (both directions) as JSON.")
@click.option("--html", "html_file", type=click.Path(dir_okay=False),
              help="把原文对照页写到此文件 / write the side-by-side page here.")
@_meta_option
def compare(a: str, b: str, as_json: bool, html_file: str | None, meta_file: str | None) -> None:
    """原文对照：双向标出相同文字，只凭证据判断方向。 / Side-by-side view of two documents: shared text
    both ways, direction only with evidence."""
    from .compare import compare_paths, pair_of
    from .errors import JingziError
    from .html import pair_page
    from .render import render_compare
    from .segment import load_jieba

    load_jieba()  # jieba with the domain words, as `check` has it, and no "Building prefix dict …" lines
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


def _escape(text: str) -> str:
    """Text for rich markup: a ``[`` in a file name is not a style tag."""
    from rich.markup import escape

    return escape(text)


if __name__ == "__main__":
    main()
