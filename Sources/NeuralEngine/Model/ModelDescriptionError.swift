#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A model description that cannot be built, with the entry at fault.
///
/// Printed as `layer 3: unknown layer 'rlu'; did you mean 'relu'?`, counting
/// entries from 1 as a reader of the list does.
public struct ModelDescriptionError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// Index of the offending entry in the list, from 0; `nil` for an error about the whole model.
    public let index: Int?
    /// The offending entry as written.
    public let entry: String?
    /// What is wrong and what is allowed.
    public let message: String

    /// An error about entry `index` (from 0) of a description.
    public init(index: Int?, entry: String?, message: String) {
        self.index = index
        self.entry = entry
        self.message = message
    }

    public var description: String {
        guard let index else { return message }
        return "layer \(index + 1): \(message)"
    }

    public var errorDescription: String? { description }
}
