import Foundation
import NeuralEngine

/// The data sets the training kinds can use, by the name a block writes in `data:`.
enum DataSource: String, Codable, Sendable, Hashable, CaseIterable {
    case spirals, moons, circles, blobs, digits, polynomial, linear

    /// Whether the targets are numbers (squared error) rather than classes.
    var isRegression: Bool { self == .polynomial || self == .linear }

    /// The noise a block gets when it writes none, in the units of ``noiseMeaning``.
    var defaultNoise: Double {
        switch self {
        case .spirals: 0.2
        case .moons: 0.2
        case .circles: 0.1
        case .blobs: 1
        case .polynomial: 0.3
        case .linear: 0.1
        case .digits: 0
        }
    }
}

/// A spec whose examples a ``DataRecipe`` draws: its kind's runs read the
/// recipe's files, and ``ExperimentKind/dataFiles(_:context:)`` says so.
protocol DataBacked {
    var data: DataRecipe { get }
}

/// Everything needed to draw a block's examples: which set, its noise and
/// shape, and for the digits the file. A plain value so it can be part of a
/// spec (and of its cache key).
struct DataRecipe: Codable, Sendable, Hashable {
    var source: DataSource
    /// Standard deviation of the noise (angle for spirals, coordinates for
    /// moons and circles, each blob's spread, the targets of the polynomial).
    var noise: Double
    /// Classes of spirals and blobs; fixed by the other sets.
    var classes: Int
    /// The true function of the polynomial set, `f(x) = Σ cᵢ xⁱ`, lowest power first.
    var coefficients: [Double]
    /// The digits file as written in the block (resolved at run time).
    var file: String

    /// Largest number of examples a block may draw from a synthetic set.
    static let maximumExamples = 100_000
    /// The digits file shipped with the lessons.
    static let digitsFile = "digits.csv.gz"
    /// Images in the digits file.
    static let digitsCount = 1_797
    /// The default true function of the polynomial set,
    /// f(x) = 1 − 2x − 3x² + 4x³ + 2x⁴ − 2x⁵: a hump and a dip on [−1, 1] with
    /// every power up to the fifth, so each degree of a fit up to 5 removes
    /// some of the bias.
    static let defaultCoefficients: [Double] = [1, -2, -3, 4, 2, -2]
    /// The true weights of the linear set, y = 2x₁ − 3x₂ (no intercept: with
    /// features centred on 0 the bias has nothing to learn, so gradient descent's
    /// speed depends on the two features' scales alone).
    static let linearWeights: [Double] = [2, -3]

    /// Features per example.
    var inputWidth: Int {
        switch source {
        case .digits: Dataset<Float>.digitsPixelCount
        case .polynomial: 1
        default: 2
        }
    }

    /// Outputs a model needs: one per class, or one for regression.
    var outputWidth: Int {
        switch source {
        case .spirals, .blobs: classes
        case .moons, .circles: 2
        case .digits: 10
        case .polynomial, .linear: 1
        }
    }

    /// The loss the set asks for: squared error for a regression set,
    /// softmax cross-entropy for classes.
    var loss: LossFunction { source.isRegression ? .meanSquaredError : .softmaxCrossEntropy }

    /// ``loss`` in words, for captions and axes.
    var lossName: String { source.isRegression ? "mean squared error" : "cross-entropy" }

    /// The true regression function at `x` (Horner's rule).
    func trueFunction(_ x: Double) -> Double {
        coefficients.reversed().reduce(0) { $0 * x + $1 }
    }

    // MARK: - Keys

    /// The data keys, documented once for every kind that trains on data.
    static func keys(defaultSource: DataSource, allowed: [DataSource] = DataSource.allCases) -> [KeyDescriptor] {
        func only(_ sources: [DataSource]) -> [String] { sources.filter(allowed.contains).map(\.rawValue) }
        var keys = [
            KeyDescriptor("data", .word(allowed.map(\.rawValue)), default: defaultSource.rawValue,
                          "The data set: " + allowed.map(Self.describe).joined(separator: "; ") + ".").suggestedInScaffold(),
            KeyDescriptor("noise", .number, described: noiseDefaults(allowed), range: .closed(0, 10),
                          "Standard deviation of the synthetic sets' noise: of the angle along a spiral arm, of both coordinates of moons and circles, of each blob around its centre"
                          + (allowed.contains(.polynomial) ? ", of the polynomial's targets" : "")
                          + (allowed.contains(.linear) ? ", of the linear targets" : "") + ".")
                .only(when: "data", is: only([.spirals, .moons, .circles, .blobs, .polynomial, .linear])),
            KeyDescriptor("classes", .integer, default: "3", range: .closed(2, 10),
                          "Classes of spirals and blobs (one arm or blob each).").only(when: "data", is: only([.spirals, .blobs])),
            KeyDescriptor("file", .path, default: digitsFile,
                          "The digits file (CSV of 64 pixels and a label per line, optionally gzip-compressed), relative to the lesson or its data/ folder; digits.csv.gz, when no such file is there, is the copy built into lesson.")
                .only(when: "data", is: only([.digits])),
        ]
        if allowed.contains(.polynomial) {
            keys.insert(KeyDescriptor(
                "coefficients", .list(.number, count: 1...21), default: "[1, -2, -3, 4, 2, -2]", range: .closed(-1e6, 1e6),
                "The true function of data: polynomial, f(x) = c₀ + c₁x + c₂x² + …, lowest power first; x is uniform in [−1, 1].")
                .only(when: "data", is: ["polynomial"]),
                at: 3)
        }
        return keys
    }

    /// "0.2 (spirals, moons), 0.1 (circles), …" for the synthetic sets among `allowed`.
    private static func noiseDefaults(_ allowed: [DataSource]) -> String {
        var groups: [(noise: Double, names: [String])] = []
        for source in allowed where source != .digits {
            if let i = groups.firstIndex(where: { $0.noise == source.defaultNoise }) {
                groups[i].names.append(source.rawValue)
            } else {
                groups.append((source.defaultNoise, [source.rawValue]))
            }
        }
        return groups.map { "\(ResultValue.format($0.noise)) (\($0.names.joined(separator: ", ")))" }.joined(separator: ", ")
    }

    private static func describe(_ source: DataSource) -> String {
        switch source {
        case .spirals: "spirals (interleaved arms in the plane, one per class)"
        case .moons: "moons (two interleaving half circles)"
        case .circles: "circles (two concentric rings)"
        case .blobs: "blobs (Gaussian clusters, one per class)"
        case .digits: "digits (1,797 hand-written 8 × 8 images, 10 classes)"
        case .polynomial: "polynomial (noisy samples of a polynomial on [−1, 1]: regression)"
        case .linear: "linear (two features uniform on [−1, 1], target y = 2x₁ − 3x₂ plus noise: regression)"
        }
    }

    /// Reads the data keys; problems go to the reader.
    static func decode(_ reader: SpecReader, context: DecodeContext, allowed: [DataSource] = DataSource.allCases) -> DataRecipe {
        // Which key applies to which set is declared (``keys``): the reader
        // has reported a key written for another set.
        let source = DataSource(rawValue: reader.choice("data")) ?? allowed[0]
        let writtenNoise = reader.optionalDouble("noise")
        let noise = source == .digits ? 0 : writtenNoise ?? source.defaultNoise
        let classes = reader.int("classes")
        let file = reader.string("file")
        // Kinds without the polynomial set do not declare the key: the reader
        // already rejects it as unknown.
        let coefficients = allowed.contains(.polynomial) ? reader.doubleList("coefficients") : DataRecipe.defaultCoefficients
        if source == .digits {
            do {
                _ = try context.locateDataFile(file)
            } catch {
                // A course made by `lesson init` has no lessons/data/ of its own:
                // the way out that works everywhere is the copy built into lesson.
                reader.fail(reader.has("file") ? "file" : "data", error.message,
                            notes: error.notes + ["leave out 'file' to use the digits built into lesson (\(digitsFile))"])
            }
        }
        return DataRecipe(source: source, noise: noise, classes: classes, coefficients: coefficients, file: file)
    }

    /// The `examples` key of kinds that draw a synthetic set or use the digits.
    static let examplesKey = KeyDescriptor(
        "examples", .integer, described: "1000 (synthetic sets; digits uses all 1,797 images)",
        range: .closed(20, 100_000), "Examples drawn from a synthetic set, before the split.")

    /// Reads `examples`: the size of a synthetic set (default 1,000), or all
    /// the digits, for which the key is an error.
    static func decodeExamples(_ reader: SpecReader, source: DataSource) -> Int {
        if reader.has("examples"), source == .digits {
            reader.fail("examples", "'examples' sets the size of a synthetic set; data: digits uses all \(DataRecipe.digitsCount.grouped) images",
                        notes: ["use 'train_fraction' to train on fewer of them"])
        }
        return source == .digits ? DataRecipe.digitsCount : (reader.optionalInt("examples") ?? 1_000)
    }

    // MARK: - Drawing examples

    /// `count` examples in random order: drawn afresh from a synthetic set, or
    /// a random subset of the digits file (at most its 1,797 images).
    func examples(_ count: Int, context: DecodeContext, generator: inout RandomGenerator) throws -> Dataset<Float> {
        switch source {
        case .digits:
            let path: String
            do {
                path = try context.locateDataFile(file)
            } catch {
                throw ExperimentError(error.message, notes: error.notes)
            }
            let all: Dataset<Float>
            do {
                all = try Dataset<Float>.digits(contentsOf: path)
            } catch {
                throw ExperimentError("cannot read the digits file: \(error)")
            }
            guard count <= all.count else {
                throw ExperimentError("the block needs \(count.grouped) images but \(DataFileProblem.quoted(file)) has \(all.count.grouped)")
            }
            return all.subset(Array(generator.permutation(all.count).prefix(count)))
        case .spirals:
            let perClass = (count + classes - 1) / classes
            let data = try Dataset<Float>.spirals(pointsPerClass: perClass, classes: classes, noise: noise, generator: &generator)
            return data.subset(Array(0..<count))
        case .moons:
            return try Dataset<Float>.moons(count: count, noise: noise, generator: &generator)
        case .circles:
            return try Dataset<Float>.circles(count: count, noise: noise, generator: &generator)
        case .blobs:
            // Centres in a 10 × 10 square: blobs of the default spread overlap a little.
            return try Dataset<Float>.blobs(count: count, centers: classes, standardDeviation: noise,
                                            centerRange: -5...5, generator: &generator)
        case .polynomial:
            return try Dataset<Float>.polynomial(count: count, coefficients: coefficients, noise: noise, generator: &generator)
        case .linear:
            var features: [Float] = [], targets: [Float] = []
            features.reserveCapacity(2 * count)
            for _ in 0..<count {
                let x = [generator.uniform(-1, 1), generator.uniform(-1, 1)]
                let y = zip(Self.linearWeights, x).reduce(0) { $0 + $1.0 * $1.1 } + noise * generator.normal()
                features += x.map(Float.init)
                targets.append(Float(y))
            }
            return try Dataset(features: try Tensor(rows: count, columns: 2, scalars: features),
                               targets: try Tensor(rows: count, columns: 1, scalars: targets))
        }
    }

    /// The first `first` examples and the rest, standardized with statistics of
    /// the first part only (regression inputs are left as they are: x is
    /// already in [−1, 1], where the polynomial basis is defined).
    func split(_ data: Dataset<Float>, first: Int) throws -> (Dataset<Float>, Dataset<Float>) {
        let training = data.subset(Array(0..<first))
        let rest = data.subset(Array(first..<data.count))
        guard !source.isRegression else { return (training, rest) }
        let standardizer = Standardizer(fitting: training)
        return (try standardizer.transform(training), try standardizer.transform(rest))
    }

    /// A short description for captions, e.g. "spirals (3 classes, noise 0.2)".
    var label: String {
        let noiseText = ResultValue.format(noise, significant: 3)
        switch source {
        case .spirals, .blobs: return "\(source.rawValue) (\(classes) classes, noise \(noiseText))"
        case .moons, .circles: return "\(source.rawValue) (noise \(noiseText))"
        case .digits: return "digits"
        case .polynomial: return "polynomial (noise σ = \(noiseText))"
        case .linear: return "linear (noise σ = \(noiseText))"
        }
    }
}
