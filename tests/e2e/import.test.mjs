// Import on the real app window: type the path of the GBK-encoded Chinese CSV fixture, check
// the detected encoding, the guessed mapping and the preview, remap a column, read the dry run,
// import, and find the customers in the list.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { allByTestId, byTestId, fill, newDataDir, openApp, screenshot, startDriver, stopDriver } from "./app.mjs";

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

async function texts(id) {
  const out = [];
  for (const el of await allByTestId(browser, id)) out.push(await el.getProperty("textContent"));
  return out;
}

test("a GBK CSV with Chinese headers is read from a typed path with a guessed mapping and a preview", async () => {
  await (await byTestId(browser, "nav-import")).click();
  await fill(browser, "import-path", FIXTURE);
  await (await byTestId(browser, "import-read")).click();
  const preview = await byTestId(browser, "import-preview");
  await preview.waitForDisplayed({ timeout: 10000 });
  // Columns: 序号 客户名称 性别 手机 办公电话 邮箱 公司 职位 生日 农历生日 客户等级 客户来源 标签 备注
  assert.equal(await (await byTestId(browser, "import-target-0")).getValue(), "ignore", "序号 is not imported");
  assert.equal(await (await byTestId(browser, "import-target-1")).getValue(), "name");
  assert.equal(await (await byTestId(browser, "import-target-3")).getValue(), "phone");
  assert.deepEqual(await texts("import-preview-name"), ["王伟", "李娜", "赵敏"], "names decoded from GBK");
  assert.equal(await (await byTestId(browser, "import-dry-run-created")).getText(), "3");
  await screenshot(browser, "import-preview");
});

test("remapping a column previews again, and the import creates the customers", async () => {
  // 客户来源 (source) → notes: the preview is asked for again with the user's mapping.
  await fill(browser, "import-target-11", "notes");
  await browser.waitUntil(async () => (await (await byTestId(browser, "import-target-11")).getValue()) === "notes", {
    timeout: 5000,
  });
  const run = await byTestId(browser, "import-run");
  await run.waitForEnabled({ timeout: 10000 });
  await run.click();
  const created = await byTestId(browser, "import-result-created");
  await created.waitForDisplayed({ timeout: 20000 });
  assert.equal(await created.getText(), "3");
  await screenshot(browser, "import-done");
});

test("the imported customers are in the list", async () => {
  await (await byTestId(browser, "nav-customers")).click();
  await browser.waitUntil(async () => (await texts("customer-row")).some((t) => t.includes("王伟")), {
    timeout: 10000,
    timeoutMsg: "王伟 appears in the customer list after the import",
  });
  const rows = (await texts("customer-row")).join(" ");
  for (const name of ["王伟", "李娜", "赵敏", "北京华信科技有限公司"]) assert.ok(rows.includes(name), `${name} is listed`);
});
