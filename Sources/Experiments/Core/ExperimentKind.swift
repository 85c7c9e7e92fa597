import Foundation

#if compiler(>=6.2)
/// A type whose metatype may cross threads (SE-0470).
public typealias SendableKind = SendableMetatype
#else
/// Before Swift 6.2 every metatype may cross threads.
public protocol SendableKind {}
#endif

/// A kind of experiment block: its keys, how to decode them, how to run.
///
/// One type per kind, each in its own file under `Experiments/Kinds`. The
/// spec is a plain value so it can be hashed into the cache key. A kind's
/// static members are called from the `@Sendable` closures of
/// ``AnyExperimentKind``, on any thread, so the kind's type is sendable.
public protocol ExperimentKind: SendableKind {
    associatedtype Spec: Codable & Sendable & Hashable

    /// The word after `experiment` in the info string.
    static var name: String { get }
    /// One sentence for `lesson kinds`.
    static var summary: String { get }
    /// The kind's own keys (the common keys are added by the runner).
    static var keys: [KeyDescriptor] { get }
    /// Timing experiments measure the machine: they put each measurement in a
    /// `TimingGate.timedSection`, which runs with no other block running.
    /// `lesson kinds` says so, and the runner starts their blocks first.
    static var timesItself: Bool { get }
    /// The named values a run produces (`lesson kinds`; checked by a test).
    static var values: [ValueDescriptor] { get }
    /// The limits on the work one block may ask for, in words, for `lesson kinds`.
    static var budget: String { get }
    /// A block that runs in well under a second (`lesson new`; the tests).
    static var example: KindExample? { get }
    /// Where an author's `table:` takes its rows from; `nil`: it must say `from:`.
    static var table: TableDefaults? { get }

    /// Decodes a body. Problems go to `reader.issues`; return `nil` only when
    /// no usable spec could be built.
    static func decode(_ reader: SpecReader, context: DecodeContext) -> Spec?

    /// What one run asks for, each against its budget. The runner multiplies
    /// by the block's runs and refuses the block before it runs when a total
    /// is over (``WorkEstimate``); a kind never checks a budget itself.
    static func work(_ spec: Spec) -> [WorkEstimate]

    /// Files the run reads: their contents become part of the cache key.
    static func dataFiles(_ spec: Spec, context: DecodeContext) -> [String]

    static func run(_ spec: Spec, context: RunContext) throws -> ExperimentOutcome

    /// The block's tables, charts and notes, built from its runs' values
    /// after they ran (``Presenter``): one run's, or over seeds their means
    /// and spreads. Runs return values only; this is the kind's default
    /// presentation (an author's `table:` replaces its first table).
    static func present(_ spec: Spec, _ presenter: inout Presenter) -> [PresentationItem]
}

extension ExperimentKind {
    public static var timesItself: Bool { false }
    public static var values: [ValueDescriptor] { [] }
    public static var budget: String { "no limit beyond the ranges of its keys" }
    public static var example: KindExample? { nil }
    public static var table: TableDefaults? { nil }
    /// The files of the spec's ``DataRecipe`` (``DataBacked``); none for a kind without one.
    public static func dataFiles(_ spec: Spec, context: DecodeContext) -> [String] {
        (spec as? any DataBacked)?.data.files(context: context) ?? []
    }
    public static func work(_ spec: Spec) -> [WorkEstimate] { [] }
    /// No presentation of its own: the values are still read by `expect:`,
    /// inline references and an author's `table:`.
    public static func present(_ spec: Spec, _ presenter: inout Presenter) -> [PresentationItem] { [] }
}

/// What decoding may consult: where the lesson lives, for data files.
public struct DecodeContext: Sendable {
    /// The folder of the lesson file.
    public var lessonDirectory: String
    /// How many seeds the block runs with (its `seeds:`).
    public var seeds: Int
    /// How many settings of the block run (explored positions; 1 for a plain block).
    public var positions: Int
    /// The course's shared data folders (`data:` in `course.yml`), searched
    /// after the lesson's own folder; a file found there must stay inside
    /// ``courseRoot`` after following symbolic links.
    public var sharedDataFolders: [String]
    /// The course's folder (where `course.yml` is); nil outside a course.
    public var courseRoot: String?
    public init(lessonDirectory: String, seeds: Int = 1, positions: Int = 1, sharedDataFolders: [String] = [], courseRoot: String? = nil) {
        self.lessonDirectory = lessonDirectory
        self.seeds = seeds
        self.positions = positions
        self.sharedDataFolders = sharedDataFolders
        self.courseRoot = courseRoot
    }

    /// How many times the block runs: a block's work budget covers all of
    /// them, so every ``WorkEstimate`` is multiplied by this.
    public var runs: Int { max(1, seeds) * max(1, positions) }

    /// " × 8 seeds" for a work estimate's explanation; empty for one run.
    public var runsFactor: String {
        (seeds > 1 ? " × \(seeds) seeds" : "") + (positions > 1 ? " × \(positions) explored positions" : "")
    }

    /// The way out that the runs themselves offer, for a refusal's note.
    var runsHint: String {
        let ways = (seeds > 1 ? ["fewer seeds"] : []) + (positions > 1 ? ["fewer explored values"] : [])
        return ways.isEmpty ? "" : ", or " + ways.joined(separator: " or ")
    }

    /// Resolves a data file named in a block: relative to the lesson's folder,
    /// then to its `data/` folder; nil when missing or outside the lesson's
    /// folder (``locateDataFile(_:)`` says why).
    public func resolveDataFile(_ name: String) -> String? {
        try? locateDataFile(name)
    }
}

/// What a run gets: its seed and the decode context.
public struct RunContext: Sendable {
    public var seed: UInt64
    public var decode: DecodeContext
    public init(seed: UInt64, decode: DecodeContext) {
        self.seed = seed
        self.decode = decode
    }
}

/// A failure of a run that the author should see in place of the block.
public struct ExperimentError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var notes: [String]
    public init(_ message: String, notes: [String] = []) {
        self.message = message
        self.notes = notes
    }
    public var description: String { message }
}

/// A decoded block, ready to run, with everything the cache key needs.
public struct PreparedExperiment: Sendable {
    public var kind: String
    public var timesItself: Bool
    /// Canonical JSON of the spec (sorted keys).
    public var specJSON: String
    public var dataFiles: [String]
    public var run: @Sendable (RunContext) throws -> ExperimentOutcome
    /// The work of one run as a share of its kind's budgets (the sum, over
    /// the kind's ``WorkEstimate``s of time, of amount ÷ budget): what the
    /// progress lines' time left is estimated from. 0 for a kind that
    /// declares no work.
    public var work: Double = 0
    /// Builds the presentation from the runs' values (``ExperimentKind/present(_:_:)``).
    public var present: @Sendable (RunValues) -> [PresentationItem] = { _ in [] }

    /// One run with its presentation, as a block without `seeds:` shows it.
    public func presented(_ context: RunContext) throws -> ExperimentOutcome {
        outcome(of: [try run(context)], seeds: [])
    }

    /// The outcome standing for `runs` (one per seed, in seed order, or one):
    /// the values (over seeds, their means) and the presentation drawn from them.
    public func outcome(of runs: [ExperimentOutcome], seeds: [UInt64]) -> ExperimentOutcome {
        guard let first = runs.first else { return ExperimentOutcome(values: Record()) }
        let values = RunValues(records: runs.map(\.values), seeds: seeds)
        let summary = runs.count == 1 ? first.values : SeedStatistic.meanRecord(values.records)
        return ExperimentOutcome(values: summary, presentation: present(values), timingNoise: runs.lazy.compactMap(\.timingNoise).first)
    }
}

/// A kind with its type erased, for the registry.
public struct AnyExperimentKind: Sendable {
    public var name: String
    public var summary: String
    public var keys: [KeyDescriptor]
    public var timesItself: Bool
    public var values: [ValueDescriptor]
    public var budget: String
    public var example: KindExample?
    public var table: TableDefaults?
    public var prepare: @Sendable (SpecReader, DecodeContext) -> PreparedExperiment?

    public init<K: ExperimentKind>(_ kind: K.Type) {
        name = K.name
        summary = K.summary
        keys = K.keys
        timesItself = K.timesItself
        values = K.values
        budget = K.budget
        example = K.example
        table = K.table
        prepare = { reader, context in
            guard let spec = K.decode(reader, context: context), reader.issues.isEmpty else { return nil }
            reader.check(K.work(spec), context: context)
            guard reader.issues.isEmpty else { return nil }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            encoder.nonConformingFloatEncodingStrategy = .convertToString(
                positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
            let json = (try? encoder.encode(spec)).flatMap { String(data: $0, encoding: .utf8) } ?? "\(spec)"
            let work = K.work(spec).filter { !$0.heldPerRun && $0.budget > 0 }.reduce(0) { $0 + $1.amount / $1.budget }
            return PreparedExperiment(
                kind: K.name, timesItself: K.timesItself, specJSON: json,
                dataFiles: K.dataFiles(spec, context: context),
                run: { try K.run(spec, context: $0) }, work: work.isFinite ? work : 0,
                present: { runs in
                    var presenter = Presenter(runs)
                    let items = K.present(spec, &presenter)
                    return presenter.finish(items)
                })
        }
    }
}
