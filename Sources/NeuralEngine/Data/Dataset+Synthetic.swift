/// Synthetic data sets, each a pure function of its arguments and the generator.
///
/// Classification sets are returned with their rows shuffled (so that a split
/// or an unshuffled batch sees every class); all draw only from `generator`.
extension Dataset {
    /// Largest number of examples a synthetic set may have.
    public static var maximumSyntheticCount: Int { 1_000_000 }

    /// Interleaved spiral arms in the plane, one per class (the CS231n example):
    /// along arm `k`, radius grows from 0 to 1 while the angle runs over
    /// [4k, 4k + 4] radians plus normal noise of standard deviation `noise`.
    public static func spirals(
        pointsPerClass: Int, classes: Int = 3, noise: Double = 0.2, generator: inout RandomGenerator
    ) throws -> Dataset {
        try check(classes, in: 2...100, name: "spirals", what: "classes")
        try check(pointsPerClass, in: 1...maximumSyntheticCount / classes, name: "spirals", what: "points per class")
        try checkNoise(noise, name: "spirals")
        var points: [[Double]] = [], labels: [Int] = []
        for k in 0..<classes {
            for i in 0..<pointsPerClass {
                let fraction = pointsPerClass > 1 ? Double(i) / Double(pointsPerClass - 1) : 0
                let angle = 4 * (Double(k) + fraction) + noise * generator.normal()
                points.append([fraction * Math.sin(angle), fraction * Math.cos(angle)])
                labels.append(k)
            }
        }
        return shuffled(points: points, labels: labels, classCount: classes, generator: &generator)
    }

    /// Two interleaving half circles (scikit-learn's `make_moons`): class 0 on the
    /// upper arc of the unit circle, class 1 on a lower arc shifted by (1, −0.5),
    /// plus normal noise of standard deviation `noise` on both coordinates.
    public static func moons(count: Int, noise: Double = 0.1, generator: inout RandomGenerator) throws -> Dataset {
        try check(count: count, name: "moons", what: "points")
        try checkNoise(noise, name: "moons")
        let outer = count / 2 + count % 2, inner = count / 2
        var points: [[Double]] = [], labels: [Int] = []
        for i in 0..<outer {
            let t = Double.pi * (outer > 1 ? Double(i) / Double(outer - 1) : 0)
            points.append([Math.cos(t), Math.sin(t)])
            labels.append(0)
        }
        for i in 0..<inner {
            let t = Double.pi * (inner > 1 ? Double(i) / Double(inner - 1) : 0)
            points.append([1 - Math.cos(t), 0.5 - Math.sin(t)])
            labels.append(1)
        }
        for i in points.indices {
            points[i][0] += noise * generator.normal()
            points[i][1] += noise * generator.normal()
        }
        return shuffled(points: points, labels: labels, classCount: 2, generator: &generator)
    }

    /// Two concentric circles (scikit-learn's `make_circles`): class 0 on the unit
    /// circle, class 1 on a circle of radius `factor`, plus normal noise.
    public static func circles(
        count: Int, noise: Double = 0.1, factor: Double = 0.5, generator: inout RandomGenerator
    ) throws -> Dataset {
        try check(count: count, name: "circles", what: "points")
        try checkNoise(noise, name: "circles")
        guard factor > 0, factor < 1 else {
            throw EngineError.invalidArgument("circles: the inner radius factor must be in (0, 1), got \(factor)")
        }
        let outer = count / 2 + count % 2, inner = count / 2
        var points: [[Double]] = [], labels: [Int] = []
        for (n, radius, label) in [(outer, 1.0, 0), (inner, factor, 1)] {
            for i in 0..<n {
                let t = 2 * Double.pi * Double(i) / Double(n)
                points.append([
                    radius * Math.cos(t) + noise * generator.normal(),
                    radius * Math.sin(t) + noise * generator.normal(),
                ])
                labels.append(label)
            }
        }
        return shuffled(points: points, labels: labels, classCount: 2, generator: &generator)
    }

    /// Isotropic Gaussian blobs, one class per centre (scikit-learn's `make_blobs`):
    /// the centres are drawn uniformly from `centerRange` in every dimension, the
    /// examples split evenly between them.
    public static func blobs(
        count: Int, centers: Int = 3, dimension: Int = 2, standardDeviation: Double = 1,
        centerRange: ClosedRange<Double> = -10...10, generator: inout RandomGenerator
    ) throws -> Dataset {
        try check(centers, in: 1...100, name: "blobs", what: "centres")
        try check(dimension, in: 1...10_000, name: "blobs", what: "dimensions")
        let centerPoints = (0..<centers).map { _ in
            (0..<dimension).map { _ in generator.uniform(centerRange.lowerBound, centerRange.upperBound) }
        }
        return try blobs(count: count, centers: centerPoints, standardDeviation: standardDeviation, generator: &generator)
    }

    /// Isotropic Gaussian blobs around the given centres, one class per centre.
    public static func blobs(
        count: Int, centers: [[Double]], standardDeviation: Double = 1, generator: inout RandomGenerator
    ) throws -> Dataset {
        try check(count: count, name: "blobs", what: "points")
        try checkNoise(standardDeviation, name: "blobs")
        guard let dimension = centers.first?.count, dimension > 0,
            centers.allSatisfy({ $0.count == dimension && $0.allSatisfy(\.isFinite) })
        else {
            throw EngineError.invalidArgument("blobs: centres must be non-empty lists of equal length of finite numbers")
        }
        var points: [[Double]] = [], labels: [Int] = []
        for i in 0..<count {
            let label = i % centers.count
            points.append(centers[label].map { $0 + standardDeviation * generator.normal() })
            labels.append(label)
        }
        return shuffled(points: points, labels: labels, classCount: centers.count, generator: &generator)
    }

    /// Noisy polynomial regression in one variable: `x` uniform in `xRange`,
    /// `y = Σ coefficients[i]·xⁱ + noise·N(0, 1)`. Features are `x` (one
    /// column), targets `y` (one column).
    public static func polynomial(
        count: Int, coefficients: [Double], xRange: ClosedRange<Double> = -1...1, noise: Double = 0.1,
        generator: inout RandomGenerator
    ) throws -> Dataset {
        try check(count: count, name: "polynomial", what: "points")
        try checkNoise(noise, name: "polynomial")
        guard !coefficients.isEmpty, coefficients.count <= 64, coefficients.allSatisfy(\.isFinite) else {
            throw EngineError.invalidArgument("polynomial: needs 1 to 64 finite coefficients, got \(coefficients.count)")
        }
        var xs: [Scalar] = [], ys: [Scalar] = []
        for _ in 0..<count {
            let x = generator.uniform(xRange.lowerBound, xRange.upperBound)
            // Horner's rule, from the highest power down.
            let y = coefficients.reversed().reduce(0) { $0 * x + $1 }
            xs.append(Scalar(x))
            ys.append(Scalar(y + noise * generator.normal()))
        }
        return Dataset(
            uncheckedFeatures: Tensor(uncheckedRows: count, columns: 1, scalars: xs),
            targets: .values(Tensor(uncheckedRows: count, columns: 1, scalars: ys)))
    }

    // MARK: Helpers

    private static func shuffled(
        points: [[Double]], labels: [Int], classCount: Int, generator: inout RandomGenerator
    ) -> Dataset {
        let order = generator.permutation(points.count)
        let width = points.first?.count ?? 0
        let scalars = order.flatMap { points[$0].map { Scalar($0) } }
        return Dataset(
            uncheckedFeatures: Tensor(uncheckedRows: points.count, columns: width, scalars: scalars),
            targets: .classes(labels: order.map { labels[$0] }, classCount: classCount))
    }

    private static func check(count: Int, name: String, what: String) throws {
        try check(count, in: 1...maximumSyntheticCount, name: name, what: what)
    }

    private static func check(_ value: Int, in range: ClosedRange<Int>, name: String, what: String) throws {
        guard range.contains(value) else {
            throw EngineError.invalidArgument(
                "\(name): the number of \(what) must be between \(range.lowerBound) and \(range.upperBound), got \(value)")
        }
    }

    private static func checkNoise(_ noise: Double, name: String) throws {
        guard noise >= 0, noise.isFinite else {
            throw EngineError.invalidArgument("\(name): the noise must be a finite number ≥ 0, got \(noise)")
        }
    }
}
