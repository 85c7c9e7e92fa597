import NeuralEngine
import Glibc

func now() -> Double { var t = timespec(); clock_gettime(CLOCK_MONOTONIC, &t); return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9 }
func bench<S: TensorScalar>(_ type: S.Type) {
    var x = Tensor<S>(rows: 1000, columns: 1000, repeating: 0)
    for i in 0..<1000 { x[i / 1000, i % 1000] = S(Double(i) - 500) }
    var y = Tensor<S>()
    S.reluForward(x, into: &y)
    let t0 = now()
    for _ in 0..<100 { S.reluForward(x, into: &y) }
    let t1 = now()
    print(S.self, "relu ns/element", (t1 - t0) / 1e8 * 1e9)
}
bench(Float.self)
bench(Double.self)
