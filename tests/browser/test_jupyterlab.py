"""Real-browser smoke test: JupyterLab in headless Chromium runs every notebook and shows its charts.

Run with ``make test-browser`` (needs Debian's ``chromium`` and ``chromium-driver``; ``.ci/run``
installs them). JupyterLab is started on 127.0.0.1 with a random token, serving a temporary copy of
``notebooks/`` so that autosave never touches the committed notebooks; figures go to a temporary folder.
For each notebook, selenium opens it, runs every cell through JupyterLab's own "Run All Cells" command,
waits for the kernel to finish and counts the chart images rendered in the page, the ipywidgets views
(progress bars, explorers) and the error outputs; a screenshot and the counts of every notebook are written
to ``build/browser/`` (``summary.txt``: one line per notebook).
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

NOTEBOOKS = sorted(p.name for p in (Path(__file__).resolve().parents[2] / "notebooks").glob("[0-9][0-9]-*.ipynb"))
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_port(port: int, proc: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"JupyterLab exited with {proc.returncode}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.5)
    raise TimeoutError(f"JupyterLab did not listen on port {port} within {timeout} s")


@pytest.fixture(scope="module")
def tmp_path(tmp_path_factory):
    return tmp_path_factory.mktemp("browser")


@pytest.fixture(scope="module")
def lab(tmp_path):
    """A JupyterLab server on 127.0.0.1 over a copy of notebooks/; yields ``(url, token, log path)``."""
    root = tmp_path / "notebooks"
    shutil.copytree(ROOT / "notebooks", root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    port, token = _free_port(), secrets.token_hex(16)
    env = dict(os.environ, MEDIALENS_FIGURES_DIR=str(tmp_path / "figures"), JUPYTER_CONFIG_DIR=str(tmp_path / "cfg"),
               JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"))
    log = tmp_path / "lab.log"
    (ROOT / "build" / "browser" / "summary.txt").unlink(missing_ok=True)
    command = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
               f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}", "--allow-root",
               "--LabApp.expose_app_in_browser=True", "--ServerApp.disable_check_xsrf=False"]
    with log.open("w") as out:
        proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=root)
    try:
        _wait_for_port(port, proc)
        yield f"http://127.0.0.1:{port}", token, log
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def browser(tmp_path):
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.skip("needs Debian's chromium and chromium-driver (make test-browser installs nothing; .ci/run does)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--window-size=1400,1000", f"--user-data-dir={tmp_path / 'chrome'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_script_timeout(30)
    yield driver
    driver.quit()


def _wait(driver, condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(1)
    raise TimeoutError(f"{what} (waited {timeout:.0f} s); page title: {driver.title!r}")


RUN_STATE = """
const app = window.jupyterapp;
if (!app) { return null; }
let panel = null;
for (const widget of app.shell.widgets('main')) {
  if (widget.content && widget.sessionContext && widget.context && widget.context.path.endsWith(arguments[0])) { panel = widget; }
}
if (!panel || !panel.content || !panel.sessionContext || !panel.sessionContext.session) { return null; }
const kernel = panel.sessionContext.session.kernel;
const cells = panel.content.widgets.filter(c => c.model.type === 'code');
return {kernel: kernel ? kernel.status : null,
        pending: cells.filter(c => c.promptNode && c.promptNode.textContent.includes('*')).length,
        executed: cells.filter(c => c.model.executionCount !== null).length,
        cells: cells.length};
"""

RUN_ALL = """
for (const widget of window.jupyterapp.shell.widgets('main')) {
  if (widget.context && widget.context.path.endsWith(arguments[0])) { window.jupyterapp.shell.activateById(widget.id); }
}
return window.jupyterapp.commands.execute('notebook:run-all-cells').then(() => true);
"""

#: What is rendered in the output areas of the active notebook: chart images, widget views, errors.
COUNT_OUTPUTS = """
let node = null;
for (const widget of window.jupyterapp.shell.widgets('main')) {
  if (widget.context && widget.context.path.endsWith(arguments[0])) { node = widget.node; }
}
if (!node) { return null; }
return {images: node.querySelectorAll('.jp-OutputArea-output img[src^="data:image/png"]').length,
        widgets: node.querySelectorAll('.jp-OutputArea-output .widget-dropdown, .jp-OutputArea-output .widget-hprogress').length,
        notes: node.querySelectorAll('.jp-OutputArea-output .medialens-note').length,
        errors: Array.from(node.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"], '
                                              + '.jp-RenderedText[data-mime-type="application/vnd.jupyter.error"]'))
                     .map(e => e.textContent.slice(0, 300))};
"""

#: Save the notebook (no "unsaved changes" dialog), shut its kernel down and close it.
CLOSE_ALL = """
const tasks = [];
for (const widget of window.jupyterapp.shell.widgets('main')) {
  if (widget.context && widget.sessionContext) {
    tasks.push(widget.context.save().then(() => widget.sessionContext.shutdown()).then(() => widget.dispose()));
  }
}
return Promise.all(tasks).then(() => true);
"""


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_runs_in_jupyterlab_and_shows_charts(lab, browser, notebook, tmp_path):
    url, token, log = lab
    browser.get(f"{url}/lab/tree/{notebook}?reset&token={token}")  # reset: no notebook of an earlier test reopened
    _wait(browser, lambda: (browser.execute_script(RUN_STATE, notebook) or {}).get("kernel") == "idle", 180,
          f"{notebook} opened with an idle kernel")
    browser.set_script_timeout(900)  # the command resolves when every cell ran: minutes on a busy machine
    browser.execute_script(RUN_ALL, notebook)
    browser.set_script_timeout(30)
    time.sleep(3)
    state = _wait(browser, lambda: (lambda s: s if s and s["kernel"] == "idle" and s["pending"] == 0
                                    and s["executed"] == s["cells"] else None)(browser.execute_script(RUN_STATE, notebook)),
                  900, f"all cells of {notebook} executed")
    time.sleep(2)  # let the last outputs render
    found = browser.execute_script(COUNT_OUTPUTS, notebook)
    shots = ROOT / "build" / "browser"
    shots.mkdir(parents=True, exist_ok=True)
    stem = notebook.removesuffix(".ipynb")
    browser.save_screenshot(str(shots / f"{stem}-after-run-all.png"))
    line = (f"{notebook}: {state['executed']}/{state['cells']} code cells run, {found['images']} chart images, "
            f"{found['widgets']} widget controls, {found['notes']} notes, {len(found['errors'])} error outputs")
    (shots / f"{stem}-after-run-all.txt").write_text(line + "\n", encoding="utf-8")
    with (shots / "summary.txt").open("a", encoding="utf-8") as summary:
        summary.write(line + "\n")
    print("\n" + line)
    browser.execute_script(CLOSE_ALL)
    assert not found["errors"], found["errors"]
    assert found["images"] >= 1, f"no chart image rendered; server log: {log.read_text()[-2000:]}"
    saved = sorted((tmp_path / "figures").glob(f"{notebook[:2]}-*.png"))
    assert found["images"] == len(saved), f"{found['images']} images shown for {len(saved)} charts saved"
