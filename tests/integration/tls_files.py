# A free loopback port and a throwaway CA with a server certificate, for brokers with TLS.

import socket
import subprocess


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_tls_files(folder):
    """A throwaway CA and a server certificate for 127.0.0.1, made with openssl."""
    def run(*args):
        subprocess.run(["openssl", *args], check=True, capture_output=True, timeout=60)
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    run("req", "-x509", *ec, "-keyout", str(folder / "ca.key"), "-out", str(folder / "ca.pem"),
        "-days", "2", "-subj", "/CN=hilbench test CA")
    run("req", *ec, "-keyout", str(folder / "server.key"), "-out", str(folder / "server.csr"), "-subj", "/CN=127.0.0.1")
    (folder / "ext").write_text("subjectAltName=IP:127.0.0.1\n")
    run("x509", "-req", "-in", str(folder / "server.csr"), "-CA", str(folder / "ca.pem"), "-CAkey", str(folder / "ca.key"),
        "-CAcreateserial", "-out", str(folder / "server.pem"), "-days", "2", "-extfile", str(folder / "ext"))
    (folder / "server.key").chmod(0o644)  # mosquitto may run as another user
