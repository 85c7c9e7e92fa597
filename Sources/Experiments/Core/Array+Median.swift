extension Array where Element == Double {
    /// The middle number, or the mean of the two middle ones for an even
    /// count; NaN when there is none.
    var median: Double {
        guard !isEmpty else { return .nan }
        let sorted = self.sorted(), middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
