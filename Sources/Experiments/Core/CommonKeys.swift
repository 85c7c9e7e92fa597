/// The keys every kind accepts.
public enum CommonKeys {
    public static let descriptors: [KeyDescriptor] = [
        KeyDescriptor("id", type: "identifier", described: "<kind>_<n>",
                      "Name of the block's results for inline `=id.value` references and other blocks' expectations; a letter, then letters, digits and '_'."),
        KeyDescriptor("seed", .integer, described: "derived from the block id and the lesson's front-matter seed",
                      range: .closed(0, 9_007_199_254_740_991),
                      "Seed of every random draw in the block; the same seed gives the same numbers. The default depends only on what the author writes (the id, and `seed:` in the lesson's front matter), never on the file's name or folder; `lesson check --reseed K` moves every block's seeds by K."),
        KeyDescriptor("seeds", type: "integer or list of integers", described: "1 (one run)",
                      "Run the block once per seed: N runs with seeds seed, seed + 1, …, seed + N − 1 (N ≤ 64), or the seeds listed (then without 'seed'). Each value x also gets x.mean, x.sd, x.min, x.max and x.runs; an expectation on plain x must hold for every seed."),
        KeyDescriptor("caption", .text, described: "(none)", "Caption shown under the block's results."),
        KeyDescriptor("show", .boolean, default: "false", "Show the block's YAML above its results."),
        KeyDescriptor("expect", type: "list of expressions", default: "[]",
                      "Checks over the block's named values, e.g. \"loss < 0.1\", \"approx(a, b, 1e-3)\"."),
        KeyDescriptor(
            "table", type: "list or mapping", described: "(the kind's own table)",
            "The block's table, built from its values: a list of columns, e.g. [name, test_accuracy, best_epoch], or a mapping of "
            + "columns, rows (the names of the rows to show, in order), from (the list of records the rows come from; each kind "
            + "has a default, see its 'table:' line) and caption. A column is a field of the row, a path into it "
            + "(curve.validation_loss[-1]) or an expression over them (test_accuracy - train_accuracy); written as "
            + "'field: {label: \"test acc.\", format: \".1%\", better: higher}' (or 'field: label') it gets its own label, format "
            + "(%, .1%, .3f, .2e, .4g; fields named for an accuracy or a fraction default to %) and a mark on its best row. "
            + "It replaces the kind's first table; over seeds its numbers are the mean ± sd and the mark goes to the best mean."),
        KeyDescriptor(
            "chart", type: "mapping or list of up to 4", described: "(none)",
            "A chart of the block's values, drawn below the kind's own: y (a value that is a list of numbers, a list of them, "
            + "or a mapping of them to labels, e.g. {net[0].norm: he_normal}), and optionally x (a list of numbers; default "
            + "1, 2, 3, …), title, x_label, y_label and y_scale (linear or log). Over seeds each line is the mean, with the lowest "
            + "and highest run as a band."),
        KeyDescriptor("explore", type: "mapping of 1 or 2 keys to lists of 2 to \(maximumExploredValues) values (at most \(maximumExploredCombinations) combinations)", described: "(none)",
                      "Settings a reader may move on the page, e.g. 'keep_prob: [0.2, 0.5, 1.0]': every combination runs, the block's own setting is the default position. Expectations read the default; 'every: \"…\"' checks every position and explored.keep_prob[0.2].x reads another."),
    ]

    public static let names: Set<String> = Set(descriptors.map(\.name))

    /// Runs one block may ask for with `seeds`.
    public static let maximumSeeds = 64

    /// Values one explored setting may offer, and combinations a block may
    /// explore: every one runs and is stored in the page.
    public static let maximumExploredValues = 12
    public static let maximumExploredCombinations = 24
}
