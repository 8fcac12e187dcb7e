import Fluent
import Foundation
import RectifyCore
import RectifyDocuments
@testable import RectifyServer
import Testing
import Vapor
import VaporTesting
import ZIPFoundation

extension ServerTests {
    /// Word and Excel documents written from the ledger, and read back.
    @Suite struct DocumentAPITests {
        @Test(.enabled(if: ReportImportAPITests.seedIsPresent, ReportImportAPITests.seedSkipped))
        func theSeedImportedThenWrittenAsThePublicReportReadsBackTheSame() async throws {
            try await withApp { app in
                let fx = try await Fixture.make(app)
                let seed = try ReportImportAPITests.seed()
                let original = try ReportReader().read(data: seed, fileName: "seed.txt")
                let imported = try await app.sendBytes(.POST, "/api/v1/imports?name=seed.txt", token: fx.token("office"), bytes: seed)
                let id = try #require((try imported.json()["imported"] as? [String: Any])?["inspectionId"] as? String)

                let res = try await app.send(.GET, "/api/v1/documents/public-report?inspectionId=\(id)&asOf=2024-04-30", token: fx.token("office"))

                #expect(res.status == .ok)
                #expect(res.headers.contentType?.subType == "vnd.openxmlformats-officedocument.wordprocessingml.document")
                let again = try ReportReader().read(data: Data(buffer: res.body), fileName: "public.docx")
                #expect(again.problems.count == original.problems.count)
                #expect(again.problems.map(\.title) == original.problems.map(\.title))
                #expect(again.measureCount == original.measureCount)
                #expect(again.problems.map(\.measures.count) == original.problems.map(\.measures.count))
                #expect(again.claims.categories?.count == 4)
                #expect(again.claims.aspects?.count == 12)
                #expect(again.claims.accountabilityTotal?.count == 23)
                #expect(again.claims.problems?.count == 30)
                #expect(again.claims.completionRate?.value == 100)
                #expect(again.round.statusDate == Day(year: 2024, month: 4, day: 30))
            }
        }

        @Test func thePublicReportGivesEachMeasureItsLatestApprovedProgress() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let inspection = try await ledger.inspection()
                let problem = try await ledger.problem(inspection.id)
                let measure = try await ledger.measure(problem.id, text: "制定招标文件审查规程。")
                _ = try await ledger.measure(problem.id, text: "开展专项检查。")
                func report(_ text: String, on day: String?, approve: Bool) async throws {
                    var body: [String: Any] = ["measureId": measure.id, "text": text, "progress": 50]
                    if let day { body["reportDate"] = day }
                    let res = try await app.send(.POST, "/api/v1/progress-reports", token: ledger.fx.token("reporterA"), body: body)
                    try #require(res.status == .created)
                    guard approve else { return }
                    let id = try res.dto(ProgressReportDTO.self).id
                    let approved = try await app.send(.PATCH, "/api/v1/progress-reports/\(id)", token: ledger.fx.token("office"),
                                                      body: ["reviewState": "approved"], headers: ifMatch(1))
                    try #require(approved.status == .ok)
                }
                try await report("已起草审查规程。", on: nil, approve: true)
                try await report("审查规程已印发施行。", on: nil, approve: true)
                try await report("补记三月十日的进展。", on: "2024-03-10", approve: true)
                try await report("待审核的最新进展。", on: nil, approve: false)
                let round = try #require(try await Inspection.find(inspection.id, on: app.db))

                let content = try await PublicReportComposer.compose(round, asOf: Day(iso: "2024-03-15")!, on: app.db)

                let texts = content.sources.flatMap(\.groups).flatMap(\.problems).flatMap(\.measures)
                // The latest report date wins, then the later of two on one day; what is not approved is not published.
                #expect(texts == ["制定招标文件审查规程。审查规程已印发施行。", "开展专项检查。"])
            }
        }

        @Test func theLedgerExportsAsAWorkbookThatReadsBack() async throws {
            try await withApp { app in
                _ = try await DemoLedger.loadIfEmpty(app)
                let supervisor = try await Fixture.makeUser(app, name: "checker", role: .supervisor, organization: nil)
                let inspection = try #require(try await Inspection.query(on: app.db).first()?.id)

                let res = try await app.send(.GET, "/api/v1/documents/ledger?inspectionId=\(inspection)", token: supervisor)

                #expect(res.status == .ok)
                let rows = try LedgerWorkbookReader.read(data: Data(buffer: res.body))
                #expect(rows.count == 36)
                #expect(Set(rows.map(\.problem.title)).count == 20)
                #expect(rows.contains { $0.measure.leadUnit == "计划财务科" && $0.measure.deadline != nil })
                // Each measure's row names the evidence attached to its reports, and its supporting units.
                let measureIDs = try await Measure.query(on: app.db).filter(\.$inspectionID == inspection).all().compactMap(\.id)
                let reportIDs = try await ProgressReport.query(on: app.db).filter(\.$measureID ~~ measureIDs).all().compactMap(\.id)
                let files = try await EvidenceFile.query(on: app.db).filter(\.$progressReportID ~~ reportIDs)
                    .field(\.$progressReportID).field(\.$name).all()
                try #require(!files.isEmpty)
                for file in files {
                    let report = try #require(try await ProgressReport.find(file.progressReportID, on: app.db))
                    let measure = try #require(try await Measure.find(report.measureID, on: app.db))
                    let row = try #require(rows.first { $0.measure.text == "\(measure.label)\(measure.text)" })
                    #expect(row.measure.evidence.split(separator: "、").contains { $0 == file.name })
                }
                #expect(rows.filter { !$0.measure.evidence.isEmpty }.count
                    == Set(try await ProgressReport.query(on: app.db).filter(\.$id ~~ files.map(\.progressReportID)).all().map(\.measureID)).count)
                let links = try await MeasureUnit.query(on: app.db).filter(\.$measureID ~~ measureIDs).count()
                #expect(rows.map { $0.measure.supportingUnits.isEmpty ? 0 : $0.measure.supportingUnits.split(separator: "、").count }
                    .reduce(0, +) == links)
            }
        }

        @Test func noticesSlipsAndListsDownloadForThoseWhoMaySeeThem() async throws {
            try await withApp { app in
                _ = try await DemoLedger.loadIfEmpty(app)
                let supervisor = try await Fixture.makeUser(app, name: "checker", role: .supervisor, organization: nil)
                let unit = try #require(try await Organization.query(on: app.db).filter(\.$name == "住房保障科").first()?.id)
                let reporter = try await Fixture.makeUser(app, name: "clerk", role: .unitReporter, organization: unit)
                let inspection = try #require(try await Inspection.query(on: app.db).first()?.id)
                let notice = try #require(try await ReminderNotice.query(on: app.db).first()?.id)
                let closed = try #require(try await Problem.query(on: app.db).filter(\.$status == "closed").first()?.id)

                let lists = try await app.send(.GET, "/api/v1/documents/lists?inspectionId=\(inspection)", token: supervisor)
                let noticeDoc = try await app.send(.GET, "/api/v1/reminder-notices/\(notice)/document", token: supervisor)
                let slip = try await app.send(.GET, "/api/v1/problems/\(closed)/close-out-slip", token: supervisor)
                let refused = try await app.send(.GET, "/api/v1/documents/lists?inspectionId=\(inspection)", token: reporter)

                #expect(lists.status == .ok)
                #expect(noticeDoc.status == .ok)
                #expect(slip.status == .ok)
                #expect(refused.status == .forbidden)
                let slipText = try DocxTextExtractor.paragraphs(from: Data(buffer: slip.body)).joined(separator: "\n")
                #expect(slipText.contains("领导签批销号"))
                #expect(slipText.contains("同意销号"))
                let noticeText = try DocxTextExtractor.paragraphs(from: Data(buffer: noticeDoc.body)).joined(separator: "\n")
                #expect(noticeText.contains("年第1期"))
            }
        }
    }
}

extension ServerTests.DocumentAPITests {
    @Test func anExportedLedgerImportsIntoANewRoundUnchanged() async throws {
        try await withApp { app in
            _ = try await DemoLedger.loadIfEmpty(app)
            let body = try #require(try await Organization.query(on: app.db).filter(\.$kind == "body").first()?.id)
            let office = try await Fixture.makeUser(app, name: "office2", role: .office, organization: body)
            let source = try #require(try await Inspection.query(on: app.db).first())
            let sourceID = try source.requireID()
            let workbook = try await app.send(.GET, "/api/v1/documents/ledger?inspectionId=\(sourceID)", token: office)
            let target = try await app.send(.POST, "/api/v1/inspections", token: office, body: [
                "title": "下一轮巡察", "kind": "inspection", "inspectingGroup": "市委第三巡察组", "inspectedBodyId": body])
            let targetID = try #require(try target.json()["id"] as? String)
            let bytes = Data(buffer: workbook.body)
            let before = try await Problem.query(on: app.db).count()

            let dry = try await app.sendBytes(.POST, "/api/v1/imports/ledger?inspectionId=\(targetID)&dryRun=true&name=ledger.xlsx",
                                              token: office, bytes: bytes)
            #expect(dry.status == .ok)
            #expect(try dry.json()["problems"] as? Int == 20)
            #expect(try await Problem.query(on: app.db).count() == before)
            let real = try await app.sendBytes(.POST, "/api/v1/imports/ledger?inspectionId=\(targetID)&name=ledger.xlsx",
                                               token: office, bytes: bytes)

            #expect(real.status == .ok)
            #expect(try real.json()["measures"] as? Int == 36)
            #expect(try real.json()["newUnits"] as? [String] == [])
            func snapshot(_ id: UUID) async throws -> [String] {
                let problems = try await Problem.query(on: app.db).filter(\.$inspectionID == id).all()
                let labels = Dictionary(uniqueKeysWithValues: problems.map { ($0.id!, "\($0.source)|\($0.label)|\($0.title)|\($0.category ?? "")|\($0.aspect ?? "")") })
                // Each measure's kind (立行立改 / 限期整改 / 长期坚持) travels in the ledger's 整改类型 column.
                return try await Measure.query(on: app.db).filter(\.$inspectionID == id).all().map {
                    "\(labels[$0.problemID]!)|\($0.label)|\($0.text)|\($0.leadUnitID?.uuidString ?? "")|\($0.leaderID?.uuidString ?? "")|\($0.deadline ?? "")|\($0.kind)"
                }.sorted()
            }
            let exported = try await snapshot(sourceID), imported = try await snapshot(UUID(uuidString: targetID)!)
            let kinds = Set(try await Measure.query(on: app.db).filter(\.$inspectionID == sourceID).all().map(\.kind))
            #expect(kinds.count >= 2, "the demo has measures of more than one kind: \(kinds)")
            #expect(exported == imported, "only in the source: \(Set(exported).subtracting(imported).sorted().prefix(2)); only imported: \(Set(imported).subtracting(exported).sorted().prefix(2))")
            #expect(try await AuditVerifier.verify(on: app.db).fault == nil)
        }
    }

    /// Leaders are matched by name within the body the ledger goes into: the demo body's people
    /// are not reused for another body, whose own people are created instead.
    @Test func aLedgerImportedIntoAnotherBodyNamesThatBodysOwnPeople() async throws {
        try await withApp { app in
            _ = try await DemoLedger.loadIfEmpty(app)
            let admin = try await Fixture.makeUser(app, name: "admin2", role: .admin, organization: nil)
            let sourceID = try #require(try await Inspection.query(on: app.db).first()).requireID()
            let workbook = try await app.send(.GET, "/api/v1/documents/ledger?inspectionId=\(sourceID)", token: admin)
            let body = try await app.send(.POST, "/api/v1/organizations", token: admin, body: ["name": "市另一局党组", "kind": "body"])
            let otherText = try #require(try body.json()["id"] as? String)
            let otherID = try #require(UUID(uuidString: otherText))
            let target = try await app.send(.POST, "/api/v1/inspections", token: admin, body: [
                "title": "另一局巡察", "kind": "inspection", "inspectingGroup": "市委第三巡察组", "inspectedBodyId": otherID.uuidString])
            let targetText = try #require(try target.json()["id"] as? String)
            let targetID = try #require(UUID(uuidString: targetText))

            let real = try await app.sendBytes(.POST, "/api/v1/imports/ledger?inspectionId=\(targetID)&name=ledger.xlsx",
                                               token: admin, bytes: Data(buffer: workbook.body))

            #expect(real.status == .ok)
            #expect((try real.json()["newPeople"] as? [String])?.isEmpty == false)
            let leaders = try await Measure.query(on: app.db).filter(\.$inspectionID == targetID).all().compactMap(\.leaderID)
            #expect(!leaders.isEmpty)
            let people = try await Person.query(on: app.db).filter(\.$id ~~ leaders).all()
            #expect(!people.isEmpty && people.allSatisfy { $0.organizationID == otherID })
        }
    }

    @Test func aFileThatIsNotALedgerIsRefusedAndNothingIsWritten() async throws {
        try await withApp { app in
            let ledger = try await Ledger.make(app)
            let inspection = try await ledger.inspection()
            let before = try await Problem.query(on: app.db).count()
            let res = try await app.sendBytes(.POST, "/api/v1/imports/ledger?inspectionId=\(inspection.id)&name=x.xlsx",
                                              token: ledger.fx.token("office"), bytes: Data("不是表格".utf8))
            #expect(res.status == .unprocessableEntity)
            #expect(res.errorFields == ["file"])
            #expect(try await Problem.query(on: app.db).count() == before)
        }
    }
}
