import Foundation
import Testing

/// Compares what a test produced with a file kept beside the tests, and
/// rewrites the file instead when `UPDATE_SNAPSHOTS=1` is set (then review
/// the diff before committing: `make snapshots` does both steps' first half).
public enum Snapshot {
    public static func assertMatches(_ actual: String, named name: String, in directory: URL,
                                     sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["UPDATE_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("No snapshot \(name); run `make snapshots` (UPDATE_SNAPSHOTS=1) to record it.",
                         sourceLocation: sourceLocation)
            return
        }
        guard actual != expected else { return }
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let line = Array(zip(actualLines, expectedLines)).firstIndex { $0.0 != $0.1 } ?? min(actualLines.count, expectedLines.count)
        let got = line < actualLines.count ? String(actualLines[line]) : "<end>"
        let wanted = line < expectedLines.count ? String(expectedLines[line]) : "<end>"
        Issue.record("""
            \(name) differs from its snapshot at line \(line + 1) (`make snapshots` rewrites it; review the diff):
              expected: \(wanted.prefix(300))
              actual:   \(got.prefix(300))
            """, sourceLocation: sourceLocation)
    }
}
