/// A chart an experiment wants drawn: data and labels only, no geometry.
///
/// Experiments describe *what* to plot; `LessonReport` decides *how* (SVG,
/// axes, ticks, colours). Keeping the model free of layout lets results be
/// cached as plain data and re-rendered when the look changes.
public struct Chart: Codable, Sendable, Hashable {
    /// How the series are drawn.
    public enum Style: String, Codable, Sendable, Hashable {
        /// Points joined by lines; `x` is numeric.
        case line
        /// Grouped vertical bars; `categories` name the groups, and each
        /// series has one value per category (its `x` is ignored).
        case bar
        /// Unjoined points (e.g. a 2-D data set or decision boundary samples).
        case scatter
    }

    /// How an axis maps values to positions.
    public enum Scale: String, Codable, Sendable, Hashable {
        case linear
        /// Base-10 logarithmic; non-positive values are dropped from the plot.
        case log
    }

    /// How the y values read: as they are, or fractions drawn as percentages
    /// (0.974 is drawn at 97.4, so the axis agrees with tables in %).
    public enum ValueFormat: String, Codable, Sendable, Hashable {
        case plain
        case percent
    }

    /// One named sequence of values.
    public struct Series: Sendable, Hashable {
        public var name: String
        public var x: [Double]
        public var y: [Double]
        /// Optional spread around each `y` (e.g. min and max of repeated timings),
        /// drawn as whiskers. Same length as `y` when present.
        public var yLow: [Double]?
        public var yHigh: [Double]?
        public var dashed: Bool

        public init(name: String, x: [Double] = [], y: [Double],
                    yLow: [Double]? = nil, yHigh: [Double]? = nil, dashed: Bool = false) {
            self.name = name
            self.x = x
            self.y = y
            self.yLow = yLow
            self.yHigh = yHigh
            self.dashed = dashed
        }
    }

    /// A horizontal line across the plot, e.g. "deterministic accuracy".
    public struct ReferenceLine: Codable, Sendable, Hashable {
        public var label: String
        public var y: Double
        public init(label: String, y: Double) {
            self.label = label
            self.y = y
        }
    }

    public var title: String
    public var style: Style
    public var xLabel: String
    public var yLabel: String
    public var xScale: Scale
    public var yScale: Scale
    public var categories: [String]
    public var series: [Series]
    public var referenceLines: [ReferenceLine]
    /// A sentence describing the chart for screen readers (`<desc>`).
    public var summary: String
    /// `nil` (as in results cached before it existed) reads as `.plain`.
    public var yFormat: ValueFormat?
    /// When the chart stands for several runs (a block with `seeds:`): how
    /// many. `y` is then their mean, and `yLow` / `yHigh` the lowest and
    /// highest over them. `nil` for a single run.
    public var seedRuns: Int?
    /// The author's y range, in the units the axis shows (accuracy in %):
    /// the axis spans exactly these bounds and lines are clipped to them.
    /// `nil` on either side (and in results cached before it existed): from the data.
    public var yLower: Double?
    public var yUpper: Double?

    public init(title: String, style: Style = .line, xLabel: String = "", yLabel: String = "",
                xScale: Scale = .linear, yScale: Scale = .linear, categories: [String] = [],
                series: [Series], referenceLines: [ReferenceLine] = [], summary: String = "",
                yFormat: ValueFormat = .plain) {
        self.yFormat = yFormat
        self.title = title
        self.style = style
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xScale = xScale
        self.yScale = yScale
        self.categories = categories
        self.series = series
        self.referenceLines = referenceLines
        self.summary = summary
    }
}
