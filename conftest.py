"""pytest setup for the whole course: nbval's kernels use private Unix sockets (see kernels.py),
so two notebooks starting at once under pytest-xdist cannot collide on a TCP port."""
import nbval.kernel

from beyond_borders.jupyter.kernels import IPCKernelManager

nbval.kernel.KernelManager = IPCKernelManager
