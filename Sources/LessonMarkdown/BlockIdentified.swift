/// A value that belongs to one experiment block: a block as written, planned
/// or run. Lists of them are read by id, never by position.
public protocol BlockIdentified {
    var blockID: BlockID { get }
}

extension Array where Element: BlockIdentified {
    /// The element that is block `id`, or `nil` when none is: the element at
    /// the id's place when its id matches (every stage keeps the lesson's
    /// order), else the one with that id wherever it is.
    public subscript(id: BlockID) -> Element? {
        if indices.contains(id.ordinal), self[id.ordinal].blockID == id { return self[id.ordinal] }
        return first { $0.blockID == id }
    }
}
