import NeuralEngine
import Testing
@testable import Experiments

@Suite struct SpecReaderTests {
    let keys = CommonKeys.descriptors + [
        KeyDescriptor("rate", type: "number", default: "0.1", range: .aboveUpTo(0, 1), "learning rate"),
        KeyDescriptor("epochs", type: "integer", default: "10", range: .closed(1, 1000), "epochs"),
        KeyDescriptor("sizes", type: "list of integers", default: "[1, 2]", range: .atLeast(1), "sizes"),
        KeyDescriptor("mode", type: "inverted | original", default: "inverted", "mode"),
        KeyDescriptor("data", type: "string", default: nil, "required"),
        KeyDescriptor("axes", .mapping, described: "(from the data)", "axes"),
    ]

    func reader(_ body: String) -> SpecReader {
        SpecReader(body: body, kind: "demo", descriptors: keys)
    }

    @Test func readsValuesAndDefaults() {
        let r = reader("data: digits\nrate: 0.5\nsizes: [3, 4]\n")
        #expect(r.double("rate") == 0.5)
        #expect(r.int("epochs") == 10)
        #expect(r.intList("sizes") == [3, 4])
        #expect(r.choice("mode", ["inverted", "original"]) == "inverted")
        #expect(r.string("data") == "digits")
        #expect(r.issues.isEmpty)
    }

    @Test func unknownKeySuggestsTheClosest() throws {
        let r = reader("data: x\nepohcs: 3\n")
        let issue = try #require(r.issues.first)
        #expect(issue.message == "unknown key 'epohcs' for kind 'demo'; did you mean 'epochs'?")
        #expect(issue.line == 2 && issue.column == 1)
    }

    @Test func outOfRangeNamesTheRange() throws {
        let r = reader("data: x\nrate: 1.5\n")
        _ = r.double("rate")
        let issue = try #require(r.issues.first)
        #expect(issue.message == "'rate' is 1.5, outside the allowed range 0 < rate ≤ 1")
        #expect(issue.line == 2 && issue.column == 7)
    }

    @Test func wrongTypeIsReportedAtTheValue() throws {
        let r = reader("data: x\nepochs: many\n")
        _ = r.int("epochs")
        let issue = try #require(r.issues.first)
        #expect(issue.message == "'epochs' must be an integer, found 'many'")
        #expect(issue.line == 2 && issue.column == 9)
    }

    @Test func nonIntegerIsRejected() {
        let r = reader("data: x\nepochs: 2.5\n")
        _ = r.int("epochs")
        #expect(r.issues.map(\.message) == ["'epochs' must be an integer, found '2.5'"])
    }

    @Test func infiniteAndNaNAreRejected() {
        let r = reader("data: x\nrate: .nan\n")
        _ = r.double("rate")
        #expect(r.issues.map(\.message) == ["'rate' must be a finite number, found .nan"])
    }

    @Test func malformedYAMLPointsAtTheLine() throws {
        let r = reader("data: x\nrate: [1, 2\nepochs: 3\n")
        let issue = try #require(r.issues.first)
        #expect(issue.message.hasPrefix("malformed YAML"))
        #expect(issue.line >= 2)
    }

    @Test func missingRequiredKeyIsABlockLevelIssue() throws {
        let r = reader("rate: 0.5\n")
        let issue = try #require(r.issues.first)
        #expect(issue.message == "missing required key 'data' (string)")
        #expect(issue.line == 0)
    }

    @Test func bodyMustBeAMapping() throws {
        let r = reader("- a\n- b\n")
        #expect(try #require(r.issues.first).message.contains("must be a YAML mapping"))
    }

    @Test func duplicateKeysAreReported() {
        let r = reader("data: x\ndata: y\n")
        #expect(r.issues.contains { $0.message.contains("duplicate key") })
    }

    @Test func choiceSuggests() {
        let r = reader("data: x\nmode: orignal\n")
        _ = r.choice("mode", ["inverted", "original"])
        #expect(r.issues.map(\.message) == ["'mode' must be one of 'inverted', 'original', found 'orignal'; did you mean 'original'?"])
    }

    @Test func quotedNumbersAreNotNumbers() {
        let r = reader("data: x\nrate: \"0.5\"\n")
        _ = r.double("rate")
        #expect(r.issues.first?.message == "'rate' must be a number, found the quoted text \"0.5\"")
    }

    /// A key written as a mapping of named fields: the known fields in the
    /// order written; an unknown one, or another shape, is an error at its place.
    @Test func fieldsOfAMapping() throws {
        let r = reader("data: x\naxes: {x: log, yscale: linear}\n")
        let fields = try #require(r.fields("axes", known: ["x", "y_scale"], example: "{x: log}"))
        #expect(fields.map(\.name) == ["x"])
        #expect(fields.first?.value.scalar?.string == "log")
        let issue = try #require(r.issues.first)
        #expect(r.issues.count == 1)
        #expect(issue.message == "unknown field 'yscale' in 'axes'; did you mean 'y_scale'?")
        #expect(issue.notes == ["axes takes: x, y_scale"])
        #expect(issue.line == 2 && issue.column == 16)

        // A key that is not a plain name gets the same words in a mapping
        // of fields as in an entry of a list.
        let listKey = reader("data: x\naxes: {[x]: log}\n")
        #expect(listKey.fields("axes", known: ["x"], example: "{x: log}")?.isEmpty == true)
        #expect(listKey.issues.map(\.message) == ["the keys of 'axes' must be plain names, found a list"])
        #expect(listKey.issues.first.map { ($0.line, $0.column) } ?? (0, 0) == (2, 8))
        let entryKey = reader("data: x\naxes: [{[x]: log}]\n")
        #expect(entryKey.entries("axes", count: 1...2, fields: ["x"], example: "{x: log}", names: "axes.<name>").count == 1)
        #expect(entryKey.issues.map(\.message).contains("the keys of an entry of 'axes' must be plain names, found a list"), "\(entryKey.issues)")

        let list = reader("data: x\naxes: [x]\n")
        #expect(list.fields("axes", known: ["x"], example: "{x: log}") == nil)
        #expect(list.issues.map(\.message) == ["'axes' must be a mapping such as '{x: log}', found a list"])
        #expect(list.issues.first?.line == 2 && list.issues.first?.column == 7)

        let absent = reader("data: x\n")
        #expect(absent.fields("axes", known: ["x"], example: "{x: log}") == nil)
        #expect(absent.issues.isEmpty)
    }
}
