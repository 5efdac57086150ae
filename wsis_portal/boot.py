"""Start what the portal needs on a bare machine, then run the portal or a command.

    python -m wsis_portal.boot run            # `make run`: database, worker, beat and web server
    python -m wsis_portal.boot exec -- CMD    # any command with the embedded services' variables
    python -m wsis_portal.boot test -- CMD    # like exec, with a broker folder of its own

When DATABASE_URL is unset an embedded PostgreSQL (PyPI `pgserver`) runs under .data/pgdata for as
long as this process lives; when CELERY_BROKER_URL is unset Celery uses the `filesystem://`
transport under .data/. Everything started here is stopped on Ctrl-C or when any part exits.
No Django import happens in this process: it only starts others.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("WSIS_DATA_DIR", BASE_DIR / ".data"))
PYTHON = sys.executable
DATABASE_NAME = "wsis"


def log(message: str) -> None:
    print(f"[boot] {message}", flush=True)


def start_embedded_database() -> object:
    """Start (or join) the embedded PostgreSQL and export DATABASE_URL; returns the server handle."""
    import warnings

    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
    import pgserver  # imported here: a machine with DATABASE_URL set never needs it

    started = time.monotonic()
    pgdata = DATA_DIR / "pgdata"
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(pgdata, cleanup_mode="stop")
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")  # noqa: S608 - a constant
    if "(1 row)" not in exists:
        server.psql(f"CREATE DATABASE {DATABASE_NAME};")
    socket_dir = urllib.parse.parse_qs(urllib.parse.urlparse(server.get_uri()).query)["host"][0]
    host = urllib.parse.quote(socket_dir, safe="/")
    os.environ["DATABASE_URL"] = f"postgres://postgres@/{DATABASE_NAME}?host={host}"
    log(f"embedded PostgreSQL ready in {time.monotonic() - started:.1f}s ({pgdata})")
    return server


def prepare_environment(*, broker_folder: str) -> object | None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wsis_portal.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ.setdefault("CELERY_FILESYSTEM_DIR", str(DATA_DIR / broker_folder))
    os.environ.setdefault("CELERY_BROKER_URL", "filesystem://")
    from wsis_portal import catalogues  # Babel only, no Django

    compiled = catalogues.compile_all()
    if compiled:
        log(f"compiled {len(compiled)} translation catalogue(s)")
    server = None
    if not os.environ.get("DATABASE_URL"):
        server = start_embedded_database()
    else:
        log("using DATABASE_URL")
        ensure_database(os.environ["DATABASE_URL"])
    return server


def ensure_database(url: str) -> bool:
    """Create the database DATABASE_URL names if its server has none of that name and lets us;
    returns True when it was created. A server that refuses is left to say so at the first query."""
    import psycopg  # the driver the portal uses anyway; still no Django here
    from psycopg import sql

    parts = urllib.parse.urlsplit(url)
    name = urllib.parse.unquote(parts.path.lstrip("/"))
    if not name:
        return False
    maintenance = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    try:
        with psycopg.connect(maintenance, autocommit=True, connect_timeout=10) as connection:
            if connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                return False
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg.Error as error:
        log(f"could not check or create the database {name!r} ({str(error).strip()}); going on")
        return False
    log(f"created the database {name!r}")
    return True


def manage(*args: str) -> None:
    subprocess.run([PYTHON, str(BASE_DIR / "manage.py"), *args], check=True, cwd=BASE_DIR)


class Processes:
    """Children in their own process groups, so that stopping one stops all it started."""

    def __init__(self) -> None:
        self.children: list[tuple[str, subprocess.Popen[bytes]]] = []

    def start(self, name: str, command: list[str]) -> None:
        child = subprocess.Popen(command, cwd=BASE_DIR, start_new_session=True)
        self.children.append((name, child))
        log(f"started {name} (pid {child.pid})")

    def wait_any(self) -> str:
        while True:
            for name, child in self.children:
                if child.poll() is not None:
                    return name
            time.sleep(0.5)

    def stop_all(self) -> None:
        # TERM to each main process first (Celery's warm shutdown wants its pool children left to it),
        # then whatever is left in their process groups (runserver's reloaded child, orphans).
        for _name, child in self.children:
            if child.poll() is None:
                child.terminate()
        deadline = time.monotonic() + 20
        for name, child in self.children:
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                log(f"{name} did not stop in time; killing it")
                child.kill()
                child.wait()
        for _name, child in self.children:
            for sig in (signal.SIGTERM, signal.SIGKILL):
                try:
                    os.killpg(child.pid, sig)
                except ProcessLookupError:
                    break
                time.sleep(0.5)
        self.children.clear()


def run() -> int:
    started = time.monotonic()
    # Ctrl-C must stop everything even when started from a script that ignores SIGINT in the background.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _raise_keyboard_interrupt)
    _server = prepare_environment(broker_folder="broker")
    port = os.environ.get("PORT", "8000")
    manage("migrate", "--noinput", "-v", "0")
    manage("load_reference_data")
    manage("seed_demo", "--if-empty", "--entries", "2000")
    processes = Processes()
    celery = [PYTHON, "-m", "celery", "-A", "wsis_portal"]
    processes.start("worker", [*celery, "worker", "--loglevel", "INFO", "--concurrency", "2"])
    processes.start("beat", [*celery, "beat", "--loglevel", "INFO"])
    web = os.environ.get("WEB_SERVER", "runserver")
    if web == "gunicorn":
        manage("collectstatic", "--noinput", "-v", "0")
        processes.start(
            "web",
            [PYTHON, "-m", "gunicorn", "wsis_portal.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        )
    else:
        processes.start("web", [PYTHON, str(BASE_DIR / "manage.py"), "runserver", f"127.0.0.1:{port}"])
    log(f"ready in {time.monotonic() - started:.1f}s: http://127.0.0.1:{port}/ (Ctrl-C stops everything)")
    try:
        name = processes.wait_any()
        log(f"{name} exited; stopping the rest")
        code = 1
    except KeyboardInterrupt:
        log("stopping")
        code = 0
    finally:
        processes.stop_all()
    log("stopped")
    return code


def _raise_keyboard_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run_command(command: list[str], *, broker_folder: str) -> int:
    _server = prepare_environment(broker_folder=broker_folder)
    if not command:
        log("nothing to run: give a command after --")
        return 2
    try:
        return subprocess.run(command, cwd=BASE_DIR).returncode
    except KeyboardInterrupt:
        return 130


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "exec", "test"}:
        print(__doc__)
        return 2
    mode, rest = argv[0], argv[1:]
    if rest[:1] == ["--"]:
        rest = rest[1:]
    if mode == "run":
        return run()
    return run_command(rest, broker_folder="test-broker" if mode == "test" else "broker")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
