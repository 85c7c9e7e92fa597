import Foundation
import LessonResults

/// How long a run has left, for the progress lines: "block 12 of 63, ~40 s
/// left".
///
/// Every block's work is known before it runs (``PreparedExperiment/work``,
/// from its kind's ``WorkEstimate``s, times its seeds). The run learns, per
/// kind, how many seconds a unit of that work took in the blocks that have
/// run, and prices the blocks still to run with it (a kind not seen yet, at
/// the rate of all kinds seen, its work being a share of its budget like
/// theirs; a kind that declares no work, at its mean time per block, and
/// nothing before one has run). Blocks found in the cache cost nothing;
/// under `--jobs N` the time is shared among up to N blocks. No estimate
/// until a block has run: a guess from nothing would be a made-up number.
/// It is an estimate, and is shown only where a person reads it (the live
/// line on a terminal, the ~10 s lines in a log), never in the per-lesson
/// lines.
public struct TimeLeft: Sendable {
    public struct Item: Sendable, Equatable {
        public var lesson: String
        public var index: Int
        public var kind: String
        /// Work of the whole block (every seed).
        public var work: Double
        /// Found in the cache before the run: it will take no time.
        public var cached: Bool

        public init(lesson: String, index: Int, kind: String, work: Double, cached: Bool) {
            self.lesson = lesson
            self.index = index
            self.kind = kind
            self.work = work
            self.cached = cached
        }
    }

    private struct Learned: Sendable {
        var seconds = 0.0
        var work = 0.0
        /// Blocks' worth of runs (a seed of eight counts 1/8).
        var blocks = 0.0
    }

    /// Blocks in the run.
    public private(set) var total: Int
    /// The blocks not done, with the share of each still to run (a block
    /// with seeds or explored positions is done a run at a time).
    private var pending: [String: [Int: (item: Item, left: Double)]] = [:]
    private var learned: [String: Learned] = [:]
    /// Blocks running at once (`--jobs`): the time left is the work left shared among them.
    private var jobs: Int

    public init(items: [Item], jobs: Int = 1) {
        total = items.count
        self.jobs = max(1, jobs)
        for item in items { pending[item.lesson, default: [:]][item.index] = (item, 1) }
    }

    /// The items of the blocks `plans` will run; `isCached` says whether a
    /// block's result is already in the cache.
    public static func items(_ plans: [Plan], isCached: (PlannedBlock) -> Bool) -> [Item] {
        plans.flatMap { plan in
            plan.blocks.enumerated().map { index, planned in
                Item(lesson: plan.lesson.path, index: index, kind: planned.block.kind,
                     work: (planned.prepared?.work ?? 0) * Double(Self.runs(of: planned)),
                     cached: !planned.isValid || isCached(planned))
            }
        }
    }

    /// How many times a block runs: each seed at each explored position.
    public static func runs(of planned: PlannedBlock) -> Int {
        max(1, planned.seeds.count) * max(1, planned.explore?.positions.count ?? 1)
    }

    /// `share` of a block (one of its runs, or all) is done in `seconds` of
    /// its own: it leaves the work left and, unless it came from the cache,
    /// teaches its kind's rate.
    public mutating func progress(lesson: String, index: Int, share: Double, seconds: Double, fromCache: Bool) {
        guard var entry = pending[lesson]?[index], share > 0 else { return }
        let done = min(share, entry.left)
        entry.left -= done
        pending[lesson]?[index] = entry.left > 1e-9 ? entry : nil
        if pending[lesson]?.isEmpty == true { pending[lesson] = nil }
        guard !fromCache, !entry.item.cached, seconds.isFinite, seconds > 0 else { return }
        learned[entry.item.kind, default: Learned()].seconds += seconds
        learned[entry.item.kind, default: Learned()].work += entry.item.work * done
        learned[entry.item.kind, default: Learned()].blocks += done
    }

    /// A lesson is finished: whatever of it was not reported is done too.
    public mutating func finished(lesson: String) {
        pending[lesson] = nil
    }

    /// Seconds left, or nil before a block that prices the rest has run.
    public var secondsLeft: Double? {
        let all = learned.values.reduce(Learned()) { Learned(seconds: $0.seconds + $1.seconds, work: $0.work + $1.work, blocks: $0.blocks + $1.blocks) }
        guard all.blocks > 0, all.seconds > 0 else { return nil }
        var seconds = 0.0
        var blocks = 0
        for (item, left) in pending.values.flatMap(\.values) where !item.cached {
            blocks += 1
            let kind = learned[item.kind]
            let block: Double
            if item.work > 0, let kind, kind.work > 0 {
                block = item.work * kind.seconds / kind.work
            } else if item.work > 0, all.work > 0 {
                block = item.work * all.seconds / all.work
            } else if item.work > 0 {
                // Only kinds that declare no work have run: nothing to price it by.
                return nil
            } else if let kind {
                block = kind.seconds / kind.blocks
            } else {
                // A kind that declares no work has no budget to keep it
                // short because it is short (softmax): nothing until one ran.
                block = 0
            }
            seconds += block * left
        }
        return seconds / Double(max(1, min(jobs, blocks)))
    }

    /// "block 12 of 63, ~40 s left" (`started` blocks so far); without an
    /// estimate yet, "block 12 of 63".
    public func line(started: Int) -> String {
        let position = "block \(min(max(started, 1), total)) of \(total)"
        guard let seconds = secondsLeft else { return position }
        return position + ", ~" + Self.text(seconds) + " left"
    }

    /// "5 s", "40 s", "3 min", "1 h 5 min".
    public static func text(_ seconds: Double) -> String {
        let seconds = max(0, seconds.isFinite ? seconds : 0)
        if seconds < 90 { return "\(max(1, Int(seconds.rounded()))) s" }
        let minutes = Int((seconds / 60).rounded())
        return minutes < 60 ? "\(minutes) min" : "\(minutes / 60) h \(minutes % 60) min"
    }
}
