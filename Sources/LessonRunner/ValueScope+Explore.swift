import Experiments
import LessonResults

extension ValueScope {
    /// Resolves `explored.<setting>[<value>]….rest` (the own block) or
    /// `<id>.explored.<setting>[<value>]….rest`: `rest` at the position where
    /// the named settings take those values and the others their default.
    /// Over seeds, plain values pair run by run with the block's own, as its
    /// positions share its seeds. Returns `nil` when the path is not of this form.
    func resolveExplored(_ path: [PathComponent], text: String) throws(ExpressionError) -> ResultValue? {
        guard case .key(let first)? = path.first else { return nil }
        let values: ExploredValues
        var rest: ArraySlice<PathComponent>
        let block: String
        if first == "explored", let ownExplored, own.map({ ResultValue.record($0).lookup(path[..<1]) == nil }) ?? true {
            (values, rest, block) = (ownExplored, path.dropFirst(), "")
        } else if path.count > 1, path[1] == .key("explored"), let other = explored[first] {
            (values, rest, block) = (other, path.dropFirst(2), first)
        } else {
            return nil
        }
        let settings = values.plan.settings
        var indices = settings.map(\.defaultIndex)
        var named = false
        while case .key(let name)? = rest.first, let s = settings.firstIndex(where: { $0.name == name }) {
            let setting = settings[s]
            let offered = setting.values.joined(separator: ", ")
            guard rest.count >= 2, let i = Self.match(rest[rest.startIndex + 1], in: setting.values) else {
                let found = rest.count >= 2 ? " has no position \(rest[rest.startIndex + 1].description.trimmingCharacters(in: ["[", "]"]))" : " needs a value"
                throw ExpressionError("'\(text)': explored '\(name)'\(found); the values offered are \(offered)",
                                      notes: ["e.g. explored.\(name)[\(setting.values[0])].…"])
            }
            indices[s] = i
            rest = rest.dropFirst(2)
            named = true
        }
        guard named else {
            throw ExpressionError("'\(text)': after 'explored' name an explored setting and its value",
                                  notes: ["explored settings: " + settings.map { "\($0.name)[\($0.values[0])]" }.joined(separator: ", ")])
        }
        let position = values.plan.index(of: indices)
        if let runs = values.runs[position] {
            if let value = try resolve(rest, in: runs, block: block, text: text) { return value }
        } else if let value = ResultValue.record(values.records[position]).lookup(rest) {
            return value
        }
        throw ExpressionError("unknown value '\(text)' at the explored position \(values.plan.label(position))",
                              notes: ["available: " + values.records[position].leafPaths().prefix(24).joined(separator: ", ")])
    }

    /// The value of `selector` (`[0.5]`, `[2]`, `["tanh"]`) among `values`
    /// as written: equal as numbers when both are, else as text.
    static func match(_ selector: PathComponent, in values: [String]) -> Int? {
        let text: String
        switch selector {
        case .index(let n): text = String(n)
        case .key(let key): text = key
        }
        if let x = Double(text), let i = values.firstIndex(where: { Double($0.replacingOccurrences(of: "_", with: "")) == x }) { return i }
        return values.firstIndex(of: text)
    }
}
