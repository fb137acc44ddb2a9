#!/usr/bin/env python3
"""Score a clustering against gold labels: B-cubed precision, recall and F1
(averaged over items), NMI and ARI.  Reads NDJSON posts carrying the
predicted label (default event_id) and the gold one (default gold_event);
event records and posts without either are skipped.

    score.py FILE [PRED_FIELD [GOLD_FIELD]]
"""
import collections
import json
import math
import sys


def main():
    path = sys.argv[1]
    pf = sys.argv[2] if len(sys.argv) > 2 else "event_id"
    gf = sys.argv[3] if len(sys.argv) > 3 else "gold_event"
    pred, gold = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r.get("kind") == "event" or pf not in r or gf not in r:
                continue
            pred.append(r[pf])
            gold.append(r[gf])
    n = len(pred)
    pair = collections.Counter(zip(pred, gold))
    pc = collections.Counter(pred)
    gc = collections.Counter(gold)
    # B-cubed: for each item, the share of its predicted cluster with its
    # gold label (precision) and of its gold cluster in its prediction.
    p = sum(c * c / pc[a] for (a, b), c in pair.items()) / n
    r = sum(c * c / gc[b] for (a, b), c in pair.items()) / n
    f = 2 * p * r / (p + r)
    # NMI (arithmetic mean normalisation).
    mi = sum(c / n * math.log(c * n / (pc[a] * gc[b])) for (a, b), c in pair.items())
    hp = -sum(c / n * math.log(c / n) for c in pc.values())
    hg = -sum(c / n * math.log(c / n) for c in gc.values())
    nmi = 2 * mi / (hp + hg) if hp + hg > 0 else 1.0
    # ARI.
    comb = lambda x: x * (x - 1) / 2
    sij = sum(comb(c) for c in pair.values())
    sa = sum(comb(c) for c in pc.values())
    sb = sum(comb(c) for c in gc.values())
    expected = sa * sb / comb(n)
    ari = (sij - expected) / ((sa + sb) / 2 - expected) if sa + sb else 1.0
    print("B3 P %.3f  R %.3f  F1 %.3f  NMI %.3f  ARI %.3f  (%d posts, %d predicted, %d gold)"
          % (p, r, f, nmi, ari, n, len(pc), len(gc)))


main()
