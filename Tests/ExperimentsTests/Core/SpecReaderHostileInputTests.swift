import Testing
@testable import Experiments

/// YAML bodies built to exhaust time or memory: each gives one clear issue, quickly.
@Suite struct SpecReaderHostileInputTests {
    let keys = CommonKeys.descriptors + SoftmaxKind.keys

    func reader(_ body: String) -> SpecReader {
        SpecReader(body: body, kind: "softmax", descriptors: keys)
    }

    /// `a0: &a0 [1,…]`, `a1: &a1 [*a0,…]`, … nine wide and `depth` deep.
    static func laughs(depth: Int, indent: String = "") -> [String] {
        var lines = ["\(indent)a0: &a0 [1,1,1,1,1,1,1,1,1]"]
        for level in 1..<depth {
            lines.append("\(indent)a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ",") + "]")
        }
        return lines
    }

    /// Found by hand: an alias used as a mapping key made Yams hash the whole
    /// expansion (9^10 nodes) to look for duplicate keys, which never ended.
    /// The error's place shows that reading stopped at the alias that crossed
    /// the budget, long before composing; the time limit, far above a normal
    /// run on any machine, only catches a hang.
    @Test(.timeLimit(.minutes(10))) func billionLaughsAsAKeyIsRejectedBeforeComposing() throws {
        let body = (Self.laughs(depth: 10) + ["? *a9", ": 1", "logits: [1, 2]", "label: 0"]).joined(separator: "\n")
        let r = reader(body)
        let issue = try #require(r.issues.first)
        #expect(r.issues.count == 1)
        #expect(issue.message == "YAML aliases in this block expand to more than 100,000 values; write the values out instead")
        // a1…a4 add 74,718 values; the first `*a4` of `a5: &a5 [*a4,…]` (66,430 more) crosses the budget.
        #expect(issue.line == 6 && issue.column == 10)
    }

    /// However an alias becomes a key (explicit `?`, implicit, in a flow
    /// mapping, or inside a list or mapping that is the key), Yams would hash
    /// its whole expansion while composing: each is refused first, at the
    /// alias that crosses the budget (the first `*a4`, on line 6).
    @Test(.timeLimit(.minutes(10)), arguments: [
        "*a9 : 1",
        "x: {*a9: 1}",
        "? [x, *a9]\n: 1",
        "? {k: *a9}\n: 1",
        "[x, *a9]: 1",
    ])
    func billionLaughsInAnyKeyPositionIsRejectedBeforeComposing(key: String) throws {
        let body = (Self.laughs(depth: 10) + [key, "logits: [1, 2]", "label: 0"]).joined(separator: "\n")
        let r = reader(body)
        let issue = try #require(r.issues.first)
        #expect(r.issues.count == 1)
        #expect(issue.message == "YAML aliases in this block expand to more than 100,000 values; write the values out instead")
        #expect(issue.line == 6 && issue.column == 10)
    }

    /// A modest alias may still be a key, and it reads as the anchored text.
    @Test func aModestAliasIsAKey() {
        let r = reader("caption: &k label\nlogits: [1, 2]\n*k : 1\n")
        #expect(r.issues.isEmpty)
        #expect(r.string("caption") == "label")
        #expect(r.optionalInt("label") == 1)
    }

    /// Counting aliases never hides Yams's own error for an alias with no anchor.
    @Test func anUndefinedAliasIsYAMLsError() throws {
        let r = reader("classes: &c [a, b]\nlogits: [1, 2]\nlabel: *nope\n")
        let issue = try #require(r.issues.first)
        #expect(r.issues.count == 1)
        #expect(issue.message.hasPrefix("malformed YAML"))
        #expect(issue.line == 3 && issue.column == 8)
    }

    /// A `*` that is no alias (in an expression, a quoted caption) leaves the
    /// body as it was.
    @Test func starsThatAreNoAliasesAreText() {
        let r = reader("classes: &c [a, b]\nlogits: [1, 2]\nlabel: 0\ncaption: \"2*c is *c, not *d\"\nexpect: [\"probabilities[0] * 2 > 0\"]\n")
        #expect(r.issues.isEmpty)
        #expect(r.string("caption") == "2*c is *c, not *d")
    }

    @Test func billionLaughsAsAValueIsRejected() throws {
        let body = (["x:"] + Self.laughs(depth: 10, indent: "  ") + ["logits: *a9", "label: 0"]).joined(separator: "\n")
        let r = reader(body)
        #expect(r.issues.count == 1)
        #expect(r.issues.first?.message.hasPrefix("YAML aliases in this block expand to more than") == true)
    }

    @Test func modestAliasesStillWork() {
        let r = reader("classes: &c [cat, dog]\nlogits: [[1, 2], [3, 4]]\nlabel: [cat, dog]\ncaption: *c\n")
        #expect(r.issues.isEmpty)
        #expect(r.stringList("classes") == ["cat", "dog"])
        _ = r.optionalString("caption")
        #expect(r.issues.map(\.message) == ["'caption' must be text, found a list"])
    }

    /// A row of 1,000 logits shared by 100 rows is 100,000 values: just allowed.
    @Test func aliasBudgetBoundary() {
        let row = "row: &r [" + Array(repeating: "1", count: 999).joined(separator: ",") + "]\n"
        let within = row + "logits: [" + Array(repeating: "*r", count: 100).joined(separator: ",") + "]\n"
        #expect(!reader(within).issues.contains { $0.message.hasPrefix("YAML aliases") })
        let beyond = row + "logits: [" + Array(repeating: "*r", count: 101).joined(separator: ",") + "]\n"
        #expect(reader(beyond).issues.first?.message.hasPrefix("YAML aliases") == true)
    }

    @Test(arguments: [
        "logits: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000),
        "logits: " + String(repeating: "{a: ", count: 50_000) + "1" + String(repeating: "}", count: 50_000),
        "logits:\n" + (0..<1_500).map { String(repeating: "  ", count: $0) + "-" }.joined(separator: "\n"),
    ])
    func deepNestingIsOneClearIssue(body: String) throws {
        let r = reader(body)
        let issue = try #require(r.issues.first)
        #expect(r.issues.count == 1)
        #expect(issue.message == "YAML nested too deeply: at most 1,000 levels of lists and mappings")
        #expect(issue.line >= 1 && issue.column >= 1)
    }

    @Test func aMegabyteBodyIsRead() {
        let caption = (0..<10_000).map { _ in "  " + String(repeating: "x", count: 100) }.joined(separator: "\n")
        let r = reader("logits: [1, 2]\nlabel: 0\ncaption: |\n" + caption + "\n")
        #expect(r.issues.isEmpty)
        #expect(r.string("caption").count == 10_000 * 101)
    }
}
