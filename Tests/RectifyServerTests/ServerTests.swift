import Testing

/// All tests that touch the database run one at a time: on PostgreSQL they share one database.
@Suite(.serialized) struct ServerTests {}
