#!/usr/bin/env python3
"""Writes the small Excel workbooks that XLSXReaderTests read, to Tests/KoersImportTests/Fixtures/xlsx/.

There are no real .xlsx files among the seed documents, and a unit test needs files whose every cell we know, so these
are made with openpyxl (pip install openpyxl) and then touched up so that they look like what Excel itself writes:

  long.xlsx    one sheet "Data", a long table with header indicator,region,period,value: an integer (1200945), decimals
               (75.4, which openpyxl stores as 75.40000000000001, and 1234.5), a name with é, a formula (=D2*2) and
               an error value (#N/A). Strings are moved to xl/sharedStrings.xml and the formula gets its cached result.
  wide.xlsx    two sheets: "Toelichting" (a note, first in workbook order) and "Bevolking" with municipalities in rows
               and the years 2019..2021 as columns, one cell in the middle empty. Strings in xl/sharedStrings.xml.
  sparse.xlsx  one sheet with holes: a filled column D after an empty C, a trailing cell with a style but no value,
               row 3 present in the XML but without values, a row starting in column B, booleans, a date (stored, as
               Excel does, as a serial number with a date format) and rich text. Strings stay inline (openpyxl's way).

Why the touch-ups: openpyxl writes every string inline (<is>), while Excel writes shared strings; and openpyxl has no
calculation engine, so a formula would have no cached value (<v/>) where Excel always writes one. Timestamps are
fixed so that running the script again gives the same bytes. Run from the repository root:
python3 scripts/make-xlsx-fixtures.py
"""
import datetime, pathlib, re, zipfile

import openpyxl
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Font

OUT = pathlib.Path("Tests/KoersImportTests/Fixtures/xlsx")
FIXED = datetime.datetime(2024, 1, 1)
NS_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def save(wb, name):
    wb.properties.creator = "scripts/make-xlsx-fixtures.py"
    wb.properties.created = wb.properties.modified = FIXED
    path = OUT / name
    wb.save(path)
    return path


def rewrite(path, edit):
    """Rewrites the ZIP at `path`, passing {entry name: bytes} through `edit`, with fixed entry timestamps."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts = edit(parts)
    # openpyxl stamps the save time into core.xml whatever the properties say.
    core = parts["docProps/core.xml"].decode()
    core = re.sub(r"(<dcterms:(created|modified)[^>]*>)[^<]*", r"\g<1>2024-01-01T00:00:00Z", core)
    parts["docProps/core.xml"] = core.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def to_shared_strings(parts):
    """Moves inline strings of every worksheet to xl/sharedStrings.xml, as Excel stores them."""
    table, index = [], {}

    def share(match):
        attrs, text = match.group(1) + match.group(2), match.group(3)
        if text not in index:
            index[text] = len(table)
            table.append(text)
        return f'<c {attrs}t="s"><v>{index[text]}</v></c>'

    pattern = re.compile(r'<c ([^>]*?)t="inlineStr"([^>]*)><is><t[^>]*>(.*?)</t></is></c>')
    for name in [n for n in parts if n.startswith("xl/worksheets/")]:
        parts[name] = pattern.sub(share, parts[name].decode()).encode()
    items = "".join(f"<si><t>{t}</t></si>" for t in table)
    parts["xl/sharedStrings.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{len(table)}" uniqueCount="{len(table)}">{items}</sst>').encode()
    # A relative target (openpyxl writes absolute ones for sheets), so the reader resolves both forms.
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    parts["xl/_rels/workbook.xml.rels"] = rels.replace(
        "</Relationships>",
        f'<Relationship Type="{NS_RELS}/sharedStrings" Target="sharedStrings.xml" Id="rIdStrings" /></Relationships>').encode()
    types = parts["[Content_Types].xml"].decode()
    parts["[Content_Types].xml"] = types.replace(
        "</Types>",
        '<Override PartName="/xl/sharedStrings.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml" /></Types>').encode()
    return parts


def make_long():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(["indicator", "region", "period", "value"])
    ws.append(["bevolking", "11002", "2020", 1200945])
    ws.append(["werkloosheidsgraad", "11002", "2020", 75.4])
    ws.append(["werkloosheidsgraad", "Liège", "2021", 1234.5])
    ws.append(["bevolking_dubbel", "11002", "2020", "=D2*2"])
    ws.append(["bevolking", "21004", "2021", "#N/A"])  # openpyxl stores error codes as t="e"
    ws.append(["aandeel", "21004", "2021", 0.1])

    def edit(parts):
        sheet = parts["xl/worksheets/sheet1.xml"].decode()
        # The cached result Excel would have written (1200945 * 2).
        sheet, n = re.subn(r"<f>D2\*2</f><v ?/>", "<f>D2*2</f><v>2401890</v>", sheet)
        assert n == 1, "formula cell not found"
        parts["xl/worksheets/sheet1.xml"] = sheet.encode()
        return to_shared_strings(parts)

    rewrite(save(wb, "long.xlsx"), edit)


def make_wide():
    wb = openpyxl.Workbook()
    note = wb.active
    note.title = "Toelichting"
    note["A1"] = "Bevolking op 1 januari"
    note["A2"] = "Bron: Statbel"
    ws = wb.create_sheet("Bevolking")
    ws.append(["gemeente", 2019, 2020, 2021])
    ws.append(["Antwerpen", 523248, 529247, 530504])
    ws.append(["Gent", 262219, None, 263927])  # the empty cell in the middle
    ws.append(["Kortrijk", 76735, 77109, 77741])
    rewrite(save(wb, "wide.xlsx"), to_shared_strings)


def make_sparse():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Blad1"
    ws["A1"] = "naam"
    ws["B1"] = "actief"
    ws["D1"] = "datum"
    ws["A2"] = "Zwevegem"
    ws["B2"] = True
    ws["D2"] = datetime.date(2020, 1, 1)  # stored as the serial number 43831 with a date format
    ws["E2"].font = Font(bold=True)       # a style but no value: not a cell of the table
    ws["A3"].font = Font(bold=True)       # row 3 is in the XML, but has no value
    ws.row_dimensions[3].height = 30
    ws["B4"] = CellRichText(["Kort", TextBlock(InlineFont(b=True), "rijk")])
    ws["C4"] = False
    rewrite(save(wb, "sparse.xlsx"), lambda parts: parts)


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    make_long()
    make_wide()
    make_sparse()
    print(f"wrote long.xlsx, wide.xlsx, sparse.xlsx to {OUT}")
