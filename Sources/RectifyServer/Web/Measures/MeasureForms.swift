import Fluent
import Foundation
import RectifyCore

/// The measure forms of a problem's page, for those who write the ledger: a form to add a measure
/// and, on each measure not yet closed, one to change its leader. Leaders are chosen from the
/// serving people of the round's body (`LeaderChoices`), units from that body (`BodyDirectory`).
struct MeasureForms {
    /// A refused form's entries and messages, shown again on the page.
    struct State: Sendable {
        /// The measure whose leader form was refused; nil for the new-measure form.
        var measureID: UUID?
        var draft: [String: String]
        var errors: [String: String]
    }

    struct NewMeasure: Encodable {
        let leaders: [BoardController.Option]; let units: [BoardController.Option]; let kinds: [BoardController.Option]
        let draft: [String: String]; let errors: [String: String]
    }

    struct LeaderForm: Encodable {
        let version: Int; let hasLeader: Bool; let leaders: [BoardController.Option]; let error: String?
    }

    let newMeasure: NewMeasure?
    let leaderForms: [UUID: LeaderForm]

    static let none = MeasureForms(newMeasure: nil, leaderForms: [:])

    static func make(problem: Problem, measures: [Measure], access: AccessContext, state: State?, on db: Database) async throws -> MeasureForms {
        guard MeasureResource.writeAccess.contains(access.role),
              let round = try await Inspection.query(on: db).filter(\.$id == problem.inspectionID)
                .field(\.$id).field(\.$inspectedBodyID).first() else { return .none }
        let body = try await ScopeRule.body(of: round, on: db)
        let known = body == access.bodyID ? try await access.bodyUnits(on: db) : nil
        let directory = try await BodyDirectory.load(body: body, subtree: known, on: db)
        let open = measures.filter { $0.status != RectificationStatus.closed.rawValue }
        let choices = try await LeaderChoices.load(units: directory.ids, current: Set(open.compactMap(\.leaderID)), on: db)
        var leaderForms: [UUID: LeaderForm] = [:]
        for measure in open {
            guard let id = measure.id else { continue }
            let refused = state?.measureID == id ? state : nil
            let selected = refused?.draft["leaderId"].flatMap(UUID.init(uuidString:)) ?? measure.leaderID
            leaderForms[id] = LeaderForm(version: measure.version, hasLeader: measure.leaderID != nil, leaders: choices.options(selected: selected),
                                         error: refused.map { $0.errors.values.sorted().joined(separator: "；") })
        }
        var newMeasure: NewMeasure?
        if problem.status != RectificationStatus.closed.rawValue {
            let refused = state?.measureID == nil ? state : nil
            let draft = refused?.draft ?? [:]
            newMeasure = NewMeasure(
                leaders: choices.options(selected: draft["leaderId"].flatMap(UUID.init(uuidString:))),
                units: directory.options(selected: draft["leadUnitId"].flatMap(UUID.init(uuidString:))),
                kinds: MeasureKind.allCases.map { .init(value: $0.rawValue, label: $0.label, selected: $0.rawValue == (draft["kind"] ?? MeasureKind.timeBound.rawValue)) },
                draft: draft, errors: refused?.errors ?? [:])
        }
        return MeasureForms(newMeasure: newMeasure, leaderForms: leaderForms)
    }
}
