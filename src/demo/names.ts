// Word lists for the synthetic demo population (src/demo/population.ts): names, employers, places.
// Pure data, no logic beyond small lookups. Nothing here names a real person or a real company: employer
// names are assembled from generic trade words (字号) and industry suffixes the way registrations read.

/** A value with a relative weight; weights need not sum to anything. */
export type Weighted<T> = readonly [value: T, weight: number];

// Surnames weighted by their approximate share of the population in per mille (2020 census order),
// so that 王/李/张 dominate as in any real village ledger.
export const surnames: readonly Weighted<string>[] = [
  ['王', 71],
  ['李', 70],
  ['张', 66],
  ['刘', 54],
  ['陈', 45],
  ['杨', 31],
  ['黄', 22],
  ['赵', 20],
  ['吴', 19],
  ['周', 19],
  ['徐', 15],
  ['孙', 15],
  ['马', 14],
  ['朱', 13],
  ['胡', 13],
  ['郭', 12],
  ['何', 11],
  ['林', 10],
  ['高', 10],
  ['罗', 10],
  ['郑', 9],
  ['梁', 8],
  ['谢', 7],
  ['宋', 7],
  ['唐', 7],
  ['许', 6],
  ['韩', 6],
  ['邓', 6],
  ['冯', 6],
  ['曹', 6],
  ['彭', 6],
  ['曾', 5],
  ['肖', 5],
  ['田', 5],
  ['董', 5],
  ['潘', 5],
  ['袁', 5],
  ['蔡', 4],
  ['蒋', 4],
  ['余', 4],
  ['于', 4],
  ['杜', 4],
  ['叶', 4],
  ['程', 4],
  ['魏', 4],
  ['苏', 4],
  ['吕', 4],
  ['丁', 4],
  ['任', 4],
  ['卢', 3],
  ['姚', 3],
  ['沈', 3],
  ['钟', 3],
  ['姜', 3],
  ['崔', 3],
  ['谭', 3],
  ['陆', 3],
  ['范', 3],
  ['汪', 3],
  ['廖', 3],
  ['石', 3],
  ['金', 3],
  ['韦', 3],
  ['贾', 3],
  ['夏', 2],
  ['付', 2],
  ['方', 2],
  ['邹', 2],
  ['熊', 2],
  ['白', 2],
  ['孟', 2],
  ['秦', 2],
  ['邱', 2],
  ['侯', 2],
  ['江', 2],
  ['尹', 2],
  ['薛', 2],
  ['闫', 2],
  ['段', 2],
  ['雷', 2],
  ['龙', 2],
  ['黎', 2],
  ['史', 2],
  ['陶', 2],
  ['贺', 2],
  ['毛', 2],
  ['郝', 2],
  ['顾', 2],
  ['龚', 2],
  ['邵', 2],
  ['万', 2],
  ['覃', 2],
  ['武', 2],
  ['钱', 2],
  ['戴', 2],
  ['严', 2],
  ['莫', 2],
  ['孔', 2],
  ['向', 2],
  ['常', 1],
  ['牛', 1],
  ['申', 1],
  ['聂', 1],
  ['耿', 1],
];

// Given-name characters. Most rural names are one or two of these; the generator mixes a sex-leaning
// character with a neutral one so that names like 建华, 秀英, 子涵 come out.
export const maleGivenChars: readonly string[] = [
  ...'伟强军磊勇杰涛斌明超刚平辉鹏飞鑫波宇浩凯健俊帆帅旭龙峰建国兵锋海成亮志永德庆福财贵富',
  ...'宝山江河松柏虎彪振兴利金铁柱根生发旺喜顺全胜民权荣昌忠义仁孝卫武毅泽睿博轩豪航铭宏伦彬坤',
  ...'栋梁森雷威盛钢骏杨瑞祥祺琦晖锐哲诚',
];

export const femaleGivenChars: readonly string[] = [
  ...'芳娜敏静丽艳娟霞秀英玲桂兰萍梅琴莲珍凤翠花红燕洁丹玉婷雪琳颖倩慧淑惠莉菊美爱彩香巧素晶',
  ...'蓉媛娇薇露怡蕾璐瑶琪婉妍悦蓓妮娅姗婧嫣婕萌涵雯馨钰诗梦茹莎岚菲琼冰霜黛娥姣妹珊环霄荷',
  ...'蝶莺柳芬芝芸萱',
];

export const neutralGivenChars: readonly string[] = [
  ...'文华宁安春秋冬晓小清新一子可欣雨晨阳青云星乐嘉佳思若希言心怀景然知远和君光正方天中东南',
  ...'北永长立达善艺亦益逸依雅俊凡舒扬航泉源润明月海林峰山川岩溪朝夕锦书琛瑜璟翔宸奕晗沐',
];

// Inner Mongolia: a share of households are Mongolian. Many Mongolians there write their name without a
// Chinese surname (巴特尔) or with one of a few surnames taken from clan names (包, 白, 宝, 韩 …).
export const mongolianSurnames: readonly Weighted<string>[] = [
  ['', 40],
  ['包', 20],
  ['白', 12],
  ['宝', 8],
  ['韩', 6],
  ['吴', 5],
  ['乌', 5],
  ['那', 4],
];

export const mongolianMaleNames: readonly string[] = [
  '巴特尔',
  '宝音',
  '那顺',
  '额尔敦',
  '朝鲁',
  '孟和',
  '苏和',
  '格日勒图',
  '阿拉坦仓',
  '巴雅尔',
  '哈斯',
  '吉日嘎拉',
  '敖其尔',
  '特木尔',
  '毕力格',
  '巴图',
  '乌力吉',
  '达来',
  '满都拉',
  '布和',
];

export const mongolianFemaleNames: readonly string[] = [
  '乌云',
  '其其格',
  '萨仁',
  '娜仁',
  '高娃',
  '图雅',
  '斯琴',
  '托娅',
  '乌兰',
  '琪琪格',
  '萨日娜',
  '额尔登其木格',
  '塔娜',
  '阿拉腾花',
  '格日乐',
  '吉雅',
  '苏日娜',
  '其木格',
];

/** Provinces by their 2-digit code (GB/T 2260), as written in addresses. */
export const provinceNames: Readonly<Record<string, string>> = {
  '11': '北京市',
  '12': '天津市',
  '13': '河北省',
  '14': '山西省',
  '15': '内蒙古自治区',
  '21': '辽宁省',
  '22': '吉林省',
  '23': '黑龙江省',
  '31': '上海市',
  '32': '江苏省',
  '33': '浙江省',
  '34': '安徽省',
  '35': '福建省',
  '36': '江西省',
  '37': '山东省',
  '41': '河南省',
  '42': '湖北省',
  '43': '湖南省',
  '44': '广东省',
  '45': '广西壮族自治区',
  '46': '海南省',
  '50': '重庆市',
  '51': '四川省',
  '52': '贵州省',
  '53': '云南省',
  '54': '西藏自治区',
  '61': '陕西省',
  '62': '甘肃省',
  '63': '青海省',
  '64': '宁夏回族自治区',
  '65': '新疆维吾尔自治区',
};

/** The four municipalities: their "cities" are districts, and a place is written 北京市大兴区. */
export const municipalities: ReadonlySet<string> = new Set(['11', '12', '31', '50']);

// Destinations inside the person's own province (县外省内): prefecture-level cities, or districts for
// the municipalities. Written after the province name: 山东省 + 潍坊市.
export const inProvinceCities: Readonly<Record<string, readonly string[]>> = {
  '11': ['朝阳区', '海淀区', '丰台区', '大兴区', '通州区', '顺义区', '昌平区'],
  '12': ['滨海新区', '西青区', '武清区', '津南区', '北辰区', '东丽区'],
  '13': ['石家庄市', '唐山市', '保定市', '廊坊市', '邯郸市', '沧州市', '秦皇岛市', '邢台市', '衡水市'],
  '14': ['太原市', '大同市', '长治市', '晋城市', '临汾市', '运城市', '晋中市', '吕梁市'],
  '15': ['呼和浩特市', '包头市', '鄂尔多斯市', '赤峰市', '通辽市', '呼伦贝尔市', '乌兰察布市', '巴彦淖尔市'],
  '21': ['沈阳市', '大连市', '鞍山市', '营口市', '锦州市', '丹东市'],
  '22': ['长春市', '吉林市', '四平市', '通化市', '松原市'],
  '23': ['哈尔滨市', '大庆市', '齐齐哈尔市', '牡丹江市', '佳木斯市'],
  '31': ['浦东新区', '闵行区', '松江区', '嘉定区', '青浦区', '奉贤区', '宝山区'],
  '32': ['南京市', '苏州市', '无锡市', '常州市', '南通市', '扬州市', '徐州市', '盐城市', '宿迁市', '淮安市'],
  '33': ['杭州市', '宁波市', '温州市', '金华市', '嘉兴市', '绍兴市', '台州市', '湖州市'],
  '34': ['合肥市', '芜湖市', '蚌埠市', '阜阳市', '六安市', '安庆市', '马鞍山市', '滁州市'],
  '35': ['福州市', '厦门市', '泉州市', '漳州市', '莆田市', '龙岩市'],
  '36': ['南昌市', '赣州市', '九江市', '上饶市', '吉安市', '宜春市', '抚州市', '萍乡市'],
  '37': ['济南市', '青岛市', '烟台市', '潍坊市', '淄博市', '临沂市', '济宁市', '聊城市', '德州市', '威海市'],
  '41': ['郑州市', '洛阳市', '新乡市', '南阳市', '许昌市', '周口市', '商丘市', '信阳市'],
  '42': ['武汉市', '宜昌市', '襄阳市', '荆州市', '十堰市', '黄冈市', '孝感市'],
  '43': ['长沙市', '株洲市', '湘潭市', '衡阳市', '岳阳市', '常德市', '郴州市', '邵阳市'],
  '44': ['广州市', '深圳市', '东莞市', '佛山市', '中山市', '惠州市', '珠海市', '江门市'],
  '45': ['南宁市', '柳州市', '桂林市', '玉林市', '北海市', '钦州市', '梧州市'],
  '46': ['海口市', '三亚市', '儋州市'],
  '50': ['渝北区', '江北区', '九龙坡区', '沙坪坝区', '巴南区', '万州区', '涪陵区'],
  '51': ['成都市', '绵阳市', '德阳市', '宜宾市', '南充市', '泸州市', '乐山市', '达州市'],
  '52': ['贵阳市', '遵义市', '六盘水市', '毕节市', '安顺市', '铜仁市'],
  '53': ['昆明市', '曲靖市', '玉溪市', '昭通市', '保山市', '普洱市'],
  '54': ['拉萨市', '日喀则市', '林芝市', '昌都市'],
  '61': ['西安市', '宝鸡市', '咸阳市', '榆林市', '延安市', '汉中市', '渭南市'],
  '62': ['兰州市', '天水市', '白银市', '酒泉市', '张掖市', '武威市', '庆阳市'],
  '63': ['西宁市', '海东市'],
  '64': ['银川市', '石嘴山市', '吴忠市', '固原市', '中卫市'],
  '65': ['乌鲁木齐市', '克拉玛依市', '哈密市', '吐鲁番市', '石河子市'],
};

/** A migrant-work destination out of the person's province. */
export interface Destination {
  /** 2-digit province code, to leave out the person's own province. */
  province: string;
  /** As officials write it in the ledger (务工地点). */
  place: string;
  /** The city part used in employer names, e.g. 东莞市. */
  city: string;
  weight: number;
}

// Out-of-province destinations (省外务工), weighted roughly by where rural migrants from the centre and
// the west go: the Pearl River delta, the Yangtze delta, Beijing–Tianjin, the Fujian coast.
export const outOfProvinceDestinations: readonly Destination[] = [
  { province: '44', place: '广东省东莞市', city: '东莞市', weight: 8 },
  { province: '44', place: '广东省深圳市', city: '深圳市', weight: 7 },
  { province: '44', place: '广东省广州市', city: '广州市', weight: 6 },
  { province: '44', place: '广东省佛山市', city: '佛山市', weight: 5 },
  { province: '44', place: '广东省中山市', city: '中山市', weight: 3 },
  { province: '44', place: '广东省惠州市', city: '惠州市', weight: 3 },
  { province: '33', place: '浙江省宁波市', city: '宁波市', weight: 5 },
  { province: '33', place: '浙江省杭州市', city: '杭州市', weight: 4 },
  { province: '33', place: '浙江省温州市', city: '温州市', weight: 3 },
  { province: '33', place: '浙江省金华市', city: '金华市', weight: 3 },
  { province: '33', place: '浙江省嘉兴市', city: '嘉兴市', weight: 2 },
  { province: '33', place: '浙江省绍兴市', city: '绍兴市', weight: 2 },
  { province: '32', place: '江苏省苏州市', city: '苏州市', weight: 6 },
  { province: '32', place: '江苏省无锡市', city: '无锡市', weight: 3 },
  { province: '32', place: '江苏省南京市', city: '南京市', weight: 3 },
  { province: '32', place: '江苏省常州市', city: '常州市', weight: 2 },
  { province: '31', place: '上海市', city: '上海市', weight: 5 },
  { province: '11', place: '北京市', city: '北京市', weight: 4 },
  { province: '12', place: '天津市', city: '天津市', weight: 3 },
  { province: '35', place: '福建省厦门市', city: '厦门市', weight: 2 },
  { province: '35', place: '福建省泉州市', city: '泉州市', weight: 3 },
  { province: '35', place: '福建省福州市', city: '福州市', weight: 2 },
  { province: '37', place: '山东省青岛市', city: '青岛市', weight: 2 },
  { province: '37', place: '山东省烟台市', city: '烟台市', weight: 1 },
  { province: '13', place: '河北省廊坊市', city: '廊坊市', weight: 1 },
  { province: '15', place: '内蒙古自治区鄂尔多斯市', city: '鄂尔多斯市', weight: 1 },
  { province: '42', place: '湖北省武汉市', city: '武汉市', weight: 1 },
  { province: '51', place: '四川省成都市', city: '成都市', weight: 1 },
  { province: '61', place: '陕西省西安市', city: '西安市', weight: 1 },
  { province: '65', place: '新疆维吾尔自治区乌鲁木齐市', city: '乌鲁木齐市', weight: 1 },
];

// Where people of a province mostly go when they leave it (destination provinces get 4× weight):
// the north to Beijing–Tianjin, Jiangxi and the south-west to the coast.
export const outOfProvinceAffinity: Readonly<Record<string, readonly string[]>> = {
  '13': ['11', '12'],
  '14': ['11', '12', '13'],
  '15': ['11', '12', '13'],
  '36': ['44', '33', '35'],
  '37': ['11', '12', '32'],
  '41': ['44', '33', '32'],
  '45': ['44'],
  '50': ['44', '33', '37'],
  '51': ['44', '33', '35'],
  '52': ['44', '33'],
  '53': ['44', '31'],
  '62': ['12', '37', '65'],
  '64': ['35'],
};

/** A labour-cooperation arrangement (劳务协作) that organises people of a province to work elsewhere. */
export interface Cooperation {
  name: string;
  /** Places the cooperation sends people to. */
  destinations: readonly { province: string; place: string; city: string }[];
}

// Cooperation labels by the province people come from. East–west pairings (东西部协作) as they stand
// since 2021 — Beijing–Inner Mongolia (京蒙, seed 001), Shandong–Chongqing (鲁渝: Chongqing people go to
// Shandong; seed 000 names 聊城—彭水) and others; for every province, work organised inside it is
// labelled 省内劳务协作 (seed 000 §(四)).
export const cooperations: Readonly<Record<string, readonly Cooperation[]>> = {
  '13': [
    { name: '京冀劳务协作', destinations: [{ province: '11', place: '北京市', city: '北京市' }] },
    { name: '津冀劳务协作', destinations: [{ province: '12', place: '天津市', city: '天津市' }] },
  ],
  '14': [
    {
      name: '京津冀劳务协作',
      destinations: [
        { province: '11', place: '北京市', city: '北京市' },
        { province: '12', place: '天津市', city: '天津市' },
      ],
    },
  ],
  '15': [
    {
      name: '京蒙劳务协作',
      destinations: [
        { province: '11', place: '北京市', city: '北京市' },
        { province: '11', place: '北京市大兴区', city: '北京市' },
        { province: '11', place: '北京市顺义区', city: '北京市' },
      ],
    },
  ],
  '36': [
    {
      name: '赣粤劳务协作',
      destinations: [
        { province: '44', place: '广东省东莞市', city: '东莞市' },
        { province: '44', place: '广东省深圳市', city: '深圳市' },
      ],
    },
  ],
  '45': [{ name: '粤桂协作', destinations: [{ province: '44', place: '广东省广州市', city: '广州市' }] }],
  '50': [
    {
      name: '鲁渝劳务协作',
      destinations: [
        { province: '37', place: '山东省青岛市', city: '青岛市' },
        { province: '37', place: '山东省烟台市', city: '烟台市' },
      ],
    },
  ],
  '51': [{ name: '浙川劳务协作', destinations: [{ province: '33', place: '浙江省宁波市', city: '宁波市' }] }],
  '52': [{ name: '粤黔劳务协作', destinations: [{ province: '44', place: '广东省佛山市', city: '佛山市' }] }],
  '53': [{ name: '沪滇劳务协作', destinations: [{ province: '31', place: '上海市', city: '上海市' }] }],
  '61': [{ name: '苏陕劳务协作', destinations: [{ province: '32', place: '江苏省苏州市', city: '苏州市' }] }],
  '62': [
    { name: '津甘劳务协作', destinations: [{ province: '12', place: '天津市', city: '天津市' }] },
    { name: '鲁甘劳务协作', destinations: [{ province: '37', place: '山东省青岛市', city: '青岛市' }] },
  ],
  '63': [{ name: '苏青劳务协作', destinations: [{ province: '32', place: '江苏省无锡市', city: '无锡市' }] }],
  '64': [{ name: '闽宁劳务协作', destinations: [{ province: '35', place: '福建省福州市', city: '福州市' }] }],
};

export const inProvinceCooperationName = '省内劳务协作';

// Trade words (字号) of invented companies. Generic auspicious words, as most small firms use.
export const tradeNames: readonly string[] = [
  ...['鑫达', '宏远', '恒信', '华泰', '永兴', '金源', '瑞丰', '顺发', '天成', '盛世', '隆鑫', '兴旺', '鼎盛'],
  ...['嘉禾', '信诚', '正大', '海川', '立新', '长荣', '德润', '凯旋', '通达', '联创', '汇丰', '聚力', '益民'],
  ...['远航', '昌盛', '广源', '富华', '明辉', '新宇', '东升', '泰和', '中兴', '润泽', '锦程', '佳美', '兴业'],
];

// Employers of migrant workers, by industry: 电子厂, 建筑工地, 物流, 食品加工, 服装厂, 家政 …
// Each entry is a suffix after `${city}${trade}`; weights follow what migrants from poor areas do.
export const migrantEmployerSuffixes: readonly Weighted<string>[] = [
  ['电子有限公司', 8],
  ['电子科技有限公司', 5],
  ['建筑工程有限公司', 8],
  ['建筑劳务有限公司', 5],
  ['物流有限公司', 5],
  ['快递服务有限公司', 3],
  ['食品加工有限公司', 4],
  ['食品有限公司', 3],
  ['服装厂', 4],
  ['服饰有限公司', 3],
  ['纺织有限公司', 3],
  ['鞋业有限公司', 2],
  ['家具有限公司', 2],
  ['机械制造有限公司', 3],
  ['汽车零部件有限公司', 3],
  ['塑胶制品有限公司', 2],
  ['包装材料有限公司', 2],
  ['物业管理有限公司', 3],
  ['保安服务有限公司', 2],
  ['家政服务有限公司', 2],
  ['餐饮管理有限公司', 3],
  ['酒店管理有限公司', 2],
];

// Employers inside the county (本地企业): agriculture, processing, building materials, cooperatives.
export const localEmployerSuffixes: readonly Weighted<string>[] = [
  ['农业科技有限公司', 5],
  ['农牧业发展有限公司', 3],
  ['食品有限公司', 4],
  ['农产品加工有限公司', 4],
  ['建材有限公司', 3],
  ['建筑工程有限公司', 3],
  ['服装有限公司', 3],
  ['纺织有限公司', 2],
  ['物流有限公司', 2],
  ['商贸有限公司', 2],
  ['种植专业合作社', 3],
  ['养殖专业合作社', 3],
  ['农机专业合作社', 1],
  ['光伏电力有限公司', 1],
];

/** Products of assistance workshops (帮扶车间): light, labour-intensive work near home (seed 003 §7, 004). */
export const workshopProducts: readonly string[] = [
  '服装加工',
  '箱包加工',
  '电子元件组装',
  '假发加工',
  '手工编织',
  '食用菌种植',
  '农产品初加工',
  '玩具加工',
  '鞋帽加工',
  '中药材加工',
];

/** Work-relief (以工代赈) project kinds: small rural infrastructure. */
export const workReliefProjects: readonly string[] = [
  '农村道路建设',
  '小型水利设施建设',
  '高标准农田建设',
  '农村人居环境整治',
  '产业路建设',
  '农田灌溉渠道改造',
];

/** Small own businesses (自主创业), written `${surname}记${kind}` or kept without a name. */
export const selfEmployedKinds: readonly string[] = [
  '小吃店',
  '便利店',
  '养殖场',
  '农家乐',
  '汽修店',
  '理发店',
  '电商网店',
  '家电维修部',
  '农资店',
];

/** Skills as written in the ledger (技能), for skilled labourers and some others. */
export const skills: readonly string[] = [
  '电工',
  '焊工',
  '厨师',
  '挖掘机操作',
  '家政服务',
  '育婴员',
  '养老护理员',
  '缝纫',
  '泥瓦工',
  '木工',
  '汽车驾驶',
  '电商直播',
  '农机操作',
  '果树栽培',
  '畜禽养殖',
  '保安',
  '快递分拣',
  '中式面点',
];

// Resettlement sites (易地扶贫搬迁集中安置区) are named like housing estates: 幸福家园安置区.
export const resettlementSiteWords: readonly string[] = [
  '幸福',
  '阳光',
  '和谐',
  '康居',
  '安居',
  '富民',
  '振兴',
  '同心',
  '惠民',
  '兴隆',
  '福苑',
  '乐业',
];
export const resettlementSiteSuffixes: readonly string[] = ['家园', '社区', '新村', '小区', '新城'];

/** Mobile number prefixes in common use (the first three digits). */
export const mobilePrefixes: readonly string[] = [
  ...['130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '150', '151', '152', '153'],
  ...['155', '156', '157', '158', '159', '166', '173', '175', '176', '177', '178', '180', '181', '182'],
  ...['183', '184', '185', '186', '187', '188', '189', '191', '198', '199'],
];
