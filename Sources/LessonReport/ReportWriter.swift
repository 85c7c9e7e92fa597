import Foundation
import LessonMarkdown
import LessonResults
import LessonSupport

/// Writes a set of executed lessons as pages plus `index.html`, atomically.
public struct ReportWriter {
    public var outputDirectory: String
    public var options: RenderOptions
    /// Pages rendered at once; the pages are the same for any number.
    public var jobs: Int

    public init(outputDirectory: String, options: RenderOptions = RenderOptions(),
                jobs: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.outputDirectory = outputDirectory
        self.options = options
        self.jobs = jobs
    }

    /// The page file name for each lesson: its name with `.html`, made unique
    /// with its folder names when two lessons share a name.
    ///
    /// Control characters and `\\` become `-`, a leading `.` is dropped,
    /// and a name longer than 120 bytes is cut (with a hash of the whole
    /// name), so no lesson name can take the index's name or a hidden
    /// temporary file's, or exceed the file system's limit. Every link to a
    /// page percent-encodes its name (``HTML/fileHref(_:)``), so
    /// `javascript:x.md` is a page, never a scheme.
    public static func pageNames(for paths: [String]) -> [String] {
        // By hand rather than NSString's path calls, which trap on some
        // paths (`lessons//π`: ``Swift/String/collapsingSlashes``).
        func base(_ path: String) -> String {
            path.slashSeparatedParts.last.map(\.droppingFileExtension) ?? ""
        }
        var counts: [String: Int] = [:]
        for path in paths { counts[base(path), default: 0] += 1 }
        var used = Set<String>()
        return paths.map { path in
            var name = base(path)
            if counts[name, default: 0] > 1 {
                let folders = path.slashSeparatedParts.dropLast().filter { $0 != "." && $0 != ".." }.suffix(2)
                name = (folders + [name]).joined(separator: "-")
            }
            name = safeFileStem(name)
            // A stem ending in a prepending mark (U+06DD) would make the mark
            // and the dot one character, and the page would not end in ".html"
            // for code that compares characters.
            if !(name + ".html").hasSuffix(".html") { name += "-" }
            var candidate = name.isEmpty ? "lesson" : name
            var n = 2
            while used.contains(candidate.lowercased()) || candidate.lowercased() == "index" {
                candidate = "\(name)-\(n)"
                n += 1
            }
            used.insert(candidate.lowercased())
            return candidate + ".html"
        }
    }

    /// `name` with control characters and `\\` replaced by `-`, no leading
    /// `.`, and cut to 120 bytes with a hash of the whole name when longer.
    static func safeFileStem(_ name: String) -> String {
        var out = ""
        // By scalars: a character may hold a `/` or `.` joined to a mark
        // (`\u{6DD}/`, `.\u{301}`), which a comparison of characters misses.
        for character in name {
            let bad = character.unicodeScalars.contains {
                $0 == "\\" || $0 == "/" || $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.value == 0x2028 || $0.value == 0x2029
            }
            out.append(bad ? "-" : character)
        }
        while out.utf8.first == UInt8(ascii: ".") { out.unicodeScalars.removeFirst() }
        if out.utf8.count > 120 {
            let hash = String(StableHash.hex(StableHash.fnv1a64(name)).prefix(8))
            var cut = ""
            for character in out {
                if cut.utf8.count + character.utf8.count > 110 { break }
                cut.append(character)
            }
            out = cut + "-" + hash
        }
        return out
    }

    /// The first paragraph as HTML (math stays typeset), cut at a word once
    /// about `limit` characters of text have been shown.
    static func summary(of executed: ExecutedLesson, limit: Int = 220, imageSources: [String: String] = [:],
                        lessonLinks: LessonLinks = LessonLinks()) -> String {
        var markdown = MarkdownHTML.fragment(executed)
        markdown.imageSources = imageSources
        markdown.lessonLinks = lessonLinks
        markdown.lessonPath = executed.lesson.path
        for block in executed.lesson.blocks {
            guard case .paragraph(let inlines) = block else { continue }
            var kept: [InlineNode] = []
            var used = 0
            var truncated = false
            for node in inlines {
                let length = markdown.plainText([node]).count
                if used + length <= limit {
                    kept.append(node)
                    used += length
                    continue
                }
                if case .text(let text) = node {
                    let cut = text.prefix(max(0, limit - used))
                    kept.append(.text(cut.lastIndex(of: " ").map { String(cut[..<$0]) } ?? ""))
                }
                truncated = true
                break
            }
            return markdown.inline(kept, depth: 0) + (truncated ? " …" : "")
        }
        return ""
    }

    /// The copy of a lesson's Markdown beside its page (`dropout.html` →
    /// `dropout.md.txt`), linked from the page's footer: the way back from a
    /// page to what made it. `.txt`, so a browser shows it (also over
    /// `file://`) and a later run does not find it as a lesson when the
    /// output folder is inside the lessons' folder.
    static func sourceCopyName(_ pageName: String) -> String {
        (pageName as NSString).deletingPathExtension + ".md.txt"
    }

    /// Where every lesson goes: its page's name (from the paths alone, so a
    /// page keeps its name when the order changes), the teaching order, the
    /// curriculum, where its images go and the links between lessons.
    struct Arrangement {
        var names: [String]
        /// Every lesson, in teaching order.
        var order: [Int]
        /// The lessons that are not translations of another: the sequence
        /// the sidebar, previous/next and the course's printout follow.
        var sequence: [Int]
        var curriculum: Curriculum
        var images: ImagePlacement
        var links: LessonLinks
        var translations: Translations

        /// Lesson `i`'s place in the sequence, nil for a translation.
        func navigation(_ i: Int) -> PageNavigation? {
            sequence.firstIndex(of: i).map { PageNavigation(curriculum: curriculum, current: $0) }
        }
    }

    /// Where every lesson goes: its page's name (from the paths alone, so a
    /// page keeps its name when the order changes), the teaching order, the
    /// sequence without translations, where its images go and the links
    /// between lessons.
    static func arrangement(_ lessons: [ExecutedLesson]) -> Arrangement {
        let names = pageNames(for: lessons.map(\.lesson.path))
        let order = Curriculum.teachingOrder(lessons.map(\.lesson))
        let titles = lessons.map { Curriculum.title(of: $0) }
        let translations = Translations(lessons: lessons.map(\.lesson), titles: titles, pageNames: names)
        let sequence = order.filter { !translations.isTranslation($0) }
        let curriculum = Curriculum(entries: sequence.map { i in
            Curriculum.Entry(title: titles[i], href: names[i],
                             sections: Curriculum.sections(of: lessons[i]), lang: lessons[i].lesson.frontMatter?.lang)
        })
        return Arrangement(names: names, order: order, sequence: sequence, curriculum: curriculum,
                           images: ImagePlacement(lessons: lessons, pageNames: names),
                           links: LessonLinks(paths: lessons.map(\.lesson.path), pageNames: names), translations: translations)
    }

    /// Prints every lesson's page (written by ``write(_:)``) to
    /// `<out>/pdf/03-<page>.pdf` (its place in the course, its page's name), and the whole course, with its contents, to
    /// `<out>/pdf/course.pdf`; returns the PDFs written, in teaching order,
    /// the course last, and warnings (a stale PDF not removed), each with its
    /// code, for the caller to print and count as it does ``write(_:)``'s.
    public func writePDFs(_ lessons: [ExecutedLesson], printer: PDFPrinter) throws -> (written: [String], warnings: [Diagnostic]) {
        let arrangement = Self.arrangement(lessons)
        let names = arrangement.names
        let folder = (outputDirectory as NSString).appendingPathComponent("pdf")
        try AtomicFile.createDirectory(folder)
        let files = OutputFiles(root: outputDirectory)
        var written: [String] = []
        // Numbered in teaching order: listed as the course reads, and never
        // named `course.pdf`.
        let pdfNames = arrangement.order.enumerated().map { position, i in
            "pdf/" + String(format: "%02d-", position + 1) + (names[i] as NSString).deletingPathExtension + ".pdf"
        }
        var planned: [String: [String]] = ["": ["pdf/course.pdf"]]
        for (position, i) in arrangement.order.enumerated() { planned[lessons[i].lesson.path, default: []].append(pdfNames[position]) }
        try files.announce(planned)
        for (position, i) in arrangement.order.enumerated() {
            let relative = pdfNames[position]
            let pdf = files.path(relative)
            try files.checkOwned(relative)
            try printer.print(page: (outputDirectory as NSString).appendingPathComponent(names[i]), to: pdf, within: outputDirectory)
            files.claim(relative, for: lessons[i].lesson.path)
            written.append(pdf)
        }
        // The course is printed from a page beside the others (so its
        // assets and images resolve), removed once printed.
        let page = (outputDirectory as NSString).appendingPathComponent(".course-print.html")
        TemporaryFiles.register(page)
        defer {
            try? FileManager.default.removeItem(atPath: page)
            TemporaryFiles.unregister(page)
        }
        try AtomicFile.write(Self.courseHTML(lessons, arrangement: arrangement, options: options), to: page, within: outputDirectory)
        let course = files.path("pdf/course.pdf")
        try files.checkOwned("pdf/course.pdf")
        try printer.print(page: page, to: course, within: outputDirectory)
        files.claim("pdf/course.pdf", for: nil)
        written.append(course)
        // A lesson's PDF under its old number (the order changed) goes.
        let warnings = try files.finish(rendered: lessons.map(\.lesson.path), kept: nil, scope: { $0.hasBytePrefix("pdf/") })
        return (written, warnings)
    }

    /// The whole course as one page to print: its contents, then every
    /// lesson of the sequence (not the kinds reference, which has its own PDF only).
    static func courseHTML(_ lessons: [ExecutedLesson], arrangement: Arrangement, options: RenderOptions) -> String {
        let (curriculum, images, links) = (arrangement.curriculum, arrangement.images, arrangement.links)
        let words = InterfaceWords.forLanguage(IndexRenderer.language(of: lessons.map {
            IndexRenderer.Entry(title: "", href: "", blocks: 0, failedBlocks: 0, errors: 0, lang: $0.lesson.frontMatter?.lang)
        }))
        let parts = arrangement.sequence.enumerated().filter { lessons[$0.element].lesson.frontMatter?.isReference != true }.map { position, i in
            CourseDocument.Part(title: curriculum.entries[position].title, lang: lessons[i].lesson.frontMatter?.lang,
                                body: PageRenderer.mainHTML(lessons[i], navigation: PageNavigation(curriculum: curriculum, current: position),
                                                            imageSources: images.renamedSources(i), lessonLinks: links, options: options))
        }
        return CourseDocument.render(parts, words: words, options: options)
    }

    /// Writes every page, the index and the assets; returns warnings (an
    /// image not copied, KaTeX missing, a stale file not removed), each with
    /// its code, for the caller to print and count as it does the lessons'.
    @discardableResult
    public func write(_ lessons: [ExecutedLesson]) throws -> [Diagnostic] {
        try AtomicFile.createDirectory(outputDirectory)
        try Self.checkSeparate(output: outputDirectory, from: lessons.map(\.lesson.path))
        // Left by a render that was killed (kill -9 cannot be caught).
        TemporaryFiles.sweepStale(in: outputDirectory)
        let files = OutputFiles(root: outputDirectory)
        let arrangement = Self.arrangement(lessons)
        let (names, order, images, links) = (arrangement.names, arrangement.order, arrangement.images, arrangement.links)
        // Pages (and their search entries) are independent: made on `jobs`
        // threads, written in order.
        let options = options
        let pages = ParallelMap.map(order.count, jobs: jobs) { position in
            let i = order[position]
            let csvFiles = CSVFiles(pageStem: (names[i] as NSString).deletingPathExtension)
            return (html: PageRenderer.render(lessons[i], options: options, navigation: arrangement.navigation(i),
                                              imageSources: images.renamedSources(i), lessonLinks: links,
                                              versions: arrangement.translations.versions(of: i), pageName: names[i], csvFiles: csvFiles),
                    search: SearchIndex.entry(for: lessons[i], href: names[i]), csv: csvFiles.files)
        }
        var planned: [String: [String]] = ["": Assets.files().files.map(\.path)
                                            + ["assets/search-index.js", IndexManifest.fileName, "index.html"]]
        for (position, i) in order.enumerated() {
            planned[lessons[i].lesson.path, default: []] += pages[position].csv.map(\.path)
                + [names[i]] + images.destinations[i].values
                + (FileManager.default.fileExists(atPath: lessons[i].lesson.path) ? [Self.sourceCopyName(names[i])] : [])
        }
        try files.announce(planned)
        let katexMissingIsSaid = lessons.contains { $0.diagnostics.contains { $0.code == .mathUnavailable } }
        var warnings = try Assets.install(into: outputDirectory, files: files, katexMissingIsSaid: katexMissingIsSaid)
        warnings += arrangement.translations.warnings
        var entries: [IndexRenderer.Entry] = []
        // Outputs the folder refused (a planted link, a folder at a page's
        // name): every other file is still written, then the render fails.
        var refused: [Diagnostic] = []
        for (position, i) in order.enumerated() {
            let lesson = lessons[i]
            let name = names[i]
            let copied = LocalImages.copy(for: lesson, into: files, destinations: images.destinations[i])
            warnings += copied.warnings
            refused += copied.errors
            let place = SourceLocation(path: lesson.lesson.path, line: 1, column: 1)
            // What a refusal is about: a block's data file stops its page too.
            var writing = "the lesson's page"
            do {
                // The CSV files first: a page never links to one not yet written.
                for file in pages[position].csv {
                    writing = "the data file '\(file.path)', and so the lesson's page,"
                    try files.write(file.contents, to: file.path, for: lesson.lesson.path)
                }
                writing = "the lesson's page"
                try files.write(pages[position].html, to: name, for: lesson.lesson.path)
                if let source = FileManager.default.contents(atPath: lesson.lesson.path) {
                    try files.write(source, to: Self.sourceCopyName(name), for: lesson.lesson.path)
                }
            } catch {
                refused.append(Diagnostic(.refusedOutput, "\(writing) is not written: \(error)", at: place))
            }
            entries.append(IndexRenderer.Entry(
                title: Curriculum.title(of: lesson), href: name,
                blocks: lesson.blocks.count, failedBlocks: lesson.blocks.filter { !$0.passed }.count,
                errors: lesson.diagnostics.filter { $0.severity == .error }.count,
                summary: lesson.lesson.frontMatter?.description.map(HTML.escape)
                    ?? Self.summary(of: lesson, imageSources: images.renamedSources(i), lessonLinks: links),
                expectationsNotMet: lesson.blocks.reduce(0) { $0 + $1.expectations.filter { !$0.passed }.count },
                lang: lesson.lesson.frontMatter?.lang,
                translationOf: arrangement.translations.original[i].map { names[$0] },
                isReference: lesson.lesson.frontMatter?.isReference == true ? true : nil))
        }
        try files.write(SearchIndex.script(entries: pages.map(\.search)), to: "assets/search-index.js", for: nil)
        // Lessons rendered here before (`lesson render one.md`) stay in the index.
        let listed = try IndexManifest.update(
            in: outputDirectory,
            rendered: zip(order.map { lessons[$0] }, entries).map { IndexManifest.Item(source: $0.lesson.path, entry: $1, position: $0.lesson.coursePosition) },
            files: files)
        entries = listed.map(\.entry)
        try files.write(IndexRenderer.render(entries, options: options), to: "index.html", for: nil)
        // What earlier renders wrote and this one does not (a renamed block's
        // CSV file, a deleted lesson's page) goes; the PDFs are `--pdf`'s.
        warnings += try files.finish(rendered: lessons.map(\.lesson.path), kept: Set(listed.map(\.source)),
                                     scope: { !$0.hasBytePrefix("pdf/") })
        if !refused.isEmpty { throw RefusedOutputs(errors: refused, warnings: warnings) }
        return warnings
    }

    /// Files the output folder refused, each a located error
    /// (``DiagnosticCode/refusedOutput``); the render wrote everything else and fails.
    public struct RefusedOutputs: Error, CustomStringConvertible {
        /// One per file, at the lesson's top or the image's place.
        public var errors: [Diagnostic]
        /// The warnings of the same write, which the caller would otherwise lose.
        public var warnings: [Diagnostic]
        public var description: String { errors.map(\.description).joined(separator: "\n") }
    }

    /// Refuses an output folder that is, or holds, a lesson's folder: pages,
    /// images and the manifest would overwrite the author's files there.
    static func checkSeparate(output: String, from lessonPaths: [String]) throws {
        guard let root = Confinement.realPath(output) else { return }
        for path in lessonPaths {
            let folder = (path as NSString).deletingLastPathComponent
            if let resolved = Confinement.realPath(folder.isEmpty ? "." : folder), Confinement.contains(root: root, resolved) {
                throw AtomicFile.WriteError(
                    path: output,
                    reason: "the output folder holds the lesson '\(Excerpt.clipped(path))', whose files pages and images would overwrite; write to a folder outside the lessons' folders (--out output)")
            }
        }
    }
}
