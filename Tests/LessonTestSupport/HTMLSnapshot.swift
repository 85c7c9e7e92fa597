import Foundation

/// A page made comparable across machines: the markup and the words stay,
/// while what a computation or a build may legitimately change goes —
/// decimals (the last digits of a float differ between BLAS kernels and
/// processors; no snapshot compares two computations' numbers bit for bit),
/// superscript exponents, the tool's version, and compressed payloads.
public enum HTMLSnapshot {
    public static func normalized(_ html: String) -> String {
        var text = html
        let rules: [(String, String)] = [
            // Compressed explored positions: their HTML is checked elsewhere.
            (#"data-gzip="[^"]*""#, #"data-gzip="…""#),
            (#"LessonRunner \d+\.\d+\.\d+"#, "LessonRunner X.Y.Z"),
            // 0.1464, 1e-09, 5.808×10⁻¹² (two decimals or more: "Table 1.2"
            // and a chart's half-pixel coordinates stay)
            (#"\d+\.\d{2,}(e[+-]?\d+)?"#, "D.D"),
            (#"\d+e[+-]?\d+"#, "DeD"),
            (#"[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+"#, "ˣ"),
        ]
        for (pattern, replacement) in rules {
            text = text.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
        }
        return text
    }
}
