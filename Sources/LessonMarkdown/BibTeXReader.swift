import Foundation

/// Reads a BibTeX file: `@type{key, field = {value}, field = "value", year = 2015}`
/// entries, `@comment` and `@preamble` skipped, text between entries ignored
/// (BibTeX's own rule). Values may nest braces, join parts with `#`, and use
/// the month macros (`jan`…`dec`); `@string` definitions are not read, so a
/// bare word naming one is an error. Every problem is located in the file,
/// and one malformed entry never hides the others: reading resumes at the
/// next line that starts with `@`.
public enum BibTeXReader {
    public struct Problem: Sendable, Equatable {
        public var message: String
        public var location: SourceLocation
        /// The key of the entry that could not be read, when it was read
        /// before the problem: a citation of it is then told that the entry
        /// is malformed, not that the key is unknown.
        public var key: String?
        /// Where that entry starts (its `@`).
        public var entryLocation: SourceLocation?
    }

    /// Entries in file order (a key already seen is a problem, and the first one counts).
    public static func read(_ text: String, path: String) -> (entries: [BibTeXEntry], problems: [Problem]) {
        var scanner = Scanner(scalars: Array(text.unicodeScalars), path: path)
        var entries: [BibTeXEntry] = []
        var problems: [Problem] = []
        var seen: [String: SourceLocation] = [:]
        while let at = scanner.next("@") {
            scanner.index = at
            do {
                guard let entry = try scanner.entry() else { continue }
                if let first = seen[entry.key.lowercased()] {
                    problems.append(Problem(message: "duplicate BibTeX key '\(entry.key)' (first at line \(first.line)); keys must differ, even in case", location: entry.location))
                } else {
                    seen[entry.key.lowercased()] = entry.location
                    entries.append(entry)
                }
            } catch var problem as Problem {
                if let key = scanner.entryKey, !key.isEmpty {
                    problem.key = key
                    problem.entryLocation = scanner.location(at)
                }
                problems.append(problem)
                scanner.skipToNextEntry(after: at)
            } catch {}
        }
        return (entries, problems)
    }

    static let months = ["jan": "January", "feb": "February", "mar": "March", "apr": "April", "may": "May", "jun": "June",
                         "jul": "July", "aug": "August", "sep": "September", "oct": "October", "nov": "November", "dec": "December"]

    /// Plain text of a value's raw characters (without its outer delimiters):
    /// braces dropped, whitespace collapsed, `--` an en dash, `~` a no-break
    /// space, `\&`-style escapes and accent commands (`\"o`, `{\'e}`) read.
    /// In name fields a space inside braces becomes a no-break space, so the
    /// braces still hold the name together after they are gone.
    static func plain(_ raw: [Unicode.Scalar], protectSpaces: Bool = false) -> String {
        let accents: [Unicode.Scalar: Unicode.Scalar] = ["\"": "\u{0308}", "'": "\u{0301}", "`": "\u{0300}", "^": "\u{0302}",
                                                         "~": "\u{0303}", "=": "\u{0304}", ".": "\u{0307}", "c": "\u{0327}",
                                                         "v": "\u{030C}", "u": "\u{0306}", "H": "\u{030B}", "k": "\u{0328}"]
        let letters: [String: String] = ["ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "aa": "å", "AA": "Å",
                                         "l": "ł", "L": "Ł", "i": "ı", "oe": "œ", "OE": "Œ"]
        var out = String.UnicodeScalarView()
        var depth = 0
        var i = 0
        func appendSpace(_ space: Unicode.Scalar) {
            if let last = out.last, last == " " || last == "\u{00A0}" { return }
            if !out.isEmpty { out.append(space) }
        }
        while i < raw.count {
            let c = raw[i]
            switch c {
            case "{": depth += 1; i += 1
            case "}": depth -= 1; i += 1
            case "~": appendSpace("\u{00A0}"); i += 1
            case " ", "\t", "\n", "\r": appendSpace(protectSpaces && depth > 0 ? "\u{00A0}" : " "); i += 1
            case "-" where i + 1 < raw.count && raw[i + 1] == "-":
                let triple = i + 2 < raw.count && raw[i + 2] == "-"
                out.append(triple ? "\u{2014}" : "\u{2013}")
                i += triple ? 3 : 2
            case "\\" where i + 1 < raw.count:
                let next = raw[i + 1]
                // `\"o`, `\"{o}`, `\c c`, `\v{s}`: the accent goes on the next letter.
                // A letter accent only before a space or brace, so `\cite` is not `\c`.
                let isLetter = next.properties.isAlphabetic
                if let accent = accents[next], !isLetter || i + 2 < raw.count && (raw[i + 2] == " " || raw[i + 2] == "{") {
                    var j = i + 2
                    var opened = 0
                    while j < raw.count, raw[j] == " " || raw[j] == "{" {
                        if raw[j] == "{" { opened += 1 }
                        j += 1
                    }
                    if j < raw.count, raw[j].properties.isAlphabetic {
                        out.append(raw[j])
                        out.append(accent)
                        j += 1
                        while opened > 0, j < raw.count, raw[j] == "}" {
                            opened -= 1
                            j += 1
                        }
                        depth += opened
                        i = j
                        continue
                    }
                }
                if !next.properties.isAlphabetic {
                    // `\&`, `\%`, `\_`, `\$`, `\{`: the character itself.
                    out.append(next)
                    i += 2
                    continue
                }
                var j = i + 1
                var name = ""
                while j < raw.count, raw[j].properties.isAlphabetic, raw[j].isASCII { name.unicodeScalars.append(raw[j]); j += 1 }
                if let letter = letters[name] {
                    out.append(contentsOf: letter.unicodeScalars)
                    if j < raw.count, raw[j] == " " { j += 1 }
                }
                // Any other command (`\emph`, `\textit`): its argument stays, the name goes.
                i = j
            default:
                out.append(c)
                i += 1
            }
        }
        while let last = out.last, last == " " || last == "\u{00A0}" { out.removeLast() }
        return String(out).precomposedStringWithCanonicalMapping
    }
}

extension BibTeXReader.Problem: Error {}

extension BibTeXReader {
    /// A cursor over the file's scalars that knows each one's line and column.
    struct Scanner {
        let scalars: [Unicode.Scalar]
        let path: String
        var index = 0
        /// The key of the entry being read, once it is read.
        var entryKey: String?
        /// The index where each line starts.
        private let lineStarts: [Int]

        init(scalars: [Unicode.Scalar], path: String) {
            self.scalars = scalars
            self.path = path
            var starts = [0]
            for (i, c) in scalars.enumerated() where c == "\n" { starts.append(i + 1) }
            lineStarts = starts
        }

        func location(_ at: Int) -> SourceLocation {
            var low = 0, high = lineStarts.count - 1
            while low < high {
                let mid = (low + high + 1) / 2
                if lineStarts[mid] <= at { low = mid } else { high = mid - 1 }
            }
            let column = at - lineStarts[low] + 1 - (low == 0 && scalars.first == "\u{FEFF}" ? 1 : 0)
            return SourceLocation(path: path, line: low + 1, column: max(1, column))
        }

        func problem(_ message: String, at: Int) -> Problem {
            Problem(message: message, location: location(min(at, max(0, scalars.count - 1))))
        }

        /// The index of the next `character` at or after `index`.
        func next(_ character: Unicode.Scalar) -> Int? {
            var i = index
            while i < scalars.count {
                if scalars[i] == character { return i }
                i += 1
            }
            return nil
        }

        /// Whether only spaces stand before `at` on its line.
        func startsLine(_ at: Int) -> Bool {
            var i = at - 1
            while i >= 0, scalars[i] != "\n" {
                if !scalars[i].properties.isWhitespace, scalars[i] != "\u{FEFF}" { return false }
                i -= 1
            }
            return true
        }

        mutating func skipSpace() {
            while index < scalars.count, scalars[index].properties.isWhitespace { index += 1 }
        }

        mutating func word() -> String {
            var out = ""
            while index < scalars.count, scalars[index].properties.isAlphabetic || scalars[index].properties.numericType != nil
                    || "_-:.+/".unicodeScalars.contains(scalars[index]) {
                out.unicodeScalars.append(scalars[index])
                index += 1
            }
            return out
        }

        /// After a problem in the entry at `start`: on to the next line whose first non-space character is `@`.
        mutating func skipToNextEntry(after start: Int) {
            var i = start + 1
            var lineStart = false
            while i < scalars.count {
                if scalars[i] == "\n" {
                    lineStart = true
                } else if scalars[i] == "@", lineStart {
                    break
                } else if !scalars[i].properties.isWhitespace {
                    lineStart = false
                }
                i += 1
            }
            index = i
        }

        /// The index just past the brace that closes the `{` at `open`, or nil.
        func closingBrace(from open: Int) -> Int? {
            var depth = 0
            var i = open
            while i < scalars.count {
                if scalars[i] == "\\" { i += 2; continue }
                if scalars[i] == "{" { depth += 1 }
                if scalars[i] == "}" {
                    depth -= 1
                    if depth == 0 { return i + 1 }
                }
                i += 1
            }
            return nil
        }

        /// The entry at `index` (an `@`); nil for `@comment` and `@preamble`.
        mutating func entry() throws -> BibTeXEntry? {
            let at = index
            entryKey = nil
            index += 1
            let type = word().lowercased()
            guard !type.isEmpty else {
                // An `@` in the text between entries (an e-mail address) is text.
                return nil
            }
            skipSpace()
            guard index < scalars.count, scalars[index] == "{" || scalars[index] == "(" else {
                // Text between entries is a comment; an `@` inside a line of
                // it ("write to a@b.org") is text, one that starts a line is
                // meant as an entry.
                guard startsLine(at) else { return nil }
                throw problem("expected `{` after `@\(type)`", at: index)
            }
            let closer: Unicode.Scalar = scalars[index] == "{" ? "}" : ")"
            let open = index
            if type == "comment" || type == "preamble" || type == "string" {
                guard let end = closer == "}" ? closingBrace(from: open) : next(")").map({ $0 + 1 }) else {
                    throw problem("`@\(type)` is not closed: its `\(scalars[open])` has no matching `\(closer)`", at: at)
                }
                index = end
                if type == "string" {
                    throw problem("`@string` definitions are not read; write the value in the entries' fields", at: at)
                }
                return nil
            }
            index += 1
            skipSpace()
            let keyStart = index
            var key = ""
            while index < scalars.count, !",}) \t\r\n".unicodeScalars.contains(scalars[index]) {
                key.unicodeScalars.append(scalars[index])
                index += 1
            }
            guard !key.isEmpty else { throw problem("expected a citation key after `@\(type){`", at: keyStart) }
            if let bad = key.unicodeScalars.first(where: { "{}\"#%'=~\\".unicodeScalars.contains($0) }) {
                throw problem("the key '\(key)' holds '\(bad)'; a key is letters, digits and - _ : . /", at: keyStart)
            }
            entryKey = key
            skipSpace()
            var fields: [String: String] = [:]
            while true {
                guard index < scalars.count else {
                    throw problem("entry '\(key)' is not closed: add `\(closer)` after its last field", at: at)
                }
                if scalars[index] == closer { index += 1; break }
                if scalars[index] == "@", startsLine(index) {
                    throw problem("entry '\(key)' is not closed: add `\(closer)` after its last field", at: at)
                }
                guard scalars[index] == "," else {
                    throw problem("expected `,` or `\(closer)` in entry '\(key)', found '\(scalars[index])'", at: index)
                }
                index += 1
                skipSpace()
                guard index < scalars.count else { continue }
                if scalars[index] == closer { index += 1; break }
                if scalars[index] == "@", startsLine(index) {
                    throw problem("entry '\(key)' is not closed: add `\(closer)` after its last field", at: at)
                }
                let nameStart = index
                let name = word().lowercased()
                guard !name.isEmpty else {
                    throw problem("expected a field name (such as `title`) in entry '\(key)', found '\(scalars[index])'", at: nameStart)
                }
                skipSpace()
                guard index < scalars.count, scalars[index] == "=" else {
                    throw problem("expected `=` after field '\(name)' in entry '\(key)'", at: index)
                }
                index += 1
                skipSpace()
                let value = try self.value(field: name, key: key)
                if fields[name] != nil {
                    throw problem("field '\(name)' appears twice in entry '\(key)'", at: nameStart)
                }
                fields[name] = value
                skipSpace()
            }
            return BibTeXEntry(type: type, key: key, fields: fields, location: location(at))
        }

        /// A field's value: parts joined by `#`, each `{…}`, `"…"`, a number or a month macro.
        mutating func value(field: String, key: String) throws -> String {
            var raw: [Unicode.Scalar] = []
            while true {
                guard index < scalars.count else { throw problem("the value of '\(field)' in entry '\(key)' is missing", at: index) }
                let start = index
                switch scalars[index] {
                case "{":
                    guard let end = closingBrace(from: index) else {
                        throw problem("the value of '\(field)' in entry '\(key)' opens a `{` that is never closed", at: start)
                    }
                    raw += scalars[(start + 1)..<(end - 1)]
                    index = end
                case "\"":
                    var depth = 0
                    var i = index + 1
                    while i < scalars.count {
                        let c = scalars[i]
                        if c == "\\" { i += 2; continue }
                        if c == "{" { depth += 1 } else if c == "}" { depth -= 1 }
                        if depth < 0 { throw problem("unbalanced `}` in the value of '\(field)' in entry '\(key)'", at: i) }
                        if c == "\"", depth == 0 { break }
                        i += 1
                    }
                    guard i < scalars.count else {
                        throw problem("the value of '\(field)' in entry '\(key)' opens a `\"` that is never closed", at: start)
                    }
                    raw += scalars[(start + 1)..<i]
                    index = i + 1
                default:
                    let word = self.word()
                    if word.isEmpty {
                        throw problem("expected a value (`{…}`, `\"…\"` or a number) for '\(field)' in entry '\(key)', found '\(scalars[index])'", at: start)
                    } else if word.allSatisfy(\.isNumber) {
                        raw += word.unicodeScalars
                    } else if let month = BibTeXReader.months[word.lowercased()] {
                        raw += month.unicodeScalars
                    } else {
                        throw problem("'\(word)' is not a value: put text in braces (`{\(word)}`); `@string` names are not read", at: start)
                    }
                }
                skipSpace()
                guard index < scalars.count, scalars[index] == "#" else { break }
                index += 1
                skipSpace()
            }
            if raw.filter({ $0 == "{" }).count != raw.filter({ $0 == "}" }).count {
                throw problem("unbalanced braces in the value of '\(field)' in entry '\(key)'", at: index)
            }
            return BibTeXReader.plain(raw, protectSpaces: field == "author" || field == "editor")
        }
    }
}
