extension MarkdownNode {
    /// A run of source lines whose text cmark parses as inlines: a paragraph,
    /// a heading, or one table row (a row never continues on the next line).
    struct ProseRegion: Equatable {
        var lines: ClosedRange<Int>
        /// The byte column where the text of the region's first line starts,
        /// when cmark says; nil for a table row after the table's first.
        var firstColumn: Int?
    }

    /// The prose of the tree, in document order: where math and `[@id]`
    /// cross-references may be. Code blocks (fenced or indented), HTML blocks,
    /// thematic breaks and flattened deep nesting are not prose.
    func proseRegions() -> [ProseRegion] {
        var regions: [ProseRegion] = []
        collectProse(into: &regions)
        return regions
    }

    private func collectProse(into regions: inout [ProseRegion]) {
        switch kind {
        case .paragraph, .heading:
            guard start.line >= 1, end.line >= start.line else { return }
            regions.append(ProseRegion(lines: start.line...end.line, firstColumn: start.column))
        case .table:
            guard start.line >= 1, end.line >= start.line else { return }
            for line in start.line...end.line {
                regions.append(ProseRegion(lines: line...line, firstColumn: line == start.line ? start.column : nil))
            }
        case .codeBlock, .htmlBlock, .thematicBreak, .flattened:
            return
        default:
            for child in children {
                child.collectProse(into: &regions)
            }
        }
    }
}
