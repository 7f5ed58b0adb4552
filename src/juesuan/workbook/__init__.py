"""The preparer's workbook's shape, shared by its writer and its reader.

``juesuan init`` writes the workbook (``juesuan.writers.workbook.write_workbook``), ``juesuan build``
reads it (``juesuan.readers.workbook.read_workbook``); the workbook and an example folder are two
forms of the same input (``juesuan.inputs.DepartmentData``). This package holds only what both
sides share: the sheet layout and formulas (``plan``) and what a typed cell means (``cells``).
See docs/workbook.md for the preparer's guide.
"""
