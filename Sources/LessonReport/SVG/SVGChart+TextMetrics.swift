extension SVGChart {
    /// Estimates how wide text renders, so labels can be laid out and truncated
    /// without a font engine.
    ///
    /// The widths are Helvetica's advance widths (in 1/1000 em) for printable
    /// ASCII, scaled up a little because the usual UI fonts (Segoe UI, Roboto,
    /// DejaVu Sans) run slightly wider. Wide East Asian characters and emoji count
    /// as 1 em, combining marks as 0. Overestimating is the safe side: a label
    /// gets a little more room than it needs, never less.
    enum TextMetrics {
        static let ellipsis = "…"

        static func width(_ text: String, fontSize: Double, bold: Bool = false) -> Double {
            var units = 0.0
            for scalar in text.unicodeScalars { units += advance(scalar) }
            return units / 1000 * fontSize * (bold ? boldWidthFactor : widthFactor)
        }

        /// `text` cut at a character boundary and ended with "…" so that it fits
        /// in `maxWidth`; `truncated` tells whether anything was cut.
        static func truncate(_ text: String, maxWidth: Double, fontSize: Double,
                             bold: Bool = false) -> (text: String, truncated: Bool) {
            if width(text, fontSize: fontSize, bold: bold) <= maxWidth { return (text, false) }
            let budget = maxWidth - width(ellipsis, fontSize: fontSize, bold: bold)
            var kept = ""
            var used = 0.0
            for character in text {
                let characterWidth = width(String(character), fontSize: fontSize, bold: bold)
                if used + characterWidth > budget { break }
                kept.append(character)
                used += characterWidth
            }
            while let last = kept.last, last.isWhitespace { kept.removeLast() }
            return (kept + ellipsis, true)
        }

        /// `text` broken at spaces into lines no wider than `maxWidth`, at most
        /// `maxLines` of them; a word wider than a line is cut by characters.
        /// Only when the lines run out is the last one shortened with "…"
        /// (`truncated`), and the caller puts the full text in a `<title>`.
        static func wrap(_ text: String, maxWidth: Double, fontSize: Double, bold: Bool = false,
                         maxLines: Int) -> (lines: [String], truncated: Bool) {
            if width(text, fontSize: fontSize, bold: bold) <= maxWidth || maxLines <= 1 {
                let (line, cut) = truncate(text, maxWidth: maxWidth, fontSize: fontSize, bold: bold)
                return ([line], cut)
            }
            var lines: [String] = []
            var current = ""
            func fits(_ candidate: String) -> Bool { width(candidate, fontSize: fontSize, bold: bold) <= maxWidth }
            for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
                let candidate = current.isEmpty ? word : current + " " + word
                if fits(candidate) {
                    current = candidate
                    continue
                }
                if !current.isEmpty { lines.append(current) }
                current = word
                // A word wider than a whole line: cut it by characters.
                while !fits(current) {
                    var head = ""
                    for character in current {
                        if !fits(head + String(character)) { break }
                        head.append(character)
                    }
                    if head.isEmpty { head = String(current.prefix(1)) }
                    lines.append(head)
                    current = String(current.dropFirst(head.count))
                }
            }
            if !current.isEmpty { lines.append(current) }
            if lines.count <= maxLines { return (lines, false) }
            var kept = Array(lines.prefix(maxLines))
            let rest = lines[(maxLines - 1)...].joined(separator: " ")
            kept[maxLines - 1] = truncate(rest, maxWidth: maxWidth, fontSize: fontSize, bold: bold).text
            return (kept, true)
        }

        private static let widthFactor = 1.2
        private static let boldWidthFactor = 1.32

        private static func advance(_ scalar: Unicode.Scalar) -> Double {
            let value = scalar.value
            if value >= 32, value < 127 { return asciiAdvances[Int(value - 32)] }
            switch value {
            case 0x0300...0x036F, 0x200B...0x200F, 0xFE00...0xFE0F: return 0
            case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF,
                 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1FAFF,
                 0x20000...0x3FFFD:
                return 1000
            case 0x2070...0x209F, 0x00B2, 0x00B3, 0x00B9: return 400  // superscripts
            case 0x2212, 0x00D7: return 584                             // − ×
            case 0x2026: return 1000                                    // …
            default: return 600
            }
        }

        /// Helvetica advance widths for U+0020 … U+007E.
        private static let asciiAdvances: [Double] = [
            278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,  // space … /
            556, 556, 556, 556, 556, 556, 556, 556, 556, 556,                                // 0 … 9
            278, 278, 584, 584, 584, 556, 1015,                                              // : … @
            667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,                 // A … M
            722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611,                 // N … Z
            278, 278, 278, 469, 556, 333,                                                    // [ … `
            556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833,                 // a … m
            556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500,                 // n … z
            334, 260, 334, 584,                                                              // { … ~
        ]
    }
}
