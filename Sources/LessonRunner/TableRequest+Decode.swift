import Experiments
import LessonMarkdown
import LessonResults
import LessonSupport

extension TableRequest {
    static let fields = ["columns", "rows", "from", "caption"]
    static let columnFields = ["label", "format", "better"]
    static let maximumColumns = 32
    static let maximumRows = 64

    /// Reads `table:`; problems go to `reader` at the value that is wrong.
    static func decode(_ reader: SpecReader, block: ExperimentBlock, kind: AnyExperimentKind) -> TableRequest? {
        guard reader.has("table"), let node = reader.value("table") else { return nil }
        func place(_ node: SpecValue) -> SourceLocation {
            block.fileLocation(bodyLine: node.mark?.line ?? 0, bodyColumn: node.mark?.column ?? 0)
        }
        var request = TableRequest(columns: [], rows: nil, from: nil, fromLocation: place(node), caption: nil, location: place(node))
        var columnsNode: SpecValue?
        var fromWritten = false
        switch node {
        case .list:
            columnsNode = node
        case .mapping(let mapping):
            for (keyNode, value) in mapping {
                let name = keyNode.scalar?.string ?? ""
                guard fields.contains(name) else {
                    reader.fail(at: keyNode, "unknown field '\(name)' in 'table'" + Suggestion.didYouMean(name, in: fields),
                                notes: ["table takes: " + fields.joined(separator: ", ")])
                    continue
                }
                switch name {
                case "columns":
                    columnsNode = value
                case "rows":
                    request.rows = decodeRows(value, reader: reader, place: place)
                case "from":
                    fromWritten = true
                    request.fromLocation = place(value)
                    request.from = decodeFrom(value, reader: reader, kind: kind)
                default:
                    guard case .scalar(let scalar) = value else {
                        reader.fail(at: value, "table's 'caption' must be text, found \(SpecReader.describe(value))")
                        continue
                    }
                    request.caption = scalar.string
                }
            }
            if columnsNode == nil {
                reader.fail(at: node, "'table' needs its 'columns', e.g. 'table: {columns: [name, test_accuracy]}'")
                return nil
            }
        default:
            reader.fail(at: node, "'table' must be a list of columns such as '[name, test_accuracy]' or a mapping with 'columns', found \(SpecReader.describe(node))")
            return nil
        }
        // A misspelt `from` has its own message; this one is for a missing one.
        if kind.table == nil, !fromWritten {
            let records = kind.values.filter { $0.type.contains("record") }.map(\.name)
            reader.fail(at: node, "'\(kind.name)' has no default rows for a table; say which value they come from with 'from'",
                        notes: records.isEmpty ? [] : ["values with records: " + records.joined(separator: ", ")])
        }
        if let columnsNode { request.columns = decodeColumns(columnsNode, reader: reader, place: place) }
        return request
    }

    private static func decodeColumns(_ node: SpecValue, reader: SpecReader, place: (SpecValue) -> SourceLocation) -> [Column] {
        guard case .list(let sequence) = node, (1...maximumColumns).contains(sequence.count) else {
            reader.fail(at: node, "table's 'columns' must be a list of 1…\(maximumColumns) columns such as '[name, test_accuracy]', found \(node.describedWithLength)")
            return []
        }
        var columns: [Column] = []
        for item in sequence {
            var expressionNode = item
            var options: SpecValue?
            if case .mapping(let mapping) = item {
                guard mapping.count == 1, let (keyNode, value) = mapping.first else {
                    reader.fail(at: item, "a column with settings is one 'value: {label: …, format: …}', found \(mapping.count) entries; give each column its own item")
                    continue
                }
                expressionNode = keyNode
                options = value
            }
            guard case .scalar(let scalar) = expressionNode, !scalar.string.isEmpty else {
                reader.fail(at: item, "each column must be a value's name such as 'test_accuracy', found \(SpecReader.describe(item))")
                continue
            }
            let text = scalar.string
            guard let expression = reader.expression(text, at: expressionNode, what: "column") else { continue }
            var column = Column(text: text, expression: expression, label: defaultLabel(text), format: .automatic,
                                better: nil, location: place(expressionNode))
            if let options { decodeOptions(options, into: &column, reader: reader) }
            columns.append(column)
        }
        return columns
    }

    private static func decodeOptions(_ node: SpecValue, into column: inout Column, reader: SpecReader) {
        if case .scalar(let label) = node {
            column.label = label.string
            return
        }
        guard case .mapping(let mapping) = node else {
            reader.fail(at: node, "a column's settings must be a label or a mapping such as '{label: \"test acc.\", format: \".1%\"}', found \(SpecReader.describe(node))")
            return
        }
        for (keyNode, value) in mapping {
            let name = keyNode.scalar?.string ?? ""
            guard columnFields.contains(name) else {
                reader.fail(at: keyNode, "unknown setting '\(name)' of column '\(column.text)'" + Suggestion.didYouMean(name, in: columnFields),
                            notes: ["a column takes: " + columnFields.joined(separator: ", ")])
                continue
            }
            guard case .scalar(let scalar) = value else {
                reader.fail(at: value, "column '\(column.text)': '\(name)' must be a single value, found \(SpecReader.describe(value))")
                continue
            }
            switch name {
            case "label":
                column.label = scalar.string
            case "format":
                let format = InlineFormat.parse(scalar.string.hasPrefix(":") ? String(scalar.string.dropFirst()) : scalar.string)
                if case .invalid = format {
                    reader.fail(at: value, "column '\(column.text)': unknown format '\(scalar.string)'; use '%', '.1%', '.3f', '.2e' or '.4g'")
                } else {
                    column.format = format
                }
            default:
                guard let better = TableBetter(rawValue: scalar.string) else {
                    reader.fail(at: value, "column '\(column.text)': 'better' must be 'higher' or 'lower', found '\(scalar.string)'"
                                + Suggestion.didYouMean(scalar.string, in: TableBetter.allCases.map(\.rawValue)))
                    continue
                }
                column.better = better
            }
        }
    }

    private static func decodeRows(_ node: SpecValue, reader: SpecReader, place: (SpecValue) -> SourceLocation) -> [Row]? {
        guard case .list(let sequence) = node, (1...maximumRows).contains(sequence.count) else {
            reader.fail(at: node, "table's 'rows' must be a list of 1…\(maximumRows) row names such as '[sgd, adam]', found \(node.describedWithLength)")
            return nil
        }
        var rows: [Row] = []
        for item in sequence {
            guard case .scalar(let scalar) = item else {
                reader.fail(at: item, "each of table's 'rows' must be a row's name, found \(SpecReader.describe(item))")
                continue
            }
            rows.append(Row(name: scalar.string, location: place(item)))
        }
        return rows
    }

    private static func decodeFrom(_ node: SpecValue, reader: SpecReader, kind: AnyExperimentKind) -> String? {
        guard case .scalar(let scalar) = node, !scalar.string.isEmpty else {
            reader.fail(at: node, "table's 'from' must name a value, found \(SpecReader.describe(node))")
            return nil
        }
        let name = scalar.string
        let root = String(name.prefix { $0 != "." && $0 != "[" })
        let known = kind.values.map(\.name)
        if !known.isEmpty, !known.contains(root) {
            let records = kind.values.filter { $0.type.contains("record") }.map(\.name)
            reader.fail(at: node, "'\(kind.name)' has no value '\(root)' to take rows from" + Suggestion.didYouMean(root, in: records.isEmpty ? known : records),
                        notes: records.isEmpty ? [] : ["values with records: " + records.joined(separator: ", ")])
            return nil
        }
        return name
    }

    /// "test accuracy" for `test_accuracy`; an expression keeps its text.
    static func defaultLabel(_ text: String) -> String {
        text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } ? text.replacingOccurrences(of: "_", with: " ") : text
    }
}
