import Experiments
import Foundation
import LessonMarkdown
import Testing
@testable import LessonRunner

/// Every registered kind declares its values and an example block, and they
/// are true: the example (what `lesson new` writes) passes `check`, and the
/// values it produces are exactly the declared ones.
@Suite struct KindDeclarationTests {
    static let kinds = KindRegistry.all.map(\.name)

    @Test(arguments: kinds)
    func theScaffoldPassesAndTheValuesAreTheDeclaredOnes(name: String) throws {
        let kind = try #require(KindRegistry.kind(named: name))
        #expect(kind.example != nil, "kind '\(name)' must declare an example block (KindExample)")
        #expect(kind.exampleBody != nil, "every required key of '\(name)' must declare its example value (KeyDescriptor.example)")
        #expect(!kind.values.isEmpty, "kind '\(name)' must declare its result values (ValueDescriptor)")
        let text = try LessonScaffold.text(title: "T", kind: kind)
        let lesson = Executor(cache: nil).execute(Planner.plan(LessonLoader.parse(text, path: "lessons/new.md")))
        #expect(lesson.passed, "\(lesson.allDiagnostics.map(\.description).joined(separator: "\n"))\n\(text)")
        #expect(lesson.blocks.count == 1)
        #expect(lesson.blocks.first?.expectations.count == 1)
        #expect(lesson.references.count == 1)
        #expect(lesson.references.first?.text != nil)

        let produced = Set(lesson.blocks.first?.outcome?.values.names ?? [])
        let declared = Set(kind.values.map(\.name))
        #expect(produced.subtracting(declared).isEmpty, "'\(name)' produces undeclared values: \(produced.subtracting(declared).sorted())")
        let always = Set(kind.values.filter { $0.condition == nil }.map(\.name))
        #expect(always.subtracting(produced).isEmpty, "'\(name)' declares values it did not produce: \(always.subtracting(produced).sorted())")
        #expect(Set(kind.values.map(\.name)).count == kind.values.count, "a value is declared twice")
    }

    @Test func namesBecomePaths() {
        #expect(LessonScaffold.path(for: "attention") == "lessons/attention.md")
        #expect(LessonScaffold.path(for: "notes/attention") == "notes/attention.md")
        #expect(LessonScaffold.path(for: "x.md") == "x.md")
        #expect(LessonScaffold.title(for: "lessons/batch-norm_intro.md") == "Batch norm intro")
    }
}
