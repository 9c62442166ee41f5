"""A TCP listener on 127.0.0.1 that collects lines, and can stop reading (so the sender's buffers fill) and read
again: a SIEM that stalls."""

import socket
import threading


class StallingListener:
    def __init__(self):
        self.server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # Small receive buffers make the stall reach syslog-ng quickly.
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 65536)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(8)
        self.port = self.server.getsockname()[1]
        self.lines = []
        self._lock = threading.Lock()
        self._reading = threading.Event()
        self._reading.set()
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._accept, daemon=True)]
        self._threads[0].start()

    def pause(self):
        self._reading.clear()

    def resume(self):
        self._reading.set()

    def count(self):
        with self._lock:
            return len(self.lines)

    def snapshot(self):
        with self._lock:
            return list(self.lines)

    def close(self):
        self._stop.set()
        self._reading.set()
        self.server.close()

    def _accept(self):
        while not self._stop.is_set():
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            t = threading.Thread(target=self._read, args=(conn,), daemon=True)
            t.start()
            self._threads.append(t)

    def _read(self, conn):
        buffer = b""
        with conn:
            conn.settimeout(0.2)
            while not self._stop.is_set():
                self._reading.wait()
                try:
                    data = conn.recv(65536)
                except socket.timeout:
                    continue
                except OSError:
                    return
                if not data:
                    return
                buffer += data
                *complete, buffer = buffer.split(b"\n")
                with self._lock:
                    self.lines.extend(line.decode("utf-8") for line in complete)
