// Optimizer kernels: one fused pass per parameter tensor. Weight decay is the
// L2 penalty (λ/2)·‖w‖², whose gradient λ·w is added to g before the update.

extension TensorScalar {
    public static func sgdStep(
        value w: inout Tensor<Self>, gradient g: Tensor<Self>, learningRate: Self, weightDecay: Self
    ) {
        g.withUnsafeBufferPointer { g in
            w.withUnsafeMutableBufferPointer { w in
                for i in 0..<w.count { w[i] -= learningRate * (g[i] + weightDecay * w[i]) }
            }
        }
    }

    public static func momentumStep(
        value w: inout Tensor<Self>, gradient g: Tensor<Self>, velocity v: inout Tensor<Self>,
        learningRate: Self, momentum: Self, gradientScale: Self, weightDecay: Self, nesterov: Bool
    ) {
        // gradientScale is 1 for v = μv + g, 1 − β for v = βv + (1 − β)g.
        g.withUnsafeBufferPointer { g in
            w.withUnsafeMutableBufferPointer { w in
                v.withUnsafeMutableBufferPointer { v in
                    if nesterov {
                        for i in 0..<w.count {
                            let gi = gradientScale * (g[i] + weightDecay * w[i])
                            v[i] = momentum * v[i] + gi
                            w[i] -= learningRate * (gi + momentum * v[i])
                        }
                    } else {
                        for i in 0..<w.count {
                            v[i] = momentum * v[i] + gradientScale * (g[i] + weightDecay * w[i])
                            w[i] -= learningRate * v[i]
                        }
                    }
                }
            }
        }
    }

    public static func adamStep(
        value w: inout Tensor<Self>, gradient g: Tensor<Self>, firstMoment m: inout Tensor<Self>,
        secondMoment v: inout Tensor<Self>, learningRate: Self, beta1: Self, beta2: Self, epsilon: Self,
        weightDecay: Self, step: Int
    ) {
        // Bias correction: m and v start at 0, so early averages are too small by
        // the factors 1 − β₁ᵗ and 1 − β₂ᵗ.
        let t = Double(max(step, 1))
        let correction1 = 1 / Self(1 - Math.pow(beta1.doubleValue, t))
        let correction2 = 1 / Self(1 - Math.pow(beta2.doubleValue, t))
        g.withUnsafeBufferPointer { g in
            w.withUnsafeMutableBufferPointer { w in
                m.withUnsafeMutableBufferPointer { m in
                    v.withUnsafeMutableBufferPointer { v in
                        for i in 0..<w.count {
                            let gi = g[i] + weightDecay * w[i]
                            m[i] = beta1 * m[i] + (1 - beta1) * gi
                            v[i] = beta2 * v[i] + (1 - beta2) * gi * gi
                            let mHat = m[i] * correction1
                            let vHat = v[i] * correction2
                            w[i] -= learningRate * mHat / (vHat.squareRoot() + epsilon)
                        }
                    }
                }
            }
        }
    }

    /// RMSprop: `s ← ρ·s + (1 − ρ)·g²`, `w ← w − η·g/(√s + ε)`.
    public static func rmspropStep(
        value w: inout Tensor<Self>, gradient g: Tensor<Self>, meanSquare s: inout Tensor<Self>,
        learningRate: Self, decay rho: Self, epsilon: Self, weightDecay: Self
    ) {
        g.withUnsafeBufferPointer { g in
            w.withUnsafeMutableBufferPointer { w in
                s.withUnsafeMutableBufferPointer { s in
                    for i in 0..<w.count {
                        let gi = g[i] + weightDecay * w[i]
                        s[i] = rho * s[i] + (1 - rho) * gi * gi
                        w[i] -= learningRate * gi / (s[i].squareRoot() + epsilon)
                    }
                }
            }
        }
    }

    /// Adds `λ₁·sign(w)`, the (sub)gradient of the L1 penalty `λ₁·‖w‖₁`, to `g`
    /// (0 where `w` is exactly 0).
    public static func addL1Gradient(_ g: inout Tensor<Self>, value w: Tensor<Self>, rate: Self) {
        w.withUnsafeBufferPointer { w in
            g.withUnsafeMutableBufferPointer { g in
                for i in 0..<g.count where w[i] != 0 { g[i] += w[i] > 0 ? rate : -rate }
            }
        }
    }
}
