#!/usr/bin/env python3
"""Write N posts sampled from a segmented dev file and perturbed: fresh
ids (repost_of remapped within each copy), times shifted by whole copies
so the stream stays in order, a token dropped now and then."""
import json
import random
import sys

n = int(sys.argv[1])
rows = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
rnd = random.Random(7)
out = sys.stdout
copy = 0
written = 0
while written < n:
    for r in rows:
        if written >= n:
            break
        r = dict(r)
        r["id"] = "%s.%d" % (r["id"], copy)
        if r.get("repost_of"):
            r["repost_of"] = "%s.%d" % (r["repost_of"], copy)
        y = int(r["published_at"][:4]) + 6 * copy
        r["published_at"] = "%04d%s" % (y, r["published_at"][4:])
        toks = r.get("tokens", [])
        if toks and rnd.random() < 0.3:
            toks = list(toks)
            del toks[rnd.randrange(len(toks))]
            r["tokens"] = toks
        out.write(json.dumps(r, ensure_ascii=False) + "\n")
        written += 1
    copy += 1
