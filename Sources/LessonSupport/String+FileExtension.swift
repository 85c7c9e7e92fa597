extension StringProtocol {
    /// Whether the name ends with `suffix` (`.md`, `.html`), compared byte by
    /// byte and ignoring ASCII case.
    ///
    /// Not `hasSuffix`, which compares characters: a name whose last letter
    /// before the dot is a prepending mark (U+06DD ARABIC END OF AYAH, U+0600…)
    /// makes that mark and the dot one character, so `"\u{6DD}.md"` does not
    /// have the suffix `".md"` — such a lesson was skipped by discovery, and its
    /// page name lost its extension (found by the `names` fuzzer).
    public func hasFileSuffix(_ suffix: String) -> Bool {
        let name = Array(utf8), tail = Array(suffix.utf8)
        guard name.count >= tail.count else { return false }
        return zip(name[(name.count - tail.count)...], tail).allSatisfy { lowerASCII($0) == lowerASCII($1) }
    }
}

extension String {
    /// The name without its last `.extension` (compared by bytes, as
    /// ``hasFileSuffix(_:)``); the name itself when it has none, starts with
    /// its only dot, or ends with one.
    public var droppingFileExtension: String {
        let bytes = Array(utf8)
        guard let dot = bytes.lastIndex(of: UInt8(ascii: ".")), dot > 0, dot < bytes.count - 1,
              !bytes[(dot + 1)...].contains(UInt8(ascii: "/")) else { return self }
        return String(decoding: bytes[..<dot], as: UTF8.self)
    }
}

extension String {
    /// The parts between `/`s, split by bytes: a character may join a `/` to
    /// the mark before it (`"x\u{6DD}/a"` is three characters, `x`, `\u{6DD}/`
    /// and `a`), so `split(separator: "/")` would not split there. Empty parts
    /// (from `//` or a leading `/`) are dropped.
    public var slashSeparatedParts: [String] {
        utf8.split(separator: UInt8(ascii: "/")).map { String(decoding: $0, as: UTF8.self) }
    }
}

private func lowerASCII(_ byte: UInt8) -> UInt8 {
    (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
}
