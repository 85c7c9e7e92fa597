// Linear-algebra kernels that BLAS does not cover: broadcasting a bias over a
// batch, summing a batch, and the per-row norms of weight normalization.
// Loops run along rows so the inner loop is contiguous.

extension TensorScalar {
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

    public static func rowNorms(_ x: Tensor<Self>, into norms: inout Tensor<Self>) {
        let width = x.columns
        norms.resize(rows: 1, columns: x.rows)
        x.withUnsafeBufferPointer { x in
            norms.withUnsafeMutableBufferPointer { n in
                for r in 0..<n.count {
                    var sum: Self = 0
                    for j in 0..<width { sum += x[r * width + j] * x[r * width + j] }
                    n[r] = sum.squareRoot()
                }
            }
        }
    }

    public static func scaleRows(_ x: Tensor<Self>, by factors: Tensor<Self>, into y: inout Tensor<Self>) {
        let width = x.columns
        Tensor.elementwise(x, into: &y) { x, y in
            factors.withUnsafeBufferPointer { f in
                for r in 0..<f.count {
                    for j in 0..<width { y[r * width + j] = f[r] * x[r * width + j] }
                }
            }
        }
    }

    public static func weightNormBackward(
        weightGradient dw: Tensor<Self>, direction v: Tensor<Self>, gain g: Tensor<Self>, norms: Tensor<Self>,
        gainGradient dg: inout Tensor<Self>, directionGradient dv: inout Tensor<Self>
    ) {
        // w = g·v/n with n = ‖v‖ per row, so dg = dw·v/n and
        // dv = (g/n)·(dw − (dg/n)·v): the part of dw along v is what g already carries.
        let width = v.columns
        dg.resize(rows: 1, columns: v.rows)
        dv.resize(rows: v.rows, columns: width)
        dw.withUnsafeBufferPointer { dw in
            v.withUnsafeBufferPointer { v in
                g.withUnsafeBufferPointer { g in
                    norms.withUnsafeBufferPointer { n in
                        dg.withUnsafeMutableBufferPointer { dg in
                            dv.withUnsafeMutableBufferPointer { dv in
                                for r in 0..<n.count {
                                    let row = r * width
                                    var projection: Self = 0
                                    for j in 0..<width { projection += dw[row + j] * v[row + j] }
                                    dg[r] = projection / n[r]
                                    let along = dg[r] / n[r]
                                    let factor = g[r] / n[r]
                                    for j in 0..<width { dv[row + j] = factor * (dw[row + j] - along * v[row + j]) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
