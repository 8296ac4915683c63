#!/usr/bin/env bash
# The main job on bundled sample data: generate the units' files, check them, merge them.
set -u
cd "$(dirname "$0")/.."
cli="node dist/cli/phuluc02.cjs"
rm -rf samples/generated out
$cli sample --out-dir samples/generated || exit 1
echo
echo "== phuluc02 check samples/generated --out-dir out/da-kiem-tra"
$cli check samples/generated --out-dir out/da-kiem-tra > out.check.txt; code=$?
head -n 40 out.check.txt; echo "  … (toàn bộ báo cáo: out/bao-cao-kiem-tra.txt)"; tail -n 1 out.check.txt
echo "  Danh sách đại biểu (spec §4b) — lỗi, cảnh báo / the lists of delegates:"
awk '/^Tệp:/ { file = $0; shown = 0 } /DS_[A-Z_]+:/ { if (!shown) print "  " file; shown = 1; print }' out.check.txt
mv out.check.txt out/bao-cao-kiem-tra.txt
echo "  mã thoát / exit status: $code (1 = có lỗi, 2 = có tệp không đọc được)"
echo
echo "== phuluc02 merge samples/generated --roster samples/generated/roster.json --out out/tong-hop-thanh-pho.xlsx"
$cli merge samples/generated --roster samples/generated/roster.json --out out/tong-hop-thanh-pho.xlsx; code=$?
echo "  mã thoát / exit status: $code"
[ -s out/tong-hop-thanh-pho.xlsx ] || { echo "không tạo được bảng tổng hợp" >&2; exit 1; }
echo
echo "Kết quả / outputs: out/tong-hop-thanh-pho.xlsx, out/da-kiem-tra/*.xlsx, out/bao-cao-kiem-tra.txt"
