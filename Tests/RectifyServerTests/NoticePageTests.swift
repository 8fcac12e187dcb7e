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
    @Test(.enabled(if: ServerTests.ReportImportAPITests.seedIsPresent, ServerTests.ReportImportAPITests.seedSkipped))
    func aReportIsPreviewedWithItsFindingsThenImportedOnConfirmation() async throws {
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

    @Test func theAdministratorUnlocksAccountsFromTheAdminPage() async throws {
        try await withApp { app in
            _ = try await Fixture.make(app)
            let admin = try await ServerTests.PageFlowTests.Browser.signIn(app, "admin", "password-admin")

            // A locked account shows as locked; the reset gives a one-time password and lifts the lock.
            for attempt in 1...LoginGate.lockoutThreshold {
                _ = try await app.send(.POST, "/api/v1/auth/login", body: ["username": "leader", "password": "wrong-\(attempt)"])
            }
            let leader = try #require(try await User.query(on: app.db).filter(\.$username == "leader").first())
            #expect(try await admin.get("/admin").body.string.contains("已锁定"))
            let reset = try await admin.post("/admin/users/\(leader.id!)/reset-password", form: [:])
            #expect(reset.status == .ok)
            let html = reset.body.string
            let password = try #require(html.range(of: "一次性密码：<strong>").map { String(html[$0.upperBound...].prefix { $0 != "<" }) })
            #expect(try await app.send(.POST, "/api/v1/auth/login", body: ["username": "leader", "password": password]).status == .ok)
            let office = try await ServerTests.PageFlowTests.Browser.signIn(app, "office", "password-office")
            #expect(try await office.post("/admin/users/\(leader.id!)/reset-password", form: [:]).status == .forbidden)
        }
    }

    /// The admin page shows one inspected body at a time and pages its users, so a province's
    /// thousands of units never fill every selector: units, users and rounds of another body stay
    /// off the page until the administrator turns to it; unit-less users show in every scope.
    @Test func theAdminPageShowsOneBodyAtATimeAndPagesItsUsers() async throws {
        try await withApp { app in
            let fx = try await Fixture.make(app)
            let admin = try await ServerTests.PageFlowTests.Browser.signIn(app, "admin", "password-admin")
            let newBody = try await admin.post("/admin/units?body=\(fx.body)", form: ["name": "市另一局党组", "kind": "body"])
            #expect(newBody.status == .seeOther)
            let other = try #require(try await Organization.query(on: app.db).filter(\.$name == "市另一局党组").first()?.id)
            #expect(newBody.headers.first(name: .location) == "/admin?body=\(other)")
            let unit = try await admin.post("/admin/units?body=\(other)", form: ["name": "另一局办公室", "kind": "department", "parentId": other.uuidString])
            #expect(unit.headers.first(name: .location) == "/admin?body=\(other)")
            let otherUnit = try #require(try await Organization.query(on: app.db).filter(\.$name == "另一局办公室").first()?.id)
            for index in 1...(AdminPagesController.usersPerPage + 5) {
                _ = try await Fixture.makeUser(app, name: String(format: "clerk%03d", index), role: .unitReporter, organization: otherUnit)
            }

            let first = try await admin.get("/admin?body=\(fx.body)").body.string
            #expect(first.contains("办公室") && first.contains("reporterA") && first.contains("supervisor"))
            #expect(!first.contains("另一局办公室") && !first.contains("clerk001"))
            #expect(first.contains("第1页，共1页"))

            let turned = try await admin.get("/admin?body=\(other)").body.string
            #expect(turned.contains("另一局办公室") && !turned.contains("财务科") && !turned.contains("reporterA"))
            // 55 clerks plus the two unit-less users (admin, supervisor): two pages of 50.
            #expect(turned.contains("共 57 人") && turned.contains("第1页，共2页") && turned.contains("usersPage=2"))
            #expect(turned.contains("admin") && turned.contains("clerk001") && !turned.contains("clerk055"))
            let second = try await admin.get("/admin?body=\(other)&usersPage=2").body.string
            #expect(second.contains("clerk055") && !second.contains("clerk001"))
            // An unknown body falls back to the first by order and name (另 sorts before 测).
            #expect(try await admin.get("/admin?body=\(UUID())").body.string.contains("另一局办公室"))
        }
    }
}
