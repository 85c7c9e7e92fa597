import Foundation
import NeuralEngine
import LessonSupport

/// The bias–variance decomposition of the expected test error of a
/// regression, estimated by refitting every capacity on many training sets.
///
/// Draw R training sets D₁ … D_R from the same distribution and fit each
/// capacity on each, giving predictions p_r(x) on a fixed grid of test points
/// x. With the true function f and the noise variance σ²,
///
///     bias²    = mean over x of (p̄(x) − f(x))²,   p̄(x) = mean over r of p_r(x)
///     variance = mean over x of the mean over r of (p_r(x) − p̄(x))²
///     noise    = σ²
///
/// and the expected squared error on a fresh noisy target y = f(x) + ε is
/// their sum. The block checks that sum against a direct estimate: the mean of
/// (p_r(x) − y)² with a new ε drawn for every resample and grid point. The two
/// differ only by Monte-Carlo error, which shrinks as R × grid points grow.
///
/// The variance is the population variance over the R fits (divide by R, not
/// R − 1): the squared bias of a sample mean overstates the true bias² by
/// variance/R and this variance understates it by as much, so their sum is
/// unbiased — and equals the mean of (p_r − f)² exactly.
struct BiasVarianceDecomposition {
    var spec: BiasVarianceKind.Spec

    struct Point: Sendable {
        var capacity: Int
        var bias2: Double
        var variance: Double
        var noise: Double
        /// Mean squared error of the fits on fresh noisy targets at the grid points.
        var testMSE: Double
        /// Resamples whose training diverged (left out of the averages).
        var diverged: Int

        var total: Double { bias2 + variance + noise }
        /// (bias² + variance + noise − test MSE) / test MSE.
        var discrepancy: Double { (total - testMSE) / testMSE }
    }

    /// The grid of test points: evenly spaced over [−1, 1].
    var grid: [Double] {
        let n = spec.testPoints
        return (0..<n).map { -1 + 2 * Double($0) / Double(n - 1) }
    }

    func run(generator: inout RandomGenerator) throws -> [Point] {
        let grid = self.grid
        let truth = grid.map(spec.data.trueFunction)
        let sweep = BiasVarianceSweep(spec: spec)
        // predictions[c][r] holds capacity c's fit on training set r, at every grid point.
        var predictions = Array(repeating: [[Double]](), count: spec.capacities.count)
        var testNoise: [[Double]] = []
        var dataGenerator = generator.split()
        var noiseGenerator = generator.split()
        var modelGenerator = generator.split()
        let gridTensor = try Tensor<Float>(rows: grid.count, columns: 1, scalars: grid.map { Float($0) })
        var diverged = Array(repeating: 0, count: spec.capacities.count)

        for _ in 0..<spec.resamples {
            let training = try Dataset<Float>.polynomial(
                count: spec.trainSize, coefficients: spec.data.coefficients, noise: spec.data.noise, generator: &dataGenerator)
            // One fresh noisy target per grid point, shared by the capacities
            // (common random numbers: the comparison between them is less noisy).
            testNoise.append(grid.map { _ in spec.data.noise * noiseGenerator.normal() })
            for (c, capacity) in spec.capacities.enumerated() {
                try WorkDeadline.check()
                if spec.family == .degrees {
                    let polynomial = try sweep.polynomial(capacity, on: training, singular: " for a resampled training set")
                    predictions[c].append(grid.map { polynomial($0) })
                    continue
                }
                var fork = modelGenerator.split()
                let (model, history) = try sweep.train(capacity, on: training, generator: &fork)
                if history.diverged { diverged[c] += 1 }
                predictions[c].append(history.diverged ? [] : try model.predict(gridTensor).scalars.map(Double.init))
            }
        }

        return spec.capacities.indices.map { c in
            Self.point(capacity: spec.capacities[c], predictions: predictions[c], truth: truth, testNoise: testNoise,
                       noiseVariance: spec.data.noise * spec.data.noise, diverged: diverged[c])
        }
    }

    /// The estimates of one capacity from its fits (an empty row is a diverged fit).
    static func point(
        capacity: Int, predictions: [[Double]], truth: [Double], testNoise: [[Double]], noiseVariance: Double, diverged: Int
    ) -> Point {
        let fits = predictions.indices.filter { !predictions[$0].isEmpty }
        guard !fits.isEmpty else {
            return Point(capacity: capacity, bias2: .nan, variance: .nan, noise: noiseVariance, testMSE: .nan, diverged: diverged)
        }
        let r = Double(fits.count)
        var bias2 = 0.0, variance = 0.0, testMSE = 0.0
        for g in truth.indices {
            var mean = 0.0
            for i in fits { mean += predictions[i][g] }
            mean /= r
            var spread = 0.0
            for i in fits {
                let d = predictions[i][g] - mean
                spread += d * d
                let e = predictions[i][g] - truth[g] - testNoise[i][g]
                testMSE += e * e
            }
            bias2 += (mean - truth[g]) * (mean - truth[g])
            variance += spread / r
        }
        let points = Double(truth.count)
        return Point(capacity: capacity, bias2: bias2 / points, variance: variance / points, noise: noiseVariance,
                     testMSE: testMSE / (points * r), diverged: diverged)
    }
}
