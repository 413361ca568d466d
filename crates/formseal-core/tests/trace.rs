//! Where every field and every eligibility condition of each form comes from: a short quotation
//! of the seed it reproduces (checked to be in the seed, whitespace aside), or `extension` with
//! the reason the product adds it. A field or condition in neither list fails the test, and so
//! does a listed item the form no longer has. The seeds are kept in `docs/seeds/`.

use formseal_core::draft;
use formseal_core::form::{Answers, FieldDef, FieldKind, FormRules};
use formseal_core::forms;

/// Where an item comes from.
enum From {
    /// A seed (its number) and a quotation from it.
    Seed(&'static str, &'static str),
    /// Not in the seeds: why the product adds it.
    Extension(&'static str),
}
use From::{Extension, Seed};

const SEED_001: &str = include_str!("../../../docs/seeds/001-aii-charter.txt");
const SEED_002: &str = include_str!("../../../docs/seeds/002-miit-group-standards.txt");
const SEED_003: &str = include_str!("../../../docs/seeds/003-tc260-wg-charter.txt");
const SEED_004: &str = include_str!("../../../docs/seeds/004-coauthor-call.txt");

const TC260: &[(&str, From)] = &[
    ("name_zh", Seed("003", "单位名称 中文：")),
    ("name_en", Seed("003", "英文：")),
    (
        "uscc",
        Extension(
            "the form's note asks for the 工商登记注册号 and the 法人机构代码 (注 1–2); since 三证合一 (2016) both are part of the unified social credit code, asked once and checked",
        ),
    ),
    ("address", Seed("003", "办公地址")),
    ("postcode", Seed("003", "邮编")),
    ("legal_rep", Seed("003", "法人代表姓名")),
    ("org_type", Seed("003", "单位性质 企业 政府部门 科研院所 其他_____ 高等院校")),
    ("org_type_other", Seed("003", "其他_____")),
    ("foreign", Seed("003", "是否外企")),
    ("contact_name", Seed("003", "联系人 姓名")),
    ("contact_gender", Seed("003", "性别")),
    ("contact_title", Seed("003", "职务")),
    ("contact_phone", Seed("003", "电话")),
    ("contact_fax", Seed("003", "传真")),
    ("contact_mobile", Seed("003", "手机")),
    ("contact_email", Seed("003", "电子邮件")),
    ("contact_address", Seed("003", "通信地址")),
    ("contact_postcode", Seed("003", "邮编")),
    ("profile", Seed("003", "单位简介")),
    ("business", Seed("003", "主要业务领域 产品或研究成果，以及从事标准研制工作的经验：")),
    ("working_groups", Seed("003", "申请加入的工作组")),
    ("representatives", Seed("003", "工作组成员应指派 1 至 2 名相对固定的代表参与工作组活动")),
    ("representatives.name", Extension("names the representative 第十一条第2项 asks for (printed as an addition)")),
    ("representatives.title", Extension("the representative's position, to judge 第十一条第2项's technical background")),
    ("representatives.background", Seed("003", "代表应具备相应技术背景")),
    ("representatives.mobile", Extension("to reach the representative the charter asks for")),
    ("representatives.email", Extension("to reach the representative the charter asks for")),
    ("licence", Seed("003", "附企业法人营业执照副本或上级主管部门批准成立文件复印件")),
    ("crypto_approval_no", Seed("003", "密码主管部门的批文文号")),
    ("crypto_approval", Seed("003", "商密生产定点单位的密码产品授权证明（附复印件）")),
    ("other_docs", Seed("003", "其他重要的法律文件")),
    ("contact_change", Seed("003", "联系人变更应及时书面通知秘书处和工作组")),
    ("confidentiality", Seed("003", "不得向外界披露与网安标委和工作组有关的内部事项")),
    ("participation", Seed("003", "积极参加工作组的会议或活动，完成交办的工作任务")),
    ("promotion", Seed("003", "自觉宣传、贯彻和实施网络安全国家标准")),
    ("fees", Seed("003", "按规定缴纳会费")),
    ("pledge", Seed("003", "本单位愿意遵守《全国网络安全标准化技术委员会工作组章程》及其配套规章的规定")),
    ("seal_date", Seed("003", "年 月 日（盖章日期）")),
    // Conditions.
    ("art9.1", Seed("003", "在我国境内注册的、具有法人资格的企业、高等院校、科研院所等")),
    ("art9.2", Seed("003", "自愿加入工作组，承认并遵守本章程")),
    ("art9.3", Seed("003", "从事与工作组技术领域相关的业务")),
    ("art11.1", Seed("003", "工作组成员应指派 1 名固定联系人与秘书处和工作组保持联络")),
    ("art11.2", Seed("003", "代表应具备相应技术背景，并能够代表工作组成员行使表决权、建议权等")),
    ("art11.3", Seed("003", "保护网安标委的中间和最终研究成果")),
    ("art11.4", Seed("003", "积极参加工作组的会议或活动")),
    ("art11.5", Seed("003", "自觉宣传、贯彻和实施网络安全国家标准")),
    ("art11.6", Seed("003", "按规定缴纳会费")),
];

const PATENTS: &str = "call option `patent_declaration` (off by default): seed 004's form has no patent declaration, and seed 002 三（一） puts the patent policy on the association";

const COAUTHOR: &[(&str, From)] = &[
    ("standards", Seed("004", "拟参与的标准名称")),
    ("unit_name", Seed("004", "单位名称")),
    ("role", Seed("004", "参与类型 □主编 □副主编 □参编")),
    ("unit_type", Seed("004", "□政府部门 □事业单位 □社会组织 □科研院所 □企业 □其他：")),
    ("unit_type_other", Seed("004", "□其他：")),
    ("membership", Seed("004", "协会任职 □单位会员 □非单位会员")),
    ("leader", Seed("004", "负责人")),
    ("leader_phone", Seed("004", "负责人 电话")),
    ("leader_email", Seed("004", "邮箱")),
    ("address", Seed("004", "地址")),
    (
        "uscc",
        Extension(
            "not on the paper form: optional, to identify the unit; checked only when given, never blocks the package",
        ),
    ),
    ("writers", Seed("004", "拟参与编写人员")),
    ("writers.name", Seed("004", "姓名")),
    ("writers.department", Seed("004", "部门")),
    ("writers.title", Seed("004", "职称/职务")),
    ("writers.phone", Seed("004", "电话")),
    ("writers.email", Seed("004", "邮箱")),
    ("writers.wechat", Seed("004", "微信号")),
    ("writers.education", Seed("004", "姓名、职务、学历、技术职称、业务专长")),
    ("writers.tech_title", Seed("004", "技术职称")),
    ("writers.specialty", Seed("004", "业务专长")),
    ("writers.experience", Seed("004", "标准化工作经历（标准名称、第几起草人）")),
    ("writers.experience.standard", Seed("004", "标准名称")),
    ("writers.experience.rank", Seed("004", "第几起草人")),
    ("intro_company", Seed("004", "1.企业简介")),
    ("intro_related", Seed("004", "2.与本标准研制相关的业务情况、技术力量、科研条件等")),
    ("req_research", Seed("004", "申报单位应熟悉国内外工业互联网相关领域发展和标准情况")),
    ("req_rules", Seed("004", "申报单位应严格按照《中国和平利用军工技术协会团体标准制修订管理办法》规定开展工作")),
    ("sign_date", Seed("004", "（签章） 年 月 日")),
    ("patent_held", Extension(PATENTS)),
    ("patent_list", Extension(PATENTS)),
    ("patent_licence", Extension(PATENTS)),
    // Conditions (and the call's invitation, shown as information).
    ("call.invitation", Seed("004", "诚邀相关企事业单位、科研院所、高等院校等参加标准编制组")),
    ("part5.1", Seed("004", "具备开展团体标准研究与编制的能力")),
    ("part5.2", Seed("004", "确保标准项目按时顺利完成")),
    ("form.writers", Seed("004", "拟参与编写人员简介")),
    ("policy.patents", Seed("002", "社会团体需根据相关法律法规的要求，制定团体标准中涉及专利的处置政策并对外公布")),
];

/// The fields the charter does not list but any application of a unit carries.
const UNIT_BLOCK: &str = "not in the charter: the usual unit block so the secretariat can identify and reach the unit";

const AII: &[(&str, From)] = &[
    ("unit_name", Seed("001", "本联盟由单位会员组成")),
    ("unit_name_en", Extension(UNIT_BLOCK)),
    ("unit_type", Seed("001", "（一）依法注册的企事业单位、社团组织、高等院校、科研院所")),
    (
        "unit_type_other",
        Extension(
            "not in the charter: a type outside 第十条（一）'s five is named, so that the secretariat looks at it in its first review (第十一条（二）) instead of the form refusing it",
        ),
    ),
    ("registered_in", Seed("001", "由国内外工业互联网产业相关的企、事业单位")),
    ("uscc", Extension(UNIT_BLOCK)),
    (
        "reg_no",
        Extension("not in the charter: a unit registered abroad (第二条 国内外) has no unified social credit code; its registration number identifies it instead"),
    ),
    (
        "reg_country",
        Extension("not in the charter: a unit registered abroad (第二条 国内外) names the country or region of its registration"),
    ),
    ("legal_rep", Extension(UNIT_BLOCK)),
    ("address", Extension(UNIT_BLOCK)),
    ("postcode", Extension(UNIT_BLOCK)),
    ("contact_name", Seed("001", "指定专人负责同联盟秘书处联系")),
    ("contact_title", Extension(UNIT_BLOCK)),
    ("contact_mobile", Extension(UNIT_BLOCK)),
    ("contact_phone", Extension(UNIT_BLOCK)),
    ("contact_phone_intl", Extension(UNIT_BLOCK)),
    ("contact_email", Extension(UNIT_BLOCK)),
    ("tier", Seed("001", "联盟会员包括普通会员单位、理事单位、副理事长单位和理事长单位")),
    ("current_tier", Seed("001", "理事单位由普通会员单位根据权利义务要求自主申请担任")),
    ("typical", Seed("001", "副理事长单位由理事单位和具有典型代表性的普通会员单位根据权利义务要求自主申请担任")),
    ("work_areas", Seed("001", "第八条 联盟主要工作内容")),
    ("influence", Seed("001", "(三) 在本联盟的业务（行业、学科）领域内具有一定的影响")),
    ("council_rep_name", Seed("001", "理事单位、副理事长单位、理事长单位需派代表参加联盟理事大会")),
    ("council_rep_title", Extension("the position of the representative 第十三条 asks for, so that the secretariat knows who attends the 理事大会")),
    ("council_rep_mobile", Extension("to reach the representative to the 理事大会 that 第十三条 asks for")),
    ("council_rep_email", Extension("to reach the representative to the 理事大会 that 第十三条 asks for")),
    ("nominee_name", Seed("001", "(一) 可推荐一名代表担任联盟理事")),
    ("nominee_title", Extension("the position of the one nominee 第十二条 allows, for the 理事会 that decides on 理事 (第二十二条（三）)")),
    ("nominee_mobile", Extension("to reach the nominee 第十二条 allows")),
    ("nominee_email", Extension("to reach the nominee 第十二条 allows")),
    ("duty_charter", Seed("001", "(一) 遵守联盟章程、执行联盟决议")),
    ("duty_reputation", Seed("001", "全力维护联盟的权益和声誉，不得以联盟名义从事有损行业声誉和侵害客户利益的活动")),
    ("duty_reporting", Seed("001", "完成联盟委托的信息报送等工作，积极参加联盟组织的各类活动")),
    ("duty_confidentiality", Seed("001", "对联盟合作规则细节以及内部讨论的问题，在尚未正式公开对外发布之前不得向外透露")),
    ("duty_contact", Seed("001", "（五）指定专人负责同联盟秘书处联系，以利开展日常工作")),
    ("duty_vice_chair", Seed("001", "（六）理事长、副理事长单位在联盟活动的开展中，应较理事单位和普通会员承担更多义务")),
    ("duty_director", Seed("001", "（七）理事单位在联盟活动的开展中，应较普通会员单位承担更多义务")),
    ("pledge", Seed("001", "(二) 拥护本联盟的章程，有加入本联盟的意愿")),
    ("commitment", Seed("001", "(四) 履行会员义务，积极参加活动")),
    (
        "seal_date",
        Extension("not in the charter: the unit's seal and its date, as on the other forms, so that the printed 入会申请书 (第十一条（一）) is the unit's own"),
    ),
    // Conditions (and the automatic downgrade, shown as information).
    ("art10.1", Seed("001", "（一）依法注册的企事业单位、社团组织、高等院校、科研院所")),
    ("art10.2", Seed("001", "(二) 拥护本联盟的章程，有加入本联盟的意愿")),
    ("art10.3", Seed("001", "(三) 在本联盟的业务（行业、学科）领域内具有一定的影响")),
    ("art10.4", Seed("001", "(四) 履行会员义务，积极参加活动")),
    ("art13.path", Seed("001", "理事长单位由主要发起单位产生")),
    ("art13.representative", Seed("001", "理事单位、副理事长单位、理事长单位需派代表参加联盟理事大会")),
    ("art13.downgrade", Seed("001", "如连续三次不参加者，视为自动降级")),
    ("art12.nominee", Seed("001", "(一) 可推荐一名代表担任联盟理事")),
    ("art14.5", Seed("001", "（五）指定专人负责同联盟秘书处联系")),
];

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Every field id of a definition, rows' fields as `rows.field`.
fn field_ids(prefix: &str, fields: &[FieldDef], out: &mut Vec<String>) {
    for f in fields {
        let id = format!("{prefix}{}", f.id);
        if let FieldKind::Rows { fields: sub, .. } = &f.kind {
            field_ids(&format!("{id}."), sub, out);
        }
        out.push(id);
    }
}

/// Every field and condition id of a form: conditions as evaluated on an empty and a complete
/// application (a form may show a condition only in some states).
fn items(form: &dyn FormRules, complete: &Answers) -> Vec<String> {
    let mut out = Vec::new();
    for s in &form.def().sections {
        field_ids("", &s.fields, &mut out);
    }
    for a in [Answers::empty(form.def()), complete.clone()] {
        for c in form.eligibility(&a, &[]) {
            if !out.iter().any(|x| x == c.id) {
                out.push(c.id.to_string());
            }
        }
    }
    out
}

fn check(form: &dyn FormRules, complete: &Answers, table: &[(&str, From)]) {
    let have = items(form, complete);
    let missing: Vec<_> = have.iter().filter(|id| !table.iter().any(|(t, _)| t == id)).collect();
    assert!(missing.is_empty(), "{}: items with no source and no extension note: {missing:?}", form.def().id);
    let stale: Vec<_> = table.iter().map(|(t, _)| *t).filter(|t| !have.iter().any(|h| h == t)).collect();
    assert!(stale.is_empty(), "{}: listed items the form does not have: {stale:?}", form.def().id);
    for (id, from) in table {
        match from {
            Seed(seed, quote) => {
                let text = match *seed {
                    "001" => SEED_001,
                    "002" => SEED_002,
                    "003" => SEED_003,
                    "004" => SEED_004,
                    other => panic!("{id}: no seed {other}"),
                };
                assert!(squeeze(text).contains(&squeeze(quote)), "{id}: seed {seed} does not say “{quote}”");
            }
            Extension(why) => assert!(why.len() > 20, "{id}: an extension needs its reason"),
        }
    }
}

fn complete(form: &dyn FormRules, fixture: &str) -> Answers {
    draft::parse(fixture, form.def()).expect("the fixture reads").draft.answers
}

#[test]
fn every_tc260_item_traces_to_seed_003_or_is_an_extension() {
    let form = forms::by_id("tc260-wg").unwrap();
    let a = complete(form.as_ref(), include_str!("../../../fixtures/tc260-complete.json"));
    check(form.as_ref(), &a, TC260);
}

#[test]
fn every_coauthor_item_traces_to_seed_004_or_is_an_extension() {
    // With the optional patent declaration switched on, so that its items are listed too.
    let call = serde_json::json!({
        "patent_declaration": "required",
        "patent_licence_options": [{ "id": "free", "label": { "zh": "免费许可", "en": "Royalty-free" } }]
    });
    let form = forms::with_config("group-std-coauthor", &call).unwrap().unwrap();
    let a = complete(form.as_ref(), include_str!("../../../fixtures/coauthor-complete.json"));
    check(form.as_ref(), &a, COAUTHOR);
}

#[test]
fn every_aii_item_traces_to_seed_001_or_is_an_extension() {
    let form = forms::by_id("aii-member").unwrap();
    let a = complete(form.as_ref(), include_str!("../../../fixtures/aii-complete.json"));
    check(form.as_ref(), &a, AII);
}

#[test]
fn the_forms_make_no_promise_the_seeds_do_not_make() {
    // Texts the seeds never say (issue 12): they must not come back in any catalogue or form.
    let zh = formseal_core::messages::catalogue(formseal_core::Locale::ZhCn);
    let forms = [
        forms::by_id("tc260-wg").unwrap(),
        forms::by_id("group-std-coauthor").unwrap(),
        forms::by_id("aii-member").unwrap(),
    ];
    let mut texts: Vec<String> = zh.values().map(|s| s.to_string()).collect();
    for f in &forms {
        for c in &f.def().conditions {
            texts.extend([c.clause.zh.to_string(), c.condition.zh.to_string()]);
            for o in &c.outcomes {
                texts.push(o.reason.zh.to_string());
                texts.extend(o.remedy.iter().map(|r| r.zh.to_string()));
            }
        }
        texts.extend(f.def().rules.iter().filter_map(|r| r.message.as_ref()).map(|m| m.zh.to_string()));
        for s in &f.def().sections {
            texts.extend(s.note.iter().map(|n| n.zh.to_string()));
            for field in &s.fields {
                texts.push(field.label.zh.to_string());
                texts.extend(field.help.iter().map(|h| h.zh.to_string()));
                if let FieldKind::Agree { statement } = &field.kind {
                    texts.push(statement.zh.to_string());
                }
            }
        }
    }
    for banned in
        ["如未获确认", "更易通过审核", "协会将与您联系", "主编单位由协会确认", "密码法", "工信部科〔2017〕324号"]
    {
        assert!(!texts.iter().any(|t| t.contains(banned)), "“{banned}” is not in the seeds");
    }
}
