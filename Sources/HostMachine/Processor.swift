import CCPUID
import Foundation

/// The processor this program runs on: who made it, what it is called, the
/// vector instructions it (and the operating system) supports, and its caches.
///
/// Read once from `cpuid` and, for the caches, from Linux's
/// `/sys/devices/system/cpu`; a value nobody could tell is empty or `nil`,
/// never guessed.
public struct Processor: Sendable, Hashable {
    /// The vendor string of `cpuid` leaf 0: `GenuineIntel`, `AuthenticAMD`, `HygonGenuine`, …
    public var vendor: String
    /// The model name (`cpuid` brand string, else `/proc/cpuinfo`).
    public var model: String
    /// Fused multiply-add (FMA3).
    public var fma: Bool
    /// 256-bit integer and float vectors (AVX2), with the OS saving their state.
    public var avx2: Bool
    /// The AVX-512 subsets OpenBLAS's SkylakeX kernels use (F, DQ, CD, BW, VL),
    /// with the OS saving their state.
    public var avx512: Bool
    /// AVX-512 BF16 (Cooper Lake and later), OpenBLAS's Cooperlake kernels.
    public var avx512BF16: Bool
    /// Cache sizes in bytes, per level, as the kernel reports them.
    public var caches: [Cache]

    /// One level of data (or unified) cache.
    public struct Cache: Sendable, Hashable {
        /// 1, 2, 3, …
        public var level: Int
        /// Bytes of one instance of the cache.
        public var bytes: Int
        /// How many cores share one instance (1 for a private cache).
        public var sharedBy: Int

        public init(level: Int, bytes: Int, sharedBy: Int) {
            self.level = level
            self.bytes = bytes
            self.sharedBy = sharedBy
        }
    }

    public init(vendor: String, model: String = "", fma: Bool = false, avx2: Bool = false, avx512: Bool = false,
                avx512BF16: Bool = false, caches: [Cache] = []) {
        self.vendor = vendor
        self.model = model
        self.fma = fma
        self.avx2 = avx2
        self.avx512 = avx512
        self.avx512BF16 = avx512BF16
        self.caches = caches
    }

    /// The processor of this machine.
    public static let current: Processor = {
        var info = ccpuid_info()
        ccpuid_read(&info)
        let vendor = withUnsafeBytes(of: info.vendor) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        var model = withUnsafeBytes(of: info.brand) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            .trimmingCharacters(in: .whitespaces)
        if model.isEmpty { model = cpuinfoModelName() ?? "" }
        let avx512 = info.osAVX512 && info.avx512f && info.avx512dq && info.avx512cd && info.avx512bw && info.avx512vl
        return Processor(vendor: vendor, model: model, fma: info.osAVX && info.fma, avx2: info.osAVX && info.avx2,
                         avx512: avx512, avx512BF16: avx512 && info.avx512bf16, caches: readCaches())
    }()

    /// The largest cache, usually the last level shared by all cores.
    public var largestCache: Cache? { caches.max { $0.bytes < $1.bytes } }

    /// The data cache of one level, if the system reports it.
    public func cache(level: Int) -> Cache? { caches.first { $0.level == level } }

    private static func cpuinfoModelName() -> String? {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("model name") {
            if let colon = line.firstIndex(of: ":") {
                return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    /// Data and unified caches of CPU 0 from sysfs; empty where there is none.
    private static func readCaches() -> [Cache] {
        let base = "/sys/devices/system/cpu/cpu0/cache"
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: base) else { return [] }
        var caches: [Cache] = []
        for entry in entries.sorted() where entry.hasPrefix("index") {
            func read(_ name: String) -> String? {
                (try? String(contentsOfFile: "\(base)/\(entry)/\(name)", encoding: .utf8))?
                    .trimmingCharacters(in: .whitespacesAndNewlines)
            }
            guard let type = read("type"), type != "Instruction",
                  let level = read("level").flatMap({ Int($0) }),
                  let size = read("size").flatMap(parseSize) else { continue }
            let shared = read("shared_cpu_list").map(countCPUs) ?? 1
            caches.append(Cache(level: level, bytes: size, sharedBy: max(1, shared)))
        }
        return caches.sorted { $0.level < $1.level }
    }

    /// "48K", "2048K", "300M" → bytes.
    static func parseSize(_ text: String) -> Int? {
        guard let last = text.last else { return nil }
        let multiplier: Int
        switch last {
        case "K", "k": multiplier = 1 << 10
        case "M", "m": multiplier = 1 << 20
        case "G", "g": multiplier = 1 << 30
        default: return Int(text)
        }
        return Int(text.dropLast()).map { $0 * multiplier }
    }

    /// "0-3,8" → 5.
    static func countCPUs(_ list: String) -> Int {
        list.split(separator: ",").reduce(0) { total, part in
            let bounds = part.split(separator: "-").compactMap { Int($0) }
            return total + (bounds.count == 2 ? bounds[1] - bounds[0] + 1 : 1)
        }
    }
}
