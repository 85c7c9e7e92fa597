/// The text of `lesson kinds`: every kind with its keys, the values it
/// produces and its work budget; and the same as a lesson-style Markdown page
/// (`lesson kinds --markdown`), which ships in `output/` as "Reference".
public enum KindReference {
    public static func text(for kinds: [AnyExperimentKind]) -> String {
        var out: [String] = []
        for kind in kinds {
            out.append("\(kind.name)\(kind.timesItself ? "  (timing: its measurements run alone)" : "")")
            out.append("  \(kind.summary)")
            out.append("  keys:")
            out += describe(kind.keys)
            out.append("  values (read them as id.name in expect: and `=id.name`):")
            out += describe(kind.values)
            out.append("  work budget, for all of a block's runs together (every seed): \(kind.budget)")
            out.append("  table: " + (kind.table?.description ?? "no default rows: a table: needs 'from'"))
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
            if let condition = key.condition { line += ", only with \(condition.description)" }
            return line + "\n        \(key.summary)"
        }
    }

    static func describe(_ values: [ValueDescriptor]) -> [String] {
        if values.isEmpty { return ["    (not declared)"] }
        return values.map { value in
            var line = "    \(value.name): \(value.type)"
            if let condition = value.condition { line += ", only when \(condition)" }
            line += "\n        \(value.summary)"
            if let access = value.access { line += "\n        access: \(access)" }
            return line
        }
    }

    /// The reference as a lesson: `# Reference`, then a section per kind with
    /// tables of its keys and values. It has no experiment blocks, so it
    /// renders without running anything.
    public static func markdown(for kinds: [AnyExperimentKind]) -> String {
        var out = """
        ---
        role: reference
        ---
        # Reference

        Every experiment kind: what it does, the keys of its block, the values it produces and the most \
        work one block may ask for, all its runs together (a block with `seeds: 8` asks for eight times the work of one run). A block reads its own values by name in `expect:` and other blocks' \
        as `id.name`; prose shows one with an inline code span such as \(code("=id.name:.3f")). \
        `lesson kinds` prints the same reference.

        ## Keys of every kind

        \(keyTable(CommonKeys.descriptors))

        """
        for kind in kinds {
            out += "\n## \(cell(kind.name))\n\n\(cell(kind.summary))"
            if kind.timesItself { out += " It times the machine, so its measurements run alone: no other block runs while it times (the rest of the block runs beside others)." }
            out += "\n\n**Work budget:** \(cell(kind.budget)).\n\n**`table:`** \(cell(kind.table?.description ?? "no default rows: a table: needs `from`")).\n\n### Keys\n\n\(keyTable(kind.keys))\n"
            out += "\n### Values\n\n"
            if kind.values.isEmpty {
                out += "Not declared yet.\n"
            } else {
                out += "| value | type | meaning | how to read it |\n|---|---|---|---|\n"
                for value in kind.values {
                    var meaning = cell(value.summary)
                    if let condition = value.condition { meaning += " Only when \(cell(condition))." }
                    out += "| \(code(value.name)) | \(cell(value.type)) | \(meaning) | \(value.access.map(cell) ?? "") |\n"
                }
            }
            if let example = kind.example, let body = kind.scaffoldBody {
                let id = kind.exampleID
                out += "\n### A block to start from\n\n"
                out += "`lesson new NAME --kind \(kind.name)` writes a lesson around this block:\n\n"
                out += "````yaml\nid: \(id)\n\(body)\nexpect:\n  - \"\(example.expectation)\"\n````\n"
            }
        }
        return out
    }

    static func keyTable(_ keys: [KeyDescriptor]) -> String {
        var out = "| key | type | default | range | meaning |\n|---|---|---|---|---|\n"
        for key in keys {
            let range = key.range.map { $0.description.replacingOccurrences(of: "x", with: key.name) } ?? ""
            out += "| \(code(key.name)) | \(cell(key.type)) | \(key.defaultValue.map(cell) ?? "required") | \(cell(range)) | \(cell(key.summary))\(key.condition.map { " Only with \(code($0.description))." } ?? "") |\n"
        }
        return out.trimmingTrailingNewline
    }

    /// Text for a table cell: pipes escaped, no line breaks, no `$` math, and
    /// no code span that starts with `=` (the page would try to compute it).
    /// `<` is escaped too: `<kind>_<n>` is not raw HTML.
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "$", with: "\\$").replacingOccurrences(of: "`=", with: "`\u{2060}=")
            .replacingOccurrences(of: "<", with: "&lt;")
    }

    static func code(_ text: String) -> String {
        let body = text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "|", with: "\\|")
        return "`" + (body.hasPrefix("=") ? "\u{2060}" : "") + body + "`"
    }
}

private extension String {
    var trimmingTrailingNewline: String { hasSuffix("\n") ? String(dropLast()) : self }
}
