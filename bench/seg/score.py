#!/usr/bin/env python3
"""Score a segmentation against a gold one, the SIGHAN bakeoff way:
word-boundary precision, recall and F1 over words as character spans,
and OOV recall (gold words not in the training word list that were
found).  Lines are matched by position; words are separated by spaces.

    score.py GOLD TEST TRAINING_WORDS
"""
import sys


def spans(line):
    out, pos = [], 0
    for w in line.split():
        out.append((pos, pos + len(w)))
        pos += len(w)
    return out, pos


def main():
    gold_path, test_path, train_path = sys.argv[1:4]
    with open(train_path, encoding="utf-8") as f:
        train = {l.strip() for l in f if l.strip()}
    tp = ng = nt = oov = oov_hit = 0
    with open(gold_path, encoding="utf-8") as g, open(test_path, encoding="utf-8") as t:
        for n, (gl, tl) in enumerate(zip(g, t), 1):
            gs, glen = spans(gl)
            ts, tlen = spans(tl)
            if glen != tlen:
                sys.exit("score.py: line %d: %d characters in gold, %d in test"
                         % (n, glen, tlen))
            tset = set(ts)
            ng += len(gs)
            nt += len(ts)
            words = gl.split()
            for (span, w) in zip(gs, words):
                hit = span in tset
                tp += hit
                if w not in train:
                    oov += 1
                    oov_hit += hit
    p, r = tp / nt, tp / ng
    f = 2 * p * r / (p + r)
    print("P %.3f  R %.3f  F1 %.3f  OOV-R %.3f  (%d words, %d OOV)"
          % (p, r, f, oov_hit / max(oov, 1), ng, oov))


main()
