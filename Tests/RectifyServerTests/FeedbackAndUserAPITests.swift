import Fluent
import Foundation
import RectifyCore
@testable import RectifyServer
import Testing
import Vapor
import VaporTesting

extension ServerTests {
    @Suite struct PublicFeedbackAPITests {
        @Test func anonymousVisitorMaySubmitButNotRead() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let inspection = try await ledger.inspection()
                try await ledger.publish(inspection.id)
                let sent = try await app.send(.POST, "/api/v1/public-feedback",
                                              body: ["inspectionId": inspection.id, "text": "建议公布老旧小区改造时间安排",
                                                     "contact": "王先生", "channel": "visit"])
                #expect(sent.status == .created)
                let feedback = try sent.dto(PublicFeedbackDTO.self)
                #expect(feedback.state == .received)
                // The public can only use the web form, whatever it claims.
                #expect(feedback.channel == "web")

                let list = try await app.send(.GET, "/api/v1/public-feedback")
                #expect(list.status == .unauthorized)
                #expect(list.headers.first(name: .wwwAuthenticate) == "Bearer")
                let one = try await app.send(.GET, "/api/v1/public-feedback/\(feedback.id)")
                #expect(one.status == .unauthorized)
                let reporter = try await app.send(.GET, "/api/v1/public-feedback", token: ledger.fx.token("reporterA"))
                #expect(reporter.status == .forbidden)

                let blank = try await app.send(.POST, "/api/v1/public-feedback", body: ["inspectionId": inspection.id, "text": "  "])
                #expect(blank.status == .unprocessableEntity)
                #expect(blank.errorFields == ["text"])

                // The anonymous write is in the audit log, against the public.
                let audit = try await app.send(.GET, "/api/v1/audit?entity=public_feedback", token: ledger.fx.token("supervisor"))
                #expect(audit.total == 1)
                #expect(try audit.items().first?["actorName"] as? String == "公众")
            }
        }

        @Test func officeRepliesAndCloses() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let fx = ledger.fx
                let inspection = try await ledger.inspection()
                try await ledger.publish(inspection.id)
                let feedback = try await app.send(.POST, "/api/v1/public-feedback",
                                                  body: ["inspectionId": inspection.id, "text": "物业收费不透明"]).dto(PublicFeedbackDTO.self)
                let path = "/api/v1/public-feedback/\(feedback.id)"

                let list = try await app.send(.GET, "/api/v1/public-feedback?state=received", token: fx.token("office"))
                #expect(list.total == 1)

                let noReply = try await app.send(.PATCH, path, token: fx.token("office"), body: ["state": "replied"], headers: ifMatch(1))
                #expect(noReply.status == .unprocessableEntity)
                #expect(noReply.errorFields == ["reply"])

                let replied = try await app.send(.PATCH, path, token: fx.token("office"),
                                                 body: ["state": "replied", "reply": "已责成物业公示收费标准"], headers: ifMatch(1))
                #expect(replied.status == .ok)
                let dto = try replied.dto(PublicFeedbackDTO.self)
                #expect(dto.state == .replied)
                #expect(dto.reply == "已责成物业公示收费标准")
                #expect(dto.repliedAt == fixedNow)

                let leader = try await app.send(.PATCH, path, token: fx.token("leader"), body: ["state": "closed"], headers: ifMatch(2))
                #expect(leader.status == .forbidden)
                let closed = try await app.send(.PATCH, path, token: fx.token("office"), body: ["state": "closed"], headers: ifMatch(2))
                #expect(try closed.dto(PublicFeedbackDTO.self).state == .closed)
                let reopen = try await app.send(.PATCH, path, token: fx.token("office"), body: ["state": "handling"], headers: ifMatch(3))
                #expect(reopen.status == .unprocessableEntity)
                #expect(reopen.errorCode == "illegal_transition")
            }
        }
    }

    @Suite struct UserAPITests {
        @Test func adminCreatesUserWhoLogsInWithTheOneTimePassword() async throws {
            try await withApp { app in
                let fx = try await Fixture.make(app)
                let created = try await app.send(.POST, "/api/v1/users", token: fx.token("admin"), body: [
                    "username": "zhou.wt", "displayName": "周文涛", "role": "office", "organizationId": fx.body,
                ])
                #expect(created.status == .created)
                let json = try created.json()
                let password = try #require(json["oneTimePassword"] as? String)
                #expect(password.count == 19)
                let user = try #require(json["user"] as? [String: Any])
                #expect(user["role"] as? String == "office")
                #expect(user["mustChangePassword"] as? Bool == true)

                let wrong = try await app.send(.POST, "/api/v1/auth/login", body: ["username": "zhou.wt", "password": "guess"])
                #expect(wrong.status == .unauthorized)
                #expect(wrong.errorCode == "invalid_credentials")

                let login = try await app.send(.POST, "/api/v1/auth/login", body: ["username": "zhou.wt", "password": password])
                #expect(login.status == .ok)
                let token = try #require(try login.json()["token"] as? String)
                let me = try await app.send(.GET, "/api/v1/me", token: token)
                #expect(me.status == .ok)
                #expect(try me.json()["username"] as? String == "zhou.wt")
                #expect(try me.json()["displayName"] as? String == "周文涛")

                // The new office user works in its body: it can create an inspection there.
                let inspection = try await app.send(.POST, "/api/v1/inspections", token: token, body: [
                    "title": "新轮次", "inspectingGroup": "市委第一巡察组", "inspectedBodyId": fx.body,
                ])
                #expect(inspection.status == .created)

                let logout = try await app.send(.POST, "/api/v1/auth/logout", token: token)
                #expect(logout.status == .noContent)
                let afterLogout = try await app.send(.GET, "/api/v1/me", token: token)
                #expect(afterLogout.status == .unauthorized)
            }
        }

        @Test func nonAdminsCannotManageUsers() async throws {
            try await withApp { app in
                let fx = try await Fixture.make(app)
                for name in ["office", "leader", "supervisor", "reporterA"] {
                    let create = try await app.send(.POST, "/api/v1/users", token: fx.token(name),
                                                    body: ["username": "x\(name)", "displayName": "x", "role": "admin"])
                    #expect(create.status == .forbidden, "\(name) creating a user")
                    let list = try await app.send(.GET, "/api/v1/users", token: fx.token(name))
                    #expect(list.status == .forbidden, "\(name) listing users")
                }
                let list = try await app.send(.GET, "/api/v1/users", token: fx.token("admin"))
                #expect(list.total == 6)
            }
        }

        @Test func userValidationAndDuplicates() async throws {
            try await withApp { app in
                let fx = try await Fixture.make(app)
                let reporter = try await app.send(.POST, "/api/v1/users", token: fx.token("admin"),
                                                  body: ["username": "bad name", "displayName": "x", "role": "unit_reporter"])
                #expect(reporter.status == .unprocessableEntity)
                #expect(Set(reporter.errorFields) == ["username", "organizationId"])
                let duplicate = try await app.send(.POST, "/api/v1/users", token: fx.token("admin"),
                                                   body: ["username": "office", "displayName": "x", "role": "office",
                                                          "organizationId": fx.body])
                #expect(duplicate.status == .unprocessableEntity)
                #expect(duplicate.errorFieldCodes == ["duplicate"])
            }
        }

        @Test func adminCannotLockThemselvesOut() async throws {
            try await withApp { app in
                let fx = try await Fixture.make(app)
                let me = try await app.send(.GET, "/api/v1/me", token: fx.token("admin"))
                let id = try #require(try me.json()["id"] as? String)
                let res = try await app.send(.PATCH, "/api/v1/users/\(id)", token: fx.token("admin"), body: ["active": false],
                                             headers: ifMatch(1))
                #expect(res.status == .conflict)
                #expect(res.errorCode == "self_lockout")
            }
        }

        @Test func deactivatedUsersTokenStopsWorking() async throws {
            try await withApp { app in
                let fx = try await Fixture.make(app)
                let list = try await app.send(.GET, "/api/v1/users?role=leader", token: fx.token("admin"))
                let leader = try #require(try list.items().first)
                let id = try #require(leader["id"] as? String)
                let res = try await app.send(.PATCH, "/api/v1/users/\(id)", token: fx.token("admin"), body: ["active": false, "version": 1])
                #expect(res.status == .ok)
                let denied = try await app.send(.GET, "/api/v1/me", token: fx.token("leader"))
                #expect(denied.status == .unauthorized)
            }
        }

        /// A page session signed in before the account was deactivated serves nothing after it.
        @Test func deactivatedUsersSessionStopsWorking() async throws {
            try await withApp { app in
                let fx = try await Fixture.make(app)
                let headers = try await PageTests.signIn(app, "office", "password-office")
                #expect(try await app.send(.GET, "/board", headers: headers).status == .ok)
                let office = try #require(try await User.query(on: app.db).filter(\.$username == "office").first())
                let res = try await app.send(.PATCH, "/api/v1/users/\(try office.requireID())", token: fx.token("admin"),
                                             body: ["active": false, "version": office.version])
                #expect(res.status == .ok)

                let denied = try await app.send(.GET, "/board", headers: headers)

                #expect(denied.status == .seeOther)
                #expect(denied.headers.first(name: .location)?.hasPrefix("/login") == true)
            }
        }
    }
}

extension ServerTests.UserAPITests {
    @Test func officeAndLeaderUsersNeedAUnit() async throws {
        try await withApp { app in
            let fx = try await Fixture.make(app)
            for role in ["office", "leader"] {
                let res = try await app.send(.POST, "/api/v1/users", token: fx.token("admin"),
                                             body: ["username": "new-\(role)", "displayName": "新用户", "role": role])
                #expect(res.status == .unprocessableEntity)
                #expect(res.errorFields == ["organizationId"])
            }
            let supervisor = try await app.send(.POST, "/api/v1/users", token: fx.token("admin"),
                                                body: ["username": "new-supervisor", "displayName": "监督", "role": "supervisor"])
            #expect(supervisor.status == .created)
        }
    }
}
