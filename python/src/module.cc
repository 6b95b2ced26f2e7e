// The _ballista extension: the Python face of ballista::SessionContext and session::DataFrame.
// Every call that plans, runs or collects a query releases the GIL (WithoutGil) so that other
// Python threads run meanwhile; conversion into Python objects happens after it is re-taken.
// Pure-Python additions (to_pandas, the package docstring) live in python/ballista/.

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <string>
#include <vector>

#include "ballista/arrow/pretty_print.h"
#include "ballista/client/session_context.h"
#include "capsules.h"
#include "conversion.h"
#include "errors.h"
#include "gil.h"

namespace ballista::python {
namespace py = pybind11;
using session::DataFrame;

namespace {

// ---- Argument helpers ----

/// A setting value as the text SET takes: booleans as true/false, everything else through str().
std::string SettingText(const py::handle& value) {
  if (py::isinstance<py::bool_>(value)) {
    return value.cast<bool>() ? "true" : "false";
  }
  return py::str(value).cast<std::string>();
}

/// The setting key a keyword argument names: the key with its dots written as underscores
/// (ballista_job_name -> ballista.job.name), and for execution.* keys also without the prefix
/// (target_partitions). Other names are returned unchanged, for SessionConfig::Set to reject.
std::string KeyForKeyword(const std::string& keyword) {
  for (const auto& [key, value] : session::SessionConfig{}.All()) {
    std::string underscored = key;
    for (char& c : underscored) {
      if (c == '.') {
        c = '_';
      }
    }
    if (underscored == keyword || key == "execution." + keyword) {
      return key;
    }
  }
  return keyword;
}

/// A SessionConfig from an optional {key: value} mapping plus keyword settings (see KeyForKeyword).
session::SessionConfig BuildConfig(const py::object& config, const py::kwargs& settings) {
  session::SessionConfig result;
  if (!config.is_none()) {
    if (!py::isinstance<py::dict>(config)) {
      throw py::type_error("config must be a dict of setting keys to values");
    }
    for (const auto& [key, value] : config.cast<py::dict>()) {
      ThrowIfError(result.Set(py::str(key).cast<std::string>(), SettingText(value)));
    }
  }
  for (const auto& [keyword, value] : settings) {
    ThrowIfError(result.Set(KeyForKeyword(keyword.cast<std::string>()), SettingText(value)));
  }
  return result;
}

/// One string or a list/tuple of strings.
std::vector<std::string> StringList(const py::handle& value, const char* what) {
  std::vector<std::string> items;
  if (py::isinstance<py::str>(value)) {
    items.push_back(value.cast<std::string>());
    return items;
  }
  if (!py::isinstance<py::list>(value) && !py::isinstance<py::tuple>(value)) {
    throw py::type_error(std::string(what) + " must be a string or a list of strings");
  }
  for (const auto& item : value) {
    if (!py::isinstance<py::str>(item)) {
      throw py::type_error(std::string(what) + " must be a string or a list of strings");
    }
    items.push_back(item.cast<std::string>());
  }
  return items;
}

/// Positional arguments that are strings or lists of strings, flattened.
std::vector<std::string> StringArgs(const py::args& args, const char* what) {
  std::vector<std::string> items;
  for (const auto& arg : args) {
    auto part = StringList(arg, what);
    items.insert(items.end(), part.begin(), part.end());
  }
  return items;
}

char SingleChar(const py::handle& value, const char* option) {
  auto text = value.cast<std::string>();
  if (text.size() != 1) {
    throw py::value_error(std::string(option) + " must be a single character, not '" + text + "'");
  }
  return text[0];
}

formats::Compression CompressionFromName(const std::string& name) {
  for (auto compression : {formats::Compression::kAuto, formats::Compression::kNone, formats::Compression::kGzip,
                           formats::Compression::kZstd, formats::Compression::kBzip2}) {
    if (formats::CompressionName(compression) == name) {
      return compression;
    }
  }
  throw py::value_error("compression is auto, none, gzip, zstd or bzip2, not '" + name + "'");
}

/// CSV read options from keyword arguments named as the CsvReadOptions members.
formats::csv::CsvReadOptions CsvOptions(const py::kwargs& options) {
  formats::csv::CsvReadOptions result;
  for (const auto& [key_object, value] : options) {
    auto key = key_object.cast<std::string>();
    if (key == "has_header") {
      result.has_header = value.cast<bool>();
    } else if (key == "delimiter") {
      result.delimiter = SingleChar(value, "delimiter");
    } else if (key == "quote") {
      result.quote = SingleChar(value, "quote");
    } else if (key == "escape") {
      if (!value.is_none()) {
        result.escape = SingleChar(value, "escape");
      }
    } else if (key == "comment") {
      if (!value.is_none()) {
        result.comment = SingleChar(value, "comment");
      }
    } else if (key == "null_string") {
      result.null_string = value.cast<std::string>();
    } else if (key == "compression") {
      result.compression = CompressionFromName(value.cast<std::string>());
    } else if (key == "infer_rows") {
      result.infer_rows = value.cast<int64_t>();
    } else if (key == "infer_decimals") {
      result.infer_decimals = value.cast<bool>();
    } else if (key == "include_columns") {
      result.include_columns = StringList(value, "include_columns");
    } else if (key == "skip_bad_rows") {
      result.skip_bad_rows = value.cast<bool>();
    } else if (key == "allow_trailing_delimiter") {
      result.allow_trailing_delimiter = value.cast<bool>();
    } else if (key == "batch_size") {
      result.batch_size = value.cast<int64_t>();
    } else {
      throw py::type_error("unknown CSV option '" + key +
                           "' (options: has_header, delimiter, quote, escape, comment, null_string, compression, "
                           "infer_rows, infer_decimals, include_columns, skip_bad_rows, allow_trailing_delimiter, "
                           "batch_size)");
    }
  }
  return result;
}

session::JoinKind JoinKindFromName(const std::string& how) {
  if (how == "inner") {
    return session::JoinKind::kInner;
  }
  if (how == "left") {
    return session::JoinKind::kLeft;
  }
  if (how == "right") {
    return session::JoinKind::kRight;
  }
  if (how == "full" || how == "outer") {
    return session::JoinKind::kFull;
  }
  if (how == "semi") {
    return session::JoinKind::kSemi;
  }
  if (how == "anti") {
    return session::JoinKind::kAnti;
  }
  throw py::value_error("how is inner, left, right, full (outer), semi or anti, not '" + how + "'");
}

// ---- Wrapped objects ----

/// A stream of batches being produced by a running query; iterating takes the next batch.
class RecordBatchStream {
 public:
  explicit RecordBatchStream(arrow::RecordBatchReaderPtr reader)
      : schema_(reader->schema()), reader_(std::move(reader)) {}

  const arrow::SchemaPtr& schema() const { return schema_; }

  /// The next batch, or null at the end.
  arrow::RecordBatchPtr Next() {
    if (reader_ == nullptr) {
      return nullptr;
    }
    auto batch = ValueOrThrow(WithoutGil([&] { return reader_->Next(); }));
    if (batch == nullptr) {
      reader_.reset();
    }
    return batch;
  }

  /// Hands the rest of the stream to a C stream consumer; this object is exhausted afterwards.
  py::capsule Export() {
    if (reader_ == nullptr) {
      throw py::value_error("the stream was consumed already");
    }
    return ExportStreamCapsule(std::move(reader_));
  }

 private:
  arrow::SchemaPtr schema_;
  arrow::RecordBatchReaderPtr reader_;
};

std::vector<arrow::RecordBatchPtr> Collect(const DataFrame& frame) {
  return ValueOrThrow(WithoutGil([&] { return frame.Collect(); }));
}

std::vector<std::string> FieldNames(const arrow::Schema& schema) {
  std::vector<std::string> names;
  for (const auto& field : schema.fields()) {
    names.push_back(field->name());
  }
  return names;
}

std::vector<std::string> FieldTypes(const arrow::Schema& schema) {
  std::vector<std::string> types;
  for (const auto& field : schema.fields()) {
    types.push_back(field->type()->ToString());
  }
  return types;
}

void BindSchema(py::module_& m) {
  py::class_<arrow::Schema, std::shared_ptr<arrow::Schema>>(
      m, "Schema", "The names, types and nullability of a result's columns. Immutable.")
      .def_property_readonly("names", &FieldNames, "Column names, in order.")
      .def_property_readonly("types", &FieldTypes, "Arrow type names (\"int64\", \"decimal128(15, 2)\"), in order.")
      .def_property_readonly(
          "nullable",
          [](const arrow::Schema& schema) {
            std::vector<bool> nullable;
            for (const auto& field : schema.fields()) {
              nullable.push_back(field->nullable());
            }
            return nullable;
          },
          "Whether each column may hold nulls.")
      .def("__len__", &arrow::Schema::num_fields)
      .def("__eq__", [](const arrow::Schema& a, const arrow::Schema& b) { return a.Equals(b); })
      .def("__str__", &arrow::Schema::ToString)
      .def("__repr__", [](const arrow::Schema& schema) { return "Schema(\n" + schema.ToString() + ")"; })
      .def("__arrow_c_schema__", &ExportSchemaCapsule, "The schema as an \"arrow_schema\" PyCapsule.");
}

void BindRecordBatch(py::module_& m) {
  py::class_<arrow::RecordBatch, std::shared_ptr<arrow::RecordBatch>>(
      m, "RecordBatch", "Columns of equal length with a schema, as the engine produced them. Immutable.")
      .def_property_readonly("num_rows", &arrow::RecordBatch::num_rows)
      .def_property_readonly("num_columns", &arrow::RecordBatch::num_columns)
      .def_property_readonly("schema",
                             [](const arrow::RecordBatch& batch) {
                               return std::const_pointer_cast<arrow::Schema>(batch.schema());
                             })
      .def_property_readonly("column_names",
                             [](const arrow::RecordBatch& batch) { return FieldNames(*batch.schema()); })
      .def("__len__", &arrow::RecordBatch::num_rows)
      .def(
          "to_pylist",
          [](const std::shared_ptr<arrow::RecordBatch>& batch) {
            return BatchesToPylist(*batch->schema(), {batch});
          },
          "The rows as a list of {column: value} dicts.")
      .def("_pandas_columns",
           [](const std::shared_ptr<arrow::RecordBatch>& batch) {
             return BatchesToPandasColumns(*batch->schema(), {batch});
           })
      .def(
          "__arrow_c_array__",
          [](const arrow::RecordBatch& batch, const py::object& /*requested_schema*/) {
            return ExportBatchCapsules(batch);
          },
          py::arg("requested_schema") = py::none(),
          "(\"arrow_schema\", \"arrow_array\") PyCapsules of this batch as a struct array, zero-copy. "
          "requested_schema is accepted and ignored (the protocol makes it a best-effort request).")
      .def(
          "__arrow_c_schema__", [](const arrow::RecordBatch& batch) { return ExportSchemaCapsule(*batch.schema()); },
          "The schema as an \"arrow_schema\" PyCapsule.")
      .def("__repr__", [](const arrow::RecordBatch& batch) { return arrow::PrettyFormat(batch); });
}

void BindStream(py::module_& m) {
  py::class_<RecordBatchStream, std::shared_ptr<RecordBatchStream>>(
      m, "RecordBatchStream", "The batches of a running query, produced as they are read. Single use.")
      .def_property_readonly(
          "schema",
          [](const RecordBatchStream& stream) { return std::const_pointer_cast<arrow::Schema>(stream.schema()); })
      .def("__iter__", [](const std::shared_ptr<RecordBatchStream>& stream) { return stream; })
      .def("__next__",
           [](RecordBatchStream& stream) {
             auto batch = stream.Next();
             if (batch == nullptr) {
               throw py::stop_iteration();
             }
             return std::const_pointer_cast<arrow::RecordBatch>(batch);
           })
      .def(
          "__arrow_c_stream__",
          [](RecordBatchStream& stream, const py::object& /*requested_schema*/) { return stream.Export(); },
          py::arg("requested_schema") = py::none(),
          "Hands the remaining batches over as an \"arrow_array_stream\" PyCapsule; requested_schema is ignored.");
}

void BindDataFrame(py::module_& m) {
  py::class_<DataFrame>(m, "DataFrame",
                        "A lazily evaluated query. Transformations return new DataFrames and run nothing; "
                        "collect, count, show, to_pandas, to_pylist, write_* and __arrow_c_stream__ run it. "
                        "Expressions are SQL text bound against the frame's columns (\"a * 2 AS b\", \"sum(x)\").")
      .def("schema", [](const DataFrame& frame) { return std::const_pointer_cast<arrow::Schema>(frame.Schema()); },
           "The output schema (nothing runs).")
      .def(
          "select",
          [](const DataFrame& frame, const py::args& items) {
            return ValueOrThrow(frame.Select(StringArgs(items, "select items")));
          },
          "SELECT items: expressions with optional AS aliases.")
      .def(
          "filter", [](const DataFrame& frame, const std::string& condition) {
            return ValueOrThrow(frame.Filter(condition));
          },
          py::arg("condition"), "WHERE condition.")
      .def(
          "aggregate",
          [](const DataFrame& frame, const py::object& group_by, const py::object& aggregates) {
            return ValueOrThrow(frame.Aggregate(StringList(group_by, "group_by"), StringList(aggregates, "aggregates")));
          },
          py::arg("group_by"), py::arg("aggregates"),
          "GROUP BY group_by computing aggregates (\"sum(x) AS total\"); output is groups then aggregates.")
      .def(
          "join",
          [](const DataFrame& frame, const DataFrame& right, const std::string& on, const std::string& how) {
            return ValueOrThrow(frame.Join(right, JoinKindFromName(how), on));
          },
          py::arg("right"), py::arg("on"), py::arg("how") = "inner",
          "Joins with right on a condition over both frames' column names; how is inner, left, right, full, "
          "semi or anti.")
      .def(
          "sort",
          [](const DataFrame& frame, const py::args& keys) {
            return ValueOrThrow(frame.Sort(StringArgs(keys, "sort keys")));
          },
          "ORDER BY keys (\"x DESC NULLS FIRST\").")
      .def(
          "limit",
          [](const DataFrame& frame, int64_t count, int64_t offset) {
            return ValueOrThrow(frame.Limit(count, offset));
          },
          py::arg("count"), py::arg("offset") = 0, "At most count rows after skipping offset.")
      .def(
          "distinct", [](const DataFrame& frame) { return ValueOrThrow(frame.Distinct()); }, "SELECT DISTINCT.")
      .def(
          "union",
          [](const DataFrame& frame, const DataFrame& other, bool distinct) {
            return ValueOrThrow(frame.Union(other, distinct));
          },
          py::arg("other"), py::arg("distinct") = false, "UNION ALL, or UNION when distinct.")
      .def(
          "with_column",
          [](const DataFrame& frame, const std::string& name, const std::string& expr) {
            return ValueOrThrow(frame.WithColumn(name, expr));
          },
          py::arg("name"), py::arg("expr"), "Adds (or replaces) column name computed by expr.")
      .def(
          "collect",
          [](const DataFrame& frame) {
            std::vector<std::shared_ptr<arrow::RecordBatch>> batches;
            for (auto& batch : Collect(frame)) {
              batches.push_back(std::const_pointer_cast<arrow::RecordBatch>(batch));
            }
            return batches;
          },
          "Runs the query; returns its RecordBatches in order.")
      .def(
          "execute_stream",
          [](const DataFrame& frame) {
            auto reader = ValueOrThrow(WithoutGil([&] { return frame.ExecuteStream(); }));
            return std::make_shared<RecordBatchStream>(std::move(reader));
          },
          "Runs the query; returns a RecordBatchStream that yields batches as they are produced.")
      .def(
          "count", [](const DataFrame& frame) { return ValueOrThrow(WithoutGil([&] { return frame.Count(); })); },
          "Runs the query; returns its number of rows.")
      .def(
          "to_string",
          [](const DataFrame& frame) { return ValueOrThrow(WithoutGil([&] { return frame.ToTableString(); })); },
          "Runs the query; returns the result as a text table.")
      .def(
          "show",
          [](const DataFrame& frame) {
            py::print(ValueOrThrow(WithoutGil([&] { return frame.ToTableString(); })));
          },
          "Runs the query and prints the result as a text table to sys.stdout.")
      .def(
          "explain",
          [](const DataFrame& frame, bool verbose) {
            return ValueOrThrow(WithoutGil([&] { return frame.Explain(verbose); }));
          },
          py::arg("verbose") = false,
          "The optimized plan as text (EXPLAIN); verbose adds the plan after each optimizer pass.")
      .def(
          "write_csv",
          [](const DataFrame& frame, const std::string& path) {
            ThrowIfError(WithoutGil([&] { return frame.WriteCsv(path); }));
          },
          py::arg("path"), "Runs the query and writes the result as CSV to path.")
      .def(
          "write_parquet",
          [](const DataFrame& frame, const std::string& path) {
            ThrowIfError(WithoutGil([&] { return frame.WriteParquet(path); }));
          },
          py::arg("path"), "Runs the query and writes the result as Parquet to path.")
      .def(
          "write_json",
          [](const DataFrame& frame, const std::string& path) {
            ThrowIfError(WithoutGil([&] { return frame.WriteJson(path); }));
          },
          py::arg("path"), "Runs the query and writes the result as newline-delimited JSON to path.")
      .def(
          "to_pylist",
          [](const DataFrame& frame) {
            auto batches = Collect(frame);
            return BatchesToPylist(*frame.Schema(), batches);
          },
          "Runs the query; returns its rows as a list of {column: value} dicts.")
      .def("_pandas_columns",
           [](const DataFrame& frame) {
             auto batches = Collect(frame);
             return py::make_tuple(FieldNames(*frame.Schema()), BatchesToPandasColumns(*frame.Schema(), batches));
           })
      .def(
          "__arrow_c_stream__",
          [](const DataFrame& frame, const py::object& /*requested_schema*/) {
            auto reader = ValueOrThrow(WithoutGil([&] { return frame.ExecuteStream(); }));
            return ExportStreamCapsule(std::move(reader));
          },
          py::arg("requested_schema") = py::none(),
          "Runs the query; returns its batches as an \"arrow_array_stream\" PyCapsule (zero-copy). "
          "requested_schema is accepted and ignored (the protocol makes it a best-effort request).")
      .def("__repr__", [](const DataFrame& frame) { return "DataFrame(\n" + frame.Schema()->ToString() + ")"; });
}

void BindSessionContext(py::module_& m) {
  py::class_<SessionContext>(
      m, "SessionContext",
      "Registers tables, runs SQL and builds DataFrames. SessionContext(config=None, **settings) runs queries "
      "in-process; SessionContext.remote(url) on a cluster; SessionContext.standalone() on a cluster started "
      "inside this process. Settings are a {key: value} dict and/or keywords naming a key with its dots "
      "written as underscores (ballista_job_name=...), execution.* keys also without the prefix "
      "(target_partitions=4). Thread-safe.")
      .def(py::init([](const py::object& config, const py::kwargs& settings) {
             return SessionContext(BuildConfig(config, settings));
           }),
           py::arg("config") = py::none())
      .def_static(
          "remote",
          [](const std::string& url, const py::object& config, const py::kwargs& settings) {
            auto session_config = BuildConfig(config, settings);
            return ValueOrThrow(WithoutGil([&] { return SessionContext::Remote(url, session_config); }));
          },
          py::arg("url"), py::arg("config") = py::none(),
          "A context whose queries run on the cluster whose scheduler is at url (\"df://host:port\").")
      .def_static(
          "standalone",
          [](const py::object& config, int executors, int vcores_per_executor, const std::string& scheduler_policy,
             const py::kwargs& settings) {
            auto session_config = BuildConfig(config, settings);
            StandaloneOptions options;
            options.executors = executors;
            options.vcores_per_executor = vcores_per_executor;
            options.scheduler_policy = scheduler_policy;
            return ValueOrThrow(WithoutGil([&] { return SessionContext::Standalone(session_config, options); }));
          },
          py::arg("config") = py::none(), py::kw_only(), py::arg("executors") = 1,
          py::arg("vcores_per_executor") = 0, py::arg("scheduler_policy") = "push-staged",
          "A context with its own scheduler and executor(s) in this process, on loopback ports with real gRPC "
          "and Flight; they stop when the context and its DataFrames are gone.")
      .def(
          "sql",
          [](SessionContext& context, const std::string& query) {
            return ValueOrThrow(WithoutGil([&] { return context.Sql(query); }));
          },
          py::arg("query"),
          "Runs one or more ';'-separated statements; returns the last one's DataFrame. Queries run when the "
          "DataFrame is collected; other statements (CREATE, INSERT, SET, ...) run now.")
      .def(
          "table", [](SessionContext& context, const std::string& name) { return ValueOrThrow(context.Table(name)); },
          py::arg("name"), "A DataFrame over a registered table.")
      .def(
          "deregister_table",
          [](SessionContext& context, const std::string& name) { ThrowIfError(context.DeregisterTable(name)); },
          py::arg("name"))
      .def(
          "register_csv",
          [](SessionContext& context, const std::string& name, const std::string& path, const py::kwargs& options) {
            auto csv_options = CsvOptions(options);
            ThrowIfError(WithoutGil([&] { return context.RegisterCsv(name, path, csv_options); }));
          },
          py::arg("name"), py::arg("path"),
          "Registers a CSV file, directory or glob as table name. Keyword options: has_header, delimiter, quote, "
          "escape, comment, null_string, compression, infer_rows, infer_decimals, include_columns, "
          "skip_bad_rows, allow_trailing_delimiter, batch_size.")
      .def(
          "register_parquet",
          [](SessionContext& context, const std::string& name, const std::string& path) {
            ThrowIfError(WithoutGil([&] { return context.RegisterParquet(name, path); }));
          },
          py::arg("name"), py::arg("path"))
      .def(
          "register_json",
          [](SessionContext& context, const std::string& name, const std::string& path) {
            ThrowIfError(WithoutGil([&] { return context.RegisterJson(name, path); }));
          },
          py::arg("name"), py::arg("path"), "Registers newline-delimited JSON files as table name.")
      .def(
          "read_csv",
          [](SessionContext& context, const std::string& path, const py::kwargs& options) {
            auto csv_options = CsvOptions(options);
            return ValueOrThrow(WithoutGil([&] { return context.ReadCsv(path, csv_options); }));
          },
          py::arg("path"), "A DataFrame over CSV files (options as for register_csv).")
      .def(
          "read_parquet",
          [](SessionContext& context, const std::string& path) {
            return ValueOrThrow(WithoutGil([&] { return context.ReadParquet(path); }));
          },
          py::arg("path"))
      .def(
          "read_json",
          [](SessionContext& context, const std::string& path) {
            return ValueOrThrow(WithoutGil([&] { return context.ReadJson(path); }));
          },
          py::arg("path"))
      .def(
          "register_arrow",
          [](SessionContext& context, const std::string& name, const py::object& data) {
            auto [schema, batches] = ImportTabular(data);
            ThrowIfError(context.RegisterBatches(name, schema, std::move(batches)));
          },
          py::arg("name"), py::arg("data"),
          "Registers Arrow data from any library as an in-memory table: an object with __arrow_c_stream__ "
          "(read to the end now), one with __arrow_c_array__, or a list of those.")
      .def(
          "set_config",
          [](SessionContext& context, const std::string& key, const py::object& value) {
            ThrowIfError(context.SetConfig(key, SettingText(value)));
          },
          py::arg("key"), py::arg("value"), "Sets one setting, as SET key = value does.")
      .def(
          "config",
          [](const SessionContext& context) {
            py::dict settings;
            for (const auto& [key, value] : context.config().All()) {
              settings[py::str(key)] = value;
            }
            return settings;
          },
          "Every setting and its value as text.");
}

}  // namespace

}  // namespace ballista::python

PYBIND11_MODULE(_ballista, m) {
  using namespace ballista::python;
  namespace py = pybind11;
  using ballista::arrow::RecordBatch;
  using ballista::arrow::Schema;
  m.doc() = "The compiled core of the ballista package; use `import ballista`.";
  RegisterErrors(m);
  BindSchema(m);
  BindRecordBatch(m);
  BindStream(m);
  BindDataFrame(m);
  BindSessionContext(m);
  m.def(
      "_import_schema", [](const py::object& source) { return std::const_pointer_cast<Schema>(ImportSchema(source)); },
      py::arg("source"), "The Schema behind an object with __arrow_c_schema__ (a round-trip check for tests).");
  m.def(
      "_read_arrow",
      [](const py::object& source) {
        auto [schema, batches] = ImportTabular(source);
        std::vector<std::shared_ptr<RecordBatch>> result;
        for (auto& batch : batches) {
          result.push_back(std::const_pointer_cast<RecordBatch>(batch));
        }
        return py::make_tuple(std::const_pointer_cast<Schema>(schema), result);
      },
      py::arg("source"), "(Schema, [RecordBatch]) read from an Arrow PyCapsule producer.");
}

