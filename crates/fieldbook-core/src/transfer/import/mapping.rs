//! Which customer field each column feeds: guessed from Chinese and English headers (including
//! the exports of Google Contacts, Outlook and common Chinese CRMs), changeable per column, and
//! savable as named templates in the settings store.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{CoreError, Result};
use crate::Store;

/// A customer field a column can feed. Several columns may feed the same multi-valued target
/// (phones, emails, addresses, tags, notes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Target {
    Ignore,
    Name,
    FamilyName,
    GivenName,
    Kind,
    Gender,
    Title,
    Company,
    Source,
    Owner,
    Tier,
    CustomerType,
    Region,
    Interests,
    Tags,
    Notes,
    Birthday,
    LunarBirthday,
    Phone,
    Email,
    Address,
}

/// One column's mapping. `label` ("mobile", "work" …) labels the phones, emails or addresses
/// the column feeds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ColumnMapping {
    pub header: String,
    pub target: Target,
    #[serde(default)]
    pub label: String,
}

const TEMPLATES: &str = "import.mapping_templates";

/// A saved mapping: the column headers it knows and where each goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MappingTemplate {
    pub name: String,
    pub columns: Vec<ColumnMapping>,
}

fn norm(header: &str) -> String {
    header
        .trim()
        .to_lowercase()
        .replace(['_', '（', '）', '(', ')', '*', ':', '：'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The target a header most likely names, or none when it names nothing we keep (a photo, a
/// "Phone 1 - Type" column, a website …).
pub fn guess_target(header: &str) -> Option<Target> {
    use Target::*;
    // No header is a paragraph; long cells are data (and would be slow to scan).
    if header.len() > 200 {
        return None;
    }
    let h = norm(header);
    if h.is_empty() {
        return None;
    }
    let has = |words: &[&str]| words.iter().any(|w| h.contains(w));
    let is = |words: &[&str]| words.iter().any(|w| h == *w);
    // Columns that describe another column, or hold what a customer record does not keep.
    if has(&[
        " - type",
        " - label",
        "yomi",
        "phonetic",
        "display name",
        "photo",
        "照片",
        "头像",
        "网址",
        "website",
        "url",
    ]) || has(&[
        "prefix",
        "suffix",
        "initials",
        "nickname",
        "昵称",
        "middle name",
        "additional name",
        "department",
        "部门",
    ]) || has(&[
        "short name",
        "maiden name",
        "assistant",
        "manager's",
        "spouse",
        "children",
        "referred by",
        "id number",
        "po box",
    ]) || (h.ends_with("type") && !has(&["customer type", "客户类型"]))
        || is(&["序号", "编号", "id", "no.", "no", "#"])
    {
        return None;
    }
    if has(&["address", "地址", "住址"]) && !has(&["mail", "邮"]) {
        // Google writes each address as a formatted whole plus its parts: take the whole.
        let part = h.contains(" - ") && !h.contains("formatted");
        return (!part).then_some(Address);
    }
    if has(&["street"]) {
        return Some(Address);
    }
    if has(&["city", "state", "postal", "zip", "country", "po box", "邮编", "邮政编码"]) {
        return None;
    }
    Some(if has(&["农历", "阴历", "lunar"]) {
        LunarBirthday
    } else if has(&["生日", "出生", "birthday", "birth date", "date of birth", "dob", "bday"]) {
        Birthday
    } else if is(&["姓", "姓氏", "last name", "family name", "surname", "lastname"]) {
        FamilyName
    } else if is(&["名", "first name", "given name", "firstname"]) {
        GivenName
    } else if has(&["job title", "职位", "职务", "头衔", "岗位", "occupation", "position"]) || h.ends_with("title")
    {
        Title
    } else if has(&["手机", "电话", "座机", "传真", "phone", "mobile", "telephone", "fax"]) || is(&["tel", "cell"])
    {
        Phone
    } else if has(&["邮箱", "邮件", "email", "e-mail", "mail"]) {
        Email
    } else if has(&["公司", "单位", "企业名称", "机构", "company", "organization", "organisation", "employer"])
    {
        Company
    } else if has(&["客户类型", "客户状态", "customer type", "customer status", "lifecycle"]) {
        CustomerType
    } else if has(&["个人/企业", "个人或企业", "主体类型", "客户性质"]) || is(&["kind", "类别"]) {
        Kind
    } else if has(&["性别", "gender"]) || is(&["sex"]) {
        Gender
    } else if has(&["等级", "级别", "tier", "rating", "grade"]) || is(&["level"]) {
        Tier
    } else if has(&["来源", "渠道", "source"]) {
        Source
    } else if has(&["负责人", "归属", "所属", "客户经理", "销售", "跟进人", "owner", "account manager", "sales rep"])
    {
        Owner
    } else if has(&["地区", "区域", "省份", "城市", "所在地", "region", "area"]) {
        Region
    } else if has(&["兴趣", "爱好", "interest", "hobby", "hobbies"]) {
        Interests
    } else if has(&["标签", "分组", "分类", "tags", "categories", "group membership"])
        || is(&["labels", "tag", "groups"])
    {
        Tags
    } else if has(&["备注", "说明", "描述", "notes", "note", "comment", "remark", "memo", "description"]) {
        Notes
    } else if has(&["姓名", "客户名称", "客户姓名", "联系人", "名称", "名字", "客户", "name", "contact"])
    {
        Name
    } else {
        return None;
    })
}

/// The label a phone/email/address header implies ("手机" → mobile, "Business Fax" → fax);
/// another label in brackets at the end is taken as written ("Phone (微信)" → 微信: the vCard
/// reader names a custom-labelled number's column so).
pub fn guess_label(header: &str) -> String {
    let h = norm(header);
    let has = |words: &[&str]| words.iter().any(|w| h.contains(w));
    let bracketed = || {
        let inner = header.trim().strip_suffix(')')?.rsplit_once(" (")?.1.trim();
        (!inner.is_empty()).then(|| inner.to_string())
    };
    if has(&["fax", "传真"]) {
        "fax"
    } else if has(&["mobile", "cell", "手机", "移动"]) {
        "mobile"
    } else if has(&["work", "business", "office", "company", "工作", "办公", "单位", "公司"]) {
        "work"
    } else if has(&["home", "家", "住宅"]) {
        "home"
    } else {
        return bracketed().unwrap_or_default();
    }
    .to_string()
}

/// A mapping for every column, by guess.
pub fn guess_mapping(headers: &[String]) -> Vec<ColumnMapping> {
    // Outlook writes both "Title" (Mr., Dr.) and "Job Title": the bare one is an honorific.
    let has_job_title = headers.iter().any(|h| norm(h) == "job title");
    headers
        .iter()
        .map(|h| {
            let mut target = guess_target(h).unwrap_or(Target::Ignore);
            if has_job_title && norm(h) == "title" {
                target = Target::Ignore;
            }
            let label = if matches!(target, Target::Phone | Target::Email | Target::Address) {
                guess_label(h)
            } else {
                String::new()
            };
            ColumnMapping { header: h.clone(), target, label }
        })
        .collect()
}

/// A template applied to this file's headers: a column the template names takes its target;
/// any other column keeps the guess.
pub fn apply_template(headers: &[String], template: &[ColumnMapping]) -> Vec<ColumnMapping> {
    guess_mapping(headers)
        .into_iter()
        .map(|guess| template.iter().find(|t| t.header == guess.header).cloned().unwrap_or(guess))
        .collect()
}

/// Check a mapping submitted for a file: one entry per column, in column order.
pub fn check_mapping(headers: &[String], mapping: &[ColumnMapping]) -> Result<()> {
    if mapping.len() != headers.len() || mapping.iter().zip(headers).any(|(m, h)| m.header != *h) {
        return Err(CoreError::invalid(
            "mapping",
            "mapping_mismatch",
            "the mapping does not list this file's columns in order; read the file again",
        ));
    }
    if !mapping
        .iter()
        .any(|m| matches!(m.target, Target::Name | Target::FamilyName | Target::GivenName | Target::Company))
    {
        return Err(CoreError::invalid(
            "mapping",
            "mapping_no_name",
            "map at least one column to the name (or company)",
        ));
    }
    Ok(())
}

impl Store {
    /// Saved mapping templates, by name.
    pub fn mapping_templates(&self) -> Result<Vec<MappingTemplate>> {
        match self.setting(TEMPLATES)? {
            None => Ok(Vec::new()),
            Some(v) => serde_json::from_value(v)
                .map_err(|e| CoreError::Corrupt { context: TEMPLATES.into(), message: e.to_string() }),
        }
    }

    /// Save (or replace, by name) a mapping template.
    pub fn save_mapping_template(&mut self, template: MappingTemplate) -> Result<Vec<MappingTemplate>> {
        let name = template.name.trim().to_string();
        if name.is_empty() {
            return Err(CoreError::invalid("name", "name_empty", "a template needs a name"));
        }
        let mut all = self.mapping_templates()?;
        all.retain(|t| t.name != name);
        all.push(MappingTemplate { name, columns: template.columns });
        all.sort_by(|a, b| a.name.cmp(&b.name));
        self.set_setting(TEMPLATES, serde_json::to_value(&all).expect("templates serialize"))?;
        Ok(all)
    }

    pub fn delete_mapping_template(&mut self, name: &str) -> Result<Vec<MappingTemplate>> {
        let mut all = self.mapping_templates()?;
        all.retain(|t| t.name != name);
        self.set_setting(TEMPLATES, serde_json::to_value(&all).expect("templates serialize"))?;
        Ok(all)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Target::*;

    fn targets(headers: &[&str]) -> Vec<Target> {
        let h: Vec<String> = headers.iter().map(|s| s.to_string()).collect();
        guess_mapping(&h).into_iter().map(|m| m.target).collect()
    }

    #[test]
    fn chinese_crm_headers_are_recognised() {
        assert_eq!(
            targets(&[
                "客户名称",
                "手机",
                "电话",
                "邮箱",
                "公司",
                "职位",
                "生日",
                "农历生日",
                "客户等级",
                "标签",
                "备注",
                "序号"
            ]),
            [Name, Phone, Phone, Email, Company, Title, Birthday, LunarBirthday, Tier, Tags, Notes, Ignore]
        );
        assert_eq!(
            targets(&["姓名", "性别", "客户来源", "负责人", "所在地区", "兴趣爱好", "客户类型"]),
            [Name, Gender, Source, Owner, Region, Interests, CustomerType]
        );
    }

    #[test]
    fn google_contacts_headers_keep_values_and_drop_their_type_columns() {
        assert_eq!(
            targets(&[
                "First Name",
                "Last Name",
                "Organization Name",
                "Organization Title",
                "Birthday",
                "Labels",
                "E-mail 1 - Label",
                "E-mail 1 - Value",
                "Phone 1 - Label",
                "Phone 1 - Value",
                "Address 1 - Formatted",
                "Address 1 - Street",
            ]),
            [GivenName, FamilyName, Company, Title, Birthday, Tags, Ignore, Email, Ignore, Phone, Address, Ignore]
        );
    }

    #[test]
    fn outlook_title_is_an_honorific_when_job_title_is_present() {
        assert_eq!(
            targets(&[
                "Title",
                "First Name",
                "Last Name",
                "Company",
                "Job Title",
                "Mobile Phone",
                "E-mail Address",
                "E-mail Display Name",
                "Categories"
            ]),
            [Ignore, GivenName, FamilyName, Company, Title, Phone, Email, Ignore, Tags]
        );
    }

    #[test]
    fn phone_labels_come_from_the_header() {
        assert_eq!(guess_label("手机"), "mobile");
        assert_eq!(guess_label("Business Phone"), "work");
        assert_eq!(guess_label("Home Phone"), "home");
        assert_eq!(guess_label("Business Fax"), "fax");
        assert_eq!(guess_label("电话"), "");
    }

    #[test]
    fn a_template_overrides_the_guess_only_for_columns_it_names() {
        let headers: Vec<String> = ["姓名", "备用"].map(String::from).to_vec();
        let template = [ColumnMapping { header: "备用".into(), target: Phone, label: "home".into() }];
        let m = apply_template(&headers, &template);
        assert_eq!(m[0].target, Name);
        assert_eq!((m[1].target, m[1].label.as_str()), (Phone, "home"));
    }

    #[test]
    fn a_mapping_must_match_the_columns_and_name_someone() {
        let headers: Vec<String> = ["姓名", "手机"].map(String::from).to_vec();
        let mut m = guess_mapping(&headers);
        assert!(check_mapping(&headers, &m).is_ok());
        m[0].target = Ignore;
        assert_eq!(check_mapping(&headers, &m).unwrap_err().code(), "mapping_no_name");
        assert_eq!(check_mapping(&headers, &m[..1]).unwrap_err().code(), "mapping_mismatch");
    }
}
