#!/usr/bin/env python3
"""The peer: python3-jieba (default dictionary, HMM on) over lines of text,
words separated by two spaces, as yq-seg --plain writes them."""
import sys
import jieba

jieba.setLogLevel(60)
jieba.initialize()
userdict = sys.argv[2] if len(sys.argv) > 2 else None
if userdict:
    jieba.load_userdict(userdict)
with open(sys.argv[1], encoding="utf-8") as f:
    out = sys.stdout
    for line in f:
        out.write("  ".join(w for w in jieba.cut(line.rstrip("\n")) if w.strip()) + "\n")
