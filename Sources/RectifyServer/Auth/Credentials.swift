import Foundation
import Vapor

/// Password hashing (bcrypt) and API token minting (random, stored as SHA-256).
struct Credentials: Sendable {
    /// bcrypt cost; tests lower it so the suite stays fast.
    var bcryptCost: Int = 12

    func hash(password: String, on app: Application) async throws -> String {
        let cost = bcryptCost
        return try await app.threadPool.runIfActive { try Bcrypt.hash(password, cost: cost) }
    }

    func verify(password: String, hash: String, on app: Application) async throws -> Bool {
        try await app.threadPool.runIfActive { (try? Bcrypt.verify(password, created: hash)) ?? false }
    }

    /// A new API token: what the user keeps and what the database keeps.
    static func mintToken() -> (token: String, hash: String) {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let token = "rct_" + Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return (token, tokenHash(token))
    }

    static func tokenHash(_ token: String) -> String {
        SHA256Hex.of(Data(token.utf8))
    }

    /// A readable one-time password: 4 groups of 4 from an alphabet without look-alikes.
    static func generatePassword() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        let groups = (0..<4).map { _ in String((0..<4).map { _ in alphabet.randomElement(using: &generator)! }) }
        let password = groups.joined(separator: "-")
        SecretRedactor.shared.register(password)
        return password
    }
}

extension Application {
    private struct CredentialsKey: StorageKey { typealias Value = Credentials }

    var credentials: Credentials {
        get { storage[CredentialsKey.self] ?? Credentials() }
        set { storage[CredentialsKey.self] = newValue }
    }
}
