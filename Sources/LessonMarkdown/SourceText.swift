/// A lesson's bytes as cmark sees them, with an index of where each line starts.
///
/// cmark reports columns in bytes; this is where they become `SourceLocation`
/// columns (Unicode scalars).
struct SourceText {
    /// UTF-8 without a byte-order mark, every line break a single `\n`.
    let bytes: [UInt8]
    /// Byte offset of the first byte of each line; `lineStarts[0]` is line 1.
    let lineStarts: [Int]
    /// `continuationsBefore[k]`: how many UTF-8 continuation bytes precede
    /// offset `k * checkpointStride`, so counting the scalars of any stretch
    /// scans at most one stride. Found by hand: a 60,000-reference line spent
    /// 90 % of its time counting its columns from the start of the line again
    /// for every reference, O(n²).
    private let continuationsBefore: [Int]
    private static let checkpointStride = 1_024

    /// Takes `bytes` as they are; they must already be normalized.
    init(normalizedBytes bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        var checkpoints = [0]
        checkpoints.reserveCapacity(bytes.count / Self.checkpointStride + 1)
        bytes.withUnsafeBufferPointer { buffer in
            var continuations = 0
            for offset in 0..<buffer.count {
                let byte = buffer[offset]
                if byte == UInt8(ascii: "\n") {
                    starts.append(offset + 1)
                } else if byte & 0xC0 == 0x80 {
                    continuations += 1
                }
                if (offset + 1) % Self.checkpointStride == 0 {
                    checkpoints.append(continuations)
                }
            }
        }
        lineStarts = starts
        continuationsBefore = checkpoints
    }

    /// UTF-8 continuation bytes in `bytes[0..<offset]`.
    private func continuations(before offset: Int) -> Int {
        let checkpoint = min(offset / Self.checkpointStride, continuationsBefore.count - 1)
        LoadWork.count(offset - checkpoint * Self.checkpointStride + 1)
        var count = continuationsBefore[checkpoint]
        for byte in bytes[(checkpoint * Self.checkpointStride)..<offset] where byte & 0xC0 == 0x80 {
            count += 1
        }
        return count
    }

    /// Drops a leading byte-order mark and turns `\r\n` and lone `\r` into `\n`.
    ///
    /// cmark counts all three as line endings, so line numbers stay the same, and
    /// a `\r` is only ever dropped at a line's end, so columns do too. Doing it here
    /// means block literals (experiment bodies) come out with plain `\n`.
    init<Bytes: Collection<UInt8>>(normalizing raw: Bytes) {
        var input = raw[...]
        if input.starts(with: [0xEF, 0xBB, 0xBF]) {
            input = input.dropFirst(3)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(input.count)
        var previousWasCarriageReturn = false
        for byte in input {
            if byte == UInt8(ascii: "\r") {
                bytes.append(UInt8(ascii: "\n"))
                previousWasCarriageReturn = true
                continue
            }
            if !(byte == UInt8(ascii: "\n") && previousWasCarriageReturn) {
                bytes.append(byte)
            }
            previousWasCarriageReturn = false
        }
        self.init(normalizedBytes: bytes)
    }

    var lineCount: Int { lineStarts.count }

    /// The byte offsets of `line` (1-based), without its `\n`; empty when out of range.
    func lineRange(_ line: Int) -> Range<Int> {
        guard line >= 1, line <= lineStarts.count else { return 0..<0 }
        let start = lineStarts[line - 1]
        let end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        return start..<max(start, end)
    }

    /// The bytes of `line` (1-based), without its `\n`.
    func line(_ line: Int) -> ArraySlice<UInt8> {
        bytes[lineRange(line)]
    }

    /// Converts a 1-based byte column on `line` to a 1-based scalar column.
    ///
    /// Columns past the end of the line (cmark's end positions can be) count one
    /// per byte beyond it, so they stay distinct and ordered.
    func scalarColumn(line: Int, byteColumn: Int) -> Int {
        let range = lineRange(line)
        let prefixLength = max(byteColumn - 1, 0)
        let within = min(prefixLength, range.count)
        let end = range.lowerBound + within
        var scalars = 0
        if within <= Self.checkpointStride {
            LoadWork.count(within + 1)
            for byte in bytes[range.lowerBound..<end] where byte & 0xC0 != 0x80 {
                scalars += 1
            }
        } else {
            scalars = within - (continuations(before: end) - continuations(before: range.lowerBound))
        }
        return scalars + (prefixLength - within) + 1
    }

    /// The offset of the first byte that is not valid UTF-8, or `nil` when all are.
    ///
    /// Hand-written rather than via `String(validating:)` because the error must
    /// say where the bad byte is.
    func firstInvalidUTF8Offset() -> Int? {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var secondLow: UInt8 = 0x80
            var secondHigh: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; secondLow = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; secondHigh = 0x9F
            case 0xF0: length = 4; secondLow = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; secondHigh = 0x8F
            default: return index
            }
            guard index + length <= count else { return index }
            let second = bytes[index + 1]
            guard second >= secondLow, second <= secondHigh else { return index }
            for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 {
                return index
            }
            index += length
        }
        return nil
    }

    /// The 1-based line and byte column of a byte offset.
    func position(ofOffset offset: Int) -> (line: Int, byteColumn: Int) {
        var low = 0
        var high = lineStarts.count - 1
        var steps = 1
        while low < high {
            steps += 1
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset {
                low = middle
            } else {
                high = middle - 1
            }
        }
        LoadWork.count(steps)
        return (low + 1, offset - lineStarts[low] + 1)
    }
}
