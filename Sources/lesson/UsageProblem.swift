import ArgumentParser

/// A usage problem found once the command runs: a folder that cannot be
/// written, paths without lessons, a block id no lesson has.
///
/// One line, `error: --out 'x' cannot be used: …`, and exit status 64. A
/// `ValidationError` thrown from `run()` printed the top-level usage
/// ("Usage: lesson <subcommand>") under it instead: ArgumentParser no longer
/// knows which subcommand threw, and the flag's line is what helps.
enum UsageProblem {
    /// Prints `message` and returns the exit to throw.
    static func exit(_ message: String) -> ExitCode {
        Terminal.printError("error: " + message)
        return ExitCode(64)
    }
}
