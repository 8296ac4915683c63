import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "out/", "samples/", "coverage/", ".tmp/", "tests/artifacts/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/no-unused-expressions": ["error", { allowShortCircuit: true, allowTernary: true }],
    },
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: {
      sourceType: "commonjs",
      globals: {
        module: "writable",
        require: "readonly",
        process: "readonly",
        __dirname: "readonly",
        console: "readonly",
      },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // The fakes hand out host-shaped objects whose methods close over the model they belong to.
    files: ["tests/helpers/*-fake.ts"],
    rules: { "@typescript-eslint/no-this-alias": "off" },
  },
  {
    files: ["shared/**/*.ts"],
    ignores: ["shared/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: ["node:*", "fs", "path", "os", "exceljs", "react", "react-*", "@fluentui/*", "office-*"] },
      ],
      "no-restricted-globals": [
        "error",
        "process",
        "Buffer",
        "require",
        "Office",
        "Excel",
        "SpreadsheetApp",
        "window",
        "document",
      ],
    },
  },
);
