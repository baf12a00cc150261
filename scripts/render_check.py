#!/usr/bin/env python3
"""Checks the SVG charts of a run folder as readers see them: renders each with rsvg-convert and fails when

- any pixel of the image's outer 1-px border is not the background (ink runs off an edge: clipped text);
- a text's box, measured with the font the charts name first (DejaVu Sans, widths from the TTF files), leaves the
  canvas or overlaps another text's box;
- two row labels of one chart read the same.

Usage: render_check.py CHART.svg... (prints one line per problem and a closing 'N passed, N failed' line).
Needs rsvg-convert (Debian librsvg2-bin) and fonts-dejavu-core; no network, no Python packages.
"""
import html
import os
import re
import struct
import subprocess
import sys
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import importlib.util

_spec = importlib.util.spec_from_file_location(
    "font_metrics", os.path.join(os.path.dirname(os.path.abspath(__file__)), "font-metrics.py"))
font_metrics = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(font_metrics)

FONTS = "/usr/share/fonts/truetype/dejavu"
ASCENT, DESCENT = 0.8, 0.24  # of the font size: the box a line of text occupies around its baseline


class Font:
    def __init__(self, path):
        data = open(path, "rb").read()
        t = font_metrics.tables(data)
        self.units = struct.unpack(">H", data[t["head"][0] + 18:t["head"][0] + 20])[0]
        count = struct.unpack(">H", data[t["hhea"][0] + 34:t["hhea"][0] + 36])[0]
        hmtx = t["hmtx"][0]
        self.widths = [struct.unpack(">H", data[hmtx + 4 * i:hmtx + 4 * i + 2])[0] for i in range(count)]
        self.cmap = font_metrics.cmap(data, t["cmap"][0])

    def width(self, text, size):
        total = 0
        for ch in text:
            glyph = self.cmap.get(ord(ch))
            if glyph is None:
                raise ValueError("no glyph for U+%04X in DejaVu Sans" % ord(ch))
            total += self.widths[min(glyph, len(self.widths) - 1)]
        return total * size / self.units


REGULAR = Font(FONTS + "/DejaVuSans.ttf")
BOLD = Font(FONTS + "/DejaVuSans-Bold.ttf")

TEXT = re.compile(r"<text ([^>]*)>(.*?)</text>")
ATTR = re.compile(r'([a-z-]+)="([^"]*)"')
LABEL = re.compile(r'<g class="label">(.*?)</g>')
SIZE = re.compile(r'<svg [^>]*width="(\d+)" height="(\d+)"')


def boxes(svg):
    out = []
    for attributes, content in TEXT.findall(svg):
        a = dict(ATTR.findall(attributes))
        text = html.unescape(content)
        size = float(a["font-size"])
        font = BOLD if a.get("font-weight") == "bold" else REGULAR
        w = font.width(text, size)
        x, y = float(a["x"]), float(a["y"])
        anchor = a.get("text-anchor", "start")
        left = x - w if anchor == "end" else x - w / 2 if anchor == "middle" else x
        out.append((left, y - ASCENT * size, left + w, y + DESCENT * size, text))
    return out


def png_pixels(data):
    """(width, height, rows of RGBA tuples) of an 8-bit RGBA or RGB PNG (what rsvg-convert writes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6), "unexpected PNG type"
            channels = 4 if colour == 6 else 3
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous, at = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[at], bytearray(raw[at + 1:at + 1 + stride])
        at += 1 + stride
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = previous[i]
            c = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, channels, rows


def border_ink(path):
    png = subprocess.run(["rsvg-convert", "-f", "png", path], check=True, capture_output=True).stdout
    width, height, channels, rows = png_pixels(png)
    background = rows[0][:channels]
    edges = [(x, 0) for x in range(width)] + [(x, height - 1) for x in range(width)]
    edges += [(0, y) for y in range(height)] + [(width - 1, y) for y in range(height)]
    for x, y in edges:
        if rows[y][x * channels:(x + 1) * channels] != background:
            return "ink at the edge (%d, %d) of the %d×%d image" % (x, y, width, height)
    if background[:3] != b"\xff\xff\xff":
        return "background is not white"
    return None


def check(path):
    svg = open(path, encoding="utf-8").read()
    problems = []
    width, height = map(float, SIZE.search(svg).groups())
    found = boxes(svg)
    for left, top, right, bottom, text in found:
        if left < 1 or top < 1 or right > width - 1 or bottom > height - 1:
            problems.append("text leaves the canvas: %r (%.1f, %.1f, %.1f, %.1f)" % (text, left, top, right, bottom))
    for i in range(len(found)):
        for j in range(i + 1, len(found)):
            a, b = found[i], found[j]
            if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]:
                problems.append("texts overlap: %r and %r" % (a[4], b[4]))
    labels = [" ".join(html.unescape(t) for _, t in TEXT.findall(group)) for group in LABEL.findall(svg)]
    seen = set()
    for label in labels:
        if label in seen:
            problems.append("two labels read the same: %r" % label)
        seen.add(label)
    ink = border_ink(path)
    if ink:
        problems.append(ink)
    return problems


def main(paths):
    passed = failed = 0
    for path in paths:
        problems = check(path)
        if problems:
            failed += 1
            for problem in problems:
                print("%s: %s" % (path, problem))
        else:
            passed += 1
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed or not paths else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
