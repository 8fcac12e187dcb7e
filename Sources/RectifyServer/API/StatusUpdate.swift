import RectifyCore

/// Status changes requested through PATCH. Close-out states are reached only through the
/// close-out stages, and a closed item changes only through a look-back.
enum StatusUpdate {
    static func check(from current: String, to requested: RectificationStatus) throws {
        let from = RectificationStatus(rawValue: current) ?? .notStarted
        guard from != requested else { return }
        if requested == .closed || requested == .pendingCloseOut || from == .pendingCloseOut {
            throw RectifyError.conflict(code: "close_out_required",
                                        message: "销号须经单位自查、整改办审核、领导签批三个环节办理，不能直接修改状态")
        }
        if from == .closed {
            throw RectifyError.conflict(code: "closed_read_only", message: "已销号的事项不能修改，如需变更请通过“回头看”重新整改")
        }
        guard from.canMove(to: requested) else {
            throw RectifyError.illegalTransition(field: "status", from: from.label, to: requested.label)
        }
    }

    /// Refuses edits of a closed item.
    static func requireOpen(_ status: String) throws {
        if status == RectificationStatus.closed.rawValue {
            throw RectifyError.conflict(code: "closed_read_only", message: "已销号的事项不能修改，如需变更请通过“回头看”重新整改")
        }
    }
}
