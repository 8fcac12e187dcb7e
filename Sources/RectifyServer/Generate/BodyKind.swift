/// A kind of inspected body within a sector (a bureau, a hospital, a state enterprise, a town), with
/// the shape its organization takes: the Party organ, leading posts, internal units and the
/// subordinate units below it.
struct BodyKind: Sendable {
    /// How the body is led; decides its organ, posts, departments and the team below a unit.
    enum Leadership: Sendable {
        case bureau(head: String), enterprise, hospital, school, town, street, bank

        var organ: String {
            switch self {
            case .bureau: "党组"
            case .street: "党工委"
            default: "党委"
            }
        }

        /// The secretary first, then two deputies and the discipline post.
        var posts: [String] {
            switch self {
            case .bureau(let head): ["党组书记、\(head)", "党组成员、副\(head)", "党组成员、副\(head)", "党组成员、纪检监察组组长"]
            case .enterprise: ["党委书记、董事长", "党委副书记、总经理", "党委委员、副总经理", "党委委员、纪委书记"]
            case .hospital: ["党委书记", "党委副书记、院长", "党委委员、副院长", "党委委员、纪委书记"]
            case .school: ["党委书记", "党委副书记、校长", "党委委员、副校长", "党委委员、纪委书记"]
            case .town: ["党委书记", "党委副书记、镇长", "党委委员、副镇长", "党委委员、纪委书记"]
            case .street: ["党工委书记", "党工委副书记、办事处主任", "党工委委员、办事处副主任", "党工委委员、纪工委书记"]
            case .bank: ["党委书记、董事长", "党委副书记、行长", "党委委员、副行长", "党委委员、纪委书记"]
            }
        }

        var departments: [String] {
            switch self {
            case .bureau: ["办公室", "人事科", "计划财务科", "政策法规科", "机关党委", "综合业务科", "监督检查科", "行政审批科", "规划发展科"]
            case .enterprise: ["综合办公室", "党群工作部", "人力资源部", "财务管理部", "投资发展部", "工程管理部", "审计风控部", "纪检监察室", "招标采购部"]
            case .hospital: ["党委办公室", "院长办公室", "医务科", "财务科", "人事科", "药剂科", "设备科", "总务科", "医保办"]
            case .school: ["党政办公室", "教务处", "德育处", "总务处", "财务室", "人事处", "后勤服务中心", "团委", "安全办公室"]
            case .town, .street: ["党政办公室", "党建工作办公室", "经济发展办公室", "社会事务办公室", "综合行政执法队", "财政所",
                                  "应急管理办公室", "退役军人服务站", "平安建设办公室"]
            case .bank: ["办公室", "党群工作部", "人力资源部", "财务会计部", "风险管理部", "信贷管理部", "合规部", "审计部", "运营管理部"]
            }
        }

        /// A team below the last subordinate unit, so unit scopes have a subtree to follow.
        var team: String {
            switch self {
            case .bureau: "综合执法一中队"
            case .enterprise: "项目管理一部"
            case .hospital: "急诊科"
            case .school: "高一年级组"
            case .town, .street: "第一网格"
            case .bank: "公司业务一部"
            }
        }
    }

    let name: String
    /// Two or three characters after the region's name in short names and document numbers.
    let short: String
    let leadership: Leadership
    /// Subordinate units are named after the region, then `stem`, then the unit ("江川市" + "人民医院" +
    /// "体检中心"); bureaus' units need no stem ("江川市" + "教育考试中心").
    var stem = ""
    let subordinates: [String]
    /// Departments of the kind besides those every body of its leadership has.
    var departments: [String] = []

    var secretaryPost: String { String(leadership.posts[0].split(separator: "、")[0]) }
}
