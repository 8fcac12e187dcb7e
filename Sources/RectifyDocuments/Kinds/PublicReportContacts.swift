import Foundation
import RectifyCore

/// The feedback channel printed at the end of a public report: the round's narrative contacts.
public typealias PublicReportContacts = RoundNarrative.Contacts

extension RoundNarrative.Contacts {
    /// "欢迎广大干部群众对巡察整改进展情况进行监督。如有意见建议，请及时向我们反馈。联系电话：…".
    public var paragraph: String {
        var text = "欢迎广大干部群众对巡察整改进展情况进行监督。如有意见建议，请及时向我们反馈。"
        var parts: [String] = []
        if let telephone, !telephone.isEmpty { parts.append("联系电话：\(telephone)") }
        if let address, !address.isEmpty {
            var part = "通信地址：\(address)"
            if let postcode, !postcode.isEmpty { part += "，邮政编码：\(postcode)" }
            parts.append(part)
        } else if let postcode, !postcode.isEmpty {
            parts.append("邮政编码：\(postcode)")
        }
        if let email, !email.isEmpty { parts.append("电子邮箱：\(email)") }
        if !parts.isEmpty { text += parts.joined(separator: "；") + "。" }
        return text
    }
}
