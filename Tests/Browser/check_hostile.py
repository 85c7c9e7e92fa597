#!/usr/bin/env python3
"""Renders hostile lessons and checks in headless Chromium that no script ran.

Usage: check_hostile.py LESSON_BINARY [CORPUS_DIR]

CORPUS_DIR (default Tests/Browser/hostile) is copied into a scratch folder,
with what a pull request can add beside it: a lesson named
`javascript:alert(1).md`, a planted `lessons.json` whose summary is script, and
planted math-cache entries holding script. It is rendered twice (the second
time over the planted files) with LESSON_BINARY, without --unsafe-html. Every
page is then opened over file:// with JavaScript on, with traps installed
before any of its own script: `alert`, `confirm`, `prompt`, `print`, `open`,
`fetch`, `XMLHttpRequest`, `sendBeacon`, `WebSocket`, `EventSource` and a
`window.pwned` setter record a call. Each page must show:
  - no trap fired, on load, after hovering and focusing every element, and
    after pressing Enter on each search result of the index;
  - no request that leaves the output folder (another scheme, or a file outside it);
  - no element that runs script: a <script> other than the tool's own
    (assets/*.js), an on* attribute, <iframe>, <object>, <embed>, <base>,
    <meta http-equiv=refresh>; and no link or source whose scheme is not
    http, https or mailto (data: only for images, and the tool's CSV downloads);
  - no formula painted over an experiment block or the failure summary: on a
    grid of points over each, the element hit is never a formula outside it
    (overdraw.md smashes and kerns page-coloured rules over failing blocks;
    KaTeX's output is clipped to its own boxes by the page's stylesheet).
A control page, the raw-HTML lesson rendered with --unsafe-html, must set the
traps off: otherwise the check could not see script at all. Likewise
overdraw.html with the clipping undone must show a covered block.
Exit status 0 when every page passes, 1 otherwise, 2 when Chromium is missing.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_pages import Chromium, evaluate  # noqa: E402

# Installed before a page's own script; every way out counts as a fired trap.
TRAPS_JS = r"""
(() => {
  const fired = [];
  Object.defineProperty(window, '__fired', { value: fired });
  const trap = (name) => function () { fired.push(name + '(' + Array.from(arguments).map(String).join(', ').slice(0, 80) + ')'); };
  for (const name of ['alert', 'confirm', 'prompt', 'print', 'open', 'fetch']) window[name] = trap(name);
  window.XMLHttpRequest = function () { fired.push('XMLHttpRequest'); };
  window.WebSocket = function () { fired.push('WebSocket'); };
  window.EventSource = function () { fired.push('EventSource'); };
  navigator.sendBeacon = trap('sendBeacon');
  Object.defineProperty(window, 'pwned', { set: () => fired.push('window.pwned set'), get: () => undefined });
})();
"""

# What could run script later (a click, a hover, a timer) although nothing fired yet.
DOM_JS = r"""
(() => {
  const problems = [];
  const describe = (el) => '<' + el.tagName.toLowerCase() + '> ' + el.outerHTML.slice(0, 100);
  const assets = new URL('assets/', location.href).href;
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name)) problems.push('event attribute ' + attr.name + ' on ' + describe(el));
    }
    const tag = el.tagName.toLowerCase();
    if (['iframe', 'frame', 'object', 'embed', 'base', 'applet'].includes(tag)) problems.push('element ' + describe(el));
    if (tag === 'meta' && (el.getAttribute('http-equiv') || '').toLowerCase() === 'refresh') problems.push('refresh ' + describe(el));
    if (tag === 'script' && !(el.src && el.src.startsWith(assets) && el.src.endsWith('.js'))) problems.push('script ' + describe(el));
    for (const name of ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'srcset']) {
      const value = el.getAttribute(name);
      if (value === null) continue;
      let url;
      try { url = new URL(value, location.href); } catch (e) { continue; }
      const scheme = url.protocol;
      const fine = scheme === 'file:' || scheme === 'http:' || scheme === 'https:' || scheme === 'mailto:'
        || (scheme === 'data:' && tag === 'img' && /^data:image\/(png|gif|jpeg|webp);/i.test(value.trim()))
        // The tool's own table downloads: text a browser saves, never runs.
        || (scheme === 'data:' && tag === 'a' && el.hasAttribute('download') && /^data:text\/csv[;,]/i.test(value.trim()));
      if (!fine) problems.push(name + '="' + value.slice(0, 60) + '" (' + scheme + ') on ' + describe(el));
      if (scheme === 'file:' && !url.href.startsWith(new URL('.', location.href).href)) problems.push('a file outside the output folder: ' + value.slice(0, 80));
    }
  }
  return problems;
})()
"""

# A reader's hands: every element hovered, focused and its mouse events sent
# (a link is not followed: its scheme is checked above).
TOUCH_JS = r"""
(() => {
  let n = 0;
  for (const el of document.querySelectorAll('body *')) {
    for (const type of ['mouseover', 'mouseenter', 'focus', 'pointerdown']) {
      el.dispatchEvent(new Event(type, { bubbles: true }));
    }
    if (typeof el.focus === 'function') el.focus();
    n++;
  }
  return n;
})()
"""

# The index's search: each result chosen with the keyboard and opened with Enter.
SEARCH_JS = r"""
(async () => {
  const input = document.querySelector('form.search input');
  if (!input) return { opened: [], problem: 'no search box' };
  const opened = [];
  for (const word of ['javascript', 'alert', 'script', 'raw', 'link', 'math', 'text']) {
    input.value = word;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    const chosen = document.getElementById(input.getAttribute('aria-activedescendant') || '');
    if (chosen) opened.push((chosen.querySelector('a') || chosen).getAttribute('href'));
  }
  return { opened, problem: null };
})()
"""


# Formulas drawn over a block: points over each experiment block and the
# failure summary, hit-tested (what a reader sees and clicks there).
OVERDRAW_JS = r"""
(async () => {
  const problems = [];
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  const targets = document.querySelectorAll('figure.experiment, .failure-summary');
  for (const target of targets) {
    target.scrollIntoView({ block: 'start' });
    await frame();
    const box = target.getBoundingClientRect();
    const top = Math.max(box.top, 0), bottom = Math.min(box.bottom, window.innerHeight);
    let covered = 0, sampled = 0, example = '';
    for (let i = 1; i < 16; i++) {
      for (let j = 1; j < 16; j++) {
        const hit = document.elementFromPoint(box.left + box.width * i / 16, top + (bottom - top) * j / 16);
        sampled++;
        if (hit && !target.contains(hit) && hit.closest('.katex')) {
          covered++;
          example = example || (hit.closest('.katex').querySelector('annotation') || {}).textContent || '';
        }
      }
    }
    if (covered) problems.push(`a formula outside it covers ${covered} of ${sampled} points of <${target.tagName.toLowerCase()} class="${target.className}">: ${example.slice(0, 60)}`);
  }
  window.scrollTo(0, 0);
  return { blocks: targets.length, problems };
})()
"""

# The page's clipping of formulas undone, for the control.
UNCLIP_JS = r"""
(() => {
  const style = document.createElement('style');
  style.textContent = '.katex .base { overflow: visible !important; max-width: none !important; }';
  document.head.appendChild(style);
})()
"""


def overdraw(browser, session):
    """Problems of formulas covering blocks, and how many blocks were looked at."""
    found = evaluate(browser, session, OVERDRAW_JS, await_promise=True)
    if not isinstance(found, dict):
        return ["the overdraw check did not run"], 0
    return list(found.get("problems") or []), found.get("blocks", 0)


def prepare(corpus, scratch):
    lessons = os.path.join(scratch, "lessons")
    shutil.copytree(corpus, lessons)
    with open(os.path.join(lessons, "javascript:alert(1).md"), "w") as f:
        f.write("# A lesson whose name is a script\n\nFound by its title in the search box.\n")
    return lessons


def render(binary, scratch, lessons="lessons", out="out", extra=()):
    run = subprocess.run([binary, "render", lessons, "--out", out, "--cache-dir", "cache", "--jobs", "1", *extra],
                         cwd=scratch, capture_output=True, text=True, timeout=120,
                         env=dict(os.environ, SWIFT_BACKTRACE="enable=no"))
    return run


def plant(scratch):
    """What a pull request commits into the output and cache folders."""
    out = os.path.join(scratch, "out")
    manifest = os.path.join(out, "lessons.json")
    with open(os.path.join(out, "b.html"), "w") as f:
        f.write("<p>b</p>")
    with open(manifest, "w") as f:
        f.write('{"version":1,"lessons":[{"source":"gone/b.md","entry":{"title":"B","href":"b.html","blocks":0,'
                '"failedBlocks":0,"errors":0,"summary":"<img src=x onerror=alert(\'manifest\')>","expectationsNotMet":0}}]}')
    math = os.path.join(scratch, "cache", "math")
    for name in os.listdir(math) if os.path.isdir(math) else []:
        with open(os.path.join(math, name), "wb") as f:
            f.write(b"ok\n<span class=\"katex\"><img src=x onerror=alert('math cache')></span>")


def main(argv):
    if len(argv) < 2 or argv[1].startswith("-"):
        print(__doc__.strip())
        return 64
    binary = os.path.abspath(argv[1])
    corpus = os.path.abspath(argv[2]) if len(argv) > 2 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "hostile")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not chromium:
        print("chromium not found; install it with: apt-get install chromium (make setup does)", file=sys.stderr)
        return 2
    started = time.time()
    scratch = tempfile.mkdtemp(prefix="lesson-hostile-")
    failures = checks = 0
    browser = None
    try:
        prepare(corpus, scratch)
        first = render(binary, scratch)
        plant(scratch)
        second = render(binary, scratch)
        out = os.path.join(scratch, "out")
        pages = sorted(name for name in os.listdir(out) if name.endswith(".html"))
        # The render must have happened (its exit status is 1: the lessons have errors).
        if len(pages) < 5 or "index.html" not in pages:
            print(f"FAIL the hostile lessons were not rendered ({pages}):\n{first.stderr[-2000:]}\n{second.stderr[-2000:]}")
            return 1
        browser = Chromium(chromium)
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Network"):
            browser.send(domain + ".enable", session=session)
        browser.send("Page.addScriptToEvaluateOnNewDocument", {"source": TRAPS_JS}, session=session)
        folder = "file://" + out + "/"
        looked = {}

        def visit(url, extra=None):
            browser.events.clear()
            browser.send("Page.navigate", {"url": url}, session=session)
            browser.wait_for("Page.loadEventFired", session)
            browser.drain(0.3)
            problems = list(evaluate(browser, session, DOM_JS) or [])
            covered, blocks = overdraw(browser, session)
            problems += covered
            looked[url] = blocks
            touched = evaluate(browser, session, TOUCH_JS) or 0
            if extra:
                problems += extra()
            browser.drain(0.3)
            fired = evaluate(browser, session, "Array.from(window.__fired || ['the traps were not installed'])") or []
            problems += ["script ran: " + f for f in fired]
            for event in browser.events:
                if event.get("sessionId") == session and event.get("method") == "Network.requestWillBeSent":
                    request = event["params"]["request"]["url"]
                    if not (request.startswith(folder) or request.startswith("data:image/")):
                        problems.append("a request left the output folder: " + request[:120])
            location = evaluate(browser, session, "location.href") or ""
            if not location.startswith(folder):
                problems.append("the page navigated to " + location[:120])
            return problems, touched

        for page in pages:
            url = folder + page
            problems, touched = visit(url)
            checks += 1
            if problems:
                failures += 1
                print(f"FAIL {page}")
                for problem in problems[:12]:
                    print("     " + problem)
            else:
                print(f"ok   {page}: no script ran on load or on {touched} elements hovered and focused; nothing runs script or leaves the folder")
        # Each search result opened, as Enter would: by its href.
        browser.send("Page.navigate", {"url": folder + "index.html"}, session=session)
        browser.wait_for("Page.loadEventFired", session)
        found = evaluate(browser, session, SEARCH_JS, await_promise=True) or {}
        opened = [href for href in found.get("opened", []) if href]
        checks += 1
        if found.get("problem") or not opened:
            failures += 1
            print(f"FAIL index.html search: {found.get('problem') or 'no result chosen'}")
        else:
            search_problems = []
            # A page once, whatever the section (a fragment alone loads nothing).
            for href in sorted(set(h.split("#")[0] for h in opened)):
                problems, _ = visit(folder + href) if not href.lower().startswith("javascript:") else (["a result's link is " + href], 0)
                search_problems += [f"{href}: {p}" for p in problems]
            if search_problems:
                failures += 1
                print("FAIL index.html search results")
                for problem in search_problems[:12]:
                    print("     " + problem)
            else:
                print(f"ok   index.html search: {len(set(opened))} results opened, none ran script")
        # The control: raw HTML let through on purpose (--unsafe-html) must
        # set the traps off, or the check above could not have failed.
        render(binary, scratch, lessons="lessons/raw-html.md", out="control", extra=("--unsafe-html",))
        problems, _ = visit("file://" + os.path.join(scratch, "control", "raw-html.html"))
        checks += 1
        if not any(p.startswith("script ran: ") for p in problems) or not any(p.startswith("event attribute") for p in problems):
            failures += 1
            print(f"FAIL the control page (raw HTML passed with --unsafe-html) set no trap off: the check cannot see script: {problems[:3]}")
        else:
            print(f"ok   the control page (raw HTML passed with --unsafe-html) is caught: {len(problems)} problems, e.g. {problems[0]}")
        # The control of the overdraw check: the clipping undone, the
        # formulas of overdraw.md must be seen covering its failing blocks.
        url = folder + "overdraw.html"
        browser.send("Page.navigate", {"url": url}, session=session)
        browser.wait_for("Page.loadEventFired", session)
        evaluate(browser, session, UNCLIP_JS)
        covered, _ = overdraw(browser, session)
        checks += 1
        if looked.get(url, 0) < 2 or not covered:
            failures += 1
            print(f"FAIL the overdraw control: {looked.get(url, 0)} blocks looked at in overdraw.html, "
                  f"and with the clipping undone nothing was seen covered: the check cannot see a formula over a block")
        else:
            print(f"ok   the overdraw control (clipping undone) is caught: {covered[0]}")
    finally:
        if browser:
            browser.close()
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"hostile pages: {checks - failures} of {checks} checks passed in {time.time() - started:.1f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
