//! The fields of the TC260 application form, in the paper form's order and wording.

use super::config::Config;
use crate::form::{Cond, FieldDef as F, FormDef, Format, OptionDef, Process, Seal, SectionDef, Text};

use Text as T;

const fn t(zh: &'static str, en: &'static str) -> T {
    T::new(zh, en)
}

use SectionDef as S;

/// The pledge printed under 申请单位意见 on the paper form.
pub const PLEDGE_ZH: &str = "本单位愿意遵守《全国网络安全标准化技术委员会工作组章程》及其配套规章的规定，积极参与全国网络安全标准化技术委员会组织的各项活动。";

pub fn build(config: &Config) -> FormDef {
    let wg_options = config
        .working_groups
        .iter()
        .map(|wg| {
            let option = OptionDef::new(wg.code.clone(), Text::owned(wg.code.clone(), wg.code.clone()));
            match &wg.name {
                Some(name) => option.hint(name.clone()),
                None => option,
            }
        })
        .collect();
    FormDef {
        id: super::FORM_ID,
        version: "2025-04-01.2",
        rules_version: "tc260-wg/2",
        title: t("全国网络安全标准化技术委员会工作组成员申请表", "TC260 Working Group Membership Application"),
        body: t("全国网络安全标准化技术委员会秘书处", "Secretariat of TC260"),
        name_field: "name_zh",
        deadline: None,
        seal: Seal {
            section: "declaration",
            date_field: "seal_date",
            signature: t("单位公章：", "Seal of the unit:"),
            date_note: t("（盖章日期）", " (date of sealing)"),
        },
        // 第十二条 工作组成员的加入.
        process: Process {
            recipient: t("秘书处", "the secretariat"),
            reviewers: t("秘书处和工作组", "the secretariat and the working group"),
            hand_in: t(
                "打印的申请表须加盖单位公章并填写盖章日期，连同相关资质文件提交秘书处（第十二条第1项）。",
                "Print the form, stamp it with the unit's official seal, date it, and hand it to the secretariat with the qualification documents (Article 12(1)).",
            ),
            steps: vec![
                t(
                    "申请单位向秘书处提交《全国网络安全标准化技术委员会工作组成员申请表》及相关资质文件",
                    "The applicant hands the application form and its qualification documents to the secretariat",
                ),
                t("秘书处委托工作组对申请材料进行审核", "The secretariat asks the working group to review the application"),
                t(
                    "工作组将审核结果报秘书处，秘书处通知审核通过的单位办理相关手续",
                    "The working group reports to the secretariat, which notifies the units accepted of the formalities",
                ),
            ],
        },
        sections: vec![
            S::new(
                "unit",
                t("单位信息", "Organisation"),
                None,
                vec![
                    F::formatted("name_zh", t("单位名称（中文）", "Name (Chinese)"), Format::OrgName)
                        .help(t(
                            "与营业执照、事业单位法人证书等登记证书上的名称一致",
                            "As on the business licence or other registration certificate",
                        )),
                    F::formatted("name_en", t("单位名称（英文）", "Name (English)"), Format::EnglishOrgName).optional(),
                    F::formatted("uscc", t("统一社会信用代码", "Unified social credit code"), Format::Uscc).help(t(
                        "18 位，见营业执照、事业单位法人证书、社会团体法人登记证书等登记证书；申请表注中的工商登记注册号和法人机构代码均已并入此代码，无需另行填写",
                        "18 characters, on the business licence or other registration certificate (public institution, social organisation, …); it replaces the registration number and organisation code the form's note asks for",
                    )),
                    F::text("address", t("办公地址", "Office address"), 100),
                    F::formatted("postcode", t("邮编", "Postcode"), Format::Postcode),
                    F::formatted("legal_rep", t("法人代表姓名", "Legal representative"), Format::PersonName),
                    F::choice(
                        "org_type",
                        t("单位性质", "Type of organisation"),
                        vec![
                            OptionDef::new("enterprise", t("企业", "Enterprise")),
                            OptionDef::new("government", t("政府部门", "Government department")),
                            OptionDef::new("research", t("科研院所", "Research institute")),
                            OptionDef::new("university", t("高等院校", "University")),
                            OptionDef::new("other", t("其他", "Other")),
                        ],
                    ),
                    F::text("org_type_other", t("其他单位性质（请注明）", "Other type (please specify)"), 50)
                        .visible_if(Cond::Equals { field: "org_type", value: "other" }),
                    F::choice(
                        "foreign",
                        t("是否外企", "Foreign-invested enterprise?"),
                        vec![OptionDef::new("yes", t("是", "Yes")), OptionDef::new("no", t("否", "No"))],
                    )
                    .help(t("外商投资企业请选择“是”", "Choose “Yes” for a foreign-invested enterprise")),
                ],
            ),
            S::new(
                "contact",
                t("联系人", "Contact person"),
                Some(t(
                    "工作组成员应指派 1 名固定联系人与秘书处和工作组保持联络，联系人变更应及时书面通知秘书处和工作组（第十一条第1项）",
                    "Members appoint one fixed contact person for the secretariat and the working group, and notify both in writing when the contact changes (Article 11(1))",
                )),
                vec![
                    F::formatted("contact_name", t("姓名", "Name"), Format::PersonName),
                    F::choice(
                        "contact_gender",
                        t("性别", "Gender"),
                        vec![OptionDef::new("male", t("男", "Male")), OptionDef::new("female", t("女", "Female"))],
                    ),
                    F::text("contact_title", t("职务", "Position"), 50),
                    F::formatted("contact_phone", t("电话", "Telephone"), Format::Landline)
                        .optional()
                        .help(t("含区号，如 010-62300000", "With area code, e.g. 010-62300000")),
                    F::formatted("contact_fax", t("传真", "Fax"), Format::Fax).optional(),
                    F::formatted("contact_mobile", t("手机", "Mobile"), Format::Mobile),
                    F::formatted("contact_email", t("电子邮件", "E-mail"), Format::Email),
                    F::text("contact_address", t("通信地址", "Postal address"), 100),
                    F::formatted("contact_postcode", t("邮编", "Postcode"), Format::Postcode),
                ],
            ),
            S::new(
                "profile",
                t("单位简介", "About the organisation"),
                None,
                vec![F::long_text("profile", t("单位简介", "About the organisation"), 2000)],
            ),
            S::new(
                "business",
                t("主要业务领域", "Main business areas"),
                None,
                vec![F::long_text(
                    "business",
                    t(
                        "产品或研究成果，以及从事标准研制工作的经验",
                        "Products or research results, and experience in developing standards",
                    ),
                    2000,
                )],
            ),
            S::new(
                "groups",
                t("申请加入的工作组", "Working groups applied for"),
                None,
                vec![F::multi("working_groups", t("申请加入的工作组", "Working groups applied for"), wg_options, 1)],
            ),
            S::new(
                "representatives",
                t("工作组代表", "Representatives"),
                Some(t(
                    "指派 1 至 2 名相对固定、具备相应技术背景的代表参与工作组活动，代表本单位行使表决权、建议权（第十一条第2项）",
                    "Appoint 1 or 2 fairly permanent representatives with a technical background, who vote and advise for the unit (Article 11(2))",
                )),
                vec![F::rows(
                    "representatives",
                    t("工作组代表", "Representatives"),
                    t("代表", "Representative"),
                    vec![
                        F::formatted("name", t("姓名", "Name"), Format::PersonName),
                        F::text("title", t("职务/职称", "Position / title"), 50),
                        F::long_text("background", t("技术背景", "Technical background"), 500),
                        F::formatted("mobile", t("手机", "Mobile"), Format::Mobile),
                        F::formatted("email", t("电子邮件", "E-mail"), Format::Email),
                    ],
                    1,
                    2,
                )],
            )
            .addition(),
            S::new(
                "attachments",
                t("相关资质文件", "Qualification documents"),
                Some(t(
                    "申请表注：请同时提供以下有关纸质版文件。此处可附扫描件。工商登记注册号和法人机构代码已并入统一社会信用代码（三证合一），无需另附法人机构代码证。",
                    "The form's note asks for these paper documents; scans can be attached here. The registration number and organisation code are now part of the unified social credit code: no separate organisation-code certificate is needed.",
                )),
                vec![
                    F::files(
                        "licence",
                        t(
                            "企业法人营业执照副本或上级主管部门批准成立文件复印件",
                            "Business licence (copy) or approval of establishment by the competent authority",
                        ),
                        false,
                    ),
                    F::text(
                        "crypto_approval_no",
                        t("密码主管部门的批文文号", "Reference number of the cryptography authority's approval"),
                        100,
                    )
                    .optional(),
                    F::files(
                        "crypto_approval",
                        t(
                            "密码主管部门的批文或商密生产定点单位的密码产品授权证明（复印件）",
                            "Cryptography authority's approval, or cryptographic product authorisation of a designated commercial-cryptography producer (copy)",
                        ),
                        false,
                    )
                    .optional(),
                    F::files("other_docs", t("其他重要的法律文件", "Other important legal documents"), true),
                ],
            )
            .addition(),
            S::new(
                "obligations",
                t("成员义务（第十一条）", "Members' obligations (Article 11)"),
                Some(t(
                    "工作组成员需履行章程第十一条的义务（第2项见“工作组代表”）；请逐项确认。",
                    "Members fulfil the obligations of Article 11 of the charter (item 2: see Representatives); confirm each.",
                )),
                vec![
                    F::agree(
                        "contact_change",
                        t("联系人变更", "Change of contact"),
                        t(
                            "联系人变更时，本单位将及时书面通知秘书处和工作组（第十一条第1项）。",
                            "We will notify the secretariat and the working group in writing when the contact changes (Article 11(1)).",
                        ),
                    ),
                    F::agree(
                        "confidentiality",
                        t("保密承诺", "Confidentiality"),
                        t(
                            "本单位将维护网安标委的合法权益和荣誉，保护网安标委的中间和最终研究成果，不向外界披露与网安标委和工作组有关的内部事项（第十一条第3项）。",
                            "We will uphold TC260's rights and reputation, protect its interim and final research results, and not disclose its or the working group's internal matters (Article 11(3)).",
                        ),
                    ),
                    F::agree(
                        "participation",
                        t("参加会议和活动", "Meetings and activities"),
                        t(
                            "本单位将积极参加工作组的会议或活动，完成交办的工作任务（第十一条第4项）。",
                            "We will take an active part in the working group's meetings and activities and complete the tasks assigned (Article 11(4)).",
                        ),
                    ),
                    F::agree(
                        "promotion",
                        t("宣传贯彻标准", "Promoting the standards"),
                        t(
                            "本单位将自觉宣传、贯彻和实施网络安全国家标准（第十一条第5项）。",
                            "We will promote, implement and apply the national cybersecurity standards (Article 11(5)).",
                        ),
                    ),
                    F::agree(
                        "fees",
                        t("会费", "Membership fees"),
                        t("本单位同意按规定缴纳会费（第十一条第6项）。", "We agree to pay the membership fees as required (Article 11(6))."),
                    ),
                ],
            )
            .addition(),
            S::new(
                "declaration",
                t("申请单位意见", "Declaration of the applicant"),
                Some(t(
                    "打印的申请表须加盖单位公章并填写盖章日期。",
                    "The printed form must bear the unit's official seal and the date of sealing.",
                )),
                vec![
                    F::agree(
                        "pledge",
                        t("同意申请单位意见", "Agree to the declaration"),
                        Text::new(
                            PLEDGE_ZH,
                            "Our organisation agrees to abide by the Charter of the Working Groups of TC260 and its supporting rules, and to take an active part in the activities organised by TC260.",
                        ),
                    ),
                    F::date("seal_date", t("盖章日期", "Date of sealing")),
                ],
            ),
        ],
    }
}
