import Fluent
import Foundation
import RectifyCore
@testable import RectifyServer
import Testing
import Vapor
import VaporTesting

extension ServerTests {
    /// People management on the pages (人员管理) and the leader choices of the measure forms: every
    /// action writes through `PersonResource` or `MeasureResource` with its audit event, another body's
    /// people and units are out of reach, and a person marked as left is offered as no new leader.
    @Suite struct PeoplePageTests {
        typealias Browser = PageFlowTests.Browser

        static func audited(_ app: Application) async throws -> Int {
            try await AuditEvent.query(on: app.db).count()
        }

        static func location(_ response: TestingHTTPResponse) -> String {
            response.headers.first(name: .location) ?? ""
        }

        /// Another inspected body with a unit and a person, built by the administrator.
        static func otherBody(_ app: Application, _ fx: Fixture) async throws -> (body: UUID, unit: UUID, person: UUID) {
            let admin = fx.token("admin")
            func created(_ res: TestingHTTPResponse) throws -> UUID {
                try #require(res.status == .created, "\(res.status) \(res.body.string)")
                return try #require(UUID(uuidString: try res.json()["id"] as? String ?? ""))
            }
            let body = try created(try await app.send(.POST, "/api/v1/organizations", token: admin, body: ["name": "市交通局党组", "kind": "body"]))
            let unit = try created(try await app.send(.POST, "/api/v1/organizations", token: admin,
                                                      body: ["name": "交通局办公室", "kind": "department", "parentId": body]))
            let person = try created(try await app.send(.POST, "/api/v1/people", token: admin,
                                                        body: ["name": "交通局处长", "rank": "division", "organizationId": unit]))
            return (body, unit, person)
        }

        @Test func theOfficeAddsEditsMovesAndMarksAPersonAsLeftWithTheTrail() async throws {
            try await withApp { app in
                let fx = try await Fixture.make(app)
                let office = try await Browser.signIn(app, "office", "password-office")
                let start = try await Self.audited(app)

                let list = try await office.get("/people")
                #expect(list.status == .ok)
                #expect(list.body.string.contains("新增人员") && list.body.string.contains("办公室") && list.body.string.contains("财务科"))
                let nameless = try await office.post("/people", form: ["name": " ", "organizationId": fx.unitA.uuidString])
                let badRank = try await office.post("/people", form: ["name": "张三", "rank": "general", "organizationId": fx.unitA.uuidString])
                let unitless = try await office.post("/people", form: ["name": "张三"])
                #expect(nameless.status == .unprocessableEntity)
                #expect(nameless.body.string.contains("姓名不能为空"))
                #expect(badRank.status == .unprocessableEntity && badRank.body.string.contains("职级不在可选范围内"))
                #expect(badRank.body.string.contains(#"value="张三""#), "the draft comes back")
                #expect(unitless.status == .unprocessableEntity && unitless.body.string.contains("请选择所在单位"))
                #expect(try await Person.query(on: app.db).count() == 0)
                #expect(try await Self.audited(app) == start)

                let added = try await office.post("/people", form: ["name": "李建国", "rank": "division", "title": "副局长",
                                                                  "organizationId": fx.unitA.uuidString])
                #expect(added.status == .seeOther)
                let person = try #require(try await Person.query(on: app.db).filter(\.$name == "李建国").first())
                let id = try person.requireID()
                #expect(Self.location(added) == "/people/\(id)?done=created")
                #expect(person.rank == "division" && person.title == "副局长" && person.organizationID == fx.unitA && person.leftOn == nil)

                let edited = try await office.post("/people/\(id)", form: ["name": "李建国", "rank": "bureau", "title": "局长", "version": "1"])
                let stale = try await office.post("/people/\(id)", form: ["name": "李建设", "title": "科长", "version": "1"])
                let blank = try await office.post("/people/\(id)", form: ["name": "", "version": "2"])
                #expect(edited.status == .seeOther)
                #expect(stale.status == .conflict && stale.body.string.contains("已被他人修改"))
                #expect(blank.status == .unprocessableEntity && blank.body.string.contains("姓名不能为空"))

                let moved = try await office.post("/people/\(id)/move", form: ["organizationId": fx.unitB.uuidString, "version": "2"])
                #expect(moved.status == .seeOther && Self.location(moved) == "/people/\(id)?done=moved")

                let future = try await office.post("/people/\(id)/leave", form: ["leftOn": "2099-01-01", "departure": "transferred", "version": "3"])
                let undated = try await office.post("/people/\(id)/leave", form: ["leftOn": "", "departure": "transferred", "version": "3"])
                #expect(future.status == .unprocessableEntity && future.body.string.contains("不能晚于今天"))
                #expect(undated.status == .unprocessableEntity && undated.body.string.contains("日期不能为空"))
                #expect(try await Person.find(id, on: app.db)?.leftOn == nil)
                let left = try await office.post("/people/\(id)/leave", form: ["leftOn": "2024-03-01", "departure": "transferred", "version": "3"])
                #expect(left.status == .seeOther)
                let after = try #require(try await Person.find(id, on: app.db))
                #expect(after.name == "李建国" && after.rank == "bureau" && after.title == "局长" && after.organizationID == fx.unitB)
                #expect(after.leftOn == "2024-03-01" && after.departure == "transferred" && after.version == 4)

                // The list shows the serving people unless asked; the person stays, marked.
                #expect(!(try await office.get("/people").body.string.contains("李建国")))
                let departed = try await office.get("/people?status=left").body.string
                #expect(departed.contains("李建国") && departed.contains("2024年3月1日调离"))
                #expect(try await office.get("/people?status=all&unit=\(fx.unitA)").body.string.contains("李建国") == false)
                #expect(try await office.get("/people?status=all&unit=\(fx.unitB)&q=\(query("建国"))").body.string.contains("李建国"))

                let page = try await office.get("/people/\(id)").body.string
                #expect(page.contains("撤销标记") && !page.contains("/people/\(id)/leave"))
                #expect(!page.contains(#"<option value="">（未填）</option>"#), "a rank once given is changed, not removed")
                for words in ["新增", "单位：办公室", "职级：处级 → 厅局级", "职务：副局长 → 局长", "调整单位", "单位：办公室 → 财务科",
                              "标记调离", "2024年3月1日调离"] {
                    #expect(page.contains(words), "the trail shows \(words)")
                }

                let reinstated = try await office.post("/people/\(id)/reinstate", form: ["version": "4"])
                #expect(reinstated.status == .seeOther)
                #expect(try await Person.find(id, on: app.db)?.leftOn == nil)
                #expect(try await office.get("/people/\(id)").body.string.contains("撤销离任（调离）标记"))
                // Create, edit, move, leave and reinstate: one audit event each, the refusals none.
                #expect(try await Self.audited(app) == start + 5)
                let events = try await AuditEvent.query(on: app.db).filter(\.$entityID == id.uuidString).sort(\.$id).all()
                #expect(events.map(\.action) == ["create", "update", "update", "update", "update"])
                #expect(events.allSatisfy { $0.actorName == "office（office）" && $0.entity == "person" })
                #expect(try await AuditVerifier.verify(on: app.db).fault == nil)
            }
        }

        @Test func anotherBodysPersonOrUnitIsOutOfReachAndNothingIsWritten() async throws {
            try await withApp { app in
                let fx = try await Fixture.make(app)
                let ledger = Ledger(app: app, fx: fx)
                let own = try await ledger.person("王敏", organization: fx.unitA)
                let other = try await Self.otherBody(app, fx)
                let office = try await Browser.signIn(app, "office", "password-office")
                let start = try await Self.audited(app)

                #expect(try await office.get("/people/\(other.person)").status == .notFound)
                for (path, form) in [("/people/\(other.person)", ["name": "改名", "version": "1"]),
                                     ("/people/\(other.person)/move", ["organizationId": fx.unitA.uuidString, "version": "1"]),
                                     ("/people/\(other.person)/leave", ["leftOn": "2024-03-01", "departure": "left_office", "version": "1"]),
                                     ("/people/\(other.person)/reinstate", ["version": "1"])] {
                    let res = try await office.post(path, form: form)
                    #expect(res.status == .notFound, "\(path): \(res.status)")
                    #expect(!res.body.string.contains("交通局"), "\(path) tells nothing of the other body")
                }
                let moveOut = try await office.post("/people/\(own.id)/move", form: ["organizationId": other.unit.uuidString, "version": "1"])
                #expect(moveOut.status == .unprocessableEntity && moveOut.body.string.contains("所选单位不存在或不属于本单位"))
                let addThere = try await office.post("/people", form: ["name": "越界", "organizationId": other.unit.uuidString])
                #expect(addThere.status == .unprocessableEntity && addThere.body.string.contains("所选单位不存在或不属于本单位"))
                #expect(try await Self.audited(app) == start)
                let untouched = try #require(try await Person.find(other.person, on: app.db))
                #expect(untouched.name == "交通局处长" && untouched.leftOn == nil && untouched.version == 1)
                #expect(try await Person.find(own.id, on: app.db)?.organizationID == fx.unitA)
                #expect(try await Person.query(on: app.db).filter(\.$name == "越界").count() == 0)

                // Asking for the other body or its unit shows the office its own body only.
                for path in ["/people?body=\(other.body)", "/people?unit=\(other.unit)&status=all", "/people/\(own.id)"] {
                    let html = try await office.get(path).body.string
                    #expect(html.contains("王敏") && !html.contains("交通局") && !html.contains(other.unit.uuidString), "\(path)")
                }

                // An administrator reaches every body but moves a person within their body only.
                let admin = try await Browser.signIn(app, "admin", "password-admin")
                #expect(try await admin.get("/people?body=\(other.body)").body.string.contains("交通局处长"))
                let across = try await admin.post("/people/\(own.id)/move", form: ["organizationId": other.unit.uuidString, "version": "1"])
                #expect(across.status == .unprocessableEntity && across.body.string.contains("只能在本单位（被巡察单位）内调整所在单位"))
                let api = try await app.send(.PATCH, "/api/v1/people/\(own.id)", token: fx.token("admin"),
                                             body: ["organizationId": other.unit, "version": 1])
                #expect(api.status == .unprocessableEntity && api.errorFields == ["organizationId"])
                #expect(try await Self.audited(app) == start)
                let within = try await admin.post("/people/\(other.person)/move", form: ["organizationId": other.body.uuidString, "version": "1"])
                #expect(within.status == .seeOther)
            }
        }

        @Test func onlyTheOfficeAndTheAdministratorUseThePeoplePages() async throws {
            try await withApp { app in
                let fx = try await Fixture.make(app)
                let person = try await Ledger(app: app, fx: fx).person("王敏", organization: fx.unitA)
                let start = try await Self.audited(app)
                for user in ["reporterA", "leader", "supervisor"] {
                    let browser = try await Browser.signIn(app, user, "password-\(user)")
                    #expect(try await browser.get("/people").status == .forbidden, "\(user)")
                    #expect(try await browser.get("/people/\(person.id)").status == .forbidden, "\(user)")
                    #expect(try await browser.post("/people", form: ["name": "越权", "organizationId": fx.unitA.uuidString]).status == .forbidden)
                    #expect(try await browser.post("/people/\(person.id)/leave", form: ["leftOn": "2024-03-01", "departure": "left_office",
                                                                                        "version": "1"]).status == .forbidden)
                    #expect(!(try await browser.get("/board").body.string.contains(#"href="/people""#)), "no navigation to it for \(user)")
                }
                #expect(try await Self.audited(app) == start)
                #expect(try await Person.find(person.id, on: app.db)?.leftOn == nil)
                let office = try await Browser.signIn(app, "office", "password-office")
                #expect(try await office.get("/board").body.string.contains(#"href="/people""#))
            }
        }

        @Test func theMeasureFormsOfferServingLeadersOnlyAndOldMeasuresKeepTheirLeader() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let fx = ledger.fx
                let serving = try await ledger.person("李建国", organization: fx.unitA)
                let leaving = try await ledger.person("赵光明", organization: fx.unitB)
                let inspection = try await ledger.inspection()
                let problem = try await ledger.problem(inspection.id)
                let old = try await ledger.measure(problem.id, text: "原有措施", extra: ["leaderId": leaving.id])
                let other = try await Self.otherBody(app, fx)
                let office = try await Browser.signIn(app, "office", "password-office")

                func newMeasureForm() async throws -> String {
                    let html = try await office.get("/problems/\(problem.id)").body.string
                    return try #require(html.range(of: #"id="new-measure""#).map { String(html[$0.lowerBound...]) })
                }
                #expect(try await newMeasureForm().contains(leaving.id.uuidString), "offered while serving")
                #expect(try await office.post("/people/\(leaving.id)/leave", form: ["leftOn": "2024-03-10", "departure": "left_office",
                                                                                    "version": "1"]).status == .seeOther)
                let page = try await office.get("/problems/\(problem.id)").body.string
                let form = try await newMeasureForm()
                #expect(form.contains(serving.id.uuidString) && form.contains("李建国（副局长）"))
                #expect(!form.contains(leaving.id.uuidString), "a leader who left is not offered for a new measure")
                #expect(page.contains("责任领导：赵光明"), "the old measure keeps its leader's name")
                #expect(page.contains("赵光明（已离任）"), "and its leader form keeps them, marked")
                #expect(!form.contains(other.person.uuidString) && !page.contains("交通局"))

                let start = try await Self.audited(app)
                let measures = try await Measure.query(on: app.db).count()
                let refused = try await office.post("/problems/\(problem.id)/measures",
                                                    form: ["text": "建立招标复核机制", "deadline": "2024-06-30", "leaderId": leaving.id.uuidString])
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.body.string.contains("“赵光明”已于2024年3月10日离任，不能再担任责任领导"))
                #expect(refused.body.string.contains("建立招标复核机制"), "the draft comes back")
                let empty = try await office.post("/problems/\(problem.id)/measures", form: ["text": " ", "deadline": "2024-06-30"])
                #expect(empty.status == .unprocessableEntity && empty.body.string.contains("措施内容不能为空"))
                let foreign = try await office.post("/problems/\(problem.id)/measures",
                                                    form: ["text": "新增措施", "deadline": "2024-06-30", "leaderId": other.person.uuidString])
                #expect(foreign.status == .unprocessableEntity && foreign.body.string.contains("所选人员不存在或不属于本单位"))
                #expect(!foreign.body.string.contains("交通局"))
                let reporter = try await Browser.signIn(app, "reporterA", "password-reporterA")
                #expect(try await reporter.post("/problems/\(problem.id)/measures", form: ["text": "越权", "deadline": "2024-06-30"]).status == .forbidden)
                #expect(try await reporter.post("/measures/\(old.id)/leader", form: ["leaderId": serving.id.uuidString, "version": "1"]).status == .forbidden)
                let keep = try await office.post("/measures/\(old.id)/leader", form: ["leaderId": leaving.id.uuidString, "version": "\(old.version)"])
                #expect(keep.status == .seeOther, "saving the form with the old leader still selected changes nothing it may not")
                #expect(try await Measure.query(on: app.db).count() == measures)
                #expect(try await Self.audited(app) == start + 1)

                let added = try await office.post("/problems/\(problem.id)/measures",
                                                  form: ["text": "新增措施", "kind": "time_bound", "deadline": "2024-06-30",
                                                         "leaderId": serving.id.uuidString, "leadUnitId": fx.unitB.uuidString])
                #expect(added.status == .seeOther && Self.location(added).hasPrefix("/problems/\(problem.id)?done=measure"))
                let created = try #require(try await Measure.query(on: app.db).filter(\.$text == "新增措施").first())
                #expect(created.leaderID == serving.id && created.leadUnitID == fx.unitB && created.deadline == "2024-06-30")

                let version = try #require(try await Measure.find(old.id, on: app.db)).version
                let changed = try await office.post("/measures/\(old.id)/leader", form: ["leaderId": serving.id.uuidString, "version": "\(version)"])
                #expect(changed.status == .seeOther)
                #expect(try await Measure.find(old.id, on: app.db)?.leaderID == serving.id)
                let back = try await office.post("/measures/\(old.id)/leader", form: ["leaderId": leaving.id.uuidString, "version": "\(version + 1)"])
                #expect(back.status == .unprocessableEntity && back.body.string.contains("不能再担任责任领导"))
                #expect(try await Measure.find(old.id, on: app.db)?.leaderID == serving.id)

                let otherRound = try await ledger.inspection(title: "交通局轮次", body: other.body, token: "admin")
                let otherProblem = try await app.send(.POST, "/api/v1/problems", token: fx.token("admin"), body: [
                    "inspectionId": otherRound.id, "source": "inspection_feedback", "title": "交通局的问题", "deadline": "2024-06-30"])
                let otherProblemID = try #require(UUID(uuidString: try otherProblem.json()["id"] as? String ?? ""))
                let before = try await Self.audited(app)
                let reach = try await office.post("/problems/\(otherProblemID)/measures", form: ["text": "越界", "deadline": "2024-06-30"])
                #expect(reach.status == .notFound)
                #expect(try await Self.audited(app) == before)
            }
        }

        @Test func theAPIMarksAPersonAsLeftAndFiltersAndRefusesThemAsANewLeader() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let fx = ledger.fx
                let office = fx.token("office")
                let person = try await ledger.person("赵光明", organization: fx.unitA)
                let serving = try await ledger.person("李建国", organization: fx.unitA)
                let inspection = try await ledger.inspection()
                let problem = try await ledger.problem(inspection.id, extra: ["leaderIds": [person.id]])
                let measure = try await ledger.measure(problem.id, extra: ["leaderId": person.id])

                let noDay = try await app.send(.PATCH, "/api/v1/people/\(person.id)", token: office, body: ["departure": "transferred", "version": 1])
                let noKind = try await app.send(.PATCH, "/api/v1/people/\(person.id)", token: office, body: ["leftOn": "2024-03-01", "version": 1])
                let badDay = try await app.send(.PATCH, "/api/v1/people/\(person.id)", token: office, body: ["leftOn": "2024-02-30", "departure": "transferred", "version": 1])
                #expect(noDay.status == .unprocessableEntity && noDay.errorFields == ["leftOn"])
                #expect(noKind.status == .unprocessableEntity && noKind.errorFields == ["departure"])
                #expect(badDay.status == .unprocessableEntity && badDay.errorFieldCodes == ["invalid_date"])
                let left = try await app.send(.PATCH, "/api/v1/people/\(person.id)", token: office,
                                              body: ["leftOn": "2024-03-01", "departure": "transferred", "version": 1])
                #expect(left.status == .ok)
                let dto = try left.dto(PersonDTO.self)
                #expect(dto.leftOn == Day(iso: "2024-03-01") && dto.departure == .transferred && dto.version == 2)

                let active = try await app.send(.GET, "/api/v1/people?active=true", token: office).items().compactMap { $0["name"] as? String }
                let gone = try await app.send(.GET, "/api/v1/people?active=false", token: office).items().compactMap { $0["name"] as? String }
                #expect(active == ["李建国"] && gone == ["赵光明"])
                #expect(try await app.send(.GET, "/api/v1/people?active=maybe", token: office).status == .unprocessableEntity)
                let document = try await app.send(.GET, "/api/v1/openapi.json").json()
                let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
                let properties = try #require((schemas["Person"] as? [String: Any])?["properties"] as? [String: Any])
                #expect(properties["leftOn"] != nil && properties["departure"] != nil)
                let list = try #require(((document["paths"] as? [String: Any])?["/people"] as? [String: Any])?["get"] as? [String: Any])
                #expect((list["parameters"] as? [[String: Any]] ?? []).contains { $0["name"] as? String == "active" })

                // Not named anew, kept where already named.
                let newMeasure = try await app.send(.POST, "/api/v1/measures", token: office,
                                                    body: ["problemId": problem.id, "text": "新措施", "deadline": "2024-05-31", "leaderId": person.id])
                #expect(newMeasure.status == .unprocessableEntity && newMeasure.errorFieldCodes == ["person_left"])
                let newProblem = try await app.send(.POST, "/api/v1/problems", token: office, body: [
                    "inspectionId": inspection.id, "source": "inspection_feedback", "title": "新问题", "leaderIds": [serving.id, person.id]])
                #expect(newProblem.status == .unprocessableEntity && newProblem.errorFields == ["leaderIds"])
                let keptMeasure = try await app.send(.PATCH, "/api/v1/measures/\(measure.id)", token: office,
                                                     body: ["leaderId": person.id, "text": "措施内容修改", "version": measure.version])
                #expect(keptMeasure.status == .ok)
                let keptProblem = try await app.send(.PATCH, "/api/v1/problems/\(problem.id)", token: office,
                                                     body: ["leaderIds": [person.id, serving.id], "version": problem.version])
                #expect(keptProblem.status == .ok)

                let reinstated = try await app.send(.PATCH, "/api/v1/people/\(person.id)", token: office, body: ["leftOn": "", "version": 2])
                #expect(reinstated.status == .ok)
                let back = try reinstated.dto(PersonDTO.self)
                #expect(back.leftOn == nil && back.departure == nil)
                let named = try await app.send(.POST, "/api/v1/measures", token: office,
                                               body: ["problemId": problem.id, "text": "新措施", "deadline": "2024-05-31", "leaderId": person.id])
                #expect(named.status == .created)
            }
        }

        /// A ledger naming a leader the body has marked as left is refused whole, in the preview too,
        /// rather than entering a namesake.
        @Test func aLedgerNamingALeaderWhoLeftIsRefused() async throws {
            try await withApp { app in
                _ = try await DemoLedger.loadIfEmpty(app)
                let body = try #require(try await Organization.query(on: app.db).filter(\.$kind == "body").first()?.id)
                let office = try await Fixture.makeUser(app, name: "office2", role: .office, organization: body)
                let source = try #require(try await Inspection.query(on: app.db).first()).requireID()
                let workbook = Data(buffer: try await app.send(.GET, "/api/v1/documents/ledger?inspectionId=\(source)", token: office).body)
                let leaderID = try #require(try await Measure.query(on: app.db).filter(\.$inspectionID == source).all().compactMap(\.leaderID).first)
                let leader = try #require(try await Person.find(leaderID, on: app.db))
                let marked = try await app.send(.PATCH, "/api/v1/people/\(leaderID)", token: office,
                                                body: ["leftOn": "2024-03-01", "departure": "left_office", "version": leader.version])
                #expect(marked.status == .ok)
                let target = try await app.send(.POST, "/api/v1/inspections", token: office, body: [
                    "title": "下一轮巡察", "kind": "inspection", "inspectingGroup": "市委第三巡察组", "inspectedBodyId": body])
                let targetID = try #require(try target.json()["id"] as? String)
                let people = try await Person.query(on: app.db).count()
                let problems = try await Problem.query(on: app.db).count()

                for dry in [true, false] {
                    let res = try await app.sendBytes(.POST, "/api/v1/imports/ledger?inspectionId=\(targetID)&dryRun=\(dry)&name=ledger.xlsx",
                                                      token: office, bytes: workbook)
                    #expect(res.status == .unprocessableEntity && res.errorFieldCodes == ["person_left"])
                    #expect(res.body.string.contains("“\(leader.name)”"))
                }
                #expect(try await Person.query(on: app.db).count() == people)
                #expect(try await Problem.query(on: app.db).count() == problems)
            }
        }
    }
}
