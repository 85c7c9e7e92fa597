#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A data file that is missing or malformed, with the file and, for text
/// files, the 1-based line at fault.
///
/// Printed in the form editors understand: `digits.csv.gz:17: expected 65
/// comma-separated integers, found 64`.
public struct DataError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// The file's path, as given to the loader.
    public let path: String
    /// The 1-based line, for errors inside a text file.
    public let line: Int?
    /// What is wrong.
    public let message: String

    /// An error about the file at `path`, at `line` if given.
    public init(path: String, line: Int? = nil, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "\(path):\(line): \(message)" }
        return "\(path): \(message)"
    }

    public var errorDescription: String? { description }
}

extension DataError {
    /// At most the first `limit` characters of a field, for a message: a data
    /// file is not echoed into pages and terminals, whatever it holds.
    public static func excerpt(_ bytes: ArraySlice<UInt8>, limit: Int = 16) -> String {
        let text = String(decoding: bytes.prefix(limit * 4), as: UTF8.self)
        let shown = text.prefix(limit).map { $0.isASCII && ($0.asciiValue ?? 0) < 0x20 ? "?" : $0 }
        return String(shown) + (text.count > limit || bytes.count > limit * 4 ? "…" : "")
    }
}
