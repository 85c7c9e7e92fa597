/// A stable name for a class of diagnostic, as a compiler's error codes.
///
/// Behaviour keys on the code (which failures a page folds, what JUnit calls
/// a failure), tests assert it, `lesson explain CODE` documents it, and it is
/// printed after the message so that a reader can look it up. The wording of
/// a message is for people and may change; a code is not renamed.
public enum DiagnosticCode: String, CaseIterable, Sendable, Hashable, Codable {
    case unreadableLesson = "unreadable-lesson"
    case skippedLink = "skipped-link"
    case markdown = "markdown"
    case frontMatter = "front-matter"
    case tooManyBlocks = "too-many-blocks"
    case unknownKind = "unknown-kind"
    case fenceText = "fence-text"
    case unknownKey = "unknown-key"
    case invalidValue = "invalid-value"
    case overBudget = "over-budget"
    case duplicateId = "duplicate-id"
    case explore = "explore"
    case defaultProse = "default-prose"
    case tooManyProblems = "too-many-problems"
    case invalidExpectation = "invalid-expectation"
    case expectationFailed = "expectation-failed"
    case noisyTiming = "noisy-timing"
    case expectationError = "expectation-error"
    case experimentFailed = "experiment-failed"
    case timeLimit = "time-limit"
    case inlineValue = "inline-value"
    case table = "table"
    case chart = "chart"
    case crossReference = "cross-reference"
    case citation = "citation"
    case bibliography = "bibliography"
    case math = "math"
    case mathUnavailable = "math-unavailable"
    case imageOutside = "image-outside"
    case imageMissing = "image-missing"
    case imageName = "image-name"
    case imageFile = "image-file"
    case lessonLink = "lesson-link"
    case courseSettings = "course-settings"
    case malformedId = "malformed-id"
    case duplicateAnchor = "duplicate-anchor"
    case pathTooLong = "path-too-long"
    case staleOutput = "stale-output"
    case refusedOutput = "refused-output"

    /// The name printed after a message and taken by `lesson explain`.
    public var name: String { rawValue }

    /// Whether a diagnostic of this code says that a claim did not hold,
    /// rather than that something could not run: the page shows such a
    /// failure beside the claim, not as the block's error.
    public var isFailedClaim: Bool { self == .expectationFailed || self == .noisyTiming }

    /// One line: what the diagnostic means.
    public var summary: String {
        switch self {
        case .unreadableLesson: return "A lesson file, or a folder of lessons, could not be read (missing, not a regular file, unreadable)."
        case .skippedLink: return "A symbolic link found in a lesson folder leads outside it, or its real path cannot be resolved, and was skipped."
        case .markdown: return "Something in the Markdown the loader kept going past: text nested too deeply, a fence that nearly says `experiment`, bytes that are not UTF-8 or are NUL, a fence swallowed by an HTML block, an experiment block cut short by the end of its list item or block quote."
        case .frontMatter: return "The settings between the `---` lines at the top of a lesson are malformed or unknown; or (a warning, from `render` and `preview`) its `translation_of:` names no lesson rendered with it, so its page is listed as a lesson of its own."
        case .tooManyBlocks: return "A lesson has more experiment blocks than one lesson may run."
        case .unknownKind: return "The word after `experiment` names no kind."
        case .fenceText: return "Text after `experiment <kind>` on the fence line is ignored."
        case .unknownKey: return "A block names a key its kind does not have."
        case .invalidValue: return "A key of a block has a value of the wrong type, outside its range, or at odds with another key (an `id` that is not a name, a `seed` out of range, malformed YAML)."
        case .overBudget: return "A block asks for more work than its kind's budget allows, all its runs together."
        case .duplicateId: return "Two blocks of a lesson have the same `id`."
        case .explore: return "A block's `explore:` cannot run as written: its own setting is not among the values, two values run the same experiment, or `every:` is written in a block that explores nothing."
        case .defaultProse: return "A `<!-- default ID -->` marker names a block that does not explore, so its prose would show at every position."
        case .tooManyProblems: return "A block has more problems than are listed; fix the ones shown first."
        case .invalidExpectation: return "An `expect:` entry does not parse as an expression."
        case .expectationFailed: return "An expectation did not hold (for every seed, with `seeds:`)."
        case .noisyTiming: return "An expectation over timings did not hold while the timings stayed noisy: a warning unless `--strict-timing`."
        case .expectationError: return "An expectation could not be evaluated: a name it reads does not exist, or a value has the wrong type."
        case .experimentFailed: return "A block's run stopped with an error."
        case .timeLimit: return "A block ran longer than `--block-time-limit` and was stopped."
        case .inlineValue: return "An inline value (a code span starting with `=`) could not be computed."
        case .table: return "A block's `table:` names a column no row has, a row the run does not have, or rows that are not records."
        case .chart: return "A block's `chart:` draws a line from something that is not a list of numbers in the run's values, or lists of different lengths."
        case .crossReference: return "A cross-reference (`[@…]`) names no figure, table, block or section."
        case .citation: return "A citation (`[@key]`) names no entry of the lesson's BibTeX file, or names both an entry and a figure, table, block or section."
        case .bibliography: return "The BibTeX file named by `bibliography:` cannot be read, or an entry in it is malformed."
        case .math: return "KaTeX could not typeset a formula."
        case .mathUnavailable: return "Math could not be typeset at all (KaTeX or its engine missing), so it shows as TeX; or KaTeX's fonts are missing, so typeset math uses fallback fonts."
        case .imageOutside: return "An image lies outside the lesson's folder."
        case .imageMissing: return "An image file does not exist."
        case .imageName: return "An image's name is not an image's, or could take the place of the tool's own files (a page, `assets/`, a hidden file)."
        case .imageFile: return "An image is not a regular file, is too large, or leads outside the lesson's folder through a link."
        case .lessonLink: return "A link to another lesson's Markdown file leads to no file, or to an anchor its page does not have; or (a warning) it names a `.markdown` file, which is never taken for a lesson, so the link leads to no page."
        case .courseSettings: return "The course's settings file (`course.yml`) has an unknown key, a value of the wrong type, or is not valid YAML, or a `lessons:` entry names no file or folder, or a file that is not a lesson (its name does not end in .md); or (a warning) its `language:` has no interface words, so the pages' interface stays English."
        case .malformedId: return "A cross-reference `[@…]`, or a figure's, table caption's or heading's `{#…}`, holds something that is not an id (a space, another sign, nothing), so the page would show it as text."
        case .duplicateAnchor: return "Two figures, tables or headings of a lesson have the same `{#id}` (or a figure's, table's or heading's `{#id}` is a heading's anchor or an experiment block's id), so `[@id]` and links to `#id` lead to the first."
        case .pathTooLong: return "A folder of lessons is nested so deep that its path is longer than the system allows; the lessons under it cannot be read."
        case .refusedOutput: return "The output folder refused a file of the render (a lesson's page, a block's data file, an image): a link or a folder is at its name, the folder holds a file the tool did not write there, or writing failed. The render writes every other file, then fails."
        case .staleOutput: return "A file an earlier render wrote in the output folder, which this render no longer writes (a renamed block's data file, a deleted lesson's page), could not be removed: it has become a link or something other than a regular file, or removing it failed."
        }
    }

    /// What to do about it, for `lesson explain`.
    public var remedy: String {
        switch self {
        case .unreadableLesson: return "Check the path and the file's permissions; a lesson is a regular UTF-8 Markdown file. Every folder under a folder of lessons is searched, `data/` too, so each must be one you may list."
        case .skippedLink: return "Copy the lesson into the folder instead of linking to it, or pass its real path."
        case .markdown: return "Read the message: it names the construct and the fix (a blank line between an HTML tag and a fence, `experiment` spelt in lower case, every line of a block in a list item indented as far as its opening fence, …)."
        case .frontMatter: return "Write one flat `key: value` per line between two `---` lines; known keys are listed in the README. `translation_of:` names the original's file, relative to the translation, and both are rendered together."
        case .tooManyBlocks: return "Split the lesson into several files."
        case .unknownKind: return "Use one of the kinds `lesson kinds` lists; the message suggests the nearest."
        case .fenceText: return "Keep only `experiment <kind>` on the fence line; put `id:`, `caption:` and the rest in the block body."
        case .unknownKey: return "Fix the spelling (the message suggests the nearest key) or look the kind's keys up with `lesson kinds`."
        case .invalidValue: return "The message names the allowed type or range; `lesson kinds` lists every key with its default."
        case .overBudget: return "Lower the key the message points at, or use fewer seeds: the budget covers every run of the block."
        case .duplicateId: return "Give each block its own id."
        case .explore: return "List the block's own setting among the values (it is the position the page opens at), list each value once, and explore only settings the block uses."
        case .defaultProse: return "Name the id of a block with `explore:`; the message suggests the nearest."
        case .tooManyProblems: return "Fix the problems listed; the rest are shown once those are gone."
        case .invalidExpectation: return "Quote the expression and check it: comparisons, arithmetic, `and`/`or`, functions such as `approx` and `count`."
        case .expectationFailed: return "Read the values in the notes: fix the claim (or its margin), or the experiment. With `seeds:`, an expectation on plain `x` must hold for every seed; write `x.mean` or `count(…)` for a claim about most runs."
        case .noisyTiming: return "Run again on a quieter machine, or state the claim as a ratio with more margin."
        case .expectationError: return "Check the names against the kind's values (`lesson kinds`); the message suggests the nearest."
        case .experimentFailed: return "Read the message and its notes: most runs fail on a data file or an impossible setting."
        case .timeLimit: return "Make the block smaller, or raise `--block-time-limit` if the machine is slow."
        case .inlineValue: return "Check the block id and the value's name; the message suggests the nearest."
        case .chart: return "Give each line of `y` (and `x`) a value that is a list of numbers, such as `net[0].norm` or `curve.validation_loss`; `lesson kinds` lists each kind's values and says which are lists."
        case .table: return "Name the rows' fields (the message suggests the nearest and lists them; `lesson kinds` describes each kind's records), the rows by their names, and in `from` a list of records."
        case .crossReference: return "Name an existing `{#fig:…}`, `{#tbl:…}`, block `id` or heading anchor."
        case .citation: return "Use a key of the BibTeX file (the message suggests the closest); rename a key that is also a block id or heading anchor."
        case .bibliography: return "Fix the entry at the place named: `@type{key, field = {value}, …}` with balanced braces and quotes; `@string` is not read. The path in `bibliography:` is relative to the lesson (or to `course.yml`) and stays inside the course."
        case .math: return "Fix the TeX at the position the message names."
        case .mathUnavailable: return "Install KaTeX with its fonts (`libjs-katex`) and Duktape (`duktape-dev`), as `make setup` does."
        case .imageOutside: return "Put the image in the lesson's folder (for example `img/`) and refer to it there."
        case .imageMissing: return "Check the path, relative to the lesson file."
        case .imageName: return "Rename the image with an image ending (`.png`, `.svg`, …), outside `assets/` and folders named like pages."
        case .imageFile: return "Copy the image itself into the lesson's folder (not a link to a file elsewhere) and keep it under the size limit."
        case .lessonLink: return "Write the other lesson's path relative to this lesson, and an anchor its page has (a heading's, from its words or its `{#id}`; the message suggests the closest). Rename a lesson that ends in `.markdown` to end in `.md`."
        case .courseSettings: return "Fix the key or value at the place named (the message suggests the closest key); `lesson init` writes a file with every key and what it sets. List in `lessons:` lesson files (.md) and folders of lessons, relative to `course.yml`. For a language with no interface words, write one the message lists, or leave `language:` out."
        case .malformedId: return "Write the id with letters, digits, `-`, `_`, `:` and `.` only (`[@fig:loss-curve]`, `{#fig:loss-curve}`); a heading's starts with a letter."
        case .duplicateAnchor: return "Give each figure, table and heading an id of its own (`{#fig:loss-train}`, `{#fig:loss-test}`); the message names the line of the one that has it already."
        case .pathTooLong: return "Move the lessons up into a shallower folder, or shorten the folders' names."
        case .refusedOutput: return "Move the file (or link, or folder) named out of the output folder, or make the folder writable, or render into a fresh folder (`--out`)."
        case .staleOutput: return "Remove the file named yourself (the tool never removes through a link or anything but a regular file), or render into a fresh folder."
        }
    }

    /// `lesson explain`'s text for this code.
    public var explanation: String { "\(name): \(summary)\n\n\(remedy)" }
}
