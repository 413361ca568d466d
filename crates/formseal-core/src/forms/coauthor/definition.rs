//! The fields of the co-authoring unit application (seed 004's annex), in the paper form's order.

use super::config::{Config, PatentDeclaration};
use crate::form::{Cond, FieldDef as F, FormDef, Format, OptionDef, Process, Seal, SectionDef, Text};

use Text as T;

const fn t(zh: &'static str, en: &'static str) -> T {
    T::new(zh, en)
}

use SectionDef as S;

fn opt(value: &'static str, label: Text) -> OptionDef {
    OptionDef::new(value, label)
}

/// The call's details under the standards: when the work was announced and whom to contact
/// (seed 004: "2023 年 02 月 15 日中国和平利用军工技术协会正式通知开始开展标准研制工作", 六、标准编制组联系人).
fn call_note(config: &Config) -> T {
    let date = crate::rules::date::CivilDate::parse(&config.announced);
    let (zh_date, en_date) = match date {
        Some(d) => (d.display_zh(), d.display_en()),
        None => (config.announced.clone(), config.announced.clone()),
    };
    T::owned(
        format!(
            "可选择一项或多项标准。{}于 {} 正式通知开始开展标准研制工作。标准编制组联系人：{}，联系电话 {}。",
            config.association.zh, zh_date, config.contact_name.zh, config.contact_phone
        ),
        format!(
            "Choose one or more standards. {} announced the start of the work on {}. Contact of the drafting team: {}, tel. {}.",
            config.association.en, en_date, config.contact_name.en, config.contact_phone
        ),
    )
}

/// Seed 004 五、参编流程 and 六、标准编制组联系人.
fn process(config: &Config) -> Process {
    Process {
        recipient: t("标准编制组联系人", "the drafting team's contact person"),
        reviewers: t("协会和起草组", "the association and the drafting group"),
        hand_in: T::owned(
            format!(
                "打印的申请表须由申请单位签章，填写日期后提交标准编制组联系人{}（联系电话 {}）（参编流程第1步）。",
                config.contact_name.zh, config.contact_phone
            ),
            format!(
                "Print the form, have it signed and sealed by the applicant, date it and hand it to the drafting team's contact person, {} (tel. {}) (step 1 of the process).",
                config.contact_name.en, config.contact_phone
            ),
        ),
        steps: vec![
            t("盖章并提交标准参编申请表", "Seal and hand in the application form"),
            t("协会和起草组审核", "Review by the association and the drafting group"),
            t("签订协议", "Signing of the agreement"),
            t("加入标准编制组", "Joining the drafting team"),
        ],
    }
}

/// 五、参编单位要求, in the call's words (the field and the rules come from its configuration).
fn requirements(config: &Config) -> SectionDef {
    let (field, rules, assoc) = (&config.field, &config.rules_document, &config.association);
    S::new(
        "requirements",
        t("参编单位要求", "Requirements for co-authoring units"),
        Some(t(
            "征集说明“五、参编单位要求”，请逐项确认（不是申请表的栏目）。",
            "From part 5 of the call, “Requirements for co-authoring units”: confirm each (not a row of the paper form).",
        )),
        vec![
            F::agree(
                "req_research",
                t("前期研究与编制能力", "Preparatory research and capability"),
                T::owned(
                    format!(
                        "本单位熟悉国内外{}相关领域发展和标准情况，已对标准制定的必要性和可行性、适用范围和主要技术内容、国内外情况进行必要的前期研究，具备开展团体标准研究与编制的能力。",
                        field.zh
                    ),
                    format!(
                        "We know the development and standards of {} at home and abroad, have done the necessary preparatory research on the necessity, feasibility, scope, main technical content and situation of the standard, and are able to research and draft group standards.",
                        field.en
                    ),
                ),
            ),
            F::agree(
                "req_rules",
                t("遵守管理办法", "Following the association's rules"),
                T::owned(
                    format!("本单位将严格按照{}规定开展工作，确保标准项目按时顺利完成。", rules.zh),
                    format!(
                        "We will work strictly according to {} of {} and make sure the project is completed on time.",
                        rules.en, assoc.en
                    ),
                ),
            ),
        ],
    )
    .addition()
}

/// The patent declaration, when the call asks for one: an extension (seed 004's form has none),
/// under the association's patent policy (seed 002 三（一）: the association sets the policy).
fn patents(config: &Config) -> Option<SectionDef> {
    let optional = match config.patent_declaration {
        PatentDeclaration::Off => return None,
        PatentDeclaration::Optional => true,
        PatentDeclaration::Required => false,
    };
    let assoc = &config.association;
    let held = F::choice(
        "patent_held",
        t("是否持有可能为所选标准必要专利的专利", "Do you hold patents that may be essential to the chosen standards?"),
        vec![opt("no", t("否", "No")), opt("yes", t("是", "Yes"))],
    );
    let mut fields = vec![
        if optional { held.optional() } else { held },
        F::long_text("patent_list", t("相关专利（专利号及名称）", "Patents (number and title)"), 1000)
            .visible_if(Cond::Equals { field: "patent_held", value: "yes" }),
    ];
    if !config.patent_licence_options.is_empty() {
        let options = config.patent_licence_options.iter().map(|o| OptionDef::new(o.id.clone(), o.label.clone()));
        fields.push(
            F::choice("patent_licence", t("许可承诺", "Licensing commitment"), options.collect())
                .visible_if(Cond::Equals { field: "patent_held", value: "yes" }),
        );
    }
    let note = T::owned(
        format!("按{}的专利处置政策声明（本次征集的要求，不是申请表的栏目）。", assoc.zh),
        format!("Declared under the patent policy of {} (asked by this call; not a row of the paper form).", assoc.en),
    );
    Some(S::new("patents", t("专利声明", "Patent declaration"), Some(note), fields).addition())
}

pub fn build(config: &Config) -> FormDef {
    let standards = config.standards.iter().map(|s| OptionDef::new(s.id.clone(), s.title.clone())).collect();
    let assoc = &config.association;
    let mut sections = vec![
        S::new(
            "standards",
            t("拟参与的标准名称", "Standards to take part in"),
            Some(call_note(config)),
            vec![F::multi("standards", t("拟参与的标准名称", "Standards to take part in"), standards, 1)],
        ),
        S::new(
            "unit",
            t("单位信息", "Organisation"),
            None,
            vec![
                F::formatted("unit_name", t("单位名称", "Name of the organisation"), Format::OrgName),
                F::choice(
                    "role",
                    t("参与类型", "Role"),
                    vec![
                        opt("chief", t("主编", "Lead editor")),
                        opt("deputy", t("副主编", "Deputy editor")),
                        opt("member", t("参编", "Contributor")),
                    ],
                ),
                F::choice(
                    "unit_type",
                    t("单位类型", "Type of organisation"),
                    vec![
                        opt("government", t("政府部门", "Government department")),
                        opt("institution", t("事业单位", "Public institution")),
                        opt("social", t("社会组织", "Social organisation")),
                        opt("research", t("科研院所", "Research institute")),
                        opt("enterprise", t("企业", "Enterprise")),
                        opt("other", t("其他", "Other")),
                    ],
                ),
                F::text("unit_type_other", t("其他单位类型（请注明）", "Other type (please specify)"), 50)
                    .visible_if(Cond::Equals { field: "unit_type", value: "other" }),
                F::choice(
                    "membership",
                    t("协会任职", "Membership of the association"),
                    vec![opt("member", t("单位会员", "Member unit")), opt("non_member", t("非单位会员", "Not a member"))],
                ),
                F::formatted("leader", t("负责人", "Person in charge"), Format::PersonName),
                F::formatted("leader_phone", t("负责人电话", "Telephone of the person in charge"), Format::Phone)
                    .help(t("手机或带区号的固定电话", "Mobile, or landline with area code")),
                F::formatted("leader_email", t("负责人邮箱", "E-mail of the person in charge"), Format::Email),
                F::text("address", t("地址", "Address"), 100),
                F::formatted("uscc", t("统一社会信用代码（选填）", "Unified social credit code (optional)"), Format::Uscc)
                    .optional()
                    .help(t(
                        "申请表上没有此栏，可不填；填写时将检查校验位。18 位，见营业执照、事业单位法人证书、社会团体法人登记证书等登记证书",
                        "Not on the paper form: leave it empty if you like; when given, it is checked. 18 characters, on the business licence or other registration certificate",
                    )),
            ],
        ),
        S::new(
            "writers",
            t("拟参与编写人员", "Proposed writers"),
            Some(t(
                "每位编写人员的联系方式及简介：1. 姓名、职务、学历、技术职称、业务专长；2. 标准化工作经历（标准名称、第几起草人）。",
                "For each writer: contact details and profile — 1. name, position, education, technical title, specialty; 2. standards experience (standard, drafter rank).",
            )),
            vec![F::rows(
                "writers",
                t("拟参与编写人员", "Proposed writers"),
                t("编写人员", "Writer"),
                vec![
                    F::formatted("name", t("姓名", "Name"), Format::PersonName),
                    F::text("department", t("部门", "Department"), 50),
                    F::text("title", t("职称/职务", "Title / position"), 50),
                    F::formatted("phone", t("电话", "Telephone"), Format::Phone),
                    F::formatted("email", t("邮箱", "E-mail"), Format::Email),
                    F::formatted("wechat", t("微信号", "WeChat ID"), Format::WeChat)
                        .optional()
                        .help(t("微信号或绑定的手机号", "WeChat ID or the mobile number linked to it")),
                    F::choice(
                        "education",
                        t("学历", "Education"),
                        vec![
                            opt("doctorate", t("博士研究生", "Doctorate")),
                            opt("master", t("硕士研究生", "Master's")),
                            opt("bachelor", t("大学本科", "Bachelor's")),
                            opt("college", t("大专", "College")),
                            opt("other", t("其他", "Other")),
                        ],
                    ),
                    F::text("tech_title", t("技术职称", "Technical title"), 50).optional(),
                    F::long_text("specialty", t("业务专长", "Specialty"), 300),
                    F::rows(
                        "experience",
                        t("标准化工作经历", "Standards experience"),
                        t("经历", "Experience"),
                        vec![
                            F::formatted("standard", t("标准名称或编号", "Standard title or number"), Format::StandardRef),
                            F::formatted("rank", t("第几起草人", "Drafter rank"), Format::Rank),
                        ],
                        0,
                        50,
                    )
                    .optional(),
                ],
                1,
                500,
            )],
        ),
        S::new(
            "intro",
            t("单位简介", "About the organisation"),
            None,
            vec![
                F::long_text("intro_company", t("1. 企业简介", "1. Company introduction"), 2000),
                F::long_text(
                    "intro_related",
                    t(
                        "2. 与本标准研制相关的业务情况、技术力量、科研条件等",
                        "2. Business, technical strength and research conditions related to the standard",
                    ),
                    2000,
                ),
            ],
        ),
        requirements(config),
    ];
    sections.extend(patents(config));
    sections.push(S::new(
        "declaration",
        t("申请单位签章", "Seal of the applicant"),
        Some(t(
            "打印的申请表须由申请单位签章并填写日期。",
            "The printed form must bear the applicant's signature and seal, and the date.",
        )),
        vec![F::date("sign_date", t("签章日期", "Date of sealing"))],
    ));
    FormDef {
        id: super::FORM_ID,
        version: "2023-02-15.2",
        rules_version: "group-std-coauthor/2",
        title: Text::owned(
            format!("{}团体标准编制组成员单位申请表", assoc.zh),
            format!("{}: application to join a group-standard drafting team", assoc.en),
        ),
        body: assoc.clone(),
        name_field: "unit_name",
        deadline: None,
        seal: Seal {
            section: "declaration",
            date_field: "sign_date",
            signature: t("申请单位（签章）", "Applicant (signature and seal)"),
            date_note: t("", ""),
        },
        process: process(config),
        sections,
    }
}
