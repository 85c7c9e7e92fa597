import Foundation

extension String {
    /// A path as a person typed it (a flag's value, a `course.yml` setting),
    /// read the same way wherever it is given: a leading `~` or `~/` is the
    /// home folder (as a shell would have made it; `--junit=~/x` and YAML
    /// reach the tool unexpanded), runs of `/` are one (``collapsingSlashes``)
    /// and a trailing `/` is dropped (`site/` is `site`). `..` stays: it
    /// means the same folder from where the path is read.
    ///
    /// Before, `~` meant the home folder only where a call happened to go
    /// through `URL(fileURLWithPath:)` (the JUnit report was written to
    /// `$HOME` while its checks looked at `./~`), and `--junit reports/`
    /// wrote a file named `reports`.
    public var userPath: String {
        var path = collapsingSlashes
        if path == "~" || path.hasPrefix("~/") {
            // $HOME first, as a shell reads `~`.
            let home = ProcessInfo.processInfo.environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
                ?? FileManager.default.homeDirectoryForCurrentUser.path
            path = home + path.dropFirst()
        }
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        return path
    }

    /// The folder that holds the path, as it was written: `a/b.md` → `a`,
    /// `b.md` → `.`, `/b` → `/`.
    public var folderPath: String {
        guard let slash = lastIndex(of: "/") else { return "." }
        return slash == startIndex ? "/" : String(self[..<slash])
    }

    /// `relative` read from the folder `self`: itself when it is absolute
    /// (or starts with `~`), else joined with one `/`.
    public func appendingPath(_ relative: String) -> String {
        let relative = relative.userPath
        if relative.hasPrefix("/") || self == "." || isEmpty { return relative }
        return (self.hasSuffix("/") ? self : self + "/") + relative
    }
}
