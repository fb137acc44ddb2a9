#!/usr/bin/env python3
"""An independent count of each event's repost forest, for t4003 and
bench/cluster/run: reads yq-cluster's posts (with event_id and dup_of,
the event a post was placed in deciding its parent, the event it ended
in, through the records' aliases, counting its spreaders) and prints, per tree with reposts, "root posts depth" (the tree's size
with its root, and its levels below the root), or with --spreaders, per
event, the ten accounts with the most reposts below their posts, a
repost counted once for each account that wrote a post above it, or
with --tipping, per event, its tipping points as yq-record(7) defines
them, from all its posts' minutes (no post forgotten).

A post's parent, in its event: the latest earlier post of the account
its text's first //@name names, else its repost_of, else (a chain) its
dup_of; else it is a root.  Ids seen again are skipped."""
import json
import sys
from datetime import datetime
from collections import Counter, defaultdict


def better(a, b):
    """Whether tipping point a = (rise, t, id, ...) ranks before b."""
    return (-a[0], a[1], a[2]) < (-b[0], b[1], b[2])


def keep(tips, x):
    """yq-record(7): at most three, rising, none within an hour of a greater."""
    def near(a, b):
        return abs(a[3] - b[3]) < 60
    if x[0] <= 0 or any(near(t, x) and not better(x, t) for t in tips):
        return tips
    tips = [t for t in tips if not near(t, x)]
    if len(tips) < 3:
        return tips + [x]
    k = 0
    for i in (1, 2):
        if better(tips[k], tips[i]):
            k = i
    if better(x, tips[k]):
        tips[k] = x
    return tips


def tipping(order, parent, event, final, when):
    """Per event, its tipping points: "id:before:after" in order of time."""
    minutes, first = defaultdict(Counter), defaultdict(dict)
    for i in order:
        ev, m = final.get(event[i], event[i]), when[i] // 60
        minutes[ev][m] += 1
        if parent[i] is not None:
            c = first[ev].get(m)
            if c is None or (when[i], i) < (when[c], c):
                first[ev][m] = i
    for ev in sorted(first):
        tips = []
        for m in sorted(first[ev]):
            i = first[ev][m]
            before = sum(minutes[ev][k] for k in range(m - 60, m))
            after = sum(minutes[ev][k] for k in range(m, m + 60)) - 1
            tips = keep(tips, (after - before, when[i], i, m, before, after))
        if tips:
            print(ev, " ".join("%s:%d:%d" % (t[2], t[4], t[5]) for t in
                               sorted(tips, key=lambda t: (t[1], t[2]))))


def main():
    spreaders = sys.argv[1] == "--spreaders"
    path = sys.argv[-1]
    parent, author, event, order, when = {}, {}, {}, [], {}
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
        when[i] = int(datetime.fromisoformat(d["published_at"]).timestamp())
        order.append(i)
        if author[i]:
            latest[author[i]] = i
    if sys.argv[1] == "--tipping":
        tipping(order, parent, event, final, when)
        return
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
