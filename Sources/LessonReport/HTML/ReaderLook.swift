/// What makes the pages read well on a phone, on paper and when something
/// failed, plus the small script behind the copy buttons. Appended after
/// the base stylesheet, so these rules win where both speak.
enum ReaderLook {
    static let css = #"""
/* Phones: charts drawn for the width they are shown at (two drawings,
   swapped here), tables that scroll inside a box that says so, math that
   scrolls, numbers that keep their unit. */
.chart-wrap .chart-narrow { display: none; }
@media (max-width: 40rem) {
  .chart-wrap .chart-wide { display: none; }
  .chart-wrap .chart-narrow { display: block; }
  main { padding-left: 0.9rem; padding-right: 0.9rem; }
  figure.experiment { margin-left: -0.4rem; margin-right: -0.4rem; padding: 0.8rem 0.7rem 0.7rem; }
  ol.lessons li { flex-wrap: wrap; }
  ol.lessons li > div { flex: 1 1 100%; }
  dl.metrics > div { min-width: 0; flex: 1 1 8rem; }
  /* Touch screens have no hover, and the anchor would hang off the left edge. */
  a.anchor { display: none; }
}
.table-wrap {
  overflow-x: auto; max-width: 100%; position: relative;
  /* Shadows at an edge that has more table behind it (scroll-linked, no JS). */
  background:
    linear-gradient(to right, var(--panel, #fff) 30%, transparent) left center / 2.5rem 100% no-repeat local,
    linear-gradient(to left, var(--panel, #fff) 30%, transparent) right center / 2.5rem 100% no-repeat local,
    radial-gradient(farthest-side at 0 50%, rgba(0,0,0,.22), transparent) left center / 0.8rem 100% no-repeat scroll,
    radial-gradient(farthest-side at 100% 50%, rgba(0,0,0,.22), transparent) right center / 0.8rem 100% no-repeat scroll;
}
main > .table-wrap, blockquote .table-wrap, li .table-wrap {
  background:
    linear-gradient(to right, var(--bg) 30%, transparent) left center / 2.5rem 100% no-repeat local,
    linear-gradient(to left, var(--bg) 30%, transparent) right center / 2.5rem 100% no-repeat local,
    radial-gradient(farthest-side at 0 50%, rgba(0,0,0,.22), transparent) left center / 0.8rem 100% no-repeat scroll,
    radial-gradient(farthest-side at 100% 50%, rgba(0,0,0,.22), transparent) right center / 0.8rem 100% no-repeat scroll;
}
.table-wrap:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.table-wrap table { min-width: 100%; }
table.results tbody th[scope=row], table.results thead th:first-child {
  position: sticky; left: 0; z-index: 1; background: var(--panel);
  box-shadow: inset -1px 0 0 var(--rule);
}
table.results tbody th.highlight[scope=row] { background: var(--highlight); }
td.num, th.num, .value { white-space: nowrap; }
dl.metrics dd { overflow-wrap: anywhere; }
.math.display, .katex-display { display: block; max-width: 100%; overflow-x: auto; overflow-y: hidden;
  -webkit-overflow-scrolling: touch; padding: 0.2rem 0; }
.katex-display > .katex { white-space: nowrap; }
pre { max-width: 100%; }
.data-links { margin: -0.3rem 0 0.6rem; font: 12.5px/1.4 system-ui, sans-serif; text-align: right; }
.data-links a { color: var(--muted); }
.data-links a::before { content: "⤓ "; }

/* Failures: summary at the top, blocks that stand out, values marked. */
.failure-summary { background: var(--bad-bg); border: 2px solid var(--bad); border-radius: 8px;
  padding: 0.7rem 1rem 0.5rem; margin: 0 0 1.6rem; font: 15px/1.5 system-ui, sans-serif; }
.failure-summary h2 { font-size: 1.05rem; margin: 0 0 0.4rem; padding: 0; border: 0; color: var(--bad); }
.failure-summary ul { margin: 0; padding-left: 1.2rem; }
.failure-summary li { margin: 0.2rem 0; overflow-wrap: anywhere; }
.failure-summary .where { color: var(--muted); }
figure.experiment.failed { border: 2px solid var(--bad); box-shadow: inset 4px 0 0 var(--bad); }
figure.experiment.failed .experiment-head .status { background: var(--bad); color: var(--bg); padding: 0 0.5rem; border-radius: 999px; }
ul.expectations .verdict { font-weight: 600; }
ul.expectations li.held .verdict { color: var(--good); }
.value.from-failed { color: var(--bad); border-bottom: 2px dashed var(--bad); }
.value .why { font-weight: 400; font-size: 0.82em; margin-left: 0.25em; color: var(--bad); white-space: normal; }
.value.missing { white-space: normal; }
.page-errors { display: none; }

/* The block's YAML and the copy buttons. */
details.spec { margin: 0 0 0.6rem; }
details.spec > pre { margin: 0.4rem 0 0; }
.copyable { position: relative; }
.copy-button { position: absolute; top: 0.35rem; right: 0.35rem; font: 12px/1.2 system-ui, sans-serif;
  padding: 0.25rem 0.55rem; border: 1px solid var(--rule); border-radius: 6px; background: var(--bg);
  color: var(--muted); cursor: pointer; opacity: 0.85; }
.copy-button:hover, .copy-button:focus-visible { opacity: 1; color: var(--fg); }
.copy-button.done { color: var(--good); border-color: var(--good); }

/* Print: no half-empty pages, figures whole where they fit, headings with
   what follows. A block may be taller than a page, so only its parts are
   kept whole, never the whole block. */
@media print {
  .chart-wrap .chart-wide { display: block !important; }
  .chart-wrap .chart-narrow { display: none !important; }
  h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; break-inside: avoid; }
  h2 + p, h3 + p { break-before: avoid; }
  p, li { orphans: 3; widows: 3; }
  figure.experiment { break-inside: auto; page-break-inside: auto; margin: 1rem 0; border-width: 1px; box-shadow: none; }
  .experiment-head, .chart-wrap, .table-wrap, dl.metrics, ul.expectations, pre, .math.display, .katex-display,
  img, .failure-summary, figcaption { break-inside: avoid; page-break-inside: avoid; }
  .experiment-head { break-after: avoid; }
  .table-wrap { overflow: visible; background: none; }
  table.results tbody th[scope=row], table.results thead th:first-child { position: static; box-shadow: none; }
  .data-links, .copy-button, nav.toc { display: none; }
  .math.display, .katex-display { overflow: visible; }
  .value .why { color: inherit; }
}
"""#

    /// Copy buttons on code blocks and on each block's YAML. Without
    /// JavaScript there are no buttons (rather than dead ones).
    static let js = #"""
(function () {
  function copy(text, button) {
    function done(ok) {
      button.textContent = ok ? "Copied" : "Select and copy";
      button.classList.toggle("done", ok);
      setTimeout(function () { button.textContent = "Copy"; button.classList.remove("done"); }, 1600);
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(fallback(text)); });
    } else {
      done(fallback(text));
    }
  }
  function fallback(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok;
  }
  var blocks = document.querySelectorAll("main pre > code");
  for (var i = 0; i < blocks.length; i++) {
    var pre = blocks[i].parentNode;
    if (pre.classList.contains("copyable")) continue;
    pre.classList.add("copyable");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-button";
    button.textContent = "Copy";
    button.setAttribute("aria-label", "Copy this code");
    (function (code, button) {
      button.addEventListener("click", function () { copy(code.textContent, button); });
    })(blocks[i], button);
    pre.appendChild(button);
  }
})();
"""#
}
