import Foundation

/// The cache's binary form of a record: its fields in a compact layout that
/// is read in one pass, carried in the JSON of a cache entry as one base64
/// string.
///
/// A block's values (and, with `seeds:`, every seed's) are the bulk of what a
/// warm render decodes: hundreds of thousands of names, tags and numbers. As
/// JSON each was a container element — scanned, then parsed from decimal
/// text — which was a tenth of a warm render's CPU time.
///
/// Layout (integers little-endian; `n` is an unsigned LEB128 count):
///
///     record  = n field*            field = string value
///     string  = n utf8-byte*
///     value   = 0 f64 | 1 i64 | 2 string | 3 (false) | 4 (true)
///             | 5 n f64*  (a list of numbers)  | 6 n value*  (any list)
///             | 7 record
///
/// Doubles keep every bit (NaN, infinities, −0). A list of numbers becomes
/// a plain list of `.number` values again, as ``ResultValue/numbers(_:)``
/// makes it.
extension Record {
    /// The record's bytes.
    func encodedBytes() -> [UInt8] {
        var writer = ValueByteWriter()
        writer.write(self)
        return writer.bytes
    }

    /// The record `bytes` hold; throws on anything that is not exactly one
    /// well-formed record (a damaged entry is a cache miss, never a crash).
    init(encodedBytes bytes: [UInt8]) throws {
        var reader = ValueByteReader(bytes: bytes)
        self = try reader.readRecord(depth: 0)
        guard reader.isAtEnd else { throw ValueByteReader.Malformed(offset: reader.offset) }
    }
}

struct ValueByteWriter {
    private(set) var bytes: [UInt8] = []

    mutating func write(_ record: Record) {
        writeCount(record.fields.count)
        for field in record.fields {
            writeString(field.name)
            write(field.value)
        }
    }

    mutating func write(_ value: ResultValue) {
        switch value {
        case .number(let x):
            bytes.append(0)
            writeBits(x.bitPattern)
        case .integer(let n):
            bytes.append(1)
            writeBits(UInt64(bitPattern: Int64(n)))
        case .string(let s):
            bytes.append(2)
            writeString(s)
        case .bool(let b):
            bytes.append(b ? 4 : 3)
        case .list(let items):
            let numbers = items.compactMap { if case .number(let x) = $0 { x } else { nil } }
            if !items.isEmpty, numbers.count == items.count {
                bytes.append(5)
                writeCount(numbers.count)
                for x in numbers { writeBits(x.bitPattern) }
            } else {
                bytes.append(6)
                writeCount(items.count)
                for item in items { write(item) }
            }
        case .record(let record):
            bytes.append(7)
            write(record)
        }
    }

    private mutating func writeCount(_ count: Int) {
        var n = UInt64(count)
        repeat {
            let low = UInt8(n & 0x7F)
            n >>= 7
            bytes.append(n == 0 ? low : low | 0x80)
        } while n != 0
    }

    private mutating func writeString(_ text: String) {
        let utf8 = Array(text.utf8)
        writeCount(utf8.count)
        bytes.append(contentsOf: utf8)
    }

    private mutating func writeBits(_ bits: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
    }
}

struct ValueByteReader {
    /// Where the bytes stopped making sense.
    struct Malformed: Error {
        var offset: Int
    }

    /// Deeper than any value a kind makes; a damaged entry must not recurse
    /// until the stack runs out.
    static let maximumDepth = 256

    let bytes: [UInt8]
    private(set) var offset = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func readRecord(depth: Int) throws -> Record {
        guard depth < Self.maximumDepth else { throw Malformed(offset: offset) }
        let count = try readCount()
        var fields: [Record.Field] = []
        fields.reserveCapacity(count)
        for _ in 0..<count {
            let name = try readString()
            fields.append(Record.Field(name: name, value: try readValue(depth: depth + 1)))
        }
        return Record(fields: fields)
    }

    mutating func readValue(depth: Int) throws -> ResultValue {
        guard depth < Self.maximumDepth else { throw Malformed(offset: offset) }
        switch try readByte() {
        case 0: return .number(Double(bitPattern: try readBits()))
        case 1: return .integer(Int(Int64(bitPattern: try readBits())))
        case 2: return .string(try readString())
        case 3: return .bool(false)
        case 4: return .bool(true)
        case 5:
            let count = try readCount()
            guard count <= (bytes.count - offset) / 8 else { throw Malformed(offset: offset) }
            var items: [ResultValue] = []
            items.reserveCapacity(count)
            for _ in 0..<count { items.append(.number(Double(bitPattern: try readBits()))) }
            return .list(items)
        case 6:
            let count = try readCount()
            var items: [ResultValue] = []
            items.reserveCapacity(count)
            for _ in 0..<count { items.append(try readValue(depth: depth + 1)) }
            return .list(items)
        case 7: return .record(try readRecord(depth: depth + 1))
        default: throw Malformed(offset: offset - 1)
        }
    }

    private mutating func readByte() throws -> UInt8 {
        guard offset < bytes.count else { throw Malformed(offset: offset) }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// A count, which can never exceed the bytes left (each element takes at
    /// least one): a damaged count cannot ask for a huge allocation.
    private mutating func readCount() throws -> Int {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try readByte()
            guard shift < 64 else { throw Malformed(offset: offset) }
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { break }
            shift += 7
        }
        guard value <= UInt64(bytes.count - offset) else { throw Malformed(offset: offset) }
        return Int(value)
    }

    private mutating func readString() throws -> String {
        let count = try readCount()
        defer { offset += count }
        return String(decoding: bytes[offset..<offset + count], as: UTF8.self)
    }

    private mutating func readBits() throws -> UInt64 {
        guard bytes.count - offset >= 8 else { throw Malformed(offset: offset) }
        var bits: UInt64 = 0
        for i in 0..<8 { bits |= UInt64(bytes[offset + i]) << UInt64(8 * i) }
        offset += 8
        return bits
    }
}
