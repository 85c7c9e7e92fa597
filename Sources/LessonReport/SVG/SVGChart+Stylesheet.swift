extension SVGChart {
    /// CSS for every chart on a page, light and dark.
    ///
    /// The page includes it once. Colours are custom properties the page may
    /// override: `--series-1` … `--series-8` and `--chart-text`, `--chart-muted`,
    /// `--chart-axis`, `--chart-grid`, `--chart-ref`, `--chart-bg` (set this to
    /// the page background: markers and labels use it as a halo). Dark values
    /// apply under `prefers-color-scheme: dark` unless an ancestor has
    /// `data-theme="light"`, and always under `data-theme="dark"`. Print uses
    /// the light values and adds a distinct dash per series for greyscale.
    public static let stylesheet: String = {
        func variables(_ palette: [String], text: String, muted: String, axis: String, grid: String,
                       reference: String, background: String) -> String {
            let series = palette.enumerated().map { "--series-\($0.offset + 1): \($0.element);" }
            return (series + ["--chart-text: \(text);", "--chart-muted: \(muted);", "--chart-axis: \(axis);",
                              "--chart-grid: \(grid);", "--chart-ref: \(reference);", "--chart-bg: \(background);"])
                .map { "  " + $0 }.joined(separator: "\n")
        }
        let light = variables(Palette.light, text: "#1f2328", muted: "#59636e", axis: "#8c959f",
                              grid: "#e6e9ed", reference: "#59636e", background: "#ffffff")
        let dark = variables(Palette.dark, text: "#e6edf3", muted: "#9ea7b3", axis: "#6e7781",
                             grid: "#2d333b", reference: "#9ea7b3", background: "#0d1117")
        let seriesColours = (1...Palette.count).map { i in
            ".chart .s\(i) { --c: var(--series-\(i), \(Palette.light[i - 1])); }"
        }.joined(separator: "\n")
        let printDashes = (1...Palette.count).map { i in
            "  .chart .s\(i) .line:not(.dashed):not(.coincident) { stroke-dasharray: \(Palette.printDashes[i - 1]); }"
        }.joined(separator: "\n")
        return """
        /* LessonReport charts (SVGChart). Okabe–Ito colours; override the custom properties to retheme. */
        :root {
        \(light)
        }
        @media (prefers-color-scheme: dark) {
          :root:not([data-theme="light"]) {
        \(dark.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
          }
        }
        [data-theme="dark"] {
        \(dark)
        }
        [data-theme="light"] {
        \(light)
        }
        .chart {
          display: block;
          width: 100%;
          height: auto;
          max-width: 100%;
          color: var(--chart-text, currentColor);
          font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
          font-variant-numeric: tabular-nums;
        }
        .chart text { fill: var(--chart-text, currentColor); fill-opacity: 1; }
        .chart .chart-title { font-size: 15px; font-weight: 600; }
        .chart .axis-label { font-size: 12px; font-weight: 500; }
        .chart .tick-labels text, .chart .ref-label, .chart .empty-note { font-size: 11px; fill: var(--chart-muted, currentColor); }
        .chart .legend text { font-size: 12px; }
        .chart .grid { stroke: var(--chart-grid, currentColor); stroke-opacity: 1; stroke-width: 1; }
        .chart .axis-line { stroke: var(--chart-axis, currentColor); stroke-opacity: 1; stroke-width: 1; }
        \(seriesColours)
        .chart .series, .chart .legend .line { stroke: var(--c); }
        .chart .line { fill: none; stroke: var(--c); stroke-width: 2; stroke-linejoin: round; stroke-linecap: round; }
        .chart .line.dashed { stroke-dasharray: \(Palette.authorDash); }
        .chart .line.coincident { stroke-dasharray: \(Palette.coincidentDash); stroke-width: 2.5; }
        .chart .mk.open { fill: none; stroke: var(--c); stroke-width: 1.6; }
        .chart .bars, .chart .legend .bar { fill: var(--c); stroke: none; }
        .chart .bars rect:hover { fill-opacity: 0.8; }
        .chart .mk { fill: var(--c); stroke: var(--chart-bg, Canvas); stroke-width: 1; }
        .chart .mk.dense { stroke-width: 0.4; }
        .chart .points { fill: none; stroke: none; }
        .chart .whisker { fill: none; stroke: var(--c); stroke-width: 1.25; }
        .chart .whiskers path { stroke: var(--chart-text, currentColor); stroke-width: 1.25; }
        .chart .band { fill: var(--c); fill-opacity: 0.18; stroke: none; }
        .chart .ref-line { fill: none; stroke: var(--chart-ref, currentColor); stroke-opacity: 1; stroke-width: 1.25; stroke-dasharray: 5 4; }
        .chart .ref-label { fill: var(--chart-ref, currentColor); paint-order: stroke; stroke: var(--chart-bg, Canvas); stroke-width: 3px; stroke-linejoin: round; }
        @media print {
          .chart {
        \(light.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
          }
        \(printDashes)
        }
        """
    }()
}
