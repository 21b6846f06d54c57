"""The production stack on loopback, for the tests: Debian's nginx with a self-signed
certificate in front of two gunicorn app servers, a Redis of its own, and a
scratch copy of the test database (PostgreSQL or SQLite, whichever the suite runs on).

Everything lives in one temporary folder and on free ports; nothing is left
behind. nginx runs from deploy/nginx/iopfinder.conf, changed only in its
addresses and paths, and drops to `nobody` when the tests run as root.
"""

from __future__ import annotations

import datetime
import ipaddress
import os
import pwd
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import requests
from cryptography import x509
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.db import connection

DEPLOY = Path(settings.BASE_DIR) / "deploy"
START_TIMEOUT_SECONDS = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def make_self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A certificate for localhost and 127.0.0.1, valid for a day."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.IPv4Address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_path, key_path


# ------------------------------------------------------------------ databases
def _postgres_admin() -> psycopg.Connection:
    config = connection.settings_dict
    return psycopg.connect(
        dbname="postgres",
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        autocommit=True,
    )


def _postgres_url(name: str) -> str:
    config = connection.settings_dict
    credentials = config["USER"] + (f":{config['PASSWORD']}" if config["PASSWORD"] else "")
    return f"postgres://{credentials}@{config['HOST'] or '127.0.0.1'}:{config['PORT'] or 5432}/{name}"


def scratch_database_name(suffix: str) -> str:
    """The suite's database name (iop_issueN, test, ...) with a suffix: never another developer's."""
    return f"{connection.settings_dict['NAME'].removeprefix('test_')}_{suffix}"


@contextmanager
def _scratch_postgres(name: str, *, template: str | None = None) -> Iterator[str]:
    """A PostgreSQL database made (empty, or as a copy of `template`) and dropped afterwards."""
    copy_of = f' TEMPLATE "{template}"' if template else ""
    with _postgres_admin() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"{copy_of}')
    try:
        yield _postgres_url(name)
    finally:
        with _postgres_admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def database_copy(suffix: str, folder: Path) -> Iterator[str]:
    """A DATABASE_URL naming a copy of the test database as it is now (the imported directory, committed)."""
    if connection.vendor == "postgresql":
        source = connection.settings_dict["NAME"]
        connection.close()  # a template database must have no other session
        with _scratch_postgres(scratch_database_name(suffix), template=source) as url:
            yield url
    else:
        path = folder / f"{suffix}.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        yield f"sqlite:///{path}"


@contextmanager
def empty_database(suffix: str, folder: Path) -> Iterator[str]:
    if connection.vendor == "postgresql":
        with _scratch_postgres(scratch_database_name(suffix)) as url:
            yield url
    else:
        yield f"sqlite:///{folder / f'{suffix}.sqlite3'}"


# ------------------------------------------------------------------ processes
def production_environment(database_url: str, **extra: str) -> dict[str, str]:
    """What an operator's /etc/iopfinder/iopfinder.env would hold, for a scratch site on localhost."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PYTEST"))}
    env.update(
        DJANGO_SETTINGS_MODULE="iopfinder.settings",
        DEBUG="false",
        SECRET_KEY=os.urandom(32).hex(),
        FIELD_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        ALLOWED_HOSTS="localhost,127.0.0.1",
        SITE_URL="https://localhost",
        DATABASE_URL=database_url,
        LOG_FORMAT="json",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def run_manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """Run manage.py as the operator would, in its own process, whatever its exit code."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """run_manage, failing the test on a non-zero exit."""
    finished = run_manage(env, *args)
    assert finished.returncode == 0, f"manage.py {' '.join(args)} failed:\n{finished.stdout}\n{finished.stderr}"
    return finished


def loopback_client() -> requests.Session:
    """A client that ignores proxy and CA-bundle variables from the environment (they would override `verify`)."""
    session = requests.Session()
    session.trust_env = False
    return session


def _wait_until_answering(
    url: str, *, log: Path, verify: str | bool = False, process: subprocess.Popen | None = None
) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            said = log.read_text(errors="replace")[-3000:] if log.exists() else ""
            raise RuntimeError(f"{process.args!r} exited with {process.returncode} before answering {url}:\n{said}")
        try:
            if loopback_client().get(url, verify=verify, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {START_TIMEOUT_SECONDS} s")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        # SIGINT is gunicorn's quick shutdown (TERM waits for keep-alive connections); nginx and Redis stop on either.
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass
class AppServer:
    port: int
    process: subprocess.Popen
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@dataclass
class Stack:
    folder: Path
    env: dict[str, str]
    https_port: int
    http_port: int
    certificate: Path
    redis_port: int
    redis: subprocess.Popen | None = None
    app_servers: list[AppServer] = field(default_factory=list)
    processes: list[subprocess.Popen] = field(default_factory=list)

    @property
    def origin(self) -> str:
        return f"https://localhost:{self.https_port}"

    @property
    def logs(self) -> Path:
        return self.folder / "logs"

    def client(self) -> requests.Session:
        """A visitor's browser: HTTPS through nginx, trusting only the stack's certificate."""
        session = loopback_client()
        session.verify = str(self.certificate)
        return session

    def all_logs(self) -> str:
        return "\n".join(path.read_text(errors="replace") for path in sorted(self.logs.iterdir()) if path.is_file())

    def start_redis(self) -> None:
        """A Redis of the stack's own, keeping nothing on disk (as a cache needs nothing kept)."""
        self.redis = subprocess.Popen(
            ["redis-server", "--port", str(self.redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=(self.logs / "redis.log").open("ab"),
            stderr=subprocess.STDOUT,
        )
        self.processes.append(self.redis)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.redis_port)) == 0:
                    return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop_redis(self) -> None:
        assert self.redis is not None
        _stop(self.redis)

    def start_app_server(self, port: int, *, env: dict[str, str] | None = None) -> AppServer:
        log = self.logs / f"app-{port}.log"
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "iopfinder.wsgi", "--config", str(DEPLOY / "gunicorn.conf.py")],
            cwd=settings.BASE_DIR,
            env={**(env or self.env), "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": "2"},
            stdout=log.open("ab"),
            stderr=subprocess.STDOUT,
        )
        self.processes.append(process)
        server = AppServer(port, process, log)
        _wait_until_answering(f"{server.url}/health/live/", log=log, process=process)
        return server


def _as_nobody_when_root(folder: Path) -> dict[str, object]:
    """nginx as an unprivileged process: when the tests run as root, it runs as `nobody`, owning only its folder."""
    if os.geteuid() != 0:
        return {}
    nobody = pwd.getpwnam("nobody")
    for path in [folder, *folder.rglob("*")]:
        os.chown(path, nobody.pw_uid, nobody.pw_gid)
    return {"user": nobody.pw_uid, "group": nobody.pw_gid, "extra_groups": []}


def render_site_file(replacements: dict[str, str]) -> str:
    """deploy/nginx/iopfinder.conf with its addresses and paths replaced; each must still be in the file."""
    text = (DEPLOY / "nginx" / "iopfinder.conf").read_text()
    for old, new in replacements.items():
        assert old in text, f"deploy/nginx/iopfinder.conf no longer has {old!r}: update the stack tests"
        text = text.replace(old, new)
    return "\n".join(line for line in text.splitlines() if "[::]" not in line)  # loopback IPv4 only


def _start_nginx(stack: Stack, key: Path, static_root: Path) -> None:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).is_file():
        raise RuntimeError("nginx is not installed: `make test` installs Debian's nginx-light")
    prefix = stack.folder / "nginx"
    for temp in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (prefix / temp).mkdir(parents=True)
    site = render_site_file(
        {
            "127.0.0.1:8001": f"127.0.0.1:{stack.app_servers[0].port}",
            "127.0.0.1:8002": f"127.0.0.1:{stack.app_servers[1].port}",
            "listen 80;": f"listen 127.0.0.1:{stack.http_port};",
            "listen 443 ssl http2;": f"listen 127.0.0.1:{stack.https_port} ssl http2;",
            "server_name iopfinder.example;": "server_name localhost 127.0.0.1;",
            "/etc/letsencrypt/live/iopfinder.example/fullchain.pem": str(stack.certificate),
            "/etc/letsencrypt/live/iopfinder.example/privkey.pem": str(key),
            "/var/log/nginx/": f"{stack.logs}/",
            "/srv/iopfinder/staticfiles/": f"{static_root}/",
            "/var/www/letsencrypt": str(prefix),
        }
    )
    (prefix / "site.conf").write_text(site)
    (prefix / "nginx.conf").write_text(
        f"""worker_processes 1;
pid {prefix}/nginx.pid;
error_log {stack.logs}/nginx-startup.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    access_log off;
    include {prefix}/site.conf;
}}
"""
    )
    startup_log = (stack.logs / "nginx-startup.log").open("ab")
    privileges = _as_nobody_when_root(stack.folder)
    process = subprocess.Popen(
        [
            nginx,
            "-p",
            str(prefix),
            "-c",
            str(prefix / "nginx.conf"),
            "-e",
            str(stack.logs / "nginx-startup.log"),
            "-g",
            "daemon off;",
        ],
        stdout=startup_log,
        stderr=subprocess.STDOUT,
        **privileges,  # type: ignore[call-overload]
    )
    stack.processes.append(process)
    _wait_until_answering(
        f"{stack.origin}/health/live/",
        log=stack.logs / "nginx-startup.log",
        verify=str(stack.certificate),
        process=process,
    )


@contextmanager
def production_stack(**settings_overrides: str) -> Iterator[Stack]:
    """nginx (TLS) -> two gunicorn app servers -> a copy of the test database, sharing one Redis."""
    with tempfile.TemporaryDirectory(prefix="iopfinder-stack-") as scratch:
        folder = Path(scratch)
        (folder / "logs").mkdir()
        certificate, key = make_self_signed_certificate(folder)
        with database_copy("stack", folder) as database_url:
            redis_port, https_port = free_port(), free_port()
            static_root = folder / "static"
            env = production_environment(
                database_url,
                REDIS_URL=f"redis://127.0.0.1:{redis_port}/0",
                BEHIND_TLS_PROXY="true",
                TRUSTED_PROXIES="1",
                CSRF_TRUSTED_ORIGINS=f"https://localhost:{https_port}",
                SITE_URL=f"https://localhost:{https_port}",
                STATIC_ROOT=str(static_root),
                **settings_overrides,
            )
            stack = Stack(folder, env, https_port, free_port(), certificate, redis_port)
            try:
                stack.start_redis()
                manage(env, "collectstatic", "--noinput", "--verbosity", "0")
                stack.app_servers = [stack.start_app_server(free_port()) for _ in range(2)]
                _start_nginx(stack, key, static_root)
                yield stack
            finally:
                for process in reversed(stack.processes):
                    _stop(process)
