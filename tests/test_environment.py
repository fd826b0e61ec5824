"""The conda route (environment.yml) and the pip route (requirements/lock.txt) must agree."""
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def norm(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def lock():
    pins = {}
    for line in (ROOT / "requirements" / "lock.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"lock.txt: {line!r} is not pinned with =="
            pins[norm(name)] = version
    return pins


def env_pins():
    pins, in_deps = {}, False
    for raw in (ROOT / "environment.yml").read_text().splitlines():
        line = raw.split("#")[0].rstrip()
        if line and not line.startswith(" "):
            in_deps = line.startswith("dependencies:")
        if not in_deps or not line.strip().startswith("- "):
            continue
        item = line.strip()[2:].strip()
        if item in ("pip", "pip:") or item.startswith("python=") or item.startswith("-e") or item.startswith("-r"):
            continue
        name, version = re.split(r"==|=", item, maxsplit=1) if "=" in item else (item, "")
        pins[norm(name)] = version
    return pins


def test_every_environment_package_is_pinned_to_the_lock_version():
    lk, env = lock(), env_pins()
    assert env, "environment.yml names no packages"
    problems = [f"{n}: environment.yml {v!r} vs lock {lk.get(n)!r}" for n, v in env.items()
                if lk.get(n) != v]
    assert not problems, "\n".join(problems)


def test_every_direct_dependency_is_in_both_routes():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    direct = meta["dependencies"] + meta["optional-dependencies"]["test"]
    names = {norm(re.split(r"[<>=!~ \[]", d)[0]) for d in direct}
    lk, env = lock(), env_pins()
    assert not names - set(lk), f"not pinned in lock.txt: {sorted(names - set(lk))}"
    assert not names - set(env), f"not named in environment.yml: {sorted(names - set(env))}"


def test_lock_satisfies_pyproject_lower_bounds():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    lk = lock()
    for dep in meta["dependencies"]:
        m = re.match(r"([A-Za-z0-9_.-]+)>=([0-9.]+)", dep)
        if m:
            have = tuple(int(x) for x in lk[norm(m.group(1))].split(".")[:2])
            need = tuple(int(x) for x in m.group(2).split(".")[:2])
            assert have >= need, f"{dep}: lock has {lk[norm(m.group(1))]}"
