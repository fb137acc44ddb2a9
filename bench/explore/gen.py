#!/usr/bin/env python3
"""Write N post records for the yq-explore benchmark: the demo corpus (or
the explore test fixture) sampled and perturbed: fresh ids, times spread
over 30 days, engagement and heat varied.  Deterministic for a given N.

    gen.py N BASE...                 all N posts on standard output
    gen.py -d DIR -x K N BASE...     the posts in DIR/YYYY-MM-DD.ndjson,
                                     one file a day as the archive is
                                     kept; the last K of them dated the
                                     day after the 30, in DIR/next/"""
import datetime, hashlib, json, os, random, sys

args = sys.argv[1:]
outdir, extra = None, 0
while args and args[0] in ("-d", "-x"):
    if args[0] == "-d":
        outdir = args[1]
    else:
        extra = int(args[1])
    args = args[2:]
n = int(args[0])
srcs = args[1:]
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
t0 = 1763568000  # 2025-11-20T00:00:00+08:00
files = {}


def out_for(day, nextday):
    if outdir is None:
        return sys.stdout
    d = os.path.join(outdir, "next") if nextday else outdir
    name = os.path.join(d, day + ".ndjson")
    if name not in files:
        os.makedirs(d, exist_ok=True)
        files[name] = open(name, "w", encoding="utf-8")
    return files[name]


for i in range(n):
    r = dict(base[rnd.randrange(len(base))])
    r["id"] = hashlib.sha1(str(i).encode()).hexdigest()[:16]
    nextday = i >= n - extra
    t = t0 + (30 * 86400 + rnd.randrange(86400) if nextday
              else rnd.randrange(30 * 86400))
    dt = datetime.datetime(1970, 1, 1) + datetime.timedelta(seconds=t + 8 * 3600)
    r["published_at"] = dt.strftime("%Y-%m-%dT%H:%M:%S+08:00")
    r["heat"] = round(rnd.random() * 10, 2)
    r["risk"] = rnd.randrange(101)
    r["text"] = r.get("text", "") + " #%d" % rnd.randrange(1000)
    line = json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n"
    out_for(dt.strftime("%Y-%m-%d"), nextday).write(line)
for f in files.values():
    f.close()
