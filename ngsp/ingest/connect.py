"""Bring a tracker in by local path, folder or https link: (name, bytes) pairs for `ngsp.ingest.pipeline.load_files`.

Everything here is an edge that user text reaches, so nothing is handed on as it was typed: pandas never
sees a path or a URL (it would read local files and internal addresses), paths stay inside the configured
data folder, and links are fetched by hand: http(s) only, the host resolved here and every address checked
(loopback, private, link-local and cloud-metadata addresses refused), the connection pinned to the checked
address so DNS cannot change between check and connect, each redirect checked the same way, the body capped
and the whole download bounded in time. Every failure is a `TrackerError` a convener can act on.
"""

from __future__ import annotations

import hashlib
import http.client
import ipaddress
import os
import re
import socket
import ssl
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlsplit, urlunsplit

from ngsp.core import limits
from ngsp.core.errors import TrackerError
from ngsp.ingest.read.local import read_regular_file

TRACKER_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")
"""The files a folder is searched for (the same formats the uploader takes)."""

METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in (
        "169.254.169.254",  # AWS, GCP, Azure, OpenStack instance metadata
        "fd20:ce::254",  # GCP metadata over IPv6
        "168.63.129.16",  # Azure's host endpoint (WireServer): a public address, so named here
        "169.254.170.2",  # AWS ECS task credentials
        "169.254.170.23",  # AWS EKS pod identity
        "fd00:ec2::254",  # AWS metadata over IPv6
        "fd00:ec2::23",  # AWS EKS pod identity over IPv6
        "100.100.100.200",  # Alibaba Cloud metadata
    )
)
"""Cloud metadata services hand out the server's credentials: never fetched, whatever the settings."""

_SIGN_IN_HOSTS = (
    "login.microsoftonline.com",
    "login.live.com",
    "login.windows.net",
    "accounts.google.com",
    "www.dropbox.com/login",
)

_REDIRECTS = {301, 302, 303, 307, 308}
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class ConnectSettings:
    """What `fetch` may reach: which private networks, which folder on disk, how much and for how long."""

    allow_private_addresses: bool = False
    """Fetch links to loopback, private and link-local addresses (an intranet file server); never metadata."""
    allowed_networks: tuple[str, ...] = ()
    """Private networks allowed one by one, e.g. ("192.168.10.0/24",), narrower than allowing them all."""
    data_folder: Path | None = None
    """When set, paths must resolve inside this folder (no `..`, no symlink out)."""
    allow_paths: bool = True
    """Read paths at all; the app turns this off unless a data folder is configured."""
    max_bytes: int = limits.MAX_FILE_BYTES
    """Largest file read or downloaded: the same cap as an upload."""
    timeout_s: float = limits.DOWNLOAD_TIMEOUT_SECONDS
    """Longest a whole download may take, redirects included."""
    _networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        try:
            nets = tuple(ipaddress.ip_network(n.strip(), strict=False) for n in self.allowed_networks)
        except ValueError as e:
            raise ValueError(f"allowed_networks: {e}") from None
        object.__setattr__(self, "_networks", nets)
        if self.data_folder is not None:
            object.__setattr__(self, "data_folder", Path(self.data_folder).expanduser())


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"", "0", "false", "no", "off"}


def settings_from_env(env: Mapping[str, str] | None = None) -> ConnectSettings:
    """Settings for the app: NGSP_DATA_DIR (the only folder paths may name) and NGSP_ALLOW_PRIVATE_URLS.

    NGSP_ALLOW_PRIVATE_URLS is "1"/"true" to allow every private address, or a comma-separated list of
    networks ("10.1.0.0/16,192.168.10.5"). Without NGSP_DATA_DIR the app reads no paths at all: a Streamlit
    server listens on every interface by default, so anyone who can reach it could name the server's files.
    """
    env = os.environ if env is None else env
    data_dir = env.get("NGSP_DATA_DIR", "").strip()
    private = env.get("NGSP_ALLOW_PRIVATE_URLS", "").strip()
    allow_all, networks = False, ()
    if private.lower() in _TRUE:
        allow_all = True
    elif private.lower() not in _FALSE:
        networks = tuple(n.strip() for n in private.split(",") if n.strip())
    try:
        return ConnectSettings(
            allow_private_addresses=allow_all,
            allowed_networks=networks,
            data_folder=Path(data_dir) if data_dir else None,
            allow_paths=bool(data_dir),
        )
    except ValueError as e:
        raise ValueError(f"NGSP_ALLOW_PRIVATE_URLS is not 'true' or a list of networks ({e})") from None


def fetch(source: str, settings: ConnectSettings | None = None) -> list[tuple[str, bytes]]:
    """The tracker files `source` names (a file, a folder of files, or an http(s) link) as (name, bytes).

    Without settings any path on this computer may be read (a notebook, the command line); the app passes
    `settings_from_env()`. Raises `TrackerError` with a message a convener can act on.
    """
    settings = settings or ConnectSettings()
    text = _clean(source)
    if not text:
        raise TrackerError("(no source)", "nothing was given: paste a link to your tracker or a file path")
    try:
        scheme = urlsplit(text).scheme.lower()
    except ValueError:  # "http://[::1" and the like
        raise TrackerError(_label(text), _INCOMPLETE) from None
    if scheme in ("http", "https"):
        return [_fetch_url(text, settings)]
    if len(scheme) > 1:  # "C:\..." is a Windows drive, not a scheme
        raise TrackerError(
            _label(text),
            f"ngsp fetches only http and https links, not {scheme}: links; "
            "paste the https link of the shared file, or download it and upload it",
        )
    if _looks_like_share_link(text):
        return [_fetch_url("https://" + text, settings)]
    return _read_path(text, settings)


def fingerprint(files: Iterable[tuple[str, bytes]]) -> str:
    """A sha256 over the names and bytes of the files, to re-parse a refreshed tracker only when it changed."""
    h = hashlib.sha256()
    for name, data in files:
        encoded = name.encode("utf-8", "surrogatepass")
        h.update(len(encoded).to_bytes(8, "big") + encoded)
        h.update(len(data).to_bytes(8, "big"))
        h.update(hashlib.sha256(data).digest())
    return h.hexdigest()


# ---------------------------------------------------------------------------------------------------------
# Share links -> their download form


def download_url(url: str) -> str:
    """The direct-download form of a Google Sheets/Drive, OneDrive, SharePoint or Dropbox share link.

    Any other link, and a link already in download form, comes back unchanged.
    """
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower()
    except ValueError:  # not a link at all: fetching it will say so
        return url
    path, query = parts.path, parts.query
    if host == "docs.google.com":
        return _google_docs(parts) or url
    if host == "drive.google.com":
        m = re.match(r"^/file/(?:u/\d+/)?d/([\w-]+)", path)
        file_id = m.group(1) if m else _param(query, "id") if path in ("/open", "/uc") else None
        if file_id:
            return f"https://drive.google.com/uc?export=download&id={file_id}"
        return url
    if host == "1drv.ms":
        return _rebuild(parts, query=_set_param(query, "download", "1"))
    if host == "onedrive.live.com":
        if path.lower() in ("/redir", "/embed"):  # the known swap: /redir?resid=... -> /download?resid=...
            return _rebuild(parts, path="/download")
        if path.lower() == "/download":
            return _rebuild(parts)
        return _rebuild(parts, query=_set_param(query, "download", "1"))
    if host.endswith(".sharepoint.com"):
        if re.match(r"^/:[a-z]:/", path):  # a share link: /:x:/s/Site/EaBc..., /:x:/g/personal/...
            return _rebuild(parts, query=_set_param(query, "download", "1"))
        if path.lower().endswith("/doc.aspx"):
            # The editor page: download.aspx takes the same file id (sourcedoc) and returns the bytes.
            unique = unquote(_param(query, "sourcedoc") or "").strip().strip("{}")
            if re.fullmatch(r"[0-9A-Fa-f-]{8,64}", unique):
                return _rebuild(
                    parts, path=path[: -len("doc.aspx")] + "download.aspx", query=f"UniqueId={unique}"
                )
            return _rebuild(parts, query=_set_param(query, "download", "1"))
        return url
    if host in ("dropbox.com", "www.dropbox.com"):
        if _param(query, "dl") is not None or path.startswith(("/s/", "/scl/")):
            if _param(query, "raw") is None:
                return _rebuild(parts, query=_set_param(query, "dl", "1"))
        return url
    return url


def _google_docs(parts) -> str | None:
    m = re.match(r"^/spreadsheets/(?:u/\d+/)?d/(e/)?([\w-]+)(/[^?#]*)?$", parts.path)
    if not m:
        return None
    published, doc_id, rest = m.group(1), m.group(2), (m.group(3) or "").rstrip("/")
    base = f"https://docs.google.com/spreadsheets/d/{'e/' if published else ''}{doc_id}"
    if published:  # "Publish to the web": /pub?output=csv is already a download, /pubhtml is a page
        if rest == "/pub" and (_param(parts.query, "output") or "html") != "html":
            return None
        return f"{base}/pub?output=xlsx"
    if rest.startswith(("/export", "/gviz")):
        return None
    if _param(parts.query, "rtpof") == "true":
        # An Excel file kept in Drive and opened in Sheets: Drive hands out the file itself.
        return f"https://drive.google.com/uc?export=download&id={doc_id}"
    # xlsx exports every sheet, so the tab in view (#gid=) does not matter.
    return f"{base}/export?format=xlsx"


def _param(query: str, name: str) -> str | None:
    for pair in query.split("&"):
        key, _, value = pair.partition("=")
        if key == name:
            return value
    return None


def _set_param(query: str, name: str, value: str) -> str:
    """The query with name=value, replacing an existing value and keeping every other byte as it was."""
    pairs = [p for p in query.split("&") if p]
    for i, pair in enumerate(pairs):
        if pair.partition("=")[0] == name:
            pairs[i] = f"{name}={value}"
            return "&".join(pairs)
    return "&".join([*pairs, f"{name}={value}"])


def _rebuild(parts, path: str | None = None, query: str | None = None) -> str:
    """The link with a new path or query, as https, without the #fragment (it is never sent)."""
    return urlunsplit(
        (
            "https",
            parts.netloc,
            parts.path if path is None else path,
            parts.query if query is None else query,
            "",
        )
    )


_SHARE_HOSTS = re.compile(
    r"^(docs\.google\.com|drive\.google\.com|1drv\.ms|onedrive\.live\.com|[\w-]+(-my)?\.sharepoint\.com"
    r"|(www\.)?dropbox\.com)/",
    re.IGNORECASE,
)


def _looks_like_share_link(text: str) -> bool:
    """A link pasted without https:// ("docs.google.com/spreadsheets/d/...")."""
    return bool(_SHARE_HOSTS.match(text))


# ---------------------------------------------------------------------------------------------------------
# Fetching a link


def _fetch_url(url: str, settings: ConnectSettings) -> tuple[str, bytes]:
    label = _label(url)
    deadline = time.monotonic() + settings.timeout_s
    target = download_url(url)
    for _hop in range(limits.MAX_REDIRECTS + 1):
        parts = _check_link(label, target)
        if _is_sign_in(parts):
            raise TrackerError(label, _SIGN_IN)
        status, headers, body = _get(label, parts, settings, deadline)
        if status in _REDIRECTS:
            location = headers.get("location")
            if not location:
                raise TrackerError(
                    label, f"the server answered with a redirect to nowhere: {_DOWNLOAD_INSTEAD}"
                )
            target = urljoin(target, location.strip())
            continue
        _check_status(label, status)
        if _is_html(headers.get("content-type", ""), body):
            raise TrackerError(label, _HTML_PAGE)
        if not body:
            raise TrackerError(
                label, f"the link gave an empty file: check it in a browser, or {_DOWNLOAD_INSTEAD}"
            )
        return _file_name(headers, parts, body), body
    raise TrackerError(
        label, f"this link redirects more than {limits.MAX_REDIRECTS} times: {_DOWNLOAD_INSTEAD}"
    )


_DOWNLOAD_INSTEAD = "download the file and upload it instead"
_SIGN_IN = (
    "this link asks you to sign in, which ngsp cannot do: share the file as 'anyone with the link can view' "
    "and paste that link, or download the file and upload it"
)
_INCOMPLETE = "this is not a complete web address: copy the whole link and paste it again"
_HTML_PAGE = (
    "this link opens a web page, not a spreadsheet (often a sign-in or preview page): share the file as "
    "'anyone with the link can view' and paste that link, or download the file and upload it"
)


def _check_link(label: str, url: str):
    """The parts of a link ngsp agrees to fetch: http(s), a host, no user name or password inside."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError:
        raise TrackerError(label, _INCOMPLETE) from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        what = f"a {scheme}: address" if scheme else "an address without https://"
        raise TrackerError(
            label, f"this link leads to {what}, and ngsp fetches only http and https links: {_DOWNLOAD_INSTEAD}"
        )  # fmt: skip
    if not parts.hostname:
        raise TrackerError(label, _INCOMPLETE)
    if parts.username is not None or parts.password is not None:
        raise TrackerError(
            label, "this link has a user name or password inside it, which ngsp does not send: "
            "share the file as 'anyone with the link' or download it and upload it"
        )  # fmt: skip
    return parts


def _is_sign_in(parts) -> bool:
    where = f"{(parts.hostname or '').lower()}{parts.path.lower()}"
    return any(where.startswith(h) for h in _SIGN_IN_HOSTS)


def _check_status(label: str, status: int) -> None:
    if status == 200:
        return
    if status in (401, 403):
        raise TrackerError(label, _SIGN_IN)
    if status in (404, 410):
        raise TrackerError(
            label, "there is no file at this link (it may have been moved, deleted or unshared): "
            "copy the share link again"
        )  # fmt: skip
    if status == 429 or status >= 500:
        raise TrackerError(
            label, f"the server that holds this file is busy or failing (HTTP {status}): try Refresh in a "
            f"few minutes, or {_DOWNLOAD_INSTEAD}"
        )  # fmt: skip
    raise TrackerError(label, f"the server refused to send this file (HTTP {status}): {_DOWNLOAD_INSTEAD}")


def _resolve(label: str, host: str, port: int, deadline: float) -> list[str]:
    """Every address the host resolves to, within the time left (getaddrinfo itself has no timeout)."""
    result: dict[str, object] = {}

    def work() -> None:
        try:
            result["ok"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as e:
            result["error"] = e

    worker = threading.Thread(target=work, name="ngsp-resolve", daemon=True)
    worker.start()
    worker.join(max(0.0, deadline - time.monotonic()))
    if worker.is_alive():
        raise TrackerError(
            label, f"finding this link's server took too long: try again, or {_DOWNLOAD_INSTEAD}"
        )
    if "ok" not in result or not result["ok"]:
        raise TrackerError(
            label, "this link's server could not be found: check the link (and the internet connection)"
        )
    addresses: list[str] = []
    for _family, _type, _proto, _name, sockaddr in result["ok"]:  # type: ignore[union-attr]
        ip = str(sockaddr[0]).split("%", 1)[0]  # drop an IPv6 zone id
        if ip not in addresses:
            addresses.append(ip)
    return addresses


_METADATA = "the cloud server's own metadata service"
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def _embedded(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> list:
    """The address and the IPv4 addresses an IPv6 one carries (mapped, 6to4, Teredo, NAT64), each checked."""
    out = [ip]
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            out.append(ip.ipv4_mapped)
        if ip.sixtofour is not None:
            out.append(ip.sixtofour)
        if ip.teredo is not None:
            out.extend(ip.teredo)
        if ip in _NAT64:
            out.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return out


def _refusal(ip_text: str, settings: ConnectSettings) -> str | None:
    """Why this address is not fetched, or None when it may be."""
    try:
        ip = ipaddress.ip_address(ip_text)
    except ValueError:
        return "an address ngsp cannot check"
    reasons = [_refusal_of(a, settings) for a in _embedded(ip)]
    return next((r for r in reasons if r == _METADATA), None) or next((r for r in reasons if r), None)


def _refusal_of(ip: ipaddress.IPv4Address | ipaddress.IPv6Address, settings: ConnectSettings) -> str | None:
    if ip in METADATA_ADDRESSES:
        return _METADATA
    if ip.is_multicast:
        return "a multicast address"
    if ip.is_global:
        return None
    if settings.allow_private_addresses and not ip.is_unspecified:
        return None
    if any(ip.version == net.version and ip in net for net in settings._networks):
        return None
    if ip.is_loopback or ip.is_unspecified:
        return "this computer itself"
    if ip.is_link_local:
        return "a link-local address"
    return "an address inside the local network"


def _checked_addresses(label: str, parts, settings: ConnectSettings, deadline: float) -> list[str]:
    """The host's addresses, all of them allowed: one bad address refuses the host (DNS may hand out any)."""
    port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    addresses = _resolve(label, parts.hostname, port, deadline)
    for ip in addresses:
        why = _refusal(ip, settings)
        if why == _METADATA:
            raise TrackerError(
                label, f"this link points to {why}, which ngsp never fetches: {_DOWNLOAD_INSTEAD}"
            )
        if why:
            raise TrackerError(
                label, f"this link points to {why}, which ngsp does not fetch: {_DOWNLOAD_INSTEAD} "
                "(whoever runs ngsp can allow a private network with NGSP_ALLOW_PRIVATE_URLS)"
            )  # fmt: skip
    return addresses


def _open_socket(ip: str, port: int, timeout: float) -> socket.socket:
    """A TCP connection to an address already checked (tests replace this to prove what is reached)."""
    family = socket.AF_INET6 if ":" in ip else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)  # by address: no second lookup that DNS could change
    try:
        sock.settimeout(timeout)
        sock.connect((ip, port))
    except BaseException:
        sock.close()
        raise
    return sock


def _tls_context() -> ssl.SSLContext:
    """The system's trusted certificates, host names checked (tests trust their own certificate here)."""
    return ssl.create_default_context()


class _PinnedHTTP(http.client.HTTPConnection):
    """HTTP to a checked address, with the link's host name in the Host header."""

    def __init__(self, host: str, ip: str, port: int, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._ip = ip
        self.raw_sock: socket.socket | None = None

    def connect(self) -> None:
        self.sock = self.raw_sock = _open_socket(self._ip, self.port, self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    """HTTPS to a checked address; the certificate is verified for the link's host name (SNI too)."""

    def __init__(self, host: str, ip: str, port: int, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=_tls_context())
        self._ip = ip
        self.raw_sock: socket.socket | None = None

    def connect(self) -> None:
        self.raw_sock = _open_socket(self._ip, self.port, self.timeout)
        self.sock = self._context.wrap_socket(self.raw_sock, server_hostname=self.host)


def _request_target(parts) -> str:
    path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=~-._")
    query = quote(parts.query, safe="/%:@!$&'()*+,;=~-._?")
    return f"{path}?{query}" if query else path


def _get(label: str, parts, settings: ConnectSettings, deadline: float) -> tuple[int, Message, bytes]:
    """One GET, no redirects followed: status, headers and (for a 200) the body, within the caps."""
    addresses = _checked_addresses(label, parts, settings, deadline)
    try:
        host = parts.hostname.encode("idna").decode("ascii")
    except UnicodeError:
        raise TrackerError(label, "this link's address is not valid: copy the whole link again") from None
    https = parts.scheme.lower() == "https"
    port = parts.port or (443 if https else 80)
    last_error: Exception | None = None
    for ip in addresses:
        left = deadline - time.monotonic()
        if left <= 0:
            break
        conn = (_PinnedHTTPS if https else _PinnedHTTP)(host, ip, port, min(left, settings.timeout_s))
        # A watchdog closes the socket at the deadline: per-read timeouts alone let a server that drips
        # a byte a second keep us forever.
        watchdog = threading.Timer(left, _shut, args=(conn,))
        watchdog.daemon = True
        watchdog.start()
        resp = None
        try:
            conn.request(
                "GET",
                _request_target(parts),
                headers={
                    "User-Agent": "ngsp (sector partnership dashboard)",
                    "Accept": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, text/csv, */*",
                    "Accept-Encoding": "identity",  # no compression: the size cap counts the real bytes
                },
            )
            resp = conn.getresponse()
            if resp.status != 200:
                return resp.status, resp.headers, b""
            return resp.status, resp.headers, _read_body(label, resp, settings, deadline)
        except TrackerError:
            raise
        except ssl.SSLCertVerificationError:
            raise TrackerError(
                label, "this link's server did not prove who it is (its security certificate is not valid): "
                f"check the link, or {_DOWNLOAD_INSTEAD}"
            ) from None  # fmt: skip
        except (OSError, http.client.HTTPException, ValueError) as e:
            last_error = e
            if time.monotonic() >= deadline or isinstance(e, TimeoutError):
                break
        finally:
            watchdog.cancel()
            if resp is not None:
                resp.close()
            conn.close()
    if time.monotonic() >= deadline or isinstance(last_error, TimeoutError):
        raise TrackerError(
            label, f"the download took longer than {settings.timeout_s:g} seconds: try Refresh, or {_DOWNLOAD_INSTEAD}"
        )  # fmt: skip
    raise TrackerError(
        label, f"could not download from this link (the connection failed): try again, or {_DOWNLOAD_INSTEAD}"
    )


def _shut(conn: _PinnedHTTP | _PinnedHTTPS) -> None:
    """Cut the connection at the deadline; the raw socket, because http.client hands `sock` to the response."""
    if conn.raw_sock is not None:
        try:
            conn.raw_sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def _read_body(
    label: str, resp: http.client.HTTPResponse, settings: ConnectSettings, deadline: float
) -> bytes:
    too_big = (
        f"this file is larger than the {_mb(settings.max_bytes)} ngsp accepts: save a copy without pictures "
        "and old sheets you do not need (or split it into several files) and link to that"
    )
    length = resp.getheader("content-length")
    if length and length.strip().isdigit() and int(length) > settings.max_bytes:
        raise TrackerError(label, too_big)
    chunks, total = [], 0
    while True:
        if time.monotonic() >= deadline:
            raise TimeoutError
        chunk = resp.read(_CHUNK)
        if not chunk:
            break
        total += len(chunk)
        if total > settings.max_bytes:
            raise TrackerError(label, too_big)
        chunks.append(chunk)
    if time.monotonic() >= deadline:
        raise TimeoutError  # the watchdog may have cut the stream short: never return half a file
    return b"".join(chunks)


def _is_html(content_type: str, body: bytes) -> bool:
    if content_type.split(";")[0].strip().lower() in ("text/html", "application/xhtml+xml"):
        return True
    head = body[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body"))


def _file_name(headers: Message, parts, body: bytes) -> str:
    """A display name: the server's file name, else the link's last part, with a suffix that fits the bytes."""
    msg = Message()
    msg["content-disposition"] = headers.get("content-disposition", "")
    name = msg.get_filename() or ""
    if not name:
        name = unquote(parts.path.rstrip("/").rsplit("/", 1)[-1])
    name = _safe_name(name)
    if not name.lower().endswith(TRACKER_SUFFIXES):
        stem = name if name and "." not in name else "tracker"
        name = stem + _suffix_for(body)
    return name


def _safe_name(name: str) -> str:
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip(" .")
    return name[:120]


def _suffix_for(body: bytes) -> str:
    if body.startswith(b"PK"):
        return ".ods" if b"application/vnd.oasis.opendocument.spreadsheet" in body[:200] else ".xlsx"
    if body.startswith(b"\xd0\xcf\x11\xe0"):
        return ".xls"
    return ".csv"


# ---------------------------------------------------------------------------------------------------------
# Reading a path


def _read_path(text: str, settings: ConnectSettings) -> list[tuple[str, bytes]]:
    label = _label(text)
    if not settings.allow_paths:
        raise TrackerError(
            label, "this ngsp does not read files from the computer it runs on: upload the file, or paste a "
            "share link (whoever runs ngsp can name a data folder with NGSP_DATA_DIR)"
        )  # fmt: skip
    path = _inside_data_folder(label, Path(text), settings)
    try:
        if path.is_dir():
            return _read_folder(label, path, settings)
        if not path.exists():
            raise TrackerError(label, "no such file or folder: check the path and try again")
        return [_read_file(label, path, settings)]
    except PermissionError:
        raise TrackerError(label, "ngsp is not allowed to open this: check its permissions") from None
    except OSError as e:
        raise TrackerError(label, f"could not be opened ({e.strerror or e}): check the path") from None


def _inside_data_folder(label: str, path: Path, settings: ConnectSettings) -> Path:
    """The real path, after symlinks and `..`; refused when a data folder is set and this is outside it."""
    folder = settings.data_folder
    if folder is None:
        return path.expanduser().resolve()
    root = folder.resolve()
    real = (root / path).resolve()  # an absolute path replaces root; a relative one is read inside it
    if not real.is_relative_to(root):
        raise TrackerError(
            label, "this path is outside the data folder ngsp reads from: put the tracker in that folder "
            "and name it from there, or upload the file"
        )  # fmt: skip
    return real


def _read_folder(label: str, folder: Path, settings: ConnectSettings) -> list[tuple[str, bytes]]:
    names = sorted(
        (p for p in folder.iterdir() if _is_tracker_file(p.name)),
        key=lambda p: (p.name.casefold(), p.name),
    )
    files = [p for p in names if p.is_file()]
    if not files:
        raise TrackerError(
            label, f"this folder holds no tracker files ({', '.join(TRACKER_SUFFIXES)}): "
            "check the folder, or name the file itself"
        )  # fmt: skip
    if len(files) > limits.MAX_FOLDER_FILES:
        raise TrackerError(
            label, f"this folder holds {len(files)} spreadsheets, more than the {limits.MAX_FOLDER_FILES} ngsp "
            "reads as one tracker: make a folder with just this partnership's tracker files"
        )  # fmt: skip
    out = []
    for p in files:
        real = _inside_data_folder(_label(str(p)), p, settings)  # a symlink inside may point out
        out.append(_read_file(_label(str(p)), real, settings, name=p.name))
    return out


def _is_tracker_file(name: str) -> bool:
    # "~$x.xlsx" is Excel's lock file, ".~lock.x.ods#" LibreOffice's; hidden files are never trackers.
    return name.lower().endswith(TRACKER_SUFFIXES) and not name.startswith(("~", "."))


def _read_file(
    label: str, path: Path, settings: ConnectSettings, name: str | None = None
) -> tuple[str, bytes]:
    def too_big(size: int) -> str:
        return (
            f"this file is {_mb(size)}, larger than the {_mb(settings.max_bytes)} ngsp accepts: save a copy "
            "without pictures and old sheets you do not need (or split it into several files) and use that"
        )

    try:
        data = read_regular_file(path, settings.max_bytes, label, too_big)
    except IsADirectoryError:
        raise TrackerError(
            label, "this is not a file ngsp can read: name a spreadsheet or a folder of them"
        ) from None
    return name or path.name, data


# ---------------------------------------------------------------------------------------------------------
# Small helpers


def _clean(source: str) -> str:
    """The source as pasted, without the quotes Windows' "Copy as path" adds or an email's <angle brackets>."""
    text = (source or "").strip()
    for a, b in (('"', '"'), ("'", "'"), ("<", ">")):
        if len(text) >= 2 and text[0] == a and text[-1] == b:
            text = text[1:-1].strip()
    return text


def _label(source: str) -> str:
    """How a source is named in messages: a link without its query (which may hold a key), shortened."""
    if "://" in source:
        try:
            parts = urlsplit(source)
            shown = f"{parts.hostname or ''}{parts.path}"
        except ValueError:
            shown = source.split("?", 1)[0]
    else:
        shown = source
    shown = "".join(ch for ch in shown if ch.isprintable())
    # Shortened in the middle: the file's own name, at the end, is what the convener recognises.
    return shown if len(shown) <= 80 else shown[:30] + "…" + shown[-49:]


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"
