"""Kernel managers that talk to their kernel over Unix sockets in a private folder.

Over TCP a kernel manager picks "free" ports by probing, so two kernels started at the same
moment (pytest-xdist running nbval, the grader's ``--jobs``) can pick the same port; the loser
never answers and the run fails with "Kernel didn't respond in 60 seconds" (seen once in about
ten test runs here). Unix sockets in a folder of their own (mode 0700, from ``mkdtemp``) cannot
collide, and no other user can connect to them. The folder is removed when the kernel is shut
down (a restart keeps it), or when the manager is collected if nobody shut the kernel down. On
Windows, which has no such sockets here, TCP is kept.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
import weakref

from jupyter_client import AsyncKernelManager, KernelManager


class _PrivateSockets:
    """The socket folder's life: made with the manager, removed at shutdown (a manager is not
    started again after a shutdown: jupyter_client closes its ZMQ context then).
    ``socket_folder`` is None once removed, and on Windows."""

    _folder_finalizer = None

    def _open_socket_folder(self) -> None:
        if sys.platform.startswith("win"):
            return
        folder = tempfile.mkdtemp(prefix="bb-kernel-")
        self.transport = "ipc"
        self.ip = os.path.join(folder, "kernel")
        self._folder_finalizer = weakref.finalize(self, shutil.rmtree, folder, True)

    def _close_socket_folder(self, restart: bool) -> None:
        if not restart and self._folder_finalizer is not None:
            self._folder_finalizer()  # runs rmtree once; later calls do nothing

    @property
    def socket_folder(self) -> str | None:
        finalizer = self._folder_finalizer
        return os.path.dirname(self.ip) if finalizer is not None and finalizer.alive else None


class IPCKernelManager(_PrivateSockets, KernelManager):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._open_socket_folder()

    def shutdown_kernel(self, now: bool = False, restart: bool = False):
        super().shutdown_kernel(now=now, restart=restart)
        self._close_socket_folder(restart)


class AsyncIPCKernelManager(_PrivateSockets, AsyncKernelManager):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._open_socket_folder()

    async def shutdown_kernel(self, now: bool = False, restart: bool = False):
        await super().shutdown_kernel(now=now, restart=restart)
        self._close_socket_folder(restart)
