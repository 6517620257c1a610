"""Plans as Arrow tables and Parquet files (the ``tables`` extra); see docs/tables.md."""
