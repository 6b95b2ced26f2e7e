"""Ballista for C++ from Python: SQL and DataFrames on the in-process engine or a cluster.

    import ballista
    ctx = ballista.SessionContext()                       # in-process
    ctx = ballista.SessionContext.standalone()            # a cluster inside this process
    ctx = ballista.SessionContext.remote("df://localhost:50050")
    ctx.register_csv("t", "data.csv")
    df = ctx.sql("SELECT a, sum(b) AS s FROM t GROUP BY a")
    df.to_pandas(); df.to_pylist(); df.show()

Results leave the engine without a copy through the Arrow PyCapsule protocol
(DataFrame.__arrow_c_stream__, RecordBatch.__arrow_c_array__), so pyarrow, polars and DuckDB can
read them directly. Queries run with the GIL released. Engine errors raise BallistaError
subclasses whose str() is the engine's message.
"""

from ._ballista import (
    AlreadyExistsError,
    BallistaError,
    BallistaIOError,
    CancelledError,
    DataFrame,
    ExecutionError,
    InternalError,
    InvalidArgumentError,
    InvalidDataError,
    NotFoundError,
    PlanError,
    RecordBatch,
    RecordBatchStream,
    ResourcesExhaustedError,
    Schema,
    SessionContext,
    SqlSyntaxError,
    SqlTypeError,
    UnavailableError,
    UnsupportedError,
)
from . import _pandas

__all__ = [
    "AlreadyExistsError",
    "BallistaError",
    "BallistaIOError",
    "CancelledError",
    "DataFrame",
    "ExecutionError",
    "InternalError",
    "InvalidArgumentError",
    "InvalidDataError",
    "NotFoundError",
    "PlanError",
    "RecordBatch",
    "RecordBatchStream",
    "ResourcesExhaustedError",
    "Schema",
    "SessionContext",
    "SqlSyntaxError",
    "SqlTypeError",
    "UnavailableError",
    "UnsupportedError",
]


def _dataframe_to_pandas(self):
    """Runs the query; returns a pandas.DataFrame (see ballista._pandas for the dtypes)."""
    names, columns = self._pandas_columns()
    return _pandas.assemble(names, columns)


def _batch_to_pandas(self):
    """This batch as a pandas.DataFrame (see ballista._pandas for the dtypes)."""
    return _pandas.assemble(self.column_names, self._pandas_columns())


DataFrame.to_pandas = _dataframe_to_pandas
RecordBatch.to_pandas = _batch_to_pandas
