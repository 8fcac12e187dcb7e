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
        @Test func theSeedImportedThenWrittenAsThePublicReportReadsBackTheSame() async throws {
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
