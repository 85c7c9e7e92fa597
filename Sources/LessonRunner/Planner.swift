import LessonSupport
import NeuralEngine
import Experiments
import Foundation
import LessonResults
import LessonMarkdown

/// The validate stage: decodes every block of a lesson into its kind's spec.
public enum Planner {
    /// Experiment blocks one lesson may have. Real lessons have a handful; the
    /// limit keeps a generated or hostile file (10,000 blocks whose values are
    /// all misspelt took minutes) from tying up `lesson check`.
    public static let maximumBlocks = 1_000

    /// Problems reported for one block: the rest are counted in one last
    /// line. A generated block with 100,000 misspelt keys printed 200,000
    /// lines (and put each on the page); the first few say what is wrong.
    public static let maximumDiagnosticsPerBlock = 50

    /// - Parameters:
    ///   - reseed: moves every block's seeds by this much (`--reseed`),
    ///     explicit `seed:`/`seeds:` too, so an author sees whether a claim holds
    ///     at seeds nobody chose.
    ///   - sharedDataFolders: the course's shared data folders, searched for
    ///     data files after the lesson's own folder.
    ///   - courseRoot: the course's folder, which those files must stay inside.
    public static func plan(_ lesson: Lesson, registry: [AnyExperimentKind] = KindRegistry.all, reseed: UInt64 = 0,
                            sharedDataFolders: [String] = [], courseRoot: String? = nil) -> Plan {
        let context = Executor.decodeContext(lessonPath: lesson.path, sharedDataFolders: sharedDataFolders, courseRoot: courseRoot)
        var blocks: [PlannedBlock] = []
        var seenIds: [String: SourceLocation] = [:]
        var diagnostics = lesson.warnings.map {
            Diagnostic($0.isDuplicateAnchor ? .duplicateAnchor : .markdown, $0.message, at: $0.location, severity: $0.isError ? .error : .warning)
        }
        if lesson.experiments.count > maximumBlocks {
            let first = lesson.experiments[maximumBlocks]
            diagnostics.append(Diagnostic(.tooManyBlocks,
                "too many experiment blocks: a lesson may have at most \(maximumBlocks.grouped), this one has "
                    + "\(lesson.experiments.count.grouped); this block and the ones after it are not run",
                at: first.location, notes: [.init("split the lesson into several files")]))
        }
        var counters: [String: Int] = [:]
        let firstDefaultIds = lesson.experiments.prefix(maximumBlocks).map { block in
            counters[block.kind, default: 0] += 1
            return defaultId(kind: block.kind, ordinal: counters[block.kind]!)
        }
        var planned = zip(lesson.experiments.prefix(maximumBlocks), firstDefaultIds).map { block, id in
            planBlock(block, defaultId: id, lesson: lesson, context: context, registry: registry, reseed: reseed)
        }
        // An id recovered from a block that cannot be read yields to a block
        // that takes it properly, and to an earlier recovered one: one typo
        // fails its own block, never a valid block as that one's duplicate.
        let readIds = Set(planned.filter { $0.hasExplicitId && !$0.hasRecoveredId }.map(\.id))
        var recoveredIds: Set<String> = []
        for i in planned.indices where planned[i].hasRecoveredId {
            guard readIds.contains(planned[i].id) || !recoveredIds.insert(planned[i].id).inserted else { continue }
            planned[i] = planBlock(planned[i].block, defaultId: firstDefaultIds[i], lesson: lesson, context: context, registry: registry,
                                   reseed: reseed, recoversId: false)
        }
        // Default ids skip the ids blocks take explicitly, wherever those
        // blocks are: `id: softmax_2` on a first block must not collide with
        // the second block's default.
        let explicit = Set(planned.filter(\.hasExplicitId).map(\.id))
        if !explicit.isEmpty {
            var taken = explicit
            counters = [:]
            for i in planned.indices {
                let kind = planned[i].block.kind
                counters[kind, default: 0] += 1
                guard !planned[i].hasExplicitId else { continue }
                while taken.contains(defaultId(kind: kind, ordinal: counters[kind]!)) { counters[kind]! += 1 }
                let id = defaultId(kind: kind, ordinal: counters[kind]!)
                taken.insert(id)
                if id != planned[i].id {
                    planned[i] = planBlock(planned[i].block, defaultId: id, lesson: lesson, context: context, registry: registry,
                                           reseed: reseed, recoversId: false)
                }
            }
        }
        let ids = Set(planned.map(\.id))
        for i in planned.indices {
            for j in planned[i].expectations.indices {
                let text = planned[i].expectations[j].text
                guard let problem = planned[i].expectations[j].problem else { continue }
                planned[i].expectations[j].problem?.message = problem.message + HyphenHint.suggestion(for: text, ids: ids)
            }
        }
        for var planned in planned {
            if let previous = seenIds[planned.id] {
                planned.diagnostics.append(Diagnostic(.duplicateId,
                    "duplicate block id '\(planned.id)'; ids name a block's values and must be unique in a lesson",
                    at: planned.block.location, notes: [.init("first used here", location: previous)]))
                planned.prepared = nil
            } else {
                seenIds[planned.id] = planned.block.location
            }
            blocks.append(planned)
        }
        var plan = Plan(lesson: lesson, blocks: blocks, diagnostics: diagnostics)
        plan.diagnostics += DefaultProseMarker.diagnostics(plan)
        return plan
    }

    static func defaultId(kind: String, ordinal: Int) -> String {
        let base = kind.isEmpty ? "block" : kind.replacingOccurrences(of: "-", with: "_")
        return "\(base)_\(ordinal)"
    }

    /// - Parameter recoversId: whether a block that cannot be read takes the
    ///   id written in its text (``adoptWrittenId(of:into:lessonSeed:)``).
    static func planBlock(_ block: ExperimentBlock, defaultId: String, lesson: Lesson, context: DecodeContext,
                          registry: [AnyExperimentKind], reseed: UInt64 = 0, recoversId: Bool = true) -> PlannedBlock {
        var planned = PlannedBlock(block: block, id: defaultId,
                                   seed: 0, caption: nil, show: false, expectations: [], prepared: nil, diagnostics: [])
        let lessonSeed = lesson.frontMatter?.seed
        planned.seed = defaultSeed(lessonSeed: lessonSeed, id: planned.id)
        let names = registry.map(\.name)
        guard let kind = registry.first(where: { $0.name == block.kind }) else {
            let message = block.kind.isEmpty
                ? "experiment block without a kind; write 'experiment <kind>'"
                : "unknown experiment kind '\(block.kind)'" + Suggestion.didYouMean(block.kind, in: names)
            planned.diagnostics.append(Diagnostic(.unknownKind, message, at: block.kindLocation,
                                                  notes: [.init("known kinds: " + names.joined(separator: ", ") + " (see `lesson kinds`)")]))
            if recoversId { adoptWrittenId(of: block, into: &planned, lessonSeed: lessonSeed) }
            return planned
        }
        let words = block.infoString.split(whereSeparator: \.isWhitespace)
        if words.count > 2 {
            // `experiment softmax softmax` or `experiment train fast`: the
            // block runs as its kind, but the rest would otherwise vanish.
            let extra = words.dropFirst(2).joined(separator: " ")
            planned.diagnostics.append(Diagnostic(.fenceText,
                "ignored text '\(extra.prefix(60))' after 'experiment \(block.kind)' on the fence line",
                at: block.kindLocation, severity: .warning,
                notes: [.init("the fence line holds only 'experiment <kind>'; settings such as an id or a caption go in the block body, e.g. 'id: \(words.count == 3 && words[2].allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } ? String(words[2]) : "my_block")'")]))
        }
        let reader = SpecReader(body: block.body, kind: kind.name, descriptors: CommonKeys.descriptors + kind.keys)
        if let id = reader.optionalString("id") {
            if !isValidId(id) {
                // Expressions read ASCII names only: 'hàm_mất' becomes 'ham_mat',
                // never a suggestion the same rule refuses.
                let folded = id.folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil)
                var suggestion = String(String(folded.unicodeScalars.map { scalar -> Character in
                    scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)) ? Character(scalar) : "_"
                }).prefix(64))
                if !(suggestion.first.map { $0.isASCII && $0.isLetter } ?? false) { suggestion = "b" + suggestion }
                reader.fail("id", "'id' must start with an ASCII letter and contain only ASCII letters, digits and '_' (ids are used in expressions such as `=\(suggestion).loss`), found '\(id)'; try '\(suggestion)'")
            } else {
                planned.id = id
                planned.hasExplicitId = true
                planned.seed = defaultSeed(lessonSeed: lessonSeed, id: id)
            }
        }
        if recoversId, !reader.has("id"), !reader.issues.isEmpty {
            // The YAML did not parse, so the reader has no keys.
            adoptWrittenId(of: block, into: &planned, lessonSeed: lessonSeed)
        }
        if let seed = reader.optionalInt("seed") { planned.seed = UInt64(max(0, seed)) }
        planned.seeds = readSeeds(reader, first: planned.seed).map { moved($0, by: reseed) }
        planned.seed = planned.seeds.first ?? moved(planned.seed, by: reseed)
        planned.caption = reader.optionalString("caption")
        planned.show = reader.has("show") ? reader.bool("show") : false
        if let node = reader.value("expect") {
            for entry in node.items {
                var item = entry
                var everywhere = false
                if case .mapping(let mapping) = entry, mapping.count == 1, let (key, value) = mapping.first,
                   key.scalar?.string == "every" {
                    item = value
                    everywhere = true
                }
                guard case .scalar(let scalar) = item else {
                    // 'every:' is the one mapping an entry may be: name it, and
                    // the key a misspelt 'every' left behind ('evrey: "…"').
                    var message = "each 'expect' entry must be an expression in quotes, or 'every: \"…\"' to check it at every explored position; found \(SpecReader.describe(item))"
                    if !everywhere, case .mapping(let mapping) = entry, let key = mapping.first?.key.scalar?.string {
                        message += " with the key '\(key)'" + Suggestion.didYouMean(key, in: ["every"])
                    }
                    reader.fail(at: item, message)
                    continue
                }
                let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
                let line = item.mark?.line ?? 0, column = item.mark?.column ?? 0
                let location = block.fileLocation(bodyLine: line, bodyColumn: column)
                do {
                    let expression = try Expression.parse(scalar.string)
                    planned.expectations.append(PlannedExpectation(text: scalar.string, expression: expression, location: location,
                                                                   atEveryPosition: everywhere))
                } catch {
                    let offset = (error.offset ?? 0) + (quoted ? 1 : 0)
                    // Point at the offending character, not the start of the entry.
                    planned.expectations.append(PlannedExpectation(text: scalar.string, expression: nil, location: location,
                                                                   atEveryPosition: everywhere, problem: Diagnostic(.invalidExpectation,
                        "invalid expectation '\(Excerpt.clipped(scalar.string))': \(error.message)",
                        at: block.fileLocation(bodyLine: line, bodyColumn: column + offset),
                        notes: error.notes.map { .init($0) })))
                }
            }
        }
        planned.table = TableRequest.decode(reader, block: block, kind: kind)
        planned.tableDefaults = kind.table
        planned.charts = ChartRequest.decode(reader, block: block)
        var context = context
        context.seeds = max(1, planned.seeds.count)
        let exploring = readExplore(reader, kind: kind)
        context.positions = exploring?.combinations ?? 1
        let prepared = kind.prepare(reader, context)
        for issue in reader.issues {
            let location = issue.line == 0 ? block.location : block.fileLocation(bodyLine: issue.line, bodyColumn: issue.column)
            var notes = issue.notes
            if let hint = FlowBracketHint.note(in: block.body, line: issue.line, column: issue.column) { notes.append(hint) }
            planned.diagnostics.append(Diagnostic(Self.code(of: issue), issue.message, at: location, notes: notes.map { .init($0) }))
        }
        planned.diagnostics.sort { ($0.location?.line ?? 0, $0.location?.column ?? 0) < ($1.location?.line ?? 0, $1.location?.column ?? 0) }
        if planned.diagnostics.count > maximumDiagnosticsPerBlock {
            let more = planned.diagnostics.count - maximumDiagnosticsPerBlock
            let next = planned.diagnostics[maximumDiagnosticsPerBlock]
            planned.diagnostics.removeSubrange(maximumDiagnosticsPerBlock...)
            planned.diagnostics.append(Diagnostic(.tooManyProblems,
                "\(more.grouped) more problem\(more == 1 ? "" : "s") in this block from here on, not listed; fix the ones above first",
                at: next.location ?? block.location))
        }
        if let exploring, let prepared, planned.diagnostics.isEmpty {
            planned.explore = planExplore(exploring, block: block, kind: kind, context: context, base: prepared,
                                          diagnostics: &planned.diagnostics)
        }
        if !reader.has("explore"), let every = planned.expectations.first(where: \.atEveryPosition) {
            planned.diagnostics.append(Diagnostic(.explore,
                "'every:' checks an expectation at every explored position, and this block explores nothing",
                at: every.location, notes: [.init("add 'explore:' with the settings a reader may move, or write the expectation without 'every:'")]))
        }
        if let cut = block.cut {
            // "missing required key" alone does not say that the key is there, below the cut.
            for i in planned.diagnostics.indices {
                planned.diagnostics[i].notes.append(.init("the block ends before its closing fence: \(cut.reason)",
                                                          location: SourceLocation(path: block.location.path, line: cut.line, column: 1)))
            }
        }
        planned.prepared = planned.diagnostics.isEmpty ? prepared : nil
        if planned.prepared == nil { planned.explore = nil }
        return planned
    }

    /// Names a block that cannot be read (an unknown kind, YAML that does
    /// not parse) by the `id:` line its author wrote, so that the values and
    /// `[@id]` that read it are told the block failed, each at its own
    /// place, rather than that no block has that name.
    static func adoptWrittenId(of block: ExperimentBlock, into planned: inout PlannedBlock, lessonSeed: UInt64?) {
        guard let id = writtenId(in: block.body) else { return }
        planned.id = id
        planned.hasExplicitId = true
        planned.hasRecoveredId = true
        planned.seed = defaultSeed(lessonSeed: lessonSeed, id: id)
    }

    /// The name on a top-level `id: name` line of a block's body (`id: 'name'`
    /// and `id: "name"` too), read as text, with an optional comment after
    /// it; only a name ``isValidId(_:)`` takes.
    static func writtenId(in body: String) -> String? {
        for line in body.split(separator: "\n", omittingEmptySubsequences: true) {
            guard let match = line.wholeMatch(of: /id:[ \t]+(?:"([^"]*)"|'([^']*)'|([^ \t#"']+))[ \t]*(#.*)?\r?/) else { continue }
            guard let written = match.1 ?? match.2 ?? match.3 else { continue }
            let id = String(written)
            guard isValidId(id) else { continue }
            return id
        }
        return nil
    }

    /// The rule for a block's id: an ASCII letter, then ASCII letters, digits
    /// and '_', at most 64 (expressions read ASCII names only).
    static func isValidId(_ id: String) -> Bool {
        let scalars = Array(id.unicodeScalars)
        guard let first = scalars.first, scalars.count <= 64, first.isASCII, first.properties.isAlphabetic else { return false }
        return scalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }
    }

    /// The diagnostic code of a problem a kind's reader found.
    static func code(of issue: SpecIssue) -> DiagnosticCode {
        switch issue.kind {
        case .invalidValue: return .invalidValue
        case .unknownKey: return .unknownKey
        case .overBudget: return .overBudget
        }
    }
}
