# JupyterHub configuration for a class on one machine: the hub, configurable-http-proxy from npm,
# a shared class password and one local process per learner running the course environment.
# scripts/hub/run_hub.py fills in the BB_HUB_* variables below; read instructors/README.md
# ("Route 2") for what each choice means on a real hub. Loaded by `jupyterhub -f`.
import os
from pathlib import Path

c = get_config()  # noqa: F821 - provided by JupyterHub when it loads this file

state = Path(os.environ["BB_HUB_STATE"])
port = int(os.environ["BB_HUB_PORT"])
venv_bin = Path(os.environ["BB_HUB_VENV_BIN"])

c.JupyterHub.bind_url = f"http://127.0.0.1:{port}"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{port + 1}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{port + 2}"
c.ConfigurableHTTPProxy.command = [os.environ["BB_HUB_PROXY"]]
c.ConfigurableHTTPProxy.auth_token = os.environ["BB_HUB_PROXY_TOKEN"]
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(state / "jupyterhub.pid")

# Everyone in the class logs in with one password the instructor hands out (any user name).
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = os.environ["BB_HUB_PASSWORD"]
c.Authenticator.allow_all = True

# One local process per learner, each with its own home folder, all as this Unix user: fine for
# one trusted machine, never for strangers (they could read each other's files).
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(state / "home" / "{username}")
c.Spawner.cmd = [str(venv_bin / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
# The course's server extension (TCP_NODELAY on kernel websockets, see the README's Performance).
c.Spawner.args = ["--ServerApp.jpserver_extensions=beyond_borders.jupyter.serverext=True",
                  # When a whole class starts kernels at once, a kernel on a busy machine can
                  # take over the default 60 s to answer its first message; wait, don't drop it.
                  "--ZMQChannelsWebsocketConnection.kernel_info_timeout=300"]
if os.getuid() == 0:
    c.Spawner.args.append("--allow-root")
c.Spawner.environment = {"PATH": f"{venv_bin}:{os.environ.get('PATH', '/usr/bin:/bin')}",
                         # run_hub.py finds every process of this run by this mark to stop it.
                         "BB_HUB_RUN": os.environ.get("BB_HUB_RUN", ""),
                         # run_hub.py writes the course's warm "Python 3" kernel here: kernels
                         # start with the course loaded, so a learner's first cell does not wait
                         # for the imports (beyond_borders/warm.py says why).
                         "JUPYTER_PATH": str(state / "jupyter")}
