// natter-cli's receipts and listen commands.
#include "Cli.h"
#include "CliJson.h"

#include <QJsonArray>

namespace natter {

using cli::printJson;

int Cli::cmdReceipts(const QStringList &args)
{
    bool ok = false;
    const quint64 seq = args.size() == 2 ? args[1].toULongLong(&ok) : 0;
    if (!ok || seq == 0) {
        fprintf(stderr, "natter-cli: usage: receipts @USER|#G SEQ\n");
        return Usage;
    }
    std::optional<quint64> conversation;
    try {
        conversation = conversationArg(args[0], false);
    } catch (const StoreError &e) {
        fprintf(stderr, "natter-cli: %s\n", qPrintable(e.message()));
        return StoreFailure;
    }
    if (!conversation)
        return Usage;
    if (*conversation == 0) {
        fprintf(stderr, "natter-cli: no conversation with %s yet\n", qPrintable(args[0]));
        return Failure;
    }
    whenOnline([this, id = *conversation, seq] {
        m_engine->receipts().fetch(
            id, { seq }, [this](const QList<ReceiptRow> &rows, bool hidden, const QString &e) {
                if (!e.isEmpty())
                    return fail(e);
                for (const ReceiptRow &r : rows)
                    printJson(cli::receiptJson(r, hidden));
                finish();
            });
    });
    return -1;
}

int Cli::cmdListen()
{
    if (!m_store->account().isLoggedIn()) {
        fprintf(stderr, "natter-cli: not logged in (register or log in first)\n");
        return Failure;
    }
    // Every event this device stores from now on (what it missed while it
    // was away included); what is stored already is not new.
    auto printed = std::make_shared<QHash<quint64, quint64>>();
    try {
        for (const ConversationSummary &c : m_store->conversations().list(100000))
            printed->insert(c.id, c.serverSeq);
    } catch (const StoreError &e) {
        fprintf(stderr, "natter-cli: %s\n", qPrintable(e.message()));
        return StoreFailure;
    }
    connect(m_engine.get(), &SyncEngine::messagesChanged, this, [this, printed](quint64 id) {
        try {
            quint64 &last = (*printed)[id];
            for (const MessageRow &r : m_store->timeline().linesAfter(id, last, 1000)) {
                printJson(cli::messageJson(id, r));
                last = qMax(last, r.seq);
            }
            fflush(stdout);
        } catch (const StoreError &e) {
            fail(e.message(), StoreFailure);
        }
    });
    connect(m_engine.get(), &SyncEngine::authLost, this, [this](const QString &why) { fail(why); });
    // No deadline unless one is asked for: listen runs until it is stopped.
    if (m_parser.isSet(QStringLiteral("timeout")))
        m_deadline.start(m_timeoutSec * 1000);
    m_engine->start();
    return -1;
}

} // namespace natter
