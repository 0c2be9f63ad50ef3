// ChatsController, the QML singleton `Chats`: the conversation list, the
// open conversation (Chats.current, by id) and its messages, and what the
// user does in a chat — send, retry, read marks, drafts, older pages,
// starting a direct chat by user name (the one place a name is looked up).
// The models read the GUI thread's store; every write goes through the
// engine proxy. Lives on the GUI thread.
#pragma once

#include "AppContext.h"
#include "QmlSingleton.h"
#include "chats/CurrentConversation.h"
#include "models/ConversationListModel.h"
#include "models/MessageListModel.h"

#include <QHash>
#include <QObject>
#include <QQmlEngine>

#include <memory>

namespace natter {

class ChatsController : public QObject, public QmlSingleton<ChatsController>
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Chats)
    QML_SINGLETON

    Q_PROPERTY(natter::ConversationListModel *conversations READ conversations NOTIFY modelsChanged)
    Q_PROPERTY(natter::MessageListModel *messages READ messages NOTIFY modelsChanged)
    Q_PROPERTY(natter::CurrentConversation *current READ current CONSTANT)
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)

public:
    explicit ChatsController(AppContext &context, QObject *parent = nullptr);

    ConversationListModel *conversations() const { return m_conversations.get(); }
    MessageListModel *messages() const { return m_messages.get(); }
    CurrentConversation *current() { return &m_current; }
    QString lastError() const { return m_lastError; }

    // Opens a conversation of the list (its id as QML has it).
    Q_INVOKABLE void open(const QString &conversationId);
    // The direct chat with this user (New chat): false, with lastError,
    // when the name is not one to write to.
    Q_INVOKABLE bool openDirect(const QString &user);
    Q_INVOKABLE void send(const QString &text);
    Q_INVOKABLE void retry(const QString &clientId);
    Q_INVOKABLE void loadOlder();
    Q_INVOKABLE void markRead();
    Q_INVOKABLE void setDraft(const QString &conversationId, const QString &text);
    Q_INVOKABLE QString draft(const QString &conversationId);
    Q_INVOKABLE void clearError();

    void openConversation(quint64 id);

signals:
    void modelsChanged();
    void lastErrorChanged();
    // A message could not be queued: its text is back in the draft.
    void sendRejected(const QString &conversationId, const QString &text);
    // The models were refreshed from the store (after engine changes).
    void refreshed();

private:
    void onStoreOpened();
    void onStoreClosing();
    void onRefresh(bool messages);
    void setError(const QString &error);
    quint64 resolve(const QString &conversationId) const;

    AppContext &m_ctx;
    std::unique_ptr<ConversationListModel> m_conversations;
    std::unique_ptr<MessageListModel> m_messages;
    CurrentConversation m_current;
    QString m_lastError;
    QHash<quint64, QString> m_drafts; // written through to the engine
    // Local conversations the server has created since: a view that still
    // holds the local id (a composer saving its draft) reaches the new one.
    QHash<quint64, quint64> m_adopted;
};

} // namespace natter
