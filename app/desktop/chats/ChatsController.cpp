#include "chats/ChatsController.h"

#include "protocol/Frame.h"

namespace natter {

namespace {
quint64 idOf(const QString &text)
{
    return text.toULongLong();
}
} // namespace

quint64 ChatsController::resolve(const QString &conversationId) const
{
    const quint64 id = idOf(conversationId);
    return m_adopted.value(id, id);
}

ChatsController::ChatsController(AppContext &context, QObject *parent)
    : QObject(parent)
    , m_ctx(context)
{
    connect(&m_ctx, &AppContext::storeOpened, this, &ChatsController::onStoreOpened);
    connect(&m_ctx, &AppContext::storeClosing, this, &ChatsController::onStoreClosing);
    connect(&m_ctx, &AppContext::refreshDue, this, &ChatsController::onRefresh);
    connect(&m_ctx, &AppContext::windowActiveChanged, this, [this] {
        if (m_ctx.windowActive())
            markRead();
    });
    EngineProxy &engine = m_ctx.engine();
    connect(&engine, &EngineProxy::conversationCreated, this,
        [this](quint64 localId, quint64 conversationId) {
            // The server created the chat queued offline: same chat, its real id.
            m_adopted.insert(localId, conversationId);
            if (m_drafts.contains(localId))
                m_drafts.insert(conversationId, m_drafts.take(localId));
            if (m_current.id() == localId)
                openConversation(conversationId);
        });
    connect(&engine, &EngineProxy::sendRejected, this,
        [this](quint64 conversationId, const QString &text, const QString &error) {
            setError(error);
            const QString id = QString::number(conversationId);
            if (draft(id).isEmpty())
                setDraft(id, text); // nothing typed is lost
            emit sendRejected(id, text);
        });
}

void ChatsController::onStoreOpened()
{
    Store &store = *m_ctx.store();
    m_conversations = std::make_unique<ConversationListModel>(store);
    m_messages = std::make_unique<MessageListModel>(store);
    m_messages->setConversation(m_current.id());
    m_current.refresh(&store);
    emit modelsChanged();
}

void ChatsController::onStoreClosing()
{
    m_current.show(0, nullptr);
    m_messages.reset();
    m_conversations.reset();
    m_drafts.clear();
    m_adopted.clear();
    emit modelsChanged();
}

void ChatsController::onRefresh(bool messages)
{
    if (!m_conversations)
        return;
    m_conversations->refresh();
    if (messages)
        m_messages->refresh();
    m_current.refresh(m_ctx.store());
    emit refreshed();
    // New messages in the chat the user looks at are read.
    if (m_current.unread() > 0)
        markRead();
}

void ChatsController::open(const QString &conversationId)
{
    openConversation(idOf(conversationId));
}

void ChatsController::openConversation(quint64 id)
{
    if (id == m_current.id())
        return;
    m_current.show(id, m_ctx.store());
    if (m_messages)
        m_messages->setConversation(id);
    if (id)
        m_ctx.engine().refreshReceipts(id);
    markRead();
}

bool ChatsController::openDirect(const QString &user)
{
    QString name = user.trimmed().toLower();
    if (name.startsWith(QLatin1Char('@')))
        name.remove(0, 1);
    if (!isValidUserName(name)) {
        setError(tr("“%1” is not a valid user name.").arg(user));
        return false;
    }
    Store *store = m_ctx.store();
    if (!store || name == store->me().userName) {
        setError(tr("That is you."));
        return false;
    }
    clearError();
    try {
        if (const auto id = store->conversations().directWith(name)) {
            openConversation(*id);
            return true;
        }
    } catch (const StoreError &e) {
        setError(e.message());
        return false;
    }
    // None yet: the engine starts one (local until the first message is acked).
    m_ctx.engine().startDirect(name, [this](quint64 id, const QString &error) {
        if (!error.isEmpty())
            return setError(error);
        openConversation(id);
    });
    return true;
}

void ChatsController::send(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (!m_current.id() || trimmed.isEmpty())
        return;
    if (trimmed.size() > limits::kMaxTextChars)
        return setError(tr("The message is too long (%1 characters; the limit is %2).")
                            .arg(trimmed.size())
                            .arg(limits::kMaxTextChars));
    m_ctx.engine().send(m_current.id(), trimmed);
    setDraft(m_current.idText(), QString());
}

void ChatsController::retry(const QString &clientId)
{
    m_ctx.engine().retry(clientId);
}

void ChatsController::loadOlder()
{
    if (m_messages && m_messages->canFetchMore({}))
        m_messages->fetchMore({});
}

void ChatsController::markRead()
{
    if (!m_current.id() || m_current.pending() || !m_ctx.windowActive())
        return;
    m_ctx.engine().markRead(m_current.id());
}

void ChatsController::setDraft(const QString &conversationId, const QString &text)
{
    const quint64 id = resolve(conversationId);
    if (!id || m_drafts.value(id) == text)
        return;
    m_drafts.insert(id, text);
    m_ctx.engine().saveDraft(id, text);
}

QString ChatsController::draft(const QString &conversationId)
{
    const quint64 id = resolve(conversationId);
    if (!id || !m_ctx.store())
        return {};
    if (const auto it = m_drafts.constFind(id); it != m_drafts.constEnd())
        return *it;
    QString text;
    try {
        text = m_ctx.store()->drafts().draft(id);
    } catch (const StoreError &e) {
        setError(e.message());
    }
    m_drafts.insert(id, text);
    return text;
}

void ChatsController::setError(const QString &error)
{
    if (error == m_lastError)
        return;
    m_lastError = error;
    emit lastErrorChanged();
}

void ChatsController::clearError()
{
    setError(QString());
}

} // namespace natter
