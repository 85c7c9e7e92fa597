import Foundation
import Testing

/// `lesson --version`, and the start-up choice of OpenBLAS kernel as the
/// built binary makes it: the user's OPENBLAS_CORETYPE wins, a failed
/// self-check falls back with one line and no loop.
@Suite struct VersionAndKernelTests {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `lesson` with the test's environment changed by `environment` (`nil` removes a variable).
    func lesson(_ arguments: [String], environment changes: [String: String?] = [:]) throws -> Result {
        let binary = try #require(LessonCommandTests.binary, "build the `lesson` product first")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        for name in ["OPENBLAS_CORETYPE", "LESSON_BLAS_AUTO", "LESSON_BLAS_SELF_CHECK"] { environment[name] = nil }
        for (name, value) in changes { environment[name] = value ?? nil }
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    func kernelLine(_ r: Result) -> String {
        r.stdout.split(separator: "\n").first { $0.hasPrefix("OpenBLAS ") }.map(String.init) ?? ""
    }

    @Test func versionNamesEveryComponent() throws {
        let r = try lesson(["--version"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("lesson (LessonRunner) ") == true, "\(r.stdout)")
        #expect(lines.contains { $0.hasPrefix("cmark-gfm 0.") }, "\(r.stdout)")
        #expect(lines.contains { $0.hasPrefix("OpenBLAS 0.") && $0.contains(", kernel ") }, "\(r.stdout)")
        #expect(lines.contains { $0.hasPrefix("KaTeX ") }, "\(r.stdout)")
        #expect(lines.contains { $0.hasPrefix("Swift compiler 6.") }, "\(r.stdout)")
    }

    @Test func theUsersKernelIsRespected() throws {
        let r = try lesson(["--version"], environment: ["OPENBLAS_CORETYPE": "Prescott"])
        #expect(r.status == 0)
        #expect(kernelLine(r).contains("kernel Prescott (set by OPENBLAS_CORETYPE)"), "\(r.stdout)")
        #expect(r.stderr.isEmpty, "\(r.stderr)")
    }

    @Test func withoutAChoiceTheKernelIsOpenBLASsOrOneMadeForTheProcessor() throws {
        let r = try lesson(["--version"])
        let line = kernelLine(r)
        if line.contains("auto-selected") {
            #expect(["Haswell", "SkylakeX", "Cooperlake", "Zen"].contains { line.contains("kernel \($0) ") }, "\(line)")
        } else {
            #expect(line.contains("chosen by OpenBLAS") || line.contains("generic fallback"), "\(line)")
        }
        #expect(r.stderr.isEmpty, "\(r.stderr)")
    }

    /// Pretends this program chose Prescott (it runs on every x86-64) and
    /// makes its self-check fail: one line on stderr, OpenBLAS's own
    /// choice, and the command still runs.
    @Test func aFailedSelfCheckFallsBackWithOneLine() throws {
        let r = try lesson(["--version"], environment: [
            "OPENBLAS_CORETYPE": "Prescott", "LESSON_BLAS_AUTO": "Prescott", "LESSON_BLAS_SELF_CHECK": "fail",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let warnings = r.stderr.split(separator: "\n")
        #expect(warnings.count == 1 && warnings[0].contains("Prescott kernel failed its self-check"), "\(r.stderr)")
        #expect(kernelLine(r).contains("the auto-selected Prescott failed its self-check"), "\(r.stdout)")
    }

    @Test func aFailedSelfCheckOfTheAutomaticChoiceDoesNotLoop() throws {
        // From scratch with every check failing: at most one attempt, one line.
        let r = try lesson(["kinds", "softmax"], environment: ["LESSON_BLAS_SELF_CHECK": "fail"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("softmax"))
        #expect(r.stderr.split(separator: "\n").count <= 1, "\(r.stderr)")
    }
}
