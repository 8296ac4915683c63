/**
 * Imported first: zod never builds parsers with `new Function` here. Apps Script has no
 * business evaluating generated code, and the check stays a plain interpretation of our rules.
 */
import { config } from "zod/mini";

config({ jitless: true });
