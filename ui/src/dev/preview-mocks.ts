// Screenshot preview only (FIELDBOOK_PREVIEW=1 builds, opened with ?preview): answers IPC
// with sample data so the UI can be looked at without the Rust core.
import { mockIPC } from "@tauri-apps/api/mocks";

import type { Customer } from "../api/bindings/Customer";
import type { Tier } from "../api/bindings/Tier";
import { createFakeBackend, makeCustomer } from "./fakeBackend";
import { previewAgenda } from "./preview-agenda";

const SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"];
const GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀英", "建国", "晓东", "子涵", "雨桐", "浩然", "欣怡"];
const WESTERN = ["Emily Carter", "James Wilson", "Sophie Martin", "Lucas Müller", "Olivia Brown", "Noah Tanaka", "Ava Dubois", "Liam O'Connor"];
const ORGS = ["华信科技有限公司", "博远资本", "Northwind Traders", "恒泰保险经纪", "青禾农业集团", "Apex Logistics Ltd.", "中原建设投资", "蓝湾酒店管理"];
const TAGS = ["高净值", "理财", "保险", "回访", "转介绍", "企业主", "golf", "续保", "私行", "年轻家庭"];
const TIERS: (Tier | null)[] = ["VIP", "A", "A", "B", "B", "B", "C", null];

function sample(): Customer[] {
  // mulberry32: small, deterministic, good enough for sample data.
  let seed = 20250301;
  const rnd = (n: number) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return Math.floor((((x ^ (x >>> 14)) >>> 0) / 4294967296) * n);
  };
  const orgs = ORGS.map((name, i) =>
    makeCustomer({
      id: `org${i}`,
      kind: "organization",
      name,
      tier: TIERS[i % TIERS.length] ?? null,
      phones: [{ label: "总机", value: `010-6552 ${1200 + i * 37}` }],
      tags: ["企业客户"],
    }),
  );
  const people: Customer[] = [];
  for (let i = 0; i < 1240; i++) {
    const western = rnd(9) === 0;
    const name = western ? WESTERN[rnd(WESTERN.length)]! : `${SURNAMES[rnd(SURNAMES.length)]}${GIVEN[rnd(GIVEN.length)]}`;
    const company = rnd(3) === 0 ? null : orgs[rnd(orgs.length)]!;
    const tags = [...new Set([TAGS[rnd(TAGS.length)]!, ...(rnd(2) ? [TAGS[rnd(TAGS.length)]!] : [])])];
    people.push(
      makeCustomer({
        name,
        company_id: company?.id ?? null,
        title: company ? ["总经理", "财务总监", "采购经理", "董事长", "Sales Director"][rnd(5)]! : null,
        tier: TIERS[rnd(TIERS.length)] ?? null,
        customer_type: (["existing", "potential", "loyal", "repeat"] as const)[rnd(4)]!,
        gender: rnd(2) ? "male" : "female",
        phones: [{ label: "手机", value: `+86 13${rnd(10)} ${String(1000 + rnd(9000))} ${String(1000 + rnd(9000))}` }],
        emails: rnd(4) ? [{ label: "工作", value: `${western ? name.split(" ")[0]!.toLowerCase() : "client" + i}@example.com` }] : [],
        tags,
        region: ["北京", "上海", "深圳", "杭州", "Singapore"][rnd(5)]!,
        owner: "陈经理",
        source: ["转介绍", "网点", "活动", "电话营销"][rnd(4)]!,
        birthday: rnd(3)
          ? { calendar: "lunar", year: 1960 + rnd(40), month: 1 + rnd(12), leap: rnd(8) === 0, day: 1 + rnd(30) }
          : { calendar: "gregorian", year: rnd(3) ? 1960 + rnd(40) : null, month: 1 + rnd(12), day: 1 + rnd(28) },
        anniversaries: rnd(3) === 0 ? [{ label: "结婚纪念日", date: { calendar: "gregorian", year: 2010 + rnd(10), month: 5, day: 20 } }] : [],
        notes: rnd(3) === 0 ? "偏好稳健型理财产品，每季度回访一次。\n孩子明年出国留学，关注外汇与教育金规划。" : null,
      }),
    );
  }
  const trashed = people.slice(0, 3).map((c) => ({ ...c, deleted_at: "2025-05-02T08:00:00Z" }));
  return [...orgs, ...trashed, ...people.slice(3)];
}

export function installPreviewMocks(): void {
  const params = new URLSearchParams(window.location.search);
  const seed = params.has("empty") ? [] : sample();
  const backend = createFakeBackend(
    seed,
    { locale: params.get("lang"), keep_in_tray: false, start_at_login: false },
    previewAgenda(seed),
  );
  if (!params.has("empty")) seedStories(backend);
  // No native dialogs in a browser preview: they answer as if the user cancelled.
  mockIPC((cmd, args) => (cmd.startsWith("plugin:dialog|") ? null : backend.handle(cmd, args as Record<string, unknown>)), {
    shouldMockEvents: true,
  });
}

/** A believable story for the first customers of the list: visits, calls, orders, a complaint. */
function seedStories(backend: ReturnType<typeof createFakeBackend>): void {
  const call = (cmd: string, args: Record<string, unknown>) => backend.handle(cmd, args);
  const fund = call("products_create", { input: { name: "稳盈 90 天理财", sku: "WY-90", default_price: "50000.00", currency: "CNY", category: "理财" } }) as { id: string };
  call("products_create", { input: { name: "家庭综合保障计划", sku: "JT-01", default_price: "8800.00", currency: "CNY", category: "保险" } });
  call("products_create", { input: { name: "Advisory session", sku: "ADV-1H", default_price: "1200", currency: null, category: "Service" } });
  const page = call("customers_list", { scope: "live", offset: 0, limit: 12 }) as { items: { id: string }[] };
  const day = (n: number) => new Date(Date.now() - n * 86_400_000);
  const iso = (n: number, h = 10) => {
    const d = day(n);
    d.setHours(h, 30, 0, 0);
    return d.toISOString();
  };
  const date = (n: number) => iso(n).slice(0, 10);
  page.items.forEach((c, k) => {
    const ago = k % 3 === 1 ? 120 : k % 3 === 2 ? 212 : 0;
    call("interactions_create", { input: { customer_id: c.id, kind: "visit", occurred_at: iso(ago + 2, 15), summary: "到访营业部，讨论孩子出国留学的外汇与教育金规划", outcome: "有意向购买稳健型理财，需要和家人商量", next_step: "周五前发送产品说明书", follow_up_on: date(ago - 5) } });
    call("interactions_create", { input: { customer_id: c.id, kind: "wechat", occurred_at: iso(ago + 9, 20), summary: "微信发送了季度市场观点", outcome: null, next_step: null, follow_up_on: null } });
    call("interactions_create", { input: { customer_id: c.id, kind: "call", occurred_at: iso(ago + 30, 11), summary: "电话回访：上一期产品到期，确认续投意向", outcome: "客户满意，考虑加仓", next_step: null, follow_up_on: null } });
    call("orders_create", { input: { customer_id: c.id, ordered_on: date(ago + 1), status: "paid", currency: "CNY", notes: null, expected_return_pct: "3.85", stop_loss_pct: "5", lines: [{ product_id: fund.id, description: "", quantity: "2", unit_price: null, discount_pct: "0" }, { product_id: null, description: "开户礼品（定制茶具）", quantity: "1", unit_price: "368.00", discount_pct: "10" }] } });
    call("orders_create", { input: { customer_id: c.id, ordered_on: date(ago + 60), status: "completed", currency: "CNY", notes: null, expected_return_pct: null, stop_loss_pct: null, lines: [{ product_id: null, description: "家庭综合保障计划（年缴）", quantity: "1", unit_price: "8800.00", discount_pct: "0" }] } });
    if (k % 2 === 0)
      call("complaints_create", { input: { customer_id: c.id, opened_on: date(ago + 20), subject: "理财到期资金延迟到账两天", details: "客户反映到期资金未按约定 T+1 到账。", status: "resolved", resolution: "已核实为清算延迟，补偿积分并致歉", satisfaction: 4, return_visit_on: date(ago + 15) } });
  });
}
