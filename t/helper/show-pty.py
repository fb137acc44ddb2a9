#!/usr/bin/env python3
"""show-pty.py FILE: what on-pty.py kept, for test_cmp: rates masked
(N/s), ESC as [ESC], each carriage return starting a line with [CR];
the terminal's CR LF is a plain newline, and empty lines are dropped."""
import re, sys

t = open(sys.argv[1], encoding='utf-8', newline='').read()
t = re.sub(r'[0-9]+/s', 'N/s', t).replace('\033', '[ESC]')
t = t.replace('\r\n', '\n').replace('\r', '\n[CR]')
print('\n'.join(l for l in t.split('\n') if l))
