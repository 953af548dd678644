"""The index and the stories of archives past one machine, as a Spark job.

The only part of the reader that imports pyspark (``pip install
'wire-reader[spark]'``; Java from the system). Its tables are read back by
reader.library.tables, which does not need pyspark. See reader.spark.job.
"""
