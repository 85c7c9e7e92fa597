/// One top-level value of a kind, declared once: its ``ValueDescriptor``
/// (what `lesson kinds` and the reference print) and how a run's typed
/// result gives it. The type the descriptor states is the Swift type the
/// reader returns, so the two cannot drift; a value with a condition
/// (`when:`) is the only kind whose reader may return `nil`, and `nil`
/// leaves it out of the record.
///
/// A kind lists them in order (the order of the record and of the
/// reference) in `<Kind>Kind+Values.swift`, and takes its `values` from
/// them (``ValueDeclarations/descriptors``); its report builds the record
/// with ``ValueDeclarations/record(_:)``.
public struct ValueDeclaration<Source>: Sendable {
    public let descriptor: ValueDescriptor
    let read: @Sendable (Source) -> ResultValue?

    /// A value every run produces.
    public init<T: ResultValueConvertible>(_ name: String, _ summary: String, access: String? = nil,
                                           _ read: @escaping @Sendable (Source) -> T) {
        descriptor = ValueDescriptor(name, type: T.typeName, summary, access: access)
        self.read = { read($0).resultValue }
    }

    /// A value present only under `condition` (the reader returns `nil` otherwise).
    public init<T: ResultValueConvertible>(_ name: String, _ summary: String, access: String? = nil, when condition: String,
                                           _ read: @escaping @Sendable (Source) -> T?) {
        descriptor = ValueDescriptor(name, type: T.typeName, summary, access: access, when: condition)
        self.read = { read($0)?.resultValue }
    }
}

/// A kind's values in the order its record holds them.
public struct ValueDeclarations<Source>: Sendable {
    public let declarations: [ValueDeclaration<Source>]

    public init(_ declarations: [ValueDeclaration<Source>]) {
        self.declarations = declarations
    }

    public var descriptors: [ValueDescriptor] { declarations.map(\.descriptor) }

    /// The record of one run: every declared value `source` has.
    public func record(_ source: Source) -> Record {
        var record = Record()
        for declaration in declarations { record[declaration.descriptor.name] = declaration.read(source) }
        return record
    }
}
