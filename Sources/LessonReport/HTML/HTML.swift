import LessonSupport

/// Escaping for HTML text and attributes. Every string that reaches a page
/// from a lesson or a block passes through here.
public enum HTML {
    /// Text for element content or a quoted attribute value: `& < > " '`
    /// as references, NUL as U+FFFD (``MarkupEscape``, shared with the JUnit
    /// report).
    public static func escape(_ text: String) -> String {
        MarkupEscape.escape(text, for: .html)
    }

    /// A relative link to a file in the same folder: a lesson named
    /// `what? #1 100%: ü.md` must not turn into a query, a fragment, a broken
    /// escape or a URL scheme. (Still to be passed through `escape`.)
    public static func fileHref(_ fileName: String) -> String {
        let allowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: ":;/"))
        return fileName.addingPercentEncoding(withAllowedCharacters: allowed) ?? fileName
    }

    /// Whether a URL is safe to emit as an image source (and so also whether
    /// any link is): see ``isSafeLinkURL(_:)`` and ``isSafeImageURL(_:)``.
    public static func isSafeURL(_ url: String) -> Bool {
        isSafeImageURL(url)
    }

    /// Whether loading `url` would leave the page's folder (any scheme or a
    /// protocol-relative or absolute path).
    public static func isExternal(_ url: String) -> Bool {
        let lowered = browserNormalizedURL(url).lowercased()
        if lowered.hasPrefix("data:") { return false }
        return lowered.isAbsolutePath || lowered.contains(":") || lowered.hasBytePrefix("..")
    }
}

import Foundation
import LessonSupport
