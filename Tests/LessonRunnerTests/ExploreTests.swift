import Experiments
import Foundation
import LessonMarkdown
import LessonTestSupport
import Testing
@testable import LessonRunner
import LessonResults

/// `explore:` runs every combination of the settings a reader may move; the
/// expectations read the default position, `every:` each one, and
/// `explored.<setting>[<value>]` another.
@Suite struct ExploreTests {
    func plan(_ source: String) -> Plan {
        Planner.plan(LessonLoader.parse(source, path: "l.md"))
    }

    func run(_ source: String, cache: ResultCache? = nil) -> ExecutedLesson {
        Executor(cache: cache).execute(plan(source))
    }

    static let softmax = """
    ```experiment softmax
    id: sm
    logits: [2.0, 1.0, 0.1]
    label: 0
    temperature: 1
    explore:
      temperature: [0.5, 1, 2, 5]
    expect:
      - "loss < 0.5"
      - every: "predicted == 0"
      - "explored.temperature[5].loss > loss > explored.temperature[0.5].loss"
    ```

    The loss is `=sm.loss:.3f`.

    """

    @Test func everyPositionRunsWithItsOwnSettingAndTheDefaultIsTheBlocksOwn() throws {
        let lesson = run(Self.softmax)
        let block = lesson.blocks[0]
        #expect(block.passed, "\(block.diagnostics)")
        let explore = try #require(block.planned.explore)
        #expect(explore.settings.map(\.name) == ["temperature"])
        #expect(explore.settings[0].values == ["0.5", "1", "2", "5"])
        #expect(explore.defaultPosition == 1)
        #expect(block.positions.count == 4)
        let temperatures = block.positions.map { $0.outcome.values["temperature"]?.doubleValue }
        #expect(temperatures == [0.5, 1, 2, 5])
        // The default position is the block itself.
        #expect(block.positions[1].outcome == block.outcome)
        #expect(block.expectations.count == 3)
        #expect(block.expectations.allSatisfy { $0.passed })
        #expect(block.expectations[1].actual == "held at all 4 explored positions")
    }

    /// A position is the block with that setting written out: the same values.
    @Test func aPositionHasTheValuesOfTheBlockWithThatSettingWrittenOut() throws {
        let explored = run(Self.softmax).blocks[0]
        for (p, value) in ["0.5", "1", "2", "5"].enumerated() {
            let alone = run("```experiment softmax\nid: sm\nlogits: [2.0, 1.0, 0.1]\nlabel: 0\ntemperature: \(value)\n```\n").blocks[0]
            #expect(explored.positions[p].outcome == alone.outcome)
        }
    }

    @Test func inlineValuesCarryTheirTextAtEveryPosition() throws {
        let lesson = run(Self.softmax)
        let reference = try #require(lesson.references.first)
        let explored = try #require(reference.explored)
        #expect(explored.block == "sm")
        let losses = lesson.blocks[0].positions.map { $0.outcome.values["loss"]!.doubleValue! }
        #expect(explored.texts == losses.map { String(format: "%.3f", $0) })
        #expect(reference.text == explored.texts[1])
    }

    @Test func everyExpectationNamesThePositionsWhereItFailed() {
        let lesson = run("""
        ```experiment softmax
        logits: [2.0, 1.0, 0.1]
        label: 0
        explore:
          temperature: [0.5, 1, 10]
        expect:
          - every: "probabilities[0] > 0.5"
        ```
        """)
        let block = lesson.blocks[0]
        #expect(!block.passed)
        let diagnostic = block.diagnostics.first { $0.severity == .error }
        #expect(diagnostic?.message == "expectation failed at 1 of 3 explored positions: probabilities[0] > 0.5")
        #expect(diagnostic?.location?.line == 7)
        #expect(diagnostic?.notes.first?.message.hasPrefix("at temperature = 10: ") == true)
    }

    @Test func twoSettingsRunEveryCombination() throws {
        let lesson = run("""
        ```experiment softmax
        logits: [2.0, 1.0, 0.1]
        label: 0
        temperature: 2
        explore:
          temperature: [1, 2]
          label: [0, 1, 2]
        expect:
          - "explored.temperature[1].label[2].loss > explored.label[2].loss"
          - "approx(explored.temperature[2].label[0].loss, loss, 1e-15)"
        ```
        """)
        let block = lesson.blocks[0]
        #expect(block.passed, "\(block.diagnostics)")
        let explore = try #require(block.planned.explore)
        #expect(explore.positions.map(\.indices) == [[0, 0], [0, 1], [0, 2], [1, 0], [1, 1], [1, 2]])
        #expect(explore.defaultPosition == 3)
        #expect(explore.label(2) == "temperature = 1, label = 2")
        #expect(block.positions.map { $0.outcome.values["temperature"]?.doubleValue } == [1, 1, 1, 2, 2, 2])
    }

    /// Each position has its own cache entry: a second run reads them all.
    @Test func everyPositionIsCachedOnItsOwn() throws {
        let scratch = try ScratchFolder("explore")
        defer { scratch.remove() }
        let dir = scratch.path
        let first = run(Self.softmax, cache: ResultCache(directory: dir)).blocks[0]
        #expect(!first.fromCache)
        let entries = try FileManager.default.contentsOfDirectory(atPath: dir).filter { !$0.hasPrefix(".") }
        #expect(entries.count >= 4)
        let second = run(Self.softmax, cache: ResultCache(directory: dir)).blocks[0]
        #expect(second.fromCache)
        #expect(second.positions.allSatisfy { $0.fromCache })
        #expect(second.positions.map(\.outcome) == first.positions.map(\.outcome))
    }

    /// Over seeds, a position shares the block's seeds, so an expectation
    /// comparing positions pairs them run by run.
    @Test func positionsShareTheBlocksSeeds() throws {
        let lesson = run("""
        ```experiment bias-variance
        id: bv
        data: moons
        train_size: 60
        hidden: [2, 8]
        epochs: 20
        seeds: 3
        explore:
          noise: [0.1, 0.3]
        noise: 0.3
        expect:
          - "count(explored.noise[0.1].rows[0].train_error <= rows[0].train_error + 1) == 3"
        ```
        """)
        let block = lesson.blocks[0]
        #expect(block.passed, "\(block.diagnostics)")
        #expect(block.positions.allSatisfy { $0.runs.map(\.seed) == block.runs.map(\.seed) })
        #expect(block.positions.count == 2)
    }

    func messages(_ explore: String, kind: String = "softmax", body: String = "logits: [1, 2]\nlabel: 0\n") -> [String] {
        plan("```experiment \(kind)\n\(body)\(explore)\n```\n").blocks[0].diagnostics.map {
            "\($0.location!.line):\($0.location!.column) \($0.message)"
        }
    }

    /// Found by a new user: on an Adam block, `explore: {beta2: [0.9,
    /// 0.999]}` was refused with "the block's own 'beta2' is not among the
    /// explored values", though the block sets no beta2 and 0.999 is
    /// Adam's default: a default that depends on another key is not the
    /// same run as the number written. The message says what to do.
    @Test func aDefaultThatDependsOnAnotherKeyIsNamed() {
        let body = "data: spirals\nhidden: [4]\nepochs: 1\noptimizer: adam\n"
        let found = messages("explore:\n  beta2: [0.9, 0.999]", kind: "train", body: body)
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.hasPrefix("7:3 this block does not set 'beta2', whose default (0.999 (adam), 0.9 (rmsprop)) depends on its other settings") == true,
                "\(found)")
        #expect(messages("explore:\n  beta2: [0.9, 0.999]", kind: "train", body: body + "beta2: 0.999\n") == [])
    }

    /// `momentum`, `beta1` and `epsilon` have fixed defaults (the engine's
    /// 0.9, 0.9 and 1e-8): a block that does not write one opens at its
    /// default, as at any other key's, and runs (is cached) as the block that
    /// writes it. Left unwritten, none is a mistake of an optimizer that does
    /// not read it; written, it still is.
    @Test(arguments: [("adam", "beta1", "[0.5, 0.9]", 1), ("momentum", "momentum", "[0.9, 0.5]", 0), ("rmsprop", "epsilon", "[1e-8, 1e-4]", 0)])
    func aFixedOptimizerDefaultIsTheBlocksOwnPosition(optimizer: String, key: String, values: String, position: Int) throws {
        let body = "data: spirals\nhidden: [4]\nepochs: 1\noptimizer: \(optimizer)\n"
        let block = plan("```experiment train\n\(body)explore:\n  \(key): \(values)\n```\n").blocks[0]
        #expect(block.diagnostics.isEmpty, "\(block.diagnostics)")
        #expect(try #require(block.explore).defaultPosition == position)
        let written = try #require(plan("```experiment train\n\(body)\(key): \(key == "epsilon" ? "1e-8" : "0.9")\n```\n").blocks[0].prepared)
        #expect(try #require(block.prepared).specJSON == written.specJSON)
        let sgd = "data: spirals\nhidden: [4]\nepochs: 1\noptimizer: sgd\n"
        #expect(messages("", kind: "train", body: sgd) == [])
        let mistake = messages("\(key): 0.5", kind: "train", body: sgd)
        #expect(mistake.count == 1 && mistake[0].contains("'\(key)") && mistake[0].hasSuffix("and the block's optimizer is sgd"), "\(mistake)")
    }

    @Test func badExploresAreLocatedErrorsWithASuggestion() {
        #expect(messages("explore:\n  temperatur: [1, 2]") == [
            "5:3 'explore' names 'temperatur', which is not a key of 'softmax'; did you mean 'temperature'?"])
        #expect(messages("explore:\n  temperature: [0.001, 1]") == [
            "5:17 'temperature' is 0.001, outside the allowed range 0.01 ≤ temperature ≤ 1,000,000"])
        #expect(messages("explore:\n  seed: [1, 2]").first?.hasPrefix("5:3 'seed' cannot be explored") == true)
        #expect(messages("explore:\n  temperature: [2, 3]").first?.hasPrefix("5:3 this block does not set 'temperature', so it runs at the default, 1, which is not among the explored values") == true)
        #expect(messages("explore:\n  temperature: [2, 3]", body: "logits: [1, 2]\nlabel: 0\ntemperature: 1\n").first?
            .hasPrefix("6:3 the block's own 'temperature' is not among the explored values") == true)
        #expect(messages("explore:\n  temperature: 2") == ["5:16 'explore: temperature' must list the values a reader may choose, found '2'"])
        #expect(messages("explore:\n  temperature: [1]") == ["5:16 'explore: temperature' must list 2 to 12 values, found 1"])
        #expect(messages("explore:\n  temperature: [1, 1.0]") == [
            "5:20 'temperature: 1.0' runs the same experiment as 'temperature: 1'; every explored value must change the run"])
        #expect(messages("explore:\n  temperature: [1, [2]]").first?.hasPrefix("5:20 each value of 'explore: temperature' must be one number or word") == true)
        #expect(messages("explore: [temperature]").first?.hasPrefix("4:10 'explore' must map one or two of the block's settings") == true)
        let many = "explore:\n  temperature: [1, 2, 3, 4, 5, 6]\n  label: [0, 1, 2, 3, 4]"
        #expect(messages(many, body: "logits: [1, 2, 3, 4, 5]\nlabel: 0\n") == [
            "5:3 'explore' asks for 30 combinations (6 × 5); a block may explore at most 24, each run and stored in the page"])
        #expect(messages("expect:\n  - every: \"loss < 1\"") == [
            "5:12 'every:' checks an expectation at every explored position, and this block explores nothing"])
    }

    @Test func aTimingKindCannotBeExplored() {
        let found = messages("explore:\n  repeats: [3, 5]", kind: "vectorization", body: "")
        #expect(found.first?.contains("time the machine") == true)
    }

    /// What `'vary' cannot sweep 'label_noise'` offers instead is allowed:
    /// a block-wide setting of `train`, explored.
    @Test func aBlockWideTrainSettingCanBeExplored() {
        let body = "data: digits\nhidden: [16]\nepochs: 2\nlabel_noise: 0\nvary: {keep_prob: [1, 0.5]}\n"
        #expect(messages("explore:\n  label_noise: [0, 0.2, 0.4]", kind: "train", body: body).isEmpty)
        #expect(messages("explore:\n  data: [digits, moons]", kind: "train", body: body).isEmpty)
    }

    /// The budget covers every combination and says how many there are.
    @Test func theWorkBudgetCoversEveryCombination() {
        let body = "data: moons\nhidden: [64, 128, 256]\nepochs: 2000\ntrain_size: 200\nseeds: 8\n"
        #expect(messages("", kind: "bias-variance", body: body).isEmpty)
        let found = messages("explore:\n  noise: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]\nnoise: 0.2", kind: "bias-variance", body: body)
        #expect(found.contains { $0.contains("× 8 seeds × 8 explored positions), more than the budget") })
    }

    @Test func readingAnotherPositionNamesWhatIsOffered() {
        let lesson = run(Self.softmax.replacingOccurrences(of: "explored.temperature[5].loss > loss > explored.temperature[0.5].loss",
                                                           with: "explored.temperature[3].loss > 0"))
        let diagnostic = lesson.blocks[0].diagnostics.first { $0.severity == .error }
        #expect(diagnostic?.message.contains("explored 'temperature' has no position 3; the values offered are 0.5, 1, 2, 5") == true)
    }

    /// Other blocks read an explored block's default position, and can name another.
    @Test func otherBlocksReadTheDefaultOrANamedPosition() {
        let lesson = run(Self.softmax + """
        ```experiment softmax
        logits: [2.0, 1.0, 0.1]
        label: 0
        expect:
          - "approx(loss, sm.loss, 1e-15)"
          - "sm.explored.temperature[5].loss > loss"
        ```
        """)
        #expect(lesson.passed, "\(lesson.allDiagnostics)")
        #expect(lesson.references[0].explored != nil)
    }

    /// Run as on the board (blocks and positions as separate units), the
    /// lesson is the same as one block at a time.
    @Test func theBoardRunsPositionsAsUnitsWithTheSameResult() throws {
        let scratch = try ScratchFolder("explore")
        defer { scratch.remove() }
        let dir = scratch.path
        let path = dir + "/l.md"
        try Self.softmax.write(toFile: path, atomically: true, encoding: .utf8)
        let pipeline = Pipeline(executor: Executor(cache: nil))
        let parallel = pipeline.run(paths: [path], jobs: 2)[0]
        let serial = pipeline.run(paths: [path], jobs: 1)[0]
        #expect(parallel.blocks[0].positions.map(\.outcome) == serial.blocks[0].positions.map(\.outcome))
        #expect(parallel.blocks[0].expectations.map(\.passed) == serial.blocks[0].expectations.map(\.passed))
        #expect(parallel.references[0].explored?.texts == serial.references[0].explored?.texts)
    }

    /// A marker of default-only prose must name a block that explores.
    @Test func defaultProseMarkersNameABlockThatExplores() {
        let plan = plan(Self.softmax + """
        Fine <!-- default sm -->here<!-- /default -->.

        Misspelt <!-- default sn -->here<!-- /default -->.

        ```experiment softmax
        id: plain
        logits: [1, 2]
        label: 0
        ```

        <!-- default plain -->
        Not exploring.
        """)
        let found = plan.diagnostics.map { "\($0.location!.line):\($0.location!.column) \($0.message)" }
        #expect(found == [
            "17:10 '<!-- default sn -->' marks prose true at the default position of a block that explores, and no block is named 'sn'; did you mean 'sm'?",
            "25:1 '<!-- default plain -->' marks prose true at the default position of a block that explores, and block 'plain' has no 'explore:'",
        ])
    }
}
