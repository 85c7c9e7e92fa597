import CCmarkGFM

/// The version of the cmark-gfm library the loader parses with.
public enum CmarkVersion {
    /// As the library reports it at run time, e.g. `0.29.0.gfm.6`.
    public static var string: String {
        guard let text = cmark_version_string() else { return "unknown" }
        return String(cString: text)
    }
}
