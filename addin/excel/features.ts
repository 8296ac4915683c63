/**
 * What this Excel can do beyond the manifest's floor (ExcelApi 1.9), asked once at run time.
 * Notes (1.18) carry explanations where available, else comments (1.10), else only the pane.
 */
export interface ExcelFeatures {
  /** Where explanations go on the sheet. */
  notes: "notes" | "comments" | "none";
  /** WorksheetChangedEventArgs.triggerSource (1.14) tells our own writes apart. */
  triggerSource: boolean;
}

export function detectFeatures(
  supported: (set: string, version: string) => boolean = (s, v) => Office.context.requirements.isSetSupported(s, v),
): ExcelFeatures {
  return {
    notes: supported("ExcelApi", "1.18") ? "notes" : supported("ExcelApi", "1.10") ? "comments" : "none",
    triggerSource: supported("ExcelApi", "1.14"),
  };
}
