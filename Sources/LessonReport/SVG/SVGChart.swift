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
    public static func render(_ chart: Chart, width: Int = 640, height: Int = 360, idPrefix: String) -> String {
        var renderer = Renderer(chart: chart, width: width, height: height, idPrefix: idPrefix)
        return renderer.render()
    }
}
