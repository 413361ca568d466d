//! The fields of the co-authoring unit application (seed 004's annex), in the paper form's order.

use super::config::Config;
use crate::form::{Cond, FieldDef as F, FormDef, Format, OptionDef, Seal, SectionDef, Text};

use Text as T;

const fn t(zh: &'static str, en: &'static str) -> T {
    T::new(zh, en)
}

use SectionDef as S;

fn opt(value: &'static str, label: Text) -> OptionDef {
    OptionDef::new(value, label)
}

/// The call's details under the standards: how to choose, the contact person and the start date.
fn call_note(config: &Config) -> T {
    let date = crate::rules::date::CivilDate::parse(&config.announced);
    let (zh_date, en_date) = match date {
        Some(d) => (d.display_zh(), d.display_en()),
        None => (config.announced.clone(), config.announced.clone()),
    };
    T::owned(
        format!(
            "可选择一项或多项标准，并为每项标准选择参与类型；主编单位由协会确认。{}于 {} 通知开始标准研制工作。标准编制组联系人：{}，电话 {}。",
            config.association.zh, zh_date, config.contact_name.zh, config.contact_phone
        ),
        format!(
            "Choose one or more standards and your role in each; lead editing units are confirmed by the association. {} announced the work on {}. Contact: {}, tel. {}.",
            config.association.en, en_date, config.contact_name.en, config.contact_phone
        ),
    )
}

pub fn build(config: &Config) -> FormDef {
    let standards = config.standards.iter().map(|s| OptionDef::new(s.id.clone(), s.title.clone())).collect();
    let assoc = &config.association;
    FormDef {
        id: super::FORM_ID,
        version: "2023-02-15",
        rules_version: "group-std-coauthor/1",
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
        sections: vec![
            S::new(
                "standards",
                t("拟参与的标准名称", "Standards to take part in"),
                Some(call_note(config)),
                vec![F::rows(
                    "standards",
                    t("拟参与的标准名称", "Standards to take part in"),
                    t("标准", "Standard"),
                    vec![
                        F::choice("standard", t("标准名称", "Standard"), standards),
                        F::choice(
                            "role",
                            t("参与类型", "Role"),
                            vec![
                                opt("chief", t("主编", "Lead editor")),
                                opt("deputy", t("副主编", "Deputy editor")),
                                opt("member", t("参编", "Contributor")),
                            ],
                        ),
                    ],
                    1,
                    config.standards.len().max(1),
                )],
            ),
            S::new(
                "unit",
                t("单位信息", "Organisation"),
                None,
                vec![
                    F::formatted("unit_name", t("单位名称", "Name of the organisation"), Format::OrgName),
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
                    F::formatted("uscc", t("统一社会信用代码", "Unified social credit code"), Format::Uscc),
                ],
            ),
            S::new(
                "writers",
                t("拟参与编写人员", "Proposed writers"),
                Some(t(
                    "每位编写人员的联系方式及简介：职务、学历、技术职称、业务专长，以及标准化工作经历（标准名称、第几起草人）。",
                    "For each writer: contact details and profile — position, education, technical title, specialty, and standards experience (standard, drafter rank).",
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
            S::new(
                "requirements",
                t("参编单位要求", "Requirements for co-authoring units"),
                None,
                vec![
                    F::agree(
                        "req_research",
                        t("前期研究与编制能力", "Preparatory research and capability"),
                        t(
                            "本单位熟悉国内外工业互联网相关领域发展和标准情况，已对标准制定的必要性和可行性、适用范围和主要技术内容、国内外情况进行必要的前期研究，具备开展团体标准研究与编制的能力。",
                            "We know the development and standards of the industrial internet at home and abroad, have done the necessary preparatory research on the necessity, feasibility, scope, main technical content and situation of the standard, and are able to research and draft group standards.",
                        ),
                    ),
                    F::agree(
                        "req_rules",
                        t("遵守管理办法", "Following the association's rules"),
                        t(
                            "本单位将严格按照《中国和平利用军工技术协会团体标准制修订管理办法》规定开展工作，确保标准项目按时顺利完成。",
                            "We will work strictly according to the association's rules for developing group standards and make sure the project is completed on time.",
                        ),
                    ),
                ],
            ),
            S::new(
                "patents",
                t("专利声明", "Patent declaration"),
                Some(t(
                    "团体标准涉及专利的，按协会的专利处置政策处理（工信部科〔2017〕324号）。",
                    "Patents in group standards are handled under the association's patent policy (MIIT 2017 No. 324).",
                )),
                vec![
                    F::choice(
                        "patent_held",
                        t("是否持有可能为所选标准必要专利的专利", "Do you hold patents that may be essential to the chosen standards?"),
                        vec![opt("no", t("否", "No")), opt("yes", t("是", "Yes"))],
                    ),
                    F::long_text("patent_list", t("相关专利（专利号及名称）", "Patents (number and title)"), 1000)
                        .visible_if(Cond::Equals { field: "patent_held", value: "yes" }),
                    F::choice(
                        "patent_licence",
                        t("许可承诺", "Licensing commitment"),
                        vec![
                            opt("free", t("免费许可", "Royalty-free licence")),
                            opt("frand", t("公平、合理、无歧视的有偿许可", "Licence on fair, reasonable and non-discriminatory terms")),
                            opt("refuse", t("不同意按上述方式许可", "Not willing to license on these terms")),
                        ],
                    )
                    .visible_if(Cond::Equals { field: "patent_held", value: "yes" }),
                ],
            ),
            S::new(
                "declaration",
                t("申请单位签章", "Seal of the applicant"),
                Some(t(
                    "打印的申请表须由申请单位签章（加盖公章）并填写日期后提交。",
                    "The printed form must bear the applicant's seal and the date before it is handed in.",
                )),
                vec![F::date("sign_date", t("签章日期", "Date of sealing"))],
            ),
        ],
    }
}
