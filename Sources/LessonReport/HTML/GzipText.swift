import CZlib
import Foundation

/// Text stored gzip-compressed and base64-encoded in a page, for the script to
/// unpack with the browser's `DecompressionStream("gzip")`: explored
/// positions' results are mostly SVG paths and table markup, which shrink
/// several-fold. zlib's `deflate`, the only C this file touches.
enum GzipText {
    /// `text` gzipped (best compression, no file name or time, so the same
    /// text gives the same bytes) and base64-encoded.
    static func encode(_ text: String) -> String {
        var input = [UInt8](text.utf8)
        var stream = z_stream()
        // 15 + 16: a gzip wrapper around the deflate stream.
        guard deflateInit2_(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY,
                            zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return "" }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))) + 32)
        let status = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(target.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { return "" }
        return Data(output.prefix(Int(stream.total_out))).base64EncodedString()
    }

    /// The text `encode` stored, or `nil` for anything else (tests read pages back).
    static func decode(_ base64: String) -> String? {
        guard let data = Data(base64Encoded: base64) else { return nil }
        var input = [UInt8](data)
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var status: Int32 = Z_OK
        input.withUnsafeMutableBufferPointer { source in
            stream.next_in = source.baseAddress
            stream.avail_in = uInt(source.count)
            while status == Z_OK {
                chunk.withUnsafeMutableBufferPointer { target in
                    stream.next_out = target.baseAddress
                    stream.avail_out = uInt(target.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                }
                out += chunk.prefix(chunk.count - Int(stream.avail_out))
            }
        }
        guard status == Z_STREAM_END else { return nil }
        return String(decoding: out, as: UTF8.self)
    }
}
