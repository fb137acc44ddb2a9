#!/usr/bin/env python3
"""The baseline: multinomial naive Bayes over character unigrams and
bigrams, add-one smoothing.  nb.py TRAIN VALID -> accuracy on VALID;
nb.py --rate TRAIN POSTS -> posts classified per second (training not
counted; the labels of POSTS, if any, are not read).  cv.py imports
train and classify."""
import collections
import json
import math
import sys
import time


def feats(t):
    t = [c for c in t if not c.isspace()]
    return t + [a + b for a, b in zip(t, t[1:])]


def train(pairs):
    """The model of (text, label) pairs, labels 1 or 0."""
    counts = [collections.Counter(), collections.Counter()]
    docs = [0, 0]
    for text, y in pairs:
        docs[y] += 1
        counts[y].update(feats(text))
    vocab = len(set(counts[0]) | set(counts[1]))
    tot = [sum(c.values()) for c in counts]
    return counts, docs, tot, vocab


def classify(model, text):
    """1 when text reads positive, else 0."""
    counts, docs, tot, vocab = model
    s = [math.log(docs[y] / sum(docs)) + sum(
        math.log((counts[y][f] + 1) / (tot[y] + vocab)) for f in feats(text))
        for y in (0, 1)]
    return int(s[1] > s[0])


def records(path):
    for line in open(path, encoding="utf-8"):
        yield json.loads(line)


def main():
    rate = sys.argv[1] == "--rate"
    if rate:
        del sys.argv[1]
    model = train((r["text"], int(r["label"])) for r in records(sys.argv[1]))
    right = n = 0
    start = time.perf_counter()
    for r in records(sys.argv[2]):
        y = classify(model, r["text"])
        n += 1
        if not rate:
            right += y == int(r["label"])
    if rate:
        print("%.0f" % (n / (time.perf_counter() - start)))
    else:
        print("%.3f" % (right / n))


if __name__ == "__main__":
    main()
