/**
 * CSV records from text chunks, with the line each starts on. Hand-rolled (RFC 4180 with Excel's habits)
 * because an import must report a malformed record and go on with the next: csv-parse's
 * skip_records_with_error loses the good records after an unclosed quote or an oversized record. Here a bad
 * record is reported and reading resumes on the line after it. Pure: push chunks, take records.
 */

export type CsvRecord = { line: number; cells: string[] } | { line: number; error: string };

/** A record spanning more lines than this is an unclosed quote, not a long description. */
const MAX_RECORD_LINES = 500;

type Scan = string[] | 'incomplete' | { error: string };

/**
 * One record's cells. A cell that starts with " is quoted ("" inside is one "); a quote inside an unquoted
 * cell is kept as text (Excel writes such files); text after a closing quote is an error.
 */
export function scanRecord(text: string): Scan {
  const cells: string[] = [];
  const n = text.length;
  let i = 0;
  for (;;) {
    if (text.charCodeAt(i) === 34) {
      let value = '';
      let j = i + 1;
      for (;;) {
        const k = text.indexOf('"', j);
        if (k < 0) return 'incomplete';
        value += text.slice(j, k);
        if (text.charCodeAt(k + 1) === 34) {
          value += '"';
          j = k + 2;
          continue;
        }
        i = k + 1;
        break;
      }
      cells.push(value);
      if (i >= n) return cells;
      if (text.charCodeAt(i) !== 44) return { error: `text follows the closing quote of cell ${cells.length}: put the whole cell in quotes and double the quotes inside it ("")` };
      i++;
    } else {
      const k = text.indexOf(',', i);
      if (k < 0) {
        cells.push(text.slice(i));
        return cells;
      }
      cells.push(text.slice(i, k));
      i = k + 1;
    }
    if (i === n) {
      cells.push('');
      return cells;
    }
  }
}

export class CsvRecordSplitter {
  private carry = '';
  private line = 0;
  private started = false;
  /** Lines of a record whose quoted cell runs on. */
  private open: string[] = [];
  private openAt = 0;
  /** Dropping the rest of an oversized line. */
  private skipping = false;

  constructor(
    private readonly emit: (r: CsvRecord) => void,
    private readonly maxChars = 1_000_000,
  ) {}

  push(chunk: string): void {
    let text = chunk;
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    let from = 0;
    for (;;) {
      const nl = text.indexOf('\n', from);
      if (nl < 0) break;
      const piece = text.slice(from, nl);
      from = nl + 1;
      if (this.skipping) {
        this.skipping = false;
        this.carry = '';
        this.line++;
        continue;
      }
      const whole = this.carry ? this.carry + piece : piece;
      this.carry = '';
      this.physical(whole);
    }
    if (this.skipping) return;
    this.carry += text.slice(from);
    if (this.carry.length > this.maxChars) {
      this.emit({ line: this.line + 1, error: `the line is longer than ${this.maxChars.toLocaleString('en')} characters` });
      this.skipping = true;
      this.carry = '';
    }
  }

  end(): void {
    if (this.skipping) this.line++;
    else if (this.carry) this.physical(this.carry);
    this.carry = '';
    this.skipping = false;
    while (this.open.length) this.giveUp();
  }

  private physical(raw: string): void {
    this.line++;
    const text = raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw;
    if (this.open.length) {
      this.open.push(text);
      const joined = this.open.join('\n');
      const r = scanRecord(joined);
      if (r !== 'incomplete') return this.finish(this.openAt, r, () => (this.open = []));
      if (this.open.length >= MAX_RECORD_LINES || joined.length > this.maxChars) this.giveUp();
      return;
    }
    if (text === '') return;
    if (text.length > this.maxChars) return this.emit({ line: this.line, error: `the line is longer than ${this.maxChars.toLocaleString('en')} characters` });
    if (text.indexOf('"') < 0) return this.emit({ line: this.line, cells: text.split(',') });
    const r = scanRecord(text);
    if (r === 'incomplete') {
      this.open = [text];
      this.openAt = this.line;
      return;
    }
    this.finish(this.line, r, () => {});
  }

  private finish(line: number, r: Exclude<Scan, 'incomplete'>, reset: () => void): void {
    reset();
    this.emit(Array.isArray(r) ? { line, cells: r } : { line, error: r.error });
  }

  /** An unclosed quote: report its record, then read the lines it swallowed afresh. */
  private giveUp(): void {
    const lines = this.open.slice(1);
    const at = this.openAt;
    this.open = [];
    this.emit({ line: at, error: 'a quote (") opened in this record is never closed' });
    this.line = at;
    for (const l of lines) this.physical(l);
  }
}
