/** What the reader takes and gives: its limits, and the sheets and workbook it reads. */
import type { Grid } from "../../cell";

export interface ReadLimits {
  /** The .xlsx file itself. */
  maxFileBytes: number;
  /** Declared uncompressed size of one zip entry we need. */
  maxEntryBytes: number;
  /** Sum of the declared uncompressed sizes of the entries we inflate. */
  maxTotalBytes: number;
  /** Rows kept per sheet; the parse of a sheet stops at the first value beyond them. */
  maxRows: number;
  /** Columns kept per row. */
  maxCols: number;
  /** Cells (values and formulas) parsed per sheet, kept or not; beyond it the sheet is cut. */
  maxCells: number;
  /** Element nesting in any part (a real sheet nests about 6 deep). */
  maxDepth: number;
}

export const DEFAULT_LIMITS: Readonly<ReadLimits> = Object.freeze({
  maxFileBytes: 50 * 1024 * 1024,
  maxEntryBytes: 64 * 1024 * 1024,
  maxTotalBytes: 200 * 1024 * 1024,
  maxRows: 5000,
  maxCols: 200,
  maxCells: 2_000_000,
  maxDepth: 100,
});

export interface ReadSheet extends Grid {
  /** Rows holding values existed beyond maxRows and were not read. */
  truncated: boolean;
  /** state="hidden" or "veryHidden". */
  hidden: boolean;
}

export interface ReadWorkbook {
  sheets: ReadSheet[];
  /**
   * When the file says it was last saved (docProps/core.xml dcterms:modified), as an ISO 8601
   * UTC string; null when absent or unreadable (it only ever breaks a tie between resubmissions).
   */
  modified: string | null;
}
