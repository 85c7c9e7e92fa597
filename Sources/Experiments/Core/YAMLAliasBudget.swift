// libyaml's event API, which Yams builds on (and links); Yams itself does not
// expose events.
internal import CYaml

/// Bounds how much YAML aliases may expand a block body, before Yams composes it.
///
/// Yams resolves every alias `*a` into a copy of the node anchored `&a`. Copies
/// share storage, but anything that walks the tree walks every copy: a body
/// of a few hundred bytes ("billion laughs": `&a [1,1,…]`, `&b [*a,*a,…]`, …
/// nested ten deep) stands for billions of nodes. Yams hashes each mapping key
/// to find duplicates, so one such alias used as a key never finishes
/// composing, and as a value it can multiply the work of an experiment.
///
/// This reads the body's events once (libyaml, no tree) and adds up the nodes
/// each alias stands for.
enum YAMLAliasBudget {
    /// Nodes that aliases may add to a body, all aliases together. Sharing a
    /// list of class names or a row of logits a few times is far below it.
    static let maximumAliasedNodes = 100_000

    /// A problem with the body's aliases, or `nil` when they are within budget
    /// (or the body has none, or is malformed: Yams then reports that).
    static func check(_ body: String) -> SpecIssue? {
        // Only a body containing `*` can have an alias.
        guard body.utf8.contains(UInt8(ascii: "*")) else { return nil }
        var bytes = Array(body.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer -> SpecIssue? in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return nil }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            return walk(&parser)
        }
    }

    private static func walk(_ parser: inout yaml_parser_t) -> SpecIssue? {
        // Expanded size of each anchored node; a later anchor of the same name shadows it.
        var anchorSizes: [String: Int] = [:]
        // Open collections: their anchor and expanded size so far.
        var open: [(anchor: String?, size: Int)] = []
        var aliased = 0

        func finish(_ size: Int, anchor: String?) {
            if let anchor { anchorSizes[anchor] = size }
            if !open.isEmpty { open[open.count - 1].size += size }
        }

        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
            defer { yaml_event_delete(&event) }
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return nil
            case YAML_SCALAR_EVENT:
                finish(1, anchor: string(event.data.scalar.anchor))
            case YAML_SEQUENCE_START_EVENT:
                open.append((string(event.data.sequence_start.anchor), 1))
            case YAML_MAPPING_START_EVENT:
                open.append((string(event.data.mapping_start.anchor), 1))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let collection = open.popLast() else { return nil }
                finish(collection.size, anchor: collection.anchor)
            case YAML_ALIAS_EVENT:
                // An alias of an unknown anchor is Yams's error to report.
                let size = string(event.data.alias.anchor).flatMap { anchorSizes[$0] } ?? 1
                aliased += size
                if aliased > maximumAliasedNodes {
                    return SpecIssue(
                        "YAML aliases in this block expand to more than \(maximumAliasedNodes.formatted) values; write the values out instead",
                        line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1,
                        notes: ["an alias (*name) stands for a copy of everything under its anchor (&name), so nested aliases multiply"])
                }
                finish(size, anchor: nil)
            default:
                continue
            }
        }
    }

    /// libyaml's limit on nested lists and mappings (`yaml_set_max_nest_level`'s default).
    static let libyamlMaximumNesting = 1_000

    /// How many lists and mappings are open where libyaml first stops with an
    /// error, or 0 when the body parses: tells "nested too deeply" from other
    /// errors by the structure, not by libyaml's wording.
    static func nestingDepthAtFirstError(_ body: String) -> Int {
        var bytes = Array(body.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer -> Int in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return 0 }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var depth = 0
            while true {
                var event = yaml_event_t()
                // The scanner runs ahead of the events: it may stop on the
                // 1,001st `[` while fewer collections have been opened.
                guard yaml_parser_parse(&parser, &event) == 1 else { return max(depth, Int(parser.flow_level) + 1) }
                defer { yaml_event_delete(&event) }
                switch event.type {
                case YAML_STREAM_END_EVENT: return 0
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT: depth += 1
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT: depth -= 1
                default: continue
                }
            }
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
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
