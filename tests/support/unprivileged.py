"""Run a command as an unprivileged user, from root, the way an instructor's own account would.

    python tests/support/unprivileged.py UID [userns|no-userns] -- COMMAND...

Root forks a child that gets its own mount namespace (and, with ``no-userns``, its own user
namespace in which ``user.max_user_namespaces`` is 0, as on a machine where user namespaces are
disabled). In it, ``/root`` is replaced by an empty folder holding only ``/root/.pyenv`` when the
Python in use lives there (``/root`` is 0700, so no other user could start it), then the child
becomes ``UID`` with no groups and no capabilities and runs COMMAND. Nothing outside the child
changes: its mounts and sysctl die with it. Exit status: COMMAND's.
"""
from __future__ import annotations

import ctypes
import os
import subprocess
import sys

CLONE_NEWNS = 0x00020000
CLONE_NEWUSER = 0x10000000


def _hide_root() -> None:
    """Let ``uid`` reach a Python installed under /root, and nothing else there."""
    real = os.path.realpath(sys.executable)
    if not real.startswith("/root/"):
        return
    keep = "/root/" + real.split("/")[2]  # e.g. /root/.pyenv
    hold = f"/tmp/.bb-unpriv-{os.getpid()}"
    os.makedirs(hold, exist_ok=True)
    for cmd in (["mount", "--bind", keep, hold], ["mount", "-t", "tmpfs", "-o", "mode=0755", "tmpfs", "/root"],
                ["mkdir", keep], ["mount", "--move", hold, keep]):
        subprocess.run(cmd, check=True)
    os.rmdir(hold) if os.path.isdir(hold) and not os.path.ismount(hold) else None


def _child(uid: int, userns: bool, argv: list[str], ready_w: int, go_r: int) -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(CLONE_NEWNS | (0 if userns else CLONE_NEWUSER)) != 0:
        print(f"unshare failed: {os.strerror(ctypes.get_errno())}", file=sys.stderr)
        os._exit(90)
    os.write(ready_w, b"1")
    os.read(go_r, 1)  # the parent has written the id maps
    subprocess.run(["mount", "--make-rprivate", "/"], check=True)
    if not userns:
        with open("/proc/sys/user/max_user_namespaces", "w") as fh:
            fh.write("0")
    _hide_root()
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)
    os.execvp(argv[0], argv)


def main() -> int:
    uid, mode = int(sys.argv[1]), sys.argv[2]
    argv = sys.argv[sys.argv.index("--") + 1:]
    ready_r, ready_w = os.pipe()
    go_r, go_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            _child(uid, mode == "userns", argv, ready_w, go_r)
        finally:
            os._exit(91)
    os.read(ready_r, 1)
    if mode != "userns":  # map root and uid into the child's user namespace, nothing else
        for name, text in (("uid_map", f"0 0 1\n{uid} {uid} 1\n"), ("gid_map", f"0 0 1\n{uid} {uid} 1\n")):
            with open(f"/proc/{pid}/{name}", "w") as fh:
                fh.write(text)
    os.write(go_w, b"1")
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main())
