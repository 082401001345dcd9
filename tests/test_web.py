"""``jingzi serve`` through FastAPI's TestClient: the JSON API as SPEC.md gives it, a round from
upload to exports, decisions with their audit log, persistence across a restart, and the
safety rules (limits, names, CSRF, host, token, escaping, no outside requests)."""
from __future__ import annotations

import io
import json
import re
import time
import zipfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from analyzer.web import Settings, create_app
from analyzer.workbench import Limits, UploadTooLarge, _member_name, safe_name, save_upload

from .conftest import GOOD, WEAK, WORK_SUMMARY

BASE = "http://127.0.0.1"
# a material that takes over the problems of GOOD word for word, under its own head and tail
COPIED = "\n".join(["XX县农业局局长专题民主生活会个人对照检查材料",
                    "按照县委统一安排，我认真查摆了自身存在的问题，现报告如下。",
                    *GOOD.splitlines()[2:13],
                    "今后我将认真整改，请同志们批评指正。"]) + "\n"


NOTICE = ("关于开展机关作风专项检查的通知\n"
          "各科室：为进一步改进机关作风，经研究，决定于下月开展专项检查，请各科室认真自查。\n")


def client_for(settings: Settings) -> TestClient:
    return TestClient(create_app(settings), base_url=BASE)


def wait_ready(client: TestClient) -> None:
    for _ in range(240):
        if client.get("/healthz").status_code == 200:
            return
        time.sleep(0.25)
    raise AssertionError("server never became ready")


def wait_round(client: TestClient, rid: int) -> dict:
    for _ in range(600):
        p = client.get(f"/rounds/{rid}/progress").json()
        if p["status"] in ("done", "failed"):
            return p
        time.sleep(0.25)
    raise AssertionError("round never finished")


def csrf(client: TestClient) -> str:
    client.get("/")
    return client.cookies["jingzi_csrf"]


def a_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("第二批/赵六 述职.txt", WORK_SUMMARY)
        z.writestr("../../evil.txt", NOTICE)  # path traversal: stored flat, under its base name
        z.writestr("setup.exe", b"MZ\x90\x00")
        z.writestr("__MACOSX/._赵六 述职.txt", b"\x00\x05")
    return buf.getvalue()


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("workbench")


@pytest.fixture(scope="module")
def client(data):
    with client_for(Settings(data=data, jobs=1)) as c:  # as a context: start-up runs, the engine loads
        wait_ready(c)
        yield c


@pytest.fixture(scope="module")
def round_id(client):
    files = [("file", ("张三 对照检查.txt", GOOD.encode("utf-8"), "text/plain")),
             ("file", ("王五-gbk.txt", WEAK.encode("gbk"), "text/plain")),
             ("file", ("李四 对照检查.txt", COPIED.encode("utf-8"), "text/plain")),
             ("file", ("坏文件.txt", b"\x00\x01\x02" * 400, "text/plain")),
             ("file", ("材料包.zip", a_zip(), "application/zip"))]
    r = client.post("/rounds", data={"csrf": csrf(client), "name": "第一批 <专题>"}, files=files,
                    follow_redirects=False)
    assert r.status_code == 303
    rid = int(r.headers["location"].rsplit("/", 1)[1])
    assert wait_round(client, rid)["status"] == "done"
    return rid


def documents(client, rid) -> dict[str, int]:
    page = client.get(f"/rounds/{rid}").text
    return {name: int(did) for did, name in re.findall(r'<a href="/rounds/\d+/docs/(\d+)">([^<]+)</a>', page)}


# --------------------------------------------------------------------------- API

def test_healthz_and_check_api_answer_like_check_json(client, analyzer, tmp_path):
    assert client.get("/healthz").json()["status"] == "ok"
    r = client.post("/api/check", files=[("file", ("张三.txt", GOOD.encode("utf-8"))),
                                         ("file", ("坏文件.txt", b"\x00\x01\x02" * 400)),
                                         ("file", ("王五.txt", WEAK.encode("gbk")))])
    assert r.status_code == 200
    good, bad, weak = r.json()
    path = tmp_path / "张三.txt"
    path.write_text(GOOD, encoding="utf-8")
    expected = analyzer.analyze_path(path).to_dict()
    assert good["name"] == "张三.txt" and good["file"] == "张三.txt"  # no server path leaks
    for key in ("sha256", "chars", "paragraphs", "coverage", "summary_like", "depth"):
        assert good[key] == expected[key], key
    assert good["copy"]["ratio"] < 0.1  # checked against the (empty) reference library
    assert bad["error"]["code"] == "binary" and "paragraphs" not in bad
    assert weak["coverage"]["extravagance"]["covered"] is False


def test_check_api_without_a_file_is_400(client):
    r = client.post("/api/check", data={"x": "1"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "no_file"


def test_uploads_over_the_limits_are_413(tmp_path):
    small = client_for(Settings(data=tmp_path, limits=Limits(request_bytes=20_000, files=2)))
    r = small.post("/api/check", files=[("file", ("big.txt", ("会议多。" * 3000).encode("utf-8")))])
    assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"
    r = small.post("/api/check", files=[("file", (f"{i}.txt", b"x")) for i in range(3)])
    assert r.status_code == 413
    token = csrf(small)
    r = small.post("/rounds", data={"csrf": token}, files=[("file", (f"{i}.txt", b"x")) for i in range(3)])
    assert r.status_code == 413
    assert not list((tmp_path / "rounds").rglob("*.txt"))  # nothing kept from a refused upload


# --------------------------------------------------------------------------- a round

def test_round_analyses_uploads_and_zip_members_safely(client, data, round_id):
    docs = documents(client, round_id)
    assert set(docs) == {"张三 对照检查.txt", "王五-gbk.txt", "李四 对照检查.txt", "坏文件.txt", "赵六 述职.txt",
                         "evil.txt"}
    files = data / "rounds" / str(round_id) / "files"
    assert sorted(p.name for p in files.iterdir()) == sorted(docs)
    assert not (data.parent / "evil.txt").exists() and not (data / "evil.txt").exists()
    page = client.get(f"/rounds/{round_id}").text
    assert "setup.exe：不支持的类型" in page  # skipped members are reported, not dropped silently
    assert "第一批 &lt;专题&gt;" in page and "<专题>" not in page
    assert "[binary]" in page  # the bad file keeps its row with the reason
    assert "__MACOSX" not in page


def test_round_table_sorts_and_filters(client, round_id):
    def names(query):
        page = client.get(f"/rounds/{round_id}?{query}").text
        table = page.split('<table id="ranking">', 1)[1]
        return re.findall(r'<tr data-name="([^"]+)"', table)

    by_copy = names("sort=copy&desc=1")
    assert set(by_copy[:2]) == {"张三 对照检查.txt", "李四 对照检查.txt"}  # the copied pair first
    assert names("min_copy=20") and set(names("min_copy=20")) <= {"张三 对照检查.txt", "李四 对照检查.txt"}
    missing = names("missing=extravagance")
    assert "王五-gbk.txt" in missing and "张三 对照检查.txt" not in missing  # WEAK denies 奢靡之风
    depths = names("sort=depth&desc=1")
    assert depths.index("张三 对照检查.txt") < depths.index("王五-gbk.txt")
    # the unreadable file and the notice (not a material: no depth) are not under any depth bound
    assert names("max_depth=101&sort=name") == sorted(n for n in depths if n not in ("坏文件.txt", "evil.txt"))


def test_round_table_names_kinds_and_flags_in_words(client, round_id):
    page = client.get(f"/rounds/{round_id}").text
    table = page.split('<table id="ranking">', 1)[1]
    assert '个人对照检查材料 <span class="muted">personal</span>' in table  # not the bare id
    assert '<option value="personal">个人对照检查材料 personal</option>' in page
    assert client.get(f"/rounds/{round_id}?kind=personal").text.count("<tr data-name=") >= 2
    assert "非对照检查材料 not_a_material" in table  # the notice's warning, named in Chinese too


def test_report_page_shows_the_same_judgements_as_the_html_report(client, round_id):
    docs = documents(client, round_id)
    page = client.get(f"/rounds/{round_id}/docs/{docs['李四 对照检查.txt']}").text
    assert '<section id="coverage">' in page and '<section id="depth">' in page
    assert 'class="copy' in page and "张三 对照检查.txt" in page and "雷同" in page  # shared text, no accusation
    assert f'href="/rounds/{round_id}/docs/{docs["张三 对照检查.txt"]}"' in page  # copy source links to its page
    assert 'id="prev"' in page and 'id="next"' in page  # reviewers walk the round document by document


def test_compare_marks_the_shared_fragments(client, round_id):
    docs = documents(client, round_id)
    r = client.get(f"/rounds/{round_id}/compare", params={"a": docs["李四 对照检查.txt"], "b": docs["张三 对照检查.txt"]})
    assert r.status_code == 200
    assert re.search(r"(\d+) 处相同片段", r.text) and int(re.search(r"(\d+) 处相同片段", r.text)[1]) >= 1
    assert '<span class="copy">' in r.text and "文山会海问题突出" in r.text


def test_decisions_are_audited_applied_and_exported(client, round_id):
    docs = documents(client, round_id)
    did = docs["王五-gbk.txt"]
    token = csrf(client)
    url = f"/rounds/{round_id}/docs/{did}/decide"

    def decide(**form):
        return client.post(url, data={"csrf": token, **form}, follow_redirects=False)

    assert decide(kind="verdict", value="revise", reviewer="审核员甲",
                  comment="<script>alert(1)</script>问题不具体").status_code == 303
    assert decide(kind="coverage", target="extravagance", value="covered", reviewer="审核员乙").status_code == 400
    assert decide(kind="coverage", target="extravagance", value="covered", paragraphs="99",
                  reviewer="审核员乙").status_code == 400
    assert decide(kind="coverage", target="extravagance", value="covered", paragraphs="¶5",
                  reviewer="审核员乙", comment="第5段写了执行八项规定的情况").status_code == 303
    assert decide(kind="verdict", value="maybe", reviewer="甲").status_code == 400
    assert decide(kind="coverage", target="hedonism", value="not_covered", reviewer="=cmd|' /C calc'!A0",
                  comment='=HYPERLINK("http://x.example","点击")').status_code == 303
    assert decide(kind="verdict", value="pass").status_code == 400  # who decided must be known

    page = client.get(f"/rounds/{round_id}/docs/{did}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;问题不具体" in page and "<script>alert" not in page
    audit = page.split('<table id="audit">', 1)[1].split("</table>", 1)[0]
    assert audit.count("<tr>") == 4 and "审核员甲" in audit and "审核员乙" in audit and "类别 奢靡之风" in audit
    assert "退回修改 return for revision" in page
    overrides = page.split('<ul id="overrides">', 1)[1].split("</ul>", 1)[0]
    assert "奢靡之风：机器判断 未查摆 → 审核人改判 <b>已查摆 covered</b>" in overrides and "¶5" in overrides

    # the override counts: 奢靡之风 is no longer missing for this document
    assert "王五-gbk.txt" not in client.get(f"/rounds/{round_id}?missing=extravagance").text.split(
        '<table id="ranking">', 1)[1]
    assert "王五-gbk.txt" in client.get(f"/rounds/{round_id}?verdict=revise").text.split('<table id="ranking">', 1)[1]

    r = client.get(f"/rounds/{round_id}/docs/{did}/feedback.docx")
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    from docx import Document
    doc = Document(io.BytesIO(r.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "<script>alert(1)</script>问题不具体" in text  # a .docx is not HTML: the words stay as written
    assert "退回修改 return for revision" in cells and "审核员乙" in cells
    points = text.split("需要修改的地方", 1)[1].split("检查结果", 1)[0]
    assert "“形式主义”方面" in points and "奢靡之风" not in points  # overridden: no longer a point to revise
    assert "奢靡之风：已查摆（审核人 审核员乙 改判）" in text

    r = client.get(f"/rounds/{round_id}/table.xlsx")
    from openpyxl import load_workbook
    ws = load_workbook(io.BytesIO(r.content)).active
    header = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(values_only=True) if r[1] == "王五-gbk.txt")
    assert row[header.index("审核结论 verdict")] == "退回修改"
    assert "coverage:extravagance=covered" in row[header.index("改判 overrides")]
    sheet = load_workbook(io.BytesIO(r.content))["审核记录 audit log"]
    log = list(sheet.iter_rows(values_only=True))
    assert [x[1] for x in log[1:]] == ["审核员甲", "审核员乙", "=cmd|' /C calc'!A0"] and log[2][2] == "王五-gbk.txt"
    assert "f" not in {c.data_type for row in sheet.iter_rows(min_row=2) for c in row}  # no formula cells

    lines = [json.loads(x) for x in client.get(f"/rounds/{round_id}/overrides.jsonl").text.splitlines()]
    (rec,) = [x for x in lines if x["document"] == "王五-gbk.txt" and x["target"] == "extravagance"]
    assert rec["schema"] == "jingzi-override/1" and rec["kind"] == "coverage" and rec["value"] == "covered"
    assert rec["paragraphs"] == [5] and rec["reviewer"] == "审核员乙" and rec["model"]["covered"] is False
    assert len(rec["texts"]) == len(rec["styles"]) and "奢靡之风" in rec["texts"][5]


def test_copy_override_lowers_the_reviewed_ratio(client, round_id):
    docs = documents(client, round_id)
    did = docs["李四 对照检查.txt"]
    page = client.get(f"/rounds/{round_id}/docs/{did}").text
    options = re.findall(r'<select name="target"><option value="(\d+)">', page.split('id="copy-form"', 1)[1])
    r = client.post(f"/rounds/{round_id}/docs/{did}/decide",
                    data={"csrf": csrf(client), "kind": "copy", "target": options[0], "value": "not_copied",
                          "reviewer": "审核员甲", "comment": "引用的是会议通报原文"}, follow_redirects=False)
    assert r.status_code == 303
    page = client.get(f"/rounds/{round_id}/docs/{did}").text
    after, before = re.search(r"审核后复制比 copy after review: <b>(\d+)%</b>（原 (\d+)%", page).groups()
    assert int(after) < int(before)


def test_state_changing_forms_need_the_csrf_token(client, round_id):
    did = next(iter(documents(client, round_id).values()))
    url = f"/rounds/{round_id}/docs/{did}/decide"
    form = {"kind": "verdict", "value": "pass", "reviewer": "外站"}
    assert client.post(url, data=form).status_code == 403
    assert client.post(url, data={**form, "csrf": "x" * 43}).status_code == 403
    assert client.post("/library/remove", data={"name": "x"}).status_code == 403


def test_round_survives_a_restart(data, client, round_id):
    again = client_for(Settings(data=data, jobs=1))
    page = again.get(f"/rounds/{round_id}").text
    assert "张三 对照检查.txt" in page and "verdict-revise" in page


def test_library_add_list_remove(client):
    token = csrf(client)
    r = client.post("/library", data={"csrf": token},
                    files=[("file", ("范文.txt", GOOD.encode("utf-8"))), ("file", ("x.doc", b"\xd0\xcf"))])
    assert r.status_code == 200 and "已加入 1 篇" in r.text and "x.doc" in r.text
    assert "范文.txt" in client.get("/library").text
    r = client.post("/api/check", files=[("file", ("抄的.txt", COPIED.encode("utf-8")))])
    assert r.json()[0]["copy"]["sources"][0]["source"] == "范文.txt"  # the API checks against the library
    assert client.post("/library/remove", data={"csrf": token, "name": "范文.txt"},
                       follow_redirects=False).status_code == 303
    assert "范文.txt" not in client.get("/library").text


# --------------------------------------------------------------------------- safety

def test_pages_make_no_outside_requests(client, round_id):
    for url in ("/", f"/rounds/{round_id}", "/library"):
        r = client.get(url)
        assert "default-src 'self'" in r.headers["content-security-policy"]
        assert not re.search(r'(src|href)="(https?:)?//', r.text), url
    assert client.get("/static/workbench.js").status_code == 200


def test_foreign_host_header_is_refused(client):
    assert client.get("/", headers={"host": "attacker.example"}).status_code == 400


def test_token_guards_every_page_but_health(tmp_path):
    c = client_for(Settings(data=tmp_path, host="0.0.0.0", token="s3cret"))
    assert c.get("/").status_code == 401
    assert c.post("/api/check").status_code == 401
    assert c.get("/healthz").status_code in (200, 503)
    r = c.get("/?token=s3cret", follow_redirects=False)
    assert r.status_code == 303 and "token" not in r.headers["location"]
    assert c.get("/").status_code == 200  # the cookie carries it from now on
    assert client_for(Settings(data=tmp_path, host="0.0.0.0", token="s3cret")).get(
        "/", headers={"authorization": "Bearer s3cret"}).status_code == 200


def test_names_are_sanitised():
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("..\\..\\材料\\张三.docx") == "张三.docx"
    assert safe_name("a\x00b:c?.txt") == "a_b_c_.txt"
    assert safe_name(".bashrc") == "bashrc" and safe_name("") == "file"
    assert len(safe_name("长" * 500 + ".docx")) <= 120 and safe_name("长" * 500 + ".docx").endswith(".docx")


def test_zip_names_from_chinese_windows_are_read_as_gbk():
    info = zipfile.ZipInfo("王五 材料.txt".encode("gbk").decode("cp437"))
    assert _member_name(info) == "王五 材料.txt"


def test_zip_that_unpacks_too_large_is_refused(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("bomb.txt", b"0" * 2_000_000)
    buf.seek(0)
    with pytest.raises(UploadTooLarge):
        save_upload(buf, "bomb.zip", tmp_path / "files", Limits(file_bytes=100_000))
    assert not list((tmp_path / "files").iterdir())


def test_a_round_left_unfinished_runs_again_at_start_up(tmp_path):
    from analyzer.workbench import Store

    store = Store(tmp_path / "workbench.sqlite")
    rid = store.create_round("停机前的批次")
    store.set_status(rid, "running")
    app = create_app(Settings(data=tmp_path))
    ran = []
    app.state.rounds.run = ran.append  # what would be analysed, without analysing it
    with TestClient(app, base_url=BASE):
        app.state.rounds.queue.join()
    assert ran == [rid]


def test_serve_command_warns_off_loopback_and_prints_the_token_address(tmp_path, monkeypatch):
    import uvicorn
    from click.testing import CliRunner

    from analyzer.cli import main

    started = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: started.update(kw, app=app))
    monkeypatch.setattr("tempfile.tempdir", None)  # serve points it at DATA/tmp; restored after the test
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--port", "9", "--data", str(tmp_path / "d"),
                                       "--token", "t0k"])
    assert result.exit_code == 0, result.output
    assert "warning: listening on 0.0.0.0" in result.output and "http://127.0.0.1:9/?token=t0k" in result.output
    assert started["host"] == "0.0.0.0" and started["port"] == 9
    assert started["app"].state.settings.token == "t0k" and (tmp_path / "d" / "tmp").is_dir()


def test_check_api_has_a_time_budget_per_document(tmp_path):
    """/api/check analyses in a worker within --timeout seconds per document, like ``check``:
    a document over it is a coded ``timeout`` error in its place, and the others go on."""
    with client_for(Settings(data=tmp_path, timeout=1.0)) as c:
        wait_ready(c)
        r = c.post("/api/check", files=[("file", ("长.txt", (GOOD * 500).encode("utf-8"))),  # far over 1 s
                                        ("file", ("张三.txt", GOOD.encode("utf-8")))])
        assert r.status_code == 200
        slow, good = r.json()
        assert slow["name"] == "长.txt" and slow["file"] == "长.txt"
        assert slow["error"]["code"] == "timeout" and "1 s" in slow["error"]["message"]
        assert good["name"] == "张三.txt" and good["depth"]["score"] > 50 and "error" not in good
