import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import LessonSupport

@Suite struct MarkupEscapeTests {
    @Test func htmlEscapesTheFiveAndNULOnly() {
        #expect(MarkupEscape.escape(#"a < b & c > "d" 'e'"#) == "a &lt; b &amp; c &gt; &quot;d&quot; &#39;e&#39;")
        #expect(MarkupEscape.escape("x\u{0}y") == "x\u{FFFD}y")
        // Line breaks, tabs and other characters are the page's to keep.
        #expect(MarkupEscape.escape("a\nb\tc\u{1}d ü😀") == "a\nb\tc\u{1}d ü😀")
    }

    /// The fast path (nothing to escape) must not miss anything the slow path escapes.
    @Test func fastPathAgreesWithTheScalarLoop() {
        for text in ["plain words 0.417", "ü😀", "a\u{FFFE}b", "\u{FFFF}", "\u{FEFF}x", "tab\there", "", "e\u{301}&"] {
            for dialect in [MarkupEscape.Dialect.html, .xml] {
                var slow = ""
                for scalar in text.unicodeScalars { slow += MarkupEscape.escape(String(Character(scalar)) + "&", for: dialect).dropLast(5) }
                #expect(MarkupEscape.escape(text, for: dialect) == slow, "\(text.debugDescription)")
            }
        }
    }

    @Test func xmlKeepsBreaksAsReferencesAndReplacesWhatXMLCannotCarry() {
        #expect(MarkupEscape.escape("a\nb\tc\rd", for: .xml) == "a&#10;b&#9;c&#13;d")
        #expect(MarkupEscape.escape("\u{0}\u{1}\u{1F}\u{FFFE}\u{FFFF} ok", for: .xml) == "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD} ok")
        #expect(MarkupEscape.escape(#"<&>"'"#, for: .xml) == "&lt;&amp;&gt;&quot;&#39;")
    }

    /// Every string, read back by a real XML parser from an attribute and
    /// from element text, comes back as written, apart from the characters
    /// XML cannot carry.
    @Test func xmlRoundTripsThroughAParser() throws {
        final class Reader: NSObject, XMLParserDelegate {
            var attribute: String?
            var text = ""
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                        attributes: [String: String] = [:]) {
                if name == "e" { attribute = attributes["a"] }
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
        }
        for original in ["plain", "a\nb\tc", "<tag attr='x'>&amp;</tag>", "ü😀 \"q\"", "bell\u{7}nul\u{0}"] {
            let escaped = MarkupEscape.escape(original, for: .xml)
            let reader = Reader()
            let parser = XMLParser(data: Data("<e a=\"\(escaped)\">\(escaped)</e>".utf8))
            parser.delegate = reader
            #expect(parser.parse(), "\(original.debugDescription)")
            let expected = original.replacingOccurrences(of: "\u{7}", with: "\u{FFFD}").replacingOccurrences(of: "\u{0}", with: "\u{FFFD}")
            #expect(reader.attribute == expected)
            #expect(reader.text == expected)
        }
    }
}
