extension Int {
    /// Digits grouped by thousands with commas, the same in every locale: "1,797".
    public var grouped: String {
        let digits = Array(String(magnitude))
        var out = self < 0 ? "-" : ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return out
    }
}
