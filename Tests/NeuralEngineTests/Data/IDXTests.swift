import Testing
@testable import NeuralEngine

/// The IDX (MNIST) loader on small fixtures written here.
struct IDXTests {
    /// Three 2 × 3 images with pixel values 0, 51, …, and labels 4, 0, 9.
    let images: [UInt8] = [0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 3] + (0..<18).map { UInt8($0 * 15) }
    let labels: [UInt8] = [0, 0, 8, 1, 0, 0, 0, 3, 4, 0, 9]

    @Test func loadsImagesAndLabels() throws {
        let directory = try TestFiles.temporaryDirectory()
        let data = try Dataset<Double>.idx(
            imagesPath: TestFiles.write(images, named: "images-idx3-ubyte", in: directory),
            labelsPath: TestFiles.write(labels, named: "labels-idx1-ubyte", in: directory))
        #expect(data.count == 3 && data.featureWidth == 6 && data.classCount == 10)
        #expect(data.labels == [4, 0, 9])
        #expect(data.features[1, 0] == 90.0 / 255)
        #expect(data.features[2, 5] == 255.0 / 255)
    }

    @Test func loadsGzippedFilesAndLimits() throws {
        let directory = try TestFiles.temporaryDirectory()
        let data = try Dataset<Float>.idx(
            imagesPath: TestFiles.write(TestFiles.gzip(images), named: "images-idx3-ubyte.gz", in: directory),
            labelsPath: TestFiles.write(TestFiles.gzip(labels), named: "labels-idx1-ubyte.gz", in: directory),
            limit: 2)
        #expect(data.count == 2 && data.labels == [4, 0])
    }

    @Test func rejectsWrongMagicSizeAndCounts() throws {
        let directory = try TestFiles.temporaryDirectory()
        let imagesPath = try TestFiles.write(images, named: "images", in: directory)
        let labelsPath = try TestFiles.write(labels, named: "labels", in: directory)
        // Labels file given as images.
        #expect(throws: DataError(
            path: labelsPath,
            message: "expected IDX magic number 0x00000803 (unsigned bytes, 3 dimensions), found 0x00000801")
        ) { try Dataset<Float>.idx(imagesPath: labelsPath, labelsPath: labelsPath) }
        // A truncated image file.
        let short = try TestFiles.write(Array(images.dropLast()), named: "short", in: directory)
        #expect(throws: DataError(
            path: short, message: "header announces 3 × 2 × 3 bytes of data (34 bytes in all) but the file has 33")
        ) { try Dataset<Float>.idx(imagesPath: short, labelsPath: labelsPath) }
        // Sizes whose product overflows.
        var huge = images
        for i in 4..<16 { huge[i] = 0xff }
        let hugePath = try TestFiles.write(huge, named: "huge", in: directory)
        #expect(throws: DataError.self) { try Dataset<Float>.idx(imagesPath: hugePath, labelsPath: labelsPath) }
        // One label too few.
        var fewer = labels
        fewer[7] = 2
        fewer.removeLast()
        let fewerPath = try TestFiles.write(fewer, named: "fewer", in: directory)
        #expect(throws: DataError(path: fewerPath, message: "has 2 labels but \(imagesPath) has 3 images")) {
            try Dataset<Float>.idx(imagesPath: imagesPath, labelsPath: fewerPath)
        }
        // A label out of range for the class count.
        #expect(throws: DataError.self) { try Dataset<Float>.idx(imagesPath: imagesPath, labelsPath: labelsPath, classCount: 5) }
    }
}
