/// The keys every kind accepts.
public enum CommonKeys {
    public static let descriptors: [KeyDescriptor] = [
        KeyDescriptor("id", type: "identifier", described: "<kind>_<n>",
                      "Name of the block's results for inline `=id.value` references and other blocks' expectations; a letter, then letters, digits and '_'."),
        KeyDescriptor("seed", type: "integer", described: "derived from the lesson file name and id",
                      range: .closed(0, 9_007_199_254_740_991),
                      "Seed of every random draw in the block; the same seed gives the same numbers."),
        KeyDescriptor("caption", type: "string", described: "(none)", "Caption shown under the block's results."),
        KeyDescriptor("show", type: "boolean", default: "false", "Show the block's YAML above its results."),
        KeyDescriptor("expect", type: "list of expressions", default: "[]",
                      "Checks over the block's named values, e.g. \"loss < 0.1\", \"approx(a, b, 1e-3)\"."),
    ]

    public static let names: Set<String> = Set(descriptors.map(\.name))
}
