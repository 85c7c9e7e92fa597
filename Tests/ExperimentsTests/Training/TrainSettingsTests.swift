import Foundation
import Testing
@testable import Experiments

@Suite struct TrainSettingsTests {
    /// A network the model keys cannot build (group norm's default 4 groups
    /// over a width of 6) is told at the first of ``TrainSettings/modelFaultKeys``
    /// the block writes: `groups` when written, else what asked for group
    /// norm; never at a key left at its default.
    @Test(arguments: [
        ("hidden: [6]\nnormalization: group\ngroups: 4\n", 3, 9),
        ("hidden: [6]\nnormalization: group\n", 2, 16),
        ("normalization: group\nhidden: [6]\n", 1, 16),
    ])
    func anUnbuildableNetworkIsToldAtTheFirstWrittenKey(body: String, line: Int, column: Int) throws {
        let reader = SpecReader(body: body, kind: TrainKind.name, descriptors: CommonKeys.descriptors + TrainKind.keys)
        let data = DataRecipe.decode(reader, context: KindTesting.context)
        let (settings, description) = TrainSettings.decodeModel(reader, data: data)
        #expect(description == nil)
        #expect(settings.modelFaultKeys == ["groups", "normalization", "hidden"])
        let issue = try #require(reader.issues.first, "no issue")
        #expect(reader.issues.count == 1, "\(reader.issues.map(\.message))")
        #expect((issue.line, issue.column) == (line, column), "\(issue.message) at \(issue.line):\(issue.column)")
        #expect(issue.message.contains("groupnorm 4") && issue.message.contains("6"), "\(issue.message)")
    }
}
