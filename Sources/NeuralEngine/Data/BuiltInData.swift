/// Data sets compiled into the program, so `data: digits` works in any
/// folder, on any machine, with nothing to copy beside a lesson.
///
/// A built-in file has a path that is not on disk (`(built in)/digits.csv.gz`):
/// the data-file code reads it from here, everything else (cache keys,
/// messages) treats it like any other path.
public enum BuiltInData {
    /// What paths of built-in files start with; no real relative or absolute
    /// path a lesson can name starts with a parenthesis and a space.
    public static let prefix = "(built in)/"

    /// The UCI hand-written digits (`Resources/README.md` has the attribution).
    public static let digitsPath = prefix + "digits.csv.gz"

    /// The bytes of a built-in file as stored (gzip-compressed), or nil when
    /// `path` is not one.
    public static func contents(atPath path: String) -> [UInt8]? {
        switch path {
        case digitsPath: PackageResources.digits_csv_gz
        default: nil
        }
    }

    /// Whether `path` names a built-in file rather than one on disk.
    public static func isBuiltIn(_ path: String) -> Bool {
        path.hasPrefix(prefix)
    }

    /// The built-in file a block's `file:` falls back to when no file of that
    /// name is beside the lesson or in a data folder.
    public static func path(forName name: String) -> String? {
        name == "digits.csv.gz" ? digitsPath : nil
    }
}
