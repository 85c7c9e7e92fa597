import Foundation
import PackagePlugin

/// Writes `ComputingCode.swift` into the target it is applied to: a digest of
/// every file of the targets that compute results (the engine, the kinds and
/// the runner; not the files that only draw cached values, ``drawsOnly(_:)``) and of `Package.swift` (their flags), plus the compiler's
/// version. The result cache keys on it (``CodeIdentity``), so a change to a
/// computation misses the cache and a change to the pages, the command line
/// or a dependency that computes nothing hits it.
///
/// Every file of those folders is an input of the build command, so SwiftPM
/// runs the tool again whenever one changes and the digest can never be stale.
@main
struct ComputingCodeDigest: BuildToolPlugin {
    /// The targets whose code decides a result's numbers. Kept in step with
    /// `ComputingCodeTests`, which recomputes the digest from these folders.
    static let computingTargets = ["NeuralEngine", "Experiments", "LessonRunner", "LessonResults", "LessonSupport", "HostMachine", "CCPUID", "COpenBLAS"]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        var files: [URL] = [root.appending(path: "Package.swift")]
        for target in try context.package.targets(named: Self.computingTargets) {
            files += Self.regularFiles(under: target.directoryURL)
        }
        files.sort { $0.path < $1.path }
        let output = context.pluginWorkDirectoryURL.appending(path: "ComputingCode.swift")
        // The compiler: its own binary is an input, so a new toolchain re-runs the tool.
        let compiler = try? context.tool(named: "swiftc").url
        var arguments = [output.path, root.path, compiler?.path ?? "-"]
        arguments += files.map(\.path)
        return [.buildCommand(
            displayName: "Digest of the code that computes results",
            executable: try context.tool(named: "ComputingCodeDigestTool").url,
            arguments: arguments,
            inputFiles: files + (compiler.map { [$0] } ?? []),
            outputFiles: [output])]
    }

    static func regularFiles(under directory: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var found: [URL] = []
        for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            if !drawsOnly(url.lastPathComponent) { found.append(url) }
        }
        return found
    }

    /// Files that only draw a block from its cached values (a kind's
    /// `present` and the `Presenter` it uses): they run after the cache, on
    /// every render, so a change to them changes no result and misses nothing.
    /// Kept in step with `CodeIdentityTests`.
    static func drawsOnly(_ name: String) -> Bool {
        name.hasSuffix("+Presentation.swift") || (name.hasPrefix("Presenter") && name.hasSuffix(".swift"))
    }
}
