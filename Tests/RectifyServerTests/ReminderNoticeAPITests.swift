import Foundation
import RectifyCore
@testable import RectifyServer
import Testing
import VaporTesting

extension ServerTests {
    @Suite struct ReminderNoticeAPITests {
        func issue(_ ledger: Ledger, inspection: UUID, measure: UUID, issuedOn: String? = nil,
                   token: String = "office") async throws -> TestingHTTPResponse {
            var body: [String: Any] = ["inspectionId": inspection, "title": "关于超期未完成整改事项的督办通知",
                                       "recipients": ["责任单位主要负责人", "责任领导"],
                                       "items": [["measureId": measure.uuidString, "workingDaysLate": 3] as [String: Any]]]
            if let issuedOn { body["issuedOn"] = issuedOn }
            return try await ledger.app.send(.POST, "/api/v1/reminder-notices", token: ledger.fx.token(token), body: body)
        }

        @Test func serialNumbersIncreasePerYear() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let inspection = try await ledger.inspection()
                let measure = try await ledger.measure(try await ledger.problem(inspection.id).id)

                let first = try await issue(ledger, inspection: inspection.id, measure: measure.id)
                #expect(first.status == .created)
                let firstDTO = try first.dto(ReminderNoticeDTO.self)
                #expect(firstDTO.number == "2024年第1期")
                #expect(firstDTO.issuedOn == Day(iso: "2024-03-15"))
                #expect(firstDTO.state == .issued)
                #expect(firstDTO.recipients == ["责任单位主要负责人", "责任领导"])
                #expect(firstDTO.items == [NoticeItemDTO(measureId: measure.id, workingDaysLate: 3)])

                let second = try await issue(ledger, inspection: inspection.id, measure: measure.id, issuedOn: "2024-03-01")
                #expect(try second.dto(ReminderNoticeDTO.self).number == "2024年第2期")
                let lastYear = try await issue(ledger, inspection: inspection.id, measure: measure.id, issuedOn: "2023-12-28")
                let lastYearDTO = try lastYear.dto(ReminderNoticeDTO.self)
                #expect(lastYearDTO.number == "2023年第1期")
                #expect(lastYearDTO.year == 2023)
                #expect(lastYearDTO.serial == 1)
                let third = try await issue(ledger, inspection: inspection.id, measure: measure.id)
                #expect(try third.dto(ReminderNoticeDTO.self).number == "2024年第3期")

                let list = try await app.send(.GET, "/api/v1/reminder-notices?inspectionId=\(inspection.id)&sort=-serial",
                                              token: ledger.fx.token("office"))
                #expect(list.total == 4)
            }
        }

        @Test func recipientsReadAndReplyOfficeCloses() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let fx = ledger.fx
                let inspection = try await ledger.inspection()
                let measure = try await ledger.measure(try await ledger.problem(inspection.id).id)
                let notice = try await issue(ledger, inspection: inspection.id, measure: measure.id).dto(ReminderNoticeDTO.self)
                let path = "/api/v1/reminder-notices/\(notice.id)"

                // Unit A's reporter sees the notice about its measure; unit B's does not.
                #expect(try await app.send(.GET, path, token: fx.token("reporterA")).status == .ok)
                #expect(try await app.send(.GET, path, token: fx.token("reporterB")).status == .notFound)
                #expect(try await app.send(.GET, "/api/v1/reminder-notices", token: fx.token("reporterB")).total == 0)

                let read = try await app.send(.PATCH, path, token: fx.token("reporterA"), body: ["state": "read"], headers: ifMatch(1))
                #expect(read.status == .ok)
                #expect(try read.dto(ReminderNoticeDTO.self).state == .read)

                let replyWithoutText = try await app.send(.PATCH, path, token: fx.token("reporterA"), body: ["state": "replied"],
                                                          headers: ifMatch(2))
                #expect(replyWithoutText.status == .unprocessableEntity)
                #expect(replyWithoutText.errorFields == ["reply"])

                let replied = try await app.send(.PATCH, path, token: fx.token("reporterA"),
                                                 body: ["state": "replied", "reply": "已召开专题会研究部署"], headers: ifMatch(2))
                #expect(replied.status == .ok)
                let repliedDTO = try replied.dto(ReminderNoticeDTO.self)
                #expect(repliedDTO.state == .replied)
                #expect(repliedDTO.reply == "已召开专题会研究部署")

                let reporterCloses = try await app.send(.PATCH, path, token: fx.token("reporterA"), body: ["state": "closed"],
                                                        headers: ifMatch(3))
                #expect(reporterCloses.status == .forbidden)
                let closed = try await app.send(.PATCH, path, token: fx.token("office"), body: ["state": "closed"], headers: ifMatch(3))
                #expect(closed.status == .ok)
                #expect(try closed.dto(ReminderNoticeDTO.self).state == .closed)

                let reopen = try await app.send(.PATCH, path, token: fx.token("office"), body: ["state": "read"], headers: ifMatch(4))
                #expect(reopen.status == .unprocessableEntity)
                #expect(reopen.errorCode == "illegal_transition")
                #expect(reopen.errorFields == ["state"])
            }
        }

        @Test func onlyTheOfficeIssuesAndItemsMustBelongToTheRound() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let inspection = try await ledger.inspection()
                let measure = try await ledger.measure(try await ledger.problem(inspection.id).id)
                let byReporter = try await issue(ledger, inspection: inspection.id, measure: measure.id, token: "reporterA")
                #expect(byReporter.status == .forbidden)
                let byLeader = try await issue(ledger, inspection: inspection.id, measure: measure.id, token: "leader")
                #expect(byLeader.status == .forbidden)

                let unknown = try await issue(ledger, inspection: inspection.id, measure: UUID())
                #expect(unknown.status == .unprocessableEntity)
                #expect(unknown.errorFields == ["items"])
                #expect(unknown.errorFieldCodes == ["unknown_reference"])

                let empty = try await app.send(.POST, "/api/v1/reminder-notices", token: ledger.fx.token("office"),
                                               body: ["inspectionId": inspection.id, "title": "空", "recipients": [String](), "items": [String]()])
                #expect(empty.status == .unprocessableEntity)
                #expect(Set(empty.errorFields) == ["recipients", "items"])
                #expect(try await app.send(.GET, "/api/v1/reminder-notices", token: ledger.fx.token("office")).total == 0)
            }
        }
    }
}
