import CDuktape
import Foundation

/// KaTeX running inside Debian's Duktape: TeX in, HTML + MathML out.
///
/// Duktape rather than JavaScriptCore (measured on this machine, CPU time,
/// KaTeX 0.16.4): loading `katex.min.js` takes 0.18 s in Duktape and 0.05 s
/// in JSC, one formula 1–10 ms in Duktape and ~2.6 ms in JSC once its JIT is
/// warm; but Duktape is a 0.3 MB library with no dependencies, single-threaded
/// and deterministic, while JSC is 32 MB plus GLib. Formulas are cached by
/// their TeX, so a warm render never starts an engine and only a cold render
/// pays the difference (about a second for the shipped lessons).
///
/// Not thread-safe: ``MathTypesetter`` serializes every call.
final class KaTeXEngine {
    private let context: OpaquePointer
    /// The heap's allocation budget (``lr_duk_budget``), read by the C allocator.
    private let budget: UnsafeMutablePointer<lr_duk_budget>
    /// Set once a formula ran out of its budget: the heap is then not reused.
    private(set) var spoiled = false
    /// `katex.version` as KaTeX reports it.
    let version: String

    /// What Duktape (ES5.1 plus a little) lacks and KaTeX 0.16 calls.
    private static let polyfills = """
    var window = this, self = this;
    if (!Array.prototype.fill) {
      Object.defineProperty(Array.prototype, "fill", { value: function (v, s, e) {
        var n = this.length >>> 0; s = s | 0; e = e === undefined ? n : e | 0;
        if (s < 0) s = Math.max(n + s, 0); if (e < 0) e = Math.max(n + e, 0);
        for (var i = s; i < e && i < n; i++) this[i] = v; return this; } });
    }
    if (!String.prototype.includes) {
      String.prototype.includes = function (s, i) { return this.indexOf(s, i) !== -1; };
    }
    if (!Array.prototype.includes) {
      Object.defineProperty(Array.prototype, "includes", { value: function (v) { return this.indexOf(v) !== -1; } });
    }
    if (!String.prototype.startsWith) {
      String.prototype.startsWith = function (s, i) { i = i || 0; return this.substr(i, s.length) === s; };
    }
    if (!String.prototype.endsWith) {
      String.prototype.endsWith = function (s) { return this.length >= s.length && this.substr(this.length - s.length) === s; };
    }
    if (!Object.assign) {
      Object.assign = function (t) { for (var i = 1; i < arguments.length; i++) { var s = arguments[i];
        if (s) for (var k in s) if (Object.prototype.hasOwnProperty.call(s, k)) t[k] = s[k]; } return t; };
    }
    /* Returns [html, untrusted commands] or [null, message, position]: one call, no exceptions across the C boundary.
       trust stays off; the commands it refused (\\href, \\url, \\html…, \\includegraphics) are reported, not drawn in red
       unnoticed. maxExpand and maxSize bound macro expansion and the size of a box. */
    function __typeset(tex, display) {
      var untrusted = [];
      try {
        var html = katex.renderToString(tex, { displayMode: display, output: "htmlAndMathml", throwOnError: true, strict: "ignore",
          maxExpand: 1000, maxSize: 50, trust: function (context) { untrusted.push(String(context.command)); return false; } });
        return [html, untrusted.join(" ")];
      } catch (e) {
        var message = e && e.message ? String(e.message) : String(e);
        return [null, message, e && typeof e.position === "number" ? e.position : -1];
      }
    }
    """

    /// Loads KaTeX from `scriptPath`; throws with the engine's message when
    /// the script does not load.
    init(scriptPath: String, memoryLimit: Int) throws {
        guard let data = FileManager.default.contents(atPath: scriptPath) else {
            throw MathTypesetter.EngineError(message: "cannot read \(scriptPath)")
        }
        let budget = UnsafeMutablePointer<lr_duk_budget>.allocate(capacity: 1)
        budget.initialize(to: lr_duk_budget(used: 0, limit: memoryLimit, deadline: 0, counter: 0, tripped: 0))
        guard let context = lr_duk_create_budgeted_heap(budget) else {
            budget.deallocate()
            throw MathTypesetter.EngineError(message: "cannot create a JavaScript heap")
        }
        self.budget = budget
        self.context = context
        func evaluate(_ bytes: [UInt8], _ what: String) throws {
            let failed = bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    lr_duk_peval_lstring(context, $0, buffer.count) != 0
                }
            }
            defer { duk_pop(context) }
            if failed {
                throw MathTypesetter.EngineError(message: "\(what): " + String(cString: lr_duk_safe_to_string(context, -1)))
            }
        }
        do {
            try evaluate(Array(Self.polyfills.utf8), "polyfills")
            try evaluate([UInt8](data), scriptPath)
        } catch {
            duk_destroy_heap(context)
            budget.deallocate()
            throw error
        }
        duk_get_global_string(context, "katex")
        duk_get_prop_string(context, -1, "version")
        version = String(cString: lr_duk_safe_to_string(context, -1))
        duk_pop_2(context)
    }

    deinit {
        duk_destroy_heap(context)
        budget.deallocate()
    }

    /// Typesets one formula within `cpuSeconds` of this thread's CPU time
    /// and the heap's memory limit; past either, the formula fails with a
    /// message naming the limit and the engine is ``spoiled``.
    func typeset(_ tex: String, display: Bool, cpuSeconds: Double) -> MathTypesetter.Result {
        budget.pointee.tripped = 0
        budget.pointee.counter = 0
        budget.pointee.deadline = lr_thread_cpu_seconds() + cpuSeconds
        defer { budget.pointee.deadline = 0 }
        let result = run(tex, display: display)
        switch budget.pointee.tripped {
        case 0:
            return result
        case 1:
            spoiled = true
            return .failure(message: "the formula took more than \(Self.seconds(cpuSeconds)) s to typeset; make it smaller or split it", position: nil)
        default:
            spoiled = true
            return .failure(message: "the formula needed more than \(budget.pointee.limit >> 20) MiB to typeset; make it smaller or split it", position: nil)
        }
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    private func run(_ tex: String, display: Bool) -> MathTypesetter.Result {
        duk_get_global_string(context, "__typeset")
        let bytes = Self.cesu8(tex)
        _ = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { duk_push_lstring(context, $0.baseAddress, $0.count) }
        }
        duk_push_boolean(context, display ? 1 : 0)
        defer { duk_pop(context) }
        guard duk_pcall(context, 2) == 0 else {
            return .failure(message: String(cString: lr_duk_safe_to_string(context, -1)), position: nil)
        }
        duk_get_prop_index(context, -1, 0)
        if duk_is_string(context, -1) != 0 {
            var length = 0
            let pointer = duk_get_lstring(context, -1, &length)
            let html = pointer.map { Self.decodeCESU8(UnsafeRawBufferPointer(start: $0, count: length)) } ?? ""
            duk_pop(context)
            duk_get_prop_index(context, -1, 1)
            let untrusted = String(cString: lr_duk_safe_to_string(context, -1))
            duk_pop(context)
            if let command = untrusted.split(separator: " ").first {
                let position = tex.range(of: String(command)).map { tex.utf16.distance(from: tex.startIndex, to: $0.lowerBound) }
                return .failure(message: "\(command) is turned off in lessons: math may not link, load images or set HTML attributes; write the link or image outside the formula",
                                position: position)
            }
            return .success(html)
        }
        duk_pop(context)
        duk_get_prop_index(context, -1, 1)
        let message = Self.decodeCESU8(UnsafeRawBufferPointer(start: lr_duk_safe_to_string(context, -1),
                                                               count: strlen(lr_duk_safe_to_string(context, -1))))
        duk_pop(context)
        duk_get_prop_index(context, -1, 2)
        let position = Int(duk_get_int(context, -1))
        duk_pop(context)
        return .failure(message: message, position: position >= 0 ? position : nil)
    }

    /// Duktape strings are UTF-16 in CESU-8 bytes: a character outside the
    /// BMP must arrive as two surrogates, as in a browser (plain UTF-8 would
    /// make it one "extended" character that KaTeX's lexer rejects, and
    /// shift every error position after it).
    static func cesu8(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar.value <= 0xFFFF {
                out.append(contentsOf: String(scalar).utf8)
            } else {
                let v = scalar.value - 0x10000
                for unit in [0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF)] {
                    out += [UInt8(0xE0 | (unit >> 12)), UInt8(0x80 | ((unit >> 6) & 0x3F)), UInt8(0x80 | (unit & 0x3F))]
                }
            }
        }
        return out
    }

    /// The inverse of ``cesu8(_:)``: surrogate pairs back to one character.
    static func decodeCESU8(_ bytes: UnsafeRawBufferPointer) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0xED, i + 5 < bytes.count, (0xA0...0xAF).contains(bytes[i + 1]),
               bytes[i + 3] == 0xED, (0xB0...0xBF).contains(bytes[i + 4]) {
                let high = (UInt32(bytes[i + 1] & 0x0F) << 6) | UInt32(bytes[i + 2] & 0x3F)
                let low = (UInt32(bytes[i + 4] & 0x0F) << 6) | UInt32(bytes[i + 5] & 0x3F)
                if let scalar = Unicode.Scalar(0x10000 + (high << 10) + low) {
                    out.append(contentsOf: String(scalar).utf8)
                    i += 6
                    continue
                }
            }
            out.append(bytes[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
