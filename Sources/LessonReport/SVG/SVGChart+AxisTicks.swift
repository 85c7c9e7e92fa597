import LessonSupport
import Experiments
import Foundation

extension SVGChart {
    /// One tick on an axis. Ticks with a label also get a grid line.
    struct AxisTick: Equatable {
        var value: Double
        var label: String?
        /// Major ticks get a longer mark; log axes add short unlabelled minor ones.
        var isMajor: Bool
    }

    /// The domain of an axis, widened to round values, and its ticks.
    ///
    /// Linear axes step by 1, 2 or 5 × 10^k and extend to the nearest multiples
    /// of the step; log axes extend to whole decades (Heckbert's "nice numbers",
    /// as in most plotting libraries).
    struct AxisTicks: Equatable {
        var lower: Double
        var upper: Double
        var ticks: [AxisTick]

        var labelled: [AxisTick] { ticks.filter { $0.label != nil } }

        // MARK: Linear

        /// Nice ticks covering `minimum ... maximum` with at most `maxCount` ticks
        /// (at least three: a range across zero needs −step, 0, step). Non-finite
        /// bounds fall back to 0...1; equal bounds are padded so the axis still
        /// has a span.
        static func linear(minimum: Double, maximum: Double, maxCount: Int) -> AxisTicks {
            let (lower, upper) = paddedRange(minimum, maximum)
            let intervals = Double(max(2, maxCount - 1))
            let rawStep = (upper - lower) / intervals
            let firstExponent = NumberFormat.exponent10(rawStep)
            for attempt in 0..<12 {
                let exponent = firstExponent + attempt / 3
                let mantissa = [1, 2, 5][attempt % 3]
                let step = Double(mantissa) * NumberFormat.power10(exponent)
                if step < rawStep * (1 - 1e-9) { continue }
                let first = (lower / step + 1e-9).rounded(.down)
                let last = (upper / step - 1e-9).rounded(.up)
                guard abs(first) < 1e15, abs(last) < 1e15 else { break }
                if last - first > intervals { continue }
                let values = (Int(first)...Int(last)).map { value(index: $0, mantissa: mantissa, exponent: exponent) }
                let labels = NumberFormat.tickLabels(values, stepExponent: exponent)
                let ticks = zip(values, labels).map { AxisTick(value: $0, label: $1, isMajor: true) }
                return AxisTicks(lower: values.first!, upper: values.last!, ticks: ticks)
            }
            // Only reachable for absurd spans; two plain ticks are still honest.
            let labels = [NumberFormat.compact(lower, significantDigits: 4), NumberFormat.compact(upper, significantDigits: 4)]
            return AxisTicks(lower: lower, upper: upper, ticks: [
                AxisTick(value: lower, label: labels[0], isMajor: true),
                AxisTick(value: upper, label: labels[1], isMajor: true),
            ])
        }

        /// `index × mantissa × 10^exponent`, computed so that e.g. 3 × 0.1 gives
        /// the double nearest 0.3 rather than 0.30000000000000004.
        private static func value(index: Int, mantissa: Int, exponent: Int) -> Double {
            let multiple = Double(index * mantissa)
            if exponent < 0, exponent >= -300 { return multiple / NumberFormat.power10(-exponent) }
            return multiple * NumberFormat.power10(exponent)
        }

        /// A finite, ordered range with a real span.
        static func paddedRange(_ a: Double, _ b: Double) -> (Double, Double) {
            let limit = 1e300
            guard a.isFinite, b.isFinite else {
                if a.isFinite { return paddedRange(a, a) }
                if b.isFinite { return paddedRange(b, b) }
                return (0, 1)
            }
            var lower = min(max(min(a, b), -limit), limit)
            var upper = min(max(max(a, b), -limit), limit)
            let magnitude = max(abs(lower), abs(upper))
            if upper - lower <= magnitude * 1e-9 || upper - lower < 1e-200 {
                let center = lower / 2 + upper / 2
                let pad = magnitude > 1e-200 ? magnitude * 0.1 : 1
                lower = center - pad
                upper = center + pad
            }
            return (lower, upper)
        }

        // MARK: Logarithmic

        /// Decade ticks covering `minimum ... maximum` (both must be positive),
        /// labelling at most `maxLabels` decades. Narrow ranges (one decade) also
        /// label 2× and 5×; up to six decades get unlabelled minor ticks at
        /// 2×…9×. Labels are plain ("0.001", "100", "1k") while the domain stays
        /// within 10⁻³…10⁹, otherwise all are written as powers ("10⁻⁵").
        static func log(minimum: Double, maximum: Double, maxLabels: Int) -> AxisTicks {
            var low = minimum, high = maximum
            if !(low > 0 && low.isFinite) { low = high > 0 && high.isFinite ? high : 1 }
            if !(high > 0 && high.isFinite) { high = low }
            if low > high { swap(&low, &high) }
            var first = min(max(Int((log10(low) + 1e-9).rounded(.down)), -300), 299)
            var last = min(max(Int((log10(high) - 1e-9).rounded(.up)), -299), 300)
            if last <= first {
                first -= 1
                last = first + 2
            }
            let decades = last - first
            let labelCapacity = max(1, maxLabels - 1)
            let labelStep = [1, 2, 3, 5, 10, 20, 25, 50, 100, 200].first { (decades + $0 - 1) / $0 <= labelCapacity } ?? 300
            if labelStep > 1 {
                first = floorMultiple(first, labelStep)
                last = -floorMultiple(-last, labelStep)
            }
            let superscript = first < -3 || last > 9
            let minorMultiples = labelStep == 1 && last - first <= 6
            let labelTwoAndFive = last - first == 1

            var ticks: [AxisTick] = []
            for exponent in first...last {
                let decadeValue = NumberFormat.power10(exponent)
                if exponent % labelStep == 0 {
                    ticks.append(AxisTick(value: decadeValue, label: NumberFormat.decade(exponent, superscript: superscript), isMajor: true))
                } else {
                    ticks.append(AxisTick(value: decadeValue, label: nil, isMajor: false))
                }
                guard exponent < last, minorMultiples else { continue }
                for multiple in 2...9 {
                    let value = Double(multiple) * decadeValue
                    var label: String?
                    if labelTwoAndFive, multiple == 2 || multiple == 5 {
                        label = superscript
                            ? "\(multiple)×10" + NumberFormat.superscript(exponent)
                            : NumberFormat.tickLabels([value], stepExponent: exponent)[0]
                    }
                    ticks.append(AxisTick(value: value, label: label, isMajor: false))
                }
            }
            return AxisTicks(lower: NumberFormat.power10(first), upper: NumberFormat.power10(last), ticks: ticks)
        }

        private static func floorMultiple(_ value: Int, _ step: Int) -> Int {
            let quotient = value / step
            return (value % step != 0 && value < 0 ? quotient - 1 : quotient) * step
        }
    }
}
