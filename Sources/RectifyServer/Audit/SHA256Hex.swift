import Crypto
import Foundation
import RectifyCore

enum SHA256Hex {
    static func of(_ data: Data) -> String {
        HexDigest.string(SHA256.hash(data: data))
    }
}
