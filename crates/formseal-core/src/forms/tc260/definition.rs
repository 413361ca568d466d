//! The fields of the TC260 application form, in the paper form's order and wording.

use super::config::Config;
use crate::form::{Cond, FieldDef as F, FormDef, Format, OptionDef, Seal, SectionDef, Text};

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
        .map(|wg| OptionDef::new(wg.code.clone(), Text::owned(wg.code.clone(), wg.code.clone())).hint(wg.name.clone()))
        .collect();
    FormDef {
        id: super::FORM_ID,
        version: "2025-04-01",
        rules_version: "tc260-wg/1",
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
        sections: vec![
            S::new(
                "unit",
                t("单位信息", "Organisation"),
                None,
                vec![
                    F::formatted("name_zh", t("单位名称（中文）", "Name (Chinese)"), Format::OrgName)
                        .help(t("与营业执照或登记证书上的名称一致", "As on the business licence or registration certificate")),
                    F::formatted("name_en", t("单位名称（英文）", "Name (English)"), Format::EnglishOrgName).optional(),
                    F::formatted("uscc", t("统一社会信用代码", "Unified social credit code"), Format::Uscc).help(t(
                        "18 位，见营业执照；组织机构代码将由此自动得出，无需另行填写",
                        "18 characters, on the business licence; the organisation code is derived from it",
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
                    .help(t(
                        "在我国境内注册的外商投资企业可以申请（第九条第1项）",
                        "Foreign-invested enterprises registered in China may apply (Article 9(1))",
                    )),
                ],
            ),
            S::new(
                "contact",
                t("联系人", "Contact person"),
                Some(t(
                    "工作组成员应指派 1 名固定联系人与秘书处和工作组保持联络（第十一条第1项）",
                    "Members appoint one fixed contact person for the secretariat and the working group (Article 11(1))",
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
            ),
            S::new(
                "attachments",
                t("相关资质文件", "Qualification documents"),
                Some(t(
                    "纸质版文件请随申请表一并提交；此处可附扫描件。法人机构代码已并入统一社会信用代码，无需另附组织机构代码证。",
                    "Hand in the paper copies with the form; scans can be attached here. The organisation code is part of the unified social credit code: no separate certificate is needed.",
                )),
                vec![
                    F::files(
                        "licence",
                        t(
                            "企业法人营业执照副本或上级主管部门批准成立文件",
                            "Business licence (copy) or approval of establishment",
                        ),
                        false,
                    ),
                    F::files(
                        "crypto_approval",
                        t(
                            "密码主管部门的批文或商密产品授权证明（可选）",
                            "Cryptography authority approval or commercial cryptography product authorisation (optional)",
                        ),
                        false,
                    )
                    .help(t(
                        "申请加入 WG3 时可提供；《密码法》（2020）施行后相关审批已取消，无此文件不影响申请",
                        "May be provided when applying to WG3; the Cryptography Law (2020) abolished the approval, so it is not required",
                    ))
                    .visible_if(Cond::Includes { field: "working_groups", value: "WG3" }),
                    F::files("other_docs", t("其他重要的法律文件", "Other important legal documents"), true),
                ],
            ),
            S::new(
                "declaration",
                t("申请单位意见", "Declaration of the applicant"),
                Some(t(
                    "打印的申请表须加盖单位公章并填写盖章日期后提交秘书处。",
                    "The printed form must bear the unit's official seal and the date of sealing before it is handed to the secretariat.",
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
                    F::agree(
                        "confidentiality",
                        t("保密承诺", "Confidentiality"),
                        t(
                            "本单位将维护网安标委的合法权益和荣誉，保护网安标委的中间和最终研究成果，不向外界披露与网安标委和工作组有关的内部事项（第十一条第3项）。",
                            "We will uphold TC260's rights and reputation, protect its interim and final research results, and not disclose its or the working group's internal matters (Article 11(3)).",
                        ),
                    ),
                    F::agree(
                        "fees",
                        t("会费", "Membership fees"),
                        t("本单位同意按规定缴纳会费（第十一条第6项）。", "We agree to pay the membership fees as required (Article 11(6))."),
                    ),
                    F::date("seal_date", t("盖章日期", "Date of sealing")),
                ],
            ),
        ],
    }
}
