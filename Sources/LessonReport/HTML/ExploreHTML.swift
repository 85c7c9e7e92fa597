import Experiments
import Foundation
import LessonMarkdown
import LessonResults

/// The page side of `explore:`: the controls of a block's explored
/// settings, its results at every position, and the inline values and
/// sentences that follow them. The default position is ordinary HTML, so
/// it shows without JavaScript and in print; every other position is a
/// `<template>` (inert, not shown, not printed) whose HTML is stored gzipped
/// (``GzipText``), which `explore.js` unpacks and swaps in.
enum ExploreHTML {
    /// `Resources/explore.css`, appended to the page stylesheet, and
    /// `Resources/explore.js`, loaded by pages with an explored block.
    static let css = String(decoding: PackageResources.explore_css, as: UTF8.self)
    static let js = String(decoding: PackageResources.explore_js, as: UTF8.self)

    /// Lists this long or shorter are buttons; longer ones a slider.
    static let maximumButtons = 5

    /// The controls, the default position's results and the other positions.
    /// - Parameter results: lays out one position's presentation items
    ///   (given the position's index).
    static func render(_ block: ExecutedBlock, explore: ExplorePlan, words: InterfaceWords,
                       results: (ExperimentOutcome, Int) -> String) -> String {
        let id = HTML.escape(block.planned.id)
        let english = words.englishAttribute
        let defaultPosition = explore.defaultPosition
        var out = "<div class=\"explore\" data-explore=\"\(id)\" data-default=\"\(defaultPosition)\"\(english)>\n"
        // What the page offers, for paper and for a page without JavaScript.
        let offered = explore.settings.map { setting in
            "\(setting.name) = " + setting.values.joined(separator: ", ")
        }.joined(separator: "; ")
        out += "<p class=\"explore-offer\">Shown: \(HTML.escape(explore.label(defaultPosition))). "
            + "The interactive page also shows this block's runs at \(HTML.escape(offered))"
            + " (\(explore.positions.count) combinations, each run and stored when the page was made).</p>\n"
        out += "<div class=\"explore-controls\" hidden>\n"
        for (s, setting) in explore.settings.enumerated() {
            let name = "explore-\(id)-\(s)"
            if setting.values.count <= maximumButtons {
                out += "<fieldset class=\"explore-setting\" data-setting=\"\(s)\"><legend>\(HTML.escape(setting.name))</legend>"
                for (v, value) in setting.values.enumerated() {
                    out += "<label><input type=\"radio\" name=\"\(name)\" value=\"\(v)\"\(v == setting.defaultIndex ? " checked" : "")>"
                        + "<span>\(HTML.escape(value))</span></label>"
                }
                out += "</fieldset>\n"
            } else {
                let texts = setting.values.map { "\"" + jsonEscape($0) + "\"" }.joined(separator: ",")
                out += "<div class=\"explore-setting\" data-setting=\"\(s)\"><label for=\"\(name)\">\(HTML.escape(setting.name))</label>"
                    + "<input type=\"range\" id=\"\(name)\" min=\"0\" max=\"\(setting.values.count - 1)\" step=\"1\" value=\"\(setting.defaultIndex)\""
                    + " aria-valuetext=\"\(HTML.escape(setting.values[setting.defaultIndex]))\" data-values=\"\(HTML.escape("[" + texts + "]"))\">"
                    + "<output for=\"\(name)\">\(HTML.escape(setting.values[setting.defaultIndex]))</output></div>\n"
            }
        }
        out += "<p class=\"explore-status\" role=\"status\" aria-live=\"polite\"></p>\n"
        out += "</div>\n"
        let values = explore.settings.map { setting in
            "[" + setting.values.map { "\"" + jsonEscape($0) + "\"" }.joined(separator: ",") + "]"
        }.joined(separator: ",")
        let names = explore.settings.map { "\"" + jsonEscape($0.name) + "\"" }.joined(separator: ",")
        out += "<div class=\"explore-results\" data-names=\"\(HTML.escape("[" + names + "]"))\" data-values=\"\(HTML.escape("[" + values + "]"))\" data-position=\"\(defaultPosition)\">\n"
        out += results(block.positions[defaultPosition].outcome, defaultPosition)
        out += "</div>\n"
        // The other positions, compressed: explore.js unpacks them into
        // their templates when the page opens.
        for (p, position) in block.positions.enumerated() where p != defaultPosition {
            out += "<template data-position=\"\(p)\" data-label=\"\(HTML.escape(explore.label(p)))\""
                + " data-gzip=\"\(GzipText.encode(results(position.outcome, p)))\"></template>\n"
        }
        return out + "</div>\n"
    }

    /// The attributes of an inline value that reads an explored block: its
    /// text at every position, which `explore.js` shows as the block moves.
    static func valueAttributes(_ explored: ExploredTexts?, numbers: LocalNumbers = LocalNumbers(lang: nil)) -> String {
        guard let explored else { return "" }
        let texts = explored.texts.map { text in text.map { "\"" + jsonEscape(numbers(TableColumns.keepUnits($0))) + "\"" } ?? "null" }
        return " data-explore-value=\"\(HTML.escape(explored.block))\" data-texts=\"\(HTML.escape("[" + texts.joined(separator: ",") + "]"))\""
    }

    /// A JSON string's inside: quotes, backslashes and control characters escaped.
    static func jsonEscape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension ExploreHTML {
    /// Shared by the copies of one page's ``MarkdownHTML``.
    final class OpenCount: @unchecked Sendable {
        var count = 0
    }

    /// `<!-- default sm -->` opens, `<!-- /default -->` closes, prose shown
    /// only at block `sm`'s default position: a sentence true of that run
    /// alone. Comments, so the lesson reads the same on GitHub.
    static func defaultMarker(_ html: String, block: Bool) -> String? {
        let tag = block ? "div" : "span"
        switch DefaultProseMarker.parse(html) {
        case .close?: return "</\(tag)>"
        case .open(let id)?: return "<\(tag) class=\"explore-default\" data-explore-default=\"\(HTML.escape(id))\">"
        case nil: return nil
        }
    }

}
