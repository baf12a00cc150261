#!/usr/bin/env python3
"""Checks the HTML pages of a run folder as a browser would read them, with Python's html.parser:

- every Markdown report of the folder (not methodology.md) has its page (`X.md` -> `X.html`);
- the page starts with `<!doctype html>`, has `<html lang>`, `<meta charset="utf-8">` and a non-empty `<title>`;
- elements nest and close (void elements aside; `<p>`, `<li>`, `<td>`... must be closed too, as cmark writes them);
- nothing loads from elsewhere: no `<img>`, `<script>`, `<link>`, `<iframe>`, `<object>`, no `src` attribute, no CSS
  `url(` or `@import`; every link into the folder names a file that is there, every `#id` link an element of the page;
- ids are unique; every `<svg>` has `role="img"`, a `<title>` and a `<desc>`, and its `aria-labelledby` names ids
  of the page;
- every chart the Markdown embeds (`![...](charts/X.svg)`) is inline: one `<svg>` per image, holding the chart's
  title as it reads in charts/X.svg;
- the page ends with the methodology appendix (`<section id="methodology">`).

Usage: html_check.py RUN-FOLDER (prints one line per problem and a closing 'N passed, N failed' line).
No network, no Python packages.
"""
import html
import html.parser
import os
import re
import sys

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# SVG elements written self-closing (`<rect .../>`): html.parser reports them with handle_startendtag.
FORBIDDEN = {"img", "script", "link", "iframe", "object", "embed", "base", "frame"}


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.stack = []
        self.doctype = None
        self.first = None
        self.ids = []
        self.hrefs = []
        self.labelled = []
        self.svgs = []  # per <svg>: {"role", "title", "desc"}
        self.lang = None
        self.charset = None
        self.title = None
        self.text_target = None
        self.appendix = False
        self.style = ""

    def handle_decl(self, decl):
        if self.first is None:
            self.first = "doctype"
        self.doctype = decl

    def start(self, tag, attrs, closed):
        attributes = dict(attrs)
        if self.first is None:
            self.first = tag
        if tag in FORBIDDEN:
            self.problems.append("<%s> found" % tag)
        if "src" in attributes:
            self.problems.append("src attribute on <%s>: %s" % (tag, attributes["src"]))
        if "id" in attributes:
            self.ids.append(attributes["id"])
        if tag == "a" and attributes.get("href") is not None:
            self.hrefs.append(attributes["href"])
        if "aria-labelledby" in attributes:
            self.labelled.extend(attributes["aria-labelledby"].split())
        if tag == "html":
            self.lang = attributes.get("lang")
        if tag == "meta" and "charset" in attributes:
            self.charset = attributes["charset"]
        if tag == "section" and attributes.get("id") == "methodology":
            self.appendix = True
        if tag == "svg":
            self.svgs.append({"role": attributes.get("role"), "title": None, "desc": None})
        if tag in ("title", "desc") and not closed:
            self.text_target = tag
            self.text = ""
        if tag == "style" and not closed:
            self.text_target = "style"
            self.text = ""
        if not closed and tag not in VOID:
            self.stack.append(tag)

    def handle_starttag(self, tag, attrs):
        self.start(tag, attrs, False)

    def handle_startendtag(self, tag, attrs):
        self.start(tag, attrs, True)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append("</%s> closes <%s>" % (tag, self.stack[-1] if self.stack else "nothing"))
            if tag in self.stack:
                while self.stack and self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()
        if tag == self.text_target:
            text = self.text.strip()
            if tag == "style":
                self.style += self.text
            elif "svg" in self.stack and self.svgs:
                self.svgs[-1][tag] = text
            elif tag == "title":
                self.title = text
            self.text_target = None

    def handle_data(self, data):
        if self.text_target:
            self.text += data


def chart_title(path):
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as handle:
        match = re.search(r"<title[^>]*>(.*?)</title>", handle.read(), re.S)
    return html.unescape(match.group(1)).strip() if match else None


def check(folder, name):
    problems = []
    path = os.path.join(folder, name)
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    if not text.startswith("<!doctype html>\n"):
        problems.append("does not start with <!doctype html>")
    page = Page()
    page.feed(text)
    page.close()
    problems += page.problems
    if page.stack:
        problems.append("unclosed: " + " ".join("<%s>" % tag for tag in page.stack))
    if not page.lang:
        problems.append("<html> has no lang")
    if (page.charset or "").lower() != "utf-8":
        problems.append("no <meta charset=\"utf-8\">")
    if not page.title:
        problems.append("no <title>")
    if "url(" in page.style or "@import" in page.style:
        problems.append("the style loads something (url( or @import)")
    if not page.appendix:
        problems.append("no methodology appendix (<section id=\"methodology\">)")
    duplicates = sorted({i for i in page.ids if page.ids.count(i) > 1})
    if duplicates:
        problems.append("duplicate ids: " + ", ".join(duplicates))
    ids = set(page.ids)
    for label in page.labelled:
        if label not in ids:
            problems.append("aria-labelledby names a missing id: " + label)
    for href in page.hrefs:
        if href.startswith("#"):
            if href[1:] not in ids:
                problems.append("link to a missing anchor: " + href)
        elif not re.match(r"^[a-z][a-z0-9+.-]*:", href, re.I):
            if not os.path.exists(os.path.join(folder, href.split("#")[0])):
                problems.append("link to a missing file: " + href)
            if href.endswith(".md"):
                problems.append("link to a Markdown report, not its page: " + href)
    for number, svg in enumerate(page.svgs, 1):
        if svg["role"] != "img":
            problems.append("svg %d has no role=\"img\"" % number)
        if not svg["title"] or not svg["desc"]:
            problems.append("svg %d lacks its <title> or <desc>" % number)
    markdown = os.path.join(folder, name[:-len(".html")] + ".md")
    if os.path.exists(markdown):
        with open(markdown, encoding="utf-8") as handle:
            charts = re.findall(r"\]\((charts/[^)]+\.svg)\)", handle.read())
        if len(charts) != len(page.svgs):
            problems.append("%d charts in the Markdown, %d inline" % (len(charts), len(page.svgs)))
        titles = [svg["title"] for svg in page.svgs]
        for chart in charts:
            title = chart_title(os.path.join(folder, chart))
            if title is None:
                problems.append("chart file missing or without <title>: " + chart)
            elif title not in titles:
                problems.append("chart not inline: %s (%r)" % (chart, title))
    return problems


def main(folder):
    names = sorted(os.listdir(folder))
    passed = failed = 0
    for name in names:
        if name.endswith(".md") and name != "methodology.md" and name[:-3] + ".html" not in names:
            print("%s: no page %s.html" % (name, name[:-3]))
            failed += 1
    for name in names:
        if not name.endswith(".html"):
            continue
        problems = check(folder, name)
        for problem in problems:
            print("%s: %s" % (name, problem))
        if problems:
            failed += 1
        else:
            passed += 1
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: html_check.py RUN-FOLDER")
    sys.exit(main(sys.argv[1]))
