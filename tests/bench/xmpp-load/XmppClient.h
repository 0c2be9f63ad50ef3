// One plain c2s XMPP connection for natter-xmpp-load: stream open, optional
// in-band registration (XEP-0077), SASL PLAIN, resource bind, session (when
// the server asks for it), optional stream management (XEP-0198), initial
// presence. Then it sends chat messages, joins a multi-user chat room
// (XEP-0045) and sends groupchat messages into it, and reports the messages
// it receives.
// Event-driven on the caller's thread; parsing is incremental
// (QXmlStreamReader fed from the socket).
#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QTcpSocket>
#include <QXmlStreamReader>

#include <functional>

namespace natter::bench {

struct XmppAccount
{
    QString host; // TCP address
    quint16 port = 5222;
    QString domain; // the XMPP domain (stream 'to', JID domain part)
    QString user;
    QString password;
};

class XmppClient : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        bool registerFirst = false; // XEP-0077 before SASL; "conflict" counts as done
        bool streamManagement = false; // XEP-0198 <enable/> after bind
    };

    XmppClient(const XmppAccount &account, const Options &options, QObject *parent = nullptr);

    // Connects and signs in; ready(error) is called once, error empty on success.
    void start(std::function<void(const QString &error)> ready);

    // After ready: a <message type='chat'> to `to` (a bare JID) with the given id.
    // Nothing is flushed until control returns to the event loop.
    void sendChat(const QByteArray &to, const QByteArray &id, const QByteArray &body);
    // After ready: a <message type='groupchat'> to a room's bare JID.
    void sendGroupchat(const QByteArray &room, const QByteArray &id, const QByteArray &body);
    // XEP-0198 <r/>: the server answers with <a h='…'/> (see onAck).
    void requestAck();
    // After ready: enters the room as `nick`, asking for no history. joined
    // is called once: with an empty error and whether the server created the
    // room (status 201: it stays locked until configured, see
    // configureInstantRoom), or with the error presence's condition.
    void joinRoom(const QByteArray &room, const QByteArray &nick,
        std::function<void(const QString &error, bool created)> joined);
    // The room's owner accepts the default configuration (an "instant room").
    void configureInstantRoom(
        const QByteArray &room, std::function<void(const QString &error)> done);
    void close();

    bool isReady() const { return m_state == State::Ready; }
    const XmppAccount &account() const { return m_account; }
    QByteArray bareJid() const { return m_bareJid; }
    // Stanzas sent since stream management was enabled (what the server's h counts).
    quint64 stanzasOut() const { return m_smOut; }

    // Set before start(); called for every <message> received once ready
    // (id attribute, type attribute).
    std::function<void(const QByteArray &id, const QByteArray &type)> onMessage;
    // XEP-0198 <a h='…'/> from the server.
    std::function<void(quint64 h)> onAck;
    // Connection lost or stream error after ready.
    std::function<void(const QString &reason)> onError;

private:
    enum class State {
        Idle,
        Connecting,
        PreAuthFeatures,
        Registering,
        Authenticating,
        PostAuthFeatures,
        Binding,
        Session,
        Enabling,
        Ready,
        Closed
    };

    void onConnected();
    void onReadyRead();
    void onSocketError();
    void openStream();
    void write(const QByteArray &data);
    void sendMessage(
        const char *type, const QByteArray &to, const QByteArray &id, const QByteArray &body);
    void handleTopLevel();
    void afterBind();
    void becomeReady();
    void handleReadyIq();
    void handleReadyPresence();
    void fail(const QString &error);

    XmppAccount m_account;
    Options m_opt;
    QByteArray m_bareJid;
    QTcpSocket m_socket;
    QXmlStreamReader m_xml;
    State m_state = State::Idle;
    std::function<void(const QString &)> m_ready;

    // The top-level element being parsed (depth 2 inside <stream:stream>).
    int m_depth = 0;
    QString m_topName;
    QByteArray m_topId;
    QByteArray m_topType;
    QByteArray m_topH;
    QByteArray m_topFrom;
    QStringList m_statusCodes; // <status code/> of a presence while a join waits
    QStringList m_children; // local names of descendants, in document order
    bool m_restartStream = false;
    bool m_sessionRequired = false;

    quint64 m_smOut = 0; // stanzas sent after <enable/>
    quint64 m_smIn = 0; // stanzas received after <enabled/>
    bool m_smOn = false;

    QByteArray m_joinFrom; // room/nick while a join waits for its self-presence
    std::function<void(const QString &, bool)> m_joined;
    std::function<void(const QString &)> m_configured; // the iq 'cfg' answered
};

} // namespace natter::bench
