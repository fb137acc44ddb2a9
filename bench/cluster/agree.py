#!/usr/bin/env python3
"""How far a sharded clustering, merged by yq-cluster --merge, agrees with
one run over all the posts: B-cubed precision, recall and F1 of the
sharded assignment against the single run's.

    agree.py ONE MERGED SHARD_OUTPUT...
    agree.py --relabel MERGED SHARD_OUTPUT...   (the shards' posts, relabelled)

ONE is the single run's output (posts with event_id), MERGED the event
records of `yq-cluster --merge` (their "aliases" name the shard events
folded into each), SHARD_OUTPUT the posts as each shard labelled them.
"""
import collections
import json
import sys


def posts(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            p = json.loads(line)
            if p.get("kind") != "event":
                yield p


def bcubed(a, b):
    ca, cb = collections.defaultdict(set), collections.defaultdict(set)
    for k in a:
        ca[a[k]].add(k)
        cb[b[k]].add(k)
    p = r = 0.0
    for k in a:
        x, y = ca[a[k]], cb[b[k]]
        inter = len(x & y)
        p += inter / len(x)
        r += inter / len(y)
    p, r = p / len(a), r / len(a)
    return p, r, 2 * p * r / (p + r)


def aliases(path):
    alias = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            e = json.loads(line)
            for a in e.get("aliases", []):
                alias[a] = e["event_id"]
    return alias


def main():
    if sys.argv[1] == "--relabel":
        alias = aliases(sys.argv[2])
        for path in sys.argv[3:]:
            for p in posts(path):
                p["event_id"] = alias.get(p["event_id"], p["event_id"])
                print(json.dumps(p, ensure_ascii=False))
        return
    one = {p["id"]: p["event_id"] for p in posts(sys.argv[1])}
    alias = aliases(sys.argv[2])
    shard = {}
    for path in sys.argv[3:]:
        for p in posts(path):
            shard[p["id"]] = alias.get(p["event_id"], p["event_id"])
    p, r, f = bcubed(shard, one)
    print("B3 P %.3f  R %.3f  F1 %.3f  (%d events in one run, %d sharded and merged)"
          % (p, r, f, len(set(one.values())), len(set(shard.values()))))


if __name__ == "__main__":
    main()
