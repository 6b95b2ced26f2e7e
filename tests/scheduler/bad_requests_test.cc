// Malformed or mismatched requests to a running scheduler get a clear gRPC error, and the
// scheduler keeps serving.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include "ballista/scheduler/scheduler_server.h"
#include "proto/ballista.grpc.pb.h"

namespace ballista::scheduler {
namespace {

class BadRequestsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SchedulerOptions options;
    options.bind_host = "127.0.0.1";
    options.bind_port = 0;
    options.http_port = -1;
    auto server = SchedulerServer::Start(options);
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(*server);
    stub_ = protobuf::SchedulerGrpc::NewStub(grpc::CreateChannel(
        "127.0.0.1:" + std::to_string(server_->port()), grpc::InsecureChannelCredentials()));
  }

  std::unique_ptr<grpc::ClientContext> Context() {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    return ctx;
  }

  std::unique_ptr<SchedulerServer> server_;
  std::unique_ptr<protobuf::SchedulerGrpc::Stub> stub_;
};

TEST_F(BadRequestsTest, ExecutorOfAnotherProtocolVersionIsRefused) {
  protobuf::ExecutorRegistration registration;
  registration.set_executor_id("e1");
  registration.set_host("127.0.0.1");
  registration.set_vcores(2);
  registration.set_task_scheduling_policy("push");
  registration.set_protocol_version(999);
  protobuf::RegisterExecutorResult result;
  grpc::Status status = stub_->RegisterExecutor(Context().get(), registration, &result);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(status.error_message().find("protocol version 999"), std::string::npos) << status.error_message();
}

TEST_F(BadRequestsTest, ExecutorOfTheOtherSchedulingPolicyIsRefused) {
  protobuf::ExecutorRegistration registration;
  registration.set_executor_id("e1");
  registration.set_host("127.0.0.1");
  registration.set_vcores(2);
  registration.set_task_scheduling_policy("pull");
  registration.set_protocol_version(protobuf::PROTOCOL_VERSION_CURRENT);
  protobuf::RegisterExecutorResult result;
  grpc::Status status = stub_->RegisterExecutor(Context().get(), registration, &result);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(status.error_message().find("push-staged"), std::string::npos) << status.error_message();
}

TEST_F(BadRequestsTest, MalformedPlanAndUnknownSessionAndJob) {
  protobuf::CreateSessionParams create;
  protobuf::CreateSessionResult session;
  ASSERT_TRUE(stub_->CreateSession(Context().get(), create, &session).ok());

  protobuf::ExecuteQueryParams params;
  params.set_session_id(session.session_id());
  params.set_logical_plan("this is not a plan");
  params.set_protocol_version(protobuf::PROTOCOL_VERSION_CURRENT);
  protobuf::ExecuteQueryResult job;
  grpc::Status status = stub_->ExecuteQuery(Context().get(), params, &job);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_FALSE(status.error_message().empty());

  params.set_protocol_version(999);
  status = stub_->ExecuteQuery(Context().get(), params, &job);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("protocol version"), std::string::npos) << status.error_message();

  protobuf::GetJobStatusParams get;
  get.set_job_id("job-does-not-exist");
  protobuf::JobStatus job_status;
  status = stub_->GetJobStatus(Context().get(), get, &job_status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_NE(status.error_message().find("job-does-not-exist"), std::string::npos);

  protobuf::RemoveSessionParams remove;
  remove.set_session_id("s-unknown");
  protobuf::RemoveSessionResult removed;
  status = stub_->RemoveSession(Context().get(), remove, &removed);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);

  // Still serving.
  EXPECT_TRUE(stub_->CreateSession(Context().get(), create, &session).ok());
}

}  // namespace
}  // namespace ballista::scheduler
