import Foundation
import LessonTestSupport
import NeuralEngine
import Testing
@testable import Experiments

/// Data files resolve inside the lesson's folder tree, after following links.
@Suite struct DataFileContainmentTests {
    /// lesson/ (with data/digits.csv, sub/x.csv, a folder, links in and out) beside secret.csv.
    func tree(in scratch: ScratchFolder) throws -> (root: URL, lesson: DecodeContext) {
        let fm = FileManager.default
        let root = scratch.url
        let lesson = root.appendingPathComponent("lesson")
        try fm.createDirectory(at: lesson.appendingPathComponent("data/folder"), withIntermediateDirectories: true)
        try fm.createDirectory(at: lesson.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try Data("1\n".utf8).write(to: lesson.appendingPathComponent("data/digits.csv"))
        try Data("1\n".utf8).write(to: lesson.appendingPathComponent("sub/x.csv"))
        try Data("secret\n".utf8).write(to: root.appendingPathComponent("secret.csv"))
        try fm.createSymbolicLink(atPath: lesson.appendingPathComponent("data/out.csv").path, withDestinationPath: "../../secret.csv")
        try fm.createSymbolicLink(atPath: lesson.appendingPathComponent("in.csv").path, withDestinationPath: "sub/x.csv")
        try fm.createSymbolicLink(atPath: lesson.appendingPathComponent("etc").path, withDestinationPath: "/etc")
        return (root, DecodeContext(lessonDirectory: lesson.path))
    }

    @Test func filesInsideTheTreeResolve() throws {
        let scratch = try ScratchFolder("containment")
        defer { scratch.remove() }
        let (_, context) = try tree(in: scratch)
        #expect(try context.locateDataFile("digits.csv").hasSuffix("lesson/data/digits.csv"))
        #expect(try context.locateDataFile("sub/x.csv").hasSuffix("lesson/sub/x.csv"))
        #expect(try context.locateDataFile("sub/../data/digits.csv").hasSuffix("digits.csv"))
        #expect(try context.locateDataFile("in.csv").hasSuffix("lesson/in.csv"))
    }

    /// `digits.csv.gz` found nowhere in the lesson's tree is the built-in copy;
    /// one beside the lesson (or in data/) comes first.
    @Test func theDigitsAreBuiltInUnlessTheLessonHasItsOwn() throws {
        let scratch = try ScratchFolder("containment")
        defer { scratch.remove() }
        let (root, context) = try tree(in: scratch)
        #expect(try context.locateDataFile("digits.csv.gz") == BuiltInData.digitsPath)
        #expect(throws: DataFileProblem.self) { try context.locateDataFile("other.csv.gz") }
        try Data("1\n".utf8).write(to: root.appendingPathComponent("lesson/data/digits.csv.gz"))
        #expect(try context.locateDataFile("digits.csv.gz").hasSuffix("lesson/data/digits.csv.gz"))
    }

    /// A course's shared data folders come after the lesson's own folder, and
    /// what they hold must stay inside the course after following links.
    @Test func sharedDataFoldersComeAfterTheLessonsOwnAndStayInTheCourse() throws {
        let scratch = try ScratchFolder("containment")
        defer { scratch.remove() }
        let (root, _) = try tree(in: scratch)
        let fm = FileManager.default
        let shared = root.appendingPathComponent("lesson/shared")
        try fm.createDirectory(at: shared, withIntermediateDirectories: true)
        try Data("2\n".utf8).write(to: shared.appendingPathComponent("common.csv"))
        try Data("2\n".utf8).write(to: shared.appendingPathComponent("digits.csv"))
        try fm.createSymbolicLink(atPath: shared.appendingPathComponent("leak.csv").path, withDestinationPath: "../../secret.csv")
        let chapter = root.appendingPathComponent("lesson/chapter")
        try fm.createDirectory(at: chapter, withIntermediateDirectories: true)
        let context = DecodeContext(lessonDirectory: chapter.path, sharedDataFolders: [shared.path],
                                    courseRoot: root.appendingPathComponent("lesson").path)
        #expect(try context.locateDataFile("common.csv") == shared.appendingPathComponent("common.csv").path)
        #expect(throws: DataFileProblem.self) { try context.locateDataFile("leak.csv") }
        let own = DecodeContext(lessonDirectory: root.appendingPathComponent("lesson").path, sharedDataFolders: [shared.path],
                                courseRoot: root.appendingPathComponent("lesson").path)
        #expect(try own.locateDataFile("digits.csv").hasSuffix("lesson/data/digits.csv"))
        #expect(try own.locateDataFile("digits.csv.gz") == BuiltInData.digitsPath)
    }

    @Test(arguments: ["/etc/passwd", "~/.ssh/id_rsa", "../secret.csv", "../../../../etc/passwd", "out.csv", "etc/passwd", "data/out.csv"])
    func filesOutsideTheTreeAreRefusedNamingTheRule(name: String) throws {
        let scratch = try ScratchFolder("containment")
        defer { scratch.remove() }
        let (_, context) = try tree(in: scratch)
        #expect(context.resolveDataFile(name) == nil)
        #expect {
            _ = try context.locateDataFile(name)
        } throws: { error in
            let message = (error as? DataFileProblem)?.message ?? ""
            return message.contains("a data file must be inside the lesson's folder") && message.contains("'\(name)'")
        }
    }

    @Test func aFolderAndAMissingFileSayWhat() throws {
        let scratch = try ScratchFolder("containment")
        defer { scratch.remove() }
        let (_, context) = try tree(in: scratch)
        #expect(throws: DataFileProblem(message: "the data file 'folder' is a folder, not a file", notes: ["name the file inside it"])) {
            _ = try context.locateDataFile("folder")
        }
        #expect {
            _ = try context.locateDataFile("nope.csv")
        } throws: { error in
            (error as? DataFileProblem)?.message == "cannot find the data file 'nope.csv' next to the lesson or in its data/ folder"
        }
    }

    @Test func theDigitsKeyReportsTheRuleAtTheKey() throws {
        let (prepared, issues) = KindTesting.prepare(DropoutEnsembleKind.self, "data: digits\nfile: /etc/passwd\n")
        #expect(prepared == nil)
        let issue = try #require(issues.first)
        #expect(issue.line == 2)
        #expect(issue.message.contains("is an absolute path; a data file must be inside the lesson's folder"))
    }
}
