import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import LessonMarkdown
import Testing
@testable import LessonRunner

/// The JUnit report read back by Foundation's XMLParser, a real consumer.
@Suite struct JUnitReportTests {
    /// Collects testsuite/testcase/failure elements as a CI system would.
    final class Reader: NSObject, XMLParserDelegate {
        struct Case { var classname: String; var name: String; var failures: [(message: String, text: String)] = [] }
        var cases: [Case] = []
        var root: [String: String] = [:]
        var text = ""
        var failureMessage: String?

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            switch name {
            case "testsuites": root = attributes
            case "testcase": cases.append(Case(classname: attributes["classname"] ?? "", name: attributes["name"] ?? ""))
            case "failure": failureMessage = attributes["message"] ?? ""; text = ""
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "failure", let message = failureMessage {
                cases[cases.count - 1].failures.append((message, text))
                failureMessage = nil
            }
        }
    }

    func parse(_ xml: String) throws -> Reader {
        let reader = Reader()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = reader
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")\n\(xml)")
        return reader
    }

    @Test func oneCasePerBlockAndAFailureWithLocatedMessages() throws {
        let source = """
        # T

        ```experiment softmax
        id: ok
        logits: [2, 1, 0.1]
        label: 0
        ```

        ```experiment softmax
        id: "bad"
        logits: [2, 1, 0.1]
        label: 2
        expect:
          - "loss < 0.01 and 1 < 2"
        ```
        """
        let lesson = Executor(cache: nil).execute(Planner.plan(LessonLoader.parse(source, path: "dir/a <&> \"b\".md")))
        let reader = try parse(JUnitReport.xml([lesson]))
        #expect(reader.root["tests"] == "2")
        #expect(reader.root["failures"] == "1")
        #expect(reader.cases.map(\.classname) == ["dir/a <&> \"b\".md", "dir/a <&> \"b\".md"])
        #expect(reader.cases.map(\.name) == ["ok", "bad"])
        #expect(reader.cases[0].failures.isEmpty)
        let failure = try #require(reader.cases[1].failures.first)
        #expect(failure.message == "dir/a <&> \"b\".md:14:5: expectation failed: loss < 0.01 and 1 < 2")
        #expect(failure.text.contains("dir/a <&> \"b\".md:14:5: error: expectation failed: loss < 0.01 and 1 < 2 [expectation-failed]\nnote: loss = 2.317"))
    }

    @Test func problemsOutsideBlocksFailALessonCase() throws {
        let lesson = Executor(cache: nil).execute(Planner.plan(LessonLoader.parse("Value `=nope`.\n", path: "x.md")))
        let reader = try parse(JUnitReport.xml([lesson]))
        #expect(reader.cases.map(\.name) == [JUnitReport.lessonCaseName])
        #expect(reader.cases[0].failures.first?.message.hasPrefix("x.md:1:7: inline value `=nope`") == true)
    }

    @Test func controlCharactersCannotBreakTheDocument() throws {
        let lesson = Executor(cache: nil).execute(Planner.plan(LessonLoader.parse("Value `=nope\u{1}`.\n", path: "x\u{7}.md")))
        let reader = try parse(JUnitReport.xml([lesson]))
        #expect(reader.cases.count == 1)
    }
}
