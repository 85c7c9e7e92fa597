import NeuralEngine
import Glibc

func now() -> Double { var t = timespec(); clock_gettime(CLOCK_MONOTONIC, &t); return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9 }
BLAS.setThreadCount(1)
let path = "lessons/data/digits.csv.gz"
let t0 = now()
let digits = try Dataset<Float>.digits(contentsOf: path)
let t1 = now()
print("load", t1 - t0)
var g = RandomGenerator(seed: 1)
let (train0, test0) = try digits.split(trainingFraction: 0.8, generator: &g)
let st = Standardizer(fitting: train0)
let train = try st.transform(train0), test = try st.transform(test0)
for run in 0..<Int(CommandLine.arguments.dropFirst().first ?? "5")! {
    var gen = RandomGenerator(seed: 42)
    let model = try Model<Float>(description: ["dense 128", "relu", "dense 10"], inputWidth: 64, generator: &gen)
    let trainer = Trainer(model: model, optimizer: try SGD<Float>(learningRate: 0.05, momentum: 0.9), options: TrainingOptions(epochs: 30, batchSize: 32))
    let s = now()
    let h = try trainer.fit(train, validation: test, generator: &gen)
    let e = now()
    print(run, e - s, h.last!.validationAccuracy!, h.last!.trainingLoss)
}
