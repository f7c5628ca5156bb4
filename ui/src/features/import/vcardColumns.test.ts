import { describe, expect, it } from "vitest";

import i18n from "../../i18n";
import { vcardColumnLabel } from "./vcardColumns";

describe("vCard column names", () => {
  it("read in Chinese in the Chinese UI, labels included", async () => {
    await i18n.changeLanguage("zh-CN");
    const t = i18n.getFixedT("zh-CN");
    expect(vcardColumnLabel("Name", t)).toBe("姓名");
    expect(vcardColumnLabel("Lunar birthday", t)).toBe("农历生日");
    expect(vcardColumnLabel("Phone (mobile)", t)).toBe("电话（手机）");
    expect(vcardColumnLabel("Email (Dropbox)", t)).toBe("邮箱（Dropbox）");
    await i18n.changeLanguage("en");
  });

  it("stay the user's own words when they are not vCard columns; English labels are capitalized", () => {
    const t = i18n.getFixedT("en");
    expect(vcardColumnLabel("客户名称", t)).toBe("客户名称");
    expect(vcardColumnLabel("Phone (mobile)", t)).toBe("Phone (Mobile)");
  });
});
