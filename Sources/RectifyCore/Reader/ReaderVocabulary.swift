import Foundation

/// Every word list and pattern the reader and checker use, in one place so that the rules can
/// be reviewed and documented without reading the parsing code. Patterns run on normalized
/// text (see `ReportTextNormalizer`): ASCII `( ) : , ; " '`, dashes as `—`, sentences ending in `。`.
enum ReaderVocabulary {
    static let separator = #"(?:[—\-~]{1,2}|至|到)"#

    // MARK: Headings

    /// `一、` `一.` (`一,` when 、 was replaced).
    static let chineseCommaHeading = ReaderPattern(#"^\s*([一二三四五六七八九十百]+)\s*[、,.]\s*"#)
    /// `(一)`
    static let parenChineseHeading = ReaderPattern(#"^\s*\(\s*([一二三四五六七八九十百]+)\s*\)\s*"#)
    /// `1.` `1、` — not `1.5` nor a year.
    static let arabicHeading = ReaderPattern(#"^\s*(\d{1,3})\s*(?:[、,]|\.(?!\d))\s*"#)
    /// `第一,` `第一、` `第一部分`: ordinal words numbering sections (`第一批` is no heading).
    static let ordinalHeading = ReaderPattern(#"^\s*第([一二三四五六七八九十]+)(?:\s*[、,.:]|部分\s*[、,.:]?)\s*"#)
    /// `(1)`
    static let parenArabicHeading = ReaderPattern(#"^\s*\(\s*(\d{1,3})\s*\)\s*"#)
    /// `①` … `⑳`
    static let circledHeading = ReaderPattern(#"^\s*([\x{2460}-\x{2473}])\s*"#)

    /// A problem heading: `关于“…”问题`, optionally with a status in parentheses after it.
    static let aboutProblem = ReaderPattern(#"^关于\s*(.+?)\s*的?问题\s*[。.]?\s*(?:\(([^()]*)\))?\s*$"#)
    /// A problem heading: `反馈问题:…`, `巡察反馈问题3:…`, `问题1:…`.
    /// Group 2 is the problem's own number (`问题5`), when it has one.
    static let labelledProblem = ReaderPattern(#"^(?:(?:巡[察视])?反馈(?:的)?问题|问题)\s*(\d+|[一二三四五六七八九十]+)?\s*:\s*(.+)$"#)
    /// The label of a problem's progress text, stripped from it.
    static let progressLabel = ReaderPattern(#"^\s*(?:整[改治](?:落实)?(?:情况|进展(?:情况)?|措施|任务|举措|成效|结果)|进展情况|落实情况|完成情况)\s*:\s*"#)
    /// Where a one-line problem heading turns into its progress text.
    static let inlineProgressLabel = ReaderPattern(#"[。.]?\s*(?:整[改治](?:落实)?(?:情况|进展(?:情况)?|措施|任务|举措)|进展情况)\s*:"#)
    /// `(共30个)` in a section heading.
    static let sectionCount = ReaderPattern(#"共\s*(\d+|[一二三四五六七八九十百两]+)\s*(?:个|项|条)"#)

    // MARK: Sources and statuses of sections

    static let secretarySource = ReaderPattern(#"书记专题会|书记专题会议|交办"#)
    static let selfFoundSource = ReaderPattern(#"举一反三|自查自纠|自查发现|自行查摆"#)
    static let feedbackSource = ReaderPattern(#"巡[察视]反馈|反馈问题|反馈意见|反馈的|巡[察视]发现"#)
    /// Checked before `completedStatus`: `尚未完成` and `基本完成` contain 完成.
    static let inProgressStatus = ReaderPattern(#"正在整改|未完成|尚未完成|持续整改|持续推进|按计划推进|序时推进|常态化推进|长期坚持|基本完成|阶段性|需长期|整改中|推进中"#)
    static let completedStatus = ReaderPattern(#"已完成|已整改|已销号|已办结|完成整改|整改完成"#)
    /// A status written at the start of the progress text (`整改情况:已完成整改。…`).
    static let leadingStatus = ReaderPattern(#"^(?:已完成整改|已完成|已整改到位|已整改|正在整改|基本完成|持续整改|未完成)(?=[。,;]|$)"#)

    // MARK: Measures

    // Measure markers (①, `一是`/`其一,`, inline `1.…;2.…`) are single characters or short runs
    // found by scanning in `ReportMeasureSplitter`, not by patterns.

    // MARK: Dates

    /// A date with its year: day, day range, month, month range, quarter, year; `以来` after it.
    static let yearDatePattern =
        #"(\d{4})年(?:(\d{1,2})月(\d{1,2})日(?:SEP(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日)?|(\d{1,2})SEP(\d{1,2})月份?|(\d{1,2})月份?(底|初|末|上旬|中旬|下旬)?(?:SEP(?:(\d{4})年)?(\d{1,2})月份?底?)?|第([一二三四1-4])(?:[、,]第?([一二三四1-4]))?季度|度?(?:SEP(\d{4})年度?)?)(以来)?"#
            .replacingOccurrences(of: "SEP", with: separator)
    /// A day without its year (`12月25日`), which takes the year of the date before it. Matches
    /// preceded by a digit or 年 are dropped in code: a leading look-behind would stop ICU from
    /// skipping ahead to digits and make every pattern run several times slower.
    static let yearlessDatePattern =
        #"(\d{1,2})月(\d{1,2})日(?:SEP(?:(\d{1,2})月)?(\d{1,2})日)?"#
            .replacingOccurrences(of: "SEP", with: separator)
    static let yearDate = ReaderPattern(yearDatePattern)
    static let yearlessDate = ReaderPattern(yearlessDatePattern)
    /// The same dates with Chinese numerals allowed (`二〇二四年三月十五日`): slower to search, since a
    /// Chinese numeral may start a match anywhere, so used only on text holding `〇` or `零`, which
    /// every year so written has.
    static let yearDateChinese = ReaderPattern(yearDatePattern.withChineseNumerals)
    static let yearlessDateChinese = ReaderPattern(yearlessDatePattern.withChineseNumerals)
    /// `〇` and `零`: a text without them has no year in Chinese numerals.
    static let chineseZeroes: Set<UInt16> = Set("〇零".utf16)
    static func yearDate(chinese: Bool) -> ReaderPattern { chinese ? yearDateChinese : yearDate }
    static func yearlessDate(chinese: Bool) -> ReaderPattern { chinese ? yearlessDateChinese : yearlessDate }
    static let yearlessDateExcludedBefore: Set<UInt16> = Set("0123456789年〇零一二三四五六七八九十".utf16)
    /// A bare day after another (`11月21日、30日`), taking its year and month; the code checks
    /// that a 日 stands before the 、.
    static let dayOnlyDate = ReaderPattern(#"[、,](\d{1,2})日"#)
    /// Words before a date that make it a cut-off (`截至2024年4月`).
    static let untilPrefixes = ["截至", "截止", "截止到", "截止至"]
    /// A signature date standing alone on its line, in digits or Chinese numerals.
    static let signatureDate = ReaderPattern(#"^([\d〇零一二三四五六七八九]{4})\s*年\s*([\d一二三四五六七八九十]{1,3})\s*月\s*([\d一二三四五六七八九十]{1,3})\s*日$"#)

    // MARK: Documents and quantities

    /// `《title》`, with a document number in parentheses right after it.
    static let document = ReaderPattern(#"《([^《》]{1,120})》(?:\s*\(\s*([\x{4e00}-\x{9fa5}A-Za-z]{1,16}[〔\[【]\d{4}[〕\]】]\s*\d+\s*号)\s*\))?"#)
    /// The year-and-serial part of a document number (`〔2024〕3号`, `[2024]` and `【2024】` too), scanned by
    /// `ReportFactExtractor.documentNumbers` (the pattern states the rule);
    /// the issuer prefix before it (`赣市财基字`) is taken in code, up to `documentIssuerLength`
    /// Chinese characters or letters, because a pattern starting with them is slow to search.
    static let documentNumber = ReaderPattern(#"[〔\[【]\d{4}[〕\]】]\s*\d+\s*号"#)
    static let documentIssuerLength = 16
    /// Words a standalone document number's issuer prefix cannot start with; the pattern cannot
    /// tell `另见赣府办字…` from an issuer, so these are cut off after matching.
    static let documentNumberLeadIns = ["另见", "参见", "详见", "文号", "依据", "根据", "按照", "印发", "转发", "下发", "见", "及", "和", "与", "即"]
    static let quantityUnits = ["平方米", "平方公里", "公里", "千米", "米", "元", "%", "个", "件", "起", "人次", "次", "名", "人",
                                "项", "条", "份", "处", "家", "辆", "台", "块", "吨", "亩", "株", "棵", "套", "盏", "根", "场",
                                "批", "期", "座", "户", "间", "张", "册", "篇", "分", "位", "倍", "宗", "笔", "轮", "所", "批次"]
    /// A number with a unit: `540个`, `8.08万个`, `144.3241万元`, `98.9%`, `200余次`; not after 第 or
    /// `.` (`第49名`), not `3个月`. Read by `ReportFactExtractor.quantities`: a digit scan with these
    /// lists is many times faster than one regex with fifty alternatives tried at every digit.
    static let quantityUnitList = ReaderWordList(quantityUnits)
    static let quantityApproximations: Set<UInt16> = Set("余多".utf16)
    static let quantityMultipliers: Set<UInt16> = Set("万亿千".utf16)
    static let quantityNotFollowedBy: Set<UInt16> = Set("月".utf16)
    static let quantityExcludedBefore: Set<UInt16> = Set("0123456789.第".utf16)
    static let activityUnits: Set<String> = ["次", "人次", "场", "轮", "期", "名", "批次"]

    // MARK: Action kinds (纸面整改)

    static let studyWords = ["学习", "培训", "传达", "研讨", "宣讲", "讲座", "授课", "党课", "警示教育", "辅导", "考察", "重温", "交流发言"]
    static let meetingWords = ["召开", "会议", "座谈会", "调度会", "部署会", "现场会", "推进会", "专题会", "听取", "民主生活会"]
    static let documentWords = ["印发", "制定", "制订", "出台", "下发", "修订", "签发", "发送", "报送", "汇编", "起草", "拟定"]
    static let accountabilityWords = ["谈话提醒", "批评教育", "问责", "诫勉", "处分", "追责", "书面检查", "通报批评", "组织处理", "处理", "约谈"]
    /// Finished works and recoveries that count as a result even without a number.
    static let completedWorkWords = ["已完工", "完工", "投入使用", "投入正常使用", "投入试运行", "开通运行", "建成", "投产", "通水",
                                     "点火试运行", "已办结", "办结", "清退", "已拆除", "修复", "整改到位", "追回", "挽回", "收回"]
    static let recoveryWords = ["追回", "挽回", "收回", "追缴", "退缴", "退还"]

    /// Each keyword with the kinds it signals; one pattern finds them all in a single pass.
    static let keywordKinds: [String: Set<ReaderKeywordKind>] = {
        var kinds: [String: Set<ReaderKeywordKind>] = [:]
        let lists: [(ReaderKeywordKind, [String])] = [
            (.study, studyWords), (.meeting, meetingWords), (.document, documentWords),
            (.sanction, accountabilityWords), (.completedWork, completedWorkWords), (.recovery, recoveryWords),
        ]
        for (kind, words) in lists {
            for word in words { kinds[word, default: []].insert(kind) }
        }
        return kinds
    }()
    static let keywords = ReaderWordList(Array(keywordKinds.keys))
    /// The kinds of each of `keywords.words`, by index: no string is cut to look a match up.
    static let keywordKindsByIndex: [Set<ReaderKeywordKind>] = keywords.words.map { keywordKinds[$0] ?? [] }

    // MARK: People held accountable

    /// `3名干部`, `8名责任人`, `3名相关责任人`, `对5人`.
    static let countedPeople = ReaderPattern(#"(\d+|[一二两三四五六七八九十]+)名[^,。;:、]{0,8}?(?:干部|责任人|人员|党员|同志|职工|领导)|对(\d+|[一二两三四五六七八九十]+)(?:人|名)"#)
    /// People named without a number: `多名党员干部`, `相关责任人`.
    static let uncountedPeople = ReaderWordList(["多名", "若干名", "相关责任人", "有关责任人", "责任人", "相关人员", "相关干部"])

    // MARK: Work still under way (status.completed_but_ongoing)

    static let ongoingWords = ReaderWordList(["正在", "等待", "暂时不能", "暂不能", "尚未", "下一步", "前期工作", "有待", "仍需", "待完成", "未完工"])
    /// Uses of those words that do not mean unfinished work: `正在发展的党员`, `未完工的项目` (an
    /// inventory), `尚未发现`.
    static let ongoingExceptions = ReaderPattern(#"(?:正在|未完工)[^,。;:]{0,4}的|尚未发现|已完成前期工作"#)

    // MARK: Summary claims

    /// A problem's own status line (`整改状态：完成`, `完成情况：已完成`); the value is group 1.
    /// The value must read as a status (`itemStatus`): `进展：详见附件` is no status line.
    static let itemStatusLine = ReaderPattern(#"^\s*(?:整[改治]状态|完成情况|办理状态|整改进度|整[改治]进展|进展情况|进展|整[改治]结果|状态)\s*:\s*(.{1,12}?)\s*[。.]?$"#)
    /// A later measure's label inside a measure's text: the measures were not told apart (numbers that
    /// do not run 1, 2, 3… are not split, `1.…;3.…` included).
    static let embeddedMeasureLabel = ReaderPattern(#"[(（]\s*[2-9]\s*[)）]|[\x{2461}-\x{2473}]|[二三四五六七八九十]是|[;；。]\s*\d{1,2}\s*[.、．](?!\d)"#)
    /// A heading that names a part of the report, not a problem (`二、反馈问题整改情况`, `…方面`).
    static let sectionTitle = ReaderPattern(#"(?:整[改治]|落实|进展)(?:落实|进展)?情况\s*$|方面\s*$|打算\s*$|总体情况|基本情况|主要做法|工作成效"#)
    /// A problem's metadata lines: not progress text.
    static let itemMetadataLine = ReaderPattern(#"^\s*(?:整改时限|完成时限|整改期限|完成期限|时限要求|责任领导|牵头领导|分管领导|责任单位|牵头单位|责任部门|配合单位|责任人)\s*:"#)
    /// The first line of a problem's measures: `整改措施：…`, `一是…`.
    static let measuresLead = ReaderPattern(#"^\s*(?:(?:整[改治]措施|具体措施|主要措施|整[改治]情况|整[改治]举措|整[改治]任务)\s*:|一是|其一)"#)
    /// A status written in parentheses after a numbered problem: `（1）…偏低。（已完成）①…`.
    static let inlineItemStatus = ReaderPattern(#"[(【\[](已完成|已整改到位|已办结|已销号|完成|整改完成|基本完成|阶段性完成|正在整改|持续整改|持续推进|正按计划推进|未完成|需长期坚持|长期坚持)[)】\]]"#)
    /// A sentence whose date is a deadline or a plan rather than an action taken.
    static let plannedDate = ReaderPattern(#"^\s*(?:整改时限|完成时限|整改期限|完成期限|时限要求|时限)\s*[:：]|计划于|计划在|预计|拟于|力争|争取于|起(?:试行|施行|执行|实施)"#)
    /// A count or amount in a summary sentence (dates and ordinals are no figures): what coverage counts.
    /// `第一时间`, `一方面`/`另一方面` and `四个意识`-like words are no figures.
    static let figure = ReaderPattern(#"(?:\d+(?:\.\d+)?|(?<![第另一二两三四五六七八九十百千])(?!一方面)[一二两三四五六七八九十百千]+)\s*(?:个(?!意识|自信|维护|代表|全面|务必)|项|条|人|名|次|件|家|类|方面|万元|亿元|元|%)"#)
    /// An inspection office's summary of a round: several bodies inspected, problems counted across them.
    static let roundSummary = ReaderPattern(#"对\s*(\d+|[一二两三四五六七八九十百]+)\s*(?:家|个)(?:单位|党组织|部门|乡镇)|面上问题"#)
    static let categoriesClaim = ReaderPattern(#"([一二三四五六七八九十\d]+)\s*类"#)
    static let aspectsClaim = ReaderPattern(#"([一二三四五六七八九十\d]+)\s*个?方面"#)
    static let problemsClaim = ReaderPattern(#"(\d+|[一二两三四五六七八九十百]+)\s*(?:个|条|项)(?:具体)?问题|问题\s*(\d+|[一二两三四五六七八九十百]+)\s*(?:个|项|条)|事项\s*(\d+|[一二两三四五六七八九十百]+)\s*(?:个|项)|(\d+|[一二两三四五六七八九十百]+)\s*(?:个|项)(?:交办)?事项"#)
    /// `已完成整改N个`, `完成整改N个`, `整改完成N个`, `已整改到位N个`, `已办结N个`; not `未完成…`, `基本完成…`.
    /// Also the count first: `18个问题已达到销号标准`, `10个已完成整改` (group 2).
    static let completedClaim = ReaderPattern(#"(?<!未|尚未|正在|基本|阶段性)(?:已完成整改|已整改完成|完成整改|整改完成|已整改到位|整改到位|已完成|已办结|已销号|已整改)\s*(\d+|[一二两三四五六七八九十百]+)\s*(?:个|项|条)|(\d+|[一二两三四五六七八九十百]+)\s*(?:个|项|条)(?:问题)?\s*(?:已|均已|已全部|全部)(?:达到销号标准|完成整改|整改完成|整改到位|办结|销号)"#)
    /// Items not yet done, each phrase one figure: `正在整改N个`, `持续推进N个`, `基本完成N个`, `需长期坚持N个`.
    /// Also the count first: `剩余2个问题纳入常态化推进`, `3个问题正在整改` (group 2).
    static let ongoingClaim = ReaderPattern(#"(?:正在整改|正在推进|持续推进|持续整改|阶段性完成|基本完成|尚未完成|未完成整改|未完成|需长期坚持|长期坚持|正按计划推进|按计划推进|按序时推进)\s*(\d+|[一二两三四五六七八九十百]+)\s*(?:个|项|条)|(\d+|[一二两三四五六七八九十百]+)\s*(?:个|项|条)(?:问题)?\s*(?:正在整改|持续推进|正按计划推进|纳入常态化(?:推进|管理)|需长期坚持|尚未完成)"#)
    static let rateClaim = ReaderPattern(#"完成率\s*(?:为|达|达到)?\s*(\d+(?:\.\d+)?)\s*%"#)
    static let measuresClaim = ReaderPattern(#"(?:整[改治]措施|具体措施|整[改治]举措|整[改治]任务|措施)\s*(\d+)\s*(?:条|项)|(\d+)\s*(?:条|项)(?:具体)?(?:(?:整[改治])?(?:措施|举措)|整[改治]任务)"#)
    static let regulationsClaim = ReaderPattern(#"制度(?:文件|机制|规定)?\s*(\d+)\s*(?:项|个|件|份|条)|(\d+)\s*(?:项|个|件)(?:规章)?制度"#)
    /// A stated total of people held to account. `处理`/`处分` alone are forms (`组织处理0人`,
    /// `党纪处分2人`), not the total.
    static let accountabilityClaim = ReaderPattern(#"(?:(?:问责|追责|追究责任)(?:处理|处分)?|共处理|共计处理|累计处理|共处分)了?\s*(?:干部|党员干部|党员|相关人员|相关责任人|责任人)?\s*(\d+|[一二两三四五六七八九十百]+)\s*(?:人|名)(?:次)?(?:\s*\(\s*其中\s*:?\s*([^()]+)\))?"#)
    /// The forms of accountability a summary counts people by.
    static let accountabilityForms = "谈话提醒|提醒谈话|约谈提醒|批评教育|批评帮助|责令检查|责令作出书面检查|书面检查|诫勉谈话|诫勉|通报批评|组织处理|组织调整|党纪政务处分|党纪处分|政务处分|纪律处分|立案审查调查|立案审查"
    /// `诫勉谈话2人`, `谈话提醒、批评教育5人` (joined forms are one figure), `给予党纪处分0人`.
    static let formCount = ReaderPattern(#"((?:"# + accountabilityForms + #")(?:\s*[、和及与]\s*(?:"# + accountabilityForms + #"))*)[^\d,;。()、]{0,4}?(\d+|[一二两三四五六七八九十百]+)\s*(?:人|名)(?:次)?"#)
    /// `2人受到诫勉谈话`, `对3人进行提醒谈话`.
    /// `对2名相关责任人进行了批评教育` too: who the people are may stand between count and form.
    static let countForm = ReaderPattern(#"(\d+|[一二两三四五六七八九十百]+)\s*(?:人|名)(?:次)?(?:[^\d,;。()、]{0,8}?(?:干部|责任人|人员|党员|同志))?\s*(?:分别)?\s*(?:被|受到|予以|给予|进行了?|作出?)?\s*((?:"# + accountabilityForms + #"))"#)
    /// A rank named in a breakdown after the total (`共问责14人,其中乡科级5人、一般干部8人`).
    static let namedRankCount = ReaderPattern(#"(厅局级|省部级|县处级|乡科级|科级|股级|一般干部|一般党员|一般工作人员|村\(社区\)干部|村组干部|村干部|其他人员)(?:干部)?\s*(\d+|[一二两三四五六七八九十]+)\s*(?:人|名)"#)
    static let rankCount = ReaderPattern(#"([^、,:;()\d\s]{1,10}?)\s*(\d+)\s*(?:人|名)"#)
    static let meetingsClaim = ReaderPattern(#"(\d+|[一二两三四五六七八九十]+)\s*次(?:主持)?(?:召开|听取|研究|专题研究)|召开[^,;。]{0,20}?(\d+)\s*次"#)
    static let moneyClaim = ReaderPattern(#"(?:追回|挽回|收回|追缴|退缴|清退|退还|整改资金)[^,;。]{0,16}?(\d+(?:\.\d+)?)\s*(亿元|万元|元)"#)

    // MARK: The round

    static let inspectingGroup = ReaderPattern(#"([^,;。:\s\d年月日]{1,24}?巡[察视]组)"#)
    static let inspectedBody = ReaderPattern(#"巡[察视]组\s*(?:对|进驻)\s*([^,;。]{2,40}?)\s*(?:进行了|开展了|开展|进行)[^,;。]{0,8}?巡[察视]"#)
    static let feedbackClause = ReaderPattern(#"反馈"#)
    static let roundClause = ReaderPattern(#"巡[察视]"#)

    /// A web copy's `发布日期：2024-06-12` (or `2024年6月12日`): its publication date when the text has no signature.
    static let webPublicationDate = ReaderPattern(#"(?:发布日期|发布时间|发文日期)\s*:?\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})"#)

    /// Closing remarks after the last problem: they end its progress text.
    static let closingRemarks = ReaderPattern(#"^(?:欢迎广大|欢迎社会各界|如有意见建议|联系电话|联系方式|邮政编码|电子邮箱|来信请寄)"#)

    // MARK: Site chrome

    /// Short lines of site chrome around a published page.
    static let chromeLine = ReaderPattern(#"^[\[【]?\s*(?:相关文章|相关链接|相关阅读|相关新闻|推荐阅读|上一篇|下一篇|分享到?|打印(?:本页|此页)?|关闭(?:窗口|本页)?|扫一扫|责任编辑|来源|发布时间|发布日期|浏览次数|阅读次数|字号|当前位置|您当前的位置|您的位置|首页)"#)
    /// The lines that start a site's trailing list of links; everything after them is dropped.
    static let trailingChromeStart = ReaderPattern(#"^[\[【]?\s*(?:相关文章|相关链接|相关阅读|相关新闻|推荐阅读|上一篇|下一篇)"#)
}

private extension String {
    /// A date pattern whose years and months/days may also be written in Chinese numerals
    /// (`二〇二四年三月十五日`); `ReaderNumerals.value(of:)` reads both.
    var withChineseNumerals: String {
        replacingOccurrences(of: #"(\d{4})"#, with: #"(\d{4}|[〇零一二三四五六七八九]{4})"#)
            .replacingOccurrences(of: #"(\d{1,2})"#, with: #"(\d{1,2}|[一二三四五六七八九十]{1,3})"#)
    }
}
