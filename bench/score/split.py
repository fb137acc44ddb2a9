#!/usr/bin/env python3
"""Split a labelled NDJSON file by a hash of each record's id: about one
record in ten (crc32 of the id modulo 10 == 0) is held out for
validation, never trained on.  split.py FILE TRAIN_OUT VALID_OUT"""
import sys
import zlib

src, tr, va = sys.argv[1:4]
with open(src, encoding="utf-8") as f, open(tr, "w", encoding="utf-8") as t, \
        open(va, "w", encoding="utf-8") as v:
    for line in f:
        rid = line.split('"id": "', 1)[1].split('"', 1)[0] if '"id": "' in line else line
        (v if zlib.crc32(rid.encode()) % 10 == 0 else t).write(line)
