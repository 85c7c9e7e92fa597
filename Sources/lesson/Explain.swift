import ArgumentParser
import LessonRunner
import LessonResults
import LessonSupport

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain a diagnostic code (the name in brackets after a message, e.g. [unknown-key]); with no code, list them all.")

    @Argument(help: "Codes to explain, such as unknown-key or expectation-failed.")
    var codes: [String] = []

    func validate() throws {
        let known = DiagnosticCode.allCases.map(\.name)
        for code in codes where DiagnosticCode(rawValue: Self.bare(code)) == nil {
            throw ValidationError("unknown diagnostic code '\(code)'" + Suggestion.didYouMean(Self.bare(code), in: known)
                                  + " (run `lesson explain` for the list)")
        }
    }

    func run() {
        if codes.isEmpty {
            let width = DiagnosticCode.allCases.map(\.name.count).max() ?? 0
            for code in DiagnosticCode.allCases {
                print(code.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + code.summary)
            }
            return
        }
        print(codes.compactMap { DiagnosticCode(rawValue: Self.bare($0))?.explanation }.joined(separator: "\n\n"))
    }

    /// `[unknown-key]`, as copied from a message, is `unknown-key`.
    static func bare(_ code: String) -> String {
        String(code.drop { $0 == "[" }.reversed().drop { $0 == "]" }.reversed())
    }
}
