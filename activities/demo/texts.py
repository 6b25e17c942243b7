"""The words of the demo activities, co-building lists and reports, in Chinese as branches
write them. Only data: the builders pick from these lists with the street's seeded random."""

from activities.models import ResourceCategory, ServiceNetwork
from organizations.models.jurisdiction import UnitKind

# Themed party day 主题党日: one theme a month, by month number.
THEMED_DAYS = {
    1: "新春走访慰问困难党员和老党员",
    2: "学习贯彻全国两会精神",
    3: "学雷锋志愿服务进网格",
    4: "清明缅怀革命先烈 传承红色基因",
    5: "“五四”青年党员话初心",
    6: "国家安全教育和防范电信诈骗宣传",
    7: "“七一”重温入党誓词",
    8: "学习党的纪律处分条例 筑牢廉洁防线",
    9: "“党员亮身份、服务进楼栋”",
    10: "国庆升旗仪式和爱国主义教育",
    11: "学习宣传宪法 弘扬法治精神",
    12: "年终回顾 为群众办实事清单盘点",
}
LESSONS = [
    "学习贯彻党的二十届三中全会精神",
    "习近平新时代中国特色社会主义思想专题党课",
    "党章学习：党员的权利和义务",
    "党史专题：从“枫桥经验”看基层治理",
    "以高质量党建引领基层网格治理",
    "加强作风建设 密切联系群众",
    "做合格党员 当群众贴心人",
    "新时代党员的责任与担当",
]
GENERAL_MEETINGS = [
    "传达学习上级党组织会议精神，通报支部季度工作",
    "讨论确定发展对象，听取入党积极分子培养情况",
    "通报党费收缴情况，研究支部下季度工作计划",
    "学习《中国共产党支部工作条例（试行）》，讨论支部建设",
    "审议支部年度工作要点，部署为民服务事项",
]
COMMITTEE_MEETINGS = [
    "研究本月主题党日和志愿服务安排",
    "分析流动党员联系情况，部署网格走访",
    "研究入党积极分子培养考察工作",
    "讨论支部工作台账和“三会一课”落实情况",
    "研究困难党员帮扶名单",
    "部署党费收缴和党员教育培训",
]
GROUP_MEETINGS = [
    "学习支部月度学习资料，交流心得",
    "组织党员认领楼栋服务事项",
    "交流联系服务群众情况",
    "学习先进典型事迹",
    "收集居民意见建议",
]
LIFE_MEETING = "召开年度组织生活会，开展批评和自我批评"
APPRAISAL = "开展年度民主评议党员"
SERVICE = {
    "volunteer_service": [
        "“敲门行动”探访独居老人",
        "小区环境整治志愿服务",
        "垃圾分类桶边督导",
        "为老年人义务理发",
        "防范电信诈骗进楼栋宣传",
        "文明交通劝导",
        "夏季防汛巡查",
        "帮扶困难家庭送温暖",
    ],
    "civilized_community": [
        "创建文明社区楼道清洁日",
        "文明养犬宣传劝导",
        "清理小广告和楼道堆物",
    ],
}
PAIRING = [
    "与共建单位联合开展主题党日",
    "共建单位走进网格结对帮扶",
    "签订共建项目推进会",
]
CULTURAL = [
    "“红色经典”诵读会",
    "邻里节文艺联欢",
    "书画作品展",
    "重阳敬老文艺演出",
]
OTHER = ["支部党建台账整理", "参观社区党群服务中心新址"]
STREET_EVENTS = {
    "volunteer_service": ["街道志愿服务日集中行动", "“七一”党员志愿服务广场活动"],
    "cultural": ["街道“颂党恩”文艺汇演"],
    "pairing": ["街道区域化党建联席会议"],
}
PLACES = ["党群服务中心会议室", "社区党建活动室", "网格党群服务站", "小区议事厅"]
SERVICE_PLACES = ["小区广场", "网格内各楼栋", "社区卫生服务站门前", "社区文化广场"]
NETWORKS = [
    (ServiceNetwork.VOLUNTEER, 5),
    (ServiceNetwork.SECURITY, 2),
    (ServiceNetwork.MEDICAL, 2),
    (ServiceNetwork.PAIRING, 2),
]
OUTSIDE_SPEAKERS = [
    "街道党工委组织委员",
    "区委党校讲师",
    "社区党委书记",
    "老党员宣讲团成员",
]
MINUTES = (
    "{who}主持。会议围绕“{topic}”展开，{how}。与会党员结合网格工作实际发言，"
    "会议明确了下一步工作安排，由支部委员分工落实。"
)
HOW = {
    "reading": "集中学习了有关文件和讲话原文",
    "lecture": "由主讲人作专题辅导",
    "discussion": "先学习有关材料，再分组讨论交流",
    "practice": "党员分组深入楼栋开展服务",
    "other": "按活动方案组织开展",
}
SERVICE_MINUTES = "党员志愿者{count}人参加，服务群众{served}人次。{topic}，群众反映良好。"

# 需求清单: (title, category)
NEEDS = [
    ("老旧小区加装电梯协调服务", ResourceCategory.EXPERTISE),
    ("独居老人定期探访", ResourceCategory.VOLUNTEERS),
    ("社区卫生健康义诊", ResourceCategory.EXPERTISE),
    ("青少年暑期托管场地", ResourceCategory.VENUE),
    ("困难家庭帮扶资金", ResourceCategory.FUNDS),
    ("社区消防器材更新", ResourceCategory.GOODS),
    ("居民法律咨询", ResourceCategory.EXPERTISE),
    ("垃圾分类宣传志愿者", ResourceCategory.VOLUNTEERS),
    ("社区图书角图书补充", ResourceCategory.GOODS),
    ("夜间治安巡逻力量", ResourceCategory.VOLUNTEERS),
    ("文艺团队排练场地", ResourceCategory.VENUE),
    ("失业人员就业技能培训", ResourceCategory.EXPERTISE),
]
# 资源清单 by kind of unit: (title, category)
RESOURCES = {
    UnitKind.GOVERNMENT: [
        ("民警进网格治安巡逻和防诈宣传", ResourceCategory.VOLUNTEERS),
        ("政策法规咨询服务", ResourceCategory.EXPERTISE),
        ("会议室节假日开放", ResourceCategory.VENUE),
    ],
    UnitKind.SCHOOL: [
        ("节假日开放运动场地和教室", ResourceCategory.VENUE),
        ("教师志愿者课业辅导", ResourceCategory.VOLUNTEERS),
        ("捐赠图书", ResourceCategory.GOODS),
    ],
    UnitKind.HOSPITAL: [
        ("医生义诊和健康讲座", ResourceCategory.EXPERTISE),
        ("家庭医生签约上门服务", ResourceCategory.VOLUNTEERS),
    ],
    UnitKind.STATE_ENTERPRISE: [
        ("水电安全检查和便民维修", ResourceCategory.EXPERTISE),
        ("帮扶资金", ResourceCategory.FUNDS),
        ("消防和应急器材", ResourceCategory.GOODS),
    ],
    UnitKind.PUBLIC_INSTITUTION: [
        ("文艺培训和排练场地", ResourceCategory.VENUE),
        ("流动图书服务点", ResourceCategory.GOODS),
        ("职业技能培训课程", ResourceCategory.EXPERTISE),
    ],
    UnitKind.OTHER: [("志愿服务队", ResourceCategory.VOLUNTEERS)],
}
COMMITMENTS = {
    ResourceCategory.VENUE: "每月提供场地不少于4次",
    ResourceCategory.FUNDS: "每年投入帮扶资金2万元",
    ResourceCategory.EXPERTISE: "每季度派出专业人员上门服务",
    ResourceCategory.VOLUNTEERS: "组织党员志愿者每月参加服务",
    ResourceCategory.GOODS: "捐赠物资并负责更新维护",
    ResourceCategory.OTHER: "按项目计划提供支持",
}
PAIRING_CONTENT = (
    "双方党组织结对共建：每季度联合开展一次主题党日，共享党员教育阵地，"
    "共同开展志愿服务，帮助解决网格内群众急难愁盼问题。"
)
# What reviewers write when they return a report, and what the branch answers.
RETURN_COMMENTS = [
    "会议记录过于简单，请补充讨论内容和形成的决议。",
    "出勤统计与签到表不一致，请核对后重新报送。",
    "缺少本月主题党日活动记录，请补充说明原因。",
    "党课主讲人和学习内容未填写完整，请补充。",
]
RESUBMIT_COMMENTS = ["已按要求补充完善，请审核。", "已核对更正，重新报送。"]
APPROVE_COMMENTS = ["", "", "记录完整，同意。", "已阅，继续保持。"]
REMARKS = [
    "本月按计划落实“三会一课”，党员参与积极。",
    "本期组织生活正常开展，流动党员已通过线上方式参加学习。",
    "本期结合网格工作开展了志愿服务，详见活动记录。",
]
