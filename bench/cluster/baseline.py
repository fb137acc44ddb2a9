#!/usr/bin/env python3
"""Baselines for bench/cluster/run, printing {id, event_id, gold_event}:

  follow FILE   follow repost_of alone (each cascade is an event)
  bigram FILE [THRESHOLD]
                single-pass clustering over character-bigram TF-IDF
                vectors (text only), one cosine threshold (0.3) against
                cluster centroids found by an inverted index
"""
import collections
import json
import math
import sys


def follow(path):
    root = {}
    for line in open(path, encoding="utf-8"):
        r = json.loads(line)
        p = r.get("repost_of")
        e = root.get(p, p) if p else r["id"]
        root[r["id"]] = e
        print(json.dumps({"id": r["id"], "event_id": e, "gold_event": r["gold_event"]}))


def bigrams(text):
    cjk = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    return collections.Counter(a + b for a, b in zip(cjk, cjk[1:]))


def bigram(path, threshold=0.3):
    df = collections.Counter()
    ndocs = 0
    centroids = []          # dict term -> weight
    norms = []              # their norms, kept as they grow
    inv = collections.defaultdict(set)
    for line in open(path, encoding="utf-8"):
        r = json.loads(line)
        tf = bigrams(r.get("text", ""))
        ndocs += 1
        for t in tf:
            df[t] += 1
        v = {t: c * (math.log((ndocs + 1) / (df[t] + 1)) + 1) for t, c in tf.items()}
        norm = math.sqrt(sum(w * w for w in v.values())) or 1
        v = {t: w / norm for t, w in v.items()}
        best, sim = None, 0.0
        cands = set()
        for t in v:
            cands |= inv[t]
        for c in cands:
            cen = centroids[c]
            s = sum(w * cen.get(t, 0) for t, w in v.items()) / (math.sqrt(norms[c]) or 1)
            if s > sim:
                best, sim = c, s
        if best is None or sim < threshold:
            best = len(centroids)
            centroids.append({})
            norms.append(0.0)
        cen = centroids[best]
        for t, w in v.items():
            old = cen.get(t, 0)
            cen[t] = old + w
            norms[best] += (old + w) ** 2 - old * old
            inv[t].add(best)
        print(json.dumps({"id": r["id"], "event_id": best, "gold_event": r["gold_event"]}))


if sys.argv[1] == "bigram" and len(sys.argv) > 3:
    bigram(sys.argv[2], float(sys.argv[3]))
else:
    {"follow": follow, "bigram": bigram}[sys.argv[1]](sys.argv[2])
