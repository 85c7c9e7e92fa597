// Normalization kernels, shared by batch, layer, group and instance norm.
//
// Batch norm normalizes each column over the rows of a batch; the others
// normalize groups of columns within each row. Either way the backward pass
// has the same shape: with x̂ = (x − μ)/σ over a set of m values,
//     dx = (1/σ)·(dx̂ − mean(dx̂) − x̂·mean(dx̂·x̂)),
// because μ and σ themselves depend on every x in the set.

extension TensorScalar {
    public static func columnMoments(_ x: Tensor<Self>, mean: inout Tensor<Self>, variance: inout Tensor<Self>) {
        let rows = x.rows, width = x.columns
        mean.resize(rows: 1, columns: width)
        variance.resize(rows: 1, columns: width)
        let inverseRows = 1 / Self(max(rows, 1))
        x.withUnsafeBufferPointer { x in
            mean.withUnsafeMutableBufferPointer { mu in
                variance.withUnsafeMutableBufferPointer { v in
                    // Two passes (mean, then squared deviations) rather than E[x²] − E[x]²,
                    // which cancels catastrophically when the mean is large.
                    for j in 0..<width { mu[j] = 0; v[j] = 0 }
                    for r in 0..<rows {
                        for j in 0..<width { mu[j] += x[r * width + j] }
                    }
                    for j in 0..<width { mu[j] *= inverseRows }
                    for r in 0..<rows {
                        for j in 0..<width {
                            let d = x[r * width + j] - mu[j]
                            v[j] += d * d
                        }
                    }
                    for j in 0..<width { v[j] *= inverseRows }
                }
            }
        }
    }

    public static func inverseSquareRoot(_ variance: Tensor<Self>, epsilon: Self, into result: inout Tensor<Self>) {
        Tensor.elementwise(variance, into: &result) { v, r in
            for i in 0..<v.count { r[i] = 1 / (v[i] + epsilon).squareRoot() }
        }
    }

    public static func exponentialAverage(
        _ average: inout Tensor<Self>, adding x: Tensor<Self>, momentum: Self, factor: Self
    ) {
        let weight = (1 - momentum) * factor
        x.withUnsafeBufferPointer { x in
            average.withUnsafeMutableBufferPointer { a in
                for i in 0..<a.count { a[i] = momentum * a[i] + weight * x[i] }
            }
        }
    }

    public static func normalizeColumns(
        _ x: Tensor<Self>, mean: Tensor<Self>, inverseStandardDeviation: Tensor<Self>, into y: inout Tensor<Self>
    ) {
        let width = x.columns
        Tensor.elementwise(x, into: &y) { x, y in
            mean.withUnsafeBufferPointer { mu in
                inverseStandardDeviation.withUnsafeBufferPointer { s in
                    for r in 0..<x.count / max(width, 1) {
                        for j in 0..<width { y[r * width + j] = (x[r * width + j] - mu[j]) * s[j] }
                    }
                }
            }
        }
    }

    public static func normalizeColumnsBackward(
        normalizedGradient dxhat: Tensor<Self>, normalized xhat: Tensor<Self>,
        inverseStandardDeviation: Tensor<Self>, into dx: inout Tensor<Self>
    ) {
        let rows = dxhat.rows, width = dxhat.columns
        let inverseRows = 1 / Self(max(rows, 1))
        Tensor.elementwise(dxhat, xhat, into: &dx) { g, xh, dx in
            inverseStandardDeviation.withUnsafeBufferPointer { s in
                withUnsafeTemporaryAllocation(of: Self.self, capacity: 2 * width) { sums in
                    // sums[j] = mean of dx̂ over the column, sums[width + j] = mean of dx̂·x̂.
                    for j in 0..<2 * width { sums[j] = 0 }
                    for r in 0..<rows {
                        for j in 0..<width {
                            sums[j] += g[r * width + j]
                            sums[width + j] += g[r * width + j] * xh[r * width + j]
                        }
                    }
                    for j in 0..<2 * width { sums[j] *= inverseRows }
                    for r in 0..<rows {
                        for j in 0..<width {
                            let i = r * width + j
                            dx[i] = s[j] * (g[i] - sums[j] - xh[i] * sums[width + j])
                        }
                    }
                }
            }
        }
    }

    public static func normalizeGroups(
        _ x: Tensor<Self>, groups: Int, epsilon: Self, into xhat: inout Tensor<Self>,
        inverseStandardDeviation: inout Tensor<Self>
    ) {
        let rows = x.rows, size = x.columns / groups
        let inverseSize = 1 / Self(size)
        inverseStandardDeviation.resize(rows: rows, columns: groups)
        Tensor.elementwise(x, into: &xhat) { x, y in
            inverseStandardDeviation.withUnsafeMutableBufferPointer { s in
                for group in 0..<rows * groups {
                    let start = group * size
                    var mean: Self = 0
                    for i in start..<start + size { mean += x[i] }
                    mean *= inverseSize
                    var variance: Self = 0
                    for i in start..<start + size { variance += (x[i] - mean) * (x[i] - mean) }
                    variance *= inverseSize
                    let inverse = 1 / (variance + epsilon).squareRoot()
                    s[group] = inverse
                    for i in start..<start + size { y[i] = (x[i] - mean) * inverse }
                }
            }
        }
    }

    public static func normalizeGroupsBackward(
        normalizedGradient dxhat: Tensor<Self>, normalized xhat: Tensor<Self>, groups: Int,
        inverseStandardDeviation: Tensor<Self>, into dx: inout Tensor<Self>
    ) {
        let rows = dxhat.rows, size = dxhat.columns / groups
        let inverseSize = 1 / Self(size)
        Tensor.elementwise(dxhat, xhat, into: &dx) { g, xh, dx in
            inverseStandardDeviation.withUnsafeBufferPointer { s in
                for group in 0..<rows * groups {
                    let start = group * size
                    var meanGradient: Self = 0, meanProjection: Self = 0
                    for i in start..<start + size {
                        meanGradient += g[i]
                        meanProjection += g[i] * xh[i]
                    }
                    meanGradient *= inverseSize
                    meanProjection *= inverseSize
                    for i in start..<start + size {
                        dx[i] = s[group] * (g[i] - meanGradient - xh[i] * meanProjection)
                    }
                }
            }
        }
    }

    public static func affineForward(
        _ xhat: Tensor<Self>, scale: Tensor<Self>, shift: Tensor<Self>, into y: inout Tensor<Self>
    ) {
        let width = xhat.columns, blocks = scale.count, block = width / max(blocks, 1)
        Tensor.elementwise(xhat, into: &y) { x, y in
            scale.withUnsafeBufferPointer { gamma in
                shift.withUnsafeBufferPointer { beta in
                    for r in 0..<xhat.rows {
                        let row = r * width
                        if block == 1 {
                            for j in 0..<width { y[row + j] = gamma[j] * x[row + j] + beta[j] }
                        } else {
                            for p in 0..<blocks {
                                let start = row + p * block
                                for i in start..<start + block { y[i] = gamma[p] * x[i] + beta[p] }
                            }
                        }
                    }
                }
            }
        }
    }

    public static func affineBackward(
        outputGradient dy: Tensor<Self>, normalized xhat: Tensor<Self>, scale: Tensor<Self>,
        normalizedGradient dxhat: inout Tensor<Self>, scaleGradient: inout Tensor<Self>,
        shiftGradient: inout Tensor<Self>
    ) {
        let width = dy.columns, blocks = scale.count, block = width / max(blocks, 1)
        scaleGradient.resize(rows: 1, columns: blocks)
        shiftGradient.resize(rows: 1, columns: blocks)
        Tensor.elementwise(dy, xhat, into: &dxhat) { g, x, dx in
            scale.withUnsafeBufferPointer { gamma in
                scaleGradient.withUnsafeMutableBufferPointer { dGamma in
                    shiftGradient.withUnsafeMutableBufferPointer { dBeta in
                        for p in 0..<blocks { dGamma[p] = 0; dBeta[p] = 0 }
                        for r in 0..<dy.rows {
                            let row = r * width
                            if block == 1 {
                                for j in 0..<width {
                                    dx[row + j] = gamma[j] * g[row + j]
                                    dGamma[j] += g[row + j] * x[row + j]
                                    dBeta[j] += g[row + j]
                                }
                            } else {
                                for p in 0..<blocks {
                                    let start = row + p * block
                                    for i in start..<start + block {
                                        dx[i] = gamma[p] * g[i]
                                        dGamma[p] += g[i] * x[i]
                                        dBeta[p] += g[i]
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
