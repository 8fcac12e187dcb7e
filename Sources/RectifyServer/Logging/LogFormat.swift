/// How log lines are written: `text` for a person at a terminal, `json` (one object per line) for a
/// log collector. Set with `LOG_FORMAT`.
public enum LogFormat: String, Sendable, CaseIterable {
    case text
    case json
}
