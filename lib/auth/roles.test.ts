import { describe, expect, it } from "vitest";
import { can } from "./roles";

describe("role permissions", () => {
  it("viewers see accounts, logs and domains but cannot test or reveal", () => {
    expect(can("viewer", "accounts:view")).toBe(true);
    expect(can("viewer", "logs:view")).toBe(true);
    expect(can("viewer", "domains:view")).toBe(true);
    expect(can("viewer", "accounts:test")).toBe(false);
    expect(can("viewer", "credentials:reveal")).toBe(false);
  });

  it("developers may test connections but not reveal or reset", () => {
    expect(can("developer", "accounts:test")).toBe(true);
    expect(can("developer", "credentials:reveal")).toBe(false);
    expect(can("developer", "credentials:reset")).toBe(false);
  });

  it("admins manage credentials, domains and the audit log but not members", () => {
    for (const p of ["credentials:reveal", "credentials:reset", "accounts:manage", "domains:manage", "audit:view", "incidents:report"] as const)
      expect(can("admin", p)).toBe(true);
    expect(can("admin", "members:manage")).toBe(false);
  });

  it("owners may do everything", () => {
    expect(can("owner", "members:manage")).toBe(true);
    expect(can("owner", "credentials:reveal")).toBe(true);
  });
});
