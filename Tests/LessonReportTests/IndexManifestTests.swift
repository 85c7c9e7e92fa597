import Testing
@testable import LessonReport

@Suite struct IndexManifestTests {
    func item(_ source: String, _ title: String = "") -> IndexManifest.Item {
        let page = (source.split(separator: "/").last.map(String.init) ?? source).replacingOccurrences(of: ".md", with: ".html")
        return IndexManifest.Item(source: source, entry: IndexRenderer.Entry(
            title: title.isEmpty ? source : title, href: page, blocks: 1, failedBlocks: 0, errors: 0))
    }

    @Test func aSubsetKeepsTheOthersInTheirPlaces() {
        let previous = [item("l/a.md"), item("l/b.md"), item("l/c.md")]
        let merged = IndexManifest.merge(previous: previous, rendered: [item("l/b.md", "B2"), item("l/d.md")]) { _ in true }
        #expect(merged.map(\.source) == ["l/a.md", "l/b.md", "l/c.md", "l/d.md"])
        #expect(merged[1].entry.title == "B2")
    }

    @Test func aFullRenderDecidesTheOrder() {
        let previous = [item("l/a.md"), item("l/b.md")]
        let merged = IndexManifest.merge(previous: previous, rendered: [item("l/b.md"), item("l/a.md")]) { _ in true }
        #expect(merged.map(\.source) == ["l/b.md", "l/a.md"])
    }

    @Test func lessonsWhosePageIsGoneOrTakenAreDropped() {
        let previous = [item("l/a.md"), item("old/b.md"), item("l/c.md")]
        let merged = IndexManifest.merge(previous: previous, rendered: [item("new/b.md")]) { $0 != "c.html" }
        #expect(merged.map(\.source) == ["l/a.md", "new/b.md"])
    }

    /// A lesson deleted from a folder this render read leaves the index; one
    /// in a folder it did not read (or named from another directory) stays.
    @Test func aDeletedLessonLeavesTheIndexWhenItsFolderIsRendered() {
        let previous = [item("l/a.md"), item("l/gone.md"), item("other/kept.md")]
        let merged = IndexManifest.merge(previous: previous, rendered: [item("l/a.md")], pageExists: { _ in true },
                                         sourceExists: { $0 == "l/a.md" })
        #expect(merged.map(\.source) == ["l/a.md", "other/kept.md"])
    }

    /// A manifest planted in the committed output folder (issue 21, high 3):
    /// its summary goes into `index.html` as HTML only when it is the markup a
    /// summary has; its page only when it is a page name this tool makes.
    @Test func aPlantedEntryIsNotBelievedAsHTML() {
        var planted = item("l/a.md")
        planted.entry.summary = "<img src=x onerror=alert(1)> hello"
        #expect(IndexManifest.believable(planted)?.entry.summary == "hello")
        planted.entry.summary = "see <a href=\"javascript:alert(1)\">this</a>"
        #expect(IndexManifest.believable(planted)?.entry.summary == "see this")
        planted.entry.summary = "<em>fine</em> and <a href=\"b.html\">b</a> &amp; <code>x</code>"
        #expect(IndexManifest.believable(planted)?.entry.summary == planted.entry.summary)
        for href in ["../x.html", "index.html", "a.html?x", "a.md", ".a.html", "a\\b.html", "a\nb.html"] {
            var entry = item("l/a.md")
            entry.entry.href = href
            #expect(IndexManifest.believable(entry) == nil, "\(href)")
        }
    }

    /// In a course with a `lessons:` list, a render of one lesson puts it at
    /// its place in the list, not after the lessons rendered before.
    @Test func aCoursesListPlacesALessonRenderedAlone() {
        func placed(_ source: String, _ position: Int?) -> IndexManifest.Item {
            var entry = item(source)
            entry.position = position
            return entry
        }
        let previous = [placed("l/a.md", 0), placed("l/c.md", 2), placed("x/loose.md", nil)]
        let merged = IndexManifest.merge(previous: previous, rendered: [placed("l/b.md", 1)]) { _ in true }
        #expect(merged.map(\.source) == ["l/a.md", "l/b.md", "l/c.md", "x/loose.md"])
    }
}
