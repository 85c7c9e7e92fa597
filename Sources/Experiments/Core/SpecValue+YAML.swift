import Yams

extension SpecValue {
    /// The value a composed YAML node stands for. Aliases arrive resolved
    /// (Yams gives the anchored node itself), so a copy is made per use:
    /// `YAMLAliasBudget` has bounded how many that can be before compose.
    init(_ node: Node) {
        switch node {
        case .scalar(let scalar):
            self = .scalar(Scalar(scalar.string, style: Scalar.Style(scalar.style), mark: scalar.mark.map(Mark.init)))
        case .sequence(let sequence):
            self = .list(List(sequence.map(SpecValue.init), mark: sequence.mark.map(Mark.init)))
        case .mapping(let mapping):
            self = .mapping(Mapping(mapping.map { (key: SpecValue($0.key), value: SpecValue($0.value)) },
                                    mark: mapping.mark.map(Mark.init)))
        case .alias(let alias):
            // Yams' composer never returns an unresolved alias; one built by
            // hand reads as its name, so a message still shows what it is.
            self = .scalar(Scalar("*" + alias.anchor.rawValue, style: .plain, mark: alias.mark.map(Mark.init)))
        }
    }
}

extension SpecValue.Mark {
    init(_ mark: Yams.Mark) {
        self.init(line: mark.line, column: mark.column)
    }
}

extension SpecValue.Scalar.Style {
    init(_ style: Node.Scalar.Style) {
        switch style {
        case .singleQuoted: self = .singleQuoted
        case .doubleQuoted: self = .doubleQuoted
        case .literal: self = .literal
        case .folded: self = .folded
        // `.any` is what a scalar made in code has; the composer always
        // records the style written.
        default: self = .plain
        }
    }
}

extension SpecValue {
    /// A whole YAML text (a course's settings) read as a block body is: its
    /// aliases within the same budget, its errors in the same words and
    /// places, but named after `file` ("a key may appear once in
    /// course.yml", not "in a block"). `nil` for an empty text.
    public static func parse(yaml text: String, file: String) -> Result<SpecValue?, SpecIssue> {
        if let issue = YAMLAliasBudget.check(text) { return .failure(issue) }
        do {
            return .success(try Yams.compose(yaml: text).map(SpecValue.init))
        } catch let error as YamlError {
            return .failure(SpecReader.issue(from: error, body: text, file: file))
        } catch {
            return .failure(SpecIssue("not valid YAML: \(error)", line: 1, column: 1))
        }
    }
}
