import Foundation
import LessonTestSupport
import Testing

/// Every option that takes a number reads `-1` as its value and says what is
/// wrong with it, naming the option and what was written. By default
/// ArgumentParser reads `-1` as another option and says only "Missing value
/// for '--jobs <N>'"; `parsing: .unconditional` with a transform that checks
/// the number (``OptionNumber``) is what a new numeric option must declare,
/// and these tests find one that does not.
@Suite struct NumericOptionTests {
    static let sources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/lesson")

    static let numberTypes: Set<String> = [
        "Int", "Int8", "Int16", "Int32", "Int64", "UInt", "UInt8", "UInt16", "UInt32", "UInt64", "Double", "Float", "TimeInterval",
    ]

    /// The long names (`--jobs`) of the options declared in `source` whose
    /// value is a number, optional or a list of numbers.
    static func numericOptions(in source: String) throws -> [String] {
        let declaration = try NSRegularExpression(pattern: #"@Option\(([\s\S]*?)\)\s*var (\w+): ([\w\[\]?]+)"#)
        let text = source as NSString
        return declaration.matches(in: source, range: NSRange(location: 0, length: text.length)).compactMap { match in
            let arguments = text.substring(with: match.range(at: 1))
            let property = text.substring(with: match.range(at: 2))
            let type = text.substring(with: match.range(at: 3)).filter { !"[]?".contains($0) }
            guard numberTypes.contains(type) else { return nil }
            if let long = arguments.range(of: #"customLong\("([^"]+)"\)"#, options: .regularExpression) {
                return "--" + arguments[long].dropFirst("customLong(\"".count).dropLast(2)
            }
            // ArgumentParser's own name: the property's words joined by '-'.
            return "--" + property.reduce(into: "") { name, letter in
                name += letter.isUppercase ? "-" + letter.lowercased() : String(letter)
            }
        }
    }

    /// The commands (as typed after `lesson`) that have each option, from
    /// the binary's own description of its commands (`--experimental-dump-help`).
    static func commands(byOption dump: Any, path: [String] = []) -> [String: [[String]]] {
        guard let command = dump as? [String: Any] else { return [:] }
        var out: [String: [[String]]] = [:]
        for argument in command["arguments"] as? [[String: Any]] ?? [] where argument["kind"] as? String == "option" {
            for name in argument["names"] as? [[String: Any]] ?? [] where name["kind"] as? String == "long" {
                if let long = name["name"] as? String { out["--" + long, default: []].append(path) }
            }
        }
        for sub in command["subcommands"] as? [[String: Any]] ?? [] {
            let name = sub["commandName"] as? String ?? ""
            out.merge(commands(byOption: sub, path: path + [name]), uniquingKeysWith: +)
        }
        return out
    }

    @Test func theScanFindsNumericOptionsByTheirNames() throws {
        let source = """
            @Option(parsing: .unconditional, help: ArgumentHelp("N (at most 9).", valueName: "N"),
                    transform: { try OptionNumber.whole($0, option: "--jobs", range: 1...9) })
            var jobs: Int = 1

            @Option(name: .customLong("older-than"), help: "Age.")
            var olderThan: Double?

            @Option(help: "Seeds.") var seedList: [UInt64] = []

            @Option(help: "A folder.")
            var out: String?
            """
        #expect(try Self.numericOptions(in: source) == ["--jobs", "--older-than", "--seed-list"])
    }

    /// `lesson <command> --option -1`, for every numeric option of every
    /// command: a usage error that names the option and the '-1' written,
    /// never "Missing value".
    @Test func everyNumericOptionReadsANegativeNumberAsItsValue() throws {
        var numeric: [String] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: Self.sources.path) where file.hasSuffix(".swift") {
            numeric += try Self.numericOptions(in: String(contentsOf: Self.sources.appendingPathComponent(file), encoding: .utf8))
        }
        // The scan reads what it should: the options known to take a number.
        #expect(Set(["--jobs", "--reseed", "--block-time-limit", "--port", "--older-than"]).isSubset(of: numeric), "\(numeric)")
        let dump = try LessonBinary.run(["--experimental-dump-help"])
        let tool = try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any]
        let byOption = Self.commands(byOption: tool?["command"] as Any)
        let scratch = try ScratchFolder("lesson-e2e")
        defer { scratch.remove() }
        for option in Set(numeric).sorted() {
            let commands = byOption[option] ?? []
            #expect(!commands.isEmpty, "\(option) is declared in Sources/lesson but no command has it")
            for command in commands {
                let r = try LessonBinary.run(command + [option, "-1"], in: scratch.url)
                #expect(r.status == 64, "\(command) \(option) -1: \(r.stderr)")
                #expect(r.stderr.contains(option) && r.stderr.contains("'-1'") && !r.stderr.contains("Missing value"),
                        "lesson \(command.joined(separator: " ")) \(option) -1 must say what is wrong with -1: \(r.stderr)")
            }
        }
    }
}
