// Engine benchmarks: the digits training run, matrix products against direct
// cblas calls, and the peak memory of the training run.
//
//     swift run -c release EngineBenchmarks                 # everything, prints tables
//     swift run -c release EngineBenchmarks --digits-only   # one training run, prints max RSS
//     swift run -c release EngineBenchmarks --train-only 50 # training runs only, for a profiler
//
// Everything runs on one thread: OpenBLAS is limited to 1 thread and nothing
// here uses Dispatch.

import COpenBLAS
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
