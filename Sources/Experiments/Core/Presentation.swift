/// What a block shows in the page, as data: tables, charts, key figures.
///
/// Experiments describe their output with these items; `LessonReport` lays
/// them out. Nothing here is HTML, so results can be cached and escaped in one
/// place.
public enum PresentationItem: Codable, Sendable, Hashable {
    case table(ResultTable)
    case chart(Chart)
    /// Key figures shown prominently above the details.
    case metrics([Metric])
    /// A sentence of explanation from the experiment (plain text).
    case note(String)
    /// Something the reader should notice, e.g. "training diverged at step 12".
    case warning(String)
}

/// A labelled number shown as a key figure.
public struct Metric: Codable, Sendable, Hashable {
    public var label: String
    public var value: String
    public var detail: String
    /// The number ``value`` shows, when it is one (see ``NumberStyle``), so
    /// runs over several seeds can be combined into mean ± sd.
    public var number: Double?
    public var style: NumberStyle
    /// Written after the number: "ms", "GB/s", "×" (`%` comes from ``style``).
    public var unit: String
    /// The standard deviation over seeds, when ``number`` is their mean.
    public var spread: Double?

    public init(label: String, value: String, detail: String = "", number: Double? = nil,
                style: NumberStyle = .plain, unit: String = "") {
        self.label = label
        self.value = value
        self.detail = detail
        self.number = number
        self.style = style
        self.unit = unit
    }
}

/// What a cell's or metric's number means, so it can be formatted again
/// (after averaging over seeds, or by a page-wide formatter).
public enum NumberStyle: String, Codable, Sendable, Hashable {
    /// The number as it is.
    case plain
    /// A fraction shown as a percentage: 0.932 is "93.2 %".
    case percent
    /// A count.
    case integer
}

/// A table of already-formatted cells.
public struct ResultTable: Codable, Sendable, Hashable {
    public struct Column: Codable, Sendable, Hashable {
        public var title: String
        /// Numeric columns are right-aligned with tabular figures.
        public var numeric: Bool
        public init(_ title: String, numeric: Bool = true) {
            self.title = title
            self.numeric = numeric
        }
    }

    public struct Cell: Sendable, Hashable {
        public enum Tone: String, Codable, Sendable, Hashable { case plain, good, bad, highlight }
        public var text: String
        public var tone: Tone
        /// The number ``text`` shows, when it shows one: 0.932 for "93.2 %"
        /// (see ``style``). Runs over several seeds are combined through it.
        public var value: Double?
        public var style: NumberStyle
        /// Written after the number: "ms", "×" (`%` comes from ``style``).
        public var unit: String
        /// The standard deviation over seeds, when ``value`` is their mean.
        public var spread: Double?
        /// Over seeds, when the cell stands for only some of them: how many
        /// ("(3 of 8)" ends its text). Never cached: a seeded block is drawn
        /// again from its values on every read.
        public var seedsShown: Int?
        /// Whether the cell has no value to show (a number a run could not
        /// measure, a field a row lacks): it reads ``missing``'s mark, a
        /// column of nothing else is left out of a printout, and its CSV
        /// field is empty. Set only through ``missing``, never read off the text.
        public internal(set) var isMissing = false

        /// The cell of a value that is not there: "–", the one mark every
        /// table writes for it.
        public static var missing: Self { missing(tone: .plain) }

        /// Whether the page shows nothing in the cell: it is ``missing``, or
        /// its text is empty (a short row's padding). A text that only looks
        /// like the mark ("-" as a value's own text) is something.
        public var showsNothing: Bool { isMissing || text.allSatisfy(\.isWhitespace) }

        /// ``missing`` in a tone (a row's highlight goes across it).
        public static func missing(tone: Tone) -> Self {
            var cell = Self(ReportFormat.missing, tone: tone)
            cell.isMissing = true
            return cell
        }

        public init(_ text: String, tone: Tone = .plain) {
            self.text = text
            self.tone = tone
            self.style = .plain
            self.unit = ""
        }

        /// A cell showing the number `value` as `text`.
        public init(_ text: String, value: Double?, style: NumberStyle = .plain, unit: String = "", tone: Tone = .plain) {
            self.text = text
            self.tone = tone
            self.value = value.flatMap { $0.isNaN ? nil : $0 }
            self.style = style
            self.unit = unit
        }
    }

    public var caption: String
    public var columns: [Column]
    public var rows: [[Cell]]

    public init(caption: String = "", columns: [Column], rows: [[Cell]]) {
        self.caption = caption
        self.columns = columns
        self.rows = rows
    }
}

/// Everything one run of an experiment produced.
public struct ExperimentOutcome: Codable, Sendable, Hashable {
    /// The named values `expect:` and inline references read.
    public var values: Record
    /// The tables, charts and notes, built from the runs' values after they ran
    /// (``ExperimentKind/present(_:_:)``): a run returns none.
    public var presentation: [PresentationItem]
    /// Set by a timing experiment whose measurements stayed noisy after
    /// re-measuring: what varied and by how much. A failed expectation that
    /// reads such a block is a warning, not an error, unless the run is strict
    /// (`--strict-timing`).
    public var timingNoise: String?

    public init(values: Record, presentation: [PresentationItem] = [], timingNoise: String? = nil) {
        self.values = values
        self.presentation = presentation
        self.timingNoise = timingNoise
    }
}
