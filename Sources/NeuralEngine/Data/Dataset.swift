/// Examples for training or evaluation: a features matrix (one example per row)
/// and, per row, either a class label or a vector of regression targets.
public struct Dataset<Scalar: TensorScalar>: Sendable, Equatable {
    /// What the model should predict for each row.
    public enum Targets: Sendable, Equatable {
        /// Classification: a label in `0..<classCount` per row.
        case classes(labels: [Int], classCount: Int)
        /// Regression: a row of target values per example.
        case values(Tensor<Scalar>)
    }

    /// The inputs, `count × featureWidth`.
    public private(set) var features: Tensor<Scalar>
    /// The targets, one per row of ``features``.
    public private(set) var targets: Targets

    /// A classification set.
    /// - Throws: ``EngineError/shapeMismatch(_:)`` if there is not one label per row,
    ///   ``EngineError/invalidArgument(_:)`` if a label is outside `0..<classCount`.
    public init(features: Tensor<Scalar>, labels: [Int], classCount: Int) throws {
        guard labels.count == features.rows else {
            throw EngineError.shapeMismatch("\(features.rows) examples but \(labels.count) labels")
        }
        guard classCount >= 1 else {
            throw EngineError.invalidArgument("a classification set needs at least 1 class, got \(classCount)")
        }
        if let bad = labels.firstIndex(where: { !(0..<classCount).contains($0) }) {
            throw EngineError.invalidArgument(
                "label \(labels[bad]) of example \(bad) is outside 0..<\(classCount)")
        }
        self.features = features
        self.targets = .classes(labels: labels, classCount: classCount)
    }

    /// A classification set whose class count is one more than the largest label.
    public init(features: Tensor<Scalar>, labels: [Int]) throws {
        try self.init(features: features, labels: labels, classCount: (labels.max() ?? 0) + 1)
    }

    /// A regression set.
    /// - Throws: ``EngineError/shapeMismatch(_:)`` if there is not one target row per example.
    public init(features: Tensor<Scalar>, targets: Tensor<Scalar>) throws {
        guard targets.rows == features.rows else {
            throw EngineError.shapeMismatch("\(features.rows) examples but \(targets.rows) target rows")
        }
        self.features = features
        self.targets = .values(targets)
    }

    /// Number of examples.
    public var count: Int { features.rows }
    /// Features per example.
    public var featureWidth: Int { features.columns }

    /// The class labels, or `nil` for a regression set.
    public var labels: [Int]? {
        if case .classes(let labels, _) = targets { return labels }
        return nil
    }

    /// The number of classes, or `nil` for a regression set.
    public var classCount: Int? {
        if case .classes(_, let classCount) = targets { return classCount }
        return nil
    }

    /// The regression targets, or `nil` for a classification set.
    public var targetValues: Tensor<Scalar>? {
        if case .values(let values) = targets { return values }
        return nil
    }

    /// Width of the model output this set's targets call for: the class count, or the target width.
    public var targetWidth: Int {
        switch targets {
        case .classes(_, let classCount): classCount
        case .values(let values): values.columns
        }
    }

    /// The examples at `indices`, in that order (indices must be in `0..<count`).
    public func subset(_ indices: [Int]) -> Dataset {
        var result = self
        result.features = features.gatheringRows(indices)
        switch targets {
        case .classes(let labels, let classCount):
            result.targets = .classes(labels: indices.map { labels[$0] }, classCount: classCount)
        case .values(let values):
            result.targets = .values(values.gatheringRows(indices))
        }
        return result
    }

    /// The same examples with features replaced (same number of rows), e.g. after standardization.
    /// - Throws: ``EngineError/shapeMismatch(_:)`` if the row count differs.
    public func replacingFeatures(_ newFeatures: Tensor<Scalar>) throws -> Dataset {
        guard newFeatures.rows == count else {
            throw EngineError.shapeMismatch("replacing \(count) feature rows with \(newFeatures.rows)")
        }
        var result = self
        result.features = newFeatures
        return result
    }

    /// The same set in another scalar type (e.g. `Double` for a gradient check).
    public func converted<Other: TensorScalar>(to _: Other.Type) -> Dataset<Other> {
        func convert(_ tensor: Tensor<Scalar>) -> Tensor<Other> {
            Tensor<Other>(uncheckedRows: tensor.rows, columns: tensor.columns, scalars: tensor.scalars.map { Other($0.doubleValue) })
        }
        let newTargets: Dataset<Other>.Targets
        switch targets {
        case .classes(let labels, let classCount): newTargets = .classes(labels: labels, classCount: classCount)
        case .values(let values): newTargets = .values(convert(values))
        }
        return Dataset<Other>(uncheckedFeatures: convert(features), targets: newTargets)
    }

    init(uncheckedFeatures features: Tensor<Scalar>, targets: Targets) {
        self.features = features
        self.targets = targets
    }
}
