#include "people/ProfileService.h"

#include "common/Wire.h"
#include "people/FriendService.h"
#include "protocol/Frame.h"

namespace natter::server {

namespace {

ServiceError checkText(const QString &text, int maxChars, const char *what)
{
    if (text.size() > maxChars)
        return { proto::TOO_LARGE,
            QStringLiteral("the %1 has at most %2 characters")
                .arg(QLatin1String(what))
                .arg(maxChars) };
    if (hasControlCharacters(text))
        return { proto::INVALID_ARGUMENT,
            QStringLiteral("the %1 may not hold control characters").arg(QLatin1String(what)) };
    return {};
}

void fillUser(const UserRow &user, proto::Profile *profile)
{
    profile->mutable_user()->set_user_id(user.id);
    profile->mutable_user()->set_user(user.name.toStdString());
    profile->set_display_name(user.displayName.toStdString());
    profile->set_status(user.status.toStdString());
}

quint32 searchLimit(quint32 requested)
{
    return requested == 0 ? limits::kDefaultSearchResults
                          : qMin(requested, limits::kMaxSearchResults);
}

} // namespace

ServiceError ProfileService::validateProfile(const proto::ProfileSetRequest &request)
{
    if (ServiceError e = checkText(QString::fromStdString(request.display_name()),
            limits::kMaxDisplayNameChars, "display name"))
        return e;
    return checkText(
        QString::fromStdString(request.status()), limits::kMaxStatusChars, "status line");
}

ServiceError ProfileService::validateSearch(const proto::UserSearchRequest &request)
{
    const QString query = QString::fromStdString(request.query()).trimmed();
    if (query.size() < limits::kMinUserSearchChars || query.size() > limits::kMaxSearchQueryChars)
        return { proto::INVALID_ARGUMENT,
            QStringLiteral("search for %1..%2 characters")
                .arg(limits::kMinUserSearchChars)
                .arg(limits::kMaxSearchQueryChars) };
    return {};
}

ServiceError ProfileService::validateSettings(const proto::SettingsRequest &request)
{
    if (!proto::MessagePolicy_IsValid(request.settings().message_policy()))
        return { proto::INVALID_ARGUMENT, QStringLiteral("unknown message policy") };
    return {};
}

OkResult ProfileService::setProfile(
    Storage &storage, const Actor &actor, const proto::ProfileSetRequest &request, qint64 nowMs)
{
    OkResult result;
    auto self = storage.users().byId(actor.userId);
    if (!self)
        throw StorageError(QStringLiteral("user %1 does not exist").arg(actor.userId));
    const QString name = QString::fromStdString(request.display_name()).trimmed();
    const QString status = QString::fromStdString(request.status()).trimmed();
    if (name == self->displayName && status == self->status)
        return result; // nothing changes: no feed entries
    storage.users().setProfile(actor.userId, name, status);
    self->displayName = name;
    self->status = status;

    proto::FeedEntry own;
    fillUser(*self, own.mutable_profile());
    const quint64 seq
        = storage.feed().append(actor.userId, nowMs, toBytes(own.SerializeAsString()));
    result.fanout.feedNotifies.append({ actor.userId, seq });
    // Each friend's devices, and those of everyone with a request pending
    // either way, get the new name as part of the relation (not someone the
    // user only blocked: they learn nothing).
    for (const ContactRow &mine : storage.contacts().ofUser(actor.userId)) {
        if (mine.state == proto::CONTACT_NONE)
            continue;
        const auto row = storage.contacts().get(mine.peerId, actor.userId);
        if (!row)
            continue;
        proto::FeedEntry entry;
        FriendService::fillContact(*row, entry.mutable_contact());
        const quint64 s
            = storage.feed().append(mine.peerId, nowMs, toBytes(entry.SerializeAsString()));
        result.fanout.feedNotifies.append({ mine.peerId, s });
    }
    return result;
}

OkResult ProfileService::setSettings(
    Storage &storage, const Actor &actor, const proto::SettingsRequest &request, qint64 nowMs)
{
    OkResult result;
    const auto user = storage.users().byId(actor.userId);
    if (!user)
        throw StorageError(QStringLiteral("user %1 does not exist").arg(actor.userId));
    const proto::UserSettings &s = request.settings();
    const uint32_t change = request.change() ? request.change() : ~uint32_t(0);
    UserRow next = *user;
    if (change & proto::SETTING_RECEIPTS)
        next.receiptsOff = s.receipts_off();
    if (change & proto::SETTING_PRESENCE)
        next.presenceOff = s.presence_off();
    if (change & proto::SETTING_SEARCHABLE)
        next.unsearchable = s.unsearchable();
    if (change & proto::SETTING_MESSAGES)
        next.messagePolicy = s.message_policy();
    if (next.receiptsOff == user->receiptsOff && next.presenceOff == user->presenceOff
        && next.unsearchable == user->unsearchable && next.messagePolicy == user->messagePolicy)
        return result; // nothing changes: no feed entry
    storage.users().setSettings(next);
    proto::FeedEntry entry;
    auto *all = entry.mutable_settings();
    all->set_receipts_off(next.receiptsOff);
    all->set_presence_off(next.presenceOff);
    all->set_unsearchable(next.unsearchable);
    all->set_message_policy(proto::MessagePolicy(next.messagePolicy));
    const quint64 seq
        = storage.feed().append(actor.userId, nowMs, toBytes(entry.SerializeAsString()));
    result.fanout.feedNotifies.append({ actor.userId, seq });
    return result;
}

ProfileResult ProfileService::profile(Storage &storage, const PresenceView &presence,
    const Actor &actor, const proto::ProfileRequest &request)
{
    ProfileResult result;
    const QString name = QString::fromStdString(request.user());
    const auto user
        = name.isEmpty() ? storage.users().byId(actor.userId) : storage.users().byName(name);
    if (!user) {
        result.error = { proto::NOT_FOUND, QStringLiteral("no such user") };
        return result;
    }
    fillUser(*user, &result.profile);
    if (user->id == actor.userId)
        return result;
    auto row = storage.contacts().get(actor.userId, user->id);
    if (!row)
        return result; // no relation: no contact
    FriendService::fillContact(*row, result.profile.mutable_contact());
    if (row->state == proto::CONTACT_FRIEND) {
        const auto self = storage.users().byId(actor.userId);
        *result.profile.mutable_presence()
            = FriendService::presenceFor(presence, self && self->presenceOff, *row);
    }
    return result;
}

UserSearchResult ProfileService::search(
    Storage &storage, const Actor &actor, const proto::UserSearchRequest &request)
{
    UserSearchResult result;
    const QString query = QString::fromStdString(request.query()).trimmed();
    for (const UserRow &user :
        storage.users().search(query, actor.userId, int(searchLimit(request.limit())))) {
        if (auto theirs = storage.contacts().get(user.id, actor.userId); theirs && theirs->blocked)
            continue;
        proto::Profile *p = result.response.add_users();
        fillUser(user, p);
        if (auto mine = storage.contacts().get(actor.userId, user.id))
            FriendService::fillContact(*mine, p->mutable_contact());
    }
    return result;
}

} // namespace natter::server
