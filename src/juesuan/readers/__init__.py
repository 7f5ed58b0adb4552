"""Readers: turn what the user has (an example folder, a workbook, a published document) into the model."""
