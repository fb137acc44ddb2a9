#!/usr/bin/env python3
"""Generate N post records for the whole-pipeline benchmark, in time order:
texts sampled from the real Weibo dev set (../shared/data/cluster/dev.ndjson)
and the demo corpus (news, gov, weibo, wechat, forum), perturbed (a suffix,
a place changed), with fresh ids, urls and times spread over N/20000 + 1
days (20,000 posts a day), and metrics.  Deterministic.

Stories come and go as they do in a real crawl: the pool is read in its
order (the demo corpus, then the dev set, which is sorted by
published_at), and post i is drawn from the WIDTH pool posts around
position i (mod the pool's size), so a story is talked about for some
hours, then falls quiet, and comes back only on the next pass over the
pool (every len(pool) posts, about eight days).  Drawing from the whole
pool at every moment would keep every story alive for the whole span,
which no crawl does, and would leave no event ever closed.

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
# A few posts gain a word or two; most at most a mark.  (Words added to
# half the posts, as before 2026-12-07, tie unrelated short posts into
# one event of half the stream, which no real crawl has.)
marks = ["！", "[怒]", "[围观]", "。"]
phrases = ["。大家注意。", "#关注#", "，求扩散", "，真的假的？"]
places = ["沄江", "北溪", "城东", "青石", "白沙", "临河", "杭州", "宁波"]
start = 1795104000          # 2026-11-20T00:00:00+08:00
span = (n // 20000 + 1) * 86400
step = span / max(n, 1)
WIDTH = 2000
for i in range(n):
    src = pool[(i + rng.randrange(WIDTH) - WIDTH // 2) % len(pool)]
    text = src["text"]
    if rng.random() < 0.3:
        text = text.replace(rng.choice(places), rng.choice(places), 1)
    r = rng.random()
    text += rng.choice(phrases) if r < 0.05 else rng.choice(marks) if r < 0.3 else ""
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
