/// One environment variable Rectify reads: its name, its default as a person reads it, and what it
/// does. `AppConfig.variables` lists them all; the README's configuration table is generated from
/// that list and a test fails if the reader uses a name the list lacks.
public struct ConfigVariable: Sendable, Equatable {
    public let name: String
    public let defaultValue: String
    public let meaning: String

    public init(_ name: String, default defaultValue: String, _ meaning: String) {
        self.name = name
        self.defaultValue = defaultValue
        self.meaning = meaning
    }
}

/// The environment as the configuration reader sees it: only declared names may be read, and the
/// names read are remembered (for the test that keeps the declared list complete).
struct ConfigEnvironment {
    private let values: [String: String]
    private(set) var read: Set<String> = []

    init(_ values: [String: String]) { self.values = values }

    /// The value of a declared variable, nil when unset or empty.
    mutating func value(_ name: String) -> String? {
        precondition(AppConfig.variables.contains { $0.name == name }, "\(name) is read but not declared in AppConfig.variables")
        read.insert(name)
        guard let value = values[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }
}
