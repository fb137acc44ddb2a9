#!/usr/bin/env python3
"""For each event of the demo README (t/data/demo/README): the event of
the clustered demo pipeline that holds most of its posts, how many of its
posts that is, of how many, and whether it holds the README's first post.
demo-events.py README POSTS.ndjson CLUSTERED.ndjson (posts matched by url)"""
import collections
import json
import re
import sys

readme, labelled, clustered = sys.argv[1:4]
firsts = re.findall(r"### (\w+):[^\n]*\n\n?- posts[^\n]*\n- first post: (\w+)",
                    open(readme, encoding="utf-8").read())
label, url_of = {}, {}
for line in open(labelled, encoding="utf-8"):
    r = json.loads(line)
    label[r["url"]] = r["demo"]
    url_of[r["id"]] = r["url"]
recs = [json.loads(line) for line in open(clustered, encoding="utf-8")]
alias = {a: r["event_id"] for r in recs if r.get("kind") == "event"
         for a in r.get("aliases", [])}
count = collections.defaultdict(collections.Counter)
event_of = {}
for r in recs:
    if r.get("kind") == "event":
        continue
    e = r["event_id"]
    while e in alias:
        e = alias[e]
    count[label.get(r["url"])][e] += 1
    event_of[r["url"]] = e
for name, first in firsts:
    main, n = count[name].most_common(1)[0]
    print(name, n, sum(count[name].values()),
          "first" if event_of.get(url_of[first]) == main else "no-first")
