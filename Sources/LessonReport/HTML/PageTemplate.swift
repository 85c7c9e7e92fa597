/// The CSS, JavaScript and page template live as files in
/// `Sources/LessonReport/Resources/` (edit them there); SwiftPM embeds them in
/// the binary (`embedInCode`), so `lesson` needs no resource folder beside it.
enum PageTemplate {
    /// The pages' CSS: a readable textbook column, light and dark themes, print.
    static let stylesheet = String(decoding: PackageResources.style_css, as: UTF8.self)
    /// Sidebar, previous/next, search, figures, footnotes, math errors.
    static let navigationStylesheet = String(decoding: PackageResources.navigation_css, as: UTF8.self)
    /// Folds the sidebar on phones; offline search.
    static let script = String(decoding: PackageResources.lesson_js, as: UTF8.self)
    /// The document around every page, with `{{name}}` slots.
    static let page = String(decoding: PackageResources.page_html, as: UTF8.self)

    /// Fills `{{name}}` slots in one pass; a slot's value is never searched
    /// again, so a lesson's text can't inject another slot.
    static func fill(_ template: String, _ values: [String: String]) -> String {
        var out = ""
        out.reserveCapacity(template.utf8.count + values.values.reduce(0) { $0 + $1.utf8.count })
        var rest = Substring(template)
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                rest = rest[open.lowerBound...]
                break
            }
            let name = String(rest[open.upperBound..<close.lowerBound])
            if let value = values[name] {
                out += value
            } else {
                out += rest[open.lowerBound..<close.upperBound]
            }
            rest = rest[close.upperBound...]
        }
        out += rest
        return out
    }
}
