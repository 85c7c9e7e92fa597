import Foundation

/// A least-squares polynomial of one variable on [−1, 1], optionally with a
/// ridge penalty.
///
/// The model is the usual one — features x, x², …, x^d and a constant — but
/// it is fitted in the Legendre basis P₀(x), …, P_d(x), which spans the same
/// polynomials: the monomials are nearly parallel on [−1, 1] (x¹³ and x¹⁵ are
/// hard to tell apart), so their normal equations lose every digit by degree
/// 15, while the Legendre polynomials are orthogonal there and a Householder
/// QR solves the problem to working precision. The fitted function, and so
/// every error, is the same in either basis; only the ridge penalty, which
/// acts on coefficients, depends on the basis.
struct PolynomialFit: Sendable {
    /// Degree d.
    let degree: Int
    /// Coefficients of P₀ … P_d.
    let coefficients: [Double]

    /// Fits the polynomial of degree `degree` minimizing
    /// `(1/n) Σ (y − p(x))² + λ Σ_{k≥1} c_k²` (the constant is not penalized).
    /// - Returns: `nil` if the problem is singular (fewer distinct points than
    ///   coefficients, and no penalty).
    static func fit(x: [Double], y: [Double], degree: Int, ridge: Double = 0) -> PolynomialFit? {
        let n = x.count, width = degree + 1
        let penaltyRows = ridge > 0 ? degree : 0
        let rows = n + penaltyRows
        guard rows >= width else { return nil }
        // Column-major design matrix [basis; √(nλ)·I without the constant] and right-hand side.
        var a = [Double](repeating: 0, count: rows * width)
        var b = [Double](repeating: 0, count: rows)
        for i in 0..<n {
            let basis = legendre(x[i], degree: degree)
            for k in 0..<width { a[k * rows + i] = basis[k] }
            b[i] = y[i]
        }
        let scale = (Double(n) * ridge).squareRoot()
        for k in 0..<penaltyRows { a[(k + 1) * rows + n + k] = scale }
        guard let c = solveLeastSquares(&a, rows: rows, columns: width, &b) else { return nil }
        return PolynomialFit(degree: degree, coefficients: c)
    }

    func callAsFunction(_ x: Double) -> Double {
        let basis = Self.legendre(x, degree: degree)
        var sum = 0.0
        for k in 0...degree { sum += coefficients[k] * basis[k] }
        return sum
    }

    /// P₀(x) … P_d(x) by Bonnet's recursion (k + 1)P_{k+1} = (2k + 1)x P_k − k P_{k−1}.
    static func legendre(_ x: Double, degree: Int) -> [Double] {
        var p = [Double](repeating: 0, count: degree + 1)
        p[0] = 1
        if degree >= 1 { p[1] = x }
        if degree >= 2 {
            for k in 1..<degree {
                p[k + 1] = (Double(2 * k + 1) * x * p[k] - Double(k) * p[k - 1]) / Double(k + 1)
            }
        }
        return p
    }

    /// Solves min ‖A c − b‖ by Householder QR; `a` is column-major and is
    /// overwritten, as is `b`. Returns `nil` if R has a (relatively) zero pivot.
    static func solveLeastSquares(_ a: inout [Double], rows m: Int, columns n: Int, _ b: inout [Double]) -> [Double]? {
        var diagonal = [Double](repeating: 0, count: n)
        var largest = 0.0
        for k in 0..<n {
            // The reflection that maps column k below the diagonal onto e_k.
            var norm = 0.0
            for i in k..<m { norm += a[k * m + i] * a[k * m + i] }
            norm = norm.squareRoot()
            let alpha = a[k * m + k] > 0 ? -norm : norm
            diagonal[k] = alpha
            largest = max(largest, abs(alpha))
            guard norm > 0 else { continue }
            a[k * m + k] -= alpha
            var vNorm2 = 0.0
            for i in k..<m { vNorm2 += a[k * m + i] * a[k * m + i] }
            guard vNorm2 > 0 else { continue }
            for j in (k + 1)..<n {
                var dot = 0.0
                for i in k..<m { dot += a[k * m + i] * a[j * m + i] }
                let f = 2 * dot / vNorm2
                for i in k..<m { a[j * m + i] -= f * a[k * m + i] }
            }
            var dot = 0.0
            for i in k..<m { dot += a[k * m + i] * b[i] }
            let f = 2 * dot / vNorm2
            for i in k..<m { b[i] -= f * a[k * m + i] }
        }
        guard largest > 0, diagonal.allSatisfy({ abs($0) > largest * 1e-13 }) else { return nil }
        // Back substitution with R (strictly upper part in `a`, diagonal in `diagonal`).
        var c = [Double](repeating: 0, count: n)
        for k in stride(from: n - 1, through: 0, by: -1) {
            var sum = b[k]
            for j in (k + 1)..<n { sum -= a[j * m + k] * c[j] }
            c[k] = sum / diagonal[k]
        }
        return c
    }
}
