/**
 * What this Excel can do beyond the manifest's floor (ExcelApi 1.9), asked once at run time.
 *
 * Explanations go into notes where the notes API exists (1.18), else only into the pane. Not into
 * comments (1.10): comments are colleagues' threaded conversations (adding one notifies people),
 * and the API has no way to ask "does this cell hold one?" without an error when it does not
 * (CommentCollection.getItemByCell throws), so a check could not tell a user's comment from an
 * empty cell within its one read round trip.
 */
export interface ExcelFeatures {
  /** Where explanations go on the sheet. */
  notes: "notes" | "none";
  /** WorksheetChangedEventArgs.triggerSource (1.14) tells our own writes apart. */
  triggerSource: boolean;
  /**
   * The add-in's writes keep the user's undo history (ExcelApi 1.20, "undo support for Excel
   * JavaScript APIs": https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-undo-capabilities).
   * Below it a write clears Ctrl+Z (office-js issues #2802, #3778, #3788: "most of the set
   * operations of Excel API will disable undo/redo, by design"), so check-while-typing then only
   * updates the pane and marks wait for "Kiểm tra". Absent: taken as keeping it.
   */
  keepsUndo?: boolean;
}

export function detectFeatures(
  supported: (set: string, version: string) => boolean = (s, v) => Office.context.requirements.isSetSupported(s, v),
): ExcelFeatures {
  return {
    notes: supported("ExcelApi", "1.18") ? "notes" : "none",
    triggerSource: supported("ExcelApi", "1.14"),
    keepsUndo: supported("ExcelApi", "1.20"),
  };
}
