import Fluent
import Foundation
import RectifyCore
@testable import RectifyServer
import SQLKit
import Testing
import Vapor
import VaporTesting

extension ServerTests {
    /// Who a token or a session signs in is kept for a few seconds: a revocation on this server holds
    /// from the next request, one made elsewhere within `SignInCache.lifetime`.
    @Suite struct SignInCacheTests {
        final class Clock: @unchecked Sendable {
            var now = fixedNow
        }

        static func user(_ name: String) -> User {
            let user = User()
            user.id = UUID()
            user.username = name
            user.displayName = name
            user.passwordHash = "hash"
            user.roleRaw = Role.office.rawValue
            user.active = true
            user.mustChangePassword = false
            user.version = 3
            return user
        }

        @Test func anEntryServesWithinItsLifetimeGenerationAndTokenExpiryOnly() {
            let cache = SignInCache()
            let stored = Self.user("office")
            cache.store(stored, tokenExpiresAt: fixedNow.addingTimeInterval(60), for: "k", generation: cache.generation, now: fixedNow)
            let hit = cache.user("k", now: fixedNow.addingTimeInterval(1))
            #expect(hit?.id == stored.id && hit?.username == "office" && hit?.version == 3 && hit?.$id.exists == true)
            #expect(hit !== stored, "each request gets a copy of its own")
            #expect(cache.user("k", now: fixedNow.addingTimeInterval(SignInCache.lifetime)) == nil, "too old")
            #expect(cache.user("k", now: fixedNow.addingTimeInterval(-1)) == nil, "a clock set back")
            // A token that expires before the lifetime ends stops at its expiry.
            cache.store(stored, tokenExpiresAt: fixedNow.addingTimeInterval(2), for: "short", generation: cache.generation, now: fixedNow)
            #expect(cache.user("short", now: fixedNow.addingTimeInterval(1)) != nil)
            #expect(cache.user("short", now: fixedNow.addingTimeInterval(2)) == nil)
            // A write empties it, and an answer read before the write is not kept after it.
            let before = cache.generation
            cache.invalidate()
            #expect(cache.user("k", now: fixedNow) == nil && cache.count == 0)
            cache.store(stored, tokenExpiresAt: nil, for: "late", generation: before, now: fixedNow)
            #expect(cache.user("late", now: fixedNow) == nil)
        }

        @Test func theCopyHoldsEveryPropertyOfTheRow() {
            let stored = Self.user("leader")
            stored.organizationID = UUID()
            stored.failedLogins = 2
            stored.lockedUntil = fixedNow
            stored.createdAt = fixedNow
            stored.updatedAt = fixedNow.addingTimeInterval(1)
            let copy = stored.detachedCopy()
            #expect(copy.properties.count == stored.properties.count)
            #expect(copy.id == stored.id && copy.username == stored.username && copy.displayName == stored.displayName)
            #expect(copy.passwordHash == stored.passwordHash && copy.roleRaw == stored.roleRaw && copy.organizationID == stored.organizationID)
            #expect(copy.active == stored.active && copy.mustChangePassword == stored.mustChangePassword && copy.version == stored.version)
            #expect(copy.failedLogins == 2 && copy.lockedUntil == fixedNow && copy.createdAt == fixedNow && copy.updatedAt == stored.updatedAt)
        }

        @Test func aRevokedTokenAndADeactivatedUserAreRefusedAtOnceHereAndAfterTheLifetimeElsewhere() async throws {
            let clock = Clock()
            try await withApp(now: { clock.now }) { app in
                let fx = try await Fixture.make(app)
                // Revoked through this server: refused from the next request.
                let login = try await app.send(.POST, "/api/v1/auth/login", body: ["username": "leader", "password": "password-leader"])
                let token = try #require(try login.json()["token"] as? String)
                #expect(try await app.send(.GET, "/api/v1/me", token: token).status == .ok)
                #expect(try await app.send(.GET, "/api/v1/me", token: token).status == .ok)
                #expect(try await app.send(.POST, "/api/v1/auth/logout", token: token).status == .noContent)
                #expect(try await app.send(.GET, "/api/v1/me", token: token).status == .unauthorized)

                // Revoked by another server (straight in the database): refused once the lifetime has passed.
                let office = fx.token("office")
                #expect(try await app.send(.GET, "/api/v1/me", token: office).status == .ok)
                try await (app.db as! any SQLDatabase).update("api_tokens").set("revoked_at", to: SQLBind(clock.now))
                    .where("token_hash", .equal, SQLBind(Credentials.tokenHash(office))).run()
                clock.now = clock.now.addingTimeInterval(SignInCache.lifetime)
                #expect(try await app.send(.GET, "/api/v1/me", token: office).status == .unauthorized)

                // A user deactivated through this server: every token of theirs stops at once.
                let supervisor = fx.token("supervisor")
                #expect(try await app.send(.GET, "/api/v1/me", token: supervisor).status == .ok)
                let user = try #require(try await User.query(on: app.db).filter(\.$username == "supervisor").first())
                let deactivated = try await app.send(.PATCH, "/api/v1/users/\(try user.requireID())", token: fx.token("admin"),
                                                     body: ["active": false, "version": user.version])
                #expect(deactivated.status == .ok)
                #expect(try await app.send(.GET, "/api/v1/me", token: supervisor).status == .unauthorized)
            }
        }
    }
}
