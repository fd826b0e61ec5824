"""One simulated learner on the class hub, doing what their browser does: log in with the class
password, click the nbgitpuller link (the hub starts their server; nbgitpuller's page calls its
pull API), open a notebook through the contents API, start a kernel through the sessions API
and run every code cell in order over the kernel's websocket, as JupyterLab does.

Only the server's own HTTP and websocket APIs are used; nothing here reaches into the hub.
"""
import asyncio
import html
import json
import re
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest
from tornado.websocket import websocket_connect

AsyncHTTPClient.configure(None, max_clients=200)


@dataclass
class CellRun:
    """What happened when one code cell ran: its latency and the outputs the kernel sent."""
    index: int
    seconds: float
    outputs: list = field(default_factory=list)
    status: str = "ok"

    @property
    def errors(self):
        return [o for o in self.outputs if o.get("output_type") == "error"]


class Learner:
    """A browser's worth of state for one learner: cookies and the hub's address."""

    def __init__(self, hub_url, name, password, timeout=300):
        self.hub, self.name, self.password, self.timeout = hub_url, name, password, timeout
        self.cookies = {}
        self.kernel_waits = {}  # notebook -> seconds from opening it to its kernel being ready
        self.http = AsyncHTTPClient()

    @property
    def server(self):
        return f"{self.hub}/user/{self.name}/"

    def _remember(self, response):
        for header in response.headers.get_list("Set-Cookie"):
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value

    def _headers(self, extra=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if "_xsrf" in self.cookies:
            headers["X-XSRFToken"] = self.cookies["_xsrf"]
        return {**headers, **(extra or {})}

    async def request(self, url, method="GET", body=None, headers=None, follow=True):
        """One request with the learner's cookies, following redirects as a browser does."""
        url = urllib.parse.urljoin(self.hub + "/", url)
        for _ in range(30):
            req = HTTPRequest(url, method=method, body=body, headers=self._headers(headers),
                              follow_redirects=False, request_timeout=self.timeout)
            response = await self.http.fetch(req, raise_error=False)
            self._remember(response)
            if not (follow and response.code in (301, 302, 303, 307)):
                return response
            url = urllib.parse.urljoin(url, response.headers["Location"])
            if response.code in (302, 303):
                method, body = "GET", None
        raise RuntimeError(f"{self.name}: too many redirects at {url}")

    async def log_in(self):
        page = await self.request("/hub/login")
        xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page.body.decode()).group(1)
        form = urllib.parse.urlencode({"username": self.name, "password": self.password, "_xsrf": xsrf})
        await self.request("/hub/login", "POST", form, follow=False)
        if "jupyterhub-session-id" not in self.cookies:
            raise RuntimeError(f"{self.name}: the hub refused the class password")

    async def _until_server_ready(self, response):
        """Follow the hub's 'server starting' pages (what spawn-pending's script does)."""
        deadline = time.monotonic() + self.timeout
        while "/hub/spawn-pending/" in response.effective_url or response.code == 424:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{self.name}: the server did not start in {self.timeout} s")
            if response.code == 424:  # "server not running": the page's Launch button
                nxt = urllib.parse.urlparse(response.effective_url)
                launch = f"/hub/spawn/{self.name}?next=" + urllib.parse.quote(nxt.path + "?" + nxt.query)
                response = await self.request(launch)
                continue
            await asyncio.sleep(0.5)
            response = await self.request(response.effective_url)
        return response

    async def click(self, link):
        """Open the nbgitpuller link and do what its status page's script does; returns the
        JupyterLab URL nbgitpuller sends the learner to."""
        page = await self._until_server_ready(await self.request(link))
        data = dict(re.findall(r'data-([a-z-]+)="([^"]*)"', page.body.decode()))
        if "repo" not in data:
            raise RuntimeError(f"{self.name}: no nbgitpuller page at {page.effective_url} ({page.code})")
        data = {k: urllib.parse.unquote(html.unescape(v)) for k, v in data.items()}
        params = {"_xsrf": data.get("xsrf", ""), "repo": data["repo"], "targetpath": data["targetpath"]}
        if data.get("branch"):
            params["branch"] = data["branch"]
        stream = await self.request(self.server + "git-pull/api?" + urllib.parse.urlencode(params))
        events = [json.loads(line[6:]) for line in stream.body.decode().splitlines() if line.startswith("data: ")]
        if not events or events[-1].get("phase") != "finished":
            raise RuntimeError(f"{self.name}: nbgitpuller did not finish: {events[-1:] or stream.code}")
        return data["base-url"] + data["path"]

    async def api(self, path, method="GET", payload=None):
        body = None if payload is None else json.dumps(payload)
        response = await self.request(self.server + "api/" + path, method, body,
                                      {"Content-Type": "application/json"}, follow=False)
        if response.code >= 400:
            raise HTTPClientError(response.code, f"{method} api/{path}: {response.body[:300]!r}", response)
        return json.loads(response.body) if response.body else None

    async def run_notebook(self, path, on_cell=None):
        """Open `path` (relative to the learner's home), run each code cell in order in a fresh
        kernel over its websocket, shut the kernel down; returns the list of `CellRun`s."""
        model = await self.api(f"contents/{urllib.parse.quote(path)}?content=1&type=notebook")
        return await self.run_in_new_kernel(path, model["content"]["cells"], on_cell)

    async def run_in_new_kernel(self, path, cells, on_cell=None):
        """Start a kernel for notebook `path` through the sessions API (as opening it in
        JupyterLab does), run the code `cells` in order, shut it down; returns the `CellRun`s."""
        start = time.perf_counter()
        session = await self.api("sessions", "POST", {"path": path, "name": path.rsplit("/", 1)[-1],
                                                      "type": "notebook", "kernel": {"name": "python3"}})
        channel = KernelChannel(self, session["kernel"]["id"])
        try:
            ws = await channel.connect()  # the server answers once the kernel replied to kernel_info
            self.kernel_waits[path] = time.perf_counter() - start
            return await channel.run_cells(ws, cells, on_cell)
        finally:
            await self.api(f"sessions/{session['id']}", "DELETE")


class KernelChannel:
    """The kernel's websocket as JupyterLab opens it (v1 JSON messages, one session id)."""

    def __init__(self, learner, kernel_id):
        self.learner, self.kernel_id, self.session = learner, kernel_id, uuid.uuid4().hex

    async def connect(self):
        url = (self.learner.server.replace("http", "ws", 1) + f"api/kernels/{self.kernel_id}/channels?"
               + urllib.parse.urlencode({"session_id": self.session}))
        req = HTTPRequest(url, headers=self.learner._headers(), request_timeout=self.learner.timeout)
        return await websocket_connect(req, max_message_size=256 * 1024 * 1024)

    def _execute(self, code):
        msg_id = uuid.uuid4().hex
        header = {"msg_id": msg_id, "msg_type": "execute_request", "session": self.session,
                  "username": self.learner.name, "version": "5.3", "date": ""}
        content = {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                   "allow_stdin": False, "stop_on_error": True}
        return msg_id, json.dumps({"header": header, "parent_header": {}, "metadata": {},
                                   "content": content, "channel": "shell", "buffers": []})

    async def run_cells(self, ws, cells, on_cell=None):
        runs = []
        try:
            for index, cell in enumerate(cells):
                if cell.get("cell_type") != "code":
                    continue
                source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
                run = await self._run_one(ws, index, source)
                runs.append(run)
                if on_cell:
                    on_cell(run)
        finally:
            ws.close()
        return runs

    async def _run_one(self, ws, index, source):
        msg_id, message = self._execute(source)
        start = time.perf_counter()
        await ws.write_message(message)
        run, replied, idle = CellRun(index, 0.0), False, False
        while not (replied and idle):
            raw = await asyncio.wait_for(ws.read_message(), self.learner.timeout)
            if raw is None:
                raise RuntimeError(f"{self.learner.name}: the kernel's websocket closed")
            if isinstance(raw, bytes):
                continue  # binary frames carry widget buffers; not needed to follow execution
            msg = json.loads(raw)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = msg["header"]["msg_type"]
            if kind == "execute_reply":
                replied, run.status = True, msg["content"].get("status", "ok")
            elif kind == "status" and msg["content"]["execution_state"] == "idle":
                idle = True
            elif kind in ("stream", "display_data", "execute_result", "error"):
                run.outputs.append({"output_type": kind, **msg["content"]})
        run.seconds = time.perf_counter() - start
        return run
