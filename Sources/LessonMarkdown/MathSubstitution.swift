/// Math spans swapped for placeholders that cmark treats as plain text, and
/// everything needed to undo the swap after parsing.
///
/// cmark would otherwise eat the backslashes of `\{` and `\\` and turn `_` and
/// `*` inside formulas into emphasis. Each line-piece of a span becomes
/// `<marker><decimal piece number><terminator>`, two private-use scalars the
/// file itself does not contain. Pieces never include a line break or a line's
/// container prefix (`> `, list indentation), so cmark sees the same lines and
/// the same block structure (one exception, for the better: a `|` inside a
/// formula no longer splits a table cell). Columns after a placeholder shift,
/// which `originalByteColumn(line:column:)` undoes.
struct MathSubstitution {
    /// One formula.
    struct Span {
        /// The TeX between the dollar signs; a formula over several lines keeps
        /// its line breaks but not the lines' container prefixes.
        var tex: String
        var display: Bool
        /// Where each line of `tex` starts: its UTF-8 offset in `tex` and the
        /// byte offset in the source it was copied from (for error positions).
        var anchors: [(texOffset: Int, sourceOffset: Int)] = []
    }

    /// The part of a span on one line, which became one placeholder.
    struct Piece {
        var span: Int
        /// The first piece stands for the whole formula; later ones vanish.
        var isFirst: Bool
        /// The source text the placeholder replaced.
        var original: String
    }

    /// A run of parsed text: plain, or one placeholder.
    enum Segment: Equatable {
        case text(String)
        case piece(Int)
    }

    /// How one placeholder moved columns on its line (1-based byte columns,
    /// `…End` exclusive).
    private struct Shift {
        var parsedStart: Int
        var parsedEnd: Int
        var originalStart: Int
        var originalEnd: Int
    }

    private(set) var spans: [Span] = []
    private(set) var pieces: [Piece] = []
    /// The text to hand to cmark.
    let parsedText: SourceText
    private var shifts: [Int: [Shift]] = [:]
    private var marker: Unicode.Scalar = "\u{E000}"
    private var terminator: Unicode.Scalar = "\u{E001}"

    /// No math: cmark parses `source` as is.
    init(unchanged source: SourceText) {
        parsedText = source
    }

    /// Finds the math in the paragraphs, headings and tables of `document` (a
    /// parse of `source`) and builds the text with placeholders, or returns
    /// `nil` when there is no math to protect.
    init?(source: SourceText, document: MarkdownNode) {
        guard source.bytes.contains(UInt8(ascii: "$")),
              let (marker, terminator) = Self.unusedMarkers(in: source.bytes) else {
            return nil
        }
        let regions: [[RegionLine]] = document.proseRegions().map { region in
            region.lines.map { line in
                RegionLine(number: line, source: source, firstColumn: line == region.lines.lowerBound ? region.firstColumn : nil)
            }
        }

        var spans: [Span] = []
        var pieces: [(offset: Int, length: Int, line: Int, piece: Piece)] = []
        for region in regions {
            var buffer: [UInt8] = []
            var bufferStarts: [Int] = []
            for line in region {
                if !buffer.isEmpty || !bufferStarts.isEmpty {
                    buffer.append(UInt8(ascii: "\n"))
                }
                bufferStarts.append(buffer.count)
                buffer.append(contentsOf: source.bytes[line.bytes])
            }
            var firstLine = 0
            for span in MathScanner.spans(in: buffer) {
                let spanIndex = spans.count
                let inner = (span.start + span.delimiterLength)..<(span.end - span.delimiterLength)
                let tex = String(decoding: buffer[inner], as: UTF8.self)
                // Display math is often written with the `$$` on lines of their
                // own; the surrounding line breaks are layout, not TeX.
                let trimmed = span.display ? tex.trimmingWhitespace() : tex
                let leading = trimmed.isEmpty || !span.display ? 0
                    : tex.utf8.distance(from: tex.startIndex, to: tex.firstIndex { !$0.isWhitespace } ?? tex.startIndex)
                spans.append(Span(tex: trimmed, display: span.display))
                var isFirst = true
                // Spans are found in order, so the line search can resume where it left off.
                while firstLine + 1 < region.count, bufferStarts[firstLine + 1] <= span.start {
                    firstLine += 1
                }
                for lineIndex in firstLine..<region.count {
                    let line = region[lineIndex]
                    let lineStart = bufferStarts[lineIndex]
                    if lineStart >= span.end {
                        break
                    }
                    let lower = max(span.start, lineStart)
                    let upper = min(span.end, lineStart + line.bytes.count)
                    guard lower < upper else { continue }
                    let offset = line.bytes.lowerBound + (lower - lineStart)
                    let original = String(decoding: source.bytes[offset..<(offset + upper - lower)], as: UTF8.self)
                    // Where the (trimmed) TeX starts on this line, if it does.
                    let texBegin = inner.lowerBound + leading
                    let anchor = max(lower, texBegin)
                    if anchor < upper || (isFirst && anchor == upper) {
                        spans[spanIndex].anchors.append((
                            texOffset: anchor - texBegin,
                            sourceOffset: line.bytes.lowerBound + (anchor - lineStart)
                        ))
                    }
                    pieces.append((offset, upper - lower, line.number, Piece(span: spanIndex, isFirst: isFirst, original: original)))
                    isFirst = false
                }
            }
        }
        guard !pieces.isEmpty else { return nil }
        pieces.sort { $0.offset < $1.offset }

        var bytes: [UInt8] = []
        bytes.reserveCapacity(source.bytes.count + pieces.count * 8)
        var shifts: [Int: [Shift]] = [:]
        var copied = 0
        for (number, piece) in pieces.enumerated() {
            // Regions never overlap, so neither do pieces; the guard is for safety.
            guard piece.offset >= copied else { continue }
            bytes.append(contentsOf: source.bytes[copied..<piece.offset])
            let lineStart = source.lineStarts[piece.line - 1]
            let originalStart = piece.offset - lineStart + 1
            let delta = shifts[piece.line]?.last.map { $0.parsedEnd - $0.originalEnd } ?? 0
            let placeholder = Array("\(Character(marker))\(number)\(Character(terminator))".utf8)
            shifts[piece.line, default: []].append(Shift(
                parsedStart: originalStart + delta,
                parsedEnd: originalStart + delta + placeholder.count,
                originalStart: originalStart,
                originalEnd: originalStart + piece.length
            ))
            bytes.append(contentsOf: placeholder)
            copied = piece.offset + piece.length
        }
        bytes.append(contentsOf: source.bytes[copied...])

        self.spans = spans
        self.pieces = pieces.map(\.piece)
        self.parsedText = SourceText(normalizedBytes: bytes)
        self.shifts = shifts
        self.marker = marker
        self.terminator = terminator
    }

    /// Maps a 1-based byte column of `parsedText` back to the original line.
    ///
    /// A column inside a placeholder maps into the formula it replaced.
    func originalByteColumn(line: Int, column: Int) -> Int {
        guard let lineShifts = shifts[line] else { return column }
        // The last placeholder starting at or before `column` (they are in
        // order): a binary search, as one line may hold a million of them.
        var low = 0, high = lineShifts.count
        var steps = 1
        while low < high {
            steps += 1
            let middle = (low + high) / 2
            if lineShifts[middle].parsedStart <= column { low = middle + 1 } else { high = middle }
        }
        LoadWork.count(steps)
        guard low > 0 else { return column }
        let shift = lineShifts[low - 1]
        if column < shift.parsedEnd {
            let length = shift.originalEnd - shift.originalStart
            return shift.originalStart + min(column - shift.parsedStart, max(length - 1, 0))
        }
        return column + shift.originalEnd - shift.parsedEnd
    }

    /// Splits parsed text into plain runs and placeholders.
    func segments(_ text: String) -> [Segment] {
        guard !pieces.isEmpty, text.utf8.contains(0xEE) else { return [.text(text)] }
        var segments: [Segment] = []
        var plain = String.UnicodeScalarView()
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if scalar == marker, let (piece, next) = placeholder(in: scalars, after: index) {
                if !plain.isEmpty {
                    segments.append(.text(String(plain)))
                    plain.removeAll()
                }
                segments.append(.piece(piece))
                index = next
            } else {
                plain.append(scalar)
                index = scalars.index(after: index)
            }
        }
        if !plain.isEmpty {
            segments.append(.text(String(plain)))
        }
        return segments
    }

    /// `text` with every placeholder back to its original source text: for
    /// code, HTML and URLs, where a formula is not a formula.
    func restoringSource(_ text: String) -> String {
        guard !pieces.isEmpty, text.utf8.contains(0xEE) else { return text }
        return segments(text).map { segment in
            switch segment {
            case .text(let plain): plain
            case .piece(let index): pieces[index].original
            }
        }.joined()
    }

    /// The piece number and the index after the terminator, if a well-formed
    /// placeholder starts at `start`.
    private func placeholder(
        in scalars: String.UnicodeScalarView,
        after start: String.UnicodeScalarView.Index
    ) -> (Int, String.UnicodeScalarView.Index)? {
        var index = scalars.index(after: start)
        var number = 0
        var digits = 0
        while index < scalars.endIndex, ("0"..."9").contains(scalars[index]), digits < 18 {
            number = number * 10 + Int(scalars[index].value - 48)
            digits += 1
            index = scalars.index(after: index)
        }
        guard digits > 0, index < scalars.endIndex, scalars[index] == terminator, number < pieces.count else {
            return nil
        }
        return (number, scalars.index(after: index))
    }

    /// Two private-use scalars that do not occur in the file, so a placeholder
    /// can never be confused with the author's text.
    private static func unusedMarkers(in bytes: [UInt8]) -> (Unicode.Scalar, Unicode.Scalar)? {
        // U+E000…U+E0FF is EE 80 80…EE 83 BF in UTF-8.
        var used = Set<UInt32>()
        var index = 0
        while index + 2 < bytes.count {
            if bytes[index] == 0xEE, bytes[index + 1] >= 0x80, bytes[index + 1] <= 0x83 {
                used.insert(0xE000 + UInt32(bytes[index + 1] - 0x80) << 6 + UInt32(bytes[index + 2] & 0x3F))
            }
            index += 1
        }
        for candidate in stride(from: UInt32(0xE000), to: 0xE100, by: 2)
        where !used.contains(candidate) && !used.contains(candidate + 1) {
            if let marker = Unicode.Scalar(candidate), let terminator = Unicode.Scalar(candidate + 1) {
                return (marker, terminator)
            }
        }
        return nil
    }

    /// The part of one source line that belongs to a block's inline text.
    private struct RegionLine {
        var number: Int
        /// Byte offsets into the source.
        var bytes: Range<Int>

        /// The text of a block's first line starts where cmark says the block
        /// starts; a continuation line's text starts after its container prefix and
        /// indentation (cmark strips both), which never contain anything but
        /// spaces, tabs and `>` — a continuation line whose text began with `>`
        /// would have started a block quote instead.
        init(number: Int, source: SourceText, firstColumn: Int?) {
            self.number = number
            let range = source.lineRange(number)
            var start = range.lowerBound
            if let firstColumn {
                start = min(range.lowerBound + max(firstColumn - 1, 0), range.upperBound)
            } else {
                while start < range.upperBound,
                      [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: ">")].contains(source.bytes[start]) {
                    start += 1
                }
            }
            bytes = start..<range.upperBound
        }
    }
}
