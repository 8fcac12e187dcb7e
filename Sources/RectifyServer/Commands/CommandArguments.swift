import ConsoleKit

/// The arguments of a command that reads its own (`check`, `import report`): paths mixed with
/// options, which ConsoleKit's signatures cannot take.
struct CommandArguments {
    private var rest: ArraySlice<String>

    init(_ arguments: [String]) {
        rest = arguments[...]
    }

    static func asksForHelp(_ input: CommandInput) -> Bool {
        input.arguments.contains("--help") || input.arguments.contains("-h")
    }

    mutating func next() -> String? {
        rest.popFirst()
    }

    /// The value that follows `option`; another option in its place is an error.
    mutating func value(of option: String) throws -> String {
        guard let next = rest.popFirst(), !next.hasPrefix("--") else { throw CLIError("\(option) needs a value") }
        return next
    }
}
