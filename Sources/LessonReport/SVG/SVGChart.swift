// TEMPORARY STUB — replaced by the svg branch.
import Experiments

public enum SVGChart {
    public static func render(_ chart: Chart, width: Int = 640, height: Int = 360, idPrefix: String) -> String {
        "<svg role=\"img\"><title>\(HTML.escape(chart.title))</title></svg>"
    }
    public static let stylesheet = ""
}
