#include "people/FriendService.h"

#include "common/Wire.h"
#include "protocol/Frame.h"

#include <QDateTime>

namespace natter::server {

namespace {

using Action = proto::FriendActionRequest;

ServiceError notFound(const QString &what)
{
    return { proto::NOT_FOUND, what };
}

// The two sides of a pair, with the users behind them, and the feed
// entries a change owes each side.
struct Pair
{
    UserRow self;
    UserRow peer;
    ContactRow mine; // self's row about peer
    ContactRow theirs; // peer's row about self
    bool tellPeer = false;
    bool declined = false; // tell the peer their request was declined

    void set(int state, qint64 nowMs, const QString &note = {})
    {
        for (ContactRow *r : { &mine, &theirs }) {
            if (r->state != state)
                r->sinceMs = nowMs;
            r->note = note;
        }
        mine.state = state;
        theirs.state = state == proto::CONTACT_OUTGOING ? int(proto::CONTACT_INCOMING)
            : state == proto::CONTACT_INCOMING          ? int(proto::CONTACT_OUTGOING)
                                                        : state;
        tellPeer = true;
    }
};

ContactRow rowOrEmpty(Storage &storage, quint64 userId, quint64 peerId)
{
    if (auto row = storage.contacts().get(userId, peerId))
        return *row;
    ContactRow row;
    row.userId = userId;
    row.peerId = peerId;
    return row;
}

void appendContact(Storage &storage, const ContactRow &row, const UserRow &peer, bool declined,
    qint64 nowMs, Fanout *fanout)
{
    ContactRow shown = row;
    shown.peerName = peer.name;
    shown.peerDisplayName = peer.displayName;
    shown.peerStatus = peer.status;
    proto::FeedEntry entry;
    FriendService::fillContact(shown, entry.mutable_contact());
    entry.mutable_contact()->set_declined(declined);
    const quint64 seq
        = storage.feed().append(row.userId, nowMs, toBytes(entry.SerializeAsString()));
    fanout->feedNotifies.append({ row.userId, seq });
}

ServiceError befriend(Storage &storage, Pair &p, const FriendLimits &limits, qint64 nowMs)
{
    for (quint64 id : { p.self.id, p.peer.id })
        if (storage.contacts().count(id, proto::CONTACT_FRIEND) >= limits.maxFriends)
            return { proto::CONFLICT,
                QStringLiteral("a friend list is full (%1 friends)").arg(limits.maxFriends) };
    p.set(proto::CONTACT_FRIEND, nowMs);
    p.mine.cooldownUntilMs = 0;
    p.theirs.cooldownUntilMs = 0;
    return {};
}

ServiceError request(
    Storage &storage, Pair &p, const QString &note, const FriendLimits &limits, qint64 nowMs)
{
    if (p.mine.blocked)
        return { proto::FORBIDDEN, QStringLiteral("you blocked this user: unblock them first") };
    if (p.theirs.blocked)
        return { proto::FORBIDDEN, QStringLiteral("this user does not accept your requests") };
    switch (p.mine.state) {
    case proto::CONTACT_FRIEND: return { proto::CONFLICT, QStringLiteral("already friends") };
    case proto::CONTACT_OUTGOING: return {}; // one pending request per pair
    case proto::CONTACT_INCOMING: return befriend(storage, p, limits, nowMs);
    default: break;
    }
    // Not RATE_LIMITED: that means "retry soon", and an outbox retrying a
    // day-long cooldown would hold back everything queued after it.
    if (p.mine.cooldownUntilMs > nowMs)
        return { proto::FORBIDDEN,
            QStringLiteral("%1 declined your request: you may ask again after %2")
                .arg(p.peer.name,
                    QDateTime::fromMSecsSinceEpoch(p.mine.cooldownUntilMs, Qt::UTC)
                        .toString(Qt::ISODate)) };
    if (storage.contacts().count(p.self.id, proto::CONTACT_OUTGOING) >= limits.maxPending)
        return { proto::CONFLICT,
            QStringLiteral("%1 of your requests are waiting: cancel some first")
                .arg(limits.maxPending) };
    p.set(proto::CONTACT_OUTGOING, nowMs, note);
    return {};
}

ServiceError apply(Storage &storage, Pair &p, const proto::FriendActionRequest &r,
    const FriendLimits &limits, qint64 nowMs)
{
    const QString &peer = p.peer.name;
    switch (r.action_case()) {
    case Action::kRequest:
        return request(storage, p, QString::fromStdString(r.request()), limits, nowMs);
    case Action::kAccept:
        if (p.mine.state == proto::CONTACT_FRIEND)
            return {}; // already (an outbox replay after the ack was lost)
        if (p.mine.state != proto::CONTACT_INCOMING)
            return notFound(QStringLiteral("no friend request from %1").arg(peer));
        return befriend(storage, p, limits, nowMs);
    case Action::kDecline:
        if (p.mine.state != proto::CONTACT_INCOMING)
            return notFound(QStringLiteral("no friend request from %1").arg(peer));
        p.set(proto::CONTACT_NONE, nowMs);
        p.theirs.cooldownUntilMs = nowMs + limits.cooldownMs;
        p.declined = true;
        return {};
    case Action::kCancel:
        if (p.mine.state != proto::CONTACT_OUTGOING)
            return notFound(QStringLiteral("no friend request to %1").arg(peer));
        p.set(proto::CONTACT_NONE, nowMs);
        return {};
    case Action::kRemove:
        if (p.mine.state == proto::CONTACT_NONE)
            return {}; // already not friends (a replay, or they removed first)
        if (p.mine.state != proto::CONTACT_FRIEND)
            return notFound(QStringLiteral("%1 is not your friend").arg(peer));
        p.set(proto::CONTACT_NONE, nowMs);
        return {};
    case Action::kBlock:
        if (p.mine.state != proto::CONTACT_NONE)
            p.set(proto::CONTACT_NONE, nowMs);
        p.mine.blocked = true;
        return {};
    case Action::kUnblock: p.mine.blocked = false; return {};
    case Action::ACTION_NOT_SET: break;
    }
    return { proto::INVALID_ARGUMENT, QStringLiteral("no friend action") };
}

} // namespace

ServiceError FriendService::validateAction(const proto::FriendActionRequest &request)
{
    if (request.action_case() == Action::ACTION_NOT_SET)
        return { proto::INVALID_ARGUMENT, QStringLiteral("no friend action") };
    if (!isValidUserName(QString::fromStdString(request.user())))
        return { proto::INVALID_ARGUMENT, QStringLiteral("not a user name") };
    if (QString::fromStdString(request.request()).size() > limits::kMaxFriendNoteChars)
        return { proto::TOO_LARGE,
            QStringLiteral("a request's note has at most %1 characters")
                .arg(limits::kMaxFriendNoteChars) };
    return {};
}

OkResult FriendService::act(Storage &storage, const Actor &actor,
    const proto::FriendActionRequest &request, const FriendLimits &limits, qint64 nowMs)
{
    OkResult result;
    const auto peer = storage.users().byName(QString::fromStdString(request.user()));
    if (!peer) {
        result.error = notFound(QStringLiteral("no such user"));
        return result;
    }
    if (peer->id == actor.userId) {
        result.error = { proto::INVALID_ARGUMENT, QStringLiteral("that is you") };
        return result;
    }
    const auto self = storage.users().byId(actor.userId);
    if (!self)
        throw StorageError(QStringLiteral("user %1 does not exist").arg(actor.userId));
    Pair p { *self, *peer, rowOrEmpty(storage, self->id, peer->id),
        rowOrEmpty(storage, peer->id, self->id) };
    const ContactRow mineBefore = p.mine;
    result.error = apply(storage, p, request, limits, nowMs);
    if (result.error)
        return result;
    const bool mineChanged = p.mine.state != mineBefore.state
        || p.mine.blocked != mineBefore.blocked || p.mine.note != mineBefore.note;
    if (!mineChanged && !p.tellPeer)
        return result; // nothing changes: no feed entries
    storage.contacts().put(p.mine);
    storage.contacts().put(p.theirs);
    appendContact(storage, p.mine, p.peer, false, nowMs, &result.fanout);
    if (p.tellPeer)
        appendContact(storage, p.theirs, p.self, p.declined, nowMs, &result.fanout);
    return result;
}

void FriendService::fillContact(const ContactRow &row, proto::Contact *contact)
{
    contact->mutable_user()->set_user_id(row.peerId);
    contact->mutable_user()->set_user(row.peerName.toStdString());
    contact->set_state(proto::ContactState(row.state));
    contact->set_note(row.note.toStdString());
    contact->set_blocked(row.blocked);
    contact->set_since_ms(row.sinceMs);
    contact->set_display_name(row.peerDisplayName.toStdString());
    contact->set_status(row.peerStatus.toStdString());
}

proto::Presence FriendService::presenceFor(
    const PresenceView &presence, bool askerHides, const ContactRow &friendRow)
{
    proto::Presence p;
    if (askerHides || friendRow.peerPresenceOff) {
        p.set_hidden(true);
        return p;
    }
    const PresenceState now = presence.presenceOf(friendRow.peerId);
    p.set_online(now.online);
    if (!now.online)
        p.set_last_seen_ms(qMax(now.lastSeenMs, friendRow.peerSignInMs));
    return p;
}

FriendsResult FriendService::friends(
    Storage &storage, const PresenceView &presence, const Actor &actor)
{
    FriendsResult result;
    const auto self = storage.users().byId(actor.userId);
    const bool hides = self && self->presenceOff;
    for (const ContactRow &row : storage.contacts().ofUser(actor.userId)) {
        proto::Contact *c = result.response.add_contacts();
        fillContact(row, c);
        if (row.state == proto::CONTACT_FRIEND)
            *c->mutable_presence() = presenceFor(presence, hides, row);
    }
    return result;
}

} // namespace natter::server
