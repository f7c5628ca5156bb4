import type { TFunction } from "i18next";

/**
 * Where a customer came from is free text, but a few values are common enough to be words the
 * app knows — in either language, as importers and the sample data write them ("referral",
 * 转介绍). Those are shown in the UI's language; anything else is shown as typed.
 */
const KNOWN_SOURCES = {
  referral: ["referral", "referred", "recommendation", "转介绍", "介绍", "推荐", "朋友介绍", "客户介绍"],
  trade_show: ["trade show", "tradeshow", "trade fair", "exhibition", "expo", "展会", "展销会", "博览会"],
  website: ["website", "web site", "web", "官网", "网站", "官方网站"],
  cold_call: ["cold call", "cold calling", "telemarketing", "电话营销", "陌生电话", "电销"],
  online: ["online", "internet", "网络", "线上", "互联网"],
  advertising: ["advertising", "advertisement", "ads", "ad", "广告"],
  walk_in: ["walk-in", "walk in", "上门", "到店", "自然到访"],
  social_media: ["social media", "wechat", "weibo", "社交媒体", "微信", "微博", "朋友圈"],
} as const satisfies Record<string, readonly string[]>;

export type SourceKey = keyof typeof KNOWN_SOURCES;

const BY_VALUE = new Map<string, SourceKey>(
  (Object.entries(KNOWN_SOURCES) as [SourceKey, readonly string[]][]).flatMap(([key, values]) =>
    values.map((v) => [v, key] as [string, SourceKey]),
  ),
);

/** The known key for a source value ("Referral " → "referral"), or null. */
export function sourceKey(value: string): SourceKey | null {
  const v = value.trim().toLowerCase().replace(/[_\s]+/g, " ");
  return BY_VALUE.get(v) ?? null;
}

/** A source as the UI shows it: translated when it is a known one, else the raw value. */
export function sourceLabel(t: TFunction, value: string | null | undefined): string | null {
  if (!value) return null;
  const key = sourceKey(value);
  return key ? t(`sources.${key}`) : value;
}
