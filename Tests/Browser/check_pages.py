#!/usr/bin/env python3
"""Opens every rendered page in headless Chromium and checks what a reader sees.

Usage: check_pages.py OUTPUT_DIR [--screenshots DIR] [--widths 1280,390] [--allow-js-math]

Each page is loaded over file:// at every width (default 1280 and 390 CSS px),
with JavaScript on and off, and must show:
  - no console error, no uncaught exception, no failed load;
  - no KaTeX error and no raw TeX (a `.math` element that KaTeX did not typeset;
    with --allow-js-math, only checked with JavaScript on);
  - nothing wider than the viewport unless it sits in a scroll container;
  - chart text at least 11 CSS px, and every chart a <desc> for screen readers;
  - every line of a chart with a legend entry of its own (never "+N more");
  - a number with its ± and unit on one line (cards, inline values, numeric cells);
  - copy buttons in the page's language (the words reader.js reads from <main>).

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

CHECK_JS = r"""
(() => {
  const problems = [];
  const vw = document.documentElement.clientWidth;
  const describe = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    if (el.classList && el.classList.length) s += '.' + Array.from(el.classList).join('.');
    const text = (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 50);
    return s + (text ? ' "' + text + '"' : '');
  };
  const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
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
  // Copy buttons say the page's words (data-copy on <main>, in the lesson's language).
  const main = document.getElementById('content');
  const copyWord = main && main.getAttribute('data-copy');
  for (const button of document.querySelectorAll('.copy-button')) {
    if (copyWord && button.textContent !== copyWord) {
      problems.push('copy button says "' + button.textContent + '"; the page\'s word is "' + copyWord + '"');
      break;
    }
  }
  return { problems, raw, charts, smallestChartText: smallest === Infinity ? null : smallest,
           katex: document.querySelectorAll('.katex').length };
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


def main(argv):
    if len(argv) < 2 or argv[1].startswith("-"):
        print(__doc__.strip())
        return 64
    output = os.path.abspath(argv[1])
    shots = None
    widths = [1280, 390]
    allow_js_math = "--allow-js-math" in argv
    if "--screenshots" in argv:
        shots = os.path.abspath(argv[argv.index("--screenshots") + 1])
        os.makedirs(shots, exist_ok=True)
    if "--widths" in argv:
        widths = [int(w) for w in argv[argv.index("--widths") + 1].split(",")]
    binary = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not binary:
        print("chromium not found; install it with: apt-get install chromium (make setup does)", file=sys.stderr)
        return 2
    pages = sorted(name for name in os.listdir(output) if name.endswith(".html"))
    if not pages:
        print(f"no pages in {output}", file=sys.stderr)
        return 1
    started = time.time()
    browser = Chromium(binary)
    failures = 0
    try:
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            browser.send(domain + ".enable", session=session)
        for page in pages:
            url = "file://" + os.path.join(output, page)
            for width in widths:
                for js in (True, False):
                    browser.send("Emulation.setDeviceMetricsOverride",
                                 {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600},
                                 session=session)
                    browser.send("Emulation.setScriptExecutionDisabled", {"value": not js}, session=session)
                    browser.events.clear()
                    browser.send("Page.navigate", {"url": url}, session=session)
                    browser.wait_for("Page.loadEventFired", session)
                    browser.drain(0.15)
                    result = browser.send("Runtime.evaluate", {"expression": CHECK_JS, "returnByValue": True},
                                          session=session)
                    value = result.get("result", {}).get("value") or {}
                    problems = list(value.get("problems", ["the check script did not run"]))
                    problems += console_errors(browser.events, session)
                    if value.get("raw") and (js or not allow_js_math):
                        problems.append(f"raw TeX in {len(value['raw'])} formula(s), e.g. {value['raw'][0]!r}")
                    label = f"{page} @ {width}px, JavaScript {'on' if js else 'off'}"
                    smallest = value.get("smallestChartText")
                    detail = f"{value.get('charts', 0)} charts" + (f", smallest chart text {smallest:.1f} px" if smallest else "")
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
                        # Slices a screen or two high: easy to look at one by one.
                        metrics = browser.send("Page.getLayoutMetrics", session=session)
                        height = min(int(metrics["cssContentSize"]["height"]), 30000)
                        slice_height = 1400 if width < 600 else 1000
                        for n, top in enumerate(range(0, height, slice_height)):
                            shot = browser.send("Page.captureScreenshot", {
                                "format": "png", "captureBeyondViewport": True,
                                "clip": {"x": 0, "y": top, "width": width,
                                         "height": min(slice_height, height - top), "scale": 1}}, session=session)
                            name = f"{page[:-5]}-{width}-{'js' if js else 'nojs'}-{n:02d}.png"
                            with open(os.path.join(shots, name), "wb") as f:
                                f.write(base64.b64decode(shot["data"]))
    finally:
        browser.close()
    total = len(pages) * len(widths) * 2
    print(f"browser check: {total - failures} of {total} page loads passed ({len(pages)} pages, "
          f"widths {', '.join(map(str, widths))}, JavaScript on and off) in {time.time() - started:.1f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
