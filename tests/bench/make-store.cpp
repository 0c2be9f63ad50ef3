// make-store: writes a client profile with a synthetic history straight into
// the encrypted store (no server), for start-up benchmarks of the desktop
// app. Usage: make-store PROFILE_DIR PASSPHRASE MESSAGES [CONVERSATIONS]
#include "natter.pb.h"
#include "store/KeyVault.h"
#include "store/Store.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>

#include <cstdio>

using namespace natter;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 4) {
        fprintf(stderr, "usage: make-store PROFILE_DIR PASSPHRASE MESSAGES [CONVERSATIONS]\n");
        return 2;
    }
    const QString dir = args[1];
    const int messages = args[3].toInt();
    const int conversations = args.size() > 4 ? args[4].toInt() : 50;
    if (KeyVault::exists(dir)) {
        fprintf(stderr, "make-store: %s already holds a profile\n", qPrintable(dir));
        return 1;
    }
    QElapsedTimer timer;
    timer.start();
    try {
        const QByteArray key = KeyVault::create(dir, args[2]);
        Store store(dir, key);
        Account me;
        me.serverUrl = QStringLiteral("ws://127.0.0.1:9"); // nothing listens: start-up offline
        me.user = QStringLiteral("me");
        me.userId = 1;
        me.deviceId = 1;
        me.token = QStringLiteral("bench-token");
        me.deviceName = QStringLiteral("bench");
        store.saveAccount(me);
        for (int c = 0; c < conversations; ++c) {
            const QString peer = QStringLiteral("friend%1").arg(c);
            store.joinConversation(
                quint64(1000 + c), proto::DIRECT, { { quint64(100 + c), peer }, { 1, me.user } });
        }
        const qint64 start = QDateTime::currentMSecsSinceEpoch() - qint64(messages) * 1000;
        QList<StoredEvent> batch;
        QList<quint64> seqs(conversations, 0);
        for (int i = 0; i < messages; ++i) {
            const int c = i % conversations;
            StoredEvent e;
            e.conversationId = quint64(1000 + c);
            e.seq = ++seqs[c];
            e.id = quint64(i + 1);
            e.senderId = (i / conversations) % 2 ? 1 : quint64(100 + c);
            e.senderDevice = 1;
            e.kind = proto::EVENT_MESSAGE;
            e.timeMs = start + qint64(i) * 1000;
            e.body = content::textBody(
                QStringLiteral("message %1: a line of ordinary chat text, about a hundred "
                               "bytes long, like most are.")
                    .arg(i));
            batch.append(std::move(e));
            if (batch.size() == 10000) {
                store.insertEvents(batch);
                batch.clear();
            }
        }
        store.insertEvents(batch);
    } catch (const StoreError &e) {
        fprintf(stderr, "make-store: %s\n", qPrintable(e.message()));
        return 1;
    }
    printf("{\"profile\":\"%s\",\"messages\":%d,\"conversations\":%d,\"seconds\":%.2f}\n",
        qPrintable(dir), messages, conversations, timer.elapsed() / 1000.0);
    return 0;
}
