#!/usr/bin/env python3
"""Sanity checks for the demo corpus: run after gen.py; exits 1 on any failure."""
import csv, gzip, hashlib, io, json, os, sys, re, subprocess
from datetime import datetime

HERE = os.path.dirname(os.path.abspath(__file__))
bad = 0

def fail(msg):
    global bad
    bad += 1
    print("FAIL:", msg)

def path(n):
    return os.path.join(HERE, n)

posts = [json.loads(l) for l in open(path("posts.ndjson"), encoding="utf-8")]
ids = set()
prev = ""
lo, hi = datetime.fromisoformat("2026-11-20T00:00:00+08:00"), datetime.fromisoformat("2026-11-23T00:00:00+08:00")
for p in posts:
    if p["id"] in ids:
        fail("duplicate id " + p["id"])
    ids.add(p["id"])
    if p["id"] != hashlib.sha1(p["url"].encode()).hexdigest()[:16]:
        fail("id is not sha1(url) " + p["id"])
    if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00", p["published_at"]):
        fail("time form " + p["published_at"])
    t = datetime.fromisoformat(p["published_at"])
    if not lo <= t < hi:
        fail("out of window " + p["id"])
    if p["published_at"] < prev:
        fail("not sorted at " + p["id"])
    prev = p["published_at"]
    if p["kind"] != "post" or p["platform"] not in ("news", "gov", "weibo", "wechat", "forum"):
        fail("kind/platform " + p["id"])
    if ("title" in p) != (p["platform"] in ("news", "gov", "wechat")):
        fail("title presence " + p["id"])
    if not all(isinstance(v, int) and v >= 0 for v in p["metrics"].values()):
        fail("metrics " + p["id"])
    if len(p["text"]) > 1200 or not p["text"].strip():
        fail("text length " + p["id"])
byurl = {p["url"]: p for p in posts}

# CSV, GBK and UTF-8 BOM: same rows, same posts
g = open(path("weibo.csv"), "rb").read().decode("gbk")
u = open(path("weibo-utf8bom.csv"), "rb").read()
if not u.startswith(b"\xef\xbb\xbf") or u[3:].decode("utf-8") != g:
    fail("weibo-utf8bom.csv differs from weibo.csv")
rows = list(csv.DictReader(io.StringIO(g, newline="")))
want = [p for p in posts if p["platform"] in ("weibo", "forum")]
if len(rows) != len(want):
    fail("csv rows %d != %d" % (len(rows), len(want)))
for r, p in zip(rows, want):
    if r["链接"] != p["url"] or r["正文"] != p["text"] or r["作者"] != p["author"]:
        fail("csv row %s" % r["序号"])
    if r["转发数"] != str(p["metrics"].get("reposts", "")):
        fail("csv reposts %s" % r["序号"])

# WeChat dumps
nd = [json.loads(l) for l in open(path("wechat.ndjson"), encoding="utf-8")]
if nd != json.load(open(path("wechat.json"), encoding="utf-8")):
    fail("wechat.json != wechat.ndjson")
for r in nd:
    p = byurl.get(r["链接"])
    if not p or p["text"] != r["内容"] or p["metrics"]["views"] != r["阅读数"]:
        fail("wechat " + r["链接"])
if len(nd) != sum(1 for p in posts if p["platform"] == "wechat"):
    fail("wechat count")

# WARC: walk records, check Content-Length and the blank lines after each block
def walk(data):
    off, recs = 0, []
    while off < len(data):
        end = data.index(b"\r\n\r\n", off)
        head = data[off:end].decode("utf-8").split("\r\n")
        if head[0] != "WARC/1.0":
            raise ValueError("bad version at %d" % off)
        h = dict(x.split(": ", 1) for x in head[1:])
        n = int(h["Content-Length"])
        block = data[end + 4:end + 4 + n]
        if len(block) != n or data[end + 4 + n:end + 8 + n] != b"\r\n\r\n":
            raise ValueError("bad length at %d" % off)
        recs.append((h, block))
        off = end + 8 + n
    return recs

plain = open(path("crawl.warc"), "rb").read()
recs = walk(plain)
gz = open(path("crawl.warc.gz"), "rb").read()
if gzip.decompress(gz) != plain:
    fail("crawl.warc.gz != crawl.warc")
members = gz.count(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02")
if members != len(recs):
    fail("gzip members %d != records %d" % (members, len(recs)))
html = 0
for h, block in recs:
    if h["WARC-Type"] != "response":
        continue
    hh, body = block.split(b"\r\n\r\n", 1)
    hl = hh.decode().split("\r\n")
    cl = int([x for x in hl if x.startswith("Content-Length:")][0].split(": ")[1])
    if cl != len(body):
        fail("HTTP Content-Length " + h["WARC-Target-URI"])
    if " 200 " in hl[0] and "text/html" in hh.decode():
        html += 1
        if h["WARC-Target-URI"] not in byurl:
            fail("warc uri not a post " + h["WARC-Target-URI"])
pages = [l.rstrip("\n").split("\t") for l in open(path("pages/expected.tsv"), encoding="utf-8")][1:]
if html != len(pages):
    fail("warc html responses %d != pages %d" % (html, len(pages)))
byfile = {}
for f, title, ts, b30 in pages:
    raw = open(path("pages/" + f), "rb").read()
    enc = "gbk" if b'charset="gbk"' in raw[:300] else "utf-8"
    text = raw.decode(enc)
    if title not in text or b30 not in text:
        fail("page " + f)
    if not any(p.get("title") == title and p["published_at"] == ts and p["text"][:30] == b30 for p in posts):
        fail("expected.tsv row " + f)

# feeds: well-formed (xmllint when present, else python)
for f in sorted(os.listdir(path("feeds"))):
    try:
        import xml.dom.minidom
        xml.dom.minidom.parse(path("feeds/" + f))
    except Exception as e:
        fail("feed %s: %s" % (f, e))
print("posts %d, csv rows %d, wechat %d, warc records %d (html pages %d), %s" % (
    len(posts), len(rows), len(nd), len(recs), html, "OK" if not bad else "%d FAILURES" % bad))
sys.exit(1 if bad else 0)
