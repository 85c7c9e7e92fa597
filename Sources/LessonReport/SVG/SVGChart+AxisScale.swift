import Foundation

extension SVGChart {
    /// Maps data values on one axis to SVG user-space positions.
    struct AxisScale {
        var scale: ScaleKind
        var lower: Double
        var upper: Double
        /// Position of `lower` and of `upper` (for the y axis, start > end).
        var start: Double
        var end: Double

        /// Whether `value` can be placed on this axis at all (finite, and positive
        /// on a log axis).
        func accepts(_ value: Double) -> Bool {
            value.isFinite && (scale == .linear || value > 0)
        }

        /// The position of `value`, or nil if the axis cannot show it.
        /// `clamped: false` keeps a value far outside the domain where it is,
        /// for a caller that clips lines to the plot itself.
        func position(_ value: Double, clamped: Bool = true) -> Double? {
            guard accepts(value) else { return nil }
            let fraction: Double
            switch scale {
            case .linear:
                fraction = (value - lower) / (upper - lower)
            case .log:
                fraction = (log10(value) - log10(lower)) / (log10(upper) - log10(lower))
            }
            guard fraction.isFinite else { return nil }
            // Data lies outside the domain only when the author set a y range;
            // keep coordinates sane anyway.
            return start + (clamped ? min(max(fraction, -1), 2) : min(max(fraction, -1e6), 1e6)) * (end - start)
        }
    }

    /// The two kinds of numeric axis (mirrors `Chart.Scale`, which this module
    /// does not own).
    enum ScaleKind: Equatable {
        case linear, log
    }
}
