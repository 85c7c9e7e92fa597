import Foundation

/// Checks HTML that was read back from disk (a cached formula, a summary in
/// the output folder's manifest) before it goes into a page as it is: those
/// files may come from a pull request, so their markup is believed only when
/// it uses nothing but the elements and attributes the tool itself writes
/// there, in the quoting the tool writes.
///
/// A deliberately small grammar: start tags with double-quoted attributes,
/// end tags, self-closing tags, text with entities. Comments, processing
/// instructions, unquoted attributes or a stray `<` fail the check.
public struct MarkupCheck: Sendable {
    public var elements: Set<String>
    public var attributes: Set<String>
    /// Attributes holding a URL (`href`, `src`), each checked by ``isSafeURL``.
    public var urlAttributes: Set<String>
    public var isSafeURL: @Sendable (String) -> Bool

    public init(elements: Set<String>, attributes: Set<String>, urlAttributes: Set<String> = [],
                isSafeURL: @escaping @Sendable (String) -> Bool = { _ in false }) {
        self.elements = elements
        self.attributes = attributes
        self.urlAttributes = urlAttributes
        self.isSafeURL = isSafeURL
    }

    /// What KaTeX writes with `trust` off: its HTML spans, MathML, and the
    /// SVG of stretchy symbols; no link, no image, no id, no event.
    public static let katex = MarkupCheck(
        elements: ["span", "svg", "path", "line", "g", "math", "semantics", "annotation", "mrow", "mi", "mn", "mo",
                   "ms", "mtext", "mspace", "msup", "msub", "msubsup", "mfrac", "msqrt", "mroot", "mover", "munder",
                   "munderover", "mtable", "mtr", "mtd", "mlabeledtr", "mstyle", "mpadded", "mphantom", "menclose",
                   "merror"],
        attributes: ["class", "style", "aria-hidden", "xmlns", "display", "encoding", "mathvariant", "stretchy", "fence",
                     "separator", "lspace", "rspace", "linethickness", "accent", "accentunder", "columnalign",
                     "rowspacing", "columnspacing", "columnlines", "rowlines", "scriptlevel", "displaystyle", "notation",
                     "width", "height", "depth", "voffset", "minsize", "maxsize", "symmetric", "movablelimits",
                     "mathcolor", "mathbackground", "side", "viewbox", "preserveaspectratio", "d", "x1", "x2", "y1", "y2",
                     "stroke-width", "mathsize", "largeop", "form", "framespacing", "equalrows", "equalcolumns",
                     "rowalign", "align", "subscriptshift", "superscriptshift", "bevelled", "numalign", "denomalign"])

    /// Whether `html` uses only the allowed elements and attributes.
    public func allows(_ html: String) -> Bool {
        var scanner = Scanner(Array(html.utf8))
        while let byte = scanner.peek() {
            if byte == UInt8(ascii: "<") {
                guard tag(&scanner) else { return false }
            } else if byte == UInt8(ascii: "&") {
                guard scanner.entity() else { return false }
            } else {
                scanner.index += 1
            }
        }
        return true
    }

    private func tag(_ scanner: inout Scanner) -> Bool {
        scanner.index += 1
        let closing = scanner.take(UInt8(ascii: "/"))
        let name = scanner.name()
        guard elements.contains(name) else { return false }
        if closing {
            scanner.skipSpaces()
            return scanner.take(UInt8(ascii: ">"))
        }
        while true {
            scanner.skipSpaces()
            if scanner.take(UInt8(ascii: ">")) { return true }
            if scanner.take(UInt8(ascii: "/")) { return scanner.take(UInt8(ascii: ">")) }
            let attribute = scanner.name()
            guard !attribute.isEmpty, scanner.take(UInt8(ascii: "=")), scanner.take(UInt8(ascii: "\"")) else { return false }
            guard let raw = scanner.until(UInt8(ascii: "\"")) else { return false }
            let value = Self.decodeEntities(raw)
            if urlAttributes.contains(attribute) {
                guard isSafeURL(value) else { return false }
            } else if attribute == "style" {
                guard attributes.contains("style"), Self.isPlainStyle(value) else { return false }
            } else if !attributes.contains(attribute) {
                return false
            }
        }
    }

    /// `property: value` pairs of lengths, numbers, colours and keywords:
    /// no `url(`, no functions but `calc`, no `position` (a formula may not
    /// lift a box out of its line and over the page).
    public static func isPlainStyle(_ style: String) -> Bool {
        for declaration in style.split(separator: ";") {
            let parts = declaration.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else {
                if declaration.allSatisfy(\.isWhitespace) { continue }
                return false
            }
            let property = parts[0].trimmingCharacters(in: .whitespaces).lowercased()
            let value = parts[1].trimmingCharacters(in: .whitespaces).lowercased()
            guard !property.isEmpty, property.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "-") }),
                  !["position", "z-index", "content", "behavior", "-moz-binding"].contains(property),
                  !property.hasPrefix("inset"),
                  value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || " .%#,+-*/()".contains($0)) }) else {
                return false
            }
            if value.contains("(") {
                // calc(…) only: no url(), image(), var(), attr(), env().
                var rest = value
                while let open = rest.firstIndex(of: "(") {
                    let before = rest[..<open].reversed().prefix { $0.isLetter || $0 == "-" }
                    guard before.isEmpty || String(before.reversed()) == "calc" else { return false }
                    rest = String(rest[rest.index(after: open)...])
                }
            }
        }
        return true
    }

    /// ``decodeEntities(_:)`` of a string.
    public static func decodeEntitiesOf(_ text: String) -> String {
        decodeEntities(ArraySlice(Array(text.utf8)))
    }

    /// `&amp;`, `&quot;`, `&lt;`, `&gt;`, `&#x27;` and numeric references;
    /// enough to see a URL or style as a browser would.
    static func decodeEntities(_ bytes: ArraySlice<UInt8>) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            rest = rest[amp...]
            guard let semicolon = rest.firstIndex(of: ";"), rest.distance(from: amp, to: semicolon) < 12 else {
                out += "&"
                rest = rest.dropFirst()
                continue
            }
            let name = rest[rest.index(after: amp)..<semicolon]
            let named = ["amp": "&", "quot": "\"", "lt": "<", "gt": ">", "apos": "'"]
            if let plain = named[String(name)] {
                out += plain
            } else if name.hasPrefix("#x") || name.hasPrefix("#X"), let code = UInt32(name.dropFirst(2), radix: 16),
                      let scalar = Unicode.Scalar(code) {
                out.unicodeScalars.append(scalar)
            } else if name.hasPrefix("#"), let code = UInt32(name.dropFirst()), let scalar = Unicode.Scalar(code) {
                out.unicodeScalars.append(scalar)
            } else {
                out += rest[...semicolon]
            }
            rest = rest[rest.index(after: semicolon)...]
        }
        return out + rest
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        init(_ bytes: [UInt8]) { self.bytes = bytes }

        func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func take(_ byte: UInt8) -> Bool {
            guard peek() == byte else { return false }
            index += 1
            return true
        }

        mutating func skipSpaces() {
            while let byte = peek(), byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D { index += 1 }
        }

        /// A tag or attribute name, lower-cased: ASCII letters, digits, `-`.
        mutating func name() -> String {
            let start = index
            while let byte = peek(), (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A)
                || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-") {
                index += 1
            }
            return String(decoding: bytes[start..<index], as: UTF8.self).lowercased()
        }

        /// The bytes up to `end` (consumed), or nil when it never comes or a `<` comes first.
        mutating func until(_ end: UInt8) -> ArraySlice<UInt8>? {
            let start = index
            while let byte = peek() {
                if byte == end {
                    index += 1
                    return bytes[start..<(index - 1)]
                }
                if byte == UInt8(ascii: "<") { return nil }
                index += 1
            }
            return nil
        }

        /// `&name;` or `&#123;` / `&#x1F;`.
        mutating func entity() -> Bool {
            index += 1
            let start = index
            while let byte = peek(), index - start < 10,
                  (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
                    || byte == UInt8(ascii: "#") {
                index += 1
            }
            return index > start && take(UInt8(ascii: ";"))
        }
    }
}
