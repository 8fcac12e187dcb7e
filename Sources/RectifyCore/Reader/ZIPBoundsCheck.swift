import Foundation

/// A structural check of a ZIP archive before ZIPFoundation opens it in memory: ZIPFoundation 0.9.20
/// traps (instead of throwing) when an offset or size in the archive points past its end, so a
/// damaged or hostile upload would take the server down. Archives that fail the check are refused
/// as unreadable. ZIP64 archives are refused too: office documents of this size never need them.
public enum ZIPBoundsCheck {
    public static func isSafe(_ data: Data) -> Bool {
        // Read in place: an upload is not copied to be checked.
        data.withUnsafeBytes { raw -> Bool in
            let bytes = raw.bindMemory(to: UInt8.self)
            let count = bytes.count
            func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
            func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
            func signature(_ at: Int, _ value: Int) -> Bool { at >= 0 && at + 4 <= count && u32(at) == value }
            guard count >= 22 else { return false }
            var eocd = -1
            var at = count - 22
            while at >= max(0, count - 22 - 0xFFFF) {
                if signature(at, 0x0605_4B50) { eocd = at; break }
                at -= 1
            }
            guard eocd >= 0, eocd + 22 <= count else { return false }
            if signature(eocd - 20, 0x0706_4B50) { return false }
            // One disk only, and the two entry counts agree: ZIPFoundation walks the count of this disk's
            // entries, so a larger one would send it reading past the end (found by the archive fuzzer).
            guard u16(eocd + 4) == 0, u16(eocd + 6) == 0, u16(eocd + 8) == u16(eocd + 10) else { return false }
            let entries = u16(eocd + 10)
            let directorySize = u32(eocd + 12)
            var cursor = u32(eocd + 16)
            guard cursor <= count, cursor + directorySize <= count else { return false }
            for _ in 0..<entries {
                guard cursor + 46 <= count, signature(cursor, 0x0201_4B50) else { return false }
                let flags = u16(cursor + 8)
                let compressed = u32(cursor + 20)
                let uncompressed = u32(cursor + 24)
                let header = u32(cursor + 42)
                let next = cursor + 46 + u16(cursor + 28) + u16(cursor + 30) + u16(cursor + 32)
                guard next <= count, header + 30 <= count, signature(header, 0x0403_4B50),
                      compressed != 0xFFFF_FFFF, uncompressed != 0xFFFF_FFFF else { return false }
                let dataStart = header + 30 + u16(header + 26) + u16(header + 28)
                let descriptor = flags & 0x08 != 0 ? 24 : 0
                // A stored entry is read by its uncompressed size, whichever header ZIPFoundation takes it
                // from (found by the archive fuzzer), so then that size must fit too.
                var extent = max(compressed, u32(header + 18))
                if u16(cursor + 10) == 0 || u16(header + 8) == 0 { extent = max(extent, uncompressed, u32(header + 22)) }
                guard dataStart + extent + descriptor <= count else { return false }
                cursor = next
            }
            return true
        }
    }

    /// XMLParser on Linux traps on invalid UTF-8 in names; a part must be valid UTF-8 to be parsed.
    public static func isValidUTF8(_ data: Data) -> Bool {
        String(data: data, encoding: .utf8) != nil
    }
}
