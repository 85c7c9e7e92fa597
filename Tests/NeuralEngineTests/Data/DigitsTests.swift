import Foundation
import LessonTestSupport
import Testing
@testable import NeuralEngine

struct DigitsTests {
    @Test func loadsTheShippedFile() throws {
        let digits = try Dataset<Float>.digits(contentsOf: TestFiles.digitsPath)
        #expect(digits.count == 1_797)
        #expect(digits.featureWidth == 64)
        #expect(digits.classCount == 10)
        #expect(digits.features.scalars.allSatisfy { (0...16).contains($0) })
        let counts = (0..<10).map { label in digits.labels!.filter { $0 == label }.count }
        #expect(counts.allSatisfy { (170...190).contains($0) })
        // The first image of the set is a 0: its top-left pixels are blank, the middle is inked.
        #expect(digits.labels![0] == 0)
        #expect(digits.features[0, 0] == 0 && digits.features[0, 2] > 0)
    }

    /// The copy compiled into the program is the package's file, byte for byte.
    @Test func theBuiltInDigitsAreTheShippedFile() throws {
        let shipped = try [UInt8](Data(contentsOf: URL(fileURLWithPath: TestFiles.digitsPath)))
        #expect(BuiltInData.contents(atPath: BuiltInData.digitsPath) == shipped)
        let digits = try Dataset<Float>.digits(contentsOf: BuiltInData.digitsPath)
        #expect(digits.count == 1_797 && digits.labels![0] == 0)
        #expect(BuiltInData.contents(atPath: "digits.csv.gz") == nil)
    }

    @Test func loadsUncompressedAndStoredGzipCSV() throws {
        let scratch = try ScratchFolder("NeuralEngineTests")
        defer { scratch.remove() }
        let text = Array((csvLine(label: 3) + "\n" + csvLine(label: 7) + "\r\n\n").utf8)
        let plain = try Dataset<Double>.digits(contentsOf: scratch.write(text, to: "digits.csv"))
        let zipped = try Dataset<Double>.digits(contentsOf: scratch.write(TestFiles.gzip(text), to: "digits.csv.gz"))
        #expect(plain == zipped)
        #expect(plain.labels == [3, 7])
        // Two concatenated gzip members read as one stream.
        let twice = TestFiles.gzip(text) + TestFiles.gzip(text)
        let doubled = try Dataset<Double>.digits(contentsOf: scratch.write(twice, to: "twice.csv.gz"))
        #expect(doubled.count == 4)
    }

    @Test func missingFileIsAClearError() {
        #expect(throws: DataError(path: "/nonexistent/digits.csv.gz", message: "no such file")) {
            try Dataset<Float>.digits(contentsOf: "/nonexistent/digits.csv.gz")
        }
    }

    /// Malformed files: each error names the file and the exact line.
    @Test(arguments: [
        (16, String(repeating: "0,", count: 63) + "5", "expected 65 comma-separated integers, found 64"),
        (2, String(repeating: "0,", count: 63) + "x,1", "field 64 is 'x', expected an integer"),
        (9, String(repeating: "0,", count: 10) + "17," + String(repeating: "0,", count: 53) + "1", "pixel 11 is 17, expected a value in 0...16"),
        (1, String(repeating: "0,", count: 64) + "10", "label is 10, expected a digit 0...9"),
        (5, String(repeating: "0,", count: 64) + "1.5", "field 65 is '1.5', expected an integer"),
    ])
    func malformedLineIsReportedWithItsNumber(line: Int, content: String, message: String) throws {
        let scratch = try ScratchFolder("NeuralEngineTests")
        defer { scratch.remove() }
        var lines = (1...20).map { csvLine(label: $0 % 10) }
        lines[line - 1] = content
        let bytes = TestFiles.gzip(Array(lines.joined(separator: "\n").utf8))
        let path = try scratch.write(bytes, to: "digits.csv.gz")
        let error = #expect(throws: DataError.self) { try Dataset<Float>.digits(contentsOf: path) }
        #expect(error?.line == line)
        #expect(error?.description == "\(path):\(line): \(message)")
    }

    @Test func exampleMessageFromTheSpecification() throws {
        let scratch = try ScratchFolder("NeuralEngineTests")
        defer { scratch.remove() }
        var lines = (1...20).map { csvLine(label: $0 % 10) }
        lines[16] = String(repeating: "1,", count: 63) + "2"
        let path = try scratch.write(Array(lines.joined(separator: "\n").utf8), to: "digits.csv.gz")
        #expect(throws: DataError(path: path, line: 17, message: "expected 65 comma-separated integers, found 64")) {
            try Dataset<Float>.digits(contentsOf: path)
        }
    }

    @Test func truncatedOrCorruptGzipIsAnError() throws {
        let scratch = try ScratchFolder("NeuralEngineTests")
        defer { scratch.remove() }
        let real = try [UInt8](Data(contentsOf: URL(fileURLWithPath: TestFiles.digitsPath)))
        let truncated = try scratch.write(Array(real.prefix(real.count / 2)), to: "truncated.csv.gz")
        #expect(throws: DataError(path: truncated, message: "gzip data ends early (truncated file?)")) {
            try Dataset<Float>.digits(contentsOf: truncated)
        }
        var garbled = real
        for i in 20..<60 { garbled[i] ^= 0x5a }
        let corrupt = try scratch.write(garbled, to: "corrupt.csv.gz")
        let error = #expect(throws: DataError.self) { try Dataset<Float>.digits(contentsOf: corrupt) }
        #expect(error?.message.hasPrefix("corrupt gzip data") == true)
    }

    @Test func emptyFileIsAnError() throws {
        let scratch = try ScratchFolder("NeuralEngineTests")
        defer { scratch.remove() }
        let path = try scratch.write([], to: "empty.csv")
        #expect(throws: DataError(path: path, message: "contains no images")) { try Dataset<Float>.digits(contentsOf: path) }
    }

    private func csvLine(label: Int) -> String {
        ((0..<64).map { String($0 % 17) } + [String(label)]).joined(separator: ",")
    }
}
