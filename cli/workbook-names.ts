/**
 * The files a folder stands for in `check` and `merge`: workbooks by their extension (.xls and
 * .ods are converted or refused with a message, never skipped). No other import here: the merge's
 * early worker start (prestart.ts) reads it before the rest of the tool loads.
 */
export const WORKBOOK_NAME = /\.(xlsx|xls|ods)$/i;
