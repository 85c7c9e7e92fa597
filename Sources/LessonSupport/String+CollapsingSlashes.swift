extension String {
    /// The path with every run of `/` made one (`lessons//π` → `lessons/π`).
    ///
    /// Paths a user typed pass through here before any NSString path call:
    /// Foundation's (swift-corelibs 6.3) slash fixing traps on `//` followed
    /// by a last component of one non-ASCII character (`lessons//π`), which
    /// crashed `lesson check` (found by the `names` fuzzer).
    public var collapsingSlashes: String {
        guard contains("//") else { return self }
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
