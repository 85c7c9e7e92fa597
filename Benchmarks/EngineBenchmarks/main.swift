// Engine benchmarks: the digits training run, matrix products against direct
// cblas calls, and the peak memory of the training run.
//
//     swift run -c release EngineBenchmarks                 # everything, prints tables
//     swift run -c release EngineBenchmarks --digits-only   # one training run, prints max RSS
//     swift run -c release EngineBenchmarks --train-only 50 # training runs only, for a profiler
//     swift run -c release EngineBenchmarks --layer-costs   # each layer's time per output scalar, in budget units
//     swift run -c release EngineBenchmarks --budgets       # blocks of every shape: seconds a block at its budget takes
//
// Everything runs on one thread: OpenBLAS is limited to 1 thread and nothing
// here uses Dispatch.

import COpenBLAS
import Experiments
import NeuralEngine

#if canImport(Glibc)
import Glibc
import HostMachine
#endif

BLASKernelSelection.selectAtStartup()
BLAS.useOneThreadAndStopWorkers()

let packageRoot: String = {
    // Benchmarks/EngineBenchmarks/main.swift → package root.
    var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)
    return parts.joined(separator: "/")
}()
let digitsPath = packageRoot + "/Sources/NeuralEngine/Resources/digits.csv.gz"

let arguments = CommandLine.arguments.dropFirst()
if arguments.contains("--train-only") {
    // For profilers: repeated training runs and nothing else.
    let data = try DigitsRun.prepare(path: digitsPath)
    let repetitions = Int(arguments.first { Int($0) != nil } ?? "") ?? 50
    for _ in 0..<repetitions { _ = try DigitsRun.train(data, validate: false) }
} else if arguments.contains("--layer-costs") {
    try LayerCosts.run(path: digitsPath, repetitions: Int(arguments.first { Int($0) != nil } ?? "") ?? 3)
} else if arguments.contains("--budgets") {
    BudgetTimes.run()
} else if arguments.contains("--digits-only") {
    let run = try DigitsRun.loadAndTrain(path: digitsPath)
    print("digits run (loading + training): \(format(run.seconds * 1000, 1)) ms, test accuracy \(format(run.accuracy * 100, 2)) %")
    print("OpenBLAS \(BLASKernel.libraryVersion), kernel \(BLASKernel.inUse) (\(BLASKernelSelection.origin))")
    print("peak RSS (VmHWM): \(format(Double(peakResidentKilobytes()) / 1024, 1)) MiB")
} else {
    let repetitions = Int(arguments.first { Int($0) != nil } ?? "") ?? 21
    try runAll(repetitions: repetitions)
}

func runAll(repetitions: Int) throws {
    print("# Engine benchmarks (\(repetitions) repetitions, 1 thread)\n")
    print("OpenBLAS \(BLASKernel.libraryVersion), kernel \(BLASKernel.inUse) (\(BLASKernelSelection.origin)) on \(Processor.current.model)\n")

    // Digits training.
    var loadTimes: [Double] = [], trainTimes: [Double] = [], trainCPU: [Double] = [], validatedTimes: [Double] = []
    var accuracy = 0.0
    let data = try DigitsRun.prepare(path: digitsPath)
    for _ in 0..<repetitions {
        let load = try measure { _ = try DigitsRun.prepare(path: digitsPath) }
        loadTimes.append(load.wall)
        let train = try measure { accuracy = try DigitsRun.train(data, validate: false) }
        trainTimes.append(train.wall)
        trainCPU.append(train.cpu)
        validatedTimes.append(try measure { _ = try DigitsRun.train(data, validate: true) }.wall)
    }
    print("## Digits MLP 64-128-10, SGD momentum 0.9, lr 0.05, batch 32, 30 epochs (Float)\n")
    print("| measurement | median | min | max |")
    print("|---|---:|---:|---:|")
    row("training (wall)", trainTimes)
    row("training (CPU time)", trainCPU)
    row("training + per-epoch validation & step history (wall)", validatedTimes)
    row("loading + split + standardization (wall)", loadTimes)
    row("loading + training (wall)", zip(loadTimes, trainTimes).map(+))
    print("\ntest accuracy: \(format(accuracy * 100, 2)) %\n")

    // Matrix products.
    print("## Matrix product C = A·B, square, 1 thread\n")
    print("| n | type | engine GFLOPS | cblas GFLOPS | engine / cblas |")
    print("|---:|---|---:|---:|---:|")
    for n in [256, 512, 1024] {
        try matmulRow(Float.self, n: n, repetitions: repetitions, cblas: { a, b, c in
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(n), Int32(n), 1, a, Int32(n), b, Int32(n), 0, c, Int32(n))
        })
        try matmulRow(Double.self, n: n, repetitions: repetitions, cblas: { a, b, c in
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(n), Int32(n), 1, a, Int32(n), b, Int32(n), 0, c, Int32(n))
        })
    }

    // Peak memory, in a fresh process so that nothing above counts.
    print("\n## Peak memory of one digits training run (separate process)\n")
    if let output = runSelf(["--digits-only"]) {
        print(output.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
    }
}

/// The reference digits run of the accuracy test.
enum DigitsRun {
    struct Prepared {
        let training: Dataset<Float>
        let test: Dataset<Float>
        /// The generator after the split, as the accuracy test continues with it.
        let generator: RandomGenerator
    }

    static func prepare(path: String) throws -> Prepared {
        let digits = try Dataset<Float>.digits(contentsOf: path)
        var generator = RandomGenerator(seed: 4)
        let (training, test) = try digits.split(trainingFraction: 0.8, stratified: true, generator: &generator)
        let standardizer = Standardizer(fitting: training)
        return Prepared(
            training: try standardizer.transform(training), test: try standardizer.transform(test), generator: generator)
    }

    /// Trains from a fresh model; returns the test accuracy.
    static func train(_ data: Prepared, validate: Bool) throws -> Double {
        var generator = data.generator
        let model = try Model<Float>(description: ["dense 128", "relu", "dense 10"], inputWidth: 64, generator: &generator)
        let trainer = Trainer(
            model: model, optimizer: try SGD<Float>(learningRate: 0.05, momentum: 0.9),
            options: TrainingOptions(epochs: 30, batchSize: 32, recordSteps: validate))
        _ = try trainer.fit(data.training, validation: validate ? data.test : nil, generator: &generator)
        return try model.accuracy(on: data.test)
    }

    static func loadAndTrain(path: String) throws -> (seconds: Double, accuracy: Double) {
        var accuracy = 0.0
        let time = try measure { accuracy = try train(try prepare(path: path), validate: false) }
        return (time.wall, accuracy)
    }
}

func matmulRow<Scalar: TensorScalar>(
    _: Scalar.Type, n: Int, repetitions: Int,
    cblas: (UnsafePointer<Scalar>, UnsafePointer<Scalar>, UnsafeMutablePointer<Scalar>) -> Void
) throws {
    var generator = RandomGenerator(seed: 1)
    let a = try Tensor<Scalar>(rows: n, columns: n, scalars: (0..<n * n).map { _ in Scalar(generator.normal()) })
    let b = try Tensor<Scalar>(rows: n, columns: n, scalars: (0..<n * n).map { _ in Scalar(generator.normal()) })
    var c = Tensor<Scalar>(rows: n, columns: n)
    var raw = [Scalar](repeating: 0, count: n * n)
    let rounds = max(1, 8 * (1024 / n) * (1024 / n) / 8)
    var engineTimes: [Double] = [], cblasTimes: [Double] = []
    // Interleave the two so that both see the same machine state.
    for _ in 0..<repetitions {
        engineTimes.append(try measure {
            for _ in 0..<rounds { try Tensor.multiply(a, b, into: &c) }
        }.wall / Double(rounds))
        cblasTimes.append(measure {
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    raw.withUnsafeMutableBufferPointer { c in
                        for _ in 0..<rounds { cblas(a.baseAddress!, b.baseAddress!, c.baseAddress!) }
                    }
                }
            }
        }.wall / Double(rounds))
    }
    precondition(c.scalars == raw, "engine and cblas products differ")
    let flops = 2 * Double(n) * Double(n) * Double(n)
    let engine = flops / median(engineTimes) / 1e9, direct = flops / median(cblasTimes) / 1e9
    print("| \(n) | \(Scalar.self) | \(format(engine, 1)) | \(format(direct, 1)) | \(format(engine / direct * 100, 1)) % |")
}

/// What a layer's outputs cost beside its parameters, in the units the
/// kinds' work budgets count (one unit: a parameter's multiply-adds for one
/// example, forward and backward, in a network whose dense layers are wide
/// enough for the matrix products to run at full speed).
///
/// The unit: digits, 64 inputs → dense `width` → dense 10, batches of 32,
/// Float, SGD. A layer's cost: the extra time of the network with the layer
/// after the first dense layer, over examples × `width` output scalars.
/// A dense layer's own outputs: the same networks on 2 inputs (as the
/// synthetic sets have), where the products are thin and each output scalar
/// costs more than the few parameters that make it. Every time is the median
/// CPU time of `repetitions` runs.
enum LayerCosts {
    static let width = 1024
    static let epochs = 6
    static let layers = ["relu", "identity", "tanh", "sigmoid", "dropout 0.5", "batchnorm", "layernorm", "groupnorm 8"]

    static func run(path: String, repetitions: Int) throws {
        let digits = try DigitsRun.prepare(path: path).training
        let examples = Double(digits.count * epochs)
        var generator = RandomGenerator(seed: 3)
        let scalars = (0..<digits.count * 2).map { _ in Float(generator.normal()) }
        let narrow = try Dataset<Float>(
            features: Tensor<Float>(rows: digits.count, columns: 2, scalars: scalars), labels: digits.labels ?? [])
        func seconds(_ entries: [String], _ data: Dataset<Float>) throws -> Double {
            let times = try (0..<repetitions).map { _ in
                var generator = RandomGenerator(seed: 7)
                let model = try Model<Float>(description: entries, inputWidth: data.featureWidth, generator: &generator)
                let trainer = Trainer(
                    model: model, optimizer: try SGD<Float>(learningRate: 0.01),
                    options: TrainingOptions(epochs: epochs, batchSize: 32, recordSteps: false))
                return try measure { _ = try trainer.fit(data, validation: nil, generator: &generator) }.cpu
            }
            return median(times)
        }
        func parameters(_ entries: [String], _ data: Dataset<Float>) throws -> Double {
            Double(try ModelDescription(parsing: entries, inputWidth: data.featureWidth).parameterCount)
        }
        let plain = ["dense \(width)", "dense 10"]
        let base = try seconds(plain, digits)
        let unit = base / (examples * (try parameters(plain, digits)))
        print("# Layer costs: digits 64 → dense \(width) → layer → dense 10, batch 32, \(epochs) epochs, Float, 1 thread\n")
        print("a unit (dense layers only, on digits): \(format(unit * 1e9, 3)) ns\n")
        print("| layer | ms | extra ns an output scalar | units an output scalar |")
        print("|---|---:|---:|---:|")
        for layer in layers {
            let time = try seconds(["dense \(width)", layer, "dense 10"], digits)
            let perScalar = (time - base) / (examples * Double(width))
            print("| \(layer) | \(format(time * 1000, 1)) | \(format(perScalar * 1e9, 2)) | \(format(perScalar / unit, 1)) |")
        }
        let thin = try seconds(plain, narrow)
        let beyond = (thin - unit * examples * (try parameters(plain, narrow))) / (examples * Double(width + 10))
        print("| dense, 2 inputs (beyond its parameters) | \(format(thin * 1000, 1)) | \(format(beyond * 1e9, 2)) | "
              + "\(format(beyond / unit, 1)) |")
    }
}

/// How long a block at its kind's budget takes: blocks of different shapes
/// (wide and thin networks, cheap and dear activations), each run once for
/// one seed, CPU time ÷ the share of the budget its work estimate uses.
/// A budget is calibrated when every shape of a kind gives about the same
/// time, on the order of a minute.
enum BudgetTimes {
    static let blocks: [(kind: String, body: String)] = [
        ("train", "data: digits\nhidden: [256, 256]\nepochs: 60"),
        ("train", "data: digits\nhidden: [1024]\nactivation: tanh\nepochs: 20"),
        ("train", "data: blobs\nexamples: 1000\nhidden: [4096]\nepochs: 50"),
        ("train", "data: blobs\nexamples: 1000\nhidden: [4096]\nactivation: tanh\nepochs: 20"),
        ("train", "data: digits\nhidden: [1024]\nkeep_prob: 0.5\nepochs: 30"),
        ("train", "data: digits\nhidden: [1024]\nnormalization: batch\nepochs: 30"),
        ("gradient-check", "data: digits\nhidden: [256]\nexamples: 250\nmax_per_layer: 100"),
        ("gradient-check", "data: blobs\nexamples: 500\nlayers: [dense 4096, tanh]\nmax_per_layer: 2"),
        ("batchnorm-modes", "hidden: [512, 512]\nepochs: 20"),
        ("dropout-ensemble", "hidden: [256, 256]\nepochs: 5"),
        ("bias-variance", "data: digits\nhidden: [64, 256]\ntrain_size: 500\nepochs: 200"),
        ("hyperparameter-search", "mode: coarse_to_fine\ntrials: 8\nepochs: 20\nhidden: [128, 128]"),
        ("signal", "data: digits\ndepth: 10\nwidth: 256\nactivation: tanh\nepochs: 3"),
    ]

    static func run() {
        let lessons = packageRoot + "/lessons"
        print("# Seconds a block at its budget takes (one seed, CPU time, 1 thread)\n")
        print("| kind | block | s | share of the budget | s at the budget |")
        print("|---|---|---:|---:|---:|")
        for (name, body) in blocks {
            guard let kind = KindRegistry.all.first(where: { $0.name == name }) else { continue }
            let context = DecodeContext(lessonDirectory: lessons)
            let reader = SpecReader(body: body + "\n", kind: name, descriptors: CommonKeys.descriptors + kind.keys)
            let shown = body.replacingOccurrences(of: "\n", with: ", ")
            guard let prepared = kind.prepare(reader, context) else {
                print("| \(name) | \(shown) | refused: \(reader.issues.map(\.message).joined(separator: "; ")) | | |")
                continue
            }
            let start = clock(CLOCK_PROCESS_CPUTIME_ID)
            do {
                _ = try prepared.run(RunContext(seed: 1, decode: context))
            } catch {
                print("| \(name) | \(shown) | failed: \(error) | | |")
                continue
            }
            let seconds = clock(CLOCK_PROCESS_CPUTIME_ID) - start
            print("| \(name) | \(shown) | \(format(seconds, 2)) | \(format(prepared.work * 100, 2)) % | "
                  + "\(format(seconds / prepared.work, 0)) |")
        }
    }
}

// MARK: Helpers

func measure(_ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
    let wall0 = clock(CLOCK_MONOTONIC), cpu0 = clock(CLOCK_THREAD_CPUTIME_ID)
    try body()
    return (clock(CLOCK_MONOTONIC) - wall0, clock(CLOCK_THREAD_CPUTIME_ID) - cpu0)
}

func clock(_ id: clockid_t) -> Double {
    var time = timespec()
    clock_gettime(id, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func row(_ name: String, _ seconds: [Double]) {
    let ms = seconds.map { $0 * 1000 }
    print("| \(name) | \(format(median(ms), 1)) ms | \(format(ms.min()!, 1)) ms | \(format(ms.max()!, 1)) ms |")
}

func format(_ value: Double, _ decimals: Int) -> String {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    var text = "\(rounded)"
    let fraction = text.split(separator: ".").dropFirst().first?.count ?? 0
    if decimals > 0 && fraction < decimals { text += String(repeating: "0", count: decimals - fraction) }
    return text
}

/// The peak resident set size of this process in KiB, `VmHWM` in `/proc/self/status`.
/// (`getrusage`'s `ru_maxrss` is no good in a child: Linux carries the parent's
/// peak over into it across `exec`.)
func peakResidentKilobytes() -> Int {
    let descriptor = open("/proc/self/status", O_RDONLY)
    guard descriptor >= 0 else { return 0 }
    defer { close(descriptor) }
    var bytes = [UInt8](repeating: 0, count: 8192)
    let count = read(descriptor, &bytes, bytes.count)
    let status = String(decoding: bytes.prefix(max(0, count)), as: UTF8.self)
    guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return 0 }
    return Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" })[1]) ?? 0
}

/// Runs this executable again with `arguments` and returns its output.
func runSelf(_ arguments: [String]) -> String? {
    var pipe: [Int32] = [0, 0]
    guard Glibc.pipe(&pipe) == 0 else { return nil }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, pipe[1], STDOUT_FILENO)
    posix_spawn_file_actions_addclose(&actions, pipe[0])
    let argv = ([CommandLine.arguments[0]] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    guard posix_spawn(&pid, CommandLine.arguments[0], &actions, nil, argv, environ) == 0 else { return nil }
    close(pipe[1])
    var output: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = read(pipe[0], &buffer, buffer.count)
        if count <= 0 { break }
        output += buffer[0..<count]
    }
    close(pipe[0])
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    return String(decoding: output, as: UTF8.self)
}
