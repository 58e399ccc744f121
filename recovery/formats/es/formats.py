"""Spanish as it is written in the United States (CLDR es-US), where Hearth's houses are: Spanish dates and words,
and dollars with a decimal point ($1,234.50), as a resident reads them on a lease or a receipt.

Everything not set here comes from Django's own Spanish formats.
"""

DATE_FORMAT = r"j \d\e F \d\e Y"
SHORT_DATE_FORMAT = "n/j/Y"
DATETIME_FORMAT = r"j \d\e F \d\e Y, g:i a"
TIME_FORMAT = "g:i a"
MONTH_DAY_FORMAT = r"j \d\e F"
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
