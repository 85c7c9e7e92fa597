import Foundation

/// The load stage: reads a lesson file and parses it into a `Lesson`.
///
/// Parsing cannot fail — any text is some Markdown — so only reading and
/// UTF-8 decoding throw. Hostile input (deep nesting, megabytes of brackets,
/// NUL bytes, lone dollars) is parsed in bounded time and stack.
public enum LessonLoader {
    /// Reads and parses the lesson at `path`.
    ///
    /// - Throws: `LessonLoadError.unreadable` naming the path when the file
    ///   cannot be read (bytes that are not UTF-8 are an error in the lesson,
    ///   see ``parse(data:path:)``).
    public static func load(path: String) throws -> Lesson {
        let data: Data
        do {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw LessonLoadError.unreadable(path: path, reason: "is a directory")
            }
            // A pipe or device (`/dev/zero`) is no lesson; Foundation calls it "permission".
            var status = stat()
            if stat(path, &status) == 0, status.st_mode & S_IFMT != S_IFREG {
                throw LessonLoadError.unreadable(path: path, reason: "is not a regular file (a pipe, socket or device)")
            }
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch let error as LessonLoadError {
            throw error
        } catch {
            throw LessonLoadError.unreadable(path: path, reason: reason(for: error, path: path))
        }
        return parse(data: data, path: path)
    }

    /// Parses lesson text held in memory; `path` only labels locations.
    public static func parse(_ source: String, path: String) -> Lesson {
        parse(SourceText(normalizing: source.utf8), path: path)
    }

    /// Decodes UTF-8 (with or without a byte-order mark) and parses it.
    ///
    /// Bytes that are not UTF-8 (a file saved as Latin-1, a stray byte) read
    /// as U+FFFD, so every block still runs and the page still shows; the
    /// first one is an error in ``Lesson/warnings`` at its line and column.
    public static func parse(data: Data, path: String) -> Lesson {
        let source = SourceText(normalizing: data)
        guard let offset = source.firstInvalidUTF8Offset() else {
            return parse(source, path: path)
        }
        let position = source.position(ofOffset: offset)
        let location = SourceLocation(path: path, line: position.line,
                                      column: source.scalarColumn(line: position.line, byteColumn: position.byteColumn))
        let byte = String(source.bytes[offset], radix: 16, uppercase: true)
        var lesson = parse(SourceText(normalizing: String(decoding: source.bytes, as: UTF8.self).utf8), path: path)
        lesson.warnings.insert(LessonWarning(
            "invalid UTF-8 (byte 0x\(byte.count == 1 ? "0" : "")\(byte)); this and any other bytes that are not UTF-8 show as \u{FFFD}; "
                + "save the file as UTF-8", at: location, isError: true), at: 0)
        return lesson
    }

    /// Parses twice when the text has dollars: the first parse shows which lines
    /// hold paragraphs, headings and tables, where math may be; the second
    /// parses the text with that math hidden from cmark.
    static func parse(_ source: SourceText, path: String) -> Lesson {
        let nulWarning = firstNUL(in: source, path: path)
        let frontMatter = FrontMatter.split(source, path: path)
        let source = frontMatter?.1 ?? source
        // Decided once, from the file, so that both parses agree.
        let tables = CmarkConverter.allowsTables(source.bytes)
        let firstParse = CmarkConverter.parse(source.bytes, tables: tables)
        let math = MathSubstitution(source: source, document: firstParse)
        let document = math.map { CmarkConverter.parse($0.parsedText.bytes, tables: tables) } ?? firstParse
        var builder = LessonBuilder(path: path, source: source, math: math ?? MathSubstitution(unchanged: source))
        var lesson = builder.build(document)
        lesson.frontMatter = frontMatter?.0
        if source.bytes.contains(UInt8(ascii: "@")) || source.bytes.contains(UInt8(ascii: "{")) {
            (lesson.crossReferences, lesson.malformedIds, lesson.idAttributes) = CrossReference.scan(source, document: firstParse, path: path)
        }
        if let nulWarning { lesson.warnings.insert(nulWarning, at: 0) }
        return lesson
    }

    /// cmark reads a NUL byte as U+FFFD, as the UTF-8 check does a byte that
    /// is not UTF-8; unlike that byte, it passed without a word (a title
    /// "T\0x" became "T�x"). It is valid UTF-8, so a warning, at the first.
    static func firstNUL(in source: SourceText, path: String) -> LessonWarning? {
        guard let offset = source.bytes.firstIndex(of: 0) else { return nil }
        let position = source.position(ofOffset: offset)
        let location = SourceLocation(path: path, line: position.line,
                                      column: source.scalarColumn(line: position.line, byteColumn: position.byteColumn))
        let count = source.bytes.lazy.filter { $0 == 0 }.count
        return LessonWarning("a NUL byte (0x00)\(count > 1 ? ", the first of \(count)," : "") shows as \u{FFFD}; remove it (a lesson is text)",
                             at: location)
    }

    /// A short reason, not Foundation's full sentence (the path is already said).
    private static func reason(for error: Error, path: String) -> String {
        if !FileManager.default.fileExists(atPath: path) {
            // fileExists follows links: tell a link that leads nowhere from no file at all.
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) {
                var status = stat()
                if stat(path, &status) != 0, errno == ELOOP {
                    return "symbolic link loop (links to '\(target)')"
                }
                return "broken symbolic link (links to '\(target)', which does not exist)"
            }
            return "no such file"
        }
        if !FileManager.default.isReadableFile(atPath: path) {
            return "permission denied"
        }
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
           underlying.domain == NSPOSIXErrorDomain, let code = POSIXErrorCode(rawValue: Int32(underlying.code)) {
            return String(cString: strerror(code.rawValue))
        }
        return error.localizedDescription
    }
}
