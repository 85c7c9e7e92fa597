import LessonSupport
import Experiments
import Foundation

extension SVGChart {
    /// How series tell themselves apart: colour (CSS classes `s1` … `s8`,
    /// filled in by `stylesheet`), marker shape and, in print, dash pattern —
    /// so a chart still reads in greyscale and for colour-blind readers.
    enum Palette {
        static let count = 8

        /// Okabe & Ito's colour-blind-safe palette, ordered so neighbouring
        /// series alternate dark and light (blue, orange, green, vermillion…)
        /// and stay apart in greyscale too. Each hue is darkened (lightness
        /// lowered, hue and saturation kept) until it stands at 3:1 or more
        /// against the block panel (#f5f6f8), as WCAG asks of graphics: the
        /// orange, sky blue, yellow and pink were 2.1–2.8:1. These are the
        /// light-theme values, also used as presentation-attribute fallbacks
        /// when the page has no stylesheet.
        static let light = ["#0072B2", "#B37C00", "#00996F", "#D55E00", "#C6689C", "#1B8DCE", "#6B6B6B", "#998600"]
        /// The same hues lifted for dark backgrounds (5.4:1 or more against
        /// the dark panel, #1e2127).
        static let dark = ["#4F9BE0", "#F2B53A", "#2CC39A", "#F07A5A", "#E7A1C9", "#A6D8F7", "#B5B5B5", "#F0E442"]

        /// Print-only dash patterns (screen keeps solid lines unless the
        /// author asked for dashes).
        static let printDashes = ["none", "9 3", "2 3", "9 3 2 3", "5 3", "12 3 2 3 2 3", "1 2", "6 2 1 2"]

        static let authorDash = "7 4"
        /// A line lying on an earlier one: short dashes with wide gaps, so the
        /// line under it shows through.
        static let coincidentDash = "3 6"

        static func className(_ seriesIndex: Int) -> String { "s\(seriesIndex % count + 1)" }
        static func fallbackColour(_ seriesIndex: Int) -> String { light[seriesIndex % count] }

        /// A closed path for marker `seriesIndex` (circle, square, triangle,
        /// diamond, inverted triangle, plus, cross, star) centred on
        /// (`x`, `y`), about `2r` across.
        static func markerPath(_ seriesIndex: Int, x: Double, y: Double, r: Double) -> String {
            func p(_ points: [(Double, Double)]) -> String {
                let coordinates = points.map { "\(f(x + $0.0 * r)) \(f(y + $0.1 * r))" }
                return "M" + coordinates.joined(separator: "L") + "Z"
            }
            switch seriesIndex % count {
            case 0:
                return "M\(f(x - r)) \(f(y))a\(f(r)) \(f(r)) 0 1 0 \(f(2 * r)) 0a\(f(r)) \(f(r)) 0 1 0 \(f(-2 * r)) 0Z"
            case 1:
                return p([(-0.88, -0.88), (0.88, -0.88), (0.88, 0.88), (-0.88, 0.88)])
            case 2:
                return p([(0, -1.25), (1.1, 0.7), (-1.1, 0.7)])
            case 3:
                return p([(0, -1.3), (1.1, 0), (0, 1.3), (-1.1, 0)])
            case 4:
                return p([(0, 1.25), (1.1, -0.7), (-1.1, -0.7)])
            case 5, 6:
                let a = 0.36, b = 1.2
                let plus = [(-a, -b), (a, -b), (a, -a), (b, -a), (b, a), (a, a), (a, b), (-a, b), (-a, a), (-b, a), (-b, -a), (-a, -a)]
                if seriesIndex % count == 5 { return p(plus) }
                return p(plus.map { (($0.0 - $0.1) * 0.7071, ($0.0 + $0.1) * 0.7071) })
            default:
                let points = (0..<10).map { k -> (Double, Double) in
                    let angle = Double(k) * .pi / 5 - .pi / 2
                    let radius = k % 2 == 0 ? 1.35 : 0.58
                    return (cos(angle) * radius, sin(angle) * radius)
                }
                return p(points)
            }
        }
    }
}

extension SVGChart {
    /// A coordinate for SVG: at most two decimals, no trailing zeros, no "-0".
    static func f(_ value: Double) -> String { NumberFormat.fixed(value, maxDecimals: 2) }
}
