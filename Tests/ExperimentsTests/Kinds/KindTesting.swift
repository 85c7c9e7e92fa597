import Foundation
import Testing
@testable import Experiments

/// Decoding and running a kind the way the runner does, for the kind tests.
enum KindTesting {
    /// The package's `lessons` folder (the digits are built in).
    static let lessonsDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("lessons").path

    static let context = DecodeContext(lessonDirectory: lessonsDirectory)

    /// `seeds`: how many seeds the runner would run the block with (its budget covers them all).
    static func prepare<K: ExperimentKind>(_ kind: K.Type, _ body: String, seeds: Int = 1) -> (PreparedExperiment?, [SpecIssue]) {
        let reader = SpecReader(body: body, kind: K.name, descriptors: CommonKeys.descriptors + K.keys)
        var context = context
        context.seeds = seeds
        let prepared = AnyExperimentKind(kind).prepare(reader, context)
        return (prepared, reader.issues)
    }

    /// The decoded spec of a valid body (within its budget), as the kind
    /// decoded it: not read back from the cache key's JSON, which writes
    /// out the defaults a key left out stands for (`beta2` with Adam).
    static func spec<K: ExperimentKind>(_ kind: K.Type, _ body: String) throws -> K.Spec? {
        let reader = SpecReader(body: body, kind: K.name, descriptors: CommonKeys.descriptors + K.keys)
        guard let spec = K.decode(reader, context: context), reader.issues.isEmpty else { return nil }
        reader.check(K.work(spec), context: context)
        return reader.issues.isEmpty ? spec : nil
    }

    /// A path such as `rows[0].diagnosis` or `mc.100.accuracy`, as expressions read it.
    static func value(_ record: Record, _ path: String) -> ResultValue? {
        var components: [PathComponent] = []
        for part in path.split(separator: ".") {
            var text = Substring(part)
            if let open = text.firstIndex(of: "[") {
                components.append(.key(String(text[..<open])))
                text = text[open...]
                while let start = text.firstIndex(of: "["), let end = text.firstIndex(of: "]") {
                    components.append(.index(Int(text[text.index(after: start)..<end])!))
                    text = text[text.index(after: end)...]
                }
            } else {
                components.append(.key(String(text)))
            }
        }
        return ResultValue.record(record).lookup(components)
    }

    static func number(_ record: Record, _ path: String) -> Double {
        value(record, path)?.doubleValue ?? .nan
    }

    /// The record without the fields named `ms` (or `fields`) anywhere in it:
    /// timings differ from run to run.
    static func withoutTimings(_ value: ResultValue, fields: Set<String> = ["ms"]) -> ResultValue {
        switch value {
        case .record(let record):
            var out = Record()
            for field in record.fields where !fields.contains(field.name) {
                out[field.name] = withoutTimings(field.value, fields: fields)
            }
            return .record(out)
        case .list(let items):
            return .list(items.map { withoutTimings($0, fields: fields) })
        default:
            return value
        }
    }
}

/// A suite about one kind: `prepare`, `run`, `value` and `number` for it,
/// through ``KindTesting``.
protocol KindSuite {
    associatedtype Kind: ExperimentKind
}

extension KindSuite {
    func prepare(_ body: String) -> (PreparedExperiment?, [SpecIssue]) {
        KindTesting.prepare(Kind.self, body)
    }

    /// Runs a body that must be valid.
    func run(_ body: String, seed: UInt64 = 1, sourceLocation: SourceLocation = #_sourceLocation) throws -> ExperimentOutcome {
        let (prepared, issues) = prepare(body)
        #expect(issues.isEmpty, "\(issues)", sourceLocation: sourceLocation)
        return try #require(prepared, sourceLocation: sourceLocation).presented(RunContext(seed: seed, decode: KindTesting.context))
    }

    func value(_ r: Record, _ path: String) -> ResultValue? { KindTesting.value(r, path) }
    func number(_ r: Record, _ path: String) -> Double { KindTesting.number(r, path) }
}
