import Fluent
import Foundation
import RectifyCore
@testable import RectifyServer
import Testing
import Vapor
import VaporTesting

extension ServerTests {
    /// The notice, bulletin and publishing pages.
    @Suite struct NoticePageTests {
        @Test func aRecipientRepliesToANoticeAndAnEmptyReplyIsRefusedBesideTheForm() async throws {
            try await withApp { app in
                _ = try await DemoLedger.loadIfEmpty(app)
                let office = try await PageFlowTests.Browser.signIn(app, "office", DemoLedger.password)
                let notice = try #require(try await ReminderNotice.query(on: app.db).filter(\.$state == "issued").first())
                let id = try notice.requireID()

                let list = try await office.get("/notices").body.string
                let empty = try await office.post("/notices/\(id)/state", form: ["state": "replied", "reply": "", "version": "\(notice.version)"])
                let replied = try await office.post("/notices/\(id)/state", form: ["state": "replied", "reply": "已召开专题会部署整改。",
                                                                                   "version": "\(notice.version)"])

                #expect(list.contains(notice.title))
                #expect(empty.status == .unprocessableEntity)
                #expect(empty.body.string.contains("回复时须填写回复内容"))
                #expect(replied.status == .seeOther)
                let after = try #require(try await ReminderNotice.find(id, on: app.db))
                #expect(after.state == "replied")
                #expect(after.repliedOn == Day(fixedNow).iso)
            }
        }

        @Test func theOfficeGeneratesABulletinAndPublishesTheReportFromThePages() async throws {
            try await withApp { app in
                _ = try await DemoLedger.loadIfEmpty(app)
                let office = try await PageFlowTests.Browser.signIn(app, "office", DemoLedger.password)
                let inspection = try #require(try await Inspection.query(on: app.db).first()?.id)

                let generated = try await office.post("/bulletins", form: ["inspectionId": inspection.uuidString, "week": "2024-W11"])
                let published = try await office.post("/publish", form: ["inspectionId": inspection.uuidString, "asOf": "2024-03-15"])

                #expect(generated.status == .seeOther)
                let bulletinPage = try await office.get(try #require(generated.headers.first(name: .location))).body.string
                #expect(bulletinPage.contains("一、本周完成整改情况"))
                #expect(published.status == .seeOther)
                let location = try #require(published.headers.first(name: .location))
                #expect(location.hasPrefix("/public/reports/"))
                let publicPage = try await app.send(.GET, location)
                #expect(publicPage.body.string.contains("截至2024年3月15日"))
                let reporter = try await PageFlowTests.Browser.signIn(app, "reporter-office", DemoLedger.password)
                #expect(try await reporter.get("/publish").status == .forbidden)
            }
        }
    }
}

extension ServerTests.NoticePageTests {
    @Test func theOfficeKeepsTheRegistersFromTheirPage() async throws {
        try await withApp { app in
            _ = try await DemoLedger.loadIfEmpty(app)
            let office = try await ServerTests.PageFlowTests.Browser.signIn(app, "office", DemoLedger.password)
            let inspection = try #require(try await Inspection.query(on: app.db).first()?.id)
            let before = try await Regulation.query(on: app.db).count()

            let page = try await office.get("/registers?inspectionId=\(inspection)").body.string
            let added = try await office.post("/registers/regulation", form: [
                "inspectionId": inspection.uuidString, "title": "巡察整改资料归档办法", "documentNumber": "江建字〔2024〕30号",
                "issuedOn": "2024-03-01"])
            let refused = try await office.post("/registers/fund", form: [
                "inspectionId": inspection.uuidString, "amount": "许多", "description": "追回", "recordedOn": "2024-03-01"])

            #expect(page.contains("《江川市住房和城乡建设局专项资金管理办法》"))
            #expect(page.contains("谈话提醒"))
            #expect(added.status == .seeOther)
            #expect(try await Regulation.query(on: app.db).count() == before + 1)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("问题不能为空") || refused.body.string.contains("金额应为"))
            let reporter = try await ServerTests.PageFlowTests.Browser.signIn(app, "reporter-office", DemoLedger.password)
            #expect(try await reporter.get("/registers").status == .forbidden)
        }
    }
}

extension ServerTests.NoticePageTests {
    @Test func aReportIsPreviewedWithItsFindingsThenImportedOnConfirmation() async throws {
        try await withApp { app in
            _ = try await Fixture.make(app)
            let office = try await ServerTests.PageFlowTests.Browser.signIn(app, "office", "password-office")
            struct Upload: Content { var _csrf: String; var kind: String; var file: File }
            let seed = try ServerTests.ReportImportAPITests.seed()
            var preview: TestingHTTPResponse?
            let token = try await office.csrf
            try await app.testing().test(.POST, "/import/preview", beforeRequest: { req in
                req.headers = office.headers
                try req.content.encode(Upload(_csrf: token, kind: "report", file: File(data: ByteBuffer(data: seed), filename: "seed.txt")),
                                       as: .formData)
            }, afterResponse: { preview = $0 })

            let html = try #require(preview).body.string
            #expect(html.contains("读出具体问题34个"))
            #expect(html.contains("措施编号“④”重复出现"))
            #expect(try await Inspection.query(on: app.db).count() == 0)
            let draft = try #require(html.range(of: #"name="draftId" value=""#).map { String(html[$0.upperBound...].prefix { $0 != "\"" }) })
            let confirmed = try await office.post("/import/confirm", form: ["draftId": draft, "decision": "import"])
            #expect(confirmed.status == .seeOther)
            #expect(try await Problem.query(on: app.db).count() == 34)
            #expect(try await ImportDraft.query(on: app.db).count() == 0)
        }
    }
}

extension ServerTests.NoticePageTests {
    @Test func theAdministratorCreatesUsersAndSetsThresholdsFromTheAdminPage() async throws {
        try await withApp { app in
            let fx = try await Fixture.make(app)
            let admin = try await ServerTests.PageFlowTests.Browser.signIn(app, "admin", "password-admin")
            let inspection = try await Ledger(app: app, fx: fx).inspection()

            let created = try await admin.post("/admin/users", form: ["username": "clerk", "displayName": "王五", "role": "unit_reporter",
                                                                      "unit": fx.unitA.uuidString])
            let missingUnit = try await admin.post("/admin/users", form: ["username": "boss", "displayName": "赵六", "role": "office"])
            let saved = try await admin.post("/admin/thresholds", form: ["inspectionId": inspection.id.uuidString, "dueSoonWorkingDays": "8",
                                                                         "behindSchedulePoints": "15", "version": "\(inspection.version)"])

            #expect(created.status == .ok)
            #expect(created.body.string.contains("一次性密码"))
            #expect(try await User.query(on: app.db).filter(\.$username == "clerk").first()?.organizationID == fx.unitA)
            #expect(missingUnit.status == .unprocessableEntity)
            #expect(saved.status == .seeOther)
            #expect(try await Inspection.find(inspection.id, on: app.db)?.warningThresholds.dueSoonWorkingDays == 8)
            let office = try await ServerTests.PageFlowTests.Browser.signIn(app, "office", "password-office")
            #expect(try await office.get("/admin").status == .forbidden)
        }
    }
}
