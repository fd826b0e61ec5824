"""Start JupyterLab or Voilà on 127.0.0.1 for the browser tests and browser benchmarks.

One place for the server flags and Chromium's launch arguments, so the tests and the
benchmarks drive the course the same way. Servers bind to loopback only, with a random token.
"""
from __future__ import annotations

import contextlib
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]
BIN = Path(sys.executable).parent
# Kernel messages without Nagle's 40 ms wait (see beyond_borders.jupyter.serverext).
NODELAY = "--ServerApp.jpserver_extensions=beyond_borders.jupyter.serverext=True"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, proc: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with code {proc.returncode}; see its log")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"no answer from {url} after {timeout} s")


def _stop(proc):
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


@contextlib.contextmanager
def jupyterlab(root: Path, log: Path):
    """JupyterLab serving ``root``: windowing off (every cell in the page), no news pop-ups,
    the app object exposed to the page for commands. Yields {"url", "token", "root"}."""
    port, token = free_port(), secrets.token_hex(16)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        settings = tmp / "settings"
        for ext, name, value in [("notebook-extension", "tracker", {"windowingMode": "none"}),
                                 ("apputils-extension", "notification",
                                  {"fetchNews": "false", "checkForUpdates": False})]:
            folder = settings / "@jupyterlab" / ext
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{name}.jupyterlab-settings").write_text(json.dumps(value))
        env = dict(os.environ, JUPYTER_CONFIG_DIR=str(tmp / "config"))
        cmd = [str(BIN / "jupyter"), "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
               f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
               f"--LabApp.user_settings_dir={settings}", f"--LabApp.workspaces_dir={tmp / 'ws'}",
               "--LabApp.expose_app_in_browser=True", "--allow-root", NODELAY]
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("w") as fh:
            proc = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT, env=env, cwd=root)
        try:
            wait_http(f"http://127.0.0.1:{port}/api/status?token={token}", proc)
            yield {"url": f"http://127.0.0.1:{port}", "token": token, "root": root}
        finally:
            _stop(proc)


@contextlib.contextmanager
def jupyter_server(root: Path, log: Path, extensions: list[str], repo: Path):
    """A bare Jupyter Server serving ``root`` with the given server extensions (importable from
    ``repo``), its own empty config folder. Yields {"url", "token"}."""
    port, token = free_port(), secrets.token_hex(16)
    with tempfile.TemporaryDirectory() as config:
        env = dict(os.environ, JUPYTER_CONFIG_DIR=config,
                   PYTHONPATH=os.pathsep.join(filter(None, [str(repo), os.environ.get("PYTHONPATH")])))
        cmd = [sys.executable, "-m", "jupyter_server", "--no-browser", "--ip=127.0.0.1",
               f"--port={port}", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
               "--allow-root", *[f"--ServerApp.jpserver_extensions={e}=True" for e in extensions]]
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("w") as fh:
            proc = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT, env=env, cwd=root)
        try:
            wait_http(f"http://127.0.0.1:{port}/api/status?token={token}", proc)
            yield {"url": f"http://127.0.0.1:{port}", "token": token}
        finally:
            _stop(proc)


@contextlib.contextmanager
def voila(notebook: Path, log: Path):
    """Voilà serving one notebook as an app. Yields its URL."""
    port = free_port()
    cmd = [sys.executable, "-m", "beyond_borders.jupyter.present", str(notebook), "--no-browser",
           f"--port={port}", "--Voila.ip=127.0.0.1"]
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as fh:
        proc = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT, cwd=notebook.parent)
    try:
        wait_http(f"http://127.0.0.1:{port}/", proc)
        yield f"http://127.0.0.1:{port}/"
    finally:
        _stop(proc)


def notebook_url(lab: dict, rel: str) -> str:
    """A fresh workspace per notebook, so tabs opened earlier are not restored beside it."""
    space = "w" + "".join(c for c in rel if c.isalnum())[:40]
    return f"{lab['url']}/lab/workspaces/{space}/tree/{rel}?reset&token={lab['token']}"


ALL_DONE_JS = """() => {
  const nb = window.jupyterapp.shell.currentWidget;
  if (!nb || !nb.content || !nb.sessionContext.session) return false;
  const kernel = nb.sessionContext.session.kernel;
  const cells = nb.content.widgets.filter(c => c.model.type === 'code');
  return kernel && kernel.status === 'idle' && cells.length > 0 &&
         cells[cells.length - 1].model.executionCount === cells.length;
}"""

KERNEL_IDLE_JS = """() => {
  const nb = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  return nb && nb.sessionContext && nb.sessionContext.session &&
         nb.sessionContext.session.kernel && nb.sessionContext.session.kernel.status === 'idle';
}"""


def open_and_run_all(page, lab: dict, rel: str, timeout: int = 120_000) -> None:
    """Open a notebook, restart its kernel and run every cell; wait until the last one ran."""
    page.goto(notebook_url(lab, rel))
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=timeout)
    page.wait_for_function(KERNEL_IDLE_JS, timeout=timeout)
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:restart-run-all'); }")
    accept = page.locator(".jp-Dialog .jp-mod-accept")
    accept.wait_for(timeout=30_000)
    accept.click()
    page.wait_for_function(ALL_DONE_JS, timeout=timeout)
