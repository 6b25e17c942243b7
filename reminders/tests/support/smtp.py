"""A small real SMTP server on a thread that refuses mail until told to accept it (the
project does not depend on aiosmtpd; this speaks just enough SMTP for Django's backend)."""

import socketserver
import threading


class _SmtpHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP for Django's backend: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT."""

    def reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self):
        server: RefusingSmtpServer = self.server.owner
        self.reply("220 test SMTP")
        while line := self.rfile.readline():
            command = line.decode(errors="replace").strip()
            verb = command[:4].upper()
            if verb == "EHLO":
                self.reply("250-test")
                self.reply("250 8BITMIME")
            elif verb == "HELO":
                self.reply("250 test")
            elif verb == "MAIL":
                if server.refusing:
                    server.refused += 1
                    self.reply("451 4.3.0 Mail server busy, try again later")
                else:
                    self.reply("250 OK")
            elif verb == "RCPT":
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                body = []
                while (data := self.rfile.readline()) not in (b".\r\n", b""):
                    body.append(data)
                server.received.append(b"".join(body).decode(errors="replace"))
                self.reply("250 OK queued")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:  # RSET, NOOP
                self.reply("250 OK")


class RefusingSmtpServer:
    """A real SMTP server on a thread: it answers MAIL FROM with 451 while ``refusing``, and
    keeps the messages it accepted in ``received``."""

    def __init__(self):
        self.refusing = True
        self.refused = 0
        self.received: list[str] = []
        self._server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _SmtpHandler)
        self._server.daemon_threads = True
        self._server.owner = self
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()
