import Experiments
import LessonMarkdown
import LessonResults
import LessonSupport

extension ChartRequest {
    static let fields = ["y", "x", "title", "x_label", "y_label", "y_scale"]
    static let maximumCharts = 4
    static let maximumLines = 12

    /// Reads `chart:` (one mapping, or a list of up to ``maximumCharts``);
    /// problems go to `reader` at the value that is wrong.
    static func decode(_ reader: SpecReader, block: ExperimentBlock) -> [ChartRequest] {
        guard reader.has("chart"), let node = reader.value("chart") else { return [] }
        func place(_ node: SpecValue) -> SourceLocation {
            block.fileLocation(bodyLine: node.mark?.line ?? 0, bodyColumn: node.mark?.column ?? 0)
        }
        let items: [SpecValue]
        switch node {
        case .mapping: items = [node]
        case .list(let list) where (1...maximumCharts).contains(list.count): items = Array(list)
        default:
            reader.fail(at: node, "'chart' must be a mapping such as '{y: [net[0].norm, net[1].norm]}' or a list of 1…\(maximumCharts) of them, "
                        + "found \(node.describedWithLength)")
            return []
        }
        return items.compactMap { decodeOne($0, reader: reader, place: place) }
    }

    private static func decodeOne(_ node: SpecValue, reader: SpecReader, place: (SpecValue) -> SourceLocation) -> ChartRequest? {
        guard case .mapping(let mapping) = node else {
            reader.fail(at: node, "each chart must be a mapping such as '{y: [net[0].norm], title: …}', found \(SpecReader.describe(node))")
            return nil
        }
        var request = ChartRequest(x: nil, lines: [], title: "", xLabel: "", yLabel: "", logY: false, location: place(node))
        var sawY = false
        for (keyNode, value) in mapping {
            let name = keyNode.scalar?.string ?? ""
            guard fields.contains(name) else {
                reader.fail(at: keyNode, "unknown field '\(name)' in 'chart'" + Suggestion.didYouMean(name, in: fields),
                            notes: ["a chart takes: " + fields.joined(separator: ", ")])
                continue
            }
            if name == "y" {
                sawY = true
                request.lines = decodeLines(value, reader: reader, place: place)
                continue
            }
            if name == "x", case .list(let items) = value {
                request.x = decodeWrittenX(Array(items), at: value, reader: reader, place: place)
                continue
            }
            guard case .scalar(let scalar) = value else {
                reader.fail(at: value, "chart's '\(name)' must be a single value, found \(SpecReader.describe(value))")
                continue
            }
            switch name {
            case "x":
                request.x = decodeLine(scalar.string, label: scalar.string, at: value, what: "chart's 'x'", reader: reader, place: place)
                if request.xLabel.isEmpty { request.xLabel = TableRequest.defaultLabel(scalar.string) }
            case "title": request.title = scalar.string
            case "x_label": request.xLabel = scalar.string
            case "y_label": request.yLabel = scalar.string
            default:
                switch scalar.string {
                case "log": request.logY = true
                case "linear": request.logY = false
                default:
                    reader.fail(at: value, "chart's 'y_scale' must be 'linear' or 'log', found '\(scalar.string)'"
                                + Suggestion.didYouMean(scalar.string, in: ["linear", "log"]))
                }
            }
        }
        guard sawY else {
            reader.fail(at: node, "a chart needs 'y', the lines to draw: a value that is a list of numbers, e.g. '{y: net[0].norm}'")
            return nil
        }
        if request.title.isEmpty { request.title = request.lines.map(\.label).joined(separator: ", ") }
        return request.lines.isEmpty ? nil : request
    }

    /// `y` as one value, a list of values, or a mapping of values to their labels.
    private static func decodeLines(_ node: SpecValue, reader: SpecReader, place: (SpecValue) -> SourceLocation) -> [Line] {
        var written: [(text: String, label: String, at: SpecValue)] = []
        switch node {
        case .scalar(let scalar):
            written = [(scalar.string, scalar.string, node)]
        case .list(let list):
            for item in list {
                guard case .scalar(let scalar) = item else {
                    reader.fail(at: item, "each line of chart's 'y' must be a value such as 'net[0].norm', found \(SpecReader.describe(item))")
                    continue
                }
                written.append((scalar.string, scalar.string, item))
            }
        case .mapping(let mapping):
            for (keyNode, value) in mapping {
                guard case .scalar(let label) = value else {
                    reader.fail(at: value, "a line's label must be text, found \(SpecReader.describe(value))")
                    continue
                }
                written.append((keyNode.scalar?.string ?? "", label.string, keyNode))
            }
        }
        // Counted as written: a line whose label is wrong has its own error,
        // and `{probabilities: [1]}` does not also "name 0 lines".
        let named: Int
        switch node {
        case .scalar: named = 1
        case .list(let list): named = list.count
        case .mapping(let mapping): named = mapping.count
        }
        guard (1...maximumLines).contains(named) else {
            reader.fail(at: node, "chart's 'y' must name 1…\(maximumLines) lines, found \(named)")
            return []
        }
        return written.compactMap { decodeLine($0.text, label: $0.label, at: $0.at, reader: reader, place: place) }
    }

    /// `x: [1, 2, 4]`, the numbers written out (as `lesson kinds` puts it,
    /// "a list of numbers"), read as the expression `[1, 2, 4]`. Each item is
    /// checked on its own, by the expression language's rule for a number,
    /// so that a problem points at the item the author wrote.
    private static func decodeWrittenX(_ items: [SpecValue], at node: SpecValue, reader: SpecReader,
                                       place: (SpecValue) -> SourceLocation) -> Line? {
        guard !items.isEmpty else {
            reader.fail(at: node, "chart's 'x' is an empty list: write the numbers to draw against ('x: [1, 2, 4]'), "
                        + "or leave 'x' out to number the points 1, 2, 3, …")
            return nil
        }
        var numbers: [String] = []
        for item in items {
            guard case .scalar(let scalar) = item else {
                reader.fail(at: item, "chart's 'x' must be a value that is a list of numbers ('x: layers') or the numbers "
                            + "themselves ('x: [1, 2, 4]'), found \(SpecReader.describe(item)) in the list")
                continue
            }
            guard let number = writtenNumber(scalar.string) else {
                reader.fail(at: item, "chart's 'x' must be a value that is a list of numbers ('x: layers') or the numbers "
                            + "themselves ('x: [1, 2, 4]'), found '\(Excerpt.clipped(scalar.string))' in the list")
                continue
            }
            guard number.isFinite else {
                reader.fail(at: item, "'\(Excerpt.clipped(scalar.string))' in chart's 'x' is too large to draw")
                continue
            }
            numbers.append(scalar.string)
        }
        guard numbers.count == items.count else { return nil }
        let text = "[" + numbers.joined(separator: ", ") + "]"
        return decodeLine(text, label: text, at: node, what: "chart's 'x'", reader: reader, place: place)
    }

    /// The number `text` is by the rule of `expect:` lines (`4`, `0.5`,
    /// `1e-3`, `-2`), or `nil` for anything else (`0x10`, `two`, `1 + 1`).
    private static func writtenNumber(_ text: String) -> Double? {
        switch try? Expression.parse(text) {
        case .number(let x): x
        case .unary("-", .number(let x)): -x
        default: nil
        }
    }

    private static func decodeLine(_ text: String, label: String, at node: SpecValue, what: String = "chart line",
                                   reader: SpecReader, place: (SpecValue) -> SourceLocation) -> Line? {
        reader.expression(text, at: node, what: what).map { Line(text: text, expression: $0, label: label, location: place(node)) }
    }
}
