#include "ballista/scheduler/flight_sql_auth.h"

#include <random>

namespace ballista::scheduler {
namespace {

/// Equal strings, in time that depends only on their lengths.
bool ConstantTimeEquals(const std::string& a, const std::string& b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (size_t i = 0; i < a.size(); ++i) {
    diff |= static_cast<unsigned char>(a[i] ^ (i < b.size() ? b[i] : 0));
  }
  return diff == 0;
}

std::string RandomToken() {
  static thread_local std::mt19937_64 rng(std::random_device{}());
  static const char* digits = "0123456789abcdef";
  std::string token;
  for (int i = 0; i < 40; ++i) {
    token += digits[rng() % 16];
  }
  return token;
}

bool StartsWithIgnoreCase(const std::string& text, std::string_view prefix) {
  if (text.size() < prefix.size()) {
    return false;
  }
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) !=
        std::tolower(static_cast<unsigned char>(prefix[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::optional<std::string> DecodeBase64(std::string_view text) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  while (!text.empty() && text.back() == '=') {
    text.remove_suffix(1);
  }
  std::string out;
  uint32_t bits = 0;
  int count = 0;
  for (char c : text) {
    int v = value(c);
    if (v < 0) {
      return std::nullopt;
    }
    bits = (bits << 6) | static_cast<uint32_t>(v);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>((bits >> count) & 0xff);
    }
  }
  return out;
}

FlightSqlAuthenticator::FlightSqlAuthenticator(std::string user, std::string password)
    : user_(std::move(user)), password_(std::move(password)) {}

bool FlightSqlAuthenticator::Valid(const std::string& user, const std::string& password) const {
  bool user_ok = ConstantTimeEquals(user, user_);
  bool password_ok = ConstantTimeEquals(password, password_);
  return enabled() && user_ok && password_ok;
}

std::optional<std::string> FlightSqlAuthenticator::Login(const std::string& user,
                                                         const std::string& password) {
  if (!Valid(user, password)) {
    return std::nullopt;
  }
  std::string token = RandomToken();
  std::lock_guard<std::mutex> lock(mutex_);
  tokens_[token] = "token:" + token;
  return token;
}

bool FlightSqlAuthenticator::CheckBasicHeader(const std::string& authorization,
                                              std::string* user) const {
  if (!StartsWithIgnoreCase(authorization, "Basic ")) {
    return false;
  }
  auto decoded = DecodeBase64(authorization.substr(6));
  if (!decoded) {
    return false;
  }
  size_t colon = decoded->find(':');
  if (colon == std::string::npos) {
    return false;
  }
  *user = decoded->substr(0, colon);
  return Valid(*user, decoded->substr(colon + 1));
}

std::optional<std::string> FlightSqlAuthenticator::Principal(
    const std::string& authorization) const {
  if (!enabled()) {
    return std::string();
  }
  if (StartsWithIgnoreCase(authorization, "Bearer ")) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = tokens_.find(authorization.substr(7));
    if (it == tokens_.end()) {
      return std::nullopt;
    }
    return it->second;
  }
  std::string user;
  if (CheckBasicHeader(authorization, &user)) {
    return "user:" + user;
  }
  return std::nullopt;
}

}  // namespace ballista::scheduler
