import LessonSupport
import Experiments

extension SVGChart {
    /// Writes the markup for one chart, back to front: title, legend, grid,
    /// data, reference lines, axes.
    struct Renderer {
        typealias Label = Layout.Label

        func f(_ value: Double) -> String { SVGChart.f(value) }

        let chart: Chart
        let data: ChartData
        let layout: Layout
        let ids: IDs
        var out = ""
        /// Filled in as the data is drawn; guides where labels go.
        var occupancy: OccupancyGrid

        let className: String?
        let words: InterfaceWords

        init(chart: Chart, width: Int, height: Int, idPrefix: String, className: String? = nil, words: InterfaceWords = .english) {
            self.chart = chart
            self.className = className
            self.words = words
            data = ChartData(chart)
            layout = Layout(chart: chart, data: data, width: width, height: height)
            ids = IDs(idPrefix)
            occupancy = OccupancyGrid(left: layout.plotLeft, top: layout.plotTop,
                                      width: layout.plotWidth, height: layout.plotHeight)
        }

        var xScale: AxisScale {
            switch layout.x {
            case .numeric(let scale, _): scale
            case .bands(let bands):
                AxisScale(scale: .linear, lower: -0.5, upper: Double(bands.count) - 0.5,
                          start: bands.left, end: bands.left + bands.bandWidth * Double(bands.count))
            }
        }

        mutating func render() -> String {
            out.reserveCapacity(8192)
            let viewBox = "0 0 \(f(layout.width)) \(f(layout.height))"
            out += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-\(styleName)\(className.map { " " + XMLText.escaped($0) } ?? "")\" "
            out += "viewBox=\"\(viewBox)\" width=\"100%\" role=\"img\" aria-labelledby=\"\(ids.title) \(ids.desc)\" "
            out += "font-family=\"system-ui, sans-serif\" font-size=\"11\" fill=\"currentColor\">\n"
            out += "<title id=\"\(ids.title)\">\(XMLText.escaped(words.numbers(accessibleTitle)))</title>\n"
            out += "<desc id=\"\(ids.desc)\">\(XMLText.escaped(words.numbers(description)))</desc>\n"
            writeMarkerDefinitions()
            writeTitle()
            writeLegend()
            writeGrid()
            switch chart.style {
            case .line: writeLines()
            case .bar: writeBars()
            case .scatter: writeScatter()
            }
            writeReferenceLines()
            writeAxes()
            if data.isEmpty {
                let x = (layout.plotLeft + layout.plotRight) / 2, y = (layout.plotTop + layout.plotBottom) / 2
                out += "<text class=\"empty-note\" x=\"\(f(x))\" y=\"\(f(y))\" text-anchor=\"middle\" fill-opacity=\"0.7\"\(ownLanguage)>\(XMLText.escaped(words.noData))</text>\n"
            }
            out += "</svg>"
            return out
        }

        // MARK: Text

        /// A `<text>` element; a shortened label keeps its full text in a
        /// `<title>` (shown as a tooltip).
        /// A wrapped label's lines are `<tspan>`s starting at `x` (0 for a
        /// label placed by a `transform`), `lineHeight` apart.
        func text(_ label: Label, _ attributes: String, x: Double = 0, lineHeight: Double = 0) -> String {
            let tooltip = label.truncated ? "<title>\(XMLText.escaped(words.numbers(label.full)))</title>" : ""
            guard label.lines.count > 1 else {
                return "<text \(attributes)>\(tooltip)\(XMLText.escaped(words.numbers(label.lines.first ?? "")))</text>"
            }
            var body = ""
            for (n, line) in label.lines.enumerated() {
                body += "<tspan x=\"\(f(x))\"\(n == 0 ? "" : " dy=\"\(f(lineHeight))\"")>\(XMLText.escaped(words.numbers(line)))</tspan>"
            }
            return "<text \(attributes)>\(tooltip)\(body)</text>"
        }

        /// The page's language on a word the drawing writes, inside a chart
        /// marked English (the kinds' labels) on a page in another language;
        /// nothing when the page's words are English too (`lang: fr`).
        var ownLanguage: String {
            words.englishAttribute.isEmpty || !words.wordsAttribute.isEmpty ? "" : " lang=\"\(XMLText.escaped(words.lang))\""
        }

        var accessibleTitle: String {
            let title = XMLText.singleLine(chart.title)
            return title.isEmpty ? "\(styleName.capitalized) chart" : title
        }

        var styleName: String {
            switch chart.style {
            case .line: "line"
            case .bar: "bar"
            case .scatter: "scatter"
            }
        }

        /// The author's summary, or a plain description of what is drawn.
        var description: String {
            let summary = XMLText.singleLine(chart.summary)
            if !summary.isEmpty { return summary }
            let names = chart.series.map { XMLText.singleLine($0.name) }
            var sentences = ["\(styleName.capitalized) chart with \(names.count) series" +
                (names.isEmpty ? "" : ": " + names.joined(separator: ", ")) + "."]
            if chart.style == .bar {
                sentences.append("Categories: \(data.categories.map(XMLText.singleLine).joined(separator: ", ")).")
            } else if case .numeric(_, let ticks) = layout.x {
                sentences.append(axisSentence("X", chart.xLabel, chart.xScale, ticks))
            }
            sentences.append(axisSentence("Y", chart.yLabel, chart.yScale, layout.yTicks))
            for line in data.referenceLines {
                sentences.append("Reference line \(XMLText.singleLine(line.label)) at \(NumberFormat.compact(line.y)).")
            }
            return sentences.joined(separator: " ")
        }

        private func axisSentence(_ axis: String, _ label: String, _ scale: Chart.Scale, _ ticks: AxisTicks) -> String {
            let name = XMLText.singleLine(label)
            let scaleText = scale == .log ? ", log scale" : ""
            return "\(axis) axis\(name.isEmpty ? "" : ": " + name)\(scaleText), from " +
                "\(NumberFormat.compact(ticks.lower)) to \(NumberFormat.compact(ticks.upper))."
        }

        // MARK: Frame

        mutating func writeTitle() {
            guard let title = layout.title else { return }
            out += text(title, "class=\"chart-title\" x=\"\(f(Layout.padding))\" y=\"\(f(Layout.padding + 12))\" font-size=\"15\" font-weight=\"600\"",
                        x: Layout.padding, lineHeight: Layout.titleLineHeight) + "\n"
        }

        mutating func writeLegend() {
            guard !layout.legend.isEmpty else { return }
            out += "<g class=\"legend\" font-size=\"12\">\n"
            for item in layout.legend {
                let x = item.x, y = item.y, w = Layout.legendSwatchWidth
                switch item.swatch {
                case .series(let series):
                    let colour = Palette.fallbackColour(series.index)
                    out += "<g class=\"\(Palette.className(series.index))\">"
                    switch chart.style {
                    case .line:
                        let coincident = series.coincidesWith != nil
                        let dash = coincident ? " stroke-dasharray=\"\(Palette.coincidentDash)\"" : series.dashed ? " stroke-dasharray=\"\(Palette.authorDash)\"" : ""
                        out += "<path class=\"line\(coincident ? " coincident" : series.dashed ? " dashed" : "")\" d=\"M\(f(x)) \(f(y))h\(f(w))\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"\(dash)/>"
                        if markerRadius(series) != nil {
                            out += coincident
                                ? "<path class=\"mk open\" d=\"\(Palette.markerPath(series.index, x: x + w / 2, y: y, r: 5))\" fill=\"none\" stroke=\"\(colour)\"/>"
                                : "<path class=\"mk\" d=\"\(Palette.markerPath(series.index, x: x + w / 2, y: y, r: 3.4))\" fill=\"\(colour)\"/>"
                        }
                    case .bar:
                        out += "<rect class=\"bar\" x=\"\(f(x + 5))\" y=\"\(f(y - 6))\" width=\"12\" height=\"12\" fill=\"\(colour)\"/>"
                    case .scatter:
                        out += "<path class=\"mk\" d=\"\(Palette.markerPath(series.index, x: x + w / 2, y: y, r: 3.8))\" fill=\"\(colour)\"/>"
                    }
                    out += text(item.label, "x=\"\(f(x + w + 6))\" y=\"\(f(y + 4.2))\"", x: x + w + 6, lineHeight: Layout.legendLineHeight)
                    out += "</g>\n"
                case .reference:
                    out += "<g class=\"ref\"><path class=\"ref-line\" d=\"M\(f(x)) \(f(y))h\(f(w))\" fill=\"none\" stroke=\"currentColor\" stroke-dasharray=\"5 4\"/>"
                    out += text(item.label, "x=\"\(f(x + w + 6))\" y=\"\(f(y + 4.2))\"", x: x + w + 6, lineHeight: Layout.legendLineHeight)
                    out += "</g>\n"
                }
            }
            out += "</g>\n"
        }

        mutating func writeGrid() {
            var d = ""
            for tick in layout.yTicks.labelled {
                guard let y = layout.y.position(tick.value), y < layout.plotBottom - 0.5 else { continue }
                d += "M\(f(layout.plotLeft)) \(f(y))H\(f(layout.plotRight))"
            }
            if case .numeric(let scale, let ticks) = layout.x {
                for tick in ticks.labelled {
                    guard let x = scale.position(tick.value), x > layout.plotLeft + 0.5 else { continue }
                    d += "M\(f(x)) \(f(layout.plotTop))V\(f(layout.plotBottom))"
                }
            }
            guard !d.isEmpty else { return }
            out += "<path class=\"grid\" d=\"\(d)\" fill=\"none\" stroke=\"currentColor\" stroke-opacity=\"0.12\"/>\n"
        }

        mutating func writeAxes() {
            let left = layout.plotLeft, right = layout.plotRight, top = layout.plotTop, bottom = layout.plotBottom
            var d = "M\(f(left)) \(f(top))V\(f(bottom))H\(f(right))"
            var yLabels = "", xLabels = ""
            for tick in layout.yTicks.ticks {
                guard let y = layout.y.position(tick.value) else { continue }
                d += "M\(f(left)) \(f(y))h\(f(-(tick.isMajor ? Layout.tickLength : Layout.minorTickLength)))"
                if let label = tick.label {
                    yLabels += "<text x=\"\(f(left - Layout.tickLength - 3))\" y=\"\(f(y + 3.8))\">\(XMLText.escaped(words.numbers(label)))</text>\n"
                }
            }
            switch layout.x {
            case .numeric(let scale, let ticks):
                for tick in ticks.ticks {
                    guard let x = scale.position(tick.value) else { continue }
                    d += "M\(f(x)) \(f(bottom))v\(f(tick.isMajor ? Layout.tickLength : Layout.minorTickLength))"
                    if let label = tick.label {
                        xLabels += "<text x=\"\(f(x))\" y=\"\(f(bottom + Layout.tickLength + 12))\">\(XMLText.escaped(words.numbers(label)))</text>\n"
                    }
                }
            case .bands(let bands):
                for (index, label) in bands.labels.enumerated() where index % bands.labelStep == 0 {
                    let x = bands.center(index)
                    d += "M\(f(x)) \(f(bottom))v\(f(Layout.minorTickLength))"
                    if bands.rotated {
                        xLabels += text(label, "transform=\"translate(\(f(x + 4)) \(f(bottom + Layout.tickLength + 6))) rotate(-45)\" text-anchor=\"end\"") + "\n"
                    } else {
                        xLabels += text(label, "x=\"\(f(x))\" y=\"\(f(bottom + Layout.tickLength + 12))\"",
                                        x: x, lineHeight: Layout.tickLineHeight) + "\n"
                    }
                }
            }
            out += "<g class=\"axis\">\n"
            out += "<path class=\"axis-line\" d=\"\(d)\" fill=\"none\" stroke=\"currentColor\" stroke-opacity=\"0.6\"/>\n"
            out += "<g class=\"tick-labels\" text-anchor=\"end\" fill-opacity=\"0.8\">\n\(yLabels)</g>\n"
            out += "<g class=\"tick-labels\" text-anchor=\"middle\" fill-opacity=\"0.8\">\n\(xLabels)</g>\n"
            if let label = layout.xLabel {
                let x = (left + right) / 2
                let y = layout.height - Layout.padding - 2 - Double(label.lines.count - 1) * Layout.axisLineHeight
                out += text(label, "class=\"axis-label\" x=\"\(f(x))\" y=\"\(f(y))\" text-anchor=\"middle\" font-size=\"12\"",
                            x: x, lineHeight: Layout.axisLineHeight) + "\n"
            }
            if let label = layout.yLabel {
                // Rotated a quarter turn, a second line sits to the right of the first.
                let x = Layout.padding + 10, y = (top + bottom) / 2
                out += text(label, "class=\"axis-label\" transform=\"translate(\(f(x)) \(f(y))) rotate(-90)\" text-anchor=\"middle\" font-size=\"12\"",
                            x: 0, lineHeight: Layout.axisLineHeight) + "\n"
            }
            out += "</g>\n"
        }

        mutating func writeReferenceLines() {
            guard !data.referenceLines.isEmpty else { return }
            out += "<g class=\"refs\">\n"
            for line in data.referenceLines {
                guard let y = layout.y.position(line.y) else { continue }
                out += "<path class=\"ref-line\" d=\"M\(f(layout.plotLeft)) \(f(y))H\(f(layout.plotRight))\" fill=\"none\" stroke=\"currentColor\" stroke-dasharray=\"5 4\"/>\n"
                let label = Label(XMLText.singleLine(line.label), maxWidth: layout.plotWidth * 0.6, fontSize: Layout.tickFont)
                guard let spot = referenceLabelSpot(lineY: y, width: TextMetrics.width(label.text, fontSize: Layout.tickFont)) else { continue }
                out += text(label, "class=\"ref-label\" x=\"\(f(spot.x))\" y=\"\(f(spot.baseline))\" text-anchor=\"\(spot.anchor)\"") + "\n"
            }
            out += "</g>\n"
        }

        /// Puts a reference line's label where it covers the least data: at
        /// the right end, left end or middle of the line, above or below it
        /// (right and above when all are free). Returns nil when every spot is
        /// crowded and the legend already names the line unambiguously.
        private mutating func referenceLabelSpot(lineY: Double, width: Double) -> (x: Double, baseline: Double, anchor: String)? {
            let ascent = Layout.tickFont * 0.8, descent = Layout.tickFont * 0.25, inset = 4.0
            let above = lineY - 5, below = lineY + 4 + ascent
            let middle = (layout.plotLeft + layout.plotRight) / 2
            var candidates: [(x: Double, baseline: Double, anchor: String)] = []
            for baseline in [above, below] {
                candidates += [(layout.plotRight - inset, baseline, "end"), (layout.plotLeft + inset, baseline, "start")]
            }
            candidates += [(middle, above, "middle"), (middle, below, "middle")]
            func left(_ spot: (x: Double, baseline: Double, anchor: String)) -> Double {
                spot.anchor == "end" ? spot.x - width : spot.anchor == "middle" ? spot.x - width / 2 : spot.x
            }
            var best = candidates[0], bestScore = Int.max
            for candidate in candidates {
                let top = candidate.baseline - ascent
                var score = occupancy.count(x: left(candidate) - 2, y: top - 1, width: width + 4, height: ascent + descent + 2)
                if top < layout.plotTop || candidate.baseline + descent > layout.plotBottom { score += 100_000 }
                if score < bestScore {
                    best = candidate
                    bestScore = score
                }
            }
            if bestScore > 2, data.referenceLines.count == 1 { return nil }
            occupancy.markRect(x: left(best), y: best.baseline - ascent, width: width, height: ascent + descent)
            return best
        }

        // MARK: Markers

        /// Marker radius for a series, or nil if it is drawn without markers
        /// (bars, and lines too dense for markers to help).
        func markerRadius(_ series: ChartData.Series) -> Double? {
            switch chart.style {
            case .bar: return nil
            case .line: return series.drawablePointCount <= 40 ? 3.4 : nil
            case .scatter:
                let count = series.drawablePointCount
                return count <= 300 ? 3.8 : count <= 3000 ? 2.8 : 2
            }
        }

        mutating func writeMarkerDefinitions() {
            let marked = data.series.filter { markerRadius($0) != nil && $0.drawablePointCount > 0 }
            guard !marked.isEmpty else { return }
            out += "<defs>\n"
            for series in marked {
                let r = markerRadius(series)!
                out += "<marker id=\"\(ids.marker(series.index))\" class=\"\(Palette.className(series.index))\" "
                out += "viewBox=\"-8 -8 16 16\" markerWidth=\"16\" markerHeight=\"16\" markerUnits=\"userSpaceOnUse\">"
                if series.coincidesWith != nil {
                    // Open and larger: the marker of the line underneath shows inside.
                    out += "<path class=\"mk open\" d=\"\(Palette.markerPath(series.index, x: 0, y: 0, r: r + 2.2))\" fill=\"none\" stroke=\"\(Palette.fallbackColour(series.index))\" stroke-width=\"1.6\"/></marker>\n"
                    continue
                }
                // Small markers get a thinner halo, or the halo would swallow them.
                let dense = r < 3 ? " dense" : ""
                out += "<path class=\"mk\(dense)\" d=\"\(Palette.markerPath(series.index, x: 0, y: 0, r: r))\" fill=\"\(Palette.fallbackColour(series.index))\"/></marker>\n"
            }
            out += "</defs>\n"
        }

        func markerAttributes(_ series: ChartData.Series) -> String {
            guard markerRadius(series) != nil else { return "" }
            let url = "url(#\(ids.marker(series.index)))"
            return " marker-start=\"\(url)\" marker-mid=\"\(url)\" marker-end=\"\(url)\""
        }
    }

    /// Element ids for one chart, all starting with the caller's prefix.
    struct IDs {
        let prefix: String

        init(_ raw: String) {
            var cleaned = String(raw.unicodeScalars.map { scalar -> Character in
                let isSafe = scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_")
                return isSafe ? Character(scalar) : "_"
            })
            if cleaned.isEmpty { cleaned = "chart" }
            if let first = cleaned.unicodeScalars.first, !first.properties.isAlphabetic, first != "_" {
                cleaned = "c" + cleaned
            }
            prefix = cleaned
        }

        var title: String { prefix + "-title" }
        var desc: String { prefix + "-desc" }
        func marker(_ seriesIndex: Int) -> String { "\(prefix)-m\(seriesIndex + 1)" }
    }
}
