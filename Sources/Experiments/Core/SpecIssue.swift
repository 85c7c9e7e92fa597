/// A problem with a block body, at a position inside the body.
///
/// Positions are 1-based and relative to the block's YAML; line 0 means "the
/// block as a whole" (e.g. a missing required key). The runner shifts them into
/// whole-file coordinates, because only it knows where the block sits.
public struct SpecIssue: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem, for the runner's diagnostic code.
    public enum Kind: Sendable, Hashable {
        /// A value of the wrong type, out of range, at odds with another key; malformed YAML.
        case invalidValue
        /// A key the kind does not have.
        case unknownKey
        /// More work than the kind's budget, all runs together.
        case overBudget
    }

    public var kind: Kind
    public var message: String
    public var line: Int
    public var column: Int
    public var notes: [String]

    public init(_ message: String, line: Int, column: Int, notes: [String] = [], kind: Kind = .invalidValue) {
        self.kind = kind
        self.message = message
        self.line = line
        self.column = column
        self.notes = notes
    }

    public var description: String { "\(line):\(column): \(message)" }
}
