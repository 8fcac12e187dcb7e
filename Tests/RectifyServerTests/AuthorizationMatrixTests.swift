import Foundation
import RectifyCore
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
            /// Kinds whose visibility follows the reporter's unit, not only the body.
            static let unitScoped: Set<String> = ["problems", "measures", "progress-reports", "evidence"]
            /// Kinds every signed-in user reads whatever the body.
            static let directories: Set<String> = ["organizations"]

            func id(forKind kind: String, _ scope: Scope) -> UUID? { ids[kind]?[scope] }
        }

        static let roles: [(user: String, role: Role)] = [
            ("admin", .admin), ("office", .office), ("leader", .leader), ("supervisor", .supervisor), ("reporterA", .unitReporter),
        ]

        static func build(_ app: Application) async throws -> (Ledger, World) {
            let ledger = try await Ledger.make(app)
            let fx = ledger.fx
            var world = World()
            let inspection = try await ledger.inspection()
            let problemA = try await ledger.problem(inspection.id, title: "办公室牵头的问题")
            let measureA = try await ledger.measure(problemA.id, text: "办公室的措施")
            let problemB = try await ledger.problem(inspection.id, title: "财务科牵头的问题", extra: ["leadUnitId": fx.unitB])
            let measureB = try await ledger.measure(problemB.id, text: "财务科的措施", leadUnit: fx.unitB)
            let reportA = try await ledger.report(measureA.id, progress: 20)
            let reportB = try await ledger.report(measureB.id, progress: 20, token: "reporterB")
            let evidenceA = try await Self.evidence(app, report: reportA.id, token: fx.token("reporterA"))
            let evidenceB = try await Self.evidence(app, report: reportB.id, token: fx.token("reporterB"))

            // Another inspected body with its own round, problem, measure, report and evidence.
            let org = try await app.send(.POST, "/api/v1/organizations", token: fx.token("admin"), body: ["name": "市交通局党组", "kind": "body"])
            let body2 = try #require(UUID(uuidString: try org.json()["id"] as? String ?? ""))
            let unit2 = try await app.send(.POST, "/api/v1/organizations", token: fx.token("admin"),
                                           body: ["name": "交通局办公室", "kind": "department", "parentId": body2])
            let unit2ID = try #require(UUID(uuidString: try unit2.json()["id"] as? String ?? ""))
            let inspection2 = try await ledger.inspection(title: "交通局轮次", body: body2, token: "admin")
            let problem2 = try await app.send(.POST, "/api/v1/problems", token: fx.token("admin"), body: [
                "inspectionId": inspection2.id, "source": "inspection_feedback", "title": "交通局的问题", "leadUnitId": unit2ID, "deadline": "2024-06-30"])
            let problem2ID = try #require(UUID(uuidString: try problem2.json()["id"] as? String ?? ""))
            let measure2 = try await app.send(.POST, "/api/v1/measures", token: fx.token("admin"), body: [
                "problemId": problem2ID, "text": "交通局的措施", "leadUnitId": unit2ID, "deadline": "2024-05-31"])
            let measure2ID = try #require(UUID(uuidString: try measure2.json()["id"] as? String ?? ""))
            let report2 = try await ledger.report(measure2ID, progress: 10, token: "admin")
            let evidence2 = try await Self.evidence(app, report: report2.id, token: fx.token("admin"))

            world.ids["inspections"] = [.own: inspection.id, .otherUnit: inspection.id, .otherBody: inspection2.id]
            world.ids["problems"] = [.own: problemA.id, .otherUnit: problemB.id, .otherBody: problem2ID]
            world.ids["measures"] = [.own: measureA.id, .otherUnit: measureB.id, .otherBody: measure2ID]
            world.ids["progress-reports"] = [.own: reportA.id, .otherUnit: reportB.id, .otherBody: report2.id]
            world.ids["evidence"] = [.own: evidenceA, .otherUnit: evidenceB, .otherBody: evidence2]
            // Organizations are the directory every user picks units from, not ledger items: not scoped.
            world.ids["organizations"] = [.own: fx.unitA, .otherUnit: fx.unitB, .otherBody: body2]
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
            return ("/" + parts.joined(separator: "/"), kind)
        }

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
                #expect(checked > 500)
            }
        }

        /// Whether `role`'s user (of unit A in the first body) sees an item of `scope`.
        static func sees(_ role: Role, kind: String, scope: Scope) -> Bool {
            if role.readsAllBodies || World.directories.contains(kind) { return true }
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
