"""Run a JupyterHub class on this machine: the hub, configurable-http-proxy from npm, a shared
class password, one local server per learner in the course environment, and the course handed
out by an nbgitpuller link from a local git repository.

    python scripts/hub/run_hub.py              # serves http://127.0.0.1:8000, prints the link
    python scripts/hub/run_hub.py --port 8100 --password 'class-2026'

`make hub-install` installs what it needs (requirements/hub-lock.txt into .venv, the proxy into
.hub/). benchmarks/hub_class.py and tests/hub/ start the same hub through `running_hub()`, so
what the benchmark measures is what an instructor runs.
"""
import argparse
import contextlib
import os
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from beyond_borders.warm import install_kernelspec

ROOT = Path(__file__).resolve().parents[2]
CONFIG = Path(__file__).with_name("jupyterhub_config.py")
PROXY = ROOT / ".hub" / "node_modules" / ".bin" / "configurable-http-proxy"
VENV_BIN = Path(sys.executable).parent
FIRST_PAGE = "lessons/00_start_here.ipynb"


@dataclass
class Hub:
    """A running hub: where it listens, the class password, the course's git URL, its process."""
    url: str
    password: str
    repo_url: str
    state: Path
    process: subprocess.Popen
    run_id: str = ""
    seen: set = field(default_factory=set)

    def link(self, notebook=FIRST_PAGE, branch="main"):
        """The nbgitpuller link the guide tells an instructor to hand out (values URL-encoded)."""
        folder = self.repo_url.rstrip("/").split("/")[-1]
        query = urllib.parse.urlencode({"repo": self.repo_url, "branch": branch,
                                        "urlpath": f"lab/tree/{folder}/{notebook}"})
        return f"{self.url}/hub/user-redirect/git-pull?{query}"


def missing_parts():
    """What `make hub-install` has not installed yet, in words (empty when all is there)."""
    problems = []
    if not PROXY.exists():
        problems.append(f"configurable-http-proxy is not installed in {PROXY.parent.parent.parent}")
    for tool in ("jupyterhub", "jupyterhub-singleuser"):
        if not (VENV_BIN / tool).exists():
            problems.append(f"{tool} is not installed in {VENV_BIN}")
    try:
        import nbgitpuller  # noqa: F401
    except ImportError:
        problems.append("nbgitpuller is not installed")
    if not shutil.which("git"):
        problems.append("git is not on PATH (nbgitpuller needs it)")
    return problems


def course_repository(state, source=ROOT):
    """A git repository holding `source`'s committed HEAD on branch main: the student repository
    a real class would pull from, here reached by a local path (a file URL for git)."""
    repo = state / "git" / "beyond-borders"
    repo.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(source), str(repo)], check=True)
    subprocess.run(["git", "-C", str(repo), "checkout", "--quiet", "-B", "main"], check=True)
    return repo


def _environment(state, port, password, run_id):
    env = dict(os.environ, BB_HUB_RUN=run_id, BB_HUB_STATE=str(state), BB_HUB_PORT=str(port), BB_HUB_PASSWORD=password,
               BB_HUB_VENV_BIN=str(VENV_BIN), BB_HUB_PROXY=str(PROXY),
               BB_HUB_PROXY_TOKEN=secrets.token_hex(32))
    env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
    return env


def _wait_until_up(url, process, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"jupyterhub stopped at start-up (exit code {process.returncode})")
        try:
            with urllib.request.urlopen(f"{url}/hub/api", timeout=2):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    raise RuntimeError(f"jupyterhub did not answer at {url} within {timeout} s")


def free_ports(count=3, first=20000, last=60000):
    """A block of `count` consecutive free local ports (the hub, its API, the proxy's API)."""
    for _ in range(200):
        base = random.randrange(first, last)
        try:
            with contextlib.ExitStack() as stack:
                for port in range(base, base + count):
                    sock = stack.enter_context(socket.socket())
                    sock.bind(("127.0.0.1", port))
            return base
        except OSError:
            continue
    raise RuntimeError("no free block of local ports")


def descendants(pid):
    """Every process below `pid` (read from /proc), so that nothing the hub started outlives it."""
    children = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def marked(run_id):
    """Every process carrying this run's BB_HUB_RUN mark in its environment: the hub passes its
    environment to the proxy and (through jupyterhub_config.py) to each learner's server, whose
    kernels inherit it. Found even when the hub died before it could stop them."""
    mark = f"BB_HUB_RUN={run_id}".encode()
    found = []
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            if mark in environ.read_bytes().split(b"\0"):
                found.append(int(environ.parent.name))
        except OSError:
            continue
    return found


def stop(hub, timeout=30):
    """Stop the hub as Ctrl-C would (it stops the servers and the proxy), then end any process
    still marked as this run's, by its id."""
    hub.seen.update(descendants(hub.process.pid))
    if hub.process.poll() is None:
        hub.process.send_signal(signal.SIGTERM)
        try:
            hub.process.wait(timeout)
        except subprocess.TimeoutExpired:
            hub.process.kill()
            hub.process.wait()
    # Only processes that carry this run's mark now: an id seen earlier may since belong to
    # another program (ids are reused), so a remembered id is never killed on its own.
    left = set(marked(hub.run_id))
    hub.seen.update(left)
    for pid in sorted(left - {os.getpid()}):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)


@contextlib.contextmanager
def running_hub(port=None, password=None, state=None, log=None, timeout=60):
    """Start the class hub; yield a `Hub`; stop it and every process it started on the way out."""
    problems = missing_parts()
    if problems:
        raise RuntimeError("; ".join(problems) + ". Run `make hub-install` first.")
    port = port or free_ports()
    owned = state is None
    state = Path(state or tempfile.mkdtemp(prefix="bb-hub-"))
    (state / "home").mkdir(parents=True, exist_ok=True)
    password = password or secrets.token_urlsafe(12)
    repo = course_repository(state)
    # Every learner's "Python 3" kernel starts with the course loaded (beyond_borders.warm);
    # jupyterhub_config.py puts this folder first on the servers' JUPYTER_PATH.
    install_kernelspec(state / "jupyter", str(VENV_BIN / "python"))
    run_id = secrets.token_hex(8)
    process = subprocess.Popen([str(VENV_BIN / "jupyterhub"), "-f", str(CONFIG)], cwd=state,
                               env=_environment(state, port, password, run_id), stdin=subprocess.DEVNULL,
                               stdout=log or subprocess.DEVNULL, stderr=subprocess.STDOUT)
    hub = Hub(f"http://127.0.0.1:{port}", password, repo.as_uri(), state, process, run_id)
    try:
        _wait_until_up(hub.url, process, timeout)
        yield hub
    finally:
        stop(hub)
        if owned:
            shutil.rmtree(state, ignore_errors=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8000, help="the hub's address (it also uses the next two ports)")
    parser.add_argument("--password", help="the class password (default: a new random one, printed)")
    parser.add_argument("--state", help="folder for the hub's database and learners' homes (default: a temporary one)")
    args = parser.parse_args(argv)
    problems = missing_parts()
    if problems:
        sys.exit("Cannot start the hub: " + "; ".join(problems) + ". Run `make hub-install` first.")
    # A SIGTERM (a service manager, `timeout`) stops the class as Ctrl-C does: servers, proxy,
    # and the temporary folder all go.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    with running_hub(args.port, args.password, args.state, log=sys.stderr) as hub:
        print(f"\nHub: {hub.url}   class password: {hub.password}\nCourse link for learners:\n  {hub.link()}\n"
              "Press Ctrl-C to stop the hub and every learner's server.", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            hub.process.wait()


if __name__ == "__main__":
    main()
