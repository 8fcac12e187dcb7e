import RectifyCore

/// The specifics one problem's wording is filled with (counts, an amount, a year, a unit), drawn
/// once so a part that says {N} twice says the same number, plus what the body and theme give.
struct Figures {
    /// What stays the same for every problem of a body.
    struct Body {
        let field: String
        let organ: String
        /// 县, 市 or 区, as in 全县.
        let level: String
        let units: [String]
    }

    let body: Body
    let subject: String
    let n: Int, k: Int, m: Int, p: Int
    /// Hundredths of 万元, so the text is exact without floating point.
    let amount: Int
    let year: Int
    let unit: String

    init(_ rng: inout SeededGenerator, body: Body, subject: String, feedbackYear: Int) {
        self.body = body
        self.subject = subject
        n = rng.int(2...9); k = rng.int(10...20); m = rng.int(21...320); p = rng.int(20...75)
        amount = rng.int(100...99_999)
        year = feedbackYear - rng.int(1...2)
        unit = rng.pick(body.units)
    }

    private init(body: Body, subject: String, n: Int, k: Int, m: Int, p: Int, amount: Int, year: Int, unit: String) {
        self.body = body; self.subject = subject
        self.n = n; self.k = k; self.m = m; self.p = p; self.amount = amount; self.year = year; self.unit = unit
    }

    /// Other figures in the same ranges, derived without drawing, so a repeat composed from the
    /// same choices stays in step: for a second finding in one description.
    var other: Figures {
        Figures(body: body, subject: subject, n: 2 + (n + 3) % 8, k: 10 + (k + 5) % 11, m: 21 + (m * 7) % 300, p: 20 + (p + 23) % 56,
                amount: 100 + (amount * 37) % 99_900, year: year, unit: unit)
    }

    /// The template with every placeholder replaced; unknown braces are kept as written.
    func fill(_ template: String) -> String {
        guard template.contains("{") else { return template }
        var out = ""
        out.reserveCapacity(template.utf8.count + 16)
        var chars = template.makeIterator()
        while let c = chars.next() {
            guard c == "{" else { out.append(c); continue }
            guard let key = chars.next() else { out.append(c); break }
            guard let close = chars.next() else { out.append(c); out.append(key); break }
            guard close == "}", let value = value(key) else { out.append(c); out.append(key); out.append(close); continue }
            out += value
        }
        return out
    }

    private func value(_ key: Character) -> String? {
        switch key {
        case "N": String(n)
        case "K": String(k)
        case "M": String(m)
        case "P": String(p)
        case "W": "\(amount / 100).\(amount % 100 < 10 ? "0" : "")\(amount % 100)"
        case "Y": String(year)
        case "U": unit
        case "A": body.level
        case "S": body.field
        case "O": body.organ
        case "X": subject
        default: nil
        }
    }
}
