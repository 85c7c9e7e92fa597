import Foundation

/// The numbers of one softmax / cross-entropy example.
struct SoftmaxExample: Sendable {
    var logits: [Double]
    var label: Int
    var temperature: Double
    var probabilities: [Double]
    var logSumExp: Double
    var loss: Double
    var predicted: Int
    var gradient: [Double]
    var numericGradient: [Double]

    var maxGradientError: Double {
        zip(gradient, numericGradient).map { abs($0 - $1) }.max() ?? 0
    }

    /// (zᵢ − max z) / T: the logits over T, shifted so that the largest is 0.
    ///
    /// Subtracting before dividing keeps a small T from overflowing large
    /// logits, and the difference of two close logits is exact, however large
    /// they are (1e17 and 1e17 + 16 differ by exactly 16).
    static func shifted(_ logits: [Double], temperature: Double) -> [Double] {
        let m = logits.max() ?? 0
        return logits.map { ($0 - m) / temperature }
    }

    /// Σ exp(dᵢ) over shifted logits: between 1 and the number of classes, so
    /// neither overflows nor rounds to 0.
    private static func sumOfExponentials(_ shifted: [Double]) -> Double {
        var sum = 0.0
        for d in shifted { sum += exp(d) }
        return sum
    }

    /// log Σ exp(zᵢ / T) = max z / T + log Σ exp(dᵢ), for display. Nothing
    /// else is computed from it: at large logits the sum rounds away the
    /// log term (1e17 + log 3 is 1e17).
    static func logSumExp(_ logits: [Double], temperature: Double) -> Double {
        (logits.max() ?? 0) / temperature + log(sumOfExponentials(shifted(logits, temperature: temperature)))
    }

    /// Cross-entropy −log softmax(z / T)_label = log Σ exp(dᵢ) − d_label,
    /// from the shifted logits, never through a probability that could round
    /// to 0 nor through the rounded log-sum-exp.
    static func loss(_ logits: [Double], label: Int, temperature: Double) -> Double {
        let d = shifted(logits, temperature: temperature)
        return log(sumOfExponentials(d)) - d[label]
    }

    /// Up to this many classes each perturbed loss is evaluated from scratch
    /// (O(C) each, O(C²) a row). Wider rows update the sum instead: at the
    /// 1,000 × 1,000 the kind allows, from scratch took over 15 s.
    static let directDifferenceLimit = 64

    /// The same central differences as the direct loop, in O(C) for the row.
    ///
    /// Moving logit i changes one term of log Σⱼ exp(zⱼ / T), so each perturbed
    /// loss is m + log(exp(mᵢ − m) Rᵢ + exp(zᵢ' / T − m)), with Rᵢ = Σⱼ≠ᵢ exp(zⱼ / T − mᵢ)
    /// and mᵢ the largest other scaled logit. Rᵢ is shared by the two sides of a
    /// difference, so its rounding cancels.
    static func numericGradientBySumUpdates(_ logits: [Double], label: Int, temperature: Double) -> [Double] {
        let scaled = logits.map { $0 / temperature }
        var top = 0
        for (j, value) in scaled.enumerated() where value > scaled[top] { top = j }
        var second = top == 0 ? 1 : 0
        for (j, value) in scaled.enumerated() where j != top && value > scaled[second] { second = j }
        var total = 0.0
        for value in scaled { total += exp(value - scaled[top]) }
        // Without the largest term, relative to the second largest, summed directly
        // (total − 1 would lose the small terms).
        var restOfTop = 0.0
        for (j, value) in scaled.enumerated() where j != top { restOfTop += exp(value - scaled[second]) }

        let h = 1e-5 * min(1, temperature)
        return logits.indices.map { i in
            let otherMax = i == top ? scaled[second] : scaled[top]
            let rest = i == top ? restOfTop : total - exp(scaled[i] - scaled[top])
            func loss(_ z: Double) -> Double {
                let s = z / temperature
                let m = max(otherMax, s)
                let lse = m + log(exp(otherMax - m) * rest + exp(s - m))
                return lse - (i == label ? s : scaled[label])
            }
            let plus = logits[i] + h, minus = logits[i] - h
            return (loss(plus) - loss(minus)) / (plus - minus)
        }
    }

    static func compute(logits: [Double], label: Int, temperature: Double) -> SoftmaxExample {
        let d = shifted(logits, temperature: temperature)
        let sum = sumOfExponentials(d)
        // Normalized by the sum itself, so they add up to 1 for any finite
        // logits (exp(z/T − lse) would not, once lse has rounded).
        let probabilities = d.map { exp($0) / sum }
        let crossEntropy = log(sum) - d[label]
        var predicted = 0
        for (i, z) in logits.enumerated() where z > logits[predicted] { predicted = i }
        // ∂L/∂zᵢ = (ŷᵢ − yᵢ) / T: the softmax Jacobian times −y/ŷ collapses to this.
        let gradient = probabilities.enumerated().map { i, p in (p - (i == label ? 1 : 0)) / temperature }
        // Central differences. The loss's derivatives scale with 1/T, not
        // with the size of the logits, so the step is absolute: a step
        // relative to |z| would make the truncation error (∝ h²) grow with
        // ±1000 logits while rounding error stays small.
        //
        // The differences are taken on the logits shifted by their maximum,
        // which changes neither the loss nor its gradient: at 1e17 a step of
        // 1e-5 would vanish in the rounding of the logit itself. A logit more
        // than 800·T below the maximum has exp((z − max)/T) = 0 exactly, and
        // stays there when moved to 800·T below it, where a step is not lost.
        let top = logits.max() ?? 0
        let centered = logits.map { max($0 - top, -800 * temperature) }
        var numeric = [Double](repeating: 0, count: logits.count)
        if logits.count > directDifferenceLimit {
            numeric = numericGradientBySumUpdates(centered, label: label, temperature: temperature)
        } else {
            for i in logits.indices {
                let h = 1e-5 * min(1, temperature)
                var plus = centered, minus = centered
                plus[i] += h
                minus[i] -= h
                numeric[i] = (loss(plus, label: label, temperature: temperature)
                    - loss(minus, label: label, temperature: temperature)) / (plus[i] - minus[i])
            }
        }
        return SoftmaxExample(
            logits: logits, label: label, temperature: temperature, probabilities: probabilities,
            logSumExp: logSumExp(logits, temperature: temperature), loss: crossEntropy, predicted: predicted,
            gradient: gradient, numericGradient: numeric)
    }

    var values: Record {
        var r = Record()
        r["loss"] = .number(loss)
        r["probabilities"] = .numbers(probabilities)
        r["predicted"] = .integer(predicted)
        r["label"] = .integer(label)
        r["correct"] = .bool(predicted == label)
        r["probability_of_label"] = .number(probabilities[label])
        r["hardmax"] = .integers(logits.indices.map { $0 == predicted ? 1 : 0 })
        r["target"] = .integers(logits.indices.map { $0 == label ? 1 : 0 })
        r["gradient"] = .numbers(gradient)
        r["numeric_gradient"] = .numbers(numericGradient)
        r["max_gradient_error"] = .number(maxGradientError)
        r["log_sum_exp"] = .number(logSumExp)
        r["sum_probabilities"] = .number(probabilities.reduce(0, +))
        r["entropy"] = .number(-probabilities.reduce(0) { $1 > 0 ? $0 + $1 * log($1) : $0 })
        return r
    }

    /// The block's values (``SoftmaxKind/present(_:_:)`` draws them).
    static func outcome(_ examples: [SoftmaxExample], spec: SoftmaxKind.Spec) -> ExperimentOutcome {
        var values: Record
        if spec.isBatch {
            values = Record()
            values["loss"] = .number(examples.map(\.loss).reduce(0, +) / Double(max(examples.count, 1)))
            values["probabilities"] = .list(examples.map { .numbers($0.probabilities) })
            values["predicted"] = .integers(examples.map(\.predicted))
            values["gradient"] = .list(examples.map { .numbers($0.gradient) })
            values["max_gradient_error"] = .number(examples.map(\.maxGradientError).max() ?? 0)
            values["accuracy"] = .number(Double(examples.filter { $0.predicted == $0.label }.count)
                                         / Double(max(examples.count, 1)))
            values["examples"] = .list(examples.map { .record($0.values) })
        } else {
            values = examples.first?.values ?? Record()
        }
        values["classes"] = .strings(spec.classes)
        values["temperature"] = .number(spec.temperature)

        return ExperimentOutcome(values: values)
    }
}
