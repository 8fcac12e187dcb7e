import Fluent
import Foundation
@testable import RectifyServer
import Testing

/// Every model lists its properties by hand so that Fluent does not reflect on it for each row it
/// decodes; a field left out of a list would silently never be read or written. These tests hold
/// each list to what reflection finds, and every model to having a list.
@Suite struct ModelPropertiesTests {
    static let models: [any Model.Type] = [
        APIToken.self, AccountabilityRecord.self, AuditEvent.self, Bulletin.self, CalendarYearRecord.self, CloseOutRecord.self, EscalationKey.self,
        ImportDraft.self, Inspection.self, JobLease.self, LookBackCheck.self, Measure.self, MeasureUnit.self, Meeting.self,
        NotificationChannel.self, Organization.self, OutboxMessage.self, Person.self, Problem.self, ProblemLeader.self,
        ProgressReport.self, EvidenceFile.self, PublicFeedback.self, Publication.self, RecoveredFund.self, RegisterLink.self,
        Regulation.self, ReminderNotice.self, NoticeItem.self, NoticeReply.self, StatusChangeRecord.self, User.self,
        SelfInspectionTask.self, SelfInspectionAnswer.self, RepeatMatch.self,
    ]

    static func keys(_ properties: [any AnyProperty]) -> [[String]] {
        properties.map { property in
            (property as? any AnyDatabaseProperty)?.keys.map(\.description) ?? ["<\(type(of: property))>"]
        }
    }

    @Test(arguments: models.map { ModelType(type: $0) })
    func theListedPropertiesAreThoseReflectionFinds(_ model: ModelType) {
        // Arrange
        let instance = model.type.init()
        let reflected = Mirror(reflecting: instance).children.compactMap { $0.value as? any AnyProperty }

        // Act
        let listed = instance.properties

        // Assert
        #expect(Self.keys(listed) == Self.keys(reflected), "\(model.type)")
        #expect(listed.count == reflected.count, "\(model.type)")
        for (a, b) in zip(listed, reflected) {
            #expect(type(of: a) == type(of: b), "\(model.type): \(type(of: a)) ≠ \(type(of: b))")
        }
    }

    @Test func everyModelClassIsHeldToItsList() throws {
        // Arrange: the model classes declared in the sources.
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/RectifyServer/Models").standardizedFileURL
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "swift" }
        let declared = try files.flatMap { file in
            try String(contentsOf: file, encoding: .utf8).split(separator: "\n").compactMap { line -> String? in
                guard line.hasPrefix("final class "), line.contains(": Model") else { return nil }
                return line.dropFirst("final class ".count).split(separator: ":").first.map(String.init)
            }
        }

        // Act
        let tested = Self.models.map { "\($0)" }

        // Assert
        #expect(declared.count >= 30)
        #expect(Set(declared) == Set(tested))
    }
}

/// A model type as a test argument (metatypes are not `Sendable` descriptions by themselves).
struct ModelType: Sendable, CustomTestStringConvertible {
    let type: any Model.Type
    var testDescription: String { "\(type)" }
}
