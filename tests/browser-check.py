#!/usr/bin/python3
"""tests/browser-check.py PAGE -- load the rendered specification in a real browser.

Starts Debian's /usr/bin/chromium headless (fresh profile, no network services)
with the DevTools protocol on a local port, drives it over a minimal WebSocket
client (standard library only, so CI needs no npm), loads PAGE and checks:

  - no console error, no uncaught exception, no failed resource load;
  - every internal link (href="#...") resolves to an element;
  - every rule ID defined in spec/*.md has its anchor (id="UE-20");
  - every figure has a non-zero rendered size;
  - in the state diagrams (figures named "state machine"), no two text labels
    overlap on the page.

Prints one "ok - ..." or "not ok - ..." line per check; exit 1 on any failure,
2 when the browser cannot be started.
"""
import base64
import glob
import json
import os
import re
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         "--remote-debugging-port=0", "--window-size=1280,1024"]


class WebSocket:
    """just enough of RFC 6455 for the DevTools protocol (text frames, client masking)."""

    def __init__(self, url):
        m = re.match(r"ws://([^:/]+):(\d+)(/.*)$", url)
        self.sock = socket.create_connection((m.group(1), int(m.group(2))), timeout=30)
        key = base64.b64encode(os.urandom(16)).decode()
        req = ("GET %s HTTP/1.1\r\nHost: %s:%s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
               "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n"
               % (m.group(3), m.group(1), m.group(2), key))
        self.sock.sendall(req.encode())
        resp = b""
        while b"\r\n\r\n" not in resp:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise OSError("websocket handshake failed")
            resp += chunk
        if b" 101 " not in resp.split(b"\r\n", 1)[0]:
            raise OSError("websocket handshake refused: %r" % resp[:80])
        self.buf = resp.split(b"\r\n\r\n", 1)[1]

    def send(self, text):
        data = text.encode()
        head = bytes([0x81])
        n = len(data)
        if n < 126:
            head += bytes([0x80 | n])
        elif n < 65536:
            head += bytes([0x80 | 126]) + struct.pack(">H", n)
        else:
            head += bytes([0x80 | 127]) + struct.pack(">Q", n)
        mask = os.urandom(4)
        self.sock.sendall(head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

    def _read(self, n):
        while len(self.buf) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise OSError("websocket closed")
            self.buf += chunk
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def recv(self):
        message = b""
        while True:
            b0, b1 = self._read(2)
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._read(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._read(8))[0]
            payload = self._read(n)
            op = b0 & 0x0F
            if op == 0x9:                      # ping
                continue
            message += payload
            if b0 & 0x80:
                return message.decode("utf-8", "replace")


class Page:
    def __init__(self, ws):
        self.ws, self.n, self.events = ws, 0, []

    def call(self, method, **params):
        self.n += 1
        my = self.n
        self.ws.send(json.dumps({"id": my, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == my:
                if "error" in msg:
                    raise RuntimeError("%s: %s" % (method, msg["error"]))
                return msg.get("result", {})
            self.events.append(msg)

    def wait(self, method, timeout=60):
        end = time.time() + timeout
        for e in self.events:
            if e.get("method") == method:
                return e
        while time.time() < end:
            msg = json.loads(self.ws.recv())
            self.events.append(msg)
            if msg.get("method") == method:
                return msg
        raise RuntimeError("no %s within %d s" % (method, timeout))


CHECK_JS = r"""
(() => {
  const ids = new Set(Array.from(document.querySelectorAll('[id]')).map(e => e.id));
  const broken = [];
  let links = 0;
  for (const a of document.querySelectorAll('a[href^="#"]')) {
    links++;
    const id = decodeURIComponent(a.getAttribute('href').slice(1));
    if (!ids.has(id)) broken.push(id);
  }
  const figures = [];
  for (const f of document.querySelectorAll('figure')) {
    const svg = f.querySelector('svg');
    const r = (svg || f).getBoundingClientRect();
    const cap = (f.querySelector('figcaption') || {}).textContent || '';
    const fig = {id: f.id, caption: cap, width: r.width, height: r.height, overlaps: []};
    if (svg && /state machine/.test(cap)) {
      // the lines of one label share their <g> (a node or an edge); labels of
      // different elements must keep apart by 2 px at least
      const boxes = Array.from(svg.querySelectorAll('text')).map(t => {
        const b = t.getBoundingClientRect();
        return {t: t.textContent, g: t.closest('g.edge, g.node, g.graph'), l: b.left, r: b.right, u: b.top, d: b.bottom};
      });
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i], b = boxes[j];
          if (a.g === b.g) continue;
          const ox = Math.min(a.r, b.r) - Math.max(a.l, b.l), oy = Math.min(a.d, b.d) - Math.max(a.u, b.u);
          if (ox > -2 && oy > -1) fig.overlaps.push(a.t + ' / ' + b.t);
        }
      // no edge of another element runs through a label
      for (const path of svg.querySelectorAll('g.edge path')) {
        const g = path.closest('g.edge'), m = path.getScreenCTM(), len = path.getTotalLength();
        for (let s = 0; s <= len; s += 2) {
          const p = path.getPointAtLength(s);
          const x = m.a * p.x + m.c * p.y + m.e, y = m.b * p.x + m.d * p.y + m.f;
          for (const b of boxes)
            if (b.g !== g && x > b.l + 1 && x < b.r - 1 && y > b.u + 1 && y < b.d - 1) {
              fig.overlaps.push('edge over "' + b.t + '"'); b.l = b.r; // once per label
            }
        }
      }
    }
    figures.push(fig);
  }
  return JSON.stringify({links: links, broken: broken, ids: Array.from(ids), figures: figures,
                         toc: !!document.querySelector('nav#TOC a[href^="#clause-"]')});
})()
"""


def spec_rule_ids(root):
    out = set()
    for path in glob.glob(os.path.join(root, "spec", "*.md")):
        if os.path.basename(path) in ("traceability.md", "seeds.md", "decisions.md", "README.md"):
            continue
        with open(path, encoding="utf-8") as f:
            for line in f:
                m = re.match(r"^\s*[-*]\s*\*\*([A-Z]{2}-\d{2,3})\*\*", line)
                if m:
                    out.add(m.group(1))
    return out


def main():
    if len(sys.argv) != 2:
        print("usage: tests/browser-check.py PAGE", file=sys.stderr)
        return 2
    page_path = os.path.abspath(sys.argv[1])
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if not os.path.exists(page_path):
        print("not ok - %s does not exist (make spec-html)" % page_path)
        return 1
    profile = tempfile.mkdtemp(prefix="itls-chromium-")
    proc = None
    fails = 0

    def report(ok, text):
        nonlocal fails
        print(("ok - " if ok else "not ok - ") + text)
        fails += 0 if ok else 1

    try:
        proc = subprocess.Popen([CHROMIUM] + FLAGS + ["--user-data-dir=" + profile, "about:blank"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        url = None
        end = time.time() + 60
        while time.time() < end and url is None:
            line = proc.stderr.readline().decode("utf-8", "replace")
            if not line and proc.poll() is not None:
                break
            m = re.search(r"DevTools listening on (ws://\S+)", line)
            if m:
                url = m.group(1)
        if url is None:
            print("browser-check: %s did not start" % CHROMIUM, file=sys.stderr)
            return 2
        port = re.match(r"ws://[^:]+:(\d+)/", url).group(1)
        # the page target
        s = socket.create_connection(("127.0.0.1", int(port)), timeout=30)
        s.sendall(("GET /json/list HTTP/1.1\r\nHost: 127.0.0.1:%s\r\n\r\n" % port).encode())
        body = b""
        while b"\r\n\r\n" not in body:
            body += s.recv(65536)
        head, rest = body.split(b"\r\n\r\n", 1)
        n = int(re.search(rb"(?i)content-length:\s*(\d+)", head).group(1))
        while len(rest) < n:
            rest += s.recv(65536)
        s.close()
        targets = json.loads(rest[:n])
        target = next(t for t in targets if t.get("type") == "page")
        page = Page(WebSocket(target["webSocketDebuggerUrl"]))
        page.call("Runtime.enable")
        page.call("Log.enable")
        page.call("Network.enable")
        page.call("Page.enable")
        page.call("Page.navigate", url="file://" + page_path)
        page.wait("Page.loadEventFired")
        res = page.call("Runtime.evaluate", expression=CHECK_JS, returnByValue=True)
        data = json.loads(res["result"]["value"])
        errors = []
        for e in page.events:
            m, p = e.get("method"), e.get("params", {})
            if m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                errors.append("console: %s" % " ".join(str(a.get("value", a.get("description", "")))
                                                      for a in p.get("args", [])))
            elif m == "Runtime.exceptionThrown":
                errors.append("exception: %s" % p.get("exceptionDetails", {}).get("text"))
            elif m == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
                errors.append("log: %s" % p["entry"].get("text"))
            elif m == "Network.loadingFailed":
                errors.append("load failed: %s" % p.get("errorText"))
        report(not errors, "the page loads with no console error (%s)" % ("; ".join(errors[:3]) or "none"))
        report(not data["broken"], "every internal link resolves to an element (%d links%s)"
               % (data["links"], ", broken: " + ", ".join(sorted(set(data["broken"]))[:10])
                  if data["broken"] else ""))
        report(data["toc"], "a table of contents links to the clauses")
        want = spec_rule_ids(root)
        have = set(data["ids"])
        missing = sorted(want - have)
        report(not missing, "every rule ID of spec/ has its anchor (%d rules%s)"
               % (len(want), ", missing: " + ", ".join(missing[:10]) if missing else ""))
        clauses = [i for i in have if i.startswith("clause-")]
        report(len(clauses) > 10, "every clause has an anchor (%d)" % len(clauses))
        empty = [f["id"] for f in data["figures"] if not (f["width"] > 0 and f["height"] > 0)]
        report(data["figures"] and not empty, "every figure has a non-zero rendered size (%d figures%s)"
               % (len(data["figures"]), ", empty: " + ", ".join(empty) if empty else ""))
        states = [f for f in data["figures"] if "state machine" in f["caption"]]
        over = ["%s: %s" % (f["id"], "; ".join(f["overlaps"][:3])) for f in states if f["overlaps"]]
        report(len(states) == 2 and not over, "the two state diagrams have no overlapping labels (%s)"
               % ("; ".join(over) if over else "%d diagrams" % len(states)))
    except (OSError, RuntimeError, ValueError, StopIteration, KeyError, AttributeError) as e:
        report(False, "browser check could not run: %s" % e)
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(profile, ignore_errors=True)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
