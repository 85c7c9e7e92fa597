import Testing
import Yams
@testable import Experiments

@Suite struct KeyDescriptorTests {
    /// A default the reader uses must be valid YAML and pass the key's own
    /// range; a prose default must never be read as a value.
    @Test func valueDefaultsAreValidYAMLWithinTheirRange() throws {
        for kind in KindRegistry.all {
            for key in CommonKeys.descriptors + kind.keys where key.defaultIsValue {
                let text = try #require(key.defaultValue)
                let node = try #require(try Yams.compose(yaml: text), "\(kind.name).\(key.name): '\(text)'")
                let reader = SpecReader(body: "", kind: kind.name, descriptors: [key])
                for item in reader.listItems(node) where key.range != nil {
                    _ = reader.number(item, key: key.name, range: key.range)
                }
                #expect(reader.issues.isEmpty, "\(kind.name).\(key.name): \(reader.issues)")
            }
        }
    }

    @Test func proseDefaultsAreNotValues() {
        let key = KeyDescriptor("seed", type: "integer", described: "derived from the lesson", "doc")
        let reader = SpecReader(body: "", kind: "k", descriptors: [key])
        #expect(reader.node("seed") == nil)
        #expect(!key.isRequired)
    }
}
