"""The server extension switches Nagle's algorithm off on every kernel websocket it opens."""
import asyncio

from jupyter_server.services.kernels.websocket import KernelWebsocketHandler

from beyond_borders.jupyter import serverext


def test_open_sets_nodelay_then_opens_as_before(monkeypatch):
    calls = []

    async def original_open(self, kernel_id):
        calls.append(("open", kernel_id))

    monkeypatch.setattr(KernelWebsocketHandler, "open", original_open)
    monkeypatch.setattr(serverext, "_PATCHED", False)
    assert serverext._patch() is True

    class FakeHandler:
        def set_nodelay(self, value):
            calls.append(("nodelay", value))

    asyncio.run(KernelWebsocketHandler.open(FakeHandler(), "k1"))
    assert calls == [("nodelay", True), ("open", "k1")]


def test_declares_itself_as_a_server_extension():
    assert serverext._jupyter_server_extension_points() == [{"module": "beyond_borders.jupyter.serverext"}]
