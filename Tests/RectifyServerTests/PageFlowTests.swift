import Fluent
import Foundation
import RectifyCore
@testable import RectifyServer
import Testing
import Vapor
import VaporTesting

extension ServerTests {
    /// The reporting and close-out flow through the pages, as the browser drives it.
    @Suite struct PageFlowTests {
        struct Browser {
            let app: Application
            let headers: HTTPHeaders

            static func signIn(_ app: Application, _ name: String, _ password: String) async throws -> Browser {
                Browser(app: app, headers: try await PageTests.signIn(app, name, password))
            }

            func get(_ path: String) async throws -> TestingHTTPResponse {
                try await app.send(.GET, path, headers: headers)
            }

            var csrf: String {
                get async throws {
                    let html = try await get("/board").body.string
                    let range = try #require(html.range(of: #"name="_csrf" value=""#))
                    return String(html[range.upperBound...].prefix { $0 != "\"" })
                }
            }

            func post(_ path: String, form: [String: String]) async throws -> TestingHTTPResponse {
                var fields = form
                fields["_csrf"] = try await csrf
                var result: TestingHTTPResponse?
                try await app.testing().test(.POST, path, beforeRequest: { req in
                    req.headers = headers
                    try req.content.encode(fields, as: .urlEncodedForm)
                }, afterResponse: { result = $0 })
                return try #require(result)
            }

            func postReport(_ path: String, progress: String, text: String, file: (String, Data)?) async throws -> TestingHTTPResponse {
                struct Form: Content { var _csrf: String; var progress: String; var text: String; var files: [File] }
                let form = Form(_csrf: try await csrf, progress: progress, text: text,
                                files: file.map { [File(data: ByteBuffer(data: $0.1), filename: $0.0)] } ?? [])
                var result: TestingHTTPResponse?
                try await app.testing().test(.POST, path, beforeRequest: { req in
                    req.headers = headers
                    try req.content.encode(form, as: .formData)
                }, afterResponse: { result = $0 })
                return try #require(result)
            }
        }

        @Test func aReporterReportsTheOfficeApprovesAndTheLeaderSignsOff() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let inspection = try await ledger.inspection()
                let problem = try await ledger.problem(inspection.id, title: "档案管理不规范")
                let measure = try await ledger.measure(problem.id, text: "开展档案清理归档")
                let reporter = try await Browser.signIn(app, "reporterA", "password-reporterA")
                let office = try await Browser.signIn(app, "office", "password-office")
                let leader = try await Browser.signIn(app, "leader", "password-leader")

                let bad = try await reporter.postReport("/measures/\(measure.id)/report", progress: "一百", text: "草稿不会丢", file: nil)
                #expect(bad.status == .unprocessableEntity)
                #expect(bad.body.string.contains("草稿不会丢"))
                let sent = try await reporter.postReport("/measures/\(measure.id)/report", progress: "100", text: "已完成全部档案归档",
                                                         file: ("归档清单.txt", Data("归档清单\n".utf8)))
                #expect(sent.status == .seeOther)
                let report = try #require(try await ProgressReport.query(on: app.db).filter(\.$measureID == measure.id).first())
                #expect(try await EvidenceFile.query(on: app.db).filter(\.$progressReportID == report.requireID()).count() == 1)

                let page = try await office.get("/problems/\(problem.id)").body.string
                #expect(page.contains("归档清单.txt"))
                let approved = try await office.post("/progress-reports/\(report.requireID())/review", form: ["decision": "approve", "opinion": "同意"])
                #expect(approved.status == .seeOther)
                let requested = try await reporter.post("/close-out", form: ["measureId": measure.id.uuidString, "stage": "self_check", "decision": "approve"])
                #expect(requested.status == .seeOther)
                let reviewed = try await office.post("/close-out", form: ["measureId": measure.id.uuidString, "stage": "office_review", "decision": "approve"])
                #expect(reviewed.status == .seeOther)
                #expect(try await leader.get("/review").body.string.contains("开展档案清理归档"))
                let signed = try await leader.post("/close-out", form: ["measureId": measure.id.uuidString, "stage": "leader_sign_off", "decision": "approve"])
                #expect(signed.status == .seeOther)

                #expect(try await ledger.getMeasure(measure.id).status == .closed)
                let board = try await office.get("/board").body.string
                #expect(board.contains("<span class=\"word\">已销号</span>"))
            }
        }

        @Test func anotherUnitsReporterCannotOpenTheMeasure() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let inspection = try await ledger.inspection()
                let problem = try await ledger.problem(inspection.id)
                let measure = try await ledger.measure(problem.id)
                let other = try await Browser.signIn(app, "reporterB", "password-reporterB")

                let form = try await other.get("/measures/\(measure.id)/report")
                let detail = try await other.get("/problems/\(problem.id)")
                let post = try await other.postReport("/measures/\(measure.id)/report", progress: "50", text: "越权", file: nil)

                #expect(form.status == .notFound)
                #expect(detail.status == .notFound)
                #expect(post.status == .notFound)
                #expect(try await ProgressReport.query(on: app.db).count() == 0)
            }
        }
    }
}
