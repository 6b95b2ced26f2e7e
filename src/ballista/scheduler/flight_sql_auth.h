#pragma once
// Authentication of the scheduler's Flight SQL calls, as Flight SQL clients do it: Handshake
// with HTTP basic credentials (the `authorization: Basic ...` header, or a BasicAuth payload)
// returns a bearer token (in the `authorization` response header and as the payload), and every
// later call carries `authorization: Bearer <token>` (or basic credentials again).

#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace ballista::scheduler {

/// Decodes standard base64 (with or without padding); nullopt for other bytes.
std::optional<std::string> DecodeBase64(std::string_view text);

/// Checks credentials and hands out bearer tokens. With no user configured every call is
/// accepted as the anonymous principal. Thread-safe.
class FlightSqlAuthenticator {
 public:
  /// `user` empty: authentication off.
  FlightSqlAuthenticator(std::string user, std::string password);

  bool enabled() const { return !user_.empty(); }

  /// A new bearer token for valid credentials, nullopt otherwise (compared in constant time).
  std::optional<std::string> Login(const std::string& user, const std::string& password);

  /// The principal of a call from its `authorization` header value: a token's own key for
  /// "Bearer <token>", "user:<name>" for valid "Basic ..." credentials, "" for anyone when
  /// authentication is off; nullopt when the call is not authenticated.
  std::optional<std::string> Principal(const std::string& authorization) const;

  /// Valid basic credentials in an `authorization` header value ("Basic base64(user:password)").
  bool CheckBasicHeader(const std::string& authorization, std::string* user) const;

 private:
  bool Valid(const std::string& user, const std::string& password) const;

  std::string user_;
  std::string password_;
  mutable std::mutex mutex_;
  std::map<std::string, std::string> tokens_;  ///< token -> principal
};

}  // namespace ballista::scheduler
