// A day on the road (issue #14), the list and the empty book, on the real window: a brand-new
// book opens on the list's empty state offering Add, Import and Restore; once customers arrive
// (through the CLI, as another process would write), the list shows last contact and next
// follow-up and sorts by them on a click, the overdue follow-up first. Screenshots at 1280x800
// and 1024x700 in English and Chinese, with the detail panel open at 1024.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { localDay, attrOf, click, newDataDir, openApp, screenshot, startDriver, stopDriver, texts, waitForText, waitShown, waitUntilValue } from "./app.mjs";

const CLI = process.env.FIELDBOOK_CLI;
const dataDir = newDataDir();
let browser;

function cli(...args) {
  return execFileSync(CLI, ["--db", join(dataDir, "fieldbook.db"), "--json", ...args], { encoding: "utf8" });
}

// Rows in screen order (the virtualizer positions them; the DOM order follows the index).
const names = () => texts(browser, '[data-testid="customer-row"] .name-text');

before(async () => {
  if (!CLI) throw new Error("FIELDBOOK_CLI must name the fieldbook CLI binary (scripts/test sets it)");
  await startDriver({ dataDir, lang: "en_US.UTF-8" });
  browser = await openApp();
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
  await stopDriver();
});

test("a brand-new book opens on the list's empty state, which offers add, import and restore", async () => {
  await waitShown(browser, "empty-book");
  assert.equal(await attrOf(browser, "nav-customers", "aria-current"), "page", "not an empty agenda");
  await waitShown(browser, "empty-import");
  await waitShown(browser, "empty-restore");
  await browser.setWindowSize(1280, 800);
  await screenshot(browser, "road-empty-1280-en");
  await browser.setWindowSize(1024, 700);
  await screenshot(browser, "road-empty-1024-en");
  await click(browser, "empty-import");
  await waitShown(browser, '[data-testid="nav-import"][aria-current="page"]');
  await click(browser, "nav-customers");
  await click(browser, "empty-restore");
  await waitShown(browser, "backup-settings");
});

test("the list shows whom to call and sorts by next follow-up and last contact on a click", async () => {
  const add = (name, ...more) => JSON.parse(cli("customers", "add", "--name", name, ...more)).id;
  add("华信科技有限公司", "--kind", "organization");
  const wang = add("王芳", "--tier", "VIP", "--phone", "+86 138 0013 8000", "--company", "华信科技有限公司");
  const li = add("李娜", "--tier", "A", "--email", "li.na@example.com");
  const emily = add("Emily Carter", "--tier", "B", "--phone", "+1 415 555 0100");
  add("赵磊", "--tier", "C");
  cli("interactions", "add", "--customer", emily, "--kind", "call", "--summary", "quote", "--at", `${localDay(-20)}`, "--follow-up", localDay(-3));
  cli("interactions", "add", "--customer", li, "--kind", "visit", "--summary", "visit", "--at", `${localDay(-5)}`, "--follow-up", localDay(4));
  cli("interactions", "add", "--customer", wang, "--kind", "call", "--summary", "call", "--at", `${localDay(-90)}`);
  await click(browser, "nav-customers");
  await waitForText(browser, "customer-count", /5 customers/, "the CLI's writes reach the window");

  await click(browser, "sort-next_follow_up");
  await waitUntilFirst(["Emily Carter", "李娜"], "the overdue follow-up first, then the next one");
  assert.match(await attrOf(browser, '[data-testid="customer-row"] [data-testid="next-follow-up"]', "class"), /follow-up-overdue/, "an overdue follow-up is marked");
  await browser.setWindowSize(1280, 800);
  await screenshot(browser, "road-list-1280-en");
  await browser.setWindowSize(1024, 700);
  await screenshot(browser, "road-list-1024-en");

  await click(browser, "sort-last_contact");
  await waitUntilFirst(["王芳", "Emily Carter", "李娜"], "the longest silent first");
  const all = await names();
  assert.deepEqual(all.slice(3).sort(), ["华信科技有限公司", "赵磊"].sort(), "never contacted last");

  // The detail panel at 1024 px: names keep their width.
  await click(browser, '[data-testid="customer-row"]');
  await waitShown(browser, ".detail");
  await screenshot(browser, "road-list-detail-1024-en");
});

test("in Chinese the list's columns and the empty states read in Chinese (screenshots)", async () => {
  await browser.deleteSession();
  await stopDriver();
  await startDriver({ dataDir, lang: "zh_CN.UTF-8" });
  browser = await openApp({ screen: "customers" });
  await waitForText(browser, "sort-next_follow_up", /下次跟进/, "the column header in Chinese");
  await click(browser, "sort-next_follow_up");
  await waitUntilFirst(["Emily Carter", "李娜"], "the same order in Chinese");
  await browser.setWindowSize(1280, 800);
  await screenshot(browser, "road-list-1280-zh");
  await browser.setWindowSize(1024, 700);
  await screenshot(browser, "road-list-1024-zh");
  await click(browser, '[data-testid="customer-row"]');
  await waitShown(browser, ".detail");
  await screenshot(browser, "road-list-detail-1024-zh");
});

/** Wait until the list's first rows are `expected` (read in-page each time). */
async function waitUntilFirst(expected, message) {
  await waitUntilValue(browser, async () => (await names()).slice(0, expected.length), (got) => JSON.stringify(got) === JSON.stringify(expected), message, 15000);
}
