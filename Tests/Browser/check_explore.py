#!/usr/bin/env python3
"""Moves every control of every explorable block (explore:) in headless Chromium.

Usage: check_explore.py OUTPUT_DIR

For each page of OUTPUT_DIR with an explored block, over file://:
  - every value of every control is chosen by mouse, keyboard and touch (in
    turn), and then the block's table cells, chart paths, cards and notes must
    be those stored for that combination (its <template>, or the default's
    HTML), every inline value reading the block must show that combination's
    text, prose marked for the default must show only there, and the URL
    fragment must name the combination;
  - opening the page at such a fragment shows that combination;
  - with JavaScript off the default shows, with the line naming the values the
    interactive page offers, and no control; in print media the same line
    shows and the controls do not.
Exit status 0 when every check passes, 1 otherwise, 2 when Chromium is missing.
"""
import json
import os
import shutil
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_pages import Chromium, console_errors  # noqa: E402

# What a reader sees of a block's results: cells, chart paths, cards, notes.
SIGNATURE_JS = r"""
window.__exploreSignature = (root) => ({
  cells: Array.from(root.querySelectorAll('th, td')).map((c) => c.textContent),
  paths: Array.from(root.querySelectorAll('path')).map((p) => p.getAttribute('d')),
  cards: Array.from(root.querySelectorAll('dd')).map((d) => d.textContent),
  notes: Array.from(root.querySelectorAll('.block-note, .block-warning')).map((n) => n.textContent),
});
"""

STATE_JS = r"""
(() => {
  const sig = window.__exploreSignature;
  return Array.from(document.querySelectorAll('.explore[data-explore]')).map((root) => {
    const results = root.querySelector('.explore-results');
    const templates = {};
    for (const t of root.querySelectorAll('template[data-position]')) {
      const box = document.createElement('div');
      box.appendChild(t.content.cloneNode(true));
      templates[t.getAttribute('data-position')] = sig(box);
    }
    const id = root.getAttribute('data-explore');
    return {
      id, start: +root.getAttribute('data-default'),
      names: JSON.parse(results.getAttribute('data-names')), values: JSON.parse(results.getAttribute('data-values')),
      position: +results.getAttribute('data-position'), shown: sig(results), templates,
      inline: Array.from(document.querySelectorAll('[data-explore-value]'))
        .filter((v) => v.getAttribute('data-explore-value') === id)
        .map((v) => ({ text: v.textContent, texts: JSON.parse(v.getAttribute('data-texts')) })),
      defaultProse: Array.from(document.querySelectorAll('[data-explore-default]'))
        .filter((p) => p.getAttribute('data-explore-default') === id)
        .map((p) => p.getClientRects().length > 0),
      offerShown: root.querySelector('.explore-offer').getClientRects().length > 0,
      controlsShown: root.querySelector('.explore-controls').getClientRects().length > 0,
      checked: Array.from(root.querySelectorAll('.explore-setting')).map((c) => {
        const range = c.querySelector('input[type=range]');
        if (range) return +range.value;
        const on = c.querySelector('input:checked');
        return on ? +on.value : -1;
      }),
      hash: location.hash,
    };
  });
})()
"""


def position_of(block, indices):
    position = 0
    for s, values in enumerate(block["values"]):
        position = position * len(values) + indices[s]
    return position


def indices_of(block, position):
    indices = [0] * len(block["values"])
    for s in range(len(block["values"]) - 1, -1, -1):
        n = len(block["values"][s])
        indices[s] = position % n
        position //= n
    return indices


def expected_hash(block, position):
    from urllib.parse import quote
    if position == block["start"]:
        return ""
    indices = indices_of(block, position)
    return "&".join(quote(f"{block['id']}.{name}", safe="") + "=" + quote(block["values"][s][indices[s]], safe="")
                    for s, name in enumerate(block["names"]))


class Page:
    def __init__(self, browser, session, url):
        self.browser, self.session, self.url = browser, session, url

    def evaluate(self, expression):
        result = self.browser.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                        "awaitPromise": True}, session=self.session)
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"].get("text", "exception") + " in " + expression[:80])
        return result.get("result", {}).get("value")

    def load(self, url, js=True):
        self.browser.send("Emulation.setScriptExecutionDisabled", {"value": not js}, session=self.session)
        self.browser.send("Page.navigate", {"url": "about:blank"}, session=self.session)
        self.browser.wait_for("Page.loadEventFired", self.session)
        self.browser.events.clear()
        self.browser.send("Page.navigate", {"url": url}, session=self.session)
        self.browser.wait_for("Page.loadEventFired", self.session)
        self.browser.drain(0.1)
        if js:
            self.evaluate(SIGNATURE_JS)
            # The positions are unpacked when the page opens; wait for them.
            deadline = time.time() + 10
            while time.time() < deadline and not self.evaluate(
                    "document.querySelectorAll('.explore[data-explore]:not([data-explore-ready])').length === 0"):
                time.sleep(0.05)

    def state(self):
        return {b["id"]: b for b in self.evaluate(STATE_JS)}

    def rect(self, selector):
        """The centre and size of an element, scrolled into the middle of the screen."""
        return self.evaluate("(() => { const e = document.querySelector(%s); e.scrollIntoView({block: 'center'});"
                             " const r = e.getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; })()"
                             % json.dumps(selector))

    def click(self, x, y):
        for kind in ("mousePressed", "mouseReleased"):
            self.browser.send("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1},
                              session=self.session)

    def tap(self, x, y, to_x=None):
        self.browser.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]},
                          session=self.session)
        if to_x is not None:
            for step in range(1, 6):
                self.browser.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [
                    {"x": x + (to_x - x) * step / 5, "y": y}]}, session=self.session)
        self.browser.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []}, session=self.session)

    def key(self, name):
        codes = {"ArrowRight": 39, "ArrowLeft": 37}
        for kind in ("rawKeyDown", "keyUp"):
            self.browser.send("Input.dispatchKeyEvent", {"type": kind, "key": name, "code": name,
                                                         "windowsVirtualKeyCode": codes[name]}, session=self.session)


def choose(page, block, setting, value, current, method):
    """Moves control `setting` of `block` to value index `value` with `method`."""
    base = f".explore[data-explore=\"{block['id']}\"] .explore-setting[data-setting=\"{setting}\"]"
    is_range = page.evaluate(f"!!document.querySelector({json.dumps(base + ' input[type=range]')})")
    count = len(block["values"][setting])
    if method == "keyboard":
        target = base + (" input[type=range]" if is_range else f" input[value=\"{current}\"]")
        page.rect(target)
        page.evaluate(f"document.querySelector({json.dumps(target)}).focus()")
        for _ in range(abs(value - current)):
            page.key("ArrowRight" if value > current else "ArrowLeft")
        return
    if is_range:
        left, top, width, height = page.rect(base + " input[type=range]")
        # The thumb's centre travels between half a thumb from either end.
        thumb = 8
        x = left + thumb + (width - 2 * thumb) * value / (count - 1)
        from_x = left + thumb + (width - 2 * thumb) * current / (count - 1)
        if method == "touch":
            page.tap(from_x, top + height / 2, to_x=x)
        else:
            page.click(x, top + height / 2)
        return
    left, top, width, height = page.rect(base + f" input[value=\"{value}\"] + span")
    if method == "touch":
        page.tap(left + width / 2, top + height / 2)
    else:
        page.click(left + width / 2, top + height / 2)


def verify(block, position, label):
    """Problems with what `block` (a fresh STATE) shows, expected at `position`."""
    problems = []
    if block["position"] != position:
        return [f"{label}: shows position {block['position']}, expected {position}"]
    stored = block["templates"].get(str(position)) if position != block["start"] else block["default"]
    if stored is None:
        return [f"{label}: no stored run for position {position}"]
    for part in ("cells", "paths", "cards", "notes"):
        if block["shown"][part] != stored[part]:
            problems.append(f"{label}: the block's {part} are not those stored for position {position}")
    if not any(block["shown"][part] for part in ("cells", "paths", "cards")):
        problems.append(f"{label}: the block shows no cell, path or card")
    for n, value in enumerate(block["inline"]):
        want = value["texts"][position]
        if value["text"] != (want if want is not None else "?"):
            problems.append(f"{label}: inline value {n} reads {value['text']!r}, expected {want!r}")
    if any(shown != (position == block["start"]) for shown in block["defaultProse"]):
        problems.append(f"{label}: prose marked for the default is {'hidden' if position == block['start'] else 'shown'}")
    indices = indices_of(block, position)
    if block["checked"] != indices:
        problems.append(f"{label}: the controls read {block['checked']}, expected {indices}")
    return problems


def check_page(browser, session, path):
    url = "file://" + path
    page = Page(browser, session, url)
    problems = []
    moves = 0
    page.load(url)
    blocks = page.state()
    for block in blocks.values():
        block["default"] = block["shown"]
        if block["position"] != block["start"]:
            problems.append(f"{block['id']}: opens at position {block['position']}, not the default {block['start']}")
    methods = ["mouse", "keyboard", "touch"]
    turn = 0
    for id, block in blocks.items():
        for s, values in enumerate(block["values"]):
            # Every value, and back to the default, each by the next method.
            start = indices_of(block, block["start"])[s]
            order = [v for v in range(len(values)) if v != start] + [start]
            current = start
            for value in order:
                method = methods[turn % len(methods)]
                turn += 1
                touch = method == "touch"
                browser.send("Emulation.setTouchEmulationEnabled", {"enabled": touch, "maxTouchPoints": 1},
                             session=session)
                before = page.state()[id]
                indices = indices_of(before, before["position"])
                indices[s] = value
                position = position_of(before, indices)
                choose(page, before, s, value, current, method)
                browser.drain(0.05)
                now = page.state()[id]
                now["default"] = block["default"]
                label = f"{id}.{block['names'][s]} = {values[value]} by {method}"
                found = verify(now, position, label)
                want = expected_hash(now, position)
                if now["hash"].lstrip("#") != want:
                    found.append(f"{label}: the URL fragment is {now['hash']!r}, expected '#{want}'")
                problems += found
                moves += 1
                current = value
        browser.send("Emulation.setTouchEmulationEnabled", {"enabled": False}, session=session)
        # The fragment restores a combination: the last one, every setting moved.
        last = len(block["templates"]) and max(int(p) for p in block["templates"])
        page.load(url + "#" + expected_hash(block, last))
        restored = page.state()[id]
        restored["default"] = block["default"]
        problems += verify(restored, last, f"{id} opened at #{expected_hash(block, last)}")
        page.load(url)
    # Without JavaScript: the default, the line naming what the page offers, no control.
    page.load(url, js=False)
    browser.send("Emulation.setScriptExecutionDisabled", {"value": False}, session=session)
    page.evaluate(SIGNATURE_JS)
    for id, block in page.state().items():
        block["default"] = blocks[id]["default"]
        block["templates"] = blocks[id]["templates"]
        problems += verify(block, block["start"], f"{id} without JavaScript")
        if not block["offerShown"] or block["controlsShown"]:
            problems.append(f"{id} without JavaScript: the line of offered values must show and the controls must not"
                            f" (line {'shown' if block['offerShown'] else 'hidden'}, controls {'shown' if block['controlsShown'] else 'hidden'})")
    # On paper: the same line, no controls.
    page.load(url)
    browser.send("Emulation.setEmulatedMedia", {"media": "print"}, session=session)
    for id, block in page.state().items():
        if not block["offerShown"] or block["controlsShown"]:
            problems.append(f"{id} in print: the line of offered values must show and the controls must not")
    browser.send("Emulation.setEmulatedMedia", {"media": ""}, session=session)
    problems += console_errors(browser.events, session)
    return problems, moves, len(blocks)


def main(argv):
    if len(argv) < 2 or argv[1].startswith("-"):
        print(__doc__.strip())
        return 64
    output = os.path.abspath(argv[1])
    binary = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not binary:
        print("chromium not found; install it with: apt-get install chromium (make setup does)", file=sys.stderr)
        return 2
    pages = sorted(name for name in os.listdir(output) if name.endswith(".html")
                   and "data-explore=" in open(os.path.join(output, name), encoding="utf-8").read())
    started = time.time()
    browser = Chromium(binary)
    failures = 0
    total_moves = 0
    try:
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            browser.send(domain + ".enable", session=session)
        browser.send("Emulation.setDeviceMetricsOverride", {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False},
                     session=session)
        for name in pages:
            problems, moves, count = check_page(browser, session, os.path.join(output, name))
            total_moves += moves
            if problems:
                failures += 1
                print(f"FAIL {name} ({count} explored blocks, {moves} moves)")
                for problem in problems[:15]:
                    print("     " + problem)
                if len(problems) > 15:
                    print(f"     … and {len(problems) - 15} more")
            else:
                print(f"ok   {name} ({count} explored blocks, {moves} moves by mouse, keyboard and touch)")
    finally:
        browser.close()
    print(f"explore check: {len(pages) - failures} of {len(pages)} pages passed, {total_moves} moves, "
          f"in {time.time() - started:.1f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
