import Fluent
import Foundation
import RectifyCore
import Vapor

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

    /// `leaders` and `units` are the select's options as HTML (`Array.html`).
    struct NewMeasure: Encodable {
        let leaders: String; let units: String; let kinds: [BoardController.Option]
        let draft: [String: String]; let errors: [String: String]
    }

    /// `leaders`: the select's options as HTML.
    struct LeaderForm: Encodable {
        let version: Int; let hasLeader: Bool; let leaders: String; let error: String?
    }

    let newMeasure: NewMeasure?
    let leaderForms: [UUID: LeaderForm]

    static let none = MeasureForms(newMeasure: nil, leaderForms: [:])

    /// What a measure's leader form needs of it.
    struct Entry: Sendable {
        let id: UUID; let status: String; let leaderID: UUID?; let version: Int
        /// The leader's name and how they left, when they have.
        let departedLeader: String?
    }

    /// The body's units and serving people, kept per ledger revision: every change to either is a
    /// ledger write, and walking the body's tree on every view of a problem cost a statement a level.
    struct Choices: Sendable { let directory: BodyDirectory; let serving: [LeaderChoices.Choice] }

    static func make(inspectedBody: UUID, problemStatus: String, measures: [Entry], access: AccessContext,
                     state: State?, on req: Request) async throws -> MeasureForms {
        guard MeasureResource.writeAccess.contains(access.role) else { return .none }
        let db = req.db
        let cached = try await req.application.ledgerCache.value("measure-forms|\(inspectedBody)", revision: try await req.ledgerRevision()) {
            let body = try await OrganizationTree.root(of: inspectedBody, on: db)
            let known = body == access.bodyID ? try await access.bodyUnits(on: db) : nil
            let directory = try await BodyDirectory.load(body: body, subtree: known, on: db)
            return Choices(directory: directory, serving: try await LeaderChoices.serving(units: directory.ids, on: db))
        }
        let directory = cached.directory
        let open = measures.filter { $0.status != RectificationStatus.closed.rawValue }
        var departed: [UUID: String] = [:]
        for measure in open { if let leader = measure.leaderID, let label = measure.departedLeader { departed[leader] = label } }
        let choices = LeaderChoices(serving: cached.serving, departed: departed)
        var leaderForms: [UUID: LeaderForm] = [:]
        for measure in open {
            let id = measure.id
            let refused = state?.measureID == id ? state : nil
            let selected = refused?.draft["leaderId"].flatMap(UUID.init(uuidString:)) ?? measure.leaderID
            leaderForms[id] = LeaderForm(version: measure.version, hasLeader: measure.leaderID != nil, leaders: choices.options(selected: selected).html,
                                         error: refused.map { $0.errors.values.sorted().joined(separator: "；") })
        }
        var newMeasure: NewMeasure?
        if problemStatus != RectificationStatus.closed.rawValue {
            let refused = state?.measureID == nil ? state : nil
            let draft = refused?.draft ?? [:]
            newMeasure = NewMeasure(
                leaders: choices.options(selected: draft["leaderId"].flatMap(UUID.init(uuidString:))).html,
                units: directory.options(selected: draft["leadUnitId"].flatMap(UUID.init(uuidString:))).html,
                kinds: MeasureKind.allCases.map { .init(value: $0.rawValue, label: $0.label, selected: $0.rawValue == (draft["kind"] ?? MeasureKind.timeBound.rawValue)) },
                draft: draft, errors: refused?.errors ?? [:])
        }
        return MeasureForms(newMeasure: newMeasure, leaderForms: leaderForms)
    }
}
