#include "XmppClient.h"

#include <QAbstractSocket>

namespace natter::bench {

namespace {

const QString kSmNs = QStringLiteral("urn:xmpp:sm:3");

} // namespace

XmppClient::XmppClient(const XmppAccount &account, const Options &options, QObject *parent)
    : QObject(parent)
    , m_account(account)
    , m_opt(options)
{
    m_bareJid = (account.user + QLatin1Char('@') + account.domain).toUtf8();
    connect(&m_socket, &QTcpSocket::connected, this, &XmppClient::onConnected);
    connect(&m_socket, &QTcpSocket::readyRead, this, &XmppClient::onReadyRead);
    connect(&m_socket, &QTcpSocket::errorOccurred, this, &XmppClient::onSocketError);
}

void XmppClient::start(std::function<void(const QString &error)> ready)
{
    m_ready = std::move(ready);
    m_state = State::Connecting;
    m_socket.connectToHost(m_account.host, m_account.port);
}

void XmppClient::onConnected()
{
    m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_state = State::PreAuthFeatures;
    openStream();
}

void XmppClient::openStream()
{
    m_xml.clear();
    m_depth = 0;
    write("<?xml version='1.0'?><stream:stream to='" + m_account.domain.toUtf8()
        + "' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' "
          "version='1.0'>");
}

void XmppClient::write(const QByteArray &data)
{
    m_socket.write(data);
}

void XmppClient::sendChat(const QByteArray &to, const QByteArray &id, const QByteArray &body)
{
    sendMessage("chat", to, id, body);
}

void XmppClient::sendGroupchat(const QByteArray &room, const QByteArray &id, const QByteArray &body)
{
    sendMessage("groupchat", room, id, body);
}

void XmppClient::sendMessage(
    const char *type, const QByteArray &to, const QByteArray &id, const QByteArray &body)
{
    QByteArray s;
    s.reserve(96 + to.size() + id.size() + body.size());
    s += "<message type='";
    s += type;
    s += "' to='";
    s += to;
    s += "' id='";
    s += id;
    s += "'><body>";
    s += body;
    s += "</body></message>";
    write(s);
    if (m_smOn)
        ++m_smOut;
}

void XmppClient::joinRoom(const QByteArray &room, const QByteArray &nick,
    std::function<void(const QString &error, bool created)> joined)
{
    m_joinFrom = room + '/' + nick;
    m_joined = std::move(joined);
    write("<presence to='" + m_joinFrom
        + "'><x xmlns='http://jabber.org/protocol/muc'><history maxstanzas='0'/></x></presence>");
    if (m_smOn)
        ++m_smOut;
}

void XmppClient::configureInstantRoom(
    const QByteArray &room, std::function<void(const QString &error)> done)
{
    m_configured = std::move(done);
    write("<iq type='set' id='cfg' to='" + room
        + "'><query xmlns='http://jabber.org/protocol/muc#owner'>"
          "<x xmlns='jabber:x:data' type='submit'/></query></iq>");
    if (m_smOn)
        ++m_smOut;
}

void XmppClient::requestAck()
{
    if (m_smOn)
        write("<r xmlns='urn:xmpp:sm:3'/>");
}

void XmppClient::close()
{
    if (m_state == State::Closed)
        return;
    const bool wasOpen = m_socket.state() == QAbstractSocket::ConnectedState;
    m_state = State::Closed;
    if (wasOpen) {
        write("</stream:stream>");
        m_socket.flush();
        m_socket.disconnectFromHost();
    } else {
        m_socket.abort();
    }
}

void XmppClient::onSocketError()
{
    if (m_state == State::Closed)
        return;
    const QString reason = QStringLiteral("socket: ") + m_socket.errorString();
    if (m_state == State::Ready) {
        m_state = State::Closed;
        if (onError)
            onError(reason);
    } else {
        fail(reason);
    }
}

void XmppClient::fail(const QString &error)
{
    if (m_state == State::Closed)
        return;
    const bool wasReady = m_state == State::Ready;
    m_state = State::Closed;
    m_socket.abort();
    if (wasReady) {
        if (onError)
            onError(error);
    } else if (m_ready) {
        auto ready = std::move(m_ready);
        m_ready = nullptr;
        ready(m_account.user + QStringLiteral(": ") + error);
    }
}

void XmppClient::onReadyRead()
{
    m_xml.addData(m_socket.readAll());
    while (!m_xml.atEnd() && m_state != State::Closed) {
        const QXmlStreamReader::TokenType token = m_xml.readNext();
        if (token == QXmlStreamReader::StartElement) {
            ++m_depth;
            if (m_depth == 2) {
                m_topName = m_xml.name().toString();
                const QXmlStreamAttributes attrs = m_xml.attributes();
                m_topId = attrs.value(QLatin1String("id")).toUtf8();
                m_topType = attrs.value(QLatin1String("type")).toUtf8();
                m_topH = attrs.value(QLatin1String("h")).toUtf8();
                m_children.clear();
                if (m_joined) {
                    m_topFrom = m_topName == QLatin1String("presence")
                        ? attrs.value(QLatin1String("from")).toUtf8()
                        : QByteArray();
                    m_statusCodes.clear();
                }
                if (m_topName == QLatin1String("a") || m_topName == QLatin1String("r")) {
                    if (m_xml.namespaceUri() != kSmNs)
                        m_topName.clear();
                }
            } else if (m_depth > 2 && m_state != State::Ready) {
                m_children << m_xml.name().toString();
            } else if (m_depth > 2 && m_joined && m_topFrom == m_joinFrom) {
                // A presence from the room as us: its status codes and error.
                if (m_xml.name() == QLatin1String("status"))
                    m_statusCodes << m_xml.attributes().value(QLatin1String("code")).toString();
                else
                    m_children << m_xml.name().toString();
            }
        } else if (token == QXmlStreamReader::EndElement) {
            if (m_depth == 2)
                handleTopLevel();
            --m_depth;
            if (m_depth == 0)
                fail(QStringLiteral("server closed the stream"));
            if (m_restartStream) {
                // After SASL success: the next bytes are a new stream.
                m_restartStream = false;
                openStream();
                return;
            }
        }
    }
    if (m_xml.hasError() && m_xml.error() != QXmlStreamReader::PrematureEndOfDocumentError)
        fail(QStringLiteral("XML: ") + m_xml.errorString());
}

void XmppClient::handleTopLevel()
{
    const QString &name = m_topName;
    if (name == QLatin1String("error")) { // <stream:error>
        fail(QStringLiteral("stream error: ") + m_children.join(QLatin1Char(' ')));
        return;
    }

    if (m_state == State::Ready) {
        if (name == QLatin1String("message")) {
            if (m_smOn)
                ++m_smIn;
            if (onMessage)
                onMessage(m_topId, m_topType);
        } else if (name == QLatin1String("a")) {
            if (onAck)
                onAck(m_topH.toULongLong());
        } else if (name == QLatin1String("r")) {
            write("<a xmlns='urn:xmpp:sm:3' h='" + QByteArray::number(m_smIn) + "'/>");
        } else if (name == QLatin1String("iq")) {
            handleReadyIq();
        } else if (name == QLatin1String("presence")) {
            handleReadyPresence();
        }
        return;
    }

    switch (m_state) {
    case State::PreAuthFeatures:
        if (name != QLatin1String("features"))
            return;
        if (m_opt.registerFirst) {
            m_state = State::Registering;
            write("<iq type='set' id='reg'><query xmlns='jabber:iq:register'><username>"
                + m_account.user.toHtmlEscaped().toUtf8() + "</username><password>"
                + m_account.password.toHtmlEscaped().toUtf8() + "</password></query></iq>");
            return;
        }
        [[fallthrough]];
    case State::Registering:
        if (m_state == State::Registering) {
            if (name != QLatin1String("iq") || m_topId != "reg")
                return;
            if (m_topType != "result" && !m_children.contains(QLatin1String("conflict"))) {
                fail(QStringLiteral("register: ") + m_children.join(QLatin1Char(' ')));
                return;
            }
        }
        m_state = State::Authenticating;
        {
            const QByteArray plain = QByteArray(1, '\0') + m_account.user.toUtf8()
                + QByteArray(1, '\0') + m_account.password.toUtf8();
            write("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>"
                + plain.toBase64() + "</auth>");
        }
        return;
    case State::Authenticating:
        if (name == QLatin1String("success")) {
            m_state = State::PostAuthFeatures;
            m_restartStream = true;
        } else if (name == QLatin1String("failure")) {
            fail(QStringLiteral("SASL failure: ") + m_children.join(QLatin1Char(' ')));
        }
        return;
    case State::PostAuthFeatures:
        if (name != QLatin1String("features"))
            return;
        m_sessionRequired = m_children.contains(QLatin1String("session"));
        m_state = State::Binding;
        write("<iq type='set' id='bind'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
              "<resource>load</resource></bind></iq>");
        return;
    case State::Binding:
        if (name != QLatin1String("iq") || m_topId != "bind")
            return;
        if (m_topType != "result") {
            fail(QStringLiteral("bind: ") + m_children.join(QLatin1Char(' ')));
            return;
        }
        if (m_sessionRequired) {
            m_state = State::Session;
            write("<iq type='set' id='sess'><session "
                  "xmlns='urn:ietf:params:xml:ns:xmpp-session'/></iq>");
            return;
        }
        afterBind();
        return;
    case State::Session:
        if (name != QLatin1String("iq") || m_topId != "sess")
            return;
        if (m_topType != "result") {
            fail(QStringLiteral("session: ") + m_children.join(QLatin1Char(' ')));
            return;
        }
        afterBind();
        return;
    case State::Enabling:
        if (name == QLatin1String("enabled")) {
            m_smOn = true;
            becomeReady();
        } else if (name == QLatin1String("failed")) {
            fail(QStringLiteral("stream management refused"));
        }
        return;
    default: return;
    }
}

void XmppClient::handleReadyIq()
{
    if (m_smOn)
        ++m_smIn;
    if (m_topType == "get" || m_topType == "set") { // e.g. a server ping
        write("<iq type='result' id='" + m_topId + "'/>");
        if (m_smOn)
            ++m_smOut;
    } else if (m_topId == "cfg" && m_configured) {
        auto done = std::move(m_configured);
        m_configured = nullptr;
        done(m_topType == "result" ? QString() : QStringLiteral("room configuration refused"));
    }
}

void XmppClient::handleReadyPresence()
{
    if (m_smOn)
        ++m_smIn;
    if (!m_joined || m_topFrom != m_joinFrom)
        return;
    // Our own presence in the room (status 110 where the server sends it;
    // the nick is ours either way) or the room's refusal.
    auto joined = std::move(m_joined);
    m_joined = nullptr;
    m_joinFrom.clear();
    if (m_topType == "error")
        joined(QStringLiteral("join refused: ") + m_children.join(QLatin1Char(' ')), false);
    else
        joined(QString(), m_statusCodes.contains(QLatin1String("201")));
}

void XmppClient::afterBind()
{
    if (m_opt.streamManagement) {
        m_state = State::Enabling;
        write("<enable xmlns='urn:xmpp:sm:3'/>");
        return;
    }
    becomeReady();
}

void XmppClient::becomeReady()
{
    m_state = State::Ready;
    write("<presence/>");
    if (m_smOn)
        ++m_smOut;
    if (m_ready) {
        auto ready = std::move(m_ready);
        m_ready = nullptr;
        ready(QString());
    }
}

} // namespace natter::bench
