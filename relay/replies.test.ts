import { describe, expect, it } from "vitest";
import { hasEnhancedCode } from "./replies";

// The wording of the replies is asserted on the wire (relay/replies.integration.test.ts); this
// is the one pure rule here: which text the socket layer may send as is.
describe("hasEnhancedCode", () => {
  it("recognises text that starts with its own enhanced status code", () => {
    expect(hasEnhancedCode("5.7.1 no")).toBe(true);
    expect(hasEnhancedCode("2.0.0")).toBe(true);
  });
  it("refuses text without one", () => {
    expect(hasEnhancedCode("Error: no")).toBe(false);
    expect(hasEnhancedCode("5.7 no")).toBe(false);
    expect(hasEnhancedCode("6.0.0 no")).toBe(false);
  });
});
