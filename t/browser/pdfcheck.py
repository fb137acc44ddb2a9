#!/usr/bin/env python3
"""Check a report printed to PDF by chromium: every page is A4.

    pdfcheck.py FILE.pdf

Reads the pages' /MediaBox entries (chromium writes them uncompressed)
and fails (exit 1, a line on stderr) when there is no page or a page is
not 595 x 842 points (210 x 297 mm).  Prints the number of pages.
"""
import re
import sys


def main():
    path = sys.argv[1]
    data = open(path, "rb").read()
    if not data.startswith(b"%PDF-"):
        sys.exit("%s: not a PDF" % path)
    boxes = re.findall(rb"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]", data)
    if not boxes:
        sys.exit("%s: no page" % path)
    for box in boxes:
        x0, y0, x1, y1 = (float(v) for v in box)
        if abs((x1 - x0) - 595.3) > 1.5 or abs((y1 - y0) - 841.9) > 1.5:
            sys.exit("%s: a page of %.0f x %.0f pt, not A4" % (path, x1 - x0, y1 - y0))
    print("%s: %d A4 pages" % (path, len(boxes)))


if __name__ == "__main__":
    main()
