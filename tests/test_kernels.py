"""Kernels on private Unix sockets: two started at once both work, each in its own 0700 folder,
and the folder goes away when the kernel is shut down."""
import asyncio
import os
import stat
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from jupyter_client import BlockingKernelClient

from beyond_borders.jupyter.kernels import AsyncIPCKernelManager, IPCKernelManager

pytestmark = pytest.mark.skipif(sys.platform.startswith("win"), reason="Windows keeps TCP by design")
KERNEL = "python3"


def start_together(managers):
    """Start every manager's kernel at the same moment (one thread each, behind a barrier)."""
    barrier = threading.Barrier(len(managers))

    def start(km):
        barrier.wait()
        km.start_kernel()

    with ThreadPoolExecutor(len(managers)) as pool:
        list(pool.map(start, managers))


def answer(km, code: str) -> str:
    """Run ``code`` in the kernel over its own sockets and return the value of ``result``."""
    kc = BlockingKernelClient()  # blocking, for the async manager too
    kc.load_connection_info(km.get_connection_info())
    kc.start_channels()
    try:
        # Liveness limits, not speed goals: on a loaded 2-core machine a new kernel may take a
        # minute or more to answer, and that is no failure of the sockets under test.
        kc.wait_for_ready(timeout=300)
        reply = kc.execute_interactive(code, user_expressions={"r": "result"}, timeout=300)
    finally:
        kc.stop_channels()
    assert reply["content"]["status"] == "ok", reply["content"]
    return reply["content"]["user_expressions"]["r"]["data"]["text/plain"]


def test_two_kernels_started_together_use_their_own_private_sockets():
    managers = [IPCKernelManager(kernel_name=KERNEL) for _ in range(2)]
    folders = [km.socket_folder for km in managers]
    try:
        start_together(managers)
        # Both answer, each from its own process (the kernel has bound its sockets by then).
        assert answer(managers[0], "import os; result = os.getpid()") != \
            answer(managers[1], "import os; result = os.getpid()")
        assert answer(managers[0], "result = 6 * 7") == "42"
        for km, folder in zip(managers, folders):
            info = km.get_connection_info()
            assert info["transport"] == "ipc"
            assert os.path.dirname(info["ip"]) == folder
            assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
            sockets = {f"{info['ip']}-{info[name]}" for name in
                       ("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port")}
            assert len(sockets) == 5 and all(stat.S_ISSOCK(os.stat(s).st_mode) for s in sockets)
        assert folders[0] != folders[1]
    finally:
        for km in managers:
            if km.has_kernel:
                km.shutdown_kernel(now=True)
    for km, folder in zip(managers, folders):
        assert not os.path.exists(folder)
        assert km.socket_folder is None


def test_async_kernel_keeps_its_folder_over_a_restart_and_removes_it_at_shutdown():
    async def run():
        km = AsyncIPCKernelManager(kernel_name=KERNEL)
        await km.start_kernel()
        folder = km.socket_folder
        try:
            await km.restart_kernel(now=True)
            assert km.socket_folder == folder and os.path.isdir(folder)
            assert answer(km, "result = 'after restart'") == "'after restart'"
        finally:
            await km.shutdown_kernel(now=True)
        assert not os.path.exists(folder) and km.socket_folder is None

    asyncio.run(run())


def test_nbval_starts_its_kernels_through_our_manager():
    """The root conftest replaces nbval.kernel.KernelManager (an nbval internal). If an nbval
    upgrade renames it or stops looking it up by that name, this fails instead of nbval quietly
    going back to TCP kernels."""
    import nbval.kernel

    assert nbval.kernel.KernelManager is IPCKernelManager
    assert "KernelManager" in nbval.kernel.start_new_kernel.__code__.co_names
