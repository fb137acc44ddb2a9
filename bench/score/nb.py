#!/usr/bin/env python3
"""The baseline: multinomial naive Bayes over character unigrams and
bigrams, add-one smoothing.  nb.py TRAIN VALID -> accuracy on VALID;
nb.py --rate TRAIN POSTS -> posts classified per second (training not
counted; the labels of POSTS, if any, are not read)."""
import collections
import json
import math
import sys
import time

rate = sys.argv[1] == "--rate"
if rate:
    del sys.argv[1]


def feats(t):
    t = [c for c in t if not c.isspace()]
    return t + [a + b for a, b in zip(t, t[1:])]


counts = [collections.Counter(), collections.Counter()]
docs = [0, 0]
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    y = int(r["label"])
    docs[y] += 1
    counts[y].update(feats(r["text"]))
vocab = set(counts[0]) | set(counts[1])
tot = [sum(c.values()) for c in counts]
right = n = 0
start = time.perf_counter()
for line in open(sys.argv[2], encoding="utf-8"):
    r = json.loads(line)
    s = [math.log(docs[y] / sum(docs)) + sum(
        math.log((counts[y][f] + 1) / (tot[y] + len(vocab))) for f in feats(r["text"]))
        for y in (0, 1)]
    n += 1
    if not rate:
        right += (s[1] > s[0]) == (int(r["label"]) == 1)
if rate:
    print("%.0f" % (n / (time.perf_counter() - start)))
else:
    print("%.3f" % (right / n))
