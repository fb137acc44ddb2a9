#!/usr/bin/env python3
"""Generate N post records for the whole-pipeline benchmark, in time order:
texts sampled from the demo corpus (news, gov, weibo, wechat, forum) and
the real Weibo dev set (../shared/data/cluster/dev.ndjson), perturbed
(a suffix, a place or number changed), with fresh ids, urls and times
spread over N/20000 + 1 days, and metrics.  Deterministic.

    gen.py N DEMO_POSTS DEV_POSTS > posts.ndjson
"""
import datetime
import hashlib
import json
import random
import sys

n = int(sys.argv[1])
rng = random.Random(20261125)
pool = []
for path in sys.argv[2:]:
    with open(path, encoding="utf-8") as f:
        for line in f:
            p = json.loads(line)
            if p.get("text"):
                pool.append(p)
suffixes = ["", "", "", "！", "。大家注意。", "[怒]", "#关注#", "，求扩散", "，真的假的？"]
places = ["沄江", "北溪", "城东", "青石", "白沙", "临河", "杭州", "宁波"]
start = 1795104000          # 2026-11-20T00:00:00+08:00
span = (n // 20000 + 1) * 86400
step = span / max(n, 1)
for i in range(n):
    src = rng.choice(pool)
    text = src["text"]
    if rng.random() < 0.3:
        text = text.replace(rng.choice(places), rng.choice(places), 1)
    text += rng.choice(suffixes)
    t = int(start + i * step)
    d = datetime.datetime.fromtimestamp(t + 8 * 3600, datetime.timezone.utc)
    url = "https://example.cn/%s/%d" % (src.get("platform", "weibo"), i)
    p = {
        "id": hashlib.sha1(url.encode()).hexdigest()[:16],
        "kind": "post",
        "source": src.get("source", "微博"),
        "platform": src.get("platform", "weibo"),
        "url": url,
    }
    if src.get("title"):
        p["title"] = src["title"]
    p["text"] = text
    p["author"] = src.get("author", "网友%d" % rng.randrange(100000))
    p["published_at"] = d.strftime("%Y-%m-%dT%H:%M:%S+08:00")
    p["metrics"] = {"reposts": rng.randrange(200), "comments": rng.randrange(100),
                    "likes": rng.randrange(500)}
    print(json.dumps(p, ensure_ascii=False, separators=(",", ":")))
