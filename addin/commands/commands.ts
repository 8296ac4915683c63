/**
 * The ribbon's "Kiểm tra" button (a FunctionFile command): checks the active sheet without
 * opening the pane. Wrong cells are painted and noted, and the first one is selected, in the
 * check's own write round trip.
 */
import { checkSheet, type SheetCheck } from "../excel/check";
import { detectFeatures } from "../excel/features";

export async function checkActiveSheet(event: Office.AddinCommands.Event): Promise<SheetCheck | undefined> {
  try {
    return await Excel.run((ctx) => checkSheet(ctx, { lang: "vi", features: detectFeatures(), selectFirst: true }));
  } catch (e) {
    console.error("Phụ lục 02: không kiểm tra được", e);
    return undefined;
  } finally {
    event.completed();
  }
}

Office.onReady(() => Office.actions.associate("checkActiveSheet", checkActiveSheet));
