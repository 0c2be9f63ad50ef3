<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ChatView</name>
    <message>
        <location filename="../../qml/components/ChatView.qml" line="65"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../qml/components/ChatView.qml" line="67"/>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <location filename="../../qml/components/ChatView.qml" line="121"/>
        <location filename="../../qml/components/ChatView.qml" line="123"/>
        <source>Group info</source>
        <translation>群组信息</translation>
    </message>
    <message>
        <location filename="../../qml/components/ChatView.qml" line="261"/>
        <source>Older history not loaded yet — it arrives when the server is reachable.</source>
        <translation>较早的历史记录尚未加载——连上服务器后就会出现。</translation>
    </message>
    <message>
        <location filename="../../qml/components/ChatView.qml" line="329"/>
        <location filename="../../qml/components/ChatView.qml" line="331"/>
        <source>Jump to latest</source>
        <translation>跳到最新消息</translation>
    </message>
    <message>
        <location filename="../../qml/components/ChatView.qml" line="343"/>
        <source>No messages yet. Say hello!</source>
        <translation>还没有消息。打个招呼吧！</translation>
    </message>
    <message>
        <location filename="../../qml/components/ChatView.qml" line="363"/>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../qml/components/ChatView.qml" line="377"/>
        <source>This group was dissolved. Its history stays here.</source>
        <translation>此群组已解散，聊天记录仍保留在这里。</translation>
    </message>
    <message>
        <location filename="../../qml/components/ChatView.qml" line="378"/>
        <source>You are no longer a member of this group. What came before stays here.</source>
        <translation>你已不是此群组的成员，此前的聊天记录仍保留在这里。</translation>
    </message>
    <message>
        <location filename="../../qml/components/ChatView.qml" line="404"/>
        <source>Pick a conversation, or start a new one with Ctrl+N.
Ctrl+K jumps to a conversation.</source>
        <translation>选择一个会话，或按 Ctrl+N 开始新的会话。
按 Ctrl+K 可快速跳转到会话。</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../../qml/components/Composer.qml" line="128"/>
        <location filename="../../qml/components/Composer.qml" line="129"/>
        <source>Insert emoji</source>
        <translation>插入表情</translation>
    </message>
    <message>
        <location filename="../../qml/components/Composer.qml" line="152"/>
        <source>Write a message…</source>
        <translation>输入消息…</translation>
    </message>
    <message>
        <location filename="../../qml/components/Composer.qml" line="155"/>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <location filename="../../qml/components/Composer.qml" line="223"/>
        <source>@all — everyone in the group</source>
        <translation>@all — 群里的所有人</translation>
    </message>
    <message>
        <location filename="../../qml/components/Composer.qml" line="241"/>
        <source>Send (Enter)</source>
        <translation>发送（Enter）</translation>
    </message>
    <message>
        <location filename="../../qml/components/Composer.qml" line="242"/>
        <source>Send</source>
        <translation>发送</translation>
    </message>
</context>
<context>
    <name>ConnectionBar</name>
    <message>
        <location filename="../../qml/components/ConnectionBar.qml" line="17"/>
        <source>Connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <location filename="../../qml/components/ConnectionBar.qml" line="18"/>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location filename="../../qml/components/ConnectionBar.qml" line="19"/>
        <source>Signed out on the server</source>
        <translation>已在服务器上退出登录</translation>
    </message>
    <message>
        <location filename="../../qml/components/ConnectionBar.qml" line="20"/>
        <source>Offline — reading and writing still work</source>
        <translation>离线——仍可阅读和撰写消息</translation>
    </message>
    <message numerus="yes">
        <location filename="../../qml/components/ConnectionBar.qml" line="61"/>
        <source>%1 · %n waiting to send</source>
        <translation>
            <numerusform>%1 · %n 条消息等待发送</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConversationList</name>
    <message>
        <location filename="../../qml/components/ConversationList.qml" line="50"/>
        <source>Chats</source>
        <translation>聊天</translation>
    </message>
    <message>
        <location filename="../../qml/components/ConversationList.qml" line="60"/>
        <source>New chat</source>
        <translation>新聊天</translation>
    </message>
    <message>
        <location filename="../../qml/components/ConversationList.qml" line="62"/>
        <source>New chat (Ctrl+N)</source>
        <translation>新聊天（Ctrl+N）</translation>
    </message>
    <message>
        <location filename="../../qml/components/ConversationList.qml" line="69"/>
        <source>People</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../qml/components/ConversationList.qml" line="71"/>
        <source>Friends and requests (Ctrl+P)</source>
        <translation>好友与好友请求（Ctrl+P）</translation>
    </message>
    <message>
        <location filename="../../qml/components/ConversationList.qml" line="83"/>
        <source>Groups</source>
        <translation>群组</translation>
    </message>
    <message>
        <location filename="../../qml/components/ConversationList.qml" line="85"/>
        <source>New group or join one</source>
        <translation>新建群组或加入群组</translation>
    </message>
    <message>
        <location filename="../../qml/components/ConversationList.qml" line="98"/>
        <source>New group…</source>
        <translation>新建群组…</translation>
    </message>
    <message>
        <location filename="../../qml/components/ConversationList.qml" line="103"/>
        <source>Find a group to join…</source>
        <translation>查找要加入的群组…</translation>
    </message>
    <message>
        <location filename="../../qml/components/ConversationList.qml" line="112"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../qml/components/ConversationList.qml" line="114"/>
        <source>Settings (Ctrl+,)</source>
        <translation>设置（Ctrl+,）</translation>
    </message>
    <message>
        <location filename="../../qml/components/ConversationList.qml" line="208"/>
        <source>Waiting to be sent</source>
        <translation>等待发送</translation>
    </message>
    <message>
        <location filename="../../qml/components/ConversationList.qml" line="209"/>
        <source>History not loaded yet</source>
        <translation>历史记录尚未加载</translation>
    </message>
    <message>
        <location filename="../../qml/components/ConversationList.qml" line="209"/>
        <source>No messages yet</source>
        <translation>还没有消息</translation>
    </message>
    <message>
        <location filename="../../qml/components/ConversationList.qml" line="210"/>
        <source>You: %1</source>
        <translation>我：%1</translation>
    </message>
    <message>
        <location filename="../../qml/components/ConversationList.qml" line="212"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../../qml/components/ConversationList.qml" line="236"/>
        <source>You were mentioned</source>
        <translation>有人提到了你</translation>
    </message>
    <message numerus="yes">
        <location filename="../../qml/components/ConversationList.qml" line="257"/>
        <source>%n unread</source>
        <translation>
            <numerusform>%n 条未读</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../qml/components/ConversationList.qml" line="271"/>
        <source>No conversations yet.
Start one with Ctrl+N.</source>
        <translation>还没有会话。
按 Ctrl+N 开始一个。</translation>
    </message>
</context>
<context>
    <name>GroupInfoPanel</name>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="32"/>
        <source>Owner</source>
        <translation>群主</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="32"/>
        <source>Admin</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="46"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../qml/components/GroupInfoPanel.qml" line="56"/>
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n 位成员</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../qml/components/GroupInfoPanel.qml" line="57"/>
        <source>%n online</source>
        <translation>
            <numerusform>%n 人在线</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="58"/>
        <source>anyone may join</source>
        <translation>任何人都可加入</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="59"/>
        <source>joining needs an admin&apos;s approval</source>
        <translation>加入需要管理员批准</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="60"/>
        <source>invitation only</source>
        <translation>仅限邀请</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="80"/>
        <source>Announcement</source>
        <translation>群公告</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="93"/>
        <source>Pinned for every member</source>
        <translation>对所有成员置顶显示</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="93"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="98"/>
        <source>Save announcement</source>
        <translation>保存公告</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="105"/>
        <source>Every member may @all (groups up to 100)</source>
        <translation>所有成员都可以 @all（不超过 100 人的群）</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="113"/>
        <source>You in this group</source>
        <translation>我在本群</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="126"/>
        <source>Your nickname here</source>
        <translation>我在本群的昵称</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="130"/>
        <source>Set</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="140"/>
        <source>A private note (only you see it)</source>
        <translation>私人备注（仅自己可见）</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="144"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="154"/>
        <source>Group name</source>
        <translation>群名称</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="158"/>
        <source>Rename</source>
        <translation>改名</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="168"/>
        <source>Asking to join</source>
        <translation>申请加入</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="193"/>
        <source>Approve</source>
        <translation>同意</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="198"/>
        <source>Decline</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="207"/>
        <source>Members</source>
        <translation>成员</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="220"/>
        <source>Invite (user names)</source>
        <translation>邀请（用户名）</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="227"/>
        <source>Invite</source>
        <translation>邀请</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="272"/>
        <source>Remove as admin</source>
        <translation>取消管理员</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="273"/>
        <source>Make admin</source>
        <translation>设为管理员</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="280"/>
        <source>Hand the group over</source>
        <translation>转让群组</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="284"/>
        <source>Remove from the group</source>
        <translation>移出群组</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="299"/>
        <source>Leave the group</source>
        <translation>退出群组</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="305"/>
        <source>Dissolve the group</source>
        <translation>解散群组</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="316"/>
        <source>Dissolve the group?</source>
        <translation>解散群组？</translation>
    </message>
    <message>
        <location filename="../../qml/components/GroupInfoPanel.qml" line="319"/>
        <source>Nobody can write in it any more; everyone keeps the history.</source>
        <translation>解散后任何人都不能再发言，所有人仍保留聊天记录。</translation>
    </message>
</context>
<context>
    <name>JoinGroupDialog</name>
    <message>
        <location filename="../../qml/components/JoinGroupDialog.qml" line="14"/>
        <source>Find a group</source>
        <translation>查找群组</translation>
    </message>
    <message>
        <location filename="../../qml/components/JoinGroupDialog.qml" line="37"/>
        <source>Request sent: an admin of the group decides.</source>
        <translation>申请已发送，由群管理员决定。</translation>
    </message>
    <message>
        <location filename="../../qml/components/JoinGroupDialog.qml" line="48"/>
        <source>Group name</source>
        <translation>群名称</translation>
    </message>
    <message>
        <location filename="../../qml/components/JoinGroupDialog.qml" line="55"/>
        <source>A note to the admins (groups by approval)</source>
        <translation>给管理员的留言（需批准的群组）</translation>
    </message>
    <message>
        <location filename="../../qml/components/JoinGroupDialog.qml" line="81"/>
        <source>Open</source>
        <translation>公开</translation>
    </message>
    <message>
        <location filename="../../qml/components/JoinGroupDialog.qml" line="81"/>
        <source>By approval</source>
        <translation>需批准</translation>
    </message>
    <message numerus="yes">
        <location filename="../../qml/components/JoinGroupDialog.qml" line="82"/>
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n 位成员</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../qml/components/JoinGroupDialog.qml" line="88"/>
        <source>Joined</source>
        <translation>已加入</translation>
    </message>
    <message>
        <location filename="../../qml/components/JoinGroupDialog.qml" line="89"/>
        <source>Join</source>
        <translation>加入</translation>
    </message>
    <message>
        <location filename="../../qml/components/JoinGroupDialog.qml" line="89"/>
        <source>Ask to join</source>
        <translation>申请加入</translation>
    </message>
    <message>
        <location filename="../../qml/components/JoinGroupDialog.qml" line="98"/>
        <source>No open group by that name.</source>
        <translation>没有这个名称的公开群组。</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../../qml/Main.qml" line="18"/>
        <source>Natter (%1)</source>
        <translation>Natter（%1）</translation>
    </message>
    <message>
        <location filename="../../qml/Main.qml" line="18"/>
        <source>Natter</source>
        <translation>Natter</translation>
    </message>
    <message>
        <location filename="../../qml/Main.qml" line="58"/>
        <source>Opening your conversations…</source>
        <translation>正在打开你的会话…</translation>
    </message>
</context>
<context>
    <name>MainPage</name>
    <message>
        <location filename="../../qml/pages/MainPage.qml" line="116"/>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location filename="../../qml/pages/MainPage.qml" line="117"/>
        <source>Offline — messages are sent when the connection returns</source>
        <translation>离线——连接恢复后将发送消息</translation>
    </message>
</context>
<context>
    <name>MessageDelegate</name>
    <message>
        <location filename="../../qml/components/MessageDelegate.qml" line="175"/>
        <source>Read by everyone</source>
        <translation>所有人已读</translation>
    </message>
    <message>
        <location filename="../../qml/components/MessageDelegate.qml" line="176"/>
        <source>Read by %1 of %2</source>
        <translation>%2 人中 %1 人已读</translation>
    </message>
    <message>
        <location filename="../../qml/components/MessageDelegate.qml" line="190"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../qml/components/MessageDelegate.qml" line="204"/>
        <source>Not sent: %1</source>
        <translation>未发送：%1</translation>
    </message>
    <message>
        <location filename="../../qml/components/MessageDelegate.qml" line="204"/>
        <source>Not sent</source>
        <translation>未发送</translation>
    </message>
    <message>
        <location filename="../../qml/components/MessageDelegate.qml" line="215"/>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
</context>
<context>
    <name>NewChatDialog</name>
    <message>
        <location filename="../../qml/components/NewChatDialog.qml" line="11"/>
        <source>New chat</source>
        <translation>新聊天</translation>
    </message>
    <message>
        <location filename="../../qml/components/NewChatDialog.qml" line="34"/>
        <source>This user name is not valid.</source>
        <translation>此用户名无效。</translation>
    </message>
    <message>
        <location filename="../../qml/components/NewChatDialog.qml" line="44"/>
        <source>Whom do you want to write to?</source>
        <translation>你想给谁发消息？</translation>
    </message>
    <message>
        <location filename="../../qml/components/NewChatDialog.qml" line="52"/>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../qml/components/NewChatDialog.qml" line="65"/>
        <source>Open chat</source>
        <translation>打开聊天</translation>
    </message>
</context>
<context>
    <name>NewGroupDialog</name>
    <message>
        <location filename="../../qml/components/NewGroupDialog.qml" line="12"/>
        <source>New group</source>
        <translation>新建群组</translation>
    </message>
    <message>
        <location filename="../../qml/components/NewGroupDialog.qml" line="53"/>
        <source>Group name</source>
        <translation>群名称</translation>
    </message>
    <message>
        <location filename="../../qml/components/NewGroupDialog.qml" line="61"/>
        <source>Members (user names, separated by commas)</source>
        <translation>成员（用户名，以逗号分隔）</translation>
    </message>
    <message>
        <location filename="../../qml/components/NewGroupDialog.qml" line="65"/>
        <source>Who may join</source>
        <translation>谁可以加入</translation>
    </message>
    <message>
        <location filename="../../qml/components/NewGroupDialog.qml" line="70"/>
        <source>Only people the admins invite</source>
        <translation>仅限管理员邀请的人</translation>
    </message>
    <message>
        <location filename="../../qml/components/NewGroupDialog.qml" line="70"/>
        <source>Anyone who asks, once an admin approves</source>
        <translation>任何人申请，经管理员批准后加入</translation>
    </message>
    <message>
        <location filename="../../qml/components/NewGroupDialog.qml" line="71"/>
        <source>Anyone who finds it</source>
        <translation>任何找到它的人</translation>
    </message>
    <message>
        <location filename="../../qml/components/NewGroupDialog.qml" line="73"/>
        <source>What new members see</source>
        <translation>新成员可以看到</translation>
    </message>
    <message>
        <location filename="../../qml/components/NewGroupDialog.qml" line="78"/>
        <source>Messages from when they join</source>
        <translation>加入之后的消息</translation>
    </message>
    <message>
        <location filename="../../qml/components/NewGroupDialog.qml" line="78"/>
        <source>The whole history</source>
        <translation>全部历史消息</translation>
    </message>
    <message>
        <location filename="../../qml/components/NewGroupDialog.qml" line="89"/>
        <source>Creating…</source>
        <translation>正在创建…</translation>
    </message>
    <message>
        <location filename="../../qml/components/NewGroupDialog.qml" line="89"/>
        <source>Create group</source>
        <translation>创建群组</translation>
    </message>
</context>
<context>
    <name>PeopleDialog</name>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="17"/>
        <source>People</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="37"/>
        <source>presence hidden</source>
        <translation>在线状态已隐藏</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="39"/>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="41"/>
        <source>last seen %1</source>
        <translation>最后在线 %1</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="76"/>
        <source>Friends (%1)</source>
        <translation>好友（%1）</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="79"/>
        <source>Requests (%1)</source>
        <translation>请求（%1）</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="80"/>
        <source>Requests</source>
        <translation>请求</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="82"/>
        <source>Find people</source>
        <translation>查找用户</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="83"/>
        <source>Blocked</source>
        <translation>已屏蔽</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="112"/>
        <source>Message</source>
        <translation>发消息</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="118"/>
        <source>No friends yet: find people to add them.</source>
        <translation>还没有好友：查找用户并添加他们。</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="132"/>
        <source>asks: “%1”</source>
        <translation>留言：“%1”</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="133"/>
        <source>asks to be your friend</source>
        <translation>请求添加你为好友</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="134"/>
        <source>waiting for an answer</source>
        <translation>等待对方回应</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="136"/>
        <location filename="../../qml/components/PeopleDialog.qml" line="189"/>
        <source>Accept</source>
        <translation>接受</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="136"/>
        <source>Decline</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="136"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="143"/>
        <source>No friend requests.</source>
        <translation>没有好友请求。</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="155"/>
        <source>Name or display name (2 letters or more)</source>
        <translation>用户名或显示名称（至少 2 个字符）</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="170"/>
        <source>A note with your request (optional)</source>
        <translation>附言（可选）</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="182"/>
        <source>friend</source>
        <translation>好友</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="183"/>
        <source>request sent</source>
        <translation>已发送请求</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="184"/>
        <source>asked you</source>
        <translation>已向你发出请求</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="188"/>
        <source>Add friend</source>
        <translation>添加好友</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="197"/>
        <source>Nobody found.</source>
        <translation>没有找到用户。</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="211"/>
        <source>cannot message you or ask to be your friend</source>
        <translation>无法给你发消息或请求加你为好友</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="213"/>
        <source>Unblock</source>
        <translation>取消屏蔽</translation>
    </message>
    <message>
        <location filename="../../qml/components/PeopleDialog.qml" line="219"/>
        <source>Nobody is blocked.</source>
        <translation>没有屏蔽任何人。</translation>
    </message>
</context>
<context>
    <name>ProfileCard</name>
    <message>
        <location filename="../../qml/components/ProfileCard.qml" line="72"/>
        <source>presence hidden</source>
        <translation>在线状态已隐藏</translation>
    </message>
    <message>
        <location filename="../../qml/components/ProfileCard.qml" line="73"/>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../qml/components/ProfileCard.qml" line="75"/>
        <source>last seen %1</source>
        <translation>最后在线 %1</translation>
    </message>
    <message>
        <location filename="../../qml/components/ProfileCard.qml" line="77"/>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../qml/components/ProfileCard.qml" line="92"/>
        <source>This is you: change your name and status in the settings.</source>
        <translation>这是你自己：可在设置中修改名称和状态。</translation>
    </message>
    <message>
        <location filename="../../qml/components/ProfileCard.qml" line="99"/>
        <source>Their note: “%1”</source>
        <translation>对方留言：“%1”</translation>
    </message>
    <message>
        <location filename="../../qml/components/ProfileCard.qml" line="107"/>
        <source>A note with your request (optional)</source>
        <translation>附言（可选）</translation>
    </message>
    <message>
        <location filename="../../qml/components/ProfileCard.qml" line="125"/>
        <source>Message</source>
        <translation>发消息</translation>
    </message>
    <message>
        <location filename="../../qml/components/ProfileCard.qml" line="132"/>
        <source>Add friend</source>
        <translation>添加好友</translation>
    </message>
    <message>
        <location filename="../../qml/components/ProfileCard.qml" line="138"/>
        <source>Accept</source>
        <translation>接受</translation>
    </message>
    <message>
        <location filename="../../qml/components/ProfileCard.qml" line="143"/>
        <source>Decline</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <location filename="../../qml/components/ProfileCard.qml" line="149"/>
        <source>Cancel request</source>
        <translation>撤回请求</translation>
    </message>
    <message>
        <location filename="../../qml/components/ProfileCard.qml" line="156"/>
        <source>Remove friend</source>
        <translation>删除好友</translation>
    </message>
    <message>
        <location filename="../../qml/components/ProfileCard.qml" line="162"/>
        <source>Unblock</source>
        <translation>取消屏蔽</translation>
    </message>
    <message>
        <location filename="../../qml/components/ProfileCard.qml" line="162"/>
        <source>Block</source>
        <translation>屏蔽</translation>
    </message>
</context>
<context>
    <name>QuickSwitcher</name>
    <message>
        <location filename="../../qml/components/QuickSwitcher.qml" line="107"/>
        <source>Jump to a conversation…</source>
        <translation>跳转到会话…</translation>
    </message>
    <message>
        <location filename="../../qml/components/QuickSwitcher.qml" line="127"/>
        <source>No conversations yet.</source>
        <translation>还没有会话。</translation>
    </message>
    <message>
        <location filename="../../qml/components/QuickSwitcher.qml" line="127"/>
        <source>No conversation matches.</source>
        <translation>没有匹配的会话。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="52"/>
        <source>Certificate</source>
        <translation>证书</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="60"/>
        <source>PEM file to trust (empty: authorities only)</source>
        <translation>要信任的 PEM 文件（留空：仅信任证书机构）</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="66"/>
        <source>Trust</source>
        <translation>信任</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="15"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="31"/>
        <source>never seen</source>
        <translation>从未上线</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="32"/>
        <source>last seen %1</source>
        <translation>最后上线 %1</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="43"/>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="48"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="50"/>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="71"/>
        <source>This device</source>
        <translation>本设备</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="86"/>
        <source>Profile</source>
        <translation>个人资料</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="88"/>
        <source>What your friends and people who find you see besides your user name.</source>
        <translation>除用户名外，好友和找到你的人能看到的信息。</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="98"/>
        <source>Display name</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="106"/>
        <source>Status line, e.g. “on holiday until Monday”</source>
        <translation>状态，例如“休假到周一”</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="122"/>
        <source>Save profile</source>
        <translation>保存资料</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="131"/>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="135"/>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="140"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="145"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="153"/>
        <source>Privacy</source>
        <translation>隐私</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="156"/>
        <source>Send read receipts</source>
        <translation>发送已读回执</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="162"/>
        <source>When this is off, nobody sees when you have read their messages, and you do not see when others have read yours.</source>
        <translation>关闭后，别人看不到你是否已读他们的消息，你也看不到别人是否已读你的消息。</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="169"/>
        <source>Show friends when I am online</source>
        <translation>向好友显示我的在线状态</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="175"/>
        <source>When this is off, your friends do not see when you are online or were last seen, and you do not see theirs.</source>
        <translation>关闭后，好友看不到你是否在线或最后在线时间，你也看不到他们的。</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="182"/>
        <source>Let people find me by name</source>
        <translation>允许他人通过名称找到我</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="189"/>
        <source>Only friends may message me</source>
        <translation>仅允许好友给我发消息</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="195"/>
        <source>Others can still ask to be your friend; group chats are not affected.</source>
        <translation>其他人仍可请求加你为好友；群聊不受影响。</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="210"/>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="212"/>
        <source>Every device with your account. Revoke a device you no longer use or have lost; it is signed out and cannot read new messages.</source>
        <translation>登录了你账户的所有设备。撤销不再使用或已丢失的设备后，它将被退出登录，且无法读取新消息。</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="244"/>
        <source>%1 (this device)</source>
        <translation>%1（本设备）</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="251"/>
        <source>revoked</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="258"/>
        <source>Revoke</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="272"/>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="285"/>
        <source>Revoke device?</source>
        <translation>撤销此设备？</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="288"/>
        <source>&quot;%1&quot; will be signed out and will no longer receive messages.</source>
        <translation>“%1”将被退出登录，并且不再接收消息。</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="299"/>
        <source>Log out?</source>
        <translation>退出登录？</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="302"/>
        <source>You will need your password to log in again on this device.</source>
        <translation>在本设备上重新登录时需要输入密码。</translation>
    </message>
</context>
<context>
    <name>SetupPage</name>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="119"/>
        <source>Server certificate (only for a self-hosted server whose certificate no authority signed)</source>
        <translation>服务器证书（仅用于证书未经任何机构签发的自托管服务器）</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="130"/>
        <source>Path of its PEM file, e.g. /home/me/natterd.pem</source>
        <translation>其 PEM 文件的路径，例如 /home/me/natterd.pem</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="23"/>
        <source>Please fill in the server, user name and password.</source>
        <translation>请填写服务器、用户名和密码。</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="27"/>
        <source>Please give this device a name.</source>
        <translation>请为此设备命名。</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="31"/>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="36"/>
        <source>Please choose a passphrase.</source>
        <translation>请设置一个口令。</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="40"/>
        <source>The two passphrases differ.</source>
        <translation>两次输入的口令不一致。</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="84"/>
        <source>Welcome to Natter</source>
        <translation>欢迎使用 Natter</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="90"/>
        <source>Your messages live on this computer and sync when you are online.</source>
        <translation>你的消息保存在这台电脑上，联网时自动同步。</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="103"/>
        <location filename="../../qml/pages/SetupPage.qml" line="260"/>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="104"/>
        <location filename="../../qml/pages/SetupPage.qml" line="260"/>
        <source>Create account</source>
        <translation>创建账户</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="107"/>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="136"/>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="146"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="152"/>
        <source>At least 8 characters</source>
        <translation>至少 8 个字符</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="162"/>
        <source>Repeat the password</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="167"/>
        <source>Device name</source>
        <translation>设备名称</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="60"/>
        <source>My computer</source>
        <translation>我的电脑</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="177"/>
        <source>Key storage</source>
        <translation>密钥存储</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="183"/>
        <source>Messages are stored encrypted on this computer: the system keychain can hold the key and unlock it with your login, or you type a passphrase at every start.</source>
        <translation>消息在这台电脑上加密存储：密钥可以保存在系统钥匙串中并随你的系统登录自动解锁，或者每次启动时输入口令。</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="191"/>
        <source>Keep the key in the system keychain</source>
        <translation>将密钥保存在系统钥匙串中</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="198"/>
        <source>Protect with a passphrase</source>
        <translation>使用口令保护</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="204"/>
        <source>No system keychain answered, so the key cannot be stored there: a passphrase is required.</source>
        <translation>没有可用的系统钥匙串响应，密钥无法保存在其中：必须设置口令。</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="215"/>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="225"/>
        <source>Repeat the passphrase</source>
        <translation>再次输入口令</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="231"/>
        <source>There is no way to recover a forgotten passphrase.</source>
        <translation>忘记的口令无法找回。</translation>
    </message>
</context>
<context>
    <name>SystemLine</name>
    <message>
        <location filename="../../qml/components/SystemLine.qml" line="20"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../qml/components/SystemLine.qml" line="22"/>
        <source>%1 created the group “%2”</source>
        <translation>%1 创建了群组“%2”</translation>
    </message>
    <message>
        <location filename="../../qml/components/SystemLine.qml" line="23"/>
        <source>%1 added %2</source>
        <translation>%1 邀请 %2 加入了群组</translation>
    </message>
    <message>
        <location filename="../../qml/components/SystemLine.qml" line="24"/>
        <source>%1 removed %2</source>
        <translation>%1 将 %2 移出了群组</translation>
    </message>
    <message>
        <location filename="../../qml/components/SystemLine.qml" line="25"/>
        <source>%1 left the group</source>
        <translation>%1 退出了群组</translation>
    </message>
    <message>
        <location filename="../../qml/components/SystemLine.qml" line="27"/>
        <source>%1 made %2 an admin</source>
        <translation>%1 将 %2 设为管理员</translation>
    </message>
    <message>
        <location filename="../../qml/components/SystemLine.qml" line="28"/>
        <source>%1 made %2 a member</source>
        <translation>%1 取消了 %2 的管理员身份</translation>
    </message>
    <message>
        <location filename="../../qml/components/SystemLine.qml" line="29"/>
        <source>%1 handed the group over to %2</source>
        <translation>%1 将群主转让给了 %2</translation>
    </message>
    <message>
        <location filename="../../qml/components/SystemLine.qml" line="30"/>
        <source>%1 renamed the group to “%2”</source>
        <translation>%1 将群名称改为“%2”</translation>
    </message>
    <message>
        <location filename="../../qml/components/SystemLine.qml" line="32"/>
        <source>%1 cleared the announcement</source>
        <translation>%1 清除了群公告</translation>
    </message>
    <message>
        <location filename="../../qml/components/SystemLine.qml" line="33"/>
        <source>%1 changed the announcement</source>
        <translation>%1 修改了群公告</translation>
    </message>
    <message>
        <location filename="../../qml/components/SystemLine.qml" line="34"/>
        <source>%1 dissolved the group</source>
        <translation>%1 解散了群组</translation>
    </message>
    <message>
        <location filename="../../qml/components/SystemLine.qml" line="36"/>
        <source>%1 joined the group</source>
        <translation>%1 加入了群组</translation>
    </message>
    <message>
        <location filename="../../qml/components/SystemLine.qml" line="37"/>
        <source>%1 let %2 join the group</source>
        <translation>%1 同意 %2 加入群组</translation>
    </message>
    <message>
        <location filename="../../qml/components/SystemLine.qml" line="39"/>
        <source>%1 cleared their nickname</source>
        <translation>%1 清除了群昵称</translation>
    </message>
    <message>
        <location filename="../../qml/components/SystemLine.qml" line="40"/>
        <source>%1 now goes by “%2” in this group</source>
        <translation>%1 的群昵称改为“%2”</translation>
    </message>
    <message>
        <location filename="../../qml/components/SystemLine.qml" line="42"/>
        <source>%1 let every member mention everyone</source>
        <translation>%1 允许所有成员 @所有人</translation>
    </message>
    <message>
        <location filename="../../qml/components/SystemLine.qml" line="43"/>
        <source>%1 let only admins mention everyone</source>
        <translation>%1 设置为仅管理员可以 @所有人</translation>
    </message>
    <message>
        <location filename="../../qml/components/SystemLine.qml" line="44"/>
        <source>%1 changed the group</source>
        <translation>%1 修改了群组</translation>
    </message>
</context>
<context>
    <name>UnlockPage</name>
    <message>
        <location filename="../../qml/pages/UnlockPage.qml" line="35"/>
        <source>Unlock Natter</source>
        <translation>解锁 Natter</translation>
    </message>
    <message>
        <location filename="../../qml/pages/UnlockPage.qml" line="42"/>
        <source>Enter the passphrase that protects %1&apos;s messages on this computer.</source>
        <translation>请输入保护 %1 在这台电脑上的消息的口令。</translation>
    </message>
    <message>
        <location filename="../../qml/pages/UnlockPage.qml" line="43"/>
        <source>Enter the passphrase that protects your messages on this computer.</source>
        <translation>请输入保护你在这台电脑上的消息的口令。</translation>
    </message>
    <message>
        <location filename="../../qml/pages/UnlockPage.qml" line="54"/>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <location filename="../../qml/pages/UnlockPage.qml" line="79"/>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../../app/desktop/DesktopApp.cpp" line="27"/>
        <source>Natter, a local-first messenger.</source>
        <translation>Natter，本地优先的即时通讯软件。</translation>
    </message>
    <message>
        <location filename="../../app/desktop/DesktopApp.cpp" line="31"/>
        <source>Profile directory.</source>
        <translation>配置目录。</translation>
    </message>
    <message>
        <location filename="../../app/desktop/DesktopApp.cpp" line="34"/>
        <source>Never use the system keychain for this profile.</source>
        <translation>此配置从不使用系统钥匙串。</translation>
    </message>
    <message>
        <location filename="../../app/desktop/DesktopApp.cpp" line="36"/>
        <source>Print the time when the first conversation list frame is shown (for benchmarks).</source>
        <translation>打印会话列表首帧显示的时间（用于基准测试）。</translation>
    </message>
</context>
<context>
    <name>natter::AppContext</name>
    <message>
        <location filename="../../app/desktop/AppContext.cpp" line="44"/>
        <source>The local store is damaged or not a Natter store (%1).</source>
        <translation>本地存储已损坏，或不是 Natter 存储（%1）。</translation>
    </message>
</context>
<context>
    <name>natter::ChatsController</name>
    <message>
        <location filename="../../app/desktop/chats/ChatsController.cpp" line="108"/>
        <source>“%1” is not a valid user name.</source>
        <translation>“%1”不是有效的用户名。</translation>
    </message>
    <message>
        <location filename="../../app/desktop/chats/ChatsController.cpp" line="113"/>
        <source>That is you.</source>
        <translation>这是你自己。</translation>
    </message>
    <message>
        <location filename="../../app/desktop/chats/ChatsController.cpp" line="141"/>
        <source>The message is too long (%1 characters; the limit is %2).</source>
        <translation>消息太长（%1 个字符；上限为 %2）。</translation>
    </message>
</context>
<context>
    <name>natter::DevicesController</name>
    <message>
        <location filename="../../app/desktop/devices/DevicesController.cpp" line="12"/>
        <source>Cannot list the devices: %1</source>
        <translation>无法列出设备：%1</translation>
    </message>
</context>
<context>
    <name>natter::EngineHost</name>
    <message>
        <location filename="../../app/desktop/engine/EngineHost.h" line="72"/>
        <source>the local store is not open</source>
        <translation>本地存储尚未打开</translation>
    </message>
    <message>
        <location filename="../../app/desktop/engine/EngineHost.cpp" line="65"/>
        <source>Cannot save the trusted certificate: %1</source>
        <translation>无法保存受信任的证书：%1</translation>
    </message>
    <message>
        <location filename="../../app/desktop/engine/EngineHost.cpp" line="103"/>
        <source>Cannot queue the message: %1</source>
        <translation>无法将消息加入发送队列：%1</translation>
    </message>
    <message>
        <location filename="../../app/desktop/engine/EngineHost.cpp" line="188"/>
        <source>Log out failed: %1</source>
        <translation>退出登录失败：%1</translation>
    </message>
</context>
<context>
    <name>natter::GroupsController</name>
    <message>
        <location filename="../../app/desktop/groups/GroupsController.cpp" line="28"/>
        <source>Refused: %1</source>
        <translation>被拒绝：%1</translation>
    </message>
    <message>
        <location filename="../../app/desktop/groups/GroupsController.cpp" line="100"/>
        <location filename="../../app/desktop/groups/GroupsController.cpp" line="242"/>
        <source>A group needs a name.</source>
        <translation>群组需要一个名称。</translation>
    </message>
    <message>
        <location filename="../../app/desktop/groups/GroupsController.cpp" line="106"/>
        <source>Cannot create the group: %1</source>
        <translation>无法创建群组：%1</translation>
    </message>
    <message>
        <location filename="../../app/desktop/groups/GroupsController.cpp" line="131"/>
        <source>Cannot load the group: %1</source>
        <translation>无法加载群组：%1</translation>
    </message>
    <message>
        <location filename="../../app/desktop/groups/GroupsController.cpp" line="155"/>
        <source>Cannot list the requests: %1</source>
        <translation>无法列出申请：%1</translation>
    </message>
    <message>
        <location filename="../../app/desktop/groups/GroupsController.cpp" line="173"/>
        <source>Cannot queue the change: %1</source>
        <translation>无法加入待发送队列：%1</translation>
    </message>
    <message>
        <location filename="../../app/desktop/groups/GroupsController.cpp" line="288"/>
        <source>Cannot search: %1</source>
        <translation>无法搜索：%1</translation>
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
        <translation>打开</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/desktop/notifications/Notifier.cpp" line="96"/>
        <source>Natter — %n unread</source>
        <translation>
            <numerusform>Natter — %n 条未读</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>natter::PrivacyController</name>
    <message>
        <location filename="../../app/desktop/privacy/PrivacyController.cpp" line="15"/>
        <location filename="../../app/desktop/privacy/PrivacyController.cpp" line="73"/>
        <source>Cannot change the setting: %1</source>
        <translation>无法更改设置：%1</translation>
    </message>
</context>
<context>
    <name>natter::SessionController</name>
    <message>
        <location filename="../../app/desktop/session/SessionController.cpp" line="32"/>
        <source>This device was logged out: %1</source>
        <translation>此设备已退出登录：%1</translation>
    </message>
    <message>
        <location filename="../../app/desktop/session/SessionController.cpp" line="43"/>
        <source>The keychain is turned off for this profile.</source>
        <translation>此配置已关闭钥匙串。</translation>
    </message>
    <message>
        <location filename="../../app/desktop/session/SessionController.cpp" line="62"/>
        <source>The key of this profile could not be read from the system keychain (%1). Unlock the keychain and restart Natter.</source>
        <translation>无法从系统钥匙串读取此配置的密钥（%1）。请解锁钥匙串并重新启动 Natter。</translation>
    </message>
    <message>
        <location filename="../../app/desktop/session/SessionController.cpp" line="64"/>
        <source>wrong size</source>
        <translation>长度不对</translation>
    </message>
    <message>
        <location filename="../../app/desktop/session/SessionController.cpp" line="139"/>
        <source>A server certificate is only used with wss://.</source>
        <translation>服务器证书只用于 wss://。</translation>
    </message>
    <message>
        <location filename="../../app/desktop/session/SessionController.cpp" line="142"/>
        <source>Cannot read the certificate file %1: %2</source>
        <translation>无法读取证书文件 %1：%2</translation>
    </message>
    <message>
        <location filename="../../app/desktop/session/SessionController.cpp" line="146"/>
        <source>%1 holds no PEM certificate.</source>
        <translation>%1 中没有 PEM 证书。</translation>
    </message>
    <message>
        <location filename="../../app/desktop/session/SessionController.cpp" line="170"/>
        <source>A user name has 1 to 32 lowercase letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;.</source>
        <translation>用户名由 1 到 32 个小写字母、数字、&apos;.&apos;、&apos;_&apos; 或 &apos;-&apos; 组成。</translation>
    </message>
    <message>
        <location filename="../../app/desktop/session/SessionController.cpp" line="173"/>
        <source>The password needs at least %1 characters.</source>
        <translation>密码至少需要 %1 个字符。</translation>
    </message>
    <message>
        <location filename="../../app/desktop/session/SessionController.cpp" line="176"/>
        <source>The server address starts with ws:// or wss://.</source>
        <translation>服务器地址以 ws:// 或 wss:// 开头。</translation>
    </message>
    <message>
        <location filename="../../app/desktop/session/SessionController.cpp" line="178"/>
        <source>No keychain is available: choose a passphrase.</source>
        <translation>没有可用的钥匙串：请设置口令。</translation>
    </message>
    <message>
        <location filename="../../app/desktop/session/SessionController.cpp" line="180"/>
        <source>The passphrase needs at least 8 characters.</source>
        <translation>口令至少需要 8 个字符。</translation>
    </message>
    <message>
        <location filename="../../app/desktop/session/SessionController.cpp" line="182"/>
        <source>This profile already has an account.</source>
        <translation>此配置已经有账户。</translation>
    </message>
    <message>
        <location filename="../../app/desktop/session/SessionController.cpp" line="223"/>
        <source>The system keychain refused the key: %1</source>
        <translation>系统钥匙串拒绝了密钥：%1</translation>
    </message>
    <message>
        <location filename="../../app/desktop/session/SessionController.cpp" line="228"/>
        <source>Cannot write to %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <location filename="../../app/desktop/session/SessionController.cpp" line="245"/>
        <source>Wrong passphrase.</source>
        <translation>口令错误。</translation>
    </message>
</context>
</TS>
