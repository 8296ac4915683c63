/**
 * The ribbon's "Kiểm tra" button. It runs in the add-in's shared runtime (manifest: <Runtimes>,
 * SharedRuntime 1.1, https://learn.microsoft.com/office/dev/add-ins/develop/configure-your-add-in-to-use-a-shared-runtime),
 * so it uses the same host as the pane: the check's counts, findings and any reason the cells
 * could not be marked appear in the pane, which the button opens (Office.addin.showAsTaskpane,
 * SharedRuntime 1.1), in the language the pane uses. The first wrong cell is selected in the
 * check's own write round trip.
 */
import type { SheetCheck } from "../excel/check";
import { excelHost } from "../excel/host";

async function showPane(): Promise<void> {
  try {
    await Office.addin.showAsTaskpane();
  } catch {
    // The pane cannot be shown (an older client): the marks on the sheet are the feedback.
  }
}

export async function checkActiveSheet(event: Office.AddinCommands.Event): Promise<SheetCheck | undefined> {
  const host = excelHost();
  try {
    return await host.checkActive({ selectFirst: true });
  } catch (e) {
    host.reportError(e);
    return undefined;
  } finally {
    await showPane();
    event.completed();
  }
}

/** The ribbon's "Hợp nhất": the pane, on its merge view (one page serves the whole runtime). */
export async function openMerge(event: Office.AddinCommands.Event): Promise<void> {
  excelHost().showView("merge");
  await showPane();
  event.completed();
}

/**
 * The ribbon's "Xóa dấu kiểm tra": every mark and note of ours removed from the workbook, nothing
 * else (addin/excel/clear-marks.ts); the pane is shown with what was done.
 */
export async function clearCheckMarks(event: Office.AddinCommands.Event): Promise<void> {
  const host = excelHost();
  try {
    await host.clearMarks();
  } catch (e) {
    host.reportError(e);
  } finally {
    await showPane();
    event.completed();
  }
}

/** Called once when the shared runtime starts (addin/taskpane/index.tsx). */
export function registerCommands(): void {
  Office.actions.associate("checkActiveSheet", checkActiveSheet);
  Office.actions.associate("openMerge", openMerge);
  Office.actions.associate("clearCheckMarks", clearCheckMarks);
}
