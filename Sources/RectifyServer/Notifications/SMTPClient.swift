import Foundation
import NIOCore
import NIOExtras
import NIOPosix

/// A small SMTP client on SwiftNIO (no SMTP package is available): EHLO, optional AUTH PLAIN,
/// MAIL FROM, RCPT TO, DATA with a UTF-8 text body in base64, QUIT.
struct SMTPClient: Sendable {
    let settings: SMTPSettings
    let group: any EventLoopGroup
    var timeout: TimeAmount = .seconds(20)

    func send(to recipients: [String], subject: String, body: String, date: Date) async throws {
        guard !recipients.isEmpty else { throw DeliveryFailure( "no recipients") }
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(timeout)
            .connect(host: settings.host, port: settings.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineBasedFrameDecoder()))
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let message = Self.compose(from: settings.from, to: recipients, subject: subject, body: body, date: date)
        let settings = self.settings
        try await channel.executeThenClose { inbound, outbound in
            var lines = inbound.makeAsyncIterator()
            func reply() async throws -> (Int, String) {
                var text: [String] = []
                while let buffer = try await lines.next() {
                    let line = String(buffer: buffer).trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
                    text.append(line)
                    let code = Int(line.prefix(3)) ?? 0
                    if line.count < 4 || line[line.index(line.startIndex, offsetBy: 3)] != "-" { return (code, text.joined(separator: " ")) }
                }
                throw DeliveryFailure( "connection closed by the mail server")
            }
            func expect(_ codes: ClosedRange<Int>, after command: String?) async throws {
                if let command { try await outbound.write(ByteBuffer(string: command + "\r\n")) }
                let (code, text) = try await reply()
                guard codes.contains(code) else {
                    // The AUTH line carries the password (base64): a failure names the command only.
                    let label = command.map { $0.hasPrefix("AUTH") ? "AUTH PLAIN" : String($0.prefix(20)) } ?? "greeting"
                    throw DeliveryFailure("\(label) → \(text)")
                }
            }
            try await expect(220...220, after: nil)
            try await expect(250...250, after: "EHLO rectify")
            if let user = settings.username, let password = settings.password {
                let token = Data("\0\(user)\0\(password)".utf8).base64EncodedString()
                SecretRedactor.shared.pin(token)
                try await expect(235...235, after: "AUTH PLAIN \(token)")
            }
            try await expect(250...250, after: "MAIL FROM:<\(settings.from)>")
            for recipient in recipients { try await expect(250...251, after: "RCPT TO:<\(recipient)>") }
            try await expect(354...354, after: "DATA")
            try await outbound.write(ByteBuffer(string: message))
            try await expect(250...250, after: ".")
            try? await outbound.write(ByteBuffer(string: "QUIT\r\n"))
        }
    }

    /// The message text, dot-stuffed, ending before the final `.` line.
    static func compose(from: String, to: [String], subject: String, body: String, date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let encodedSubject = "=?UTF-8?B?\(Data(subject.utf8).base64EncodedString())?="
        let encodedBody = Data(body.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        let headers = [
            "From: \(from)", "To: \(to.joined(separator: ", "))", "Subject: \(encodedSubject)",
            "Date: \(formatter.string(from: date))", "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: base64",
        ]
        let lines = (headers + [""] + encodedBody.components(separatedBy: "\r\n"))
            .map { $0.hasPrefix(".") ? "." + $0 : $0 }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}

/// A delivery that did not go through; the text is kept on the outbox message.
struct DeliveryFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
