import LessonMarkdown

/// A problem found in a lesson, printed as `path:line:col: error: message [code]`.
///
/// The ``code`` says what kind of problem it is: code decides behaviour, the
/// message is for people.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable { case error, warning, note }

    /// A supporting line printed after the diagnostic.
    public struct Note: Sendable, Hashable, Codable {
        public var message: String
        public var location: SourceLocation?
        public init(_ message: String, location: SourceLocation? = nil) {
            self.message = message
            self.location = location
        }
    }

    public var code: DiagnosticCode
    public var severity: Severity
    public var message: String
    public var location: SourceLocation?
    public var notes: [Note]

    public init(_ code: DiagnosticCode, _ message: String, at location: SourceLocation?, severity: Severity = .error,
                notes: [Note] = []) {
        self.code = code
        self.severity = severity
        self.message = message
        self.location = location
        self.notes = notes
    }

    /// The compiler-style text, optionally with ANSI colours (only when the
    /// stream is a terminal: CI problem matchers want plain text).
    public func formatted(color: Bool = false) -> String {
        func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
        let severityColor = severity == .error ? "1;31" : severity == .warning ? "1;35" : "1;36"
        var lines: [String] = []
        let place = location.map { "\($0): " } ?? ""
        lines.append(paint(place, "1") + paint("\(severity.rawValue):", severityColor) + " " + paint(message, "1")
                     + paint(" [\(code.name)]", "2"))
        for note in notes {
            let notePlace = note.location.map { "\($0): " } ?? ""
            lines.append(paint(notePlace, "1") + paint("note:", "1;36") + " " + note.message)
        }
        return lines.joined(separator: "\n")
    }

    public var description: String { formatted() }

    /// The GitHub Actions workflow command that shows this diagnostic on the
    /// line of the pull request it is about.
    public var githubAnnotation: String {
        func escapeData(_ s: String) -> String {
            s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
                .replacingOccurrences(of: "\n", with: "%0A")
        }
        func escapeProperty(_ s: String) -> String {
            escapeData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
        }
        let command = severity == .error ? "error" : severity == .warning ? "warning" : "notice"
        var properties: [String] = []
        if let location {
            properties.append("file=\(escapeProperty(location.path))")
            properties.append("line=\(location.line)")
            properties.append("col=\(location.column)")
        }
        properties.append("title=\(escapeProperty(code.name))")
        let body = ([message] + notes.map(\.message)).joined(separator: "\n")
        return "::\(command)\(properties.isEmpty ? "" : " " + properties.joined(separator: ","))::\(escapeData(body))"
    }
}
