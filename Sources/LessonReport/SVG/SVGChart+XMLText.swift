extension SVGChart {
    /// Turns author-written text into something safe to put inside SVG/HTML,
    /// as element content or a double-quoted attribute value.
    enum XMLText {
        /// Escapes `& < > " '`, turns tabs and line breaks into spaces (SVG text
        /// does not wrap), and drops characters XML 1.0 forbids (other control
        /// characters, U+FFFE, U+FFFF) so the result is always well-formed.
        static func escaped(_ text: String) -> String {
            if !text.unicodeScalars.contains(where: needsWork) { return text }
            var cleaned = String.UnicodeScalarView()
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\t", "\n", "\r": cleaned.append(" ")
                default: if !isForbidden(scalar) { cleaned.append(scalar) }
                }
            }
            return HTML.escape(String(cleaned))
        }

        /// Collapses runs of whitespace (including line breaks) into single
        /// spaces and trims the ends — what a one-line label should show.
        static func singleLine(_ text: String) -> String {
            // One pass over the scalars (a Unicode property lookup only for
            // non-ASCII ones): a chart's description is long, and splitting it
            // into Characters was a fifth of drawing a chart.
            func isSpace(_ scalar: Unicode.Scalar) -> Bool {
                scalar.isASCII ? scalar == " " || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
            }
            var afterSpace = true
            var normal = true
            for scalar in text.unicodeScalars {
                if isSpace(scalar) {
                    if afterSpace || scalar != " " { normal = false; break }
                    afterSpace = true
                } else {
                    afterSpace = false
                }
            }
            if normal, !afterSpace || text.isEmpty { return text }
            var line = String.UnicodeScalarView()
            var pendingSpace = false
            for scalar in text.unicodeScalars {
                if isSpace(scalar) {
                    pendingSpace = !line.isEmpty
                } else {
                    if pendingSpace { line.append(" ") }
                    pendingSpace = false
                    line.append(scalar)
                }
            }
            return String(line)
        }

        private static func needsWork(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar {
            case "&", "<", ">", "\"", "'", "\t", "\n", "\r": true
            default: isForbidden(scalar)
            }
        }

        private static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
            scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF
        }
    }
}
