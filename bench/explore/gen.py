#!/usr/bin/env python3
"""Write N post records for the yq-explore benchmark: the demo corpus (or
the explore test fixture) sampled and perturbed: fresh ids, times spread
over 30 days, engagement and heat varied.  Deterministic for a given N."""
import hashlib, json, random, sys

n = int(sys.argv[1])
srcs = sys.argv[2:]
base = []
for path in srcs:
    try:
        with open(path, encoding="utf-8") as f:
            base += [json.loads(l) for l in f if l.strip()]
    except OSError:
        pass
base = [r for r in base if r.get("kind", "post") == "post"]
if not base:
    sys.exit("gen.py: no posts in " + " ".join(srcs))
rnd = random.Random(42)
out = sys.stdout
t0 = 1763568000  # 2025-11-20T00:00:00+08:00 is not needed exactly
for i in range(n):
    r = dict(base[rnd.randrange(len(base))])
    r["id"] = hashlib.sha1(str(i).encode()).hexdigest()[:16]
    t = t0 + rnd.randrange(30 * 86400)
    d, s = divmod(t + 8 * 3600, 86400)
    import datetime
    dt = datetime.datetime(1970, 1, 1) + datetime.timedelta(seconds=t + 8 * 3600)
    r["published_at"] = dt.strftime("%Y-%m-%dT%H:%M:%S+08:00")
    r["heat"] = round(rnd.random() * 10, 2)
    r["risk"] = rnd.randrange(101)
    r["text"] = r.get("text", "") + " #%d" % rnd.randrange(1000)
    out.write(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n")
