"""The hub route's configuration, checked without starting anything: the pinned locks, the
local hub's JupyterHub config, and the Zero to JupyterHub values and image definition
(instructors/hub/) against the chart's own schema, as `helm install` checks them."""
import json
import re
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from traitlets.config.loader import PyFileConfigLoader

ROOT = Path(__file__).resolve().parents[1]
HUB = ROOT / "instructors" / "hub"
CHART = HUB / "z2jh-4.4.0"
FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(path):
    return yaml.load(path.read_text(), Loader=FAST)


def pins(name):
    found = {}
    for line in (ROOT / "requirements" / name).read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            package, sep, version = line.partition("==")
            assert sep and version, f"{name}: {line!r} is not pinned with =="
            found[re.sub(r"[-_.]+", "-", package).lower()] = version
    return found


@pytest.mark.parametrize("extra", ["hub-lock.txt", "binder-check-lock.txt"])
def test_extra_locks_are_pinned_and_never_repin_the_course_lock(extra):
    clash = set(pins(extra)) & set(pins("lock.txt"))
    assert not clash, f"{extra} pins what lock.txt pins: {sorted(clash)}"


def test_the_proxy_is_pinned_exactly_in_package_and_lock_files():
    wanted = json.loads((ROOT / "scripts" / "hub" / "package.json").read_text())["dependencies"]
    locked = json.loads((ROOT / "scripts" / "hub" / "package-lock.json").read_text())["packages"]
    version = wanted["configurable-http-proxy"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", version), "pin the proxy to one version"
    assert locked["node_modules/configurable-http-proxy"]["version"] == version


def test_local_hub_config_is_a_shared_password_and_one_local_server_per_learner(tmp_path, monkeypatch):
    for key, value in {"BB_HUB_STATE": tmp_path, "BB_HUB_PORT": 9100, "BB_HUB_PASSWORD": "class-pass",
                       "BB_HUB_VENV_BIN": Path(sys.executable).parent, "BB_HUB_PROXY": "/x/chp",
                       "BB_HUB_PROXY_TOKEN": "t"}.items():
        monkeypatch.setenv(key, str(value))
    c = PyFileConfigLoader("jupyterhub_config.py", str(ROOT / "scripts" / "hub")).load_config()
    assert c.JupyterHub.authenticator_class == "shared-password"
    assert c.SharedPasswordAuthenticator.user_password == "class-pass"
    assert c.JupyterHub.spawner_class == "simple"
    assert c.SimpleLocalProcessSpawner.home_dir_template == str(tmp_path / "home" / "{username}")
    assert c.Spawner.cmd == [str(Path(sys.executable).parent / "jupyterhub-singleuser")]
    assert "--ServerApp.jpserver_extensions=beyond_borders.jupyter.serverext=True" in c.Spawner.args
    assert c.JupyterHub.bind_url == "http://127.0.0.1:9100"  # loopback only


def _merged(base, override):
    out = dict(base)
    for key, value in override.items():
        out[key] = _merged(base[key], value) if isinstance(value, dict) and isinstance(base.get(key), dict) else value
    return out


def test_chart_values_pass_the_charts_own_schema():
    schema = load(CHART / "values.schema.yaml")
    values = _merged(load(CHART / "values.yaml"), load(HUB / "values.yaml"))
    jsonschema.validate(values, schema)


def test_chart_values_would_fail_the_schema_with_a_misspelt_key():
    """The check above can fail: the schema forbids keys it does not know."""
    schema = load(CHART / "values.schema.yaml")
    values = _merged(load(CHART / "values.yaml"), {"singleuser": {"memmory": {"limit": "1G"}}})
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(values, schema)


def test_chart_values_say_what_the_guide_says():
    values = load(HUB / "values.yaml")
    assert values["cull"]["enabled"] and values["cull"]["timeout"] <= 3600
    assert values["singleuser"]["defaultUrl"] == "/lab"
    assert values["hub"]["config"]["JupyterHub"]["authenticator_class"] == "shared-password"


def test_image_is_built_from_the_course_environment_and_postbuild_with_the_hub_pins():
    docker = (HUB / "Dockerfile").read_text()
    assert "environment.yml" in docker and "./postBuild" in docker
    assert "requirements/hub-lock.txt" in docker
    hub = pins("hub-lock.txt")
    assert hub["jupyterhub"] == "5.5.0", "jupyterhub-singleuser must match the chart's JupyterHub (5.5.0)"
    assert "nbgitpuller" in hub
