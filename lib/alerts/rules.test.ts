import { describe, expect, it } from "vitest";
import { effectiveSettings, hourStart } from "./rules";

describe("a workspace's alert rule settings", () => {
  it("are the defaults without rows: every rule on, nothing held", () => {
    const s = effectiveSettings([]);
    expect(s.auth_failures).toEqual({ rule: "auth_failures", enabled: true, threshold: 10, minimum: null, autoHold: false });
    expect(s.send_spike).toMatchObject({ threshold: 3, minimum: 100 });
    expect(s.bounce_rate).toMatchObject({ threshold: 0.2, minimum: 50 });
    expect(s.new_ip).toMatchObject({ threshold: null, minimum: 32 });
    expect(s.old_password_version).toMatchObject({ threshold: null, minimum: null });
  });

  it("take a row's values, keep the default where a column is null, and ignore numbers a rule has none of", () => {
    const s = effectiveSettings([
      { rule: "send_spike", enabled: true, threshold: null, minimum: 20, autoHold: true },
      { rule: "new_ip", enabled: false, threshold: 7, minimum: 24, autoHold: true },
      { rule: "old_password_version", enabled: true, threshold: 7, minimum: 7, autoHold: false },
      { rule: "no_such_rule", enabled: false, threshold: 1, minimum: 1, autoHold: true },
    ]);
    expect(s.send_spike).toMatchObject({ threshold: 3, minimum: 20, autoHold: true });
    expect(s.new_ip).toEqual({ rule: "new_ip", enabled: false, threshold: null, minimum: 24, autoHold: true });
    expect(s.old_password_version).toEqual({ rule: "old_password_version", enabled: true, threshold: null, minimum: null, autoHold: false });
  });

  it("group an alert by its UTC hour", () => {
    expect(hourStart(new Date("2026-03-04T05:59:59.999Z")).toISOString()).toBe("2026-03-04T05:00:00.000Z");
  });
});
