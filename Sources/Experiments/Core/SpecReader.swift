import LessonSupport
import NeuralEngine
import Yams

/// Reads a block's YAML body strictly against its kind's key descriptors.
///
/// Every accessor returns a usable value even when the input is wrong (the
/// default, or zero) and records a ``SpecIssue`` instead of throwing, so one
/// pass reports every problem in a block at once. Callers check ``issues``
/// before running anything.
public final class SpecReader {
    public private(set) var issues: [SpecIssue] = []
    public let descriptors: [KeyDescriptor]
    private var entries: [String: (key: SpecValue, value: SpecValue)] = [:]
    private let kindName: String

    /// Parses `body` and reports malformed YAML, a body that is not a mapping,
    /// unknown keys and missing required keys.
    ///
    /// - Parameter overrides: values that stand in for what the body says
    ///   (an `explore:` position): the kind reads them as if written for
    ///   their key, and a problem with one is reported where it was written.
    public init(body: String, kind: String, descriptors: [KeyDescriptor], overrides: [String: SpecValue] = [:]) {
        self.descriptors = descriptors
        self.kindName = kind
        if let issue = YAMLAliasBudget.check(body) {
            issues.append(issue)
            return
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: body)
        } catch let error as YamlError {
            issues.append(Self.issue(from: error, body: body))
            return
        } catch {
            issues.append(SpecIssue("malformed YAML: \(error)", line: 1, column: 1))
            return
        }
        if let root {
            guard case .mapping(let mapping) = root else {
                issues.append(SpecIssue(
                    "the body of an 'experiment \(kind)' block must be a YAML mapping of keys to values, found \(Self.describe(SpecValue(root)))",
                    line: root.mark?.line ?? 1, column: root.mark?.column ?? 1,
                    notes: ["write one 'key: value' per line, e.g. '\(descriptors.last?.name ?? "id"): …'"]))
                return
            }
            let known = descriptors.map(\.name)
            // What a misspelt key most likely meant: a required key not given
            // ('lable' is 'label' when 'label' is missing, not 'table'), then
            // any key not given; ties go to the earlier candidate.
            let given = Set(mapping.compactMap { pair -> String? in
                if case .scalar(let scalar) = pair.key { return scalar.string }
                return nil
            })
            let missingRequired = descriptors.filter { $0.isRequired && !given.contains($0.name) }.map(\.name)
            let meant = missingRequired + known.filter { !given.contains($0) && !missingRequired.contains($0) }
            for (key, value) in mapping {
                guard case .scalar(let scalar) = key else {
                    issues.append(SpecIssue("keys must be plain names", line: key.mark?.line ?? 1, column: key.mark?.column ?? 1))
                    continue
                }
                let name = scalar.string
                if entries[name] != nil {
                    issues.append(SpecIssue("duplicate key '\(name)'", line: key.mark?.line ?? 1, column: key.mark?.column ?? 1))
                    continue
                }
                guard known.contains(name) else {
                    let suggestion = Suggestion.didYouMean(name, in: meant)
                    // A block with a typo in every key would repeat the whole
                    // list under each: it goes with the first, and with any
                    // key that has no likely meaning of its own.
                    let listed = issues.contains { $0.kind == .unknownKey }
                    issues.append(SpecIssue(
                        "unknown key '\(name)' for kind '\(kind)'" + suggestion,
                        line: key.mark?.line ?? 1, column: key.mark?.column ?? 1,
                        notes: listed && !suggestion.isEmpty ? [] : ["keys of '\(kind)': " + known.joined(separator: ", ")],
                        kind: .unknownKey))
                    continue
                }
                entries[name] = (SpecValue(key), SpecValue(value))
            }
        }
        // The override is its own key too, so that a problem with it is
        // never taken for a value reached through an alias (see fail(at:)).
        for (name, value) in overrides where issues.isEmpty { entries[name] = (value, value) }
        for descriptor in descriptors where descriptor.isRequired && entries[descriptor.name] == nil {
            issues.append(SpecIssue("missing required key '\(descriptor.name)' (\(descriptor.type))",
                                    line: 0, column: 0, notes: [descriptor.summary]))
        }
        if issues.isEmpty { checkConditions() }
    }

    /// Whether the author wrote `key` (without counting it as read).
    func isWritten(_ key: String) -> Bool { entries[key] != nil }

    /// The text of the scalar written for `key`, if any (without counting it as read).
    func writtenText(_ key: String) -> String? { entries[key]?.value.scalar?.string }

    /// Declared keys the kind asked about (with any accessor or ``has(_:)``).
    public private(set) var readKeys: Set<String> = []
    /// Keys the kind asked about that it never declared: a bug in the kind
    /// (the author cannot write them, so the kind always sees the default).
    public private(set) var undeclaredReads: Set<String> = []

    /// Declared keys of the kind (the common keys aside, which the runner
    /// reads) that decoding never asked about: a bug in the kind, since what
    /// an author writes there would be silently ignored.
    public var unreadKeys: [String] {
        let common = Set(CommonKeys.descriptors.map(\.name))
        return descriptors.map(\.name).filter { !common.contains($0) && !readKeys.contains($0) }
    }

    func noteRead(_ key: String) {
        if descriptors.contains(where: { $0.name == key }) {
            readKeys.insert(key)
        } else {
            undeclaredReads.insert(key)
        }
    }

    /// Whether the author wrote `key`.
    public func has(_ key: String) -> Bool {
        noteRead(key)
        return entries[key] != nil
    }

    /// Records a problem at the value of `key` (or at the block if absent).
    public func fail(_ key: String, _ message: String, notes: [String] = [], kind: SpecIssue.Kind = .invalidValue) {
        let mark = entries[key]?.value.mark
        record(SpecIssue(message, line: mark?.line ?? 0, column: mark?.column ?? 0, notes: notes, kind: kind))
    }

    /// Records `issue` unless the same words were already recorded at the
    /// same place: a value read twice (by a kind and by a shared check) is
    /// reported once.
    private func record(_ issue: SpecIssue) {
        guard !issues.contains(where: { $0.message == issue.message && $0.line == issue.line && $0.column == issue.column })
        else { return }
        issues.append(issue)
    }

    /// Records a problem that several keys decide together at the first of
    /// `keys` the author wrote, or at the block when none is written: never
    /// at a key that is not there (a default `test_batch_sizes` larger than
    /// the test set is the fault of the `examples` written).
    public func fail(atFirstWritten keys: [String], _ message: String, notes: [String] = []) {
        let mark = keys.first(where: has).flatMap { entries[$0]?.value.mark }
        record(SpecIssue(message, line: mark?.line ?? 0, column: mark?.column ?? 0, notes: notes))
    }

    /// Records a problem at a line and column of the body (1-based), e.g. at
    /// a character inside a scalar.
    public func fail(line: Int, column: Int, _ message: String, notes: [String] = []) {
        issues.append(SpecIssue(message, line: line, column: column, notes: notes))
    }

    /// Records a problem at a value (an item of a list, a key or value of a
    /// nested mapping).
    ///
    /// A value written as an alias (`label: *a`) is the anchored node, whose
    /// mark is the anchor's place: the problem is reported at the key that
    /// used it, with a note naming the anchor's line.
    public func fail(at value: SpecValue, _ message: String, notes: [String] = []) {
        if let mark = value.mark,
           let user = entries.values.first(where: { entry in
               guard let keyMark = entry.key.mark, let valueMark = entry.value.mark else { return false }
               return valueMark == mark && (valueMark.line, valueMark.column) < (keyMark.line, keyMark.column)
           }), let keyMark = user.key.mark {
            record(SpecIssue(message, line: keyMark.line, column: keyMark.column,
                             notes: notes + ["the value comes through an alias from line \(mark.line) of the block"]))
            return
        }
        record(SpecIssue(message, line: value.mark?.line ?? 0, column: value.mark?.column ?? 0, notes: notes))
    }

    /// The value written for `key`, or the descriptor's default read as YAML
    /// (unless the kind applies it itself, ``KeyDescriptor/kindAppliesDefault``).
    public func value(_ key: String) -> SpecValue? {
        noteRead(key)
        if let entry = entries[key] { return entry.value }
        guard let descriptor = descriptor(key), descriptor.defaultIsValue, !descriptor.kindAppliesDefault, let text = descriptor.defaultValue,
              let parsed = try? Yams.compose(yaml: text) else { return nil }
        return SpecValue(parsed)
    }

    func descriptor(_ key: String) -> KeyDescriptor? {
        descriptors.first(where: { $0.name == key })
    }

    // MARK: - Scalars

    /// A finite number within the key's range; when what was written is
    /// wrong (and reported), the declared default, so that no other check
    /// reports a value the author never wrote.
    public func double(_ key: String) -> Double {
        optionalDouble(key) ?? declaredDefault(key).flatMap(Double.init) ?? 0
    }

    public func optionalDouble(_ key: String) -> Double? {
        guard let node = value(key) else { return nil }
        return number(node, key: key, range: descriptor(key)?.range)
    }

    /// An integer within the key's range; when what was written is wrong
    /// (and reported), the declared default.
    public func int(_ key: String) -> Int {
        optionalInt(key) ?? declaredDefault(key).flatMap { Int($0.replacingOccurrences(of: "_", with: "")) } ?? 0
    }

    /// The declared default of `key` as written, when it is a value.
    private func declaredDefault(_ key: String) -> String? {
        guard let descriptor = descriptor(key), descriptor.defaultIsValue else { return nil }
        return descriptor.defaultValue
    }

    public func optionalInt(_ key: String) -> Int? {
        guard let node = value(key) else { return nil }
        return integer(node, key: key, range: descriptor(key)?.range)
    }

    public func bool(_ key: String) -> Bool {
        guard let node = value(key) else { return false }
        return boolean(node, key: key) ?? false
    }

    public func string(_ key: String) -> String {
        optionalString(key) ?? ""
    }

    public func optionalString(_ key: String) -> String? {
        guard let node = value(key) else { return nil }
        guard case .scalar(let s) = node else {
            fail(at: node, "'\(key)' must be text, found \(Self.describe(node))")
            return nil
        }
        return s.string
    }

    /// One of a fixed set of words.
    public func choice(_ key: String, _ options: [String]) -> String {
        guard let node = value(key) else { return options.first ?? "" }
        return choice(node, key: key, options: options) ?? options.first ?? ""
    }

    // MARK: - Lists

    /// A list of numbers; a single number is accepted as a list of one.
    public func doubleList(_ key: String, count: ClosedRange<Int>? = nil) -> [Double] {
        guard let node = value(key) else { return [] }
        let items = node.items
        checkCount(items.count, key: key, node: node, count: count ?? declaredCount(key) ?? 0...100_000)
        return items.compactMap { number($0, key: key, range: descriptor(key)?.range) }
    }

    /// A list of integers; a single integer is accepted as a list of one.
    public func intList(_ key: String, count: ClosedRange<Int>? = nil) -> [Int] {
        guard let node = value(key) else { return [] }
        let items = node.items
        checkCount(items.count, key: key, node: node, count: count ?? declaredCount(key) ?? 0...100_000)
        return items.compactMap { integer($0, key: key, range: descriptor(key)?.range) }
    }

    /// A list of strings; a single string is accepted as a list of one.
    public func stringList(_ key: String, count: ClosedRange<Int>? = nil) -> [String] {
        guard let node = value(key) else { return [] }
        let items = node.items
        checkCount(items.count, key: key, node: node, count: count ?? declaredCount(key) ?? 0...100_000)
        return items.compactMap { item in
            guard case .scalar(let s) = item else {
                fail(at: item, "each item of '\(key)' must be text, found \(Self.describe(item))")
                return nil
            }
            return s.string
        }
    }

    /// A vector (`[1, 2]`) or a matrix (`[[1, 2], [3, 4]]`) of numbers, as rows.
    /// Returns the rows and whether the author wrote a matrix.
    public func numberMatrix(_ key: String) -> (rows: [[Double]], isMatrix: Bool) {
        guard let node = value(key) else { return ([], false) }
        guard case .list(let seq) = node else {
            fail(at: node, "'\(key)' must be a list of numbers or a list of rows, found \(Self.describe(node))")
            return ([], false)
        }
        let items = Array(seq)
        if items.contains(where: { if case .list = $0 { return true } else { return false } }) {
            var rows: [[Double]] = []
            for item in items {
                guard case .list(let row) = item else {
                    fail(at: item, "every row of '\(key)' must be a list of numbers, found \(Self.describe(item))")
                    continue
                }
                rows.append(row.compactMap { number($0, key: key, range: nil) })
                if let first = rows.first, rows.last!.count != first.count {
                    fail(at: item, "every row of '\(key)' must have \(first.count) entries like the first, found \(row.count)")
                }
            }
            return (rows, true)
        }
        return ([items.compactMap { number($0, key: key, range: nil) }], false)
    }

    func checkCount(_ n: Int, key: String, node: SpecValue, count: ClosedRange<Int>) {
        if !count.contains(n) {
            let bound = count.upperBound >= 100_000 ? "at least \(count.lowerBound)" : "\(count.lowerBound)…\(count.upperBound)"
            fail(at: node, "'\(key)' must have \(bound) items, found \(n)")
        }
    }

    // MARK: - Conversions

    /// Parses a plain scalar as a finite number, checking `range`.
    public func number(_ node: SpecValue, key: String, range: NumericRange?) -> Double? {
        guard case .scalar(let s) = node, s.style == .plain else {
            fail(at: node, "'\(key)' must be a number, found \(Self.describe(node))")
            return nil
        }
        let text = s.string.replacingOccurrences(of: "_", with: "")
        let special: [String: Double] = [".inf": .infinity, "+.inf": .infinity, "-.inf": -.infinity,
                                         ".nan": .nan, ".Inf": .infinity, "-.Inf": -.infinity, ".NaN": .nan]
        guard let value = special[text] ?? Double(text) else {
            fail(at: node, "'\(key)' must be a number, found \(Self.describe(node))")
            return nil
        }
        guard value.isFinite else {
            fail(at: node, "'\(key)' must be a finite number, found \(s.string)")
            return nil
        }
        if let range, !range.contains(value) {
            fail(at: node, "'\(key)' is \(s.string), outside the allowed range \(range.description.replacingOccurrences(of: "x", with: key))")
            return nil
        }
        return value
    }

    /// Parses a plain scalar as an integer, checking `range`.
    public func integer(_ node: SpecValue, key: String, range: NumericRange?) -> Int? {
        guard case .scalar(let s) = node, s.style == .plain else {
            fail(at: node, "'\(key)' must be an integer, found \(Self.describe(node))")
            return nil
        }
        let text = s.string.replacingOccurrences(of: "_", with: "")
        var value: Int? = Int(text)
        if value == nil, let d = Double(text), d.isFinite, d == d.rounded(), abs(d) < 9e15 {
            value = Int(d)  // 1e6 is a fine way to write a million
        }
        guard let value else {
            fail(at: node, "'\(key)' must be an integer, found \(Self.describe(node))")
            return nil
        }
        if let range, !range.contains(Double(value)) {
            fail(at: node, "'\(key)' is \(s.string), outside the allowed range \(range.description.replacingOccurrences(of: "x", with: key))")
            return nil
        }
        return value
    }

    /// "the text 'abc'", "a list", … for messages.
    public static func describe(_ value: SpecValue) -> String {
        value.described
    }

    /// A YAML error as the author needs it. libyaml's words are passed on
    /// but never matched: what the author did wrong is read from the body
    /// (a tab in the indentation, the nesting depth, where a key repeats).
    /// `file` names a text that is a whole file (`course.yml`) rather than
    /// a block's body, for the messages that say where they are.
    public static func issue(from error: YamlError, body: String, file: String? = nil) -> SpecIssue {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            if YAMLBodyText.nestingDepth(in: body, line: mark.line, column: mark.column) >= YAMLBodyText.libyamlMaximumNesting {
                return SpecIssue("YAML nested too deeply: at most 1,000 levels of lists and mappings",
                                 line: mark.line, column: mark.column)
            }
            if let tab = YAMLBodyText.indentingTab(in: body, nearLine: mark.line) {
                return SpecIssue("a tab indents this line; YAML indentation must be spaces",
                                 line: tab.line, column: tab.column,
                                 notes: ["replace the tab with spaces (the keys of a block start in the same column)"])
            }
            let extra = context.map { " (\($0.text))" } ?? ""
            return SpecIssue("malformed YAML: \(problem)\(extra)", line: mark.line, column: mark.column)
        case .reader(let problem, _, _, _):
            return SpecIssue("malformed YAML: \(problem)", line: 1, column: 1)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let name = duplicates.sorted().first ?? ""
            let place = YAMLBodyText.repeatedKey(name, in: body, from: context.mark.line)
            let others = duplicates.count > 1 ? " (and " + duplicates.sorted().dropFirst().map { "'\($0)'" }.joined(separator: ", ") + ")" : ""
            return SpecIssue("duplicate key '\(name)'\(others): a key may appear once in \(file ?? "a block"); keep one",
                             line: place?.line ?? context.mark.line, column: place?.column ?? context.mark.column,
                             notes: place.map { ["first written on line \($0.firstLine) of \(file ?? "the block")"] } ?? [])
        default:
            return SpecIssue("malformed YAML: \(error)", line: 1, column: 1)
        }
    }
}
