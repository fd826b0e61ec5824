"""Kernel managers that talk to their kernel over Unix sockets in a private folder.

Over TCP a kernel manager picks "free" ports by probing, so two kernels started at the same
moment (pytest-xdist running nbval, the grader's ``--jobs``) can pick the same port; the loser
never answers and the run fails with "Kernel didn't respond in 60 seconds" (seen once in about
ten test runs here). Unix sockets in a folder of their own cannot collide. On Windows, which
has no such sockets here, TCP is kept.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
import weakref

from jupyter_client import AsyncKernelManager, KernelManager


def _private_ipc(manager) -> None:
    if sys.platform.startswith("win"):
        return
    folder = tempfile.mkdtemp(prefix="bb-kernel-")
    manager.transport = "ipc"
    manager.ip = os.path.join(folder, "kernel")
    weakref.finalize(manager, shutil.rmtree, folder, True)


class IPCKernelManager(KernelManager):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        _private_ipc(self)


class AsyncIPCKernelManager(AsyncKernelManager):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        _private_ipc(self)
