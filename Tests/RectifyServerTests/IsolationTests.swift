import Foundation
import RectifyCore
import RectifyDocuments
@testable import RectifyServer
import Testing
import Vapor
import VaporTesting

extension ServerTests {
    /// The holes a probe of every route found between bodies and between units (issue 16), one test
    /// each; every one of them failed before its fix. The generated suite over every route is
    /// `AuthorizationMatrixTests`.
    @Suite struct IsolationTests {
        /// A second inspected body, built by the administrator: a unit, a person, a round with a
        /// problem and a measure, and an office user of its own.
        struct OtherBody {
            let body: UUID, unit: UUID, person: UUID, inspection: UUID, problem: UUID, measure: UUID
            let officeToken: String
        }

        static func created(_ response: TestingHTTPResponse, _ what: String) throws -> UUID {
            try AuthorizationMatrixTests.created(response, what)
        }

        static func otherBody(_ ledger: Ledger, name: String = "交通局") async throws -> OtherBody {
            let ids = try await AuthorizationMatrixTests.otherBody(ledger.app, ledger, name: name)
            let office = try await Fixture.makeUser(ledger.app, name: "office-\(name)", role: .office, organization: ids["body"]!)
            return OtherBody(body: ids["body"]!, unit: ids["organizations"]!, person: ids["people"]!, inspection: ids["inspections"]!,
                             problem: ids["problems"]!, measure: ids["measures"]!, officeToken: office)
        }

        static func organization(_ app: Application, _ id: UUID, token: String) async throws -> [String: Any] {
            let res = try await app.send(.GET, "/api/v1/organizations/\(id)", token: token)
            try #require(res.status == .ok, "organization \(id): \(res.status)")
            return try res.json()
        }

        // 1
        @Test func anOfficeCannotMoveItsBodyOrItsUnitsUnderAnotherBody() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let fx = ledger.fx, office = fx.token("office"), admin = fx.token("admin")
                let round = try await ledger.inspection()
                let other = try await Self.otherBody(ledger)
                let audit = try await app.auditTotal(fx)

                let takeover = try await app.send(.PATCH, "/api/v1/organizations/\(fx.body)", token: office,
                                                  body: ["parentId": other.body, "version": 1])
                #expect(takeover.status.code >= 400 && takeover.status.code < 500, "\(takeover.status)")
                let moveUnit = try await app.send(.PATCH, "/api/v1/organizations/\(fx.unitA)", token: office,
                                                  body: ["parentId": other.unit, "version": 1])
                #expect(moveUnit.status.code >= 400 && moveUnit.status.code < 500, "\(moveUnit.status)")
                let adopt = try await app.send(.POST, "/api/v1/organizations", token: office,
                                               body: ["name": "新设科室", "kind": "department", "parentId": other.body])
                #expect(adopt.status == .unprocessableEntity)
                let newTop = try await app.send(.POST, "/api/v1/organizations", token: office, body: ["name": "另立单位", "kind": "body"])
                #expect(newTop.status == .forbidden)
                #expect(try await app.auditTotal(fx) == audit)
                #expect(try await Self.organization(app, fx.body, token: admin)["parentId"] == nil)
                #expect(try await Self.organization(app, fx.unitA, token: admin)["parentId"] as? String == fx.body.uuidString)

                // The office still reaches its own round and not the other body's.
                let rounds = try await app.send(.GET, "/api/v1/inspections?per=200", token: office)
                #expect(try rounds.items().compactMap { $0["id"] as? String } == [round.id.uuidString])
                // A round belongs to the body itself: one named on a unit would vanish from the office's own view.
                let onUnit = try await app.send(.POST, "/api/v1/inspections", token: office, body: [
                    "title": "科室轮次", "inspectingGroup": "市委第一巡察组", "inspectedBodyId": fx.unitA])
                #expect(onUnit.status == .unprocessableEntity && onUnit.errorFields == ["inspectedBodyId"])
                // Within its own body it may rearrange its units.
                let within = try await app.send(.PATCH, "/api/v1/organizations/\(fx.unitA)", token: office,
                                                body: ["parentId": fx.unitB, "version": 1])
                #expect(within.status == .ok, "\(within.body.string)")
            }
        }

        // 2 and 3
        @Test func peopleAndUnitsOfAnotherBodyAreNeitherReadNorWritten() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let fx = ledger.fx, office = fx.token("office")
                let other = try await Self.otherBody(ledger)
                let own = try await ledger.person("李青", organization: fx.unitA)
                let audit = try await app.auditTotal(fx)

                #expect(try await app.send(.GET, "/api/v1/people/\(other.person)", token: office).status == .notFound)
                #expect(try await app.send(.PATCH, "/api/v1/people/\(other.person)", token: office,
                                           body: ["title": "改写", "version": 1]).status == .notFound)
                #expect(try await app.send(.PATCH, "/api/v1/people/\(other.person)", token: office,
                                           body: ["organizationId": fx.unitA, "version": 1]).status == .notFound)
                #expect(try await app.send(.DELETE, "/api/v1/people/\(other.person)", token: office, headers: ifMatch(1)).status == .notFound)
                #expect(try await app.send(.POST, "/api/v1/people", token: office,
                                           body: ["name": "外派", "organizationId": other.unit]).status == .unprocessableEntity)
                #expect(try await app.send(.PATCH, "/api/v1/people/\(own.id)", token: office,
                                           body: ["organizationId": other.unit, "version": 1]).status == .unprocessableEntity)
                #expect(try await app.auditTotal(fx) == audit)
                let stored = try await app.send(.GET, "/api/v1/people/\(other.person)", token: fx.token("admin"))
                #expect(try stored.json()["organizationId"] as? String == other.unit.uuidString)

                let otherIDs: Set<String> = [other.person, other.body, other.unit].map(\.uuidString).reduce(into: []) { $0.insert($1) }
                for user in ["office", "leader", "reporterA"] {
                    let people = try await app.send(.GET, "/api/v1/people?per=200", token: fx.token(user))
                    let ids = try people.items().compactMap { $0["id"] as? String }
                    #expect(ids.contains(own.id.uuidString), "\(user)")
                    #expect(otherIDs.isDisjoint(with: ids), "\(user) reads another body's people")
                    #expect(people.total == ids.count)
                    let units = try await app.send(.GET, "/api/v1/organizations?per=200", token: fx.token(user))
                    let unitIDs = try units.items().compactMap { $0["id"] as? String }
                    #expect(Set(unitIDs) == Set([fx.body, fx.unitA, fx.unitB].map(\.uuidString)), "\(user)")
                    #expect(units.total == 3)
                    #expect(try await app.send(.GET, "/api/v1/organizations/\(other.unit)", token: fx.token(user)).status == .notFound)
                }
                // The other body's own office reads its people, and supervisors read everyone.
                let theirs = try await app.send(.GET, "/api/v1/people?per=200", token: other.officeToken)
                #expect(try theirs.items().compactMap { $0["id"] as? String } == [other.person.uuidString])
                let all = try await app.send(.GET, "/api/v1/people?per=200", token: fx.token("supervisor"))
                #expect(all.total == 2)
            }
        }

        /// A problem with a measure of unit A and one of unit B, each with a report and an evidence file,
        /// and a notice naming both measures.
        struct TwoUnits { let problem: UUID; let measureA: UUID; let measureB: UUID; let notice: UUID }

        static let textB = "财务科专项清理往来款项"
        static let evidenceB = "财务科往来款清理台账.pdf"

        static func twoUnits(_ ledger: Ledger) async throws -> TwoUnits {
            let app = ledger.app, fx = ledger.fx
            let round = try await ledger.inspection()
            let problem = try await ledger.problem(round.id)
            let a = try await ledger.measure(problem.id, text: "办公室修订公务接待制度")
            let b = try await ledger.measure(problem.id, text: textB, leadUnit: fx.unitB)
            let reportA = try await ledger.report(a.id, progress: 50)
            let reportB = try await ledger.report(b.id, progress: 50, token: "reporterB")
            for (report, token, name) in [(reportA.id, "reporterA", "办公室接待制度.pdf"), (reportB.id, "reporterB", evidenceB)] {
                let upload = try await app.sendMultipart("/api/v1/progress-reports/\(report)/evidence", token: fx.token(token),
                                                         filename: name, bytes: Data("%PDF-1.4\n".utf8))
                try #require(upload.status == .created)
            }
            let notice = try created(try await app.send(.POST, "/api/v1/reminder-notices", token: fx.token("office"), body: [
                "inspectionId": round.id, "title": "关于加快整改进度的提示", "recipients": ["办公室", "财务科"],
                "body": "下列整改措施临近整改期限：\n1. 办公室修订公务接待制度\n2. \(textB)（牵头单位：财务科）\n请抓紧推进。",
                "items": [["measureId": a.id], ["measureId": b.id, "workingDaysLate": 3]]]), "notice")
            return TwoUnits(problem: problem.id, measureA: a.id, measureB: b.id, notice: notice)
        }

        // 4
        @Test func aUnitSeesOnlyItsOwnItemsOfANotice() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let fx = ledger.fx
                let world = try await Self.twoUnits(ledger)
                let reporter = fx.token("reporterA")

                let one = try await app.send(.GET, "/api/v1/reminder-notices/\(world.notice)", token: reporter)
                let items = (try one.json()["items"] as? [[String: Any]] ?? []).compactMap { $0["measureId"] as? String }
                #expect(items == [world.measureA.uuidString])
                let list = try await app.send(.GET, "/api/v1/reminder-notices", token: reporter)
                let listed = (try list.items().first?["items"] as? [[String: Any]] ?? []).compactMap { $0["measureId"] as? String }
                #expect(listed == [world.measureA.uuidString])
                let answered = try await app.send(.PATCH, "/api/v1/reminder-notices/\(world.notice)", token: reporter,
                                                  body: ["state": "read", "version": 1])
                #expect(answered.status == .ok)
                #expect((try answered.json()["items"] as? [[String: Any]])?.count == 1)
                let office = try await app.send(.GET, "/api/v1/reminder-notices/\(world.notice)", token: fx.token("office"))
                #expect((try office.json()["items"] as? [[String: Any]])?.count == 2)

                let document = try await app.send(.GET, "/api/v1/reminder-notices/\(world.notice)/document", token: reporter)
                let text = try DocxTextExtractor.paragraphs(from: Data(buffer: document.body)).joined(separator: "\n")
                #expect(text.contains("办公室修订公务接待制度"))
                #expect(!text.contains(Self.textB))
                let officeDocument = try await app.send(.GET, "/api/v1/reminder-notices/\(world.notice)/document", token: fx.token("office"))
                #expect(try DocxTextExtractor.paragraphs(from: Data(buffer: officeDocument.body)).joined().contains(Self.textB))

                // The notice's text lists every item too; a unit's copy leaves those lines out.
                #expect(!(try one.json()["body"] as? String ?? "").contains(Self.textB))
                #expect((try one.json()["body"] as? String ?? "").contains("请抓紧推进"))
                #expect((try office.json()["body"] as? String ?? "").contains(Self.textB))
                let page = try await app.send(.GET, "/notices/\(world.notice)", headers: try await PageTests.signIn(app, "reporterA", "password-reporterA"))
                #expect(page.status == .ok)
                #expect(page.body.string.contains("办公室修订公务接待制度"))
                #expect(!page.body.string.contains(Self.textB))
            }
        }

        // 5
        @Test func aUnitsCloseOutSlipHoldsOnlyItsMeasuresAndEvidence() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let fx = ledger.fx
                let world = try await Self.twoUnits(ledger)
                func slip(_ token: String) async throws -> String {
                    let res = try await app.send(.GET, "/api/v1/problems/\(world.problem)/close-out-slip", token: fx.token(token))
                    try #require(res.status == .ok)
                    return try DocxTextExtractor.paragraphs(from: Data(buffer: res.body)).joined(separator: "\n")
                }
                let unit = try await slip("reporterA")
                #expect(unit.contains("办公室修订公务接待制度") && unit.contains("办公室接待制度.pdf"))
                #expect(!unit.contains(Self.textB) && !unit.contains(Self.evidenceB))
                let office = try await slip("office")
                #expect(office.contains(Self.textB) && office.contains(Self.evidenceB))
            }
        }

        /// Each addressee unit answers a notice for itself: one unit neither reads nor overwrites another's
        /// reply, in the API or the page; the office reads them all. (A notice had one reply, shared.)
        @Test func eachUnitAnswersANoticeForItself() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let fx = ledger.fx
                let world = try await Self.twoUnits(ledger)
                let path = "/api/v1/reminder-notices/\(world.notice)"
                func reply(_ token: String, _ text: String) async throws -> TestingHTTPResponse {
                    let version = try await app.send(.GET, path, token: fx.token(token)).json()["version"] as? Int ?? 0
                    return try await app.send(.PATCH, path, token: fx.token(token), body: ["reply": text, "version": version])
                }
                #expect(try await reply("reporterA", "办公室已完成接待制度修订").status == .ok)
                let b = try await reply("reporterB", "财务科正在清理往来款项")
                #expect(b.status == .ok)
                #expect(try b.dto(ReminderNoticeDTO.self).reply == "财务科正在清理往来款项")
                #expect(try b.dto(ReminderNoticeDTO.self).replies.map(\.text) == ["财务科正在清理往来款项"])

                let seenByA = try await app.send(.GET, path, token: fx.token("reporterA"))
                #expect(try seenByA.dto(ReminderNoticeDTO.self).reply == "办公室已完成接待制度修订")
                #expect(!seenByA.body.string.contains("财务科正在清理往来款项"))
                let listByB = try await app.send(.GET, "/api/v1/reminder-notices", token: fx.token("reporterB"))
                #expect(!listByB.body.string.contains("办公室已完成接待制度修订"))
                let office = try await app.send(.GET, path, token: fx.token("office")).dto(ReminderNoticeDTO.self)
                #expect(Set(office.replies.map(\.text)) == ["办公室已完成接待制度修订", "财务科正在清理往来款项"])
                #expect(office.reply?.contains("办公室：办公室已完成接待制度修订") == true)

                // B answers again: its own reply changes, A's stays.
                #expect(try await reply("reporterB", "财务科已清理完毕").status == .ok)
                let again = try await app.send(.GET, path, token: fx.token("office")).dto(ReminderNoticeDTO.self)
                #expect(Set(again.replies.map(\.text)) == ["办公室已完成接待制度修订", "财务科已清理完毕"])
            }
        }

        // 6
        @Test func supervisorsVerifyButDoNotAnswerNotices() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let world = try await Self.twoUnits(ledger)
                let supervisor = try await app.send(.PATCH, "/api/v1/reminder-notices/\(world.notice)", token: ledger.fx.token("supervisor"),
                                                    body: ["state": "replied", "reply": "已阅", "version": 1])
                #expect(supervisor.status == .forbidden)
                #expect(try await app.send(.GET, "/api/v1/reminder-notices/\(world.notice)", token: ledger.fx.token("supervisor")).status == .ok)
                let document = try await app.send(.GET, "/api/v1/openapi.json").json()
                let paths = try #require(document["paths"] as? [String: [String: Any]])
                let patch = try #require(paths["/reminder-notices/{id}"]?["patch"] as? [String: Any])
                #expect(!(patch["x-roles"] as? [String] ?? []).contains("supervisor"))
            }
        }

        // 7
        @Test func aSupportingUnitCannotRewriteTheLeadUnitsReport() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let fx = ledger.fx
                let round = try await ledger.inspection()
                let problem = try await ledger.problem(round.id)
                let measure = try await ledger.measure(problem.id, text: "财务科牵头的措施", leadUnit: fx.unitB,
                                                       extra: ["supportingUnitIds": [fx.unitA]])
                let report = try await ledger.report(measure.id, progress: 40, token: "reporterB", text: "财务科填报的进展")
                #expect(try await app.send(.GET, "/api/v1/progress-reports/\(report.id)", token: fx.token("reporterA")).status == .ok)
                let rewrite = try await app.send(.PATCH, "/api/v1/progress-reports/\(report.id)", token: fx.token("reporterA"),
                                                 body: ["text": "办公室改写", "progress": 90, "version": 1])
                #expect(rewrite.status == .forbidden)
                let upload = try await app.sendMultipart("/api/v1/progress-reports/\(report.id)/evidence", token: fx.token("reporterA"),
                                                         filename: "x.pdf", bytes: Data("%PDF-1.4\n".utf8))
                #expect(upload.status == .forbidden)
                let stored = try await app.send(.GET, "/api/v1/progress-reports/\(report.id)", token: fx.token("office"))
                #expect(try stored.json()["text"] as? String == "财务科填报的进展")
                // The supporting unit reports on its own, and the lead unit still edits its report.
                _ = try await ledger.report(measure.id, progress: 45)
                let own = try await app.send(.PATCH, "/api/v1/progress-reports/\(report.id)", token: fx.token("reporterB"),
                                             body: ["text": "财务科补充", "version": 1])
                #expect(own.status == .ok)
            }
        }

        // 8
        @Test func rowsOfOneBodyCannotNameAnotherBodysUnitsOrPeople() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let fx = ledger.fx
                let round = try await ledger.inspection()
                let problem = try await ledger.problem(round.id)
                let measure = try await ledger.measure(problem.id)
                let other = try await Self.otherBody(ledger)
                let audit = try await app.auditTotal(fx)
                let refused: [(String, HTTPMethod, String, [String: Any])] = [
                    ("office", .POST, "/api/v1/problems", ["inspectionId": round.id, "source": "inspection_feedback", "title": "甲", "leadUnitId": other.unit]),
                    ("office", .POST, "/api/v1/problems", ["inspectionId": round.id, "source": "inspection_feedback", "title": "乙", "leaderIds": [other.person]]),
                    ("office", .POST, "/api/v1/measures", ["problemId": problem.id, "text": "丙", "leadUnitId": other.unit, "deadline": "2024-05-31"]),
                    ("office", .POST, "/api/v1/measures", ["problemId": problem.id, "text": "丁", "leaderId": other.person, "deadline": "2024-05-31"]),
                    ("office", .POST, "/api/v1/measures", ["problemId": problem.id, "text": "戊", "supportingUnitIds": [fx.unitB, other.unit], "deadline": "2024-05-31"]),
                    ("office", .PATCH, "/api/v1/measures/\(measure.id)", ["leadUnitId": other.unit, "version": 1]),
                    ("office", .PATCH, "/api/v1/problems/\(problem.id)", ["leaderIds": [other.person], "version": 1]),
                    ("office", .POST, "/api/v1/accountability-records", ["inspectionId": round.id, "personName": "赵立", "personId": other.person,
                                                                        "rank": "division", "form": "admonition", "decidedOn": "2024-03-01"]),
                    // Whoever writes: the administrator cannot cross bodies in one row either.
                    ("admin", .POST, "/api/v1/measures", ["problemId": problem.id, "text": "己", "leadUnitId": other.unit, "deadline": "2024-05-31"]),
                    ("admin", .PATCH, "/api/v1/problems/\(problem.id)", ["leadUnitId": other.unit, "version": 1]),
                ]
                for (user, method, path, body) in refused {
                    let res = try await app.send(method, path, token: fx.token(user), body: body)
                    #expect(res.status == .unprocessableEntity, "\(user) \(method) \(path) \(body.keys.sorted()): \(res.status) \(res.body.string)")
                    #expect(res.errorCode == "validation_failed" || !res.errorFields.isEmpty, "\(res.body.string)")
                }
                #expect(try await app.auditTotal(fx) == audit)
                // The same writes with the body's own units and people succeed.
                let person = try await ledger.person("钱明", organization: fx.unitB)
                let fine = try await app.send(.POST, "/api/v1/measures", token: fx.token("office"), body: [
                    "problemId": problem.id, "text": "庚", "leadUnitId": fx.unitB, "leaderId": person.id, "supportingUnitIds": [fx.unitA],
                    "deadline": "2024-05-31"])
                #expect(fine.status == .created, "\(fine.body.string)")
            }
        }

        // 9
        @Test func theSessionCookieWritesTheAPIOnlyWithJSONOrTheCSRFHeader() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let fx = ledger.fx
                let round = try await ledger.inspection()
                let measure = try await ledger.measure(try await ledger.problem(round.id).id)
                let report = try await ledger.report(measure.id, progress: 10)
                let browser = try await AuthorizationMatrixTests.browser(app, "office")
                let audit = try await app.auditTotal(fx)
                func send(_ path: String, csrfHeader: Bool, _ encode: (inout TestingHTTPRequest) throws -> Void) async throws -> HTTPStatus {
                    var status: HTTPStatus = .internalServerError
                    try await app.testing().test(.POST, path, beforeRequest: { req in
                        req.headers.cookie = ["rectify_session": HTTPCookies.Value(string: browser.cookie)]
                        if csrfHeader { req.headers.add(name: "X-CSRF-Token", value: browser.csrf) }
                        try encode(&req)
                    }, afterResponse: { status = $0.status })
                    return status
                }
                let regulation = ["inspectionId": round.id.uuidString, "title": "公务接待管理办法", "issuedOn": "2024-03-01"]
                #expect(try await send("/api/v1/regulations", csrfHeader: false) { try $0.content.encode(regulation, as: .urlEncodedForm) } == .forbidden)
                #expect(try await send("/api/v1/regulations", csrfHeader: false) { try $0.content.encode(regulation, as: .formData) } == .forbidden)
                #expect(try await send("/api/v1/regulations", csrfHeader: false) {
                    $0.headers.contentType = .plainText; $0.body = ByteBuffer(string: "{\"inspectionId\":\"\(round.id)\",\"title\":\"x\"}")
                } == .forbidden)
                let evidence = FileUpload(file: File(data: ByteBuffer(string: "%PDF-1.4\n"), filename: "纪要.pdf"))
                #expect(try await send("/api/v1/progress-reports/\(report.id)/evidence", csrfHeader: false) {
                    try $0.content.encode(evidence, as: .formData)
                } == .forbidden)
                #expect(try await app.auditTotal(fx) == audit)
                // JSON, or any body with the page's token in the header, is the signed-in user's own.
                #expect(try await send("/api/v1/regulations", csrfHeader: false) { try $0.content.encode(regulation, as: .json) } == .created)
                #expect(try await send("/api/v1/progress-reports/\(report.id)/evidence", csrfHeader: true) {
                    try $0.content.encode(evidence, as: .formData)
                } == .created)
                // A bearer token needs neither.
                let bearer = try await app.sendMultipart("/api/v1/progress-reports/\(report.id)/evidence", token: fx.token("office"),
                                                         filename: "纪要2.pdf", bytes: Data("%PDF-1.4\n".utf8))
                #expect(bearer.status == .created)
            }
        }

        // 10
        @Test func aPageUploadLargerThanTheFirstReadKeepsItsCSRFToken() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let round = try await ledger.inspection()
                let measure = try await ledger.measure(try await ledger.problem(round.id).id)
                let browser = try await AuthorizationMatrixTests.browser(app, "reporterA")
                // A 300 KB scan: over a real connection it arrives in many reads, streamed to the route.
                var scan = Data("%PDF-1.4\n".utf8)
                scan.append(Data(repeating: 0x41, count: 300_000))
                struct Form: Content { var _csrf: String; var progress: String; var text: String; var files: [File] }
                let form = Form(_csrf: browser.csrf, progress: "60", text: "已完成制度修订并印发",
                                files: [File(data: ByteBuffer(data: scan), filename: "扫描件.pdf")])
                var response: TestingHTTPResponse?
                try await app.testing(method: .running(hostname: "127.0.0.1", port: 0)).test(.POST, "/measures/\(measure.id)/report",
                    beforeRequest: { req in
                        req.headers.cookie = ["rectify_session": HTTPCookies.Value(string: browser.cookie)]
                        try req.content.encode(form, as: .formData)
                    }, afterResponse: { response = $0 })
                let res = try #require(response)
                // The client follows the redirect to the problem page; a refused form would be 403 or 422.
                #expect(res.status == .seeOther || res.status == .ok, "\(res.status) \(res.body.string.prefix(300))")
                let reports = try await app.send(.GET, "/api/v1/progress-reports?measureId=\(measure.id)", token: ledger.fx.token("office"))
                let evidence = try reports.items().first?["evidence"] as? [[String: Any]]
                #expect(evidence?.first?["size"] as? Int == scan.count)

                // Without the token the same upload is refused, and nothing is stored.
                let forged = Form(_csrf: "forged", progress: "70", text: "伪造", files: form.files)
                try await app.testing(method: .running(hostname: "127.0.0.1", port: 0)).test(.POST, "/measures/\(measure.id)/report",
                    beforeRequest: { req in
                        req.headers.cookie = ["rectify_session": HTTPCookies.Value(string: browser.cookie)]
                        try req.content.encode(forged, as: .formData)
                    }, afterResponse: { response = $0 })
                #expect(response?.status == .forbidden)
                #expect(try await app.send(.GET, "/api/v1/progress-reports?measureId=\(measure.id)", token: ledger.fx.token("office")).total == 1)
            }
        }

        // 11
        @Test func listsHoldPerRowsAndPagesDoNotOverlap() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let fx = ledger.fx
                let round = try await ledger.inspection()
                for name in ["甲", "乙", "丙"] { _ = try await ledger.person(name, organization: fx.unitA) }
                for week in ["2024-W08", "2024-W09", "2024-W10"] {
                    let res = try await app.send(.POST, "/api/v1/bulletins", token: fx.token("office"),
                                                 body: ["inspectionId": round.id, "week": week])
                    try #require(res.status == .created || res.status == .ok, "bulletin \(week): \(res.status) \(res.body.string)")
                }
                for _ in 0..<3 {
                    let login = try await app.send(.POST, "/api/v1/auth/login", body: ["username": "office", "password": "password-office"])
                    try #require(login.status == .ok, "\(login.body.string)")
                }
                let lists: [(String, String, String)] = [
                    ("/api/v1/people", "office", "id"), ("/api/v1/audit", "supervisor", "sequence"), ("/api/v1/users", "admin", "id"),
                    ("/api/v1/bulletins", "office", "id"), ("/api/v1/tokens", "office", "id"), ("/api/v1/organizations", "office", "id")]
                for (path, user, key) in lists {
                    let first = try await app.send(.GET, "\(path)?per=2", token: fx.token(user))
                    let second = try await app.send(.GET, "\(path)?per=2&page=2", token: fx.token(user))
                    let a = try first.items().compactMap { $0[key].map { "\($0)" } }
                    let b = try second.items().compactMap { $0[key].map { "\($0)" } }
                    #expect(a.count == 2, "\(path) page 1 holds \(a.count)")
                    #expect(!b.isEmpty && b.count <= 2, "\(path) page 2 holds \(b.count)")
                    #expect(Set(a).isDisjoint(with: b), "\(path) pages overlap")
                    #expect((first.total ?? 0) >= 3, "\(path) total \(first.total ?? -1)")
                }
            }
        }
    }
}
