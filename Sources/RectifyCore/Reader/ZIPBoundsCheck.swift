import Foundation

/// The structure of a ZIP archive checked against its own bytes, before any of it is inflated: every
/// offset and size lies within the archive, one disk, entry counts that agree, no ZIP64 (office
/// documents of this size never need it). `BoundedArchive` reads the parts from the entries found
/// here; archives that fail are refused as unreadable. (The checks were first written against
/// ZIPFoundation's reader, which trapped on any of these; the archive fuzzer found three of them.)
public enum ZIPBoundsCheck {
    /// Where one entry's bytes are, as the central directory says.
    public struct Entry: Sendable {
        public let name: String
        public let method: Int
        public let compressedSize: Int
        public let dataStart: Int
    }

    public static func isSafe(_ data: Data) -> Bool { entries(data) != nil }

    /// The archive's entries in directory order, or nil when its structure is unsafe.
    public static func entries(_ data: Data) -> [Entry]? {
        // Read in place: an upload is not copied to be checked.
        data.withUnsafeBytes { raw -> [Entry]? in
            let bytes = raw.bindMemory(to: UInt8.self)
            let count = bytes.count
            func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
            func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
            func signature(_ at: Int, _ value: Int) -> Bool { at >= 0 && at + 4 <= count && u32(at) == value }
            guard count >= 22 else { return nil }
            var eocd = -1
            var at = count - 22
            while at >= max(0, count - 22 - 0xFFFF) {
                if signature(at, 0x0605_4B50) { eocd = at; break }
                at -= 1
            }
            guard eocd >= 0, eocd + 22 <= count else { return nil }
            if signature(eocd - 20, 0x0706_4B50) { return nil }
            // One disk only, and the two entry counts agree (a larger count of this disk's entries sent
            // ZIPFoundation reading past the end).
            guard u16(eocd + 4) == 0, u16(eocd + 6) == 0, u16(eocd + 8) == u16(eocd + 10) else { return nil }
            let entries = u16(eocd + 10)
            let directorySize = u32(eocd + 12)
            var cursor = u32(eocd + 16)
            guard cursor <= count, cursor + directorySize <= count else { return nil }
            var found: [Entry] = []
            found.reserveCapacity(entries)
            for _ in 0..<entries {
                guard cursor + 46 <= count, signature(cursor, 0x0201_4B50) else { return nil }
                let flags = u16(cursor + 8)
                let compressed = u32(cursor + 20)
                let uncompressed = u32(cursor + 24)
                let header = u32(cursor + 42)
                let next = cursor + 46 + u16(cursor + 28) + u16(cursor + 30) + u16(cursor + 32)
                guard next <= count, header + 30 <= count, signature(header, 0x0403_4B50),
                      compressed != 0xFFFF_FFFF, uncompressed != 0xFFFF_FFFF else { return nil }
                let dataStart = header + 30 + u16(header + 26) + u16(header + 28)
                let descriptor = flags & 0x08 != 0 ? 24 : 0
                // A stored entry's uncompressed size, in either header, must fit too (ZIPFoundation read a
                // stored entry by it).
                var extent = max(compressed, u32(header + 18))
                if u16(cursor + 10) == 0 || u16(header + 8) == 0 { extent = max(extent, uncompressed, u32(header + 22)) }
                guard dataStart + extent + descriptor <= count else { return nil }
                let nameLength = u16(cursor + 28)
                found.append(Entry(name: String(decoding: UnsafeBufferPointer(rebasing: bytes[(cursor + 46)..<(cursor + 46 + nameLength)]),
                                                as: UTF8.self),
                                   method: u16(cursor + 10), compressedSize: compressed, dataStart: dataStart))
                cursor = next
            }
            return found
        }
    }

    /// XMLParser on Linux traps on invalid UTF-8 in names; a part must be valid UTF-8 to be parsed.
    public static func isValidUTF8(_ data: Data) -> Bool {
        String(data: data, encoding: .utf8) != nil
    }
}
