// Export from the Data screen on the real app window: an XLSX written to a typed path is a
// real workbook; then the duplicate finder merges two records and the merge is undone.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { click, fill, newDataDir, openApp, screenshot, startDriver, stopDriver, texts, valueOf, waitForText, waitShown, waitUntilValue } from "./app.mjs";

let browser;
const dataDir = newDataDir();
const cli = (...args) => execFileSync(process.env.FIELDBOOK_CLI, ["--db", join(dataDir, "fieldbook.db"), ...args]);

before(async () => {
  cli("customers", "add", "--name", "张三", "--phone", "+86 138 0013 8000", "--lunar-birthday", "1984-L10-15");
  cli("customers", "add", "--name", "张 三", "--phone", "13800138000", "--email", "zs@example.com");
  cli("customers", "add", "--name", "John Smith", "--birthday", "1990-07-04");
  await startDriver({ dataDir, lang: "en_US.UTF-8" });
  browser = await openApp({ screen: "customers" });
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
  await stopDriver();
});

test("export XLSX from the Data screen to a typed path writes a valid workbook", async () => {
  await click(browser, "nav-data");
  await waitUntilValue(browser, () => valueOf(browser, "export-path"), (v) => (v ?? "").endsWith(".xlsx"), "a default .xlsx path is offered");
  const out = join(mkdtempSync(join(tmpdir(), "fieldbook-export-")), "customers.xlsx");
  await fill(browser, "export-format", "xlsx");
  await fill(browser, "export-path", out);
  await click(browser, "export-run");
  await waitForText(browser, "export-result", /Exported 3 customers/, "the export reports what it wrote");
  await screenshot(browser, "data-export");
  assert.ok(existsSync(out), "the file exists at the typed path");
  const bytes = readFileSync(out);
  assert.equal(bytes.subarray(0, 2).toString("latin1"), "PK", "an xlsx is a zip");
  assert.ok(bytes.includes(Buffer.from("xl/workbook.xml")), "with a workbook part");
  assert.ok(bytes.includes(Buffer.from("xl/worksheets/sheet1.xml")), "and a customers sheet");
});

test("a typed path in a missing folder is refused with a message and writes nothing", async () => {
  const out = join(tmpdir(), "no-such-folder-fieldbook", "x.csv");
  await fill(browser, "export-path", out);
  await click(browser, "export-run");
  await waitForText(browser, "export-error", /folder does not exist/, "the missing folder is named as the reason");
  assert.ok(!existsSync(out));
});

test("duplicates: the same phone is found, merged and the merge undone from history", async () => {
  await click(browser, "data-tab-duplicates");
  await waitForText(browser, "dup-reason", /Same phone/, "the pair is found by its phone");
  await screenshot(browser, "data-duplicates");
  // Nothing is ticked to merge until the user ticks it.
  await waitShown(browser, '[data-testid="dup-merge"][disabled]');
  await click(browser, '[data-testid="dup-customer"]:nth-child(2) [data-testid="dup-include"]');
  await click(browser, "dup-merge");
  await waitShown(browser, "dupes-none");
  await click(browser, "merge-undo");
  await waitShown(browser, "merge-undone");
  await waitUntilValue(browser, () => texts(browser, "dup-group"), (groups) => groups.length === 1, "the pair is listed again after the undo");
});
