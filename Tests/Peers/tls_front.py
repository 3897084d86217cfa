"""An HTTPS front for the tests: a test CA and a server certificate made by openssl, TLS
accepted on 127.0.0.1, the plain bytes forwarded to an HTTP server on 127.0.0.1:BACKEND_PORT.

Usage: python3 tls_front.py DIR BACKEND_PORT
Writes DIR/ca.pem (the CA a client must trust), DIR/server.pem and DIR/server.key (for
localhost, 127.0.0.1 and ::1), prints the port it listens on, and serves until its standard
input closes (so it never outlives the test that started it).
"""
import os
import socket
import ssl
import subprocess
import sys
import threading

EXTENSIONS = """subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
"""


def openssl(*arguments):
    subprocess.run(["openssl", *arguments], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)


def make_certificates(directory):
    path = lambda name: os.path.join(directory, name)
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    openssl("req", "-x509", *ec, "-days", "2", "-subj", "/CN=kfp-runs test CA",
            "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign",
            "-keyout", path("ca.key"), "-out", path("ca.pem"))
    openssl("req", "-new", *ec, "-subj", "/CN=localhost",
            "-keyout", path("server.key"), "-out", path("server.csr"))
    with open(path("server.ext"), "w") as extensions:
        extensions.write(EXTENSIONS)
    openssl("x509", "-req", "-in", path("server.csr"), "-CA", path("ca.pem"),
            "-CAkey", path("ca.key"), "-CAcreateserial", "-days", "2",
            "-extfile", path("server.ext"), "-out", path("server.pem"))


def pump(source, target):
    try:
        while True:
            data = source.recv(65536)
            if not data:
                break
            target.sendall(data)
    except OSError:
        pass
    finally:
        for end in (source, target):
            try:
                end.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def serve(connection, context, backend_port):
    try:
        secure = context.wrap_socket(connection, server_side=True)
    except (ssl.SSLError, OSError):
        # The client refused the certificate: what the refusal tests expect.
        connection.close()
        return
    try:
        backend = socket.create_connection(("127.0.0.1", backend_port))
    except OSError:
        secure.close()
        return
    threading.Thread(target=pump, args=(backend, secure), daemon=True).start()
    pump(secure, backend)


def main():
    directory, backend_port = sys.argv[1], int(sys.argv[2])
    make_certificates(directory)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(os.path.join(directory, "server.pem"),
                            os.path.join(directory, "server.key"))
    context.set_alpn_protocols(["http/1.1"])
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    print(listener.getsockname()[1], flush=True)

    def accept():
        while True:
            connection, _ = listener.accept()
            threading.Thread(target=serve, args=(connection, context, backend_port),
                             daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    sys.stdin.read()
    os._exit(0)


if __name__ == "__main__":
    main()
