import Experiments
import Foundation
import LessonMarkdown
import LessonSupport
import LessonResults

extension Executor {
    /// The block as it runs at one explored position: the same block, ids,
    /// seeds and time limit, with that position's settings. It is cached under
    /// its own key, like any block with those settings written out.
    static func positionBlock(_ planned: PlannedBlock, _ position: Int) -> PlannedBlock {
        var block = planned
        block.prepared = planned.explore?.positions[position].prepared
        block.explore = nil
        block.expectations = []
        return block
    }

    /// Runs one position other than the default (see ``run(_:)``).
    func runPosition(_ planned: PlannedBlock, _ position: Int) -> ExecutedBlock {
        runOne(Self.positionBlock(planned, position))
    }

    /// The default position's block with every position's run attached
    /// (`others[p]`; the default one's entry is not read). A position that
    /// failed fails the block, its errors naming the position.
    func attachPositions(_ block: ExecutedBlock, others: [ExecutedBlock?]) -> ExecutedBlock {
        guard let explore = block.planned.explore, let outcome = block.outcome else { return block }
        var block = block
        var positions: [ExecutedPosition] = []
        var failed = false
        for (p, other) in others.enumerated() {
            if p == explore.defaultPosition {
                positions.append(ExecutedPosition(outcome: outcome, runs: block.runs, fromCache: block.fromCache, seconds: block.seconds))
                continue
            }
            guard let other else {
                failed = true
                continue
            }
            block.seconds += other.seconds
            let own = Set(block.planned.diagnostics)
            for diagnostic in other.diagnostics where !own.contains(diagnostic) {
                var named = diagnostic
                named.message = "at the explored position \(explore.label(p)): " + diagnostic.message
                block.diagnostics.append(named)
            }
            guard let result = other.outcome else {
                failed = true
                continue
            }
            block.fromCache = block.fromCache && other.fromCache
            positions.append(ExecutedPosition(outcome: result, runs: other.runs, fromCache: other.fromCache, seconds: other.seconds))
        }
        // Without every position there is nothing to switch between; the
        // errors above say which one failed.
        block.positions = failed ? [] : positions
        return block
    }

    /// The explored positions of every block that has them, by id, as
    /// expressions read them (`explored.keep_prob[0.2].x`).
    static func exploredValues(_ executed: [ExecutedBlock]) -> [String: ExploredValues] {
        var out: [String: ExploredValues] = [:]
        for block in executed where !block.positions.isEmpty {
            guard let explore = block.planned.explore, out[block.planned.id] == nil else { continue }
            out[block.planned.id] = ExploredValues(plan: explore, records: block.positions.map(\.outcome.values),
                                                   runs: block.positions.map { $0.runs.isEmpty ? nil : SeedRuns($0.runs) })
        }
        return out
    }

    /// Checks the block's `every:` expectations at each explored position.
    func checkEveryPosition(_ block: inout ExecutedBlock, scope: ValueScope) {
        guard let explore = block.planned.explore else { return }
        for expectation in block.planned.expectations where expectation.atEveryPosition {
            guard let expression = expectation.expression else { continue }
            guard block.positions.count == explore.positions.count else { continue }
            var failures: [(label: String, actual: String)] = []
            var problem: ExpressionError?
            for (p, position) in block.positions.enumerated() {
                var inner = scope
                inner.own = position.outcome.values
                inner.ownRuns = position.runs.isEmpty ? nil : SeedRuns(position.runs)
                do {
                    let verdict = try evaluate(expression, text: expectation.text, scope: inner)
                    if !verdict.passed { failures.append((explore.label(p), verdict.actual)) }
                } catch {
                    problem = ExpressionError("at \(explore.label(p)): \(error.message)", notes: error.notes)
                    break
                }
            }
            let count = explore.positions.count
            if let problem {
                block.expectations.append(ExpectationResult(text: expectation.text, location: expectation.location, passed: false,
                                                            actual: problem.message))
                block.diagnostics.append(Diagnostic(.expectationError, "cannot evaluate expectation '\(Excerpt.clipped(expectation.text))': \(problem.message)",
                                                    at: expectation.location, notes: problem.notes.map { .init($0) }))
            } else if failures.isEmpty {
                block.expectations.append(ExpectationResult(text: expectation.text, location: expectation.location, passed: true,
                                                            actual: "held at all \(count) explored positions"))
            } else {
                let where_ = failures.map(\.label).joined(separator: "; ")
                block.expectations.append(ExpectationResult(text: expectation.text, location: expectation.location, passed: false,
                                                            actual: "failed at \(failures.count) of \(count) explored positions (\(where_))",
                                                            failedPositions: failures.map(\.label), positionCount: count))
                block.diagnostics.append(Diagnostic(.expectationFailed, "expectation failed at \(failures.count) of \(count) explored positions: \(expectation.text)",
                                                    at: expectation.location,
                                                    notes: failures.map { .init("at \($0.label): \($0.actual)") }))
            }
        }
        // In the order written, as the page lists them.
        block.expectations.sort { $0.location < $1.location }
    }

    /// The texts of an inline value at every position of the explored block
    /// it reads (the first such block in the lesson, if it reads several:
    /// the page moves one block's controls at a time).
    func exploredTexts(_ expression: Expression, format: InlineFormat, plan: Plan, executed: [ExecutedBlock],
                       scope: ValueScope) -> ExploredTexts? {
        let roots = expression.rootNames
        guard let block = executed.first(where: { roots.contains($0.planned.id) && !$0.positions.isEmpty }) else { return nil }
        let id = block.planned.id
        var texts: [String?] = []
        for position in block.positions {
            var inner = scope
            inner.blocks[id] = position.outcome.values
            inner.seeded[id] = position.runs.isEmpty ? nil : SeedRuns(position.runs)
            texts.append((try? expression.evaluate(in: inner)).flatMap { try? format.apply($0.value) })
        }
        return ExploredTexts(block: id, texts: texts)
    }
}

/// The explored positions of one block, as expressions read them.
struct ExploredValues: Sendable {
    var plan: ExplorePlan
    var records: [Record]
    /// Per position, its seeds' values (`nil` for a block run once).
    var runs: [SeedRuns?]
}
