// Fanout: what a committed op must tell online devices. Produced by the
// services on a storage thread, carried out by NotifyRouter after commit.
#pragma once

#include <QList>

namespace natter::server {

struct Fanout
{
    struct Notify
    {
        quint64 conversationId = 0;
        quint64 seq = 0;
        QList<quint64> userIds;
        quint64 exceptDevice = 0; // the sending device learns from its ack
    };
    struct FeedNotify
    {
        quint64 userId = 0;
        quint64 seq = 0;
    };
    QList<Notify> notifies;
    QList<FeedNotify> feedNotifies;
    // Messages of these users were read or received up to seq (ReceiptNotify).
    QList<Notify> receiptNotifies;
    QList<quint64> closeDevices; // revoked: cut off at once
    // Disabled by the administrator: every session of these users cut off
    // at once, none admitted until they are reopened (enabled again).
    QList<quint64> closeUsers;
    QList<quint64> reopenUsers;

    void append(const Fanout &other)
    {
        notifies += other.notifies;
        feedNotifies += other.feedNotifies;
        receiptNotifies += other.receiptNotifies;
        closeDevices += other.closeDevices;
        closeUsers += other.closeUsers;
        reopenUsers += other.reopenUsers;
    }
    bool isEmpty() const
    {
        return notifies.isEmpty() && feedNotifies.isEmpty() && receiptNotifies.isEmpty()
            && closeDevices.isEmpty() && closeUsers.isEmpty() && reopenUsers.isEmpty();
    }
};

} // namespace natter::server
