// The README's screenshots, from the real app on a seeded book (run by scripts/screenshots,
// which seeds the book and starts Xvfb and D-Bus): the agenda the app opens on, the customer
// list sorted by next follow-up, and the reports dashboard, at 1280x800 in Chinese.
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { attrOf, click, openApp, screenshot, setLanguage, startDriver, stopDriver, texts, waitShown, waitUntilValue } from "../e2e/app.mjs";

const dataDir = process.env.FIELDBOOK_SHOTS_BOOK;
const docs = process.env.FIELDBOOK_SHOTS_DOCS;
const artifacts = process.env.ARTIFACTS;
const lang = process.env.FIELDBOOK_SHOTS_LANG ?? "zh-CN";

await startDriver({ dataDir, lang: lang === "zh-CN" ? "zh_CN.UTF-8" : "en_US.UTF-8" });
const browser = await openApp();
try {
  await browser.setWindowSize(1280, 800);
  await setLanguage(browser, lang);

  /** Save the current screen under docs/ once `ready` holds. */
  const shot = async (file, ready) => {
    await waitShown(browser, ready, 20000);
    await screenshot(browser, `readme-${file}`);
    copyFileSync(join(artifacts, `readme-${file}.png`), join(docs, `${file}.png`));
    console.log(`docs/${file}.png`);
  };

  // The agenda the app opens on: overdue follow-ups first, today, the revisit radar.
  await shot("agenda", '[data-testid="agenda-item"]');

  // The list (Ctrl+1) sorted by next follow-up: whom to call first.
  await click(browser, "nav-customers");
  await waitShown(browser, "customer-row", 20000);
  await click(browser, "sort-next_follow_up");
  await waitUntilValue(browser, () => attrOf(browser, '[role="columnheader"].cell-follow-up', "aria-sort"), (v) => v === "ascending", "sorted by next follow-up");
  await click(browser, "customer-row");
  await waitShown(browser, "customer-detail");
  await shot("screenshot", '[data-testid="classification"]');

  // The reports dashboard.
  await click(browser, "nav-reports");
  await waitUntilValue(browser, () => texts(browser, "report-top-row"), (rows) => rows.length > 0, "the top customers are listed", 30000);
  await shot("reports", '[data-testid="report-tiers"] .recharts-bar-rectangle');
} finally {
  await browser.deleteSession().catch(() => {});
  await stopDriver();
}
