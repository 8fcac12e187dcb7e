import RectifyCore

/// A field of government or the economy (教育, 卫生健康, 国有企业 …): the kinds of body in it, the
/// problems typical of it, and the problems planted across its bodies – common problems worded
/// alike (共性问题) and one problem worded identically (a copied finding).
struct Sector: Sendable {
    /// A task the secretary's special meeting assigns (书记专题会交办事项): a title starting with 要
    /// and the demand as its description; both may hold placeholders.
    struct Task: Sendable {
        let title: String
        /// The matter, as {X} in the measures that answer it ("城中村改造").
        let subject: String
        let demand: String
    }

    /// Also the body's stored sector (organizations.sector); its label is the sector's name.
    let key: BodySector
    /// The field as {S} reads in wording ("教育", "卫生健康").
    let field: String
    let kinds: [BodyKind]
    let themes: [ProblemTheme]
    /// Each appears in about two thirds of the sector's bodies in their latest round, worded alike.
    let common: [ProblemTheme]
    /// Appears word for word in every other body of the sector in its latest round.
    let duplicate: ProblemTheme
    let tasks: [Task]
    let feedback: [String]
}
