// Team sync through a real S3-compatible server on the real window: the test starts moto on a
// free 127.0.0.1 port, creates the team's bucket, and runs the app twice on two data folders
// (two laptops). Each fills Settings → Sync's S3 form (server, bucket, region, access key,
// secret, passphrase) and clicks Sync now; a customer from laptop A reaches laptop B, and an
// edit made on B reaches A. The server is stopped in `after`, whatever happened.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { homedir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import {
  click,
  clickText,
  fill,
  newDataDir,
  openApp,
  screenshot,
  startDriver,
  stopDriver,
  valueOf,
  waitForText,
  waitShown,
  waitUntilValue,
} from "./app.mjs";

const CLI = process.env.FIELDBOOK_CLI;
const MOTO = process.env.FIELDBOOK_MOTO_SERVER || join(homedir(), ".cache/fieldbook/moto-venv/bin/moto_server");
const PASS = "团队口令 s3";
const BUCKET = "team-book";
const ACCESS_KEY = "fieldbook-e2e";
const SECRET = "e2e-secret";
const laptopA = newDataDir();
const laptopB = newDataDir();
let moto;
let endpoint;
let browser;
let hanMeimei;

const cli = (dir, ...args) =>
  execFileSync(CLI, ["--db", join(dir, "fieldbook.db"), "--json", ...args], { encoding: "utf8" });

/** A port nothing listens on right now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Start moto on a free port and wait until it answers (or exits). */
async function startMoto() {
  if (!existsSync(MOTO)) throw new Error(`${MOTO} is missing: run scripts/setup (it installs moto[server])`);
  const port = await freePort();
  moto = spawn(MOTO, ["-H", "127.0.0.1", "-p", String(port)], { stdio: "ignore" });
  endpoint = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (moto.exitCode !== null) throw new Error(`moto_server exited early (${moto.exitCode}); is port ${port} taken?`);
    const answered = await fetch(`${endpoint}/moto-api/`).then(
      (r) => r.ok,
      () => false,
    );
    if (answered) return;
    await sleep(100);
  }
  throw new Error(`moto_server did not answer on port ${port} within 60 s`);
}

/** Open laptop `dir`'s window on Settings. */
async function openLaptop(dir) {
  await startDriver({ dataDir: dir, lang: "en_US.UTF-8" });
  browser = await openApp({ screen: "settings" });
}

async function closeLaptop() {
  await browser?.deleteSession().catch(() => {});
  browser = undefined;
  await stopDriver();
}

/** Fill the S3 form as a user of this run would (secret and passphrase are never saved), then Sync now. */
async function syncThroughTheBucket() {
  await click(browser, "sync-kind-s3");
  await fill(browser, "sync-endpoint", endpoint);
  await fill(browser, "sync-bucket", BUCKET);
  await fill(browser, "sync-access-key", ACCESS_KEY);
  await fill(browser, "sync-secret", SECRET);
  await fill(browser, "sync-passphrase", PASS);
  await clickText(browser, "sync-now", /Sync now/);
  await waitShown(browser, "sync-summary", 30000);
}

before(async () => {
  if (!CLI) throw new Error("FIELDBOOK_CLI must name the fieldbook CLI binary (scripts/test sets it)");
  await startMoto();
  const made = await fetch(`${endpoint}/${BUCKET}`, { method: "PUT" });
  assert.ok(made.ok, `creating the bucket: HTTP ${made.status}`);
  hanMeimei = JSON.parse(cli(laptopA, "customers", "add", "--name", "Han Meimei", "--tier", "B")).id;
});

after(async () => {
  await closeLaptop();
  if (moto && moto.exitCode === null) {
    const exited = new Promise((resolve) => moto.once("exit", resolve));
    moto.kill();
    await exited;
  }
});

test("laptop A sets the team up in the bucket, with the default region", async () => {
  await openLaptop(laptopA);
  await click(browser, "sync-kind-s3");
  await waitUntilValue(browser, () => valueOf(browser, "sync-region"), (v) => v === "us-east-1", "the region starts as us-east-1");
  await syncThroughTheBucket();
  await waitForText(browser, "sync-summary", /new team was set up/, "the first laptop sets the team up");
  await waitForText(browser, "sync-summary-out", /1 customers added/, "A's customer goes out");
  await screenshot(browser, "sync-s3-settings");
  await closeLaptop();
});

test("laptop B joins through the same bucket and gets A's customer", async () => {
  await openLaptop(laptopB);
  await syncThroughTheBucket();
  await waitForText(browser, "sync-summary-in", /1 customers added/, "A's customer comes in");
  await click(browser, "nav-customers");
  await waitForText(browser, "customer-row", /Han Meimei/, "A's customer is in B's list");
  // An edit on B (its CLI, on B's book while the window runs), sent with the secrets this run knows.
  cli(laptopB, "bulk-edit", "--ids", hanMeimei, "--tier", "VIP");
  await click(browser, "nav-settings");
  await clickText(browser, "sync-now", /Sync now/);
  await waitForText(browser, "sync-summary-out", /Sent \d+ changes?: 0 customers added, 1 changed/, "B's edit goes out");
  await closeLaptop();
});

test("laptop A gets B's edit: the saved bucket, access key and region come back filled in", async () => {
  await openLaptop(laptopA);
  await waitUntilValue(browser, () => valueOf(browser, "sync-bucket"), (v) => v === BUCKET, "the saved bucket is filled in");
  assert.equal(await valueOf(browser, "sync-access-key"), ACCESS_KEY);
  assert.equal(await valueOf(browser, "sync-region"), "us-east-1");
  await syncThroughTheBucket();
  await waitForText(browser, "sync-summary-in", /1 changed/, "B's edit comes in");
  const shown = JSON.parse(cli(laptopA, "customers", "show", hanMeimei));
  assert.equal(shown.tier, "VIP", "B's tier is in A's book");
});
