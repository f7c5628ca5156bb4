import { describe, expect, it } from "vitest";

import { dateFormatHint } from "./dateFormatHint";

const EN = { year: "yyyy", month: "mm", day: "dd", hour: "hh", minute: "mm" };
const ZH = { year: "年", month: "月", day: "日", hour: "时", minute: "分" };

describe("date format hint", () => {
  it("follows the language's order and separators, not a sample date", () => {
    expect(dateFormatHint("en", "date", EN)).toBe("mm/dd/yyyy");
    expect(dateFormatHint("zh-CN", "date", ZH)).toBe("年/月/日");
    expect(dateFormatHint("en-GB", "date", EN)).toBe("dd/mm/yyyy");
  });

  it("adds the time for date-time boxes and has a time-only form", () => {
    expect(dateFormatHint("en", "datetime-local", EN)).toBe("mm/dd/yyyy hh:mm");
    expect(dateFormatHint("zh-CN", "datetime-local", ZH)).toBe("年/月/日 时:分");
    expect(dateFormatHint("zh-CN", "time", ZH)).toBe("时:分");
  });
});
