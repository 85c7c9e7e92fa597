/// The pages' CSS: a readable textbook column, light and dark themes, print.
enum Stylesheet {
    static let css = #"""
:root {
  --bg: #fdfdfc; --fg: #1d1f23; --muted: #5b616b; --rule: #e3e4e8; --panel: #f5f6f8;
  --accent: #0b63b6; --good: #137a3a; --bad: #b3261e; --highlight: #fff3c4; --code-bg: #f1f2f4;
  --good-bg: #e7f5ec; --bad-bg: #fdecea;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root:not([data-theme=light]) {
    --bg: #16181c; --fg: #e6e7ea; --muted: #a0a6b0; --rule: #2d3138; --panel: #1e2127;
    --accent: #6cb2ff; --good: #5cc98a; --bad: #ff8a80; --highlight: #4a3f12; --code-bg: #23262d;
    --good-bg: #17301f; --bad-bg: #3a1c1a;
  }
}
:root[data-theme=dark] {
  --bg: #16181c; --fg: #e6e7ea; --muted: #a0a6b0; --rule: #2d3138; --panel: #1e2127;
  --accent: #6cb2ff; --good: #5cc98a; --bad: #ff8a80; --highlight: #4a3f12; --code-bg: #23262d;
  --good-bg: #17301f; --bad-bg: #3a1c1a;
}
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--fg); }
body { margin: 0; font: 17px/1.65 "Charter", "Bitstream Charter", "Sitka Text", Cambria, Georgia, serif;
  -webkit-text-size-adjust: 100%; }
main { max-width: 46rem; margin: 0 auto; padding: 2.5rem 1.25rem 4rem; }
header.page { max-width: 46rem; margin: 0 auto; padding: 1rem 1.25rem 0; display: flex; gap: 1rem;
  align-items: center; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--muted); }
header.page a { color: var(--muted); }
header.page .spacer { flex: 1; }
h1, h2, h3, h4 { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.25;
  letter-spacing: -0.01em; position: relative; }
h1 { font-size: 2.1rem; margin: 0.5rem 0 1.5rem; }
h2 { font-size: 1.45rem; margin: 2.6rem 0 0.8rem; padding-bottom: 0.25rem; border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.15rem; margin: 2rem 0 0.6rem; }
a { color: var(--accent); }
a.anchor { position: absolute; left: -1.1em; opacity: 0; text-decoration: none; color: var(--muted); }
h1:hover a.anchor, h2:hover a.anchor, h3:hover a.anchor { opacity: 1; }
code, pre, .block-id { font-family: "JetBrains Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.86em; }
:not(pre) > code { background: var(--code-bg); padding: 0.1em 0.3em; border-radius: 4px; }
pre { background: var(--code-bg); padding: 0.9rem 1rem; border-radius: 8px; overflow-x: auto; line-height: 1.45; }
blockquote { margin: 1.2rem 0; padding: 0.2rem 1rem; border-left: 4px solid var(--rule); color: var(--muted); }
hr { border: 0; border-top: 1px solid var(--rule); margin: 2.5rem 0; }
img { max-width: 100%; }
ul.tasks { list-style: none; padding-left: 1.2rem; }
.table-wrap { overflow-x: auto; margin: 1rem 0; }
table { border-collapse: collapse; font: 15px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; min-width: 50%; }
th, td { padding: 0.35rem 0.75rem; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--fg); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.highlight, th.highlight { background: var(--highlight); }
td.good { color: var(--good); font-weight: 600; }
td.bad { color: var(--bad); font-weight: 600; }
table.results { font-size: 13.5px; }
table.results th, table.results td { padding: 0.3rem 0.5rem; }
table.results thead th { vertical-align: bottom; }
caption { caption-side: top; text-align: left; color: var(--muted); font-size: 0.9em; padding-bottom: 0.4rem; }
.math.display { display: block; margin: 1.1rem 0; overflow-x: auto; overflow-y: hidden; text-align: center; }
.value { font-variant-numeric: tabular-nums; font-weight: 600; border-bottom: 1px dotted var(--muted); }
.value.missing { color: var(--bad); }
@media (min-width: 60rem) {
  figure.experiment { margin-left: -3rem !important; margin-right: -3rem !important; }
}
figure.experiment { margin: 1.8rem -0.5rem; padding: 1rem 1.1rem 0.8rem; background: var(--panel);
  border: 1px solid var(--rule); border-radius: 10px; }
figure.experiment.failed { border-color: var(--bad); }
.experiment-head { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: baseline;
  font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--muted); margin-bottom: 0.6rem; }
.experiment-head .kind { text-transform: uppercase; letter-spacing: 0.06em; font-weight: 700; color: var(--accent); }
.experiment-head .status { margin-left: auto; font-weight: 600; }
.experiment-head .status.passed { color: var(--good); }
.experiment-head .status.failed { color: var(--bad); }
dl.metrics { display: flex; flex-wrap: wrap; gap: 0.8rem; margin: 0.4rem 0 0.8rem; }
dl.metrics > div { background: var(--bg); border: 1px solid var(--rule); border-radius: 8px; padding: 0.5rem 0.8rem; min-width: 9rem; }
dl.metrics dt { font: 12px/1.3 system-ui, sans-serif; color: var(--muted); text-transform: uppercase; letter-spacing: 0.04em; }
dl.metrics dd { margin: 0; font: 600 1.35rem/1.3 system-ui, sans-serif; font-variant-numeric: tabular-nums; }
dl.metrics dd.detail { font: 12px/1.3 system-ui, sans-serif; color: var(--muted); }
.chart-wrap { margin: 0.8rem 0; }
.chart-wrap svg { display: block; width: 100%; height: auto; }
figure.experiment .chart { --chart-bg: var(--panel); }
ul.expectations { list-style: none; padding: 0; margin: 0.6rem 0 0.2rem; font: 14px/1.5 system-ui, sans-serif; }
ul.expectations li { padding: 0.15rem 0; }
ul.expectations .mark { display: inline-block; width: 1.2em; font-weight: 700; }
ul.expectations li.held .mark { color: var(--good); }
ul.expectations li.broken { color: var(--bad); }
ul.expectations .actual { color: var(--muted); font-size: 0.92em; }
.diagnostics { background: var(--bad-bg); border-left: 4px solid var(--bad); padding: 0.5rem 0.9rem; border-radius: 6px;
  font: 14px/1.5 system-ui, sans-serif; }
.diagnostics p { margin: 0.25rem 0; }
.diagnostics .where { font-family: "DejaVu Sans Mono", Menlo, monospace; font-size: 0.9em; color: var(--muted); }
.diagnostics .note { padding-left: 1rem; color: var(--muted); }
.block-note { color: var(--muted); font-size: 0.92em; }
.block-warning { background: var(--bad-bg); padding: 0.4rem 0.8rem; border-radius: 6px; }
details.spec summary { cursor: pointer; color: var(--muted); font: 13px system-ui, sans-serif; }
figcaption { color: var(--muted); font-size: 0.93em; margin-top: 0.5rem; }
.badge { display: inline-block; padding: 0.1rem 0.55rem; border-radius: 999px; font: 600 12px/1.6 system-ui, sans-serif; }
.badge.passed { background: var(--good-bg); color: var(--good); }
.badge.failed { background: var(--bad-bg); color: var(--bad); }
ol.lessons { list-style: none; padding: 0; }
ol.lessons li { padding: 0.9rem 0; border-bottom: 1px solid var(--rule); display: flex; gap: 1rem; align-items: baseline; }
ol.lessons li a { font: 600 1.1rem system-ui, sans-serif; text-decoration: none; }
ol.lessons p.summary { margin: 0.3rem 0 0; color: var(--muted); font-size: 0.95rem; line-height: 1.5; }
ol.lessons .meta { color: var(--muted); font: 13px system-ui, sans-serif; margin-left: auto; white-space: nowrap; }
nav.toc { font: 14px/1.6 system-ui, sans-serif; border-left: 3px solid var(--rule); padding-left: 1rem; margin: 0 0 2rem; }
nav.toc ol { margin: 0; padding-left: 1.1rem; }
nav.toc a { text-decoration: none; }
.page-errors { background: var(--bad-bg); border-left: 4px solid var(--bad); padding: 0.6rem 1rem; border-radius: 6px;
  font: 14px/1.5 system-ui, sans-serif; margin-bottom: 1.5rem; }
@media print {
  header.page { display: none; }
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  figure.experiment { break-inside: avoid; background: none; }
  a { color: inherit; }
  details.spec { display: none; }
}
"""#
}
