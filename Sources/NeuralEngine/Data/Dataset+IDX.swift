extension Dataset {
    /// Loads an image classification set in the IDX format of MNIST (and
    /// Fashion-MNIST): an `idx3-ubyte` file of images and an `idx1-ubyte` file of
    /// labels, each optionally gzip-compressed (http://yann.lecun.com/exdb/mnist/).
    ///
    /// IDX files start with a big-endian magic number — two zero bytes, the
    /// element type (0x08, unsigned byte) and the number of dimensions — then one
    /// big-endian 32-bit size per dimension, then the data. Pixels are scaled
    /// from 0…255 to 0…1; each image becomes one row, row-major.
    /// - Parameters:
    ///   - imagesPath: The `…-images-idx3-ubyte[.gz]` file.
    ///   - labelsPath: The `…-labels-idx1-ubyte[.gz]` file.
    ///   - classCount: Number of classes (10 for MNIST); labels must be below it.
    ///   - limit: Load only the first `limit` examples, if given.
    /// - Throws: ``DataError`` naming the file and what is wrong with it.
    public static func idx(
        imagesPath: String, labelsPath: String, classCount: Int = 10, limit: Int? = nil
    ) throws -> Dataset {
        let imageBytes = try DataFile.read(imagesPath)
        let imageShape = try idxShape(imageBytes, dimensions: 3, path: imagesPath)
        let labelBytes = try DataFile.read(labelsPath)
        let labelShape = try idxShape(labelBytes, dimensions: 1, path: labelsPath)
        guard imageShape[0] == labelShape[0] else {
            throw DataError(
                path: labelsPath,
                message: "has \(labelShape[0]) labels but \(imagesPath) has \(imageShape[0]) images")
        }
        let count = min(imageShape[0], max(0, limit ?? Int.max))
        let width = imageShape[1] * imageShape[2]
        let imageStart = 4 + 4 * 3, labelStart = 4 + 4
        var labels: [Int] = []
        labels.reserveCapacity(count)
        for i in 0..<count {
            let label = Int(labelBytes[labelStart + i])
            guard label < classCount else {
                throw DataError(path: labelsPath, message: "label \(i) is \(label), expected a value below \(classCount)")
            }
            labels.append(label)
        }
        var scalars: [Scalar] = []
        scalars.reserveCapacity(count * width)
        for byte in imageBytes[imageStart..<(imageStart + count * width)] {
            scalars.append(Scalar(Double(byte) / 255))
        }
        let features = Tensor(uncheckedRows: count, columns: width, scalars: scalars)
        return Dataset(uncheckedFeatures: features, targets: .classes(labels: labels, classCount: classCount))
    }

    /// Checks an IDX header and returns its dimension sizes.
    private static func idxShape(_ bytes: [UInt8], dimensions: Int, path: String) throws -> [Int] {
        let headerSize = 4 + 4 * dimensions
        let expectedMagic = 0x0000_0800 | UInt32(dimensions)
        guard bytes.count >= 4 else {
            throw DataError(path: path, message: "is too short for an IDX file (\(bytes.count) bytes)")
        }
        let magic = bigEndianUInt32(bytes, at: 0)
        guard magic == expectedMagic else {
            throw DataError(
                path: path,
                message: "expected IDX magic number 0x\(hex(expectedMagic)) (unsigned bytes, \(dimensions) "
                    + "dimension\(dimensions == 1 ? "" : "s")), found 0x\(hex(magic))")
        }
        guard bytes.count >= headerSize else {
            throw DataError(path: path, message: "ends inside its IDX header (\(bytes.count) bytes)")
        }
        let shape = (0..<dimensions).map { Int(bigEndianUInt32(bytes, at: 4 + 4 * $0)) }
        // A corrupt header can announce sizes whose product overflows; that is
        // just another size the file does not have.
        let dataSize = shape.reduce(Optional(1)) { product, size in
            product.flatMap { product in
                let (result, overflow) = product.multipliedReportingOverflow(by: size)
                return overflow ? nil : result
            }
        }
        let expectedSize = dataSize.map { $0 + headerSize }
        guard bytes.count == expectedSize else {
            throw DataError(
                path: path,
                message: "header announces \(shape.map(String.init).joined(separator: " × ")) bytes of data "
                    + "(\(expectedSize.map(String.init) ?? "more than fit in memory") bytes in all) but the file has \(bytes.count)")
        }
        return shape
    }

    private static func bigEndianUInt32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }
}
