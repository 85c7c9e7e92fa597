import Testing
@testable import NeuralEngine

struct DatasetTests {
    func sample(count: Int = 100, classes: Int = 4) throws -> Dataset<Double> {
        let features = try Tensor<Double>(rows: count, columns: 2, scalars: (0..<2 * count).map(Double.init))
        return try Dataset(features: features, labels: (0..<count).map { $0 % classes }, classCount: classes)
    }

    @Test func labelsAreChecked() {
        #expect(throws: EngineError.self) { try Dataset<Float>(features: Tensor(rows: 2, columns: 1), labels: [0, 3], classCount: 3) }
        #expect(throws: EngineError.self) { try Dataset<Float>(features: Tensor(rows: 2, columns: 1), labels: [0], classCount: 3) }
    }

    @Test func splitIsSeededAndPartitions() throws {
        let data = try sample()
        var a = RandomGenerator(seed: 1), b = RandomGenerator(seed: 1), c = RandomGenerator(seed: 2)
        let first = try data.split(trainingFraction: 0.8, generator: &a)
        let again = try data.split(trainingFraction: 0.8, generator: &b)
        let other = try data.split(trainingFraction: 0.8, generator: &c)
        #expect(first.training == again.training && first.test == again.test)
        #expect(first.training != other.training)
        #expect(first.training.count == 80 && first.test.count == 20)
        let rows = (first.training.features.scalars + first.test.features.scalars).sorted()
        #expect(rows == data.features.scalars.sorted())
    }

    @Test func stratifiedSplitKeepsClassProportions() throws {
        let data = try sample(count: 100, classes: 4)
        var generator = RandomGenerator(seed: 3)
        let parts = try data.split(trainingFraction: 0.6, validationFraction: 0.2, stratified: true, generator: &generator)
        for (part, size) in [(parts.training, 60), (parts.validation, 20), (parts.test, 20)] {
            #expect(part.count == size)
            for label in 0..<4 { #expect(part.labels!.filter { $0 == label }.count == size / 4) }
        }
    }

    @Test func splitArgumentsAreChecked() throws {
        let data = try sample()
        var generator = RandomGenerator(seed: 3)
        #expect(throws: EngineError.self) { try data.split(trainingFraction: 1.2, generator: &generator) }
        #expect(throws: EngineError.self) { try data.split(fractions: [0.7, 0.7], generator: &generator) }
        let regression = try Dataset<Double>(features: Tensor(rows: 4, columns: 1), targets: Tensor(rows: 4, columns: 1))
        #expect(throws: EngineError.self) { try regression.split(trainingFraction: 0.5, stratified: true, generator: &generator) }
    }

    @Test func standardizerFitsOnTrainingAndLeavesConstantColumnsCentred() throws {
        let training = try Tensor<Double>([[1, 5, 0], [3, 5, 10], [5, 5, 20]])
        let standardizer = Standardizer(fitting: training)
        let transformed = try standardizer.transform(training)
        for column in 0..<3 {
            let values = (0..<3).map { transformed[$0, column] }
            #expect(abs(values.reduce(0, +)) < 1e-12)
        }
        #expect(transformed[0, 1] == 0 && standardizer.standardDeviation[0, 1] == 1)
        #expect(abs(transformed[2, 0] - (2 / (8.0 / 3).squareRoot())) < 1e-12)
        // Applied to other data with the training statistics, not its own.
        let other = try standardizer.transform(try Tensor([[3.0, 6, 10]]))
        #expect(other[0, 0] == 0 && other[0, 1] == 1 && other[0, 2] == 0)
        #expect(throws: EngineError.self) { try standardizer.transform(Tensor<Double>(rows: 1, columns: 2)) }
    }

    @Test func syntheticSetsAreSeededAndShaped() throws {
        var a = RandomGenerator(seed: 8), b = RandomGenerator(seed: 8)
        #expect(try Dataset<Float>.spirals(pointsPerClass: 50, classes: 3, generator: &a)
            == (try Dataset<Float>.spirals(pointsPerClass: 50, classes: 3, generator: &b)))
        let spirals = try Dataset<Float>.spirals(pointsPerClass: 50, classes: 3, generator: &a)
        #expect(spirals.count == 150 && spirals.featureWidth == 2 && spirals.classCount == 3)
        let moons = try Dataset<Double>.moons(count: 101, noise: 0, generator: &a)
        #expect(moons.count == 101 && moons.labels!.filter { $0 == 0 }.count == 51)
        // Without noise, class 0 lies on the unit circle.
        for r in 0..<moons.count where moons.labels![r] == 0 {
            #expect(abs(moons.features[r, 0] * moons.features[r, 0] + moons.features[r, 1] * moons.features[r, 1] - 1) < 1e-12)
        }
        let circles = try Dataset<Double>.circles(count: 100, noise: 0, factor: 0.3, generator: &a)
        for r in 0..<circles.count {
            let radius = (circles.features[r, 0] * circles.features[r, 0] + circles.features[r, 1] * circles.features[r, 1]).squareRoot()
            #expect(abs(radius - (circles.labels![r] == 0 ? 1 : 0.3)) < 1e-12)
        }
        let blobs = try Dataset<Double>.blobs(count: 90, centers: 3, dimension: 5, generator: &a)
        #expect(blobs.featureWidth == 5 && blobs.classCount == 3)
        let polynomial = try Dataset<Double>.polynomial(count: 50, coefficients: [1, -2, 3], noise: 0, generator: &a)
        for r in 0..<50 {
            let x = polynomial.features[r, 0]
            #expect(abs(polynomial.targetValues![r, 0] - (1 - 2 * x + 3 * x * x)) < 1e-12)
        }
    }

    @Test func syntheticArgumentsAreChecked() {
        var generator = RandomGenerator(seed: 1)
        #expect(throws: EngineError.self) { try Dataset<Float>.moons(count: 0, generator: &generator) }
        #expect(throws: EngineError.self) { try Dataset<Float>.spirals(pointsPerClass: Int.max, classes: 3, generator: &generator) }
        #expect(throws: EngineError.self) { try Dataset<Float>.circles(count: 10, noise: -1, generator: &generator) }
        #expect(throws: EngineError.self) { try Dataset<Float>.circles(count: 10, factor: 2, generator: &generator) }
        #expect(throws: EngineError.self) { try Dataset<Float>.polynomial(count: 10, coefficients: [], generator: &generator) }
    }
}
