#!/usr/bin/env python3
"""Check a screenshot of a report: not blank, not clipped.

    pngcheck.py FILE.png

Decodes the PNG with the standard library (zlib): 8-bit RGB or RGBA,
not interlaced, as chromium writes them.  Fails (exit 1, a line on
stderr) when fewer than 2,000 pixels differ from the background (a blank
page: a report's title and summary alone take more), when the rightmost 8 columns hold content (clipped at the
side: a table or chart wider than the page), or when the bottom 8 rows
do (the page did not end inside the screenshot).  Prints the size and
the inked share.
"""
import struct
import sys
import zlib


def decode(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit("%s: not a PNG" % path)
    pos, idat = 8, b""
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    if depth != 8 or ctype not in (2, 6) or interlace:
        sys.exit("%s: PNG kind not handled (depth %d, colour type %d)" % (path, depth, ctype))
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows, prev = [], bytearray(stride)
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, bpp, rows


def main():
    path = sys.argv[1]
    w, h, bpp, rows = decode(path)
    bg = rows[0][:3]

    def inked(x, y):
        px = rows[y][x * bpp:x * bpp + 3]
        return sum(abs(px[i] - bg[i]) for i in range(3)) > 48

    total = sum(1 for y in range(0, h, 2) for x in range(0, w, 2) if inked(x, y))
    share = total / ((h // 2 + 1) * (w // 2 + 1))
    right = sum(1 for y in range(h) for x in range(w - 8, w) if inked(x, y))
    bottom = sum(1 for y in range(h - 8, h) for x in range(w) if inked(x, y))
    print("%s: %dx%d, %.1f%% inked" % (path, w, h, 100 * share))
    if total * 4 < 2000:
        sys.exit("%s: blank page" % path)
    if right > 0:
        sys.exit("%s: content at the right edge: clipped" % path)
    if bottom > 0:
        sys.exit("%s: content at the bottom edge: the page goes on (clipped)" % path)


if __name__ == "__main__":
    main()
