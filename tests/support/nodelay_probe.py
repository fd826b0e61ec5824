"""A test-only Jupyter server extension: ``GET /bb-probe/nodelay`` reports whether TCP_NODELAY
is set on the server's end of each open kernel websocket.

It reads Jupyter Server's registry of open connections and tornado's stream, both internals;
that is acceptable in a probe, because if they change the probe finds no connection and the
test that uses it fails rather than passing.
"""
from __future__ import annotations

import json
import socket

from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection
from tornado import web


class NodelayHandler(JupyterHandler):
    @web.authenticated
    def get(self):
        states = []
        for connection in list(ZMQChannelsWebsocketConnection._open_sockets):
            sock = connection.websocket_handler.ws_connection.stream.socket
            states.append(bool(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)))
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({"nodelay": states}))


def _jupyter_server_extension_points():
    return [{"module": "tests.support.nodelay_probe"}]


def _load_jupyter_server_extension(serverapp) -> None:
    base = serverapp.web_app.settings["base_url"].rstrip("/")
    serverapp.web_app.add_handlers(".*$", [(f"{base}/bb-probe/nodelay", NodelayHandler)])
