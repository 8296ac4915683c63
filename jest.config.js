/** @type {import('jest').Config} */
const swc = ["@swc/jest", { jsc: { target: "es2022", transform: { react: { runtime: "automatic" } } } }];
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: { "^.+\\.tsx?$": swc },
  // office-addin-mock needs only the OfficeApp enum of office-addin-manifest, whose main module
  // pulls in ES-module-only packages; point it at the enum's own (CommonJS) file.
  moduleNameMapper: { "^office-addin-manifest$": "<rootDir>/node_modules/office-addin-manifest/lib/officeApp.js" },
  setupFiles: ["<rootDir>/tests/helpers/jsdom-globals.ts"],
  moduleFileExtensions: ["ts", "tsx", "js", "json"],
  testTimeout: 60000,
};
