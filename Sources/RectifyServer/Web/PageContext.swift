import RectifyCore
import Vapor

/// What every page's layout needs: the signed-in user, the navigation their role may use, the
/// CSRF token for forms.
struct PageFrame: Encodable {
    struct NavItem: Encodable {
        let path: String
        let label: String
        let current: Bool
    }

    let title: String
    let userName: String?
    let roleLabel: String?
    let nav: [NavItem]
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
        let nav = user.map { u in
            items.filter { $0.2.contains(u.role) }.map { NavItem(path: $0.0, label: $0.1, current: $0.0 == current) }
        } ?? []
        return PageFrame(title: title, userName: user?.displayName, roleLabel: user?.role.label, nav: nav, csrf: CSRF.token(for: req))
    }
}
