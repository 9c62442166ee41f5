"""Local stand-ins for the SIEMs, on 127.0.0.1: a TLS line listener (a Splunk TCP input over TLS) and a Splunk
HTTP Event Collector that records every request."""

import http.server
import json
import ssl
import threading

from lib.listener import StallingListener


def server_context(certificate):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certificate["cert"], certificate["key"])
    return context


class TlsLineListener(StallingListener):
    """The integration tests' TCP line listener with TLS on each accepted connection."""

    def __init__(self, certificate):
        self.context = server_context(certificate)
        super().__init__()

    def _read(self, conn):
        try:
            conn = self.context.wrap_socket(conn, server_side=True)
        except (ssl.SSLError, OSError):
            conn.close()
            return
        super()._read(conn)


class HecRequest:
    def __init__(self, path, headers, body):
        self.path = path
        self.headers = headers
        self.body = body

    def events(self):
        """The JSON objects of the body, one after the other as HEC takes them (whitespace between them)."""
        decoder = json.JSONDecoder()
        text = self.body.decode("utf-8")
        events, at = [], 0
        while True:
            while at < len(text) and text[at].isspace():
                at += 1
            if at == len(text):
                return events
            event, at = decoder.raw_decode(text, at)
            events.append(event)


class HecListener:
    """Answers every POST like HEC does when it accepts the events, and keeps the requests."""

    def __init__(self, certificate):
        self.requests = []
        self._lock = threading.Lock()
        listener = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with listener._lock:
                    listener.requests.append(HecRequest(self.path, dict(self.headers.items()), body))
                reply = b'{"text":"Success","code":0}'
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.socket = server_context(certificate).wrap_socket(self.server.socket, server_side=True)
        self.port = self.server.server_address[1]
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def url(self, path="/services/collector/event"):
        return f"https://127.0.0.1:{self.port}{path}"

    def snapshot(self):
        with self._lock:
            return list(self.requests)

    def event_count(self):
        return sum(len(r.events()) for r in self.snapshot())

    def close(self):
        self.server.shutdown()
        self.server.server_close()
