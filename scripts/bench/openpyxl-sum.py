"""A plain openpyxl script that only sums the numbers of the same unit files (`npm run bench`
times it against `phuluc02 merge`).  python3 scripts/bench/openpyxl-sum.py FILE…"""
import sys

import openpyxl

total = 0
for path in sys.argv[1:]:
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            for v in row:
                if isinstance(v, (int, float)) and not isinstance(v, bool):
                    total += v
    wb.close()
print(total)
