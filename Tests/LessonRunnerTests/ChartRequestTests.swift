import Experiments
import LessonMarkdown
import Testing
@testable import LessonRunner
import LessonResults

/// `chart:`: lines an author draws from a block's values, with located
/// errors, and over seeds the mean with the runs' range as a band.
@Suite struct ChartRequestTests {
    func plan(_ marked: String) -> (Plan, [Int: (Int, Int)]) {
        let (source, marks) = PlannerTests.markers(marked)
        return (Planner.plan(LessonLoader.parse(source, path: "l.md")), marks)
    }

    func located(_ plan: Plan) -> [String] {
        plan.blocks.flatMap(\.diagnostics).map { "\($0.location!.line):\($0.location!.column) \($0.message)" }
    }

    static let softmax = "```experiment softmax\nlogits: [2, 1, 0.1]\nlabel: 0\n"

    func charts(_ lesson: ExecutedLesson) -> [Chart] {
        (lesson.blocks[0].outcome?.presentation ?? []).compactMap { if case .chart(let c) = $0 { c } else { nil } }
    }

    @Test func linesAreDrawnFromTheValuesBelowTheKindsOwn() throws {
        let (p, _) = plan(Self.softmax + "chart: {y: {probabilities: ŷ, gradient: ŷ − y}, title: Softmax and its gradient, x_label: class}\n```\n")
        #expect(located(p) == [])
        let lesson = Executor(cache: nil).execute(p)
        #expect(lesson.blocks[0].passed, "\(lesson.blocks[0].diagnostics.map(\.message))")
        let chart = try #require(charts(lesson).last)
        #expect(chart.title == "Softmax and its gradient")
        #expect(chart.series.map(\.name) == ["ŷ", "ŷ − y"])
        #expect(chart.series[0].x == [1, 2, 3])
        let values = try #require(lesson.blocks[0].outcome?.values["probabilities"])
        let probabilities = values.listItems.compactMap { $0.doubleValue }
        #expect(chart.series[0].y == probabilities)
        #expect(chart.seedRuns == nil)
        // The kind's own chart is still there, first.
        #expect(charts(lesson).count == 2)
    }

    @Test func overSeedsALineIsTheMeanWithTheRunsAsItsBand() throws {
        let (p, _) = plan("```experiment softmax\nlogits: [[2, 1, 0], [0, 3, 1], [1, 1, 4]]\nlabel: [0, 2, 2]\nseeds: 3\n"
                          + "chart: {y: 'probabilities[0]', y_scale: log}\n```\n")
        #expect(located(p) == [])
        let lesson = Executor(cache: nil).execute(p)
        let chart = try #require(charts(lesson).last)
        #expect(chart.seedRuns == 3)
        #expect(chart.series[0].yLow != nil && chart.series[0].yHigh != nil)
        #expect(chart.yScale == .log && chart.yLabel.hasSuffix("(log scale)"))
        #expect(chart.summary.contains("Mean over 3 seeds"))
    }

    @Test func badChartsAreLocatedBeforeAnythingRuns() {
        let (p, m) = plan(Self.softmax + "chart: {⟨1⟩ys: [probabilities], y_scale: ⟨2⟩logg}\n```\n")
        #expect(located(p).contains("\(m[1]!.0):\(m[1]!.1) unknown field 'ys' in 'chart'; did you mean 'y'?"), "\(located(p))")
        #expect(located(p).contains("\(m[2]!.0):\(m[2]!.1) chart's 'y_scale' must be 'linear' or 'log', found 'logg'; did you mean 'log'?"), "\(located(p))")
        let (q, n) = plan(Self.softmax + "chart: [⟨1⟩1, 2]\n```\n")
        #expect(located(q).contains { $0.hasPrefix("\(n[1]!.0):\(n[1]!.1) each chart must be a mapping") }, "\(located(q))")
        let (r, o) = plan(Self.softmax + "chart: {y: [⟨1⟩'probabilities +']}\n```\n")
        #expect(located(r).contains { $0.contains("chart line 'probabilities +' is not a value or an expression") && $0.hasPrefix("\(o[1]!.0):") },
                "\(located(r))")
    }

    /// Found by a new user: `chart: []`, `table: {columns: []}` and a
    /// `table:` of 100,000 columns were all refused as "must be a list of
    /// 1…N …, found a list", which is what they were; the message now says
    /// what is wrong with the list.
    @Test func aListOfTheWrongLengthSaysItsLength() {
        let (p, _) = plan(Self.softmax + "chart: []\n```\n")
        #expect(located(p).contains { $0.hasSuffix("or a list of 1…4 of them, found an empty list") }, "\(located(p))")
        let (q, _) = plan(Self.softmax + "chart: [{y: probabilities}, {y: gradient}, {y: target}, {y: hardmax}, {y: probabilities}]\n```\n")
        #expect(located(q).contains { $0.hasSuffix("found a list of 5 items") }, "\(located(q))")
        let (r, _) = plan(Self.softmax + "table: {columns: []}\n```\n")
        #expect(located(r).contains { $0.hasSuffix("such as '[name, test_accuracy]', found an empty list") }, "\(located(r))")
        let (t, _) = plan(Self.softmax + "table: [" + Array(repeating: "loss", count: 40).joined(separator: ", ") + "]\n```\n")
        #expect(located(t).contains { $0.hasSuffix("found a list of 40 items") }, "\(located(t))")
        let (u, _) = plan(Self.softmax + "explore: {}\n```\n")
        #expect(located(u).contains { $0.contains("found an empty mapping") }, "\(located(u))")
    }

    /// Found by a new user: a line with a wrong label also drew "chart's 'y'
    /// must name 1…12 lines, found 0", though it names one.
    @Test func aLineWithAWrongLabelHasOneError() {
        let (p, m) = plan(Self.softmax + "chart: {y: {probabilities: ⟨1⟩[1]}}\n```\n")
        #expect(located(p) == ["\(m[1]!.0):\(m[1]!.1) a line's label must be text, found a list"], "\(located(p))")
        let (q, _) = plan(Self.softmax + "chart: {y: [probabilities, [1]]}\n```\n")
        #expect(located(q).count == 1 && located(q)[0].contains("each line of chart's 'y' must be a value"), "\(located(q))")
    }

    @Test func aLineThatIsNotAListOfNumbersIsAnErrorAtIt() throws {
        let (p, m) = plan(Self.softmax + "chart: {y: [probabilities, ⟨1⟩loss]}\n```\n")
        #expect(located(p) == [])
        let lesson = Executor(cache: nil).execute(p)
        let problems = lesson.blocks[0].diagnostics.filter { $0.code == .chart }
        #expect(problems.count == 1)
        let problem = try #require(problems.first)
        #expect(problem.location?.line == m[1]!.0 && problem.location?.column == m[1]!.1)
        #expect(problem.message.contains("'loss' is a number"), "\(problem.message)")
        // The block's own presentation and values stay.
        #expect(lesson.blocks[0].outcome?.values["loss"] != nil)
    }

    /// Found by a teacher: `lesson kinds` calls `x` "a list of numbers",
    /// and `x: [1, 2, 4]` was refused as "must be a single value, found a list".
    @Test func xMayBeTheNumbersWrittenOut() throws {
        let (p, _) = plan(Self.softmax + "chart: {y: probabilities, x: [1, 2, 4]}\n```\n")
        #expect(located(p) == [])
        let lesson = Executor(cache: nil).execute(p)
        #expect(lesson.blocks[0].passed, "\(lesson.blocks[0].diagnostics.map(\.message))")
        let chart = try #require(charts(lesson).last)
        #expect(chart.series[0].x == [1, 2, 4])
        let (q, m) = plan(Self.softmax + "chart: {y: probabilities, x: [1, ⟨1⟩two, 4]}\n```\n")
        #expect(located(q) == ["\(m[1]!.0):\(m[1]!.1) chart's 'x' must be a value that is a list of numbers ('x: layers') or the numbers "
                               + "themselves ('x: [1, 2, 4]'), found 'two' in the list"], "\(located(q))")
    }

    /// Found in review: `Double` also reads hex, so `x: [0x10, 2, 3]` passed the
    /// item check and failed as a whole "chart line" at a column inside text
    /// the author never wrote; `x: []` was "a list, not a list of numbers".
    @Test func eachWrittenXIsANumberByTheExpressionRule() throws {
        let (p, _) = plan(Self.softmax + "chart: {y: probabilities, x: [-1, 0.5, 1e-3]}\n```\n")
        #expect(located(p) == [])
        let (q, m) = plan(Self.softmax + "chart: {y: probabilities, x: [⟨1⟩0x10, 2, ⟨2⟩1e400]}\n```\n")
        #expect(located(q) == ["\(m[1]!.0):\(m[1]!.1) chart's 'x' must be a value that is a list of numbers ('x: layers') or the numbers "
                               + "themselves ('x: [1, 2, 4]'), found '0x10' in the list",
                               "\(m[2]!.0):\(m[2]!.1) '1e400' in chart's 'x' is too large to draw"], "\(located(q))")
        let (r, n) = plan(Self.softmax + "chart: {y: probabilities, x: ⟨1⟩[]}\n```\n")
        #expect(located(r) == ["\(n[1]!.0):\(n[1]!.1) chart's 'x' is an empty list: write the numbers to draw against ('x: [1, 2, 4]'), "
                               + "or leave 'x' out to number the points 1, 2, 3, …"], "\(located(r))")
        let (s, _) = plan(Self.softmax + "chart: {y: probabilities, x: 'a +'}\n```\n")
        #expect(located(s).count == 1 && located(s)[0].contains("chart's 'x' 'a +' is not a value or an expression"), "\(located(s))")
    }

    @Test func textAndLinesOfDifferentLengthsAreErrors() throws {
        let (p, _) = plan(Self.softmax + "chart: {x: target, y: [probabilities, classes]}\n```\n")
        let lesson = Executor(cache: nil).execute(p)
        let messages = lesson.blocks[0].diagnostics.filter { $0.code == .chart }.map(\.message)
        #expect(messages.count == 1 && messages[0].contains("'classes' is a list"), "\(messages)")

        let here = SourceLocation(path: "l.md", line: 1, column: 1)
        func line(_ text: String) throws -> ChartRequest.Line {
            ChartRequest.Line(text: text, expression: try Expression.parse(text), label: text, location: here)
        }
        let request = ChartRequest(x: try line("a"), lines: [try line("b")], title: "t", xLabel: "a", yLabel: "", logY: false, location: here)
        let run = Record(["a": .numbers([1, 2, 3]), "b": .numbers([4, 5])])
        guard case .failure(let problems) = request.chart(from: [run], seeds: []) else {
            Issue.record("lines of different lengths made a chart")
            return
        }
        #expect(problems.diagnostics.map(\.message) == ["chart: 'b' has 2 numbers and x 'a' has 3: a line needs one number per x"])
    }
}
