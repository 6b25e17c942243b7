"""Excel (.xlsx) import and export.

``columns`` describes a column (labels in both languages, parser, formatter), ``engine`` reads an
uploaded workbook into validated rows and writes workbooks, ``pending`` keeps an upload between
its preview and its confirmation. ``members`` is the member roll's use of them; dues and
training imports describe their own columns the same way.
"""
