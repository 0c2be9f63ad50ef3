// Drafts: what the user typed and has not sent, per conversation (the drafts
// table, which only this class writes; local to this device for now). Same
// thread as its Store; throws StoreError.
#pragma once

#include <QString>

namespace natter {

class Database;

class Drafts
{
public:
    explicit Drafts(Database &db);

    QString draft(quint64 conversationId);
    void setDraft(quint64 conversationId, const QString &text); // "" deletes
    // A local conversation became the server's: its draft goes along, unless
    // that one has a draft of its own.
    void move(quint64 from, quint64 to);

private:
    Database &m_db;
};

} // namespace natter
