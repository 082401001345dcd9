"""``jingzi serve``: the review office's workbench, a local web application (FastAPI + Jinja2).

Pages at ``/`` (rounds, the ranked table, reports, comparison, library, decisions and
exports) and a JSON API (``GET /healthz``, ``POST /api/check``). Server-rendered pages, one
small script (``static/workbench.js``), every asset served by the app; a
Content-Security-Policy forbids requests anywhere else.

Safety: loopback unless ``--host`` (then an optional access token); request, file-count
and zip limits (:class:`~analyzer.workbench.Limits`, 413 beyond); sanitised names and
nothing written outside the data folder; a CSRF token on every form that changes state;
Jinja2 autoescaping everywhere.

Example: ``uvicorn.run(create_app(Settings(data=Path("jingzi-data"))), host="127.0.0.1", port=8765)``.
"""
from __future__ import annotations

import hmac
import json
import re
import secrets
import shutil
import threading
import uuid
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlencode

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from . import __version__
from .limits import DOCUMENT_SECONDS
from .feedback import (
    document_text,
    feedback_docx,
    override_records,
    overrides_jsonl,
    reasons,
    review_columns,
    round_xlsx,
    table_rows,
)
from .html import CSS as REPORT_CSS
from .html import report_page, short_kind
from .workbench import (
    DECISION_LABEL,
    VERDICTS,
    Limits,
    Rounds,
    Store,
    UploadTooLarge,
    copy_limited,
    current,
    reviewed,
    safe_name,
    save_upload,
)

CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")
LOOPBACK = ("127.0.0.1", "localhost", "::1")
CSRF_COOKIE, REVIEWER_COOKIE, TOKEN_COOKIE = "jingzi_csrf", "jingzi_reviewer", "jingzi_token"


@dataclass
class Settings:
    """Everything the app depends on; tests build their own."""
    data: Path
    library: Path | None = None      # the reference library; default DATA/library.sqlite
    host: str = "127.0.0.1"
    token: str | None = None         # required on every request when set (``--token``)
    rubric: str = "four-styles"
    jobs: int | None = None          # worker processes per round [default: all cores]
    timeout: float = DOCUMENT_SECONDS  # seconds to analyse one document (``/api/check`` and rounds)
    limits: Limits = field(default_factory=Limits)

    def __post_init__(self):
        self.data = Path(self.data)
        self.library = Path(self.library) if self.library else self.data / "library.sqlite"


class Engine:
    """The server's own analyser and comparer, loaded once, used by one worker thread only
    (the library's SQLite connection and the spaCy pipeline stay in that thread). ``check``
    analyses in a worker process (spawned: the server runs threads, see
    :func:`~analyzer.workers.fork_is_safe`) within ``timeout`` seconds per
    document, as ``jingzi check`` does (:mod:`analyzer.workers`)."""

    def __init__(self, rubric: str, library: Path, timeout: float = DOCUMENT_SECONDS):
        self.rubric, self.library, self.timeout = rubric, library, timeout
        self.pool = ThreadPoolExecutor(1, thread_name_prefix="jingzi-engine")
        self.loaded: Future | None = None
        self.workers = None  # the analysis worker pool, started by the first check
        self._lock = threading.Lock()

    def start(self) -> Future:
        """Begin loading (at server start-up, or on first use)."""
        with self._lock:
            if self.loaded is None:
                self.loaded = self.pool.submit(self._load)
            return self.loaded

    def _load(self) -> None:
        from .copydetect import CopyDetector
        from .library import Library
        from .pipeline import Analyzer

        if not self.library.exists():  # the workbench keeps its own library: its page adds to it
            Library(self.library).close()
        self.analyzer = Analyzer(rubric=self.rubric, library=self.library)
        self.comparer = CopyDetector.default()

    def failure(self) -> BaseException | None:
        return self.loaded.exception() if self.loaded is not None and self.loaded.done() else None

    def ready(self) -> bool:
        return self.loaded is not None and self.loaded.done() and self.failure() is None

    def call(self, fn, *args):
        """``fn(*args)`` on the engine's thread, once loaded; blocks the calling thread."""
        self.start().result()
        return self.pool.submit(fn, *args).result()

    def check(self, paths: list[Path]) -> list[dict]:
        """The report object of each path; one over its time budget is a ``timeout`` error object."""
        from .workers import analyse_paths, analysis_pool

        def run():
            if self.workers is None:
                self.workers = analysis_pool(str(self.library), self.timeout, self.analyzer, rubric=self.rubric)
            return list(analyse_paths(self.workers, [str(p) for p in paths]))
        return self.call(run)

    def close_workers(self) -> None:
        """Stop the analysis worker (the next check starts a fresh one)."""
        def close():
            if self.workers is not None:
                self.workers.close()
                self.workers = None
        if self.loaded is not None:
            self.call(close)

    def library_changed(self) -> None:
        """Reopen the library so copy checks see what was added or removed."""
        from .copydetect import CopyDetector
        from .library import Library

        def reopen():
            old = self.analyzer.copy_detector.library
            self.analyzer.copy_detector = CopyDetector.default(library=Library(self.library))
            old.close()
        self.call(reopen)
        self.close_workers()  # its worker opened the old library


class _TooLarge(Exception):
    pass


class BodyLimit:
    """ASGI middleware: a request body over ``limit`` bytes gets 413 (by header or as it streams)."""

    def __init__(self, app, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        length = dict(scope["headers"]).get(b"content-length", b"0")
        if int(length or 0) > self.limit:
            return await _send_413(scope, send, self.limit)
        received, started = 0, False

        async def limited():
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.limit:
                raise _TooLarge
            return message

        async def tracked(message):
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited, tracked)
        except _TooLarge:
            if not started:
                await _send_413(scope, send, self.limit)


async def _send_413(scope, send, limit: int) -> None:
    body = json.dumps(too_large(f"请求超过 {limit // (1 << 20)} MB / request over {limit // (1 << 20)} MB"),
                      ensure_ascii=False).encode("utf-8")
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def too_large(detail: str) -> dict:
    return {"error": {"code": "too_large", "message": f"上传过大 / upload too large: {detail} — "
                                                      "请分批上传 / upload fewer or smaller files at a time."}}


def _int_list(text: str) -> list[int]:
    return [int(x) for x in re.findall(r"\d+", text or "")]


def report_body(page: str) -> str:
    """The body of a page made by :func:`analyzer.html.report_page` (its CSS is served as /report.css)."""
    return page.split("<body>", 1)[1].rsplit("</body>", 1)[0]


def create_app(settings: Settings) -> FastAPI:
    """The workbench app: state under ``settings.data``, background rounds, the API and the pages."""
    data = settings.data
    data.mkdir(parents=True, exist_ok=True)
    (data / "tmp").mkdir(exist_ok=True)
    store = Store(data / "workbench.sqlite")
    engine = Engine(settings.rubric, settings.library, settings.timeout)
    rounds = Rounds(store, data, str(settings.library), settings.rubric, settings.jobs, settings.timeout)
    env = Environment(loader=PackageLoader("analyzer", "templates"), autoescape=True)
    env.globals.update(VERDICTS=VERDICTS, DECISION_LABEL=DECISION_LABEL, version=__version__)
    env.filters["pct"] = lambda x: "" if x is None else f"{x:.0%}"
    env.filters["short_kind"] = short_kind

    @asynccontextmanager
    async def lifespan(_):
        engine.start()
        rounds.resume()
        yield
        engine.close_workers()

    app = FastAPI(title="jingzi workbench", version=__version__, docs_url=None, redoc_url=None, openapi_url=None,
                  lifespan=lifespan)
    app.state.store, app.state.engine, app.state.rounds, app.state.settings = store, engine, rounds, settings
    app.mount("/static", StaticFiles(packages=[("analyzer", "static")]), name="static")

    @app.middleware("http")
    async def guard(request: Request, call_next):
        path = request.url.path
        if settings.token and path != "/healthz" and not path.startswith("/static/"):
            bearer = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
            given = request.query_params.get("token") or bearer or request.cookies.get(TOKEN_COOKIE, "")
            if not hmac.compare_digest(given.encode(), settings.token.encode()):
                return JSONResponse({"error": {"code": "unauthorized", "message":
                                     "需要访问令牌 / access token required — 打开启动时显示的带 ?token= 的地址 / "
                                     "open the address with ?token= printed at start-up"}}, status_code=401)
        cookie = request.cookies.get(CSRF_COOKIE, "")
        request.state.csrf = cookie if re.fullmatch(r"[\w-]{43}", cookie) else secrets.token_urlsafe(32)
        if "token" in request.query_params and settings.token:
            response = RedirectResponse(str(request.url.remove_query_params("token")), status_code=303)
        else:
            response = await call_next(request)
        if cookie != request.state.csrf:
            response.set_cookie(CSRF_COOKIE, request.state.csrf, httponly=True, samesite="strict")
        if "token" in request.query_params and settings.token:
            response.set_cookie(TOKEN_COOKIE, settings.token, httponly=True, samesite="strict")
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    if settings.host in LOOPBACK:  # a page elsewhere cannot reach the loopback server by a DNS name of its own
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=["127.0.0.1", "localhost", "[::1]"])
    app.add_middleware(BodyLimit, limit=settings.limits.request_bytes)

    def page(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
        reviewer = unquote(request.cookies.get(REVIEWER_COOKIE, ""))
        html = env.get_template(name).render(request=request, csrf=request.state.csrf, reviewer=reviewer, **context)
        return HTMLResponse(html, status_code=status)

    async def form_of(request: Request):
        """The posted form, CSRF-checked; too many files is 413."""
        try:
            form = await request.form(max_files=settings.limits.files, max_fields=50)
        except StarletteHTTPException as exc:
            if "Too many files" in str(exc.detail):
                raise HTTPException(413, too_large(f"最多 {settings.limits.files} 个文件 / at most "
                                                   f"{settings.limits.files} files")["error"]["message"]) from exc
            raise
        given = form.get("csrf")
        if not isinstance(given, str) or not hmac.compare_digest(given.encode(), request.state.csrf.encode()) \
                or CSRF_COOKIE not in request.cookies:
            raise HTTPException(403, "CSRF 校验失败：请刷新页面后重试 / CSRF check failed: reload the page and retry")
        return form

    def uploads(form) -> list[UploadFile]:
        return [f for f in form.getlist("file") if isinstance(f, UploadFile) and f.filename]

    def save_all(files: list[UploadFile], folder: Path) -> tuple[list[Path], list[str]]:
        paths, notes = [], []
        for f in files:
            try:
                got, said = save_upload(f.file, f.filename, folder, settings.limits)
            except UploadTooLarge as exc:
                raise HTTPException(413, too_large(str(exc))["error"]["message"]) from exc
            paths += got
            notes += said
        return paths, notes

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        codes = {400: "bad_request", 403: "forbidden", 404: "not_found", 413: "too_large"}
        body = {"error": {"code": codes.get(exc.status_code, "error"), "message": str(exc.detail)}}
        if request.url.path.startswith("/api/") or "text/html" not in request.headers.get("accept", ""):
            return JSONResponse(body, status_code=exc.status_code)
        return page(request, "error.html", status=exc.status_code, error=body["error"])

    def round_or_404(rid: int) -> dict:
        r = store.round(rid)
        if r is None:
            raise HTTPException(404, f"没有第 {rid} 批 / no round {rid}")
        return r

    def document_or_404(rid: int, did: int) -> dict:
        doc = store.document(rid, did)
        if doc is None:
            raise HTTPException(404, f"没有这份材料 / no document {did} in round {rid}")
        return doc

    # ------------------------------------------------------------------ API

    @app.get("/healthz")
    def healthz():
        if engine.failure() is not None:
            return JSONResponse({"status": "error", "message": str(engine.failure())}, status_code=500)
        if not engine.ready():
            return JSONResponse({"status": "loading"}, status_code=503)
        return {"status": "ok", "version": __version__}

    @app.post("/api/check")
    async def api_check(request: Request):
        try:
            form = await request.form(max_files=settings.limits.files, max_fields=50)
        except StarletteHTTPException as exc:
            if "Too many files" in str(exc.detail):
                return JSONResponse(too_large(f"最多 {settings.limits.files} 个文件 / at most "
                                              f"{settings.limits.files} files"), status_code=413)
            raise
        files = uploads(form)
        if not files:
            return JSONResponse({"error": {"code": "no_file", "message": "没有上传文件 / no file uploaded — 用 "
                                           "multipart 字段 file 上传 / send each file as a multipart field named file"}},
                                status_code=400)
        folder = data / "tmp" / uuid.uuid4().hex
        try:
            results = await run_in_threadpool(check_uploads, files, folder)
        except UploadTooLarge as exc:
            return JSONResponse(too_large(str(exc)), status_code=413)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return JSONResponse(results)

    def check_uploads(files: list[UploadFile], folder: Path) -> list[dict]:
        """Each upload in a folder of its own under its safe name, analysed; ``file`` is that name."""
        paths = []
        for f in files:
            path = folder / uuid.uuid4().hex / safe_name(f.filename)
            path.parent.mkdir(parents=True)
            copy_limited(f.file, path, settings.limits.file_bytes)
            paths.append(path)
        results = engine.check(paths)
        for d, path in zip(results, paths):
            d["file"] = path.name
        return results

    # ------------------------------------------------------------------ pages

    @app.get("/report.css")
    def report_css():
        return Response(REPORT_CSS, media_type="text/css")

    @app.get("/", response_class=HTMLResponse)
    def index(request: Request):
        return page(request, "index.html", rounds=store.rounds(), limits=settings.limits)

    @app.post("/rounds")
    async def create_round(request: Request):
        form = await form_of(request)
        files = uploads(form)
        if not files:
            raise HTTPException(400, "请选择要上传的文件 / choose files to upload")
        name = str(form.get("name") or "").strip()[:100] or "未命名批次 untitled round"
        rid = store.create_round(name)
        try:
            paths, notes = await run_in_threadpool(save_all, files, rounds.files(rid))
        except HTTPException as exc:  # nothing of a refused upload is kept
            shutil.rmtree(rounds.files(rid), ignore_errors=True)
            store.set_status(rid, "failed", str(exc.detail))
            raise
        store.set_notes(rid, notes)
        if not paths:
            store.set_status(rid, "failed", "没有可分析的文件 / no .txt .md .docx .pdf file in the upload")
        else:
            rounds.submit(rid)
        return RedirectResponse(f"/rounds/{rid}", status_code=303)

    @app.get("/rounds/{rid}/progress")
    def progress(rid: int):
        r = round_or_404(rid)
        return {k: r[k] for k in ("status", "status_label", "phase", "done", "total", "message")}

    @app.get("/rounds/{rid}", response_class=HTMLResponse)
    def round_page(request: Request, rid: int):
        r = round_or_404(rid)
        docs = store.documents(rid)
        decided = store.decisions_by_document(rid)
        rows = table_rows([(d["id"], reviewed(d["report"], decided.get(d["id"], [])), decided.get(d["id"], []))
                           for d in docs])
        q = request.query_params
        shown = filter_rows(rows, q)
        key = q.get("sort", "rank")
        shown = sort_rows(shown, key, q.get("desc") == "1")
        labels = {cid: label for row in rows for cid, label in row["labels"].items()}
        choices = {"kinds": sorted({(row["kind"], short_kind(row["kind_label"])) for row in rows if row["kind"]}),
                   "flags": sorted({f for row in rows for f in row["flags"] + (row["substitutions"] or [])})}
        desc = q.get("desc") == "1"
        # a heading sorts its column, largest first (names and ranks smallest first); again, the other way
        sort_links = {k: "?" + urlencode({**q, "sort": k,
                                          "desc": int(not desc if k == key else k not in ("rank", "name"))})
                      for k in SORT_KEYS}
        return page(request, "round.html", round=r, rows=shown, total=len(rows), labels=labels, q=q,
                    sort=key, desc=desc, sort_links=sort_links, choices=choices,
                    docs=[(d["id"], d["name"]) for d in docs if "error" not in d["report"]])

    @app.get("/rounds/{rid}/docs/{did}", response_class=HTMLResponse)
    def document_page(request: Request, rid: int, did: int):
        r = round_or_404(rid)
        doc = document_or_404(rid, did)
        decisions = store.decisions(did=did)
        d = doc["report"]
        names = store.names(rid)
        links = {name: f"/rounds/{rid}/docs/{i}" for name, i in names.items()}
        order = list(names.items())
        at = [i for _, i in order].index(did)
        neighbours = {"prev": order[at - 1] if at > 0 else None,
                      "next": order[at + 1] if at + 1 < len(order) else None}
        body = report_body(report_page(d, links, home=f"/rounds/{rid}"))
        review = reviewed(d, decisions)
        force = current(decisions)
        copied = copied_paragraphs(d)
        return page(request, "document.html", round=r, doc=doc, d=d, review=review, body=body,
                    decisions=decisions, verdict=force.get(("verdict", "")), reasons=reasons(review),
                    copied=copied, neighbours=neighbours)

    @app.post("/rounds/{rid}/docs/{did}/decide")
    async def decide(request: Request, rid: int, did: int):
        round_or_404(rid)
        doc = document_or_404(rid, did)
        form = await form_of(request)
        reviewer = str(form.get("reviewer") or "").strip()[:50]
        kind, target, value = (str(form.get(k) or "") for k in ("kind", "target", "value"))
        paragraphs = _int_list(str(form.get("paragraphs") or ""))
        n = len(doc["report"].get("paragraphs", []))
        if not reviewer:
            raise HTTPException(400, "请填写审核人 / enter the reviewer's name")
        if kind == "coverage" and target not in (doc["report"].get("coverage") or {}):
            raise HTTPException(400, f"没有类别 {target} / no category {target}")
        if kind == "copy" and not (target.isdigit() and int(target) < n):
            raise HTTPException(400, f"没有第 {target} 段 / no paragraph {target}")
        if any(i >= n for i in paragraphs):
            raise HTTPException(400, f"段落编号超出范围 0–{n - 1} / paragraph numbers run 0–{n - 1}")
        if kind == "coverage" and value == "covered" and not paragraphs:
            raise HTTPException(400, "改判为已查摆时请写出证据段落编号 / name the paragraphs that examine it")
        if kind == "verdict":
            target = ""
        if kind == "copy":
            paragraphs = [int(target)]
        try:
            store.decide(did, kind, target, value, reviewer, str(form.get("comment") or "")[:2000], paragraphs)
        except ValueError as exc:
            raise HTTPException(400, str(exc)) from exc
        response = RedirectResponse(f"/rounds/{rid}/docs/{did}#review", status_code=303)
        response.set_cookie(REVIEWER_COOKIE, quote(reviewer), samesite="strict", max_age=365 * 86400)
        return response

    @app.get("/rounds/{rid}/docs/{did}/feedback.docx")
    def feedback(rid: int, did: int):
        r = round_or_404(rid)
        doc = document_or_404(rid, did)
        decisions = store.decisions(did=did)
        body = feedback_docx(reviewed(doc["report"], decisions), r["name"], decisions)
        return Response(body, media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        headers=_attachment(f"审核意见单-{Path(doc['name']).stem}.docx"))

    @app.get("/rounds/{rid}/table.xlsx")
    def table_xlsx(rid: int):
        r = round_or_404(rid)
        decided = store.decisions_by_document(rid)
        docs = [(d["id"], d["report"], decided.get(d["id"], [])) for d in store.documents(rid)]
        rows = table_rows([(did, reviewed(rep, ds), ds) for did, rep, ds in docs])
        by_id = {did: ds for did, _, ds in docs}
        body = round_xlsx(rows, [review_columns(by_id[row["id"]]) for row in rows], store.decisions(rid=rid))
        return Response(body, media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        headers=_attachment(f"{r['name']}.xlsx"))

    @app.get("/rounds/{rid}/overrides.jsonl")
    def round_overrides(rid: int):
        round_or_404(rid)
        return _jsonl(overrides_of(store, [rid]), f"overrides-round-{rid}.jsonl")

    @app.get("/overrides.jsonl")
    def all_overrides():
        return _jsonl(overrides_of(store, [r["id"] for r in store.rounds()]), "overrides.jsonl")

    @app.get("/rounds/{rid}/compare", response_class=HTMLResponse)
    def compare(request: Request, rid: int, a: int, b: int):
        r = round_or_404(rid)
        da, db = document_or_404(rid, a)["report"], document_or_404(rid, b)["report"]
        if "error" in da or "error" in db:
            raise HTTPException(400, "无法比较无法读取的文件 / a file that could not be read cannot be compared")
        ta, tb = document_text(da), document_text(db)
        copied, qa, qb = engine.call(lambda: (engine.comparer.compare(ta, tb), engine.comparer.quotations(ta),
                                              engine.comparer.quotations(tb)))
        fragments = [f for s in copied["sources"] for f in s["fragments"]]
        left = side(da, [(f["start"], f["end"], "copy", f"= {db['name']} ¶{paragraph_at(db, f['source_start'])}")
                         for f in fragments] + [(s, e, "quote", "") for s, e in qa])
        right = side(db, [(f["source_start"], f["source_end"], "copy",
                           f"= {da['name']} ¶{paragraph_at(da, f['start'])}") for f in fragments]
                     + [(s, e, "quote", "") for s, e in qb])
        shared = sum(f["end"] - f["start"] for f in fragments)
        return page(request, "compare.html", round=r, a=da, b=db, ida=a, idb=b,
                    rows=list(zip_longest(left, right)), fragments=len(fragments),
                    share=shared / max(da["chars"], 1))

    # ------------------------------------------------------------------ library

    def library():
        from .library import Library
        return Library(settings.library)

    @app.get("/library", response_class=HTMLResponse)
    def library_page(request: Request):
        engine.start().result()  # the engine creates the library file
        with library() as lib:
            docs = lib.list()
        return page(request, "library.html", docs=docs, path=str(settings.library))

    @app.post("/library")
    async def library_add(request: Request):
        form = await form_of(request)
        files = uploads(form)
        if not files:
            raise HTTPException(400, "请选择要加入参考库的文件 / choose files to add")
        folder = data / "tmp" / uuid.uuid4().hex
        try:
            added, failed = await run_in_threadpool(add_to_library, files, folder)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return page(request, "library_done.html", added=added, failed=failed)

    def add_to_library(files: list[UploadFile], folder: Path) -> tuple[int, list[str]]:
        """Read the uploads into the library: (documents added, what could not be read or was skipped)."""
        from .errors import JingziError
        from .ingest import read_path

        paths, failed = save_all(files, folder)

        def readable():
            for path in paths:
                try:
                    source = read_path(path)
                except JingziError as exc:
                    failed.append(f"{path.name}: [{exc.code}] {exc.message}")
                    continue
                yield source.name, source.text
        with library() as lib:
            added = lib.add_many(readable())
        engine.library_changed()
        return added, failed

    def remove_from_library(name: str) -> bool:
        with library() as lib:
            removed = lib.remove(name)
        if removed:
            engine.library_changed()
        return removed

    @app.post("/library/remove")
    async def library_remove(request: Request):
        form = await form_of(request)
        removed = await run_in_threadpool(remove_from_library, str(form.get("name") or ""))
        if not removed:
            raise HTTPException(404, "库中没有这份文档 / no such document in the library")
        return RedirectResponse("/library", status_code=303)

    return app


def zip_longest(a: list, b: list) -> list:
    return [(a[i] if i < len(a) else None, b[i] if i < len(b) else None) for i in range(max(len(a), len(b)))]


def _attachment(filename: str) -> dict:
    ascii_name = re.sub(r"[^\w.-]", "_", filename.encode("ascii", "replace").decode())
    return {"Content-Disposition": f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"}


def _jsonl(records: list[dict], filename: str) -> Response:
    return Response(overrides_jsonl(records), media_type="application/x-ndjson", headers=_attachment(filename))


def overrides_of(store: Store, round_ids: list[int]) -> list[dict]:
    out = []
    for rid in round_ids:
        decided = store.decisions_by_document(rid)
        for d in store.documents(rid):
            if d["id"] in decided:
                out += override_records(d["report"], decided[d["id"]], rid)
    return out


def copied_paragraphs(d: dict) -> list[dict]:
    """Paragraphs holding copy fragments: [{index, snippet}] (what a "not copied" override can name)."""
    spans = [(f["start"], f["end"]) for s in (d.get("copy") or {}).get("sources", []) for f in s["fragments"]]
    return [{"index": p["index"], "snippet": p["text"][:30]} for p in d.get("paragraphs", [])
            if any(s < p["end"] and p["start"] < e for s, e in spans)]


def paragraph_at(d: dict, offset: int) -> int:
    """The index of the paragraph holding a character offset (the last one before it)."""
    return max((p["index"] for p in d["paragraphs"] if p["start"] <= offset), default=0)


def side(d: dict, marks: list[tuple[int, int, str, str]]) -> list[dict]:
    """A document's paragraphs as [{index, pieces: [(text, css class or '', title)]}]; ``marks`` are
    (start, end, "copy" | "quote", title), split at paragraph edges, copy over quote."""
    out = []
    for p in d["paragraphs"]:
        local = [(max(s, p["start"]) - p["start"], min(e, p["end"]) - p["start"], kind, title)
                 for s, e, kind, title in marks if s < p["end"] and e > p["start"]]
        cuts = sorted({0, len(p["text"]), *(m[0] for m in local), *(m[1] for m in local)})
        shown, pieces = p.get("original") or p["text"], []  # a text read as simplified is shown as given
        for a, b in zip(cuts, cuts[1:]):
            over = [(k, t) for s, e, k, t in local if s <= a and b <= e]
            copied = [t for k, t in over if k == "copy"]
            kind = "copy" if copied else "quote" if over else ""
            pieces.append((shown[a:b], kind, "；".join(dict.fromkeys(copied))))
        out.append({"index": p["index"], "pieces": pieces})
    return out


SORT_KEYS = {  # row -> the value sorted on; None (not judged) always goes last
    "rank": lambda r: r["rank"],
    "name": lambda r: r["name"],
    "depth": lambda r: r["depth"],
    "copy": lambda r: r["copy"],
    "summary": lambda r: r["summary_like"],
    "missing": lambda r: None if r["missing"] is None else len(r["missing"]),
    "verdict": lambda r: r["verdict"],
}


def sort_rows(rows: list[dict], key: str, desc: bool) -> list[dict]:
    value = SORT_KEYS.get(key, SORT_KEYS["rank"])
    judged = [r for r in rows if value(r) is not None]
    return sorted(judged, key=value, reverse=desc) + [r for r in rows if value(r) is None]


def _number(text: str | None) -> float | None:
    try:
        return float(text) if text not in (None, "") else None
    except ValueError:
        return None


def filter_rows(rows: list[dict], q) -> list[dict]:
    """Rows matching the query: kind, flag, missing (category id), min_copy (%), max_depth, verdict."""
    min_copy, max_depth = _number(q.get("min_copy")), _number(q.get("max_depth"))
    out = []
    for r in rows:
        if q.get("kind") and r["kind"] != q["kind"]:
            continue
        if q.get("flag") and q["flag"] not in r["flags"] + (r["substitutions"] or []):
            continue
        if q.get("missing") and not (r["covered"] is not None and r["covered"].get(q["missing"]) is False):
            continue
        if min_copy is not None and (r["copy"] is None or r["copy"] * 100 < min_copy):
            continue
        if max_depth is not None and (r["depth"] is None or r["depth"] > max_depth):
            continue
        if q.get("verdict") and (r["verdict"] or "none") != q["verdict"]:
            continue
        out.append(r)
    return out
