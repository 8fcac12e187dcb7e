import Foundation
import Logging

/// Rectify's one log handler: writes to standard error (standard output carries only what a command
/// prints), as text or as one JSON object per line, with the request id of the task it runs in and
/// every secret removed.
public struct RectifyLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let format: LogFormat
    private let write: @Sendable (String) -> Void

    public init(label: String, level: Logger.Level, format: LogFormat,
                write: @escaping @Sendable (String) -> Void = RectifyLogHandler.standardError) {
        self.label = label
        self.logLevel = level
        self.format = format
        self.write = write
    }

    public static let standardError: @Sendable (String) -> Void = { line in
        line.utf8CString.withUnsafeBufferPointer { buffer in
            // One write per line (without the terminating NUL): lines of concurrent requests do not interleave.
            _ = Foundation.write(FileHandle.standardError.fileDescriptor, buffer.baseAddress, buffer.count - 1)
        }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?,
                    source: String, file: String, function: String, line: UInt) {
        var merged = self.metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let explicit { merged.merge(explicit) { _, new in new } }
        let requestID = merged.removeValue(forKey: "request-id").map { "\($0)" } ?? RequestTrace.requestID
        // Redacted before encoding: a pattern must never cut through the JSON's own escapes.
        let redactor = SecretRedactor.shared
        switch format {
        case .json: write(jsonLine(level: level, message: redactor.redact(message.description), requestID: requestID, metadata: merged) + "\n")
        case .text: write(redactor.redact(textLine(level: level, message: message.description, requestID: requestID, metadata: merged)) + "\n")
        }
    }

    private static let timestamp: Date.ISO8601FormatStyle = .iso8601.year().month().day()
        .dateSeparator(.dash).time(includingFractionalSeconds: true).timeSeparator(.colon).timeZone(separator: .omitted)

    private func jsonLine(level: Logger.Level, message: String, requestID: String?, metadata: Logger.Metadata) -> String {
        var out = "{\"time\":\"\(Date().formatted(Self.timestamp))\",\"level\":\"\(level.rawValue)\",\"label\":"
        Self.appendJSONString(label, to: &out)
        out += ",\"message\":"
        Self.appendJSONString(message, to: &out)
        if let requestID {
            out += ",\"request_id\":"
            Self.appendJSONString(requestID, to: &out)
        }
        for key in metadata.keys.sorted() where key != "request_id" {
            out += ","
            Self.appendJSONString(key.replacingOccurrences(of: "-", with: "_"), to: &out)
            out += ":"
            Self.appendJSON(metadata[key]!, to: &out)
        }
        out += "}"
        return out
    }

    private func textLine(level: Logger.Level, message: String, requestID: String?, metadata: Logger.Metadata) -> String {
        var out = "\(Date().formatted(Self.timestamp)) \(level.rawValue.uppercased()) \(label):"
        if let requestID { out += " [\(requestID)]" }
        out += " \(message)"
        if !metadata.isEmpty {
            out += " " + metadata.keys.sorted().map { "\($0)=\(metadata[$0]!)" }.joined(separator: " ")
        }
        return out
    }

    private static func appendJSON(_ value: Logger.Metadata.Value, to out: inout String) {
        switch value {
        case .string(let text): appendJSONString(SecretRedactor.shared.redact(text), to: &out)
        case .stringConvertible(let value):
            // Numbers stay numbers (status, duration), so a collector can compare them.
            if let number = value as? any BinaryInteger { out += "\(number)" }
            else if let number = value as? Double, number.isFinite { out += "\(number)" }
            else if let flag = value as? Bool { out += flag ? "true" : "false" }
            else { appendJSONString(SecretRedactor.shared.redact(value.description), to: &out) }
        case .array(let values):
            out += "["
            for (index, element) in values.enumerated() {
                if index > 0 { out += "," }
                appendJSON(element, to: &out)
            }
            out += "]"
        case .dictionary(let values):
            out += "{"
            for (index, key) in values.keys.sorted().enumerated() {
                if index > 0 { out += "," }
                appendJSONString(key, to: &out)
                out += ":"
                appendJSON(values[key]!, to: &out)
            }
            out += "}"
        }
    }

    static func appendJSONString(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
