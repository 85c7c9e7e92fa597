import Experiments
import LessonMarkdown
import Testing
@testable import LessonRunner
import LessonResults

/// `table:`: the author's columns, labels, formats and rows, built from a
/// block's values, with located errors and mean ± sd over seeds.
@Suite struct TableRequestTests {
    func plan(_ marked: String) -> (Plan, [Int: (Int, Int)]) {
        let (source, marks) = PlannerTests.markers(marked)
        return (Planner.plan(LessonLoader.parse(source, path: "l.md")), marks)
    }

    func located(_ plan: Plan) -> [String] {
        plan.blocks.flatMap(\.diagnostics).map { "\($0.location!.line):\($0.location!.column) \($0.message)" }
    }

    static let batch = "```experiment softmax\nlogits: [[2, 1, 0], [0, 3, 1], [1, 1, 4]]\nlabel: [0, 2, 2]\n"

    /// Variants as the `train` kind records them: `momentum` only where the optimizer has it.
    static func variants(_ accuracies: [Double], momentum: Bool = true) -> Record {
        let names = ["sgd", "momentum", "adam"]
        return Record(["variants": .list(accuracies.enumerated().map { i, accuracy in
            var r = Record(["name": .string(names[i]), "test_accuracy": .number(accuracy), "train_accuracy": .number(0.99),
                            "steps": .integer(1_200 * (i + 1)), "diverged": .bool(false)])
            if i == 1, momentum { r["momentum"] = .number(0.9) }
            return .record(r)
        })])
    }

    static let train = TableDefaults(rows: "variants", rowWord: "variant", better: ["test_accuracy": .higher])

    func request(_ table: String) throws -> TableRequest {
        let (p, _) = plan("```experiment train\ndata: blobs\nexamples: 200\nhidden: [4]\nepochs: 1\n"
                          + "vary: {optimizer: [sgd, momentum, adam]}\ntable: \(table)\n```\n")
        #expect(located(p) == [])
        return try #require(p.blocks[0].table)
    }

    func texts(_ table: ResultTable) -> [[String]] {
        [table.columns.map(\.title)] + table.rows.map { $0.map(\.text) }
    }

    @Test func aListOfColumnsIsTheTableInThatOrder() throws {
        let table = try request("[name, test_accuracy, steps, momentum]").table(from: [Self.variants([0.91, 0.935, 0.92])], defaults: Self.train).get()
        #expect(texts(table) == [["name", "test accuracy", "steps", "momentum"],
                                 ["sgd", "91.0 %", "1,200", "–"],
                                 ["momentum", "93.5 %", "2,400", "0.9"],
                                 ["adam", "92.0 %", "3,600", "–"]])
        #expect(table.columns.map(\.numeric) == [false, true, true, true])
        // The kind's own mark: the highest test accuracy.
        #expect(table.rows.map { $0[1].tone } == [.plain, .good, .plain])
        #expect(table.rows[1][1].value == 0.935 && table.rows[1][1].style == .percent)
        // A field a row lacks is the kinds' missing cell, not a text that looks like it.
        #expect(table.rows.map { $0[3].isMissing } == [true, false, true])
        #expect(table.rows[0][3] == .missing)
    }

    /// A NaN is missing as in a kind's table; a string value that reads "-"
    /// is the run's own text, and stays one.
    @Test func aNaNIsMissingAndADashStringIsText() throws {
        var values = Self.variants([0.91, .nan, 0.92])
        guard case .list(var rows) = values["variants"], case .record(var first) = rows[0] else { Issue.record("no rows"); return }
        first["note"] = .string("-")
        rows[0] = .record(first)
        values["variants"] = .list(rows)
        let table = try request("[name, test_accuracy, note]").table(from: [values], defaults: Self.train).get()
        #expect(table.rows[1][1] == .missing)
        #expect(table.rows[0][2].text == "-" && !table.rows[0][2].isMissing)
        #expect(table.rows[1][2] == .missing)
    }

    @Test func labelsFormatsExpressionsAndRows() throws {
        let request = try request("""
        {columns: [name, test_accuracy: {label: "test acc.", format: ".2%"}, "train_accuracy - test_accuracy": gap, steps: {format: ".1e", better: lower}], rows: [adam, sgd]}
        """)
        let table = try request.table(from: [Self.variants([0.91, 0.935, 0.92])], defaults: Self.train).get()
        #expect(texts(table) == [["name", "test acc.", "gap", "steps"],
                                 ["adam", "92.00 %", "0.07", "3.6×10³"],
                                 ["sgd", "91.00 %", "0.08", "1.2×10³"]])
        #expect(table.rows.map { $0[1].tone } == [.good, .plain])
        #expect(table.rows.map { $0[3].tone } == [.plain, .good])
    }

    @Test func badTablesAreLocatedBeforeAnythingRuns() {
        let (p, m) = plan("""
        \(Self.batch)table: {columns: [loss, ⟨1⟩acuracy: {⟨2⟩lable: x, format: ⟨3⟩"%%", better: ⟨4⟩up}, "loss +⟨5⟩"], ⟨6⟩rowz: [0]}
        ```

        \(Self.batch)table: {⟨7⟩columns: [loss], from: ⟨8⟩exampels}
        ```

        ```experiment vectorization
        run: [dot]
        table: ⟨9⟩[name]
        ```

        ```experiment vectorization
        run: [dot]
        table: {columns: [ms], from: ⟨11⟩dott}
        ```

        \(Self.batch)table: ⟨10⟩loss
        ```
        """)
        let messages = located(p)
        func at(_ n: Int) -> String { "\(m[n]!.0):\(m[n]!.1) " }
        #expect(messages.contains(at(2) + "unknown setting 'lable' of column 'acuracy'; did you mean 'label'?"))
        #expect(messages.contains(at(3) + "column 'acuracy': unknown format '%%'; use '%', '.1%', '.3f', '.2e' or '.4g'"))
        #expect(messages.contains(at(4) + "column 'acuracy': 'better' must be 'higher' or 'lower', found 'up'"))
        #expect(messages.contains { $0.hasPrefix(at(5) + "column 'loss +' is not a value or an expression") }, "\(messages)")
        #expect(messages.contains(at(6) + "unknown field 'rowz' in 'table'; did you mean 'rows'?"))
        #expect(messages.contains(at(8) + "'softmax' has no value 'exampels' to take rows from; did you mean 'examples'?"))
        #expect(messages.contains(at(9) + "'vectorization' has no default rows for a table; say which value they come from with 'from'"))
        #expect(messages.contains { $0.hasPrefix(at(10) + "'table' must be a list of columns") }, "\(messages)")
        // A misspelt `from` is one problem, not also a missing one.
        #expect(messages.filter { $0.hasPrefix("\(m[11]!.0):") } == [at(11) + "'vectorization' has no value 'dott' to take rows from; did you mean 'dot'?"])
        #expect(m[1] != nil && m[7] != nil)
        #expect(p.blocks.allSatisfy { !$0.isValid })
    }

    /// Columns and rows the run does not have are found from its values, at
    /// the place they are written, with the names that would do.
    @Test func unknownColumnsAndRowsAfterTheRun() {
        let (p, m) = plan("\(Self.batch)table: {columns: [loss, ⟨1⟩los, \"⟨2⟩probabilities[0]\"], rows: [⟨3⟩7, 1]}\n```\n")
        #expect(p.blocks[0].isValid)
        let lesson = Executor(cache: nil).execute(p)
        let diagnostics = lesson.blocks[0].diagnostics
        #expect(diagnostics.allSatisfy { $0.code == .table })
        let messages = diagnostics.map { "\($0.location!.line):\($0.location!.column) \($0.message)" }
        #expect(messages.contains("\(m[3]!.0):\(m[3]!.1) table: no row '7' in 'examples'"), "\(messages)")
        #expect(messages.contains("\(m[1]!.0):\(m[1]!.1) table: column 'los': unknown value 'los'; did you mean 'loss'?"), "\(messages)")
        #expect(!messages.contains { $0.contains("probabilities") })
        #expect(!lesson.blocks[0].passed)
        // The kind's own table stays.
        guard case .table(let own)? = lesson.blocks[0].outcome?.presentation.first(where: { if case .table = $0 { true } else { false } }) else {
            Issue.record("no table")
            return
        }
        #expect(own.columns.first?.title != "loss")
    }

    @Test func theTableReplacesTheKindsFirstTableAndNoCacheKey() throws {
        let (with, _) = plan("\(Self.batch)table: [loss, predicted, correct]\n```\n")
        let (without, _) = plan("\(Self.batch)```\n")
        #expect(with.blocks[0].prepared?.specJSON == without.blocks[0].prepared?.specJSON)
        let lesson = Executor(cache: nil).execute(with)
        #expect(lesson.blocks[0].passed, "\(lesson.blocks[0].diagnostics.map(\.message))")
        let tables = (lesson.blocks[0].outcome?.presentation ?? []).compactMap { if case .table(let t) = $0 { t } else { nil } }
        let table = try #require(tables.first)
        #expect(table.columns.map(\.title) == ["loss", "predicted", "correct"])
        #expect(table.rows.count == 3)
        #expect(table.rows.map { $0[2].text } == ["true", "false", "true"])
        let plain = Executor(cache: nil).execute(without)
        let own = (plain.blocks[0].outcome?.presentation ?? []).compactMap { if case .table(let t) = $0 { t } else { nil } }
        #expect(tables.count == own.count)
        #expect(table.caption == own.first?.caption)
    }

    /// Over seeds each run's table is built from its own values, then
    /// combined: mean ± sd, and the mark on the best mean even where the
    /// first seed's best row was another.
    @Test func overSeedsTheMarkGoesToTheBestMean() throws {
        let request = try request("[name, test_accuracy]")
        let runs = [[0.95, 0.90, 0.80], [0.70, 0.92, 0.81], [0.72, 0.91, 0.79]]
        let first = try request.table(from: [Self.variants(runs[0])], defaults: Self.train).get()
        #expect(first.rows.map { $0[1].tone } == [.good, .plain, .plain])
        let combined = try request.table(from: runs.map { Self.variants($0) }, defaults: Self.train).get()
        #expect(combined.rows.map { $0[1].tone } == [.plain, .good, .plain])
        #expect(combined.rows[1][1].text == "91.0 ± 1.0 %")
        #expect(combined.rows[0][1].spread != nil)
        guard case .failure(let problems) = request.table(from: [Self.variants(runs[0]), Self.variants([0.9, 0.9])], defaults: Self.train) else {
            Issue.record("runs with different rows made one table")
            return
        }
        #expect(problems.diagnostics.map(\.code) == [.table])
    }

    /// Every explored position shows the author's table of its own values.
    @Test func everyExploredPositionHasTheTable() throws {
        let lesson = Executor(cache: nil).execute(plan("\(Self.batch)temperature: 1\nexplore: {temperature: [1, 4]}\ntable: [loss, predicted]\n```\n").0)
        let block = lesson.blocks[0]
        #expect(block.passed, "\(block.diagnostics.map(\.message))")
        #expect(block.positions.count == 2)
        let losses = try block.positions.map { position -> [String] in
            let table = try #require(position.outcome.presentation.compactMap { if case .table(let t) = $0 { t } else { nil } }.first)
            #expect(table.columns.map(\.title) == ["loss", "predicted"])
            return table.rows.map { $0[0].text }
        }
        #expect(losses[0] != losses[1])
    }

    @Test func overSeedsTrueOrFalseAndTextAreCounted() throws {
        let request = try request("[name, diverged, diagnosis, flag]")
        var runs: [Record] = []
        for diverged in [true, false, true] {
            var values = Self.variants([0.9, 0.8])
            if case .list(var rows) = values["variants"], case .record(var first) = rows[0] {
                first["diverged"] = .bool(diverged)
                first["diagnosis"] = .string(diverged ? "diverged" : "fine")
                // A text that reads "true" is a text, counted as texts are, not as a yes-or-no.
                first["flag"] = .string(diverged ? "true" : "false")
                rows[0] = .record(first)
                values["variants"] = .list(rows)
            }
            runs.append(values)
        }
        let table = try request.table(from: runs, defaults: Self.train).get()
        #expect(table.rows.map { $0[1].text } == ["true in 2 of 3", "false"])
        #expect(table.rows[0][2].text == "diverged in 2 of 3, fine in 1 of 3")
        #expect(table.rows[0][3].text == "true in 2 of 3, false in 1 of 3")
    }

    /// The seeds' note about cells standing for some seeds goes when the author's table left none.
    @Test func theNoteAboutMarkedCellsGoesWithTheMarks() {
        let note = "Over 2 seeds (seeds 1, 2): numbers are the mean ± standard deviation." + ExperimentOutcome.partialNumbersSentence + ExperimentOutcome.partialTextsSentence
        let plain = ResultTable(columns: [.init("a")], rows: [[ResultTable.Cell("x")]])
        var outcome = ExperimentOutcome(values: Record(), presentation: [.table(plain), .note(note)])
        Executor.dropStalePartialCellsNote(&outcome)
        #expect(outcome.presentation.last == .note("Over 2 seeds (seeds 1, 2): numbers are the mean ± standard deviation."))
        var partial = ResultTable.Cell("x (1 of 2)")
        partial.seedsShown = 1
        let marked = ResultTable(columns: [.init("a")], rows: [[partial]])
        var kept = ExperimentOutcome(values: Record(), presentation: [.table(marked), .note(note)])
        Executor.dropStalePartialCellsNote(&kept)
        #expect(kept.presentation.last == .note(note))
    }

    @Test func rowsOfARecordOfRecordsAndNotRecords() {
        let values = Record(["dot": .record(Record(["naive": .record(Record(["ms": .number(2)])), "blas": .record(Record(["ms": .number(0.5)])),
                                                   "size": .integer(4)])),
                             "sizes": .integers([1, 2])])
        if case .success(let rows) = TableRequest.rows(of: "dot", in: values) {
            #expect(rows.map(\.name) == ["naive", "blas"])
        } else {
            Issue.record("dot has rows")
        }
        if case .failure(let error) = TableRequest.rows(of: "sizes", in: values) {
            #expect(error.message == "'sizes' is a list of integers, not of records: a table's rows are records")
        } else {
            Issue.record("sizes has no rows")
        }
    }

    /// `vary:` names its variants by value ("0.01" is not a name, so v0, v1):
    /// a `name` column alone said "v0" or "32"; it says what the row sets,
    /// unless the table shows that setting in a column of its own.
    @Test func aNameColumnOfSweptValuesSaysWhatTheyAre() throws {
        func names(_ table: String, _ vary: String = "{learning_rate: [0.01, 0.1]}", variants: String = "") throws -> [String] {
            let (p, _) = plan("```experiment train\ndata: blobs\nexamples: 100\nhidden: [2]\nepochs: 1\n\(variants)vary: \(vary)\ntable: \(table)\n```\n")
            let lesson = Executor(cache: nil).execute(p)
            #expect(lesson.blocks[0].passed, "\(lesson.blocks[0].diagnostics.map(\.message))")
            let tables = (lesson.blocks[0].outcome?.presentation ?? []).compactMap { if case .table(let t) = $0 { t } else { nil } }
            return try #require(tables.first).rows.map { $0[0].text }
        }
        #expect(try names("[name, test_accuracy]") == ["learning_rate = 0.01", "learning_rate = 0.1"])
        #expect(try names("[name, learning_rate, test_accuracy]") == ["v0", "v1"])
        #expect(try names("[name, test_accuracy]", "{batch_size: [16, 32]}") == ["batch_size = 16", "batch_size = 32"])
        #expect(try names("[name, batch_size]", "{batch_size: [16, 32]}") == ["16", "32"])
        #expect(try names("[name, test_accuracy]", "{batch_size: [16]}", variants: "variants:\n  - {name: plain}\n  - {name: fast, learning_rate: 1}\n")
                == ["plain, batch_size = 16", "fast (learning_rate = 1), batch_size = 16"])
        // Named variants without vary: keep their names.
        let (p, _) = plan("```experiment train\ndata: blobs\nexamples: 100\nhidden: [2]\nepochs: 1\nvariants:\n  - {name: slow, learning_rate: 0.01}\n  - {name: fast, learning_rate: 1}\ntable: [name]\n```\n")
        let tables = (Executor(cache: nil).execute(p).blocks[0].outcome?.presentation ?? []).compactMap { if case .table(let t) = $0 { t } else { nil } }
        #expect(tables.first?.rows.map { $0[0].text } == ["slow", "fast"])
    }

    /// An author's `better:` marks as a kind marks: a lone number among rows
    /// without one is the best; rows that all tie have none.
    @Test func betterMarksByTheKindsRule() {
        var lone: [ResultTable.Cell] = [.missing, ResultTable.Cell("0.5", value: 0.5), ResultTable.Cell("diverged")]
        TableRequest.markBest(&lone, .lower)
        #expect(lone.map(\.tone) == [.plain, .good, .plain])
        var tied = [ResultTable.Cell("1", value: 1), ResultTable.Cell("1", value: 1)]
        TableRequest.markBest(&tied, .higher)
        #expect(tied.map(\.tone) == [.plain, .plain])
    }
}
