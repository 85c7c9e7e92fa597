#!/usr/bin/env python3
"""Opens every rendered page in headless Chromium and checks what a reader sees.

Usage: check_pages.py OUTPUT_DIR [--screenshots DIR] [--widths 320,390,768,1024,1280,1440]
                      [--allow-js-math] [--print a.html,b.html] [--axe axe.min.js]

Each page is loaded over file:// twice, with JavaScript on and off, on a
390 px phone; it is then looked at at every width (default 320, 390, 768,
1024, 1280 and 1440 CSS px), in the light and the dark scheme (the window
resized, not reloaded: the same layout a load at that width gives, at a
twelfth of the cost). Every look must show:
  - no console error, no uncaught exception, no failed load;
  - no KaTeX error and no raw TeX (a `.math` element that KaTeX did not typeset;
    with --allow-js-math, only checked with JavaScript on);
  - nothing wider than the viewport unless it sits in a scroll container;
  - chart text at least 11 CSS px, and every chart a <desc> for screen readers;
  - every line of a chart with a legend entry of its own (never "+N more");
  - a number with its ± and unit on one line (cards, inline values, numeric cells);
  - copy buttons in the page's language (the words reader.js reads from <main>);
  - text at 4.5:1 contrast against what is behind it, chart lines and bars at
    3:1 against the panel behind the chart;
  - below 1024 px, the contents box closed (the lesson's title first), and on
    the phone load no layout shift (CLS under 0.1).

Two lessons (--print, default batch-norm.html and mini-batch.html) are then
laid out for A4 paper and printed to PDF: every table's right edge inside the
page box, the text dark on white although the screen's scheme is dark, and a
PDF with pages. On the index, the search box must work as a combobox.
With --axe (axe-core's axe.min.js; `make test-browser` fetches release 4.14.0),
every page is also run through axe-core's WCAG 2.x A and AA rules at 1280 px
in the light and the dark scheme, JavaScript on: no violation may remain.
Talks to Chromium over the DevTools protocol on a pipe (--remote-debugging-pipe),
so it needs nothing beyond Python's standard library and Debian's `chromium`.
Exit status 0 when every page passes, 1 otherwise, 2 when Chromium is missing.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import base64

# Shared by the scripts below: colours, contrast, what an element is.
HELPERS_JS = r"""
  const describe = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    if (el.classList && el.classList.length) s += '.' + Array.from(el.classList).join('.');
    const text = (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 50);
    return s + (text ? ' "' + text + '"' : '');
  };
  const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const rgba = (c) => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, bottom) => top.slice(0, 3).map((v, i) => v * top[3] + bottom[i] * (1 - top[3])).concat([1]);
  const luminance = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const backdrop = (el) => {
    const layers = [];
    for (let a = el; a; a = a.parentElement) {
      const c = rgba(getComputedStyle(a).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let colour = [255, 255, 255, 1];
    for (let i = layers.length - 1; i >= 0; i--) colour = over(layers[i], colour);
    return colour;
  };
"""

CHECK_JS = "(() => {" + HELPERS_JS + r"""
  const problems = [];
  const vw = document.documentElement.clientWidth;
  const scrolls = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const o = getComputedStyle(a).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') return true;
    }
    return false;
  };
  // KaTeX: errors and formulas left as TeX.
  for (const el of document.querySelectorAll('.katex-error')) {
    problems.push('KaTeX error: ' + (el.getAttribute('title') || el.textContent).slice(0, 120));
  }
  const raw = [];
  for (const el of document.querySelectorAll('.math')) {
    if (!el.querySelector('.katex')) raw.push(el.textContent.trim().slice(0, 60));
  }
  // Overflow: report the outermost element that sticks out of the viewport
  // without a scroll container around it.
  const wide = [];
  for (const el of document.querySelectorAll('body *')) {
    if (!visible(el) || el.closest('.katex-mathml')) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if ((r.right > vw + 1 || r.left < -1) && !scrolls(el)) {
      if (!wide.some((w) => w.contains(el))) wide.push(el);
    }
  }
  // Content that spills out of a box (long unbreakable text) without
  // moving the box itself.
  for (const el of document.querySelectorAll('main *')) {
    if (el.closest('.katex-mathml') || !visible(el) || wide.some((w) => w.contains(el))) continue;
    const style = getComputedStyle(el);
    if (style.overflowX !== 'visible' || el.scrollWidth <= el.clientWidth + 1 || el.clientWidth === 0) continue;
    const r = el.getBoundingClientRect();
    if (r.left + el.scrollWidth > vw + 1 && !scrolls(el) && !Array.from(el.children).some((c) => c.getBoundingClientRect().right > vw + 1)) wide.push(el);
  }
  for (const el of wide) {
    const r = el.getBoundingClientRect();
    problems.push('wider than the ' + vw + ' px viewport (' + Math.round(r.left) + '…' + Math.round(r.right) + '): ' + describe(el));
  }
  const sw = document.scrollingElement.scrollWidth;
  if (sw > vw + 1) problems.push('the page scrolls sideways: ' + sw + ' px in ' + vw + ' px');
  // Chart text: its font size times the SVG's scale.
  let smallest = Infinity, charts = 0;
  for (const svg of document.querySelectorAll('svg.chart')) {
    if (!visible(svg)) continue;
    charts++;
    const box = svg.viewBox && svg.viewBox.baseVal;
    const scale = box && box.width ? svg.getBoundingClientRect().width / box.width : 1;
    for (const t of svg.querySelectorAll('text')) {
      if (!visible(t) || !t.textContent.trim()) continue;
      const px = parseFloat(getComputedStyle(t).fontSize) * scale;
      if (px < smallest) smallest = px;
      if (px < 11 - 0.05) {
        problems.push('chart text ' + px.toFixed(1) + ' px (< 11): "' + t.textContent.trim().slice(0, 40) + '" in ' + describe(svg).slice(0, 60));
        break;
      }
    }
  }
  // Every chart has a text for screen readers (for a seeded block, the means it draws).
  for (const svg of document.querySelectorAll('svg.chart')) {
    const desc = svg.querySelector('desc');
    if (!desc || !desc.textContent.trim()) problems.push('chart without a <desc>: ' + describe(svg).slice(0, 60));
    // Every line is labelled: a chart of several lines has a legend entry for
    // each (never "+N more"), with visible text.
    const lines = Array.from(svg.querySelectorAll('g.series')).filter((g) => g.querySelector('path.line'));
    // A chart drawn for another width (the narrow or wide copy) is hidden by CSS: only the shown one is read.
    if (lines.length > 1 && visible(svg)) {
      const entries = Array.from(svg.querySelectorAll('g.legend > g'))
        .filter((g) => !g.classList.contains('ref') && visible(g) && (g.textContent || '').trim());
      if (entries.length < lines.length || svg.querySelector('.legend-more')) {
        problems.push('chart with ' + lines.length + ' lines and ' + entries.length + ' legend entries: ' + describe(svg).slice(0, 60));
      }
    }
  }
  // Chart lines and bars stand at 3:1 against the panel behind the chart
  // (WCAG 1.4.11, graphics), in the colour the stylesheet gives them.
  let lowGraphic = 0;
  for (const svg of document.querySelectorAll('svg.chart')) {
    if (!visible(svg) || lowGraphic >= 3) continue;
    const bg = backdrop(svg);
    for (const mark of svg.querySelectorAll('g.series path.line, g.series rect, g.legend path.line')) {
      const style = getComputedStyle(mark);
      const isRect = mark.tagName.toLowerCase() === 'rect';
      const paint = rgba(isRect ? style.fill : style.stroke);
      if (!paint) continue;
      const alpha = paint[3] * parseFloat(isRect ? style.fillOpacity : style.strokeOpacity);
      const colour = over([paint[0], paint[1], paint[2], alpha], bg);
      const [l1, l2] = [luminance(colour), luminance(bg)].sort((a, b) => b - a);
      const ratio = (l1 + 0.05) / (l2 + 0.05);
      if (ratio < 3 - 0.005) {
        lowGraphic++;
        problems.push('chart ' + (isRect ? 'bar ' + style.fill : 'line ' + style.stroke) + ' at ' + ratio.toFixed(2) + ':1 against rgb(' + bg.slice(0, 3).join(', ') + ') (needs 3:1): ' + describe(svg).slice(0, 50));
        break;
      }
    }
  }
  // A number with its ± and unit is on one line: cards, inline values, numeric cells.
  // A unit is %, or up to four characters starting with a letter (ms, s, MB,
  // °C): a separator such as "·" or "–" after a number may start a new line.
  const piece = /[−-]?\d[^\s\u00A0]*(?:[ \u00A0]±[ \u00A0][^\s\u00A0]+)?(?:[ \u00A0](?:%|[A-Za-zµ°][^\s\u00A0\d]{0,3})(?=[\s\u00A0]|$))?/g;
  for (const el of document.querySelectorAll('dl.metrics dd, .value, td.num, th.num')) {
    if (!visible(el)) continue;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let split = null;
    for (let node = walker.nextNode(); node && !split; node = walker.nextNode()) {
      for (const m of node.data.matchAll(piece)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => r.top);
        if (tops.length > 1 && Math.max(...tops) - Math.min(...tops) > 2) { split = m[0]; break; }
      }
    }
    if (split) problems.push('"' + split + '" splits across lines in ' + describe(el).slice(0, 60));
  }
  // The header lines up with the text, and its link and status stay on one
  // line (beside the sidebar a grid item once shrank to its content).
  const header = document.querySelector('header.page');
  const text = document.querySelector('main > h1, main > p');
  if (header && text && visible(header) && innerWidth >= 1024) {
    const padding = parseFloat(getComputedStyle(header).paddingLeft);
    const left = header.getBoundingClientRect().left + padding;
    if (Math.abs(left - text.getBoundingClientRect().left) > 2) {
      problems.push('header starts at ' + left.toFixed(0) + ' px, the text at ' + text.getBoundingClientRect().left.toFixed(0) + ' px');
    }
    for (const el of header.querySelectorAll(':scope > a, .badge')) {
      if (visible(el) && el.getClientRects().length > 1) problems.push('"' + el.textContent.trim() + '" wraps in the header');
    }
  }
  // Copy buttons say the page's words (data-copy on <main>, in the lesson's language).
  const main = document.getElementById('content');
  const copyWord = main && main.getAttribute('data-copy');
  for (const button of document.querySelectorAll('.copy-button')) {
    if (copyWord && button.textContent !== copyWord) {
      problems.push('copy button says "' + button.textContent + '"; the page\'s word is "' + copyWord + '"');
      break;
    }
  }
  // Contrast: every element with text of its own, against the first
  // background behind it (WCAG: 4.5:1, 3:1 for large text).
  let lowContrast = 0;
  for (const el of document.querySelectorAll('body *')) {
    if (lowContrast >= 5) break;
    if (el.closest('svg, .katex, script, style') || !visible(el)) continue;
    const own = Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.data.trim());
    if (!own) continue;
    const style = getComputedStyle(el);
    let fg = rgba(style.color);
    if (!fg) continue;
    let opacity = 1;
    for (let a = el; a; a = a.parentElement) opacity *= parseFloat(getComputedStyle(a).opacity);
    if (opacity === 0) continue;
    const bg = backdrop(el);
    fg = over([fg[0], fg[1], fg[2], fg[3] * opacity], bg);
    const [l1, l2] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
    const ratio = (l1 + 0.05) / (l2 + 0.05);
    const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight) >= 700;
    const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    if (ratio < needed - 0.005) {
      lowContrast++;
      problems.push('contrast ' + ratio.toFixed(2) + ':1 (needs ' + needed + ':1): ' + describe(el).slice(0, 70));
    }
  }
  // The contents box: closed in the markup, so a phone shows the title first
  // and nothing moves; its list shows beside the text from 1024 px.
  const box = document.querySelector('details.sidebar-box');
  if (box) {
    const list = box.querySelector('.lesson-list');
    if (box.open) problems.push('the contents box is open when the page loads');
    if (vw >= 1024 && !(list && list.checkVisibility())) problems.push('the contents list is hidden at ' + vw + ' px');
    if (vw < 1024 && list && list.checkVisibility()) problems.push('the contents list is shown at ' + vw + ' px');
  }
  // With JavaScript the nav is a tab stop only where it scrolls (beside the
  // text): on a phone the box's summary is the one stop.
  const nav = document.querySelector('nav.sidebar');
  if (nav && nav.hasAttribute('data-tab-stop')) {
    if (vw < 1024 && nav.hasAttribute('tabindex')) problems.push('the contents nav is a tab stop at ' + vw + ' px, where it does not scroll');
    if (vw >= 1024 && nav.getAttribute('tabindex') !== '0') problems.push('the contents nav, which scrolls at ' + vw + ' px, is not a tab stop');
  }
  return { problems, raw, charts, smallestChartText: smallest === Infinity ? null : smallest,
           katex: document.querySelectorAll('.katex').length };
})()
"""

# A page laid out for paper (print media, the width of A4's text box).
PRINT_JS = "(() => {" + HELPERS_JS + r"""
  const problems = [];
  const box = document.documentElement.clientWidth;
  let tables = 0;
  for (const t of document.querySelectorAll('main table')) {
    if (!visible(t)) continue;
    tables++;
    const r = t.getBoundingClientRect();
    if (r.right > box + 1 || r.left < -1) problems.push('table cut at the page edge (' + Math.round(r.left) + '…' + Math.round(r.right) + ' in ' + box + ' px): ' + describe(t).slice(0, 70));
  }
  for (const el of document.querySelectorAll('main p, main li, main td, main th, main h1, main h2, main figcaption, main dd')) {
    if (!visible(el) || !el.textContent.trim()) continue;
    const fg = rgba(getComputedStyle(el).color), bg = backdrop(el);
    if (fg && (luminance(fg) > 0.2 || luminance(bg) < 0.8)) {
      problems.push('printed text is not dark on light: ' + getComputedStyle(el).color + ' on rgb(' + bg.slice(0, 3).join(', ') + '): ' + describe(el).slice(0, 60));
      break;
    }
  }
  return { problems, tables };
})()
"""


class Chromium:
    def __init__(self, binary):
        self.profile = tempfile.mkdtemp(prefix="lesson-browser-")
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()

        def wire():
            os.dup2(to_chrome_r, 3)
            os.dup2(from_chrome_w, 4)

        self.process = subprocess.Popen(
            [binary, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
             "--user-data-dir=" + self.profile, "--no-first-run", "--no-default-browser-check",
             "--disable-extensions", "--disable-background-networking", "--hide-scrollbars",
             "--allow-file-access-from-files", "about:blank"],
            pass_fds=(3, 4), preexec_fn=wire, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def send(self, method, params=None, session=None, timeout=30):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_chrome, json.dumps(message).encode() + b"\0")
        deadline = time.time() + timeout
        while time.time() < deadline:
            reply = self.read(deadline)
            if reply is None:
                break
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)
        raise TimeoutError(method)

    def read(self, deadline):
        import select
        while b"\0" not in self.buffer:
            remaining = deadline - time.time()
            if remaining <= 0:
                return None
            ready, _, _ = select.select([self.from_chrome], [], [], remaining)
            if not ready:
                return None
            chunk = os.read(self.from_chrome, 1 << 20)
            if not chunk:
                return None
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def wait_for(self, method, session, timeout=30):
        deadline = time.time() + timeout
        while True:
            for i, event in enumerate(self.events):
                if event.get("method") == method and event.get("sessionId") == session:
                    del self.events[i]
                    return event
            event = self.read(deadline)
            if event is None:
                raise TimeoutError(method)
            self.events.append(event)

    def drain(self, timeout=0.05):
        deadline = time.time() + timeout
        while True:
            event = self.read(deadline)
            if event is None:
                return
            self.events.append(event)

    def close(self):
        try:
            os.write(self.to_chrome, json.dumps({"id": 0, "method": "Browser.close"}).encode() + b"\0")
            self.process.wait(timeout=5)
        except Exception:
            self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def console_errors(events, session):
    errors = []
    for event in events:
        if event.get("sessionId") != session:
            continue
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            errors.append("console error: " + " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            errors.append("uncaught exception: " + details.get("exception", {}).get("description", details.get("text", "")))
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            entry = params["entry"]
            errors.append(f"console error ({entry.get('source')}): {entry.get('text')} {entry.get('url', '')}".strip())
    return errors


# The search box as a keyboard and a screen reader use it, on one page.
SEARCH_JS = r"""
(() => {
  const problems = [];
  const input = document.querySelector('form.search input');
  const list = document.getElementById('search-results');
  const status = document.querySelector('form.search [role=status]');
  if (!input || !list || !status) return ['no search box (combobox, listbox and status)'];
  if (input.getAttribute('role') !== 'combobox' || list.getAttribute('role') !== 'listbox') problems.push('the search is not a combobox with a listbox');
  input.value = 'he';
  input.dispatchEvent(new Event('input'));
  if (list.hidden || input.getAttribute('aria-expanded') !== 'true') problems.push('typing "he" shows no results');
  if (!/\d/.test(status.textContent)) problems.push('the status line does not count the results: "' + status.textContent + '"');
  // "he" starts a word in every highlight: it finds "head", not "the".
  for (const mark of list.querySelectorAll('mark')) {
    const before = mark.previousSibling && mark.previousSibling.textContent.slice(-1);
    const folded = mark.textContent.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
    if (folded !== 'he' || (before && /[a-z0-9]/i.test(before))) { problems.push('a highlight inside a word: "' + (before || '') + mark.textContent + '"'); break; }
  }
  if (!list.querySelector('mark')) problems.push('no word of a result is highlighted');
  input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
  const chosen = input.getAttribute('aria-activedescendant');
  if (!chosen || !document.getElementById(chosen) || document.getElementById(chosen).getAttribute('aria-selected') !== 'true') problems.push('ArrowDown chooses no result');
  document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
  if (!list.hidden) problems.push('a tap outside leaves the results open');
  return problems;
})()
"""


def layout_shift(events, session):
    """The load's cumulative layout shift, from DevTools' performance
    timeline (it works with the page's JavaScript off)."""
    total = 0.0
    for event in events:
        if event.get("sessionId") == session and event.get("method") == "PerformanceTimeline.timelineEventAdded":
            details = event["params"]["event"].get("layoutShiftDetails") or {}
            if not details.get("hadRecentInput"):
                total += details.get("value", 0)
    return total


def evaluate(browser, session, expression, await_promise=False):
    result = browser.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                               "awaitPromise": await_promise}, session=session)
    return result.get("result", {}).get("value")


def set_view(browser, session, width, scheme, media=""):
    browser.send("Emulation.setDeviceMetricsOverride",
                 {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600}, session=session)
    browser.send("Emulation.setEmulatedMedia",
                 {"media": media, "features": [{"name": "prefers-color-scheme", "value": scheme}]}, session=session)


def load(browser, session, url):
    browser.events.clear()
    browser.send("Page.navigate", {"url": url}, session=session)
    browser.wait_for("Page.loadEventFired", session)
    browser.drain(0.15)


def screenshots(browser, session, shots, name):
    # Slices a screen or two high: easy to look at one by one.
    metrics = browser.send("Page.getLayoutMetrics", session=session)
    width = int(metrics["cssLayoutViewport"]["clientWidth"])
    height = min(int(metrics["cssContentSize"]["height"]), 30000)
    slice_height = 1400 if width < 600 else 1000
    for n, top in enumerate(range(0, height, slice_height)):
        shot = browser.send("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": top, "width": width, "height": min(slice_height, height - top), "scale": 1}}, session=session)
        with open(os.path.join(shots, f"{name}-{n:02d}.png"), "wb") as f:
            f.write(base64.b64decode(shot["data"]))


def check_print(browser, session, output, page):
    """Lays `page` out for A4 in the dark scheme, checks it, prints it."""
    # A4 less the 14 mm side margins of the stylesheet's @page, at 96 px per inch.
    box = round((210 - 2 * 14) / 25.4 * 96)
    browser.send("Emulation.setScriptExecutionDisabled", {"value": False}, session=session)
    set_view(browser, session, box, "dark", media="print")
    load(browser, session, "file://" + os.path.join(output, page))
    value = evaluate(browser, session, PRINT_JS) or {"problems": ["the print check did not run"]}
    problems = list(value["problems"])
    pdf = browser.send("Page.printToPDF", {"paperWidth": 210 / 25.4, "paperHeight": 297 / 25.4,
                                           "preferCSSPageSize": True, "printBackground": True}, session=session, timeout=120)
    data = base64.b64decode(pdf["data"])
    pages = data.count(b"/Type /Page\n") + data.count(b"/Type /Page>") + data.count(b"/Type /Page/") + data.count(b"/Type /Page ")
    if not data.startswith(b"%PDF") or pages == 0:
        problems.append("printing made no PDF pages")
    return problems, value.get("tables", 0), len(data), pages


# axe-core's rules for WCAG 2.0–2.2, levels A and AA; the violations, each with
# its rule, impact, how many elements and the first element's selector.
AXE_RUN_JS = r"""
  axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
                      resultTypes: ['violations'] })
    .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length,
                                            first: v.nodes.length ? v.nodes[0].target.join(' ') + ' ' + (v.nodes[0].failureSummary || '').replace(/\s+/g, ' ').slice(0, 160) : '' })))
    .catch((e) => [{ id: 'axe-error', impact: 'error', help: String(e), nodes: 0, first: '' }])
"""


def check_axe(browser, session, output, page, axe_source, scheme):
    """axe-core's violations on `page` at 1280 px in `scheme`, as lines."""
    browser.send("Emulation.setScriptExecutionDisabled", {"value": False}, session=session)
    set_view(browser, session, 1280, scheme)
    load(browser, session, "file://" + os.path.join(output, page))
    evaluate(browser, session, axe_source)
    violations = evaluate(browser, session, AXE_RUN_JS, await_promise=True)
    if violations is None:
        return ["axe-core did not run"]
    return [f"axe {v['id']} ({v['impact']}, {v['nodes']} element{'s' if v['nodes'] != 1 else ''}): {v['help']}; e.g. {v['first']}"
            for v in violations]


def main(argv):
    if len(argv) < 2 or argv[1].startswith("-"):
        print(__doc__.strip())
        return 64
    output = os.path.abspath(argv[1])
    shots = None
    widths = [320, 390, 768, 1024, 1280, 1440]
    printed = ["batch-norm.html", "mini-batch.html"]
    allow_js_math = "--allow-js-math" in argv
    if "--screenshots" in argv:
        shots = os.path.abspath(argv[argv.index("--screenshots") + 1])
        os.makedirs(shots, exist_ok=True)
    if "--widths" in argv:
        widths = [int(w) for w in argv[argv.index("--widths") + 1].split(",")]
    if "--print" in argv:
        printed = [p for p in argv[argv.index("--print") + 1].split(",") if p]
    axe_source = None
    if "--axe" in argv:
        axe_path = argv[argv.index("--axe") + 1]
        if not os.path.isfile(axe_path):
            print(f"axe-core not found at {axe_path}; `make test-browser` fetches it", file=sys.stderr)
            return 2
        with open(axe_path, encoding="utf-8") as f:
            axe_source = f.read()
    binary = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not binary:
        print("chromium not found; install it with: apt-get install chromium (make setup does)", file=sys.stderr)
        return 2
    pages = sorted(name for name in os.listdir(output) if name.endswith(".html"))
    if not pages:
        print(f"no pages in {output}", file=sys.stderr)
        return 1
    printed = [p for p in printed if p in pages] or pages[:1]
    started = time.time()
    browser = Chromium(binary)
    failures = looks = 0
    try:
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            browser.send(domain + ".enable", session=session)
        browser.send("PerformanceTimeline.enable", {"eventTypes": ["layout-shift"]}, session=session)
        for page in pages:
            url = "file://" + os.path.join(output, page)
            for js in (True, False):
                browser.send("Emulation.setScriptExecutionDisabled", {"value": not js}, session=session)
                set_view(browser, session, 390, "light")
                load(browser, session, url)
                shift = layout_shift(browser.events, session)
                load_problems = console_errors(browser.events, session)
                if shift > 0.1:
                    load_problems.append(f"layout shift {shift:.2f} while loading at 390 px (0.1 is good)")
                for scheme in ("light", "dark"):
                    for width in widths:
                        set_view(browser, session, width, scheme)
                        value = evaluate(browser, session, CHECK_JS) or {}
                        problems = list(value.get("problems", ["the check script did not run"]))
                        if scheme == "light" and width == widths[0]:
                            problems += load_problems
                        if value.get("raw") and (js or not allow_js_math):
                            problems.append(f"raw TeX in {len(value['raw'])} formula(s), e.g. {value['raw'][0]!r}")
                        label = f"{page} @ {width}px, {scheme}, JavaScript {'on' if js else 'off'}"
                        smallest = value.get("smallestChartText")
                        detail = f"{value.get('charts', 0)} charts" + (f", smallest chart text {smallest:.1f} px" if smallest else "")
                        looks += 1
                        if problems:
                            failures += 1
                            print(f"FAIL {label} ({detail})")
                            for problem in problems[:12]:
                                print("     " + problem)
                            if len(problems) > 12:
                                print(f"     … and {len(problems) - 12} more")
                        else:
                            print(f"ok   {label} ({detail})")
                        if shots:
                            screenshots(browser, session, shots, f"{page[:-5]}-{width}-{scheme}-{'js' if js else 'nojs'}")
        if "index.html" in pages:
            browser.send("Emulation.setScriptExecutionDisabled", {"value": False}, session=session)
            set_view(browser, session, 1280, "light")
            load(browser, session, "file://" + os.path.join(output, "index.html"))
            problems = evaluate(browser, session, SEARCH_JS)
            problems = ["the search check did not run"] if problems is None else problems
            looks += 1
            if problems:
                failures += 1
                print("FAIL index.html search")
                for problem in problems:
                    print("     " + problem)
            else:
                print("ok   index.html search: a combobox, results by word start, highlighted, counted, chosen with the arrows, closed by a tap outside")
        if axe_source:
            for page in pages:
                for scheme in ("light", "dark"):
                    problems = check_axe(browser, session, output, page, axe_source, scheme)
                    looks += 1
                    if problems:
                        failures += 1
                        print(f"FAIL {page} axe-core @ 1280px, {scheme}")
                        for problem in problems[:12]:
                            print("     " + problem)
                    else:
                        print(f"ok   {page} axe-core @ 1280px, {scheme}: no violations")
        for page in printed:
            problems, tables, size, count = check_print(browser, session, output, page)
            looks += 1
            if problems:
                failures += 1
                print(f"FAIL {page} printed on A4 in the dark scheme ({tables} tables, {count} pages)")
                for problem in problems[:12]:
                    print("     " + problem)
            else:
                print(f"ok   {page} printed on A4 in the dark scheme ({tables} tables inside the page box, dark text, {count} PDF pages, {size // 1024} kB)")
    finally:
        browser.close()
    print(f"browser check: {looks - failures} of {looks} looks passed ({len(pages)} pages, widths {', '.join(map(str, widths))}, "
          f"light and dark, JavaScript on and off; {len(printed)} printed{'; axe-core' if axe_source else ''}) in {time.time() - started:.1f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
