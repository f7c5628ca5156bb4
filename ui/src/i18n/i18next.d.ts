import "i18next";

import type en from "./en.json";

// Translation keys are checked at compile time against en.json (zh-CN.json must match it:
// see i18n.test.ts).
declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof en };
  }
}
