"""A Jupyter server extension that sends kernel messages to the browser without delay.

Jupyter Server does not switch off Nagle's algorithm on its kernel websockets. A widget update
is a few small frames; with Nagle on, the second frame waits for the browser's delayed ACK,
about 40 ms, on every control change (measured here: 50 ms for an empty execute request through
JupyterLab against 5 ms straight to the kernel). :class:`NoDelayConnection` sets TCP_NODELAY on
each kernel websocket as it connects. It goes in through the server's supported hook,
``ServerApp.kernel_websocket_connection_class``: loading this extension
(``--ServerApp.jpserver_extensions=beyond_borders.jupyter.serverext=True``, as ``make lab`` and
the browser tests do) selects it, or it can be configured directly
(``--ServerApp.kernel_websocket_connection_class=beyond_borders.jupyter.serverext.NoDelayConnection``).
Voilà has the same setting (``Voila.kernel_websocket_connection_class``; see ``present``).
"""
from __future__ import annotations

from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection

SETTING = "kernel_websocket_connection_class"


class NoDelayConnection(ZMQChannelsWebsocketConnection):
    """The default kernel websocket connection, with TCP_NODELAY on its socket."""

    def connect(self):
        self.websocket_handler.set_nodelay(True)
        return super().connect()


def _jupyter_server_extension_points():
    return [{"module": "beyond_borders.jupyter.serverext"}]


def _load_jupyter_server_extension(serverapp) -> None:
    """Select NoDelayConnection unless another connection class was configured (a gateway's,
    or someone's own), which is kept: that is a choice this extension should not override.

    Extensions load after the web application is built, so the class goes into its settings,
    where the kernel websocket handler looks it up on each connection."""
    settings = serverapp.web_app.settings
    current = settings.get(SETTING)
    if current is ZMQChannelsWebsocketConnection:
        settings[SETTING] = serverapp.kernel_websocket_connection_class = NoDelayConnection
        serverapp.log.info("beyond_borders: TCP_NODELAY on kernel websockets")
    elif not (isinstance(current, type) and issubclass(current, NoDelayConnection)):
        serverapp.log.warning("beyond_borders: kernel websockets keep %s, so widget updates may "
                              "wait ~40 ms for Nagle's algorithm", getattr(current, "__name__", current))
