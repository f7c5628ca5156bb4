import { describe, expect, it } from "vitest";

import i18n from "../../i18n";
import { sourceKey, sourceLabel } from "./sourceLabel";

describe("customer source labels", () => {
  it("knows the common sources in either language and however they are spelled", () => {
    expect(sourceKey("referral")).toBe("referral");
    expect(sourceKey(" Referral ")).toBe("referral");
    expect(sourceKey("转介绍")).toBe("referral");
    expect(sourceKey("Trade Show")).toBe("trade_show");
    expect(sourceKey("trade_show")).toBe("trade_show");
    expect(sourceKey("展会")).toBe("trade_show");
    expect(sourceKey("cold call")).toBe("cold_call");
    expect(sourceKey("老客户的邻居")).toBeNull();
  });

  it("translates a known source into the UI's language and shows any other as typed", () => {
    const zh = i18n.getFixedT("zh-CN");
    const en = i18n.getFixedT("en");
    expect(sourceLabel(zh, "referral")).toBe("转介绍");
    expect(sourceLabel(zh, "trade show")).toBe("展会");
    expect(sourceLabel(zh, "website")).toBe("官网");
    expect(sourceLabel(en, "转介绍")).toBe("Referral");
    expect(sourceLabel(en, "电话营销")).toBe("Cold call");
    expect(sourceLabel(zh, "老客户的邻居")).toBe("老客户的邻居");
    expect(sourceLabel(zh, null)).toBeNull();
    expect(sourceLabel(zh, "")).toBeNull();
  });
});
