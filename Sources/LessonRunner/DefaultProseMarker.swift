import LessonMarkdown
import LessonSupport
import LessonResults

extension DefaultProseMarker {
    /// A located error for each marker naming a block that explores nothing:
    /// its prose would show at every position, true or not.
    static func diagnostics(_ plan: Plan) -> [Diagnostic] {
        let exploring = plan.blocks.filter { $0.explore != nil }.map(\.id)
        let all = Set(plan.blocks.map(\.id))
        var out: [Diagnostic] = []
        for use in plan.lesson.defaultProse where !exploring.contains(use.block) {
            let id = use.block, location = use.location
            do {
                let why = all.contains(id) ? "block '\(id)' has no 'explore:'" : "no block is named '\(id)'" + Suggestion.didYouMean(id, in: exploring)
                out.append(Diagnostic(.defaultProse, "'<!-- default \(id) -->' marks prose true at the default position of a block that explores, and \(why)",
                                      at: location,
                                      notes: [.init(exploring.isEmpty ? "no block of this lesson has 'explore:'" : "blocks that explore: " + exploring.joined(separator: ", "))]))
            }
        }
        return out
    }
}
