import Vapor

/// One page of a list. Every list in the API is paged; `per` is capped.
struct Page<Item: Content>: Content {
    var items: [Item]
    var page: Int
    var per: Int
    var total: Int

    static var maxPer: Int { 200 }
}

/// Paging, sorting and filter parameters of a list request.
struct ListParameters: Sendable {
    var page: Int
    var per: Int
    var sort: String?
    var descending: Bool

    /// The highest page number a list accepts (stated in the API document too).
    static let maxPage = 1_000_000

    static func from(_ request: Request) throws -> ListParameters {
        var issues: [String: String] = [:]
        func int(_ name: String, default value: Int, range: ClosedRange<Int>) -> Int {
            guard let text = request.queryValue(name) else { return value }
            guard let number = Int(text), range.contains(number) else {
                issues[name] = "应为\(range.lowerBound)至\(range.upperBound)之间的整数"
                return value
            }
            return number
        }
        let page = int("page", default: 1, range: 1...ListParameters.maxPage)
        let per = int("per", default: 50, range: 1...Page<String>.maxPer)
        if let (field, message) = issues.first {
            throw RectifyError.invalid(field, "invalid_parameter", "参数 \(field) \(message)")
        }
        var sort = request.queryValue("sort")
        var descending = false
        if let s = sort, s.hasPrefix("-") {
            descending = true
            sort = String(s.dropFirst())
        }
        return ListParameters(page: page, per: per, sort: sort, descending: descending)
    }
}
