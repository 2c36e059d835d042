// A spreadsheet runs a cell as a formula when it starts with =, +, - or @, and several also after
// leading whitespace or a line break, or with the full-width forms an IME types (＝, ＋, －, ＠).
// Each such cell gets one leading apostrophe, and an import takes exactly one off.
import { describe, expect, it } from "vitest";
import { csvCell, formulaCellText } from "./csv";

const unquote = (cell: string) => (cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell);

describe("csvCell", () => {
  it("neutralises a formula after leading spaces, line breaks or other whitespace", () => {
    for (const text of [" =1+1", "  +1", "\n=HYPERLINK(\"x\")", "\r\n@SUM(A1)", "\u00a0=1", "\u3000-1", "\n", " \t=1"]) {
      expect(unquote(csvCell(text)), JSON.stringify(text)).toBe(`'${text}`);
    }
  });

  it("neutralises the full-width formula characters", () => {
    for (const text of ["＝1+1", "＋1", "－1", "＠SUM(A1)", " ＝1"]) expect(unquote(csvCell(text)), text).toBe(`'${text}`);
  });

  it("leaves text that only contains a formula character later on alone", () => {
    for (const text of ["a=1", "Re: =1", "x@y.test", "100-200", " plain"]) expect(unquote(csvCell(text))).toBe(text);
  });

  it("gives back exactly the exported text on import", () => {
    for (const text of ["=1", " =1", "'=1", "''+1", "\n=1", "＝1", "plain", "'quoted", " plain"]) expect(formulaCellText(unquote(csvCell(text))), JSON.stringify(text)).toBe(text);
  });
});
