import Foundation
import RectifyCore

/// One length rule for every text field of every create and update, read from the resource's
/// schema (`SchemaProperty.maxLength`), so that no field is left unbounded because its own
/// validation forgot it. It looks at the decoded input, so the API and the pages (which write
/// through the same `ResourceController` functions) are held alike. All fields at fault are named
/// in one 422, before anything is read or written.
enum WriteBodyGuard {
    static func check(_ input: Any, _ properties: [SchemaProperty]) throws {
        let limits = Dictionary(properties.compactMap { p in p.maxLength.map { (p.name, ($0, p.summary)) } }, uniquingKeysWith: { a, _ in a })
        var issues: [FieldIssue] = []
        for child in Mirror(reflecting: input).children {
            guard let name = child.label, let (max, summary) = limits[name] else { continue }
            let text: String? = (child.value as? String) ?? (child.value as? String?) ?? nil
            guard let text, text.count > max else { continue }
            issues.append(FieldIssue(field: name, code: "too_long", message: "\(summary.isEmpty ? name : summary)不能超过\(max)个字符"))
        }
        if !issues.isEmpty { throw RectifyError.validation(issues) }
    }
}
