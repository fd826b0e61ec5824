"""The server extension switches Nagle's algorithm off on a real kernel websocket.

A Jupyter Server runs in a subprocess on 127.0.0.1 with a test-only probe extension that reads
TCP_NODELAY on the server's end of each open kernel websocket. With our extension the option is
set and the kernel still answers over the socket; without it the same probe reads it unset, so
the check can fail. The Voilà launcher is checked to hand Voilà the same connection class.
"""
import json
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

from beyond_borders.jupyter import present, serverext
from tests.support import labserver

ROOT = Path(__file__).resolve().parents[1]
PROBE = "tests.support.nodelay_probe"
pytestmark = pytest.mark.skipif(sys.platform.startswith("win"), reason="the server runs on POSIX here")


def api(server, path, method="GET", body=None):
    request = urllib.request.Request(
        f"{server['url']}{path}", method=method, data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": f"token {server['token']}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as reply:
        return json.loads(reply.read() or b"null")


def kernel_info_over(ws) -> dict:
    """Ask the kernel for its info over the websocket (legacy JSON protocol); return the reply."""
    msg_id = uuid.uuid4().hex
    ws.send(json.dumps({"channel": "shell", "content": {}, "metadata": {}, "parent_header": {},
                        "header": {"msg_id": msg_id, "msg_type": "kernel_info_request", "username": "t",
                                   "session": "s", "version": "5.3", "date": ""}}))
    while True:
        msg = json.loads(ws.recv())
        if msg.get("parent_header", {}).get("msg_id") == msg_id and msg["channel"] == "shell":
            return msg


def open_sockets_nodelay(server) -> list[bool]:
    """The probe's reading once the websocket has registered (polled; no timing is asserted)."""
    for _ in range(300):
        states = api(server, "/bb-probe/nodelay")["nodelay"]
        if states:
            return states
        time.sleep(0.1)
    raise AssertionError("the probe never saw the kernel websocket")


@pytest.mark.parametrize("extensions, expected", [
    (["beyond_borders.jupyter.serverext", PROBE], [True]),
    ([PROBE], [False]),
], ids=["with-extension", "without-extension"])
def test_kernel_websocket_nodelay(tmp_path, extensions, expected):
    import websocket

    with labserver.jupyter_server(tmp_path, tmp_path / "server.log", extensions, ROOT) as server:
        kernel = api(server, "/api/kernels", "POST", {"name": "python3"})
        url = f"{server['url'].replace('http', 'ws')}/api/kernels/{kernel['id']}/channels?session_id={uuid.uuid4().hex}"
        ws = websocket.create_connection(url, header=[f"Authorization: token {server['token']}"], timeout=60)
        try:
            reply = kernel_info_over(ws)
            assert reply["header"]["msg_type"] == "kernel_info_reply"
            assert reply["content"]["status"] == "ok"
            assert open_sockets_nodelay(server) == expected
        finally:
            ws.close()
            api(server, f"/api/kernels/{kernel['id']}", "DELETE")


def test_declares_itself_as_a_server_extension():
    assert serverext._jupyter_server_extension_points() == [{"module": "beyond_borders.jupyter.serverext"}]


def test_voila_launcher_selects_the_nodelay_connection():
    """Voilà parses the launcher's arguments into our connection class; a user's own setting,
    given later on the command line, still wins."""
    from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection
    from voila.app import Voila

    app = Voila()
    app.parse_command_line(present.voila_argv(["app.ipynb", "--no-browser"]))
    assert app.kernel_websocket_connection_class is serverext.NoDelayConnection
    mine = "--Voila.kernel_websocket_connection_class=" \
           "jupyter_server.services.kernels.connection.channels.ZMQChannelsWebsocketConnection"
    app = Voila()
    app.parse_command_line(present.voila_argv(["app.ipynb", mine]))
    assert app.kernel_websocket_connection_class is ZMQChannelsWebsocketConnection
