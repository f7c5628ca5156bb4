//! Reproducible history for a seeded book: interactions spread over the two years before an
//! `as_of` date, and orders to go with them. The same seed, customers and date always give
//! the same records (ids and entry timestamps aside).

use chrono::{Days, NaiveDate};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rust_decimal::Decimal;

use crate::interactions::{InteractionInput, InteractionKind};
use crate::orders::{OrderInput, OrderLineInput, OrderStatus};

const SPAN_DAYS: u64 = 730;

const SUMMARIES: &[(InteractionKind, &str)] = &[
    (InteractionKind::Visit, "上门拜访，介绍了新一期理财产品"),
    (InteractionKind::Visit, "Visited the office; walked through the renewal terms"),
    (InteractionKind::Call, "电话回访，客户对收益表示满意"),
    (InteractionKind::Call, "Called about the quarterly statement"),
    (InteractionKind::Call, "电话确认到期续作意向"),
    (InteractionKind::Wechat, "微信发送了产品说明书"),
    (InteractionKind::Wechat, "微信沟通节日活动安排"),
    (InteractionKind::Message, "Sent the meeting notes and next steps"),
    (InteractionKind::Sms, "短信提醒产品到期"),
    (InteractionKind::Email, "Emailed the signed agreement"),
    (InteractionKind::Email, "邮件发送了年度对账单"),
    (InteractionKind::Meeting, "约在咖啡馆面谈资产配置"),
    (InteractionKind::Meeting, "Lunch meeting with the finance director"),
    (InteractionKind::Gift, "中秋节送月饼礼盒"),
    (InteractionKind::Gift, "Sent a birthday card and flowers"),
    (InteractionKind::Other, "在行业论坛上偶遇，简短交流"),
];
const OUTCOMES: &[&str] = &["客户有兴趣", "需要再考虑", "interested", "not now", "已同意续作", "asked for a quote"];
const NEXT_STEPS: &[&str] = &["下周发送方案", "约下次面谈", "send a proposal", "follow up after the holiday"];
const ITEMS: &[(&str, &str)] = &[
    ("稳健理财 90 天", "50000"),
    ("年金保险", "12000"),
    ("基金定投", "3000"),
    ("Wealth plan premium", "25000"),
    ("Annual advisory fee", "4800"),
    ("茶叶礼盒", "388"),
    ("Office supplies", "129.90"),
    ("咨询服务", "1999.99"),
];

/// Generates interactions and orders for existing customers.
pub struct HistorySeeder {
    rng: ChaCha8Rng,
    as_of: NaiveDate,
}

impl HistorySeeder {
    pub fn new(seed: u64, as_of: NaiveDate) -> Self {
        HistorySeeder { rng: ChaCha8Rng::seed_from_u64(seed ^ 0x4157_0125), as_of }
    }

    /// Some customers are seen far more often than others: pick with a skew toward the front.
    fn customer<'a>(&mut self, ids: &'a [String]) -> &'a str {
        let u: f64 = self.rng.random();
        &ids[((u * u) * ids.len() as f64) as usize % ids.len()]
    }

    fn day(&mut self) -> NaiveDate {
        self.as_of - Days::new(self.rng.random_range(0..SPAN_DAYS))
    }

    pub fn interaction(&mut self, ids: &[String]) -> InteractionInput {
        let customer_id = self.customer(ids).to_string();
        let day = self.day();
        let r = &mut self.rng;
        let (kind, summary) = *SUMMARIES.choose(r).expect("non-empty");
        let at = format!("{day}T{:02}:{:02}:00+08:00", r.random_range(9..19), r.random_range(0..60));
        let follow_up = r.random_bool(0.2).then(|| day + Days::new(r.random_range(3..30)));
        InteractionInput {
            customer_id,
            kind,
            occurred_at: Some(at),
            summary: summary.to_string(),
            outcome: r.random_bool(0.6).then(|| OUTCOMES.choose(r).expect("non-empty").to_string()),
            next_step: r.random_bool(0.4).then(|| NEXT_STEPS.choose(r).expect("non-empty").to_string()),
            follow_up_on: follow_up,
        }
    }

    pub fn order(&mut self, ids: &[String]) -> OrderInput {
        let customer_id = self.customer(ids).to_string();
        let ordered_on = self.day();
        let r = &mut self.rng;
        let status = *[
            OrderStatus::Completed,
            OrderStatus::Completed,
            OrderStatus::Completed,
            OrderStatus::Paid,
            OrderStatus::Shipped,
            OrderStatus::Confirmed,
            OrderStatus::Cancelled,
            OrderStatus::Refunded,
            OrderStatus::Draft,
        ]
        .choose(r)
        .expect("non-empty");
        let lines = (0..r.random_range(1..4))
            .map(|_| {
                let (description, price) = *ITEMS.choose(r).expect("non-empty");
                OrderLineInput {
                    id: None,
                    product_id: None,
                    description: description.to_string(),
                    quantity: Decimal::from(r.random_range(1..6)),
                    unit_price: Some(price.parse().expect("valid price")),
                    discount_pct: *[Decimal::ZERO, Decimal::ZERO, Decimal::from(5), Decimal::from(15)]
                        .choose(r)
                        .expect("non-empty"),
                }
            })
            .collect();
        let financial = r.random_bool(0.3);
        OrderInput {
            customer_id,
            ordered_on,
            status,
            currency: if r.random_bool(0.9) { "CNY" } else { "USD" }.to_string(),
            notes: None,
            expected_return_pct: financial.then(|| Decimal::new(r.random_range(150..800), 2)),
            stop_loss_pct: financial.then(|| Decimal::from(r.random_range(5..21))),
            lines,
        }
    }
}

/// The longest a seeded customer waits between being added and their first history entry.
const MAX_LEAD_DAYS: u64 = 60;

/// The day each of `customers` customers (by index into the ids later passed to
/// `interaction` and `order`) is added to a seeded book, so that, as in a real book, nobody's
/// history starts before they were added: 1 to 60 days before their first history entry, or,
/// for a customer without history, any day of the two years before `as_of`. Replays the
/// seeder that `interactions` interactions then `orders` orders with the same seed and date
/// come from; writes nothing.
pub fn added_days(seed: u64, as_of: NaiveDate, customers: usize, interactions: usize, orders: usize) -> Vec<NaiveDate> {
    let ids: Vec<String> = (0..customers).map(|i| i.to_string()).collect();
    let mut first: Vec<Option<NaiveDate>> = vec![None; customers];
    let mut seen = |id: &str, day: NaiveDate| {
        let i: usize = id.parse().expect("an index");
        first[i] = Some(first[i].map_or(day, |d| d.min(day)));
    };
    if customers > 0 {
        let mut h = HistorySeeder::new(seed, as_of);
        for _ in 0..interactions {
            let i = h.interaction(&ids);
            let at = i.occurred_at.as_deref().and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok());
            seen(&i.customer_id, at.map_or(as_of, |t| t.with_timezone(&chrono::Utc).date_naive()));
        }
        for _ in 0..orders {
            let o = h.order(&ids);
            seen(&o.customer_id, o.ordered_on);
        }
    }
    let mut r = ChaCha8Rng::seed_from_u64(seed ^ 0x0add_ed00);
    first
        .into_iter()
        .map(|f| match f {
            Some(d) => d - Days::new(r.random_range(1..=MAX_LEAD_DAYS)),
            None => as_of - Days::new(r.random_range(0..SPAN_DAYS)),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_and_date_give_the_same_history_within_two_years() {
        let ids: Vec<String> = (0..20).map(|i| format!("c{i}")).collect();
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let run = |seed| {
            let mut h = HistorySeeder::new(seed, as_of);
            (
                (0..100).map(|_| h.interaction(&ids)).collect::<Vec<_>>(),
                (0..20).map(|_| h.order(&ids)).collect::<Vec<_>>(),
            )
        };
        assert_eq!(run(3), run(3));
        assert_ne!(run(3), run(4));
        let (interactions, orders) = run(3);
        let earliest = as_of - Days::new(SPAN_DAYS);
        assert!(orders.iter().all(|o| o.ordered_on > earliest && o.ordered_on <= as_of));
        assert!(interactions.iter().all(|i| i.occurred_at.as_deref().unwrap() > earliest.to_string().as_str()));
    }

    #[test]
    fn every_seeded_customer_is_added_before_their_first_history_entry() {
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let ids: Vec<String> = (0..50).map(|i| i.to_string()).collect();
        let added = added_days(7, as_of, ids.len(), 400, 100);
        assert_eq!(added, added_days(7, as_of, ids.len(), 400, 100), "reproducible");
        let mut h = HistorySeeder::new(7, as_of);
        let mut days: Vec<(usize, NaiveDate)> = (0..400)
            .map(|_| {
                let i = h.interaction(&ids);
                (i.customer_id.parse().unwrap(), i.occurred_at.unwrap()[..10].parse().unwrap())
            })
            .collect();
        days.extend((0..100).map(|_| {
            let o = h.order(&ids);
            (o.customer_id.parse().unwrap(), o.ordered_on)
        }));
        for (i, day) in days {
            assert!(added[i] < day, "customer {i} added {} but has history on {day}", added[i]);
        }
        let earliest = as_of - Days::new(SPAN_DAYS + MAX_LEAD_DAYS);
        assert!(added.iter().all(|d| *d >= earliest && *d <= as_of), "{added:?}");
        assert!(added.windows(2).any(|w| w[0] != w[1]), "added over time, not all at once");
    }
}
