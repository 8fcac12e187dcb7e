import Fluent
import Foundation
import Logging
import NIOConcurrencyHelpers
import RectifyCore
@testable import RectifyServer
import Testing
import Vapor
import VaporTesting

extension ServerTests {
    /// What the people who run Rectify rely on: metrics, request ids, health, the configuration table.
    @Suite struct OperationsTests {
        static func get(_ app: Application, _ path: String, token: String? = nil, headers: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
            var result: TestingHTTPResponse?
            try await app.testing().test(.GET, path, headers: headers, beforeRequest: { req in
                if let token { req.headers.bearerAuthorization = BearerAuthorization(token: token) }
            }, afterResponse: { result = $0 })
            return try #require(result)
        }

        @Test func metricsNameRoutesByPatternAndCountTheWork() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let round = try await ledger.inspection()
                let problem = try await ledger.problem(round.id)
                for _ in 0..<3 {
                    #expect(try await Self.get(app, "/api/v1/problems/\(problem.id)", token: ledger.fx.token("office")).status == .ok)
                }
                #expect(try await Self.get(app, "/api/v1/documents/ledger?inspectionId=\(round.id)", token: ledger.fx.token("office")).status == .ok)
                _ = try await EscalationScan().run(app)

                let scrape = try await Self.get(app, "/metrics", token: ledger.fx.token("admin"))
                #expect(scrape.status == .ok)
                #expect(scrape.headers.contentType?.description.hasPrefix("text/plain") == true)
                let text = scrape.body.string
                // By the route's pattern, never by the raw path with its id.
                #expect(text.contains(#"http_requests_total{method="GET",path="/api/v1/problems/:id",status="200"}"#))
                #expect(!text.contains(problem.id.uuidString))
                #expect(text.contains(#"http_request_duration_seconds_bucket{method="GET",path="/api/v1/problems/:id",status="200",le="#))
                let database = try testDatabaseLocation().isPostgres ? "postgresql" : "sqlite"
                #expect(text.contains(#"rectify_db_query_duration_seconds_bucket{database="\#(database)",statement="select",le="#))
                #expect(text.contains(#"rectify_db_pool_connections{database="\#(database)"}"#))
                #expect(text.contains(#"rectify_db_pool_waiting{database="\#(database)"}"#))
                for channel in ["email", "webhook", "wecom", "dingtalk"] {
                    #expect(text.contains(#"rectify_outbox_pending{channel="\#(channel)"}"#))
                    #expect(text.contains(#"rectify_outbox_dead_letters{channel="\#(channel)"}"#))
                }
                #expect(text.contains("rectify_scan_runs_total"))
                #expect(text.contains("rectify_scan_duration_seconds_bucket"))
                #expect(text.contains("rectify_scan_notices_issued_total"))
                #expect(text.contains(#"rectify_exports_total{outcome="ok"}"#))
                #expect(text.contains("rectify_export_duration_seconds_bucket"))
                let head = try await AuditHead.read(.seq, on: app.db)
                #expect(text.contains("rectify_audit_head_sequence \(Double(head))"), "head \(head)")
                // Every sample line is `name{labels} value`: the format a Prometheus server parses.
                for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                    #expect(line.wholeMatch(of: /[a-z_:][a-z0-9_:]*(\{[^}]*\})? [-+0-9.eEInfNa]+/) != nil, "\(line)")
                }
            }
        }

        @Test func metricsAreForTheMonitoringSystemOnly() async throws {
            let token = "metrics-token-0123456789"
            try await withApp(adjust: { $0.metricsToken = token }) { app in
                let fx = try await Fixture.make(app)
                // In-process requests come from no address: only a token opens the door.
                #expect(try await Self.get(app, "/metrics").status == .notFound)
                #expect(try await Self.get(app, "/metrics", token: fx.token("office")).status == .notFound)
                #expect(try await Self.get(app, "/metrics", token: fx.token("supervisor")).status == .notFound)
                #expect(try await Self.get(app, "/metrics", token: "metrics-token-012345678x").status == .unauthorized)
                #expect(try await Self.get(app, "/metrics", token: token).status == .ok)
                #expect(try await Self.get(app, "/metrics", token: fx.token("admin")).status == .ok)
                // The metrics token signs nobody in.
                #expect(try await Self.get(app, "/api/v1/me", token: token).status == .unauthorized)
            }
            // Over a socket from 127.0.0.1: allowed by default, refused once the list leaves it out.
            for (allow, expected) in [([AddressRange.loopbackV4, .loopbackV6], HTTPStatus.ok), ([try AddressRange.parse("10.0.0.0/8")], .notFound)] {
                try await withApp(adjust: { $0.metricsAllow = allow }) { app in
                    var status: HTTPStatus?
                    // HEAD: the status is what is tested, and the text, grown by every test before in the
                    // process, may exceed what the socket tester reads (1 MB).
                    try await app.testing(method: .running(hostname: "127.0.0.1", port: 0)).test(.HEAD, "/metrics") { status = $0.status }
                    #expect(status == expected, "\(allow)")
                }
            }
        }

        @Test func addressRangesMatchByPrefix() throws {
            let lan = try AddressRange.parse("192.168.10.0/24")
            #expect(lan.contains("192.168.10.77"))
            #expect(!lan.contains("192.168.11.1"))
            #expect(lan.contains("::ffff:192.168.10.5"))
            let v6 = try AddressRange.parse("fd00::/8")
            #expect(v6.contains("fd12:3456::1"))
            #expect(!v6.contains("fe80::1"))
            #expect(!v6.contains("10.0.0.1"))
            #expect(try AddressRange.parseList("127.0.0.1, ::1").count == 2)
            #expect(try AddressRange.parseList("").isEmpty)
            #expect(throws: AddressRange.Malformed.self) { try AddressRange.parse("10.0.0.0/33") }
            #expect(throws: AddressRange.Malformed.self) { try AddressRange.parse("intranet") }
        }

        @Test func aProxysRequestIdReachesTheResponseAndTheAuditEvent() async throws {
            try await withApp { app in
                let fx = try await Fixture.make(app)
                let created = try await app.send(.POST, "/api/v1/people", token: fx.token("office"),
                                                 body: ["name": "李强", "organizationId": fx.unitA],
                                                 headers: ["X-Request-Id": "proxy-7f3a.42"])
                #expect(created.status == .created)
                #expect(created.headers.first(name: "X-Request-Id") == "proxy-7f3a.42")
                let audit = try await Self.get(app, "/api/v1/audit?requestId=proxy-7f3a.42", token: fx.token("supervisor"))
                let events = try audit.items()
                #expect(events.count == 1)
                #expect(events.first?["entity"] as? String == "person")
                #expect(events.first?["requestId"] as? String == "proxy-7f3a.42")
                // The id is part of the event's hash: the chain still verifies, and changing the id breaks it.
                #expect(try await AuditVerifier.verify(on: app.db).fault == nil)
                try await app.db.sql.raw("UPDATE audit_events SET request_id = 'someone-else' WHERE request_id = 'proxy-7f3a.42'").run()
                #expect(try await AuditVerifier.verify(on: app.db).fault != nil)

                // Text a client could use to forge log lines is not taken: the request gets its own id.
                for header in ["two words", String(repeating: "a", count: 129), "line\nbreak", "引号"] {
                    let response = try await Self.get(app, "/api/v1/me", token: fx.token("office"), headers: ["X-Request-Id": header])
                    let id = try #require(response.headers.first(name: "X-Request-Id"))
                    #expect(id != header && id.wholeMatch(of: /[0-9a-f]{32}/) != nil, "\(header) → \(id)")
                }
            }
        }

        @Test func healthAndReadiness() async throws {
            try await withApp { app in
                let alive = try await Self.get(app, "/healthz")
                #expect(alive.status == .ok)
                let ready = try await Self.get(app, "/readyz")
                #expect(ready.status == .ok, "\(ready.body.string)")
                let checks = try #require(try ready.json()["checks"] as? [[String: Any]])
                #expect(checks.contains { $0["name"] as? String == "database" && $0["ok"] as? Bool == true })
                #expect(checks.contains { $0["name"] as? String == "migrations" && $0["ok"] as? Bool == true })

                // A migration the database has not had: not ready, and the answer says which.
                app.migrations.add(PendingProbe())
                let behind = try await Self.get(app, "/readyz")
                #expect(behind.status == .serviceUnavailable)
                // Anyone learns which check failed; only an administrator (or the metrics reader) the detail.
                #expect(behind.body.string.contains("migrations") && !behind.body.string.contains("PendingProbe"))
                let hidden = try #require(try behind.json()["checks"] as? [[String: Any]])
                #expect(hidden.count >= 3 && hidden.allSatisfy { $0["detail"] == nil || $0["detail"] is NSNull }, "\(hidden)")
                let fx = try await Fixture.make(app)
                let detailed = try await Self.get(app, "/readyz", token: fx.token("admin"))
                #expect(detailed.status == .serviceUnavailable && detailed.body.string.contains("PendingProbe"))
                let shown = try #require(try detailed.json()["checks"] as? [[String: Any]])
                #expect(shown.contains { $0["name"] as? String == "temporary folder" && $0["detail"] is String })
                #expect(try await Self.get(app, "/healthz").status == .ok)
            }
        }

        struct PendingProbe: AsyncMigration {
            func prepare(on database: any Database) async throws {}
            func revert(on database: any Database) async throws {}
        }

        @Test func aFolderThatCannotBeWrittenIsReported() throws {
            let missing = "/nonexistent-\(UUID().uuidString)"
            #expect(HealthController.writable(missing).ok == false)
            #expect(HealthController.writable(FileManager.default.temporaryDirectory.path).ok)
            #expect(HealthController.writable(missing).detail?.hasPrefix(missing) == true)
            #expect(HealthController.writableFolders(.sqliteFile("/var/lib/rectify/rectify.sqlite")).contains("/var/lib/rectify"))
        }

        @Test func jsonLogLinesCarryTheRequestIdAndTheirFields() async throws {
            let lines = NIOLockedValueBox<[String]>([])
            var logger = Logger(label: "test") { label in
                RectifyLogHandler(label: label, level: .trace, format: .json) { line in lines.withLockedValue { $0.append(line) } }
            }
            logger[metadataKey: "route"] = "/api/v1/problems/:id"
            RequestTrace.$requestID.withValue("req-1") {
                logger.info("request", metadata: ["status": .stringConvertible(200), "duration_ms": .stringConvertible(1.25),
                                                  "note": "带\"引号\"和\n换行"])
            }
            logger.warning("outside a request")
            let captured = lines.withLockedValue { $0 }
            #expect(captured.count == 2)
            #expect(captured.allSatisfy { $0.hasSuffix("\n") && $0.dropLast().contains("\n") == false })
            let first = try #require(try JSONSerialization.jsonObject(with: Data(captured[0].utf8)) as? [String: Any])
            #expect(first["request_id"] as? String == "req-1")
            #expect(first["level"] as? String == "info")
            #expect(first["message"] as? String == "request")
            #expect(first["route"] as? String == "/api/v1/problems/:id")
            #expect(first["status"] as? Int == 200)
            #expect(first["duration_ms"] as? Double == 1.25)
            #expect(first["note"] as? String == "带\"引号\"和\n换行")
            #expect(first["time"] as? String != nil)
            let second = try #require(try JSONSerialization.jsonObject(with: Data(captured[1].utf8)) as? [String: Any])
            #expect(second["request_id"] == nil)
        }

        /// Every kind of secret, in every place a library might print it, is gone from the line.
        @Test func secretsNeverReachALogLine() throws {
            let redactor = SecretRedactor()
            redactor.pin("smtp-Pa55word!")
            redactor.register("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=8f2c1d7e-robot")
            let cases: [(String, String)] = [
                ("Authorization: Bearer tok_4f9a8b7c6d5e", "tok_4f9a8b7c6d5e"),
                (#"[("Host", "localhost"), ("Authorization", "Bearer tok_4f9a8b7c6d5e"), ("Accept", "*/*")]"#, "tok_4f9a8b7c6d5e"),
                ("cookie: rectify_session=s3ss10n-value; theme=dark", "s3ss10n-value"),
                (#"("Set-Cookie", "rectify_session=s3ss10n-value; Path=/; HttpOnly")"#, "s3ss10n-value"),
                ("username=office&password=hunter2-secret&_csrf=c5rf-t0ken-value", "hunter2-secret"),
                ("username=office&password=hunter2-secret&_csrf=c5rf-t0ken-value", "c5rf-t0ken-value"),
                (#"{"username":"office","password":"hunter2-secret"}"#, "hunter2-secret"),
                (#"{"oneTimePassword":"ABCD-EFGH-JKLM-NPQR"}"#, "ABCD-EFGH-JKLM-NPQR"),
                (#"{"token":"rt_0123456789abcdef"}"#, "rt_0123456789abcdef"),
                ("AUTH PLAIN with smtp-Pa55word! failed", "smtp-Pa55word!"),
                ("POST https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=8f2c1d7e-robot timed out", "8f2c1d7e-robot"),
                ("POST https://oapi.dingtalk.com/robot/send?access_token=dd-5ecret-t0k", "dd-5ecret-t0k"),
                ("X-CSRF-Token: c5rf-t0ken-value", "c5rf-t0ken-value"),
                (#"binds: ["SessionID(string: \"L71HDjAF9HS2/WVJ+jN=\")", "SessionData(storage: [:])"]"#, "L71HDjAF9HS2/WVJ+jN="),
                (#"{"user":{"name":"ops"},"apiToken":"rct_Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5"}"#, "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5"),
            ]
            for (line, secret) in cases {
                let redacted = redactor.redact(line)
                #expect(!redacted.contains(secret), "\(line) → \(redacted)")
                #expect(redacted.contains(SecretRedactor.mask), "\(line) → \(redacted)")
            }
            // Ordinary lines pass untouched.
            let plain = "GET /api/v1/problems 200 1.2 ms 整改措施 key points"
            #expect(redactor.redact(plain) == plain)
            // However many one-time passwords pass after it, the configuration's secret stays known;
            // the oldest passing one is forgotten.
            for n in 0..<600 { redactor.register("otp-\(n)-passing") }
            #expect(!redactor.redact("AUTH PLAIN with smtp-Pa55word! failed").contains("smtp-Pa55word!"))
            #expect(redactor.redact("issued otp-599-passing") == "issued \(SecretRedactor.mask)")
            #expect(redactor.redact("issued otp-0-passing") == "issued otp-0-passing")
        }

        @Test func theReadmeConfigurationTableIsTheReadersList() throws {
            // Every variable the reader takes is declared, with a full environment and with none.
            var full: [String: String] = [:]
            for variable in AppConfig.variables { full[variable.name] = "" }
            full.merge(["DATABASE_URL": "sqlite:x.sqlite", "RECTIFY_SMTP_HOST": "mail.example.org", "RECTIFY_SMTP_FROM": "a@example.org",
                        "RECTIFY_SMTP_USER": "u", "RECTIFY_SMTP_PASSWORD": "p", "RECTIFY_METRICS_TOKEN": String(repeating: "t", count: 16),
                        "RECTIFY_METRICS_ALLOW": "10.0.0.0/8", "LOG_FORMAT": "json", "LOG_LEVEL": "debug"]) { _, new in new }
            #expect(try AppConfig.namesRead(full) == Set(AppConfig.variables.map(\.name)))
            #expect(try AppConfig.namesRead([:]) == Set(AppConfig.variables.map(\.name)))
            #expect(Set(AppConfig.variables.map(\.name)).count == AppConfig.variables.count)
            #expect(throws: AppConfig.Invalid.self) { try AppConfig.fromEnvironment(["LOG_FORMAT": "xml"]) }
            #expect(throws: AppConfig.Invalid.self) { try AppConfig.fromEnvironment(["RECTIFY_METRICS_ALLOW": "intranet"]) }
            #expect(throws: AppConfig.Invalid.self) { try AppConfig.fromEnvironment(["RECTIFY_METRICS_TOKEN": "short"]) }
            #expect(throws: AppConfig.Invalid.self) { try AppConfig.fromEnvironment(["RECTIFY_SHUTDOWN_GRACE_SECONDS": "0"]) }

            let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("README.md")
            let text = try String(contentsOf: readme, encoding: .utf8)
            let begin = "<!-- config-table:begin (generated from AppConfig.variables by OperationsTests; RECTIFY_UPDATE_README=1 rewrites it) -->\n"
            let end = "\n<!-- config-table:end -->"
            let start = try #require(text.range(of: begin), "README lacks the configuration table markers")
            let stop = try #require(text.range(of: end, range: start.upperBound..<text.endIndex))
            let current = String(text[start.upperBound..<stop.lowerBound])
            if current != AppConfig.referenceTable, ProcessInfo.processInfo.environment["RECTIFY_UPDATE_README"] == "1" {
                try text.replacingCharacters(in: start.upperBound..<stop.lowerBound, with: AppConfig.referenceTable)
                    .write(to: readme, atomically: true, encoding: .utf8)
                return
            }
            #expect(current == AppConfig.referenceTable, "README's configuration table is stale: run RECTIFY_UPDATE_README=1 swift test --filter OperationsTests")
        }
    }
}
