// Sample reminders for the screenshot preview: birthdays of the sample customers (both
// calendars, lunar ones placed with the platform's Chinese calendar), festivals, the bundled
// 2026 statutory holiday file, revisits and a few custom reminders, around today.
import type { Customer } from "../api/bindings/Customer";
import type { Occurrence } from "../api/bindings/Occurrence";
import type { OverdueRevisit } from "../api/bindings/OverdueRevisit";
import type { StatutoryYear } from "../api/bindings/StatutoryYear";
import { lunarDayName, lunarMonthName } from "../lib/lunar";
import { addDays, lunarOf, todayIso } from "../lib/day";
import cn2025 from "../../../crates/fieldbook-core/data/holidays/cn/2025.json";
import cn2026 from "../../../crates/fieldbook-core/data/holidays/cn/2026.json";
import { emptyAgenda, makeOccurrence, type FakeAgenda } from "./fakeBackend";

const FESTIVALS: { code: string; month: number; day: number; zh: string; en: string }[] = [
  { code: "spring_festival", month: 1, day: 1, zh: "春节", en: "Spring Festival (Chinese New Year)" },
  { code: "lantern", month: 1, day: 15, zh: "元宵节", en: "Lantern Festival" },
  { code: "dragon_boat", month: 5, day: 5, zh: "端午节", en: "Dragon Boat Festival" },
  { code: "qixi", month: 7, day: 7, zh: "七夕", en: "Qixi Festival" },
  { code: "mid_autumn", month: 8, day: 15, zh: "中秋节", en: "Mid-Autumn Festival" },
  { code: "double_ninth", month: 9, day: 9, zh: "重阳节", en: "Double Ninth Festival" },
  { code: "laba", month: 12, day: 8, zh: "腊八节", en: "Laba Festival" },
];

function holidayOccurrences(year: StatutoryYear): Occurrence[] {
  const out: Occurrence[] = [];
  for (const h of year.holidays) {
    const n = Math.round((Date.parse(h.end) - Date.parse(h.start)) / 86_400_000) + 1;
    out.push(
      makeOccurrence({
        kind: "statutory_holiday",
        date: h.start,
        remind_on: addDays(h.start, -1),
        tag: "CN",
        title: `${h.name_en} holiday: ${h.start} to ${h.end} (${n} days off)`,
        title_zh: `${h.name_zh}放假：${h.start} 至 ${h.end}，共 ${n} 天`,
      }),
    );
    for (const w of h.workdays) {
      out.push(
        makeOccurrence({
          kind: "make_up_workday",
          date: w,
          remind_on: addDays(w, -1),
          tag: "CN",
          title: `Make-up workday (${h.name_en})`,
          title_zh: `调休上班（${h.name_zh}）`,
        }),
      );
    }
  }
  return out;
}

export function previewAgenda(customers: Customer[]): FakeAgenda {
  const agenda = emptyAgenda();
  const today = todayIso();
  const from = addDays(today, -60);
  const days = 180;
  const lunarIndex = new Map<string, string>();
  const out: Occurrence[] = [];
  for (let i = 0; i < days; i++) {
    const d = addDays(from, i);
    const l = lunarOf(d);
    if (!l) continue;
    lunarIndex.set(`${l.month}${l.leap ? "L" : ""}-${l.day}`, d);
    const f = FESTIVALS.find((x) => x.month === l.month && x.day === l.day && !l.leap);
    if (f) {
      out.push(makeOccurrence({ kind: "festival", date: d, remind_on: addDays(d, -1), tag: f.code, title: f.en, title_zh: f.zh }));
    }
    const next = lunarOf(addDays(d, 1));
    if (l.month === 12 && next?.month === 1 && next.day === 1) {
      out.push(makeOccurrence({ kind: "festival", date: d, remind_on: addDays(d, -1), tag: "new_years_eve", title: "Chinese New Year's Eve", title_zh: "除夕" }));
    }
  }
  const people = customers.filter((c) => c.kind === "person" && !c.deleted_at).slice(0, 420);
  for (const c of people) {
    const b = c.birthday;
    if (!b) continue;
    const dates: string[] = [];
    if (b.calendar === "gregorian") {
      for (const y of [Number(today.slice(0, 4)), Number(today.slice(0, 4)) + 1]) {
        dates.push(`${y}-${String(b.month).padStart(2, "0")}-${String(b.day).padStart(2, "0")}`);
      }
    } else {
      const d = lunarIndex.get(`${b.month}${b.leap ? "L" : ""}-${b.day}`) ?? lunarIndex.get(`${b.month}-${b.day}`);
      if (d) dates.push(d);
    }
    for (const d of dates) {
      if (d < from || d > addDays(from, days)) continue;
      const years = b.year !== null ? Number(d.slice(0, 4)) - b.year : null;
      const lunar = b.calendar === "lunar" ? `${lunarMonthName(b.month, b.leap)}${lunarDayName(b.day)}` : null;
      out.push(
        makeOccurrence({
          kind: lunar ? "lunar_birthday" : "birthday",
          date: d,
          remind_on: addDays(d, -3),
          customer_id: c.id,
          customer_name: c.name,
          years,
          title: lunar
            ? `Lunar birthday (${lunar}): ${c.name}${years ? ` (turns ${years})` : ""}`
            : `Birthday: ${c.name}${years ? ` (turns ${years})` : ""}`,
          title_zh: lunar ? `${c.name} ${years ? `${years} 岁` : ""}农历生日（${lunar}）` : `${c.name} ${years ? `${years} 岁` : ""}生日`,
        }),
      );
    }
  }
  out.push(...holidayOccurrences(cn2025 as StatutoryYear), ...holidayOccurrences(cn2026 as StatutoryYear));

  // Revisits due today and soon, overdue ones for the radar, a follow-up and custom reminders.
  const tiered = customers.filter((c) => c.kind === "person" && c.tier && !c.deleted_at);
  const interval = { VIP: 7, A: 14, B: 30, C: 90 } as const;
  tiered.slice(0, 26).forEach((c, i) => {
    const late = [41, 33, 27, 19, 16, 12, 9, 8, 6, 5, 4, 3, 2, 2, 1, 1][i % 16]! + (i > 15 ? 20 : 0);
    const days = interval[c.tier!];
    const occurrence = makeOccurrence({
      kind: "revisit",
      date: addDays(today, -late),
      customer_id: c.id,
      customer_name: c.name,
      title: `Revisit ${c.name} (every ${days} days)`,
      title_zh: `回访 ${c.name}（每 ${days} 天）`,
    });
    const row: OverdueRevisit = { occurrence, tier: c.tier, days_late: late };
    agenda.overdue.push(row);
  });
  tiered.slice(30, 33).forEach((c, i) => {
    const d = addDays(today, i === 0 ? 0 : i * 2);
    out.push(
      makeOccurrence({
        kind: "revisit",
        date: d,
        customer_id: c.id,
        customer_name: c.name,
        title: `Revisit ${c.name} (every ${interval[c.tier!]} days)`,
        title_zh: `回访 ${c.name}（每 ${interval[c.tier!]} 天）`,
      }),
    );
  });
  const [p1, p2] = tiered.slice(40, 42);
  if (p1 && p2) {
    out.push(
      makeOccurrence({ kind: "follow_up", date: today, customer_id: p1.id, customer_name: p1.name, title: `Follow up with ${p1.name}: send the fund prospectus`, title_zh: `跟进 ${p1.name}：发送基金说明书` }),
      makeOccurrence({ kind: "custom", date: addDays(today, 1), customer_id: p2.id, customer_name: p2.name, title: `${p2.name}: policy renewal`, title_zh: `${p2.name}：保单续保` }),
      makeOccurrence({ kind: "follow_up", date: addDays(today, -3), customer_id: p2.id, customer_name: p2.name, title: `Follow up with ${p2.name}: quote for group insurance`, title_zh: `跟进 ${p2.name}：团险报价` }),
    );
  }
  agenda.occurrences = out;
  // One of today's items already done, to show the muted state.
  const doneToday = out.find((o) => o.date === today && o.customer_id);
  if (doneToday) agenda.states.set(doneToday.key, { key: doneToday.key, status: "done", snoozed_until: null, acted_at: new Date().toISOString() });
  agenda.coverage = { country: "CN", bundled: [2024, 2025, 2026], imported: [], missing: [Number(today.slice(0, 4)) + 1] };
  return agenda;
}
