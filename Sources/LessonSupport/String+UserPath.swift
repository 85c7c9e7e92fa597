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
        if path == "~" || path.hasBytePrefix("~/") {
            // $HOME first, as a shell reads `~`.
            let home = ProcessInfo.processInfo.environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
                ?? FileManager.default.homeDirectoryForCurrentUser.path
            path = home + String(decoding: path.utf8.dropFirst(), as: UTF8.self)
        }
        while path.utf8.count > 1, path.hasByteSuffix("/") { path = String(decoding: path.utf8.dropLast(), as: UTF8.self) }
        return path
    }

    /// The folder that holds the path, as it was written: `a/b.md` → `a`,
    /// `b.md` → `.`, `/b` → `/`. The last `/` byte, not character: in
    /// `a/\u{301}b.md` the slash is joined to the mark.
    public var folderPath: String {
        guard let slash = utf8.lastIndex(of: UInt8(ascii: "/")) else { return "." }
        return slash == utf8.startIndex ? "/" : String(decoding: utf8[..<slash], as: UTF8.self)
    }

    /// `relative` read from the folder `self`: itself when it is absolute
    /// (or starts with `~`), else joined with one `/`.
    public func appendingPath(_ relative: String) -> String {
        let relative = relative.userPath
        if relative.isAbsolutePath || self == "." || isEmpty { return relative }
        return (hasByteSuffix("/") ? self : self + "/") + relative
    }
}
