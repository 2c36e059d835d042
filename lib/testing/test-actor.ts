// The signed-in admin a use-case test acts as: fresh IdP authentication, a request's details for
// the audit row, a random id (no User row needed).
import { randomBytes } from "node:crypto";
import type { Actor } from "../smtp-accounts/actor";

export function testActor(overrides: Partial<Actor> = {}): Actor {
  return {
    id: `user_${randomBytes(4).toString("hex")}`,
    email: "admin@acme.test",
    authTime: new Date(),
    meta: { ip: "203.0.113.7", userAgent: "vitest" },
    ...overrides,
  };
}
