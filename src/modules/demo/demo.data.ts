// Static catalogues of the demo data set: a fictional investment year of 吉林市. Unit names are the
// real counties, districts and zones of 吉林市; every company, person and project is invented, and
// investor names carry “（演示）” so nobody mistakes them for real firms.
import type { UnitKind } from '../../contracts/common';
import type { Ownership } from '../../domain/labels';

export const DEMO_ACTOR_NAME = '演示数据';
export const DEMO_PASSWORD = 'demo1234';
export const DEMO_TAG = '演示数据';

export interface DemoUnitSpec {
  /** preferred code; another is picked when it is taken by a unit of a different name */
  code: string;
  name: string;
  kind: UnitKind;
  /** short form used in names and titles */
  short: string;
  /** share of projects */
  weight: number;
  /** multiplies project size */
  size: number;
  /** industries the unit favours */
  industries: string[];
  /** GB/T 2260 code of the place, for local investors */
  region?: string;
  leaderTitle: string;
}

export const DEMO_UNITS: DemoUnitSpec[] = [
  {
    code: 'U01',
    name: '昌邑区',
    kind: 'county',
    short: '昌邑',
    weight: 1.1,
    size: 1.0,
    region: '220202',
    leaderTitle: '区长',
    industries: ['商贸服务', '现代物流', '电子信息', '医药健康', '装备制造'],
  },
  {
    code: 'U02',
    name: '船营区',
    kind: 'county',
    short: '船营',
    weight: 1.0,
    size: 0.9,
    region: '220204',
    leaderTitle: '区长',
    industries: ['文化旅游', '商贸服务', '医药健康', '电子信息'],
  },
  {
    code: 'U03',
    name: '永吉县',
    kind: 'county',
    short: '永吉',
    weight: 0.9,
    size: 0.9,
    region: '220221',
    leaderTitle: '县长',
    industries: ['农产品加工', '现代农业', '新能源', '化工', '装备制造'],
  },
  {
    code: 'U04',
    name: '蛟河市',
    kind: 'county',
    short: '蛟河',
    weight: 0.8,
    size: 0.8,
    region: '220281',
    leaderTitle: '市长',
    industries: ['文化旅游', '农产品加工', '新能源', '现代农业'],
  },
  {
    code: 'U05',
    name: '龙潭区',
    kind: 'county',
    short: '龙潭',
    weight: 1.0,
    size: 1.2,
    region: '220203',
    leaderTitle: '区长',
    industries: ['化工', '新材料', '碳纤维', '装备制造'],
  },
  {
    code: 'U06',
    name: '丰满区',
    kind: 'county',
    short: '丰满',
    weight: 0.9,
    size: 0.9,
    region: '220211',
    leaderTitle: '区长',
    industries: ['冰雪经济', '文化旅游', '医药健康', '现代物流'],
  },
  {
    code: 'U07',
    name: '桦甸市',
    kind: 'county',
    short: '桦甸',
    weight: 0.6,
    size: 0.7,
    region: '220282',
    leaderTitle: '市长',
    industries: ['农产品加工', '新能源', '医药健康', '文化旅游'],
  },
  {
    code: 'U08',
    name: '舒兰市',
    kind: 'county',
    short: '舒兰',
    weight: 0.6,
    size: 0.7,
    region: '220283',
    leaderTitle: '市长',
    industries: ['现代农业', '农产品加工', '新能源'],
  },
  {
    code: 'U09',
    name: '磐石市',
    kind: 'county',
    short: '磐石',
    weight: 0.8,
    size: 0.9,
    region: '220284',
    leaderTitle: '市长',
    industries: ['装备制造', '新材料', '农产品加工', '医药健康'],
  },
  {
    code: 'Z01',
    name: '吉林高新技术产业开发区',
    kind: 'zone',
    short: '高新区',
    weight: 1.4,
    size: 1.3,
    region: '220202',
    leaderTitle: '管委会主任',
    industries: ['电子信息', '新材料', '医药健康', '碳纤维', '装备制造'],
  },
  {
    code: 'Z02',
    name: '吉林经济技术开发区',
    kind: 'zone',
    short: '经开区',
    weight: 1.3,
    size: 1.5,
    region: '220203',
    leaderTitle: '管委会主任',
    industries: ['化工', '碳纤维', '新材料', '汽车零部件', '新能源'],
  },
  {
    code: 'Z03',
    name: '吉林中国新加坡食品区',
    kind: 'zone',
    short: '中新食品区',
    weight: 0.8,
    size: 0.9,
    region: '220221',
    leaderTitle: '管委会主任',
    industries: ['农产品加工', '现代农业', '现代物流', '医药健康'],
  },
  {
    code: 'Z04',
    name: '北大湖体育旅游经济开发区',
    kind: 'zone',
    short: '北大湖',
    weight: 0.6,
    size: 1.1,
    region: '220221',
    leaderTitle: '管委会主任',
    industries: ['冰雪经济', '文化旅游', '商贸服务'],
  },
  {
    code: 'D01',
    name: '市商务局',
    kind: 'department',
    short: '市商务局',
    weight: 0.35,
    size: 0.8,
    leaderTitle: '局长',
    industries: ['商贸服务', '现代物流'],
  },
  {
    code: 'D02',
    name: '市工信局',
    kind: 'department',
    short: '市工信局',
    weight: 0.35,
    size: 0.9,
    leaderTitle: '局长',
    industries: ['装备制造', '汽车零部件', '电子信息'],
  },
  {
    code: 'D03',
    name: '市发改委',
    kind: 'department',
    short: '市发改委',
    weight: 0.3,
    size: 1.0,
    leaderTitle: '主任',
    industries: ['新能源', '现代物流'],
  },
  {
    code: 'D04',
    name: '市文广旅局',
    kind: 'department',
    short: '市文广旅局',
    weight: 0.3,
    size: 0.7,
    leaderTitle: '局长',
    industries: ['文化旅游', '冰雪经济'],
  },
  {
    code: 'D05',
    name: '市农业农村局',
    kind: 'department',
    short: '市农业农村局',
    weight: 0.3,
    size: 0.6,
    leaderTitle: '局长',
    industries: ['现代农业', '农产品加工'],
  },
];

/** Departments with a target but no result in the current year (zeroResultUnits fires for them). */
export const ZERO_RESULT_UNITS = ['D04', 'D05'];
/** A department deliberately left without any target. */
export const NO_TARGET_UNITS = ['D03'];

export interface IndustrySpec {
  name: string;
  section: string;
  type: 'industrial' | 'service' | 'agriculture' | 'infrastructure' | 'other';
  words: string[];
  products: string[];
}

export const INDUSTRIES: IndustrySpec[] = [
  {
    name: '汽车零部件',
    section: 'C',
    type: 'industrial',
    words: ['汽车部件', '精密汽配', '车桥'],
    products: [
      '汽车轻量化零部件生产基地',
      '新能源汽车电驱系统配套',
      '汽车线束及连接器生产',
      '商用车底盘零部件智能制造',
      '汽车内饰件生产线',
    ],
  },
  {
    name: '新材料',
    section: 'C',
    type: 'industrial',
    words: ['新材料科技', '材料科技', '功能材料'],
    products: ['高性能复合材料生产', '电子级新材料产业化', '特种陶瓷材料生产基地', '功能性膜材料生产线', '石墨烯新材料应用'],
  },
  {
    name: '化工',
    section: 'C',
    type: 'industrial',
    words: ['化工', '精细化学', '化学材料'],
    products: ['精细化工新材料一体化', '高端聚烯烃配套', '化工园区循环经济', '环氧树脂及固化剂生产', '专用化学品生产'],
  },
  {
    name: '碳纤维',
    section: 'C',
    type: 'industrial',
    words: ['碳纤维', '复合材料', '碳材料'],
    products: ['大丝束碳纤维原丝', '碳纤维复合材料制品', '碳纤维储氢气瓶生产', '碳纤维风电叶片配套', '碳纤维预浸料生产线'],
  },
  {
    name: '农产品加工',
    section: 'C',
    type: 'agriculture',
    words: ['食品', '粮油', '农业发展'],
    products: ['优质大米精深加工', '杂粮杂豆食品加工', '肉牛屠宰及精深加工', '山珍食品加工', '玉米深加工'],
  },
  {
    name: '医药健康',
    section: 'C',
    type: 'industrial',
    words: ['生物医药', '药业', '健康产业'],
    products: ['现代中药饮片生产', '生物医药研发生产基地', '医疗器械生产', '健康养老综合体', '人参精深加工'],
  },
  {
    name: '文化旅游',
    section: 'R',
    type: 'service',
    words: ['文化旅游', '文旅发展', '旅游开发'],
    products: ['历史文化街区改造提升', '乡村旅游度假区', '松花江滨江文旅综合体', '文创产业园', '森林康养基地'],
  },
  {
    name: '冰雪经济',
    section: 'R',
    type: 'service',
    words: ['冰雪运动', '冰雪产业', '体育旅游'],
    products: ['滑雪度假区扩建', '冰雪装备制造', '冰雪主题乐园', '雪场配套度假酒店', '冰雪运动训练基地'],
  },
  {
    name: '现代物流',
    section: 'G',
    type: 'service',
    words: ['物流', '供应链', '仓储'],
    products: ['冷链物流园', '智慧物流分拨中心', '铁路货运场站物流', '跨境电商物流仓储', '农产品物流配送中心'],
  },
  {
    name: '电子信息',
    section: 'I',
    type: 'industrial',
    words: ['电子科技', '信息技术', '智能科技'],
    products: ['智能传感器生产', '光电子器件生产', '工业互联网平台', '绿色数据中心', '智能终端组装'],
  },
  {
    name: '新能源',
    section: 'D',
    type: 'infrastructure',
    words: ['新能源', '能源科技', '绿电'],
    products: ['风光储一体化', '分布式光伏发电', '生物质热电联产', '绿色氢氨醇一体化', '储能电池系统集成'],
  },
  {
    name: '装备制造',
    section: 'C',
    type: 'industrial',
    words: ['装备', '机械制造', '智能装备'],
    products: ['智能装备制造基地', '精密机械加工', '电力装备生产', '环保装备制造', '农机装备制造'],
  },
  {
    name: '现代农业',
    section: 'A',
    type: 'agriculture',
    words: ['农业科技', '牧业', '生态农业'],
    products: ['高标准设施农业', '肉牛标准化养殖', '食用菌种植基地', '梅花鹿养殖及深加工', '智慧农业示范园'],
  },
  {
    name: '商贸服务',
    section: 'F',
    type: 'service',
    words: ['商业管理', '商贸', '置业'],
    products: ['城市商业综合体', '汽车商贸城', '星级酒店', '农贸市场升级改造', '总部经济楼宇'],
  },
];

export type OriginGroupKey = 'local' | 'province' | 'domestic' | 'abroad';

export interface OriginSpec {
  /** as a clerk would type it; resolved with resolveOrigin */
  input: string;
  /** prefix for company names */
  prefix: string;
  weight: number;
  /** registration region for the credit code (abroad investors: their mainland subsidiary) */
  regCode: string;
  ownership?: Ownership;
}

export const ORIGINS: Record<OriginGroupKey, OriginSpec[]> = {
  local: [
    { input: '吉林省吉林市昌邑区', prefix: '吉林', weight: 3, regCode: '220202' },
    { input: '吉林省吉林市龙潭区', prefix: '吉林', weight: 2, regCode: '220203' },
    { input: '吉林省吉林市船营区', prefix: '吉林', weight: 3, regCode: '220204' },
    { input: '吉林省吉林市丰满区', prefix: '吉林', weight: 2, regCode: '220211' },
    { input: '吉林省吉林市永吉县', prefix: '永吉', weight: 1, regCode: '220221' },
    { input: '吉林省吉林市蛟河市', prefix: '蛟河', weight: 1, regCode: '220281' },
    { input: '吉林省吉林市桦甸市', prefix: '桦甸', weight: 1, regCode: '220282' },
    { input: '吉林省吉林市舒兰市', prefix: '舒兰', weight: 1, regCode: '220283' },
    { input: '吉林省吉林市磐石市', prefix: '磐石', weight: 1, regCode: '220284' },
    { input: '220200', prefix: '吉林', weight: 2, regCode: '220200' },
  ],
  province: [
    { input: '吉林省长春市', prefix: '长春', weight: 6, regCode: '220100' },
    { input: '吉林省四平市', prefix: '四平', weight: 1, regCode: '220300' },
    { input: '吉林省通化市', prefix: '通化', weight: 1.5, regCode: '220500' },
    { input: '吉林省白山市', prefix: '白山', weight: 1, regCode: '220600' },
    { input: '吉林省松原市', prefix: '松原', weight: 1, regCode: '220700' },
    { input: '吉林省延边朝鲜族自治州', prefix: '延边', weight: 1.5, regCode: '222400' },
  ],
  domestic: [
    { input: '上海市', prefix: '上海', weight: 5, regCode: '310000' },
    { input: '江苏省苏州市', prefix: '苏州', weight: 4, regCode: '320500' },
    { input: '江苏省南京市', prefix: '南京', weight: 2, regCode: '320100' },
    { input: '江苏省无锡市', prefix: '无锡', weight: 2, regCode: '320200' },
    { input: '浙江省杭州市', prefix: '杭州', weight: 4, regCode: '330100' },
    { input: '浙江省宁波市', prefix: '宁波', weight: 2, regCode: '330200' },
    { input: '330100', prefix: '杭州', weight: 1, regCode: '330100' },
    { input: '广东省深圳市', prefix: '深圳', weight: 5, regCode: '440300' },
    { input: '广东省广州市', prefix: '广州', weight: 2, regCode: '440100' },
    { input: '广东省东莞市', prefix: '东莞', weight: 1.5, regCode: '441900' },
    { input: '广东省佛山市', prefix: '佛山', weight: 1.5, regCode: '440600' },
    { input: '北京市', prefix: '北京', weight: 5, regCode: '110000' },
    { input: '天津市', prefix: '天津', weight: 2, regCode: '120000' },
    { input: '河北省石家庄市', prefix: '石家庄', weight: 1, regCode: '130100' },
    { input: '辽宁省沈阳市', prefix: '沈阳', weight: 1.5, regCode: '210100' },
    { input: '辽宁省大连市', prefix: '大连', weight: 1, regCode: '210200' },
    { input: '黑龙江省哈尔滨市', prefix: '哈尔滨', weight: 1, regCode: '230100' },
    { input: '山东省青岛市', prefix: '青岛', weight: 1.5, regCode: '370200' },
    { input: '山东省济南市', prefix: '济南', weight: 1, regCode: '370100' },
    { input: '湖北省武汉市', prefix: '武汉', weight: 1, regCode: '420100' },
    { input: '四川省成都市', prefix: '成都', weight: 1, regCode: '510100' },
    { input: '安徽省合肥市', prefix: '合肥', weight: 1, regCode: '340100' },
  ],
  abroad: [
    { input: '香港', prefix: '香港', weight: 4, regCode: '220200', ownership: 'hmt' },
    { input: '美国', prefix: '美国', weight: 1.5, regCode: '310000', ownership: 'foreign' },
    { input: '日本', prefix: '日本', weight: 1.5, regCode: '220200', ownership: 'foreign' },
    { input: '韩国', prefix: '韩国', weight: 2, regCode: '220200', ownership: 'foreign' },
    { input: '新加坡', prefix: '新加坡', weight: 2, regCode: '220200', ownership: 'foreign' },
    { input: '德国', prefix: '德国', weight: 1, regCode: '320500', ownership: 'foreign' },
  ],
};

/** Invented two-character trade names. */
export const TRADE_WORDS = [
  '宏瑞',
  '博川',
  '聚远',
  '启航',
  '泰和',
  '金石',
  '鼎晟',
  '华信',
  '恒通',
  '瑞丰',
  '嘉禾',
  '松源',
  '雾江',
  '北辰',
  '远帆',
  '凯越',
  '润泽',
  '中澜',
  '长禾',
  '天阔',
  '汇峰',
  '思远',
  '蓝川',
  '青岳',
  '卓衡',
  '明德',
  '华岳',
  '安澜',
  '晟达',
  '同舟',
  '瀚海',
  '坤元',
  '融晟',
  '锦程',
  '睿达',
  '正和',
  '盛衍',
  '信合',
  '骏驰',
  '拓远',
  '东岳',
  '星阑',
  '云杉',
  '松涛',
  '江澄',
];
/** Invented foreign-sounding names for companies abroad. */
export const FOREIGN_WORDS: Record<string, string[]> = {
  香港: ['恒辉', '瑞丰', '嘉颖', '港源', '汇隆', '德胜'],
  美国: ['艾森特', '博瑞思', '凯斯顿', '维尔森'],
  日本: ['丸光', '东和精工', '青叶', '北斗工业'],
  韩国: ['韩星', '新元', '世进', '东一'],
  新加坡: ['海峡', '星汇', '南洋联创', '狮城'],
  德国: ['莱茵特', '施泰因', '克劳森', '黑森'],
};

export const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
  '高',
  '罗',
  '郑',
  '梁',
  '谢',
  '宋',
  '唐',
  '许',
  '韩',
  '冯',
  '邓',
  '曹',
];
export const GIVEN_NAMES = [
  '建国',
  '志强',
  '海涛',
  '丽娟',
  '晓东',
  '文博',
  '雪梅',
  '宏伟',
  '春雨',
  '振华',
  '国庆',
  '秀兰',
  '立新',
  '佳琪',
  '明轩',
  '玉芬',
  '德胜',
  '海燕',
  '俊杰',
  '凤霞',
  '长江',
  '松涛',
  '晓峰',
  '红梅',
  '永刚',
  '淑珍',
  '宇航',
  '思远',
  '文静',
  '志刚',
];
export const CITY_LEADER_TITLES = ['市委副书记', '常务副市长', '副市长', '副市长', '副市长', '市政府秘书长'];

/** Trips, events and delegations go where investors are. */
export const PROMOTION_CITIES = [
  { city: '上海', region: '上海市', group: '长三角' },
  { city: '苏州', region: '江苏省苏州市', group: '长三角' },
  { city: '无锡', region: '江苏省无锡市', group: '长三角' },
  { city: '南京', region: '江苏省南京市', group: '长三角' },
  { city: '杭州', region: '浙江省杭州市', group: '长三角' },
  { city: '宁波', region: '浙江省宁波市', group: '长三角' },
  { city: '深圳', region: '广东省深圳市', group: '珠三角' },
  { city: '广州', region: '广东省广州市', group: '珠三角' },
  { city: '东莞', region: '广东省东莞市', group: '珠三角' },
  { city: '佛山', region: '广东省佛山市', group: '珠三角' },
  { city: '北京', region: '北京市', group: '京津冀' },
  { city: '天津', region: '天津市', group: '京津冀' },
];

export const DROP_REASONS = [
  '投资方资金链紧张，暂缓对外投资',
  '项目选址未达成一致，投资方转投其他地区',
  '投资方集团战略调整，项目取消',
  '不符合园区环保准入条件',
  '用地规模需求过大，无法满足',
  '投资方对电价等要素成本预期未达成一致',
];

export const BACKWARD_REASONS = ['投资方调整投资规模，需重新商议条款', '投资方更换项目负责人，重新洽谈', '选址变更，退回重新论证'];

export const FORWARD_REASONS: Record<string, string[]> = {
  negotiating: ['投资方确认合作意愿，进入实质性洽谈', '完成首轮对接，双方建立洽谈机制'],
  intent: ['双方签订投资意向书', '投资方来吉实地考察后明确投资意向'],
  agreement: ['签订投资合作框架协议', '签订投资协议'],
  contract: ['举行项目签约仪式，签订正式投资合同', '签订项目投资合同'],
  started: ['项目举行开工仪式', '取得施工许可，项目开工建设'],
  operating: ['项目建成投产', '首条生产线投产运营'],
};

export const FOLLOW_UP_CONTENT: Record<string, string[]> = {
  lead: [
    '与投资方初次接触，介绍{unit}区位优势和产业政策',
    '电话联系投资方，了解投资需求和选址意向',
    '通过商会推荐对接投资方，交换项目资料',
  ],
  negotiating: ['就项目选址、用地规模和投资强度进行洽谈', '与投资方洽谈土地、电价等要素保障条件', '组织相关部门与投资方座谈，解答政策问题'],
  intent: ['投资方来吉实地考察拟选地块，初步确定投资意向', '与投资方讨论协议文本主要条款', '陪同投资方考察园区基础设施配套'],
  agreement: ['跟进协议落实，推动转化为正式合同', '协调合同条款中的扶持政策兑现方式', '与投资方对接合同签订时间安排'],
  contract: ['协助企业办理项目备案和用地手续', '协调推进土地摘牌和规划设计', '帮助企业对接施工单位和银行融资'],
  started: ['现场调度项目建设进度，协调解决施工用电问题', '了解设备采购和安装进度，督促资金到位', '协调解决项目施工期间的道路和用水问题'],
  operating: ['回访企业生产经营情况，了解扩产需求', '帮助企业申报技术改造和稳岗补贴', '协调解决企业用工和物流问题'],
  dropped: ['与投资方沟通后续合作可能性'],
};

export const NEXT_STEPS = [
  '组织双方再次会谈',
  '提交项目可研报告',
  '对接要素保障部门',
  '安排投资方来吉考察',
  '跟进合同签订',
  '协调审批手续办理',
  '督促资金到位',
  '推动尽快开工',
];

export const BLOCKERS = [
  { title: '项目用地指标不足，需协调调整用地计划', dept: '市自然资源局' },
  { title: '施工用电接入滞后，影响设备调试', dept: '国网吉林供电公司' },
  { title: '环评批复办理进度较慢', dept: '市生态环境局' },
  { title: '企业流动资金贷款未落实', dept: '市金融办' },
  { title: '园区道路和管网配套未完成', dept: '市住房城乡建设局' },
  { title: '技术工人招聘困难', dept: '市人力资源社会保障局' },
  { title: '蒸汽供应价格未达成一致', dept: '市发改委' },
  { title: '外籍技术人员工作许可办理', dept: '市科技局' },
];

export const COMMITMENTS = [
  '协调完成地块“七通一平”',
  '兑现设备投资补贴政策',
  '协调办理用电增容',
  '协助申报省级专项资金',
  '协调解决员工子女入学',
  '协调落实人才公寓',
];

export const RESERVE_NAMES = [
  '产业园标准化厂房',
  '智能制造产业园',
  '精细化工产业园配套',
  '碳纤维复合材料产业园',
  '冷链物流中心',
  '冰雪旅游度假小镇',
  '康养旅游综合体',
  '农产品精深加工产业园',
  '现代农业产业园',
  '数字经济产业园',
  '新能源装备产业园',
  '汽车零部件配套园',
  '生物医药产业园',
  '文化创意街区',
  '城市更新片区',
  '商贸物流园',
  '绿色建材产业园',
  '人参产业园',
];

export const SEASONAL = [0.55, 0.7, 1.0, 0.9, 1.0, 1.25, 0.9, 0.9, 1.2, 1.0, 1.0, 1.5];
