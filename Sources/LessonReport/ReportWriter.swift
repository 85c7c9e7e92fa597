import Foundation
import LessonMarkdown
import LessonRunner
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
        func base(_ path: String) -> String {
            ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        }
        var counts: [String: Int] = [:]
        for path in paths { counts[base(path), default: 0] += 1 }
        var used = Set<String>()
        return paths.map { path in
            var name = base(path)
            if counts[name, default: 0] > 1 {
                let folders = (path as NSString).deletingLastPathComponent
                    .split(separator: "/").filter { $0 != "." && $0 != ".." }.suffix(2)
                name = (folders + [Substring(name)]).joined(separator: "-")
            }
            name = safeFileStem(name)
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
        for character in name {
            let bad = character == "\\" || character == "/"
                || character.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.value == 0x2028 || $0.value == 0x2029 }
            out.append(bad ? "-" : character)
        }
        while out.hasPrefix(".") { out.removeFirst() }
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

    /// Writes every page, the index and the assets; returns warnings.
    @discardableResult
    public func write(_ lessons: [ExecutedLesson]) throws -> [String] {
        try AtomicFile.createDirectory(outputDirectory)
        try Self.checkSeparate(output: outputDirectory, from: lessons.map(\.lesson.path))
        // Left by a render that was killed (kill -9 cannot be caught).
        TemporaryFiles.sweepStale(in: outputDirectory)
        var warnings = try Assets.install(into: outputDirectory)
        // Names from the paths alone, so a lesson's page keeps its name when
        // the order changes.
        let names = Self.pageNames(for: lessons.map(\.lesson.path))
        let order = Curriculum.teachingOrder(lessons.map(\.lesson))
        let curriculum = Curriculum(entries: order.map { i in
            Curriculum.Entry(title: Curriculum.title(of: lessons[i]), href: names[i],
                             sections: Curriculum.sections(of: lessons[i]), lang: lessons[i].lesson.frontMatter?.lang)
        })
        // Pages (and their search entries) are independent: made on `jobs`
        // threads, written in order.
        let options = options
        let images = ImagePlacement(lessons: lessons.map(\.lesson), pageNames: names)
        let links = LessonLinks(paths: lessons.map(\.lesson.path), pageNames: names)
        let pages = ParallelMap.map(order.count, jobs: jobs) { position in
            (html: PageRenderer.render(lessons[order[position]], options: options,
                                       navigation: PageNavigation(curriculum: curriculum, current: position),
                                       imageSources: images.renamedSources(order[position]), lessonLinks: links),
             search: SearchIndex.entry(for: lessons[order[position]], href: names[order[position]]))
        }
        var entries: [IndexRenderer.Entry] = []
        for (position, i) in order.enumerated() {
            let lesson = lessons[i]
            let name = names[i]
            warnings += LocalImages.copy(for: lesson, into: outputDirectory, destinations: images.destinations[i])
            try AtomicFile.writeIfChanged(pages[position].html, to: (outputDirectory as NSString).appendingPathComponent(name),
                                          within: outputDirectory)
            entries.append(IndexRenderer.Entry(
                title: curriculum.entries[position].title, href: name,
                blocks: lesson.blocks.count, failedBlocks: lesson.blocks.filter { !$0.passed }.count,
                errors: lesson.diagnostics.filter { $0.severity == .error }.count,
                summary: lesson.lesson.frontMatter?.description.map(HTML.escape)
                    ?? Self.summary(of: lesson, imageSources: images.renamedSources(i), lessonLinks: links),
                expectationsNotMet: lesson.blocks.reduce(0) { $0 + $1.expectations.filter { !$0.passed }.count },
                lang: lesson.lesson.frontMatter?.lang))
        }
        try AtomicFile.writeIfChanged(SearchIndex.script(entries: pages.map(\.search)),
                             to: (outputDirectory as NSString).appendingPathComponent("assets/search-index.js"),
                             within: outputDirectory)
        // Lessons rendered here before (`lesson render one.md`) stay in the index.
        let listed = try IndexManifest.update(
            in: outputDirectory,
            rendered: zip(order.map { lessons[$0] }, entries).map { IndexManifest.Item(source: $0.lesson.path, entry: $1, position: $0.lesson.coursePosition) })
        entries = listed.map(\.entry)
        try AtomicFile.writeIfChanged(IndexRenderer.render(entries, options: options),
                             to: (outputDirectory as NSString).appendingPathComponent("index.html"),
                             within: outputDirectory)
        return warnings
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
