/** jsdom lacks a few globals every browser has; Node's own stand in for them. */
import { TextDecoder, TextEncoder } from "node:util";

const g = globalThis as Record<string, unknown>;
g.TextDecoder ??= TextDecoder;
g.TextEncoder ??= TextEncoder;
// Fluent's MessageBar watches its own size; jsdom does no layout, so nothing ever resizes.
g.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};
