import Vapor

/// One page of a list. Every list in the API is paged; `per` is capped.
struct Page<Item: Content>: Content {
    var items: [Item]
    var page: Int
    var per: Int
    var total: Int
    /// On lists that take `after=`: the value for the next page (the last row's id) while rows may
    /// follow; absent on the last page.
    var next: UUID?

    static var maxPer: Int { 200 }

    init(items: [Item], page: Int, per: Int, total: Int) {
        self.items = items
        self.page = page
        self.per = per
        self.total = total
    }

    /// A page of a list that takes `after=`. Counting pages, rows follow while the pages so far hold
    /// fewer than the total; stepping by cursor, while the page is full (rows before the cursor are
    /// not counted).
    init(items: [Item], page: Int, per: Int, total: Int, params: ListParameters, last: UUID?) {
        self.init(items: items, page: page, per: per, total: total)
        let more = params.after == nil ? (page - 1) * per + items.count < total : items.count == per
        next = more ? last : nil
    }
}

/// Paging, sorting and filter parameters of a list request.
struct ListParameters: Sendable {
    var page: Int
    var per: Int
    var sort: String?
    var descending: Bool
    /// `after=<id>`: the page after that row in the list's order (keyset paging: a deep page costs
    /// what the first does, and rows written meanwhile neither repeat nor go missing).
    var after: UUID? = nil

    /// The highest page number a list accepts (stated in the API document too).
    static let maxPage = 1_000_000

    /// `cursor`: whether the list steps by `after=`; any other list refuses it rather than answer its
    /// first page again.
    static func from(_ request: Request, cursor: Bool = false) throws -> ListParameters {
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
        var after: UUID?
        if let text = request.queryValue("after"), !text.isEmpty {
            guard cursor else {
                throw RectifyError.invalid("after", "invalid_parameter", "此列表不支持 after，请用 page 翻页")
            }
            guard let id = UUID(uuidString: text) else {
                throw RectifyError.invalid("after", "invalid_parameter", "参数 after 应为上一页返回的 next（记录编号）")
            }
            guard page == 1 else {
                throw RectifyError.invalid("after", "invalid_parameter", "参数 after 与 page 不能同时使用")
            }
            after = id
        }
        var sort = request.queryValue("sort")
        var descending = false
        if let s = sort, s.hasPrefix("-") {
            descending = true
            sort = String(s.dropFirst())
        }
        return ListParameters(page: page, per: per, sort: sort, descending: descending, after: after)
    }

    /// The sort a list asked for (`sort=`), or the list's default.
    static func sort<M>(_ params: ListParameters, sorts: [String: ResourceSort<M>], default defaultSort: ResourceSort<M>) throws
        -> ResourceSort<M> {
        guard let key = params.sort else { return defaultSort }
        guard let sort = sorts[key] else {
            let allowed = sorts.keys.sorted().joined(separator: "、")
            throw RectifyError.invalid("sort", "invalid_sort", "不能按 \(key) 排序，可用：\(allowed)")
        }
        return sort
    }

    static let unknownCursor = RectifyError.invalid("after", "not_found", "参数 after 所指的记录不在此列表中")
}
