#!/usr/bin/env python3
"""How a tool writes into a pipe (t/t0001).

  pipe-out.py grow TOOL IN     the tool writes IN's records into a pipe
                               nobody reads: prints the pipe's size and
                               whether the tool finished without a reader
  pipe-out.py block TOOL IN    the tool reads IN through a pipe held open:
                               prints what output came before the input
                               ended, in whole 256 KiB blocks or not
"""
import fcntl
import os
import select
import subprocess
import sys
import threading

mode, tool, path = sys.argv[1:4]
r, w = os.pipe()
if mode == "grow":
    p = subprocess.Popen([tool, path], stdout=w)
    os.close(w)
    try:
        p.wait(timeout=30)
        done = "finished"
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
        done = "blocked"
    print(fcntl.fcntl(r, fcntl.F_GETPIPE_SZ), done)
else:
    # The input is more than the tools' 256 KiB read buffer: the first
    # read is processed while the rest waits for the input's end.  It is
    # written from a thread, so that a tool stuck on its output cannot
    # stop this one.
    p = subprocess.Popen([tool], stdin=subprocess.PIPE, stdout=w)
    os.close(w)
    with open(path, "rb") as f:
        data = f.read()

    def feed():
        try:
            p.stdin.write(data)
            p.stdin.flush()
        except BrokenPipeError:
            pass

    t = threading.Thread(target=feed)
    t.start()
    select.select([r], [], [], 2.0)
    os.set_blocking(r, False)
    early = b""
    while True:
        try:
            b = os.read(r, 1 << 16)
        except BlockingIOError:
            break
        if not b:
            break
        early += b
    os.set_blocking(r, True)
    # Drain the rest while the input is finished and closed.
    rest = []
    d = threading.Thread(target=lambda: rest.append(b"".join(iter(lambda: os.read(r, 1 << 16), b""))))
    d.start()
    t.join(30)
    p.stdin.close()
    p.wait(30)
    d.join(30)
    n = len(early)
    print("%d whole blocks" % (n // 262144) if n % 262144 == 0 else
          "%d bytes, not whole blocks" % n, "early, then the rest")
