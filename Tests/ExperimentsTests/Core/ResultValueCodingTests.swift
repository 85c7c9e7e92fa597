import Foundation
import Testing
@testable import Experiments

/// The cache's form of values and chart series: lists of numbers packed into
/// base64 (``PackedDoubles``), every bit kept.
@Suite struct ResultValueCodingTests {
    let special: [Double] = [0.1, -0.0, 0, .nan, .infinity, -.infinity, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 1e-300, -2.5]

    func roundTrip<T: Codable>(_ value: T) throws -> (T, String) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let data = try encoder.encode(value)
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return (try decoder.decode(T.self, from: data), String(decoding: data, as: UTF8.self))
    }

    func bits(_ values: [Double]) -> [UInt64] { values.map(\.bitPattern) }

    @Test func packedDoublesKeepEveryBit() {
        let text = PackedDoubles.encode(special)
        #expect(bits(PackedDoubles.decode(text) ?? []) == bits(special))
        #expect(PackedDoubles.decode(PackedDoubles.encode([])) == [])
        #expect(PackedDoubles.decode("not base64!") == nil)
        // Seven bytes are not a whole double.
        #expect(PackedDoubles.decode(Data(repeating: 1, count: 7).base64EncodedString()) == nil)
    }

    @Test func numberListsArePackedAndRoundTrip() throws {
        let curve = ResultValue.numbers((0..<3_000).map { 1 / Double($0 + 1) })
        let (back, json) = try roundTrip(curve)
        #expect(back == curve)
        #expect(json.hasPrefix("[\"p\",\""))
        #expect(json.count < 3_000 * 12)
        guard case .list(let items) = try roundTrip(ResultValue.numbers(special)).0 else { Issue.record("not a list"); return }
        #expect(bits(items.compactMap(\.doubleValue)) == bits(special))
        // A single non-finite number goes through the cache's strategies ("nan", "inf").
        let mixed = try roundTrip(ResultValue.list([.number(.nan), .number(-.infinity), .string("nan")])).0
        guard case .list(let three) = mixed, three.count == 3 else { Issue.record("not a list of 3"); return }
        #expect(three[0].doubleValue?.isNaN == true && three[1] == .number(-.infinity) && three[2] == .string("nan"))
    }

    @Test func everyCaseRoundTrips() throws {
        var inner = Record()
        inner["curve"] = .numbers([1, 2, 3])
        inner["one"] = .numbers([4])
        inner["none"] = .list([])
        inner["mixed"] = .list([.number(1), .integer(2), .string("x"), .bool(true)])
        var record = Record()
        record["n"] = .number(0.25)
        record["i"] = .integer(-7)
        record["s"] = .string("naïve \"quoted\"")
        record["b"] = .bool(false)
        record["rows"] = .list([.record(inner), .record(Record())])
        let value = ResultValue.record(record)
        #expect(try roundTrip(value).0 == value)
    }

    @Test func aDamagedPackedListIsADecodingError() {
        let decoder = JSONDecoder()
        #expect(throws: DecodingError.self) { try decoder.decode(ResultValue.self, from: Data("[\"p\",\"AAAA\"]".utf8)) }
        #expect(throws: DecodingError.self) { try decoder.decode(ResultValue.self, from: Data("[\"x\",1]".utf8)) }
        #expect(throws: DecodingError.self) {
            try decoder.decode(Chart.Series.self, from: Data("{\"name\":\"a\",\"x\":\"%%\",\"y\":\"\",\"dashed\":false}".utf8))
        }
    }

    @Test func tableCellsRoundTrip() throws {
        var spread = ResultTable.Cell("93.2 %", value: 0.932, style: .percent, unit: "", tone: .good)
        spread.spread = 0.01
        let cells = [ResultTable.Cell("plain"), ResultTable.Cell("3 ms", value: 3, unit: "ms"), spread,
                     ResultTable.Cell("–", value: .nan), .missing(tone: .highlight)]
        #expect(try roundTrip(cells).0 == cells)
        #expect(try roundTrip(cells).0.map(\.isMissing) == [false, false, false, false, true])
        // A cell written before cells knew they were missing (six fields) still reads, as a cell that is not.
        let old = try JSONDecoder().decode(ResultTable.Cell.self, from: Data("[\"–\",\"plain\",null,\"plain\",\"\",null]".utf8))
        #expect(old.text == "–" && !old.isMissing)
        let record = Record(["cells": .integer(4)])
        #expect(try roundTrip(record).0 == record)
        #expect(try roundTrip(Record()).0 == Record())
    }

    @Test func chartSeriesRoundTrip() throws {
        let plain = Chart.Series(name: "training", x: [1, 2, 3], y: [0.5, .nan, 0.25], dashed: true)
        let (back, _) = try roundTrip(plain)
        #expect(back.name == "training" && back.dashed && back.yLow == nil && back.yHigh == nil)
        #expect(bits(back.x) == bits(plain.x) && bits(back.y) == bits(plain.y))
        let spread = Chart.Series(name: "s", x: [], y: [], yLow: [], yHigh: [])
        #expect(try roundTrip(spread).0 == spread)
        let band = Chart.Series(name: "b", x: [1, 2], y: [3, 4], yLow: [2, 3], yHigh: [4, -.infinity])
        #expect(try roundTrip(band).0 == band)
    }
}
