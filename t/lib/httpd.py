#!/usr/bin/env python3
"""httpd.py: the HTTP server yq-fetch's tests talk to, on 127.0.0.1.

Serves the files under --root with an ETag and a Last-Modified, and
answers 304 to a matching If-None-Match or If-Modified-Since.  Special
paths make the hostile cases:

  /status/N              answer with status N
  /flaky/N/PATH          503 for the first N requests, then PATH
  /redirect/N/PATH       N redirects (302), then PATH
  /redirect-scheme       302 to ftp://127.0.0.1/x
  /slow/SECS/PATH        PATH, its answer held back SECS (logged at once)
  /lastmod/PATH          PATH with a Last-Modified and no ETag
  /big/BYTES             an HTML page of BYTES bytes (Content-Length)
  /stream/BYTES          the same without Content-Length
  /charset/NAME/PATH     PATH with "Content-Type: text/html; charset=NAME"
  /gzip/PATH             PATH gzip-encoded when the client accepts it

Every request is logged to --log as one line

  METHOD PATH STATUS BYTES ua="..." ae="..." ims="..." inm="..."

with the request's User-Agent, Accept-Encoding, If-Modified-Since and
If-None-Match ("" when it had none; a " or \ in a value is escaped with
a backslash), so a test can count what was downloaded and check what
the client sent.  The first four fields keep their places.  The port is
written to --port-file.  The server exits by itself after --lifetime seconds, so a
test that dies never leaves it behind.
"""
import argparse
import email.utils
import gzip
import hashlib
import http.server
import os
import threading
import time

FIXED_MTIME = 1763596800  # 2025-11-20T00:00:00Z: stable Last-Modified

TYPES = {
    '.xml': 'application/xml', '.rss': 'application/rss+xml',
    '.atom': 'application/atom+xml', '.rdf': 'application/rdf+xml',
    '.html': 'text/html', '.htm': 'text/html', '.txt': 'text/plain',
    '.csv': 'text/csv', '.json': 'application/json',
}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    counts = {}
    lock = threading.Lock()
    delay = 0.0

    def log_message(self, fmt, *args):
        pass

    def sent(self, name):
        v = self.headers.get(name, '')
        return '"%s"' % v.replace('\\', '\\\\').replace('"', '\\"')

    def record(self, status, nbytes):
        line = '%s %s %d %d ua=%s ae=%s ims=%s inm=%s\n' % (
            self.command, self.path, status, nbytes,
            self.sent('User-Agent'), self.sent('Accept-Encoding'),
            self.sent('If-Modified-Since'), self.sent('If-None-Match'))
        with self.lock:
            with open(self.server.logpath, 'a') as f:
                f.write(line)

    def send(self, status, body=b'', ctype='text/html', headers=None,
             length=True):
        self.send_response(status)
        if body or status not in (204, 304):
            self.send_header('Content-Type', ctype)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        if length:
            self.send_header('Content-Length', str(len(body)))
        else:
            self.send_header('Connection', 'close')
        # Logged before the answer goes out, so that a test that reads
        # the log once the client is done finds every request in it.
        self.record(status, len(body))
        if self.delay > 0:
            time.sleep(self.delay)
        try:
            self.end_headers()
            if self.command != 'HEAD':
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            # The client gave up (a timeout, a size limit): not an error.
            self.close_connection = True

    def serve_file(self, rel, ctype=None, encode=False, with_etag=True):
        path = os.path.normpath(os.path.join(self.server.root, rel.lstrip('/')))
        if not path.startswith(self.server.root) or not os.path.isfile(path):
            return self.send(404, b'not found\n', 'text/plain')
        with open(path, 'rb') as f:
            body = f.read()
        lastmod = email.utils.formatdate(FIXED_MTIME, usegmt=True)
        headers = {'Last-Modified': lastmod}
        inm = self.headers.get('If-None-Match')
        ims = self.headers.get('If-Modified-Since')
        if with_etag:
            etag = '"%s"' % hashlib.sha1(body).hexdigest()[:16]
            headers['ETag'] = etag
            if inm == etag:
                return self.send(304, b'', headers=headers)
        if inm is None and ims == lastmod:
            return self.send(304, b'', headers=headers)
        if ctype is None:
            ctype = TYPES.get(os.path.splitext(path)[1], 'application/octet-stream')
        if encode and 'gzip' in self.headers.get('Accept-Encoding', ''):
            body = gzip.compress(body)
            headers['Content-Encoding'] = 'gzip'
        self.send(200, body, ctype, headers)

    def do_GET(self):
        parts = self.path.split('?')[0].split('/')
        head = parts[1] if len(parts) > 1 else ''
        rest = '/'.join(parts[3:])
        if head == 'status':
            return self.send(int(parts[2]), b'status page\n', 'text/plain')
        if head == 'flaky':
            key = self.path
            with self.lock:
                n = self.counts[key] = self.counts.get(key, 0) + 1
            if n <= int(parts[2]):
                return self.send(503, b'busy\n', 'text/plain')
            return self.serve_file(rest)
        if head == 'redirect':
            n = int(parts[2])
            to = '/redirect/%d/%s' % (n - 1, rest) if n > 1 else '/' + rest
            return self.send(302, b'', headers={'Location': to})
        if head == 'redirect-scheme':
            return self.send(302, b'', headers={'Location': 'ftp://127.0.0.1/x'})
        if head == 'slow':
            # Logged on arrival and answered late: a client that gave up
            # has its request in the log when it exits.
            self.delay = float(parts[2])
            return self.serve_file(rest)
        if head == 'lastmod':
            return self.serve_file('/'.join(parts[2:]), with_etag=False)
        if head in ('big', 'stream'):
            n = int(parts[2])
            body = (b'<html><body><p>' + b'x' * max(0, n - 30) +
                    b'</p></body></html>')[:n]
            return self.send(200, body, length=(head == 'big'))
        if head == 'charset':
            return self.serve_file(rest, 'text/html; charset=' + parts[2])
        if head == 'gzip':
            return self.serve_file('/'.join(parts[2:]), encode=True)
        return self.serve_file(self.path.split('?')[0])

    do_HEAD = do_GET


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--root', required=True)
    ap.add_argument('--port-file', required=True)
    ap.add_argument('--log', required=True)
    ap.add_argument('--lifetime', type=float, default=120)
    a = ap.parse_args()
    srv = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
    srv.daemon_threads = True
    srv.root = os.path.realpath(a.root)
    srv.logpath = a.log
    open(a.log, 'w').close()
    threading.Timer(a.lifetime, srv.shutdown).start()
    tmp = a.port_file + '.tmp'
    with open(tmp, 'w') as f:
        f.write('%d\n' % srv.server_address[1])
    os.rename(tmp, a.port_file)
    srv.serve_forever()


if __name__ == '__main__':
    main()
