import Fluent
import RectifyCore
import Vapor

/// `rectify user create|token|list`.
struct UserCommand: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] = [
        "create": UserCreateCommand(),
        "token": UserTokenCommand(),
        "list": UserListCommand(),
    ]
    var help: String { "Manage users and their API tokens." }
}

struct UserCreateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "name", help: "Login name.") var name: String?
        @Option(name: "display", help: "Name shown in pages and the audit log (defaults to the login name).") var display: String?
        @Option(name: "role", help: "office | leader | unit_reporter | supervisor | admin") var role: String?
        @Option(name: "unit", help: "Organization id or exact name the user belongs to (required for unit_reporter).") var unit: String?
        @Flag(name: "no-token", help: "Do not mint an API token.") var noToken: Bool
    }

    var help: String { "Creates a user and prints a one-time password and an API token." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let name = signature.name?.trimmingCharacters(in: .whitespaces), !name.isEmpty else {
            throw CLIError("--name is required: the login name of the new user")
        }
        guard let roleText = signature.role, let role = Role(rawValue: roleText) else {
            throw CLIError("--role is required and must be one of: \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        try await app.openLedger()
        var orgID: UUID?
        if let unit = signature.unit {
            if let id = UUID(uuidString: unit), try await Organization.find(id, on: app.db) != nil {
                orgID = id
            } else if let org = try await Organization.query(on: app.db).filter(\.$name == unit).first() {
                orgID = org.id
            } else {
                throw CLIError("--unit \(unit): no organization has this id or name")
            }
        }
        let unitID = orgID
        if !role.readsAllBodies && unitID == nil {
            throw CLIError("--unit is required for \(role.rawValue): office, leader and unit_reporter users see only their own body or unit")
        }
        if try await User.query(on: app.db).filter(\.$username == name).count() > 0 {
            throw CLIError("a user named \(name) already exists")
        }
        let password = Credentials.generatePassword()
        let hash = try await app.credentials.hash(password: password, on: app)
        let minted = signature.noToken ? nil : Credentials.mintToken()
        let display = signature.display ?? name
        try await app.db.ledgerWrite(actor: .cli(), now: app.clock.now()) { db, audit in
            let user = User()
            user.username = name
            user.displayName = display
            user.passwordHash = hash
            user.roleRaw = role.rawValue
            user.organizationID = unitID
            user.active = true
            user.mustChangePassword = true
            user.version = 1
            try await user.create(on: db)
            try await audit.record("create", entity: "user", id: try user.requireID().uuidString, after: try user.toDTO())
            if let minted {
                let token = APIToken()
                token.userID = try user.requireID()
                token.name = "命令行创建"
                token.tokenHash = minted.hash
                try await token.create(on: db)
                try await audit.record("mint", entity: "api_token", id: try token.requireID().uuidString,
                                       after: ["name": token.name, "userId": user.id?.uuidString ?? ""])
            }
        }
        context.console.print("user:      \(name) (\(role.rawValue))")
        context.console.print("password:  \(password)   (one-time: shown once, change it after the first sign-in)")
        if let minted { context.console.print("api token: \(minted.token)") }
    }
}

struct UserTokenCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "name", help: "Login name of the user.") var name: String?
        @Option(name: "label", help: "What the token is for.") var label: String?
    }

    var help: String { "Mints a new API token for an existing user." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let name = signature.name, let user = try await User.query(on: app.db).filter(\.$username == name).first() else {
            throw CLIError("--name must name an existing user")
        }
        let minted = Credentials.mintToken()
        try await app.db.ledgerWrite(actor: .cli(), now: app.clock.now()) { db, audit in
            let token = APIToken()
            token.userID = try user.requireID()
            token.name = signature.label ?? "命令行创建"
            token.tokenHash = minted.hash
            try await token.create(on: db)
            try await audit.record("mint", entity: "api_token", id: try token.requireID().uuidString,
                                   after: ["name": token.name, "userId": user.id?.uuidString ?? ""])
        }
        context.console.print(minted.token)
    }
}

struct UserListCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Lists users." }

    func run(using context: CommandContext, signature: Signature) async throws {
        for user in try await User.query(on: context.application.db).sort(\.$username).all() {
            context.console.print("\(user.username)\t\(user.role.rawValue)\t\(user.displayName)\t\(user.active ? "active" : "disabled")")
        }
    }
}

/// A command-line error: printed, and the process exits non-zero.
/// A command that finished with a status other than 0, having said what it had to say: the
/// executable exits with `code` and prints nothing more.
public struct CommandExit: Error, Equatable, CustomStringConvertible {
    public let code: Int32
    public init(code: Int32) { self.code = code }
    public var description: String { "exit status \(code)" }
}

struct CLIError: Error, CustomStringConvertible, LocalizedError {
    let description: String
    init(_ message: String) { description = message }
    var errorDescription: String? { description }
}
