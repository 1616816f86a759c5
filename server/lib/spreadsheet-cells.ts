// Spreadsheet cells, for every xlsx the server writes or reads (rosters, exports, bank files):
// text made safe from formula injection, and exceljs's cell values as plain values.

/** A cell's value as the server reads it. */
export type CellValue = string | number | boolean | Date | null;

/**
 * Text that a spreadsheet would run as a formula (= + - @, or a leading tab or carriage return)
 * gets a single quote in front, so it shows as the text it is (CSV/formula injection).
 */
export function neutralise(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** exceljs's value of a cell as a CellValue (rich text joined, formulas by their result). */
export function cellValue(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as { richText?: { text?: string }[]; formula?: unknown; result?: unknown; text?: unknown; error?: unknown };
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text ?? '').join('');
    if ('result' in o || 'formula' in o) return cellValue(o.result);
    if (typeof o.text === 'string') return o.text;
    if (typeof o.error === 'string') return o.error;
  }
  return null;
}
