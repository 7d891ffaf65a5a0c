import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCatalogue, type Catalogue } from '../../app/case/catalogue';
import { CaseDataError } from '../../app/case/csv-table';
import { mergeCalendars, parseCalendar, type WorkCalendar } from '../../app/case/work-calendar';

const DATA = new URL('./data/', import.meta.url);

/** The files GridWall ships: the catalogue and one working calendar per year (calendar-YYYY.csv). */
export const CASE_DATA_DIR = fileURLToPath(DATA);
export const SHIPPED_CATALOGUE = fileURLToPath(new URL('catalogue.csv', DATA));

export interface CaseData {
  catalogue: Catalogue;
  calendar: WorkCalendar;
}

export interface CaseDataFiles {
  /** Defaults to the shipped catalogue.csv. */
  catalogue?: string;
  /** Defaults to every calendar-YYYY.csv shipped. */
  calendars?: readonly string[];
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CaseDataError(file, undefined, code === 'ENOENT' ? 'no such file.' : `cannot be read (${code ?? (err as Error).message}).`);
  }
}

/** The shipped calendar files, oldest year first. */
export async function shippedCalendars(): Promise<string[]> {
  const names = (await readdir(CASE_DATA_DIR)).filter((n) => /^calendar-\d{4}\.csv$/.test(n)).sort();
  return names.map((n) => path.join(CASE_DATA_DIR, n));
}

/**
 * Reads the catalogue and the working calendar(s). Problems are CaseDataErrors: one sentence naming the
 * file (and the line) and what to fix.
 */
export async function loadCaseData(files: CaseDataFiles = {}): Promise<CaseData> {
  const catalogueFile = files.catalogue ?? SHIPPED_CATALOGUE;
  const calendarFiles = files.calendars ?? (await shippedCalendars());
  if (calendarFiles.length === 0) throw new CaseDataError(CASE_DATA_DIR, undefined, 'holds no calendar-YYYY.csv: the case clock needs a working calendar.');
  const [catalogueText, ...calendarTexts] = await Promise.all([catalogueFile, ...calendarFiles].map(readText));
  const catalogue = parseCatalogue(catalogueText ?? '', catalogueFile);
  const calendar = mergeCalendars(calendarFiles.map((f, i) => parseCalendar(calendarTexts[i] ?? '', f)));
  return { catalogue, calendar };
}
