// Framing of the wire protocol: one Envelope per WebSocket binary frame.
// Pure functions, safe from any thread.
#pragma once

#include "natter.pb.h"

#include <QByteArray>
#include <QString>

namespace natter {

constexpr quint32 kProtocolVersion = 1;

// Limits shared by both sides. The server enforces them; the client checks
// before queueing so the user learns early.
namespace limits {
constexpr qint64 kMaxClientFrameBytes = qint64(64) * 1024; // client -> server
constexpr qint64 kMaxServerFrameBytes = qint64(64) * 1024 * 1024; // server -> client
constexpr int kMaxTextChars = 8000; // characters (UTF-16 code units) per text message
constexpr int kMinPasswordChars = 8;
constexpr int kMaxPasswordChars = 256;
constexpr int kMaxClientIdChars = 64;
constexpr int kMaxDeviceNameChars = 64;
constexpr int kMaxPullRanges = 256;
constexpr int kMaxGroupNameChars = 64;
constexpr int kMaxAnnouncementChars = 2000;
constexpr int kMaxNicknameChars = 32;
constexpr int kMaxRemarkChars = 200;
constexpr int kMaxJoinNoteChars = 200;
constexpr int kMaxSearchQueryChars = 64;
constexpr int kMinUserSearchChars = 2; // a user search names at least this much
constexpr int kMaxDisplayNameChars = 64;
constexpr int kMaxStatusChars = 140;
constexpr int kMaxFriendNoteChars = 200;
constexpr quint32 kDefaultSearchResults = 20;
constexpr quint32 kMaxSearchResults = 50;
constexpr int kMaxGroupInvites = 200; // users named in one create or invite
constexpr int kMaxGroupMembers = 100000; // the highest [groups] max_members
constexpr quint32 kDefaultPullLimit = 500;
// Events a client asks for in one pull, over all its ranges: 2,000 events of
// at most ~24 KB (8,000 characters of 3-byte UTF-8) stay below
// kMaxServerFrameBytes.
constexpr quint32 kClientPullBudget = 2000;
constexpr quint32 kMaxPullLimit = 2000;
} // namespace limits

enum class DecodeResult { Ok, Malformed, UnsupportedVersion };

QByteArray encodeEnvelope(const proto::Envelope &envelope);
DecodeResult decodeEnvelope(const QByteArray &frame, proto::Envelope *envelope);

// Build common envelopes.
proto::Envelope makeError(quint64 requestId, proto::ErrorCode code, const QString &message);

// A short English name of an error code, for logs and CLI output.
const char *errorCodeName(proto::ErrorCode code);

// User names: 1..32 chars of [a-z0-9_.-], starting with a letter or digit.
bool isValidUserName(const QString &name);
// A control character, or a line or paragraph separator (not allowed in a
// one-line text: a display name, a status line).
bool hasControlCharacters(const QString &text);

} // namespace natter
