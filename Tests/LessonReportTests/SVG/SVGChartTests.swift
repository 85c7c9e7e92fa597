import Experiments
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import LessonReport

@Suite struct SVGChartTests {
    // MARK: Structure

    @Test func rootElementIsAccessibleAndResponsive() throws {
        let svg = SVGChart.render(ChartFixtures.line, idPrefix: "fig1")
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-line\""))
        #expect(svg.contains("viewBox=\"0 0 640 360\""))
        #expect(svg.contains("width=\"100%\""))
        #expect(svg.contains("role=\"img\" aria-labelledby=\"fig1-title fig1-desc\""))
        #expect(svg.contains("<title id=\"fig1-title\">Test accuracy with and without dropout</title>"))
        #expect(svg.contains("<desc id=\"fig1-desc\">Without dropout, accuracy peaks"))
        #expect(svg.hasSuffix("</svg>"))
        try expectWellFormed(svg)
    }

    @Test func describesTheChartWhenTheAuthorGaveNoSummary() {
        var chart = ChartFixtures.bar
        chart.summary = ""
        let svg = SVGChart.render(chart, idPrefix: "b")
        #expect(svg.contains("<desc id=\"b-desc\">Bar chart with 3 series: naive loops, blocked, BLAS (OpenBLAS). Categories: 64, 128, 256, 512, 1024. Y axis: time (ms), log scale, from 0.01 to 10k.</desc>"))
    }

    @Test func idsComeFromTheSanitisedPrefix() {
        let svg = SVGChart.render(ChartFixtures.scatter, idPrefix: "my chart#1\"")
        #expect(svg.contains("id=\"my_chart_1_-title\""))
        #expect(svg.contains("url(#my_chart_1_-m1)"))
        #expect(SVGChart.render(ChartFixtures.scatter, idPrefix: "2x").contains("id=\"c2x-title\""))
        #expect(SVGChart.render(ChartFixtures.scatter, idPrefix: "").contains("id=\"chart-title\""))
    }

    @Test func twoChartsOnAPageShareNoIds() throws {
        let ids = { (svg: String) in Set(svg.matches(of: /id="([^"]+)"/).map { String($0.1) }) }
        let a = ids(SVGChart.render(ChartFixtures.scatter, idPrefix: "a"))
        let b = ids(SVGChart.render(ChartFixtures.scatter, idPrefix: "b"))
        #expect(!a.isEmpty && a.isDisjoint(with: b))
    }

    @Test func usesThemeableClassesNotFixedColoursForTheFrame() {
        let svg = SVGChart.render(ChartFixtures.line, idPrefix: "x")
        #expect(svg.contains("class=\"series s1\"") && svg.contains("class=\"series s2\""))
        #expect(svg.contains("class=\"grid\"") && svg.contains("class=\"axis-line\""))
        #expect(!svg.contains("#000") && !svg.lowercased().contains("#fff") && !svg.contains("black") && !svg.contains("white"))
    }

    @Test func stylesheetCoversBothThemesAndAllSeries() {
        let css = SVGChart.stylesheet
        #expect(css.contains("@media (prefers-color-scheme: dark)"))
        #expect(css.contains("[data-theme=\"dark\"]"))
        #expect(css.contains("@media print"))
        for i in 1...8 { #expect(css.contains("--series-\(i):") && css.contains(".chart .s\(i) { --c: var(--series-\(i), #")) }
        for name in ["--chart-axis", "--chart-grid", "--chart-text", "--chart-bg"] { #expect(css.contains(name)) }
        #expect(css.filter { $0 == "{" }.count == css.filter { $0 == "}" }.count)
    }

    // MARK: Legend

    @Test func legendOnlyForSeveralSeriesOrAReferenceLine() {
        let one = Chart(title: "t", series: [.init(name: "only", x: [1, 2], y: [1, 2])])
        #expect(!SVGChart.render(one, idPrefix: "a").contains("class=\"legend\""))
        var withReference = one
        withReference.referenceLines = [.init(label: "target", y: 1.5)]
        let svg = SVGChart.render(withReference, idPrefix: "a")
        #expect(svg.contains("class=\"legend\"") && svg.contains(">target</text>"))
        #expect(SVGChart.render(ChartFixtures.bar, idPrefix: "a").contains("class=\"legend\""))
    }

    @Test func longNamesAreTruncatedWithTheFullTextInATitle() throws {
        // Longer than the three lines a legend entry may wrap onto.
        let long = String(repeating: "very long series name ", count: 40) + "end"
        let chart = Chart(title: String(repeating: "Title ", count: 40), style: .bar,
                          categories: [String(repeating: "category ", count: 12)],
                          series: [.init(name: long, y: [1]), .init(name: "short", y: [2])])
        let svg = SVGChart.render(chart, idPrefix: "t")
        #expect(svg.contains("<title>\(long)</title>"))
        #expect(svg.contains("…</text>") || svg.contains("…</tspan></text>"))
        #expect(!svg.contains(">\(long)</text>"))
        try expectWellFormed(svg)
    }

    // MARK: Escaping

    @Test func everyAuthorStringIsEscaped() throws {
        let evil = "<script>alert(\"x\")</script> & 'q' \u{0}\u{1B}]"
        let chart = Chart(title: evil, style: .bar, xLabel: evil, yLabel: evil, categories: [evil, "b"],
                          series: [.init(name: evil, y: [1, 2]), .init(name: "ok", y: [2, 1])],
                          referenceLines: [.init(label: evil, y: 1.5)], summary: evil)
        let svg = SVGChart.render(chart, idPrefix: evil)
        #expect(!svg.contains("<script"))
        #expect(!svg.contains("\u{0}") && !svg.contains("\u{1B}"))
        #expect(svg.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;"))
        try expectWellFormed(svg)
    }

    @Test func xmlTextEscaping() {
        typealias X = SVGChart.XMLText
        #expect(X.escaped("a < b & c > \"d\" 'e'") == "a &lt; b &amp; c &gt; &quot;d&quot; &#39;e&#39;")
        #expect(X.escaped("line\nbreak\ttab") == "line break tab")
        #expect(X.escaped("bell\u{7}\u{FFFE}") == "bell")
        #expect(X.escaped("plain ünïcødé ✓") == "plain ünïcødé ✓")
        #expect(X.singleLine("  two\n lines  ") == "two lines")
        // The byte-level fast path and the Unicode path agree.
        for (text, expected) in [("a b", "a b"), ("a  b", "a b"), (" a", "a"), ("a ", "a"), ("", ""), (" ", ""),
                                 ("a\tb", "a b"), ("ünï  x", "ünï x"), ("a\u{00A0}b", "a b"), ("loss (log scale)", "loss (log scale)")] {
            #expect(X.singleLine(text) == expected, "\(text.debugDescription)")
        }
    }

    // MARK: Degenerate data

    static let degenerate: [(String, Chart)] = {
        let nan = Double.nan, inf = Double.infinity
        return [
            ("no series", Chart(title: "", series: [])),
            ("empty series", Chart(title: "e", series: [.init(name: "a", y: []), .init(name: "b", x: [], y: [])])),
            ("single point", Chart(title: "p", series: [.init(name: "a", x: [3], y: [5])])),
            ("all equal", Chart(title: "q", series: [.init(name: "a", x: [1, 1, 1], y: [2, 2, 2])])),
            ("all zero", Chart(title: "z", style: .bar, series: [.init(name: "a", y: [0, 0])])),
            ("non-finite", Chart(title: "n", series: [.init(name: "a", x: [1, 2, nan, 4, 5], y: [nan, inf, 3, -inf, 1],
                                                              yLow: [nan, 0, 1, 2], yHigh: [inf])])),
            ("only non-finite", Chart(title: "n", style: .scatter, series: [.init(name: "a", x: [nan, inf], y: [1, nan])])),
            ("log non-positive", Chart(title: "l", xScale: .log, yScale: .log,
                                       series: [.init(name: "a", x: [-1, 0, 1, 10, 100], y: [1, 2, 0, -3, 4])],
                                       referenceLines: [.init(label: "neg", y: -1)])),
            ("log bars non-positive", Chart(title: "lb", style: .bar, yScale: .log, categories: ["a", "b", "c"],
                                            series: [.init(name: "s", y: [0, -1, 5], yLow: [-1, 0, 4], yHigh: [1, 1, 6])])),
            ("mismatched", Chart(title: "m", series: [.init(name: "a", x: [1, 2, 3, 4, 5], y: [1, 2, 3], yLow: [0], yHigh: [2, 3, 4, 5, 6, 7])])),
            ("bars without categories", Chart(title: "b", style: .bar, series: [.init(name: "a", y: [1, 2, 3]), .init(name: "b", y: [1])])),
            ("bars with more values than categories", Chart(title: "b", style: .bar, categories: ["x"], series: [.init(name: "a", y: [1, 2, 3])])),
            ("many categories", Chart(title: "c", style: .bar, categories: (0..<500).map { "category \($0)" },
                                      series: [.init(name: "a", y: (0..<500).map(Double.init))])),
            ("extreme magnitudes", Chart(title: "x", series: [.init(name: "a", x: [-1e308, 1e308], y: [1e-308, -1e308])])),
            ("tiny span", Chart(title: "t", series: [.init(name: "a", x: [1, 2], y: [1, 1 + 1e-15])])),
            ("tiny values", Chart(title: "t", style: .scatter, series: [.init(name: "a", x: [1e-300, 2e-300], y: [3e-300, .leastNormalMagnitude / 100])])),
            ("log extreme", Chart(title: "t", yScale: .log, series: [.init(name: "a", x: [1, 2], y: [1e-300, 1e300])])),
            ("many series", Chart(title: "s", series: (0..<30).map { .init(name: "series \($0)", x: [0, 1], y: [Double($0), 1]) })),
            ("reference only", Chart(title: "r", series: [], referenceLines: [.init(label: "r", y: 3)])),
        ]
    }()

    @Test(arguments: 0..<degenerate.count)
    func degenerateDataRendersWellFormedSVG(index: Int) throws {
        let (name, chart) = Self.degenerate[index]
        for (width, height) in [(640, 360), (0, 0), (-5, 100_000), (200, 150)] {
            let svg = SVGChart.render(chart, width: width, height: height, idPrefix: "d\(index)")
            try expectWellFormed(svg, name)
            #expect(!svg.contains("NaN") && !svg.contains("nan") && !svg.contains("inf"), "\(name)")
            #expect(svg.count < 200_000, "\(name)")
        }
    }

    @Test func logAxesDropNonPositiveValues() throws {
        let chart = Chart(title: "l", yScale: .log, series: [.init(name: "a", x: [1, 2, 3, 4, 5], y: [-1, 0, 1, 10, 100])])
        let svg = SVGChart.render(chart, idPrefix: "l")
        let d = try #require(svg.firstMatch(of: /class="line" d="([^"]+)"/)).1
        #expect(pointCount(d) == 3)
        #expect(d.filter { $0 == "M" }.count == 1)
    }

    @Test func aGapBreaksTheLine() throws {
        let chart = Chart(title: "g", series: [.init(name: "a", x: [1, 2, 3, 4, 5], y: [1, 2, .nan, 4, 5])])
        let d = try #require(SVGChart.render(chart, idPrefix: "g").firstMatch(of: /class="line" d="([^"]+)"/)).1
        #expect(d.filter { $0 == "M" }.count == 2)
    }

    @Test func mismatchedLengthsUseTheShorter() throws {
        let chart = Chart(title: "m", series: [.init(name: "a", x: [1, 2, 3, 4, 5], y: [1, 2, 3])])
        let d = try #require(SVGChart.render(chart, idPrefix: "m").firstMatch(of: /class="line" d="([^"]+)"/)).1
        #expect(pointCount(d) == 3)
    }

    @Test func barsOnALogAxisStartAtTheBottomOfTheAxis() throws {
        let svg = SVGChart.render(ChartFixtures.bar, idPrefix: "b")
        let bottoms = svg.matches(of: /<rect x="[^"]+" y="([^"]+)" width="[^"]+" height="([^"]+)">/).map {
            (Double($0.1)! + Double($0.2)!).rounded()
        }
        #expect(bottoms.count == 15)
        #expect(Set(bottoms).count == 1)
        #expect(svg.contains("class=\"whiskers\""))
    }

    @Test func manyCategoriesRotateAndThinTheirLabels() {
        let chart = Self.degenerate.first { $0.0 == "many categories" }!.1
        let svg = SVGChart.render(chart, idPrefix: "c")
        #expect(svg.contains("rotate(-45)"))
        #expect(svg.matches(of: /rotate\(-45\)/).count < 100)
    }

    // MARK: Determinism and size

    @Test func renderingIsDeterministic() {
        for chart in [ChartFixtures.line, ChartFixtures.bar, ChartFixtures.scatter] + Self.degenerate.map(\.1) {
            #expect(SVGChart.render(chart, idPrefix: "d") == SVGChart.render(chart, idPrefix: "d"))
        }
    }

    @Test func tenThousandPointsStayCompact() throws {
        let x = (0..<10_000).map { Double($0) / 100 }
        let noisy = x.map { sin($0) + 0.3 * sin($0 * 37.1) }
        let line = Chart(title: "dense", series: [
            .init(name: "a", x: x, y: noisy),
            .init(name: "b", x: x, y: x.map { cos($0) }, yLow: x.map { cos($0) - 0.2 }, yHigh: x.map { cos($0) + 0.2 }),
        ])
        let lineSVG = SVGChart.render(line, idPrefix: "l")
        #expect(lineSVG.utf8.count < 150_000, "line: \(lineSVG.utf8.count) bytes")
        let scatter = Chart(title: "dense", style: .scatter, series: [.init(name: "a", x: noisy, y: x)])
        let scatterSVG = SVGChart.render(scatter, idPrefix: "s")
        #expect(scatterSVG.utf8.count < 300_000, "scatter: \(scatterSVG.utf8.count) bytes")
        try expectWellFormed(lineSVG)
        try expectWellFormed(scatterSVG)
    }

    @Test func coordinatesHaveAtMostTwoDecimals() {
        let svg = SVGChart.render(ChartFixtures.scatter, idPrefix: "s")
        #expect(svg.firstMatch(of: /\d\.\d{3}/) == nil)
        #expect(svg.firstMatch(of: /[ ML,"]-0[ "LHVZ]/) == nil)
    }

    @Test func wellFormednessCheckRejectsBrokenMarkup() {
        for broken in ["<svg><g></svg>", "<svg><text>a & b</text></svg>", "<svg a=\"1\" a=\"2\"/>", "<svg>\u{1}</svg>"] {
            #expect(XMLCheck.problem(broken) != nil, "\(broken)")
        }
        #expect(XMLCheck.problem("<svg><g a=\"&amp;\"><text>&lt;ok&gt;</text></g></svg>") == nil)
    }

    // MARK: Helpers

    /// Vertices in path data made only of M, L and implicit-L pairs.
    func pointCount(_ d: Substring) -> Int { d.matches(of: /-?\d+(\.\d+)?/).count / 2 }

    func expectWellFormed(_ svg: String, _ context: String = "", sourceLocation: SourceLocation = #_sourceLocation) throws {
        // The parser stops at the end of the first root, so check there is no second one.
        #expect(svg.hasPrefix("<svg ") && svg.hasSuffix("</svg>") && svg.matches(of: /<svg[ >]/).count == 1,
                "\(context)", sourceLocation: sourceLocation)
        if let problem = XMLCheck.problem(svg) {
            Issue.record("\(context): not well-formed XML: \(problem)\n\(svg.prefix(2000))", sourceLocation: sourceLocation)
        }
    }
}

/// Strict well-formedness check on Foundation's SAX parser. On Linux,
/// `XMLDocument` recovers from broken markup and `XMLParser` accepts
/// mismatched end tags and several roots, so the element stack is checked here.
final class XMLCheck: NSObject, XMLParserDelegate {
    private var stack: [String] = []
    private var roots: [String] = []
    private var mismatch: String?

    /// Nil if `text` is one well-formed XML element named `svg`, else what is wrong.
    static func problem(_ text: String) -> String? {
        let check = XMLCheck()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = check
        guard parser.parse() else {
            return "line \(parser.lineNumber), column \(parser.columnNumber): \(parser.parserError.map { "\($0)" } ?? "error")"
        }
        if let mismatch = check.mismatch { return mismatch }
        if !check.stack.isEmpty { return "unclosed <\(check.stack.last!)>" }
        return check.roots == ["svg"] ? nil : "root elements: \(check.roots)"
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        if stack.isEmpty { roots.append(name) }
        stack.append(name)
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        guard stack.last == name else {
            mismatch = mismatch ?? "</\(name)> closes <\(stack.last ?? "nothing")> at line \(parser.lineNumber)"
            return
        }
        stack.removeLast()
    }
}
