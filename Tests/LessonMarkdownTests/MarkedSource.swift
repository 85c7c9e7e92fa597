import LessonMarkdown

/// Lesson text with position markers such as `⟨1⟩` in it.
///
/// The markers are removed before parsing; a test asserts that a location the
/// loader reports is exactly where a marker stood. Markers count for nothing,
/// so columns are those of the text without them (in Unicode scalars).
struct MarkedSource {
    /// The text without markers.
    let text: String
    private let markers: [String: (line: Int, column: Int)]
    let path: String

    init(_ marked: String, path: String = "lesson.md") {
        var text = String.UnicodeScalarView()
        var markers: [String: (line: Int, column: Int)] = [:]
        var line = 1
        var column = 1
        var scalars = marked.unicodeScalars[...]
        while let scalar = scalars.first {
            scalars = scalars.dropFirst()
            if scalar == "⟨", let close = scalars.firstIndex(of: "⟩") {
                markers[String(String.UnicodeScalarView(scalars[..<close]))] = (line, column)
                scalars = scalars[scalars.index(after: close)...]
                continue
            }
            text.append(scalar)
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        self.text = String(text)
        self.markers = markers
        self.path = path
    }

    /// Where marker `name` stood.
    func location(_ name: String) -> SourceLocation {
        let position = markers[name] ?? (0, 0)
        return SourceLocation(path: path, line: position.line, column: position.column)
    }

    /// Parses the text without markers.
    func parse() -> Lesson {
        LessonLoader.parse(text, path: path)
    }

    /// The same text with CRLF line endings and/or a byte-order mark, as bytes.
    func bytes(crlf: Bool = false, bom: Bool = false) -> [UInt8] {
        let body = crlf ? text.replacingOccurrences(of: "\n", with: "\r\n") : text
        return (bom ? [0xEF, 0xBB, 0xBF] : []) + Array(body.utf8)
    }
}

private extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
