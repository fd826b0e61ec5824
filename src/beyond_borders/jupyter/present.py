"""Present the timeline explorer full-screen with Voilà, with the course's websocket fix.

    python -m beyond_borders.jupyter.present apps/timeline_app.ipynb --no-browser --port=8866

Voilà serves kernels with Jupyter Server's websocket handler, so it has the same 40 ms Nagle
wait per widget update as JupyterLab (see ``serverext``); this launcher removes it and then
hands over to Voilà unchanged.
"""
import sys

from beyond_borders.jupyter.serverext import _patch


def main() -> int:
    _patch()
    from voila.app import main as voila_main

    return voila_main()


if __name__ == "__main__":
    sys.exit(main())
