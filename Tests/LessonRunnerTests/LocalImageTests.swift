import LessonResults
import LessonSupport
import Testing

/// Image paths are read at every `/` byte: a `/` joined to a mark (`/\u{301}`,
/// `\u{6DD}/`) is one character, which a split by characters does not see.
@Suite struct LocalImageTests {
    @Test(arguments: ["../\u{301}x.png", "/\u{301}x.png", "a/\u{301}/../../x.png", "..\u{6DD}/../x.png"])
    func aPathLeavingTheFolderIsRefused(source: String) {
        #expect(LocalImage.relativePath(source) == nil)
    }

    @Test func partsAreSplitAtEverySlashByte() {
        #expect(LocalImage.relativePath("img/\u{301}a.png") == "img/\u{301}a.png")
        #expect(LocalImage.relativePath("./x\u{6DD}/./a.png") == "x\u{6DD}/a.png")
        // The query's `?` is joined to the mark after it.
        #expect(LocalImage.relativePath("a.png?\u{301}v=2") == "a.png")
    }

    @Test(arguments: [
        ("img/.\u{301}x.png", "has a name starting with '.'"),
        ("x\u{6DD}/.a.png", "has a name starting with '.'"),
        ("assets/\u{301}x.png", "is inside assets/"),
        ("a.html/\u{301}x.png", "is inside a folder named like a page"),
    ])
    func aJoinedSlashHidesNoRule(relative: String, problem: String) {
        #expect(LocalImage.nameProblem(relative)?.hasPrefix(problem) == true, "\(relative): \(LocalImage.nameProblem(relative) ?? "none")")
    }

    /// The `names` fuzzer's crash inputs (`Fuzz/artifacts/names/crash-*`),
    /// byte for byte and named as its harness names them: an image name
    /// that passes keeps every rule when read by bytes.
    @Test func theFuzzerCrashInputsKeepTheRules() {
        let crashes = [
            [0x2C, 0x2E, 0x22, 0x25, 0xFF, 0x26, 0x9D, 0x9D, 0x9D, 0xA4, 0xA4, 0xDB, 0x9D, 0xDB, 0x9D, 0x2F]
                + [UInt8](repeating: 0x88, count: 9) + [0x6E, 0x67],
            [0xDB, 0x9D],
        ].map { String(decoding: $0, as: UTF8.self) }
        for crash in crashes {
            for name in [crash, crash + ".png", "img/\(crash).png", "\(crash)/.x.png", "\(crash)/../../x.png", "assets/\(crash).png"] {
                guard let relative = LocalImage.relativePath(name), LocalImage.nameProblem(relative) == nil else { continue }
                let parts = relative.slashSeparatedParts(keepingEmpty: true)
                #expect(!parts.contains { $0.hasBytePrefix(".") || $0.isEmpty }, "\(relative)")
                #expect(parts.count == 1 || parts[0].lowercased() != "assets", "\(relative)")
                #expect(relative.hasFileSuffix(".png"), "\(relative)")
            }
        }
        #expect(LocalImage.relativePath("img/\(crashes[0]).png").map(LocalImage.nameProblem) == .some(nil))
    }
}
