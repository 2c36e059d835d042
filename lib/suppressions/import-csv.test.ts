import { describe, expect, it } from "vitest";
import { AppError } from "../errors/app-error";
import { MAX_IMPORT_BYTES, MAX_IMPORT_LINES, parseSuppressionCsv } from "./import-csv";

describe("parsing a suppression import", () => {
  it("accepts one address per line, normalised, with an optional note", () => {
    const parsed = parseSuppressionCsv("Alice@Example.com,left the company\nbob@example.net\n");
    expect(parsed.accepted).toEqual([
      { line: 1, address: "alice@example.com", note: "left the company" },
      { line: 2, address: "bob@example.net", note: null },
    ]);
    expect(parsed.rejected).toEqual([]);
  });

  it("skips a header row, so an export imports as it is", () => {
    const parsed = parseSuppressionCsv("address,detail,reason,message_id,created_at\r\nc@example.com,,manual,,2026-01-01T00:00:00.000Z\r\n");
    expect(parsed.accepted).toEqual([{ line: 2, address: "c@example.com", note: null }]);
  });

  it("reports each rejected line with its number, its text and why", () => {
    const parsed = parseSuppressionCsv("ok@example.com\nnot an address\n\n@example.com\n\"multi\nline\",note\nlast@example.com");
    expect(parsed.accepted.map((a) => [a.line, a.address])).toEqual([
      [1, "ok@example.com"],
      [7, "last@example.com"],
    ]);
    expect(parsed.rejected).toEqual([
      { line: 2, text: "not an address", reason: expect.stringContaining("one @") },
      { line: 4, text: "@example.com", reason: expect.stringContaining("one @") },
      { line: 5, text: '"multi\nline",note', reason: expect.stringContaining("one @") },
    ]);
  });

  it("counts an address given twice once, as a duplicate", () => {
    const parsed = parseSuppressionCsv("a@example.com\nA@EXAMPLE.COM\n");
    expect(parsed.accepted).toHaveLength(1);
    expect(parsed.duplicatesInFile).toBe(1);
  });

  it("refuses a file over the size or line bound, or one that is not CSV", () => {
    expect(() => parseSuppressionCsv("x".repeat(MAX_IMPORT_BYTES + 1))).toThrow(AppError);
    expect(() => parseSuppressionCsv("a@example.com\n".repeat(MAX_IMPORT_LINES + 1))).toThrow(/at most 10000/);
    expect(parseSuppressionCsv("a@example.com\n".repeat(MAX_IMPORT_LINES)).duplicatesInFile).toBe(MAX_IMPORT_LINES - 1);
    expect(() => parseSuppressionCsv('a@example.com\n"unclosed\n')).toThrow(/not readable as CSV/);
  });
});
