#!/usr/bin/env python3
"""alertd.py: the servers yq-alert's tests deliver to, on 127.0.0.1.

One process plays an SMTP server and the HTTP endpoints of a generic
webhook and of the WeCom, DingTalk and Feishu group robots.  Every
message received is written, in a readable and stable form, to
DIR/NAME.log, NAME being the first part of the URL path (/wecom?key=x:
wecom.log) or "mail" for SMTP:

  == POST /dingtalk?access_token=t
  content-type: application/json; charset=utf-8
  sign: ok
  {
   "msgtype": "markdown",
   ...

DingTalk's signature (timestamp and sign in the query) and Feishu's
(in the body) are checked with --secret and logged as "sign: ok" or
"sign: bad", the timestamp (which is the clock's) left out; --secret
may be given more than once, and any of them signs right.  A webhook
request whose Idempotency-Key was seen before is logged as
"== duplicate KEY" and not again in full.  Mail is logged with its
envelope, headers and the base64 text decoded.

Failures are injected by DIR/mode, read at each request: lines
"NAME MODE" with MODE one of

  ok          the default
  500         answer HTTP 500 (SMTP: 451 at the end of DATA), log "== refused"
  errcode     HTTP 200 with a robot error {"errcode": 310000, ...}, log
              "== refused (errcode)"
  slow:SECS   log the message, then wait SECS before answering

The ports are written to --port-file as "HTTP SMTP".  The server exits
by itself after --lifetime seconds.
"""
import argparse
import base64
import hashlib
import hmac
import http.server
import json
import os
import socketserver
import threading
import time
import urllib.parse

A = None
LOCK = threading.Lock()
SEEN_KEYS = set()


def mode_of(name):
    try:
        with open(os.path.join(A.dir, 'mode')) as f:
            for line in f:
                w = line.split()
                if len(w) == 2 and w[0] == name:
                    return w[1]
    except FileNotFoundError:
        pass
    return 'ok'


def log(name, text):
    with LOCK, open(os.path.join(A.dir, name + '.log'), 'a') as f:
        f.write(text)


def signed(ts, sign, key_of, msg_of):
    """'ok' when sign is one of the secrets' signature of a fresh ts."""
    fresh = abs(time.time() - int(ts) / (1000 if len(ts) > 10 else 1)) < 3600
    for secret in A.secret:
        want = base64.b64encode(hmac.new(key_of(secret).encode(), msg_of(secret).encode(),
                                         hashlib.sha256).digest()).decode()
        if sign == want and fresh:
            return 'ok'
    return 'bad'


class Robot(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status, obj):
        body = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except BrokenPipeError:  # the client timed out: what the test wants
            pass

    def do_POST(self):
        url = urllib.parse.urlsplit(self.path)
        name = url.path.strip('/').split('/')[0]
        body = json.loads(self.rfile.read(int(self.headers['Content-Length'])))
        mode = mode_of(name)
        path = self.path
        out = []
        if mode == '500':
            log(name, '== refused (500) POST %s\n' % url.path)
            return self.answer(500, {'error': 'injected'})
        if mode == 'errcode':
            log(name, '== refused (errcode) POST %s\n' % url.path)
            return self.answer(200, {'errcode': 310000, 'errmsg': 'keywords not in content'})
        key = self.headers.get('Idempotency-Key')
        if key is not None:
            if key in SEEN_KEYS:
                log(name, '== duplicate %s\n' % key)
                return self.answer(200, {'ok': True})
            SEEN_KEYS.add(key)
        q = urllib.parse.parse_qs(url.query)
        if 'sign' in q:
            ts = q['timestamp'][0]
            out.append('sign: ' + signed(ts, q['sign'][0], lambda k: k,
                                         lambda k: ts + '\n' + k))
            keep = [(k, v) for k, v in urllib.parse.parse_qsl(url.query)
                    if k not in ('timestamp', 'sign')]
            path = url.path + ('?' + urllib.parse.urlencode(keep) if keep else '')
        if 'sign' in body:
            ts = body.pop('timestamp')
            out.append('sign: ' + signed(ts, body.pop('sign'),
                                         lambda k: ts + '\n' + k, lambda k: ''))
        head = ['== POST ' + path]
        for h in ('Content-Type', 'Idempotency-Key', 'User-Agent'):
            if self.headers.get(h) is not None:
                head.append('%s: %s' % (h.lower(), self.headers[h]))
        log(name, '\n'.join(head + out) + '\n' +
            json.dumps(body, ensure_ascii=False) + '\n')
        if mode.startswith('slow:'):
            time.sleep(float(mode[5:]))
        if name == 'feishu':
            return self.answer(200, {'code': 0, 'msg': 'success'})
        return self.answer(200, {'errcode': 0, 'errmsg': 'ok'})


def mail_text(data):
    """Headers as sent, then the base64 body decoded."""
    head, _, body = data.partition('\r\n\r\n')
    text = base64.b64decode(''.join(body.split())).decode()
    return head.replace('\r\n', '\n') + '\n\n' + text + '\n'


class Smtp(socketserver.StreamRequestHandler):
    def say(self, line):
        self.wfile.write((line + '\r\n').encode())

    def data(self):
        lines = []
        while True:
            line = self.rfile.readline().decode()
            if line in ('.\r\n', '.\n', ''):
                return ''.join(lines)
            lines.append(line[1:] if line.startswith('..') else line)

    def handle(self):
        env = []
        self.say('220 alertd ESMTP')
        while True:
            line = self.rfile.readline().decode().rstrip('\r\n')
            verb = line.split(' ')[0].upper()
            if verb in ('EHLO', 'HELO'):
                self.say('250-alertd\r\n250-AUTH PLAIN\r\n250 8BITMIME')
            elif verb == 'AUTH':
                w = line.split(' ')
                if len(w) < 3:
                    self.say('334 ')
                    w.append(self.rfile.readline().decode().strip())
                user = base64.b64decode(w[2]).split(b'\0')
                env.append('auth: %s %s' % (user[1].decode(),
                           'ok' if user[2].decode() in A.secret else 'bad'))
                self.say('235 ok')
            elif verb in ('MAIL', 'RCPT'):
                env.append(line)
                self.say('250 ok')
            elif verb == 'DATA':
                self.say('354 go on')
                text = self.data()
                mode = mode_of('mail')
                if mode == '500':
                    log('mail', '== refused (451)\n')
                    self.say('451 injected')
                    continue
                log('mail', '== ' + '\n'.join(env) + '\n' + mail_text(text))
                if mode.startswith('slow:'):
                    time.sleep(float(mode[5:]))
                self.say('250 queued')
                env = [e for e in env if e.startswith('auth')]
            elif verb == 'QUIT' or line == '':
                self.say('221 bye')
                return
            else:
                self.say('250 ok')


class TServer(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    global A
    ap = argparse.ArgumentParser()
    ap.add_argument('--dir', required=True)
    ap.add_argument('--port-file', required=True)
    ap.add_argument('--secret', action='append', required=True)
    ap.add_argument('--lifetime', type=float, default=300)
    A = ap.parse_args()
    web = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Robot)
    web.daemon_threads = True
    mail = TServer(('127.0.0.1', 0), Smtp)
    for s in (web, mail):
        threading.Thread(target=s.serve_forever, daemon=True).start()
    tmp = A.port_file + '.tmp'
    with open(tmp, 'w') as f:
        f.write('%d %d\n' % (web.server_address[1], mail.server_address[1]))
    os.rename(tmp, A.port_file)
    time.sleep(A.lifetime)


if __name__ == '__main__':
    main()
