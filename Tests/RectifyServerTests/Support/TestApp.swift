import Fluent
import Foundation
import RectifyCore
@testable import RectifyServer
import Testing
import Vapor
import VaporTesting

/// The database the suite runs against: in-memory SQLite, or PostgreSQL when
/// `RECTIFY_TEST_DATABASE_URL` is set (CI runs the suite both ways).
func testDatabaseLocation() throws -> DatabaseLocation {
    let url = ProcessInfo.processInfo.environment["RECTIFY_TEST_DATABASE_URL"]
    guard let url, !url.isEmpty else { return .sqliteMemory }
    return try DatabaseLocation.parse(url)
}

/// 2024-03-15 10:00 China time: a fixed "now" for every server test.
let fixedNow = Date(timeIntervalSince1970: 1_710_468_000)

/// Builds, migrates and shuts down an application around `body`.
/// `adjust` changes the configuration first (limits under test); `now` replaces the fixed clock.
func withApp(now: @escaping @Sendable () -> Date = { fixedNow }, adjust: (inout AppConfig) -> Void = { _ in },
             _ body: (Application) async throws -> Void) async throws {
    let app = try await Application.make(.testing)
    app.logger.logLevel = .error
    do {
        var config = AppConfig(database: try testDatabaseLocation(), uploadLimitBytes: 2 * 1_048_576)
        adjust(&config)
        try await configure(app, ConfigureOverrides(config: config, now: now, bcryptCost: 4))
        // Revert first, not last: a PostgreSQL test database keeps what the previous test left,
        // while an in-memory SQLite database starts empty anyway.
        try await app.autoRevert()
        try await app.autoMigrate()
        try await body(app)
    } catch {
        try await app.asyncShutdown()
        throw error
    }
    try await app.asyncShutdown()
}

/// Users of every role, with bearer tokens, plus two units so unit scoping can be tested.
struct Fixture {
    let body: UUID
    let unitA: UUID
    let unitB: UUID
    let tokens: [String: String]

    func token(_ name: String) -> String { tokens[name]! }

    static func make(_ app: Application) async throws -> Fixture {
        let (body, unitA, unitB) = try await app.db.ledgerWrite(actor: .system, now: fixedNow) { db, _ in
            let body = Organization()
            body.name = "市测试局党组"; body.kind = "body"; body.sortOrder = 0; body.version = 1
            try await body.create(on: db)
            let a = Organization()
            a.name = "办公室"; a.kind = "department"; a.parentID = body.id; a.sortOrder = 1; a.version = 1
            try await a.create(on: db)
            let b = Organization()
            b.name = "财务科"; b.kind = "department"; b.parentID = body.id; b.sortOrder = 2; b.version = 1
            try await b.create(on: db)
            return (try body.requireID(), try a.requireID(), try b.requireID())
        }
        var tokens: [String: String] = [:]
        let users: [(String, Role, UUID?)] = [
            ("admin", .admin, nil), ("office", .office, body), ("leader", .leader, body),
            ("supervisor", .supervisor, nil), ("reporterA", .unitReporter, unitA), ("reporterB", .unitReporter, unitB),
        ]
        for (name, role, org) in users {
            tokens[name] = try await makeUser(app, name: name, role: role, organization: org)
        }
        return Fixture(body: body, unitA: unitA, unitB: unitB, tokens: tokens)
    }

    static func makeUser(_ app: Application, name: String, role: Role, organization: UUID?) async throws -> String {
        let minted = Credentials.mintToken()
        let hash = try await app.credentials.hash(password: "password-\(name)", on: app)
        try await app.db.ledgerWrite(actor: .system, now: fixedNow) { db, _ in
            let user = User()
            user.username = name; user.displayName = name; user.passwordHash = hash
            user.roleRaw = role.rawValue; user.organizationID = organization
            user.active = true; user.mustChangePassword = false; user.version = 1
            try await user.create(on: db)
            let token = APIToken()
            token.userID = try user.requireID(); token.name = "test"; token.tokenHash = minted.hash
            try await token.create(on: db)
        }
        return minted.token
    }
}

extension Application {
    /// Sends a JSON request with a bearer token and returns the response.
    func send(_ method: HTTPMethod, _ path: String, token: String? = nil, json: (any Encodable & Sendable)? = nil,
              headers extra: HTTPHeaders = [:], raw: String? = nil) async throws -> TestingHTTPResponse {
        var result: TestingHTTPResponse?
        try await self.testing().test(method, path, beforeRequest: { req in
            if let token { req.headers.bearerAuthorization = BearerAuthorization(token: token) }
            for (name, value) in extra { req.headers.replaceOrAdd(name: name, value: value) }
            if let json { try req.content.encode(AnyEncodable(json), as: .json) }
            if let raw {
                req.headers.contentType = .json
                req.body = ByteBuffer(string: raw)
            }
        }, afterResponse: { res in result = res })
        return result!
    }
}

struct AnyEncodable: Encodable, Sendable {
    let value: any Encodable & Sendable
    init(_ value: any Encodable & Sendable) { self.value = value }
    func encode(to encoder: Encoder) throws { try value.encode(to: encoder) }
}

extension TestingHTTPResponse {
    func json() throws -> [String: Any] {
        let data = Data(buffer: body)
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(buffer: body))
    }

    var errorCode: String? { (try? json())?["error"].flatMap { ($0 as? [String: Any])?["code"] as? String } }

    var errorFields: [String] {
        guard let error = (try? json())?["error"] as? [String: Any], let fields = error["fields"] as? [[String: Any]] else { return [] }
        return fields.compactMap { $0["field"] as? String }
    }
}
