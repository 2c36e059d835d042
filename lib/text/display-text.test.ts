import { describe, expect, it } from "vitest";
import { displayTextIssue, zDisplayText } from "./display-text";

describe("names and notes", () => {
  it("take ordinary text in any script, emoji and joiners included", () => {
    for (const text of ["Order confirmations", "Bestätigungen (EU)", "通知", "مرحبا", "👩‍💻 deploys", "a\u00a0b"]) expect(displayTextIssue(text), text).toBeNull();
  });

  it("refuse control characters and direction overrides", () => {
    for (const text of ["line1\nline2", "tab\there", "\u0007\u001b[31mred", "a\u0000b", "\u202eexe.live", "x\u2066y\u2069"]) expect(displayTextIssue(text), JSON.stringify(text)).toMatch(/one line of plain text/);
  });

  it("refuse half of a UTF-16 pair, and take a whole pair", () => {
    expect(displayTextIssue("\ud800")).toMatch(/broken character/);
    expect(displayTextIssue("label \udc00 here")).toMatch(/broken character/);
    expect(displayTextIssue("rocket \ud83d\ude80")).toBeNull();
  });

  it("refuse text with nothing visible", () => {
    expect(displayTextIssue("\u200b\u200b")).toBe("needs at least one visible character");
    expect(displayTextIssue("\u2060\ufeff")).toBe("needs at least one visible character");
  });

  it("say which field and what to do", () => {
    const label = zDisplayText("label", 100);
    expect(label.safeParse("  Billing  ")).toEqual({ success: true, data: "Billing" });
    expect(label.safeParse("").error?.issues[0]?.message).toBe("Enter a label");
    expect(label.safeParse("x".repeat(101)).error?.issues[0]?.message).toBe("Keep the label under 100 characters");
    expect(label.safeParse("\u202eexe.live").error?.issues[0]?.message).toMatch(/^The label must be one line of plain text/);
    expect(zDisplayText("note", 500, { required: false }).safeParse("").success).toBe(true);
  });
});
