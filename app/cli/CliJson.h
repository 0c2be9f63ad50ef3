// The JSON lines natter-cli prints: one object per line on stdout, ids as
// decimal strings (64-bit), times in ISO 8601 UTC. Pure functions; and the
// command line's description and argument helpers.
#pragma once

#include "people/PeopleRequests.h"
#include "store/Store.h"
#include "sync/AccountRequests.h"

#include <QJsonObject>

QT_FORWARD_DECLARE_CLASS(QCommandLineParser)

namespace natter::cli {

// The help text and every option (CliOptions.cpp).
void describe(QCommandLineParser &parser);
// "@name" or "name" → "name", in lower case.
QString userName(const QString &arg);

void printJson(const QJsonObject &object);
QString isoTime(qint64 ms);

QJsonObject messageJson(quint64 conversationId, const MessageRow &row);
// remark: the user's private note on a group ("" when none).
QJsonObject conversationJson(const ConversationSummary &c, const QList<MemberInfo> &members,
    const QString &myName, const QString &remark);
QJsonObject deviceJson(const DeviceInfo &d);
// hidden: the user does not share receipts (so sees no reads).
QJsonObject receiptJson(const ReceiptRow &r, bool hidden);
// presence: nullptr when not asked for (the local store keeps none).
QJsonObject contactJson(const ContactRow &c, const PresenceInfo *presence);
// withPresence: the reply carries it (a profile, not a search result); only
// friends see each other's.
QJsonObject profileJson(const ProfileInfo &p, bool withPresence);
QJsonObject settingsJson(const PrivacySettings &s);

} // namespace natter::cli
