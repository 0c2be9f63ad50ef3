// natter-cli's command line: the help text (every command) and the options.
#include "CliJson.h"

#include <QCommandLineParser>

namespace natter::cli {

namespace {

const char *kDescription = R"(Natter command-line client: a headless client on the same core as the
desktop app, for scripts, bots and tests. The profile is encrypted; its
passphrase comes from the NATTER_PASSPHRASE environment variable.

A conversation is @USER (the direct chat with USER; send starts one), #ID
(its id, as `conversations` prints it) or #NAME (a group of yours, when
that name is unique among them).

Commands:
  register USER PASSWORD [--device NAME]  create an account (new profile)
  login USER PASSWORD [--device NAME]     add this profile as a device of USER
  send @USER|#ID TEXT [--offline] [--reply-to SEQ]
                                          queue a message; without --offline
                                          also connect and wait until acked
  send @USER|#ID - [--offline]            each line of stdin is one message;
                                          @name and @all (groups) mention
  sync                                    connect, pull until caught up, exit
  history @USER|#ID [--limit N]           local history as JSON lines
  conversations                           local conversation list, JSON lines
  read @USER|#ID                          mark the conversation read
  receipts @USER|#ID SEQ                  who has and who read a message of
                                          yours: {"read","of","by",...}
  settings [--receipts on|off] [--presence on|off] [--searchable on|off]
        [--messages everyone|friends]     your privacy settings; change any
  friend request @USER [--note TEXT]      ask to be friends (asking one who
                                          asked you accepts)
  friend accept|decline|cancel|remove|block|unblock @USER
  friend requests                         pending requests, both ways
  friends                                 your friends, with presence
  contacts                                every relation this profile knows
                                          (friends, requests, blocks)
  users search TEXT [--limit N]           users by name or display name
  profile [@USER]                         a user's profile (yours without one)
  profile set [--name NAME] [--status TEXT]
  listen                                  stay connected, print each new
                                          event as a JSON line
  devices                                 this account's devices, JSON lines
  group create NAME [--members @a,@b] [--join open|approval|invite]
        [--history joined|all]            create a group (you are its owner);
                                          --offline: here now, on the server
                                          at the next connection
  group info #G | members #G              the group as the server has it
  group invite #G @USER... | kick #G @USER | leave #G | dissolve #G
  group transfer #G @USER | admin #G @USER [--remove]
  group search TEXT                       open groups by name
  group join #G [--note TEXT]             join (open) or ask to (by approval)
  group requests #G | approve #G @USER | decline #G @USER
  group remark #G TEXT | nickname #G NICK your note on it; your name in it
  group mentions #G [--all]               who may @all: admins, or (--all)
                                          every member of a small group
  group announce #G TEXT | rename #G NAME change the group (queued in the
                                          outbox; refused if it changed
                                          meanwhile or you may not)
  logout                                  revoke this device on the server
  key                                     print the store's raw key (hex))";

} // namespace

void describe(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QString::fromLatin1(kDescription));
    parser.addHelpOption();
    parser.addOptions({
        { QStringLiteral("profile"), QStringLiteral("Profile directory (required)."),
            QStringLiteral("DIR") },
        { QStringLiteral("server"),
            QStringLiteral("Server URL, e.g. ws://127.0.0.1:7070 (register/login; "
                           "later runs use the saved one)."),
            QStringLiteral("URL") },
        { QStringLiteral("device"), QStringLiteral("Device name (register/login)."),
            QStringLiteral("NAME") },
        { QStringLiteral("limit"),
            QStringLiteral("Number of messages (history) or users (users search)."),
            QStringLiteral("N"), QStringLiteral("100") },
        { QStringLiteral("offline"),
            QStringLiteral("Only queue locally (send, read, group and friend changes, profile "
                           "set, settings changes); only the local store (friends, contacts, "
                           "friend requests, settings).") },
        { QStringLiteral("reply-to"),
            QStringLiteral("The seq of the message this one replies to (send)."),
            QStringLiteral("SEQ") },
        { QStringLiteral("trust-cert"),
            QStringLiteral("PEM certificate (the server's own or its CA) to trust for wss:// "
                           "besides the system CAs; saved in the profile (\"\" forgets it)."),
            QStringLiteral("FILE") },
        { QStringLiteral("timeout"), QStringLiteral("Seconds to wait for the server (default 60)."),
            QStringLiteral("SECONDS"), QStringLiteral("60") },
        { QStringLiteral("members"), QStringLiteral("Initial members (group create)."),
            QStringLiteral("@a,@b") },
        { QStringLiteral("join"),
            QStringLiteral("Who may join: invite (default), open or approval (group create)."),
            QStringLiteral("POLICY"), QStringLiteral("invite") },
        { QStringLiteral("history"),
            QStringLiteral("What new members see: joined (default) or all (group create)."),
            QStringLiteral("POLICY"), QStringLiteral("joined") },
        { QStringLiteral("remove"), QStringLiteral("Take the admin role away (group admin).") },
        { QStringLiteral("note"),
            QStringLiteral("A note to the admins (group join) or to the user (friend request)."),
            QStringLiteral("TEXT") },
        { QStringLiteral("receipts"), QStringLiteral("Share read receipts: on or off (settings)."),
            QStringLiteral("on|off") },
        { QStringLiteral("presence"),
            QStringLiteral("Show friends when you are online: on or off (settings)."),
            QStringLiteral("on|off") },
        { QStringLiteral("searchable"),
            QStringLiteral("Be found by user search: on or off (settings)."),
            QStringLiteral("on|off") },
        { QStringLiteral("messages"),
            QStringLiteral("Who may message you directly: everyone or friends (settings)."),
            QStringLiteral("WHO") },
        { QStringLiteral("name"), QStringLiteral("Your display name (profile set)."),
            QStringLiteral("NAME") },
        { QStringLiteral("status"), QStringLiteral("Your status line (profile set)."),
            QStringLiteral("TEXT") },
        { QStringLiteral("all"), QStringLiteral("Every member may @all (group mentions).") },
    });
}

} // namespace natter::cli
