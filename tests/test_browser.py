"""End to end in a real headless Chromium (Selenium, Debian's chromium and chromedriver):
the workbench served by uvicorn, a round uploaded through the page, progress followed to
the end, a report opened, a verdict recorded, two documents compared and the .docx feedback
downloaded — asserting on what the pages show and on the downloaded file."""
from __future__ import annotations

import io
import socket
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import GOOD, WEAK
from .test_web import COPIED

CHROMIUM, DRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"

pytestmark = pytest.mark.skipif(
    not (Path(CHROMIUM).exists() and Path(DRIVER).exists()),
    reason="needs Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The workbench on a free loopback port, served by uvicorn in a thread of this process."""
    import uvicorn

    from analyzer.web import Settings, create_app

    port = free_port()
    app = create_app(Settings(data=tmp_path_factory.mktemp("serve"), jobs=1))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: _status(url + "/healthz") == 200, timeout=120, what="the server to be ready")
        yield url
    finally:
        server.should_exit = True
        thread.join(timeout=20)


def _status(url: str) -> int | None:
    try:
        return urllib.request.urlopen(url, timeout=2).status
    except OSError:
        return None


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    downloads = tmp_path_factory.mktemp("downloads")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver.downloads = downloads
    yield driver
    driver.quit()


def wait_for(predicate, timeout: float = 90, what: str = "condition"):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            value = predicate()
        except Exception:  # the page may be reloading under us
            value = None
        if value:
            return value
        time.sleep(0.25)
    raise AssertionError(f"timed out waiting for {what}")


def test_a_round_from_upload_to_feedback(server, browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    files = {"张三 对照检查.txt": GOOD, "王五 对照检查.txt": WEAK, "李四 对照检查.txt": COPIED}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    b = browser

    # upload a round
    b.get(server + "/")
    b.find_element(By.NAME, "name").send_keys("e2e 第一批")
    chosen, dropped = list(files)[:2], list(files)[2]
    b.find_element(By.ID, "files").send_keys("\n".join(str(tmp_path / n) for n in chosen))
    assert "已选 2 个文件" in b.find_element(By.ID, "chosen").text  # the page's script saw the choice
    b.execute_script("""  // drop the third file on the drop zone, as a drag from the desktop would
        const dt = new DataTransfer();
        dt.items.add(new File([arguments[1]], arguments[0], {type: "text/plain"}));
        document.getElementById("drop").dispatchEvent(
            new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));""", dropped, files[dropped])
    wait_for(lambda: "已选 3 个文件" in b.find_element(By.ID, "chosen").text, what="the dropped file")
    b.find_element(By.CSS_SELECTOR, "#new-round button[type=submit]").click()

    # progress runs to the end, then the page shows the ranked table
    wait_for(lambda: "/rounds/" in b.current_url, what="the round page")
    table = wait_for(lambda: b.find_element(By.ID, "ranking"), timeout=180, what="the finished round")
    assert "完成 done" in b.find_element(By.ID, "status").text
    rows = {r.get_attribute("data-name"): r for r in table.find_elements(By.CSS_SELECTOR, "tr[data-name]")}
    assert set(rows) == set(files)
    assert "雷同≥20%" in rows["李四 对照检查.txt"].text  # shared text, named without accusing either

    # open a report
    rows["王五 对照检查.txt"].find_element(By.LINK_TEXT, "王五 对照检查.txt").click()
    wait_for(lambda: b.find_element(By.ID, "coverage"), what="the report")
    assert "奢靡之风" in b.find_element(By.ID, "reasons").text
    assert "未审 undecided" in b.find_element(By.ID, "verdict").text

    # record a verdict
    form = b.find_element(By.ID, "verdict-form")
    form.find_element(By.CSS_SELECTOR, "input[value=revise]").click()
    form.find_element(By.NAME, "comment").send_keys("问题查摆不具体，请补充具体事例。")
    reviewer = form.find_element(By.NAME, "reviewer")
    reviewer.clear()
    reviewer.send_keys("督导组 王")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_for(lambda: "退回修改" in b.find_element(By.ID, "verdict").text, what="the verdict")
    assert "问题查摆不具体" in b.find_element(By.ID, "verdict-comment").text
    audit = b.find_element(By.ID, "audit").text
    assert "督导组 王" in audit and "退回修改" in audit
    # the reviewer's name is remembered for the next form
    assert b.find_element(By.CSS_SELECTOR, "#coverage-form input[name=reviewer]").get_attribute("value") == "督导组 王"

    # download the 审核意见单
    b.find_element(By.ID, "feedback").click()
    docx_path = wait_for(lambda: next((p for p in b.downloads.glob("*.docx")), None), what="the .docx download")
    wait_for(lambda: not list(b.downloads.glob("*.crdownload")), what="the download to finish")
    from docx import Document
    doc = Document(io.BytesIO(docx_path.read_bytes()))
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "王五 对照检查.txt" in cells and "退回修改 return for revision" in cells and "督导组 王" in cells
    points = text.split("需要修改的地方", 1)[1].split("检查结果", 1)[0]
    assert "问题查摆不具体，请补充具体事例。" in text and "奢靡之风" in points  # WEAK denies 奢靡之风

    # compare two documents side by side
    b.find_element(By.PARTIAL_LINK_TEXT, "e2e 第一批").click()
    compare = wait_for(lambda: b.find_element(By.ID, "compare"), what="the compare form")
    Select(compare.find_element(By.NAME, "a")).select_by_visible_text("李四 对照检查.txt")
    Select(compare.find_element(By.NAME, "b")).select_by_visible_text("张三 对照检查.txt")
    compare.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    summary = wait_for(lambda: b.find_element(By.ID, "compare-summary"), what="the comparison")
    assert "处相同片段" in summary.text and not summary.text.startswith("0 ")
    shared = b.find_elements(By.CSS_SELECTOR, "#side-by-side span.copy")
    assert shared and any("文山会海" in s.text for s in shared)

    # the Content-Security-Policy was never violated (no inline script, no outside request)
    logs = [e["message"] for e in b.get_log("browser")]
    assert not [m for m in logs if "Content Security Policy" in m], logs
