import Foundation
import Testing
@testable import Experiments

/// The `optimizer-path` kind against closed forms: on the valley ½(w1² + w2²/κ)
/// gradient descent multiplies each weight by a constant every step, and the
/// first steps of momentum and Adam follow from their rules by hand.
@Suite struct OptimizerPathKindTests: KindSuite {
    typealias Kind = OptimizerPathKind

    func numbers(_ r: Record, _ path: String) -> [Double] { (value(r, path)?.listItems ?? []).compactMap(\.doubleValue) }

    func issues(_ body: String) -> [SpecIssue] { prepare(body).1 }

    @Test func isRegistered() {
        #expect(KindRegistry.kind(named: "optimizer-path") != nil)
    }

    /// One step is w ← w − η∇L with ∇L = (w1, w2/κ), computed in Double.
    @Test func aGradientDescentStepIsTheClosedForm() throws {
        let r = try run("condition_number: 4\nstart: [2, 3]\nsteps: 1\noptimizers: [{optimizer: sgd, learning_rate: 0.5}]\n").values
        #expect(numbers(r, "paths.sgd.w1") == [2, 1])
        #expect(numbers(r, "paths.sgd.w2") == [3, 2.625])
        #expect(numbers(r, "paths.sgd.loss") == [0.5 * (4 + 9.0 / 4), 0.5 * (1 + 2.625 * 2.625 / 4)])
        #expect(number(r, "condition_number") == 4)
        #expect(value(r, "step") == .integers([0, 1]))
    }

    /// Every step multiplies w1 by 1 − η and w2 by 1 − η/κ: with η = 1.8, w1
    /// changes sign at every step (the zig-zag across the valley).
    @Test func aGradientDescentPathIsAGeometricSequence() throws {
        let body = "start: [1, 10]\nsteps: 50\ntarget_loss: 0.01\noptimizers: [{name: gd, optimizer: sgd, learning_rate: 1.8}]\n"
        let r = try run(body).values
        let w1 = numbers(r, "paths.gd.w1"), w2 = numbers(r, "paths.gd.w2"), loss = numbers(r, "paths.gd.loss")
        #expect(w1.count == 51 && w2.count == 51 && loss.count == 51)
        for t in 0...50 {
            #expect(abs(w1[t] - pow(-0.8, Double(t))) < 1e-12)
            #expect(abs(w2[t] / (10 * pow(0.982, Double(t))) - 1) < 1e-12)
        }
        let first = loss.firstIndex { $0 <= 0.01 }
        #expect(first == nil && value(r, "paths.gd.reached_target") == .bool(false) && number(r, "paths.gd.steps_to_target").isNaN)
        #expect(value(r, "paths.gd.diverged") == .bool(false) && number(r, "paths.gd.final_loss") == loss[50])
        #expect(value(r, "paths.gd.label") == .string("gd (sgd, η = 1.8)"))
    }

    /// PyTorch momentum: v₁ = g₀, w₁ = w₀ − ηv₁; v₂ = βv₁ + g₁. Adam's first
    /// step is η·sign(g) in every coordinate, whatever the gradient's size.
    @Test func momentumAndAdamTakeTheirFirstStepsByTheirRules() throws {
        let body = """
        condition_number: 10
        start: [1, 10]
        steps: 2
        target_loss: 0.5
        optimizers: [{optimizer: momentum, momentum: 0.5, learning_rate: 0.1}, {optimizer: adam, learning_rate: 0.01}]
        """
        let r = try run(body).values
        let w1 = numbers(r, "paths.momentum.w1"), w2 = numbers(r, "paths.momentum.w2")
        #expect(abs(w1[1] - 0.9) < 1e-15 && abs(w2[1] - 9.9) < 1e-15)
        #expect(abs(w1[2] - (0.9 - 0.1 * (0.5 * 1 + 0.9))) < 1e-15 && abs(w2[2] - (9.9 - 0.1 * (0.5 * 1 + 0.99))) < 1e-14)
        #expect(abs(numbers(r, "paths.adam.w1")[1] - 0.99) < 1e-9 && abs(numbers(r, "paths.adam.w2")[1] - 9.99) < 1e-9)
        // The start's loss is ½(1 + 100/10) = 5.5 and no path gets to 0.5 in two steps.
        #expect(value(r, "paths.adam.reached_target") == .bool(false))
        #expect(value(r, "paths.momentum.label") == .string("momentum (η = 0.1, β = 0.5)"))
    }

    /// Rosenbrock's gradient is the analytic one (checked by central
    /// differences) and its minimum, (1, 1), has loss 0.
    @Test func rosenbrocksGradientMatchesFiniteDifferences() throws {
        let spec = try #require(try KindTesting.spec(Kind.self, "surface: rosenbrock\n"))
        #expect(spec.start == [-1.5, 2] && spec.loss([1, 1]) == 0)
        for w in [[-1.5, 2.0], [0.3, -0.7], [1.2, 1.5]] {
            let g = spec.gradient(w), h = 1e-6
            for i in 0..<2 {
                var up = w, down = w
                up[i] += h
                down[i] -= h
                #expect(abs((spec.loss(up) - spec.loss(down)) / (2 * h) - g[i]) < 1e-5 * max(1, abs(g[i])))
            }
        }
        #expect(abs(spec.curvatureRatio - 2508) < 1)
    }

    /// |1 − η| = 1.5 > 1: w1 = 1.5ᵗ passes 10⁶ at step 35; the path stops
    /// there, says so, and the page warns.
    @Test func aDivergingPathStopsAndSaysSo() throws {
        let outcome = try run("start: [1, 0]\nsteps: 100\noptimizers: [{name: big, optimizer: sgd, learning_rate: 2.5}]\n")
        let r = outcome.values
        #expect(value(r, "paths.big.diverged") == .bool(true))
        #expect(number(r, "paths.big.diverged_step") == 35)
        #expect(numbers(r, "paths.big.w1").count == 35)
        // Its last finite loss was measured on the way out: it has no final loss.
        #expect(number(r, "paths.big.final_loss").isNaN)
        #expect(outcome.presentation.contains { if case .warning(let text) = $0 { text.contains("big diverged at step 35") } else { false } })
    }

    /// Rosenbrock's surface has its own default optimizers, whose rates do not
    /// diverge on its steep walls (the valley's η = 1.8 would at once).
    @Test func rosenbrocksDefaultPathsDoNotDiverge() throws {
        let r = try run("surface: rosenbrock\n").values
        for name in ["gd", "momentum", "rmsprop", "adam"] {
            #expect(value(r, "paths.\(name).diverged") == .bool(false), "\(name)")
            #expect(number(r, "paths.\(name).final_loss") < numbers(r, "paths.\(name).loss")[0], "\(name)")
        }
        let valley = try #require(try KindTesting.spec(Kind.self, "steps: 10\n"))
        #expect(valley.names == ["gd", "momentum", "rmsprop", "adam"] && valley.optimizers[0].learningRate == 1.8)
    }

    /// The best mark goes only to a path with a number in every run: one that
    /// reached the target sooner in some seeds only is not the best.
    @Test func theBestMarkNeedsANumberInEveryRun() {
        func path(_ name: String, _ steps: Double) -> ResultValue {
            .record(Record(["name": .string(name), "steps_to_target": .number(steps)]))
        }
        let paths = Runs([.list([path("a", 5), path("b", 10)]), .list([path("a", .nan), path("b", 10)])])
        let rows = paths.elements
        var p = Presenter(RunValues(records: [Record(["paths": paths.values[0]!]), Record(["paths": paths.values[1]!])], seeds: []))
        let column = Kind.column("steps", "steps_to_target", notANumber: "not reached", digits: 5, p)
        #expect(column.cell(&p, rows[0]).tone == .plain)
        #expect(column.cell(&p, rows[1]).tone == .highlight)
    }

    /// Noise comes from the block's seed, with the same draws for every path.
    @Test func noiseFollowsTheSeed() throws {
        let body = "noise: 0.5\nsteps: 20\noptimizers: [{name: a, optimizer: sgd, learning_rate: 0.5}, {name: b, optimizer: sgd, learning_rate: 0.5}]\n"
        let one = try run(body, seed: 1).values, again = try run(body, seed: 1).values, other = try run(body, seed: 2).values
        #expect(numbers(one, "paths.a.w2") == numbers(one, "paths.b.w2"))
        #expect(numbers(one, "paths.a.w2") == numbers(again, "paths.a.w2"))
        #expect(numbers(one, "paths.a.w2") != numbers(other, "paths.a.w2"))
    }

    /// lr_schedule counts steps as epochs: exponential decay multiplies η by d at every step.
    @Test func aScheduleChangesTheRateEveryStep() throws {
        let body = "start: [1, 0]\nsteps: 3\noptimizers: [{optimizer: sgd, learning_rate: 0.5, lr_schedule: exponential, lr_decay: 0.5}]\n"
        let w1 = numbers(try run(body).values, "paths.sgd.w1")
        #expect(w1 == [1, 0.5, 0.5 * 0.75, 0.5 * 0.75 * 0.875])
    }

    /// A name taken twice is reported once, at the entry without a 'name',
    /// in either order.
    @Test func aTakenNameIsReportedOnce() {
        #expect(issues("optimizers: [{optimizer: adam}, {name: adam, optimizer: sgd}]").count == 1)
        #expect(issues("optimizers: [{name: adam, optimizer: sgd}, {optimizer: adam}]").count == 1)
        #expect(issues("optimizers: [{name: a, optimizer: sgd}, {name: a, optimizer: adam}]").count == 1)
    }

    /// Each mistake is reported at the place it was written.
    @Test(arguments: [
        ("optimizers: [{optimizer: adamw}]", "adamw", 1, 26),
        ("optimizers:\n  - {optimizer: sgd, lr: 0.1}", "unknown setting 'lr' in an entry of 'optimizers'", 2, 22),
        ("optimizers: [{optimizer: sgd, beta1: 0.8}]", "'beta1' is Adam's", 1, 38),
        ("optimizers: [{name: a b, optimizer: sgd}]", "the 'name' of an entry of 'optimizers' must be letters", 1, 21),
        ("optimizers: {name: a, optimizer: sgd}", "'optimizers' must be a list of 1…8 mappings such as '[{name: gd, optimizer: sgd, learning_rate: 1.8}]', found a mapping", 1, 13),
        ("optimizers: {a: {optimizer: sgd}, b: {optimizer: adam}}", "'optimizers' is a list: write [{name: a, …}, {name: b, …}]", 1, 13),
        ("optimizers: [" + Array(repeating: "{optimizer: sgd}", count: 9).joined(separator: ", ") + "]", "found a list of 9 items", 1, 13),
        ("optimizers: [{name: a, optimizer: sgd}, {name: a, optimizer: adam}]", "two entries of 'optimizers' are named 'a'; give each its own 'name'", 1, 48),
        ("optimizers: [sgd]", "each entry of 'optimizers' must be a mapping", 1, 14),
        ("optimizers: []", "'optimizers' must be a list of 1…8 mappings", 1, 13),
        ("optimizers: [{optimizer: sgd}, {optimizer: sgd}]", "two optimizers are named 'sgd'", 1, 32),
        ("optimizers: [{optimizer: adam}, {name: adam, optimizer: sgd}]", "two optimizers are named 'adam'; give each its own 'name'", 1, 14),
        ("optimizers: [{name: adam, optimizer: sgd}, {optimizer: adam}]", "two optimizers are named 'adam'; give each its own 'name'", 1, 44),
        ("start: [1, 2, 3]", "'start' must have 2…2 items", 1, 8),
        ("surface: rosenbrock\ncondition_number: 10", "condition_number", 2, 19),
        ("steps: 10000\noptimizers: [{optimizer: sgd}, {optimizer: adam}, {optimizer: rmsprop}, {optimizer: momentum}, "
            + "{name: a, optimizer: sgd}, {name: b, optimizer: sgd}]", "the paths would take 60000 steps (10,000 steps × 6 optimizers)", 1, 8),
    ])
    func mistakesAreLocated(body: String, message: String, line: Int, column: Int) throws {
        let issue = try #require(issues(body).first, "\(body)")
        #expect(issue.message.contains(message), "\(issue.message)")
        #expect((issue.line, issue.column) == (line, column), "\(issue.message) at \(issue.line):\(issue.column)")
    }
}
