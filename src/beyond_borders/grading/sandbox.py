"""A bubblewrap sandbox around each submission's kernel: what it can see, reach and use.

A submission is code written by someone who may want a better grade. Without a sandbox its
kernel ran as the grader's user and could read the answer keys in the instructor's checkout,
find sibling kernels through ``/proc`` and rewrite their answers, leave a process behind that
forged the gradebook after the grader exited, and send anything to the network
(``code_review.md`` §4). Inside :class:`Sandbox` the kernel gets:

* no network (``--unshare-net``); its own PID namespace and ``/proc``, so the grader and the
  other kernels are invisible, and when the kernel goes every process it started goes too
  (``--die-with-parent``; the namespace's init takes all of them with it);
* the system, the Python installation and the virtualenv read-only, and the course package as
  a *verdict-free* copy (:func:`verdict_free_copy`): the question banks without their answer
  hashes, feedback or explanations, never the checkout (no ``instructors/``, ``solutions/``);
* a writable folder of its own (its working folder and the answers file) and the kernel's
  socket folder, a fresh ``/tmp`` that is also its HOME: nothing survives into a later kernel;
* a cleared environment and limits on memory, processes, file size, open files and CPU time
  (``prlimit``). When the grader runs as root, each kernel also gets a uid of its own (a
  process limit is not enforced for root, and kernels then cannot signal each other).

The kernel still talks to the grader over the Unix sockets of ``jupyter/kernels.py``, which
are bind-mounted with the connection file. If bubblewrap cannot start, :func:`open_sandbox`
raises :class:`SandboxUnavailable` with the fix; ``grade --no-sandbox`` is the deliberate
way round it.
"""
from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import beyond_borders
from beyond_borders.checks import verdict_free

FIX = ("install bubblewrap (Debian/Ubuntu: `apt-get install bubblewrap`) and allow user "
       "namespaces (`sysctl kernel.unprivileged_userns_clone=1`; on Ubuntu 24.04 an AppArmor "
       "profile that lets bwrap create them), or pass --no-sandbox to grade without a sandbox "
       "on purpose (only on a machine and account you can afford to lose)")

_SYSTEM = ("/usr", "/lib", "/lib32", "/lib64", "/bin", "/sbin", "/etc/ld.so.cache",
           "/etc/localtime", "/etc/fonts", "/etc/alternatives")


class SandboxUnavailable(RuntimeError):
    """bubblewrap is missing or cannot start here; the message names the fix."""


@dataclass(frozen=True)
class Caps:
    """Resource limits inside the sandbox (``prlimit``)."""

    memory_bytes: int = 2 * 2**30  # address space: a hog gets MemoryError, not the OOM killer
    processes: int = 128  # threads count too; a fork bomb stops here
    file_bytes: int = 100 * 2**20  # largest file it may write
    open_files: int = 256
    cpu_seconds: int = 900  # a safety net: the grader's own time limits come first
    tmp_bytes: int = 256 * 2**20  # the private /tmp (it lives in memory)


def verdict_free_copy(dest: Path) -> Path:
    """Copy the installed ``beyond_borders`` package into ``dest`` with verdict-free banks.

    Returns the copy's package folder. The banks are those of a graded student release
    (``checks.verdict_free``: a whitelist of fields, no hashes, feedback, hints or explanations),
    without even the quick checks' answers; caches, the grader and authoring tools are left out:
    a kernel needs none of them. Marking happens outside, with the grader's own copy.
    """
    src = Path(beyond_borders.__file__).resolve().parent
    pkg = verdict_free.copy_package(src, dest, graded=True, keep_quick_checks=False)
    for path in [pkg, *pkg.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return pkg


def _tasks_of(uid: int) -> int:
    """How many tasks (threads) ``uid`` runs now: RLIMIT_NPROC counts them all."""
    count = 0
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                st = Path(entry.path, "status").read_text()
            except OSError:
                continue
            fields = dict(line.split(":", 1) for line in st.splitlines() if ":" in line)
            if fields.get("Uid", "").split()[:1] == [str(uid)]:
                count += int(fields.get("Threads", "1").strip() or 1)
    return count


class _Mounts:
    """bwrap arguments for bind mounts, with each missing parent folder made traversable
    (bwrap would make it 0700, which a kernel running under its own uid cannot enter)."""

    def __init__(self):
        self.args: list[str] = []
        self.made: set[str] = {"/"}  # folders that exist inside (made, mounted or bound)
        self.bound: set[str] = set()  # what is bound from outside: a path under one is covered

    def _parents(self, path: str) -> None:
        parts = Path(path).parts
        for i in range(2, len(parts)):
            parent = str(Path(*parts[:i]))
            if parent not in self.made:
                self.made.add(parent)
                self.args += ["--perms", "0755", "--dir", parent]

    def bind(self, src, dest=None, writable=False, kind="") -> None:
        dest = str(dest or src)
        self._parents(dest)
        self.args += [kind or ("--bind" if writable else "--ro-bind"), str(src), dest]
        self.made.add(dest)
        self.bound.add(dest)

    def system(self, path: str) -> None:
        if os.path.islink(path):  # /lib -> usr/lib on merged-/usr systems
            self.args += ["--symlink", os.readlink(path), path]
        elif os.path.exists(path):
            self.bind(path)


class Sandbox:
    """One per grading run: the verdict-free package copy and the bwrap command for a kernel."""

    def __init__(self, caps: Caps = Caps(), bwrap: str | None = None):
        self.caps = caps
        self.bwrap = bwrap or shutil.which("bwrap") or ""
        self.prlimit = shutil.which("prlimit") or ""
        self.setpriv = shutil.which("setpriv") or ""
        self.root = os.geteuid() == 0
        self.sized_tmp = self._supports("--size")  # bubblewrap 0.8 and later
        self._tmp = tempfile.mkdtemp(prefix="bb-sandbox-pkg-")
        os.chmod(self._tmp, 0o755)
        self.package = verdict_free_copy(Path(self._tmp))
        self.installed = Path(beyond_borders.__file__).resolve().parent

    def _supports(self, option: str) -> bool:
        try:
            done = subprocess.run([self.bwrap, "--help"], capture_output=True, text=True, timeout=10)
        except (OSError, subprocess.SubprocessError):
            return False
        return option in done.stdout + done.stderr

    def close(self) -> None:
        shutil.rmtree(self._tmp, ignore_errors=True)

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _checkout_data(self) -> Path | None:
        """The checkout's datasets/ an editable install reads (``data/paths.py``); a wheel
        carries its data inside the package, which the copy already holds."""
        if (self.installed / "data" / "files" / "datapackage.json").is_file():
            return None
        data = self.installed.parents[1] / "datasets"
        return data if data.is_dir() else None

    def kernel_uid(self) -> int | None:
        """A fresh uid for one kernel when running as root (else None: the user's own)."""
        return 200_000 + secrets.randbelow(1_000_000) if self.root else None

    def _mounts(self, writable: list[Path]) -> list[str]:
        m = _Mounts()
        # The private /tmp comes first: a course or virtualenv that lives under /tmp (a CI
        # checkout, say) is bound on top of it below, instead of being hidden by it.
        size = ["--size", str(self.caps.tmp_bytes)] if self.sized_tmp else []
        m.args += ["--proc", "/proc", "--dev", "/dev", *size, "--perms", "1777", "--tmpfs", "/tmp"]
        m.made.add("/tmp")
        for path in _SYSTEM:
            m.system(path)
        for prefix in dict.fromkeys((os.path.realpath(sys.base_prefix), os.path.realpath(sys.prefix))):
            if not any(prefix == p or prefix.startswith(p + "/") for p in m.bound):
                m.bind(prefix)
        m.bind(self.package, self.installed)  # over a wheel install too: its banks hidden
        data = self._checkout_data()
        if data is not None:
            m.bind(data)
        for path in writable:
            m.bind(path, writable=True)
        return m.args

    def _env(self) -> list[str]:
        env = {"PATH": f"{os.path.realpath(sys.prefix)}/bin:/usr/bin:/bin", "HOME": "/tmp",
               "PYTHONPATH": str(self.installed.parent), "PYTHONNOUSERSITE": "1",
               "LANG": "C.UTF-8", "MPLBACKEND": "Agg", "MPLCONFIGDIR": "/tmp/.matplotlib",
               "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
               "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
        return [a for k, v in env.items() for a in ("--setenv", k, v)]

    def _limits(self, uid: int | None) -> list[str]:
        c = self.caps
        nproc = c.processes if uid is not None else _tasks_of(os.getuid()) + c.processes
        return [self.prlimit, f"--as={c.memory_bytes}", f"--nproc={nproc}",
                f"--fsize={c.file_bytes}", f"--nofile={c.open_files}", f"--cpu={c.cpu_seconds}",
                f"--core=0", "--"]

    def command(self, argv: list[str], writable: list[Path], cwd: Path,
                uid: int | None = None) -> list[str]:
        """``argv`` (the kernel's launch command) run inside the sandbox.

        ``writable``: the folders the kernel may write (its socket folder, its work folder);
        ``uid``: the kernel's own uid when the grader is root (see :meth:`kernel_uid`).
        """
        ns = ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts",
              "--unshare-cgroup-try", "--die-with-parent", "--new-session"]
        if uid is None:
            ns += ["--unshare-user", "--cap-drop", "ALL"]
            drop = []
        else:  # root: keep just enough to enter ``uid``'s folders and become ``uid``; setpriv
            # then drops every capability for good (the bounding set too)
            ns += ["--cap-drop", "ALL"] + [a for cap in ("SETUID", "SETGID", "SETPCAP",
                                                         "DAC_OVERRIDE", "DAC_READ_SEARCH")
                                           for a in ("--cap-add", f"CAP_{cap}")]
            drop = [self.setpriv, f"--reuid={uid}", f"--regid={uid}", "--clear-groups",
                    "--bounding-set=-all", "--inh-caps=-all", "--no-new-privs", "--"]
        return [self.bwrap, *ns, *self._mounts(writable), "--clearenv", *self._env(),
                "--chdir", str(cwd), "--", *drop, *self._limits(uid), *argv]

    def problem(self) -> str:
        """Why this sandbox cannot run a kernel here ("" if it can): a trial run of Python."""
        missing = [name for name, path in (("bwrap", self.bwrap), ("prlimit", self.prlimit),
                                           ("setpriv", self.setpriv if self.root else "x"))
                   if not path]
        if missing:
            return f"{' and '.join(missing)} not found"
        with tempfile.TemporaryDirectory(prefix="bb-sandbox-probe-") as tmp:
            uid = self.kernel_uid()
            if uid is not None:
                os.chown(tmp, uid, uid)
            probe = ("import beyond_borders.checks.bank as b; "
                     "print(all(b.load_lesson(n)['salt'] == '' for n in b.lessons()))")
            cmd = self.command([sys.executable, "-c", probe], [Path(tmp)], Path(tmp), uid)
            try:
                done = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
            except (OSError, subprocess.TimeoutExpired) as exc:
                return f"bwrap could not start ({exc})"
            if done.returncode != 0 or done.stdout.strip() != "True":
                err = (done.stderr.strip().splitlines() or ["no output"])[-1]
                return f"a trial kernel could not start in bwrap ({err[:200]})"
        return ""


_USERNS_FAILED = ("creating new namespace", "no permissions to create", "setting up uid map",
                  "max_user_namespaces", "user namespace", "clone_newuser")
_SYSCTLS = (("/proc/sys/user/max_user_namespaces", "0", "`sysctl -w user.max_user_namespaces=15000` "
             "(it is 0 here)"),
            ("/proc/sys/kernel/unprivileged_userns_clone", "0", "`sysctl -w "
             "kernel.unprivileged_userns_clone=1` (it is 0 here)"),
            ("/proc/sys/kernel/apparmor_restrict_unprivileged_userns", "1", "an AppArmor profile "
             "that lets /usr/bin/bwrap create user namespaces (AppArmor restricts them here), or "
             "`sysctl -w kernel.apparmor_restrict_unprivileged_userns=0`"))


def fix_for(why: str) -> str:
    """The fix to name for ``why``: when bubblewrap is there but an ordinary account may not
    create the user namespace it needs, say which switch is off and how to turn it on."""
    if not any(w in why.lower() for w in _USERNS_FAILED):
        return FIX
    switches = []
    for path, off, fix in _SYSCTLS:
        try:
            if Path(path).read_text().strip() == off:
                switches.append(fix)
        except OSError:
            continue
    turn_on = " or ".join(switches) or ("allow unprivileged user namespaces (`sysctl "
                                        "user.max_user_namespaces`, `kernel.unprivileged_userns_"
                                        "clone`, or an AppArmor profile for bwrap)")
    return (f"let this account create user namespaces (bubblewrap needs one when the grader is "
            f"not root, and they are disabled here): ask the machine's administrator for "
            f"{turn_on}; or run grade "
            "as root, where each kernel gets a uid of its own instead; or pass --no-sandbox to "
            "grade without a sandbox on purpose (only on a machine and account you can afford "
            "to lose)")


def check_tools() -> None:
    """Refuse at once when bubblewrap (or prlimit, or setpriv for root) is not installed: cheap,
    so a run with nothing to execute still says what a later run will need."""
    needed = ("bwrap", "prlimit") + (("setpriv",) if os.geteuid() == 0 else ())
    missing = [name for name in needed if not shutil.which(name)]
    if missing:
        raise SandboxUnavailable(f"cannot sandbox the submissions: {' and '.join(missing)} not "
                                 f"found. To fix it, {FIX}.")


def open_sandbox(caps: Caps = Caps()) -> Sandbox:
    """A working :class:`Sandbox`, or :class:`SandboxUnavailable` saying what to do."""
    box = Sandbox(caps)
    why = box.problem()
    if why:
        box.close()
        raise SandboxUnavailable(f"cannot sandbox the submissions: {why}. To fix it, "
                                 f"{fix_for(why)}.")
    return box
