import Testing
@testable import Experiments

@Suite struct KeyDescriptorTests {
    /// A default the reader uses must be valid YAML and pass the key's own
    /// range; a prose default must never be read as a value.
    @Test func valueDefaultsAreValidYAMLWithinTheirRange() throws {
        for kind in KindRegistry.all {
            for key in CommonKeys.descriptors + kind.keys where key.defaultIsValue {
                let text = try #require(key.defaultValue)
                // An empty body: the reader's value is the default, read as YAML;
                // a default the kind applies itself is read as if written.
                let body = key.kindAppliesDefault ? "\(key.name): \(text)\n" : ""
                let reader = SpecReader(body: body, kind: kind.name, descriptors: [key])
                let value = try #require(reader.value(key.name), "\(kind.name).\(key.name): '\(text)'")
                for item in value.items where key.range != nil {
                    _ = reader.number(item, key: key.name, range: key.range)
                }
                #expect(reader.issues.isEmpty, "\(kind.name).\(key.name): \(reader.issues)")
            }
        }
    }

    @Test func proseDefaultsAreNotValues() {
        let key = KeyDescriptor("seed", type: "integer", described: "derived from the lesson", "doc")
        let reader = SpecReader(body: "", kind: "k", descriptors: [key])
        #expect(reader.value("seed") == nil)
        #expect(!key.isRequired)
    }
}
