#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An error from the engine that is not about a data file or a model description.
public enum EngineError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// Tensors or data whose shapes do not fit together.
    case shapeMismatch(String)
    /// An argument outside its allowed range; the message names the argument and the range.
    case invalidArgument(String)
    /// An operation called in a state that does not allow it (e.g. backward before forward).
    case invalidState(String)

    public var description: String {
        switch self {
        case .shapeMismatch(let message): "shape mismatch: \(message)"
        case .invalidArgument(let message): message
        case .invalidState(let message): message
        }
    }

    public var errorDescription: String? { description }
}
