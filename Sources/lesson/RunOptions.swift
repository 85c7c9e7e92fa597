import ArgumentParser
import Foundation
import LessonMarkdown
import LessonRunner
import LessonResults
import LessonSupport
import MathTypesetting

/// Options shared by the commands that run lessons.
struct RunOptions: ParsableArguments {
    @Argument(help: "Lesson files or folders of lessons. Default: the course's lessons (course.yml), else lessons.")
    var paths: [String] = []

    @Option(name: .customLong("cache-dir"), help: "Where results are cached between runs. Default: the course's cache folder, else .lesson-cache.")
    var cacheDirectory: String?

    @Flag(help: "Run every block again, ignoring cached results.")
    var force = false

    @Flag(name: .customLong("no-cache"), help: "Neither read nor write cached results.")
    var noCache = false

    @Flag(name: .customLong("strict-timing"), help: "Fail an expectation over timings that stayed noisy after re-measuring (by default it is a warning naming the spread).")
    var strictTimingFlag = false

    @Flag(name: .customLong("warnings-as-errors"), help: "Fail (exit status 1) when any warning is printed, as for an error.")
    var warningsAsErrorsFlag = false

    @Option(help: "How problems are printed: 'text' (file:line:col: error: …), or 'github' (workflow annotations as well). Default: github when GITHUB_ACTIONS is set, else text.")
    var format: DiagnosticFormat?

    @Option(parsing: .unconditional,
            help: ArgumentHelp("How many blocks to run at once, across lessons (a timing block's measurements always run alone). The output is the same for any N. Default: the number of cores.", valueName: "N"),
            transform: { try OptionNumber.whole($0, option: "--jobs", range: 1...1_024) })
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    // Optional, so a stopped block's message can tell the default from the user's limit.
    @Option(name: .customLong("block-time-limit"), parsing: .unconditional,
            help: ArgumentHelp("Stop a block that runs longer than this many seconds (an error for that block; the others go on). Default: \(Int(Executor.defaultBlockTimeLimit)).", valueName: "seconds"),
            transform: { try OptionNumber.seconds($0, option: "--block-time-limit", range: 0...1e6) })
    var blockTimeLimit: Double?

    @Option(parsing: .unconditional,
            help: ArgumentHelp("Move every block's seeds by K (blocks with their own 'seed'/'seeds' too), to check that the lessons' claims hold at seeds nobody chose; the summary lists each failed expectation with its seeds. Default: 0, the seeds the lessons say.", valueName: "K"),
            transform: { try OptionNumber.whole($0, option: "--reseed", range: 0...RunOptions.maximumReseed, why: " (seeds are below 2^53)") })
    var reseed: UInt64 = 0

    func validate() throws {
        if paths.contains("") { throw ValidationError("a lesson path must not be empty") }
        if cacheDirectory?.isEmpty == true { throw ValidationError("--cache-dir must not be empty") }
    }

    /// The lessons to run: those named, else the course's, else `lessons`.
    var lessonPaths: [String] {
        if !paths.isEmpty { return paths.map(\.userPath) }
        if let course = Course.settings { return course.lessons.map(course.resolve) }
        return ["lessons"]
    }

    var cacheFolder: String {
        cacheDirectory?.userPath ?? Course.settings.map { $0.resolve($0.cache) } ?? ".lesson-cache"
    }

    var strictTiming: Bool { strictTimingFlag || Course.settings?.strictTiming == true }

    var warningsAsErrors: Bool { warningsAsErrorsFlag || Course.settings?.warningsAsErrors == true }

    /// Whether the run passed: every block and expectation, and with
    /// `--warnings-as-errors` no warning either (a line says so when one fails it).
    func passed(_ run: LessonRun) -> Bool {
        guard run.summary.passed else { return false }
        guard warningsAsErrors else { return true }
        let warnings = run.warnings.count
        if warnings > 0 {
            Terminal.printError("error: \(warnings) warning\(warnings == 1 ? "" : "s") fail\(warnings == 1 ? "s" : "") the run (--warnings-as-errors, or warnings_as_errors in course.yml)")
        }
        return warnings == 0
    }

    static let maximumReseed: UInt64 = (1 << 53) - 1

    /// Every id in `ids` names a block of one of `files` (planned, not run).
    static func checkBlockIds(_ ids: [String], in files: [String]) throws {
        var known: [String] = []
        for file in files {
            guard let lesson = try? LessonLoader.load(path: file) else { continue }
            known += Planner.plan(lesson).blocks.map(\.id)
        }
        for id in ids where !known.contains(id) {
            let missing = files.count == 1 ? "\(files[0]) has no block" : "none of the \(files.count) lessons has a block"
            let none = files.count == 1 ? " (it has no blocks)" : " (they have no blocks)"
            throw UsageProblem.exit("--block '\(id)': \(missing) '\(id)'" + Suggestion.didYouMean(id, in: known)
                                  + (known.isEmpty ? none : " (blocks: \(known.joined(separator: ", ")))"))
        }
    }

    /// Checks that the paths exist. Not part of `validate()`: ArgumentParser
    /// validates before it reports unknown options, so `lesson render -x` run
    /// where there is no `lessons` folder would complain about the folder.
    func checkPaths() throws {
        try checkCourse()
        // A symbolic link that leads nowhere passes here; loading it says why it fails.
        for path in lessonPaths where !FileManager.default.fileExists(atPath: path)
            && (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) == nil {
            throw UsageProblem.exit("no such lesson file or folder: '\(path)'")
        }
        // Before anything runs, as a folder's search would skip it. Only the
        // paths typed: the course's entries are told at their place above.
        for path in paths.map(\.userPath) where !LessonDiscovery.isLessonName(path) {
            var isFolder: ObjCBool = false
            if !(FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue) {
                throw UsageProblem.exit(LessonDiscovery.NotALesson(path: path).description)
            }
        }
    }

    /// The problems of `course.yml` that can be known before anything runs,
    /// all at once, each where the course names it: its settings, the
    /// `lessons:` entries (unless paths are typed) and a `cache:` that is a
    /// file (unless `--cache-dir` or `--no-cache` is given). Not as a usage
    /// error of the command; with the course's warnings, which nothing else
    /// prints now.
    func checkCourse() throws {
        guard let course = Course.found else { return }
        var problems = course.problems
        var entries: CourseSettings.EntryProblems?
        if paths.isEmpty, let settings = course.settings {
            entries = settings.entryProblems()
            problems += entries?.diagnostics ?? []
        }
        if cacheDirectory == nil, !noCache, let problem = course.settings?.cacheProblem() {
            problems.append(problem)
        }
        if problems.isEmpty { return }
        let inLineOrder = problems.enumerated().sorted {
            ($0.element.location?.line ?? 0, $0.element.location?.column ?? 0, $0.offset)
                < ($1.element.location?.line ?? 0, $1.element.location?.column ?? 0, $1.offset)
        }.map(\.element)
        Terminal.report((course.settings?.warnings ?? []) + inLineOrder, format: format)
        if let entries, entries.diagnostics.count == problems.count {
            Terminal.printError("error: " + entries.conclusion)
        } else {
            Terminal.printError("error: " + Course.problemsLine(problems.count))
        }
        throw ExitCode(64)
    }

    /// A folder pages will be written to, made now: one that cannot be
    /// written is a usage error before any lesson runs, not after all of them.
    /// - Parameter setting: where the folder was named: "--out", or the
    ///   course's "output:" (the message names it, so the author knows what to change).
    static func prepareOutput(_ folder: String, setting: String = "--out") throws {
        do {
            try AtomicFile.prepareFolder(folder)
        } catch let error as AtomicFile.WriteError {
            throw UsageProblem.exit("\(setting) '\(folder)' cannot be used: \(error.reason); give a folder you can write to")
        }
    }

    /// The first of `lessons` whose folder is `folder` or inside it: a folder
    /// the run writes into that holds the author's files.
    static func lessonHeld(by folder: String, of lessons: [String]) -> String? {
        guard let root = Confinement.realPath(folder) else { return nil }
        return lessons.first { lesson in
            Confinement.realPath(URL(fileURLWithPath: lesson).deletingLastPathComponent().path).map { Confinement.contains(root: root, $0) } ?? false
        }
    }

    /// Where the cache folder was named, for messages: "--cache-dir", or the course's "cache:".
    var cacheSetting: String {
        cacheDirectory == nil && Course.settings != nil ? "cache: in \(Course.settings!.path)" : "--cache-dir"
    }

    /// - Parameter command: the command's name, for the run's record in the
    ///   cache folder (what `cache prune --dry-run` names).
    /// - Parameter onlyBlocks: run only the blocks with these ids (`check --block`);
    ///   an id no lesson has is a usage error naming the lesson and the closest id.
    /// - Parameter output: the pages' folder (`render`, `preview`) and where it
    ///   was named: one that holds a lesson's folder is refused before anything runs.
    func runAll(ci: CIOptions? = nil, command: String, onlyBlocks: [String] = [],
                output: (folder: String, setting: String)? = nil) throws -> LessonRun {
        let shard = ci?.shard, junit = ci?.junitPath
        // First: course.yml's problems are told all at once, before its settings are used.
        try checkPaths()
        let paths = lessonPaths, cacheDirectory = cacheFolder
        // The course's warnings, with the run's other problems (not by
        // `cache prune` or `new`, which read the course too); printed before
        // the search, which can stop the run, since the course may be why.
        let courseWarnings = Course.settings?.warnings ?? []
        Terminal.report(courseWarnings, format: format)
        let found = try LessonDiscovery.find(in: paths)
        let discovered = found.skipped.map(\.diagnostic) + found.unresolved + found.tooDeep + found.unreadableFolders + found.undecodable
        Terminal.report(discovered, format: format)
        let outsideLessons = courseWarnings + discovered
        var files = found.lessons
        if files.isEmpty {
            // A mistyped folder in CI must not pass as "0 of 0 failed".
            throw UsageProblem.exit("no lessons found in \(paths.map { "'\($0)'" }.joined(separator: ", ")): a lesson is a .md file (README.md files are skipped)")
        }
        if let output, let held = Self.lessonHeld(by: output.folder, of: files) {
            throw UsageProblem.exit("\(output.setting) '\(output.folder)' holds the lesson '\(Excerpt.clipped(held))', whose files the pages and images would overwrite; "
                                    + "give a folder outside the lessons' folders, such as output")
        }
        if !noCache, let held = Self.lessonHeld(by: cacheDirectory, of: files) {
            throw UsageProblem.exit("\(cacheSetting) '\(cacheDirectory)' holds the lesson '\(Excerpt.clipped(held))': cached results would be written among the lessons' files; "
                                    + "give a folder outside the lessons' folders, such as .lesson-cache")
        }
        if !onlyBlocks.isEmpty { try Self.checkBlockIds(onlyBlocks, in: files) }
        let usage = CacheUsage()
        var cache: ResultCache?
        if !noCache {
            let shared = ResultCache(directory: cacheDirectory, usage: usage)
            do {
                try shared.prepare()
            } catch let error as ResultCache.Unusable {
                if self.cacheDirectory == nil, let course = Course.settings {
                    // At `cache:` in course.yml, as the file's other errors are.
                    Terminal.report([course.unusableCache(error.reason)], format: format)
                    Terminal.printError("error: " + Course.problemsLine(1))
                    throw ExitCode(64)
                }
                throw UsageProblem.exit("--cache-dir '\(error.directory)' cannot be used: \(error.reason); give a writable folder, or --no-cache")
            }
            cache = shared
        }
        if let shard {
            files = shard.select(files, durations: noCache ? [:] : ResultCache.recordedDurations(in: cacheDirectory))
        }
        let progress = ProgressPrinter()
        var executor = Executor(cache: cache, force: force, observer: progress)
        if let blockTimeLimit { executor.blockTimeLimit = blockTimeLimit }
        executor.strictTiming = strictTiming
        if let course = Course.settings {
            executor.sharedDataFolders = course.data.map(course.resolve)
            executor.courseRoot = course.root
        }
        // Typeset formulas are cached even with --force: KaTeX is deterministic.
        let typesetter = MathTypesetter(cacheDirectory: noCache ? nil : cacheDirectory)
        // Cold formulas on as many threads as blocks (each engine its own heap).
        typesetter.maximumEngines = Pipeline.jobsFitting(jobs)
        var pipeline = Pipeline(executor: executor, typesetter: typesetter)
        pipeline.defaultLanguage = Course.settings?.language
        if let course = Course.settings, let bibliography = course.bibliography {
            pipeline.courseBibliography = Citations.Source(path: course.resolve(bibliography),
                                                           location: course.bibliographyLocation ?? SourceLocation(path: course.path, line: 1, column: 1), folder: course.root)
        }
        pipeline.courseOrder = Course.settings.map(CourseOrder.init)
        pipeline.reseed = reseed
        if !onlyBlocks.isEmpty { pipeline.onlyBlocks = Set(onlyBlocks) }
        let lessons = pipeline.run(paths: files, jobs: jobs)
        progress.finish()
        if cache != nil {
            // Only a lesson that ran in full says how long it takes cold. A
            // shard records nothing: the next shard must see the durations
            // this one saw, or the two could split the lessons differently.
            for lesson in lessons where shard == nil && !lesson.blocks.isEmpty && !lesson.blocks.contains(where: \.fromCache) {
                usage.lessonTook(lesson.lesson.path, seconds: lesson.seconds)
            }
            let run = "lesson \(command), \(lessons.count) lesson\(lessons.count == 1 ? "" : "s")" + (shard.map { " (shard \($0.index)/\($0.count))" } ?? "")
            usage.save(in: cacheDirectory, run: run)
        }
        if let junit {
            do {
                // A regular file only: a link or device planted at the path
                // (`--junit /dev/stdout`) is refused, not replaced or written through.
                var info = stat()
                if lstat(junit, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
                    throw AtomicFile.WriteError(path: junit, reason: info.st_mode & S_IFMT == S_IFLNK
                        ? "is a symbolic link; give the path of a regular file" : "is not a regular file (a folder, pipe or device); give the path of a regular file")
                }
                try AtomicFile.write(JUnitReport.xml(lessons), to: junit)
            } catch {
                Terminal.printError("error: \(error)")
                throw ExitCode(1)
            }
        }
        return LessonRun(lessons: lessons, outsideLessons: outsideLessons)
    }
}

/// The options of the commands that run in CI (`check`, `render`), which
/// `preview` does not offer.
struct CIOptions: ParsableArguments {
    @Option(parsing: .unconditional,
            help: ArgumentHelp("Run only part K of N of the lessons, for a CI matrix; the N parts together run every lesson once. Balanced by the lesson durations the last unsharded run recorded in the cache folder (shards record none), so all N parts split alike.", valueName: "K/N"),
            transform: { try Shard(parsing: $0) })
    var shard: Shard?

    @Option(help: ArgumentHelp("Also write the results as JUnit XML: one test case per block (classname: the lesson path, name: the block id).", valueName: "file"))
    var junit: String?

    /// The report's file, read as every path given to the tool is (`~`, `//`).
    var junitPath: String? { junit?.userPath }

    func validate() throws {
        if junit?.isEmpty == true { throw ValidationError("--junit must name a file") }
        if let junit, let path = junitPath {
            if junit.hasByteSuffix("/") {
                // It wrote a file named `reports` for `--junit reports/`.
                throw ValidationError("--junit '\(junit)' ends in '/', so it names a folder; give a file name such as \(path == "/" ? "" : path + "/")junit.xml")
            }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw ValidationError("--junit '\(junit)' is a folder; give a file name such as junit.xml")
            }
        }
    }
}
