import Yams

/// Bounds how much YAML aliases may expand a block body, before Yams composes it.
///
/// Yams resolves every alias `*a` into a copy of the node anchored `&a`. Copies
/// share storage, but anything that walks the tree walks every copy: a body
/// of a few hundred bytes ("billion laughs": `&a [1,1,…]`, `&b [*a,*a,…]`, …
/// nested ten deep) stands for billions of nodes. Yams hashes each mapping key
/// to find duplicates, so one such alias used as a key never finishes
/// composing, and as a value it can multiply the work of an experiment.
///
/// Yams' public API gives only the composed tree, and composing is where a
/// key would hang. So this composes a stand-in first: the body with the `*`
/// of every alias replaced by a private-use character, which makes each alias
/// a plain scalar that expands to nothing, on the same line and column. On
/// that tree the anchors are still marked, so the nodes each alias stands for
/// can be added up, in the order they are written, before the body itself is
/// composed.
enum YAMLAliasBudget {
    /// Nodes that aliases may add to a body, all aliases together. Sharing a
    /// list of class names or a row of logits a few times is far below it.
    static let maximumAliasedNodes = 100_000

    /// What stands for the `*` of an alias in the stand-in: a character from
    /// Unicode's private-use area (nobody types one, libyaml takes it in a
    /// plain scalar), a different one for each alias, so that two uses of one
    /// anchor as keys are not taken for a duplicate key.
    static let aliasMarks: ClosedRange<UInt32> = 0xE000...0xF8FF

    /// A problem with the body's aliases, or `nil` when they are within budget
    /// (or the body has none).
    static func check(_ body: String) -> SpecIssue? {
        // An alias needs an anchor: without both `&` and `*`, any alias is
        // undefined, which Yams reports without expanding anything.
        let bytes = body.utf8
        guard bytes.contains(UInt8(ascii: "*")), bytes.contains(UInt8(ascii: "&")) else { return nil }
        let parser: Parser
        let root: Node?
        do {
            parser = try Parser(yaml: standIn(for: body))
            root = try parser.singleRoot()
        } catch let error as YamlError {
            // The stand-in is malformed where the body is (an alias and a
            // plain scalar end alike), and a body whose aliases could not be
            // counted is never composed: its error is the answer.
            return SpecReader.issue(from: error, body: body)
        } catch {
            return SpecIssue("malformed YAML: \(error)", line: 1, column: 1)
        }
        guard let root else { return nil }
        // The parser owns the anchors the nodes point to (weakly).
        return withExtendedLifetime(parser) {
            var count = Count()
            _ = count.size(of: root)
            return count.issue
        }
    }

    /// The body with each alias's `*` replaced by its own mark. A `*` that
    /// starts no alias (`2 * x`, `**`) stays; one inside a quoted or plain
    /// scalar or a comment is replaced too, which changes that text only, and
    /// at worst counts a word that happens to be an anchor's name.
    static func standIn(for body: String) -> String {
        var out = String.UnicodeScalarView()
        let scalars = Array(body.unicodeScalars)
        var next = aliasMarks.lowerBound
        for (index, scalar) in scalars.enumerated() {
            if scalar == "*", index + 1 < scalars.count, isAnchorCharacter(scalars[index + 1]),
               let mark = Unicode.Scalar(next) {
                out.append(mark)
                next = next == aliasMarks.upperBound ? aliasMarks.lowerBound : next + 1
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// The characters of an anchor's name, as libyaml reads them.
    static func isAnchorCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "0"..."9", "a"..."z", "A"..."Z", "_", "-": return true
        default: return false
        }
    }

    /// Adds up, in document order, the nodes each alias of the stand-in
    /// stands for.
    private struct Count {
        /// Expanded size of each anchored node; a later anchor of the same name shadows it.
        var anchorSizes: [String: Int] = [:]
        var aliased = 0
        var issue: SpecIssue?

        mutating func size(of node: Node) -> Int {
            guard issue == nil else { return 0 }
            var size = 1
            switch node {
            case .scalar(let scalar):
                size = aliasSize(scalar)
            case .sequence(let sequence):
                for item in sequence { size += self.size(of: item) }
            case .mapping(let mapping):
                for pair in mapping { size += self.size(of: pair.key) + self.size(of: pair.value) }
            case .alias:
                break
            }
            if let anchor = node.anchor { anchorSizes[anchor.rawValue] = size }
            return size
        }

        /// 1 for a scalar; what the anchor stands for when the scalar is an
        /// alias; a scalar with a mark inside counts itself and every anchor
        /// it names.
        private mutating func aliasSize(_ scalar: Node.Scalar) -> Int {
            let scalars = Array(scalar.string.unicodeScalars)
            var named: [String] = []
            var index = 0
            while index < scalars.count {
                defer { index += 1 }
                guard aliasMarks.contains(scalars[index].value) else { continue }
                var name = String.UnicodeScalarView()
                while index + 1 < scalars.count, isAnchorCharacter(scalars[index + 1]) {
                    name.append(scalars[index + 1])
                    index += 1
                }
                named.append(String(name))
            }
            if named.isEmpty { return 1 }
            // An alias of an unknown anchor is Yams's error to report.
            let sizes = named.map { anchorSizes[$0] ?? 1 }
            let added = sizes.reduce(0, +)
            aliased += added
            if aliased > maximumAliasedNodes {
                issue = SpecIssue(
                    "YAML aliases in this block expand to more than \(maximumAliasedNodes.formatted) values; write the values out instead",
                    line: scalar.mark?.line ?? 1, column: scalar.mark?.column ?? 1,
                    notes: ["an alias (*name) stands for a copy of everything under its anchor (&name), so nested aliases multiply"])
            }
            let isWholeAlias = named.count == 1 && scalar.style == .plain && scalars.count == 1 + named[0].unicodeScalars.count
            return isWholeAlias ? added : 1 + added
        }
    }
}

private extension Int {
    /// 100000 → "100,000", without Foundation's locale.
    var formatted: String {
        let digits = Array(String(self))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }
}
