import Experiments

/// Draws a `Chart` as a self-contained inline `<svg>` element.
///
/// The SVG carries structure and classes; colours, fonts and themes come from
/// `SVGChart.stylesheet`, which the page includes once. Presentation
/// attributes give a plain light-theme fallback if the stylesheet is missing.
/// Output is deterministic: the same chart always gives the same bytes.
public enum SVGChart {
    /// Renders `chart` as an `<svg>` element.
    ///
    /// - Parameters:
    ///   - chart: The data and labels to draw. Values an axis cannot show
    ///     (NaN, ±∞, non-positive on a log axis) are left out.
    ///   - width: Width of the coordinate system (`viewBox`); the element
    ///     itself scales to its container's width.
    ///   - height: Height of the coordinate system.
    ///   - idPrefix: Prefix for the element ids (title, description, markers),
    ///     unique per page. Characters other than letters, digits, `-` and
    ///     `_` are replaced.
    ///   - className: an extra class on the `<svg>` element.
    ///   - words: the page's words, for what the drawing itself says ("No
    ///     data", "+3 more"); the chart's own labels are the kind's.
    public static func render(_ chart: Chart, width: Int = 640, height: Int = 360, idPrefix: String,
                              className: String? = nil, words: InterfaceWords = .english) -> String {
        var renderer = Renderer(chart: chart, width: width, height: height, idPrefix: idPrefix, className: className, words: words)
        return renderer.render()
    }

    /// The desktop drawing: shown about 560–760 CSS px wide (beside the sidebar), so its text stays
    /// at or above its nominal size.
    public static let wideWidth = 540, wideHeight = 330
    /// The phone drawing: a 390 px phone gives a block about 330 CSS px, so
    /// the drawing is scaled up a little, never down (text ≥ 11 px).
    public static let narrowWidth = 320, narrowHeight = 340
}
