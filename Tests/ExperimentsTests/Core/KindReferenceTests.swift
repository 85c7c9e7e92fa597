import Testing
@testable import Experiments

/// A key is written once, in its kind's declaration: `lesson kinds`, the
/// reference page and the reader all take it from there.
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
            KeyDescriptor("width", type: "integer", default: "4", range: .closed(1, 64), "Units of the probe."),
            KeyDescriptor("added_key", type: "integer", default: "3", range: .closed(1, 9), "The key this test adds."),
        ]

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
        #expect(text.contains("    added_key: integer, default 3, range "))
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
}
