import Experiments
import Foundation

/// Why an expectation that compares with NaN failed.
///
/// `loss < best / 0` with `best = 0` compares with 0 / 0: NaN, which is
/// neither smaller, larger nor equal to anything, so the expectation fails
/// whatever the run did, and the values beside it ("best = 0") do not say
/// why. The failure names the side that is NaN and where the NaN came from.
extension Expression {
    /// One note per side of a comparison that is NaN in `scope`, as the
    /// failure of an expectation prints them; none when no side is NaN.
    func nanNotes(in scope: ValueScope) -> [String] {
        var notes: [String] = []
        func walk(_ e: Expression) {
            switch e {
            case .compare(let ops, let items):
                let values = items.map { Self.number(of: $0, in: scope) }
                for (index, op) in ops.enumerated() where op != "!=" {
                    for (side, at) in [("left", index), ("right", index + 1)] where values[at]?.isNaN == true {
                        let cause = Self.nanCause(items[at], in: scope).map { " (\($0))" } ?? ""
                        notes.append("the \(side) side of '\(op)', `\(items[at].sourceText)`, is NaN\(cause): a comparison with NaN is never true, "
                                     + "so `\(items[index].sourceText) \(op) \(items[index + 1].sourceText)` cannot hold whatever the other side is; "
                                     + "isnan(x) or isfinite(x) tests for it")
                    }
                }
                items.forEach(walk)
            case .unary(_, let a): walk(a)
            case .binary(_, let a, let b): walk(a); walk(b)
            case .call(_, let args): args.forEach(walk)
            case .list(let items): items.forEach(walk)
            case .subscripted(let base, _): walk(base)
            case .number, .string, .bool, .path: break
            }
        }
        walk(self)
        return notes
    }

    /// The expression's value when it is a single number.
    private static func number(of e: Expression, in scope: ValueScope) -> Double? {
        guard let value = try? e.evaluate(in: scope).value, case .number(let x) = value else { return nil }
        return x
    }

    /// Where a NaN comes from: the innermost step whose operands are
    /// numbers and whose result is not ("0 / 0", "sqrt(-1)"), or a value
    /// the run produced ("`loss` is NaN in the run").
    private static func nanCause(_ e: Expression, in scope: ValueScope) -> String? {
        let shown = { (x: Double) in ResultValue.format(x) }
        switch e {
        case .path(_, let text):
            return "`\(text)` is NaN in the run"
        case .binary(let op, let a, let b):
            guard let x = number(of: a, in: scope), let y = number(of: b, in: scope) else { return nil }
            if x.isNaN { return nanCause(a, in: scope) }
            if y.isNaN { return nanCause(b, in: scope) }
            return "\(shown(x)) \(op) \(shown(y)) is NaN"
        case .unary(_, let a):
            return nanCause(a, in: scope)
        case .call(let name, let args):
            let values = args.map { number(of: $0, in: scope) }
            if let index = values.firstIndex(where: { $0?.isNaN == true }) { return nanCause(args[index], in: scope) }
            let shownArgs = zip(args, values).map { arg, value in value.map(shown) ?? arg.sourceText }
            return "\(name)(\(shownArgs.joined(separator: ", "))) is NaN"
        default:
            return nil
        }
    }

    /// The expression written back as text, with the parentheses its
    /// structure needs: how a message quotes a part of an expectation.
    var sourceText: String {
        switch self {
        case .number(let x):
            return x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : "\(x)"
        case .string(let s): return "'\(s)'"
        case .bool(let b): return b ? "true" : "false"
        case .list(let items): return "[" + items.map(\.sourceText).joined(separator: ", ") + "]"
        case .path(_, let text): return text
        case .subscripted(let base, .index(let i)): return base.operandText(above: 8) + "[\(i)]"
        case .subscripted(let base, .slice(let a, let b)):
            return base.operandText(above: 8) + "[\(a.map(String.init) ?? ""):\(b.map(String.init) ?? "")]"
        case .unary(let op, let a): return op == "not" ? "not " + a.operandText(above: 3) : "-" + a.operandText(above: 7)
        case .binary(let op, let a, let b):
            let level = Self.precedence(op)
            // Left-associative: a right operand of the same level needs
            // parentheses (a - (b - c)); `^` gets them on both sides.
            return a.operandText(above: op == "^" ? level : level - 1) + " \(op) " + b.operandText(above: level)
        case .compare(let ops, let items):
            var text = items[0].operandText(above: 4)
            for (op, item) in zip(ops, items.dropFirst()) { text += " \(op) " + item.operandText(above: 4) }
            return text
        case .call(let name, let args): return name + "(" + args.map(\.sourceText).joined(separator: ", ") + ")"
        }
    }

    /// The text, in parentheses unless it binds tighter than `level`.
    private func operandText(above level: Int) -> String {
        let own: Int
        switch self {
        case .binary(let op, _, _): own = Self.precedence(op)
        case .compare: own = 4
        case .unary(let op, _): own = op == "not" ? 3 : 7
        default: own = 9
        }
        return own > level ? sourceText : "(" + sourceText + ")"
    }

    private static func precedence(_ op: String) -> Int {
        switch op {
        // Loosest first, as the parser reads them: or, and, not (3),
        // comparisons (4), + -, * / %, unary minus (7), ^, then atoms (9).
        case "or": return 1
        case "and": return 2
        case "+", "-": return 5
        case "*", "/", "%": return 6
        default: return 8
        }
    }
}
