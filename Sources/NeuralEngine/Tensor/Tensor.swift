/// A row-major matrix of scalars: the one data structure of the engine.
///
/// A batch of examples is a tensor with one example per row. Vectors (biases,
/// per-feature scales) are tensors with one row. `Tensor` is a value type
/// backed by a copy-on-write array: layers keep their output and gradient
/// tensors between steps and overwrite them in place, so training allocates
/// nothing once the first batch has gone through, while a tensor you keep
/// stays yours (writing to a shared buffer copies it first).
public struct Tensor<Scalar: TensorScalar>: Equatable, Sendable {
    /// Number of rows (examples in a batch).
    public private(set) var rows: Int
    /// Number of columns (features).
    public private(set) var columns: Int
    /// The elements, row after row; `scalars.count == rows * columns`.
    public private(set) var scalars: [Scalar]

    /// An empty 0 × 0 tensor.
    public init() {
        self.init(uncheckedRows: 0, columns: 0, scalars: [])
    }

    /// A tensor with every element equal to `value`.
    ///
    /// Negative sizes are treated as 0.
    public init(rows: Int, columns: Int, repeating value: Scalar = 0) {
        let rows = max(0, rows), columns = max(0, columns)
        self.init(uncheckedRows: rows, columns: columns, scalars: Self.zeros(count: rows * columns))
        if value != 0 { Scalar.fill(&self, with: value) }
    }

    /// A tensor over `scalars`, which must hold `rows * columns` elements in row-major order.
    /// - Throws: ``EngineError/shapeMismatch(_:)`` if the count does not match.
    public init(rows: Int, columns: Int, scalars: [Scalar]) throws {
        guard rows >= 0, columns >= 0, scalars.count == rows * columns else {
            throw EngineError.shapeMismatch(
                "a \(rows) × \(columns) tensor needs \(max(0, rows) * max(0, columns)) scalars, got \(scalars.count)")
        }
        self.init(uncheckedRows: rows, columns: columns, scalars: scalars)
    }

    /// A tensor from a list of equally long rows.
    /// - Throws: ``EngineError/shapeMismatch(_:)`` if the rows differ in length.
    public init(_ rowList: [[Scalar]]) throws {
        let columns = rowList.first?.count ?? 0
        if let bad = rowList.firstIndex(where: { $0.count != columns }) {
            throw EngineError.shapeMismatch("row \(bad) has \(rowList[bad].count) elements, row 0 has \(columns)")
        }
        self.init(uncheckedRows: rowList.count, columns: columns, scalars: rowList.flatMap { $0 })
    }

    /// A one-row tensor holding `vector`.
    public init(row vector: [Scalar]) {
        self.init(uncheckedRows: 1, columns: vector.count, scalars: vector)
    }

    init(uncheckedRows rows: Int, columns: Int, scalars: [Scalar]) {
        self.rows = rows
        self.columns = columns
        self.scalars = scalars
    }

    /// Number of elements, `rows * columns`.
    public var count: Int { scalars.count }

    /// Whether the tensor has no elements.
    public var isEmpty: Bool { scalars.isEmpty }

    /// The element at `row`, `column`.
    public subscript(row: Int, column: Int) -> Scalar {
        get { scalars[row * columns + column] }
        set { scalars[row * columns + column] = newValue }
    }

    /// One row as an array.
    public func row(_ index: Int) -> [Scalar] {
        Array(scalars[index * columns ..< (index + 1) * columns])
    }

    /// The rows at `indices`, in that order, as a new tensor.
    public func gatheringRows(_ indices: [Int]) -> Tensor {
        var result = Tensor()
        result.gatherRows(from: self, indices: indices[...])
        return result
    }

    /// The transpose, as a new tensor.
    public func transposed() -> Tensor {
        var result = Tensor()
        Scalar.transpose(self, into: &result)
        return result
    }

    /// Changes the shape to `rows` × `columns`, keeping the storage's capacity so
    /// that a layer can switch between a full and a final partial batch without
    /// reallocating. Existing elements are not meaningful afterwards.
    public mutating func resize(rows: Int, columns: Int) {
        let rows = max(0, rows), columns = max(0, columns)
        let newCount = rows * columns
        if newCount < scalars.count {
            scalars.removeLast(scalars.count - newCount)
        } else if newCount > scalars.count {
            scalars.append(contentsOf: Self.zeros(count: newCount - scalars.count))
        }
        self.rows = rows
        self.columns = columns
    }

    /// Sets every element to `value`.
    public mutating func fill(_ value: Scalar) {
        Scalar.fill(&self, with: value)
    }

    /// Calls `body` with the elements, row-major.
    public func withUnsafeBufferPointer<Result>(
        _ body: (UnsafeBufferPointer<Scalar>) throws -> Result
    ) rethrows -> Result {
        try scalars.withUnsafeBufferPointer(body)
    }

    /// Calls `body` with the elements, row-major, for writing in place.
    public mutating func withUnsafeMutableBufferPointer<Result>(
        _ body: (UnsafeMutableBufferPointer<Scalar>) throws -> Result
    ) rethrows -> Result {
        try scalars.withUnsafeMutableBufferPointer { try body($0) }
    }

    /// An array of `count` zeros. Tensor code is generic, and a generic
    /// `Array(repeating:count:)` copies its value one element at a time through
    /// the type's value witness; zero is all-zero bits in IEEE 754, so one
    /// `memset`-like initialization does the same at memory speed.
    static func zeros(count: Int) -> [Scalar] {
        [Scalar](unsafeUninitializedCapacity: count) { buffer, initializedCount in
            UnsafeMutableRawBufferPointer(buffer).initializeMemory(as: UInt8.self, repeating: 0)
            initializedCount = count
        }
    }

    /// Copies the rows of `source` at `indices` into this tensor, resizing it.
    mutating func gatherRows(from source: Tensor, indices: ArraySlice<Int>) {
        resize(rows: indices.count, columns: source.columns)
        let width = source.columns
        source.withUnsafeBufferPointer { from in
            withUnsafeMutableBufferPointer { to in
                guard let fromBase = from.baseAddress, let toBase = to.baseAddress else { return }
                for (destination, index) in indices.enumerated() {
                    (toBase + destination * width).update(from: fromBase + index * width, count: width)
                }
            }
        }
    }
}

extension Tensor: CustomStringConvertible {
    /// The shape and, for small tensors, the elements.
    public var description: String {
        guard count <= 64 else { return "Tensor(\(rows) × \(columns))" }
        let body = (0..<rows).map { r in row(r).map { "\($0)" }.joined(separator: ", ") }
        return "Tensor(\(rows) × \(columns)) [" + body.map { "[\($0)]" }.joined(separator: ", ") + "]"
    }
}
