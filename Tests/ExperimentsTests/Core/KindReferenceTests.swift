import Testing
@testable import Experiments

/// A key is written once, in its kind's declaration: `lesson kinds`, the
/// reference page, the block `lesson new` writes and the reader all take it
/// from there.
@Suite struct KindReferenceTests {
    /// A kind made for this test; `added_key` is the key "added" to it.
    enum ProbeKind: ExperimentKind {
        struct Spec: Codable, Sendable, Hashable {
            var width: Int
            var added: Int
        }

        struct NotRun: Error {}

        static let name = "probe"
        static let summary = "A kind that exists only in this test."
        static let keys = [
            KeyDescriptor("width", .integer, default: "4", range: .closed(1, 64), "Units of the probe.").suggestedInScaffold(),
            KeyDescriptor("added_key", .integer, default: "3", range: .closed(1, 9), "The key this test adds.").example("5"),
        ]
        static let example: KindExample? = KindExample(expectation: "width == 4", inline: "width", sentence: "The width is")

        static func decode(_ reader: SpecReader, context: DecodeContext) -> Spec? {
            Spec(width: reader.int("width"), added: reader.int("added_key"))
        }

        static func run(_ spec: Spec, context: RunContext) throws -> ExperimentOutcome {
            throw NotRun()
        }
    }

    let kind = AnyExperimentKind(ProbeKind.self)
    var descriptors: [KeyDescriptor] { CommonKeys.descriptors + kind.keys }

    @Test func theKeyShowsInLessonKindsAndTheReferencePage() {
        let text = KindReference.text(for: [kind])
        #expect(text.contains("    added_key: integer, default 3, range 1 ≤ added_key ≤ 9\n"))
        #expect(text.contains("        The key this test adds."))
        let page = KindReference.markdown(for: [kind])
        #expect(page.contains("added_key"))
        #expect(page.contains("The key this test adds."))
    }

    @Test func theReaderTakesTheKeyWithItsDefaultRangeAndSpelling() throws {
        let written = SpecReader(body: "added_key: 5\n", kind: "probe", descriptors: descriptors)
        #expect(ProbeKind.decode(written, context: KindTesting.context)?.added == 5)
        #expect(written.issues.isEmpty)
        #expect(written.unreadKeys.isEmpty)

        let absent = SpecReader(body: "width: 2\n", kind: "probe", descriptors: descriptors)
        #expect(ProbeKind.decode(absent, context: KindTesting.context)?.added == 3)

        let outside = SpecReader(body: "added_key: 12\n", kind: "probe", descriptors: descriptors)
        _ = ProbeKind.decode(outside, context: KindTesting.context)
        let range = try #require(outside.issues.first)
        #expect(range.kind == .invalidValue && range.line == 1 && range.column == 12)

        let misspelt = SpecReader(body: "added_kee: 5\n", kind: "probe", descriptors: descriptors)
        let unknown = try #require(misspelt.issues.first)
        #expect(unknown.kind == .unknownKey && unknown.line == 1 && unknown.column == 1)
        #expect(unknown.message.hasSuffix("did you mean 'added_key'?"))
    }

    @Test func theKeyShowsInTheScaffoldWithItsExampleValue() throws {
        let body = try #require(kind.scaffoldBody)
        let lines = body.split(separator: "\n").map(String.init)
        #expect(lines.first == "added_key: 5")
        // A suggested key the example leaves out is shown with its default, commented out.
        #expect(lines.last == "# width: 4")
        #expect(kind.exampleBody == "added_key: 5")
        #expect(KindReference.markdown(for: [kind]).contains("id: probe\nadded_key: 5\n"))
    }

    /// The reader needs nothing but the declaration: type, range, default.
    @Test func theReaderReadsTheKeyByItsDeclaredType() throws {
        #expect(SpecReader(body: "added_key: 5\n", kind: "probe", descriptors: descriptors).read("added_key") == .integer(5))
        #expect(SpecReader(body: "width: 2\n", kind: "probe", descriptors: descriptors).read("added_key") == .integer(3))

        let outside = SpecReader(body: "added_key: 12\n", kind: "probe", descriptors: descriptors)
        #expect(outside.read("added_key") == nil)
        #expect(outside.issues.map(\.message) == ["'added_key' is 12, outside the allowed range 1 ≤ added_key ≤ 9"])

        let word = SpecReader(body: "added_key: many\n", kind: "probe", descriptors: descriptors)
        #expect(word.read("added_key") == nil)
        let issue = try #require(word.issues.first)
        #expect(issue.message == "'added_key' must be an integer, found 'many'" && issue.line == 1 && issue.column == 12)
    }

    /// A key declared to apply only with some values of another is an error
    /// at the key when written with any other, before the kind reads it.
    @Test func aConditionOnAnotherKeyIsCheckedByTheReader() throws {
        let keys = [
            KeyDescriptor("mode", .word(["plain", "fancy"]), default: "plain", "How."),
            KeyDescriptor("knob", .number, default: "1", "A knob.").only(when: "mode", is: ["fancy"], note: "only the fancy mode has a knob"),
        ]
        let wrong = SpecReader(body: "knob: 2\n", kind: "probe", descriptors: keys)
        let issue = try #require(wrong.issues.first)
        #expect(issue.message == "'knob' applies to mode: fancy, not plain" && issue.line == 1 && issue.column == 7)
        #expect(issue.notes == ["only the fancy mode has a knob"])
        #expect(SpecReader(body: "mode: fancy\nknob: 2\n", kind: "probe", descriptors: keys).issues.isEmpty)
        // A misspelt mode is the mode's own error, which the kind reports when it reads it.
        #expect(SpecReader(body: "mode: fancyy\nknob: 2\n", kind: "probe", descriptors: keys).issues.isEmpty)
        #expect(KindReference.describe(keys)[1].hasPrefix("    knob: number, default 1, only with mode: fancy\n"))
    }
}
