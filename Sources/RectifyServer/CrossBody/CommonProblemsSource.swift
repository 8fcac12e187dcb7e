import Fluent
import Foundation
import NIOPosix
import RectifyCore
import SQLKit

/// Loads the problems a search for common problems compares, in two statements (the rounds in
/// scope with their bodies, then those rounds' problems up to a cap), and groups them.
enum CommonProblemsSource {
    /// Problems one request compares: grouping compares every pair within a category.
    static let problemCap = 3000

    struct Round: Sendable {
        let id: UUID
        let title: String
        let feedbackDate: String
        let bodyID: UUID
        let bodyName: String
    }

    static func load(_ request: CommonProblemsRequest, today: Day, on db: Database) async throws -> CommonProblemsResult {
        let rounds = try await self.rounds(request, on: db)
        let roundByID = Dictionary(uniqueKeysWithValues: rounds.map { ($0.id, $0) })
        var bodyNames: [UUID: String] = [:]
        for round in rounds { bodyNames[round.bodyID] = round.bodyName }
        guard !rounds.isEmpty else {
            return CommonProblemsResult(groups: [], members: [:], bodyNames: [:], rounds: 0, problems: 0, capped: false)
        }
        let rows = try await db.sql.select()
            .column("id").column("inspection_id").column("category").column("aspect").column("label").column("title")
            .column("description").column("status").column("deadline")
            .from(Problem.schema)
            .where("inspection_id", .in, SQLBind.group(rounds.map(\.id)))
            .orderBy("inspection_id").orderBy("id")
            .limit(problemCap + 1)
            .all()
        let capped = rows.count > problemCap
        var items: [CommonProblemItem] = []
        var members: [UUID: CommonProblemsResult.Member] = [:]
        for row in rows.prefix(problemCap) {
            let id = try row.decode(column: "id", as: UUID.self)
            guard let round = roundByID[try row.decode(column: "inspection_id", as: UUID.self)] else { continue }
            let status = RectificationStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .notStarted
            let deadline = try row.decode(column: "deadline", as: String?.self).flatMap(Day.init(iso:))
            let overdue = status.isOpen && deadline.map { $0 < today } == true
            let title = try row.decode(column: "title", as: String.self)
            items.append(CommonProblemItem(
                problemID: id, bodyID: round.bodyID, roundID: round.id, category: try row.decode(column: "category", as: String?.self),
                aspect: try row.decode(column: "aspect", as: String?.self), title: title,
                description: try row.decode(column: "description", as: String?.self), status: status, overdue: overdue))
            members[id] = .init(problemID: id, bodyID: round.bodyID, bodyName: round.bodyName, roundID: round.id, roundTitle: round.title,
                                label: try row.decode(column: "label", as: String.self), title: title, status: status, overdue: overdue)
        }
        // Thousands of comparisons: on the thread pool, so the event loop keeps serving other requests.
        let (threshold, minimumBodies, compared) = (request.threshold, request.minimumBodies, items)
        let groups = try await NIOThreadPool.singleton.runIfActive {
            CommonProblemGrouping.group(compared, threshold: threshold, minimumBodies: minimumBodies)
        }
        return CommonProblemsResult(groups: sorted(groups, by: request.sort), members: members, bodyNames: bodyNames,
                                    rounds: Set(items.map(\.roundID)).count, problems: items.count, capped: capped)
    }

    /// Most first for counts and shares (the grouping's order on a tie), by category otherwise.
    static func sorted(_ groups: [CommonProblemGroup], by sort: CommonProblemsRequest.Sort) -> [CommonProblemGroup] {
        let order = Dictionary(uniqueKeysWithValues: groups.enumerated().map { ($0.element.representative, $0.offset) })
        func key(_ g: CommonProblemGroup) -> Double {
            switch sort {
            case .bodies: -Double(g.bodyCount)
            case .problems: -Double(g.problemCount)
            case .overdue: -g.overdueShare
            case .category: 0
            }
        }
        return groups.sorted { a, b in
            if sort == .category, (a.category ?? "") != (b.category ?? "") { return (a.category ?? "") < (b.category ?? "") }
            if key(a) != key(b) { return key(a) < key(b) }
            return order[a.representative]! < order[b.representative]!
        }
    }

    /// The rounds in scope, one statement: named rounds, or the rounds fed back in a year, or else
    /// each body's latest round; of bodies of the sector when one is chosen.
    static func rounds(_ request: CommonProblemsRequest, on db: Database) async throws -> [Round] {
        let query = try db.sql.select()
            .column(SQLColumn("id", table: Inspection.schema)).column(SQLColumn("title", table: Inspection.schema))
            .column(SQLColumn("feedback_date", table: Inspection.schema))
            .column(SQLColumn("inspected_body_id", table: Inspection.schema))
            .column(SQLColumn("name", table: Organization.schema), as: "body_name")
            .from(Inspection.schema)
            .join(SQLIdentifier(Organization.schema), method: SQLJoinMethod.inner,
                  on: SQLColumn("id", table: Organization.schema), .equal, SQLColumn("inspected_body_id", table: Inspection.schema))
        if let sector = request.sector { query.where(SQLColumn("sector", table: Organization.schema), .equal, SQLBind(sector.rawValue)) }
        if !request.rounds.isEmpty { query.where(SQLColumn("id", table: Inspection.schema), .in, SQLBind.group(request.rounds)) }
        if let year = request.year {
            query.where(SQLColumn("feedback_date", table: Inspection.schema), .greaterThanOrEqual, SQLBind("\(year)-01-01"))
                .where(SQLColumn("feedback_date", table: Inspection.schema), .lessThanOrEqual, SQLBind("\(year)-12-31"))
        }
        let rounds = try await query.all().map { row in
            Round(id: try row.decode(column: "id", as: UUID.self), title: try row.decode(column: "title", as: String.self),
                  feedbackDate: try row.decode(column: "feedback_date", as: String?.self) ?? "",
                  bodyID: try row.decode(column: "inspected_body_id", as: UUID.self),
                  bodyName: try row.decode(column: "body_name", as: String.self))
        }
        guard request.rounds.isEmpty, request.year == nil else { return rounds }
        var latest: [UUID: Round] = [:]
        for round in rounds {
            if let kept = latest[round.bodyID], (kept.feedbackDate, kept.id.uuidString) >= (round.feedbackDate, round.id.uuidString) { continue }
            latest[round.bodyID] = round
        }
        return Array(latest.values)
    }
}
