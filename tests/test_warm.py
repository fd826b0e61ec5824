"""The warm kernel (beyond_borders.warm): its definition is found ahead of Jupyter's own "Python 3"
and loads every name a lesson imports before the first cell. The hub test checks it in a real
kernel on a real hub; these check the pieces on their own."""
import json
import subprocess
import sys

import beyond_borders
from beyond_borders import warm


def test_warm_loads_every_name_a_lesson_may_import():
    code = ("import sys, beyond_borders.warm as w; names = w.warm(); "
            "print(len(names), 'pandas' in sys.modules, 'matplotlib' in sys.modules, "
            "'beyond_borders.views.explorer' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == [str(len(beyond_borders._LAZY)), "True", "True", "True"]


def test_the_kernel_definition_is_found_before_jupyters_own(tmp_path, monkeypatch):
    from jupyter_client.kernelspec import KernelSpecManager
    path = warm.install_kernelspec(tmp_path, "/opt/course/bin/python")
    assert json.loads(path.read_text())["argv"][:3] == ["/opt/course/bin/python", "-m", "ipykernel_launcher"]
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path))
    spec = KernelSpecManager().get_kernel_spec("python3")
    assert spec.resource_dir == str(path.parent)
    assert "--IPKernelApp.extensions=beyond_borders.warm" in spec.argv


def test_the_extension_hook_warms_with_ipythons_argument(monkeypatch):
    # IPython calls load_ipython_extension(shell); the shell itself is not used.
    calls = []
    monkeypatch.setattr(warm, "warm", lambda: calls.append("warmed"))
    warm.load_ipython_extension(object())
    assert calls == ["warmed"]
