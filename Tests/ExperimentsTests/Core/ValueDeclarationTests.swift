import Testing
@testable import Experiments

/// A kind's values are declared once: the declaration gives the descriptor
/// (`lesson kinds`, the reference) and builds the record, and every field a
/// run produces is named where its value is declared.
@Suite struct ValueDeclarationTests {
    struct Source {
        var loss: Double
        var steps: [Int]
        var divergedAt: Int?
    }

    static let declared = ValueDeclarations<Source>([
        .init("loss", "The loss.") { $0.loss },
        .init("steps", "The steps.", access: "`steps[0]`") { $0.steps },
        .init("diverged_at", "Where it diverged.", when: "it diverged") { $0.divergedAt },
        .init("runs", "One record per run.") { s in s.steps.map { Record(fields: ["step": $0]) } },
    ])

    @Test func theDescriptorStatesTheTypeTheReaderReturns() {
        let descriptors = Self.declared.descriptors
        #expect(descriptors.map(\.name) == ["loss", "steps", "diverged_at", "runs"])
        #expect(descriptors.map(\.type) == ["number", "list of integers", "integer", "list of records"])
        #expect(descriptors.map(\.condition) == [nil, nil, "it diverged", nil])
        #expect(descriptors[1].access == "`steps[0]`")
    }

    @Test func theRecordHoldsTheValuesInOrderWithoutTheAbsentOnes() {
        let record = Self.declared.record(Source(loss: 0.5, steps: [1, 2], divergedAt: nil))
        #expect(record == Record([
            "loss": .number(0.5), "steps": .integers([1, 2]),
            "runs": .list([.record(Record(["step": .integer(1)])), .record(Record(["step": .integer(2)]))]),
        ]))
        #expect(Self.declared.record(Source(loss: 0.5, steps: [], divergedAt: 7))["diverged_at"] == .integer(7))
    }

    @Test func aRecordOfFieldsLeavesOutNilAndKeepsOrder() {
        let missing: Double? = nil
        var record = Record(fields: ["b": 1.5, "a": "x", "gone": missing, "c": [0.25, 0.5], "d": true])
        record.add(fields: ["e": [[1, 2]], "b": 2])
        #expect(record.names == ["b", "a", "c", "d", "e"])
        #expect(record["b"] == .integer(2))
        #expect(record["c"] == .numbers([0.25, 0.5]))
        #expect(record["e"] == .list([.integers([1, 2])]))
        #expect([[Double]].typeName == "list of lists of numbers")
    }

    /// Every field name in the records a kind's example produces (at any
    /// depth) is written, as code, in the text of the kind's values: a field
    /// added to a record without its description fails here.
    @Test(arguments: KindRegistry.all.map(\.name))
    func everyFieldARunProducesIsDescribed(name: String) throws {
        let kind = try #require(KindRegistry.kind(named: name))
        let body = try #require(kind.exampleBody)
        let reader = SpecReader(body: body, kind: kind.name, descriptors: CommonKeys.descriptors + kind.keys)
        let prepared = try #require(kind.prepare(reader, KindTesting.context))
        let values = try prepared.run(RunContext(seed: 1, decode: KindTesting.context)).values
        let text = kind.values.map { "\($0.summary) \($0.access ?? "")" }.joined(separator: " ")
        var undescribed: Set<String> = []
        func walk(_ value: ResultValue) {
            switch value {
            case .record(let record):
                for field in record.fields {
                    let named = ["`", "."].contains { before in ["`", ".", "["].contains { after in text.contains(before + field.name + after) } }
                    if !named { undescribed.insert(field.name) }
                    walk(field.value)
                }
            case .list(let items): items.forEach(walk)
            default: break
            }
        }
        for field in values.fields { walk(field.value) }
        #expect(undescribed.isEmpty, "'\(name)' produces fields its values do not describe: \(undescribed.sorted())")
    }
}
