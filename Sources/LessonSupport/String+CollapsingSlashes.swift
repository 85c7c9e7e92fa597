extension String {
    /// The path with every run of `/` made one (`lessons//π` → `lessons/π`).
    ///
    /// Paths a user typed pass through here before any NSString path call:
    /// Foundation's (swift-corelibs 6.3) slash fixing traps on `//` followed
    /// by a last component of one non-ASCII character (`lessons//π`), which
    /// crashed `lesson check` (found by the `names` fuzzer).
    public var collapsingSlashes: String {
        // Looked for by bytes: `contains("//")` compares characters and
        // missed `a//\u{301}b`, whose second slash is joined to the mark.
        guard zip(utf8, utf8.dropFirst()).contains(where: { $0 == UInt8(ascii: "/") && $1 == UInt8(ascii: "/") }) else { return self }
        var out = ""
        var afterSlash = false
        for scalar in unicodeScalars {
            if scalar == "/" {
                if afterSlash { continue }
                afterSlash = true
            } else {
                afterSlash = false
            }
            out.unicodeScalars.append(scalar)
        }
        return out
    }
}
