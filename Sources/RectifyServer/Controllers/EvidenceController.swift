import Fluent
import RectifyCore
import Vapor

/// Evidence files (佐证材料) on progress reports: upload (multipart field `file`, or the raw bytes
/// with `?name=`), and download for whoever may see the report.
struct EvidenceController: RouteCollection {
    /// Who downloads evidence: whoever may see the report it is attached to.
    static let readAccess = Access.everyone

    static let operations: [APIOperation] = [
        APIOperation(method: "POST", path: "/progress-reports/{id}/evidence", summary: "上传佐证材料",
                     access: .roles(Access.reporters), request: .object([req("file", .string)]),
                     response: ProgressReportResource.evidenceSchema, status: 201, requestMediaType: "multipart/form-data"),
        APIOperation(method: "GET", path: "/evidence/{id}", summary: "下载佐证材料", access: .roles(readAccess),
                     request: nil, response: .string, status: 200, responseMediaType: "application/octet-stream"),
    ]

    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.POST, "progress-reports", ":id", "evidence", access: .roles(Access.reporters), use: upload)
        routes.endpoint(.GET, "evidence", ":id", access: .roles(Self.readAccess), use: download)
    }

    struct Upload: Content {
        var file: File
    }

    @Sendable
    func upload(_ req: Request) async throws -> Response {
        let access = try await req.access()
        guard let reportID = req.parameters.get("id", as: UUID.self) else { throw RectifyError.notFound("进展报告") }
        let limit = req.application.rectifyConfig.uploadLimitBytes
        let name: String
        let bytes: Data
        if req.headers.contentType?.type == "multipart" {
            let upload = try req.content.decode(Upload.self)
            name = upload.file.filename
            bytes = Data(buffer: upload.file.data)
        } else {
            guard let given = req.query[String.self, at: "name"].nonBlank else {
                throw RectifyError.invalid("name", "required", "请以 multipart 字段 file 上传，或在 ?name= 中给出文件名")
            }
            name = given
            bytes = req.body.data.map { Data(buffer: $0) } ?? Data()
        }
        if bytes.count > limit { throw RectifyError.payloadTooLarge(limitBytes: limit) }
        let dto = try await Self.store(name: name, bytes: bytes, reportID: reportID, access: access, on: req)
        let response = Response(status: .created)
        try response.content.encode(dto, as: .json)
        return response
    }

    /// Checks and stores one evidence file on a report the user may write, with its audit event.
    static func store(name: String, bytes: Data, reportID: UUID, access: AccessContext, on req: Request) async throws -> EvidenceDTO {
        let mediaType = try EvidenceType.check(name: name, bytes: bytes)
        return try await req.write { db, audit in
            try await store(name: name, bytes: bytes, mediaType: mediaType, reportID: reportID, access: access, in: db, audit: audit)
        }
    }

    /// Stores a checked file inside a transaction the caller holds.
    static func store(name: String, bytes: Data, mediaType: String, reportID: UUID, access: AccessContext,
                      in db: Database, audit: AuditTrail) async throws -> EvidenceDTO {
        let digest = SHA256Hex.of(bytes)
        let query = ProgressReport.query(on: db).filter(\.$id == reportID)
        try await ProgressReportResource.scope(query, access, on: db)
        guard let report = try await query.first() else { throw RectifyError.notFound("进展报告") }
        try await ProgressReportResource.authorizeWrite(report, access, on: db)
        if report.reviewState == ReviewState.approved.rawValue {
            throw RectifyError.conflict(code: "approved_read_only", message: "已审核通过的进展报告不能再添加佐证材料")
        }
        let file = EvidenceFile()
        file.progressReportID = reportID
        file.name = String(name.suffix(200))
        file.mediaType = mediaType
        file.size = Int64(bytes.count)
        file.sha256 = digest
        file.data = bytes
        try await file.create(on: db)
        let dto = try file.toDTO()
        try await audit.record("upload", entity: "evidence_file", id: dto.id.uuidString, after: dto)
        return dto
    }

    @Sendable
    func download(_ req: Request) async throws -> Response {
        let access = try await req.access()
        guard let id = req.parameters.get("id", as: UUID.self), let file = try await EvidenceFile.find(id, on: req.db) else {
            throw RectifyError.notFound("佐证材料")
        }
        let visible = ProgressReport.query(on: req.db).filter(\.$id == file.progressReportID)
        try await ProgressReportResource.scope(visible, access, on: req.db)
        guard try await visible.count() > 0 else { throw RectifyError.notFound("佐证材料") }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: file.mediaType)
        let encoded = file.name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "evidence"
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename*=UTF-8''\(encoded)")
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        return Response(status: .ok, headers: headers, body: .init(data: file.data))
    }
}

/// Which evidence files are accepted: by extension, confirmed by the file's first bytes, so a
/// renamed executable or HTML page is refused.
enum EvidenceType {
    private static let types: [String: (media: String, magic: [[UInt8]])] = [
        "pdf": ("application/pdf", [Array("%PDF".utf8)]),
        "png": ("image/png", [[0x89, 0x50, 0x4E, 0x47]]),
        "jpg": ("image/jpeg", [[0xFF, 0xD8, 0xFF]]),
        "jpeg": ("image/jpeg", [[0xFF, 0xD8, 0xFF]]),
        "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", [[0x50, 0x4B, 0x03, 0x04]]),
        "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [[0x50, 0x4B, 0x03, 0x04]]),
        "ofd": ("application/ofd", [[0x50, 0x4B, 0x03, 0x04]]),
        "zip": ("application/zip", [[0x50, 0x4B, 0x03, 0x04]]),
        "doc": ("application/msword", [[0xD0, 0xCF, 0x11, 0xE0]]),
        "xls": ("application/vnd.ms-excel", [[0xD0, 0xCF, 0x11, 0xE0]]),
        "txt": ("text/plain; charset=utf-8", []),
    ]

    static var allowedExtensions: [String] { types.keys.sorted() }

    static func check(name: String, bytes: Data) throws -> String {
        if name.contains("/") || name.contains("\\") || name.contains("\0") {
            throw RectifyError.invalid("file", "invalid_name", "文件名不能包含路径分隔符")
        }
        let ext = name.split(separator: ".").last.map { $0.lowercased() } ?? ""
        guard name.contains("."), let type = types[ext] else {
            throw RectifyError.invalid("file", "unsupported_type",
                                       "不支持该文件类型，可上传：\(allowedExtensions.joined(separator: "、"))")
        }
        if bytes.isEmpty { throw RectifyError.invalid("file", "empty", "文件为空") }
        if ext == "txt" {
            guard !bytes.contains(0), String(data: bytes, encoding: .utf8) != nil else {
                throw RectifyError.invalid("file", "content_mismatch", "文本文件应为 UTF-8 编码的纯文本")
            }
        } else if !type.magic.contains(where: { bytes.starts(with: $0) }) {
            throw RectifyError.invalid("file", "content_mismatch", "文件内容与扩展名 .\(ext) 不符")
        }
        return type.media
    }
}
