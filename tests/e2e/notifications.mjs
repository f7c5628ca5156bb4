// Captures desktop notifications on the private D-Bus session bus of the test run: a real
// notification daemon (dunst) answers org.freedesktop.Notifications, and dbus-monitor
// records every Notify call, so a test can assert the summary and body the app sent.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

export async function startNotificationCapture() {
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) {
    throw new Error("no session bus: run the end-to-end tests inside dbus-run-session (scripts/test does)");
  }
  // An earlier test file's app may have made the bus start a dunst of its own (D-Bus
  // activation), still showing that app's notifications: clear them, so the only notification
  // on screen (position 0 for `dunstctl action 0`) is this test's.
  try {
    execFileSync("dunstctl", ["close-all"], { stdio: "ignore" });
  } catch {
    /* no daemon yet */
  }
  // Notifications stay until acted on (dunst's default expires them after seconds, and a test
  // that clicks one later would then depend on how fast the machine is).
  const config = join(mkdtempSync(join(tmpdir(), "fieldbook-dunst-")), "dunstrc");
  writeFileSync(config, ["low", "normal", "critical"].map((u) => `[urgency_${u}]\n    timeout = 0\n`).join(""));
  const daemon = spawn("dunst", ["-config", config, "-print"], { stdio: ["ignore", "pipe", "ignore"] });
  let daemonLog = "";
  daemon.stdout.on("data", (d) => (daemonLog += d));
  const monitor = spawn("dbus-monitor", ["--session", "interface='org.freedesktop.Notifications',member='Notify'"], {
    stdio: ["ignore", "pipe", "ignore"],
  });
  let busLog = "";
  monitor.stdout.on("data", (d) => (busLog += d));
  // Ready when dunst owns the notification name and dbus-monitor has become a monitor (the bus
  // tells it NameLost for its own name at that moment).
  const daemonOwnsName = () => {
    try {
      const out = execFileSync("dbus-send", ["--session", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner", "string:org.freedesktop.Notifications"], { encoding: "utf8" });
      return /boolean true/.test(out);
    } catch {
      return false;
    }
  };
  for (let i = 0; !(daemonOwnsName() && /member=NameLost/.test(busLog)); i++) {
    if (i > 300) throw new Error(`the notification daemon or the bus monitor did not start; dunst: ${daemonLog}`);
    await sleep(50);
  }

  return {
    /** Notify calls seen so far, as {summary, body} pairs (strings 4 and 5 of each call). */
    notifications() {
      return busLog
        .split(/^method call/m)
        .slice(1)
        .map((call) => [...call.matchAll(/^\s+string "(.*)"$/gm)].map((m) => m[1])) // dbus-monitor does not escape quotes
        .map((s) => ({ app: s[0], icon: s[1], summary: s[2], body: s[3] }));
    },
    /** Wait until a notification whose summary or body matches `re` is on the bus. */
    async waitFor(re, timeout = 30000) {
      const end = Date.now() + timeout;
      while (Date.now() < end) {
        const hit = this.notifications().find((n) => re.test(n.summary ?? "") || re.test(n.body ?? ""));
        if (hit) return hit;
        await sleep(200);
      }
      throw new Error(`no notification matching ${re} within ${timeout} ms; saw ${JSON.stringify(this.notifications())}`);
    },
    daemonLog: () => daemonLog,
    stop() {
      daemon.kill();
      monitor.kill();
    },
  };
}
