/// Where a paged list on a page stands, with links to the pages before and after.
struct Pager: Encodable, Sendable {
    let total: Int
    let page: Int
    let pages: Int
    let prev: String?
    let next: String?

    /// The page asked for (kept within the pages that exist) of `total` items `per` page, and the
    /// range of items it shows; `link` gives the address of a page by its number.
    static func make(total: Int, per: Int, requested: Int?, link: (Int) -> String) -> (Pager, Range<Int>) {
        let pages = max(1, (total + per - 1) / per)
        let page = Self.page(requested, pages: pages)
        let pager = Pager(total: total, page: page, pages: pages,
                          prev: page > 1 ? link(page - 1) : nil, next: page < pages ? link(page + 1) : nil)
        return (pager, ((page - 1) * per)..<(page * per))
    }

    /// The page `make` shows for `requested` among `pages`.
    static func page(_ requested: Int?, pages: Int) -> Int {
        min(max(1, requested ?? 1), pages)
    }

    /// The page `make` shows for `requested` of `total` items `per` page.
    static func page(_ requested: Int?, total: Int, per: Int) -> Int {
        page(requested, pages: max(1, (total + per - 1) / per))
    }
}
