import Foundation
import LessonSupport
import MathTypesetting

/// Copies what pages load into `<out>/assets`: KaTeX's stylesheet and fonts
/// from Debian's `libjs-katex` (math is typeset when the page is written, so
/// no KaTeX script), and the page stylesheet.
public enum Assets {
    public static var katexSearchPaths: [String] { KaTeXLocation.searchFolders }

    /// Writes the assets; returns warnings (e.g. KaTeX missing) rather than
    /// failing, since pages still read well without typeset math.
    @discardableResult
    public static func install(into outputDirectory: String) throws -> [String] {
        let assets = (outputDirectory as NSString).appendingPathComponent("assets")
        var warnings: [String] = []
        try AtomicFile.writeIfChanged(PageTemplate.stylesheet + "\n" + PageTemplate.navigationStylesheet + "\n" + SVGChart.stylesheet
                             + "\n" + ReaderLook.css + "\n" + ExploreHTML.css, to: assets + "/style.css", within: outputDirectory)
        try AtomicFile.writeIfChanged(PageTemplate.script, to: assets + "/lesson.js", within: outputDirectory)
        try AtomicFile.writeIfChanged(ReaderLook.js, to: assets + "/reader.js", within: outputDirectory)
        try AtomicFile.writeIfChanged(ExploreHTML.js, to: assets + "/explore.js", within: outputDirectory)
        // Math is typeset when the page is written; a page from an older
        // version may still ask for the script, which no longer exists.
        for old in [assets + "/render-math.js", assets + "/katex/katex.min.js"]
        where (try? Confinement.checkOutput(old, root: outputDirectory)) != nil {
            try? FileManager.default.removeItem(atPath: old)
        }
        let fm = FileManager.default
        guard let katex = katexSearchPaths.first(where: { fm.fileExists(atPath: $0 + "/katex.min.js") }) else {
            warnings.append("KaTeX not found in \(katexSearchPaths.joined(separator: ", ")); math will show as TeX source. Install it with: apt-get install libjs-katex")
            return warnings
        }
        for file in ["katex.min.css"] {
            try copyIfChanged(katex + "/" + file, to: assets + "/katex/" + file, within: outputDirectory)
        }
        // Only the woff2 fonts: every browser that runs KaTeX reads them, and
        // the committed output stays small.
        let fonts = katex + "/fonts"
        let names = (try? fm.contentsOfDirectory(atPath: fonts)) ?? []
        for name in names.sorted() where name.hasSuffix(".woff2") {
            try copyIfChanged(fonts + "/" + name, to: assets + "/katex/fonts/" + name, within: outputDirectory)
        }
        if !names.contains(where: { $0.hasSuffix(".woff2") }) {
            warnings.append("KaTeX fonts not found under \(fonts); math will use fallback fonts")
        }
        return warnings
    }

    private static func copyIfChanged(_ source: String, to destination: String, within root: String) throws {
        guard let data = FileManager.default.contents(atPath: source) else { return }
        try AtomicFile.writeIfChanged(data, to: destination, within: root)
    }
}
