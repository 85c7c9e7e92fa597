import Foundation
import LessonResults
import LessonSupport
import MathTypesetting

/// Copies what pages load into `<out>/assets`: KaTeX's stylesheet and fonts
/// from Debian's `libjs-katex` (math is typeset when the page is written, so
/// no KaTeX script), and the page stylesheet.
public enum Assets {
    public static var katexSearchPaths: [String] { KaTeXLocation.searchFolders }

    /// What ``install(into:files:katexMissingIsSaid:)`` writes: each path in
    /// the output folder with its bytes (read when written), and warnings
    /// (e.g. KaTeX missing).
    /// - Parameters:
    ///   - katexFolders: where KaTeX's stylesheet and fonts are looked for.
    ///   - katexMissingIsSaid: whether a lesson already says that its math
    ///     shows as TeX because KaTeX is missing: one cause, one warning
    ///     (which `--warnings-as-errors` counts), not one more here.
    static func files(katexFolders: [String] = katexSearchPaths, katexMissingIsSaid: Bool = false)
        -> (files: [(path: String, data: () -> Data?)], warnings: [Diagnostic]) {
        var files: [(path: String, data: () -> Data?)] = [
            ("assets/style.css", { Data((PageTemplate.stylesheet + "\n" + PageTemplate.navigationStylesheet + "\n" + SVGChart.stylesheet
                                         + "\n" + ReaderLook.css + "\n" + ExploreHTML.css).utf8) }),
            ("assets/lesson.js", { Data(PageTemplate.script.utf8) }),
            ("assets/reader.js", { Data(ReaderLook.js.utf8) }),
            ("assets/explore.js", { Data(ExploreHTML.js.utf8) }),
        ]
        let fm = FileManager.default
        guard let katex = katexFolders.first(where: { fm.fileExists(atPath: $0 + "/katex.min.js") }) else {
            if katexMissingIsSaid { return (files, []) }
            return (files, [Diagnostic(.mathUnavailable, "KaTeX not found in \(katexFolders.joined(separator: ", ")); math will show as TeX source. Install it with: apt-get install libjs-katex",
                                       at: nil, severity: .warning)])
        }
        files.append(("assets/katex/katex.min.css", { fm.contents(atPath: katex + "/katex.min.css") }))
        // Only the woff2 fonts: every browser that runs KaTeX reads them, and
        // the committed output stays small.
        let fonts = katex + "/fonts"
        let names = ((try? fm.contentsOfDirectory(atPath: fonts)) ?? []).filter { $0.hasSuffix(".woff2") }.sorted()
        for name in names {
            files.append(("assets/katex/fonts/" + name, { fm.contents(atPath: fonts + "/" + name) }))
        }
        return (files, names.isEmpty ? [Diagnostic(.mathUnavailable, "KaTeX fonts not found under \(fonts); math will use fallback fonts",
                                                   at: nil, severity: .warning)] : [])
    }

    /// Writes the assets; returns warnings (e.g. KaTeX missing) rather than
    /// failing, since pages still read well without typeset math.
    @discardableResult
    static func install(into outputDirectory: String, files record: OutputFiles, katexMissingIsSaid: Bool = false) throws -> [Diagnostic] {
        let assets = (outputDirectory as NSString).appendingPathComponent("assets")
        // Math is typeset when the page is written; a page from an older
        // version may still ask for the script, which no longer exists.
        for old in [assets + "/render-math.js", assets + "/katex/katex.min.js"]
        where (try? Confinement.checkOutput(old, root: outputDirectory)) != nil {
            try? FileManager.default.removeItem(atPath: old)
        }
        let (files, warnings) = files(katexMissingIsSaid: katexMissingIsSaid)
        for file in files {
            guard let data = file.data() else { continue }
            try record.write(data, to: file.path, for: nil)
        }
        return warnings
    }
}
