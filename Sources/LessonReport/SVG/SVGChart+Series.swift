import LessonSupport
import Experiments

extension SVGChart.Renderer {
    typealias Palette = SVGChart.Palette
    typealias XMLText = SVGChart.XMLText
    typealias Pixel = (x: Double, y: Double)

    // MARK: Line

    mutating func writeLines() {
        for series in data.series {
            let monotone = isMonotone(series)
            var d = ""
            let radius = markerRadius(series)
            let (segments, clipped, shown) = pixelSegments(series)
            for segment in segments {
                let points = monotone ? decimated(segment) : segment
                d += pathData(points)
                for (a, b) in zip(points, points.dropFirst()) { occupancy.markSegment(from: a, to: b) }
                if let radius {
                    for point in points { occupancy.markRect(x: point.x - radius, y: point.y - radius, width: 2 * radius, height: 2 * radius) }
                }
            }
            let whiskers = whiskerMarkup(series, bandAllowed: monotone)
            guard !d.isEmpty || !whiskers.isEmpty || (clipped && !shown.isEmpty) else { continue }
            out += groupOpen(series, attributes: "fill=\"none\" stroke=\"\(Palette.fallbackColour(series.index))\"")
            out += whiskers
            if !d.isEmpty {
                let dash = series.coincidesWith != nil ? " coincident" : series.dashed ? " dashed" : ""
                let dashAttribute = series.coincidesWith != nil ? " stroke-dasharray=\"\(Palette.coincidentDash)\""
                    : series.dashed ? " stroke-dasharray=\"\(Palette.authorDash)\"" : ""
                out += "<path class=\"line\(dash)\" d=\"\(d)\" stroke-width=\"2\" stroke-linejoin=\"round\" "
                out += "stroke-linecap=\"round\"\(dashAttribute)\(clipped ? "" : markerAttributes(series))/>\n"
            }
            if clipped, radius != nil, !shown.isEmpty {
                // A clipped line's ends at the frame are not data: markers go on the data points alone.
                let coordinates = shown.map { "\(f($0.x)) \(f($0.y))" }
                let d = "M" + coordinates[0] + (coordinates.count == 1 ? "h0" : "L" + coordinates.dropFirst().joined(separator: " "))
                out += "<path class=\"points\" d=\"\(d)\" stroke=\"none\"\(markerAttributes(series))/>\n"
            }
            out += "</g>\n"
        }
    }

    /// Runs of consecutive drawable points, in pixels; a dropped value ends a
    /// run. A line leaving the plot (the author's y range) is cut at the frame
    /// and resumes where it comes back: `clipped` says so, and `shown` lists
    /// the data points inside.
    private func pixelSegments(_ series: SVGChart.ChartData.Series) -> (segments: [[Pixel]], clipped: Bool, shown: [Pixel]) {
        let x = xScale, y = layout.y
        let top = layout.plotTop, bottom = layout.plotBottom
        func inside(_ p: Pixel) -> Bool { p.y >= top && p.y <= bottom }
        var segments: [[Pixel]] = [[]], shown: [Pixel] = [], clipped = false
        var previous: Pixel?
        func startRun() { if !segments[segments.count - 1].isEmpty { segments.append([]) } }
        for point in series.points {
            guard let point, let px = x.position(point.x), let py = y.position(point.y, clamped: false) else {
                startRun()
                previous = nil
                continue
            }
            let p = (x: px, y: py)
            if inside(p) { shown.append(p) } else { clipped = true }
            if let a = previous {
                if case let (from, to)? = Self.clip(a, p, top: top, bottom: bottom) {
                    if let last = segments[segments.count - 1].last, last == from {
                        segments[segments.count - 1].append(to)
                    } else {
                        startRun()
                        segments[segments.count - 1] += [from, to]
                    }
                } else {
                    startRun()
                }
            } else if inside(p) {
                segments[segments.count - 1].append(p)
            }
            previous = p
        }
        return (segments.filter { !$0.isEmpty }, clipped, shown)
    }

    /// The part of the segment `a`–`b` between the heights `top` and
    /// `bottom`, or nil if none; an end inside is returned as it is.
    static func clip(_ a: Pixel, _ b: Pixel, top: Double, bottom: Double) -> (Pixel, Pixel)? {
        if (a.y < top && b.y < top) || (a.y > bottom && b.y > bottom) { return nil }
        func crossing(_ height: Double) -> Pixel {
            let t = (height - a.y) / (b.y - a.y)
            return (a.x + t * (b.x - a.x), height)
        }
        let from = a.y < top ? crossing(top) : a.y > bottom ? crossing(bottom) : a
        let to = b.y < top ? crossing(top) : b.y > bottom ? crossing(bottom) : b
        return (from, to)
    }

    private func isMonotone(_ series: SVGChart.ChartData.Series) -> Bool {
        var previous = -Double.infinity
        for point in series.points {
            guard let point else { continue }
            if point.x < previous { return false }
            previous = point.x
        }
        return true
    }

    /// Path data for a polyline, skipping points that round to the previous
    /// one. A lone point becomes a zero-length line, which a round cap (and
    /// the markers) still show.
    private func pathData(_ points: [Pixel]) -> String {
        var d = "", previous = "", count = 0
        for point in points {
            let coordinate = "\(f(point.x)) \(f(point.y))"
            if coordinate == previous { continue }
            d += count == 0 ? "M" + coordinate : count == 1 ? "L" + coordinate : " " + coordinate
            previous = coordinate
            count += 1
        }
        if count == 1 { d += "h0" }
        return d
    }

    /// Keeps, per pixel column, the first, lowest, highest and last point
    /// (the "M4" reduction): a dense line looks the same with a fraction of
    /// the points. Only for x sorted ascending.
    private func decimated(_ points: [Pixel]) -> [Pixel] {
        guard Double(points.count) > layout.plotWidth * 2 else { return points }
        var kept: [Pixel] = []
        var start = 0
        while start < points.count {
            let column = points[start].x.rounded(.down)
            var end = start, lowest = start, highest = start
            while end < points.count, points[end].x.rounded(.down) == column {
                if points[end].y < points[lowest].y { lowest = end }
                if points[end].y > points[highest].y { highest = end }
                end += 1
            }
            var indices = [start, lowest, highest, end - 1].sorted()
            indices = indices.enumerated().filter { $0.offset == 0 || $0.element != indices[$0.offset - 1] }.map(\.element)
            kept += indices.map { points[$0] }
            start = end
        }
        return kept
    }

    // MARK: Whiskers

    /// Error bars for a line or scatter series — or, for a long sorted
    /// series, a translucent band, which reads better and stays small.
    private mutating func whiskerMarkup(_ series: SVGChart.ChartData.Series, bandAllowed: Bool) -> String {
        let x = xScale, y = layout.y
        let spans: [(x: Double, low: Double, high: Double)] = series.whiskers.compactMap { whisker in
            guard let px = x.position(whisker.x), let low = y.position(whisker.low), let high = y.position(whisker.high) else { return nil }
            // Cut at the frame (an author's y range); nothing if wholly outside.
            let (top, bottom) = (layout.plotTop, layout.plotBottom)
            guard min(low, high) <= bottom, max(low, high) >= top else { return nil }
            return (px, min(max(low, top), bottom), min(max(high, top), bottom))
        }
        guard !spans.isEmpty else { return "" }
        for span in spans { occupancy.markSegment(from: (span.x, span.low), to: (span.x, span.high)) }
        if bandAllowed, spans.count > 60 {
            var upper: [Pixel] = [], lower: [Pixel] = []
            for span in spans {
                // Pixel columns: keep the outer envelope of each.
                if let last = upper.last, last.x.rounded(.down) == span.x.rounded(.down) {
                    upper[upper.count - 1].y = min(last.y, span.high)
                    lower[lower.count - 1].y = max(lower[lower.count - 1].y, span.low)
                } else {
                    upper.append((span.x, span.high))
                    lower.append((span.x, span.low))
                }
            }
            let outline = upper + lower.reversed()
            let d = "M" + outline.map { "\(f($0.x)) \(f($0.y))" }.joined(separator: "L") + "Z"
            let colour = Palette.fallbackColour(series.index)
            return "<path class=\"band\" d=\"\(d)\" fill=\"\(colour)\" fill-opacity=\"0.18\" stroke=\"none\"/>\n"
        }
        return "<path class=\"whisker\" d=\"\(errorBars(spans, capHalfWidth: 3))\" stroke-width=\"1.25\"/>\n"
    }

    private func errorBars(_ spans: [(x: Double, low: Double, high: Double)], capHalfWidth: Double) -> String {
        var d = ""
        for span in spans {
            let left = f(span.x - capHalfWidth), cap = f(2 * capHalfWidth)
            d += "M\(f(span.x)) \(f(span.low))V\(f(span.high))"
            d += "M\(left) \(f(span.low))h\(cap)M\(left) \(f(span.high))h\(cap)"
        }
        return d
    }

    // MARK: Bar

    mutating func writeBars() {
        guard case .bands(let bands) = layout.x, bands.count > 0, !data.series.isEmpty else { return }
        let seriesCount = Double(data.series.count)
        // Bands a few pixels wide get no padding: gaps that thin only add stripes.
        let fill = bands.bandWidth < 4 ? 1 : data.series.count == 1 ? 0.6 : 0.78
        let groupWidth = bands.bandWidth * fill
        let slot = groupWidth / seriesCount
        let gap = data.series.count > 1 && slot >= 4 ? min(2, slot * 0.15) : 0
        // On a log axis there is no zero: bars grow from the bottom of the axis.
        let baseline = data.yScale == .log ? layout.plotBottom
            : min(max(layout.y.position(0) ?? layout.plotBottom, layout.plotTop), layout.plotBottom)
        var whiskerPaths = ""
        for (slotIndex, series) in data.series.enumerated() {
            let slotLeft = { (category: Int) in bands.center(category) - groupWidth / 2 + Double(slotIndex) * slot }
            var whiskersByCategory: [Int: SVGChart.ChartData.Whisker] = [:]
            for whisker in series.whiskers { whiskersByCategory[Int(whisker.x)] = whisker }
            let name = XMLText.singleLine(series.name)
            var rects = ""
            for (category, value) in series.bars.enumerated() {
                // Cut at the frame (an author's y range): a bar never reaches outside the plot.
                guard let value, let unclipped = layout.y.position(value) else { continue }
                let top = min(max(unclipped, layout.plotTop), layout.plotBottom)
                var tooltip = "\(name) · \(XMLText.singleLine(data.categories[category])): \(NumberFormat.compact(value))"
                if let whisker = whiskersByCategory[category] {
                    tooltip += " (\(NumberFormat.compact(whisker.low))–\(NumberFormat.compact(whisker.high)))"
                }
                occupancy.markRect(x: slotLeft(category), y: min(top, baseline), width: slot, height: abs(top - baseline))
                rects += "<rect x=\"\(f(slotLeft(category) + gap / 2))\" y=\"\(f(min(top, baseline)))\" "
                rects += "width=\"\(f(max(slot - gap, 0)))\" height=\"\(f(abs(top - baseline)))\">"
                rects += "<title>\(XMLText.escaped(words.numbers(tooltip)))</title></rect>\n"
            }
            if !rects.isEmpty {
                // Pixel-snapping keeps hairline bars from showing anti-aliasing seams.
                let crisp = bands.bandWidth < 4 ? " shape-rendering=\"crispEdges\"" : ""
                out += groupOpen(series, kind: "bars", attributes: "fill=\"\(Palette.fallbackColour(series.index))\"\(crisp)", tooltip: false)
                out += rects + "</g>\n"
            }
            let spans: [(x: Double, low: Double, high: Double)] = series.whiskers.compactMap { whisker in
                guard let low = layout.y.position(whisker.low), let high = layout.y.position(whisker.high),
                      min(low, high) <= layout.plotBottom, max(low, high) >= layout.plotTop else { return nil }
                let (top, bottom) = (layout.plotTop, layout.plotBottom)
                return (slotLeft(Int(whisker.x)) + slot / 2, min(max(low, top), bottom), min(max(high, top), bottom))
            }
            if !spans.isEmpty {
                let cap = min(4, max(slot - gap, 1) * 0.3)
                whiskerPaths += "<path class=\"\(Palette.className(series.index))\" d=\"\(errorBars(spans, capHalfWidth: cap))\"/>\n"
            }
        }
        if !whiskerPaths.isEmpty {
            out += "<g class=\"whiskers\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.25\">\n\(whiskerPaths)</g>\n"
        }
    }

    // MARK: Scatter

    mutating func writeScatter() {
        let x = xScale, y = layout.y
        for series in data.series {
            var seen = Set<String>()
            var coordinates: [String] = []
            let r = markerRadius(series) ?? 3
            for point in series.points {
                guard let point, let px = x.position(point.x), let py = y.position(point.y),
                      py >= layout.plotTop, py <= layout.plotBottom else { continue }
                let coordinate = "\(f(px)) \(f(py))"
                if seen.insert(coordinate).inserted {
                    coordinates.append(coordinate)
                    occupancy.markRect(x: px - r, y: py - r, width: 2 * r, height: 2 * r)
                }
            }
            let whiskers = whiskerMarkup(series, bandAllowed: false)
            guard !coordinates.isEmpty || !whiskers.isEmpty else { continue }
            out += groupOpen(series, attributes: "fill=\"none\" stroke=\"\(Palette.fallbackColour(series.index))\"")
            out += whiskers
            if !coordinates.isEmpty {
                // Markers on the vertices of an unstroked path: one shape
                // definition, and just the coordinates per point.
                var d = "M" + coordinates[0]
                if coordinates.count == 1 { d += "h0" } else { d += "L" + coordinates.dropFirst().joined(separator: " ") }
                out += "<path class=\"points\" d=\"\(d)\" stroke=\"none\"\(markerAttributes(series))/>\n"
            }
            out += "</g>\n"
        }
    }

    // MARK: Shared

    private func groupOpen(_ series: SVGChart.ChartData.Series, kind: String? = nil, attributes: String,
                           tooltip: Bool = true) -> String {
        let classes = ["series", Palette.className(series.index)] + (kind.map { [$0] } ?? [])
        let title = tooltip ? "<title>\(XMLText.escaped(words.numbers(XMLText.singleLine(series.name))))</title>" : ""
        return "<g class=\"\(classes.joined(separator: " "))\" \(attributes)>\(title)\n"
    }
}
