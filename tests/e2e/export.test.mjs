// Export from the Data screen on the real app window: an XLSX written to a typed path is a
// real workbook; then the duplicate finder merges two records and the merge is undone.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { allByTestId, byTestId, fill, newDataDir, openApp, screenshot, startDriver, stopDriver } from "./app.mjs";

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
  await (await byTestId(browser, "nav-data")).click();
  const path = await byTestId(browser, "export-path");
  await path.waitForDisplayed({ timeout: 5000 });
  await browser.waitUntil(async () => (await path.getValue()).endsWith(".xlsx"), {
    timeout: 5000,
    timeoutMsg: "a default .xlsx path is offered",
  });
  const out = join(mkdtempSync(join(tmpdir(), "fieldbook-export-")), "customers.xlsx");
  await fill(browser, "export-format", "xlsx");
  await fill(browser, "export-path", out);
  await (await byTestId(browser, "export-run")).click();
  const result = await byTestId(browser, "export-result");
  await result.waitForDisplayed({ timeout: 10000 });
  assert.match(await result.getText(), /Exported 3 customers/);
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
  await (await byTestId(browser, "export-run")).click();
  const err = await byTestId(browser, "export-error");
  await err.waitForDisplayed({ timeout: 5000 });
  assert.match(await err.getText(), /folder does not exist/);
  assert.ok(!existsSync(out));
});

test("duplicates: the same phone is found, merged and the merge undone from history", async () => {
  await (await byTestId(browser, "data-tab-duplicates")).click();
  const group = await byTestId(browser, "dup-group");
  await group.waitForDisplayed({ timeout: 5000 });
  assert.match(await (await byTestId(browser, "dup-reason")).getText(), /Same phone/);
  await screenshot(browser, "data-duplicates");
  await (await byTestId(browser, "dup-merge")).click();
  await (await byTestId(browser, "dupes-none")).waitForDisplayed({ timeout: 5000 });
  const undo = await byTestId(browser, "merge-undo");
  await undo.waitForDisplayed({ timeout: 5000 });
  await undo.click();
  await (await byTestId(browser, "merge-undone")).waitForDisplayed({ timeout: 5000 });
  await browser.waitUntil(async () => (await allByTestId(browser, "dup-group")).length === 1, {
    timeout: 5000,
    timeoutMsg: "the pair is listed again after the undo",
  });
});
