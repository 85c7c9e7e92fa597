import ArgumentParser

enum DiagnosticFormat: String, ExpressibleByArgument, CaseIterable {
    case text, github
}
