// CSV for exports: RFC 4180 quoting, and cells a spreadsheet would run as a formula neutralised
// with a leading apostrophe (OWASP CSV injection): =, +, -, @ at the start, also after leading
// whitespace or line breaks (which some spreadsheets trim before they look) and in the full-width
// forms an IME types (＝, ＋, －, ＠); and a cell that starts with a tab, CR or LF.
// A cell that already starts with apostrophes before such a character gets one more, so an
// import takes exactly one off (formulaCellText) and an export imports back as it was.
// Streamed: a ReadableStream pulls one keyset page per read, so memory holds one page at a time.

const FORMULA_START = /^'*(?:[\t\r\n]|\s*[=+\-@\uff1d\uff0b\uff0d\uff20])/u;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A cell of an export read back: the apostrophe csvCell put before a formula character removed. */
export function formulaCellText(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell) ? cell.slice(1) : cell;
}

export function csvRow(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

export type PageFetcher<Row, C> = (cursor: C | undefined) => Promise<{ rows: Row[]; next: C | undefined }>;

/** A byte stream of CSV: the header, then each page's rows, pulled only as the consumer reads. */
export function csvStream<Row, C>(header: readonly string[], fetchPage: PageFetcher<Row, C>, toCells: (row: Row) => unknown[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: C | undefined;
  let started = false;
  let done = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(csvRow(header)));
          return;
        }
        if (done) return;
        const page = await fetchPage(cursor);
        if (page.rows.length > 0) controller.enqueue(encoder.encode(page.rows.map((r) => csvRow(toCells(r))).join("")));
        cursor = page.next;
        if (cursor === undefined) {
          done = true;
          controller.close();
        }
      },
    },
    { highWaterMark: 1 },
  );
}
