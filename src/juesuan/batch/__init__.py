"""Batch audit: many documents on a local process pool or a Dask cluster, resumable through a results cache."""
