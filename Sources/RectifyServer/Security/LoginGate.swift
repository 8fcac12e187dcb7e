import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// The one sign-in check for the login page and the API: the address throttle, the account
/// lockout after repeated wrong passwords, and the password itself. Failed attempts on a real
/// account are counted in the database (so every server sees them) and audited.
enum LoginGate {
    /// Consecutive wrong passwords that lock an account.
    static let lockoutThreshold = 5
    /// How long a locked account stays locked (an administrator's password reset unlocks at once).
    static let lockoutSeconds: TimeInterval = 15 * 60

    /// The signed-in user, or a `RectifyError` saying why not (401 wrong credentials, 429 locked or throttled).
    static func verify(username: String, password: String, on req: Request) async throws -> User {
        let app = req.application
        let now = app.clock.now()
        let address = req.clientAddress
        if let wait = app.loginThrottle.retryAfter(address, now: now) {
            throw RectifyError.tooManyAttempts(retryAfterSeconds: wait,
                                              message: "登录失败次数过多，请\(minutes(wait))分钟后再试")
        }
        guard let user = try await User.query(on: req.db).filter(\.$username == username).first() else {
            // Hash anyway, so an unknown name takes as long to refuse as a wrong password.
            _ = try await app.credentials.verify(password: password, hash: try await dummyHash(app), on: app)
            app.loginThrottle.recordFailure(address, now: now)
            throw invalid
        }
        if let until = user.lockedUntil, until > now {
            app.loginThrottle.recordFailure(address, now: now)
            let wait = Int(until.timeIntervalSince(now).rounded(.up))
            throw RectifyError.tooManyAttempts(retryAfterSeconds: wait,
                                              message: "该账号因连续\(lockoutThreshold)次密码错误已被临时锁定，请\(minutes(wait))分钟后再试，或请系统管理员重置密码")
        }
        let matches = try await app.credentials.verify(password: password, hash: user.passwordHash, on: app)
        guard matches, user.active else {
            app.loginThrottle.recordFailure(address, now: now)
            if !matches { try await recordFailure(of: user, now: now, address: address, on: req.db) }
            throw invalid
        }
        if user.failedLogins > 0 || user.lockedUntil != nil {
            try await setCounters(of: user, failed: 0, lockedUntil: nil, action: "login_reset", now: now, address: address, on: req.db)
        }
        return user
    }

    /// 401: the credentials were read and are not valid (a malformed request stays 400).
    static let invalid = RectifyError.invalidCredentials

    /// A hash of a random password at the installation's cost, made on first need.
    private static let dummy = NIOLockedValueBox<String?>(nil)

    private static func dummyHash(_ app: Application) async throws -> String {
        if let hash = dummy.withLockedValue({ $0 }) { return hash }
        let hash = try await app.credentials.hash(password: Credentials.generatePassword(), on: app)
        dummy.withLockedValue { $0 = hash }
        return hash
    }

    private static func minutes(_ seconds: Int) -> Int { max(1, (seconds + 59) / 60) }

    private static func recordFailure(of user: User, now: Date, address: String, on db: Database) async throws {
        let failed = user.failedLogins + 1
        let lockedUntil = failed >= lockoutThreshold ? now.addingTimeInterval(lockoutSeconds) : nil
        try await setCounters(of: user, failed: lockedUntil == nil ? failed : 0, lockedUntil: lockedUntil,
                              action: lockedUntil == nil ? "login_failed" : "login_locked", now: now, address: address, on: db)
    }

    /// Writes the counters with SQL (not the model), so the user's version and ETag stay as they
    /// are for an administrator editing the account at the same time.
    private static func setCounters(of user: User, failed: Int, lockedUntil: Date?, action: String, now: Date,
                                    address: String, on db: Database) async throws {
        let id = try user.requireID()
        try await db.ledgerWrite(actor: AuditActor(id: id.uuidString, name: "\(user.displayName)（\(user.username)）"), now: now) { tx, audit in
            guard let sql = tx as? SQLDatabase else { return }
            try await sql.update("users")
                .set("failed_logins", to: SQLBind(failed))
                .set("locked_until", to: SQLBind(lockedUntil))
                .where("id", .equal, SQLBind(id))
                .run()
            struct Counters: Encodable { let failedLogins: Int; let lockedUntil: Date?; let address: String }
            try await audit.record(action, entity: "user", id: id.uuidString,
                                   after: Counters(failedLogins: failed, lockedUntil: lockedUntil, address: address))
        }
        user.failedLogins = failed
        user.lockedUntil = lockedUntil
    }
}
