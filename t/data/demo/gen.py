#!/usr/bin/env python3
"""Deterministic generator of the yq demo corpus (沄江市, 2026-11-20..23).

All texts below are hand-written fiction.  Run `python3 gen.py` in this
directory; it rewrites every output file.  No network, one fixed seed.
"""
import csv, gzip, hashlib, io, json, os, random, uuid, base64
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
TZ = timezone(timedelta(hours=8))
T0 = datetime(2026, 11, 20, 0, 0, tzinfo=TZ)
TEND = datetime(2026, 11, 23, 0, 0, tzinfo=TZ)
RNG = random.Random(20261120)

def at(s):
    """'20 08:12' -> datetime on 2026-11-DD HH:MM +08:00."""
    d, hm = s.split()
    h, m = hm.split(':')
    return datetime(2026, 11, int(d), int(h), int(m), tzinfo=TZ)

PLACES = [
    ("331200", "沄江市", "沄江", "city", "330000"),
    ("331202", "城东区", "城东", "district", "331200"),
    ("331203", "北溪区", "北溪", "district", "331200"),
    ("331221", "青石县", "青石", "county", "331200"),
    ("331222", "白沙县", "白沙", "county", "331200"),
    ("331281", "临河市", "临河", "county", "331200"),
]

# ---------------------------------------------------------------- events
EVENTS = [
 dict(label="incinerator", name="北溪区垃圾焚烧发电项目群众聚集",
      categories=["public_interest", "mass_incident"],
      places=["沄江市", "北溪区"],
      bodies=["北溪区人民政府", "沄江市生态环境局", "北溪区桐岭街道办事处"],
      owner="北溪区人民政府", coordinator=None, level=None,
      rule="公众切身利益（群体性事件苗头），属地管理：北溪区人民政府；48小时内回应"),
 dict(label="chem_blast", name="青石县化工园区恒晟化工爆炸事故",
      categories=["emergency.accident", "production_safety"],
      places=["沄江市", "青石县"],
      bodies=["沄江市应急管理局", "沄江市人民政府", "青石县应急管理局", "青石县人民政府"],
      owner="沄江市人民政府", coordinator="沄江市应急管理局", level="重大",
      rule="重大生产安全事故（死亡12人，10-29人），5小时内发布权威信息，24小时内召开新闻发布会；由沄江市人民政府负责，市应急管理局具体"),
 dict(label="school_food", name="城东区实验小学食堂学生身体不适",
      categories=["food_safety", "livelihood"],
      places=["沄江市", "城东区"],
      bodies=["城东区市场监督管理局", "城东区教育局", "城东区人民政府"],
      owner="城东区市场监督管理局; 城东区教育局", coordinator="城东区人民政府办公室、区委宣传部",
      level=None,
      rule="涉及多个部门：市场监管、教育各按职责回应，区政府办公室和宣传部门协调；48小时内回应"),
 dict(label="housing_policy", name="沄江市住房公积金新规被误读为禁止二手房交易",
      categories=["policy_misreading"],
      places=["沄江市"],
      bodies=["沄江市住房和城乡建设局", "沄江市住房公积金管理中心"],
      owner="沄江市住房和城乡建设局", coordinator=None, level=None,
      rule="对政策措施的误解误读，谁主管谁负责：沄江市住房和城乡建设局；48小时内回应"),
 dict(label="bridge_rumour", name="白沙县沄江大桥垮塌谣言",
      categories=["rumour"],
      places=["沄江市", "白沙县"],
      bodies=["白沙县公安局", "白沙县交通运输局"],
      owner="白沙县公安局", coordinator="白沙县委网信办", level=None,
      rule="涉及社会公共安全的谣言，属地管理：白沙县；造谣传谣移交公安、网信处理"),
 dict(label="water_outage", name="临河市大面积停水投诉",
      categories=["livelihood", "public_interest"],
      places=["沄江市", "临河市"],
      bodies=["临河市住房和城乡建设局", "临河市自来水有限公司"],
      owner="临河市人民政府（临河市住房和城乡建设局）", coordinator=None, level=None,
      rule="群众切身利益，属地管理：临河市；48小时内回应"),
 dict(label="noise", name="日常（天气、旅游、体育、交通、演出、美食）",
      categories=[], places=["沄江市"], bodies=[], owner=None,
      coordinator=None, level=None, rule="无需回应"),
]

# ---------------------------------------------------------------- accounts
WB_USERS = {  # name: (uid, kind) kind: user / verified / bigv / gov
 "桐岭小区业主老陈": ("5830112201", "user"),
 "北溪住着的阿敏": ("6011239852", "user"),
 "沄江吃货小分队": ("3120558812", "verified"),
 "江南观察者": ("1873330091", "bigv"),
 "财经老吴说房": ("2298817765", "bigv"),
 "青石打工人": ("7012345881", "user"),
 "化工园区边上的小王": ("7390018273", "user"),
 "沄江交警": ("2003317721", "gov"),
 "沄江天气": ("2003317710", "verified"),
 "白沙阿强": ("6620019934", "user"),
 "临河老街坊": ("5512098841", "user"),
 "临河妈妈群": ("5512098977", "user"),
 "城东宝妈Lily": ("6678122301", "user"),
 "实验小学家长": ("6678122999", "user"),
 "沄江头条": ("3300123456", "verified"),
 "浙里有话": ("1650098712", "bigv"),
 "跑步的老周": ("5023994812", "user"),
 "沄江文旅": ("2003317733", "gov"),
 "小林爱拍照": ("6200981123", "user"),
 "北溪环保志愿者": ("5830119987", "user"),
 "青石县消防救援大队": ("2003317790", "gov"),
 "吃瓜群众甲": ("7788001122", "user"),
 "路过的程序员": ("7788001555", "user"),
 "沄江体育": ("3300123999", "verified"),
}

# ---------------------------------------------------------------- hand-written posts
# Each entry: (when, platform, source, author, title, text, extra)
# platform: news gov weibo wechat forum.  extra: dict (answer form, seed metric)
P = []

def post(ev, when, platform, source, author, text, title=None, **kw):
    P.append(dict(ev=ev, when=at(when), platform=platform, source=source,
                  author=author, title=title, text=text.strip(), **kw))

# ======================================================== 1. incinerator
E = "incinerator"
post(E, "20 08:12", "weibo", "微博", "桐岭小区业主老陈",
 "刚知道北溪区要在桐岭建垃圾焚烧发电厂，离我们小区直线不到一公里！！公示就贴了几天谁看得到？环评报告也没见着，二恶英飘过来孩子怎么办[怒] #北溪垃圾焚烧#")
post(E, "20 09:05", "weibo", "微博", "北溪住着的阿敏",
 "桐岭那个焚烧厂是真的吗？我们家就在桐岭街道，早上群里已经炸了，有人说下周就要开工。北溪区政府能不能出来说句话")
post(E, "20 11:30", "forum", "沄江论坛", "tongling_2019",
 "【求证】北溪区桐岭垃圾焚烧发电项目到底选址在哪里？\n听说项目叫“沄江市北溪区生活垃圾焚烧发电项目”，日处理垃圾1500吨，选址在桐岭街道西山村附近，离桐岭花园、溪畔家园都很近。有没有懂行的说一下，这种规模的焚烧厂防护距离要多少？我们业主准备写联名信，愿意签名的在楼下回帖。",
 title="【求证】北溪区桐岭垃圾焚烧发电项目到底选址在哪里？")
post(E, "20 14:20", "weibo", "微博", "北溪环保志愿者",
 "整理了一下北溪垃圾焚烧项目的信息：1.项目日处理1500吨；2.选址桐岭街道西山村；3.环评第一次公示时间很短；4.周边3公里内有两所小学、一家社区医院。建议沄江市生态环境局把环评全本公开，接受群众监督。不是反对处理垃圾，是反对不透明。")
post(E, "20 16:45", "wechat", "微信", "北溪生活圈",
 "桐岭垃圾焚烧厂，我们到底担心什么？",
 title="桐岭垃圾焚烧厂，我们到底担心什么？", biz="MzA4NjExMjM0MQ==")
post(E, "20 21:10", "weibo", "微博", "桐岭小区业主老陈",
 "联名信已经有两千三百多人签了，明天上午九点大家去北溪区政府门口递交，理性表达，不要过激，带好身份证[加油]")
post(E, "21 09:20", "weibo", "微博", "北溪住着的阿敏",
 "区政府门口已经来了好几百人，大家都很克制，拉着“反对桐岭建焚烧厂 要求公开环评”的横幅，有工作人员出来收了联名信。现场有警察维持秩序。#北溪垃圾焚烧#")
post(E, "21 10:05", "weibo", "微博", "江南观察者",
 "北溪区桐岭垃圾焚烧项目引发数百名居民在区政府门外聚集。垃圾围城是真问题，邻避冲突也是真问题，关键在于选址论证和信息公开是否充分。希望北溪方面尽快回应群众关切，把环评、选址、防护距离讲清楚，别等事情发酵。")
post(E, "21 11:40", "news", "沄江新闻网", "沄江新闻网",
 "北溪区部分居民就桐岭垃圾焚烧发电项目选址表达诉求\n11月21日上午，北溪区部分居民聚集在北溪区人民政府门前，就拟建的北溪区生活垃圾焚烧发电项目选址问题表达诉求，并递交了有2300余人签名的联名信。记者在现场看到，居民情绪总体平稳，区信访局工作人员现场接收了联名信并登记诉求。\n据了解，该项目设计日处理生活垃圾1500吨，选址位于桐岭街道西山村，目前处于环境影响评价第一次公示阶段，尚未开工建设。有居民表示，公示期较短、信息不够充分，担心焚烧产生的二恶英和异味影响周边小区和学校。\n记者就此联系北溪区人民政府和沄江市生态环境局，相关负责人表示正在研究群众诉求，将尽快向社会说明情况。本网将持续关注。",
 title="北溪区部分居民就桐岭垃圾焚烧发电项目选址表达诉求")
post(E, "21 14:30", "gov", "北溪发布", "北溪区人民政府",
 "关于北溪区生活垃圾焚烧发电项目有关情况的说明\n近日，有群众反映北溪区生活垃圾焚烧发电项目（以下简称“项目”）选址及环境影响等问题，区委、区政府高度重视。现将有关情况说明如下：\n一、项目目前处于前期论证阶段，环境影响评价第一次信息公示于11月12日发布，尚未通过审批，未开工建设。\n二、区政府决定暂停项目前期工作，延长公示期，并在桐岭街道设立现场咨询点，将环境影响评价报告全本、选址论证材料向社会公开。\n三、下一步将邀请沄江市生态环境局、专家和居民代表共同参与选址再论证，充分听取群众意见，未经充分论证和群众参与，项目不予推进。\n感谢广大群众对北溪发展的关心。咨询电话：0571-8812 3456。\n北溪区人民政府\n2026年11月21日",
 title="关于北溪区生活垃圾焚烧发电项目有关情况的说明", answer="statement")
post(E, "21 15:30", "news", "沄江日报", "记者 周晓岚",
 "北溪区暂停垃圾焚烧发电项目前期工作 环评全本将公开\n本报讯（记者 周晓岚）11月21日下午，北溪区人民政府发布情况说明，决定暂停北溪区生活垃圾焚烧发电项目前期工作，延长公示期，并将环境影响评价报告全本和选址论证材料向社会公开。\n情况说明称，项目目前处于前期论证阶段，尚未通过审批，未开工建设。下一步将邀请市生态环境局、专家和居民代表共同参与选址再论证。\n当天上午，北溪区部分居民在区政府门前递交联名信，对项目选址表示担忧。多位居民告诉记者，看到区里的说明后“心里踏实了一些”，希望后续论证过程真正公开透明。",
 title="北溪区暂停垃圾焚烧发电项目前期工作 环评全本将公开", reprint=["沄江新闻网", "之江晨报"])
post(E, "21 16:10", "weibo", "微博", "北溪环保志愿者",
 "北溪发布的情况说明出来了：暂停前期工作，环评全本公开，居民代表参与再论证。这个态度值得肯定，接下来就看落实了。#北溪垃圾焚烧#")
post(E, "22 10:30", "wechat", "微信", "沄江城事",
 "北溪焚烧厂暂停之后，垃圾往哪儿去？",
 title="北溪焚烧厂暂停之后，垃圾往哪儿去？", biz="MzI0NTc3ODg5MA==")

# ======================================================== 2. chem_blast
E = "chem_blast"
post(E, "20 15:20", "weibo", "微博", "化工园区边上的小王",
 "卧槽青石化工园区那边刚刚一声巨响，窗户都在抖，黑烟冲得老高！！！有没有人知道是哪个厂[惊恐]")
post(E, "20 15:31", "weibo", "微博", "青石打工人",
 "是恒晟化工！我同事就在隔壁厂，说整个车间都没了，救护车一辆接一辆往园区开，求平安[祈祷]")
post(E, "20 15:48", "weibo", "微博", "青石县消防救援大队",
 "【警情通报】11月20日15时19分，青石县化工园区内沄江恒晟化工有限公司发生爆炸，我大队接警后立即调派12车56人赶赴现场处置，市消防救援支队增派力量增援。目前明火已基本控制，现场搜救工作正在进行。请周边群众不要靠近，关好门窗。")
post(E, "20 16:30", "weibo", "微博", "沄江头条",
 "#青石化工厂爆炸# 【青石县化工园区一化工厂发生爆炸】今天15时许，青石县化工园区沄江恒晟化工有限公司发生爆炸，现场浓烟滚滚。据现场人员说有人员伤亡，具体情况待官方通报。周边多所学校已组织学生疏散。")
post(E, "20 17:05", "forum", "沄江论坛", "qingshi_laoli",
 "青石化工园区爆炸，离我家三公里，玻璃碎了一地\n刚刚那声真的吓死人，我们村好几户人家窗户玻璃都震碎了。现在空气里一股刺鼻的味道，有没有人知道会不会有毒？政府能不能告诉我们要不要撤离？",
 title="青石化工园区爆炸，离我家三公里，玻璃碎了一地")
post(E, "20 18:15", "gov", "沄江发布", "沄江市应急管理局",
 "关于青石县化工园区沄江恒晟化工有限公司爆炸事故的情况通报\n2026年11月20日15时19分许，位于青石县化工园区的沄江恒晟化工有限公司发生爆炸事故。事故发生后，市委、市政府主要领导第一时间赶赴现场，成立现场指挥部，全力组织救援。\n截至18时，事故已造成3人死亡、21人受伤，伤员均已送往沄江市第一人民医院、青石县人民医院救治，另有5人失联，搜救工作正在进行。现场明火已扑灭。市生态环境局对周边大气、水体开展连续监测，目前园区外未检出特征污染物超标。\n事故原因正在调查中，后续情况将及时发布。\n沄江市应急管理局\n2026年11月20日",
 title="关于青石县化工园区沄江恒晟化工有限公司爆炸事故的情况通报", answer="statement")
post(E, "20 18:40", "news", "沄江日报", "记者 陈立新 王蕾",
 "青石县化工园区一企业发生爆炸 已造成3人死亡21人受伤\n本报讯（记者 陈立新 王蕾）11月20日15时19分许，青石县化工园区沄江恒晟化工有限公司发生爆炸事故。据沄江市应急管理局通报，截至20日18时，事故已造成3人死亡、21人受伤，另有5人失联。\n事故发生后，市委、市政府主要领导第一时间赶赴现场指挥救援，市消防救援支队、青石县应急管理局等多部门力量参与处置。伤员已分别送往沄江市第一人民医院和青石县人民医院救治。\n市生态环境局已在园区周边布设监测点，开展大气和水质连续监测。目前，事故原因正在调查中。",
 title="青石县化工园区一企业发生爆炸 已造成3人死亡21人受伤", reprint=["沄江新闻网", "之江晨报"])
post(E, "20 19:30", "weibo", "微博", "江南观察者",
 "青石县化工园区爆炸，3死21伤5失联。化工园区的安全监管年年讲，为什么还是一次次出事？这家企业此前有没有被处罚过？安全评价谁做的？希望调查公开透明，别让遇难者白白牺牲。#青石化工厂爆炸#")
post(E, "21 02:10", "news", "沄江新闻网", "沄江新闻网",
 "青石化工厂爆炸事故死亡人数升至7人\n记者从青石县化工园区爆炸事故现场指挥部获悉，截至11月21日1时，搜救人员又找到4名遇难者，事故死亡人数升至7人，仍有1人失联，受伤人员增至23人，其中重伤4人。\n目前，现场搜救工作仍在连夜进行，沄江市、青石县两级医疗专家组正全力救治伤员。",
 title="青石化工厂爆炸事故死亡人数升至7人")
post(E, "21 08:15", "weibo", "微博", "浙里有话",
 "青石化工厂爆炸事故死亡人数已升至7人。从昨天下午到现在，除了一条情况通报，官方再没有新消息，连发布会都没开。这么大的事故，家属在医院门口等消息，网上各种说法满天飞，沄江市政府应该尽快开新闻发布会，把伤亡、原因、问责说清楚。")
post(E, "21 12:30", "wechat", "微信", "沄江城事",
 "青石爆炸事故24小时：我们知道的和还不知道的",
 title="青石爆炸事故24小时：我们知道的和还不知道的", biz="MzI0NTc3ODg5MA==")
post(E, "21 18:40", "gov", "沄江发布", "沄江市人民政府",
 "沄江市召开青石县“11·20”爆炸事故新闻发布会\n11月21日18时，沄江市人民政府召开新闻发布会，通报青石县化工园区沄江恒晟化工有限公司“11·20”爆炸事故有关情况。\n副市长林建国介绍，截至21日17时，事故死亡人数升至十二人，23人受伤（其中重伤4人），失联人员已全部找到，初步估算直接经济损失约5000万元。目前伤员生命体征平稳。\n经初步调查，事故系企业违规进行动火作业引发反应釜内物料爆炸所致。企业主要负责人等6人已被公安机关依法控制。沄江市已成立由市应急管理局牵头的事故调查组，并在全市开展危险化学品企业安全隐患大排查。\n市政府向遇难者表示深切哀悼，向遇难者家属和伤员致以诚挚慰问。",
 title="沄江市召开青石县“11·20”爆炸事故新闻发布会", answer="press_conference")
post(E, "21 19:20", "news", "之江晨报", "之江晨报记者 孙一鸣",
 "沄江青石化工厂爆炸事故死亡人数升至12人 企业负责人被控制\n之江晨报讯 11月21日晚，沄江市人民政府召开新闻发布会通报，青石县化工园区“11·20”爆炸事故已造成12人死亡、23人受伤，直接经济损失约5000万元。初步调查显示，事故系企业违规动火作业引发。\n根据《生产安全事故报告和调查处理条例》，死亡10人以上30人以下的事故属重大事故。这场发布会距事故发生已过去27个小时，有网友质疑信息发布不够及时。",
 title="沄江青石化工厂爆炸事故死亡人数升至12人 企业负责人被控制")
post(E, "21 20:05", "weibo", "微博", "青石打工人",
 "十二个人啊……有一个是我老乡，孩子才上初中。发布会总算开了，但是这一天多家属是怎么熬过来的。一定要严查[蜡烛]")
post(E, "22 09:00", "news", "沄江日报", "记者 陈立新",
 "我市开展危险化学品企业安全隐患大排查\n本报讯（记者 陈立新）青石县“11·20”爆炸事故发生后，沄江市立即部署在全市范围开展危险化学品企业安全隐患大排查，重点检查动火作业审批、特殊作业管理和重大危险源监控等内容。\n市应急管理局有关负责人表示，排查将覆盖全市所有危化品生产、经营、储存企业，对发现的问题一律限期整改，整改不到位的依法停产整顿。",
 title="我市开展危险化学品企业安全隐患大排查")

# ======================================================== 3. school_food
E = "school_food"
post(E, "21 12:05", "weibo", "微博", "城东宝妈Lily",
 "城东区实验小学今天中午吃完食堂好多孩子上吐下泻，我家娃也在里面，现在在城东区人民医院挂水！！学校一开始还说是着凉？？食堂到底给孩子吃了什么[怒][怒]")
post(E, "21 12:40", "weibo", "微博", "实验小学家长",
 "我们班群里说已经有二十几个孩子不舒服了，有的发烧，学校门口全是家长。城东区教育局在哪里？")
post(E, "21 14:10", "forum", "沄江论坛", "chengdong_baba",
 "城东实验小学食堂出事了，家长们联合起来要个说法\n今天中午学校食堂的午饭是番茄炒蛋、红烧鸡块和青菜，下午一点多开始陆续有孩子呕吐腹泻，目前知道的至少有三十多个。学校一开始不让家长进，说在处理。我们要求：一、公开食材来源和供餐公司；二、城东区市场监管局马上封存留样；三、给孩子免费全面检查。",
 title="城东实验小学食堂出事了，家长们联合起来要个说法")
post(E, "21 16:20", "weibo", "微博", "沄江头条",
 "#城东实验小学食堂# 【城东区一小学多名学生午餐后出现呕吐腹泻症状】今天中午，城东区实验小学多名学生在食堂用餐后出现呕吐、腹泻等症状，已被送往医院观察治疗。有家长称涉及学生30余人。城东区市场监管局已到校调查。")
post(E, "21 18:30", "wechat", "微信", "城东妈妈帮",
 "实验小学食堂事件，家长们最想知道的5个问题",
 title="实验小学食堂事件，家长们最想知道的5个问题", biz="MzU2Njc4OTAxMg==")
post(E, "21 21:00", "weibo", "微博", "城东宝妈Lily",
 "晚上了还是没有任何官方说法。食堂是外包的，供餐公司叫什么也不告诉我们。城东区市场监管局、城东区教育局，你们到底谁管？")
post(E, "22 08:10", "gov", "城东发布", "城东区市场监督管理局 城东区教育局",
 "关于城东区实验小学部分学生身体不适的情况通报\n11月21日中午，城东区实验小学部分学生在校用餐后出现呕吐、腹泻等症状。接报后，区市场监管局、区教育局、区卫生健康局立即赶赴现场处置。\n截至11月22日7时，共有37名学生到医院就诊，均无生命危险，其中31名已返家，6名留院观察。区市场监管局已封存当日留样食品及相关食材，送沄江市疾病预防控制中心检测，食堂暂停供餐，供餐单位沄江鲜禾餐饮管理有限公司已停业配合调查。\n区教育局已安排午餐临时由其他持证单位配送，并将在全区中小学开展食堂食品安全专项检查。检测结果出来后将第一时间向社会公布。\n城东区市场监督管理局 城东区教育局\n2026年11月22日",
 title="关于城东区实验小学部分学生身体不适的情况通报", answer="statement")
post(E, "22 09:30", "news", "沄江日报", "记者 许静",
 "城东区通报实验小学学生身体不适情况 37名学生就诊均无生命危险\n本报讯（记者 许静）11月22日上午，城东区市场监督管理局、城东区教育局联合发布情况通报，城东区实验小学共有37名学生在校用餐后出现呕吐、腹泻等症状并到医院就诊，均无生命危险。\n通报称，当日留样食品已送沄江市疾控中心检测，食堂暂停供餐，供餐单位已停业配合调查。区教育局将在全区中小学开展食堂食品安全专项检查。",
 title="城东区通报实验小学学生身体不适情况 37名学生就诊均无生命危险", reprint=["沄江新闻网"])
post(E, "22 11:15", "weibo", "微博", "实验小学家长",
 "通报看到了，孩子们没事就好。但是供餐公司的资质、之前有没有被查过，希望一并公开。城东市场监管局加油，别查着查着就没下文了。")

# ======================================================== 4. housing_policy
E = "housing_policy"
post(E, "20 09:40", "news", "沄江日报", "记者 蒋文涛",
 "我市调整住房公积金使用政策 二手房交易公积金贷款须满足房龄要求\n本报讯（记者 蒋文涛）11月20日，沄江市住房和城乡建设局、沄江市住房公积金管理中心联合发布《关于进一步规范住房公积金使用有关事项的通知》，自2026年12月1日起施行。\n通知明确，申请住房公积金贷款购买二手房的，所购住房房龄与贷款年限之和不得超过50年；同一套二手房在两年内多次交易的，不予办理公积金贷款。通知还调整了提取公积金支付房租的额度。\n市住建局相关负责人表示，政策旨在防范利用公积金进行投机炒房，保障缴存职工的基本住房需求。",
 title="我市调整住房公积金使用政策 二手房交易公积金贷款须满足房龄要求", reprint=["沄江新闻网"])
post(E, "20 11:25", "weibo", "微博", "财经老吴说房",
 "重磅！沄江出新规，两年内的二手房不能交易了？？房龄超过一定年限的二手房也不能买了？这是要把二手房市场直接掐死啊。手里有房的赶紧看看 #沄江二手房新规#")
post(E, "20 12:50", "weibo", "微博", "吃瓜群众甲",
 "沄江禁止二手房交易了？我上周刚签的合同还能过户吗，在线等，急")
post(E, "20 15:00", "wechat", "微信", "沄江楼市观察",
 "突发！沄江二手房新规落地，这几类房子以后卖不掉了",
 title="突发！沄江二手房新规落地，这几类房子以后卖不掉了", biz="MzkxMjM0NTY3OA==")
post(E, "20 20:30", "forum", "沄江论坛", "fangdong_a",
 "市住建局新规到底是不是禁止二手房交易？中介都不敢接单了\n今天跑了三家中介，都说新规出来了，老房子、刚买两年的房子以后不能卖，客户都在观望。我看了原文好像只说公积金贷款，但网上都说禁止交易了。有没有懂的人解读一下？",
 title="市住建局新规到底是不是禁止二手房交易？中介都不敢接单了")
post(E, "21 10:10", "weibo", "微博", "财经老吴说房",
 "昨天的沄江二手房新规，后台几百条私信问能不能卖房。说实话我也看不懂，住建局也一直不出来解释，市场已经开始恐慌了，周末看房的人少了一半。")
post(E, "22 13:40", "gov", "沄江发布", "沄江市住房和城乡建设局",
 "《关于进一步规范住房公积金使用有关事项的通知》政策解读\n近日，网上有“沄江禁止二手房交易”的说法，与政策原意不符。现就《关于进一步规范住房公积金使用有关事项的通知》解读如下：\n一、通知只调整住房公积金贷款的使用条件，不涉及二手房交易本身。二手房交易、过户、商业贷款均不受影响。\n二、房龄与贷款年限之和不超过50年，是对公积金贷款年限的限制，不是禁止购买老旧住房。\n三、两年内多次交易的同一套住房不予办理公积金贷款，是为防止利用公积金炒房，购房人仍可使用商业贷款或全款购买。\n四、通知施行前已签订购房合同并提交公积金贷款申请的，按原政策办理。\n如有疑问，请拨打沄江市住房公积金管理中心服务热线12329。\n沄江市住房和城乡建设局\n2026年11月22日",
 title="《关于进一步规范住房公积金使用有关事项的通知》政策解读", answer="statement")
post(E, "22 15:20", "news", "沄江新闻网", "沄江新闻网",
 "市住建局：公积金新规不涉及二手房交易本身\n针对网上流传的“沄江禁止二手房交易”说法，沄江市住房和城乡建设局11月22日发布政策解读称，新出台的住房公积金使用通知只调整公积金贷款的使用条件，二手房交易、过户和商业贷款均不受影响。\n此前两天，该说法在微博、微信群广泛传播，一些中介暂停接单，不少市民担心已签合同无法过户。有业内人士表示，解读如果能早一些发布，市场的恐慌情绪或许可以避免。",
 title="市住建局：公积金新规不涉及二手房交易本身")
post(E, "22 16:00", "weibo", "微博", "财经老吴说房",
 "住建局终于出解读了：不是禁止二手房交易，只是公积金贷款有限制。两天半了才出来说话，这两天市场被吓成什么样了……")

# ======================================================== 5. bridge_rumour
E = "bridge_rumour"
post(E, "21 07:40", "weibo", "微博", "白沙阿强",
 "白沙沄江大桥塌了！！！早上有车掉下去了，大家绕路走千万别上桥！！[图片]")
post(E, "21 08:05", "weibo", "微博", "吃瓜群众甲",
 "转了好几个群了，说白沙县沄江大桥半夜垮了一截，有没有白沙的朋友证实一下？图片看着好吓人")
post(E, "21 09:30", "forum", "沄江论坛", "baisha_ren",
 "沄江大桥到底塌没塌？我刚从桥上开过来好好的\n群里都在传白沙沄江大桥塌了，还配了一张照片，我八点半刚开车从桥上过，一切正常，车流也正常。照片上的桥是斜拉桥，我们沄江大桥是拱桥，明显不是一座桥。大家别传了。",
 title="沄江大桥到底塌没塌？我刚从桥上开过来好好的")
post(E, "21 10:15", "weibo", "微博", "路过的程序员",
 '识图搜了一下, 那张"沄江大桥垮塌"的照片是2019年外省一座桥的新闻图，被人裁掉了水印。白沙的朋友们别慌。')
post(E, "21 13:35", "gov", "白沙县公安局", "白沙县公安局",
 "辟谣：网传“白沙县沄江大桥垮塌”系谣言\n11月21日上午，有网民在微博、微信群发布“白沙沄江大桥塌了、有车掉下去”等信息并配发图片，引发关注。经白沙县公安局、白沙县交通运输局现场核实，沄江大桥结构完好，通行正常，未发生垮塌事故。网传图片系外地多年前的旧图。\n警方已对发布谣言的网民开展调查。请广大网民不造谣、不信谣、不传谣，对编造、故意传播虚假险情的，公安机关将依法追究法律责任。\n白沙县公安局\n2026年11月21日",
 title="辟谣：网传“白沙县沄江大桥垮塌”系谣言", answer="refutation")
post(E, "21 14:20", "news", "沄江新闻网", "沄江新闻网",
 "白沙警方辟谣：沄江大桥结构完好通行正常\n11月21日，网上流传“白沙县沄江大桥垮塌”的消息及图片。白沙县公安局当天下午发布辟谣信息称，经与县交通运输局现场核实，沄江大桥结构完好、通行正常，网传图片系外地旧图。警方已对发布谣言的网民开展调查。",
 title="白沙警方辟谣：沄江大桥结构完好通行正常", reprint=["之江晨报"])
post(E, "21 20:10", "gov", "白沙县公安局", "白沙县公安局",
 "警情通报\n11月21日，网民“白沙阿强”（男，32岁，白沙县人）在微博发布“白沙沄江大桥塌了”等虚假信息并配发外地旧图，造成不良社会影响。经查，其为博取关注故意编造险情。白沙县公安局依据《中华人民共和国治安管理处罚法》第二十五条之规定，对其处以行政拘留5日的处罚。另有2名转发传播者被依法批评教育。\n白沙县公安局\n2026年11月21日",
 title="警情通报", answer="statement")

# ======================================================== 6. water_outage
E = "water_outage"
post(E, "20 19:15", "weibo", "微博", "临河老街坊",
 "临河老城区又停水了！！下午四点停到现在，一点通知都没有，饭都做不了。自来水公司电话一直占线 #临河停水#")
post(E, "20 21:40", "weibo", "微博", "临河妈妈群",
 "临河市河西片也停了，孩子洗澡都没水，楼下超市矿泉水被抢光了。请问临河市住建局、临河自来水公司：什么时候来水？")
post(E, "21 08:30", "forum", "沄江论坛", "linhe_xiaozhang",
 "临河停水第二天了，有没有人管？\n从昨天下午四点停到现在，老城区、河西片、临河开发区都没水。自来水公司公众号一条通知都没有，12345打了说记录了会转办。家里有老人孩子，上厕所都成问题。求临河市政府出来说明一下什么原因、什么时候恢复。",
 title="临河停水第二天了，有没有人管？")
post(E, "21 12:00", "weibo", "微博", "临河老街坊",
 "停水快二十个小时了，听说是主水管爆了，但是官方一个字都没说。临河这么大一个城市，连个停水通知都发不出来？")
post(E, "21 17:20", "wechat", "微信", "临河身边事",
 "临河停水超24小时，居民拎桶排队接水",
 title="临河停水超24小时，居民拎桶排队接水", biz="MzA1NTY2Nzc4OA==")
post(E, "21 18:00", "news", "之江晨报", "之江晨报记者 钱晨",
 "临河部分区域停水超24小时 居民盼尽快恢复供水\n之江晨报讯 11月20日下午起，沄江市代管的临河市老城区、河西片区等多个区域出现停水，至21日傍晚仍未恢复，涉及居民数万户。记者在河西片区看到，不少居民拎着水桶到临时供水点排队接水。\n多位居民反映，停水前未收到任何通知，拨打临河市自来水有限公司客服电话长时间占线。记者多次联系临河市住房和城乡建设局，截至发稿未获回复。",
 title="临河部分区域停水超24小时 居民盼尽快恢复供水")
post(E, "22 09:10", "weibo", "微博", "临河妈妈群",
 "第三天了，早上有一点点水，下午又没了。到现在临河官方一条说明都没有，我们到底该找谁？#临河停水#")
post(E, "22 20:30", "weibo", "微博", "浙里有话",
 "临河停水已经超过50个小时，涉及数万户居民，到现在没有任何一个官方账号出来说明原因和恢复时间。停水是技术问题，不回应就是态度问题了。")

# ======================================================== WeChat article bodies
WECHAT_BODY = {
"桐岭垃圾焚烧厂，我们到底担心什么？":
 "这两天，北溪区桐岭街道的业主群几乎被同一件事刷屏：北溪区生活垃圾焚烧发电项目拟选址桐岭街道西山村。\n小编翻了翻公开信息：项目设计日处理生活垃圾1500吨，环评第一次公示11月12日发布。公示贴在哪里？很多居民说“没看到”。\n居民担心的，其实就三件事：一是离小区、学校太近，防护距离够不够；二是二恶英、臭气怎么控制，谁来监督；三是为什么大家到现在才知道。\n垃圾总要有地方处理，这个道理大家都懂。但选址论证和环评应该摊开来讲，让住在边上的人看得明白。我们也联系了北溪区相关部门，截至发稿尚未得到答复。\n你怎么看？欢迎留言。",
"北溪焚烧厂暂停之后，垃圾往哪儿去？":
 "11月21日，北溪区人民政府发布情况说明，暂停生活垃圾焚烧发电项目前期工作，环评全本公开，邀请居民代表参与选址再论证。\n暂停之后，问题并没有消失：沄江市区每天产生生活垃圾约3200吨，现有填埋场预计两年内饱和。北溪的垃圾往哪儿去，仍然需要一个答案。\n我们采访了两位环境工程专业的老师，他们认为现代焚烧厂在排放标准上已经比较成熟，关键在于运营监管和信息公开，比如在厂门口实时公示排放数据。\n“邻避”不是无解题。前提是让居民从一开始就坐到桌边。",
"青石爆炸事故24小时：我们知道的和还不知道的":
 "从11月20日15时19分青石县化工园区沄江恒晟化工有限公司发生爆炸，到现在已经过去二十多个小时。\n我们知道的：沄江市应急管理局20日18时许通报，事故造成3人死亡、21人受伤；21日凌晨，死亡人数升至7人，受伤23人。伤员在市一医院和青石县人民医院救治。园区外目前未检出特征污染物超标。\n我们还不知道的：事故原因是什么？企业此前安全检查情况如何？还有没有失联人员？新闻发布会什么时候开？\n在官方信息之外，网上已经出现不少未经证实的说法，包括“死亡几十人”“有毒气体扩散”等。请大家以官方发布为准，也希望有关部门尽快召开新闻发布会，回应社会关切。\n向遇难者致哀。",
"实验小学食堂事件，家长们最想知道的5个问题":
 "11月21日中午，城东区实验小学多名学生在食堂用餐后出现呕吐、腹泻症状。截至晚上，家长群里统计就诊学生已超过30人。\n我们整理了家长们最关心的5个问题：\n1. 孩子们现在情况怎么样？\n2. 当天午餐吃了什么，食材从哪里来？\n3. 食堂是学校自营还是外包，供餐公司是谁？\n4. 城东区市场监管局有没有封存留样，检测多久出结果？\n5. 明天孩子还在不在学校吃饭？\n这些问题，目前学校和城东区教育局、城东区市场监管局都还没有公开回答。我们会持续跟进，也请家长们理性，不传未经证实的消息。",
"突发！沄江二手房新规落地，这几类房子以后卖不掉了":
 "今天，沄江市住建局联合公积金中心发布新规，12月1日起施行。小编第一时间读了原文，划重点：\n一、房龄加贷款年限超过50年的二手房，不能用公积金贷款；\n二、两年内多次交易的房子，不能办理公积金贷款；\n三、提取公积金付房租的额度有调整。\n这意味着什么？老破小、刚买两年想卖的房子，接盘的人不能用公积金，以后还卖得动吗？有业主已经在群里说“这是变相禁止二手房交易”。\n你手里的房子受影响吗？评论区聊聊。\n（本文仅代表作者观点，不构成投资建议）",
"临河停水超24小时，居民拎桶排队接水":
 "从11月20日下午4点开始，临河市老城区、河西片区、开发区等多个区域陆续停水，到现在已经超过24小时。\n今天下午，小编在河西片区临时供水点看到，几十位居民拎着水桶、提着饮料瓶排队，有的大爷排了一个多小时。超市的桶装水早就卖空。\n停水原因是什么？什么时候恢复？临河市自来水有限公司和临河市住建局至今没有发布任何通知。居民拨打客服电话，要么占线，要么说“正在抢修”。\n我们已将居民反映的情况整理后报给12345热线。也请知情的朋友在后台留言。",
}

# ======================================================== 7. noise
E = "noise"
N = lambda when, platform, source, author, text, title=None, **kw: post(E, when, platform, source, author, text, title, **kw)
N("20 06:30", "weibo", "微博", "沄江天气", "【寒潮来袭】受强冷空气影响，今天到明天沄江市将有一次明显降温过程，最低气温降至2℃，北部山区有霜冻，请注意添衣保暖。")
N("20 07:45", "weibo", "微博", "跑步的老周", "早上五公里打卡，沄江边风好大，手都冻僵了。后天马拉松，今天开始减量[哈哈]")
N("20 08:30", "weibo", "微博", "沄江交警", "【出行提示】11月20日至12月5日，城东区江滨路（解放路口至望江路口）因管道施工封闭北半幅，请过往车辆提前绕行。")
N("20 10:15", "weibo", "微博", "沄江吃货小分队", "城东老街新开了一家小笼包，汤汁超多，皮薄到透光，十二块一笼，排队半小时值得！地址在老街东口第三家。")
N("20 11:50", "news", "沄江日报", "记者 黄一帆",
 "2026沄江马拉松22日开跑 三万名跑者将穿越城东北溪\n本报讯（记者 黄一帆）2026沄江马拉松将于11月22日7时30分在沄江市体育中心鸣枪开跑。本届赛事设全程马拉松、半程马拉松和健康跑三个项目，共有来自28个国家和地区的3万名跑者参赛。\n赛道途经城东区江滨路、北溪区滨江公园等地标。赛事期间部分道路将实施交通管制，市公安局交警支队将提前发布管制公告。",
 title="2026沄江马拉松22日开跑 三万名跑者将穿越城东北溪")
N("20 13:10", "weibo", "微博", "小林爱拍照", "白沙的银杏终于黄了，下午阳光打在上面太好看了，周末去的朋友抓紧，再冷几天就要掉光了。")
N("20 14:00", "weibo", "微博", "沄江文旅", "#沄江冬游#【银杏季】白沙县石门村千年银杏进入最佳观赏期，11月20日至30日每天开放至17时，景区免费，请错峰出行。")
N("20 16:00", "forum", "沄江论坛", "foodie_yj", "白沙鱼头到底哪家正宗？\n来沄江出差三天，同事都说一定要吃白沙鱼头。网上推荐了好几家，江边那家和县城里老字号各有各的说法。本地朋友推荐一下？", title="白沙鱼头到底哪家正宗？")
N("20 17:30", "weibo", "微博", "路过的程序员", '下班了, 城东地铁站人挤人, 同事说"这天气还不如在公司加班"[吃瓜]')
N("20 19:00", "weibo", "微博", "沄江体育", "今晚浙江省男篮联赛，沄江队主场88:82战胜湖州队，豪取三连胜！")
N("20 22:30", "weibo", "微博", "沄江天气", "【天气预报】明天（21日）晴转多云，气温2到11℃，早晚温差大；22日马拉松当天多云，气温4到13℃，适宜运动。")
N("21 07:10", "weibo", "微博", "沄江交警", "【交通管制】11月22日5时至13时，沄江马拉松赛道沿线道路实施分段交通管制，详见@沄江发布 公告。地铁1号线、2号线当日提前至5时30分运营。")
N("21 08:50", "weibo", "微博", "跑步的老周", "领完马拉松物资了，今年的奖牌是沄江大桥造型，好看！明天冲PB")
N("21 10:40", "wechat", "微信", "沄江文旅", "冬日沄江｜这五个地方，值得你专门跑一趟",
 title="冬日沄江｜这五个地方，值得你专门跑一趟", biz="MzAwMTIzNDU2Nw==")
N("21 11:20", "weibo", "微博", "沄江吃货小分队", "冬天就该吃一锅临河羊肉煲，临河老街那家开了三十年，今天中午去居然没排队，稳。")
N("21 13:00", "news", "沄江新闻网", "沄江新闻网",
 "“江城之夜”演唱会21日晚在市体育中心举行\n由沄江市文化广电旅游局主办的“江城之夜”演唱会将于11月21日19时30分在沄江市体育中心体育场举行，多位知名歌手将登台演出，预计观众约4万人。\n主办方提醒，观众需凭实名电子票入场，体育中心周边停车位有限，建议乘坐地铁2号线至体育中心站。演出结束后地铁将延长运营至24时。",
 title="“江城之夜”演唱会21日晚在市体育中心举行")
N("21 15:40", "weibo", "微博", "小林爱拍照", "北溪湿地公园今天一只白鹭都没拍到，倒是芦苇挺好看，下次早点来。")
N("21 18:30", "weibo", "微博", "吃瓜群众甲", "体育中心门口人山人海，黄牛票炒到一千多，我还是在外面听个响吧")
N("21 22:40", "weibo", "微博", "路过的程序员", "演唱会散场地铁里全是合唱的人，最后一首全场大合唱真的好哭")
N("22 07:35", "weibo", "微博", "沄江体育", "#沄江马拉松# 发令枪响！3万名跑者从市体育中心出发，祝大家跑得开心，安全完赛！")
N("22 10:05", "weibo", "微博", "跑步的老周", "全马3小时28分完赛, PB了!! 江滨路那段逆风太难了，补给站的志愿者小朋友们太热情了，谢谢沄江[爱心]")
N("22 11:30", "news", "沄江日报", "记者 黄一帆",
 "2026沄江马拉松圆满落幕 男女全程冠军均打破赛会纪录\n本报讯（记者 黄一帆）11月22日，2026沄江马拉松在市体育中心鸣枪开跑，3万名跑者参赛。最终，男子全程冠军成绩为2小时09分31秒，女子全程冠军成绩为2小时26分12秒，均打破赛会纪录。\n赛事期间，全市共安排志愿者4200余名，设置补给站18个，医疗点26个，未发生重大医疗事件。",
 title="2026沄江马拉松圆满落幕 男女全程冠军均打破赛会纪录", reprint=["之江晨报"])
N("22 12:40", "weibo", "微博", "沄江吃货小分队", "跑完马拉松的朋友们，城东老街的小笼包和白沙鱼头都给你们安排上了，补充碳水不长胖（才怪）")
N("22 14:15", "weibo", "微博", "小林爱拍照", "今天沄江的天空蓝得不像话，城东江边随手一拍就是壁纸")
N("22 16:30", "forum", "沄江论坛", "che_you", "周末去白沙看银杏，停车场已满，建议坐公交\n今天上午十点到石门村，停车场早满了，路边也停不了，交警在劝返。建议大家坐沄江客运中心发往白沙的旅游专线，每半小时一班。", title="周末去白沙看银杏，停车场已满，建议坐公交")
N("22 18:20", "weibo", "微博", "沄江天气", "【降温预报】新一股冷空气将于23日夜里抵达，24日起沄江市气温明显下降，最低气温-1℃，请注意防寒防冻。")
N("22 20:00", "weibo", "微博", "路过的程序员", '周日晚上加班写周报 (是的, 周日), 楼下烧烤摊的香味飘上来, 意志力受到"严重"考验')
N("22 21:45", "weibo", "微博", "沄江体育", "浙江省男篮联赛：沄江队客场76:80惜败杭州队，三连胜终结，下周主场再战！")

WECHAT_BODY["冬日沄江｜这五个地方，值得你专门跑一趟"] = (
 "天冷了，沄江反而更好看了。沄江文旅为你整理了五个冬日好去处：\n"
 "一、白沙县石门村千年银杏，11月下旬是最佳观赏期；\n二、北溪湿地公园，清晨可以看到越冬的白鹭和野鸭；\n"
 "三、城东老街，小笼包、糖炒栗子，边走边吃；\n四、临河古城墙，夕阳下的城墙和老街是摄影爱好者的心头好；\n"
 "五、青石山温泉，跑完马拉松泡个温泉，完美。\n出行前请关注天气，错峰出游。")

# ======================================================== repost comments (weibo)
COMMENTS = {
 "incinerator": ["支持桐岭业主，环评必须公开", "离我家也就两公里，坐不住了", "北溪区政府出来回应一下吧",
   "垃圾焚烧厂建哪里都有人反对，关键是透明", "联名信已签", "二恶英不是开玩笑的", "希望理性维权",
   "市生态环境局请公开环评全本", "桐岭的空气本来就不好", "转给北溪的朋友看看", "暂停是第一步，后面要看落实"],
 "chem_blast": ["求平安", "太吓人了，青石那边的朋友还好吗", "又是化工厂，安全监管呢？", "为遇难者默哀[蜡烛]",
   "死亡人数还在上升……", "发布会什么时候开？", "严查责任人", "青石县人民医院门口全是家属",
   "消防员辛苦了", "重大事故了，必须问责", "十二个家庭就这么没了", "官方通报太慢了"],
 "school_food": ["心疼孩子", "食堂外包就该严查", "城东区教育局出来说话", "我家孩子也在实验小学，吓死了",
   "留样必须封存", "市场监管局快去查供餐公司", "希望孩子们早日康复", "每次出事都是外包公司"],
 "housing_policy": ["到底是不是禁止二手房交易？", "中介说下个月就不能过户了", "住建局出来解释一下啊",
   "看了原文，只限公积金贷款吧", "又是标题党", "刚买的房子两年内是不是不能卖了", "楼市要凉", "等官方解读"],
 "bridge_rumour": ["真的假的？", "白沙的朋友报个平安", "刚从桥上过，好好的", "这图一看就不是沄江大桥",
   "别传谣了", "造谣的该抓", "已删，谢谢提醒", "吓我一跳，我爸每天走这座桥"],
 "water_outage": ["临河也停了+1", "什么时候来水啊", "一点通知都没有", "临河市政府在干嘛",
   "老人家提水上六楼太难了", "12345打不通", "自来水公司电话一直占线", "第三天了还没水"],
 "noise": ["哈哈哈", "好看", "已收藏", "冲", "明天去", "羡慕", "太冷了", "加油", "打卡", "同感"],
}
REPOSTS = {"incinerator": 34, "chem_blast": 44, "school_food": 25, "housing_policy": 22,
           "bridge_rumour": 21, "water_outage": 15}
REPOSTERS = [u for u, (_, k) in WB_USERS.items() if k == "user"] + [
 "沄江小透明", "爱吃辣的阿May", "老张在北溪", "城东打工仔", "一只小蘑菇", "风吹过的江边", "临河人在杭州",
 "青石阿姨", "白沙小渔夫", "今天也要早睡", "沄江新市民", "云淡风轻2020", "数据控小刘", "冬天的橘子"]

# ======================================================== assembly
B62 = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"

def h(s, n=16):
    return hashlib.sha1(s.encode()).hexdigest()[:n]

def b62(s, n=9):
    v = int(hashlib.sha1(s.encode()).hexdigest(), 16)
    out = ""
    for _ in range(n):
        v, r = divmod(v, 62)
        out += B62[r]
    return out

def uid_of(name):
    if name in WB_USERS:
        return WB_USERS[name][0]
    return str(5000000000 + int(h(name, 8), 16) % 2000000000)

def kind_of(name):
    return WB_USERS.get(name, ("", "user"))[1]

HEAT = {"incinerator": 3.0, "chem_blast": 6.0, "school_food": 2.5, "housing_policy": 2.0,
        "bridge_rumour": 3.0, "water_outage": 1.5, "noise": 0.6}
SITE = {
 "沄江日报": ("news", "https://www.yjrb.com.cn/content/{y}-{m}/{d}/content_{n}.html"),
 "沄江新闻网": ("news", "https://news.yunjiang.cn/system/{y}/{m}/{d}/0{n}.shtml"),
 "之江晨报": ("news", "https://www.zjcb.com.cn/news/{y}{m}/t{y}{m}{d}_{n}.html"),
 "沄江发布": ("gov", "https://www.yunjiang.gov.cn/art/{y}/{m}/{d}/art_1228_{n}.html"),
 "北溪发布": ("gov", "https://www.beixi.gov.cn/art/{y}/{m}/{d}/art_1531_{n}.html"),
 "城东发布": ("gov", "https://www.chengdong.gov.cn/art/{y}/{m}/{d}/art_1402_{n}.html"),
 "白沙县公安局": ("gov", "https://www.baisha.gov.cn/art/{y}/{m}/{d}/art_1677_{n}.html"),
}
SERIAL = {}

def site_url(source, when):
    SERIAL[source] = SERIAL.get(source, 0) + 1
    n = {"沄江日报": 880120, "沄江新闻网": 43871, "之江晨报": 5521034, "沄江发布": 59012,
         "北溪发布": 8812, "城东发布": 7301, "白沙县公安局": 2290}[source] + SERIAL[source] * 7
    return SITE[source][1].format(y="2026", m="11", d="%02d" % when.day, n=n)

def split_title(p):
    """News/gov/forum texts are written with the headline as first line."""
    if p["title"] and p["text"].split("\n", 1)[0] == p["title"]:
        p["text"] = p["text"].split("\n", 1)[1]

def metrics_for(p, rng):
    ev, plat = p["ev"], p["platform"]
    heat = HEAT[ev]
    hours = (p["when"] - T0).total_seconds() / 3600
    grow = 0.6 + min(hours, 60) / 60  # later posts of an event are seen more
    u = lambda a, b: a + (b - a) * rng.random()
    if plat == "weibo":
        if p.get("parent"):
            r = int(u(0, 12) * heat)
            return {"reposts": r, "comments": int(r * u(0.3, 1.5)), "likes": int(r * u(1, 4)) + int(u(0, 5))}
        base = {"user": 40, "verified": 400, "bigv": 2500, "gov": 600}[kind_of(p["author"])]
        r = int(base * heat * grow * u(0.6, 1.4))
        return {"reposts": r, "comments": int(r * u(0.4, 1.3)), "likes": int(r * u(2, 6))}
    if plat == "wechat":
        v = int(8000 * heat * grow * u(0.6, 1.4))
        return {"likes": int(v * u(0.005, 0.02)), "views": v}
    if plat == "forum":
        v = int(1500 * heat * grow * u(0.6, 1.4))
        return {"comments": int(v * u(0.01, 0.04)), "views": v}
    v = int(3000 * heat * grow * u(0.6, 1.4))
    if plat == "gov":
        v *= 2
    return {"views": v}

def assemble():
    rng = random.Random(20261120)
    posts = []
    fserial = 0
    for p in P:
        q = dict(p)
        if q["platform"] == "wechat":
            q["text"] = WECHAT_BODY[q["title"]]
        split_title(q)
        plat = q["platform"]
        if plat in ("news", "gov"):
            q["url"] = site_url(q["source"], q["when"])
        elif plat == "weibo":
            q["url"] = "https://weibo.com/%s/%s" % (uid_of(q["author"]), b62(q["author"] + q["text"]))
            q["title"] = None
        elif plat == "forum":
            fserial += 1
            q["url"] = "https://bbs.yunjiang.cn/thread-%d-1-1.html" % (3021400 + fserial * 13)
            q["text"] = q["title"] + "\n" + q["text"]
            q["title"] = None
        elif plat == "wechat":
            mid = 2650000000 + int(h(q["title"], 6), 16) % 900000
            q["mid"] = mid
            q["url"] = "https://mp.weixin.qq.com/s?__biz=%s&mid=%d&idx=1&sn=%s" % (q["biz"], mid, h(q["title"], 32))
        posts.append(q)
        for i, site in enumerate(q.pop("reprint", None) or []):
            r = dict(q)
            r["when"] = q["when"] + timedelta(minutes=25 + 40 * i + rng.randrange(20))
            r["source"] = site
            r["author"] = "来源：" + q["source"]
            if site == "之江晨报":
                r["text"] = q["text"] + "\n（来源：" + q["source"] + "）"
            else:
                r["text"] = q["text"]
            r["url"] = site_url(site, r["when"])
            r["reprint_of"] = q["url"]
            posts.append(r)
    # weibo reposts with //@ chains
    nrep = dict(REPOSTS)
    nrep["noise"] = 300 - len(posts) - sum(REPOSTS.values())
    for ev in [e["label"] for e in EVENTS]:
        origs = [p for p in posts if p["ev"] == ev and p["platform"] == "weibo"]
        weights = [{"user": 1, "verified": 3, "bigv": 5, "gov": 3}[kind_of(p["author"])] for p in origs]
        made = []
        for k in range(nrep[ev]):
            orig = rng.choices(origs, weights)[0]
            cands = [m for m in made if m["root"] is orig]
            parent = rng.choice(cands) if cands and rng.random() < 0.35 else orig
            when = parent["when"] + timedelta(minutes=3 + int(rng.expovariate(1 / 240)))
            if when >= TEND:
                when = TEND - timedelta(minutes=1 + rng.randrange(90))
                if when <= parent["when"]:
                    when = parent["when"] + timedelta(minutes=1)
            name = rng.choice([u for u in REPOSTERS if u != parent["author"]])
            own = "转发微博" if rng.random() < 0.25 else rng.choice(COMMENTS[ev])
            chain = own
            x = parent
            while x is not orig:
                chain += "//@%s:%s" % (x["author"], x["own"])
                x = x["parent"]
            chain += "//@%s:%s" % (orig["author"], orig["text"])
            m = dict(ev=ev, when=when, platform="weibo", source="微博", author=name, title=None,
                     text=chain, own=own, parent=parent, root=orig)
            m["url"] = "https://weibo.com/%s/%s" % (uid_of(name), b62("%s%d%s" % (ev, k, name)))
            made.append(m)
        posts.extend(made)
    posts.sort(key=lambda p: (p["when"], p["url"]))
    for p in posts:
        p["metrics"] = metrics_for(p, rng)
        p["id"] = h(p["url"])
    return posts

def rfc3339(d):
    return d.strftime("%Y-%m-%dT%H:%M:%S+08:00")

def record(p):
    r = {"id": p["id"], "kind": "post", "source": p["source"], "platform": p["platform"], "url": p["url"]}
    if p["title"]:
        r["title"] = p["title"]
    r["text"] = p["text"]
    r["author"] = p["author"]
    r["published_at"] = rfc3339(p["when"])
    r["metrics"] = p["metrics"]
    r["demo"] = p["ev"]
    if p.get("answer"):
        r["demo_answer"] = True
    return r

# ======================================================== emitters
def wfile(name, data):
    path = os.path.join(HERE, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))

def emit_places():
    wfile("places.tsv", "".join("\t".join(r) + "\n" for r in PLACES))

def emit_ndjson(posts):
    wfile("posts.ndjson", "".join(json.dumps(record(p), ensure_ascii=False, separators=(",", ":")) + "\n"
                                  for p in posts))

def csv_time(d, i):
    f = i % 3
    if f == 0:
        return d.strftime("%Y-%m-%d %H:%M")
    if f == 1:
        return "%d年%d月%d日 %02d:%02d" % (d.year, d.month, d.day, d.hour, d.minute)
    return d.strftime("%Y/%m/%d %H:%M:%S")

def emit_csv(posts):
    rows = [p for p in posts if p["platform"] in ("weibo", "forum")]
    buf = io.StringIO()
    w = csv.writer(buf)  # excel dialect: CRLF rows, fields quoted when needed
    w.writerow(["序号", "作者", "正文", "发布时间", "链接", "转发数", "评论数", "点赞数", "平台"])
    for i, p in enumerate(rows):
        m = p["metrics"]
        w.writerow([i + 1, p["author"], p["text"], csv_time(p["when"], i), p["url"],
                    m.get("reposts", ""), m.get("comments", ""), m.get("likes", ""),
                    "微博" if p["platform"] == "weibo" else "论坛"])
    s = buf.getvalue()
    wfile("weibo.csv", s.encode("gbk"))
    wfile("weibo-utf8bom.csv", b"\xef\xbb\xbf" + s.encode("utf-8"))
    return rows

def emit_wechat(posts):
    rows = []
    for p in posts:
        if p["platform"] != "wechat":
            continue
        m = p["metrics"]
        rows.append({"biz": p["biz"], "mid": p["mid"], "idx": 1, "标题": p["title"], "内容": p["text"],
                     "作者": p["author"], "发布时间": p["when"].strftime("%Y-%m-%d %H:%M:%S"),
                     "阅读数": m["views"], "点赞": m["likes"], "在看": m["likes"] // 3, "链接": p["url"]})
    wfile("wechat.ndjson", "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    wfile("wechat.json", json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
    return rows

# ---------------------------------------------------------------- HTML pages
from html import escape as esc

SIDEBAR = ["沄江马拉松22日开跑", "白沙银杏进入最佳观赏期", "冬季用电用气安全提示", "城东老街改造提升工程完工",
           "我市新增3条公交线路", "沄江入选省级文明城市", "临河古城墙夜景亮灯"]
COMMENTS_HTML = ["希望早日解决！", "关注后续进展。", "说得好，支持。", "小编辛苦了"]
GBK_PAGES = 2
WEEK = "一二三四五六日"

def paras(text):
    return "\n".join("<p>%s</p>" % esc(x) for x in text.split("\n"))

def page_yjrb(p):
    d = p["when"]
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{esc(p["title"])}_沄江日报</title>
<meta name="keywords" content="沄江,沄江日报,新闻">
<meta name="description" content="{esc(p["text"].split(chr(10))[0][:60])}">
<link rel="stylesheet" href="/css/main.css">
<script>var _hmt = _hmt || []; (function() {{ var hm = document.createElement("script"); hm.src = "https://hm.example.com/hm.js"; }})();</script>
</head>
<body>
<div class="topbar">沄江日报社主办 | <a href="/">首页</a> | <a href="/epaper/">数字报</a> | <a href="/app/">客户端下载</a> | 2026年11月{d.day}日 星期{WEEK[d.weekday()]}</div>
<div class="nav"><ul>
<li><a href="/">首页</a></li><li><a href="/yw/">要闻</a></li><li><a href="/sz/">时政</a></li><li><a href="/sh/">社会</a></li>
<li><a href="/jj/">经济</a></li><li><a href="/wt/">文体</a></li><li><a href="/xq/">县区</a></li><li><a href="/pl/">评论</a></li>
</ul></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/sh/">社会</a> &gt; 正文</div>
<div class="main">
<div class="left">
<h1 class="art-title">{esc(p["title"])}</h1>
<div class="art-info"><span class="time">{d.year}年{d.month}月{d.day}日 {d:%H:%M}</span>　<span class="source">来源：{esc(p["source"] if not p.get("reprint_of") else p["author"][3:])}</span>　<span class="author">{esc(p["author"])}</span>　<a href="javascript:window.print()">打印</a> <a href="#">分享到：微信 微博</a></div>
<div class="art-content" id="ozoom">
{paras(p["text"])}
</div>
<div class="editor">（责任编辑：王欣）</div>
<div class="related"><h3>相关新闻</h3><ul>
{"".join('<li><a href="/content/2026-11/%02d/content_%d.html">%s</a></li>' % (d.day, 880000 + i, esc(s)) for i, s in enumerate(SIDEBAR[:4]))}
</ul></div>
<div class="comments"><h3>网友评论（{len(COMMENTS_HTML)}）</h3>
{"".join('<div class="cmt"><span class="u">沄江网友{i}</span><p>{esc(c)}</p></div>' for i, c in enumerate(COMMENTS_HTML))}
<form><textarea name="c"></textarea><button>发表评论</button></form></div>
</div>
<div class="right"><div class="box"><h3>热点排行</h3><ol>
{"".join('<li><a href="/content/2026-11/%02d/content_%d.html">%s</a></li>' % (d.day, 870000 + i, esc(s)) for i, s in enumerate(SIDEBAR))}
</ol></div><div class="box ad"><a href="/ad/1"><img src="/images/ad1.jpg" alt="广告"></a></div></div>
</div>
<div class="footer"><p><a href="/about/">关于我们</a> | <a href="/contact/">联系我们</a> | <a href="/law/">法律声明</a></p>
<p>Copyright &copy; 2026 沄江日报社 版权所有 未经授权禁止转载</p><p>浙ICP备12345678号 互联网新闻信息服务许可证：33120170001</p></div>
</body>
</html>
"""

def page_yjnews(p):
    d = p["when"]
    by = p["author"] if p["author"].startswith("来源") else "作者：" + p["author"]
    return f"""<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{esc(p["title"])} - 沄江新闻网</title>
<meta name="publishdate" content="{d:%Y-%m-%d %H:%M:%S}">
<meta property="og:title" content="{esc(p["title"])}">
<style>body{{font-size:14px}} .hide{{display:none}}</style>
</head>
<body>
<header><div class="logo"><a href="https://news.yunjiang.cn/"><img src="/img/logo.png" alt="沄江新闻网"></a></div>
<nav><a href="/">首页</a> <a href="/local/">本地</a> <a href="/zhejiang/">浙江</a> <a href="/china/">国内</a> <a href="/video/">视频</a> <a href="/live/">直播</a> <a href="/search/">搜索</a></nav></header>
<section class="article">
<div class="title"><h2>{esc(p["title"])}</h2></div>
<div class="info">发布时间：{d:%Y-%m-%d %H:%M:%S}　{esc(by)}　<span id="views">阅读：{p["metrics"].get("views", 0)}</span></div>
<div id="content" class="content">
{paras(p["text"])}
<p class="statement">【版权声明】凡注明“来源：沄江新闻网”的作品，版权均属沄江新闻网所有，转载请注明出处。</p>
</div>
<div class="share">分享到： <a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
</section>
<aside><h4>24小时热榜</h4><ul>
{"".join('<li><a href="/system/2026/11/%02d/0%d.shtml">%s</a></li>' % (d.day, 43000 + i, esc(s)) for i, s in enumerate(SIDEBAR[2:]))}
</ul><h4>图片新闻</h4><ul><li><a href="/pic/1.shtml"><img src="/pic/1.jpg">冬日沄江</a></li></ul></aside>
<footer>沄江新闻网 版权所有 Copyright 2008-2026 All Rights Reserved. 沄江市互联网违法和不良信息举报电话：0571-12377</footer>
</body>
</html>
"""

def page_zjcb(p, charset):
    d = p["when"]
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="{charset}">
<title>{esc(p["title"])}|之江晨报</title>
<meta name="author" content="{esc(p["author"])}">
</head>
<body>
<div id="header"><a href="/">之江晨报</a> <span>浙江新闻 | 杭州 | 宁波 | 温州 | 沄江 | 评论 | 专题</span></div>
<div id="wrap">
<div class="path"><a href="/">首页</a> &gt;&gt; <a href="/news/">浙江新闻</a></div>
<div class="article-box">
<h1>{esc(p["title"])}</h1>
<p class="meta">{d:%Y/%m/%d %H:%M} {esc(p["author"])}</p>
<div class="article-body">
{paras(p["text"])}
</div>
<p class="tags">标签：沄江 浙江</p>
</div>
<div class="recommend"><b>推荐阅读</b>
{"".join('<a href="/news/202611/t202611%02d_%d.html">%s</a><br>' % (d.day, 5520000 + i, esc(s)) for i, s in enumerate(SIDEBAR[1:5]))}
</div>
</div>
<div id="footer">本站所有内容未经书面授权不得转载 &copy; 之江晨报 浙ICP备87654321号</div>
</body>
</html>
"""

GOV_HOME = {"沄江发布": ("沄江市人民政府", "www.yunjiang.gov.cn", "3312000001"),
            "北溪发布": ("沄江市北溪区人民政府", "www.beixi.gov.cn", "3312030001"),
            "城东发布": ("沄江市城东区人民政府", "www.chengdong.gov.cn", "3312020001"),
            "白沙县公安局": ("白沙县人民政府", "www.baisha.gov.cn", "3312220001")}

def page_gov(p):
    d = p["when"]
    site, host, code = GOV_HOME[p["source"]]
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="UTF-8">
<meta name="SiteName" content="{site}">
<meta name="ArticleTitle" content="{esc(p["title"])}">
<meta name="PubDate" content="{d:%Y-%m-%d %H:%M}">
<meta name="ContentSource" content="{esc(p["author"])}">
<title>{esc(p["title"])}</title>
</head>
<body>
<div class="gov-top"><img src="/images/guohui.png" alt="国徽"><span>{site}</span> <a href="/">首页</a> <a href="/zwgk/">政务公开</a> <a href="/bsfw/">政务服务</a> <a href="/hdjl/">互动交流</a> <a href="/sy/">走进{site[-7:-5] if len(site) > 7 else "沄江"}</a></div>
<div class="location">您当前的位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/tzgg/">通知公告</a></div>
<div class="article">
<div class="title">{esc(p["title"])}</div>
<table class="xxgk"><tr><td>发布时间：{d:%Y-%m-%d %H:%M}</td><td>信息来源：{esc(p["author"])}</td><td>浏览次数：<span id="count">{p["metrics"].get("views", 0)}</span></td><td>字号：[<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>]</td></tr></table>
<div class="zoom" id="zoom">
{paras(p["text"])}
</div>
<div class="tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
<div class="links">相关链接：<select><option>国务院</option><option>浙江省人民政府</option><option>沄江市各部门网站</option></select></div>
<div class="gov-foot"><p>主办单位：{site}办公室　承办：{site}大数据中心</p><p>网站标识码：{code}　浙ICP备05001234号　浙公网安备 33120002000123号</p><p>建议使用1366×768分辨率 <a href="/sitemap/">网站地图</a> <a href="/about/">联系我们</a></p></div>
</body>
</html>
"""

PAGE_KEY = {"沄江日报": "yjrb", "沄江新闻网": "yjnews", "之江晨报": "zjcb"}

def emit_pages(posts):
    pages = []
    gbk_left = GBK_PAGES
    n = {}
    for p in posts:
        if p["platform"] not in ("news", "gov"):
            continue
        key = PAGE_KEY.get(p["source"], "gov")
        n[key] = n.get(key, 0) + 1
        charset = "utf-8"
        if key == "yjrb":
            html = page_yjrb(p)
        elif key == "yjnews":
            html = page_yjnews(p)
        elif key == "zjcb":
            if gbk_left:
                gbk_left -= 1
                charset = "gbk"
            html = page_zjcb(p, charset)
        else:
            html = page_gov(p)
        fn = "pages/%s-%s-%d.html" % (key, p["when"].strftime("%m%d"), n[key])
        body = html.encode(charset)
        wfile(fn, body)
        p["page"] = fn
        pages.append((fn, p, body, charset))
    wfile("pages/expected.tsv", "file\ttitle\tpublished_at\tbody30\n" + "".join(
        "%s\t%s\t%s\t%s\n" % (fn[6:], p["title"], rfc3339(p["when"]), p["text"][:30]) for fn, p, _, _ in pages))
    return pages

# ---------------------------------------------------------------- feeds
from xml.sax.saxutils import escape as xesc
from email.utils import format_datetime

def rfc822(d, gmt=False):
    if gmt:
        return format_datetime(d.astimezone(timezone.utc), usegmt=True)
    return format_datetime(d)

def emit_feeds(posts):
    def items(src):
        return [p for p in posts if p["source"] == src and p["platform"] == "news"]
    # RSS 2.0, 沄江日报: +0800 dates, content:encoded, dc:creator
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:slash="http://purl.org/rss/1.0/modules/slash/">',
           '<channel>', '<title>沄江日报</title>', '<link>https://www.yjrb.com.cn/</link>',
           '<description>沄江日报社主办 沄江权威新闻</description>', '<language>zh-cn</language>',
           '<lastBuildDate>Sun, 22 Nov 2026 23:00:00 +0800</lastBuildDate>']
    for p in reversed(items("沄江日报")):
        out += ['<item>', '<title>%s</title>' % xesc(p["title"]), '<link>%s</link>' % xesc(p["url"]),
                '<guid isPermaLink="true">%s</guid>' % xesc(p["url"]),
                '<description>%s</description>' % xesc(p["text"].split("\n")[0]),
                '<content:encoded><![CDATA[%s]]></content:encoded>' % paras(p["text"]),
                '<dc:creator>%s</dc:creator>' % xesc(p["author"]),
                '<pubDate>%s</pubDate>' % rfc822(p["when"]),
                '<slash:comments>%d</slash:comments>' % len(COMMENTS_HTML), '</item>']
    out += ['</channel>', '</rss>', '']
    wfile("feeds/yjrb.xml", "\n".join(out))
    # RSS 2.0, 沄江新闻网: GMT dates, full text as escaped HTML in description
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<rss version="2.0">', '<channel>',
           '<title>沄江新闻网</title>', '<link>https://news.yunjiang.cn/</link>', '<description>沄江新闻网 本地新闻</description>']
    for p in reversed(items("沄江新闻网")):
        out += ['<item>', '<title>%s</title>' % xesc(p["title"]), '<link>%s</link>' % xesc(p["url"]),
                '<description>%s</description>' % xesc(paras(p["text"])),
                '<author>news@yunjiang.cn (%s)</author>' % xesc(p["author"]),
                '<pubDate>%s</pubDate>' % rfc822(p["when"], gmt=True), '</item>']
    out += ['</channel>', '</rss>', '']
    wfile("feeds/yjnews.xml", "\n".join(out))
    # RSS 1.0 (RDF), 之江晨报
    its = items("之江晨报")
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">',
           '<channel rdf:about="https://www.zjcb.com.cn/rss.rdf">', '<title>之江晨报</title>',
           '<link>https://www.zjcb.com.cn/</link>', '<description>之江晨报 浙江新闻</description>',
           '<items>', '<rdf:Seq>'] + ['<rdf:li rdf:resource="%s"/>' % xesc(p["url"]) for p in its] + [
           '</rdf:Seq>', '</items>', '</channel>']
    for p in its:
        out += ['<item rdf:about="%s">' % xesc(p["url"]), '<title>%s</title>' % xesc(p["title"]),
                '<link>%s</link>' % xesc(p["url"]), '<description>%s</description>' % xesc(p["text"]),
                '<dc:creator>%s</dc:creator>' % xesc(p["author"]), '<dc:date>%s</dc:date>' % rfc3339(p["when"]),
                '</item>']
    out += ['</rdf:RDF>', '']
    wfile("feeds/zjcb.rdf", "\n".join(out))
    # Atom, government sites
    gov = [p for p in posts if p["platform"] == "gov"]
    out = ['<?xml version="1.0" encoding="utf-8"?>', '<feed xmlns="http://www.w3.org/2005/Atom">',
           '<title>沄江市政务发布</title>', '<id>tag:yunjiang.gov.cn,2026:feed</id>',
           '<link href="https://www.yunjiang.gov.cn/"/>', '<updated>2026-11-22T23:00:00+08:00</updated>']
    for p in reversed(gov):
        out += ['<entry>', '<title>%s</title>' % xesc(p["title"]), '<link href="%s"/>' % xesc(p["url"]),
                '<id>%s</id>' % xesc(p["url"]), '<author><name>%s</name></author>' % xesc(p["author"]),
                '<published>%s</published>' % rfc3339(p["when"]), '<updated>%s</updated>' % rfc3339(p["when"]),
                '<content type="html">%s</content>' % xesc(paras(p["text"])), '</entry>']
    out += ['</feed>', '']
    wfile("feeds/gov.atom", "\n".join(out))

# ---------------------------------------------------------------- WARC
PNG = (b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       + b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x04\x00\x09\xfb\x03\xfd\xe3U\xf2\x9c"
       + b"\x00\x00\x00\x00IEND\xaeB`\x82")

def warc_record(wtype, uri, date, block, extra=()):
    rid = "<urn:uuid:%s>" % uuid.uuid5(uuid.NAMESPACE_URL, wtype + " " + uri + " " + date)
    hdr = ["WARC/1.0", "WARC-Type: " + wtype, "WARC-Record-ID: " + rid, "WARC-Date: " + date]
    if uri:
        hdr.append("WARC-Target-URI: " + uri)
    hdr += list(extra)
    ctype = {"warcinfo": "application/warc-fields", "request": "application/http; msgtype=request",
             "response": "application/http; msgtype=response"}[wtype]
    hdr += ["Content-Type: " + ctype, "Content-Length: %d" % len(block)]
    return rid, ("\r\n".join(hdr) + "\r\n\r\n").encode() + block + b"\r\n\r\n"

def http_pair(uri, date, status, ctype, body):
    from urllib.parse import urlsplit
    u = urlsplit(uri)
    path = u.path + ("?" + u.query if u.query else "")
    req = ("GET %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: Mozilla/5.0 (compatible; yq-demo-crawler/0.1)\r\n"
           "Accept: text/html,*/*;q=0.8\r\nAccept-Language: zh-CN,zh;q=0.9\r\nConnection: close\r\n\r\n" % (path, u.netloc)).encode()
    reason = {200: "OK", 404: "Not Found"}[status]
    httpdate = datetime.strptime(date, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    resp = ("HTTP/1.1 %d %s\r\nServer: nginx\r\nDate: %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n"
            "Connection: close\r\n\r\n" % (status, reason, format_datetime(httpdate, usegmt=True), ctype, len(body))).encode() + body
    digest = "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode()
    rrid, rrec = warc_record("response", uri, date, resp, ["WARC-Payload-Digest: " + digest, "WARC-IP-Address: 127.0.0.1"])
    _, qrec = warc_record("request", uri, date, req, ["WARC-Concurrent-To: " + rrid])
    return [qrec, rrec]

def emit_warc(pages):
    info = ("software: yq t/data/demo/gen.py\r\nformat: WARC File Format 1.0\r\n"
            "conformsTo: http://bibnum.bnf.fr/WARC/WARC_ISO_28500_version1_latestdraft.pdf\r\n"
            "description: demo crawl of 沄江 news and government pages, 2026-11-20..22\r\n").encode()
    recs = [warc_record("warcinfo", "", "2026-11-22T16:00:00Z", info, ["WARC-Filename: crawl.warc.gz"])[1]]
    for k, (fn, p, body, charset) in enumerate(pages):
        date = (p["when"] + timedelta(minutes=12)).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        recs += http_pair(p["url"], date, 200, "text/html; charset=%s" % ("GBK" if charset == "gbk" else "UTF-8"), body)
        if k == 3:
            recs += http_pair("https://www.yjrb.com.cn/images/logo.png", date, 200, "image/png", PNG)
        if k == 10:
            nf = b"<html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1><hr><center>nginx</center></body></html>\n"
            recs += http_pair("https://news.yunjiang.cn/system/2026/11/21/043999.shtml", date, 404, "text/html; charset=utf-8", nf)
    wfile("crawl.warc", b"".join(recs))
    wfile("crawl.warc.gz", b"".join(gzip.compress(r, 9, mtime=0) for r in recs))

# ---------------------------------------------------------------- README
DEADLINE_H = {"chem_blast": [("authoritative information", 5), ("press_conference", 24)]}

def fmt_delay(td):
    m = int(td.total_seconds() // 60)
    return "+%dh%02dm" % (m // 60, m % 60)

def emit_readme(posts, csvrows, wxrows, pages):
    L = []
    a = L.append
    labels = [e["label"] for e in EVENTS]
    plats = ["news", "gov", "weibo", "wechat", "forum"]
    a("沄江 demo corpus (t/data/demo)")
    a("=============================")
    a("")
    a("Fiction, hand-written for yq's tests and demos; generated by gen.py (python3, no network,")
    a("random.Random(20261120)).  Do not edit the outputs: edit gen.py and run `python3 gen.py`,")
    a("then `python3 check.py`.  THIS FILE IS GENERATED TOO; its numbers are computed.")
    a("")
    a("Setting")
    a("-------")
    a("沄江市 (331200), a fictional prefecture-level city in the real 浙江省 (330000).")
    a("places.tsv (code, name, short, level, parent; tab-separated, no header) is a gazetteer")
    a("supplement for yq-score:")
    a("")
    for r in PLACES:
        a("    " + "  ".join(r))
    a("")
    a("Window: 2026-11-20T00:00:00+08:00 to 2026-11-23T00:00:00+08:00 (all posts inside, \"now\" for")
    a("deadline checks is 2026-11-23T00:00:00+08:00).")
    a("")
    a("Record form (posts.ndjson)")
    a("--------------------------")
    a("One post per line, sorted by published_at, fields in this order: id, kind (\"post\"), source,")
    a("platform, url, title (news, gov and wechat; absent for weibo and forum), text, author, published_at (RFC 3339, +08:00),")
    a("metrics, demo, demo_answer (only on official answers, true).")
    a("id = first 16 hex digits of SHA-1 of the url (the urls are already canonical).")
    a("text: plain text, paragraphs separated by \\n; news/gov text excludes the headline;")
    a("forum text is the thread title, \\n, then the first floor (forum records have no title).")
    a("Weibo reposts carry the whole chain as exported: own comment (or 转发微博), then")
    a("//@A:A's comment ... //@原作者:original text.  News reprints (转载) are separate posts with")
    a("their own url; author is \"来源：<first site>\"; 之江晨报 reprints append \"（来源：...）\".")
    a("metrics: weibo {reposts,comments,likes}; wechat {likes,views}; forum {comments,views};")
    a("news and gov {views}.  demo is the event label; tools must pass both demo fields through.")
    a("")
    a("Counts")
    a("------")
    a("Total posts: %d.  By platform: %s." % (len(posts), ", ".join(
        "%s %d" % (pl, sum(1 for p in posts if p["platform"] == pl)) for pl in plats)))
    a("Weibo reposts (text contains //@): %d.  News reprints (转载): %d.  Official answers: %d." % (
        sum(1 for p in posts if "//@" in p["text"]), sum(1 for p in posts if p.get("reprint_of")),
        sum(1 for p in posts if p.get("answer"))))
    a("")
    a("| event | " + " | ".join(plats) + " | total |")
    a("| --- | " + " | ".join("---" for _ in plats) + " | --- |")
    for lb in labels:
        row = [sum(1 for p in posts if p["ev"] == lb and p["platform"] == pl) for pl in plats]
        a("| %s | %s | %d |" % (lb, " | ".join(map(str, row)), sum(row)))
    a("")
    a("Events")
    a("------")
    for e in EVENTS:
        lb = e["label"]
        ps = [p for p in posts if p["ev"] == lb]
        first = ps[0]
        a("")
        a("### %s: %s" % (lb, e["name"]))
        a("")
        if lb == "noise":
            a("Everyday posts (weather, tourism, marathon, basketball, traffic, concert, food): %d posts," % len(ps))
            a("no event, nothing to answer.  They must not form must-respond events.")
            continue
        a("- posts: %d (%s)" % (len(ps), ", ".join("%s %d" % (pl, sum(1 for p in ps if p["platform"] == pl))
                                                   for pl in plats if any(p["platform"] == pl for p in ps))))
        a("- first post: %s at %s (%s, %s)" % (first["id"], rfc3339(first["when"]), first["platform"], first["author"]))
        a("- last post: %s" % rfc3339(ps[-1]["when"]))
        a("- expected categories: %s" % ", ".join(e["categories"]))
        a("- places: %s; bodies named: %s" % ("、".join(e["places"]), "、".join(e["bodies"])))
        a("- responsible (国办发〔2016〕61号): %s%s" % (e["owner"], "; coordinator: " + e["coordinator"] if e["coordinator"] else ""))
        a("- rule: %s" % e["rule"])
        a("- emergency level: %s" % (e["level"] + " (12 dead, 10-29 → 重大; also direct loss 约5000万元 → 重大)" if e["level"] else "none"))
        ans = [p for p in ps if p.get("answer")]
        if lb == "chem_blast":
            dl = [("statement (authoritative information)", 5), ("press_conference", 24)]
        else:
            dl = [("statement", 48)]
        for what, hours in dl:
            due = first["when"] + timedelta(hours=hours)
            a("- deadline %s: %s (+%dh)" % (what, rfc3339(due), hours))
        if not ans:
            due = first["when"] + timedelta(hours=48)
            a("- official answer: MISSING; overdue since %s (as of 2026-11-23T00:00:00+08:00)" % rfc3339(due))
        for p in ans:
            hours = 24 if p["answer"] == "press_conference" else (5 if lb == "chem_blast" else 48)
            late = p["when"] - first["when"] > timedelta(hours=hours)
            a("- answer %s at %s (%s), form %s, by %s via %s: %s" % (
                p["id"], rfc3339(p["when"]), fmt_delay(p["when"] - first["when"]), p["answer"],
                p["author"], p["source"], "LATE" if late else "on time"))
            a("  title: %s" % p["title"])
    a("")
    a("Per-event summary")
    a("-----------------")
    a("| event | first post | posts | categories | level | answer(s) | status at end |")
    a("| --- | --- | --- | --- | --- | --- | --- |")
    for e in EVENTS[:-1]:
        ps = [p for p in posts if p["ev"] == e["label"]]
        ans = [p for p in ps if p.get("answer")]
        st = []
        for p in ans:
            hours = 24 if p["answer"] == "press_conference" else (5 if e["label"] == "chem_blast" else 48)
            st.append("%s %s %s" % (p["answer"], fmt_delay(p["when"] - ps[0]["when"]),
                                    "late" if p["when"] - ps[0]["when"] > timedelta(hours=hours) else "on time"))
        a("| %s | %s | %d | %s | %s | %s | %s |" % (e["label"], rfc3339(ps[0]["when"]), len(ps), ",".join(e["categories"]),
            e["level"] or "-", "; ".join(st) or "none", "overdue" if not ans else
            ("answered_late" if any("late" in x and "on time" not in x for x in st[-1:]) else "answered")))
    a("")
    a("Input forms (which posts are in which file)")
    a("-------------------------------------------")
    a("- posts.ndjson: all %d posts (the reference for every other form)." % len(posts))
    a("- weibo.csv (GBK, CRLF, excel quoting) and weibo-utf8bom.csv (same rows, UTF-8 with BOM):")
    a("  the %d weibo and forum posts (%d weibo, %d forum), in published_at order.  Header:" % (
        len(csvrows), sum(1 for p in csvrows if p["platform"] == "weibo"), sum(1 for p in csvrows if p["platform"] == "forum")))
    a("  序号,作者,正文,发布时间,链接,转发数,评论数,点赞数,平台.  发布时间 cycles through")
    a("  \"2026-11-20 09:30\", \"2026年11月20日 09:30\" and \"2026/11/20 09:30:00\" (row 1, 2, 3, ...),")
    a("  all +08:00.  平台 is 微博 or 论坛; forum rows leave 转发数 and 点赞数 empty (unknown).")
    a("  Forum texts contain newlines; several texts contain ASCII commas and quotes.")
    a("  Map: text=正文, author=作者, published_at=发布时间, url=链接, reposts=转发数,")
    a("  comments=评论数, likes=点赞数 (id from url; platform from 平台: 微博 weibo, 论坛 forum).")
    a("- wechat.ndjson and wechat.json (array): the %d wechat posts, native keys biz, mid, idx," % len(wxrows))
    a("  标题, 内容, 作者, 发布时间 (\"2026-11-20 09:30:00\", +08:00), 阅读数 (views), 点赞 (likes),")
    a("  在看 (not mapped), 链接 (url).  --map title=标题,text=内容,author=作者,published_at=发布时间,")
    a("  url=链接,views=阅读数,likes=点赞")
    a("- pages/*.html: the %d news and gov posts (news %d incl. reprints, gov %d), one page each;" % (
        len(pages), sum(1 for x in pages if x[1]["platform"] == "news"), sum(1 for x in pages if x[1]["platform"] == "gov")))
    gbk = [x[0][6:] for x in pages if x[3] == "gbk"]
    a("  UTF-8 except %s (GBK, <meta charset=\"gbk\">).  Templates: yjrb-* (沄江日报: \"2026年11月20日 09:40\"," % " and ".join(gbk))
    a("  来源：, 记者 line, nav, hot list, related, comments, footer), yjnews-* (沄江新闻网: \"发布时间：")
    a("  2026-11-20 10:11:00\", meta publishdate, HTML5 tags, copyright paragraph inside #content),")
    a("  zjcb-* (之江晨报: \"2026/11/21 19:20\", meta author), gov-* (government sites: meta PubDate,")
    a("  ArticleTitle, ContentSource; \"发布时间：2026-11-21 14:30  信息来源：...\").  pages/expected.tsv")
    a("  (header row, then file, title, published_at, first 30 characters of the body text) is the")
    a("  reference for extraction; body text equals the post's text, <p> per paragraph.")
    a("- crawl.warc.gz (one gzip member per record) and crawl.warc (same bytes uncompressed): a")
    a("  warcinfo record, then request + response for every page above (%d pairs, WARC-Target-URI =" % len(pages))
    a("  the post url, HTTP/1.1 200, Content-Type with charset, WARC-Payload-Digest), plus a 404")
    a("  response (https://news.yunjiang.cn/system/2026/11/21/043999.shtml) and an image/png response")
    a("  (https://www.yjrb.com.cn/images/logo.png) that readers must skip: %d records in all." % (1 + 2 * len(pages) + 4))
    a("  WARC-Date is 12 minutes after publication.  Expected posts from the WARC: %d." % len(pages))
    for fn, src, kind in [("feeds/yjrb.xml", "沄江日报", "RSS 2.0, pubDate +0800, content:encoded, dc:creator, slash:comments"),
                          ("feeds/yjnews.xml", "沄江新闻网", "RSS 2.0, pubDate in GMT, HTML in description, author"),
                          ("feeds/zjcb.rdf", "之江晨报", "RSS 1.0/RDF, dc:date RFC 3339, dc:creator")]:
        a("- %s: %s, the %d %s news posts (newest first except RDF)." % (fn, kind,
            sum(1 for p in posts if p["platform"] == "news" and p["source"] == src), src))
    a("- feeds/gov.atom: Atom, the %d gov posts (published/updated +08:00, content type=html)." % sum(
        1 for p in posts if p["platform"] == "gov"))
    a("")
    a("Files checked by check.py: JSON validity, unique ids, ids = sha1(url), times in window,")
    a("CSV and JSON dumps agree with posts.ndjson, WARC record lengths, feeds well-formed.")
    wfile("README", "\n".join(L) + "\n")

def main():
    posts = assemble()
    emit_places()
    emit_ndjson(posts)
    csvrows = emit_csv(posts)
    wxrows = emit_wechat(posts)
    pages = emit_pages(posts)
    emit_warc(pages)
    emit_feeds(posts)
    emit_readme(posts, csvrows, wxrows, pages)

if __name__ == "__main__":
    main()
