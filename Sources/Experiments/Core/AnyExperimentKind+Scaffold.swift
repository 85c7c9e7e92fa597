/// The block `lesson new --kind` writes and the reference page shows, built
/// from the kind's declared keys.
extension AnyExperimentKind {
    /// The id the scaffold gives the block: the kind's name as an identifier.
    public var exampleID: String { name.replacingOccurrences(of: "-", with: "_") }

    /// The example's keys, `key: value` a line, in the order the kind
    /// declares them; `nil` when a required key has no example value (the
    /// block could not pass `lesson check`) or the kind declares no example.
    public var exampleBody: String? {
        guard example != nil, !keys.contains(where: { $0.isRequired && $0.example == nil }) else { return nil }
        return keys.compactMap { key in key.example.map { "\(key.name): \($0)" } }.joined(separator: "\n")
    }

    /// The body `lesson new` writes (without `id` and `expect`): the
    /// example's keys, then the keys a teacher most likely changes next as
    /// comments with their defaults, ready to uncomment.
    public var scaffoldBody: String? {
        guard let body = exampleBody else { return nil }
        let suggested = keys.filter { $0.suggested && $0.example == nil && !$0.isRequired }
        guard !suggested.isEmpty else { return body }
        var lines = [body, "# more keys, with their defaults (`lesson kinds \(name)` lists every key):"]
        for key in suggested {
            if key.defaultIsValue, let value = key.defaultValue {
                lines.append("# \(key.name): \(value)")
            } else {
                lines.append("# \(key.name): …  (default: \(key.defaultValue ?? ""))")
            }
        }
        return lines.joined(separator: "\n")
    }
}
