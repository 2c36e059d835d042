import { describe, expect, it } from "vitest";
import { isOldVersionMessage, type VersionedAccount } from "./old-password-version";

const changedAt = new Date("2026-01-01T12:00:00Z");
const account: VersionedAccount = { id: "a", workspaceId: "w", label: "x", passwordVersion: 3, passwordChangedAt: changedAt, previousPasswordVersion: null, graceEndsAt: null };
const at = (ms: number) => new Date(changedAt.getTime() + ms);

describe("a message under an old password version", () => {
  it("is one stored after the change under an older version", () => {
    expect(isOldVersionMessage({ passwordVersion: 2, createdAt: at(1000) }, account)).toBe(true);
  });

  it("is not one stored before the change, or under the current version", () => {
    expect(isOldVersionMessage({ passwordVersion: 2, createdAt: at(-1000) }, account)).toBe(false);
    expect(isOldVersionMessage({ passwordVersion: 3, createdAt: at(1000) }, account)).toBe(false);
  });

  it("is not one sent with a planned rotation's previous password during its grace window", () => {
    const rotating = { ...account, previousPasswordVersion: 2, graceEndsAt: at(3_600_000) };
    expect(isOldVersionMessage({ passwordVersion: 2, createdAt: at(1000) }, rotating)).toBe(false);
    expect(isOldVersionMessage({ passwordVersion: 2, createdAt: at(3_600_001) }, rotating)).toBe(true);
    expect(isOldVersionMessage({ passwordVersion: 1, createdAt: at(1000) }, rotating)).toBe(true);
  });
});
