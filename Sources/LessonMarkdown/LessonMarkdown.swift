// TEMPORARY STUB — replaced by the markdown branch.
import CCmarkGFM
import Foundation

public struct SourceLocation: Hashable, Sendable, Codable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int
    public init(path: String, line: Int, column: Int) { self.path = path; self.line = line; self.column = column }
    public var description: String { "\(path):\(line):\(column)" }
}
public struct Lesson: Sendable {
    public var path: String
    public var title: String?
    public var blocks: [BlockNode]
    public var experiments: [ExperimentBlock]
    public var references: [InlineReference]
    public init(path: String, title: String?, blocks: [BlockNode], experiments: [ExperimentBlock], references: [InlineReference]) {
        self.path = path; self.title = title; self.blocks = blocks; self.experiments = experiments; self.references = references
    }
}
public struct ExperimentBlock: Sendable {
    public var index: Int
    public var kind: String
    public var infoString: String
    public var body: String
    public var location: SourceLocation
    public var kindLocation: SourceLocation
    public func fileLocation(bodyLine: Int, bodyColumn: Int) -> SourceLocation {
        SourceLocation(path: location.path, line: location.line + bodyLine, column: location.column + bodyColumn - 1)
    }
}
public struct InlineReference: Sendable { public var expression: String; public var location: SourceLocation; public var id: Int }
public struct ListItem: Sendable { public var checked: Bool?; public var blocks: [BlockNode] }
public enum TableAlignment: Sendable { case none, left, center, right }
public struct Table: Sendable { public var alignments: [TableAlignment]; public var header: [[InlineNode]]; public var rows: [[[InlineNode]]] }
public indirect enum BlockNode: Sendable {
    case paragraph([InlineNode]), heading(level: Int, [InlineNode], anchor: String), blockQuote([BlockNode])
    case list(ordered: Bool, start: Int, tight: Bool, items: [ListItem]), codeBlock(info: String, literal: String)
    case experiment(Int), htmlBlock(String), thematicBreak, table(Table), mathBlock(String)
}
public indirect enum InlineNode: Sendable {
    case text(String), code(String), reference(Int), emphasis([InlineNode]), strong([InlineNode]), strikethrough([InlineNode])
    case link(destination: String, title: String, [InlineNode]), image(source: String, title: String, alt: [InlineNode])
    case html(String), softBreak, lineBreak, math(String, display: Bool)
}
public enum LessonLoader {
    public static func load(path: String) throws -> Lesson { fatalError() }
    public static func parse(_ source: String, path: String) -> Lesson { fatalError() }
}
