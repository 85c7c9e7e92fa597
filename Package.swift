// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "LessonRunner",
    // macOS is declared (Homebrew's providers below, the Linux-only calls
    // behind platform checks) but has not been built or run: unverified.
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "lesson", targets: ["lesson"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"]), .brew(["cmark-gfm"])]
        ),
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"]), .brew(["openblas"])]
        ),
        .target(name: "CCPUID"),
        .systemLibrary(
            name: "CDuktape",
            pkgConfig: "duktape",
            providers: [.apt(["duktape-dev"]), .brew(["duktape"])]
        ),
        .systemLibrary(
            name: "CZlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        .target(name: "LessonMarkdown", dependencies: ["CCmarkGFM"]),
        .target(name: "LessonSupport"),
        .target(
            name: "NeuralEngine",
            dependencies: ["COpenBLAS", "CZlib", "LessonSupport"],
            exclude: ["Resources/README.md"],
            // The digits data set, built in: `data: digits` needs no file.
            resources: [.embedInCode("Resources/digits.csv.gz")],
            // Not -Ounchecked: this target also parses data files and model
            // descriptions, where an index out of range must trap. What
            // -Ounchecked bought (BENCHMARKS.md) was the dynamic exclusivity
            // checks of the training loop; only those are dropped, in release
            // (debug builds and tests keep them).
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),
        // The process around the engine: the processor (CPUID), OpenBLAS's
        // kernel choice and self-check (re-executing the program), and the
        // gate that gives timed sections the machine to themselves.
        .target(name: "HostMachine", dependencies: ["NeuralEngine", "COpenBLAS", "CCPUID"]),
        .target(name: "Experiments", dependencies: ["NeuralEngine", "HostMachine", "LessonSupport", "Yams"]),
        // KaTeX (libjs-katex) run in Duktape at render time.
        .target(name: "MathTypesetting", dependencies: ["CDuktape", "LessonSupport"]),
        // What the stages hand over: the plan, the executed lesson, diagnostics
        // and the values a page shows. The runner makes them, the report reads
        // them, so the report need not link the executor.
        .target(name: "LessonResults", dependencies: ["LessonMarkdown", "LessonSupport", "Experiments", "MathTypesetting"]),
        .target(
            name: "LessonRunner",
            dependencies: ["LessonMarkdown", "LessonSupport", "Experiments", "NeuralEngine", "MathTypesetting", "LessonResults"],
            // The result cache's key names the code that computes results:
            // a digest of these targets' files, made at build time.
            plugins: ["ComputingCodeDigest"]
        ),
        .executableTarget(name: "ComputingCodeDigestTool", path: "Plugins/ComputingCodeDigestTool"),
        .plugin(name: "ComputingCodeDigest", capability: .buildTool(), dependencies: ["ComputingCodeDigestTool"]),
        .target(
            name: "LessonReport",
            dependencies: ["LessonMarkdown", "LessonSupport", "Experiments", "LessonResults", "MathTypesetting", "CZlib"],
            // CSS, JavaScript and the page template, compiled into the binary.
            resources: [
                .embedInCode("Resources/style.css"),
                .embedInCode("Resources/page.html"),
                .embedInCode("Resources/navigation.css"),
                .embedInCode("Resources/lesson.js"),
                .embedInCode("Resources/reader.css"),
                .embedInCode("Resources/reader.js"),
                .embedInCode("Resources/explore.css"),
                .embedInCode("Resources/explore.js"),
            ]
        ),
        .executableTarget(
            name: "lesson",
            dependencies: [
                "LessonRunner", "LessonResults", "LessonReport", "Experiments", "NeuralEngine", "HostMachine", "FileWatcher", "LessonSupport", "MathTypesetting", "LessonMarkdown",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "EngineBenchmarks",
            dependencies: ["NeuralEngine", "HostMachine", "COpenBLAS", "Experiments"],
            path: "Benchmarks/EngineBenchmarks"
        ),
        .target(name: "FileWatcher"),
        .testTarget(name: "FileWatcherTests", dependencies: ["FileWatcher", "LessonTestSupport"]),
        .testTarget(name: "LessonMarkdownTests", dependencies: ["LessonMarkdown", "LessonTestSupport"]),
        .testTarget(name: "LessonSupportTests", dependencies: ["LessonSupport", "LessonTestSupport"]),
        .testTarget(name: "NeuralEngineTests", dependencies: ["NeuralEngine", "LessonTestSupport"]),
        .testTarget(name: "HostMachineTests", dependencies: ["HostMachine"]),
        .testTarget(name: "ExperimentsTests", dependencies: ["Experiments", "NeuralEngine", "HostMachine", "LessonTestSupport"]),
        .testTarget(name: "LessonRunnerTests", dependencies: ["LessonRunner", "LessonResults", "Experiments", "LessonMarkdown", "MathTypesetting", "NeuralEngine", "HostMachine", "Yams", "LessonTestSupport"]),
        .testTarget(name: "MathTypesettingTests", dependencies: ["MathTypesetting", "LessonTestSupport"]),
        // What several test targets share: snapshots, scratch folders.
        .target(name: "LessonTestSupport", path: "Tests/LessonTestSupport"),
        .testTarget(name: "LessonReportTests", dependencies: ["LessonReport", "LessonRunner", "LessonResults", "Experiments", "CCmarkGFM", "MathTypesetting", "LessonTestSupport"], exclude: ["Snapshots"]),
        .testTarget(name: "EndToEndTests", dependencies: ["lesson", "LessonTestSupport"], exclude: ["Fixtures"]),
    ]
)

// The libFuzzer harness (Fuzz/), declared only for Fuzz/run.sh, which sets
// LESSON_FUZZ=1 and builds in its own scratch folder. A plain `swift build`
// never sees it.
if Context.environment["LESSON_FUZZ"] == "1" {
    let sanitizers = ["-sanitize=fuzzer,address"]
    package.targets.append(.executableTarget(
        name: "LessonFuzz",
        dependencies: ["LessonMarkdown", "LessonRunner", "LessonResults", "LessonReport", "LessonSupport", "Experiments"],
        path: "Fuzz/LessonFuzz",
        swiftSettings: [.unsafeFlags(["-parse-as-library"]), .enableExperimentalFeature("Extern")],
        linkerSettings: [.unsafeFlags(sanitizers)]
    ))
    // Our Swift targets are instrumented, per target rather than with
    // -Xswiftc: that would also give the build tool of the digest plugin
    // libFuzzer's `main`, and its link fails (no LLVMFuzzerTestOneInput).
    for target in package.targets where [.regular, .executable].contains(target.type) && target.name != "ComputingCodeDigestTool" {
        target.swiftSettings = (target.swiftSettings ?? []) + [.unsafeFlags(sanitizers)]
    }
}
