extension SVGChart {
    /// A coarse record of which parts of the plot hold ink (lines, markers,
    /// bars), so labels drawn later — reference-line labels — can pick the
    /// free-est of a few candidate spots.
    struct OccupancyGrid {
        static let cellSize = 4.0

        let left: Double
        let top: Double
        let columns: Int
        let rows: Int
        private var cells: [Bool]

        init(left: Double, top: Double, width: Double, height: Double) {
            self.left = left
            self.top = top
            columns = max(1, Int((width / Self.cellSize).rounded(.up)))
            rows = max(1, Int((height / Self.cellSize).rounded(.up)))
            cells = Array(repeating: false, count: columns * rows)
        }

        mutating func markRect(x: Double, y: Double, width: Double, height: Double) {
            guard let (c0, r0, c1, r1) = cellRange(x: x, y: y, width: width, height: height) else { return }
            for row in r0...r1 {
                for column in c0...c1 { cells[row * columns + column] = true }
            }
        }

        /// Marks a straight segment, sampled every couple of pixels.
        mutating func markSegment(from a: (x: Double, y: Double), to b: (x: Double, y: Double), halfWidth: Double = 1) {
            let length = max(abs(b.x - a.x), abs(b.y - a.y))
            guard length.isFinite else { return }
            let steps = min(Int(length / 2) + 1, 4096)
            for step in 0...steps {
                let t = Double(step) / Double(steps)
                let x = a.x + (b.x - a.x) * t, y = a.y + (b.y - a.y) * t
                markRect(x: x - halfWidth, y: y - halfWidth, width: 2 * halfWidth, height: 2 * halfWidth)
            }
        }

        /// How many cells in the rectangle hold ink.
        func count(x: Double, y: Double, width: Double, height: Double) -> Int {
            guard let (c0, r0, c1, r1) = cellRange(x: x, y: y, width: width, height: height) else { return 0 }
            var total = 0
            for row in r0...r1 {
                for column in c0...c1 where cells[row * columns + column] { total += 1 }
            }
            return total
        }

        private func cellRange(x: Double, y: Double, width: Double, height: Double) -> (Int, Int, Int, Int)? {
            let values = [x, y, width, height]
            guard values.allSatisfy(\.isFinite) else { return nil }
            // Clamp in floating point first: Int(_:) traps on huge values.
            func index(_ position: Double, _ limit: Int) -> Int {
                Int(min(max((position / Self.cellSize).rounded(.down), -1), Double(limit)))
            }
            let c0 = max(0, index(x - left, columns)), c1 = min(columns - 1, index(x + width - left, columns))
            let r0 = max(0, index(y - top, rows)), r1 = min(rows - 1, index(y + height - top, rows))
            guard c0 <= c1, r0 <= r1 else { return nil }
            return (c0, r0, c1, r1)
        }
    }
}
