import Foundation
import RectifyCore
@testable import RectifyServer
import Testing
import VaporTesting

extension ServerTests {
    /// The four append-only registers: accountability, regulations, meetings, recovered funds.
    @Suite struct RegisterAPITests {
        /// Checks what every register shares: no PATCH/DELETE route, supersede marks the old entry,
        /// a superseded entry cannot be superseded again, and `?superseded=` filters.
        func checkAppendOnlyAndSupersede(_ ledger: Ledger, path: String, oldID: String, body: [String: Any]) async throws {
            let app = ledger.app, fx = ledger.fx
            let patch = try await app.send(.PATCH, "/api/v1/\(path)/\(oldID)", token: fx.token("admin"),
                                           body: ["title": "x"], headers: ifMatch(1))
            #expect(patch.status == .notFound, "PATCH \(path)")
            let delete = try await app.send(.DELETE, "/api/v1/\(path)/\(oldID)", token: fx.token("admin"), headers: ifMatch(1))
            #expect(delete.status == .notFound, "DELETE \(path)")

            var correction = body
            correction["supersedesId"] = oldID
            let created = try await app.send(.POST, "/api/v1/\(path)", token: fx.token("office"), body: correction)
            #expect(created.status == .created, "supersede \(path): \(created.body.string)")
            #expect(try created.json()["supersedesId"] as? String == oldID)
            #expect(try created.json()["superseded"] as? Bool == false)

            let old = try await app.send(.GET, "/api/v1/\(path)/\(oldID)", token: fx.token("office"))
            #expect(try old.json()["superseded"] as? Bool == true, "old \(path) entry marked superseded")

            let twice = try await app.send(.POST, "/api/v1/\(path)", token: fx.token("office"), body: correction)
            #expect(twice.status == .conflict)
            #expect(twice.errorCode == "already_superseded")

            let current = try await app.send(.GET, "/api/v1/\(path)?superseded=false", token: fx.token("supervisor"))
            #expect(current.total == 1)
            let replaced = try await app.send(.GET, "/api/v1/\(path)?superseded=true", token: fx.token("supervisor"))
            #expect(replaced.total == 1)
            #expect(try replaced.items().first?["id"] as? String == oldID)
        }

        @Test func accountabilityRecordsLinkProblemsFilterAndSupersede() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let inspection = try await ledger.inspection()
                let p1 = try await ledger.problem(inspection.id)
                let p2 = try await ledger.problem(inspection.id, title: "专项资金使用管理不规范")
                let body: [String: Any] = ["inspectionId": inspection.id, "personName": "张某某", "rank": "section",
                                           "form": "reminder_talk", "decidedOn": "2024-02-20", "reason": "审核把关不严",
                                           "problemIds": [p1.id]]
                let created = try await app.send(.POST, "/api/v1/accountability-records", token: ledger.fx.token("office"), body: body)
                #expect(created.status == .created)
                let record = try created.dto(AccountabilityRecordDTO.self)
                #expect(record.problemIds == [p1.id])
                #expect(record.rankLabel == "科级")
                #expect(record.formLabel == "谈话提醒")
                #expect(record.superseded == false)

                let linked = try await app.send(.GET, "/api/v1/accountability-records?problemId=\(p1.id)", token: ledger.fx.token("leader"))
                #expect(linked.total == 1)
                let unlinked = try await app.send(.GET, "/api/v1/accountability-records?problemId=\(p2.id)", token: ledger.fx.token("leader"))
                #expect(unlinked.total == 0)

                try await checkAppendOnlyAndSupersede(ledger, path: "accountability-records", oldID: record.id.uuidString, body: body)
            }
        }

        @Test func regulationsStripTitleQuotesLinkProblemsAndSupersede() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let inspection = try await ledger.inspection()
                let p1 = try await ledger.problem(inspection.id)
                let body: [String: Any] = ["inspectionId": inspection.id, "title": "《工程建设项目招标文件审查规程》",
                                           "documentNumber": "江建字〔2024〕21号", "issuedOn": "2024-02-01", "problemIds": [p1.id]]
                let created = try await app.send(.POST, "/api/v1/regulations", token: ledger.fx.token("office"), body: body)
                #expect(created.status == .created)
                let regulation = try created.dto(RegulationDTO.self)
                #expect(regulation.title == "工程建设项目招标文件审查规程")
                #expect(regulation.problemIds == [p1.id])
                let linked = try await app.send(.GET, "/api/v1/regulations?problemId=\(p1.id)", token: ledger.fx.token("office"))
                #expect(linked.total == 1)
                try await checkAppendOnlyAndSupersede(ledger, path: "regulations", oldID: regulation.id.uuidString, body: body)
            }
        }

        @Test func meetingsLinkProblemsAndSupersede() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let inspection = try await ledger.inspection()
                let p1 = try await ledger.problem(inspection.id)
                let p2 = try await ledger.problem(inspection.id, title: "老旧小区改造推进缓慢")
                let body: [String: Any] = ["inspectionId": inspection.id, "kind": "party_group", "heldOn": "2024-01-12",
                                           "title": "党组会专题研究巡察反馈意见整改工作", "problemIds": [p1.id, p2.id]]
                let created = try await app.send(.POST, "/api/v1/meetings", token: ledger.fx.token("office"), body: body)
                #expect(created.status == .created)
                let meeting = try created.dto(MeetingDTO.self)
                #expect(meeting.kindLabel == "党组会")
                #expect(Set(meeting.problemIds) == [p1.id, p2.id])
                let byP2 = try await app.send(.GET, "/api/v1/meetings?problemId=\(p2.id)", token: ledger.fx.token("office"))
                #expect(byP2.total == 1)
                let byKind = try await app.send(.GET, "/api/v1/meetings?kind=dispatch", token: ledger.fx.token("office"))
                #expect(byKind.total == 0)
                try await checkAppendOnlyAndSupersede(ledger, path: "meetings", oldID: meeting.id.uuidString, body: body)
            }
        }

        @Test func recoveredFundsKeepFenFilterByProblemAndSupersede() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let inspection = try await ledger.inspection()
                let p1 = try await ledger.problem(inspection.id)
                let p2 = try await ledger.problem(inspection.id, title: "专项资金使用管理不规范")
                let body: [String: Any] = ["problemId": p1.id, "amount": "1443241.5", "description": "追回多支付的工程款",
                                           "recordedOn": "2024-02-10"]
                let created = try await app.send(.POST, "/api/v1/recovered-funds", token: ledger.fx.token("office"), body: body)
                #expect(created.status == .created)
                let fund = try created.dto(RecoveredFundDTO.self)
                #expect(fund.amountFen == 144_324_150)
                #expect(fund.amount == "1443241.50")
                #expect(fund.amountText == "144.32415万元")
                #expect(fund.inspectionId == inspection.id)
                let byP1 = try await app.send(.GET, "/api/v1/recovered-funds?problemId=\(p1.id)", token: ledger.fx.token("office"))
                #expect(byP1.total == 1)
                let byP2 = try await app.send(.GET, "/api/v1/recovered-funds?problemId=\(p2.id)", token: ledger.fx.token("office"))
                #expect(byP2.total == 0)

                let zero = try await app.send(.POST, "/api/v1/recovered-funds", token: ledger.fx.token("office"),
                                              body: ["problemId": p1.id, "amount": "0", "description": "x", "recordedOn": "2024-02-10"])
                #expect(zero.status == .unprocessableEntity)
                #expect(zero.errorFields == ["amount"])
                try await checkAppendOnlyAndSupersede(ledger, path: "recovered-funds", oldID: fund.id.uuidString, body: body)
            }
        }

        @Test func registerRefusesProblemsOfAnotherRound() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let round1 = try await ledger.inspection()
                let round2 = try await ledger.inspection(title: "市委第四轮巡察")
                let foreign = try await ledger.problem(round2.id)
                let res = try await app.send(.POST, "/api/v1/regulations", token: ledger.fx.token("office"), body: [
                    "inspectionId": round1.id, "title": "某制度", "problemIds": [foreign.id],
                ])
                #expect(res.status == .unprocessableEntity)
                #expect(res.errorFields == ["problemIds"])
                #expect(res.errorFieldCodes == ["unknown_reference"])
            }
        }
    }
}
