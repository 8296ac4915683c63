/**
 * phuluc02 — check and consolidate Phụ lục 02 workbooks (spec §7). One file per command
 * (cli/commands/); this one only reads the command line and says how a run ended.
 *   phuluc02 check FILE… [--json] [--out-dir DIR] [--force] [--lang en]
 *   phuluc02 merge FILE|DIR… --out CITY.xlsx [--roster ROSTER] [--strict] [--include-hidden] [--include-unknown] [--force] [--json] [--lang en]
 *   phuluc02 diff OLD.xlsx NEW.xlsx [--json] [--lang en]
 *   phuluc02 report CITY.xlsx|FILE|DIR… [--out BAO-CAO.md|.html] [--lang en] [--roster R]
 *   phuluc02 template [--unit NAME] --out FILE.xlsx [--force]
 *   phuluc02 sample --out-dir DIR [--count N] [--force]
 * Exit status: 0 no error finding, 1 some error finding, 2 some input unreadable or output unwritable,
 * 64 usage or a refused output path (an input, a link to one, inside an input folder, or existing without --force).
 */
import { version } from "../package.json";
import { EXIT, type Io, parse, UsageError } from "./command";
import { check } from "./commands/check";
import { diff } from "./commands/diff";
import { merge } from "./commands/merge";
import { report, REPORT_USAGE } from "./commands/report";
import { sample } from "./commands/sample";
import { template } from "./commands/template";
import { OutputRefused } from "./outputs";
import { safeText } from "./terminal";

const USAGE = `Cách dùng / Usage:
  phuluc02 check FILE… [--json] [--out-dir DIR] [--force] [--lang en]
  phuluc02 merge FILE|DIR… --out CITY.xlsx [--roster ROSTER.json|.xlsx] [--strict] [--include-hidden] [--include-unknown] [--force] [--json] [--lang en]
  phuluc02 diff OLD.xlsx NEW.xlsx [--json] [--lang en]   (0 giống nhau, 1 khác nhau)
  ${REPORT_USAGE}
  phuluc02 template [--unit "TÊN ĐƠN VỊ"] --out FILE.xlsx [--force]
  phuluc02 sample --out-dir DIR [--count N] [--force]
  phuluc02 --version
Không bao giờ ghi đè tệp đầu vào; tệp đã có chỉ bị ghi đè khi có --force. · Inputs are never written; an existing file is replaced only with --force.
Mã thoát / exit status: 0 không có lỗi, 1 có lỗi, 2 có tệp không đọc được (hoặc không ghi được), 64 sai cú pháp lệnh hoặc chỗ ghi không hợp lệ`;

export async function main(
  argv: string[],
  io: Io = { out: (s) => process.stdout.write(s + "\n"), err: (s) => process.stderr.write(s + "\n") },
): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (!command || command === "help" || command === "--help" || command === "-h") {
      io.out(USAGE);
      return command ? EXIT.ok : EXIT.usage;
    }
    if (command === "--version" || command === "-v" || command === "version") {
      io.out(`phuluc02 ${version}`);
      return EXIT.ok;
    }
    const { values, positionals } = parse(rest);
    if (values.help) {
      io.out(USAGE);
      return EXIT.ok;
    }
    switch (command) {
      case "check":
        return await check(positionals, values, io);
      case "merge":
        return await merge(positionals, values, io);
      case "diff":
        return diff(positionals, values, io);
      case "template":
        return await template(values, io);
      case "sample":
        return await sample(values, io);
      case "report":
        return await report(positionals, values, io);
      default:
        throw new UsageError(`Lệnh không có: ${command} (unknown command)`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(safeText(`${e.message}\n\n${USAGE}`));
      return EXIT.usage;
    }
    if (e instanceof OutputRefused) {
      io.err(safeText(`Không ghi: ${e.bothLanguages}`));
      return EXIT.usage;
    }
    io.err(safeText(`Lỗi không lường trước / unexpected error: ${(e as Error)?.message ?? e}`));
    return EXIT.unreadable;
  }
}
