import Foundation
import Testing
@testable import RectifyCore

/// The transition tables of the ledger's state machines, stated explicitly, plus the properties
/// the server relies on (close-out only through pending review, closed only reopens, terminal states).
@Suite struct RectificationStatusTests {
    typealias S = RectificationStatus

    static let expected: [S: Set<S>] = [
        .notStarted: [.inProgress, .basicallyCompleted, .pendingCloseOut],
        .inProgress: [.basicallyCompleted, .pendingCloseOut],
        .basicallyCompleted: [.inProgress, .pendingCloseOut],
        .pendingCloseOut: [.closed, .inProgress, .basicallyCompleted],
        .closed: [.reopened],
        .reopened: [.inProgress, .basicallyCompleted, .pendingCloseOut],
    ]

    @Test(arguments: RectificationStatus.allCases)
    func transitionTableMatchesTheSpecification(_ status: RectificationStatus) {
        #expect(status.allowedNext == Self.expected[status])
        for next in S.allCases {
            #expect(status.canMove(to: next) == (Self.expected[status]?.contains(next) ?? false), "\(status) → \(next)")
        }
    }

    @Test func noStateMovesToItselfOrBackToNotStarted() {
        for status in S.allCases {
            #expect(!status.canMove(to: status), "\(status) → itself")
            #expect(!status.canMove(to: .notStarted), "\(status) → not_started")
        }
    }

    @Test func closedIsReachedOnlyFromPendingCloseOutAndLeftOnlyByReopening() {
        let intoClosed = S.allCases.filter { $0.canMove(to: .closed) }
        #expect(intoClosed == [.pendingCloseOut])
        #expect(S.closed.allowedNext == [.reopened])
        let intoReopened = S.allCases.filter { $0.canMove(to: .reopened) }
        #expect(intoReopened == [.closed])
    }

    @Test func everyOpenStateCanStillReachClosed() {
        for start in S.allCases where start != .closed {
            var seen: Set<S> = [start]
            var frontier = [start]
            while let next = frontier.popLast() {
                for target in next.allowedNext where seen.insert(target).inserted { frontier.append(target) }
            }
            #expect(seen.contains(.closed), "\(start) cannot reach closed")
        }
    }

    @Test func onlyClosedCountsAsCompletedAndEverythingElseIsOpen() {
        for status in S.allCases {
            #expect(status.isCompleted == (status == .closed))
            #expect(status.isOpen == (status != .closed))
        }
    }

    @Test func rawValuesAndLabelsAreStable() {
        #expect(S.allCases.map(\.rawValue) == ["not_started", "in_progress", "basically_completed", "pending_close_out",
                                               "closed", "reopened"])
        #expect(S.closed.label == "已完成整改")
        #expect(S.inProgress.label == "正在整改")
        #expect(Set(S.allCases.map(\.label)).count == S.allCases.count)
    }

    @Test func decodesFromItsRawValueAndRefusesOthers() throws {
        let decoded = try JSONDecoder().decode([S].self, from: Data(#"["pending_close_out","reopened"]"#.utf8))
        #expect(decoded == [.pendingCloseOut, .reopened])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([S].self, from: Data(#"["done"]"#.utf8)) }
    }
}

@Suite struct ReviewStateTests {
    @Test func submittedIsReviewedReturnedIsResubmittedApprovedIsFinal() {
        #expect(ReviewState.submitted.allowedNext == [.approved, .returned])
        #expect(ReviewState.returned.allowedNext == [.submitted])
        #expect(ReviewState.approved.allowedNext.isEmpty)
    }

    @Test func aReturnedReportMustBeResubmittedBeforeApproval() {
        #expect(!ReviewState.returned.allowedNext.contains(.approved))
        #expect(!ReviewState.submitted.allowedNext.contains(.submitted))
    }
}

@Suite struct NoticeStateTests {
    @Test func noticesMoveForwardOnlyAndClosedIsFinal() {
        #expect(NoticeState.issued.allowedNext == [.read, .replied, .closed])
        #expect(NoticeState.read.allowedNext == [.replied, .closed])
        #expect(NoticeState.replied.allowedNext == [.closed])
        #expect(NoticeState.closed.allowedNext.isEmpty)
    }

    @Test func noStateGoesBackToIssued() {
        for state in NoticeState.allCases {
            #expect(!state.allowedNext.contains(.issued))
            #expect(!state.allowedNext.contains(state))
        }
    }
}

@Suite struct FeedbackStateTests {
    @Test func feedbackTransitions() {
        #expect(FeedbackState.received.allowedNext == [.handling, .replied, .closed])
        #expect(FeedbackState.handling.allowedNext == [.replied, .closed])
        #expect(FeedbackState.replied.allowedNext == [.closed, .handling])
        #expect(FeedbackState.closed.allowedNext.isEmpty)
        for state in FeedbackState.allCases { #expect(!state.allowedNext.contains(.received)) }
    }
}

@Suite struct CloseOutStageTests {
    @Test func stagesRunSelfCheckThenOfficeReviewThenLeaderSignOff() {
        #expect(CloseOutStage.selfCheck.next == .officeReview)
        #expect(CloseOutStage.officeReview.next == .leaderSignOff)
        #expect(CloseOutStage.leaderSignOff.next == nil)
        #expect(CloseOutStage.allCases == [.selfCheck, .officeReview, .leaderSignOff])
    }

    @Test func walkingNextVisitsEveryStageOnceFromSelfCheck() {
        var visited: [CloseOutStage] = []
        var stage: CloseOutStage? = .selfCheck
        while let current = stage, visited.count < 10 {
            visited.append(current)
            stage = current.next
        }
        #expect(visited == CloseOutStage.allCases)
    }

    @Test func decisionCodesAreApproveAndReturn() {
        #expect(CloseOutDecision.approve.rawValue == "approve")
        #expect(CloseOutDecision.returned.rawValue == "return")
        #expect(CloseOutStage.leaderSignOff.rawValue == "leader_sign_off")
    }
}
