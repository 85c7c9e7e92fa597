import Testing
@testable import HostMachine

@Suite struct BLASKernelSelectionTests {
    static let emeraldRapids = Processor(vendor: "GenuineIntel", model: "Intel(R) Xeon(R) Processor", fma: true,
                                         avx2: true, avx512: true, avx512BF16: true)
    static let skylakeServer = Processor(vendor: "GenuineIntel", fma: true, avx2: true, avx512: true)
    static let alderLake = Processor(vendor: "GenuineIntel", fma: true, avx2: true)
    static let epyc = Processor(vendor: "AuthenticAMD", fma: true, avx2: true)
    static let zen4 = Processor(vendor: "AuthenticAMD", fma: true, avx2: true, avx512: true, avx512BF16: true)
    static let hygon = Processor(vendor: "HygonGenuine", fma: true, avx2: true)
    static let oldXeon = Processor(vendor: "GenuineIntel")  // no AVX2 (or an OS that does not save its state)
    static let avx2WithoutFMA = Processor(vendor: "CentaurHauls", avx2: true)

    @Test(arguments: [
        (emeraldRapids, "Cooperlake"), (skylakeServer, "SkylakeX"), (alderLake, "Haswell"), (epyc, "Zen"),
        (zen4, "Zen"), (hygon, "Zen"), (Processor(vendor: "CentaurHauls", fma: true, avx2: true), "Haswell"),
    ])
    func cpuidMapsToOpenBLASKernel(processor: Processor, kernel: String) {
        #expect(BLASKernel.preferred(for: processor) == kernel)
    }

    @Test func noKernelForProcessorsWithoutAVX2() {
        #expect(BLASKernel.preferred(for: Self.oldXeon) == nil)
        #expect(BLASKernel.preferred(for: Self.avx2WithoutFMA) == nil)
        #expect(BLASKernel.preferred(for: Processor(vendor: "")) == nil)
    }

    @Test func genericKernelsAreTheOnesWithoutAVX() {
        for name in ["Prescott", "Core2", "Nehalem", "PRESCOTT", "Opteron_SSE3", "Barcelona"] {
            #expect(BLASKernel.isGenericFallback(name), "\(name)")
        }
        for name in ["Haswell", "SkylakeX", "Cooperlake", "Zen", "Sandybridge"] {
            #expect(!BLASKernel.isGenericFallback(name), "\(name)")
        }
    }

    func decide(_ environment: [String: String], kernel: String, on processor: Processor = emeraldRapids,
                selfCheck: Bool = true) -> BLASKernelSelection.Decision {
        BLASKernelSelection.decide(environment: environment, kernel: kernel, processor: processor) { selfCheck }
    }

    @Test func genericFallbackOnAModernProcessorReexecutesWithItsKernel() {
        let decision = decide([:], kernel: "Prescott")
        #expect(decision == .reexecute(environment: ["OPENBLAS_CORETYPE": "Cooperlake", "LESSON_BLAS_AUTO": "Cooperlake"],
                                       message: nil))
    }

    @Test func aGoodChoiceOfOpenBLASIsKept() {
        #expect(decide([:], kernel: "Zen", on: Self.epyc) == .keep(.openBLAS))
        #expect(decide([:], kernel: "SkylakeX", on: Self.emeraldRapids) == .keep(.openBLAS))
    }

    @Test func genericKernelOnAnOldProcessorIsKept() {
        #expect(decide([:], kernel: "Nehalem", on: Self.oldXeon) == .keep(.genericFallback))
    }

    @Test func theUsersCoretypeIsAlwaysRespected() {
        for kernel in ["Prescott", "Haswell", "SkylakeX"] {
            #expect(decide(["OPENBLAS_CORETYPE": "Prescott"], kernel: kernel) == .keep(.user))
            // Even when it equals what would be chosen, and with a stale marker for another kernel.
            #expect(decide(["OPENBLAS_CORETYPE": "Cooperlake", "LESSON_BLAS_AUTO": "Haswell"], kernel: kernel) == .keep(.user))
        }
    }

    @Test func theChosenKernelIsKeptWhenItsSelfCheckPasses() {
        let environment = ["OPENBLAS_CORETYPE": "Cooperlake", "LESSON_BLAS_AUTO": "Cooperlake"]
        #expect(decide(environment, kernel: "Cooperlake") == .keep(.autoSelected))
    }

    @Test func aFailedSelfCheckFallsBackOnceWithOneLine() throws {
        let environment = ["OPENBLAS_CORETYPE": "Cooperlake", "LESSON_BLAS_AUTO": "Cooperlake"]
        guard case .reexecute(let changes, let message) = decide(environment, kernel: "Cooperlake", selfCheck: false) else {
            Issue.record("expected a re-execution without the kernel")
            return
        }
        #expect(changes == ["OPENBLAS_CORETYPE": nil, "LESSON_BLAS_AUTO": "rejected:Cooperlake"])
        let line = try #require(message)
        #expect(!line.contains("\n") && line.contains("Cooperlake") && line.contains("self-check"))
        // The re-executed process: OpenBLAS's own generic choice, never a second attempt.
        var next = environment
        for (name, value) in changes { next[name] = value }
        #expect(next["OPENBLAS_CORETYPE"] == nil)
        #expect(decide(next, kernel: "Prescott") == .keep(.rejected(kernel: "Cooperlake")))
    }

    @Test func aMarkerWithoutTheVariableNeverLoops() {
        #expect(decide(["LESSON_BLAS_AUTO": "Cooperlake"], kernel: "Prescott") == .keep(.genericFallback))
    }

    @Test func selfCheckPassesOnTheKernelInUse() {
        #expect(BLASSelfCheck.gemmAgrees(Float.self))
        #expect(BLASSelfCheck.gemmAgrees(Double.self))
    }

    @Test func readsCacheSizes() {
        #expect(Processor.parseSize("48K") == 48 * 1024)
        #expect(Processor.parseSize("307200K") == 300 * 1024 * 1024)
        #expect(Processor.parseSize("2M") == 2 * 1024 * 1024)
        #expect(Processor.parseSize("512") == 512)
        #expect(Processor.parseSize("") == nil)
        #expect(Processor.countCPUs("0-3,8") == 5)
        #expect(Processor.countCPUs("1") == 1)
    }
}
