// Linear-algebra kernels that BLAS does not cover: broadcasting a bias over a
// batch, summing a batch, and the per-row norms of weight normalization.
// Loops run along rows so the inner loop is contiguous.

extension TensorScalar {
    public static func transpose(_ x: Tensor<Self>, into y: inout Tensor<Self>) {
        let rows = x.rows, columns = x.columns
        y.resize(rows: columns, columns: rows)
        x.withUnsafeBufferPointer { x in
            y.withUnsafeMutableBufferPointer { y in
                for r in 0..<rows {
                    for c in 0..<columns { y[c * rows + r] = x[r * columns + c] }
                }
            }
        }
    }

    public static func fill(_ x: inout Tensor<Self>, with value: Self) {
        x.withUnsafeMutableBufferPointer { x in
            for i in 0..<x.count { x[i] = value }
        }
    }

    public static func add(_ x: Tensor<Self>, _ y: Tensor<Self>, into z: inout Tensor<Self>) {
        Tensor.elementwise(x, y, into: &z) { x, y, z in
            for i in 0..<x.count { z[i] = x[i] + y[i] }
        }
    }

    public static func multiply(_ x: Tensor<Self>, _ y: Tensor<Self>, into z: inout Tensor<Self>) {
        Tensor.elementwise(x, y, into: &z) { x, y, z in
            for i in 0..<x.count { z[i] = x[i] * y[i] }
        }
    }

    public static func divide(_ x: Tensor<Self>, _ y: Tensor<Self>, into z: inout Tensor<Self>) {
        Tensor.elementwise(x, y, into: &z) { x, y, z in
            for i in 0..<x.count { z[i] = x[i] / y[i] }
        }
    }

    public static func scale(_ x: Tensor<Self>, by factor: Self, into y: inout Tensor<Self>) {
        Tensor.elementwise(x, into: &y) { x, y in
            for i in 0..<x.count { y[i] = factor * x[i] }
        }
    }

    public static func broadcastRow(_ vector: Tensor<Self>, rows: Int, into y: inout Tensor<Self>) {
        let width = vector.count
        y.resize(rows: rows, columns: width)
        vector.withUnsafeBufferPointer { v in
            y.withUnsafeMutableBufferPointer { y in
                for r in 0..<rows {
                    let row = r * width
                    for j in 0..<width { y[row + j] = v[j] }
                }
            }
        }
    }

    public static func columnSums(_ x: Tensor<Self>, into sums: inout Tensor<Self>) {
        let width = x.columns
        sums.resize(rows: 1, columns: width)
        x.withUnsafeBufferPointer { x in
            sums.withUnsafeMutableBufferPointer { s in
                for j in 0..<width { s[j] = 0 }
                for r in 0..<(x.count / max(width, 1)) {
                    let row = r * width
                    for j in 0..<width { s[j] += x[row + j] }
                }
            }
        }
    }

    public static func columnNorms(_ x: Tensor<Self>, into norms: inout Tensor<Self>) {
        let width = x.columns
        norms.resize(rows: 1, columns: width)
        x.withUnsafeBufferPointer { x in
            norms.withUnsafeMutableBufferPointer { n in
                for j in 0..<width { n[j] = 0 }
                for r in 0..<x.count / max(width, 1) {
                    for j in 0..<width { n[j] += x[r * width + j] * x[r * width + j] }
                }
                for j in 0..<width { n[j] = n[j].squareRoot() }
            }
        }
    }

    public static func scaleColumns(_ x: Tensor<Self>, by factors: Tensor<Self>, into y: inout Tensor<Self>) {
        let width = x.columns
        Tensor.elementwise(x, into: &y) { x, y in
            factors.withUnsafeBufferPointer { f in
                for r in 0..<x.count / max(width, 1) {
                    for j in 0..<width { y[r * width + j] = f[j] * x[r * width + j] }
                }
            }
        }
    }

    public static func weightNormBackward(
        weightGradient dw: Tensor<Self>, direction v: Tensor<Self>, gain g: Tensor<Self>, norms: Tensor<Self>,
        gainGradient dg: inout Tensor<Self>, directionGradient dv: inout Tensor<Self>
    ) {
        // w = g·v/n with n = ‖v‖ per column (unit), so dg = dw·v/n and
        // dv = (g/n)·(dw − (dg/n)·v): the part of dw along v is what g already carries.
        let rows = v.rows, width = v.columns
        dg.resize(rows: 1, columns: width)
        dv.resize(rows: rows, columns: width)
        dw.withUnsafeBufferPointer { dw in
            v.withUnsafeBufferPointer { v in
                g.withUnsafeBufferPointer { g in
                    norms.withUnsafeBufferPointer { n in
                        dg.withUnsafeMutableBufferPointer { dg in
                            dv.withUnsafeMutableBufferPointer { dv in
                                for j in 0..<width { dg[j] = 0 }
                                for r in 0..<rows {
                                    for j in 0..<width { dg[j] += dw[r * width + j] * v[r * width + j] }
                                }
                                for j in 0..<width { dg[j] /= n[j] }
                                for r in 0..<rows {
                                    for j in 0..<width {
                                        let i = r * width + j
                                        dv[i] = g[j] / n[j] * (dw[i] - dg[j] / n[j] * v[i])
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
