#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import CZlib

/// Reading data files: the whole file into memory, gunzipped if it is gzip.
///
/// Gzip is recognized by its magic bytes (1f 8b), not by the file name, so a
/// `.csv` that happens to be compressed (or a `.gz` that is not) still loads.
/// Decompression is zlib's `inflate`, the only C this file touches.
enum DataFile {
    /// The most bytes any data file may hold, after decompression: MNIST's
    /// largest file (47 MB of training images) fits; a gzip bomb stops here,
    /// having used no more memory than this.
    static let maximumBytes = 64 << 20

    /// The bytes of the file at `path`, decompressed if gzip-compressed.
    /// - Parameter maximumBytes: The most bytes the (decompressed) content may have.
    /// - Throws: ``DataError`` if the file is missing, unreadable, corrupt or too large.
    static func read(_ path: String, maximumBytes: Int = DataFile.maximumBytes) throws -> [UInt8] {
        if let builtIn = BuiltInData.contents(atPath: path) {
            return try gunzip(builtIn, path: path, maximumBytes: maximumBytes)
        }
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw DataError(path: path, message: "no such file")
        }
        guard info.st_mode & S_IFMT != S_IFDIR else {
            throw DataError(path: path, message: "is a folder, not a file")
        }
        if info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) > maximumBytes {
            throw DataError(path: path, message: tooLarge(maximumBytes, what: "is \(info.st_size) bytes"))
        }
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw DataError(path: path, message: access(path, R_OK) != 0 ? "cannot be read (permission denied)" : "cannot be read")
        }
        guard bytes.count >= 2, bytes[0] == 0x1f, bytes[1] == 0x8b else {
            guard bytes.count <= maximumBytes else {
                throw DataError(path: path, message: tooLarge(maximumBytes, what: "is \(bytes.count) bytes"))
            }
            return bytes
        }
        return try gunzip(bytes, path: path, maximumBytes: maximumBytes)
    }

    static func tooLarge(_ limit: Int, what: String) -> String {
        "\(what), more than the \(limit >> 20) MiB this data file may hold (uncompressed)"
    }

    /// Inflates a gzip stream (one or more concatenated members), stopping as
    /// soon as the output would pass `maximumBytes`.
    static func gunzip(_ compressed: [UInt8], path: String, maximumBytes: Int = DataFile.maximumBytes) throws -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(min(compressed.count * 4, maximumBytes))
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
                if output.count > maximumBytes {
                    throw DataError(path: path, message: tooLarge(maximumBytes, what: "is gzip data that decompresses to more than \(maximumBytes >> 20) MiB"))
                }
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
