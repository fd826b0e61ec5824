"""Each kernel gets its own Unix-socket folder, so kernels started together cannot collide."""
import os
import sys

import pytest

from beyond_borders.jupyter.kernels import AsyncIPCKernelManager, IPCKernelManager


@pytest.mark.skipif(sys.platform.startswith("win"), reason="Windows keeps TCP by design")
def test_private_socket_folders():
    a, b = IPCKernelManager(kernel_name="python3"), AsyncIPCKernelManager(kernel_name="python3")
    assert a.transport == b.transport == "ipc"
    assert os.path.dirname(a.ip) != os.path.dirname(b.ip)
    assert os.path.isdir(os.path.dirname(a.ip))


def test_nbval_uses_them():
    import nbval.kernel
    assert nbval.kernel.KernelManager is IPCKernelManager
