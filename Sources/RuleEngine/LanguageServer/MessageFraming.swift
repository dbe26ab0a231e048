import Foundation

/// Messages of the Language Server Protocol over a byte stream: each is a header block
/// (`Content-Length: N`, CRLF line ends, an empty line) followed by N bytes of JSON.
public struct MessageReader {
    /// What came out of the stream.
    public enum Item: Sendable {
        case message(JSON)
        /// Something that is not a message: a bad header, a body that is not JSON. The stream
        /// goes on after it.
        case malformed(String)
    }

    /// The largest body accepted: a 50 MB roster sent whole, JSON-escaped, fits many times.
    public static let maxBody = 512 << 20
    /// A header block longer than this without its empty line is garbage.
    static let maxHeader = 8 << 10

    private var buffer: [UInt8] = []
    private var start = 0
    private let read: (inout [UInt8]) -> Bool

    /// - Parameter read: appends the next bytes to its argument; false at end of stream.
    public init(read: @escaping (inout [UInt8]) -> Bool) {
        self.read = read
    }

    /// Reads from a file descriptor (standard input for `spp-check lsp`).
    public init(fd: Int32) {
        self.init(read: { out in
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { return false }
            out.append(contentsOf: chunk[0..<n])
            return true
        })
    }

    /// The next message or problem; nil at end of stream.
    public mutating func next() -> Item? {
        while true {
            if let end = headerEnd() {
                let header = String(decoding: buffer[start..<end], as: UTF8.self)
                start = end + 4
                guard let length = MessageReader.contentLength(header) else {
                    return .malformed("a message header without a valid Content-Length: \(header.prefix(200))")
                }
                guard length <= MessageReader.maxBody else {
                    // Skipped without holding it: read and drop the body.
                    var left = length
                    while left > 0 {
                        let have = buffer.count - start
                        if have >= left { start += left; left = 0; break }
                        left -= have
                        buffer.removeAll(keepingCapacity: true)
                        start = 0
                        if !read(&buffer) { return nil }
                    }
                    return .malformed("a message of \(length) bytes, more than the limit of \(MessageReader.maxBody)")
                }
                while buffer.count - start < length {
                    compact()
                    if !read(&buffer) { return nil }
                }
                let body = Array(buffer[start..<start + length])
                start += length
                do {
                    return .message(try JSON.parse(body))
                } catch {
                    return .malformed(error.description)
                }
            }
            if buffer.count - start > MessageReader.maxHeader {
                start = buffer.count
                return .malformed("a message header longer than \(MessageReader.maxHeader) bytes")
            }
            compact()
            if !read(&buffer) { return nil }
        }
    }

    /// Drops what has been consumed, once it is worth the copy.
    private mutating func compact() {
        if start > 0 && (start == buffer.count || start > 1 << 20) {
            buffer.removeSubrange(0..<start)
            start = 0
        }
    }

    /// The index of the CRLF CRLF ending the header block, if buffered.
    private func headerEnd() -> Int? {
        var k = start
        while k + 3 < buffer.count {
            if buffer[k] == 13 && buffer[k + 1] == 10 && buffer[k + 2] == 13 && buffer[k + 3] == 10 { return k }
            k += 1
        }
        return nil
    }

    static func contentLength(_ header: String) -> Int? {
        for line in header.split(separator: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "content-length" else { continue }
            guard let n = Int(parts[1].trimmingCharacters(in: .whitespaces)), n >= 0 else { return nil }
            return n
        }
        return nil
    }
}

/// Writes messages with their header; safe to call from several threads.
public final class MessageWriter: @unchecked Sendable {
    private let lock = NSLock()
    private let write: @Sendable ([UInt8]) -> Void

    public init(write: @escaping @Sendable ([UInt8]) -> Void) {
        self.write = write
    }

    /// Writes to a file descriptor (standard output for `spp-check lsp`).
    public convenience init(fd: Int32) {
        self.init(write: { bytes in
            var done = 0
            while done < bytes.count {
                let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + done, bytes.count - done) }
                if n <= 0 { return }
                done += n
            }
        })
    }

    public func send(_ message: JSON) {
        let body = Array(message.text.utf8)
        let bytes = Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
        lock.withLock { write(bytes) }
    }
}
