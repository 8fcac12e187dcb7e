/// One kind of problem an inspection finds, as the parts its wording is composed from: a title is
/// one of `titles`; a description is an opener, one or two `findings` and an `effect`. Parts may
/// hold placeholders that `Figures` fills per problem: {N} 2–9, {K} 10–20, {M} 21–320 (so N < K < M
/// in one sentence), {W} an amount in 万元, {Y} a year before the feedback, {P} a percentage, {U} one
/// of the body's units, {A} the region's level (县, 市, 区), {S} the sector's field, {O} the body's
/// Party organ (党组, 党委, 党工委).
struct ProblemTheme: Sendable {
    /// Stable name of the theme, e.g. `edu.books`; planted groups are keyed by it.
    let key: String
    /// The 方面 (stored as the problem's category) and the 类 within it (stored as its aspect).
    let category: String
    let aspect: String
    let titles: [String]
    let findings: [String]
    let effects: [String]
    /// The matter the theme is about, as a noun phrase for measures, reports and registers
    /// ("教辅资料征订", "公务接待").
    let subject: String
    /// Theme-specific measures (a verb phrase without the final 。), mixed with the generic ones.
    var remedies: [String] = []
    /// Openers of the description; nil means the generic ones.
    var openers: [String]? = nil
}

/// The four 方面 of a 巡察 feedback, in the order reports list them.
enum InspectionAspect {
    static let policy = "贯彻落实党的路线方针政策和党中央决策部署方面"
    static let discipline = "落实全面从严治党战略部署方面"
    static let organization = "落实新时代党的组织路线方面"
    static let rectification = "落实巡察、审计等监督发现问题整改方面"
    static let order = [policy, discipline, organization, rectification]
}
