"""A tiny SMTP server on 127.0.0.1 (port 0) that keeps what it receives, in memory; nothing is relayed.

The simulated web's mail server (`optout --sandbox` sends its letters here) and the tests'. Speaks
just enough SMTP for smtplib: EHLO/HELO, optional STARTTLS (with a throwaway self-signed certificate
for 127.0.0.1, made only when asked), AUTH PLAIN/LOGIN, MAIL, RCPT, DATA, RSET, NOOP, QUIT.
Listens on loopback only. Imports only the standard library (the certificate maker imports
`cryptography` when called).
"""

from __future__ import annotations

import base64
import datetime as _dt
import socketserver
import ssl
import threading
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path


@dataclass
class Received:
    sender: str
    recipients: list[str]
    data: bytes
    login: tuple[str, str] | None
    tls: bool

    @property
    def message(self) -> EmailMessage:
        return message_from_bytes(self.data, policy=policy.default)

    @property
    def subject(self) -> str:
        return str(self.message["Subject"] or "")

    @property
    def text(self) -> str:
        """The plain-text body as a reader sees it (the wire's CR LF line ends read as line breaks)."""
        return self.message.get_content().replace("\r\n", "\n")

    @property
    def message_id(self) -> str:
        return str(self.message["Message-ID"] or "")


@dataclass
class _State:
    messages: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    password: str = "secret-for-tests"
    tls_context: ssl.SSLContext | None = None
    require_tls: bool = False


class _Handler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        state: _State = self.server.state
        sock, tls = self.request, False
        reader = sock.makefile("rb")
        login, sender, recipients = None, "", []

        def say(line: str) -> None:
            sock.sendall(line.encode() + b"\r\n")

        say("220 sink ESMTP")
        while True:
            raw = reader.readline(4096)
            if not raw:
                return
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            verb = line.split(" ", 1)[0].upper()
            if verb == "EHLO":
                extras = ["AUTH PLAIN LOGIN"] if tls or not state.require_tls else []
                if state.tls_context is not None and not tls:
                    extras.append("STARTTLS")
                lines = ["sink", *extras]
                for i, text in enumerate(lines):
                    say(f"250{'-' if i < len(lines) - 1 else ' '}{text}")
            elif verb == "HELO":
                say("250 sink")
            elif verb == "STARTTLS" and state.tls_context is not None and not tls:
                say("220 go ahead")
                sock = state.tls_context.wrap_socket(sock, server_side=True)
                reader, tls = sock.makefile("rb"), True
            elif verb == "AUTH":
                parts = line.split(" ")
                if parts[1].upper() == "PLAIN":
                    blob = parts[2] if len(parts) > 2 else ""
                    if not blob:
                        say("334 ")
                        blob = reader.readline().decode().strip()
                    _, user, password = base64.b64decode(blob).decode().split("\0")
                else:
                    say("334 VXNlcm5hbWU6")
                    user = base64.b64decode(reader.readline().strip()).decode()
                    say("334 UGFzc3dvcmQ6")
                    password = base64.b64decode(reader.readline().strip()).decode()
                if password == state.password:
                    login = (user, password)
                    say("235 ok")
                else:
                    say("535 bad credentials")
            elif verb == "MAIL":
                sender, recipients = line.split(":", 1)[1].strip().strip("<>").split(">")[0], []
                say("250 ok")
            elif verb == "RCPT":
                recipients.append(line.split(":", 1)[1].strip().strip("<>"))
                say("250 ok")
            elif verb == "DATA":
                say("354 end with .")
                chunks = []
                while True:
                    chunk = reader.readline()
                    if chunk in (b".\r\n", b".\n", b""):
                        break
                    chunks.append(chunk[1:] if chunk.startswith(b"..") else chunk)
                with state.lock:
                    state.messages.append(Received(sender, recipients, b"".join(chunks), login, tls))
                say("250 queued")
            elif verb == "QUIT":
                say("221 bye")
                return
            elif verb in ("RSET", "NOOP"):
                say("250 ok")
            else:
                say("502 not implemented")


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


class SmtpSink:
    """Use as a context manager; ``.host``, ``.port``, ``.messages`` (live), ``.received()`` (a copy)."""

    host = "127.0.0.1"

    def __init__(self, tls_cert: tuple[Path, Path] | None = None, require_tls: bool = False):
        self.server = _Server((self.host, 0), _Handler)
        self.server.state = _State(require_tls=require_tls)
        if tls_cert:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(str(tls_cert[0]), str(tls_cert[1]))
            self.server.state.tls_context = context
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return self.server.server_address[1]

    @property
    def messages(self) -> list[Received]:
        return self.server.state.messages

    def received(self) -> list[Received]:
        """What arrived so far, oldest first: (envelope sender, recipients, raw message, login, tls)."""
        with self.server.state.lock:
            return list(self.server.state.messages)

    @property
    def password(self) -> str:
        return self.server.state.password

    def __enter__(self) -> "SmtpSink":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def self_signed_cert(folder: Path) -> tuple[Path, Path]:
    """A throwaway certificate for 127.0.0.1 (cert.pem, key.pem): the test's own trust anchor."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    import ipaddress

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = _dt.datetime.now(_dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - _dt.timedelta(days=1))
            .not_valid_after(now + _dt.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path
