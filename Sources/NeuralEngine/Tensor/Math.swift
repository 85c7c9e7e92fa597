#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The C math library under a namespace, so that code inside types with
/// members named `exp` or `log` (the `TensorScalar` requirements) can still
/// reach the C functions.
enum Math {
    static func exp(_ x: Double) -> Double { libmExp(x) }
    static func exp(_ x: Float) -> Float { libmExp(x) }
    static func log(_ x: Double) -> Double { libmLog(x) }
    static func log(_ x: Float) -> Float { libmLog(x) }
    static func log1p(_ x: Double) -> Double { libmLog1p(x) }
    static func log1p(_ x: Float) -> Float { libmLog1p(x) }
    static func tanh(_ x: Double) -> Double { libmTanh(x) }
    static func tanh(_ x: Float) -> Float { libmTanh(x) }
    static func sin(_ x: Double) -> Double { libmSin(x) }
    static func cos(_ x: Double) -> Double { libmCos(x) }
    static func pow(_ x: Double, _ y: Double) -> Double { libmPow(x, y) }
}

// At file scope the plain names resolve to the C library.
private func libmExp(_ x: Double) -> Double { exp(x) }
private func libmExp(_ x: Float) -> Float { expf(x) }
private func libmLog(_ x: Double) -> Double { log(x) }
private func libmLog(_ x: Float) -> Float { logf(x) }
private func libmLog1p(_ x: Double) -> Double { log1p(x) }
private func libmLog1p(_ x: Float) -> Float { log1pf(x) }
private func libmTanh(_ x: Double) -> Double { tanh(x) }
private func libmTanh(_ x: Float) -> Float { tanhf(x) }
private func libmSin(_ x: Double) -> Double { sin(x) }
private func libmCos(_ x: Double) -> Double { cos(x) }
private func libmPow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
