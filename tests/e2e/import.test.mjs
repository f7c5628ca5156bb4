// Import on the real app window: type the path of the GBK-encoded Chinese CSV fixture, check
// the detected encoding, the guessed mapping and the preview, remap a column, read the dry run,
// import, and find the customers in the list.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { click, fill, newDataDir, openApp, screenshot, startDriver, stopDriver, textOf, texts as textsIn, valueOf, waitForText, waitShown, waitUntilValue } from "./app.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURE = path.resolve(here, "../fixtures/import/gbk_chinese.csv");

let browser;

before(async () => {
  await startDriver({ dataDir: newDataDir(), lang: "zh_CN.UTF-8" });
  browser = await openApp({ screen: "customers" });
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
  await stopDriver();
});

const texts = (id) => textsIn(browser, id);

test("a GBK CSV with Chinese headers is read from a typed path with a guessed mapping and a preview", async () => {
  await click(browser, "nav-import");
  await fill(browser, "import-path", FIXTURE);
  await click(browser, "import-read");
  await waitShown(browser, "import-preview");
  // Columns: 序号 客户名称 性别 手机 办公电话 邮箱 公司 职位 生日 农历生日 客户等级 客户来源 标签 备注
  assert.equal(await valueOf(browser, "import-target-0"), "ignore", "序号 is not imported");
  assert.equal(await valueOf(browser, "import-target-1"), "name");
  assert.equal(await valueOf(browser, "import-target-3"), "phone");
  assert.deepEqual(await texts("import-preview-name"), ["王伟", "李娜", "赵敏"], "names decoded from GBK");
  await waitForText(browser, "import-dry-run-created", /^\s*3\s*$/, "the dry run creates 3 customers");
  await screenshot(browser, "import-preview");
});

test("remapping a column previews again, and the import creates the customers", async () => {
  // 客户来源 (source) → notes: the preview is asked for again with the user's mapping.
  await fill(browser, "import-target-11", "notes");
  await waitUntilValue(browser, () => valueOf(browser, "import-target-11"), (v) => v === "notes", "the remap is kept");
  await click(browser, "import-run"); // waits until the new preview enabled it
  await waitShown(browser, "import-result-created", 20000);
  assert.equal((await textOf(browser, "import-result-created")).trim(), "3");
  await screenshot(browser, "import-done");
});

test("the imported customers are in the list", async () => {
  await click(browser, "nav-customers");
  await waitForText(browser, "customer-row", /王伟/, "王伟 appears in the customer list after the import");
  const rows = (await texts("customer-row")).join(" ");
  for (const name of ["王伟", "李娜", "赵敏", "北京华信科技有限公司"]) assert.ok(rows.includes(name), `${name} is listed`);
});

const BAD_DATES = path.resolve(here, "../fixtures/import/bad_dates.csv");

test("an impossible birthday is a warning by default; strict mode rejects its row and imports only the rest", async () => {
  // 陈静 has 1985-02-30 (a warning: imported without the birthday), 周杰 a tier "Z级" (an error).
  await click(browser, "nav-import");
  // Screens unmount when left: the import screen starts afresh at the file step.
  await fill(browser, "import-path", BAD_DATES);
  await click(browser, "import-read");
  await waitForText(browser, "import-dry-run-warnings", /1985-02-30/, "the impossible birthday is listed as a warning");
  assert.equal((await textOf(browser, "import-dry-run-created")).trim(), "2");
  assert.equal((await textOf(browser, "import-dry-run-rejected")).trim(), "1");
  await click(browser, "import-strict");
  await waitForText(browser, "import-dry-run-rejected", /^\s*2\s*$/, "strict mode rejects the row with the birthday too");
  assert.match(await textOf(browser, "import-dry-run-errors"), /生日/, "the error names the birthday column");
  assert.equal((await textOf(browser, "import-dry-run-created")).trim(), "1");
  await click(browser, "import-skip-invalid");
  await click(browser, "import-run");
  await waitShown(browser, "import-result-created", 20000);
  assert.equal((await textOf(browser, "import-result-created")).trim(), "1");
  await click(browser, "nav-customers");
  await waitForText(browser, "customer-row", /吴磊/, "the valid row was imported");
  const rows = (await texts("customer-row")).join(" ");
  assert.ok(!rows.includes("陈静"), "strict mode left out the row with the impossible birthday");
});
