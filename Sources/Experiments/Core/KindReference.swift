/// The text of `lesson kinds`: every kind with its keys.
public enum KindReference {
    public static func text(for kinds: [AnyExperimentKind]) -> String {
        var out: [String] = []
        for kind in kinds {
            out.append("\(kind.name)\(kind.runsAlone ? "  (timing: runs alone)" : "")")
            out.append("  \(kind.summary)")
            out.append("  keys:")
            out += describe(kind.keys)
            out.append("")
        }
        out.append("common keys (every kind):")
        out += describe(CommonKeys.descriptors)
        return out.joined(separator: "\n")
    }

    static func describe(_ keys: [KeyDescriptor]) -> [String] {
        keys.map { key in
            var line = "    \(key.name): \(key.type)"
            line += key.isRequired ? ", required" : ", default \(key.defaultValue!)"
            if let range = key.range { line += ", range \(range.description.replacingOccurrences(of: "x", with: key.name))" }
            return line + "\n        \(key.summary)"
        }
    }
}
