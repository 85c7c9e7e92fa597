#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CZlib

/// Reading data files: the whole file into memory, gunzipped if it is gzip.
///
/// Gzip is recognized by its magic bytes (1f 8b), not by the file name, so a
/// `.csv` that happens to be compressed (or a `.gz` that is not) still loads.
/// Decompression is zlib's `inflate`, the only C this file touches.
enum DataFile {
    /// The bytes of the file at `path`, decompressed if gzip-compressed.
    /// - Throws: ``DataError`` if the file is missing, unreadable or corrupt.
    static func read(_ path: String) throws -> [UInt8] {
        guard FileManager.default.fileExists(atPath: path) else {
            throw DataError(path: path, message: "no such file")
        }
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw DataError(path: path, message: "cannot be read (\(error))")
        }
        guard bytes.count >= 2, bytes[0] == 0x1f, bytes[1] == 0x8b else { return bytes }
        return try gunzip(bytes, path: path)
    }

    /// Inflates a gzip stream (one or more concatenated members).
    static func gunzip(_ compressed: [UInt8], path: String) throws -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(compressed.count * 4)
        var stream = z_stream()
        // 16 + 15: expect a gzip header, with the largest (32 KiB) window.
        guard inflateInit2_(&stream, 16 + MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw DataError(path: path, message: "cannot start gzip decompression")
        }
        defer { inflateEnd(&stream) }
        let chunkSize = 1 << 16
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        try compressed.withUnsafeBufferPointer { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.avail_in = UInt32(input.count)
            while true {
                let status = chunk.withUnsafeMutableBufferPointer { buffer -> Int32 in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = UInt32(chunkSize)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                output.append(contentsOf: chunk[0..<(chunkSize - Int(stream.avail_out))])
                switch status {
                case Z_OK:
                    continue
                case Z_STREAM_END:
                    // Another gzip member may follow (as `cat a.gz b.gz` produces).
                    guard stream.avail_in > 0 else { return }
                    guard inflateReset(&stream) == Z_OK else {
                        throw DataError(path: path, message: "corrupt gzip data")
                    }
                case Z_BUF_ERROR where stream.avail_in == 0:
                    throw DataError(path: path, message: "gzip data ends early (truncated file?)")
                default:
                    let reason = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                    throw DataError(path: path, message: "corrupt gzip data (\(reason))")
                }
            }
        }
        return output
    }
}
