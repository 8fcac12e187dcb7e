import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An IPv4 or IPv6 address range in CIDR notation (a plain address is a range of one).
public struct AddressRange: Sendable, Equatable, CustomStringConvertible {
    let bytes: [UInt8]
    let prefix: Int

    public static let loopbackV4 = AddressRange(bytes: [127, 0, 0, 1], prefix: 32)
    public static let loopbackV6 = AddressRange(bytes: [UInt8](repeating: 0, count: 15) + [1], prefix: 128)

    public struct Malformed: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    public var description: String {
        let text = bytes.count == 4 ? bytes.map(String.init).joined(separator: ".") : Self.ipv6Text(bytes)
        return prefix == bytes.count * 8 ? text : "\(text)/\(prefix)"
    }

    /// `10.0.0.0/8`, `192.168.1.20`, `fd00::/8`, `::1`.
    public static func parse(_ text: String) throws -> AddressRange {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let bytes = address(String(parts[0])) else {
            throw Malformed(description: "\(text) is not an IPv4 or IPv6 address or CIDR range")
        }
        var prefix = bytes.count * 8
        if parts.count == 2 {
            guard let bits = Int(parts[1]), (0...prefix).contains(bits) else {
                throw Malformed(description: "\(text) has a prefix length outside 0–\(prefix)")
            }
            prefix = bits
        }
        return AddressRange(bytes: bytes, prefix: prefix)
    }

    /// A comma-separated list; an empty text is an empty list.
    public static func parseList(_ text: String) throws -> [AddressRange] {
        try text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map(parse)
    }

    public func contains(_ addressText: String) -> Bool {
        guard var other = Self.address(addressText) else { return false }
        // An IPv4 client on a dual-stack socket arrives as ::ffff:a.b.c.d.
        if bytes.count == 4, other.count == 16, other[0..<10].allSatisfy({ $0 == 0 }), other[10] == 0xFF, other[11] == 0xFF {
            other = Array(other[12...])
        }
        guard other.count == bytes.count else { return false }
        var remaining = prefix
        for index in bytes.indices where remaining > 0 {
            let bits = min(8, remaining)
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
            if bytes[index] & mask != other[index] & mask { return false }
            remaining -= bits
        }
        return true
    }

    static func address(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { Array($0) }
        }
        return nil
    }

    private static func ipv6Text(_ bytes: [UInt8]) -> String {
        var raw = in6_addr()
        withUnsafeMutableBytes(of: &raw) { $0.copyBytes(from: bytes) }
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        _ = inet_ntop(AF_INET6, &raw, &buffer, socklen_t(buffer.count))
        return String(cString: buffer)
    }
}
