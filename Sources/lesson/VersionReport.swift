import Foundation
import LessonMarkdown
import LessonRunner
import LessonResults
import MathTypesetting
import HostMachine
import LessonReport
import NeuralEngine

/// What `lesson --version` prints: LessonRunner and every library that
/// shapes its results or pages, and the compiler that built it.
enum VersionReport {
    static var text: String {
        let origin: String
        switch BLASKernelSelection.origin {
        case .openBLAS: origin = "chosen by OpenBLAS"
        case .genericFallback: origin = "OpenBLAS's generic fallback; no better kernel known for this processor"
        case .autoSelected: origin = "auto-selected for this processor; OpenBLAS chose a generic kernel"
        case .user: origin = "set by OPENBLAS_CORETYPE"
        case .rejected(let kernel): origin = "chosen by OpenBLAS; the auto-selected \(kernel) failed its self-check"
        }
        return """
        lesson (LessonRunner) \(LessonRunnerVersion.string), engine \(LessonRunnerVersion.engine)
        license: \(LessonRunnerVersion.license) (free to use, change and share; the LICENSE file says how)
        cmark-gfm \(CmarkVersion.string)
        OpenBLAS \(BLASKernel.libraryVersion), kernel \(BLASKernel.inUse) (\(origin))
        KaTeX \(katexVersion ?? "not found (apt-get install libjs-katex)")\(katexFolderNote)
        Swift compiler \(swiftCompilerVersion)
        """
    }

    /// Where KaTeX was found, when it is not Debian's (an unpacked archive's copy).
    static var katexFolderNote: String {
        guard let folder = KaTeXLocation.folder, folder != KaTeXLocation.debianFolder else { return "" }
        return " (\(folder))"
    }

    /// The version of the KaTeX the pages use, read from its installed script
    /// (`version:"0.16.4"` in `katex.min.js`).
    static var katexVersion: String? {
        for directory in Assets.katexSearchPaths {
            guard let data = FileManager.default.contents(atPath: directory + "/katex.min.js") else { continue }
            // A plain byte loop, not a String or generic Data search: this runs at
            // every start of the program (it is part of `--version`'s text),
            // on 270 kB of script.
            for marker in ["version:\"", "version: \""] {
                let needle = Array(marker.utf8)
                let found: Int? = data.withUnsafeBytes { bytes in
                    var i = 0
                    while i + needle.count <= bytes.count {
                        if bytes[i] == needle[0], needle.indices.allSatisfy({ bytes[i + $0] == needle[$0] }) { return i + needle.count }
                        i += 1
                    }
                    return nil
                }
                guard let found else { continue }
                let start = data.startIndex + found
                guard let end = data[start...].firstIndex(of: UInt8(ascii: "\"")) else { continue }
                let version = String(decoding: data[start..<end], as: UTF8.self)
                if !version.isEmpty, version.count < 32 { return version }
            }
        }
        return nil
    }

    /// The Swift compiler this binary was built with, to the minor version.
    public static var swiftCompilerVersion: String {
        #if compiler(>=7.0)
        return "7.0 or later"
        #elseif compiler(>=6.4)
        return "6.4"
        #elseif compiler(>=6.3.2)
        return "6.3.2 or later 6.3"
        #elseif compiler(>=6.3.1)
        return "6.3.1"
        #elseif compiler(>=6.3)
        return "6.3"
        #elseif compiler(>=6.2)
        return "6.2"
        #elseif compiler(>=6.1)
        return "6.1"
        #else
        return "6.0 or earlier"
        #endif
    }
}
