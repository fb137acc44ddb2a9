#!/usr/bin/env python3
"""An independent count of each event's repost forest, for t4003 and
bench/cluster/run: reads yq-cluster's posts (with event_id and dup_of,
the event a post was placed in deciding its parent, the event it ended
in, through the records' aliases, counting its spreaders) and prints, per tree with reposts, "root posts depth" (the tree's size
with its root, and its levels below the root), or with --spreaders, per
event, the ten accounts with the most reposts below their posts, a
repost counted once for each account that wrote a post above it.

A post's parent, in its event: the latest earlier post of the account
its text's first //@name names, else its repost_of, else (a chain) its
dup_of; else it is a root.  Ids seen again are skipped."""
import json
import sys
from collections import Counter, defaultdict


def main():
    spreaders = sys.argv[1] == "--spreaders"
    path = sys.argv[-1]
    parent, author, event, order = {}, {}, {}, []
    latest, final = {}, {}
    for line in open(path, encoding="utf-8"):
        d = json.loads(line)
        for alias in d.get("aliases", []) if d.get("kind") == "event" else []:
            final[alias] = d["event_id"]
    for line in open(path, encoding="utf-8"):
        d = json.loads(line)
        if d.get("kind") == "event" or d["id"] in parent:
            continue
        i, ev = d["id"], d["event_id"]
        text = d.get("text") or ""
        p = None
        k = text.find("//@")
        if k >= 0:
            name = text[k + 3:]
            for stop in (":", "：", " "):
                name = name.split(stop)[0]
            q = latest.get(name)
            if q is not None and event[q] == ev:
                p = q
        link = d.get("repost_of")
        if p is None and link in event and event[link] == ev and link != i:
            p = link
        if p is None and k >= 0 and d.get("dup_of") in event and event[d["dup_of"]] == ev:
            p = d["dup_of"]
        parent[i], event[i], author[i] = p, ev, d.get("author")
        order.append(i)
        if author[i]:
            latest[author[i]] = i
    size, height = Counter(), Counter()
    counts = defaultdict(Counter)
    for i in order:
        a, k, seen = parent[i], 1, set()
        while a is not None:
            size[a] += 1
            height[a] = max(height[a], k)
            if author[a] and author[a] not in seen:
                seen.add(author[a])
                counts[final.get(event[i], event[i])][author[a]] += 1
            a, k = parent[a], k + 1
    if spreaders:
        for ev in sorted(counts):
            top = sorted(counts[ev].items(), key=lambda x: (-x[1], x[0]))[:10]
            print(ev, " ".join("%s=%d" % x for x in top))
        return
    for i in sorted(order):
        if parent[i] is None and size[i] > 0:
            print(i, size[i] + 1, height[i])


main()
