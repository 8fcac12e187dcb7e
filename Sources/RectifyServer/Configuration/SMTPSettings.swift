/// The mail server Rectify sends notices through (plain SMTP on an intranet relay, optional AUTH PLAIN).
public struct SMTPSettings: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var from: String
    public var username: String?
    public var password: String?

    public init(host: String, port: Int, from: String, username: String? = nil, password: String? = nil) {
        self.host = host
        self.port = port
        self.from = from
        self.username = username
        self.password = password
    }
}
