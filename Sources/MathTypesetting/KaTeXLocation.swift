import Foundation
import LessonSupport

/// Where KaTeX (its script, stylesheet and fonts) is looked for, first found
/// wins: the copy an installed `lesson` ships in its own share folder (the
/// release archive), then Debian's `libjs-katex` (the `.deb` depends on it).
public enum KaTeXLocation {
    /// Debian's and Ubuntu's `libjs-katex`.
    public static let debianFolder = "/usr/share/javascript/katex"

    /// Every folder searched, in order.
    public static var searchFolders: [String] {
        (InstallLocation.shareFolder.map { [$0 + "/katex"] } ?? []) + [debianFolder]
    }

    /// The first folder that holds `katex.min.js`, or nil when KaTeX is not installed.
    public static var folder: String? {
        searchFolders.first { FileManager.default.fileExists(atPath: $0 + "/katex.min.js") }
    }
}
