import Foundation

/// Where an installed `lesson` finds the files it ships beside itself.
///
/// The `.deb` puts the binary in `/usr/bin` and its files in
/// `/usr/share/lessonrunner`; the release archive has the same layout under
/// whatever folder it was unpacked into (`bin/lesson`, `share/lessonrunner`).
/// Both are found from the executable's own path, so an archive works from
/// any folder and nothing is looked up at a fixed path only.
public enum InstallLocation {
    /// `<prefix>/share/lessonrunner` beside the running executable, when it
    /// exists (nil in a build folder such as `.build/release`).
    public static let shareFolder: String? = {
        guard let executable = executablePath else { return nil }
        let prefix = ((executable as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent
        let share = (prefix as NSString).appendingPathComponent("share/lessonrunner")
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: share, isDirectory: &isDirectory) && isDirectory.boolValue ? share : nil
    }()

    /// The running executable with symbolic links resolved (a link in
    /// `/usr/local/bin` to an unpacked archive finds the archive's files).
    static var executablePath: String? {
        #if os(Linux)
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        #endif
        guard let path = Bundle.main.executablePath, let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
