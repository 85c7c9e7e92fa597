import Experiments
import LessonMarkdown

/// An author's `chart:`: lines drawn from a block's values, for a picture
/// the kind does not draw itself.
///
///     chart: {y: [net[0].norm, net[1].norm], title: Activation norm per layer, y_scale: log}
///     chart: {x: layers, y: {net.he_normal.gradient: He, net.normal_1.gradient: "N(0, 1)"}, y_label: "‖∂L/∂h‖"}
///
/// Like ``TableRequest`` it is drawn after the run from the values (each
/// seed's, then their mean with the lowest and highest run as a band), so a
/// change to it reruns nothing: it is not part of the spec the cache keys on.
public struct ChartRequest: Sendable {
    /// A value (a path or an expression) that is a list of numbers in every run.
    public struct Line: Sendable {
        public var text: String
        public var expression: Expression
        public var label: String
        public var location: SourceLocation

        public init(text: String, expression: Expression, label: String, location: SourceLocation) {
            self.text = text
            self.expression = expression
            self.label = label
            self.location = location
        }
    }

    /// The x positions (a list of numbers); `nil`: 1, 2, 3, …
    public var x: Line?
    public var lines: [Line]
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var logY: Bool
    /// Where the chart is written, for problems with the chart as a whole.
    public var location: SourceLocation

    public init(x: Line?, lines: [Line], title: String, xLabel: String, yLabel: String, logY: Bool, location: SourceLocation) {
        self.x = x
        self.lines = lines
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.logY = logY
        self.location = location
    }
}
