# A one-thread HTTP/1.1 server for the real-traffic test: GET and HEAD answer a fixed text, POST echoes its body.
import http.server
import sys


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def reply(self, body, send_body=True):
        self.send_response(200)
        self.send_header('Content-Type', 'text/plain')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def do_GET(self):
        self.reply(b'hello from the pcapcore test server\n')

    def do_HEAD(self):
        self.reply(b'hello from the pcapcore test server\n', send_body=False)

    def do_POST(self):
        self.reply(b'got ' + self.rfile.read(int(self.headers.get('Content-Length', 0))) + b'\n')

    def log_message(self, *arguments):
        pass


server = http.server.HTTPServer((sys.argv[1], int(sys.argv[2])), Handler)
print('serving', flush=True)
server.serve_forever()
