extension String {
    /// The text with every run of whitespace (line breaks included) made one
    /// space and none at either end: what a one-line label or a search entry
    /// shows.
    ///
    /// One pass over the scalars, with a Unicode property lookup only for
    /// non-ASCII ones, and the text returned as it is when nothing needs
    /// collapsing: chart descriptions and search text run through here, and a
    /// split into Characters was a fifth of drawing a chart.
    public var collapsingWhitespace: String {
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            scalar.isASCII ? scalar == " " || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
        }
        var afterSpace = true
        var collapsed = true
        for scalar in unicodeScalars {
            if isSpace(scalar) {
                if afterSpace || scalar != " " { collapsed = false; break }
                afterSpace = true
            } else {
                afterSpace = false
            }
        }
        if collapsed, !afterSpace || isEmpty { return self }
        var line = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in unicodeScalars {
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
}
