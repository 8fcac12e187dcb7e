import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOExtras
import NIOPosix
@testable import RectifyServer
import Vapor

/// A minimal SMTP server on loopback that accepts every message and keeps it.
final class SMTPSink: Sendable {
    let port: Int
    private let channel: any Channel
    private let messages = NIOLockedValueBox<[String]>([])
    private let envelopes = NIOLockedValueBox<[String]>([])

    var received: [String] { messages.withLockedValue { $0 } }
    var commands: [String] { envelopes.withLockedValue { $0 } }

    init(group: any EventLoopGroup) async throws {
        let messages = self.messages, envelopes = self.envelopes
        channel = try await ServerBootstrap(group: group)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineBasedFrameDecoder()))
                    try channel.pipeline.syncOperations.addHandler(Handler(messages: messages, envelopes: envelopes))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        port = channel.localAddress?.port ?? 0
    }

    func close() async throws { try await channel.close() }

    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let messages: NIOLockedValueBox<[String]>
        let envelopes: NIOLockedValueBox<[String]>
        var inData = false
        var lines: [String] = []

        init(messages: NIOLockedValueBox<[String]>, envelopes: NIOLockedValueBox<[String]>) {
            self.messages = messages
            self.envelopes = envelopes
        }

        func reply(_ context: ChannelHandlerContext, _ text: String) {
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text + "\r\n")), promise: nil)
        }

        func channelActive(context: ChannelHandlerContext) { reply(context, "220 sink ESMTP") }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let line = String(buffer: unwrapInboundIn(data)).trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
            if inData {
                if line == "." {
                    inData = false
                    let text = lines.joined(separator: "\n")
                    messages.withLockedValue { $0.append(text) }
                    lines = []
                    reply(context, "250 queued")
                } else {
                    lines.append(line)
                }
                return
            }
            envelopes.withLockedValue { $0.append(line) }
            switch line.prefix(4).uppercased() {
            case "EHLO": reply(context, "250-sink\r\n250 AUTH PLAIN")
            case "AUTH": reply(context, "235 ok")
            case "MAIL", "RCPT": reply(context, "250 ok")
            case "DATA": inData = true; reply(context, "354 end with .")
            case "QUIT": reply(context, "221 bye"); context.close(promise: nil)
            default: reply(context, "502 unknown")
            }
        }
    }
}

/// A webhook receiver on loopback: a second Vapor application that records the bodies it gets.
final class WebhookReceiver: Sendable {
    let app: Application
    let port: Int
    private let bodies = NIOLockedValueBox<[Data]>([])

    var received: [Data] { bodies.withLockedValue { $0 } }

    init(port: Int, answer: String = #"{"errcode":0,"errmsg":"ok"}"#) async throws {
        self.port = port
        app = try await Application.make(.testing)
        app.logger.logLevel = .error
        let bodies = self.bodies
        app.post("hook") { req async -> Response in
            bodies.withLockedValue { $0.append(req.body.data.map { Data(buffer: $0) } ?? Data()) }
            var headers = HTTPHeaders()
            headers.contentType = .json
            return Response(status: .ok, headers: headers, body: .init(string: answer))
        }
        app.http.server.configuration.hostname = "127.0.0.1"
        app.http.server.configuration.port = port
        try await app.server.start(address: .hostname("127.0.0.1", port: port))
    }

    func stop() async throws {
        await app.server.shutdown()
        try await app.asyncShutdown()
    }

    /// A loopback port nothing listens on right now.
    static func freePort() throws -> Int {
        let socket = try ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).wait()
        let port = socket.localAddress?.port ?? 0
        try socket.close().wait()
        return port
    }
}

/// A clock the test moves by hand.
final class TestClock: Sendable {
    private let box: NIOLockedValueBox<Date>
    init(_ date: Date) { box = NIOLockedValueBox(date) }
    var now: Date { box.withLockedValue { $0 } }
    func advance(seconds: TimeInterval) { box.withLockedValue { $0 = $0.addingTimeInterval(seconds) } }
    var appClock: AppClock { AppClock(now: { [self] in self.now }) }
}
