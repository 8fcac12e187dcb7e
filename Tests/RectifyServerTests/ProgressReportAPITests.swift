import Fluent
import Foundation
import RectifyCore
@testable import RectifyServer
import Testing
import Vapor
import VaporTesting

extension ServerTests {
    @Suite struct ProgressReportAPITests {
        @Test func reportSetsMeasureProgressAndStartsIt() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let problem = try await ledger.problem(try await ledger.inspection().id)
                let measure = try await ledger.measure(problem.id)

                let report = try await ledger.report(measure.id, progress: 40)
                #expect(report.reviewState == .submitted)
                #expect(report.progress == 40)
                #expect(report.reportDate == Day(iso: "2024-03-15"))
                #expect(report.reporterName == "reporterA")
                #expect(report.version == 1)

                let after = try await ledger.getMeasure(measure.id)
                #expect(after.progress == 40)
                #expect(after.status == .inProgress)
                #expect(after.lastReportedOn == Day(iso: "2024-03-15"))
                #expect(after.version == 2)

                let listed = try await app.send(.GET, "/api/v1/progress-reports?measureId=\(measure.id)&reviewState=submitted",
                                                token: ledger.fx.token("office"))
                #expect(listed.total == 1)
                let fetched = try await app.send(.GET, "/api/v1/progress-reports/\(report.id)", token: ledger.fx.token("reporterA"))
                #expect(try fetched.dto(ProgressReportDTO.self) == report)
            }
        }

        /// The access of a fixture user, as a request of theirs would load it.
        private func access(_ app: Application, _ username: String) async throws -> AccessContext {
            let user = try #require(try await User.query(on: app.db).filter(\.$username == username).first())
            return try await AccessContext.load(for: user, now: fixedNow) { role, organization in
                try await AccessContext.scope(role: role, organization: organization, on: app.db)
            }
        }

        private func measureEvents(_ app: Application, _ fx: Fixture, _ id: UUID) async throws -> [[String: Any]] {
            try await app.send(.GET, "/api/v1/audit?entity=measure&entityId=\(id)&order=asc", token: fx.token("supervisor")).items()
        }

        private func json(_ event: [String: Any], _ key: String) throws -> [String: Any] {
            let text = try #require(event[key] as? String)
            return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        }

        @Test func reportCheckedBeforeTheWriteIsWrittenOnlyIfTheMeasureIsUnchanged() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let fx = ledger.fx
                let problem = try await ledger.problem(try await ledger.inspection().id)
                let measure = try await ledger.measure(problem.id, extra: ["supportingUnitIds": [fx.unitB]])
                let reporter = try await access(app, "reporterA")
                let input = ProgressReportResource.CreateInput(measureId: measure.id, reportDate: nil, text: "完成初稿", progress: 60)

                // A measure not yet started is left to the write, whose save records the first status change.
                #expect(try await ProgressReportResource.prepare(input, reporter, on: app.db).checked == nil)
                _ = try await ledger.report(measure.id, progress: 20)
                let prepared = try await ProgressReportResource.prepare(input, reporter, on: app.db)
                #expect(prepared.checked?.before.version == 2)
                // Input the write would refuse is not prepared: the write reports all of its errors.
                var unrelated = input
                unrelated.measureId = UUID()
                #expect(try await ProgressReportResource.prepare(unrelated, reporter, on: app.db).checked == nil)
                // It sees what the write would: the supporting unit's reporter may report too.
                #expect(try await ProgressReportResource.prepare(input, try await access(app, "reporterB"), on: app.db).checked != nil)

                // Another write changes the measure after the report was checked: the report is
                // applied to the measure as that write left it.
                let edit = try await app.send(.PATCH, "/api/v1/measures/\(measure.id)", token: fx.token("office"),
                                              body: ["text": "调整后的措施"], headers: ifMatch(2))
                #expect(edit.status == .ok)
                try await app.db.ledgerWrite(actor: .cli(), now: fixedNow) { db, audit in
                    _ = try await ResourceController<ProgressReportResource>.create(prepared, access: reporter, in: db, audit: audit)
                }
                let after = try await ledger.getMeasure(measure.id)
                #expect(after.progress == 60)
                #expect(after.version == 4)
                #expect(after.text == "调整后的措施")
                #expect(after.status == .inProgress)
                #expect(after.supportingUnitIds == [fx.unitB])

                // Checked before the unit submitted it for close-out, the report is refused and nothing of it kept.
                let late = try await ProgressReportResource.prepare(input, reporter, on: app.db)
                #expect(late.checked?.before.version == 4)
                _ = try await ledger.report(measure.id, progress: 100)
                let selfCheck = try await ledger.closeOut(measure: measure.id, stage: "self_check", token: "reporterA")
                #expect(selfCheck.status == .created)
                let reports = try await ProgressReport.query(on: app.db).count()
                let events = try await app.auditTotal(fx)
                let refusal = await #expect(throws: RectifyError.self) {
                    try await app.db.ledgerWrite(actor: .cli(), now: fixedNow) { db, audit in
                        _ = try await ResourceController<ProgressReportResource>.create(late, access: reporter, in: db, audit: audit)
                    }
                }
                #expect(refusal?.code == "close_out_pending")
                #expect(try await ProgressReport.query(on: app.db).count() == reports)
                #expect(try await app.auditTotal(fx) == events)

                // Checked before the measure was deleted, the report names the measure as unknown.
                let spare = try await ledger.measure(problem.id, text: "完善监督台账")
                let started = try await app.send(.PATCH, "/api/v1/measures/\(spare.id)", token: fx.token("office"),
                                                 body: ["status": "in_progress"], headers: ifMatch(1))
                try #require(started.status == .ok)
                var orphanInput = input
                orphanInput.measureId = spare.id
                let orphan = try await ProgressReportResource.prepare(orphanInput, reporter, on: app.db)
                #expect(orphan.checked != nil)
                let deleted = try await app.send(.DELETE, "/api/v1/measures/\(spare.id)", token: fx.token("office"), headers: ifMatch(2))
                try #require(deleted.status == .noContent)
                let unknown = await #expect(throws: RectifyError.self) {
                    try await app.db.ledgerWrite(actor: .cli(), now: fixedNow) { db, audit in
                        _ = try await ResourceController<ProgressReportResource>.create(orphan, access: reporter, in: db, audit: audit)
                    }
                }
                #expect(unknown?.fields.map(\.code) == ["unknown_reference"])
                #expect(try await ProgressReport.query(on: app.db).count() == reports)

                // Each event's before is the measure as the previous write left it.
                let history = try await measureEvents(app, fx, measure.id)
                #expect(history.compactMap { $0["action"] as? String }
                    == ["create", "report_progress", "update", "report_progress", "report_progress", "close_out"])
                for (previous, next) in zip(history, history.dropFirst()) {
                    #expect(try json(next, "before")["version"] as? Int == json(previous, "after")["version"] as? Int)
                    #expect(try json(next, "before")["text"] as? String == json(previous, "after")["text"] as? String)
                }
                let reported = try json(history[4], "after")
                #expect(reported["progress"] as? Int == 100)
                #expect(reported["supportingUnitIds"] as? [String] == [fx.unitB.uuidString])
                // Statuses kept: not started when created, in progress from the first report, then awaiting close-out.
                #expect(try await StatusChangeRecord.query(on: app.db).filter(\.$measureID == measure.id).count() == 3)
                #expect(try await AuditVerifier.verify(on: app.db).fault == nil)
            }
        }

        @Test func officeApprovesOrReturnsWithOpinion() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let fx = ledger.fx
                let problem = try await ledger.problem(try await ledger.inspection().id)
                let measure = try await ledger.measure(problem.id)
                let first = try await ledger.report(measure.id, progress: 30)

                let byReporter = try await app.send(.PATCH, "/api/v1/progress-reports/\(first.id)", token: fx.token("reporterA"),
                                                    body: ["reviewState": "approved"], headers: ifMatch(1))
                #expect(byReporter.status == .forbidden)

                let approved = try await app.send(.PATCH, "/api/v1/progress-reports/\(first.id)", token: fx.token("office"),
                                                  body: ["reviewState": "approved"], headers: ifMatch(1))
                #expect(approved.status == .ok)
                let approvedDTO = try approved.dto(ProgressReportDTO.self)
                #expect(approvedDTO.reviewState == .approved)
                #expect(approvedDTO.reviewOpinion == "同意")
                #expect(approvedDTO.reviewedAt == fixedNow)
                #expect(approvedDTO.version == 2)

                let editApproved = try await app.send(.PATCH, "/api/v1/progress-reports/\(first.id)", token: fx.token("reporterA"),
                                                      body: ["text": "改写"], headers: ifMatch(2))
                #expect(editApproved.status == .conflict)
                #expect(editApproved.errorCode == "approved_read_only")

                let second = try await ledger.report(measure.id, progress: 50)
                let noOpinion = try await app.send(.PATCH, "/api/v1/progress-reports/\(second.id)", token: fx.token("office"),
                                                   body: ["reviewState": "returned"], headers: ifMatch(1))
                #expect(noOpinion.status == .unprocessableEntity)
                #expect(noOpinion.errorFields == ["reviewOpinion"])

                let returned = try await app.send(.PATCH, "/api/v1/progress-reports/\(second.id)", token: fx.token("office"),
                                                  body: ["reviewState": "returned", "reviewOpinion": "佐证材料不全"], headers: ifMatch(1))
                #expect(returned.status == .ok)
                #expect(try returned.dto(ProgressReportDTO.self).reviewState == .returned)

                // Returned → approved directly is illegal; the unit corrects and resubmits first.
                let skip = try await app.send(.PATCH, "/api/v1/progress-reports/\(second.id)", token: fx.token("office"),
                                              body: ["reviewState": "approved"], headers: ifMatch(2))
                #expect(skip.status == .unprocessableEntity)
                #expect(skip.errorCode == "illegal_transition")

                let corrected = try await app.send(.PATCH, "/api/v1/progress-reports/\(second.id)", token: fx.token("reporterA"),
                                                   body: ["text": "已补充会议纪要", "progress": 60], headers: ifMatch(2))
                #expect(corrected.status == .ok)
                let correctedDTO = try corrected.dto(ProgressReportDTO.self)
                #expect(correctedDTO.reviewState == .submitted)
                #expect(correctedDTO.progress == 60)
                #expect(try await ledger.getMeasure(measure.id).progress == 60)
            }
        }

        @Test func reportValidationProgressRangeFutureDateAndMissingFields() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let problem = try await ledger.problem(try await ledger.inspection().id)
                let measure = try await ledger.measure(problem.id)
                let tooMuch = try await app.send(.POST, "/api/v1/progress-reports", token: ledger.fx.token("reporterA"),
                                                 body: ["measureId": measure.id, "text": "超额", "progress": 101])
                #expect(tooMuch.status == .unprocessableEntity)
                #expect(tooMuch.errorFields == ["progress"])
                #expect(tooMuch.errorFieldCodes == ["out_of_range"])

                let future = try await app.send(.POST, "/api/v1/progress-reports", token: ledger.fx.token("reporterA"),
                                                body: ["measureId": measure.id, "text": "提前", "progress": 10, "reportDate": "2024-03-16"])
                #expect(future.status == .unprocessableEntity)
                #expect(future.errorFields == ["reportDate"])

                let empty = try await app.send(.POST, "/api/v1/progress-reports", token: ledger.fx.token("reporterA"), body: [:])
                #expect(empty.status == .unprocessableEntity)
                #expect(Set(empty.errorFields) == ["measureId", "text", "progress"])
                #expect(try await ledger.getMeasure(measure.id).status == .notStarted)
            }
        }
    }

    @Suite struct EvidenceAPITests {
        static let pdf = Data("%PDF-1.4\n% Rectify test evidence\n".utf8)
        static let pdfSHA256 = "d378a9bd8833905174d344cf7dc0079b3561384bfbaf1d1d93a5ede65a5d69d8"
        static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array("rectify".utf8))
        static let pngSHA256 = "591cff33db12ed5b5b42e03b44e4eadf689463a2c7024a18f5c93cff03ffcfaf"

        @Test func multipartUploadThenDownloadReturnsSameBytesAndHash() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let problem = try await ledger.problem(try await ledger.inspection().id)
                let report = try await ledger.report(try await ledger.measure(problem.id).id, progress: 20)

                let upload = try await app.sendMultipart("/api/v1/progress-reports/\(report.id)/evidence",
                                                         token: ledger.fx.token("reporterA"), filename: "会议纪要.pdf", bytes: Self.pdf)
                #expect(upload.status == .created)
                let evidence = try upload.dto(EvidenceDTO.self)
                #expect(evidence.name == "会议纪要.pdf")
                #expect(evidence.mediaType == "application/pdf")
                #expect(evidence.size == Int64(Self.pdf.count))
                #expect(evidence.sha256 == Self.pdfSHA256)
                #expect(evidence.progressReportId == report.id)

                let download = try await app.send(.GET, "/api/v1/evidence/\(evidence.id)", token: ledger.fx.token("office"))
                #expect(download.status == .ok)
                #expect(Data(buffer: download.body) == Self.pdf)
                #expect(download.headers.contentType?.description.hasPrefix("application/pdf") == true)
                #expect(download.headers.first(name: "X-Content-Type-Options") == "nosniff")

                let withReport = try await app.send(.GET, "/api/v1/progress-reports/\(report.id)", token: ledger.fx.token("office"))
                #expect(try withReport.dto(ProgressReportDTO.self).evidence.map(\.id) == [evidence.id])
            }
        }

        @Test func rawUploadWithNameQueryThenDownload() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let problem = try await ledger.problem(try await ledger.inspection().id)
                let report = try await ledger.report(try await ledger.measure(problem.id).id, progress: 20)

                let upload = try await app.sendBytes(.POST, "/api/v1/progress-reports/\(report.id)/evidence?name=photo.png",
                                                     token: ledger.fx.token("reporterA"), bytes: Self.png)
                #expect(upload.status == .created)
                let evidence = try upload.dto(EvidenceDTO.self)
                #expect(evidence.name == "photo.png")
                #expect(evidence.mediaType == "image/png")
                #expect(evidence.sha256 == Self.pngSHA256)

                let download = try await app.send(.GET, "/api/v1/evidence/\(evidence.id)", token: ledger.fx.token("reporterA"))
                #expect(Data(buffer: download.body) == Self.png)

                // Another unit's reporter cannot see it.
                let other = try await app.send(.GET, "/api/v1/evidence/\(evidence.id)", token: ledger.fx.token("reporterB"))
                #expect(other.status == .notFound)

                let noName = try await app.sendBytes(.POST, "/api/v1/progress-reports/\(report.id)/evidence",
                                                     token: ledger.fx.token("reporterA"), bytes: Self.png)
                #expect(noName.status == .unprocessableEntity)
                #expect(noName.errorFields == ["name"])
            }
        }

        @Test func fileWhoseBytesDoNotMatchItsExtensionIsRefused() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let problem = try await ledger.problem(try await ledger.inspection().id)
                let report = try await ledger.report(try await ledger.measure(problem.id).id, progress: 20)
                let fake = try await app.sendMultipart("/api/v1/progress-reports/\(report.id)/evidence",
                                                       token: ledger.fx.token("reporterA"), filename: "invoice.pdf",
                                                       bytes: Data("<html><script>alert(1)</script></html>".utf8))
                #expect(fake.status == .unprocessableEntity)
                #expect(fake.errorFields == ["file"])
                #expect(fake.errorFieldCodes == ["content_mismatch"])

                let exe = try await app.sendBytes(.POST, "/api/v1/progress-reports/\(report.id)/evidence?name=tool.exe",
                                                  token: ledger.fx.token("reporterA"), bytes: Data("MZ".utf8))
                #expect(exe.status == .unprocessableEntity)
                #expect(exe.errorFieldCodes == ["unsupported_type"])

                let reportNow = try await app.send(.GET, "/api/v1/progress-reports/\(report.id)", token: ledger.fx.token("office"))
                #expect(try reportNow.dto(ProgressReportDTO.self).evidence.isEmpty)
            }
        }

        @Test func uploadOverTheLimitIs413() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let problem = try await ledger.problem(try await ledger.inspection().id)
                let report = try await ledger.report(try await ledger.measure(problem.id).id, progress: 20)
                var big = Self.pdf
                big.append(Data(repeating: 0x20, count: 2 * 1_048_576))
                let raw = try await app.sendBytes(.POST, "/api/v1/progress-reports/\(report.id)/evidence?name=big.pdf",
                                                  token: ledger.fx.token("reporterA"), bytes: big)
                #expect(raw.status == .payloadTooLarge)
                let multipart = try await app.sendMultipart("/api/v1/progress-reports/\(report.id)/evidence",
                                                            token: ledger.fx.token("reporterA"), filename: "big.pdf", bytes: big)
                #expect(multipart.status == .payloadTooLarge)
            }
        }

        @Test func approvedReportTakesNoMoreEvidence() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let problem = try await ledger.problem(try await ledger.inspection().id)
                let report = try await ledger.report(try await ledger.measure(problem.id).id, progress: 20)
                let approve = try await app.send(.PATCH, "/api/v1/progress-reports/\(report.id)", token: ledger.fx.token("office"),
                                                 body: ["reviewState": "approved"], headers: ifMatch(1))
                #expect(approve.status == .ok)
                let upload = try await app.sendMultipart("/api/v1/progress-reports/\(report.id)/evidence",
                                                         token: ledger.fx.token("reporterA"), filename: "late.pdf", bytes: Self.pdf)
                #expect(upload.status == .conflict)
                #expect(upload.errorCode == "approved_read_only")
            }
        }
    }
}
