"""Reading an uploaded spreadsheet (CSV or XLSX) into numbered rows of text, before any rule of the house is asked.

A row is numbered as the operator's spreadsheet program numbers it: the column names are row 1, so the first person
or bed is row 2. Column names are matched loosely ("Move-in", "move in" and "move_in" are one column). A cell that
holds a formula is kept as `FORMULA` so the check names its row and column; Hearth never evaluates one. Everything
else becomes text (an XLSX date becomes `YYYY-MM-DD`); dates and numbers are read by the check, not here.
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from recovery.errors import DomainError

# An operator's whole house list fits easily; a bigger file is a wrong file (or an attack on the server).
MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
MAX_COLUMNS = 40
# An XLSX file is a zip: what it holds once unpacked is bounded too, so a small file cannot unpack to gigabytes.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024

FORMULA = object()  # a cell that holds a formula (XLSX) or text starting with "=" (CSV)


class SpreadsheetProblem(DomainError):
    """The file as a whole cannot be read: its type, its size, its encoding, its first row."""


@dataclass
class Sheet:
    """The rows of one file: `columns` (normalised names, in file order) and `rows` [(row number, {column: text})],
    blank rows left out."""

    name: str
    columns: list[str] = field(default_factory=list)
    rows: list[tuple[int, dict]] = field(default_factory=list)


def column_key(title) -> str:
    """The normalised name of a column title: lower case, words joined by "_" ("Move-in date " -> "move_in_date")."""
    return re.sub(r"[^a-z0-9]+", "_", str(title or "").strip().lower()).strip("_")


def read_spreadsheet(upload) -> Sheet:
    """The rows of an uploaded file (a Django UploadedFile: `.name`, `.size`, `.read()`), by its extension: `.csv`
    (UTF-8, with or without a byte-order mark, or Windows-1252 as older Excel saves it) or `.xlsx` (its first
    sheet). Raises SpreadsheetProblem with a sentence for a file of another type, too large, empty, unreadable, or
    with more than MAX_ROWS rows."""
    name = upload.name or "file"
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ("csv", "xlsx"):
        hint = (
            " Open it in your spreadsheet program and save it as .xlsx or .csv." if extension in ("xls", "ods") else ""
        )
        raise SpreadsheetProblem(f"{name} is not a CSV or XLSX file.{hint}")
    if upload.size is not None and upload.size > MAX_BYTES:
        raise SpreadsheetProblem(
            f"{name} is {upload.size // 1024} KB; Hearth takes files up to {MAX_BYTES // 1024 // 1024} MB "
            f"({MAX_ROWS} rows). Split it into smaller files."
        )
    content = upload.read(MAX_BYTES + 1)
    if len(content) > MAX_BYTES:
        raise SpreadsheetProblem(f"{name} is larger than {MAX_BYTES // 1024 // 1024} MB. Split it into smaller files.")
    if not content.strip():
        raise SpreadsheetProblem(f"{name} is empty.")
    table = _csv_rows(content, name) if extension == "csv" else _xlsx_rows(content, name)
    return _sheet(name, table)


def _csv_rows(content: bytes, name: str) -> list[list]:
    if b"\x00" in content:
        raise SpreadsheetProblem(f"{name} does not look like a CSV file (it holds binary data). Save it as CSV again.")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("cp1252")
        except UnicodeDecodeError as error:
            raise SpreadsheetProblem(f"{name} is not readable text. Save it as CSV (UTF-8) again.") from error
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = []
        for row in csv.reader(io.StringIO(text, newline=""), dialect):
            rows.append([FORMULA if cell.strip().startswith("=") else cell for cell in row])
            if len(rows) > MAX_ROWS + 1:
                break
        return rows
    except csv.Error as error:
        raise SpreadsheetProblem(f"{name} is not a well-formed CSV file ({error}).") from error


def _xlsx_rows(content: bytes, name: str) -> list[list]:
    from openpyxl import load_workbook  # only an XLSX upload pays for loading openpyxl

    unreadable = f"{name} could not be read as an XLSX workbook. Save it again from your spreadsheet program."
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            if sum(entry.file_size for entry in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise SpreadsheetProblem(f"{name} unpacks to more than {MAX_UNPACKED_BYTES // 1024 // 1024} MB.")
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except SpreadsheetProblem:
        raise
    except Exception as error:  # openpyxl raises many kinds (zip, XML, key errors) for a broken file
        raise SpreadsheetProblem(unreadable) from error
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            raise SpreadsheetProblem(f"{name} has no sheet.")
        rows = []
        for row in sheet.iter_rows(max_col=MAX_COLUMNS + 1):
            rows.append([_xlsx_value(cell) for cell in row])
            if len(rows) > MAX_ROWS + 1:
                break
        return rows
    except SpreadsheetProblem:
        raise
    except Exception as error:  # a sheet whose XML breaks half-way
        raise SpreadsheetProblem(unreadable) from error
    finally:
        workbook.close()


def _xlsx_value(cell):
    value = getattr(cell, "value", None)
    if getattr(cell, "data_type", None) == "f" or (isinstance(value, str) and value.startswith("=")):
        return FORMULA
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a room numbered 3 is "3", not "3.0"
    return "" if value is None else str(value)


def _sheet(name: str, table: list[list]) -> Sheet:
    """The Sheet of a table of cells: the first non-blank row names the columns."""
    numbered = [(number, row) for number, row in enumerate(table, start=1) if any(_filled(cell) for cell in row)]
    if not numbered:
        raise SpreadsheetProblem(f"{name} is empty.")
    header_number, header = numbered[0]
    if any(cell is FORMULA for cell in header):
        raise SpreadsheetProblem(f"Row {header_number} of {name} names the columns; it holds a formula.")
    while header and not _filled(header[-1]):
        header = header[:-1]
    if len(header) > MAX_COLUMNS:
        raise SpreadsheetProblem(f"{name} has more than {MAX_COLUMNS} columns; is it the right file?")
    columns = [column_key(title) for title in header]
    body = numbered[1:]
    if not body:
        raise SpreadsheetProblem(f"{name} has column names but no rows under them.")
    if len(body) > MAX_ROWS:
        raise SpreadsheetProblem(f"{name} has more than {MAX_ROWS} rows. Split it into smaller files.")
    rows = []
    for number, row in body:
        cells = {}
        for index, column in enumerate(columns):
            value = row[index] if index < len(row) else ""
            if column:
                cells[column] = value if value is FORMULA else str(value).strip()
        rows.append((number, cells))
    return Sheet(name=name, columns=columns, rows=rows)


def _filled(cell) -> bool:
    return cell is FORMULA or (cell is not None and str(cell).strip() != "")
