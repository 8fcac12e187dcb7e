import Fluent
import NIOConcurrencyHelpers
import Foundation
import RectifyCore
import RectifyDocuments
@testable import RectifyServer
import Testing
import Vapor
import VaporTesting

extension ServerTests {
    /// Hostile input: bombs refused by a limit, heavy work bounded, anonymous writes rate-limited.
    @Suite struct AbuseTests {
        static let bombs = (try? HostileUploads.all()) ?? []

        /// Posts raw bytes as an upload named `name`.
        static func upload(_ app: Application, _ path: String, _ data: Data, name: String, token: String) async throws -> TestingHTTPResponse {
            var result: TestingHTTPResponse?
            let separator = path.contains("?") ? "&" : "?"
            try await app.testing().test(.POST, path + separator + "name=\(name)", beforeRequest: { req in
                req.headers.bearerAuthorization = BearerAuthorization(token: token)
                req.headers.contentType = .binary
                req.body = ByteBuffer(data: data)
            }, afterResponse: { result = $0 })
            return try #require(result)
        }

        @Test func theBombSetIsComplete() {
            #expect(Self.bombs.count == 10)
            #expect(Set(Self.bombs.compactMap(\.limit)).count == 7)
        }

        /// Every bomb, read directly: refused by the limit it was built against, never read.
        @Test(arguments: bombs)
        func theReadersRefuseEachBombByItsLimit(_ bomb: HostileUploads.Bomb) throws {
            let limits = HostileUploads.limits
            guard bomb.limit != nil else {
                #expect(throws: LedgerWorkbookError.self, "\(bomb)") { _ = try LedgerWorkbookReader.read(data: bomb.data, limits: limits) }
                return
            }
            #expect(throws: UploadLimitExceeded.self, "\(bomb)") {
                do {
                    if bomb.isWorkbook {
                        _ = try LedgerWorkbookReader.read(data: bomb.data, limits: limits)
                    } else {
                        _ = try ReportReader(limits: limits).read(data: bomb.data, fileName: bomb.fileName)
                    }
                } catch let refusal as UploadLimitExceeded {
                    #expect(refusal.limit == bomb.limit, "\(bomb): \(refusal.message)")
                    #expect(refusal.message.contains("上限"))
                    throw refusal
                }
            }
        }

        /// Inputs found by the archive fuzzer (Fuzz/run.sh archive), each of which trapped and so took
        /// the whole server down for any signed-in reader who uploaded it:
        /// - a compressed size declared beyond Int's range (converted without clamping);
        /// - an end record whose count of this disk's entries (30,575) differs from the total (1), which
        ///   sent ZIPFoundation reading past the end of the upload (`Archive.MemoryFile`);
        /// - a stored entry whose uncompressed size reaches past the end (ZIPFoundation reads a stored
        ///   entry by that size);
        /// - a deflate stream that never ends: ZIPFoundation read empty chunks past the end of the file
        ///   for ever (a thread at 100% CPU for each such upload).
        /// Each is refused now, as a damaged file; `BoundedArchive` reads the directory and inflates itself.
        static let fuzzerFindings: [String] = [
            "UEsDBBQAAAgIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAATAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAADgb8QAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAE8LNY1es+fsUnKfJ5f13rejph9QSwECPC90PjwvaXM+P4Rdfeut5W4BAAArlAQAEQAAAAAAAAAAAAAApIEAAAAAd29yZC9kb2N1bWVudC54bWxQSwUGAAAAAAEAAQA/AAAAnQEAAAAA",
            "UEsDBBQAAAgIADs/hF19663lbgEAACuUBAARAAAAd29yZC9kb2N1bWVudC54bWztxsEJxCAARNGS9i5iMYk5JoZgEAtJJ6lp61i0jOXB48/EFnJZ7307aootLCX3sefINVLT93kBAAgAOz+EXX3rreVuAQAAK5QEABEAAAB3b3JkL2RvY3VtZW50LnhtbO3GwQnEIABE0ZL2LmIxiTkmhmAQC0knqWnrWLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAHdvcmQvcDIyMC54bWxQSwECFQMUAAAIAAA7P4RdAAAAAAAAAAAAAAAADQAAAAAAAABvxE8LNI1es+fsUnKfJ5f13rejph9QSwECFQMUAAgIAAA7P4Rdfeut5W4BAAArlAQAEQAAAAAAAAAAAAAApIEAAAAAd29yZC9kb2N1bWVudC54bWxQSwUGAAA8cm93AQA/AAAAnQEAAAAA",
            "UEsDBBQAAAgIABxGhF32LTR1PAAAAPBVAAARAAAAd29yZC9kb2N1bWVudC54bWztxLEJADAIALCT3EV6Uzff9wwRkiHV+V9JkiRJkiRJkiRJkilJknS8sG3btm3btm3btm3btm3btm17/wFQSwECFS00dTwAAADwVQAAEQAAdTwAAADwVQAAEQAAAAAAAAAAAAAApIEAAAAAd29yZC9kb2N1bWVudC54bWxQSwUGAAAAAAEAAQA/AAAAawAAAAAA",
            "UEsDBBQAAAgIAI9JhF19663lbgEAACuUBAARAAAAd29yZC9kb2N1bWVudC54bWztxsEJxCAARNGS9i5iMYk5JoZgEAtJJ6lp61i0jOXB48/EFnJZ7307aootLCX3sedJbnTT93kBAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAD6/////////wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAFBLAwQUAAAICACPSYRd9i00dTwAAADwVQAAEQAAAHdvcmQvZG9jdW1lbnQueG1s7cSxWwAwCACwk9xFelM33/cMEZIh1fnfSZIgSZIkSZJdXT4kSZJ0bbw5MLA1NDI2NbZt27Zt27Zte/8BUEsBAhU8bWVyZ2VDZWxsIHJlZj0iAAAA8FUAABEAAAAAAP////8AAKSBAAAAAHdvcmQvZG8tLT5lbnQueG1sUEsFBgAAAAABAAEAPwAAAGsAAAAAALejph9QSwECFQMT//4ICACPSYRdfeut5W4BAAArFAQAEQAAAAAAAgAAAAAAXH4AAAAAd29yZC9kb2N1bWVudC54bWxQSwUGAAAAAAEAAQA/AAAAnQEAAAAA",
        ]

        @Test(arguments: fuzzerFindings.indices)
        func archivesTheFuzzerFoundAreRefusedNotATrap(_ index: Int) throws {
            let data = try #require(Data(base64Encoded: Self.fuzzerFindings[index]))
            #expect(throws: ReportReadError.self) { _ = try ReportReader().read(data: data, fileName: "found.docx") }
            #expect(throws: LedgerWorkbookError.self) { _ = try LedgerWorkbookReader.read(data: data) }
        }

        /// Through the API: 413 naming the limit, nothing written, and the server answers the next request.
        @Test func theAPIAnswersEachBombWith413() async throws {
            try await withApp(adjust: { $0.uploadLimits = HostileUploads.limits }) { app in
                let ledger = try await Ledger.make(app)
                let fx = ledger.fx
                let inspection = try await ledger.inspection()
                let audit = try await app.auditTotal(fx)
                for bomb in Self.bombs {
                    let paths = bomb.isWorkbook ? ["/api/v1/imports/ledger?inspectionId=\(inspection.id)&dryRun=true"]
                        : ["/api/v1/checks", "/api/v1/imports?dryRun=true", "/api/v1/imports"]
                    for path in paths {
                        let res = try await Self.upload(app, path, bomb.data, name: bomb.fileName, token: fx.token("office"))
                        guard let limit = bomb.limit else {
                            #expect(res.status == .unprocessableEntity, "\(bomb) \(path): \(res.status)")
                            continue
                        }
                        #expect(res.status == .payloadTooLarge, "\(bomb) \(path): \(res.status) \(res.body.string.prefix(200))")
                        #expect(res.errorCode == "upload_limit_exceeded", "\(bomb) \(path)")
                        #expect(res.body.string.contains("\"\(limit.rawValue)\""), "\(bomb) \(path)")
                    }
                }
                #expect(try await app.auditTotal(fx) == audit)
                #expect(try await app.send(.GET, "/api/v1/me", token: fx.token("office")).status == .ok)
            }
        }

        /// A legal upload still reads under the small limits (the limits refuse bombs, not documents).
        @Test func anOrdinaryReportPassesTheLimits() throws {
            let text = "关于巡察整改进展情况的通报\n一、整改落实情况\n（一）问题一。已完成整改。\n"
            let docx = try HostileUploads.zip([("word/document.xml", .text("""
                <w:document xmlns:w="w"><w:body><w:p><w:r><w:t>\(text)</w:t></w:r></w:p></w:body></w:document>
                """), .deflate)])
            #expect(throws: Never.self) { _ = try ReportReader(limits: HostileUploads.limits).read(data: docx, fileName: "ok.docx") }
        }

        /// Heavy work beyond its limit and queue is refused at once with 503 and Retry-After; a
        /// request its route refuses takes no slot; the slot's release lets the next one through.
        @Test func heavyWorkBeyondItsLimitIsRefusedWithRetryAfter() async throws {
            try await withApp(adjust: { $0.heavyWorkLimit = 1; $0.heavyWorkQueue = 0 }) { app in
                let fx = try await Fixture.make(app)
                let report = Data("一、整改情况\n".utf8)
                try await app.heavyWork.acquire()
                let busy = try await Self.upload(app, "/api/v1/checks", report, name: "r.txt", token: fx.token("office"))
                #expect(busy.status == .serviceUnavailable)
                #expect(busy.headers.first(name: "Retry-After") == String(HeavyWorkGate.retryAfterSeconds))
                // Light requests are not held back by heavy ones.
                #expect(try await app.send(.GET, "/api/v1/me", token: fx.token("office")).status == .ok)
                let anonymous = try await app.send(.POST, "/api/v1/checks?name=r.txt")
                #expect(anonymous.status == .unauthorized)
                app.heavyWork.release()
                let served = try await Self.upload(app, "/api/v1/checks", report, name: "r.txt", token: fx.token("office"))
                #expect(served.status != .serviceUnavailable && served.status.code < 500)
                #expect(app.heavyWork.load.running == 0)
            }
        }

        /// Waiters are served in turn and none is lost.
        @Test func theGateServesWaitersInTurn() async throws {
            let gate = HeavyWorkGate(limit: 2, queue: 50)
            let peak = NIOLockedValueBox((now: 0, max: 0))
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<40 {
                    group.addTask {
                        try await gate.run {
                            peak.withLockedValue { $0.now += 1; $0.max = max($0.max, $0.now) }
                            try await Task.sleep(for: .milliseconds(2))
                            peak.withLockedValue { $0.now -= 1 }
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(peak.withLockedValue { $0.max } == 2)
            #expect(gate.load.running == 0 && gate.load.waiting == 0)
        }

        /// 100 anonymous posts from one address: exactly the allowed number stored and audited, the
        /// rest 429 with Retry-After; the public page's form shares the same count.
        @Test func aBurstOfAnonymousFeedbackStoresOnlyTheAllowedNumber() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let fx = ledger.fx
                let inspection = try await ledger.inspection()
                let publication = try await ledger.publish(inspection.id)
                let audit = try await app.auditTotal(fx)
                let allowed = app.rectifyConfig.anonymousWritesPerAddress
                var statuses: [HTTPStatus] = []
                var retryAfter: [Int] = []
                for n in 1...100 {
                    let res = try await app.send(.POST, "/api/v1/public-feedback",
                                                 body: ["inspectionId": inspection.id, "text": "第\(n)条意见：建议公开整改时间表"])
                    statuses.append(res.status)
                    if res.status == .tooManyRequests { retryAfter.append(Int(res.headers.first(name: "Retry-After") ?? "") ?? 0) }
                }
                #expect(statuses.prefix(allowed).allSatisfy { $0 == .created })
                #expect(statuses.dropFirst(allowed).allSatisfy { $0 == .tooManyRequests })
                #expect(retryAfter.count == 100 - allowed && retryAfter.allSatisfy { (1...600).contains($0) })
                #expect(try await PublicFeedback.query(on: app.db).count() == allowed)
                #expect(try await PublicFeedback.query(on: app.db).filter(\.$publicationID == publication).count() == allowed)
                #expect(try await app.auditTotal(fx) == audit + allowed)

                // The page's form counts against the same limit.
                let page = try await app.send(.GET, "/public/reports/\(publication)")
                let cookie = try #require(page.headers.setCookie?["rectify_session"])
                let html = page.body.string
                let token = String(html[html.range(of: #"name="_csrf" value=""#)!.upperBound...].prefix { $0 != "\"" })
                var form: TestingHTTPResponse?
                try await app.testing().test(.POST, "/public/reports/\(publication)/feedback", beforeRequest: { req in
                    req.headers.cookie = ["rectify_session": HTTPCookies.Value(string: cookie.string)]
                    try req.content.encode(["_csrf": token, "text": "页面提交的意见"], as: .urlEncodedForm)
                }, afterResponse: { form = $0 })
                #expect(form?.status == .tooManyRequests)
                #expect(form?.headers.first(name: "Retry-After") != nil)
                #expect(try await PublicFeedback.query(on: app.db).count() == allowed)
            }
        }

        /// The public writes only about a published round: none named, an unknown one, or one not
        /// published are refused before anything is counted or written.
        @Test func anonymousFeedbackMustNameAPublishedRound() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let fx = ledger.fx
                let inspection = try await ledger.inspection()
                let audit = try await app.auditTotal(fx)
                let none = try await app.send(.POST, "/api/v1/public-feedback", body: ["text": "没有指明轮次的意见"])
                #expect(none.status == .unprocessableEntity && none.errorFields == ["inspectionId"])
                let unknown = try await app.send(.POST, "/api/v1/public-feedback", body: ["inspectionId": UUID(), "text": "意见"])
                #expect(unknown.status == .unprocessableEntity && unknown.errorCode == "validation_failed")
                let unpublished = try await app.send(.POST, "/api/v1/public-feedback", body: ["inspectionId": inspection.id, "text": "意见"])
                #expect(unpublished.status == .unprocessableEntity)
                #expect(unpublished.body.string.contains("not_published"))
                #expect(try await PublicFeedback.query(on: app.db).count() == 0)
                #expect(try await app.auditTotal(fx) == audit)
                // None of the refusals used up the address's allowance.
                try await ledger.publish(inspection.id)
                for n in 1...app.rectifyConfig.anonymousWritesPerAddress {
                    let sent = try await app.send(.POST, "/api/v1/public-feedback", body: ["inspectionId": inspection.id, "text": "意见\(n)"])
                    #expect(sent.status == .created)
                }
                // The office records feedback on its own rounds only, without a rate limit.
                let office = try await app.send(.POST, "/api/v1/public-feedback", token: fx.token("office"),
                                                body: ["inspectionId": inspection.id, "channel": "phone", "text": "来电反映"])
                #expect(office.status == .created)
            }
        }

        /// The counter is per window: once the window has passed, the address may write again.
        @Test func theLimitIsPerWindowAndPerRound() async throws {
            let clock = NIOLockedValueBox(fixedNow)
            try await withApp(adjust: { $0.anonymousWritesPerAddress = 2; $0.anonymousWritesPerRound = 3 }) { app in
                app.clock = AppClock(now: { clock.withLockedValue { $0 } })
                let ledger = try await Ledger.make(app)
                let inspection = try await ledger.inspection()
                try await ledger.publish(inspection.id)
                func post() async throws -> HTTPStatus {
                    try await app.send(.POST, "/api/v1/public-feedback", body: ["inspectionId": inspection.id, "text": "意见"]).status
                }
                #expect(try await post() == .created)
                #expect(try await post() == .created)
                #expect(try await post() == .tooManyRequests)
                clock.withLockedValue { $0 += TimeInterval(AnonymousWriteLimit.addressWindow) }
                #expect(try await post() == .created)
                // The round's hourly count (3) is reached now, whatever the address.
                clock.withLockedValue { $0 += TimeInterval(AnonymousWriteLimit.addressWindow) }
                let refused = try await app.send(.POST, "/api/v1/public-feedback", body: ["inspectionId": inspection.id, "text": "意见"])
                #expect(refused.status == .tooManyRequests)
                #expect(refused.body.string.contains("意见过多"))
            }
        }

        /// Anonymous routes carry small bodies: a feedback or sign-in body beyond 64 KB is 413.
        @Test(arguments: ["/api/v1/public-feedback", "/api/v1/auth/login"])
        func anonymousBodiesAreSmall(path: String) async throws {
            try await withApp { app in
                let huge = String(repeating: "意", count: 40_000)
                let body = try JSONSerialization.data(withJSONObject: ["text": huge, "username": huge, "password": huge])
                // Over a real socket: the in-memory tester hands the route a body already collected.
                var result: TestingHTTPResponse?
                try await app.testing(method: .running(hostname: "127.0.0.1", port: 0)).test(.POST, path, beforeRequest: { req in
                    req.headers.contentType = .json
                    req.body = ByteBuffer(data: body)
                }, afterResponse: { result = $0 })
                #expect(result?.status == .payloadTooLarge, "\(path): \(String(describing: result?.status))")
            }
        }

        /// Wrong credentials are 401 (not 400); a malformed sign-in stays 400/422.
        @Test func wrongCredentialsAre401() async throws {
            try await withApp { app in
                _ = try await Fixture.make(app)
                let wrong = try await app.send(.POST, "/api/v1/auth/login", body: ["username": "office", "password": "not-it"])
                #expect(wrong.status == .unauthorized)
                #expect(wrong.errorCode == "invalid_credentials")
                let nobody = try await app.send(.POST, "/api/v1/auth/login", body: ["username": "nobody", "password": "x"])
                #expect(nobody.status == .unauthorized)
                let malformed = try await app.send(.POST, "/api/v1/auth/login", raw: "{")
                #expect(malformed.status == .badRequest)
            }
        }
    }
}
