// Replies: the shapes most requests are answered in, so a module's request
// class only says what to run. An OkResult is a writer op's refusal or its
// fan-out, answered with Ok; readAndReply runs an inline read whose result
// carries an error or what `fill` puts into the reply.
#pragma once

#include "common/Fanout.h"
#include "common/Requester.h"
#include "common/ServiceContext.h"
#include "common/ServiceError.h"

#include <utility>

namespace natter::server {

struct OkResult
{
    ServiceError error;
    Fanout fanout;
};

// Runs op (OkResult(Storage &)) on the writer: a refusal rolls the op back
// and answers the error; else Ok, then the fan-out.
template<typename Op> void submitOk(ServiceContext &ctx, const Requester &who, Op op)
{
    ctx.writer->submit(DbOp { [&ctx, who, op = std::move(op)](Storage &s) {
                                 OkResult r = op(s);
                                 DbOutcome out;
                                 out.rollback = bool(r.error);
                                 out.deliver = [&ctx, who, r = std::move(r)] {
                                     if (r.error)
                                         return who.error(r.error.code, r.error.message);
                                     proto::Envelope env;
                                     env.mutable_ok();
                                     who.reply(std::move(env));
                                     ctx.notify->route(r.fanout);
                                 };
                                 return out;
                             },
        who.onStorageFailure() });
}

// An inline read (Requester::read: the arguments are used in place).
template<typename Read, typename Fill> void readAndReply(const Requester &who, Read read, Fill fill)
{
    who.read(DbOp { [who, read, fill](Storage &s) {
                       auto r = read(s);
                       return DbOutcome { false, [who, fill, r = std::move(r)]() mutable {
                                             if (r.error)
                                                 return who.error(r.error.code, r.error.message);
                                             proto::Envelope env;
                                             fill(env, r);
                                             who.reply(std::move(env));
                                         } };
                   },
        who.onStorageFailure() });
}

} // namespace natter::server
