#!/usr/bin/env python3
"""score.py: score extracted article bodies against reference bodies.

The measure is that of the article extraction benchmark the data comes
from: each body is cut into word tokens (runs of \\w), the tokens into
overlapping 4-grams; true positives, false positives and false negatives
are counted over the multisets of 4-grams and normalised per page, so a
long page weighs no more than a short one.  Precision and recall are
averaged over the pages (a page without predicted or without reference
4-grams is left out of that mean), and F1 is taken of the two means.

usage: score.py ground-truth.json predictions.ndjson
Each prediction line is {"key": SHA, "text": BODY}; a page with no line
counts as an empty prediction.  Prints one line per page with -v.
"""
import json
import re
import sys
from collections import Counter

WORD = re.compile(r'\w+')


def shingles(text, n=4):
    words = WORD.findall(text or '')
    grams = [tuple(words[i:i + n]) for i in range(max(1, len(words) - n + 1))]
    return Counter(g for g in grams if g)


def counts(true, pred):
    t, p = shingles(true), shingles(pred)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    total = tp + fp + fn
    if total:
        return tp / total, fp / total, fn / total
    return 0.0, 0.0, 0.0


def precision(tp, fp, fn):
    if fp == 0 and fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def recall(tp, fp, fn):
    if fp == 0 and fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


def main():
    args = [a for a in sys.argv[1:] if a != '-v']
    verbose = '-v' in sys.argv[1:]
    with open(args[0], encoding='utf-8') as f:
        truth = json.load(f)
    pred = {}
    with open(args[1], encoding='utf-8') as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                pred[r['key']] = r.get('text') or ''
    ps, rs = [], []
    for key in sorted(truth):
        tp, fp, fn = counts(truth[key].get('articleBody', ''), pred.get(key, ''))
        if tp + fp > 0:
            ps.append(precision(tp, fp, fn))
        if tp + fn > 0:
            rs.append(recall(tp, fp, fn))
        if verbose:
            print('%s P=%.3f R=%.3f' % (key[:12], precision(tp, fp, fn),
                                        recall(tp, fp, fn)))
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print('pages=%d F1=%.3f precision=%.3f recall=%.3f' % (len(truth), f1, p, r))


if __name__ == '__main__':
    main()
