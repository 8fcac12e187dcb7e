import Fluent
import RectifyCore
import Vapor

/// `POST /api/v1/imports`: upload a published report (.txt, .docx, .html); `?dryRun=true` shows
/// what was read and the check's findings without writing; otherwise everything is written in one
/// transaction or nothing.
struct ImportController: RouteCollection {
    struct Upload: Content {
        var file: File
    }

    static let operations: [APIOperation] = [
        APIOperation(method: "POST", path: "/imports", summary: "导入已公布的整改进展报告（可先试导入）", access: .roles(Access.ledgerWriters),
                     request: .object([req("file", .string, "报告文件：.txt（UTF-8 或 GB18030）、.docx、.html")]),
                     response: .object([req("dryRun", .boolean), req("fileName", .string), req("format", .string),
                                        req("problemsRead", .integer), req("measuresRead", .integer),
                                        req("problemsBySource", .freeObject), req("findings", .array(.freeObject), "检查发现的问题"),
                                        req("unchecked", .array(.freeObject), "未能核对：所需数字未从正文读出的检查"),
                                        opt("imported", .freeObject, "写入结果：inspectionId、problemsCreated、measuresCreated")]),
                     status: 200, requestMediaType: "multipart/form-data",
                     query: [("dryRun", "true 为试导入，只读取和检查"), ("inspectedBodyId", "导入到已有的被巡察单位"),
                             ("title", "巡察轮次名称"), ("name", "以原始字节上传时的文件名")]),
        APIOperation(method: "POST", path: "/imports/ledger", summary: "导入整改台账（Excel）到巡察轮次（可先试导入）",
                     access: .roles(Access.ledgerWriters), request: .object([req("file", .string, ".xlsx 整改台账")]),
                     response: .object([req("dryRun", .boolean), req("problems", .integer), req("measures", .integer),
                                        req("newUnits", .array(.string), "将新建的单位"), req("newPeople", .array(.string), "将新建的人员")]),
                     status: 200, requestMediaType: "multipart/form-data",
                     query: [("inspectionId", "导入到的巡察轮次（必填）"), ("dryRun", "true 为试导入"), ("name", "以原始字节上传时的文件名")]),
        APIOperation(method: "POST", path: "/checks", summary: "检查一份整改进展报告（不导入）", access: .roles(Access.ledgerReaders),
                     request: .object([req("file", .string)]),
                     response: .object([req("report", .freeObject), req("findings", .array(.freeObject)),
                                        req("unchecked", .array(.freeObject), "未能核对：所需数字未从正文读出的检查")]), status: 200,
                     requestMediaType: "multipart/form-data", query: [("name", "以原始字节上传时的文件名")]),
    ]

    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.POST, "imports", access: .roles(Access.ledgerWriters), heavy: true, use: importReport)
        routes.endpoint(.POST, "checks", access: .roles(Access.ledgerReaders), heavy: true, use: check)
        routes.endpoint(.POST, "imports", "ledger", access: .roles(Access.ledgerWriters), heavy: true, use: importLedger)
    }

    private func upload(_ req: Request) throws -> (Data, String) {
        if req.headers.contentType?.type == "multipart" {
            let file = try req.content.decode(Upload.self).file
            return (Data(buffer: file.data), file.filename)
        }
        guard let name = req.query[String.self, at: "name"].nonBlank else {
            throw RectifyError.invalid("name", "required", "请以 multipart 字段 file 上传，或在 ?name= 中给出文件名")
        }
        return (req.body.data.map { Data(buffer: $0) } ?? Data(), name)
    }

    @Sendable
    func importReport(_ req: Request) async throws -> ReportImport.Outcome {
        let access = try await req.access()
        let (data, name) = try upload(req)
        let dryRun = req.query[String.self, at: "dryRun"].map { $0 == "true" || $0 == "1" } ?? false
        var bodyID: UUID?
        if let text = req.query[String.self, at: "inspectedBodyId"].nonBlank {
            let id = try ResourceFilter<Organization>.parseUUID(text, "inspectedBodyId")
            // An office imports into its own body only (`ScopeRule`).
            if !access.role.readsAllBodies, id != access.bodyID {
                throw RectifyError.invalid("inspectedBodyId", "unknown_reference", "所选单位不存在或不属于本单位")
            }
            bodyID = id
        } else if access.role != .admin {
            bodyID = access.bodyID
        }
        return try await ReportImport.run(data, fileName: name, dryRun: dryRun, inspectedBodyID: bodyID,
                                          title: req.query[String.self, at: "title"].nonBlank,
                                          limits: req.application.rectifyConfig.uploadLimits, on: req.db,
                                          actor: req.auditActor, now: req.application.clock.now())
    }

    @Sendable
    func importLedger(_ req: Request) async throws -> LedgerImport.Outcome {
        let access = try await req.access()
        let (data, _) = try upload(req)
        guard let text = req.query[String.self, at: "inspectionId"].nonBlank else {
            throw RectifyError.invalid("inspectionId", "required", "请指定导入到的巡察轮次（inspectionId）")
        }
        let inspection = try await Lookup.inspection(try ResourceFilter<Inspection>.parseUUID(text, "inspectionId"),
                                                     field: "inspectionId", access: access, on: req.db)
        try await InspectionResource.authorizeWrite(inspection, access, on: req.db)
        let dryRun = req.query[String.self, at: "dryRun"].map { $0 == "true" || $0 == "1" } ?? false
        return try await LedgerImport.run(data, inspection: inspection, dryRun: dryRun,
                                          limits: req.application.rectifyConfig.uploadLimits, actor: req.auditActor,
                                          now: req.application.clock.now(), on: req.db)
    }

    @Sendable
    func check(_ req: Request) async throws -> ReportAnalysis {
        let (data, name) = try upload(req)
        let (report, check) = try await ReportImport.read(data, fileName: name, limits: req.application.rectifyConfig.uploadLimits)
        return ReportAnalysis(report: report, findings: check.findings, unchecked: check.unchecked)
    }
}

extension ReportAnalysis: Content {}
