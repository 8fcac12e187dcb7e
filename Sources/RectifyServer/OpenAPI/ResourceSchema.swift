/// A JSON Schema fragment, as much of it as the API document needs.
indirect enum SchemaType: Sendable {
    case string
    case uuid
    case date
    case dateTime
    case integer
    case int64
    case boolean
    case enumeration([String])
    case array(SchemaType)
    case ref(String)
    case object([SchemaProperty])
    case freeObject

    var json: JSONValue {
        switch self {
        case .string: ["type": "string"]
        case .uuid: ["type": "string", "format": "uuid"]
        case .date: ["type": "string", "format": "date"]
        case .dateTime: ["type": "string", "format": "date-time"]
        case .integer: ["type": "integer"]
        case .int64: ["type": "integer", "format": "int64"]
        case .boolean: ["type": "boolean"]
        case .enumeration(let values): ["type": "string", "enum": .array(values.map(JSONValue.string))]
        case .array(let item): ["type": "array", "items": item.json]
        case .ref(let name): ["$ref": .string("#/components/schemas/\(name)")]
        case .object(let properties): SchemaProperty.objectJSON(properties)
        case .freeObject: ["type": "object"]
        }
    }
}

struct SchemaProperty: Sendable {
    let name: String
    let type: SchemaType
    let required: Bool
    let nullable: Bool
    let summary: String

    /// Free-text fields that hold paragraphs; every other text field holds a name or a line.
    static let longTextFields: Set<String> = ["text", "description", "reply", "summary", "reviewOpinion", "reason", "opinion",
                                              "finding", "body"]

    /// The most characters a write may put in this text field (`WriteBodyGuard` enforces it for
    /// every create and update, the API document publishes it); nil for other types.
    var maxLength: Int? {
        guard case .string = type else { return nil }
        return Self.longTextFields.contains(name) ? 20_000 : 2_000
    }

    /// `writable`: a create or update body, whose text fields carry their `maxLength`.
    static func objectJSON(_ properties: [SchemaProperty], writable: Bool = false) -> JSONValue {
        var props: [String: JSONValue] = [:]
        for property in properties {
            var json = property.type.json
            if writable, let max = property.maxLength { json["maxLength"] = .int(max) }
            if property.nullable {
                if case .string(let type)? = json["type"] { json["type"] = [.string(type), "null"] }
                if case .array(let values)? = json["enum"] { json["enum"] = .array(values + [.null]) }
                if json["$ref"] != nil { json = ["anyOf": [json, ["type": "null"]]] }
            }
            if !property.summary.isEmpty { json["description"] = .string(property.summary) }
            props[property.name] = json
        }
        var object: JSONValue = ["type": "object", "properties": .object(props)]
        let required = properties.filter(\.required).map(\.name)
        if !required.isEmpty { object["required"] = .array(required.map(JSONValue.string)) }
        return object
    }
}

/// `req("title", .string, "标题")` — a required, non-null property.
func req(_ name: String, _ type: SchemaType, _ summary: String = "") -> SchemaProperty {
    SchemaProperty(name: name, type: type, required: true, nullable: false, summary: summary)
}

/// `opt("deadline", .date, "整改期限")` — an optional property that may be null.
func opt(_ name: String, _ type: SchemaType, _ summary: String = "") -> SchemaProperty {
    SchemaProperty(name: name, type: type, required: false, nullable: true, summary: summary)
}

/// The three shapes of a resource: what it returns, what creating it takes, what updating takes.
struct ResourceSchema: Sendable {
    let name: String
    let dto: [SchemaProperty]
    let create: [SchemaProperty]
    let update: [SchemaProperty]
}
