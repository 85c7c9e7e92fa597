import Testing
@testable import Experiments

/// The messages of issue 8, item 12: each at the right place, in plain words.
@Suite struct SpecReaderMessageTests {
    func read(_ body: String) -> SpecReader {
        SpecReader(body: body, kind: "softmax", descriptors: CommonKeys.descriptors + SoftmaxKind.keys)
    }

    @Test func aDuplicateKeyIsReportedAtTheDuplicate() throws {
        let r = read("logits: [1, 2]\nlabel: 0\nlogits: [3, 4]\n")
        let issue = try #require(r.issues.first)
        #expect(issue.line == 3 && issue.column == 1, "\(issue)")
        #expect(issue.message == "duplicate key 'logits': a key may appear once in a block; keep one")
        #expect(issue.notes == ["first written on line 1 of the block"])
    }

    /// A misspelt key is taken for the required key that is missing, not
    /// for another key just as close ('lable': 'label', not 'table').
    @Test func aMisspeltKeySuggestsTheMissingRequiredOne() throws {
        let r = read("logits: [1, 2]\nlable: 1\n")
        let unknown = try #require(r.issues.first { $0.message.hasPrefix("unknown key") })
        #expect(unknown.message.hasSuffix("did you mean 'label'?"), "\(unknown.message)")
        // Given already, a key is not what a typo meant.
        let given = read("logits: [1, 2]\nlabel: 1\ntabel: 3\n")
        let other = try #require(given.issues.first { $0.message.hasPrefix("unknown key") })
        #expect(other.message.hasSuffix("did you mean 'table'?"), "\(other.message)")
    }

    @Test func aDuplicateKeyInsideAListItem() throws {
        let r = read("logits: [1, 2]\nlabel: 0\nexpect:\n  - a: 1\n    b: 2\n    a: 3\n")
        let issue = try #require(r.issues.first)
        #expect(issue.line == 6, "\(issue)")
    }

    @Test func aTypeErrorThroughAnAliasIsReportedAtTheKey() throws {
        let r = read("logits: &a [1, 2]\nlabel: 0\nid: *a\n")
        _ = r.optionalString("id")
        let issue = try #require(r.issues.first)
        #expect(issue.message == "'id' must be text, found a list", "\(r.issues)")
        #expect(issue.line == 3 && issue.column == 1, "\(issue)")
        #expect(issue.notes.contains("the value comes through an alias from line 1 of the block"))
    }

    @Test func tabIndentationIsNamed() throws {
        let r = read("logits: [1, 2]\n\tlabel: 0\n")
        let issue = try #require(r.issues.first)
        #expect(issue.message == "a tab indents this line; YAML indentation must be spaces", "\(issue)")
        #expect(issue.line == 2 && issue.column == 1)
    }

    @Test func tabsAfterAKeyAreFine() {
        let r = read("logits:\t[1, 2]\nlabel: 0\n")
        #expect(r.issues.isEmpty, "\(r.issues)")
    }

    @Test func notAMappingSaysAListOnce() throws {
        let r = read("- 1\n- 2\n")
        let issue = try #require(r.issues.first)
        #expect(issue.message.contains("found a list"))
        #expect(!issue.message.contains("a a "))
    }

    @Test func articles() {
        #expect(ResultValue.integer(1).typeNameWithArticle == "an integer")
        #expect(ResultValue.number(1).typeNameWithArticle == "a number")
        #expect(ResultValue.list([]).typeNameWithArticle == "a list")
    }

    @Test func theSeedRangeIsAnExactInteger() throws {
        let r = read("logits: [1, 2]\nlabel: 0\nseed: -1\n")
        _ = r.optionalInt("seed")
        let issue = try #require(r.issues.first)
        #expect(issue.message == "'seed' is -1, outside the allowed range 0 ≤ seed ≤ 9,007,199,254,740,991", "\(issue.message)")
    }

    @Test func deepNestingIsToldWithoutReadingLibyamlsWords() throws {
        let r = read("logits: " + String(repeating: "[", count: 1_500) + "\n")
        let issue = try #require(r.issues.first)
        #expect(issue.message == "YAML nested too deeply: at most 1,000 levels of lists and mappings")
    }
}
