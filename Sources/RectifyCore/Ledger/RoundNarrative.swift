/// The narrative parts of a round's public report that the office writes (or an import brings):
/// how the rectification was organised, the next steps, and the contacts for public feedback.
public struct RoundNarrative: Codable, Hashable, Sendable {
    public struct Subsection: Codable, Hashable, Sendable {
        public var heading: String
        public var paragraphs: [String]

        public init(heading: String, paragraphs: [String]) {
            self.heading = heading
            self.paragraphs = paragraphs
        }
    }

    public struct Contacts: Codable, Hashable, Sendable {
        public var telephone: String?
        public var address: String?
        public var postcode: String?
        public var email: String?

        public init(telephone: String? = nil, address: String? = nil, postcode: String? = nil, email: String? = nil) {
            self.telephone = telephone
            self.address = address
            self.postcode = postcode
            self.email = email
        }
    }

    public var title: String?
    public var opening: [String]?
    public var organisation: [Subsection]?
    public var nextSteps: [String]?
    public var contacts: Contacts?

    public init(title: String? = nil, opening: [String]? = nil, organisation: [Subsection]? = nil,
                nextSteps: [String]? = nil, contacts: Contacts? = nil) {
        self.title = title
        self.opening = opening
        self.organisation = organisation
        self.nextSteps = nextSteps
        self.contacts = contacts
    }
}
