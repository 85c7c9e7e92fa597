import Foundation
import LessonMarkdown
import Testing
@testable import LessonRunner

/// The cache key names the code that computes results, and only that code.
@Suite struct CodeIdentityTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The folders whose files decide a result's numbers: the plugin's
    /// `computingTargets`. Everything else — the report and its CSS, the
    /// Markdown loader, math, the command line — is left out on purpose.
    static let computing = ["NeuralEngine", "HostMachine", "Experiments", "LessonRunner", "LessonResults", "LessonSupport", "CCPUID", "COpenBLAS"]

    /// The plugin's list is this one: a target added there is added here,
    /// and the digest test below then checks the binary covers it.
    @Test func thePluginDigestsTheseTargets() throws {
        let plugin = try String(contentsOf: Self.root.appendingPathComponent("Plugins/ComputingCodeDigest/plugin.swift"), encoding: .utf8)
        let line = try #require(plugin.split(separator: "\n").first { $0.contains("static let computingTargets") })
        let names = line.split(separator: "\"").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
        #expect(Set(names) == Set(Self.computing), "Plugins/ComputingCodeDigest lists \(names)")
    }

    @Test func theKeyChangesWithTheCode() throws {
        let plan = Planner.plan(LessonLoader.parse("```experiment softmax\nlogits: [1, 2]\nlabel: 1\n```\n", path: "l.md"))
        let prepared = try #require(plan.blocks[0].prepared)
        let now = ResultCache.key(for: prepared, seed: 1)
        #expect(now == ResultCache.key(for: prepared, seed: 1, code: CodeIdentity.current))
        #expect(now != ResultCache.key(for: prepared, seed: 1, code: "older build"))
        #expect(ResultCache(directory: "/nonexistent").key(for: prepared, seed: 1) == now)
        #expect(CodeIdentity.current == CodeIdentity.compute())
        #expect(CodeIdentity.current.hasPrefix(CodeIdentity.sourceDigest + "-debug-"))
        #expect(CodeIdentity.compiler.contains("Swift version"), "\(CodeIdentity.compiler)")
    }

    /// The digest built into the binary is the digest of exactly the
    /// computing folders as they are on disk now (and `Package.swift`): a
    /// change to a kind or the engine changes it, so its results miss the
    /// cache; a change to the report or its CSS does not, so they hit.
    @Test func theDigestCoversTheComputingFoldersAndNothingElse() throws {
        var files = [Self.root.appendingPathComponent("Package.swift").path]
        for name in Self.computing {
            let folder = Self.root.appendingPathComponent("Sources/\(name)").path
            let walker = try #require(FileManager.default.enumerator(atPath: folder))
            for case let relative as String in walker {
                let path = folder + "/" + relative
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue, !Self.drawsOnly(path) {
                    files.append(path)
                }
            }
        }
        #expect(files.contains { $0.hasSuffix("Sources/Experiments/Kinds/TrainKind.swift") })
        // A kind's presentation draws cached values on every render: changing it misses nothing.
        #expect(!files.contains { $0.hasSuffix("Sources/Experiments/Kinds/SignalKind+Presentation.swift") })
        #expect(!files.contains { $0.hasSuffix("Sources/Experiments/Core/Presenter.swift") })
        #expect(FileManager.default.fileExists(atPath: Self.root.appendingPathComponent("Sources/Experiments/Kinds/SignalKind+Presentation.swift").path))
        #expect(!files.contains { $0.contains("Sources/LessonReport/") })
        #expect(Self.digest(files: files, root: Self.root.path) == CodeIdentity.sourceDigest,
                "the digest in the binary is not that of the computing folders: a file was left out, or the build is stale")
        // One byte more in a kind's file gives another digest.
        let train = try #require(files.firstIndex { $0.hasSuffix("TrainKind.swift") })
        let changed = Self.digest(files: files, root: Self.root.path, appending: (train, 0x20))
        #expect(changed != CodeIdentity.sourceDigest)
    }

    /// The plugin's rule for files that only draw cached values (`drawsOnly`).
    static func drawsOnly(_ path: String) -> Bool {
        let name = String(path.split(separator: "/").last ?? "")
        return name.hasSuffix("+Presentation.swift") || (name.hasPrefix("Presenter") && name.hasSuffix(".swift"))
    }

    /// The plugin tool's digest, recomputed: each file's path relative to the
    /// package, its size and its bytes, in path order, under two FNV-1a starts.
    static func digest(files: [String], root: String, appending extra: (Int, UInt8)? = nil) -> String {
        var stream: [UInt8] = []
        let sorted = files.enumerated().sorted { $0.element < $1.element }
        for (index, file) in sorted {
            var bytes = Array(FileManager.default.contents(atPath: file) ?? Data())
            if let extra, extra.0 == index { bytes.append(extra.1) }
            let relative = String(file.dropFirst(root.count + 1))
            stream += Array(relative.utf8) + [0] + Array("\(bytes.count)".utf8) + [0] + bytes
        }
        func fnv(_ start: UInt64) -> UInt64 {
            var hash = start
            for byte in stream {
                hash ^= UInt64(byte)
                hash &*= 0x100_0000_01b3
            }
            return hash
        }
        return [fnv(0xcbf2_9ce4_8422_2325), fnv(0x6c62_272e_07bb_0142)]
            .map { String(repeating: "0", count: 16 - String($0, radix: 16).count) + String($0, radix: 16) }.joined()
    }
}
