#include "ballista/common/logging.h"

#include <gtest/gtest.h>

namespace ballista {
namespace {

TEST(LoggingTest, ParsesLevelNames) {
  LogLevel level = LogLevel::kOff;
  EXPECT_TRUE(ParseLogLevel("DEBUG", &level));
  EXPECT_EQ(level, LogLevel::kDebug);
  EXPECT_TRUE(ParseLogLevel("warning", &level));
  EXPECT_EQ(level, LogLevel::kWarn);
  EXPECT_FALSE(ParseLogLevel("loud", &level));
  EXPECT_EQ(level, LogLevel::kWarn);
}

TEST(LoggingTest, MessagesBelowThresholdAreNotFormatted) {
  LogLevel saved = GetLogLevel();
  SetLogLevel(LogLevel::kError);
  int evaluated = 0;
  auto touch = [&] { return ++evaluated; };
  BLOG(kInfo) << "skipped " << touch();
  EXPECT_EQ(evaluated, 0);
  testing::internal::CaptureStderr();
  BLOG(kError) << "shown " << touch();
  std::string err = testing::internal::GetCapturedStderr();
  EXPECT_EQ(evaluated, 1);
  EXPECT_NE(err.find("ERROR logging_test.cc:"), std::string::npos);
  EXPECT_NE(err.find("] shown 1\n"), std::string::npos);
  SetLogLevel(saved);
}

}  // namespace
}  // namespace ballista
