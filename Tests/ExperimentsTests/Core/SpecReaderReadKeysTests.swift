import Foundation
import Testing
@testable import Experiments

/// A kind that declares a key but never reads it ignores what the author
/// wrote; a kind that reads a key it never declared always gets the default.
/// Both are bugs, and the reader notices both.
@Suite struct SpecReaderReadKeysTests {
    @Test func readsAndMissesAreRecorded() {
        let descriptors = CommonKeys.descriptors + [
            KeyDescriptor("rate", type: "number", default: "0.5", "A rate."),
            KeyDescriptor("size", type: "integer", default: "3", "A size."),
            KeyDescriptor("name", type: "text", default: "x", "A name."),
        ]
        let reader = SpecReader(body: "rate: 0.1\n", kind: "test", descriptors: descriptors)
        _ = reader.double("rate")
        _ = reader.has("name")
        _ = reader.int("sise")
        #expect(reader.unreadKeys == ["size"])
        #expect(reader.undeclaredReads == ["sise"])
        #expect(reader.readKeys == ["rate", "name"])
    }

    /// Every registered kind, decoding an empty body (all defaults), asks about
    /// each key it declares and about no other.
    @Test(arguments: KindRegistry.all.map(\.name))
    func everyKindReadsExactlyItsKeys(name: String) throws {
        let kind = try #require(KindRegistry.kind(named: name))
        let reader = SpecReader(body: "", kind: name, descriptors: CommonKeys.descriptors + kind.keys)
        _ = kind.prepare(reader, KindTesting.context)
        #expect(reader.unreadKeys.isEmpty, "kind '\(name)' declares keys it never reads: \(reader.unreadKeys)")
        #expect(reader.undeclaredReads.isEmpty, "kind '\(name)' reads keys it never declares: \(reader.undeclaredReads.sorted())")
    }
}
