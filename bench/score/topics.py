#!/usr/bin/env python3
"""Generate N monitoring topics (yq-rules(5)) from dictionary words:
each with 2-4 region words, 3-6 subject words, 2-5 event words, an
exclusion, and every fifth a match expression with NEAR/n.  Deterministic.

    topics.py N DICT > rules.conf
"""
import random
import sys

n = int(sys.argv[1])
rng = random.Random(7)
words = []
with open(sys.argv[2], encoding="utf-8") as f:
    for line in f:
        parts = line.split()
        if len(parts) >= 2 and len(parts[0]) >= 2 and int(parts[1]) >= 50:
            words.append(parts[0])
places = [w for w in words if w.endswith(("市", "县", "区", "镇"))] or words
for i in range(n):
    print("[topic %d]" % i)
    print("region = " + " ".join(rng.sample(places, rng.randint(2, 4))))
    print("subject = " + " ".join(rng.sample(words, rng.randint(3, 6))))
    print("event = " + " ".join(rng.sample(words, rng.randint(2, 5))))
    print("exclude = " + rng.choice(words))
    if i % 5 == 0:
        print("match = %s NEAR/%d (%s | %s)" % (rng.choice(words), rng.randint(5, 30),
                                              rng.choice(words), rng.choice(words)))
