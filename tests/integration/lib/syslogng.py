"""Runs the real syslog-ng with the built module, with private persist, pid and control files, stopped by PID."""

import os
import signal
import subprocess
import time
from pathlib import Path

BUILD_DIR = Path(os.environ.get("DEFENDER_BUILD_DIR", Path(__file__).resolve().parents[3] / "build"))


def _pkg_config(option):
    result = subprocess.run(["pkg-config", option, "syslog-ng"], capture_output=True, text=True, check=True)
    return result.stdout.strip()


SYSTEM_MODULE_DIR = _pkg_config("--variable=moduledir")
# A later directory wins for a plugin found twice: the built module must win over an installed package's.
MODULE_PATH = f"{SYSTEM_MODULE_DIR}:{BUILD_DIR / 'modules'}"
# The running syslog-ng's (major, minor) version.
SERIES = tuple(int(part) for part in _pkg_config("--modversion").split(".")[:2])


def write_secret(path, value):
    """Writes a client secret file the way syslog-ng expects one, readable by its owner only; returns the path."""
    with open(path, "w") as f:
        f.write(value)
    os.chmod(path, 0o600)
    return path


def wait_until(predicate, timeout, interval=0.1, what="condition"):
    """Polls predicate until it returns a true value or timeout seconds pass; returns the value or raises."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise TimeoutError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(interval)


def count_lines(path):
    try:
        with open(path, "rb") as f:
            return sum(1 for _ in f)
    except FileNotFoundError:
        return 0


def complete_lines(path):
    """The lines of an output file without their newlines; [] while it does not exist. A last line without its
    newline is still being written (a read may overtake syslog-ng's write): it is not delivered yet, and left out."""
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except FileNotFoundError:
        return []
    return text[:text.rfind("\n") + 1].splitlines()


def end_torn_line(path):
    """A syslog-ng killed in the middle of a write can leave the file's last line torn: the kernel ends a write to a
    file short when a fatal signal arrives. Ends that line, so that the next process's first line stands alone, and
    returns its number (from 0) in a list ([] when the file ended with a whole line). The torn record was not
    acknowledged, so it comes again whole."""
    with open(path, "rb+") as f:
        data = f.read()
        if not data or data.endswith(b"\n"):
            return []
        f.write(b"\n")
    return [data.count(b"\n")]


class LineCounter:
    """The lines of a file that only grows, reading only what was added since the last call: cheap enough to poll
    every few milliseconds while a drain writes tens of megabytes."""

    def __init__(self, path):
        self.path, self.offset, self.lines = path, 0, 0

    def __call__(self):
        try:
            with open(self.path, "rb") as f:
                f.seek(self.offset)
                added = f.read()
        except FileNotFoundError:
            return self.lines
        self.offset += len(added)
        self.lines += added.count(b"\n")
        return self.lines


class SyslogNg:
    """One syslog-ng process. Internal messages (-e) go to syslog-ng.log in the work directory."""

    def __init__(self, workdir, config, env=None, module_path=MODULE_PATH):
        self.env = env
        self.module_path = module_path
        self.workdir = Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.config_path = self.workdir / "syslog-ng.conf"
        self.persist = self.workdir / "syslog-ng.persist"
        self.pidfile = self.workdir / "syslog-ng.pid"
        self.control = self.workdir / "syslog-ng.ctl"
        self.log_path = self.workdir / "syslog-ng.log"
        self.process = None
        self.write_config(config)

    def write_config(self, config):
        self.config_path.write_text(config)

    def args(self, *extra):
        return [
            "syslog-ng", "-F", "-e", "-f", str(self.config_path), f"--module-path={self.module_path}",
            f"--persist-file={self.persist}", f"--pidfile={self.pidfile}", f"--control={self.control}", *extra,
        ]

    def syntax_check(self):
        """Returns (exit code, output) of --syntax-only on the current config."""
        result = subprocess.run(self.args("--syntax-only"), capture_output=True, text=True, timeout=30)
        return result.returncode, result.stdout + result.stderr

    def start(self, timeout=20):
        self.log = open(self.log_path, "ab")
        self.process = subprocess.Popen(self.args(), stdout=self.log, stderr=subprocess.STDOUT, env=self.env)
        wait_until(lambda: self.control.exists() or self.process.poll() is not None, timeout, what="syslog-ng start")
        if self.process.poll() is not None:
            raise RuntimeError(f"syslog-ng exited with {self.process.returncode}:\n{self.log_text()}")
        return self

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def rss_kib(self):
        """The running syslog-ng's resident memory now, in KiB."""
        return self._status_kib("VmRSS")

    def peak_rss_kib(self):
        """The running syslog-ng's largest resident memory so far (the kernel's high-water mark), in KiB."""
        return self._status_kib("VmHWM")

    def _status_kib(self, field):
        with open(f"/proc/{self.process.pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
        return 0

    def stop(self, timeout=20):
        """SIGTERM by PID, then SIGKILL if it does not exit; returns the seconds it took."""
        if self.process is None:
            return 0.0
        started = time.monotonic()
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self.process = None
        self.log.close()
        if self.control.exists():
            self.control.unlink()
        return time.monotonic() - started

    def kill9(self):
        self.process.kill()
        self.process.wait(10)
        self.process = None
        self.log.close()
        if self.control.exists():
            self.control.unlink()

    def ctl(self, *command):
        result = subprocess.run(["syslog-ng-ctl", *command, f"--control={self.control}"],
                                capture_output=True, text=True, timeout=30)
        if result.returncode != 0:
            raise RuntimeError(f"syslog-ng-ctl {' '.join(command)} failed: {result.stdout}{result.stderr}")
        return result.stdout

    def reload(self):
        self.ctl("reload")

    def stats(self):
        """{(component, id, instance, name): value} from syslog-ng-ctl stats."""
        stats = {}
        for line in self.ctl("stats").splitlines()[1:]:
            parts = line.split(";")
            if len(parts) == 6 and parts[5].lstrip("-").isdigit():
                stats[(parts[0], parts[1], parts[2], parts[4])] = int(parts[5])
        return stats

    def defender_stat(self, name, instance=None):
        for (component, _, inst, stat), value in self.stats().items():
            if component.startswith("src.microsoft-defender") and stat == name and (instance is None or inst == instance):
                return value
        raise KeyError(f"no microsoft-defender statistic {name}")

    def log_text(self):
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
