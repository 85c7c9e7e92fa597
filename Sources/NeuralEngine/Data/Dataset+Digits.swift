extension Dataset {
    /// Number of pixels of a digits image (8 × 8).
    public static var digitsPixelCount: Int { 64 }

    /// Loads the UCI hand-written digits: 1,797 images of 8 × 8 pixels valued 0…16,
    /// labelled 0…9 (E. Alpaydin and C. Kaynak, UCI ML Repository dataset 80, CC BY 4.0).
    ///
    /// The file is a CSV without header, one image a line: 64 pixel values
    /// (row-major, top-left first) and the label — 65 comma-separated integers —
    /// gzip-compressed (`digits.csv.gz`) or not. Pixels are returned as they are
    /// (0…16); standardize them with ``Standardizer`` fitted on the training part.
    /// - Parameter path: Path of `digits.csv.gz` or `digits.csv`.
    /// - Throws: ``DataError`` naming the file and line, e.g.
    ///   `digits.csv.gz:17: expected 65 comma-separated integers, found 64`.
    /// The most images a digits file may have (UCI's full set has 5,620).
    public static var digitsMaximumRows: Int { 50_000 }
    /// The longest line a digits file may have: 65 fields of a few characters.
    static var digitsMaximumLineLength: Int { 1_024 }

    public static func digits(contentsOf path: String) throws -> Dataset {
        // 50,000 rows of up to 65 × "16," fit; anything much larger is not digits.
        let bytes = try DataFile.read(path, maximumBytes: 16 << 20)
        let fieldCount = digitsPixelCount + 1
        var pixels: [Scalar] = []
        var labels: [Int] = []
        pixels.reserveCapacity(1_797 * digitsPixelCount)
        labels.reserveCapacity(1_797)
        var fields: [Int] = []
        fields.reserveCapacity(fieldCount)
        var lineNumber = 0
        var start = 0
        while start < bytes.count {
            lineNumber += 1
            var end = start
            while end < bytes.count && bytes[end] != UInt8(ascii: "\n") {
                end += 1
                if end - start > digitsMaximumLineLength {
                    throw DataError(
                        path: path, line: lineNumber,
                        message: "line is longer than \(digitsMaximumLineLength) bytes (it starts '\(DataError.excerpt(bytes[start..<end]))'); "
                            + "expected \(fieldCount) comma-separated integers")
                }
            }
            defer { start = end + 1 }
            if labels.count >= digitsMaximumRows {
                throw DataError(path: path, line: lineNumber, message: "has more than \(digitsMaximumRows) images")
            }
            var lineEnd = end
            if lineEnd > start && bytes[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
            if lineEnd == start { continue }  // blank lines (a trailing newline) are allowed
            try parseIntegers(bytes[start..<lineEnd], into: &fields, path: path, line: lineNumber)
            guard fields.count == fieldCount else {
                throw DataError(
                    path: path, line: lineNumber,
                    message: "expected \(fieldCount) comma-separated integers, found \(fields.count)")
            }
            for (column, value) in fields.dropLast().enumerated() {
                guard (0...16).contains(value) else {
                    throw DataError(
                        path: path, line: lineNumber,
                        message: "pixel \(column + 1) is \(value), expected a value in 0...16")
                }
                pixels.append(Scalar(Double(value)))
            }
            let label = fields[digitsPixelCount]
            guard (0...9).contains(label) else {
                throw DataError(path: path, line: lineNumber, message: "label is \(label), expected a digit 0...9")
            }
            labels.append(label)
        }
        guard !labels.isEmpty else {
            throw DataError(path: path, message: "contains no images")
        }
        let features = Tensor(uncheckedRows: labels.count, columns: digitsPixelCount, scalars: pixels)
        return Dataset(uncheckedFeatures: features, targets: .classes(labels: labels, classCount: 10))
    }

    /// Parses a line of comma-separated (optionally space-padded) integers.
    private static func parseIntegers(
        _ line: ArraySlice<UInt8>, into fields: inout [Int], path: String, line lineNumber: Int
    ) throws {
        fields.removeAll(keepingCapacity: true)
        var index = line.startIndex
        while true {
            while index < line.endIndex && line[index] == UInt8(ascii: " ") { index += 1 }
            let fieldStart = index
            var negative = false
            if index < line.endIndex && line[index] == UInt8(ascii: "-") {
                negative = true
                index += 1
            }
            var value = 0, digits = 0
            while index < line.endIndex, line[index] >= UInt8(ascii: "0"), line[index] <= UInt8(ascii: "9"), digits < 18 {
                value = value * 10 + Int(line[index] - UInt8(ascii: "0"))
                index += 1
                digits += 1
            }
            while index < line.endIndex && line[index] == UInt8(ascii: " ") { index += 1 }
            let atSeparator = index == line.endIndex || line[index] == UInt8(ascii: ",")
            guard digits > 0, atSeparator else {
                var fieldEnd = index
                while fieldEnd < line.endIndex && line[fieldEnd] != UInt8(ascii: ",") { fieldEnd += 1 }
                throw DataError(
                    path: path, line: lineNumber,
                    message: "field \(fields.count + 1) is '\(DataError.excerpt(line[fieldStart..<fieldEnd]))', expected an integer")
            }
            fields.append(negative ? -value : value)
            if index == line.endIndex { return }
            index += 1  // the comma
        }
    }
}
