import COpenBLAS

/// Which of OpenBLAS's processor-specific kernels runs the engine's matrix
/// products, and which one should.
///
/// Debian builds OpenBLAS with `DYNAMIC_ARCH`: the library carries kernels for
/// many processors and picks one in its load-time constructor, before `main`.
/// A processor newer than the library is not recognized, and OpenBLAS 0.3.21
/// then falls back to its generic SSE3 kernel (`Prescott`), three to seven
/// times slower than the kernel made for it. ``BLASKernelSelection`` corrects
/// that at start-up; this type holds the pure parts it decides with.
public enum BLASKernel {
    /// The name of the kernel in use, as `openblas_get_corename()` gives it
    /// (`Prescott`, `Haswell`, `SkylakeX`, `Zen`, …).
    public static var inUse: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }

    /// OpenBLAS's version, e.g. `0.3.21`, from `openblas_get_config()`.
    public static var libraryVersion: String {
        guard let config = openblas_get_config() else { return "unknown" }
        let words = String(cString: config).split(separator: " ")
        guard let index = words.firstIndex(of: "OpenBLAS"), index + 1 < words.count else { return "unknown" }
        return String(words[index + 1])
    }

    /// Kernels written for processors without AVX: what OpenBLAS falls back to
    /// when it does not recognize a processor. Names compare case-insensitively,
    /// as OpenBLAS reads `OPENBLAS_CORETYPE`.
    static let genericKernels: Set<String> = [
        "katmai", "coppermine", "northwood", "prescott", "banias", "atom", "core2", "penryn", "dunnington",
        "nehalem", "athlon", "opteron", "opteron_sse3", "barcelona", "nano",
    ]

    /// Whether `name` is one of the pre-AVX kernels OpenBLAS falls back to.
    public static func isGenericFallback(_ name: String) -> Bool {
        genericKernels.contains(name.lowercased())
    }

    /// The kernel made for `processor`, as OpenBLAS 0.3.21 names it, or `nil`
    /// when the processor has no AVX2 (then OpenBLAS's own choice stands).
    ///
    /// - AMD and Hygon with AVX2: `Zen` (their kernels; Zen 4's AVX-512 is
    ///   not used by this OpenBLAS's Zen kernels, but they are right for it).
    /// - Others with AVX-512 (F, DQ, CD, BW, VL): `Cooperlake` when BF16 is
    ///   there too, else `SkylakeX`.
    /// - Others with AVX2 and FMA: `Haswell`.
    public static func preferred(for processor: Processor) -> String? {
        guard processor.avx2 else { return nil }
        switch processor.vendor {
        case "AuthenticAMD", "HygonGenuine":
            return "Zen"
        default:
            if processor.avx512 { return processor.avx512BF16 ? "Cooperlake" : "SkylakeX" }
            return processor.fma ? "Haswell" : nil
        }
    }
}
