"""Bringing a tracker in by path, folder or link: share-link conversions, the link guard, the data folder.

Links are fetched from a threaded HTTP server on 127.0.0.1 that each test starts itself; loopback is reachable
only through the test's settings. Redirects to 10.0.0.1 and 169.254.169.254 are refused before any connection:
every connection ngsp opens is recorded, and none goes anywhere but 127.0.0.1. Each test is bounded in time.
"""

from __future__ import annotations

import signal
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from builders import xlsx_bytes

from ngsp.core import limits
from ngsp.core.errors import TrackerError
from ngsp.ingest import connect
from ngsp.ingest.connect import ConnectSettings, download_url, fetch, fingerprint, settings_from_env
from ngsp.ingest.pipeline import load_files

TRACKER = xlsx_bytes(
    {
        "Roster": [
            ["Name", "Organization", "Email"],
            ["Ana Diaz", "Acme Manufacturing", "ana@acme.org"],
            ["Bo Li", "Beta Health", "bo@beta.org"],
        ]
    }
)
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LOOPBACK = ConnectSettings(allowed_networks=("127.0.0.0/8",), timeout_s=5)
SMALL = 10_000  # max_bytes in the size tests


@pytest.fixture(autouse=True)
def time_bound():
    """No test here may run longer than 15 s, whatever a server or a resolver does."""

    def expire(*_args):
        raise TimeoutError("test took longer than 15 s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, 15)
    yield
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def connections(monkeypatch):
    """Every (address, port) ngsp connects to, in order."""
    seen: list[tuple[str, int]] = []
    real = connect._open_socket

    def spy(ip: str, port: int, timeout: float) -> socket.socket:
        seen.append((ip, port))
        assert ip == "127.0.0.1", f"ngsp connected to {ip}"
        return real(ip, port, timeout)

    monkeypatch.setattr(connect, "_open_socket", spy)
    return seen


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *_args) -> None:  # keep pytest output clean
        pass

    def _send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for k, v in {"Content-Length": str(len(body)), **(headers or {})}.items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: C901 - one route per case, read top to bottom
        self.server.hits.append((self.path, self.headers.get("Host")))
        here = f"http://127.0.0.1:{self.server.server_address[1]}"
        path = self.path.split("?")[0]
        if path == "/tracker.xlsx":
            self._send(200, TRACKER, {"Content-Type": XLSX_TYPE})
        elif path == "/export":
            self._send(
                200, TRACKER, {"Content-Type": XLSX_TYPE,
                               "Content-Disposition": "attachment; filename*=UTF-8''Team%20Tracker.xlsx"},
            )  # fmt: skip
        elif path == "/roster.csv":
            self._send(200, b"Name,Organization\nAna,Acme\n", {"Content-Type": "text/csv"})
        elif path == "/to-local":
            self._send(302, headers={"Location": f"{here}/tracker.xlsx"})
        elif path == "/to-relative":
            self._send(301, headers={"Location": "/tracker.xlsx"})
        elif path == "/to-private":
            self._send(302, headers={"Location": "http://10.0.0.1/tracker.xlsx"})
        elif path == "/to-metadata":
            self._send(307, headers={"Location": "http://169.254.169.254/latest/meta-data/"})
        elif path == "/to-metadata-name":
            self._send(302, headers={"Location": "http://metadata.test/computeMetadata/v1/"})
        elif path == "/to-file":
            self._send(302, headers={"Location": "file:///etc/passwd"})
        elif path == "/to-login":
            self._send(302, headers={"Location": "https://login.microsoftonline.com/common/oauth2/authorize"})
        elif path == "/loop":
            self._send(302, headers={"Location": "/loop"})
        elif path == "/login":
            self._send(
                200, b"<!DOCTYPE html><html><body>Sign in</body></html>", {"Content-Type": "text/html"}
            )
        elif path == "/html-as-file":
            self._send(
                200, b"\n <html><form>Password</form></html>", {"Content-Type": "application/octet-stream"}
            )
        elif path == "/forbidden":
            self._send(403)
        elif path == "/gone":
            self._send(404)
        elif path == "/empty":
            self._send(200, b"", {"Content-Type": XLSX_TYPE})
        elif path == "/big-declared":
            self.send_response(200)
            self.send_header("Content-Length", str(SMALL * 10))
            self.end_headers()  # the body never comes: the header alone must be refused
        elif path == "/big-streamed":
            self.send_response(200)
            self.send_header("Connection", "close")
            self.end_headers()
            for _ in range(50):  # no Content-Length: 50 KB until the connection closes
                self.wfile.write(b"x" * 1024)
        elif path == "/slow":
            time.sleep(10)
            self._send(200, TRACKER)
        elif path == "/drip":
            self.send_response(200)
            self.send_header("Content-Length", "100")
            self.end_headers()
            for _ in range(100):  # a byte every 0.1 s: no single read times out, the whole must
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.1)
        else:
            self._send(404)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request, client_address) -> None:  # ngsp hangs up on slow and large answers
        pass


@pytest.fixture
def server():
    """A local HTTP server; yields its base URL and the (path, Host header) of every request it saw."""
    srv = _Server(("127.0.0.1", 0), _Handler)
    srv.hits = []
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}", srv.hits
    srv.shutdown()
    srv.server_close()


def _refused(source: str, settings: ConnectSettings | None = None) -> str:
    with pytest.raises(TrackerError) as e:
        fetch(source, settings)
    return e.value.message


# ---------------------------------------------------------------------------------------------------------
# Share links -> download links


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        (
            "https://docs.google.com/spreadsheets/d/1AbC-d_E9/edit#gid=123",
            "https://docs.google.com/spreadsheets/d/1AbC-d_E9/export?format=xlsx",
        ),
        (
            "https://docs.google.com/spreadsheets/d/1AbC-d_E9/edit?usp=sharing",
            "https://docs.google.com/spreadsheets/d/1AbC-d_E9/export?format=xlsx",
        ),
        (
            "https://docs.google.com/spreadsheets/u/1/d/1AbC/htmlview",
            "https://docs.google.com/spreadsheets/d/1AbC/export?format=xlsx",
        ),
        (
            "https://docs.google.com/spreadsheets/d/e/2PACX-1vQ/pubhtml",
            "https://docs.google.com/spreadsheets/d/e/2PACX-1vQ/pub?output=xlsx",
        ),
        (  # an Excel file kept in Drive, opened in Sheets: Drive hands out the file itself
            "https://docs.google.com/spreadsheets/d/1AbC/edit?usp=sharing&ouid=10&rtpof=true&sd=true",
            "https://drive.google.com/uc?export=download&id=1AbC",
        ),
        (
            "https://drive.google.com/file/d/1XyZ-9_q/view?usp=sharing",
            "https://drive.google.com/uc?export=download&id=1XyZ-9_q",
        ),
        ("https://drive.google.com/open?id=1XyZ", "https://drive.google.com/uc?export=download&id=1XyZ"),
        ("https://1drv.ms/x/s!AkXyZ?e=Ab1", "https://1drv.ms/x/s!AkXyZ?e=Ab1&download=1"),
        ("https://1drv.ms/x/c/abc/EQ", "https://1drv.ms/x/c/abc/EQ?download=1"),
        (
            "https://onedrive.live.com/redir?resid=AB!12&authkey=!xY",
            "https://onedrive.live.com/download?resid=AB!12&authkey=!xY",
        ),
        (
            "https://onedrive.live.com/edit.aspx?resid=AB!12&ithint=file%2cxlsx",
            "https://onedrive.live.com/edit.aspx?resid=AB!12&ithint=file%2cxlsx&download=1",
        ),
        (
            "https://contoso.sharepoint.com/:x:/s/Partnership/EaBcDeF?e=xYz12",
            "https://contoso.sharepoint.com/:x:/s/Partnership/EaBcDeF?e=xYz12&download=1",
        ),
        (
            "https://contoso-my.sharepoint.com/:x:/g/personal/ana_contoso_org/EaBc?download=0",
            "https://contoso-my.sharepoint.com/:x:/g/personal/ana_contoso_org/EaBc?download=1",
        ),
        (
            "https://contoso.sharepoint.com/sites/Team/_layouts/15/Doc.aspx?sourcedoc=%7Ba1b2c3d4-0000-4e5f"
            "-8a9b-0123456789ab%7D&file=Tracker.xlsx&action=default&mobileredirect=true",
            "https://contoso.sharepoint.com/sites/Team/_layouts/15/download.aspx"
            "?UniqueId=a1b2c3d4-0000-4e5f-8a9b-0123456789ab",
        ),
        (
            "https://www.dropbox.com/s/abc/tracker.xlsx?dl=0",
            "https://www.dropbox.com/s/abc/tracker.xlsx?dl=1",
        ),
        (
            "https://www.dropbox.com/scl/fi/abc/tracker.xlsx?rlkey=k9&dl=0",
            "https://www.dropbox.com/scl/fi/abc/tracker.xlsx?rlkey=k9&dl=1",
        ),
    ],
)
def test_share_links_become_download_links(link, expected):
    assert download_url(link) == expected


@pytest.mark.parametrize(
    "link",
    [
        "https://docs.google.com/spreadsheets/d/1AbC/export?format=csv&gid=5",  # already a download
        "https://docs.google.com/spreadsheets/d/e/2PACX-1vQ/pub?output=csv",
        "https://docs.google.com/document/d/1AbC/edit",  # a document, not a sheet
        "https://contoso.sharepoint.com/sites/Team/Shared%20Documents/Tracker.xlsx",
        "https://www.dropbox.com/s/abc/tracker.xlsx?raw=1",
        "https://example.org/files/tracker.xlsx",
        "https://example.org/files/roster.csv?version=2#top",
    ],
)
def test_other_links_are_unchanged(link):
    assert download_url(link) == link


# ---------------------------------------------------------------------------------------------------------
# The link guard against a local server


def test_loopback_refused_by_default_before_any_connection(server, connections):
    base, hits = server
    msg = _refused(f"{base}/tracker.xlsx")
    assert "this computer itself" in msg and "download the file and upload it" in msg
    assert connections == [] and hits == []


def test_localhost_by_name_refused_by_default(server, connections):
    base, _ = server
    assert "this computer itself" in _refused(base.replace("127.0.0.1", "localhost") + "/tracker.xlsx")
    assert connections == []


def test_loopback_allowed_by_setting_and_the_bytes_load(server, connections):
    base, _ = server
    files = fetch(f"{base}/tracker.xlsx", LOOPBACK)
    assert files == [("tracker.xlsx", TRACKER)]
    assert len(load_files(files).organizations) == 2
    assert fetch(f"  <{base}/tracker.xlsx>  ", ConnectSettings(allow_private_addresses=True)) == files


def test_name_from_content_disposition_and_csv(server, connections):
    base, _ = server
    assert fetch(f"{base}/export?format=xlsx", LOOPBACK) == [("Team Tracker.xlsx", TRACKER)]
    assert fetch(f"{base}/roster.csv", LOOPBACK)[0][0] == "roster.csv"


def test_redirects_followed_within_allowed_addresses(server, connections):
    base, hits = server
    assert fetch(f"{base}/to-local", LOOPBACK) == [("tracker.xlsx", TRACKER)]
    assert fetch(f"{base}/to-relative", LOOPBACK)[0][1] == TRACKER
    assert [p for p, _ in hits] == ["/to-local", "/tracker.xlsx", "/to-relative", "/tracker.xlsx"]


def test_redirect_to_private_address_refused_before_connecting(server, connections):
    base, hits = server
    msg = _refused(f"{base}/to-private", LOOPBACK)
    assert "an address inside the local network" in msg and "NGSP_ALLOW_PRIVATE_URLS" in msg
    assert {ip for ip, _ in connections} == {"127.0.0.1"} and [p for p, _ in hits] == ["/to-private"]


@pytest.mark.parametrize("allow_all", [False, True])
def test_redirect_to_metadata_refused_even_when_private_allowed(server, connections, allow_all):
    base, _ = server
    settings = ConnectSettings(
        allow_private_addresses=allow_all, allowed_networks=("127.0.0.0/8",), timeout_s=5
    )
    msg = _refused(f"{base}/to-metadata", settings)
    assert "metadata" in msg and "never fetches" in msg
    assert {ip for ip, _ in connections} == {"127.0.0.1"}


def test_redirect_to_a_name_resolving_to_metadata_refused(server, connections, monkeypatch):
    base, _ = server
    real = socket.getaddrinfo

    def fake(host, port, *args, **kwargs):
        if host == "metadata.test":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("169.254.169.254", port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    assert "metadata" in _refused(f"{base}/to-metadata-name", ConnectSettings(allow_private_addresses=True))


def test_redirect_to_other_schemes_and_sign_in_pages(server, connections):
    base, _ = server
    assert "only http and https" in _refused(f"{base}/to-file", LOOPBACK)
    assert "sign in" in _refused(f"{base}/to-login", LOOPBACK)


def test_redirect_loop_stops(server, connections):
    base, hits = server
    assert f"more than {limits.MAX_REDIRECTS} times" in _refused(f"{base}/loop", LOOPBACK)
    assert len(hits) == limits.MAX_REDIRECTS + 1


def test_any_private_address_in_the_answer_refuses_the_host(monkeypatch, connections):
    """DNS may hand out any of the addresses: one private among public ones is enough to refuse."""

    def fake(host, port, *args, **kwargs):
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", port)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.5", port)),
        ]

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    assert "inside the local network" in _refused("https://files.example.org/tracker.xlsx")
    assert connections == []


def test_connection_pinned_to_the_checked_address_with_the_host_name_kept(server, connections, monkeypatch):
    """The name is resolved once, checked, and that address is the one connected to (no second lookup)."""
    base, hits = server
    port = int(base.rsplit(":", 1)[1])
    lookups = []

    def fake(host, port_, *args, **kwargs):
        lookups.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port_))]

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    assert fetch(f"http://files.example.org:{port}/tracker.xlsx", LOOPBACK)[0][1] == TRACKER
    assert lookups == ["files.example.org"] and connections == [("127.0.0.1", port)]
    assert hits == [("/tracker.xlsx", f"files.example.org:{port}")]


@pytest.mark.parametrize(
    "address",
    ["10.1.2.3", "172.16.0.1", "192.168.1.10", "100.64.0.1", "169.254.1.1", "0.0.0.0", "::1", "fe80::1",
     "fc00::1", "::ffff:127.0.0.1", "224.0.0.1", "2002:a00:1::1", "64:ff9b::a00:1"],
)  # fmt: skip
def test_non_public_addresses_refused(address):
    assert connect._refusal(address, ConnectSettings()) is not None


@pytest.mark.parametrize(
    "address",
    [
        "169.254.169.254",
        "fd00:ec2::254",
        "100.100.100.200",
        "::ffff:169.254.169.254",
        "fd20:ce::254",  # GCP over IPv6
        "168.63.129.16",  # Azure: a global address, refused only because it is named
        "::ffff:168.63.129.16",
    ],
)
def test_metadata_addresses_never_allowed(address):
    everything = ConnectSettings(allow_private_addresses=True, allowed_networks=("0.0.0.0/0", "::/0"))
    assert "metadata" in connect._refusal(address, everything)


def test_public_addresses_allowed():
    assert connect._refusal("93.184.215.14", ConnectSettings()) is None
    assert connect._refusal("2606:2800:21f:cb07:6820:80da:af6b:8b2c", ConnectSettings()) is None


def test_too_large_body_refused(server, connections):
    base, _ = server
    small = ConnectSettings(allowed_networks=("127.0.0.0/8",), max_bytes=SMALL, timeout_s=5)
    assert "larger than the 10 KB" in _refused(f"{base}/big-declared", small)
    assert "larger than the 10 KB" in _refused(f"{base}/big-streamed", small)


@pytest.mark.parametrize("path", ["/slow", "/drip"])
def test_slow_servers_time_out(server, connections, path):
    base, _ = server
    quick = ConnectSettings(allowed_networks=("127.0.0.0/8",), timeout_s=1)
    started = time.monotonic()
    assert "took longer than 1 seconds" in _refused(base + path, quick)
    assert time.monotonic() - started < 4  # the servers take 10 s


def test_slow_name_resolution_times_out(monkeypatch):
    def slow(*_args, **_kwargs):
        time.sleep(10)
        raise OSError("never")

    monkeypatch.setattr(socket, "getaddrinfo", slow)
    started = time.monotonic()
    assert "took too long" in _refused("https://slow.example.org/t.xlsx", ConnectSettings(timeout_s=0.5))
    assert time.monotonic() - started < 3  # the resolver takes 10 s


@pytest.mark.parametrize("path", ["/login", "/html-as-file"])
def test_web_pages_are_not_taken_for_trackers(server, connections, path):
    base, _ = server
    msg = _refused(base + path, LOOPBACK)
    assert "web page, not a spreadsheet" in msg and "anyone with the link" in msg


@pytest.mark.parametrize(
    ("path", "words"),
    [("/forbidden", "sign in"), ("/gone", "no file at this link"), ("/empty", "empty file")],
)
def test_http_failures_say_what_to_do(server, connections, path, words):
    base, _ = server
    assert words in _refused(base + path, LOOPBACK)


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("file:///etc/passwd", "only http and https"),
        ("ftp://example.org/tracker.xlsx", "only http and https"),
        ("data:text/csv,Name%0AAna", "only http and https"),
        ("http://[::1", "not a complete web address"),
        ("https://example.org:99999/t.xlsx", "not a complete web address"),
        ("https://ana:secret@example.org/t.xlsx", "user name or password"),
        ("   ", "nothing was given"),
    ],
)
def test_bad_links_refused_without_a_connection(source, words, connections):
    assert words in _refused(source)
    assert connections == []


def test_messages_never_show_a_link_key():
    with pytest.raises(TrackerError) as e:
        fetch("ftp://example.org/t.xlsx?authkey=SECRET")
    assert "SECRET" not in str(e.value)


# ---------------------------------------------------------------------------------------------------------
# HTTPS: the pinned address still proves the link's host name


@pytest.fixture
def tls_server(tmp_path, monkeypatch):
    """An HTTPS server on 127.0.0.1 with a self-signed certificate for files.example.org, which resolves there."""
    x509 = pytest.importorskip("cryptography.x509")
    import datetime as dt
    import ssl

    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "files.example.org")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("files.example.org")]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )  # fmt: skip
    cert_pem = tmp_path / "cert.pem"
    key_pem = tmp_path / "key.pem"
    cert_pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_pem.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    names: list[str | None] = []
    server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_ctx.load_cert_chain(cert_pem, key_pem)
    server_ctx.sni_callback = lambda _sock, server_name, _ctx: names.append(server_name)

    srv = _Server(("127.0.0.1", 0), _Handler)
    srv.hits = []
    srv.socket = server_ctx.wrap_socket(srv.socket, server_side=True)
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()

    def fake(host, port, *args, **kwargs):
        assert host == "files.example.org"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    yield f"https://files.example.org:{srv.server_address[1]}", cert_pem, names
    srv.shutdown()
    srv.server_close()


def test_https_certificate_not_trusted_is_refused(tls_server, connections):
    base, _, _ = tls_server
    assert "security certificate is not valid" in _refused(f"{base}/tracker.xlsx", LOOPBACK)


def test_https_to_the_pinned_address_verifies_the_host_name(tls_server, connections, monkeypatch):
    import ssl

    base, cert_pem, names = tls_server
    monkeypatch.setattr(connect, "_tls_context", lambda: ssl.create_default_context(cafile=str(cert_pem)))
    assert fetch(f"{base}/tracker.xlsx", LOOPBACK) == [("tracker.xlsx", TRACKER)]
    assert names == ["files.example.org"] and {ip for ip, _ in connections} == {"127.0.0.1"}


# ---------------------------------------------------------------------------------------------------------
# Paths, folders and the data folder


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A synced folder as conveners have them: two trackers, lock and hidden files, a note, a subfolder."""
    d = tmp_path / "Partnership"
    d.mkdir()
    (d / "b roster.csv").write_bytes(b"Name,Organization\nAna,Acme\n")
    (d / "A tracker.xlsx").write_bytes(TRACKER)
    (d / "~$A tracker.xlsx").write_bytes(b"lock")
    (d / ".~lock.old.ods#").write_bytes(b"lock")
    (d / ".hidden.xlsx").write_bytes(TRACKER)
    (d / "notes.txt").write_text("not a tracker")
    (d / "old.xlsx").mkdir()  # a folder with a tracker's name is skipped
    return d


def test_a_file_by_path(folder):
    assert fetch(str(folder / "A tracker.xlsx")) == [("A tracker.xlsx", TRACKER)]
    assert fetch(f'"{folder / "A tracker.xlsx"}"') == [("A tracker.xlsx", TRACKER)]  # Windows' Copy as path


def test_a_folder_gives_its_tracker_files_sorted(folder):
    assert [name for name, _ in fetch(str(folder))] == ["A tracker.xlsx", "b roster.csv"]


def test_an_empty_folder_and_a_missing_path(tmp_path):
    assert "no tracker files" in _refused(str(tmp_path))
    assert "no such file or folder" in _refused(str(tmp_path / "nope.xlsx"))


def test_too_many_files_in_a_folder(tmp_path):
    for i in range(limits.MAX_FOLDER_FILES + 1):
        (tmp_path / f"t{i:02}.csv").write_bytes(b"Name\nAna\n")
    assert f"more than the {limits.MAX_FOLDER_FILES}" in _refused(str(tmp_path))


def test_too_large_file_refused(tmp_path):
    (tmp_path / "big.csv").write_bytes(b"x" * (SMALL + 1))
    assert "larger than the 10 KB" in _refused(str(tmp_path / "big.csv"), ConnectSettings(max_bytes=SMALL))


def test_paths_inside_the_data_folder(folder):
    settings = ConnectSettings(data_folder=folder.parent)
    assert [n for n, _ in fetch("Partnership", settings)] == ["A tracker.xlsx", "b roster.csv"]
    assert fetch("Partnership/A tracker.xlsx", settings)[0][1] == TRACKER
    assert fetch(str(folder / "A tracker.xlsx"), settings)[0][1] == TRACKER


def test_paths_escaping_the_data_folder_refused(folder, tmp_path):
    secret = tmp_path / "secret.csv"
    secret.write_bytes(b"Name\nSecret\n")
    settings = ConnectSettings(data_folder=folder)
    for source in ["../secret.csv", str(secret), "A tracker.xlsx/../../secret.csv", "/etc/passwd"]:
        assert "outside the data folder" in _refused(source, settings), source


def test_symlinks_out_of_the_data_folder_refused(folder, tmp_path):
    secret = tmp_path / "secret.csv"
    secret.write_bytes(b"Name\nSecret\n")
    (folder / "link.csv").symlink_to(secret)
    settings = ConnectSettings(data_folder=folder)
    assert "outside the data folder" in _refused("link.csv", settings)
    assert "outside the data folder" in _refused(".", settings)  # the folder holds a link that leads out
    (folder.parent / "outside").mkdir()
    (folder / "sub").symlink_to(folder.parent / "outside", target_is_directory=True)
    assert "outside the data folder" in _refused("sub", settings)


def test_paths_refused_when_not_allowed(folder):
    msg = _refused(str(folder), ConnectSettings(allow_paths=False))
    assert "does not read files from the computer" in msg and "NGSP_DATA_DIR" in msg


# ---------------------------------------------------------------------------------------------------------
# Settings, fingerprint, limits


def test_settings_from_env(tmp_path):
    bare = settings_from_env({})
    assert not bare.allow_paths and not bare.allow_private_addresses and bare.allowed_networks == ()
    full = settings_from_env({"NGSP_DATA_DIR": str(tmp_path), "NGSP_ALLOW_PRIVATE_URLS": "true"})
    assert full.allow_paths and full.data_folder == tmp_path and full.allow_private_addresses
    some = settings_from_env({"NGSP_ALLOW_PRIVATE_URLS": "10.1.0.0/16, 192.168.10.5"})
    assert some.allowed_networks == ("10.1.0.0/16", "192.168.10.5") and not some.allow_private_addresses
    assert connect._refusal("10.1.2.3", some) is None and connect._refusal("10.2.0.1", some) is not None
    with pytest.raises(ValueError, match="NGSP_ALLOW_PRIVATE_URLS"):
        settings_from_env({"NGSP_ALLOW_PRIVATE_URLS": "sometimes"})


def test_fingerprint_changes_only_with_names_or_bytes():
    a = [("t.xlsx", TRACKER), ("r.csv", b"Name\n")]
    assert fingerprint(a) == fingerprint([(n, bytes(b)) for n, b in a])
    assert fingerprint(a) != fingerprint([("t.xlsx", TRACKER), ("r.csv", b"Name\nAna\n")])
    assert fingerprint(a) != fingerprint([("u.xlsx", TRACKER), ("r.csv", b"Name\n")])
    assert fingerprint([("ab", b"c")]) != fingerprint([("a", b"bc")])


def test_default_limits():
    settings = ConnectSettings()
    assert settings.max_bytes == limits.MAX_FILE_BYTES
    assert settings.timeout_s == limits.DOWNLOAD_TIMEOUT_SECONDS
    assert 1 <= limits.MAX_REDIRECTS <= 10 and 1 <= limits.MAX_FOLDER_FILES <= 100


def test_a_long_source_is_shortened_in_the_middle_keeping_its_file_name() -> None:
    from ngsp.ingest.connect import _label

    shown = _label("/srv/partnerships/" + "deeply/nested/" * 8 + "2025 tracker final.xlsx")
    assert len(shown) <= 80 and shown.endswith("2025 tracker final.xlsx") and "…" in shown
