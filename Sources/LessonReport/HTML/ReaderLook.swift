/// What makes the pages read well on a phone, on paper and when something
/// failed (`Resources/reader.css`, appended after the base stylesheet so its
/// rules win where both speak), and the script behind the copy buttons
/// (`Resources/reader.js`; without JavaScript there are no buttons rather
/// than dead ones).
enum ReaderLook {
    static let css = String(decoding: PackageResources.reader_css, as: UTF8.self)
    static let js = String(decoding: PackageResources.reader_js, as: UTF8.self)
}
