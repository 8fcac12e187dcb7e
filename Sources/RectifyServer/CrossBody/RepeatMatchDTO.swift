import Foundation
import RectifyCore
import Vapor

/// A suggested or decided repeat, with both problems' texts and the earlier problem's close-out.
struct RepeatMatchDTO: Content {
    struct CloseOut: Content {
        var stage: CloseOutStage
        var stageLabel: String
        var signedBy: String
        var signedAt: Date?
        /// The day of the sign-off in China time (YYYY-MM-DD).
        var signedOn: String?
        var opinion: String
    }

    struct Side: Content {
        var problemId: UUID
        var inspectionId: UUID
        var roundTitle: String
        var feedbackDate: String?
        var label: String
        var title: String
        var description: String?
        var status: RectificationStatus
        var statusLabel: String
        var closeOut: CloseOut?
    }

    var id: UUID
    var bodyId: UUID
    var bodyName: String
    var similarityPercent: Int
    var state: RepeatMatchState
    var stateLabel: String
    var decidedBy: String?
    var decidedAt: Date?
    var version: Int
    var newProblem: Side
    var earlierProblem: Side

    static let sideSchema: SchemaType = .object([
        req("problemId", .uuid), req("inspectionId", .uuid), req("roundTitle", .string), opt("feedbackDate", .date), req("label", .string),
        req("title", .string), opt("description", .string), req("status", .enumeration(RectificationStatus.allCases.map(\.rawValue))),
        req("statusLabel", .string),
        opt("closeOut", .object([req("stage", .enumeration(CloseOutStage.allCases.map(\.rawValue))), req("stageLabel", .string),
                                 req("signedBy", .string, "签批人"), opt("signedAt", .dateTime), opt("signedOn", .date), req("opinion", .string)]),
            "前一轮问题的销号签批（最后一次通过的签批）"),
    ])

    static let schema: SchemaType = .object([
        req("id", .uuid), req("bodyId", .uuid), req("bodyName", .string), req("similarityPercent", .integer, "表述相似度（%）"),
        req("state", .enumeration(RepeatMatchState.allCases.map(\.rawValue))), req("stateLabel", .string), opt("decidedBy", .string),
        opt("decidedAt", .dateTime), req("version", .integer), req("newProblem", sideSchema, "本轮问题"),
        req("earlierProblem", sideSchema, "此前轮次的问题"),
    ])
}
