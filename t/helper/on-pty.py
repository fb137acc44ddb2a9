#!/usr/bin/env python3
"""on-pty.py OUT CMD [ARG...]: run CMD with its standard error on a
pseudo-terminal (standard input and output as given) and write every
byte it wrote there to OUT; exit with CMD's status.  For the tests of
what a tool shows on a terminal only (a progress line)."""
import os, pty, subprocess, sys

out, cmd = sys.argv[1], sys.argv[2:]
master, slave = pty.openpty()
p = subprocess.Popen(cmd, stderr=slave)
os.close(slave)
got = b''
while True:
    try:
        chunk = os.read(master, 65536)
    except OSError:		# EIO: the last writer closed the terminal
        break
    if not chunk:
        break
    got += chunk
rc = p.wait()
with open(out, 'wb') as f:
    f.write(got)
sys.exit(rc)
