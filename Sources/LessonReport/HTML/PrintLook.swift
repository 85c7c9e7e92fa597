import LessonResults

/// What a printed page (and a PDF) carries that the screen does not: a
/// running header with the course, the lesson, LessonRunner's version and
/// the date of the render. Chromium draws CSS page-margin boxes
/// (`@page { @top-left { … } }`) since version 131; the text is the page's
/// own, so it goes into the page's head rather than the shared stylesheet.
enum PrintLook {
    /// A `<style media="print">` for the head; `number` is the lesson's
    /// place in the course (nil for a page outside one).
    static func runningHeader(lesson: String, number: Int?, words: InterfaceWords, options: RenderOptions,
                              pageName: String? = nil) -> String {
        let left = [options.courseTitle, number.map { words.lessonNumber($0) + ": " + lesson } ?? lesson]
            .compactMap { $0 }.joined(separator: " · ")
        let right = ["LessonRunner \(LessonRunnerVersion.string)", options.renderDate].compactMap { $0 }.joined(separator: " · ")
        let selector = pageName.map { "@page \($0)" } ?? "@page"
        return "<style media=\"print\">\(selector) { @top-left { content: \(cssString(left)); } @top-right { content: \(cssString(right)); } }</style>\n"
    }

    /// `text` as a CSS string: quotes, backslashes, line breaks and `<` (so
    /// a title cannot close the `<style>`) as escapes.
    static func cssString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"", "\\", "<", ">", "&", "\n", "\r", "\u{0C}":
                out += "\\" + String(scalar.value, radix: 16) + " "
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
