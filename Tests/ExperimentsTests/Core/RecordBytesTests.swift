import Foundation
import Testing
@testable import Experiments

/// Records in the cache are bytes: every value comes back as it was, and
/// damaged bytes are an error, never a crash or a wrong record.
@Suite struct RecordBytesTests {
    static let sample: Record = {
        var layer = Record()
        layer["name"] = .string("dense")
        layer["weights"] = .numbers([1, 2])
        var deeper = Record()
        deeper["x"] = .integer(3)
        var nested = Record()
        nested["deeper"] = .record(deeper)
        let fields: [(String, ResultValue)] = [
            ("loss", .number(0.25)), ("negative_zero", .number(-0.0)), ("nan", .number(.nan)), ("inf", .number(-.infinity)),
            ("tiny", .number(.leastNonzeroMagnitude)), ("steps", .integer(Int.min)), ("big", .integer(Int.max)),
            ("name", .string("relu · ünï 𝛼")), ("empty_name", .string("")), ("yes", .bool(true)), ("no", .bool(false)),
            ("curve", .numbers([1, 0.5, 0.25])), ("one", .numbers([7])), ("none", .list([])),
            ("mixed", .list([.integer(1), .string("a"), .number(2)])), ("layers", .list([.record(layer)])),
            ("nested", .record(nested)),
        ]
        var record = Record()
        for (name, value) in fields { record[name] = value }
        return record
    }()

    /// Equal values, and for doubles the same bits (NaN == NaN is false).
    func sameBits(_ a: Record, _ b: Record) -> Bool {
        a.fields.count == b.fields.count && zip(a.fields, b.fields).allSatisfy { $0.name == $1.name && sameBits($0.value, $1.value) }
    }

    func sameBits(_ a: ResultValue, _ b: ResultValue) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)): return x.bitPattern == y.bitPattern
        case (.list(let xs), .list(let ys)): return xs.count == ys.count && zip(xs, ys).allSatisfy { sameBits($0, $1) }
        case (.record(let x), .record(let y)): return sameBits(x, y)
        default: return a == b
        }
    }

    @Test func everyKindOfValueRoundTrips() throws {
        let back = try Record(encodedBytes: Self.sample.encodedBytes())
        #expect(sameBits(back, Self.sample))
        #expect(back.fields.map(\.name) == Self.sample.fields.map(\.name))
        #expect(try Record(encodedBytes: Record().encodedBytes()) == Record())
    }

    @Test func throughJSONAsInTheCache() throws {
        let data = try JSONEncoder().encode(Self.sample)
        #expect(sameBits(try JSONDecoder().decode(Record.self, from: data), Self.sample))
        // One string, not an array of tags and values.
        #expect(String(decoding: data, as: UTF8.self).hasPrefix("\""))
    }

    @Test func everyTruncationAndEveryFlippedByteIsAnErrorOrAnotherValidRecord() throws {
        let bytes = Self.sample.encodedBytes()
        for length in 0..<bytes.count {
            #expect(throws: (any Error).self) { try Record(encodedBytes: Array(bytes[..<length])) }
        }
        #expect(throws: (any Error).self) { try Record(encodedBytes: bytes + [0]) }
        // A flipped byte may still spell a record (a digit of a number); it must never crash.
        for index in bytes.indices {
            for flip: UInt8 in [0x01, 0x80, 0xFF] {
                var damaged = bytes
                damaged[index] ^= flip
                _ = try? Record(encodedBytes: damaged)
            }
        }
    }

    @Test func hugeCountsAndDeepNestingAreErrors() {
        // A count of 2^63 fields, and a list that claims more numbers than there are bytes.
        #expect(throws: (any Error).self) { try Record(encodedBytes: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F]) }
        #expect(throws: (any Error).self) { try Record(encodedBytes: [1, 1, 0x61, 5, 100, 0, 0, 0, 0, 0, 0, 0, 0]) }
        // 10,000 records nested in one another: refused, without exhausting the stack.
        var deep: [UInt8] = []
        for _ in 0..<10_000 { deep += [1, 1, 0x61, 7] }
        deep += [0]
        #expect(throws: (any Error).self) { try Record(encodedBytes: deep) }
    }
}
