import Fluent
import Foundation
import RectifyCore
@testable import RectifyServer
import Testing
import Vapor
import VaporTesting

extension ServerTests {
    /// The measure list is read straight into rows (`RowList`); what it answers must be what the
    /// Fluent path answers from models for every filter, sort, page and user, and its keyset pages
    /// (`after=`) must walk the same rows as its numbered pages.
    @Suite struct RowListTests {
        struct Built {
            let ledger: Ledger
            let round: UUID
            let otherRound: UUID
            let otherMeasure: UUID
        }

        /// Two rounds of the fixture's body (measures led by either unit, some supported by the other,
        /// some without a deadline, some under way) and a round of another body.
        static func build(_ app: Application) async throws -> Built {
            let ledger = try await Ledger.make(app)
            let fx = ledger.fx
            let round = try await ledger.inspection(feedbackDate: "2024-01-10")
            let second = try await ledger.inspection(title: "市委第四轮巡察", feedbackDate: "2024-02-10")
            var made: [MeasureDTO] = []
            for (r, inspection) in [round, second].enumerated() {
                for p in 0..<3 {
                    let problem = try await ledger.problem(inspection.id, title: "第\(r + 1)轮问题\(p + 1)：招标文件审查不严")
                    for m in 0..<3 {
                        var extra: [String: Any] = ["deadline": "2024-0\(4 + (p + m) % 3)-\(10 + m)"]
                        if m == 1 { extra["supportingUnitIds"] = [fx.unitB, fx.body] }
                        if m == 2 && p == 1 { extra = ["kind": "long_term"] }
                        made.append(try await ledger.measure(problem.id, text: m == 0 ? "制定招标文件审查规程" : "开展专项检查第\(m)项",
                                                             leadUnit: (p + m) % 2 == 0 ? fx.unitA : fx.unitB, extra: extra))
                    }
                }
            }
            for measure in made.enumerated().filter({ $0.offset % 4 == 0 }).map(\.element) {
                let moved = try await app.send(.PATCH, "/api/v1/measures/\(measure.id)", token: fx.token("office"),
                                               body: ["status": "in_progress"], headers: ifMatch(1))
                #expect(moved.status == .ok, "\(moved.body.string)")
            }
            let body = try await app.send(.POST, "/api/v1/organizations", token: fx.token("admin"),
                                          body: ["name": "市第二测试局党组", "kind": "body", "sector": "economy"])
            let bodyID = try body.dto(OrganizationDTO.self).id
            let other = try await ledger.inspection(title: "市委巡察（第二测试局）", body: bodyID, token: "admin")
            let problem = try await app.send(.POST, "/api/v1/problems", token: fx.token("admin"), body: [
                "inspectionId": other.id, "source": "inspection_feedback", "title": "他局问题：招标文件审查不严",
                "leadUnitId": bodyID, "deadline": "2024-06-30"])
            let measure = try await app.send(.POST, "/api/v1/measures", token: fx.token("admin"), body: [
                "problemId": try problem.dto(ProblemDTO.self).id, "text": "制定招标文件审查规程", "leadUnitId": bodyID,
                "deadline": "2024-05-20"])
            return Built(ledger: ledger, round: round.id, otherRound: other.id, otherMeasure: try measure.dto(MeasureDTO.self).id)
        }

        /// What the Fluent path answers: the resource's scope, filters and sort on models, then `dtos`.
        static func expected(_ app: Application, user: String, query: [String: String]) async throws -> (items: [MeasureDTO], total: Int) {
            let account = try #require(try await User.query(on: app.db).filter(\.$username == user).first())
            let access = try await AccessContext.load(for: account, now: Date()) { role, organization in
                try await AccessContext.scope(role: role, organization: organization, on: app.db)
            }
            let models = Measure.query(on: app.db)
            try await MeasureResource.scope(models, access, on: app.db)
            for filter in MeasureResource.filters {
                if let value = query[filter.name] { try filter.apply(models, value) }
            }
            var sortKey = query["sort"]
            let descending = sortKey?.hasPrefix("-") ?? false
            if descending { sortKey = String(sortKey!.dropFirst()) }
            let sort = sortKey.flatMap { MeasureResource.sorts[$0] } ?? MeasureResource.defaultSort
            sort.apply(models, descending ? .descending : .ascending)
            models.sort(\._$id, descending ? .descending : .ascending)
            let total = try await models.copy().count()
            let page = Int(query["page"] ?? "1")!, per = Int(query["per"] ?? "50")!
            let rows = try await models.offset((page - 1) * per).limit(per).all()
            return (try await MeasureResource.dtos(rows, on: app.db), total)
        }

        static func path(_ query: [String: String]) -> String {
            "/api/v1/measures?" + query.sorted { $0.key < $1.key }
                .map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.value)" }
                .joined(separator: "&")
        }

        @Test func rowsAnswerWhatModelsAnswerForEveryFilterSortPageAndUser() async throws {
            try await withApp { app in
                let built = try await Self.build(app)
                let fx = built.ledger.fx
                let queries: [[String: String]] = [
                    [:], ["status": "in_progress"], ["deadlineBefore": "2024-05-11"], ["inspectionId": built.round.uuidString],
                    ["inspectionId": built.otherRound.uuidString], ["leadUnitId": fx.unitB.uuidString], ["q": "审查规程"],
                    ["q": "专项检查", "sort": "-deadline"], ["sort": "deadline"], ["sort": "-progress", "per": "4", "page": "2"],
                    ["sort": "number", "status": "not_started"], ["kind": "long_term"], ["per": "3", "page": "3"],
                    ["per": "5", "page": "9"], ["status": "in_progress", "deadlineBefore": "2024-06-30", "per": "2"],
                ]
                var compared = 0
                for user in ["supervisor", "office", "leader", "reporterA", "reporterB"] {
                    for query in queries {
                        let response = try await app.send(.GET, Self.path(query), token: fx.token(user))
                        try #require(response.status == .ok, "\(user) \(query): \(response.body.string)")
                        let page = try response.dto(RectifyServer.Page<MeasureDTO>.self)
                        let expected = try await Self.expected(app, user: user, query: query)
                        #expect(page.items == expected.items, "\(user) \(query)")
                        #expect(page.total == expected.total, "\(user) \(query)")
                        compared += expected.items.count
                    }
                }
                #expect(compared > 200)
                // The other body's measure reaches only the roles that read every body.
                let all = try await app.send(.GET, "/api/v1/measures?per=200", token: fx.token("office"))
                #expect(try all.dto(RectifyServer.Page<MeasureDTO>.self).items.contains { $0.id == built.otherMeasure } == false)
                let supporting = try await app.send(.GET, "/api/v1/measures?per=200", token: fx.token("reporterB"))
                #expect(try supporting.dto(RectifyServer.Page<MeasureDTO>.self).items.contains { $0.supportingUnitIds == [fx.unitB, fx.body] })
            }
        }

        /// The reports list through rows against the Fluent path: each user's scope (a subquery of the
        /// measures'), its filters and sorts, evidence files attached in order, and its keyset walk.
        @Test func reportRowsAnswerWhatModelsAnswer() async throws {
            try await withApp { app in
                let built = try await Self.build(app)
                let fx = built.ledger.fx
                let measures = try await app.send(.GET, "/api/v1/measures?per=200", token: fx.token("office"))
                    .dto(RectifyServer.Page<MeasureDTO>.self).items
                var reports: [ProgressReportDTO] = []
                for (i, measure) in measures.enumerated() where measure.status != .closed && i % 2 == 0 {
                    let reporter = measure.leadUnitId == fx.unitA ? "reporterA" : "reporterB"
                    reports.append(try await built.ledger.report(measure.id, progress: 10 + i, token: reporter, text: "第\(i)次进展"))
                }
                for report in reports.prefix(3) {
                    let reporter = measures.first { $0.id == report.measureId }?.leadUnitId == fx.unitA ? "reporterA" : "reporterB"
                    for name in ["a.png", "b.png"] {
                        let upload = try await app.sendBytes(.POST, "/api/v1/progress-reports/\(report.id)/evidence?name=\(name)",
                                                             token: fx.token(reporter), bytes: EvidenceAPITests.png)
                        #expect(upload.status == .created, "\(upload.body.string)")
                    }
                }
                let queries: [[String: String]] = [
                    [:], ["measureId": reports[0].measureId.uuidString], ["reviewState": "submitted", "sort": "-reportDate"],
                    ["sort": "createdAt", "per": "3", "page": "2"], ["per": "4", "page": "3"],
                ]
                var withEvidence = 0
                for user in ["supervisor", "office", "reporterA", "reporterB"] {
                    let account = try #require(try await User.query(on: app.db).filter(\.$username == user).first())
                    let access = try await AccessContext.load(for: account, now: Date()) { role, organization in
                        try await AccessContext.scope(role: role, organization: organization, on: app.db)
                    }
                    for query in queries {
                        let response = try await app.send(.GET, "/api/v1/progress-reports?" + query.sorted { $0.key < $1.key }
                            .map { "\($0.key)=\($0.value)" }.joined(separator: "&"), token: fx.token(user))
                        try #require(response.status == .ok, "\(user) \(query): \(response.body.string)")
                        let page = try response.dto(RectifyServer.Page<ProgressReportDTO>.self)
                        let models = ProgressReport.query(on: app.db)
                        try await ProgressReportResource.scope(models, access, on: app.db)
                        for filter in ProgressReportResource.filters { if let value = query[filter.name] { try filter.apply(models, value) } }
                        var key = query["sort"]
                        let descending = key?.hasPrefix("-") ?? false
                        if descending { key = String(key!.dropFirst()) }
                        (key.flatMap { ProgressReportResource.sorts[$0] } ?? ProgressReportResource.defaultSort)
                            .apply(models, descending ? .descending : .ascending)
                        models.sort(\._$id, descending ? .descending : .ascending)
                        let total = try await models.copy().count()
                        let per = Int(query["per"] ?? "50")!, number = Int(query["page"] ?? "1")!
                        let expected = try await ProgressReportResource.dtos(
                            try await models.offset((number - 1) * per).limit(per).all(), on: app.db)
                        // As the API sends it: times in whole seconds.
                        let encoder = JSONEncoder()
                        encoder.dateEncodingStrategy = .iso8601
                        let decoder = JSONDecoder()
                        decoder.dateDecodingStrategy = .iso8601
                        let sent = try decoder.decode([ProgressReportDTO].self, from: try encoder.encode(expected))
                        #expect(page.items == sent, "\(user) \(query)")
                        #expect(page.total == total, "\(user) \(query)")
                        withEvidence += page.items.filter { $0.evidence.map(\.name) == ["a.png", "b.png"] }.count
                    }
                }
                #expect(withEvidence >= 3)
                var walked: [UUID] = []
                var after: UUID?
                repeat {
                    let page = try await app.send(.GET, "/api/v1/progress-reports?per=3" + (after.map { "&after=\($0)" } ?? ""),
                                                  token: fx.token("office")).dto(RectifyServer.Page<ProgressReportDTO>.self)
                    walked += page.items.map(\.id)
                    after = page.next
                } while after != nil && walked.count < 500
                let whole = try await app.send(.GET, "/api/v1/progress-reports?per=200", token: fx.token("office"))
                    .dto(RectifyServer.Page<ProgressReportDTO>.self)
                #expect(walked == whole.items.map(\.id) && walked.count == reports.count)
            }
        }

        /// The audit list, read as rows, holds what the log's models hold, filtered and in either order.
        @Test func auditRowsAnswerWhatModelsAnswer() async throws {
            try await withApp { app in
                let built = try await Self.build(app)
                let fx = built.ledger.fx
                let someMeasure = try #require(try await Measure.query(on: app.db).first()?.id)
                let queries: [(String, @Sendable (QueryBuilder<AuditEvent>) -> Void)] = [
                    ("per=7&page=2", { _ in }), ("entity=measure&order=asc&per=5", { $0.filter(\.$entity == "measure") }),
                    ("entityId=\(someMeasure)", { $0.filter(\.$entityID == someMeasure.uuidString) }),
                ]
                for (query, narrow) in queries {
                    let response = try await app.send(.GET, "/api/v1/audit?" + query, token: fx.token("supervisor"))
                    try #require(response.status == .ok, "\(query): \(response.body.string)")
                    let models = AuditEvent.query(on: app.db)
                    narrow(models)
                    models.sort(\.$id, query.contains("order=asc") ? .ascending : .descending)
                    let total = try await models.copy().count()
                    let per = query.contains("per=7") ? 7 : query.contains("per=5") ? 5 : 50
                    let expected = try await models.offset(query.contains("page=2") ? per : 0).limit(per).all()
                    let items = try response.items()
                    #expect(response.total == total, "\(query)")
                    #expect(items.count == expected.count && !items.isEmpty, "\(query)")
                    for (item, event) in zip(items, expected) {
                        #expect(item["sequence"] as? Int == event.id.map(Int.init), "\(query)")
                        #expect(item["hash"] as? String == event.hash && item["previousHash"] as? String == event.previousHash)
                        #expect(item["before"] as? String == event.before && item["after"] as? String == event.after)
                        #expect(item["action"] as? String == event.action && item["entityId"] as? String == event.entityID)
                        #expect(item["actorId"] as? String == event.actorID && item["requestId"] as? String == event.requestID)
                    }
                }
            }
        }

        /// Walks a list by `next` and returns its rows.
        static func walk(_ app: Application, _ base: String, token: String) async throws -> [MeasureDTO] {
            var rows: [MeasureDTO] = []
            var after: UUID?
            for _ in 0..<100 {
                let response = try await app.send(.GET, base + (after.map { "&after=\($0)" } ?? ""), token: token)
                try #require(response.status == .ok, "\(response.body.string)")
                let page = try response.dto(RectifyServer.Page<MeasureDTO>.self)
                rows += page.items
                guard let next = page.next else { return rows }
                #expect(next == page.items.last?.id)
                after = next
            }
            Issue.record("the walk did not end")
            return rows
        }

        @Test func keysetPagesWalkTheSameRowsAsNumberedPages() async throws {
            try await withApp { app in
                let built = try await Self.build(app)
                let fx = built.ledger.fx
                for (user, filter) in [("office", ""), ("supervisor", ""), ("supervisor", "&status=not_started"), ("reporterB", ""),
                                       ("office", "&sort=-number"), ("office", "&sort=progress"), ("office", "&q=\("专项检查".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)")] {
                    let whole = try await app.send(.GET, "/api/v1/measures?per=200" + filter, token: fx.token(user))
                    let expected = try whole.dto(RectifyServer.Page<MeasureDTO>.self)
                    #expect(expected.next == nil)
                    let walked = try await Self.walk(app, "/api/v1/measures?per=2" + filter, token: fx.token(user))
                    #expect(walked.map(\.id) == expected.items.map(\.id), "\(user)\(filter)")
                    #expect(walked.count == expected.total && expected.total > 0)
                }
                // Numbered pages name the next cursor while rows follow.
                let first = try await app.send(.GET, "/api/v1/measures?per=5", token: fx.token("office")).dto(RectifyServer.Page<MeasureDTO>.self)
                #expect(first.next == first.items.last?.id)
                let last = try await app.send(.GET, "/api/v1/measures?per=5&page=4", token: fx.token("office")).dto(RectifyServer.Page<MeasureDTO>.self)
                #expect(last.items.count == 3 && last.next == nil)
            }
        }

        @Test func aCursorIsRefusedWhereItCannotBeFollowed() async throws {
            try await withApp { app in
                let built = try await Self.build(app)
                let fx = built.ledger.fx
                let first = try await app.send(.GET, "/api/v1/measures?per=2", token: fx.token("office")).dto(RectifyServer.Page<MeasureDTO>.self)
                let cursor = try #require(first.next)
                let refused: [(String, String, String)] = [
                    ("/api/v1/measures?after=\(cursor)&page=2", "office", "invalid_parameter"),
                    ("/api/v1/measures?after=\(cursor)&sort=deadline", "office", "invalid_parameter"),
                    ("/api/v1/measures?after=not-an-id", "office", "invalid_parameter"),
                    ("/api/v1/measures?after=\(UUID())", "office", "not_found"),
                    // Another body's measure is no cursor for the office: its place in the order is not told.
                    ("/api/v1/measures?after=\(built.otherMeasure)", "office", "not_found"),
                    // Measures a unit neither leads nor supports are none of its cursors either.
                    ("/api/v1/measures?after=\(built.otherMeasure)", "reporterA", "not_found"),
                    ("/api/v1/problems?after=\(cursor)", "office", "invalid_parameter"),
                ]
                for (path, user, code) in refused {
                    let response = try await app.send(.GET, path, token: fx.token(user))
                    #expect(response.status == .unprocessableEntity, "\(path): \(response.status)")
                    #expect(response.errorFieldCodes == [code], "\(path): \(response.body.string)")
                }
                let followed = try await app.send(.GET, "/api/v1/measures?after=\(built.otherMeasure)", token: fx.token("supervisor"))
                #expect(followed.status == .ok)
            }
        }

        /// The measure list is one statement whatever its filters; a user of one body's also reads the
        /// ledger's revision, which keeps what the user's unit sees.
        @Test func theMeasureListIsOneStatement() async throws {
            try await withApp { app in
                let built = try await Self.build(app)
                let fx = built.ledger.fx
                for (user, path) in [("supervisor", "/api/v1/measures?per=50&status=in_progress&deadlineBefore=2024-06-30"),
                                     ("supervisor", "/api/v1/measures?inspectionId=\(built.round)&per=1"),
                                     ("office", "/api/v1/measures?per=3&sort=-number"), ("reporterB", "/api/v1/measures?per=50")] {
                    _ = try await app.send(.GET, path, token: fx.token(user))
                    let before = app.databaseMeter.statements
                    let response = try await app.send(.GET, path, token: fx.token(user))
                    #expect(response.status == .ok)
                    #expect(app.databaseMeter.statements - before == (user == "supervisor" ? 1 : 2), "\(user) \(path)")
                }
            }
        }
    }
}
