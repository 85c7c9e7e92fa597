import Foundation

extension ExecutedLesson {
    /// Figure, table, block and footnote numbers, and `[@id]` targets.
    public var numbering: Numbering {
        var texts: [Int: String] = [:]
        for resolved in references { texts[resolved.reference.id] = resolved.text }
        return Numbering(lesson: lesson, blockIds: blocks.map(\.planned.id), referenceTexts: texts)
    }
}
