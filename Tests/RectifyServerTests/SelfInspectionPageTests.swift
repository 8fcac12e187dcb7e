import Foundation
import RectifyCore
@testable import RectifyServer
import Testing
import Vapor
import VaporTesting

extension ServerTests {
    /// The self-inspection pages: the inspection office issues a task from a problem's page to bodies
    /// by sector and picked, and each body's office answers on the task's page.
    @Suite struct SelfInspectionPageTests {
        typealias Browser = ServerTests.PageFlowTests.Browser

        /// A form with repeated fields (`bodyIds[]`), which the dictionary form of `Browser.post` cannot send.
        static func post(_ browser: Browser, _ path: String, _ pairs: [(String, String)]) async throws -> TestingHTTPResponse {
            let fields = pairs + [("_csrf", try await browser.csrf)]
            func encode(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text }
            let body = fields.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
            var result: TestingHTTPResponse?
            try await browser.app.testing().test(.POST, path, beforeRequest: { req in
                req.headers = browser.headers
                req.headers.contentType = .urlEncodedForm
                req.body = ByteBuffer(string: body)
            }, afterResponse: { result = $0 })
            return try #require(result)
        }

        @Test func theOfficeIssuesATaskFromAProblemAndEachBodyAnswersOnItsPage() async throws {
            try await withApp { app in
                let w = try await SelfInspectionAPITests.World.make(app)
                let supervisor = try await Browser.signIn(app, "supervisor", "password-supervisor")
                let office = try await Browser.signIn(app, "office", "password-office")
                let officeB = try await Browser.signIn(app, "officeB", "password-officeB")

                let problemPage = try await supervisor.get("/problems/\(w.problemA.id)").body.string
                #expect(problemPage.contains("/self-inspection-tasks/new?problemId=\(w.problemA.id)"))
                #expect(!(try await office.get("/problems/\(w.problemA.id)").body.string).contains("issue-self-inspection"))
                #expect(try await office.get("/self-inspection-tasks/new").status == .forbidden)
                #expect((try await supervisor.get("/board").body.string).contains("href=\"/self-inspection-tasks\""))

                let form = try await supervisor.get("/self-inspection-tasks/new?problemId=\(w.problemA.id)").body.string
                #expect(form.contains("关于“公务接待超标准”问题的举一反三自查") && form.contains("市交通局党组") && form.contains("交通运输（2个）"))

                let refused = try await Self.post(supervisor, "/self-inspection-tasks", [("title", "自查"), ("requirement", "自查"), ("workingDays", "0")])
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.body.string.contains("请点选被巡察单位或选择所属领域") && refused.body.string.contains("报送时限（工作日）应在1至60之间"))

                let issued = try await Self.post(supervisor, "/self-inspection-tasks", [
                    ("sourceProblemId", w.problemA.id.uuidString), ("title", "关于公务接待问题的举一反三自查"), ("requirement", "对照自查"),
                    ("workingDays", "5"), ("sectors[]", "transport"), ("bodyIds[]", w.fx.body.uuidString)])
                #expect(issued.status == .seeOther, "\(issued.body.string.prefix(300))")
                let location = try #require(issued.headers.first(name: .location))
                #expect(location.hasSuffix("?done=issued"))
                let taskPath = String(location.prefix { $0 != "?" })

                let overview = try await supervisor.get(taskPath + "?done=issued").body.string
                #expect(overview.contains("举一反三自查任务已部署。") && overview.contains("市公路局党组") && overview.contains("待报送"))
                #expect(!overview.contains("answer-form"))

                let pageB = try await officeB.get(taskPath).body.string
                #expect(pageB.contains("id=\"answer-form\"") && pageB.contains("交通局办公室"))
                #expect(!pageB.contains("市测试局党组") && !pageB.contains("市公路局党组"))
                let missing = try await Self.post(officeB, "\(taskPath)/answer", [("state", "not_found"), ("version", "1")])
                #expect(missing.status == .unprocessableEntity && missing.body.string.contains("自查情况说明不能为空"))
                let answeredB = try await Self.post(officeB, "\(taskPath)/answer", [
                    ("state", "not_found"), ("explanation", "逐项对照，未发现同类问题。"), ("version", "1")])
                #expect(answeredB.status == .seeOther)
                let afterB = try await officeB.get(taskPath).body.string
                #expect(afterB.contains("未查找到同类问题") && !afterB.contains("answer-form"))

                let badRow = try await Self.post(office, "\(taskPath)/answer", [
                    ("state", "found"), ("problemTitle", "公务接待不规范"), ("version", "1"), ("text1", "修订接待办法"), ("deadline1", "2024-05-31")])
                #expect(badRow.status == .unprocessableEntity && badRow.body.string.contains("第1项措施的牵头单位不能为空"))
                let found = try await Self.post(office, "\(taskPath)/answer", [
                    ("state", "found"), ("problemTitle", "公务接待不规范"), ("problemDescription", "自查发现接待超标准。"), ("version", "1"),
                    ("text1", "修订接待办法"), ("unit1", w.fx.unitA.uuidString), ("leader1", w.personA.id.uuidString), ("deadline1", "2024-05-31"),
                    ("kind1", "time_bound")])
                #expect(found.status == .seeOther, "\(found.body.string.prefix(300))")

                let final = try await supervisor.get(taskPath).body.string
                #expect(final.contains("查找到同类问题") && final.contains("查看录入台账的问题"))
                let list = try await supervisor.get("/self-inspection-tasks").body.string
                #expect(list.contains("关于公务接待问题的举一反三自查"))
                let officeList = try await office.get("/self-inspection-tasks").body.string
                #expect(officeList.contains("查找到同类问题（已按期报送）") && !officeList.contains("市交通局党组"))
            }
        }
    }
}
