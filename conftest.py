"""pytest setup for the whole course: nbval's kernels use private Unix sockets (see kernels.py),
so two notebooks starting at once under pytest-xdist cannot collide on a TCP port."""
import nbval.kernel

from beyond_borders.jupyter.kernels import IPCKernelManager

# nbval has no option for the kernel manager class, so this replaces an nbval internal: the
# module global that nbval.kernel.start_new_kernel instantiates. That is safe only because nbval
# is pinned (requirements/lock.txt); tests/test_kernels.py::test_nbval_starts_its_kernels_through_our_manager
# fails if an upgrade removes or stops using this name, instead of nbval quietly going back to TCP.
nbval.kernel.KernelManager = IPCKernelManager
