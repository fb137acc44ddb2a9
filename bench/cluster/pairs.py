#!/usr/bin/env python3
"""Pairwise precision and recall of yq-cluster's events against the demo
corpus's labels (the "demo" field), and into how many events each label
is split.  Pairs of posts labelled "noise" (unrelated posts) count as
never together.  Events merged at the end of the run (an event record's
"aliases") count as one, as the reports show them.
pairs.py CLUSTERED.ndjson [LABELLED.ndjson]
(run with --events; with LABELLED, posts get the "demo" label of the
labelled post of the same url: the demo pipeline's fetched posts)"""
import collections
import itertools
import json
import sys

recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
alias = {}
for r in recs:
    if r.get("kind") == "event":
        for a in r.get("aliases", []):
            alias[a] = r["event_id"]
posts = [p for p in recs if p.get("kind") != "event"]
if len(sys.argv) > 2:
    label = {}
    for line in open(sys.argv[2], encoding="utf-8"):
        r = json.loads(line)
        label[r["url"]] = r["demo"]
    for p in posts:
        p["demo"] = label.get(p.get("url"))
for p in posts:
    while p["event_id"] in alias:
        p["event_id"] = alias[p["event_id"]]
split = collections.defaultdict(set)
for p in posts:
    split[p.get("demo")].add(p["event_id"])
tp = same = together = 0
for a, b in itertools.combinations(posts, 2):
    s = a.get("demo") == b.get("demo") and a.get("demo") != "noise"
    t = a["event_id"] == b["event_id"]
    tp += s and t
    same += s
    together += t
print("pairwise P %.2f R %.2f; events per label: %s" % (
    tp / together if together else 0, tp / same if same else 0,
    " ".join("%s %d" % (k, len(v)) for k, v in sorted(split.items()) if k != "noise")))
