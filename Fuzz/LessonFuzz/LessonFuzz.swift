// libFuzzer entry point for LessonRunner. Not part of the normal build: the
// target is declared in Package.swift only when LESSON_FUZZ is set, and
// Fuzz/run.sh builds it with -sanitize=fuzzer,address and says how to run it.
//
// LESSON_FUZZ_MODE picks what the bytes are:
//   pipeline   (default) a lesson file: load → plan (softmax only) → execute → render
//   expression an `expect:` line / inline reference: parse, evaluate, format
//   spec       a softmax block's YAML body: SpecReader + decode + run
//   url        a link or image destination: as a link, an image and an
//              autolink in a rendered page; no attribute may hold a scheme
//              outside the allow-list, however the bytes are arranged
//   markup     HTML read back from a cache or manifest (issue 21): whatever
//              MarkupCheck lets through has only KaTeX's elements, no event
//              attribute and no url() in a style
//   cache      a result-cache entry and a cached formula file: never a crash,
//              and a payload only under the key it names
//   names      a lesson or image name: page names stay plain, short and
//              inside the folder, their links never a scheme; an image name
//              that passes can collide with no file the tool writes
import Experiments
import Foundation
import LessonMarkdown
import LessonReport
import LessonRunner
import LessonResults
import LessonSupport

private enum Mode { case pipeline, expression, spec, url, markup, cache, names }

private let mode: Mode = {
    switch ProcessInfo.processInfo.environment["LESSON_FUZZ_MODE"] ?? "pipeline" {
    case "expression": .expression
    case "spec": .spec
    case "url": .url
    case "markup": .markup
    case "cache": .cache
    case "names": .names
    default: .pipeline
    }
}()

private let registry = [AnyExperimentKind(SoftmaxKind.self)]
nonisolated(unsafe) private let executor = Executor(cache: nil)

/// Values an expression can read: a real softmax outcome, plus odd shapes.
private let scope: ValueScope = {
    let lesson = LessonLoader.parse("""
        ```experiment softmax
        id: sm
        logits: [[2, 1, 0.1], [0, 0, 5]]
        classes: [cat, dog, bird]
        label: [cat, bird]
        ```
        """, path: "scope.md")
    let executed = executor.execute(Planner.plan(lesson, registry: registry))
    var blocks: [String: Record] = [:]
    for block in executed.blocks { if let outcome = block.outcome { blocks[block.planned.id] = outcome.values } }
    var own = Record()
    own["x"] = .number(0.5)
    own["n"] = .integer(3)
    own["s"] = .string("text")
    own["b"] = .bool(true)
    own["xs"] = .numbers([1, 2, 3])
    own["empty"] = .list([])
    own["nan"] = .number(.nan)
    own["big"] = .integer(Int.max)
    return ValueScope(own: own, blocks: blocks)
}()

private func fuzzPipeline(_ data: Data) {
    guard let lesson = try? LessonLoader.parse(data: data, path: "fuzz/lesson.md") else { return }
    let plan = Planner.plan(lesson, registry: registry)
    let executed = executor.execute(plan)
    _ = executed.allDiagnostics.map(\.description)
    _ = PageRenderer.render(executed)
}

private func fuzzExpression(_ data: Data) {
    guard let text = String(data: data, encoding: .utf8) else { return }
    let (source, format) = InlineFormat.split(text)
    for candidate in [text, source] {
        guard let expression = try? LessonResults.Expression.parse(candidate) else { continue }
        _ = expression.paths
        if let evaluation = try? expression.evaluate(in: scope) {
            _ = try? format.apply(evaluation.value)
            _ = evaluation.value.formatted
        }
    }
}

private func fuzzSpec(_ data: Data) {
    guard let body = String(data: data, encoding: .utf8) else { return }
    let kind = registry[0]
    let reader = SpecReader(body: body, kind: kind.name, descriptors: CommonKeys.descriptors + kind.keys)
    _ = reader.optionalString("id")
    _ = reader.optionalInt("seed")
    _ = reader.has("show") ? reader.bool("show") : false
    if let expect = reader.value("expect") { _ = expect.items }
    if let prepared = kind.prepare(reader, DecodeContext(lessonDirectory: ".")) {
        _ = try? prepared.run(RunContext(seed: 1, decode: DecodeContext(lessonDirectory: ".")))
    }
    _ = reader.issues.map(\.message)
}

/// Every `href="…"` / `src="…"` value of a page.
private func attributeValues(_ html: String) -> [Substring] {
    var values: [Substring] = []
    for marker in ["href=\"", "src=\""] {
        var rest = html[...]
        while let start = rest.range(of: marker) {
            let value = rest[start.upperBound...].prefix { $0 != "\"" }
            values.append(value)
            rest = rest[value.endIndex...]
        }
    }
    return values
}

private func fuzzURL(_ data: Data) {
    guard let url = String(data: data, encoding: .utf8) else { return }
    // The encoding alone: nothing that ends an attribute or a tag survives.
    let encoded = HTML.href(url)
    precondition(!encoded.utf8.contains { $0 <= 0x20 || $0 >= 0x7F || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") },
                 "unsafe byte in href")
    let oneLine = url.replacingOccurrences(of: "\n", with: " ")
    let lesson = "[a](\(oneLine)) ![i](\(oneLine)) [b](<\(oneLine)>) <\(oneLine)>\n\n[r]: \(oneLine)\n\n[c][r]\n"
    guard let parsed = try? LessonLoader.parse(data: Data(lesson.utf8), path: "fuzz/url.md") else { return }
    let html = PageRenderer.render(executor.execute(Planner.plan(parsed, registry: registry)))
    for value in attributeValues(html) {
        // What a browser reads: entities decoded, then its URL normalization.
        let decoded = String(value).replacingOccurrences(of: "&#x27;", with: "'").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
        if let scheme = HTML.scheme(of: decoded) {
            precondition(HTML.allowedLinkSchemes.contains(scheme) || HTML.isSafeImageURL(decoded),
                         "scheme '\(scheme)' reached an attribute")
        }
    }
}

private func fuzzMarkup(_ data: Data) {
    let html = String(decoding: data, as: UTF8.self)
    guard MarkupCheck.katex.allows(html) else { return }
    // An independent reading: a tag runs from `<` to the first `>` outside
    // double quotes (a quoted value may hold `>`, as a browser reads it), in
    // scalars as a browser reads them (as Characters, `>` and a combining
    // mark after it are one, and the tag seemed to go on).
    var rest = Substring.UnicodeScalarView(html.unicodeScalars)
    while let open = rest.firstIndex(of: "<") {
        var end = rest.index(after: open)
        var quoted = false
        while end < rest.endIndex, quoted || rest[end] != ">" {
            if rest[end] == "\"" { quoted.toggle() }
            end = rest.index(after: end)
        }
        let tag = String(String.UnicodeScalarView(rest[rest.index(after: open)..<end])).lowercased()
        rest = end < rest.endIndex ? rest[rest.index(after: end)...] : Substring.UnicodeScalarView()
        let name = tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber || $0 == "-" }
        precondition(MarkupCheck.katex.elements.contains(String(name)), "element '\(name)' let through")
        var inValue = false
        var word = ""
        var attribute = ""
        var value = ""
        for character in tag {
            if character == "\"" {
                if inValue {
                    // Only a style is read as CSS: a class may say anything.
                    // A property is its whole name (`posposition` is no `position`).
                    let properties = value.split(separator: ";").map { $0.split(separator: ":").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" }
                    precondition(attribute != "style" || !(value.contains("url(") || value.contains("expression(") || properties.contains("position")),
                                 "style let through: \(value)")
                    value = ""
                }
                inValue.toggle()
                word = ""
                continue
            }
            if inValue { value.append(character); continue }
            if character == "=" {
                precondition(!word.hasPrefix("on") && word != "href" && word != "src" && word != "id", "attribute '\(word)' let through")
                attribute = word
                word = ""
            } else if character.isLetter || character == "-" {
                word.append(character)
            } else {
                word = ""
            }
        }
    }
}

private func fuzzCache(_ data: Data) {
    if let payload = CacheEntry.verifiedPayload(data, key: "0123456789abcdef0123456789abcdef") {
        precondition(data.starts(with: Data("lesson-cache 4 0123456789abcdef0123456789abcdef ".utf8)), "payload under another key")
        _ = payload
    }
    precondition(CacheEntry.verifiedPayload(CacheEntry.wrap(data, key: "k"), key: "k") == data, "an entry does not round-trip")
    precondition(CacheEntry.verifiedPayload(CacheEntry.wrap(data, key: "k"), key: "j") == nil, "an entry read under another key")
}

private func fuzzNames(_ data: Data) {
    let name = String(decoding: data, as: UTF8.self)
    for page in ReportWriter.pageNames(for: ["lessons/\(name).md", "lessons/\(name)", "x/\(name).md"]) {
        // By bytes: `\u{6DD}/` and `.\u{301}` are one character each, so
        // `contains("/")` and `hasPrefix(".")` would pass a slash or a hidden name.
        precondition(!page.utf8.contains(UInt8(ascii: "/")) && !page.hasBytePrefix(".") && page.utf8.count <= 130 && page.hasByteSuffix(".html"),
                     "page name '\(page)'")
        precondition(!page.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }, "control in '\(page)'")
        precondition(page.lowercased() != "index.html", "a lesson took the index's name")
        precondition(HTML.scheme(of: HTML.fileHref(page)) == nil, "page link '\(HTML.fileHref(page))' has a scheme")
    }
    if let relative = LocalImage.relativePath(name), LocalImage.nameProblem(relative) == nil {
        let parts = relative.lowercased().slashSeparatedParts(keepingEmpty: true)
        let ext = ((parts.last ?? "") as NSString).pathExtension
        precondition(LocalImage.imageExtensions.contains(ext), "image '\(relative)' is not named as an image")
        precondition(!parts.dropLast().contains { $0.hasByteSuffix(".html") || $0.hasByteSuffix(".htm") }, "image '\(relative)' under a page name")
        precondition(parts.count == 1 || parts[0] != "assets", "image '\(relative)' under assets/")
        precondition(!parts.contains { $0.hasBytePrefix(".") || $0.isEmpty }, "image '\(relative)' hidden, outside or with an empty part")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func lessonFuzzTestOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
    switch mode {
    case .pipeline: fuzzPipeline(data)
    case .expression: fuzzExpression(data)
    case .spec: fuzzSpec(data)
    case .url: fuzzURL(data)
    case .markup: fuzzMarkup(data)
    case .cache: fuzzCache(data)
    case .names: fuzzNames(data)
    }
    return 0
}

// SwiftPM links an executable target with `--defsym main=<Module>_main`, which
// hides libFuzzer's own `main`; this is that entry point, handing over to
// libFuzzer's driver (the documented LLVMFuzzerRunDriver API).
@_extern(c, "LLVMFuzzerRunDriver")
private func llvmFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@_cdecl("LessonFuzz_main")
public func lessonFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    prepareHarnessGlobals()
    return llvmFuzzerRunDriver(&argc, &argv) { bytes, count in lessonFuzzTestOneInput(bytes, count) }
}

/// Runs each mode once before fuzzing, so one-time state (lazy globals, the
/// expression scope, cmark's extension registry) is not taken for a leak of
/// the first input. LeakSanitizer cannot see Swift's tagged enum payload
/// pointers in long-lived globals, so Fuzz/lsan.supp ignores allocations made
/// under this function.
@inline(never)
private func prepareHarnessGlobals() {
    _ = scope
    let lesson = "# T\n\n```experiment softmax\nid: a\nlogits: [1, 2]\nlabel: 0\nexpect: ['loss > 0']\n```\n\n`=a.loss:%` $x$\n"
    fuzzPipeline(Data(lesson.utf8))
    fuzzExpression(Data("sm.loss < 1 and xs[0] == 1:.2f".utf8))
    fuzzSpec(Data("logits: [1, 2]\nlabel: 0\n".utf8))
    fuzzURL(Data("java&#x09;script:alert(1)".utf8))
    fuzzMarkup(Data("<span class=\"katex\">x</span>".utf8))
    fuzzCache(Data("lesson-cache 4 k 0 x\n".utf8))
    fuzzNames(Data("a:b/c.png".utf8))
}
