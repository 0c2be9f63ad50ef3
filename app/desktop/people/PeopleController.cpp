#include "people/PeopleController.h"

#include <algorithm>

namespace natter {

namespace {

QVariantMap personMap(
    quint64 userId, const QString &name, const QString &displayName, const QString &status)
{
    return { { QStringLiteral("userId"), QString::number(userId) },
        { QStringLiteral("user"), name }, { QStringLiteral("displayName"), displayName },
        { QStringLiteral("status"), status } };
}

void addPresence(QVariantMap &m, const PresenceInfo *p)
{
    m.insert(QStringLiteral("presenceKnown"), p != nullptr);
    m.insert(QStringLiteral("online"), p && p->online && !p->hidden);
    m.insert(QStringLiteral("presenceHidden"), p && p->hidden);
    m.insert(QStringLiteral("lastSeen"), p && !p->hidden ? p->lastSeenMs : 0);
}

} // namespace

PeopleController::PeopleController(AppContext &context, QObject *parent)
    : QObject(parent)
    , m_ctx(context)
{
    connect(&m_ctx, &AppContext::storeOpened, this, &PeopleController::reload);
    connect(&m_ctx, &AppContext::storeClosing, this, [this] {
        m_rows.clear();
        m_presence.clear();
        m_found.clear();
        m_profile.clear();
        m_own = {};
        rebuild();
        emit profileChanged();
        emit ownProfileChanged();
    });
    connect(&m_ctx.engine(), &EngineProxy::contactsChanged, this, [this] {
        reload();
        refresh(); // a new friend's presence
        if (!m_profileUser.isEmpty())
            showProfile(m_profileUser); // the card shows the new relation
    });
    connect(&m_ctx.engine(), &EngineProxy::profileChanged, this, &PeopleController::reload);
    connect(&m_ctx.engine(), &EngineProxy::sendFailed, this,
        [this](const QString &clientId, const QString &error) {
            if (m_queued.remove(clientId))
                setError(error);
        });
}

void PeopleController::reload()
{
    if (!m_ctx.store())
        return;
    try {
        m_rows = m_ctx.store()->contacts().list();
        const OwnProfile own = m_ctx.store()->accountState().profile();
        if (own.displayName != m_own.displayName || own.status != m_own.status) {
            m_own = own;
            emit ownProfileChanged();
        }
    } catch (const StoreError &e) {
        setError(e.message());
    }
    rebuild();
}

void PeopleController::rebuild()
{
    m_friends.clear();
    m_requests.clear();
    m_blocked.clear();
    m_incoming = 0;
    QHash<quint64, const ContactRow *> byId;
    for (const ContactRow &c : m_rows) {
        byId.insert(c.userId, &c);
        QVariantMap m = personMap(c.userId, c.name, c.displayName, c.status);
        m.insert(QStringLiteral("since"), c.sinceMs);
        if (c.blocked)
            m_blocked.append(m);
        if (c.state == ContactState::Friend) {
            const auto p = m_presence.constFind(c.userId);
            addPresence(m, p == m_presence.cend() ? nullptr : &*p);
            m_friends.append(m);
        } else if (c.state == ContactState::Incoming || c.state == ContactState::Outgoing) {
            const bool incoming = c.state == ContactState::Incoming;
            m.insert(QStringLiteral("incoming"), incoming);
            m.insert(QStringLiteral("note"), c.note);
            // Those waiting for the user first.
            if (incoming) {
                m_requests.insert(m_incoming, m);
                ++m_incoming;
            } else {
                m_requests.append(m);
            }
        }
    }
    m_results.clear();
    for (const ProfileInfo &p : m_found) {
        QVariantMap m = personMap(p.userId, p.name, p.displayName, p.status);
        const ContactRow *c = byId.value(p.userId);
        m.insert(
            QStringLiteral("state"), PeopleRequests::stateName(c ? c->state : p.contact.state));
        m.insert(QStringLiteral("blocked"), c ? c->blocked : p.contact.blocked);
        m_results.append(m);
    }
    emit contactsChanged();
    emit searchResultsChanged();
}

void PeopleController::refresh()
{
    m_ctx.engine().fetchFriends([this](const QList<ContactInfo> &friends, const QString &error) {
        if (!error.isEmpty())
            return; // offline: the lists stay as the store has them, presence unknown
        m_presence.clear();
        for (const ContactInfo &f : friends)
            m_presence.insert(f.contact.userId, f.presence);
        rebuild();
    });
}

void PeopleController::act(const QString &user, const QString &action, const QString &note)
{
    PeopleRequests::Action a {};
    if (!PeopleRequests::parseAction(action, &a) || user.trimmed().isEmpty())
        return;
    const QString name = user.trimmed().toLower();
    m_ctx.engine().queueFriendAction(name, a, note.trimmed(),
        [this, name, action](const QString &clientId, const QString &error) {
            if (!succeeded(error))
                return;
            m_queued.insert(clientId); // sent when connected; a refusal comes as sendFailed
            emit actionDone(name, action);
        });
}

void PeopleController::search(const QString &text)
{
    const QString query = text.trimmed();
    if (query.size() < 2) {
        m_found.clear();
        rebuild();
        return;
    }
    m_searching = true;
    emit searchResultsChanged();
    m_ctx.engine().searchUsers(query, [this](const QList<ProfileInfo> &users, const QString &e) {
        m_searching = false;
        if (succeeded(e))
            m_found = users;
        rebuild();
    });
}

void PeopleController::showProfile(const QString &user)
{
    m_profileUser = user;
    if (m_profile.value(QStringLiteral("user")).toString() != user) {
        m_profile.clear();
        emit profileChanged();
    }
    m_ctx.engine().fetchProfile(user, [this, user](const ProfileInfo &p, const QString &e) {
        if (user != m_profileUser)
            return;
        if (!e.isEmpty()) {
            // Offline: the card as this device knows the user, if it does.
            const auto known = std::find_if(m_rows.cbegin(), m_rows.cend(),
                [&](const ContactRow &c) { return c.name == user; });
            if (known == m_rows.cend())
                return setError(e);
            ProfileInfo local;
            local.userId = known->userId;
            local.name = known->name;
            local.displayName = known->displayName;
            local.status = known->status;
            local.contact = *known;
            return showCard(local, false);
        }
        showCard(p, true);
    });
}

void PeopleController::showCard(const ProfileInfo &p, bool withPresence)
{
    m_profile = personMap(p.userId, p.name, p.displayName, p.status);
    m_profile.insert(QStringLiteral("self"), p.self);
    m_profile.insert(QStringLiteral("state"), PeopleRequests::stateName(p.contact.state));
    m_profile.insert(QStringLiteral("blocked"), p.contact.blocked);
    m_profile.insert(QStringLiteral("note"), p.contact.note);
    const bool friends = p.contact.state == ContactState::Friend;
    addPresence(m_profile, friends && withPresence ? &p.presence : nullptr);
    emit profileChanged();
}

void PeopleController::setOwnProfile(const QString &displayName, const QString &status)
{
    const OwnProfile wanted { displayName.trimmed(), status.trimmed() };
    m_ctx.engine().queueProfile(wanted, [this, wanted](const QString &clientId, const QString &e) {
        if (!succeeded(e)) {
            emit ownProfileChanged(); // the fields show the profile as it is
            return;
        }
        m_queued.insert(clientId);
        m_own = wanted; // queued (and saved): sent when connected
        emit ownProfileChanged();
    });
}

void PeopleController::clearError()
{
    setError(QString());
}

bool PeopleController::succeeded(const QString &error)
{
    setError(error);
    return error.isEmpty();
}

void PeopleController::setError(const QString &error)
{
    if (error == m_lastError)
        return;
    m_lastError = error;
    emit lastErrorChanged();
}

} // namespace natter
