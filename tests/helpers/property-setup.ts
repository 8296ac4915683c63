/** Jest setup file: properties that name no count run fast-check's default (100), scaled like the rest. */
import fc from "fast-check";
import { runs } from "./property-runs";

fc.configureGlobal({ numRuns: runs(100) });
