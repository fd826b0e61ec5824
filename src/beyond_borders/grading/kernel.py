"""The kernel manager for one submission: private sockets, a message-size cap, the sandbox.

It extends ``jupyter/kernels.py``'s manager (Unix sockets in a folder of their own) with what a
grader needs and a learner's JupyterLab does not:

* **a cap on message size** on every socket the grader opens to the kernel (``zmq.MAXMSGSIZE``):
  a larger message (one 200 MB print) is refused by ZeroMQ before it is read into memory and the
  sender is disconnected, so that output is lost, which grading can afford; without the cap the
  grader's memory grew by about 600 MB for one such print;
* **the connection file in the socket folder**, so the sandbox mounts one folder, not the
  grader's Jupyter runtime folder with other kernels' files;
* **the sandbox** (:mod:`sandbox`): the launch command is wrapped in bubblewrap, and the folders
  the kernel writes belong to the kernel's own uid when the grader is root. Interrupts are
  sent as messages on the control channel: a signal would reach bwrap, not the kernel.
"""
from __future__ import annotations

import os
from pathlib import Path

import zmq

from beyond_borders.jupyter.kernels import AsyncIPCKernelManager


class GraderKernelManager(AsyncIPCKernelManager):
    """Call :meth:`prepare` before the kernel starts (nbclient starts it)."""

    sandbox = None  # a sandbox.Sandbox, or None: run unsandboxed (--no-sandbox)
    max_message_bytes = 0  # 0: no cap
    workdir: Path | None = None  # the folder the kernel may write (answers file, work/)
    cwd: Path | None = None
    uid: int | None = None

    def prepare(self, sandbox, max_message_bytes: int, workdir: Path, cwd: Path) -> None:
        self.sandbox, self.max_message_bytes = sandbox, max_message_bytes
        self.workdir, self.cwd = Path(workdir), Path(cwd)
        if max_message_bytes:
            self.context.setsockopt(zmq.MAXMSGSIZE, max_message_bytes)
        if self.socket_folder:
            self.connection_file = os.path.join(self.socket_folder, "kernel.json")
        if sandbox is not None:
            self.uid = sandbox.kernel_uid()
            for path in (self.workdir, self.cwd, Path(self.socket_folder or self.workdir)):
                self._give(path)

    def _give(self, path: Path) -> None:
        if self.uid is not None:
            os.chown(path, self.uid, self.uid)

    def write_connection_file(self, **kwargs) -> None:
        super().write_connection_file(**kwargs)
        if self.sandbox is not None and os.path.exists(self.connection_file):
            self._give(Path(self.connection_file))

    def format_kernel_cmd(self, extra_arguments=None) -> list[str]:
        cmd = super().format_kernel_cmd(extra_arguments)
        if self.sandbox is None:
            return cmd
        if self.kernel_spec is not None:
            self.kernel_spec.interrupt_mode = "message"
        writable = [Path(self.socket_folder)] if self.socket_folder else []
        return self.sandbox.command(cmd, writable + [self.workdir], self.cwd, self.uid)

    def client(self, **kwargs):
        kc = super().client(**kwargs)
        if self.max_message_bytes:
            kc.context.setsockopt(zmq.MAXMSGSIZE, self.max_message_bytes)
        return kc
