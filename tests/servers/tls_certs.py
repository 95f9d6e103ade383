"""Throwaway PKI for TLS tests: a CA, a server certificate for 127.0.0.1 and a client certificate.

Made with the `openssl` command line in a temporary folder; `make_pki` skips the calling test cleanly when
openssl is not installed (unittest's SkipTest, which pytest honours: benchmarks use it without pytest).
Nothing here is ever reused outside one test session.
"""

import shutil
import ssl
import subprocess
import unittest
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Pki:
    """PEM file paths: the CA, the server's certificate and key, the client's certificate and key, and
    `client_combined` (the client's certificate and key in one file)."""

    ca_cert: str
    server_cert: str
    server_key: str
    client_cert: str
    client_key: str
    client_combined: str

    def server_context(self, require_client_cert: bool = True) -> ssl.SSLContext:
        """A server-side context; with `require_client_cert`, only clients our CA signed get through."""
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.server_cert, self.server_key)
        if require_client_cert:
            context.verify_mode = ssl.CERT_REQUIRED
            context.load_verify_locations(self.ca_cert)
        return context


def _openssl(*args: str) -> None:
    subprocess.run(["openssl", *args], check=True, capture_output=True)


def make_pki(folder: Path) -> Pki:
    """Create the CA and both certificates in `folder` (skips the test without openssl)."""
    if shutil.which("openssl") is None:
        raise unittest.SkipTest("openssl is needed to make test certificates")  # pytest reports a skip
    ca_key, ca_cert = folder / "ca.key", folder / "ca.pem"
    _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=llm-triage test CA",
             "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
             "-keyout", str(ca_key), "-out", str(ca_cert))  # fmt: skip
    paths = {}
    for name, subject, extension in (
        ("server", "/CN=127.0.0.1", "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n"),
        ("client", "/CN=llm-triage client", "extendedKeyUsage=clientAuth\n"),
    ):
        key, csr, cert, ext = (folder / f"{name}.{suffix}" for suffix in ("key", "csr", "pem", "ext"))
        ext.write_text(extension, encoding="utf-8")
        _openssl(
            "req", "-new", "-newkey", "rsa:2048", "-nodes", "-subj", subject, "-keyout", str(key), "-out", str(csr)
        )
        _openssl("x509", "-req", "-in", str(csr), "-CA", str(ca_cert), "-CAkey", str(ca_key), "-CAcreateserial",
                 "-days", "1", "-extfile", str(ext), "-out", str(cert))  # fmt: skip
        paths[name] = (str(cert), str(key))
    combined = folder / "client-combined.pem"
    combined.write_text(Path(paths["client"][0]).read_text() + Path(paths["client"][1]).read_text(), encoding="utf-8")
    return Pki(str(ca_cert), *paths["server"], *paths["client"], str(combined))
