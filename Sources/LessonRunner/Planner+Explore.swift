import Experiments
import LessonMarkdown
import LessonResults
import LessonSupport

extension Planner {
    /// The common key `explore:` as written: which settings, which values.
    struct ExploreRequest {
        var settings: [(name: String, key: SpecValue, values: [SpecValue])]
        var combinations: Int { settings.reduce(1) { $0 * $1.values.count } }
    }

    /// Reads `explore:`; problems go to `reader.issues`, located at what is
    /// wrong. Returns `nil` when the key is absent or wrong.
    static func readExplore(_ reader: SpecReader, kind: AnyExperimentKind) -> ExploreRequest? {
        guard reader.has("explore"), let node = reader.value("explore") else { return nil }
        let example = "e.g. 'explore: {\(kind.keys.first?.name ?? "setting"): [a, b, c]}'"
        guard case .mapping(let mapping) = node, (1...2).contains(mapping.count) else {
            reader.fail(at: node, "'explore' must map one or two of the block's settings to the values a reader may choose, found \(SpecReader.describe(node))",
                        notes: [example])
            return nil
        }
        if kind.timesItself {
            reader.fail(at: node, "blocks of '\(kind.name)' time the machine, so their positions could not be compared: each would be measured at another moment",
                        notes: ["write one block per setting instead"])
            return nil
        }
        let own = kind.keys.map(\.name)
        var request = ExploreRequest(settings: [])
        let before = reader.issues.count
        for (key, value) in mapping {
            let name = key.scalar?.string ?? ""
            if CommonKeys.names.contains(name) {
                let why = name == "seed" || name == "seeds"
                    ? "to run the block over several seeds, write 'seeds:'"
                    : "explore a setting of the experiment itself: " + own.prefix(8).joined(separator: ", ")
                reader.fail(at: key, "'\(name)' cannot be explored: it is one of the keys every block has, not a setting of '\(kind.name)'",
                            notes: [why])
                continue
            }
            guard own.contains(name) else {
                reader.fail(at: key, "'explore' names '\(name)', which is not a key of '\(kind.name)'" + Suggestion.didYouMean(name, in: own),
                            notes: ["keys of '\(kind.name)': " + own.joined(separator: ", ")])
                continue
            }
            guard case .list(let sequence) = value else {
                reader.fail(at: value, "'explore: \(name)' must list the values a reader may choose, found \(SpecReader.describe(value))",
                            notes: ["e.g. '\(name): [a, b, c]', with the block's own '\(name)' among them"])
                continue
            }
            let values = Array(sequence)
            let limit = CommonKeys.maximumExploredValues
            guard (2...limit).contains(values.count) else {
                reader.fail(at: value, "'explore: \(name)' must list 2 to \(limit) values, found \(values.count)")
                continue
            }
            var written: [String] = []
            for item in values {
                guard case .scalar(let scalar) = item else {
                    reader.fail(at: item, "each value of 'explore: \(name)' must be one number or word, found \(SpecReader.describe(item))",
                                notes: ["a list-valued setting such as 'hidden' cannot be explored yet"])
                    continue
                }
                if written.contains(scalar.string) {
                    reader.fail(at: item, "'\(scalar.string)' is listed twice in 'explore: \(name)'")
                }
                written.append(scalar.string)
            }
            request.settings.append((name, key, values))
        }
        guard reader.issues.count == before else { return nil }
        if request.settings.count == 2, request.settings[0].name == request.settings[1].name { return nil }
        let limit = CommonKeys.maximumExploredCombinations
        guard request.combinations <= limit else {
            let counts = request.settings.map { String($0.values.count) }.joined(separator: " × ")
            reader.fail(at: node, "'explore' asks for \(request.combinations) combinations (\(counts)); a block may explore at most \(limit), each run and stored in the page",
                        notes: ["offer fewer values, or explore one setting"])
            return nil
        }
        return request
    }

    /// Prepares the run of every combination the request names. Each value
    /// is decoded by the kind as if written for its key, so a value out of
    /// the key's range is the kind's own located error, at the value.
    /// Returns `nil` after adding to `diagnostics` when anything is wrong.
    static func planExplore(_ request: ExploreRequest, block: ExperimentBlock, kind: AnyExperimentKind, context: DecodeContext,
                            base: PreparedExperiment, diagnostics: inout [Diagnostic]) -> ExplorePlan? {
        let descriptors = CommonKeys.descriptors + kind.keys
        func location(_ line: Int, _ column: Int) -> SourceLocation {
            line == 0 ? block.location : block.fileLocation(bodyLine: line, bodyColumn: column)
        }
        func prepare(_ overrides: [String: SpecValue], note: String? = nil) -> PreparedExperiment? {
            let reader = SpecReader(body: block.body, kind: kind.name, descriptors: descriptors, overrides: overrides)
            let prepared = kind.prepare(reader, context)
            for issue in reader.issues {
                let diagnostic = Diagnostic(code(of: issue), issue.message, at: location(issue.line, issue.column),
                                            notes: (issue.notes + (note.map { [$0] } ?? [])).map { .init($0) })
                if !diagnostics.contains(where: { $0.message == diagnostic.message && $0.location == diagnostic.location }) {
                    diagnostics.append(diagnostic)
                }
            }
            return reader.issues.isEmpty ? prepared : nil
        }
        var settings: [ExplorePlan.Setting] = []
        var single: [[PreparedExperiment]] = []
        let errorsBefore = diagnostics.count
        for setting in request.settings {
            var runs: [PreparedExperiment] = []
            var defaultIndex: Int?
            // A setting whose default depends on other keys (`beta2`: 0.999
            // with Adam, 0.9 with RMSprop) is explored only where the block
            // writes it: the page opens at the block's own setting, which
            // the block must say, though the key that the runs are cached
            // under is the same for the default and the number written.
            let hasOwnPosition = SpecReader(body: block.body, kind: kind.name, descriptors: descriptors).has(setting.name)
                || descriptors.first { $0.name == setting.name }?.defaultIsValue == true
            for (i, value) in setting.values.enumerated() {
                guard let prepared = prepare([setting.name: value]) else { continue }
                let text = value.scalar?.string ?? ""
                if let same = runs.firstIndex(where: { $0.specJSON == prepared.specJSON }) {
                    let mark = value.mark
                    diagnostics.append(Diagnostic(.explore,
                        "'\(setting.name): \(text)' runs the same experiment as '\(setting.name): \(setting.values[same].scalar?.string ?? "")'; every explored value must change the run",
                        at: location(mark?.line ?? 0, mark?.column ?? 0),
                        notes: [.init("a setting this block does not use (its kind ignores it here) cannot be explored")]))
                    continue
                }
                if hasOwnPosition, prepared.specJSON == base.specJSON { defaultIndex = i }
                runs.append(prepared)
            }
            guard diagnostics.count == errorsBefore else { continue }
            guard let defaultIndex else {
                let mark = setting.key.mark
                diagnostics.append(notAmongTheValues(setting.name, block: block, kind: kind, descriptors: descriptors,
                                                     at: location(mark?.line ?? 0, mark?.column ?? 0)))
                continue
            }
            settings.append(ExplorePlan.Setting(name: setting.name, values: setting.values.map { $0.scalar?.string ?? "" },
                                                defaultIndex: defaultIndex, location: location(setting.key.mark?.line ?? 0, setting.key.mark?.column ?? 0)))
            single.append(runs)
        }
        guard diagnostics.count == errorsBefore, settings.count == request.settings.count else { return nil }
        var plan = ExplorePlan(settings: settings, positions: [])
        if settings.count == 1 {
            plan.positions = single[0].enumerated().map { ExplorePlan.Position(indices: [$0.offset], prepared: $0.element) }
            return plan
        }
        for i in settings[0].values.indices {
            for j in settings[1].values.indices {
                let overrides = [request.settings[0].name: request.settings[0].values[i], request.settings[1].name: request.settings[1].values[j]]
                let label = "at the combination \(settings[0].name) = \(settings[0].values[i]), \(settings[1].name) = \(settings[1].values[j])"
                guard let prepared = prepare(overrides, note: label) else { return nil }
                plan.positions.append(ExplorePlan.Position(indices: [i, j], prepared: prepared))
            }
        }
        return plan
    }

    /// The block's own position is missing from an explored setting's
    /// values. When the block leaves the setting out, a default that
    /// depends on another key (`beta2`: 0.999 with Adam, 0.9 with RMSprop)
    /// is not the same run as writing that number, so a new user's
    /// `explore: {beta2: [0.9, 0.999]}` on an Adam block was told that "the
    /// block's own 'beta2'", which it does not have, was missing.
    static func notAmongTheValues(_ name: String, block: ExperimentBlock, kind: AnyExperimentKind,
                                  descriptors: [KeyDescriptor], at place: SourceLocation) -> Diagnostic {
        let reader = SpecReader(body: block.body, kind: kind.name, descriptors: descriptors)
        guard !reader.has(name) else {
            return Diagnostic(.explore,
                "the block's own '\(name)' is not among the explored values; add it: it is the position the page opens at, and what the expectations read",
                at: place, notes: [.init("or set '\(name)' in the block to one of the listed values")])
        }
        let descriptor = descriptors.first { $0.name == name }
        if let descriptor, descriptor.defaultIsValue, let value = descriptor.defaultValue {
            return Diagnostic(.explore,
                "this block does not set '\(name)', so it runs at the default, \(value), which is not among the explored values; add \(value) to them: it is the position the page opens at, and what the expectations read",
                at: place, notes: [.init("or set '\(name)' in the block to one of the listed values")])
        }
        let shown = descriptor?.defaultValue.map { " (\($0))" } ?? ""
        return Diagnostic(.explore,
            "this block does not set '\(name)', whose default\(shown) depends on its other settings, so no explored value is its run; set '\(name)' in the block to the value the page opens at, one of the explored values",
            at: place, notes: [.init("the page opens at the block's own setting, and the expectations read it")])
    }
}
