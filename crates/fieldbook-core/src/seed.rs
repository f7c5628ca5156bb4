//! Realistic, reproducible sample books: mixed Chinese and English people and companies,
//! polyphonic and compound surnames, phones, emails, Gregorian and lunar birthdays.
//! The same seed always gives the same records (ids and timestamps aside).

use chrono::{Datelike, NaiveDate};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::calendar::lunar::gregorian_to_lunar;
use crate::customers::{ContactPoint, CustomerInput, CustomerKind, CustomerType, Gender, Tier};
use crate::dates::DateSpec;
use crate::search::keys::{name_keys, NameKind};

// Common surnames first (weighted by repetition), then the polyphonic and compound ones
// search must handle.
const CN_SURNAMES: &[&str] = &[
    "王", "王", "李", "李", "张", "张", "刘", "刘", "陈", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱",
    "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖",
    "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢",
    "姜", "崔", "钟", "单", "解", "区", "仇", "朴", "查", "覃", "翟", "缪", "欧阳", "司马", "诸葛", "上官", "尉迟",
    "长孙",
];
const CN_GIVEN: &[&str] = &[
    "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超",
    "秀兰", "霞", "平", "刚", "桂英", "国藩", "雄信", "晓明", "婷", "建华", "志强", "海燕", "子涵", "浩然", "欣怡",
    "宇轩", "梓萱", "俊杰", "思远", "乐", "长青", "重阳", "文博", "雨桐", "一鸣", "嘉怡", "天佑", "佳琪",
];
const EN_FIRST: &[&str] = &[
    "James",
    "Mary",
    "John",
    "Patricia",
    "Robert",
    "Jennifer",
    "Michael",
    "Linda",
    "David",
    "Elizabeth",
    "William",
    "Susan",
    "Richard",
    "Jessica",
    "Thomas",
    "Sarah",
    "Daniel",
    "Karen",
    "Emma",
    "Oliver",
    "Sophia",
    "Lucas",
    "Chloé",
];
const EN_LAST: &[&str] = &[
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Wilson", "Anderson", "Taylor",
    "Thomas", "Moore", "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis", "Walker", "Müller", "Tan",
];
const CN_COMPANY_HEAD: &[&str] = &[
    "华信", "金桥", "长城", "东方", "恒通", "重庆", "新锐", "宏达", "瑞丰", "中科", "天成", "博远", "银河", "龙腾",
    "嘉禾", "盛世",
];
const CN_COMPANY_TAIL: &[&str] =
    &["科技有限公司", "贸易有限公司", "银行", "实业集团", "投资管理有限公司", "电子股份有限公司", "物流有限公司"];
const EN_COMPANY: &[&str] =
    &["Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Hooli", "Vandelay", "Pied Piper", "Soylent"];
const EN_COMPANY_TAIL: &[&str] = &["Ltd", "Inc.", "GmbH", "Pte Ltd", "LLC", "Holdings"];
const REGIONS: &[&str] = &[
    "北京",
    "上海",
    "广州",
    "深圳",
    "杭州",
    "成都",
    "重庆",
    "南京",
    "武汉",
    "Singapore",
    "Hong Kong",
    "London",
    "New York",
];
const SOURCES: &[&str] = &["转介绍", "展会", "官网", "电话营销", "referral", "trade show", "website", "cold call"];
const TAGS: &[&str] = &["高净值", "理财", "保险", "企业主", "golf", "wine", "关注养老", "新客户", "renewal", "教育金"];
const OWNERS: &[&str] = &["李经理", "王经理", "Alice", "Bob"];
const CN_MAIL: &[&str] = &["qq.com", "163.com", "126.com", "sina.com", "foxmail.com"];
const EN_MAIL: &[&str] = &["gmail.com", "outlook.com", "yahoo.com", "icloud.com"];

/// Generates customers. Organizations come first in a book so persons can link to them.
pub struct Seeder {
    rng: ChaCha8Rng,
}

impl Seeder {
    pub fn new(seed: u64) -> Self {
        Seeder { rng: ChaCha8Rng::seed_from_u64(seed) }
    }

    /// `n` organizations, then the rest persons; `company_ids(i)` gives the stored id of the
    /// i-th organization once created (callers create organizations first).
    pub fn organization(&mut self) -> CustomerInput {
        let r = &mut self.rng;
        let chinese = r.random_bool(0.7);
        let name = if chinese {
            format!("{}{}", pick(r, CN_COMPANY_HEAD), pick(r, CN_COMPANY_TAIL))
        } else {
            format!("{} {}", pick(r, EN_COMPANY), pick(r, EN_COMPANY_TAIL))
        };
        let domain =
            format!("{}.com", name_keys(&name, NameKind::Organization).initials[0].chars().take(6).collect::<String>());
        CustomerInput {
            kind: CustomerKind::Organization,
            phones: vec![ContactPoint { id: None, label: "office".into(), value: self.phone(chinese) }],
            emails: vec![ContactPoint { id: None, label: "work".into(), value: format!("info@{domain}") }],
            region: Some(pick(&mut self.rng, REGIONS).to_string()),
            tier: Some(self.tier()),
            ..CustomerInput { name, ..Default::default() }
        }
    }

    pub fn person(&mut self, company_id: Option<String>) -> CustomerInput {
        let chinese = self.rng.random_bool(0.8);
        let name = if chinese {
            format!("{}{}", pick(&mut self.rng, CN_SURNAMES), pick(&mut self.rng, CN_GIVEN))
        } else {
            format!("{} {}", pick(&mut self.rng, EN_FIRST), pick(&mut self.rng, EN_LAST))
        };
        let login = name_keys(&name, NameKind::Person).full[0].clone();
        let r = &mut self.rng;
        let mail = if chinese { pick(r, CN_MAIL) } else { pick(r, EN_MAIL) };
        let email = format!("{login}{}@{mail}", r.random_range(1..1000));
        let mut phones = vec![ContactPoint { id: None, label: "mobile".into(), value: self.phone(chinese) }];
        if self.rng.random_bool(0.2) {
            phones.push(ContactPoint { id: None, label: "work".into(), value: self.phone(chinese) });
        }
        let r = &mut self.rng;
        let tags: Vec<String> = (0..r.random_range(0..3)).map(|_| pick(r, TAGS).to_string()).collect();
        CustomerInput {
            kind: CustomerKind::Person,
            name,
            gender: Some(if r.random_bool(0.5) { Gender::Male } else { Gender::Female }),
            title: r
                .random_bool(0.5)
                .then(|| pick(r, &["总经理", "财务总监", "Director", "Manager", "教师", "医生"]).to_string()),
            company_id,
            source: Some(pick(r, SOURCES).to_string()),
            owner: Some(pick(r, OWNERS).to_string()),
            tier: Some(self.tier()),
            customer_type: Some(*pick(
                &mut self.rng,
                &[CustomerType::Potential, CustomerType::Existing, CustomerType::Repeat, CustomerType::Loyal],
            )),
            region: Some(pick(&mut self.rng, REGIONS).to_string()),
            tags,
            birthday: self.birthday(),
            phones,
            emails: vec![ContactPoint { id: None, label: "personal".into(), value: email }],
            ..Default::default()
        }
    }

    fn tier(&mut self) -> Tier {
        *pick(
            &mut self.rng,
            &[Tier::Vip, Tier::A, Tier::A, Tier::B, Tier::B, Tier::B, Tier::C, Tier::C, Tier::C, Tier::C],
        )
    }

    fn phone(&mut self, chinese: bool) -> String {
        let r = &mut self.rng;
        if chinese {
            let prefix = pick(r, &["138", "139", "186", "150", "177", "135", "189"]);
            format!("{prefix} {:04} {:04}", r.random_range(0..10_000), r.random_range(0..10_000))
        } else {
            format!("+1 {}-555-{:04}", r.random_range(201..990), r.random_range(0..10_000))
        }
    }

    /// 60% know a birthday; a third of those keep it on the lunar calendar.
    fn birthday(&mut self) -> Option<DateSpec> {
        let r = &mut self.rng;
        if !r.random_bool(0.6) {
            return None;
        }
        let day = NaiveDate::from_ymd_opt(1950, 1, 1).expect("valid") + chrono::Days::new(r.random_range(0..18_250));
        let with_year = r.random_bool(0.85);
        if r.random_bool(0.33) {
            let l = gregorian_to_lunar(day).ok()?;
            Some(DateSpec::Lunar { year: with_year.then_some(l.year), month: l.month, leap: l.leap, day: l.day })
        } else {
            Some(DateSpec::Gregorian {
                year: with_year.then_some(day.year()),
                month: day.month() as u8,
                day: day.day() as u8,
            })
        }
    }
}

fn pick<'a, T>(r: &mut ChaCha8Rng, items: &'a [T]) -> &'a T {
    items.choose(r).expect("non-empty list")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customers::validate::normalize;

    #[test]
    fn the_same_seed_gives_the_same_book() {
        let book = |seed| {
            let mut s = Seeder::new(seed);
            (0..50).map(|i| if i % 10 == 0 { s.organization() } else { s.person(None) }).collect::<Vec<_>>()
        };
        assert_eq!(book(7), book(7));
        assert_ne!(book(7), book(8));
    }

    #[test]
    fn every_seeded_record_passes_validation() {
        let mut s = Seeder::new(1);
        for i in 0..2000 {
            let c = if i % 7 == 0 { s.organization() } else { s.person(None) };
            normalize(c.clone()).unwrap_or_else(|e| panic!("seeded record {i} {c:?} invalid: {e}"));
        }
    }
}
