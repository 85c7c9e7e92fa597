/// Names one experiment block of a lesson: the lesson's file and the block's
/// place among that lesson's experiment blocks, in document order.
///
/// Every stage finds a block by this id (``BlockIdentified``): the document's
/// `.experiment(id)`, the lesson's blocks, the plan's and the executed
/// lesson's. A lookup checks the id of what it finds, so an id never reads
/// the block that merely sits at the same position of another list or lesson.
public struct BlockID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The lesson file the block is written in.
    public var path: String
    /// 0-based place among the lesson's experiment blocks.
    public var ordinal: Int

    public init(path: String, ordinal: Int) {
        self.path = path
        self.ordinal = ordinal
    }

    /// The block's number on its page (1 for the first block).
    public var number: Int { ordinal + 1 }

    public static func < (a: BlockID, b: BlockID) -> Bool {
        (a.path, a.ordinal) < (b.path, b.ordinal)
    }

    /// "lessons/softmax.md#2": the file and the block's number.
    public var description: String { "\(path)#\(number)" }
}
