// What the group tests against a real natterd share: signed-in users made
// on first use, and the group requests they send.
#pragma once

#include "tst_natterd_harness.h"

#include <map>

namespace natter::test {

// A signed-in protocol client.
struct User
{
    std::unique_ptr<Client> c = std::make_unique<Client>();
    quint64 id = 0;
    std::string name;
    std::string token;
};

inline std::string nextClientId()
{
    static int clientIds = 0;
    return "c" + std::to_string(++clientIds);
}

inline proto::Envelope createReq(const std::string &name, const std::vector<std::string> &members,
    proto::JoinPolicy join = proto::JOIN_INVITE,
    proto::HistoryPolicy history = proto::HISTORY_JOINED)
{
    proto::Envelope env;
    auto *r = env.mutable_group_create();
    r->set_client_id(nextClientId());
    r->set_name(name);
    for (const std::string &m : members)
        r->add_members(m);
    r->set_join(join);
    r->set_history(history);
    return env;
}

inline proto::Envelope actionReq(quint64 group, quint64 baseVersion = 0)
{
    proto::Envelope env;
    auto *r = env.mutable_group_action();
    r->set_client_id(nextClientId());
    r->set_conversation_id(group);
    r->set_base_version(baseVersion);
    return env;
}

inline proto::Envelope infoReq(quint64 group)
{
    proto::Envelope env;
    env.mutable_group_info_request()->set_conversation_id(group);
    return env;
}

inline proto::Envelope markReadReq(quint64 group, quint64 seq)
{
    proto::Envelope env;
    env.mutable_mark_read()->set_conversation_id(group);
    env.mutable_mark_read()->set_seq(seq);
    return env;
}

// Users of one natterd, registered (password123) when first named.
class Users
{
public:
    explicit Users(Natterd &server)
        : m_server(server)
    {
    }

    User &operator()(const std::string &name)
    {
        User &u = m_users[name];
        if (u.id == 0) {
            u.name = name;
            if (!u.c->open(m_server.url()))
                qFatal("cannot connect");
            const proto::Envelope r = u.c->call(registerReq(name));
            if (!r.has_auth())
                qFatal("cannot register %s", name.c_str());
            u.id = r.auth().user_id();
            u.token = r.auth().token();
        }
        return u;
    }

private:
    Natterd &m_server;
    std::map<std::string, User> m_users;
};

inline quint64 createGroup(User &owner, const std::string &name,
    const std::vector<std::string> &members, proto::JoinPolicy join = proto::JOIN_INVITE,
    proto::HistoryPolicy history = proto::HISTORY_JOINED)
{
    const proto::Envelope r = owner.c->call(createReq(name, members, join, history));
    if (!r.has_ack())
        qFatal("create failed: %s", r.error().message().c_str());
    return r.ack().conversation_id();
}

// A group action filled in by `fill` (base version 0: no check).
template<typename Fill> proto::Envelope groupAct(User &u, quint64 group, Fill fill)
{
    proto::Envelope req = actionReq(group);
    fill(req.mutable_group_action());
    return u.c->call(req);
}

} // namespace natter::test
