import RectifyCore
import Vapor

/// What every page's layout needs: the signed-in user, the navigation their role may use, the
/// CSRF token for forms.
struct PageFrame: Encodable {
    let title: String
    let userName: String?
    let roleLabel: String?
    /// The main navigation's items as HTML, written here rather than looped in Leaf on every page.
    let nav: String
    let csrf: String

    static func make(_ req: Request, title: String, current: String) -> PageFrame {
        let user = req.auth.get(User.self)
        let items: [(String, String, Set<Role>)] = [
            ("/board", "挂图作战", Access.everyone),
            ("/problems", "问题清单", Access.everyone),
            ("/review", "审核与销号", Access.reviewers.union([.leader])),
            ("/notices", "督办提示", Access.everyone),
            ("/self-inspection-tasks", "举一反三", SelfInspectionController.readers),
            ("/bulletins", "每周通报", Access.ledgerReaders),
            ("/registers", "登记簿", Access.ledgerReaders),
            ("/common-problems", "共性问题", Access.auditReaders),
            ("/repeats", "屡查屡犯", Access.auditReaders),
            ("/import", "导入", Access.ledgerWriters),
            ("/publish", "公开报告", Access.ledgerWriters),
            ("/people", "人员管理", Access.ledgerWriters),
            ("/admin", "系统管理", Access.admins),
        ]
        var nav = ""
        for (path, label, roles) in items where user.map({ roles.contains($0.role) }) ?? false {
            nav += "<li><a href=\"\(path)\"\(path == current ? " aria-current=\"page\"" : "")>\(label)</a></li>"
        }
        return PageFrame(title: title, userName: user?.displayName, roleLabel: user?.role.label, nav: nav, csrf: CSRF.token(for: req))
    }
}
