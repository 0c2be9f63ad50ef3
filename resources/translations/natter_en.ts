<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ChatView</name>
    <message>
        <location filename="../../qml/components/ChatView.qml" line="65"/>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../qml/components/ChatView.qml" line="67"/>
        <source>Yesterday</source>
        <translation>Yesterday</translation>
    </message>
    <message>
        <location filename="../../qml/components/ChatView.qml" line="121"/>
        <location filename="../../qml/components/ChatView.qml" line="123"/>
        <source>Group info</source>
        <translation>Group info</translation>
    </message>
    <message>
        <location filename="../../qml/components/ChatView.qml" line="261"/>
        <source>Older history not loaded yet — it arrives when the server is reachable.</source>
        <translation>Older history not loaded yet — it arrives when the server is reachable.</translation>
    </message>
    <message>
        <location filename="../../qml/components/ChatView.qml" line="329"/>
        <location filename="../../qml/components/ChatView.qml" line="331"/>
        <source>Jump to latest</source>
        <translation>Jump to latest</translation>
    </message>
    <message>
        <location filename="../../qml/components/ChatView.qml" line="343"/>
        <source>No messages yet. Say hello!</source>
        <translation>No messages yet. Say hello!</translation>
    </message>
    <message>
        <location filename="../../qml/components/ChatView.qml" line="363"/>
        <source>Dismiss</source>
        <translation>Dismiss</translation>
    </message>
    <message>
        <location filename="../../qml/components/ChatView.qml" line="377"/>
        <source>This group was dissolved. Its history stays here.</source>
        <translation>This group was dissolved. Its history stays here.</translation>
    </message>
    <message>
        <location filename="../../qml/components/ChatView.qml" line="378"/>
        <source>You are no longer a member of this group. What came before stays here.</source>
        <translation>You are no longer a member of this group. What came before stays here.</translation>
    </message>
    <message>
        <location filename="../../qml/components/ChatView.qml" line="404"/>
        <source>Pick a conversation, or start a new one with Ctrl+N.
Ctrl+K jumps to a conversation.</source>
        <translation>Pick a conversation, or start a new one with Ctrl+N.
Ctrl+K jumps to a conversation.</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../../qml/components/Composer.qml" line="128"/>
        <location filename="../../qml/components/Composer.qml" line="129"/>
        <source>Insert emoji</source>
        <translation>Insert emoji</translation>
    </message>
    <message>
        <location filename="../../qml/components/Composer.qml" line="152"/>
        <source>Write a message…</source>
        <translation>Write a message…</translation>
    </message>
    <message>
        <location filename="../../qml/components/Composer.qml" line="155"/>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <location filename="../../qml/components/Composer.qml" line="223"/>
        <source>@all — everyone in the group</source>
        <translation>@all — everyone in the group</translation>
    </message>
    <message>
        <location filename="../../qml/components/Composer.qml" line="241"/>
        <source>Send (Enter)</source>
        <translation>Send (Enter)</translation>
    </message>
    <message>
        <location filename="../../qml/components/Composer.qml" line="242"/>
        <source>Send</source>
        <translation>Send</translation>
    </message>
</context>
<context>
    <name>ConnectionBar</name>
    <message>
        <location filename="../../qml/components/ConnectionBar.qml" line="17"/>
        <source>Connected</source>
        <translation>Connected</translation>
    </message>
    <message>
        <location filename="../../qml/components/ConnectionBar.qml" line="18"/>
        <source>Connecting…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <location filename="../../qml/components/ConnectionBar.qml" line="19"/>
        <source>Signed out on the server</source>
        <translation>Signed out on the server</translation>
    </message>
    <message>
        <location filename="../../qml/components/ConnectionBar.qml" line="20"/>
        <source>Offline — reading and writing still work</source>
        <translation>Offline — reading and writing still work</translation>
    </message>
    <message numerus="yes">
        <location filename="../../qml/components/ConnectionBar.qml" line="61"/>
        <source>%1 · %n waiting to send</source>
        <translation>
            <numerusform>%1 · %n waiting to send</numerusform>
            <numerusform>%1 · %n waiting to send</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConversationList</name>
    <message>
        <location filename="../../qml/components/ConversationList.qml" line="50"/>
        <source>Chats</source>
        <translation>Chats</translation>
    </message>
    <message>
        <location filename="../../qml/components/ConversationList.qml" line="60"/>
        <source>New chat</source>
        <translation>New chat</translation>
    </message>
    <message>
        <location filename="../../qml/components/ConversationList.qml" line="62"/>
        <source>New chat (Ctrl+N)</source>
        <translation>New chat (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../qml/components/ConversationList.qml" line="69"/>
        <source>People</source>
        <translation>People</translation>
    </message>
    <message>
        <location filename="../../qml/components/ConversationList.qml" line="71"/>
        <source>Friends and requests (Ctrl+P)</source>
        <translation>Friends and requests (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../qml/components/ConversationList.qml" line="83"/>
        <source>Groups</source>
        <translation>Groups</translation>
    </message>
    <message>
        <location filename="../../qml/components/ConversationList.qml" line="85"/>
        <source>New group or join one</source>
        <translation>New group or join one</translation>
    </message>
    <message>
        <location filename="../../qml/components/ConversationList.qml" line="98"/>
        <source>New group…</source>
        <translation>New group…</translation>
    </message>
    <message>
        <location filename="../../qml/components/ConversationList.qml" line="103"/>
        <source>Find a group to join…</source>
        <translation>Find a group to join…</translation>
    </message>
    <message>
        <location filename="../../qml/components/ConversationList.qml" line="112"/>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../qml/components/ConversationList.qml" line="114"/>
        <source>Settings (Ctrl+,)</source>
        <translation>Settings (Ctrl+,)</translation>
    </message>
    <message>
        <location filename="../../qml/components/ConversationList.qml" line="208"/>
        <source>Waiting to be sent</source>
        <translation>Waiting to be sent</translation>
    </message>
    <message>
        <location filename="../../qml/components/ConversationList.qml" line="209"/>
        <source>History not loaded yet</source>
        <translation>History not loaded yet</translation>
    </message>
    <message>
        <location filename="../../qml/components/ConversationList.qml" line="209"/>
        <source>No messages yet</source>
        <translation>No messages yet</translation>
    </message>
    <message>
        <location filename="../../qml/components/ConversationList.qml" line="210"/>
        <source>You: %1</source>
        <translation>You: %1</translation>
    </message>
    <message>
        <location filename="../../qml/components/ConversationList.qml" line="212"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../../qml/components/ConversationList.qml" line="236"/>
        <source>You were mentioned</source>
        <translation>You were mentioned</translation>
    </message>
    <message numerus="yes">
        <location filename="../../qml/components/ConversationList.qml" line="257"/>
        <source>%n unread</source>
        <translation>
            <numerusform>%n unread</numerusform>
            <numerusform>%n unread</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../qml/components/ConversationList.qml" line="271"/>
        <source>No conversations yet.
Start one with Ctrl+N.</source>
        <translation>No conversations yet.
Start one with Ctrl+N.</translation>
    </message>
</context>
<context>
    <name>GroupInfoPanel</name>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="32"/>
        <source>Owner</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="32"/>
        <source>Admin</source>
        <translation>Admin</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="46"/>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../qml/components/GroupInfoPanel.qml" line="56"/>
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n member</numerusform>
            <numerusform>%n members</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../qml/components/GroupInfoPanel.qml" line="57"/>
        <source>%n online</source>
        <translation>
            <numerusform>%n online</numerusform>
            <numerusform>%n online</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="58"/>
        <source>anyone may join</source>
        <translation>anyone may join</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="59"/>
        <source>joining needs an admin&apos;s approval</source>
        <translation>joining needs an admin&apos;s approval</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="60"/>
        <source>invitation only</source>
        <translation>invitation only</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="80"/>
        <source>Announcement</source>
        <translation>Announcement</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="93"/>
        <source>Pinned for every member</source>
        <translation>Pinned for every member</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="93"/>
        <source>None</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="98"/>
        <source>Save announcement</source>
        <translation>Save announcement</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="105"/>
        <source>Every member may @all (groups up to 100)</source>
        <translation>Every member may @all (groups up to 100)</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="113"/>
        <source>You in this group</source>
        <translation>You in this group</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="126"/>
        <source>Your nickname here</source>
        <translation>Your nickname here</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="130"/>
        <source>Set</source>
        <translation>Set</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="140"/>
        <source>A private note (only you see it)</source>
        <translation>A private note (only you see it)</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="144"/>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="154"/>
        <source>Group name</source>
        <translation>Group name</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="158"/>
        <source>Rename</source>
        <translation>Rename</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="168"/>
        <source>Asking to join</source>
        <translation>Asking to join</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="193"/>
        <source>Approve</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="198"/>
        <source>Decline</source>
        <translation>Decline</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="207"/>
        <source>Members</source>
        <translation>Members</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="220"/>
        <source>Invite (user names)</source>
        <translation>Invite (user names)</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="227"/>
        <source>Invite</source>
        <translation>Invite</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="272"/>
        <source>Remove as admin</source>
        <translation>Remove as admin</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="273"/>
        <source>Make admin</source>
        <translation>Make admin</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="280"/>
        <source>Hand the group over</source>
        <translation>Hand the group over</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="284"/>
        <source>Remove from the group</source>
        <translation>Remove from the group</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="299"/>
        <source>Leave the group</source>
        <translation>Leave the group</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="305"/>
        <source>Dissolve the group</source>
        <translation>Dissolve the group</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="316"/>
        <source>Dissolve the group?</source>
        <translation>Dissolve the group?</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="319"/>
        <source>Nobody can write in it any more; everyone keeps the history.</source>
        <translation>Nobody can write in it any more; everyone keeps the history.</translation>
    </message>
</context>
<context>
    <name>JoinGroupDialog</name>
    <message>
        <location filename="../../qml/components/JoinGroupDialog.qml" line="14"/>
        <source>Find a group</source>
        <translation>Find a group</translation>
    </message>
    <message>
        <location filename="../../qml/components/JoinGroupDialog.qml" line="37"/>
        <source>Request sent: an admin of the group decides.</source>
        <translation>Request sent: an admin of the group decides.</translation>
    </message>
    <message>
        <location filename="../../qml/components/JoinGroupDialog.qml" line="48"/>
        <source>Group name</source>
        <translation>Group name</translation>
    </message>
    <message>
        <location filename="../../qml/components/JoinGroupDialog.qml" line="55"/>
        <source>A note to the admins (groups by approval)</source>
        <translation>A note to the admins (groups by approval)</translation>
    </message>
    <message>
        <location filename="../../qml/components/JoinGroupDialog.qml" line="81"/>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../qml/components/JoinGroupDialog.qml" line="81"/>
        <source>By approval</source>
        <translation>By approval</translation>
    </message>
    <message numerus="yes">
        <location filename="../../qml/components/JoinGroupDialog.qml" line="82"/>
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n member</numerusform>
            <numerusform>%n members</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../qml/components/JoinGroupDialog.qml" line="88"/>
        <source>Joined</source>
        <translation>Joined</translation>
    </message>
    <message>
        <location filename="../../qml/components/JoinGroupDialog.qml" line="89"/>
        <source>Join</source>
        <translation>Join</translation>
    </message>
    <message>
        <location filename="../../qml/components/JoinGroupDialog.qml" line="89"/>
        <source>Ask to join</source>
        <translation>Ask to join</translation>
    </message>
    <message>
        <location filename="../../qml/components/JoinGroupDialog.qml" line="98"/>
        <source>No open group by that name.</source>
        <translation>No open group by that name.</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../../qml/Main.qml" line="18"/>
        <source>Natter (%1)</source>
        <translation>Natter (%1)</translation>
    </message>
    <message>
        <location filename="../../qml/Main.qml" line="18"/>
        <source>Natter</source>
        <translation>Natter</translation>
    </message>
    <message>
        <location filename="../../qml/Main.qml" line="58"/>
        <source>Opening your conversations…</source>
        <translation>Opening your conversations…</translation>
    </message>
</context>
<context>
    <name>MainPage</name>
    <message>
        <location filename="../../qml/pages/MainPage.qml" line="116"/>
        <source>Connecting…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <location filename="../../qml/pages/MainPage.qml" line="117"/>
        <source>Offline — messages are sent when the connection returns</source>
        <translation>Offline — messages are sent when the connection returns</translation>
    </message>
</context>
<context>
    <name>MessageDelegate</name>
    <message>
        <location filename="../../qml/components/MessageDelegate.qml" line="175"/>
        <source>Read by everyone</source>
        <translation>Read by everyone</translation>
    </message>
    <message>
        <location filename="../../qml/components/MessageDelegate.qml" line="176"/>
        <source>Read by %1 of %2</source>
        <translation>Read by %1 of %2</translation>
    </message>
    <message>
        <location filename="../../qml/components/MessageDelegate.qml" line="190"/>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../qml/components/MessageDelegate.qml" line="204"/>
        <source>Not sent: %1</source>
        <translation>Not sent: %1</translation>
    </message>
    <message>
        <location filename="../../qml/components/MessageDelegate.qml" line="204"/>
        <source>Not sent</source>
        <translation>Not sent</translation>
    </message>
    <message>
        <location filename="../../qml/components/MessageDelegate.qml" line="215"/>
        <source>Retry</source>
        <translation>Retry</translation>
    </message>
</context>
<context>
    <name>NewChatDialog</name>
    <message>
        <location filename="../../qml/components/NewChatDialog.qml" line="11"/>
        <source>New chat</source>
        <translation>New chat</translation>
    </message>
    <message>
        <location filename="../../qml/components/NewChatDialog.qml" line="34"/>
        <source>This user name is not valid.</source>
        <translation>This user name is not valid.</translation>
    </message>
    <message>
        <location filename="../../qml/components/NewChatDialog.qml" line="44"/>
        <source>Whom do you want to write to?</source>
        <translation>Whom do you want to write to?</translation>
    </message>
    <message>
        <location filename="../../qml/components/NewChatDialog.qml" line="52"/>
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../qml/components/NewChatDialog.qml" line="65"/>
        <source>Open chat</source>
        <translation>Open chat</translation>
    </message>
</context>
<context>
    <name>NewGroupDialog</name>
    <message>
        <location filename="../../qml/components/NewGroupDialog.qml" line="12"/>
        <source>New group</source>
        <translation>New group</translation>
    </message>
    <message>
        <location filename="../../qml/components/NewGroupDialog.qml" line="53"/>
        <source>Group name</source>
        <translation>Group name</translation>
    </message>
    <message>
        <location filename="../../qml/components/NewGroupDialog.qml" line="61"/>
        <source>Members (user names, separated by commas)</source>
        <translation>Members (user names, separated by commas)</translation>
    </message>
    <message>
        <location filename="../../qml/components/NewGroupDialog.qml" line="65"/>
        <source>Who may join</source>
        <translation>Who may join</translation>
    </message>
    <message>
        <location filename="../../qml/components/NewGroupDialog.qml" line="70"/>
        <source>Only people the admins invite</source>
        <translation>Only people the admins invite</translation>
    </message>
    <message>
        <location filename="../../qml/components/NewGroupDialog.qml" line="70"/>
        <source>Anyone who asks, once an admin approves</source>
        <translation>Anyone who asks, once an admin approves</translation>
    </message>
    <message>
        <location filename="../../qml/components/NewGroupDialog.qml" line="71"/>
        <source>Anyone who finds it</source>
        <translation>Anyone who finds it</translation>
    </message>
    <message>
        <location filename="../../qml/components/NewGroupDialog.qml" line="73"/>
        <source>What new members see</source>
        <translation>What new members see</translation>
    </message>
    <message>
        <location filename="../../qml/components/NewGroupDialog.qml" line="78"/>
        <source>Messages from when they join</source>
        <translation>Messages from when they join</translation>
    </message>
    <message>
        <location filename="../../qml/components/NewGroupDialog.qml" line="78"/>
        <source>The whole history</source>
        <translation>The whole history</translation>
    </message>
    <message>
        <location filename="../../qml/components/NewGroupDialog.qml" line="89"/>
        <source>Creating…</source>
        <translation>Creating…</translation>
    </message>
    <message>
        <location filename="../../qml/components/NewGroupDialog.qml" line="89"/>
        <source>Create group</source>
        <translation>Create group</translation>
    </message>
</context>
<context>
    <name>PeopleDialog</name>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="17"/>
        <source>People</source>
        <translation>People</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="37"/>
        <source>presence hidden</source>
        <translation>presence hidden</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="39"/>
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="41"/>
        <source>last seen %1</source>
        <translation>last seen %1</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="76"/>
        <source>Friends (%1)</source>
        <translation>Friends (%1)</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="79"/>
        <source>Requests (%1)</source>
        <translation>Requests (%1)</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="80"/>
        <source>Requests</source>
        <translation>Requests</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="82"/>
        <source>Find people</source>
        <translation>Find people</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="83"/>
        <source>Blocked</source>
        <translation>Blocked</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="112"/>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="118"/>
        <source>No friends yet: find people to add them.</source>
        <translation>No friends yet: find people to add them.</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="132"/>
        <source>asks: “%1”</source>
        <translation>asks: “%1”</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="133"/>
        <source>asks to be your friend</source>
        <translation>asks to be your friend</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="134"/>
        <source>waiting for an answer</source>
        <translation>waiting for an answer</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="136"/>
        <location filename="../../qml/components/PeopleDialog.qml" line="189"/>
        <source>Accept</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="136"/>
        <source>Decline</source>
        <translation>Decline</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="136"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="143"/>
        <source>No friend requests.</source>
        <translation>No friend requests.</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="155"/>
        <source>Name or display name (2 letters or more)</source>
        <translation>Name or display name (2 letters or more)</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="170"/>
        <source>A note with your request (optional)</source>
        <translation>A note with your request (optional)</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="182"/>
        <source>friend</source>
        <translation>friend</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="183"/>
        <source>request sent</source>
        <translation>request sent</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="184"/>
        <source>asked you</source>
        <translation>asked you</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="188"/>
        <source>Add friend</source>
        <translation>Add friend</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="197"/>
        <source>Nobody found.</source>
        <translation>Nobody found.</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="211"/>
        <source>cannot message you or ask to be your friend</source>
        <translation>cannot message you or ask to be your friend</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="213"/>
        <source>Unblock</source>
        <translation>Unblock</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="219"/>
        <source>Nobody is blocked.</source>
        <translation>Nobody is blocked.</translation>
    </message>
</context>
<context>
    <name>ProfileCard</name>
    <message>
        <location filename="../../qml/components/ProfileCard.qml" line="72"/>
        <source>presence hidden</source>
        <translation>presence hidden</translation>
    </message>
    <message>
        <location filename="../../qml/components/ProfileCard.qml" line="73"/>
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <location filename="../../qml/components/ProfileCard.qml" line="75"/>
        <source>last seen %1</source>
        <translation>last seen %1</translation>
    </message>
    <message>
        <location filename="../../qml/components/ProfileCard.qml" line="77"/>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <location filename="../../qml/components/ProfileCard.qml" line="92"/>
        <source>This is you: change your name and status in the settings.</source>
        <translation>This is you: change your name and status in the settings.</translation>
    </message>
    <message>
        <location filename="../../qml/components/ProfileCard.qml" line="99"/>
        <source>Their note: “%1”</source>
        <translation>Their note: “%1”</translation>
    </message>
    <message>
        <location filename="../../qml/components/ProfileCard.qml" line="107"/>
        <source>A note with your request (optional)</source>
        <translation>A note with your request (optional)</translation>
    </message>
    <message>
        <location filename="../../qml/components/ProfileCard.qml" line="125"/>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <location filename="../../qml/components/ProfileCard.qml" line="132"/>
        <source>Add friend</source>
        <translation>Add friend</translation>
    </message>
    <message>
        <location filename="../../qml/components/ProfileCard.qml" line="138"/>
        <source>Accept</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location filename="../../qml/components/ProfileCard.qml" line="143"/>
        <source>Decline</source>
        <translation>Decline</translation>
    </message>
    <message>
        <location filename="../../qml/components/ProfileCard.qml" line="149"/>
        <source>Cancel request</source>
        <translation>Cancel request</translation>
    </message>
    <message>
        <location filename="../../qml/components/ProfileCard.qml" line="156"/>
        <source>Remove friend</source>
        <translation>Remove friend</translation>
    </message>
    <message>
        <location filename="../../qml/components/ProfileCard.qml" line="162"/>
        <source>Unblock</source>
        <translation>Unblock</translation>
    </message>
    <message>
        <location filename="../../qml/components/ProfileCard.qml" line="162"/>
        <source>Block</source>
        <translation>Block</translation>
    </message>
</context>
<context>
    <name>QuickSwitcher</name>
    <message>
        <location filename="../../qml/components/QuickSwitcher.qml" line="107"/>
        <source>Jump to a conversation…</source>
        <translation>Jump to a conversation…</translation>
    </message>
    <message>
        <location filename="../../qml/components/QuickSwitcher.qml" line="127"/>
        <source>No conversations yet.</source>
        <translation>No conversations yet.</translation>
    </message>
    <message>
        <location filename="../../qml/components/QuickSwitcher.qml" line="127"/>
        <source>No conversation matches.</source>
        <translation>No conversation matches.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="52"/>
        <source>Certificate</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="60"/>
        <source>PEM file to trust (empty: authorities only)</source>
        <translation>PEM file to trust (empty: authorities only)</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="66"/>
        <source>Trust</source>
        <translation>Trust</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="15"/>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="31"/>
        <source>never seen</source>
        <translation>never seen</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="32"/>
        <source>last seen %1</source>
        <translation>last seen %1</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="43"/>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="48"/>
        <source>User</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="50"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="71"/>
        <source>This device</source>
        <translation>This device</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="86"/>
        <source>Profile</source>
        <translation>Profile</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="88"/>
        <source>What your friends and people who find you see besides your user name.</source>
        <translation>What your friends and people who find you see besides your user name.</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="98"/>
        <source>Display name</source>
        <translation>Display name</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="106"/>
        <source>Status line, e.g. “on holiday until Monday”</source>
        <translation>Status line, e.g. “on holiday until Monday”</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="122"/>
        <source>Save profile</source>
        <translation>Save profile</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="131"/>
        <source>Theme</source>
        <translation>Theme</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="135"/>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="140"/>
        <source>Light</source>
        <translation>Light</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="145"/>
        <source>Dark</source>
        <translation>Dark</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="153"/>
        <source>Privacy</source>
        <translation>Privacy</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="156"/>
        <source>Send read receipts</source>
        <translation>Send read receipts</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="162"/>
        <source>When this is off, nobody sees when you have read their messages, and you do not see when others have read yours.</source>
        <translation>When this is off, nobody sees when you have read their messages, and you do not see when others have read yours.</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="169"/>
        <source>Show friends when I am online</source>
        <translation>Show friends when I am online</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="175"/>
        <source>When this is off, your friends do not see when you are online or were last seen, and you do not see theirs.</source>
        <translation>When this is off, your friends do not see when you are online or were last seen, and you do not see theirs.</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="182"/>
        <source>Let people find me by name</source>
        <translation>Let people find me by name</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="189"/>
        <source>Only friends may message me</source>
        <translation>Only friends may message me</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="195"/>
        <source>Others can still ask to be your friend; group chats are not affected.</source>
        <translation>Others can still ask to be your friend; group chats are not affected.</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="210"/>
        <source>Devices</source>
        <translation>Devices</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="212"/>
        <source>Every device with your account. Revoke a device you no longer use or have lost; it is signed out and cannot read new messages.</source>
        <translation>Every device with your account. Revoke a device you no longer use or have lost; it is signed out and cannot read new messages.</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="244"/>
        <source>%1 (this device)</source>
        <translation>%1 (this device)</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="251"/>
        <source>revoked</source>
        <translation>revoked</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="258"/>
        <source>Revoke</source>
        <translation>Revoke</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="272"/>
        <source>Log out</source>
        <translation>Log out</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="285"/>
        <source>Revoke device?</source>
        <translation>Revoke device?</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="288"/>
        <source>&quot;%1&quot; will be signed out and will no longer receive messages.</source>
        <translation>&quot;%1&quot; will be signed out and will no longer receive messages.</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="299"/>
        <source>Log out?</source>
        <translation>Log out?</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="302"/>
        <source>You will need your password to log in again on this device.</source>
        <translation>You will need your password to log in again on this device.</translation>
    </message>
</context>
<context>
    <name>SetupPage</name>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="119"/>
        <source>Server certificate (only for a self-hosted server whose certificate no authority signed)</source>
        <translation>Server certificate (only for a self-hosted server whose certificate no authority signed)</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="130"/>
        <source>Path of its PEM file, e.g. /home/me/natterd.pem</source>
        <translation>Path of its PEM file, e.g. /home/me/natterd.pem</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="23"/>
        <source>Please fill in the server, user name and password.</source>
        <translation>Please fill in the server, user name and password.</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="27"/>
        <source>Please give this device a name.</source>
        <translation>Please give this device a name.</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="31"/>
        <source>The two passwords differ.</source>
        <translation>The two passwords differ.</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="36"/>
        <source>Please choose a passphrase.</source>
        <translation>Please choose a passphrase.</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="40"/>
        <source>The two passphrases differ.</source>
        <translation>The two passphrases differ.</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="84"/>
        <source>Welcome to Natter</source>
        <translation>Welcome to Natter</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="90"/>
        <source>Your messages live on this computer and sync when you are online.</source>
        <translation>Your messages live on this computer and sync when you are online.</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="103"/>
        <location filename="../../qml/pages/SetupPage.qml" line="260"/>
        <source>Log in</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="104"/>
        <location filename="../../qml/pages/SetupPage.qml" line="260"/>
        <source>Create account</source>
        <translation>Create account</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="107"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="136"/>
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="146"/>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="152"/>
        <source>At least 8 characters</source>
        <translation>At least 8 characters</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="162"/>
        <source>Repeat the password</source>
        <translation>Repeat the password</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="167"/>
        <source>Device name</source>
        <translation>Device name</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="60"/>
        <source>My computer</source>
        <translation>My computer</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="177"/>
        <source>Key storage</source>
        <translation>Key storage</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="183"/>
        <source>Messages are stored encrypted on this computer: the system keychain can hold the key and unlock it with your login, or you type a passphrase at every start.</source>
        <translation>Messages are stored encrypted on this computer: the system keychain can hold the key and unlock it with your login, or you type a passphrase at every start.</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="191"/>
        <source>Keep the key in the system keychain</source>
        <translation>Keep the key in the system keychain</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="198"/>
        <source>Protect with a passphrase</source>
        <translation>Protect with a passphrase</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="204"/>
        <source>No system keychain answered, so the key cannot be stored there: a passphrase is required.</source>
        <translation>No system keychain answered, so the key cannot be stored there: a passphrase is required.</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="215"/>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="225"/>
        <source>Repeat the passphrase</source>
        <translation>Repeat the passphrase</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="231"/>
        <source>There is no way to recover a forgotten passphrase.</source>
        <translation>There is no way to recover a forgotten passphrase.</translation>
    </message>
</context>
<context>
    <name>SystemLine</name>
    <message>
        <location filename="../../qml/components/SystemLine.qml" line="20"/>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../qml/components/SystemLine.qml" line="22"/>
        <source>%1 created the group “%2”</source>
        <translation>%1 created the group “%2”</translation>
    </message>
    <message>
        <location filename="../../qml/components/SystemLine.qml" line="23"/>
        <source>%1 added %2</source>
        <translation>%1 added %2</translation>
    </message>
    <message>
        <location filename="../../qml/components/SystemLine.qml" line="24"/>
        <source>%1 removed %2</source>
        <translation>%1 removed %2</translation>
    </message>
    <message>
        <location filename="../../qml/components/SystemLine.qml" line="25"/>
        <source>%1 left the group</source>
        <translation>%1 left the group</translation>
    </message>
    <message>
        <location filename="../../qml/components/SystemLine.qml" line="27"/>
        <source>%1 made %2 an admin</source>
        <translation>%1 made %2 an admin</translation>
    </message>
    <message>
        <location filename="../../qml/components/SystemLine.qml" line="28"/>
        <source>%1 made %2 a member</source>
        <translation>%1 made %2 a member</translation>
    </message>
    <message>
        <location filename="../../qml/components/SystemLine.qml" line="29"/>
        <source>%1 handed the group over to %2</source>
        <translation>%1 handed the group over to %2</translation>
    </message>
    <message>
        <location filename="../../qml/components/SystemLine.qml" line="30"/>
        <source>%1 renamed the group to “%2”</source>
        <translation>%1 renamed the group to “%2”</translation>
    </message>
    <message>
        <location filename="../../qml/components/SystemLine.qml" line="32"/>
        <source>%1 cleared the announcement</source>
        <translation>%1 cleared the announcement</translation>
    </message>
    <message>
        <location filename="../../qml/components/SystemLine.qml" line="33"/>
        <source>%1 changed the announcement</source>
        <translation>%1 changed the announcement</translation>
    </message>
    <message>
        <location filename="../../qml/components/SystemLine.qml" line="34"/>
        <source>%1 dissolved the group</source>
        <translation>%1 dissolved the group</translation>
    </message>
    <message>
        <location filename="../../qml/components/SystemLine.qml" line="36"/>
        <source>%1 joined the group</source>
        <translation>%1 joined the group</translation>
    </message>
    <message>
        <location filename="../../qml/components/SystemLine.qml" line="37"/>
        <source>%1 let %2 join the group</source>
        <translation>%1 let %2 join the group</translation>
    </message>
    <message>
        <location filename="../../qml/components/SystemLine.qml" line="39"/>
        <source>%1 cleared their nickname</source>
        <translation>%1 cleared their nickname</translation>
    </message>
    <message>
        <location filename="../../qml/components/SystemLine.qml" line="40"/>
        <source>%1 now goes by “%2” in this group</source>
        <translation>%1 now goes by “%2” in this group</translation>
    </message>
    <message>
        <location filename="../../qml/components/SystemLine.qml" line="42"/>
        <source>%1 let every member mention everyone</source>
        <translation>%1 let every member mention everyone</translation>
    </message>
    <message>
        <location filename="../../qml/components/SystemLine.qml" line="43"/>
        <source>%1 let only admins mention everyone</source>
        <translation>%1 let only admins mention everyone</translation>
    </message>
    <message>
        <location filename="../../qml/components/SystemLine.qml" line="44"/>
        <source>%1 changed the group</source>
        <translation>%1 changed the group</translation>
    </message>
</context>
<context>
    <name>UnlockPage</name>
    <message>
        <location filename="../../qml/pages/UnlockPage.qml" line="35"/>
        <source>Unlock Natter</source>
        <translation>Unlock Natter</translation>
    </message>
    <message>
        <location filename="../../qml/pages/UnlockPage.qml" line="42"/>
        <source>Enter the passphrase that protects %1&apos;s messages on this computer.</source>
        <translation>Enter the passphrase that protects %1&apos;s messages on this computer.</translation>
    </message>
    <message>
        <location filename="../../qml/pages/UnlockPage.qml" line="43"/>
        <source>Enter the passphrase that protects your messages on this computer.</source>
        <translation>Enter the passphrase that protects your messages on this computer.</translation>
    </message>
    <message>
        <location filename="../../qml/pages/UnlockPage.qml" line="54"/>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../../qml/pages/UnlockPage.qml" line="79"/>
        <source>Unlock</source>
        <translation>Unlock</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../../app/desktop/DesktopApp.cpp" line="27"/>
        <source>Natter, a local-first messenger.</source>
        <translation>Natter, a local-first messenger.</translation>
    </message>
    <message>
        <location filename="../../app/desktop/DesktopApp.cpp" line="31"/>
        <source>Profile directory.</source>
        <translation>Profile directory.</translation>
    </message>
    <message>
        <location filename="../../app/desktop/DesktopApp.cpp" line="34"/>
        <source>Never use the system keychain for this profile.</source>
        <translation>Never use the system keychain for this profile.</translation>
    </message>
    <message>
        <location filename="../../app/desktop/DesktopApp.cpp" line="36"/>
        <source>Print the time when the first conversation list frame is shown (for benchmarks).</source>
        <translation>Print the time when the first conversation list frame is shown (for benchmarks).</translation>
    </message>
</context>
<context>
    <name>natter::AppContext</name>
    <message>
        <location filename="../../app/desktop/AppContext.cpp" line="44"/>
        <source>The local store is damaged or not a Natter store (%1).</source>
        <translation>The local store is damaged or not a Natter store (%1).</translation>
    </message>
</context>
<context>
    <name>natter::ChatsController</name>
    <message>
        <location filename="../../app/desktop/chats/ChatsController.cpp" line="108"/>
        <source>“%1” is not a valid user name.</source>
        <translation>“%1” is not a valid user name.</translation>
    </message>
    <message>
        <location filename="../../app/desktop/chats/ChatsController.cpp" line="113"/>
        <source>That is you.</source>
        <translation>That is you.</translation>
    </message>
    <message>
        <location filename="../../app/desktop/chats/ChatsController.cpp" line="141"/>
        <source>The message is too long (%1 characters; the limit is %2).</source>
        <translation>The message is too long (%1 characters; the limit is %2).</translation>
    </message>
</context>
<context>
    <name>natter::DevicesController</name>
    <message>
        <location filename="../../app/desktop/devices/DevicesController.cpp" line="12"/>
        <source>Cannot list the devices: %1</source>
        <translation>Cannot list the devices: %1</translation>
    </message>
</context>
<context>
    <name>natter::EngineHost</name>
    <message>
        <location filename="../../app/desktop/engine/EngineHost.h" line="72"/>
        <source>the local store is not open</source>
        <translation>the local store is not open</translation>
    </message>
    <message>
        <location filename="../../app/desktop/engine/EngineHost.cpp" line="65"/>
        <source>Cannot save the trusted certificate: %1</source>
        <translation>Cannot save the trusted certificate: %1</translation>
    </message>
    <message>
        <location filename="../../app/desktop/engine/EngineHost.cpp" line="103"/>
        <source>Cannot queue the message: %1</source>
        <translation>Cannot queue the message: %1</translation>
    </message>
    <message>
        <location filename="../../app/desktop/engine/EngineHost.cpp" line="188"/>
        <source>Log out failed: %1</source>
        <translation>Log out failed: %1</translation>
    </message>
</context>
<context>
    <name>natter::GroupsController</name>
    <message>
        <location filename="../../app/desktop/groups/GroupsController.cpp" line="28"/>
        <source>Refused: %1</source>
        <translation>Refused: %1</translation>
    </message>
    <message>
        <location filename="../../app/desktop/groups/GroupsController.cpp" line="100"/>
        <location filename="../../app/desktop/groups/GroupsController.cpp" line="242"/>
        <source>A group needs a name.</source>
        <translation>A group needs a name.</translation>
    </message>
    <message>
        <location filename="../../app/desktop/groups/GroupsController.cpp" line="106"/>
        <source>Cannot create the group: %1</source>
        <translation>Cannot create the group: %1</translation>
    </message>
    <message>
        <location filename="../../app/desktop/groups/GroupsController.cpp" line="131"/>
        <source>Cannot load the group: %1</source>
        <translation>Cannot load the group: %1</translation>
    </message>
    <message>
        <location filename="../../app/desktop/groups/GroupsController.cpp" line="155"/>
        <source>Cannot list the requests: %1</source>
        <translation>Cannot list the requests: %1</translation>
    </message>
    <message>
        <location filename="../../app/desktop/groups/GroupsController.cpp" line="173"/>
        <source>Cannot queue the change: %1</source>
        <translation>Cannot queue the change: %1</translation>
    </message>
    <message>
        <location filename="../../app/desktop/groups/GroupsController.cpp" line="288"/>
        <source>Cannot search: %1</source>
        <translation>Cannot search: %1</translation>
    </message>
</context>
<context>
    <name>natter::Notifier</name>
    <message>
        <location filename="../../app/desktop/notifications/Notifier.cpp" line="51"/>
        <location filename="../../app/desktop/notifications/Notifier.cpp" line="96"/>
        <source>Natter</source>
        <translation>Natter</translation>
    </message>
    <message>
        <location filename="../../app/desktop/notifications/Notifier.cpp" line="68"/>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/desktop/notifications/Notifier.cpp" line="96"/>
        <source>Natter — %n unread</source>
        <translation>
            <numerusform>Natter — %n unread</numerusform>
            <numerusform>Natter — %n unread</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>natter::PrivacyController</name>
    <message>
        <location filename="../../app/desktop/privacy/PrivacyController.cpp" line="15"/>
        <location filename="../../app/desktop/privacy/PrivacyController.cpp" line="73"/>
        <source>Cannot change the setting: %1</source>
        <translation>Cannot change the setting: %1</translation>
    </message>
</context>
<context>
    <name>natter::SessionController</name>
    <message>
        <location filename="../../app/desktop/session/SessionController.cpp" line="32"/>
        <source>This device was logged out: %1</source>
        <translation>This device was logged out: %1</translation>
    </message>
    <message>
        <location filename="../../app/desktop/session/SessionController.cpp" line="43"/>
        <source>The keychain is turned off for this profile.</source>
        <translation>The keychain is turned off for this profile.</translation>
    </message>
    <message>
        <location filename="../../app/desktop/session/SessionController.cpp" line="62"/>
        <source>The key of this profile could not be read from the system keychain (%1). Unlock the keychain and restart Natter.</source>
        <translation>The key of this profile could not be read from the system keychain (%1). Unlock the keychain and restart Natter.</translation>
    </message>
    <message>
        <location filename="../../app/desktop/session/SessionController.cpp" line="64"/>
        <source>wrong size</source>
        <translation>wrong size</translation>
    </message>
    <message>
        <location filename="../../app/desktop/session/SessionController.cpp" line="139"/>
        <source>A server certificate is only used with wss://.</source>
        <translation>A server certificate is only used with wss://.</translation>
    </message>
    <message>
        <location filename="../../app/desktop/session/SessionController.cpp" line="142"/>
        <source>Cannot read the certificate file %1: %2</source>
        <translation>Cannot read the certificate file %1: %2</translation>
    </message>
    <message>
        <location filename="../../app/desktop/session/SessionController.cpp" line="146"/>
        <source>%1 holds no PEM certificate.</source>
        <translation>%1 holds no PEM certificate.</translation>
    </message>
    <message>
        <location filename="../../app/desktop/session/SessionController.cpp" line="170"/>
        <source>A user name has 1 to 32 lowercase letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;.</source>
        <translation>A user name has 1 to 32 lowercase letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;.</translation>
    </message>
    <message>
        <location filename="../../app/desktop/session/SessionController.cpp" line="173"/>
        <source>The password needs at least %1 characters.</source>
        <translation>The password needs at least %1 characters.</translation>
    </message>
    <message>
        <location filename="../../app/desktop/session/SessionController.cpp" line="176"/>
        <source>The server address starts with ws:// or wss://.</source>
        <translation>The server address starts with ws:// or wss://.</translation>
    </message>
    <message>
        <location filename="../../app/desktop/session/SessionController.cpp" line="178"/>
        <source>No keychain is available: choose a passphrase.</source>
        <translation>No keychain is available: choose a passphrase.</translation>
    </message>
    <message>
        <location filename="../../app/desktop/session/SessionController.cpp" line="180"/>
        <source>The passphrase needs at least 8 characters.</source>
        <translation>The passphrase needs at least 8 characters.</translation>
    </message>
    <message>
        <location filename="../../app/desktop/session/SessionController.cpp" line="182"/>
        <source>This profile already has an account.</source>
        <translation>This profile already has an account.</translation>
    </message>
    <message>
        <location filename="../../app/desktop/session/SessionController.cpp" line="223"/>
        <source>The system keychain refused the key: %1</source>
        <translation>The system keychain refused the key: %1</translation>
    </message>
    <message>
        <location filename="../../app/desktop/session/SessionController.cpp" line="228"/>
        <source>Cannot write to %1</source>
        <translation>Cannot write to %1</translation>
    </message>
    <message>
        <location filename="../../app/desktop/session/SessionController.cpp" line="245"/>
        <source>Wrong passphrase.</source>
        <translation>Wrong passphrase.</translation>
    </message>
</context>
</TS>
