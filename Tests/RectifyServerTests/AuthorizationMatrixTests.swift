import Foundation
import RectifyCore
import RectifyDocuments
@testable import RectifyServer
import Testing
import Vapor
import VaporTesting

extension ServerTests {
    /// Every route in the route table × every role (and nobody) × an item of the user's own unit,
    /// of another unit of the same body, and of another body. The table drives the test, so a new
    /// route is covered the moment it is registered, and one registered without an access rule
    /// fails here.
    ///
    /// - Nobody: 401, or for a page a redirect to the login page; routes open to anyone must not say so.
    /// - A role the route does not name: 403.
    /// - A role it names: never 401/403; reading an item outside the user's scope gives 404, and
    ///   writing to one never succeeds; reading an own item succeeds.
    /// - No request, whoever sends it, gets a 5xx.
    @Suite struct AuthorizationMatrixTests {
        enum Scope: String, CaseIterable { case own, otherUnit, otherBody }

        /// Items on both sides of each boundary, keyed by the path segment that names their kind.
        struct World {
            var ids: [String: [Scope: UUID]] = [:]
            /// Every id of the other two bodies' rows, and unit B's ledger items in the first body.
            var otherBodyIDs: Set<String> = []
            var otherUnitIDs: Set<String> = []
            /// Rows of the first body that writes may name, and of the second body that they may not.
            var own: [String: Any] = [:]
            var foreign: [String: Any] = [:]
            /// Kinds whose visibility follows the reporter's unit, not only the body.
            static let unitScoped: Set<String> = ["problems", "measures", "progress-reports", "evidence", "reminder-notices"]
            /// Text only the other bodies' rows carry, and text only unit B's items carry.
            static let otherBodyMarkers = ["交通局", "水利局"]
            static let otherUnitMarkers = ["财务科的措施", "财务科填报"]

            func id(forKind kind: String, _ scope: Scope) -> UUID? { ids[kind]?[scope] }
        }

        static let roles: [(user: String, role: Role)] = [
            ("admin", .admin), ("office", .office), ("leader", .leader), ("supervisor", .supervisor), ("reporterA", .unitReporter),
        ]

        static func created(_ response: TestingHTTPResponse, _ what: String) throws -> UUID {
            try #require(response.status == .created, "\(what): \(response.status) \(response.body.string)")
            return try #require(UUID(uuidString: try response.json()["id"] as? String ?? ""))
        }

        /// One body's registers (accountability, regulation, meeting, recovered funds), by path.
        static func registers(_ app: Application, token: String, round: UUID, problem: UUID, person: UUID?, tag: String) async throws
            -> [String: UUID] {
            var result: [String: UUID] = [:]
            var accountability: [String: Any] = ["inspectionId": round, "personName": "\(tag)干部", "rank": "section", "form": "criticism",
                                                 "decidedOn": "2024-03-01", "problemIds": [problem]]
            if let person { accountability["personId"] = person }
            result["accountability-records"] = try created(try await app.send(.POST, "/api/v1/accountability-records", token: token,
                                                                              body: accountability), "accountability")
            result["regulations"] = try created(try await app.send(.POST, "/api/v1/regulations", token: token, body: [
                "inspectionId": round, "title": "\(tag)管理办法", "issuedOn": "2024-03-01", "problemIds": [problem]]), "regulation")
            result["meetings"] = try created(try await app.send(.POST, "/api/v1/meetings", token: token, body: [
                "inspectionId": round, "kind": "special", "heldOn": "2024-03-01", "title": "\(tag)专题会", "problemIds": [problem]]), "meeting")
            result["recovered-funds"] = try created(try await app.send(.POST, "/api/v1/recovered-funds", token: token, body: [
                "problemId": problem, "amount": "1200.50", "description": "\(tag)收回资金", "recordedOn": "2024-03-01"]), "fund")
            return result
        }

        /// Another inspected body built by the administrator: two units, a person, a round with a
        /// problem, a measure, a report with evidence, a notice, registers and a bulletin.
        static func otherBody(_ app: Application, _ ledger: Ledger, name: String) async throws -> [String: UUID] {
            let admin = ledger.fx.token("admin")
            var ids: [String: UUID] = [:]
            ids["body"] = try created(try await app.send(.POST, "/api/v1/organizations", token: admin, body: ["name": "市\(name)党组", "kind": "body"]), "body")
            ids["organizations"] = try created(try await app.send(.POST, "/api/v1/organizations", token: admin,
                                                                  body: ["name": "\(name)办公室", "kind": "department", "parentId": ids["body"]!]), "unit")
            ids["unit2"] = try created(try await app.send(.POST, "/api/v1/organizations", token: admin,
                                                          body: ["name": "\(name)计财科", "kind": "department", "parentId": ids["body"]!]), "unit")
            ids["people"] = try created(try await app.send(.POST, "/api/v1/people", token: admin,
                                                           body: ["name": "\(name)处长", "rank": "division", "organizationId": ids["organizations"]!]), "person")
            ids["inspections"] = try await ledger.inspection(title: "\(name)轮次", body: ids["body"]!, token: "admin").id
            ids["problems"] = try created(try await app.send(.POST, "/api/v1/problems", token: admin, body: [
                "inspectionId": ids["inspections"]!, "source": "inspection_feedback", "title": "\(name)的问题",
                "leadUnitId": ids["organizations"]!, "leaderIds": [ids["people"]!], "deadline": "2024-06-30"]), "problem")
            ids["measures"] = try created(try await app.send(.POST, "/api/v1/measures", token: admin, body: [
                "problemId": ids["problems"]!, "text": "\(name)的措施", "leadUnitId": ids["organizations"]!, "leaderId": ids["people"]!,
                "supportingUnitIds": [ids["unit2"]!], "deadline": "2024-05-31"]), "measure")
            ids["progress-reports"] = try await ledger.report(ids["measures"]!, progress: 10, token: "admin", text: "\(name)的进展").id
            ids["evidence"] = try await Self.evidence(app, report: ids["progress-reports"]!, token: admin)
            ids["reminder-notices"] = try created(try await app.send(.POST, "/api/v1/reminder-notices", token: admin, body: [
                "inspectionId": ids["inspections"]!, "title": "\(name)督办提示", "recipients": ["\(name)办公室"],
                "items": [["measureId": ids["measures"]!]]]), "notice")
            ids["bulletins"] = try await Self.bulletin(app, token: admin, round: ids["inspections"]!)
            for (kind, id) in try await registers(app, token: admin, round: ids["inspections"]!, problem: ids["problems"]!,
                                                  person: ids["people"]!, tag: name) { ids[kind] = id }
            return ids
        }

        static func bulletin(_ app: Application, token: String, round: UUID) async throws -> UUID {
            let res = try await app.send(.POST, "/api/v1/bulletins", token: token, body: ["inspectionId": round, "week": "2024-W10"])
            try #require(res.status == .created || res.status == .ok, "bulletin: \(res.status) \(res.body.string)")
            return try #require(UUID(uuidString: try res.json()["id"] as? String ?? ""))
        }

        static func build(_ app: Application) async throws -> (Ledger, World) {
            let ledger = try await Ledger.make(app)
            let fx = ledger.fx
            var world = World()
            let office = fx.token("office")
            // The first body: units A and B, and C below A, with a person in each.
            let unitC = try created(try await app.send(.POST, "/api/v1/organizations", token: office,
                                                       body: ["name": "办公室综合组", "kind": "department", "parentId": fx.unitA]), "unit C")
            let personA = try await ledger.person("王敏", organization: fx.unitA)
            let personB = try await ledger.person("孙强", organization: fx.unitB)
            _ = try await ledger.person("周丽", organization: unitC)
            let inspection = try await ledger.inspection()
            let problemA = try await ledger.problem(inspection.id, title: "办公室牵头的问题", extra: ["leaderIds": [personA.id]])
            let measureA = try await ledger.measure(problemA.id, text: "办公室的措施", extra: ["leaderId": personA.id])
            let problemB = try await ledger.problem(inspection.id, title: "财务科牵头的问题", extra: ["leadUnitId": fx.unitB])
            let measureB = try await ledger.measure(problemB.id, text: "财务科的措施", leadUnit: fx.unitB, extra: ["leaderId": personB.id])
            let reportA = try await ledger.report(measureA.id, progress: 20)
            let reportB = try await ledger.report(measureB.id, progress: 20, token: "reporterB", text: "财务科填报的进展")
            let evidenceA = try await Self.evidence(app, report: reportA.id, token: fx.token("reporterA"))
            let evidenceB = try await Self.evidence(app, report: reportB.id, token: fx.token("reporterB"))
            let noticeA = try created(try await app.send(.POST, "/api/v1/reminder-notices", token: office, body: [
                "inspectionId": inspection.id, "title": "办公室督办提示", "recipients": ["办公室"], "items": [["measureId": measureA.id]]]), "notice")
            let noticeB = try created(try await app.send(.POST, "/api/v1/reminder-notices", token: office, body: [
                "inspectionId": inspection.id, "title": "督办提示（财务科）", "recipients": ["财务科"], "items": [["measureId": measureB.id]]]), "notice")
            let bulletin = try await Self.bulletin(app, token: office, round: inspection.id)
            let ownRegisters = try await registers(app, token: office, round: inspection.id, problem: problemA.id, person: personA.id, tag: "本局")

            var second = try await otherBody(app, ledger, name: "交通局")
            let third = try await otherBody(app, ledger, name: "水利局")
            // A task sent to the first body and the second (whose answer the first must never see), and
            // one sent to the second only.
            let supervisor = fx.token("supervisor")
            let sharedTask = try created(try await app.send(.POST, "/api/v1/self-inspection-tasks", token: supervisor, body: [
                "title": "本局与他局共同自查", "requirement": "自查", "bodyIds": [fx.body, second["body"]!], "workingDays": 5]), "task")
            second["self-inspection-tasks"] = try created(try await app.send(.POST, "/api/v1/self-inspection-tasks", token: supervisor, body: [
                "title": "交通局专项自查", "requirement": "交通局自查", "bodyIds": [second["body"]!], "workingDays": 5]), "task")

            func both(_ kind: String, _ own: UUID, _ otherUnit: UUID) { world.ids[kind] = [.own: own, .otherUnit: otherUnit, .otherBody: second[kind]!] }
            both("inspections", inspection.id, inspection.id)
            both("problems", problemA.id, problemB.id)
            both("measures", measureA.id, measureB.id)
            both("progress-reports", reportA.id, reportB.id)
            both("evidence", evidenceA, evidenceB)
            both("reminder-notices", noticeA, noticeB)
            both("organizations", fx.unitA, fx.unitB)
            both("people", personA.id, personB.id)
            both("bulletins", bulletin, bulletin)
            both("self-inspection-tasks", sharedTask, sharedTask)
            for (kind, id) in ownRegisters { both(kind, id, id) }

            for body in [second, third] { world.otherBodyIDs.formUnion(body.values.map(\.uuidString)) }
            world.otherUnitIDs = Set([problemB.id, measureB.id, reportB.id, evidenceB, noticeB].map(\.uuidString))
            world.own = ["parentId": fx.unitA, "organizationId": unitC, "leadUnitId": fx.unitA, "inspectedBodyId": fx.body,
                         "supportingUnitIds": [fx.unitB], "leaderId": personB.id, "personId": personA.id, "leaderIds": [personA.id],
                         "inspectionId": inspection.id, "problemId": problemA.id, "problemIds": [problemA.id], "measureId": measureA.id,
                         "unitC": unitC, "supersedes": ownRegisters]
            world.foreign = ["parentId": second["organizations"]!, "organizationId": second["organizations"]!,
                             "leadUnitId": second["organizations"]!, "inspectedBodyId": second["body"]!,
                             "supportingUnitIds": [second["unit2"]!], "leaderId": second["people"]!, "personId": second["people"]!,
                             "leaderIds": [second["people"]!], "inspectionId": second["inspections"]!, "problemId": second["problems"]!,
                             "problemIds": [second["problems"]!], "measureId": second["measures"]!,
                             "supersedes": second.filter { ownRegisters[$0.key] != nil }]
            return (ledger, world)
        }

        static func evidence(_ app: Application, report: UUID, token: String) async throws -> UUID {
            let upload = try await app.sendMultipart("/api/v1/progress-reports/\(report)/evidence", token: token,
                                                     filename: "纪要.pdf", bytes: Data("%PDF-1.4\n".utf8))
            try #require(upload.status == .created, "evidence: \(upload.status)")
            return try #require(UUID(uuidString: try upload.json()["id"] as? String ?? ""))
        }

        /// A signed-in browser: its cookie and the CSRF token of its session.
        struct Browser {
            var cookie: String
            var csrf: String
        }

        static func browser(_ app: Application, _ user: String?) async throws -> Browser {
            var headers = HTTPHeaders()
            if let user { headers = try await PageTests.signIn(app, user, "password-\(user)") }
            let page = try await app.send(.GET, "/login", headers: headers)
            let cookie = page.headers.setCookie?["rectify_session"]?.string ?? headers.cookie?["rectify_session"]?.string ?? ""
            let html = page.body.string
            let csrf = try #require(html.range(of: #"name="_csrf" value=""#).map { String(html[$0.upperBound...].prefix { $0 != "\"" }) })
            return Browser(cookie: cookie, csrf: csrf)
        }

        /// The concrete path for a route: parameters become the item of `scope` for the kind named
        /// before them, or an id nobody holds when the test has no such item.
        static func path(of route: Route, _ world: World, _ scope: Scope) -> (path: String, kind: String?) {
            var parts: [String] = []
            var kind: String?
            for component in route.path {
                switch component {
                case .constant(let text): parts.append(text)
                case .parameter(let name):
                    if name == "kind" {
                        parts.append("accountability")
                    } else {
                        let owner = parts.last.map { $0 == "reports" && parts.first == "public" ? "publications" : $0 }
                        if kind == nil, let owner, let id = world.id(forKind: owner, scope) {
                            kind = owner
                            parts.append(id.uuidString)
                        } else {
                            parts.append(UUID().uuidString)
                        }
                    }
                case .anything, .catchall: parts.append("x")
                }
            }
            let query = Self.queries[route.path.string].map { "?" + $0 } ?? ""
            return ("/" + parts.joined(separator: "/") + query, kind)
        }

        /// What routes that do nothing without a query are sent: searches for words in rows of every body
        /// and both units (`SearchTests` checks that a supervisor's search reaches all three bodies), so the
        /// leak check reads what a search would show of them. The page's word is too short for the index.
        static let queries: [String: String] = [
            "api/v1/search": "q=\(RectifyServerTests.query("的措施"))",
            "search": "q=\(RectifyServerTests.query("措施"))",
        ]

        static func send(_ app: Application, _ route: Route, path: String, token: String?, browser: Browser) async throws -> TestingHTTPResponse {
            let isAPI = path.hasPrefix("/api/")
            var result: TestingHTTPResponse?
            try await app.testing().test(route.method, path, beforeRequest: { req in
                if isAPI {
                    if let token { req.headers.bearerAuthorization = BearerAuthorization(token: token) }
                    if route.method != .GET { req.headers.contentType = .json; req.body = ByteBuffer(string: "{}") }
                } else {
                    req.headers.cookie = ["rectify_session": HTTPCookies.Value(string: browser.cookie)]
                    req.headers.add(name: .accept, value: "text/html")
                    if route.method != .GET { try req.content.encode(["_csrf": browser.csrf], as: .urlEncodedForm) }
                }
            }, afterResponse: { result = $0 })
            return try #require(result)
        }

        /// Sign-in answers 401 to the empty credentials the matrix sends; that is no refusal of the role.
        static func checksCredentials(_ route: Route) -> Bool {
            route.path.contains { $0.description == "login" }
        }

        /// Routes that end the caller's own session or token run last, so the matrix keeps its users.
        static func endsTheSession(_ route: Route) -> Bool {
            route.path.contains { $0.description == "logout" }
        }

        @Test func everyRouteForEveryRoleOnOwnAndOtherItems() async throws {
            try await withApp { app in
                let (ledger, world) = try await Self.build(app)
                let fx = ledger.fx
                var browsers: [String: Browser] = [:]
                for (user, _) in Self.roles { browsers[user] = try await Self.browser(app, user) }
                let anonymous = try await Self.browser(app, nil)

                let routes = app.routes.all.sorted { !Self.endsTheSession($0) && Self.endsTheSession($1) }
                var checked = 0
                for route in routes {
                    let name = "\(route.method.rawValue) /\(route.path.string)"
                    guard let access = route.access else {
                        Issue.record("\(name) has no access rule")
                        continue
                    }
                    let isPage = !route.path.string.hasPrefix("api/")
                    for scope in Scope.allCases {
                        let (path, kind) = Self.path(of: route, world, scope)
                        if kind == nil && scope != .own { continue }

                        let nobody = try await Self.send(app, route, path: path, token: nil, browser: anonymous)
                        #expect(nobody.status.code < 500, "\(name) as nobody: \(nobody.status)")
                        if case .roles = access {
                            let redirectedToLogin = nobody.status == .seeOther && (nobody.headers.first(name: .location) ?? "").hasPrefix("/login")
                            #expect(nobody.status == .unauthorized || (isPage && route.method == .GET && redirectedToLogin),
                                    "\(name) as nobody: \(nobody.status)")
                        } else {
                            #expect(nobody.status != .forbidden && (nobody.status != .unauthorized || Self.checksCredentials(route)),
                                    "\(name) is open but refused nobody")
                        }

                        for (user, role) in Self.roles {
                            let response = try await Self.send(app, route, path: path, token: fx.token(user), browser: browsers[user]!)
                            let status = response.status
                            let what = "\(name) as \(user) on \(scope.rawValue) item (\(path)): \(status)"
                            checked += 1
                            #expect(status.code < 500, "\(what) \(response.body.string.prefix(200))")
                            guard access.allows(role) else {
                                #expect(status == .forbidden, "\(what)")
                                continue
                            }
                            #expect(status != .forbidden && (status != .unauthorized || Self.checksCredentials(route)), "\(what)")
                            if route.method == .GET, (200..<300).contains(status.code), case .roles = access {
                                try Self.checkNothingLeaks(response, role: role, world: world, what: what)
                                if let total = response.total, total <= Page<String>.maxPer {
                                    #expect(try response.items().count == min(total, 50), "\(what): total \(total) against its items")
                                }
                            }
                            guard let kind else { continue }
                            let visible = Self.sees(role, kind: kind, scope: scope)
                            if route.method == .GET {
                                if visible {
                                    #expect((200..<400).contains(status.code), "\(what)")
                                } else {
                                    #expect(status == .notFound, "\(what)")
                                }
                            } else if !visible {
                                #expect(!(200..<400).contains(status.code) || (isPage && status == .seeOther && Self.redirectIsRefusal(response)), "\(what)")
                            }
                        }
                    }
                }
                #expect(checked > 900)
            }
        }

        /// Every route the suite knows, with what the matrix checks of it. A route registered without
        /// being added here fails: deciding its scope is part of adding it.
        static let table: [String: String] = {
            var table: [String: String] = [:]
            let item = "read by id: 404 outside the scope"
            let list = "list: no other body's (or unit's) rows, total equal to the items"
            let write = "write: refused outside the scope, references within the row's body"
            let document = "document: built from the scoped rows"
            let page = "page: nothing of another body or unit"
            let own = "the caller's own account"
            let open = "open to anyone"
            for kind in ["organizations", "people", "inspections", "problems", "measures", "progress-reports", "close-out-records",
                         "accountability-records", "regulations", "meetings", "recovered-funds", "reminder-notices", "look-back-checks",
                         "public-feedback", "notification-channels"] {
                table["GET /api/v1/\(kind)"] = list
                table["GET /api/v1/\(kind)/:id"] = item
                table["POST /api/v1/\(kind)"] = write
            }
            for kind in ["organizations", "people", "inspections", "problems", "measures", "progress-reports", "reminder-notices",
                         "look-back-checks", "public-feedback", "notification-channels"] { table["PATCH /api/v1/\(kind)/:id"] = write }
            for kind in ["organizations", "people", "problems", "measures"] { table["DELETE /api/v1/\(kind)/:id"] = write }
            table["POST /api/v1/public-feedback"] = open
            for route in ["POST /api/v1/auth/logout", "GET /api/v1/me", "POST /api/v1/me/password", "GET /api/v1/tokens",
                          "DELETE /api/v1/tokens/:id"] { table[route] = own }
            for route in ["POST /api/v1/auth/login", "GET /api/v1/openapi.json", "GET /login", "POST /login", "POST /logout",
                          "GET /public/reports/:id", "GET /public/reports/:id/document", "POST /public/reports/:id/feedback",
                          "GET /healthz", "GET /readyz"] { table[route] = open }
            table["GET /api/v1/search"] = "search: only rows the user reads by id, in the items, the total and the highlights"
            table["GET /search"] = page
            table["GET /metrics"] = "monitoring: configured addresses, the metrics token or an administrator; 404 for anyone else"
            for route in ["GET /api/v1/audit", "GET /api/v1/audit/verify", "GET /api/v1/users", "GET /api/v1/users/:id",
                          "GET /api/v1/outbox", "GET /api/v1/warnings", "GET /api/v1/statistics", "GET /api/v1/bulletins",
                          "GET /api/v1/bulletins/:id", "GET /api/v1/evidence/:id", "GET /api/v1/calendar/years"] {
                table[route] = table[route] ?? (route.hasSuffix(":id") ? item : list)
            }
            for route in ["POST /api/v1/users", "PATCH /api/v1/users/:id", "POST /api/v1/users/:id/reset-password", "POST /api/v1/outbox/:id/retry",
                          "POST /api/v1/progress-reports/:id/evidence", "POST /api/v1/imports", "POST /api/v1/checks", "POST /api/v1/imports/ledger",
                          "POST /api/v1/bulletins", "POST /api/v1/publications", "POST /api/v1/calendar/imports"] { table[route] = write }
            for route in ["GET /api/v1/documents/public-report", "GET /api/v1/documents/lists", "GET /api/v1/documents/ledger",
                          "GET /api/v1/bulletins/:id/document", "GET /api/v1/reminder-notices/:id/document",
                          "GET /api/v1/problems/:id/close-out-slip"] { table[route] = document }
            for route in ["GET /", "GET /board", "GET /problems", "GET /problems/:id", "GET /measures/:id/report", "GET /review",
                          "GET /notices", "GET /notices/:id", "GET /bulletins", "GET /bulletins/:id", "GET /publish", "GET /registers",
                          "GET /import", "GET /admin", "GET /people", "GET /people/:id", "GET /self-inspection-tasks",
                          "GET /self-inspection-tasks/new", "GET /self-inspection-tasks/:id"] { table[route] = page }
            for route in ["POST /measures/:id/report", "POST /progress-reports/:id/review", "POST /close-out", "POST /notices/:id/state",
                          "POST /bulletins", "POST /publish", "POST /registers/:kind", "POST /import/preview", "POST /import/confirm",
                          "POST /admin/users", "POST /admin/units", "POST /admin/sector", "POST /admin/thresholds", "POST /admin/users/:id/reset-password",
                          "POST /people", "POST /people/:id", "POST /people/:id/move", "POST /people/:id/leave",
                          "POST /people/:id/reinstate", "POST /admin/calendar/preview", "POST /admin/calendar/import", "POST /problems/:id/measures", "POST /measures/:id/leader",
                          "POST /self-inspection-tasks", "POST /self-inspection-tasks/:id/answer"] { table[route] = write }
            // Self-inspection tasks: a body's users see only the tasks sent to their body, and only their own answer.
            table["GET /api/v1/self-inspection-tasks"] = list
            table["GET /api/v1/self-inspection-tasks/:id"] = item
            table["POST /api/v1/self-inspection-tasks"] = write
            table["POST /api/v1/self-inspection-tasks/:id/answer"] = write
            let crossBody = "cross-body: supervisors and administrators only, 403 to every body-bound role"
            for route in ["GET /api/v1/common-problems", "GET /api/v1/common-problems/export", "GET /common-problems", "GET /repeats"] {
                table[route] = crossBody
            }
            table["GET /api/v1/repeat-matches"] = list
            for route in ["POST /api/v1/repeat-matches/scan", "POST /api/v1/repeat-matches/:id/confirm", "POST /api/v1/repeat-matches/:id/dismiss",
                          "POST /repeats/scan", "POST /repeats/:id/decision"] { table[route] = write }
            return table
        }()

        @Test func everyRouteIsInTheSuitesTable() async throws {
            try await withApp { app in
                let routed = Set(app.routes.all.map { "\($0.method.rawValue) /\($0.path.map(\.description).joined(separator: "/"))" })
                for route in routed.subtracting(Self.table.keys).sorted() {
                    Issue.record("\(route) is not in AuthorizationMatrixTests.table: decide its scope and add it")
                }
                for route in Set(Self.table.keys).subtracting(routed).sorted() { Issue.record("\(route) is in the table but not routed") }
            }
        }

        /// A valid create for each resource, with the user who may send it.
        static func createTemplates(_ fx: Fixture, round: UUID, own: [String: Any]) -> [String: (user: String, body: [String: Any])] {
            [
                "organizations": ("office", ["name": "新设科室", "kind": "department", "parentId": fx.unitA]),
                "people": ("office", ["name": "吴刚", "organizationId": fx.unitA]),
                "inspections": ("office", ["title": "市委第五轮巡察", "kind": "inspection", "inspectingGroup": "市委第五巡察组",
                                           "inspectedBodyId": fx.body]),
                "problems": ("office", ["inspectionId": round, "source": "inspection_feedback", "title": "新问题", "deadline": "2024-06-30"]),
                "measures": ("office", ["problemId": own["problemId"]!, "text": "新措施", "deadline": "2024-05-31"]),
                "progress-reports": ("office", ["measureId": own["measureId"]!, "text": "进展", "progress": 30]),
                "close-out-records": ("reporterA", ["stage": "self_check", "decision": "approve"]),
                "accountability-records": ("office", ["inspectionId": round, "personName": "王敏", "rank": "section", "form": "criticism",
                                                      "decidedOn": "2024-03-01"]),
                "regulations": ("office", ["inspectionId": round, "title": "新办法", "issuedOn": "2024-03-01"]),
                "meetings": ("office", ["inspectionId": round, "kind": "special", "heldOn": "2024-03-01", "title": "专题会"]),
                "recovered-funds": ("office", ["problemId": own["problemId"]!, "amount": "100.00", "description": "收回",
                                               "recordedOn": "2024-03-01"]),
                "reminder-notices": ("office", ["inspectionId": round, "title": "提示", "recipients": ["办公室"],
                                                "items": [["measureId": own["measureId"]!]]]),
                "look-back-checks": ("office", ["problemId": own["problemId"]!, "scheduledOn": "2024-05-01"]),
                "public-feedback": ("office", ["inspectionId": round, "channel": "phone", "text": "来电反映整改进度"]),
            ]
        }

        /// Every free-text field of every write body (create and update, from the API document's
        /// schemas) given 100,001 characters: refused with a 4xx, nothing written.
        @Test func everyTextFieldRefusesAnOversizedValue() async throws {
            try await withApp { app in
                let (ledger, world) = try await Self.build(app)
                let fx = ledger.fx
                let round = try #require(world.id(forKind: "inspections", .own))
                let templates = Self.createTemplates(fx, round: round, own: world.own)
                let huge = String(repeating: "长", count: 100_001)
                var checked: [String] = []
                for entry in APIRegistry.resources {
                    for (schema, isUpdate) in [(entry.schema.create, false), (entry.schema.update, true)] {
                        for property in schema {
                            guard case .string = property.type else { continue }
                            let name = "\(isUpdate ? "PATCH" : "POST") /\(entry.path) \(property.name)"
                            var path = "/api/v1/\(entry.path)"
                            var payload: [String: Any]
                            var user = "office"
                            if isUpdate {
                                guard let id = world.id(forKind: entry.path, .own) else { continue }
                                path += "/\(id)"
                                let current = try await app.send(.GET, path, token: fx.token(user))
                                payload = ["version": try current.json()["version"] as? Int ?? 1]
                            } else {
                                guard let template = templates[entry.path] else { continue }
                                (user, payload) = template
                            }
                            payload[property.name] = huge
                            let audit = try await app.auditTotal(fx)
                            let res = try await app.send(isUpdate ? .PATCH : .POST, path, token: fx.token(user), body: payload)
                            #expect((400..<500).contains(res.status.code), "\(name): \(res.status)")
                            #expect(try await app.auditTotal(fx) == audit, "\(name) wrote something")
                            checked.append(name)
                        }
                    }
                }
                #expect(checked.count >= 30, "\(checked)")
            }
        }

        /// Every id field of every write body (create and update, from the API document's schemas) is
        /// pointed at the second body's row of its kind, as the first body's office: each is refused
        /// naming the field, and nothing is written. The same body with the first body's own row is then
        /// not refused for that field, so each refusal is the scope's and not the template's.
        @Test func everyReferenceFieldRefusesAnotherBodysRows() async throws {
            try await withApp { app in
                let (ledger, world) = try await Self.build(app)
                let fx = ledger.fx
                let round = try #require(world.id(forKind: "inspections", .own))
                let own = world.own, foreign = world.foreign
                let templates = Self.createTemplates(fx, round: round, own: own)
                // Written down with the reason: notification channels are the administrator's, who reaches
                // every body. (Public feedback is held to the rule when the office records it; the public
                // names a published round.)
                let exempt: Set<String> = ["notification-channels.inspectionId"]
                // Fields that exclude each other: a variant names one and not the other.
                let exclusive: [String: String] = ["close-out-records.problemId": "measureId", "close-out-records.measureId": "problemId"]
                // Rows of the first body that an update may be sent to.
                let updateTargets: [String: UUID] = [
                    "organizations": try #require(own["unitC"] as? UUID), "people": try #require(world.id(forKind: "people", .own)),
                    "problems": try #require(world.id(forKind: "problems", .own)), "measures": try #require(world.id(forKind: "measures", .own)),
                ]
                func value(_ map: [String: Any], _ resource: String, _ field: String) -> Any? {
                    if field == "supersedesId" { return (map["supersedes"] as? [String: UUID])?[resource] }
                    return map[field]
                }
                func idFields(_ properties: [SchemaProperty]) -> [(field: String, nested: String?)] {
                    properties.flatMap { p -> [(String, String?)] in
                        switch p.type {
                        case .uuid, .array(.uuid): return [(p.name, nil)]
                        case .array(.object(let inner)): return inner.filter { if case .uuid = $0.type { true } else { false } }.map { (p.name, $0.name) }
                        default: return []
                        }
                    }
                }
                func body(_ template: [String: Any], _ resource: String, _ field: String, _ nested: String?, _ map: [String: Any]) -> [String: Any]? {
                    var body = template
                    if let other = exclusive["\(resource).\(field)"] { body[other] = nil }
                    if let nested {
                        guard let v = value(map, resource, nested) else { return nil }
                        body[field] = [[nested: v]]
                    } else {
                        guard let v = value(map, resource, field) else { return nil }
                        body[field] = v
                    }
                    return body
                }
                var variants = 0
                for entry in APIRegistry.resources {
                    let resource = entry.path
                    for (schema, isUpdate) in [(entry.schema.create, false), (entry.schema.update, true)] {
                        for (field, nested) in idFields(schema) {
                            let name = "\(isUpdate ? "PATCH" : "POST") /\(resource) \(field)\(nested.map { ".\($0)" } ?? "")"
                            if exempt.contains("\(resource).\(field)") { continue }
                            let template: (user: String, body: [String: Any])
                            var path = "/api/v1/\(resource)"
                            if isUpdate {
                                guard let target = updateTargets[resource] else { Issue.record("\(name): no row to update in the suite"); continue }
                                path += "/\(target)"
                                template = ("office", [:])
                            } else {
                                guard let t = templates[resource] else { Issue.record("\(name): no template in the suite"); continue }
                                template = t
                            }
                            guard let bad = body(template.body, resource, field, nested, foreign),
                                  let good = body(template.body, resource, field, nested, own) else {
                                Issue.record("\(name): no foreign or own value for the field in the suite")
                                continue
                            }
                            variants += 1
                            func send(_ payload: [String: Any]) async throws -> TestingHTTPResponse {
                                var payload = payload
                                if isUpdate {
                                    let current = try await app.send(.GET, path, token: fx.token(template.user))
                                    payload["version"] = try current.json()["version"] as? Int ?? 1
                                }
                                return try await app.send(isUpdate ? .PATCH : .POST, path, token: fx.token(template.user), body: payload)
                            }
                            let audit = try await app.auditTotal(fx)
                            let refused = try await send(bad)
                            #expect(refused.status == .unprocessableEntity && refused.errorFields.contains(field),
                                    "\(name) pointed at another body: \(refused.status) \(refused.body.string.prefix(200))")
                            #expect(try await app.auditTotal(fx) == audit, "\(name) wrote something")
                            let accepted = try await send(good)
                            #expect(!accepted.errorFields.contains(field) && accepted.status != .notFound,
                                    "\(name) with the body's own row: \(accepted.status) \(accepted.body.string.prefix(200))")
                        }
                    }
                }
                #expect(variants >= 25)

                // Query parameters and bodies outside the resources that name a round or a body.
                let office = fx.token("office")
                let round2 = try #require(foreign["inspectionId"] as? UUID)
                for path in ["/api/v1/documents/public-report", "/api/v1/documents/lists", "/api/v1/documents/ledger",
                             "/api/v1/statistics"] {
                    let res = try await app.send(.GET, "\(path)?inspectionId=\(round2)", token: office)
                    #expect(res.status == .unprocessableEntity || res.status == .notFound, "\(path) of another body's round: \(res.status)")
                }
                for (path, user) in [("/api/v1/problems", "office"), ("/api/v1/measures", "office"), ("/api/v1/reminder-notices", "reporterA"),
                                     ("/api/v1/warnings", "leader")] {
                    let res = try await app.send(.GET, "\(path)?inspectionId=\(round2)", token: fx.token(user))
                    let empty = try res.items().isEmpty
                    #expect(res.status.code >= 400 || res.total == 0 || empty, "\(path) filtered to another body's round")
                }
                let bulletin = try await app.send(.POST, "/api/v1/bulletins", token: office, body: ["inspectionId": round2, "week": "2024-W11"])
                #expect(bulletin.status == .unprocessableEntity || bulletin.status == .notFound)
                let publication = try await app.send(.POST, "/api/v1/publications", token: office, body: ["inspectionId": round2])
                #expect(publication.status.code >= 400 && publication.status.code < 500)
            }
        }

        /// What a 2xx answer to a body-bound user must never hold: another body's text or ids, and for a
        /// unit reporter another unit's items. Word documents are read as text; the public site is exempt
        /// (its routes are open to anyone and show published rounds).
        static func checkNothingLeaks(_ response: TestingHTTPResponse, role: Role, world: World, what: String) throws {
            guard !role.readsAllBodies else { return }
            var text = response.body.string
            if response.headers.contentType?.subType.contains("wordprocessingml") == true {
                text = try DocxTextExtractor.paragraphs(from: Data(buffer: response.body)).joined(separator: "\n")
            }
            for marker in World.otherBodyMarkers where text.contains(marker) { Issue.record("\(what) shows another body's \(marker)") }
            for id in world.otherBodyIDs where text.contains(id) || text.contains(id.lowercased()) {
                Issue.record("\(what) holds another body's id \(id)")
            }
            guard role == .unitReporter else { return }
            for marker in World.otherUnitMarkers where text.contains(marker) { Issue.record("\(what) shows unit B's \(marker)") }
            for id in world.otherUnitIDs where text.contains(id) || text.contains(id.lowercased()) {
                Issue.record("\(what) holds unit B's item \(id)")
            }
        }

        /// Whether `role`'s user (of unit A in the first body) sees an item of `scope`.
        static func sees(_ role: Role, kind: String, scope: Scope) -> Bool {
            if role.readsAllBodies { return true }
            switch scope {
            case .own: return true
            case .otherBody: return false
            case .otherUnit: return role != .unitReporter || !World.unitScoped.contains(kind)
            }
        }

        /// A page write that answers with a redirect back to a form carrying an error, not a success.
        static func redirectIsRefusal(_ response: TestingHTTPResponse) -> Bool {
            (response.headers.first(name: .location) ?? "").contains("error")
        }
    }
}
