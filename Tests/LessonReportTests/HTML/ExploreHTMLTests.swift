import Experiments
import Foundation
import LessonMarkdown
import LessonRunner
import LessonResults
import Testing
@testable import LessonReport

/// The page side of `explore:`: controls, the default position as plain HTML,
/// the other positions as templates, inline values with their texts.
@Suite struct ExploreHTMLTests {
    func executed(_ source: String) -> ExecutedLesson {
        Executor(cache: nil).execute(Planner.plan(LessonLoader.parse(source, path: "lessons/t.md")))
    }

    func page(_ source: String) -> String {
        PageRenderer.render(executed(source))
    }

    static func block(_ temperature: String, explore: String = "") -> String {
        """
        ```experiment softmax
        id: sm
        logits: [2.0, 1.0, 0.1]
        classes: [cat, dog, bird]
        label: cat
        temperature: \(temperature)
        \(explore)
        ```

        """
    }

    static let lesson = block("1", explore: "explore:\n  temperature: [0.5, 1, 2]") + """
    The cat gets `=sm.probabilities[0]:%`, the loss is `=log(1) + sm.loss:.3f`.
    Here <!-- default sm -->the cat wins by far<!-- /default --> it wins.

    <!-- default sm -->
    A paragraph true of the default alone.

    <!-- /default -->

    """

    /// The text between `start` and the matching `end` after it.
    func slice(_ html: String, from start: String, to end: String) -> String? {
        guard let a = html.range(of: start), let b = html.range(of: end, range: a.upperBound..<html.endIndex) else { return nil }
        return String(html[a.upperBound..<b.lowerBound])
    }

    @Test func theDefaultIsPlainHTMLAndEveryOtherPositionATemplate() throws {
        let html = page(Self.lesson)
        #expect(html.contains("<div class=\"explore\" data-explore=\"sm\" data-default=\"1\""))
        #expect(html.components(separatedBy: "<template data-position=").count - 1 == 2)
        #expect(html.contains("<template data-position=\"0\" data-label=\"temperature = 0.5\" data-gzip=\""))
        #expect(html.contains("<template data-position=\"2\" data-label=\"temperature = 2\" data-gzip=\""))
        #expect(html.contains("<p class=\"explore-offer\">Shown: temperature = 1. The interactive page also shows this block&#39;s runs at temperature = 0.5, 1, 2")
                || html.contains("<p class=\"explore-offer\">Shown: temperature = 1. The interactive page also shows this block's runs at temperature = 0.5, 1, 2"))
        #expect(html.contains("<script src=\"assets/explore.js\" defer></script>"))
        #expect(!page(Self.block("1")).contains("explore.js"))
    }

    /// A position's results are those of the block with that setting written out.
    @Test func eachPositionShowsTheRunOfThatSetting() throws {
        let html = page(Self.lesson)
        for (p, value) in ["0.5", "1", "2"].enumerated() {
            let alone = page(Self.block(value))
            // The plain block's results: after its YAML, before its expectations or end.
            // (The caption and the folded checks follow the results in the figure.)
            let figure = try #require(slice(alone, from: "<details class=\"spec\">", to: "</figure>"))
            let rest = try #require(figure.range(of: "</details>\n").map { String(figure[$0.upperBound...]) })
            let expected = ["<p class=\"block-caption\"", "<details class=\"checks\""].reduce(rest) { text, marker in
                text.range(of: marker).map { String(text[..<$0.lowerBound]) } ?? text
            }
            let packed = slice(html, from: "<template data-position=\"\(p)\" data-label=\"temperature = \(value)\" data-gzip=\"", to: "\"")
            let shown = p == 1
                ? try #require(slice(html, from: "data-position=\"1\">\n", to: "</div>\n<template"))
                : try #require(packed.flatMap(GzipText.decode))
            #expect(shown == expected)
        }
    }

    @Test func fewValuesAreButtonsAndManyASlider() {
        let buttons = page(Self.lesson)
        #expect(buttons.contains("<fieldset class=\"explore-setting\" data-setting=\"0\"><legend>temperature</legend>"))
        #expect(buttons.contains("<input type=\"radio\" name=\"explore-sm-0\" value=\"1\" checked>"))
        let slider = page(Self.block("1", explore: "explore:\n  temperature: [0.25, 0.5, 1, 2, 4, 8]"))
        #expect(slider.contains("<label for=\"explore-sm-0\">temperature</label><input type=\"range\" id=\"explore-sm-0\" min=\"0\" max=\"5\" step=\"1\" value=\"2\" aria-valuetext=\"1\""))
    }

    @Test func inlineValuesCarryEveryPositionsText() throws {
        let lesson = executed(Self.lesson)
        let html = PageRenderer.render(lesson)
        let percents = lesson.blocks[0].positions.map {
            String(format: "%.1f", 100 * ($0.outcome.values["probabilities"]!.lookup([PathComponent.index(0)])!.doubleValue!))
        }
        let attribute = try #require(slice(html, from: "data-explore-value=\"sm\" data-texts=\"", to: "\""))
        let texts = try #require(try JSONSerialization.jsonObject(with: Data(attribute.replacingOccurrences(of: "&quot;", with: "\"").utf8)) as? [String])
        #expect(texts.map { String($0.prefix { $0 != " " && $0 != "\u{202F}" && $0 != "\u{00A0}" }) } == percents)
        #expect(html.contains(">\(texts[1])</span>"))
    }

    @Test func proseMarkedForTheDefaultIsWrappedAndBalanced() {
        let html = page(Self.lesson)
        #expect(html.contains("Here <span class=\"explore-default\" data-explore-default=\"sm\">the cat wins by far</span> it wins."))
        #expect(html.contains("<div class=\"explore-default\" data-explore-default=\"sm\">\n<p>A paragraph true of the default alone.</p>\n</div>"))
        // A closing marker without an opening one closes nothing.
        let stray = page("Text.\n\n<!-- /default -->\n\nMore.\n")
        #expect(!stray.contains("</p>\n</div>\n<p>More."))
        // An opening one without a close is closed at the end of the text.
        let open = page("<!-- default sm -->\nText.\n")
        #expect(open.contains("<p>Text.</p>\n</div>"))
    }

    @Test func storedPositionsUnpackToTheirText() {
        let text = "<table><tr><td>0.25</td></tr></table>\n" + String(repeating: "<path d=\"M0 0L1 1\"/>", count: 500) + "ŷ −"
        let packed = GzipText.encode(text)
        #expect(GzipText.decode(packed) == text)
        #expect(packed.utf8.count < text.utf8.count / 10)
        #expect(GzipText.encode(text) == packed)
        #expect(GzipText.decode("not base64!") == nil)
        #expect(GzipText.decode(Data("plain".utf8).base64EncodedString()) == nil)
    }
}
