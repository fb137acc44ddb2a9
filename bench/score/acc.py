#!/usr/bin/env python3
"""Accuracy of yq-score's sentiment on labelled records: positive when
the score is above 0.  acc.py SCORED.ndjson"""
import json
import sys

right = n = 0
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    right += (r["sentiment"]["score"] > 0) == (int(r["label"]) == 1)
    n += 1
print("%.3f" % (right / n))
