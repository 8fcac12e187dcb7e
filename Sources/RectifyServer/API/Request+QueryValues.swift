import Foundation
import Vapor

extension Request {
    private struct QueryValuesKey: StorageKey { typealias Value = [String: String] }

    /// A query parameter as text, from the query parsed once per request. A list reads a dozen names
    /// (its filters, page, per, sort); Vapor's decoder parsed the whole query again for each, a tenth of
    /// a small list's CPU. `+` is a space and `%XX` a byte, as in Vapor's decoder; a name given twice
    /// keeps its last value.
    func queryValue(_ name: String) -> String? {
        if let values = storage[QueryValuesKey.self] { return values[name] }
        var values: [String: String] = [:]
        for pair in (url.query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let key = Self.formDecoded(parts[0]) else { continue }
            values[key] = parts.count > 1 ? Self.formDecoded(parts[1]) : ""
        }
        storage[QueryValuesKey.self] = values
        return values[name]
    }

    private static func formDecoded(_ text: Substring) -> String? {
        String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
