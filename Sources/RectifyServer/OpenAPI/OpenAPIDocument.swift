import Foundation
import RectifyCore

/// Builds the OpenAPI 3.1 document of `/api/v1` from the resource table and the other operations,
/// so the document and the routes come from the same declarations.
enum OpenAPIDocument {
    static func build(resources: [ResourceEntry], operations: [APIOperation]) -> JSONValue {
        var paths: [String: [String: JSONValue]] = [:]
        var schemas: [String: JSONValue] = [
            "Error": .object(["type": "object", "required": ["error"], "properties": ["error": [
                "type": "object", "required": ["code", "message", "fields"],
                "properties": ["code": ["type": "string"], "message": ["type": "string"],
                               "fields": ["type": "array", "items": [
                                   "type": "object", "required": ["field", "code", "message"],
                                   "properties": ["field": ["type": "string"], "code": ["type": "string"],
                                                  "message": ["type": "string"]]]]]]]]),
        ]
        let pagingParameters: [JSONValue] = [
            ["name": "page", "in": "query", "schema": ["type": "integer", "minimum": 1, "maximum": .int(ListParameters.maxPage)]],
            ["name": "per", "in": "query", "schema": ["type": "integer", "minimum": 1, "maximum": .int(Page<String>.maxPer)]],
        ]
        for entry in resources {
            let name = entry.schema.name
            schemas[name] = SchemaProperty.objectJSON(entry.schema.dto)
            schemas[name + "Create"] = SchemaProperty.objectJSON(entry.schema.create, writable: true)
            var page = [req("items", .array(.ref(name))), req("page", .integer), req("per", .integer), req("total", .integer)]
            if entry.keyset { page.append(opt("next", .uuid, "下一页的 after 参数（本页最后一条记录的编号）；已是最后一页时不返回")) }
            schemas[name + "Page"] = SchemaProperty.objectJSON(page)
            let collection = "/\(entry.path)"
            let item = "/\(entry.path)/{id}"
            var listParameters = pagingParameters
            if entry.keyset {
                listParameters.append(["name": "after", "in": "query", "schema": ["type": "string", "format": "uuid"],
                                       "description": "上一页返回的 next：取其后的一页，不能与 page 同用"])
            }
            listParameters.append(["name": "sort", "in": "query", "schema": ["type": "string"],
                                   "description": .string("排序字段，前加 - 为降序：\(entry.sorts.joined(separator: ", "))")])
            for filter in entry.filters {
                listParameters.append(["name": .string(filter.name), "in": "query", "schema": ["type": "string"],
                                       "description": .string(filter.summary)])
            }
            paths[collection, default: [:]]["get"] = operation(
                "列出\(entry.label)", id: "list_\(entry.path)", access: .roles(entry.readAccess),
                parameters: listParameters, request: nil, response: .ref(name + "Page"), status: 200)
            paths[collection, default: [:]]["post"] = operation(
                "新建\(entry.label)", id: "create_\(entry.path)", access: entry.publicCreate ? .anyone : .roles(entry.createAccess),
                parameters: [], request: .ref(name + "Create"), response: .ref(name), status: 201)
            paths[item, default: [:]]["get"] = operation(
                "查看\(entry.label)", id: "get_\(entry.path)", access: .roles(entry.readAccess),
                parameters: [idParameter], request: nil, response: .ref(name), status: 200)
            if entry.updatable {
                schemas[name + "Update"] = SchemaProperty.objectJSON(entry.schema.update, writable: true)
                paths[item, default: [:]]["patch"] = operation(
                    "修改\(entry.label)", id: "update_\(entry.path)", access: .roles(entry.writeAccess),
                    parameters: [idParameter, ifMatch], request: .ref(name + "Update"), response: .ref(name), status: 200)
            }
            if entry.deletable {
                paths[item, default: [:]]["delete"] = operation(
                    "删除\(entry.label)", id: "delete_\(entry.path)", access: .roles(entry.writeAccess),
                    parameters: [idParameter, ifMatch], request: nil, response: nil, status: 204)
            }
        }
        for op in operations {
            var parameters: [JSONValue] = op.path.contains("{id}") ? [idParameter] : []
            for (name, summary) in op.query {
                // Paging parameters are integers within the same bounds as on every list.
                let schema: JSONValue = switch name {
                case "page": ["type": "integer", "minimum": 1, "maximum": .int(ListParameters.maxPage)]
                case "per": ["type": "integer", "minimum": 1, "maximum": .int(Page<String>.maxPer)]
                default: ["type": "string"]
                }
                parameters.append(["name": .string(name), "in": "query", "schema": schema, "description": .string(summary)])
            }
            if op.query.contains(where: { $0.0 == "page" }) == false, op.response.map(isPage) ?? false {
                parameters += pagingParameters
            }
            let opID = op.method.lowercased() + op.path.replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "{", with: "").replacingOccurrences(of: "}", with: "")
                .replacingOccurrences(of: "-", with: "_")
            paths[op.path, default: [:]][op.method.lowercased()] = operation(
                op.summary, id: opID, access: op.access, parameters: parameters, request: op.request,
                response: op.response, status: op.status, requestMediaType: op.requestMediaType,
                responseMediaType: op.responseMediaType)
        }
        return [
            "openapi": "3.1.0",
            "info": ["title": "Rectify 巡察整改督办平台 API", "version": "1.0.0",
                     "description": "整改台账、进展填报、销号、登记簿与审计日志的接口。除登录、公众意见和本文档外，均需以 Bearer 令牌或会话登录访问。"],
            "servers": [["url": "/api/v1"]],
            "components": .object([
                "schemas": .object(schemas),
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"],
                                    "session": ["type": "apiKey", "in": "cookie", "name": "rectify_session"]],
            ]),
            "paths": .object(paths.mapValues { .object($0) }),
        ]
    }

    private static func isPage(_ type: SchemaType) -> Bool {
        if case .ref(let name) = type { return name.hasSuffix("Page") }
        return false
    }

    private static let idParameter: JSONValue = ["name": "id", "in": "path", "required": true,
                                                 "schema": ["type": "string", "format": "uuid"]]
    private static let ifMatch: JSONValue = ["name": "If-Match", "in": "header", "required": false,
                                             "schema": ["type": "string"],
                                             "description": "记录的 ETag（版本号），也可在请求体中给出 version"]

    private static func operation(_ summary: String, id: String, access: RouteAccess, parameters: [JSONValue],
                                  request: SchemaType?, response: SchemaType?, status: Int,
                                  requestMediaType: String = "application/json",
                                  responseMediaType: String = "application/json") -> JSONValue {
        var op: JSONValue = ["summary": .string(summary), "operationId": .string(id)]
        switch access {
        case .anyone:
            op["security"] = []
        case .roles(let roles):
            op["security"] = [["bearer": []], ["session": []]]
            op["x-roles"] = .array(roles.map(\.rawValue).sorted().map(JSONValue.string))
        }
        if !parameters.isEmpty { op["parameters"] = .array(parameters) }
        if let request {
            op["requestBody"] = ["required": true, "content": .object([requestMediaType: ["schema": request.json]])]
        }
        let errorBody: JSONValue = ["description": "错误", "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]]]
        var responses: [String: JSONValue] = ["default": errorBody]
        if let response {
            responses[String(status)] = ["description": "成功", "content": .object([responseMediaType: ["schema": response.json]])]
        } else {
            responses[String(status)] = ["description": "成功"]
        }
        op["responses"] = .object(responses)
        return op
    }
}
