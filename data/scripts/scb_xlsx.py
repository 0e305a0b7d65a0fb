# SPDX-License-Identifier: GPL-3.0-or-later
"""Read SCB Statistikdatabasen XLSX exports with the standard library.

SCB's exports are one worksheet: the table title in A1, one to four header
rows (contents, year, dimension values), data rows keyed by a region code,
then footnotes and a metadata block ("Senaste uppdatering:", "Källa:",
"Sort:", "Referenstid:", "Intern referenskod:" …).  The sheet XML uses an
``x:`` namespace prefix, which ElementTree reads like any other.
"""

import re
import zipfile
import xml.etree.ElementTree as ET

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
# Years look like kommun codes, so a table's code pattern is given.
DESO_CODE = re.compile(r"^\d{4}[ABC]\d{4}$")
VALUE = re.compile(r"^(-?\d+(\.\d+)?([eE]-?\d+)?|\.\.)$")
META_KEYS = ("Senaste uppdatering:", "Källa:", "Kontaktperson:", "Sort:",
             "Datatyp:", "Referenstid:", "Officiell statistik", "Databas:",
             "Intern referenskod:")


class ScbTable:
    """One export: title, columns (header labels and values by code),
    footnotes and metadata, all as SCB wrote them."""

    def __init__(self, path):
        self.path = path
        self.title = None
        self.header_rows = []
        self.lead = []          # cells left of the code in the first data row
        self.rows = {}          # code -> list of cell texts right of the code
        self.order = []
        self.footnotes = []
        self.meta = {}          # key -> list of lines after it
        self.code_column = None

    @property
    def table_id(self):
        return (self.meta.get("Intern referenskod:") or [None])[0]

    def column(self, *labels):
        """Index (right of the code) of the one column whose header labels,
        top to bottom and without empty cells, are exactly labels."""
        found = [i for i, col in enumerate(self.column_labels()) if col == labels]
        if len(found) != 1:
            raise ValueError("%s: %d columns labelled %r; columns are %r"
                             % (self.path, len(found), labels, self.column_labels()))
        return found[0]

    def column_labels(self):
        """Header labels of each value column, top to bottom; a label
        spanning several columns (a year over its contents) is repeated."""
        width = max(len(r) for r in self.rows.values())
        start = self.code_column + 1
        filled = []
        for row in self.header_rows:
            cells, last = [], None
            for j in range(start, start + width):
                cell = row[j] if j < len(row) else None
                last = cell if cell not in (None, "") else last
                cells.append(last)
            filled.append(cells)
        return [tuple(cells[i] for cells in filled if cells[i] is not None)
                for i in range(width)]

    def number(self, code, index):
        text = self.rows[code][index]
        try:
            return float(text)
        except (TypeError, ValueError):
            raise ValueError("%s: %s, column %d: %r is not a number"
                             % (self.path, code, index + 1, text))


def column_index(ref):
    n = 0
    for ch in re.match(r"[A-Z]+", ref).group(0):
        n = n * 26 + ord(ch) - 64
    return n - 1


def shared_strings(z):
    if "xl/sharedStrings.xml" not in z.namelist():
        return []
    root = ET.fromstring(z.read("xl/sharedStrings.xml"))
    return ["".join(t.text or "" for t in si.iter(NS + "t"))
            for si in root.findall(NS + "si")]


def cell_text(c, strings):
    v = c.find(NS + "v")
    if v is None:
        inline = c.find(NS + "is")
        if inline is None:
            return None
        return "".join(t.text or "" for t in inline.iter(NS + "t"))
    if c.get("t") == "s":
        return strings[int(v.text)]
    return v.text


def sheet_rows(path):
    """[[cell text or None, …], …] for every row of the first sheet."""
    with zipfile.ZipFile(path) as z:
        strings = shared_strings(z)
        root = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
    rows = []
    for row in root.iter(NS + "row"):
        cells = {column_index(c.get("r")): cell_text(c, strings)
                 for c in row.findall(NS + "c")}
        width = max(cells) + 1 if cells else 0
        rows.append([cells.get(i) for i in range(width)])
    return rows


def code_position(row, code):
    """Where the region code is: a code followed by a value (the year that
    may stand left of it, as in 000005FC, is followed by the code)."""
    for i, cell in enumerate(row[:-1]):
        if (cell is not None and code.match(cell)
                and row[i + 1] is not None and VALUE.match(row[i + 1])):
            return i
    return None


def read_tail(table, rows):
    """Footnotes, then the metadata block: a key line, then its lines."""
    key = None
    for row in rows:
        line = " | ".join(c for c in row if c not in (None, ""))
        if not line:
            continue
        if line in META_KEYS:
            key = line
            table.meta.setdefault(key, [])
        elif key is None:
            table.footnotes.append(line.strip())
        else:
            table.meta[key].append(line.strip())


def read(path, code=DESO_CODE):
    """The ScbTable of one SCB XLSX export whose rows are keyed by codes
    matching the pattern code."""
    rows = sheet_rows(path)
    table = ScbTable(path)
    table.title = rows[0][0]
    first = next(i for i, r in enumerate(rows) if code_position(r, code) is not None)
    table.code_column = code_position(rows[first], code)
    table.header_rows = rows[1:first]
    table.lead = rows[first][:table.code_column]
    end = first
    while end < len(rows) and code_position(rows[end], code) == table.code_column:
        key = rows[end][table.code_column]
        if key in table.rows:
            raise ValueError("%s: %s twice" % (path, key))
        table.rows[key] = rows[end][table.code_column + 1:]
        table.order.append(key)
        end += 1
    read_tail(table, rows[end:])
    return table
