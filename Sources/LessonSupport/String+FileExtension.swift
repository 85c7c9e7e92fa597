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
        slashSeparatedParts(keepingEmpty: false)
    }

    /// ``slashSeparatedParts``, keeping the empty parts when `keepingEmpty`
    /// is set (`"a//b/"` → `a`, ``, `b`, ``), for checks that refuse them.
    public func slashSeparatedParts(keepingEmpty: Bool) -> [String] {
        utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: !keepingEmpty)
            .map { String(decoding: $0, as: UTF8.self) }
    }

    /// Whether the path is absolute: its first byte is `/` (`"/\u{301}x"`
    /// starts with the character `/\u{301}`, so `hasPrefix("/")` is false).
    public var isAbsolutePath: Bool {
        utf8.first == UInt8(ascii: "/")
    }
}

extension StringProtocol {
    /// Whether the text starts with `prefix`, byte by byte. For names and
    /// paths: `hasPrefix` compares characters, so a mark after the prefix's
    /// last byte hides it (`".\u{301}x".hasPrefix(".")` is false: a hidden
    /// file), and canonically equivalent spellings match (`"caf\u{E9}/"`
    /// starts with `"cafe\u{301}"`), which the file system keeps apart.
    public func hasBytePrefix(_ prefix: String) -> Bool {
        utf8.starts(with: prefix.utf8)
    }

    /// Whether the text ends with `suffix`, byte by byte (see ``hasBytePrefix(_:)``).
    public func hasByteSuffix(_ suffix: String) -> Bool {
        utf8.reversed().starts(with: suffix.utf8.reversed())
    }

    /// Whether the two hold the same bytes; `==` on strings compares
    /// canonical equivalents as equal, two different names on disk.
    public func hasSameBytes(as other: some StringProtocol) -> Bool {
        utf8.elementsEqual(other.utf8)
    }
}

private func lowerASCII(_ byte: UInt8) -> UInt8 {
    (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
}
