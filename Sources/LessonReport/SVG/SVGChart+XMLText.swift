import LessonSupport

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
            text.collapsingWhitespace
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
