// A day on the road (issue #14), on the real window: the app opens on today's work (the
// agenda), the sidebar badge and the agenda's "due now" figure are the same number, a
// birthday two days ahead sits under "Coming up" (not Today), and Ctrl+1 opens the customer
// list. Screenshots of the start screen at 1280x800 and 1024x700 in English and Chinese.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { localDay, attrOf, closeApp, newDataDir, openApp, screenshot, startDriver, stopDriver, texts, waitForText, waitShown } from "./app.mjs";

const CLI = process.env.FIELDBOOK_CLI;
const dataDir = newDataDir();
let browser;

function cli(...args) {
  return execFileSync(CLI, ["--db", join(dataDir, "fieldbook.db"), "--json", ...args], { encoding: "utf8" });
}

before(async () => {
  if (!CLI) throw new Error("FIELDBOOK_CLI must name the fieldbook CLI binary (scripts/test sets it)");
  cli("customers", "add", "--name", "王芳", "--birthday", `1986-${localDay(0).slice(5)}`, "--tier", "VIP");
  cli("customers", "add", "--name", "李娜", "--birthday", `1990-${localDay(2).slice(5)}`, "--tier", "A");
  const late = JSON.parse(cli("customers", "add", "--name", "Emily Carter", "--tier", "B")).id;
  cli("interactions", "add", "--customer", late, "--kind", "call", "--summary", "quote", "--follow-up", localDay(-3));
  await startDriver({ dataDir, lang: "en_US.UTF-8" });
  browser = await openApp();
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
  await stopDriver();
});

test("opens on today's work; the badge and the agenda agree on what is due", async () => {
  await waitShown(browser, "agenda");
  assert.equal(await attrOf(browser, "nav-agenda", "aria-current"), "page");
  await waitForText(browser, "agenda-due", /due now/, "the agenda shows its due figure");
  const due = await attrOf(browser, "agenda-due", "data-count");
  await waitForText(browser, "nav-agenda-count", new RegExp(`^${due}$`), "the badge shows the agenda's due figure");
  assert.ok(Number(due) >= 2, `an overdue follow-up and a birthday today are due (${due})`);
  await waitForText(browser, "agenda-coming-up", /李娜/, "the birthday in two days is under Coming up");
  const today = (await texts(browser, "agenda-today")).join(" ");
  assert.ok(!today.includes("李娜"), "not under Today");
  await browser.setWindowSize(1280, 800);
  await screenshot(browser, "road-start-1280-en");
  await browser.setWindowSize(1024, 700);
  await screenshot(browser, "road-start-1024-en");
});

test("Ctrl+1 opens the customer list", async () => {
  await browser.keys(["Control", "1"]);
  await waitForText(browser, "customer-row", /王芳/, "the list shows the customers");
  assert.equal(await attrOf(browser, "nav-customers", "aria-current"), "page");
});

test("in Chinese the start screen says 即将到来 for the birthday ahead (screenshots)", async () => {
  // The same book, reopened on a Chinese desktop: the app follows the OS language.
  await closeApp(browser);
  await stopDriver();
  await startDriver({ dataDir, lang: "zh_CN.UTF-8" });
  browser = await openApp();
  await waitForText(browser, "agenda-coming-up", /即将到来/, "the Coming up heading in Chinese");
  await waitForText(browser, "agenda-due", /当前待办/, "the due line in Chinese");
  await browser.setWindowSize(1280, 800);
  await screenshot(browser, "road-start-1280-zh");
  await browser.setWindowSize(1024, 700);
  await screenshot(browser, "road-start-1024-zh");
});
