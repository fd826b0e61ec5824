"""Present the timeline explorer full-screen with Voilà, with the course's websocket fix.

    python -m beyond_borders.jupyter.present apps/timeline_app.ipynb --no-browser --port=8866

Voilà serves kernels with Jupyter Server's websocket connection, so it has the same 40 ms Nagle
wait per widget update as JupyterLab (see ``serverext``). Voilà does not load server extensions
but has the same supported setting, so this launcher only adds
``--Voila.kernel_websocket_connection_class`` and hands over to Voilà unchanged.
"""
from __future__ import annotations

import sys

SETTING = "--Voila.kernel_websocket_connection_class"
NODELAY = f"{SETTING}=beyond_borders.jupyter.serverext.NoDelayConnection"


def voila_argv(args: list[str]) -> list[str]:
    """Voilà's arguments with our connection class, unless the command line names its own."""
    return list(args) if any(a.startswith(SETTING) for a in args) else [NODELAY, *args]


def main(argv: list[str] | None = None) -> int:
    from voila.app import Voila

    Voila.launch_instance(argv=voila_argv(sys.argv[1:] if argv is None else argv))
    return 0


if __name__ == "__main__":
    sys.exit(main())
