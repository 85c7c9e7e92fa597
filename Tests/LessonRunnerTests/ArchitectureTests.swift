import Foundation
import Testing

/// The import rules `ARCHITECTURE.md` states, checked against the sources.
@Suite struct ArchitectureTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Our modules in dependency order, each with the modules of ours (and
    /// packages) it may import. System modules (Foundation, Glibc, …) are free.
    static let allowed: [(module: String, imports: Set<String>)] = [
        ("LessonSupport", []),
        ("NeuralEngine", ["LessonSupport", "COpenBLAS", "CZlib"]),
        ("HostMachine", ["NeuralEngine", "COpenBLAS", "CCPUID"]),
        ("LessonMarkdown", ["CCmarkGFM"]),
        ("MathTypesetting", ["LessonSupport", "CDuktape"]),
        ("Experiments", ["LessonSupport", "NeuralEngine", "HostMachine", "Yams"]),
        ("LessonResults", ["LessonMarkdown", "LessonSupport", "Experiments", "MathTypesetting"]),
        ("LessonRunner", ["LessonMarkdown", "LessonSupport", "Experiments", "NeuralEngine", "MathTypesetting", "LessonResults"]),
        ("LessonReport", ["LessonMarkdown", "LessonSupport", "Experiments", "LessonResults", "MathTypesetting", "CZlib"]),
        ("FileWatcher", []),
        ("lesson", ["LessonRunner", "LessonResults", "LessonReport", "Experiments", "NeuralEngine", "HostMachine", "FileWatcher", "LessonSupport",
                    "MathTypesetting", "LessonMarkdown", "ArgumentParser"]),
    ]

    /// Modules that are ours or packages': an import of anything else is the system's.
    static var governed: Set<String> {
        Set(allowed.map(\.module)).union(["CCmarkGFM", "COpenBLAS", "CDuktape", "CZlib", "CCPUID", "Yams", "ArgumentParser"])
    }

    static func imports(of module: String) throws -> [String: Set<String>] {
        let folder = root.appendingPathComponent("Sources/\(module)").path
        let walker = try #require(FileManager.default.enumerator(atPath: folder))
        var found: [String: Set<String>] = [:]
        for case let relative as String in walker where relative.hasSuffix(".swift") {
            let text = try String(contentsOfFile: folder + "/" + relative, encoding: .utf8)
            for line in text.split(separator: "\n") {
                let words = line.split(separator: " ").map(String.init).filter { !$0.hasPrefix("@") }
                guard words.count >= 2, words[0] == "import" else { continue }
                found[words[1], default: []].insert(relative)
            }
        }
        return found
    }

    @Test func everyModuleImportsOnlyWhatTheMapAllows() throws {
        for (module, allowed) in Self.allowed {
            for (imported, files) in try Self.imports(of: module) where Self.governed.contains(imported) && imported != module {
                #expect(allowed.contains(imported), "\(module) imports \(imported) in \(files.sorted()), which ARCHITECTURE.md does not allow")
            }
        }
    }

    /// Kinds never see YAML: within `Experiments` (the one module that may
    /// import Yams) only these files do; every other file, and the runner,
    /// reads `SpecValue`s through `SpecReader` (or `SpecValue.parse`).
    static let yamlReaders: [String: Set<String>] = [
        "Experiments": ["Core/SpecReader.swift", "Core/SpecValue+YAML.swift", "Core/YAMLAliasBudget.swift"],
    ]

    @Test func onlyTheSpecReaderSeesYAML() throws {
        for (module, readers) in Self.yamlReaders {
            let files = try Self.imports(of: module)["Yams"] ?? []
            #expect(files.subtracting(readers).isEmpty,
                    "\(module) imports Yams in \(files.subtracting(readers).sorted()); kinds read values through SpecReader")
            // A file named here that no longer imports Yams should leave the list.
            #expect(readers.subtracting(files).isEmpty, "\(module): \(readers.subtracting(files).sorted()) no longer import Yams")
        }
    }

    @Test func theGraphIsOneWay() {
        let order = Self.allowed.map(\.module)
        for (index, entry) in Self.allowed.enumerated() {
            for imported in entry.imports {
                guard let position = order.firstIndex(of: imported) else { continue }
                #expect(position < index, "\(entry.module) may import \(imported), which comes after it")
            }
        }
    }

    @Test func theMapNamesEveryModule() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("ARCHITECTURE.md"), encoding: .utf8)
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("Sources").path)
        for folder in folders where !folder.hasPrefix("C") && !folder.hasPrefix(".") {
            #expect(text.contains("`\(folder)`"), "ARCHITECTURE.md does not name \(folder)")
            #expect(Self.allowed.contains { $0.module == folder }, "ArchitectureTests has no rule for \(folder)")
        }
    }
}
