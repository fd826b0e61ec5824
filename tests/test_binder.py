"""Binder builds this repository as documented: repo2docker's own detection code (the pinned
jupyter-repo2docker, requirements/binder-check-lock.txt) picks the conda build pack from the root
environment.yml, finds the executable root postBuild, and that postBuild, run as repo2docker runs
it (from the repository's folder, with the environment's python first on PATH), installs the
course package and enables its server extension."""
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

if os.environ.get("CI"):
    import repo2docker.app  # noqa: F401 - in CI a missing repo2docker is a failure, not a skip
repo2docker_app = pytest.importorskip("repo2docker.app", reason="jupyter-repo2docker is not installed (`make hub-install`)")


def picked_buildpack(folder):
    """What repo2docker does in Repo2Docker.build(): the first build pack, in its configured
    order, whose detect() accepts the folder; its default build pack if none does."""
    app = repo2docker_app.Repo2Docker()
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        for kind in app.buildpacks:
            pack = kind(base_image=app.base_image)
            if pack.detect():
                return pack
        return app.default_buildpack(base_image=app.base_image)
    finally:
        os.chdir(cwd)


@pytest.fixture(scope="module")
def pack():
    return picked_buildpack(ROOT)


def in_root(pack, name):
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        return getattr(pack, name)() if callable(getattr(pack, name)) else getattr(pack, name)
    finally:
        os.chdir(cwd)


def test_binder_uses_the_conda_environment_from_the_root(pack):
    from repo2docker.buildpacks import CondaBuildPack
    assert type(pack) is CondaBuildPack
    # A binder/ or .binder/ folder would make repo2docker ignore every root file.
    assert in_root(pack, "binder_dir") == ""
    assert in_root(pack, "environment_yaml_path") == "environment.yml"


def test_binder_python_is_the_one_the_lock_needs(pack):
    assert in_root(pack, "python_version") == "3.11"
    assert in_root(pack, "python_version") == f"{sys.version_info.major}.{sys.version_info.minor}"


def test_the_environment_can_be_built_before_the_course_is_copied(pack):
    """No local pip requirement (`-e .`) in environment.yml: repo2docker then installs the
    environment as its own layer and reuses it when only the course changes."""
    assert in_root(pack, "_should_preassemble_env")


def test_post_build_is_found_and_executable_in_a_clone(pack):
    assert in_root(pack, "get_post_build_scripts") == ["postBuild"]
    mode = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-s", "postBuild"],
                          capture_output=True, text=True, check=True).stdout.split()
    assert mode and mode[0] == "100755", "postBuild must be committed executable (git add --chmod=+x)"
    assert os.access(ROOT / "postBuild", os.X_OK)


def _copy_of_the_repository(dest):
    """The files repo2docker copies in: what git tracks, plus untracked ones not ignored."""
    names = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                           capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, names):
        src = ROOT / name
        if src.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)


def test_post_build_installs_the_course_and_enables_its_server_extension(tmp_path):
    repo, env = tmp_path / "repo", tmp_path / "env"
    _copy_of_the_repository(repo)
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True)
    site = Path(sysconfig.get_path("purelib", vars={"base": str(env), "platbase": str(env)}))
    # The environment.yml packages: this test environment's, seen through a .pth (not the course
    # package: its editable hook is a .pth of its own, which Python does not follow from here).
    (site / "environment_yml_packages.pth").write_text(sysconfig.get_path("purelib") + "\n")
    python = env / "bin" / "python"
    assert subprocess.run([python, "-c", "import beyond_borders"], capture_output=True).returncode != 0
    path = f"{env / 'bin'}{os.pathsep}{os.environ['PATH']}"
    done = subprocess.run(["./postBuild"], cwd=repo, env={**os.environ, "PATH": path},
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    probe = ("import beyond_borders, pathlib; from beyond_borders.data import load_events; "
             "print(pathlib.Path(beyond_borders.__file__).resolve()); print(len(load_events()))")
    out = subprocess.run([python, "-c", probe], capture_output=True, text=True, cwd=tmp_path, check=True).stdout.split()
    assert Path(out[0]).is_relative_to(env.resolve()), "the course package was not installed into the environment"
    assert int(out[1]) > 100, "the installed package carries no data"
    listed = subprocess.run([python, "-m", "jupyter_server.extension.serverextension", "list"],
                            capture_output=True, text=True, cwd=tmp_path)
    listed = re.sub(r"\x1b\[[0-9;]*m", "", listed.stdout + listed.stderr)
    assert re.search(r"beyond_borders\.jupyter\.serverext\s+enabled", listed), listed
    assert re.search(r"beyond_borders\.jupyter\.serverext\s+OK", listed), listed
    specs = json.loads(subprocess.run([python, "-m", "jupyter_client.kernelspecapp", "list", "--json"],
                                      capture_output=True, text=True, cwd=tmp_path, check=True).stdout)
    argv = specs["kernelspecs"]["python3"]["spec"]["argv"]
    assert Path(argv[0]).parent.resolve() == (env / "bin").resolve(), argv
    assert "--IPKernelApp.extensions=beyond_borders.warm" in argv, "kernels would not start warm"
