#!/usr/bin/env python3
"""10-fold cross-validation of sentiment on labelled NDJSON sets.

cv.py YQ_SCORE TMPDIR SET.ndjson ... prints, for each set, the mean and
standard deviation of the accuracy over the folds of: yq-score (its model
trained by `yq-score train` on the other nine folds, positive when the
score is above 0), the naive Bayes baseline (nb.py) and a character 1-3
gram logistic regression (scikit-learn: tf-idf, C = 1, liblinear).  The
folds are fixed: a record's fold is the crc32 of its id modulo 10, so
every method sees the same splits every run.  YQ_CV_ONLY=yq skips the
baselines (to try yq-score's settings quickly)."""
import json
import os
import statistics
import subprocess
import sys
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nb  # noqa: E402

K = 10


def fold_of(rec):
    return zlib.crc32(str(rec["id"]).encode()) % K


def yq_fold(yq, tmp, train, test):
    tr, te = os.path.join(tmp, "cv.tr"), os.path.join(tmp, "cv.te")
    model = os.path.join(tmp, "cv.model")
    for path, recs in ((tr, train), (te, test)):
        with open(path, "w", encoding="utf-8") as f:
            for r in recs:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    subprocess.run([yq, "train", "-o", model, tr] + os.environ.get("YQ_CV_TRAIN", "").split(),
                   check=True)
    out = subprocess.run([yq, "--model", model, te], check=True,
                         capture_output=True, text=True).stdout
    right = 0
    for line, r in zip(out.splitlines(), test):
        right += (json.loads(line)["sentiment"]["score"] > 0) == (int(r["label"]) == 1)
    return right / len(test)


def nb_fold(train, test):
    m = nb.train((r["text"], int(r["label"])) for r in train)
    return sum(nb.classify(m, r["text"]) == int(r["label"]) for r in test) / len(test)


def lr_fold(train, test):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True)
    x = vec.fit_transform([r["text"] for r in train])
    clf = LogisticRegression(C=1.0, solver="liblinear")
    clf.fit(x, [int(r["label"]) for r in train])
    pred = clf.predict(vec.transform([r["text"] for r in test]))
    return sum(int(p) == int(r["label"]) for p, r in zip(pred, test)) / len(test)


def cell(accs):
    if not accs:
        return "-"
    return "%.3f ± %.3f" % (statistics.mean(accs), statistics.stdev(accs))


def main():
    yq, tmp, sets = sys.argv[1], sys.argv[2], sys.argv[3:]
    only_yq = os.environ.get("YQ_CV_ONLY") == "yq"
    print("%-14s %7s  %-15s  %-15s  %-15s" % ("10-fold CV", "records", "yq-score",
                                             "naive Bayes", "char 1-3 LR"))
    for path in sets:
        recs = [json.loads(line) for line in open(path, encoding="utf-8")]
        acc = {"yq": [], "nb": [], "lr": []}
        for k in range(K):
            train = [r for r in recs if fold_of(r) != k]
            test = [r for r in recs if fold_of(r) == k]
            acc["yq"].append(yq_fold(yq, tmp, train, test))
            if not only_yq:
                acc["nb"].append(nb_fold(train, test))
                acc["lr"].append(lr_fold(train, test))
        name = os.path.basename(path).split(".")[0]
        print("%-14s %7d  %-15s  %-15s  %-15s" % (name, len(recs), cell(acc["yq"]),
                                                 cell(acc["nb"]), cell(acc["lr"])),
              flush=True)


main()
