// Greeting templates: per kind of occasion and language, with {placeholders}. Text in [ ] is
// left out when the placeholders inside it are all empty (no "Dear , …" for a general festival).
// The user's changes live in the core's synced settings (`greeting_templates`), so they
// follow the data folder, backups and sync; this module keeps the last loaded copy.
import { greetingTemplates, type Gender, type Occurrence, type OccurrenceKind } from "../../api";

export const TEMPLATE_KINDS = ["birthday", "anniversary", "festival", "holiday", "revisit", "other"] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];
export const TEMPLATE_LANGS = ["zh-CN", "en"] as const;
export type TemplateLang = (typeof TEMPLATE_LANGS)[number];
export const PLACEHOLDERS = ["name", "surname", "honorific", "festival", "company", "age"] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type GreetingValues = Partial<Record<Placeholder, string | number | null>>;

/** Where an earlier version kept the templates on this machine; moved into the store on first load. */
export const LEGACY_TEMPLATE_STORAGE_KEY = "fieldbook.greetingTemplates";

export const DEFAULT_TEMPLATES: Record<TemplateKind, Record<TemplateLang, string>> = {
  birthday: {
    "zh-CN": "[{name}{honorific}，]您好！祝您[{age}岁]生日快乐，身体健康，万事顺意！感谢您一直以来的信任与支持。",
    en: "Dear[ {honorific}] {name}, happy birthday[ and congratulations on turning {age}]! Wishing you health and every success in the year ahead.",
  },
  anniversary: {
    "zh-CN": "[{name}{honorific}，]您好！值此纪念日之际，送上诚挚的祝福，愿您幸福美满、一切顺利！",
    en: "Dear[ {honorific}] {name}, congratulations on your anniversary! Warmest wishes for many happy years to come.",
  },
  festival: {
    "zh-CN": "[{name}{honorific}，]您好！{festival}将至，祝您和家人节日快乐，阖家幸福！[也祝{company}生意兴隆、蒸蒸日上！]",
    en: "[Dear[ {honorific}] {name}, ]Happy {festival}! Wishing you and your family joy and good health.[ Best wishes to everyone at {company}.]",
  },
  holiday: {
    "zh-CN": "[{name}{honorific}，]您好！{festival}假期将至，祝您假期愉快，出行平安！",
    en: "[Dear[ {honorific}] {name}, ]Wishing you a relaxing {festival} holiday and safe travels!",
  },
  revisit: {
    "zh-CN": "[{name}{honorific}，]您好！有一阵子没联系了，最近一切都好吗？[{company}近来业务还顺利吗？]有任何需要随时找我。",
    en: "Dear[ {honorific}] {name}, it has been a while, so I wanted to check in.[ How are things at {company}?] Let me know if there is anything I can do for you.",
  },
  other: {
    "zh-CN": "[{name}{honorific}，]您好！",
    en: "[Dear[ {honorific}] {name}, ]",
  },
};

/** Which template an occurrence uses. */
export function templateKindOf(kind: OccurrenceKind): TemplateKind {
  switch (kind) {
    case "birthday":
    case "lunar_birthday":
      return "birthday";
    case "anniversary":
    case "lunar_anniversary":
      return "anniversary";
    case "festival":
      return "festival";
    case "statutory_holiday":
    case "public_holiday":
    case "make_up_workday":
      return "holiday";
    case "revisit":
      return "revisit";
    default:
      return "other";
  }
}

const COMPOUND_SURNAMES = ["欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "令狐", "端木", "申屠"];

/** 张伟 → 张, 欧阳娜娜 → 欧阳, "Emily Carter" → Carter (for "张先生" / "Ms. Carter"). */
export function surnameOf(name: string): string {
  const n = name.trim();
  if (!n) return "";
  if (/^[\u3400-\u9fff]+$/.test(n)) return COMPOUND_SURNAMES.find((s) => n.startsWith(s) && n.length > 2) ?? n[0]!;
  const words = n.split(/\s+/);
  return words[words.length - 1]!;
}

export function honorificOf(gender: Gender | null | undefined, lang: TemplateLang): string {
  if (gender === "male") return lang === "en" ? "Mr." : "先生";
  if (gender === "female") return lang === "en" ? "Ms." : "女士";
  return "";
}

/** The festival or holiday's name from the occurrence's titles ("国庆节放假：…" → 国庆节). */
export function occasionName(o: Occurrence, lang: TemplateLang): string {
  if (lang === "en") {
    return o.title.replace(/ holiday:.*$/, "").replace(/^Make-up workday \((.*)\)$/, "$1").trim();
  }
  return o.title_zh.replace(/放假[：:].*$/, "").replace(/^调休上班[（(](.*)[）)]$/, "$1").trim();
}

const OPEN = "\u0001";
const CLOSE = "\u0002";

function present(v: string | number | null | undefined): v is string | number {
  return v !== null && v !== undefined && String(v).trim() !== "";
}

/** Fill a template: optional [ ] segments first (innermost out; dropped when all their placeholders are empty), then the placeholders. */
export function fillTemplate(template: string, values: GreetingValues): string {
  let text = template;
  const innermost = /\[([^[\]]*)\]/;
  for (let guard = 0; guard < 100; guard++) {
    const m = innermost.exec(text);
    if (!m) break;
    const names = [...m[1]!.matchAll(/\{(\w+)\}/g)].map((x) => x[1] as Placeholder);
    const replacement =
      names.length === 0
        ? `${OPEN}${m[1]}${CLOSE}` // literal brackets, no placeholders: keep as written
        : names.some((n) => present(values[n]))
          ? m[1]!
          : "";
    text = text.slice(0, m.index) + replacement + text.slice(m.index + m[0].length);
  }
  text = text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    (PLACEHOLDERS as readonly string[]).includes(name) ? String(values[name as Placeholder] ?? "").trim() : whole,
  );
  return text
    .replaceAll(OPEN, "[")
    .replaceAll(CLOSE, "]")
    .replace(/[ \t]{2,}/g, " ")
    .replace(/ +([,.!?;:])/g, "$1")
    .trim();
}

export type StoredTemplates = Partial<Record<`${TemplateKind}.${TemplateLang}`, string>>;

let cached: StoredTemplates = {};

function legacyTemplates(): StoredTemplates | null {
  try {
    const raw = window.localStorage.getItem(LEGACY_TEMPLATE_STORAGE_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    return typeof parsed === "object" && parsed !== null ? (parsed as StoredTemplates) : null;
  } catch {
    return null;
  }
}

/**
 * The user's templates from the store. Templates an earlier version left in localStorage are
 * moved into the store once (only if the store has none, so another laptop's synced edits win).
 */
export async function loadTemplates(): Promise<StoredTemplates> {
  let stored = (await greetingTemplates.get()) as StoredTemplates;
  const legacy = legacyTemplates();
  if (legacy && Object.keys(stored).length === 0 && Object.keys(legacy).length > 0) {
    stored = (await greetingTemplates.set(legacy)) as StoredTemplates;
  }
  if (legacy) window.localStorage.removeItem(LEGACY_TEMPLATE_STORAGE_KEY);
  cached = stored;
  return stored;
}

export async function saveTemplates(templates: StoredTemplates): Promise<StoredTemplates> {
  cached = (await greetingTemplates.set(templates)) as StoredTemplates;
  return cached;
}

/** The templates last loaded or saved (defaults until then). */
export function cachedTemplates(): StoredTemplates {
  return cached;
}

export function templateFor(kind: TemplateKind, lang: TemplateLang, stored: StoredTemplates = cachedTemplates()): string {
  return stored[`${kind}.${lang}`] ?? DEFAULT_TEMPLATES[kind][lang];
}

export type GreetingCustomer = { name: string; gender: Gender | null; company_name: string | null } | null;

/** The personalized greeting for an occurrence, in `lang`. */
export function greetingFor(o: Occurrence, customer: GreetingCustomer, lang: TemplateLang, stored?: StoredTemplates): string {
  const kind = templateKindOf(o.kind);
  const general = kind === "festival" || kind === "holiday";
  return fillTemplate(templateFor(kind, lang, stored), {
    name: customer?.name ?? o.customer_name,
    surname: surnameOf(customer?.name ?? o.customer_name ?? ""),
    honorific: honorificOf(customer?.gender, lang),
    festival: general ? occasionName(o, lang) : null,
    company: customer?.company_name ?? null,
    age: o.years !== null && o.years > 0 ? o.years : null,
  });
}
