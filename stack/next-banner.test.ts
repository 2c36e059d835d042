import { describe, expect, it } from "vitest";
import { isListenAddressBanner } from "./next-banner";

describe("Next.js's listen-address banner", () => {
  it.each(["   - Local:        http://127.0.0.1:3000", "- Network:      http://10.0.0.5:3000", "Local: http://localhost:3000", "\u001b[0m   - Local:   http://127.0.0.1:3000".replace(/\u001b\[0m/, "")])(
    "drops %j",
    (line) => expect(isListenAddressBanner(line)).toBe(true),
  );

  it.each(["▲ Next.js 16.4.6", " ✓ Ready in 412ms", "portal ready", 'Local: not a url', '{"msg":"Local: http://x"}'])("keeps %j", (line) => {
    expect(isListenAddressBanner(line)).toBe(false);
  });
});
