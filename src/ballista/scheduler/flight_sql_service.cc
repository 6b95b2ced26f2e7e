#include "ballista/scheduler/flight_sql_service.h"

#include <google/protobuf/any.pb.h>
#include <grpcpp/grpcpp.h>

#include <deque>
#include <map>
#include <mutex>
#include <random>
#include <utility>

#include "ballista/compute/cast.h"
#include "ballista/dist/grpc_status.h"
#include "ballista/dist/shuffle_reader.h"
#include "proto/shuffle.pb.h"
#include "ballista/scheduler/flight_sql_auth.h"
#include "ballista/scheduler/flight_sql_ipc.h"
#include "ballista/scheduler/flight_sql_jobs.h"
#include "ballista/scheduler/flight_sql_metadata.h"
#include "ballista/scheduler/flight_sql_parameters.h"
#include "ballista/scheduler/flight_sql_sql_info.h"
#include "ballista/scheduler/scheduler_core.h"
#include "ballista/session/execute.h"
#include "ballista/session/statement_executor.h"
#include "ballista/sql/parser.h"
#include "proto/flight_sql.pb.h"

namespace ballista::scheduler {
namespace {

namespace fp = ::arrow::flight::protocol;
namespace fsql = ::arrow::flight::protocol::sql;
using dist::ToGrpcStatus;
using google::protobuf::Any;

constexpr char kCreatePreparedStatement[] = "CreatePreparedStatement";
constexpr char kClosePreparedStatement[] = "ClosePreparedStatement";
constexpr char kCancelFlightInfo[] = "CancelFlightInfo";
constexpr char kCancelQuery[] = "CancelQuery";
/// Finished queries whose results DoGet can still serve (oldest forgotten first).
constexpr size_t kMaxRememberedResults = 1000;

std::string RandomHandle() {
  static thread_local std::mt19937_64 rng(std::random_device{}());
  static const char* digits = "0123456789abcdef";
  std::string handle;
  for (int i = 0; i < 24; ++i) {
    handle += digits[rng() % 16];
  }
  return handle;
}

/// A prepared statement of a session: its parsed text and the parameters bound by DoPut.
struct PreparedQuery {
  std::shared_ptr<const sql::Statement> statement;
  std::vector<arrow::Scalar> parameters;
};

/// One principal's Flight SQL session: the engine session (catalog, settings) whose plans run
/// as jobs of a scheduler session, and its prepared statements.
struct FlightSqlSession {
  std::string scheduler_session_id;
  std::shared_ptr<session::SessionState> state;
  std::mutex mutex;  ///< guards prepared
  std::map<std::string, PreparedQuery> prepared;
};

/// A finished query's result, served by DoGet of its tickets.
struct QueryResult {
  std::string principal;
  arrow::SchemaPtr schema;          ///< client types, the names the query gave its columns
  fp::FlightDescriptor descriptor;  ///< what the client asked for
  bool finished = false;
  std::vector<protobuf::PartitionLocation> partitions;  ///< once finished
};

grpc::Status Unauthenticated() {
  return grpc::Status(
      grpc::StatusCode::UNAUTHENTICATED,
      "Flight SQL: missing or invalid credentials (Handshake with basic credentials, then send "
      "'authorization: Bearer <token>')");
}

template <typename Message>
std::string PackAny(const Message& message) {
  Any any;
  any.PackFrom(message);
  return any.SerializeAsString();
}

class FlightSqlServiceImpl final : public fp::FlightService::Service {
 public:
  FlightSqlServiceImpl(SchedulerCore* core, FlightSqlOptions options)
      : core_(core), auth_(options.auth_user, options.auth_password) {}

  // ---- Handshake ----

  grpc::Status Handshake(
      grpc::ServerContext* context,
      grpc::ServerReaderWriter<fp::HandshakeResponse, fp::HandshakeRequest>* stream) override {
    if (!auth_.enabled()) {
      fp::HandshakeRequest request;
      while (stream->Read(&request)) {
        fp::HandshakeResponse response;
        response.set_protocol_version(request.protocol_version());
        if (!stream->Write(response)) {
          break;
        }
      }
      return grpc::Status::OK;
    }
    std::optional<std::string> token;
    std::string user;
    uint64_t version = 0;
    if (auth_.CheckBasicHeader(Authorization(*context), &user)) {
      // The header alone authenticates: answer at once (the client may not send a request).
      token = auth_.Login(user, PasswordFromHeader(Authorization(*context)));
    } else {
      fp::HandshakeRequest request;
      if (!stream->Read(&request)) {
        return Unauthenticated();
      }
      version = request.protocol_version();
      fp::BasicAuth basic;
      if (!basic.ParseFromString(request.payload())) {
        return Unauthenticated();
      }
      token = auth_.Login(basic.username(), basic.password());
    }
    if (!token) {
      return Unauthenticated();
    }
    context->AddInitialMetadata("authorization", "Bearer " + *token);
    fp::HandshakeResponse response;
    response.set_protocol_version(version);
    response.set_payload(*token);
    stream->Write(response);
    return grpc::Status::OK;
  }

  // ---- GetFlightInfo / GetSchema ----

  grpc::Status GetFlightInfo(grpc::ServerContext* context, const fp::FlightDescriptor* request,
                             fp::FlightInfo* response) override {
    std::string principal;
    std::shared_ptr<FlightSqlSession> session;
    Any command;
    if (auto st = OpenCommand(*context, *request, "GetFlightInfo", &principal, &session, &command);
        !st.ok()) {
      return st;
    }
    auto abandoned = [context] { return context->IsCancelled(); };
    if (command.Is<fsql::CommandStatementQuery>()) {
      fsql::CommandStatementQuery query;
      command.UnpackTo(&query);
      auto statements = sql::ParseStatements(query.query());
      if (!statements.ok()) {
        return ToGrpcStatus(statements.status());
      }
      if (statements->empty()) {
        return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "no SQL statement given");
      }
      // Every statement but the last runs now; the last one's rows are the result.
      for (size_t i = 0; i + 1 < statements->size(); ++i) {
        auto frame = session::ExecuteStatement(session->state, *(*statements)[i]);
        if (!frame.ok()) {
          return ToGrpcStatus(frame.status());
        }
      }
      return ToGrpcStatus(
          RunQuery(principal, *session, *statements->back(), {}, *request, abandoned, response));
    }
    if (command.Is<fsql::CommandPreparedStatementQuery>()) {
      fsql::CommandPreparedStatementQuery query;
      command.UnpackTo(&query);
      auto prepared = FindPrepared(*session, query.prepared_statement_handle());
      if (!prepared.ok()) {
        return ToGrpcStatus(prepared.status());
      }
      return ToGrpcStatus(RunQuery(principal, *session, *prepared->statement, prepared->parameters,
                                   *request, abandoned, response));
    }
    if (command.Is<fsql::CommandGetSqlInfo>()) {
      fsql::CommandGetSqlInfo info;
      command.UnpackTo(&info);
      return ToGrpcStatus(DescribeImmediate(*request, SqlInfoSchemaBytes(), -1, response));
    }
    auto batch = MetadataBatch(*session, command);
    if (!batch.ok()) {
      return ToGrpcStatus(batch.status());
    }
    return ToGrpcStatus(
        DescribeImmediate(*request, SchemaToIpcBytes(*(*batch)->schema()), (*batch)->num_rows(), response));
  }

  /// The FlightInfo of a command answered at DoGet time from the scheduler's own state: one
  /// endpoint whose ticket is the command itself.
  static Status DescribeImmediate(const fp::FlightDescriptor& request, Result<std::string> schema,
                                  int64_t total_records, fp::FlightInfo* response) {
    RETURN_NOT_OK(schema.status());
    response->set_schema(*schema);
    *response->mutable_flight_descriptor() = request;
    response->add_endpoint()->mutable_ticket()->set_ticket(request.cmd());
    response->set_total_records(total_records);
    response->set_total_bytes(-1);
    return Status::OK();
  }

  grpc::Status PollFlightInfo(grpc::ServerContext* context, const fp::FlightDescriptor* request,
                              fp::PollInfo* response) override {
    std::string principal;
    std::shared_ptr<FlightSqlSession> session;
    Any command;
    if (auto st = OpenCommand(*context, *request, "PollFlightInfo", &principal, &session, &command);
        !st.ok()) {
      return st;
    }
    std::string job_id;
    if (command.Is<fsql::TicketStatementQuery>()) {
      // A later poll of a running query (the descriptor a PollInfo named).
      fsql::TicketStatementQuery ticket;
      command.UnpackTo(&ticket);
      const std::string& handle = ticket.statement_handle();
      job_id = handle.substr(0, handle.rfind('/'));
      std::lock_guard<std::mutex> lock(mutex_);
      auto it = results_.find(job_id);
      if (it == results_.end() || it->second.principal != principal) {
        return grpc::Status(grpc::StatusCode::NOT_FOUND,
                            "PollFlightInfo: unknown or expired query");
      }
    } else if (command.Is<fsql::CommandStatementQuery>()) {
      fsql::CommandStatementQuery query;
      command.UnpackTo(&query);
      auto statement = sql::ParseStatement(query.query());
      if (!statement.ok()) {
        return ToGrpcStatus(statement.status());
      }
      auto started = StartQuery(principal, *session, **statement, {}, *request);
      if (!started.ok()) {
        return ToGrpcStatus(started.status());
      }
      job_id = *started;
    } else if (command.Is<fsql::CommandPreparedStatementQuery>()) {
      fsql::CommandPreparedStatementQuery query;
      command.UnpackTo(&query);
      auto prepared = FindPrepared(*session, query.prepared_statement_handle());
      if (!prepared.ok()) {
        return ToGrpcStatus(prepared.status());
      }
      auto started =
          StartQuery(principal, *session, *prepared->statement, prepared->parameters, *request);
      if (!started.ok()) {
        return ToGrpcStatus(started.status());
      }
      job_id = *started;
    } else {
      // Metadata commands answer at once.
      fp::FlightInfo info;
      grpc::Status status = GetFlightInfo(context, request, &info);
      if (status.ok()) {
        *response->mutable_info() = std::move(info);
        response->set_progress(1.0);
      }
      return status;
    }
    return ToGrpcStatus(PollQuery(job_id, response));
  }

  grpc::Status GetSchema(grpc::ServerContext* context, const fp::FlightDescriptor* request,
                         fp::SchemaResult* response) override {
    std::string principal;
    std::shared_ptr<FlightSqlSession> session;
    Any command;
    if (auto st = OpenCommand(*context, *request, "GetSchema", &principal, &session, &command);
        !st.ok()) {
      return st;
    }
    Result<std::string> schema = Status::OK();
    if (command.Is<fsql::CommandStatementQuery>()) {
      fsql::CommandStatementQuery query;
      command.UnpackTo(&query);
      schema = QuerySchemaBytes(*session, query.query(), {});
    } else if (command.Is<fsql::CommandPreparedStatementQuery>()) {
      fsql::CommandPreparedStatementQuery query;
      command.UnpackTo(&query);
      auto prepared = FindPrepared(*session, query.prepared_statement_handle());
      if (!prepared.ok()) {
        return ToGrpcStatus(prepared.status());
      }
      schema = StatementSchemaBytes(*session, *prepared->statement, prepared->parameters);
    } else if (command.Is<fsql::CommandGetSqlInfo>()) {
      schema = SqlInfoSchemaBytes();
    } else {
      auto batch = MetadataBatch(*session, command);
      if (!batch.ok()) {
        return ToGrpcStatus(batch.status());
      }
      schema = SchemaToIpcBytes(*(*batch)->schema());
    }
    if (!schema.ok()) {
      return ToGrpcStatus(schema.status());
    }
    response->set_schema(*schema);
    return grpc::Status::OK;
  }

  // ---- DoGet ----

  grpc::Status DoGet(grpc::ServerContext* context, const fp::Ticket* request,
                     grpc::ServerWriter<fp::FlightData>* writer) override {
    std::string principal;
    std::shared_ptr<FlightSqlSession> session;
    if (auto st = Authorize(*context, &principal, &session); !st.ok()) {
      return st;
    }
    Any command;
    if (!command.ParseFromString(request->ticket())) {
      return grpc::Status(
          grpc::StatusCode::INVALID_ARGUMENT,
          "DoGet: the ticket is not a Flight SQL ticket packed in google.protobuf.Any");
    }
    if (command.Is<protobuf::PartitionLocation>()) {
      // A result partition of a job, fetched for a client with ballista.client.proxy_results.
      protobuf::PartitionLocation location;
      command.UnpackTo(&location);
      auto reader = dist::OpenShuffleReader({location}, "", nullptr);
      if (!reader.ok()) {
        return ToGrpcStatus(reader.status());
      }
      core_->CountProxiedPartition();
      return ToGrpcStatus(StreamBatchesAsIs(reader->get(), writer));
    }
    if (command.Is<fsql::TicketStatementQuery>()) {
      fsql::TicketStatementQuery ticket;
      command.UnpackTo(&ticket);
      return ToGrpcStatus(StreamResult(principal, ticket.statement_handle(), writer));
    }
    if (command.Is<fsql::CommandGetSqlInfo>()) {
      fsql::CommandGetSqlInfo info;
      command.UnpackTo(&info);
      std::vector<uint32_t> ids(info.info().begin(), info.info().end());
      auto messages = SqlInfoMessages(ids);
      if (!messages.ok()) {
        return ToGrpcStatus(messages.status());
      }
      for (const auto& [header, body] : *messages) {
        fp::FlightData data;
        data.set_data_header(header);
        data.set_data_body(body);
        if (!writer->Write(data)) {
          return grpc::Status(grpc::StatusCode::CANCELLED, "DoGet: the client went away");
        }
      }
      return grpc::Status::OK;
    }
    auto batch = MetadataBatch(*session, command);
    if (!batch.ok()) {
      return ToGrpcStatus(batch.status());
    }
    auto reader = OneBatchReader(*batch);
    return ToGrpcStatus(StreamBatches((*batch)->schema(), reader.get(), writer));
  }

  // ---- DoPut ----

  grpc::Status DoPut(grpc::ServerContext* context,
                     grpc::ServerReaderWriter<fp::PutResult, fp::FlightData>* stream) override {
    std::string principal;
    std::shared_ptr<FlightSqlSession> session;
    if (auto st = Authorize(*context, &principal, &session); !st.ok()) {
      return st;
    }
    fp::FlightData first;
    if (!stream->Read(&first)) {
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "DoPut: no message");
    }
    Any command;
    if (!command.ParseFromString(first.flight_descriptor().cmd())) {
      return grpc::Status(
          grpc::StatusCode::INVALID_ARGUMENT,
          "DoPut: the first message's descriptor must hold a Flight SQL command packed in "
          "google.protobuf.Any");
    }
    arrow::SchemaPtr schema;
    auto batches = ReadUploadedBatches(first, stream, &schema);
    if (!batches.ok()) {
      return ToGrpcStatus(batches.status());
    }
    if (command.Is<fsql::CommandStatementUpdate>()) {
      fsql::CommandStatementUpdate update;
      command.UnpackTo(&update);
      auto count = RunUpdate(*session, update.query());
      if (!count.ok()) {
        return ToGrpcStatus(count.status());
      }
      return WriteUpdateResult(*count, stream);
    }
    if (command.Is<fsql::CommandPreparedStatementQuery>()) {
      fsql::CommandPreparedStatementQuery query;
      command.UnpackTo(&query);
      auto st = BindParameters(*session, query.prepared_statement_handle(), *batches);
      if (!st.ok()) {
        return ToGrpcStatus(st);
      }
      fp::PutResult result;
      result.set_app_metadata(fsql::DoPutPreparedStatementResult().SerializeAsString());
      stream->Write(result);
      return grpc::Status::OK;
    }
    if (command.Is<fsql::CommandPreparedStatementUpdate>()) {
      fsql::CommandPreparedStatementUpdate update;
      command.UnpackTo(&update);
      auto count = RunPreparedUpdate(*session, update.prepared_statement_handle(), *batches);
      if (!count.ok()) {
        return ToGrpcStatus(count.status());
      }
      return WriteUpdateResult(*count, stream);
    }
    return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "DoPut: unsupported Flight SQL command " +
                                                             command.type_url().substr(0, 200));
  }

  // ---- actions ----

  grpc::Status ListActions(grpc::ServerContext* context, const fp::Empty*,
                           grpc::ServerWriter<fp::ActionType>* writer) override {
    std::string principal;
    std::shared_ptr<FlightSqlSession> session;
    if (auto st = Authorize(*context, &principal, &session); !st.ok()) {
      return st;
    }
    const std::pair<const char*, const char*> actions[] = {
        {kCreatePreparedStatement,
         "prepares a SQL statement (ActionCreatePreparedStatementRequest)"},
        {kClosePreparedStatement,
         "closes a prepared statement (ActionClosePreparedStatementRequest)"},
        {kCancelFlightInfo, "cancels the query of a FlightInfo (CancelFlightInfoRequest)"},
        {kCancelQuery, "cancels the query of a FlightInfo (ActionCancelQueryRequest)"},
    };
    for (const auto& [type, description] : actions) {
      fp::ActionType action;
      action.set_type(type);
      action.set_description(description);
      writer->Write(action);
    }
    return grpc::Status::OK;
  }

  grpc::Status DoAction(grpc::ServerContext* context, const fp::Action* request,
                        grpc::ServerWriter<fp::Result>* writer) override {
    std::string principal;
    std::shared_ptr<FlightSqlSession> session;
    if (auto st = Authorize(*context, &principal, &session); !st.ok()) {
      return st;
    }
    const std::string& type = request->type();
    if (type == kCreatePreparedStatement) {
      Any any;
      fsql::ActionCreatePreparedStatementRequest prepare;
      if (!any.ParseFromString(request->body()) || !any.UnpackTo(&prepare)) {
        return grpc::Status(
            grpc::StatusCode::INVALID_ARGUMENT,
            "CreatePreparedStatement: the body is not an ActionCreatePreparedStatementRequest");
      }
      auto result = Prepare(*session, prepare.query());
      if (!result.ok()) {
        return ToGrpcStatus(result.status());
      }
      fp::Result out;
      out.set_body(PackAny(*result));
      writer->Write(out);
      return grpc::Status::OK;
    }
    if (type == kClosePreparedStatement) {
      Any any;
      fsql::ActionClosePreparedStatementRequest close;
      if (!any.ParseFromString(request->body()) || !any.UnpackTo(&close)) {
        return grpc::Status(
            grpc::StatusCode::INVALID_ARGUMENT,
            "ClosePreparedStatement: the body is not an ActionClosePreparedStatementRequest");
      }
      std::lock_guard<std::mutex> lock(session->mutex);
      if (session->prepared.erase(close.prepared_statement_handle()) == 0) {
        return grpc::Status(grpc::StatusCode::NOT_FOUND,
                            "ClosePreparedStatement: unknown prepared statement");
      }
      return grpc::Status::OK;
    }
    if (type == kCancelFlightInfo) {
      fp::CancelFlightInfoRequest cancel;
      if (!cancel.ParseFromString(request->body())) {
        return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                            "CancelFlightInfo: the body is not a CancelFlightInfoRequest");
      }
      auto status = Cancel(principal, cancel.info());
      if (!status.ok()) {
        return ToGrpcStatus(status.status());
      }
      fp::CancelFlightInfoResult result;
      result.set_status(*status);
      fp::Result out;
      out.set_body(result.SerializeAsString());
      writer->Write(out);
      return grpc::Status::OK;
    }
    if (type == kCancelQuery) {
      Any any;
      fsql::ActionCancelQueryRequest cancel;
      fp::FlightInfo info;
      if (!any.ParseFromString(request->body()) || !any.UnpackTo(&cancel) ||
          !info.ParseFromString(cancel.info())) {
        return grpc::Status(
            grpc::StatusCode::INVALID_ARGUMENT,
            "CancelQuery: the body is not an ActionCancelQueryRequest holding a FlightInfo");
      }
      auto status = Cancel(principal, info);
      if (!status.ok()) {
        return ToGrpcStatus(status.status());
      }
      fsql::ActionCancelQueryResult result;
      result.set_result(static_cast<fsql::ActionCancelQueryResult::CancelResult>(*status));
      fp::Result out;
      out.set_body(PackAny(result));
      writer->Write(out);
      return grpc::Status::OK;
    }
    return grpc::Status(
        grpc::StatusCode::INVALID_ARGUMENT,
        "DoAction: unknown action \"" + type.substr(0, 100) + "\"; see ListActions");
  }

  grpc::Status ListFlights(grpc::ServerContext*, const fp::Criteria*,
                           grpc::ServerWriter<fp::FlightInfo>*) override {
    return grpc::Status(grpc::StatusCode::UNIMPLEMENTED,
                        "ListFlights is not offered by the Flight SQL service");
  }

  grpc::Status DoExchange(grpc::ServerContext*,
                          grpc::ServerReaderWriter<fp::FlightData, fp::FlightData>*) override {
    return grpc::Status(grpc::StatusCode::UNIMPLEMENTED,
                        "DoExchange is not offered by the Flight SQL service");
  }

 private:
  static std::string Authorization(const grpc::ServerContext& context) {
    const auto& metadata = context.client_metadata();
    auto it = metadata.find("authorization");
    if (it == metadata.end()) {
      return "";
    }
    return std::string(it->second.data(), it->second.size());
  }

  static std::string PasswordFromHeader(const std::string& authorization) {
    auto decoded = DecodeBase64(authorization.substr(6));
    if (!decoded) {
      return "";
    }
    size_t colon = decoded->find(':');
    return colon == std::string::npos ? "" : decoded->substr(colon + 1);
  }

  /// The caller's principal and session (made on its first call), or UNAUTHENTICATED.
  grpc::Status Authorize(const grpc::ServerContext& context, std::string* principal,
                         std::shared_ptr<FlightSqlSession>* session) {
    auto who = auth_.Principal(Authorization(context));
    if (!who) {
      return Unauthenticated();
    }
    *principal = *who;
    std::lock_guard<std::mutex> lock(mutex_);
    auto& slot = sessions_[*principal];
    if (!slot) {
      slot = std::make_shared<FlightSqlSession>();
      slot->scheduler_session_id = core_->CreateSession({});
      slot->state = std::make_shared<session::SessionState>();
      slot->state->SetRunner(MakeJobQueryRunner(core_, slot->scheduler_session_id));
    }
    *session = slot;
    return grpc::Status::OK;
  }

  /// Authorizes a call and unpacks its descriptor's command (a CMD holding a Flight SQL
  /// command packed in google.protobuf.Any); `rpc` names the call in the error.
  grpc::Status OpenCommand(const grpc::ServerContext& context, const fp::FlightDescriptor& descriptor,
                           const char* rpc, std::string* principal,
                           std::shared_ptr<FlightSqlSession>* session, Any* command) {
    if (auto st = Authorize(context, principal, session); !st.ok()) {
      return st;
    }
    if (descriptor.type() != fp::FlightDescriptor::CMD || !command->ParseFromString(descriptor.cmd())) {
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                          std::string(rpc) +
                              ": the descriptor must be a CMD holding a Flight SQL command packed in "
                              "google.protobuf.Any");
    }
    return grpc::Status::OK;
  }

  static Result<PreparedQuery> FindPrepared(FlightSqlSession& session, const std::string& handle) {
    std::lock_guard<std::mutex> lock(session.mutex);
    auto it = session.prepared.find(handle);
    if (it == session.prepared.end()) {
      return Status::NotFound("unknown prepared statement handle");
    }
    return it->second;
  }

  /// The plan of a statement with bound parameters (queries bind; other statements run now).
  static Result<session::DataFrame> Frame(FlightSqlSession& session,
                                          const sql::Statement& statement,
                                          const std::vector<arrow::Scalar>& parameters) {
    return session::ExecuteStatement(session.state, statement, parameters);
  }

  /// Plans `statement` and submits it as a job; the job is remembered (with the caller and the
  /// result schema) so that PollFlightInfo, CancelFlightInfo and DoGet find it.
  Result<std::string> StartQuery(const std::string& principal, FlightSqlSession& session,
                                 const sql::Statement& statement,
                                 const std::vector<arrow::Scalar>& parameters,
                                 const fp::FlightDescriptor& descriptor) {
    ASSIGN_OR_RAISE(auto frame, Frame(session, statement, parameters));
    auto config = session.state->config();
    ASSIGN_OR_RAISE(auto optimized, session::OptimizePlan(frame.logical_plan(), config));
    ASSIGN_OR_RAISE(auto job_id,
                    SubmitPlanAsJob(core_, session.scheduler_session_id, optimized, config));
    std::lock_guard<std::mutex> lock(mutex_);
    results_[job_id] = QueryResult{principal, ToClientTypes(frame.Schema()), descriptor, false, {}};
    result_order_.push_back(job_id);
    while (result_order_.size() > kMaxRememberedResults) {
      results_.erase(result_order_.front());
      result_order_.pop_front();
    }
    return job_id;
  }

  /// Records the result partitions of a finished job.
  void FinishQuery(const std::string& job_id, std::vector<protobuf::PartitionLocation> partitions) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = results_.find(job_id);
    if (it != results_.end()) {
      it->second.finished = true;
      it->second.partitions = std::move(partitions);
    }
  }

  /// The FlightInfo of a remembered query: its schema and job id (app_metadata), and once it
  /// finished one endpoint per non-empty result partition (at least one), whose tickets this
  /// server's DoGet serves (no location: clients come back here).
  Status DescribeQuery(const std::string& job_id, fp::FlightInfo* info) {
    QueryResult result;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto it = results_.find(job_id);
      if (it == results_.end()) {
        return Status::NotFound("no query " + job_id + " (unknown or expired)");
      }
      result = it->second;
    }
    ASSIGN_OR_RAISE(auto schema_bytes, SchemaToIpcBytes(*result.schema));
    info->set_schema(std::move(schema_bytes));
    *info->mutable_flight_descriptor() = result.descriptor;
    info->set_total_records(-1);
    info->set_total_bytes(-1);
    info->set_ordered(true);
    info->set_app_metadata(job_id);
    if (!result.finished) {
      return Status::OK();
    }
    int64_t rows = 0;
    for (size_t i = 0; i < result.partitions.size(); ++i) {
      rows += result.partitions[i].stats().num_rows();
      if (result.partitions[i].stats().num_rows() == 0) {
        continue;
      }
      fsql::TicketStatementQuery ticket;
      ticket.set_statement_handle(job_id + "/" + std::to_string(i));
      info->add_endpoint()->mutable_ticket()->set_ticket(PackAny(ticket));
    }
    if (info->endpoint_size() == 0) {
      fsql::TicketStatementQuery ticket;
      ticket.set_statement_handle(job_id + "/all");
      info->add_endpoint()->mutable_ticket()->set_ticket(PackAny(ticket));
    }
    info->set_total_records(rows);
    return Status::OK();
  }

  /// GetFlightInfo of a query: runs it as a job and waits for it (cancelling the job when the
  /// client gives up on the call).
  Status RunQuery(const std::string& principal, FlightSqlSession& session,
                  const sql::Statement& statement, const std::vector<arrow::Scalar>& parameters,
                  const fp::FlightDescriptor& descriptor, const std::function<bool()>& abandoned,
                  fp::FlightInfo* info) {
    ASSIGN_OR_RAISE(auto job_id, StartQuery(principal, session, statement, parameters, descriptor));
    ASSIGN_OR_RAISE(auto partitions, WaitForJob(core_, job_id, abandoned));
    FinishQuery(job_id, std::move(partitions));
    return DescribeQuery(job_id, info);
  }

  /// One PollFlightInfo step of a running query: waits up to a second, then describes it; while
  /// it runs, the PollInfo names the descriptor to poll next and the share of tasks done.
  Status PollQuery(const std::string& job_id, fp::PollInfo* poll) {
    ASSIGN_OR_RAISE(auto status, core_->JobStatus(job_id, 1000));
    ASSIGN_OR_RAISE(auto partitions, JobOutcome(status));
    if (partitions) {
      FinishQuery(job_id, std::move(*partitions));
      poll->set_progress(1.0);
      return DescribeQuery(job_id, poll->mutable_info());
    }
    RETURN_NOT_OK(DescribeQuery(job_id, poll->mutable_info()));
    fsql::TicketStatementQuery next;
    next.set_statement_handle(job_id + "/poll");
    poll->mutable_flight_descriptor()->set_type(fp::FlightDescriptor::CMD);
    poll->mutable_flight_descriptor()->set_cmd(PackAny(next));
    poll->set_progress(status.tasks_total() > 0
                           ? static_cast<double>(status.tasks_done()) / status.tasks_total()
                           : 0.0);
    return Status::OK();
  }

  /// Streams one result partition ("<job>/<index>") or all of them ("<job>/all").
  Status StreamResult(const std::string& principal, const std::string& handle,
                      grpc::ServerWriter<fp::FlightData>* writer) {
    size_t slash = handle.rfind('/');
    if (slash == std::string::npos) {
      return Status::InvalidArgument("DoGet: malformed statement handle");
    }
    std::string job_id = handle.substr(0, slash), part = handle.substr(slash + 1);
    QueryResult result;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto it = results_.find(job_id);
      if (it == results_.end() || it->second.principal != principal) {
        return Status::NotFound("DoGet: no result for this ticket (unknown or expired query)");
      }
      if (!it->second.finished) {
        return Status::InvalidArgument("DoGet: the query has not finished (poll it first)");
      }
      result = it->second;
    }
    std::vector<protobuf::PartitionLocation> wanted;
    if (part == "all") {
      wanted = result.partitions;
    } else {
      size_t index = static_cast<size_t>(std::strtoull(part.c_str(), nullptr, 10));
      if (index >= result.partitions.size()) {
        return Status::InvalidArgument("DoGet: result partition out of range");
      }
      wanted.push_back(result.partitions[index]);
    }
    ASSIGN_OR_RAISE(auto reader, OpenJobResult(std::move(wanted), result.schema));
    return StreamBatches(result.schema, reader.get(), writer);
  }

  Result<std::string> StatementSchemaBytes(FlightSqlSession& session,
                                           const sql::Statement& statement,
                                           const std::vector<arrow::Scalar>& parameters) {
    if (statement.kind != sql::StatementKind::kQuery) {
      return SchemaToIpcBytes(arrow::Schema(arrow::FieldVector{}));
    }
    ASSIGN_OR_RAISE(auto frame, Frame(session, statement, parameters));
    return SchemaToIpcBytes(*ToClientTypes(frame.Schema()));
  }

  Result<std::string> QuerySchemaBytes(FlightSqlSession& session, const std::string& text,
                                       const std::vector<arrow::Scalar>& parameters) {
    ASSIGN_OR_RAISE(auto statement, sql::ParseStatement(text));
    return StatementSchemaBytes(session, *statement, parameters);
  }

  /// Runs DDL/DML; the rows INSERT or COPY wrote, 0 for other statements.
  Result<int64_t> RunStatementUpdate(FlightSqlSession& session, const sql::Statement& statement,
                                     const std::vector<arrow::Scalar>& parameters) {
    ASSIGN_OR_RAISE(auto frame, Frame(session, statement, parameters));
    if (statement.kind == sql::StatementKind::kQuery) {
      ASSIGN_OR_RAISE(auto count, frame.Count());
      return count;
    }
    if (statement.kind != sql::StatementKind::kInsert &&
        statement.kind != sql::StatementKind::kCopy) {
      return int64_t{0};
    }
    // The count row is a constant plan: evaluate it here rather than as a job.
    ASSIGN_OR_RAISE(auto reader,
                    session::ExecuteLogicalPlan(frame.logical_plan(), session.state->config()));
    ASSIGN_OR_RAISE(auto batches, reader->ReadAll());
    for (const auto& batch : batches) {
      if (batch->num_rows() > 0 && batch->num_columns() == 1) {
        ASSIGN_OR_RAISE(auto value, arrow::ScalarFromArray(*batch->column_data(0), 0));
        auto as_int = compute::CastScalar(value, arrow::Int64());
        if (as_int.ok() && as_int->is_valid()) {
          return as_int->As<int64_t>();
        }
      }
    }
    return int64_t{-1};
  }

  Result<int64_t> RunUpdate(FlightSqlSession& session, const std::string& text) {
    ASSIGN_OR_RAISE(auto statements, sql::ParseStatements(text));
    if (statements.empty()) {
      return Status::InvalidArgument("no SQL statement given");
    }
    int64_t total = 0;
    for (const auto& statement : statements) {
      ASSIGN_OR_RAISE(auto count, RunStatementUpdate(session, *statement, {}));
      total = count < 0 || total < 0 ? -1 : total + count;
    }
    return total;
  }

  Status BindParameters(FlightSqlSession& session, const std::string& handle,
                        const std::vector<arrow::RecordBatchPtr>& batches) {
    ASSIGN_OR_RAISE(auto rows, ParameterRows(batches));
    if (rows.size() > 1) {
      return Status::InvalidArgument("a prepared query binds one row of parameters, not " +
                                     std::to_string(rows.size()));
    }
    std::lock_guard<std::mutex> lock(session.mutex);
    auto it = session.prepared.find(handle);
    if (it == session.prepared.end()) {
      return Status::NotFound("unknown prepared statement handle");
    }
    it->second.parameters = rows.empty() ? std::vector<arrow::Scalar>{} : std::move(rows[0]);
    return Status::OK();
  }

  Result<int64_t> RunPreparedUpdate(FlightSqlSession& session, const std::string& handle,
                                    const std::vector<arrow::RecordBatchPtr>& batches) {
    ASSIGN_OR_RAISE(auto prepared, FindPrepared(session, handle));
    ASSIGN_OR_RAISE(auto rows, ParameterRows(batches));
    if (rows.empty()) {
      return RunStatementUpdate(session, *prepared.statement, prepared.parameters);
    }
    int64_t total = 0;
    for (const auto& row : rows) {
      ASSIGN_OR_RAISE(auto count, RunStatementUpdate(session, *prepared.statement, row));
      total = count < 0 || total < 0 ? -1 : total + count;
    }
    return total;
  }

  static grpc::Status WriteUpdateResult(
      int64_t count, grpc::ServerReaderWriter<fp::PutResult, fp::FlightData>* stream) {
    fsql::DoPutUpdateResult update;
    update.set_record_count(count);
    fp::PutResult result;
    result.set_app_metadata(update.SerializeAsString());
    stream->Write(result);
    return grpc::Status::OK;
  }

  /// Parses and remembers a statement; its result schema is known at once when it takes no
  /// parameters or binds with them NULL, its parameters' types are not inferred (NULL type).
  Result<fsql::ActionCreatePreparedStatementResult> Prepare(FlightSqlSession& session,
                                                            const std::string& text) {
    ASSIGN_OR_RAISE(auto parsed, sql::ParseStatement(text));
    ASSIGN_OR_RAISE(int parameter_count, CountParameters(text));
    std::shared_ptr<const sql::Statement> statement(std::move(parsed));
    fsql::ActionCreatePreparedStatementResult result;
    std::vector<arrow::Scalar> nulls(static_cast<size_t>(parameter_count),
                                     arrow::Scalar::Null(arrow::Null()));
    if (statement->kind == sql::StatementKind::kQuery) {
      auto schema = StatementSchemaBytes(session, *statement, nulls);
      if (parameter_count == 0 && !schema.ok()) {
        return schema.status();
      }
      if (schema.ok()) {
        result.set_dataset_schema(*schema);
      }
    }
    arrow::FieldVector parameter_fields;
    for (int i = 0; i < parameter_count; ++i) {
      parameter_fields.push_back(
          arrow::MakeField("$" + std::to_string(i + 1), arrow::Null(), true));
    }
    ASSIGN_OR_RAISE(auto parameter_schema,
                    SchemaToIpcBytes(arrow::Schema(std::move(parameter_fields))));
    result.set_parameter_schema(std::move(parameter_schema));
    std::string handle = RandomHandle();
    result.set_prepared_statement_handle(handle);
    std::lock_guard<std::mutex> lock(session.mutex);
    session.prepared[handle] = PreparedQuery{std::move(statement), {}};
    return result;
  }

  /// Cancels the job of a FlightInfo this server answered to the same caller (GetFlightInfo's
  /// after the query finished, or PollFlightInfo's while it runs).
  Result<fp::CancelStatus> Cancel(const std::string& principal, const fp::FlightInfo& info) {
    std::string job_id = info.app_metadata();
    for (const auto& endpoint : info.endpoint()) {
      Any any;
      fsql::TicketStatementQuery ticket;
      if (job_id.empty() && any.ParseFromString(endpoint.ticket().ticket()) &&
          any.UnpackTo(&ticket)) {
        job_id = ticket.statement_handle().substr(0, ticket.statement_handle().rfind('/'));
      }
    }
    if (job_id.empty()) {
      return fp::CANCEL_STATUS_NOT_CANCELLABLE;
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto it = results_.find(job_id);
      if (it == results_.end() || it->second.principal != principal) {
        return Status::NotFound("no query of this caller for the FlightInfo (unknown or expired)");
      }
    }
    auto cancelled = core_->CancelJob(job_id);
    if (!cancelled.ok()) {
      return cancelled.status();
    }
    return *cancelled ? fp::CANCEL_STATUS_CANCELLED : fp::CANCEL_STATUS_NOT_CANCELLABLE;
  }

  Result<arrow::RecordBatchPtr> MetadataBatch(FlightSqlSession& session, const Any& command) {
    const auto& catalogs = session.state->catalogs();
    if (command.Is<fsql::CommandGetCatalogs>()) {
      return CatalogsBatch(catalogs);
    }
    if (command.Is<fsql::CommandGetDbSchemas>()) {
      fsql::CommandGetDbSchemas get;
      command.UnpackTo(&get);
      return DbSchemasBatch(
          catalogs, get.has_catalog() ? std::optional(get.catalog()) : std::nullopt,
          get.has_db_schema_filter_pattern() ? std::optional(get.db_schema_filter_pattern())
                                             : std::nullopt);
    }
    if (command.Is<fsql::CommandGetTables>()) {
      fsql::CommandGetTables get;
      command.UnpackTo(&get);
      TablesFilter filter;
      if (get.has_catalog()) filter.catalog = get.catalog();
      if (get.has_db_schema_filter_pattern())
        filter.schema_pattern = get.db_schema_filter_pattern();
      if (get.has_table_name_filter_pattern())
        filter.table_pattern = get.table_name_filter_pattern();
      filter.table_types.assign(get.table_types().begin(), get.table_types().end());
      filter.include_schema = get.include_schema();
      return TablesBatch(catalogs, filter);
    }
    if (command.Is<fsql::CommandGetTableTypes>()) {
      return TableTypesBatch();
    }
    if (command.Is<fsql::CommandGetPrimaryKeys>()) {
      return PrimaryKeysBatch();
    }
    if (command.Is<fsql::CommandGetExportedKeys>() || command.Is<fsql::CommandGetImportedKeys>() ||
        command.Is<fsql::CommandGetCrossReference>()) {
      return ForeignKeysBatch();
    }
    return Status::Unsupported("unsupported Flight SQL command " +
                               command.type_url().substr(0, 200));
  }

  static arrow::RecordBatchReaderPtr OneBatchReader(arrow::RecordBatchPtr batch) {
    class Reader final : public arrow::RecordBatchReader {
     public:
      explicit Reader(arrow::RecordBatchPtr batch)
          : batch_(std::move(batch)), schema_(batch_->schema()) {}
      arrow::SchemaPtr schema() const override { return schema_; }
      Result<arrow::RecordBatchPtr> Next() override { return std::exchange(batch_, nullptr); }

     private:
      arrow::RecordBatchPtr batch_;
      arrow::SchemaPtr schema_;
    };
    return std::make_shared<Reader>(std::move(batch));
  }

  SchedulerCore* core_;
  FlightSqlAuthenticator auth_;
  std::mutex mutex_;  ///< guards sessions_, results_, result_order_
  std::map<std::string, std::shared_ptr<FlightSqlSession>> sessions_;
  std::map<std::string, QueryResult> results_;
  std::deque<std::string> result_order_;
};

}  // namespace

std::unique_ptr<fp::FlightService::Service> MakeFlightSqlService(SchedulerCore* core,
                                                                 FlightSqlOptions options) {
  return std::make_unique<FlightSqlServiceImpl>(core, std::move(options));
}

}  // namespace ballista::scheduler
